//! `notify_command`: a program of the owner's run on each new comment.

use std::{
    path::Path,
    process::{Command, Stdio},
};

use crate::store::{CommentFile, State};

/// Runs `notify_command` for a new comment, with its fields in the
/// environment, never through a shell; does not wait for it.
pub fn run(
    command: &[String],
    root: &Path,
    slug: &str,
    state: State,
    file: &CommentFile,
    path: &Path,
) {
    let Some((program, arguments)) = command.split_first() else {
        return;
    };
    let spawned = Command::new(program)
        .args(arguments)
        .current_dir(root)
        .stdin(Stdio::null())
        .envs([
            ("WELLPRESS_COMMENT_ID", file._id.as_str()),
            ("WELLPRESS_COMMENT_ARTICLE", slug),
            ("WELLPRESS_COMMENT_STATE", state.word()),
            ("WELLPRESS_COMMENT_NAME", file.name.as_str()),
            ("WELLPRESS_COMMENT_EMAIL_MD5", file.email.as_str()),
            ("WELLPRESS_COMMENT_URL", file.url.as_str()),
            ("WELLPRESS_COMMENT_MESSAGE", file.message.as_str()),
            ("WELLPRESS_COMMENT_REPLYING_TO", file.replying_to.as_str()),
            ("WELLPRESS_COMMENT_DATE", file.date.as_str()),
        ])
        .env("WELLPRESS_COMMENT_FILE", path)
        .spawn();
    match spawned {
        Ok(mut child) => {
            let program = program.clone();
            std::thread::spawn(move || match child.wait() {
                Ok(status) if !status.success() => {
                    eprintln!("wellpress-comments: notify_command {program} ended with {status}")
                }
                Err(error) => {
                    eprintln!("wellpress-comments: notify_command {program}: {error}")
                }
                Ok(_) => {}
            });
        }
        Err(error) => {
            eprintln!("wellpress-comments: could not run notify_command {program}: {error}")
        }
    }
}

#[cfg(test)]
mod tests {
    use std::{fs, time::Duration};

    use crate::{
        config::Config,
        receive::{
            Receiver,
            tests::{body, post, site},
        },
        store::Store,
    };

    #[test]
    fn runs_the_notify_command_with_the_fields_and_no_shell() {
        let root = site("notify");
        let out = root.join("notified");
        let receiver = Receiver::new(
            Store::new(&root),
            Config {
                notify_command: vec![
                    "sh".into(),
                    "-c".into(),
                    "printf '%s|%s|%s' \"$WELLPRESS_COMMENT_ARTICLE\" \"$WELLPRESS_COMMENT_NAME\" \"$WELLPRESS_COMMENT_MESSAGE\" > notified".into(),
                ],
                ..Config::default()
            },
        );
        // Text that a shell would run, were it ever given to one.
        post(&receiver, &body("%24(touch+pwned)+%60touch+pwned%60"));
        for _ in 0..100 {
            if out.exists() && !fs::read_to_string(&out).unwrap().is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(
            fs::read_to_string(&out).unwrap(),
            "naps|Ann|$(touch pwned) `touch pwned`"
        );
        assert!(!root.join("pwned").exists());
        fs::remove_dir_all(&root).unwrap();
    }
}
