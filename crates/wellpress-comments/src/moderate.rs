//! Moderation from the terminal: the pending list, one comment in full,
//! and moving comments to approved, rejected or spam.
//!
//! Everything shown is visitor-supplied text, so control characters
//! (which could move the cursor or recolour the terminal) are shown as
//! `�`, never passed through.

use std::{
    path::PathBuf,
    process::Command,
    time::{Duration, SystemTime},
};

use anyhow::{Context, Result, bail};
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

use crate::store::{State, Store};

/// Visitor text made safe for a terminal: control characters become `�`,
/// line breaks become spaces when `one_line`.
pub fn printable(text: &str, one_line: bool) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' if one_line => ' ',
            '\n' | '\t' => c,
            c if c.is_control() || ('\u{200b}'..='\u{200f}').contains(&c) => '\u{fffd}',
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// At most `width` characters of `text`, with `…` when cut.
fn cut(text: &str, width: usize) -> String {
    let text = printable(text, true);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= width {
        text
    } else {
        let mut short: String = text.chars().take(width - 1).collect();
        short.push('…');
        short
    }
}

/// How long ago `date` (ISO 8601) was, in the largest whole unit.
pub fn age(date: &str, now: SystemTime) -> String {
    let Ok(then) = OffsetDateTime::parse(date, &Rfc3339) else {
        return "?".into();
    };
    let now = OffsetDateTime::from(now);
    let seconds = (now - then).whole_seconds().max(0) as u64;
    let age = Duration::from_secs(seconds);
    match age.as_secs() {
        0..60 => "just now".into(),
        60..3600 => format!("{} min", age.as_secs() / 60),
        3600..86_400 => format!("{} h", age.as_secs() / 3600),
        _ => format!("{} d", age.as_secs() / 86_400),
    }
}

/// The pending comments as a table, oldest first.
pub fn pending_table(store: &Store, now: SystemTime) -> String {
    let pending = store.in_state(State::Pending);
    if pending.is_empty() {
        return "No comments await moderation.\n".into();
    }
    let rows: Vec<[String; 6]> = pending
        .iter()
        .map(|c| {
            [
                c.file._id.clone(),
                c.slug.clone(),
                cut(&c.file.name, 20),
                cut(&c.file.message, 40),
                c.file.links().to_string(),
                age(&c.file.date, now),
            ]
        })
        .collect();
    let header = ["ID", "ARTICLE", "NAME", "FIRST WORDS", "LINKS", "AGE"];
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[&str]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, &width)| {
                let pad = width.saturating_sub(cell.chars().count());
                format!("{cell}{}", " ".repeat(pad))
            })
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(&header);
    for row in &rows {
        out += &line(&row.iter().map(String::as_str).collect::<Vec<_>>());
    }
    let count = pending.len();
    out += &format!(
        "\n{count} comment{} pending. `show <id>` reads one; `approve`, `reject` or `spam` <id>… decides.\n",
        if count == 1 { "" } else { "s" }
    );
    out
}

/// One comment in full, in whatever state it is.
pub fn show(store: &Store, id: &str) -> Result<String> {
    let found = State::ALL
        .into_iter()
        .flat_map(|state| store.in_state(state))
        .find(|c| c.file._id == id);
    let Some(c) = found else {
        bail!("no comment has the id {id}: `wellpress-comments pending` lists the pending ones");
    };
    let f = &c.file;
    let mut out = format!(
        "id:          {}\narticle:     /{}/\nstate:       {}\nname:        {}\ndate:        {}\n",
        f._id,
        c.slug,
        c.state.word(),
        printable(&f.name, true),
        f.date
    );
    if !f.url.is_empty() {
        out += &format!("website:     {}\n", printable(&f.url, true));
    }
    if !f.replying_to.is_empty() {
        out += &format!("replying to: {}\n", printable(&f.replying_to, true));
    }
    out += &format!(
        "links:       {}\n\n{}\n",
        c.file.links(),
        printable(&f.message, false)
    );
    Ok(out)
}

/// Moves pending comments to `state`. Every id is checked before anything
/// moves, so a mistyped id changes nothing. With `commit` (approving), the
/// approved files are committed in the site's git repository.
pub fn decide(store: &Store, ids: &[String], state: State, commit: bool) -> Result<String> {
    if ids.is_empty() {
        bail!("name at least one comment id: `wellpress-comments pending` lists them");
    }
    let chosen = store.find_pending(ids).map_err(|(id, now)| match now {
        Some(state) => anyhow::anyhow!("comment {id} is already {}: nothing was changed", state.word()),
        None => anyhow::anyhow!(
            "no pending comment has the id {id}: nothing was changed (`wellpress-comments pending` lists them)"
        ),
    })?;
    let mut moved: Vec<PathBuf> = Vec::new();
    let mut out = String::new();
    for comment in &chosen {
        let to = store
            .move_to(comment, state)
            .with_context(|| format!("moving comment {} to {}", comment.file._id, state.dir()))?;
        out += &format!(
            "{} ({} on /{}/): {}\n",
            comment.file._id,
            cut(&comment.file.name, 30),
            comment.slug,
            state.word()
        );
        moved.push(to.strip_prefix(store.root()).unwrap_or(&to).to_owned());
    }
    if commit {
        if state != State::Approved {
            bail!(
                "--commit goes with approve only: rejected and spam comments stay out of the site's repository"
            );
        }
        git_commit(store, &moved, chosen.len())?;
        out += "Committed: the site's next build publishes them.\n";
    } else if state == State::Approved {
        out += "The site's next build publishes them.\n";
    }
    Ok(out)
}

fn git_commit(store: &Store, paths: &[PathBuf], count: usize) -> Result<()> {
    let git = |args: &[&str]| -> Result<()> {
        let done = Command::new("git")
            .arg("-C")
            .arg(store.root())
            .args(args)
            .args(paths)
            .output()
            .context("running git (is it installed?)")?;
        if !done.status.success() {
            bail!(
                "git {} failed: {}",
                args[0],
                String::from_utf8_lossy(&done.stderr).trim()
            );
        }
        Ok(())
    };
    git(&["add", "--"])?;
    let message = format!(
        "Comments: {count} approved{}",
        if count == 1 { "" } else { " together" }
    );
    git(&["commit", "--quiet", "-m", &message, "--"])
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::{
        receive::tests::{body, post, receiver, site},
        store::PENDING_DIR,
    };

    #[test]
    fn terminal_control_characters_never_pass() {
        assert_eq!(
            printable("Ann\u{1b}[31mRed\u{7}", true),
            "Ann\u{fffd}[31mRed\u{fffd}"
        );
        assert_eq!(printable("a\nb", true), "a b");
        assert_eq!(printable("a\nb", false), "a\nb");
        assert_eq!(printable("evil\u{202e}txt", false), "evil\u{fffd}txt");
    }

    #[test]
    fn ages_read_as_an_owner_would_say_them() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_000_000);
        assert_eq!(age("2026-11-18T11:06:10Z", now), "just now");
        assert_eq!(age("2026-11-18T10:07:40Z", now), "59 min");
        assert_eq!(age("2026-11-18T10:06:40Z", now), "1 h");
        assert_eq!(age("2026-11-18T08:00:00Z", now), "3 h");
        assert_eq!(age("2026-11-10T08:00:00Z", now), "8 d");
        assert_eq!(age("yesterday", now), "?");
    }

    #[test]
    fn pending_show_approve_reject_and_spam() {
        let root = site("moderate");
        let receiver = receiver(&root);
        let store = receiver.store();
        let now = SystemTime::now();
        assert_eq!(pending_table(store, now), "No comments await moderation.\n");
        for message in [
            "First+one",
            "Visit+https%3A%2F%2Fa.example+and+http%3A%2F%2Fb.example",
            "Third",
            "Fourth",
        ] {
            assert_eq!(post(&receiver, &body(message)).status, 200);
            std::thread::sleep(Duration::from_millis(2));
        }
        let ids: Vec<String> = store
            .in_state(State::Pending)
            .iter()
            .map(|c| c.file._id.clone())
            .collect();
        let table = pending_table(store, now);
        assert!(table.starts_with("ID"), "{table}");
        assert!(table.contains("4 comments pending"), "{table}");
        let second = table.lines().find(|l| l.contains("Visit")).unwrap();
        assert!(
            second.contains(&ids[1]) && second.contains("naps"),
            "{table}"
        );
        assert!(second.contains(" 2 "), "two links: {table}");
        assert!(show(store, &ids[0]).unwrap().contains("First one"));

        // A mistyped id changes nothing.
        let wrong = decide(
            store,
            &[ids[0].clone(), "nope".into()],
            State::Approved,
            false,
        );
        assert!(
            wrong
                .unwrap_err()
                .to_string()
                .contains("no pending comment has the id nope")
        );
        assert_eq!(store.in_state(State::Pending).len(), 4);

        decide(store, &[ids[0].clone()], State::Approved, false).unwrap();
        decide(store, &[ids[1].clone()], State::Spam, false).unwrap();
        decide(store, &[ids[2].clone()], State::Rejected, false).unwrap();
        assert!(
            root.join("content/comments/naps")
                .join(format!("{}.yml", ids[0]))
                .is_file()
        );
        assert!(
            root.join("comments-spam/naps")
                .join(format!("{}.yml", ids[1]))
                .is_file()
        );
        assert!(
            root.join("comments-rejected/naps")
                .join(format!("{}.yml", ids[2]))
                .is_file()
        );
        let again = decide(store, &[ids[0].clone()], State::Rejected, false);
        assert!(again.unwrap_err().to_string().contains("already approved"));
        assert!(
            show(store, &ids[1])
                .unwrap()
                .contains("state:       marked as spam")
        );
        let table = pending_table(store, now);
        assert!(
            table.contains("1 comment pending") && table.contains(&ids[3]),
            "{table}"
        );
        // A late retry of a rejected comment is not received again.
        assert_eq!(
            post(&receiver, &body("Third")).body,
            r#"{"success":true,"duplicate":true}"#
        );
        assert_eq!(store.in_state(State::Pending).len(), 1);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn approve_with_commit_commits_the_approved_files_only() {
        let root = site("commit");
        let git = |args: &[&str]| {
            let done = Command::new("git")
                .arg("-C")
                .arg(&root)
                .args(args)
                .output()
                .unwrap();
            assert!(
                done.status.success(),
                "{}",
                String::from_utf8_lossy(&done.stderr)
            );
            String::from_utf8(done.stdout).unwrap()
        };
        git(&["init", "--quiet"]);
        git(&["config", "user.email", "owner@example.org"]);
        git(&["config", "user.name", "Owner"]);
        fs::write(root.join(".gitignore"), format!("/{PENDING_DIR}\n")).unwrap();
        git(&["add", "."]);
        git(&["commit", "--quiet", "-m", "Site"]);
        let receiver = receiver(&root);
        let store = receiver.store();
        post(&receiver, &body("Hello"));
        let id = store.in_state(State::Pending)[0].file._id.clone();
        let said = decide(store, std::slice::from_ref(&id), State::Approved, true).unwrap();
        assert!(said.contains("Committed"), "{said}");
        let shown = git(&["show", "--stat", "--format=%s", "HEAD"]);
        assert!(shown.starts_with("Comments: 1 approved"), "{shown}");
        assert!(
            shown.contains(&format!("content/comments/naps/{id}.yml")),
            "{shown}"
        );
        assert_eq!(git(&["status", "--porcelain"]), "");
        fs::remove_dir_all(&root).unwrap();
    }
}
