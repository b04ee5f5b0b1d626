//! One submission of the comment form: checked, then stored once.
//!
//! The request is Staticman's: form-encoded `fields[name]`,
//! `fields[email]`, `fields[url]`, `fields[message]`,
//! `fields[replying_to]` and `options[slug]`, plus `options[key]`, the
//! idempotency key the site's form sends with each comment (Staticman
//! ignores options it does not know). Answers are Staticman's too:
//! `{"success":true}`, or `{"success":false,"errorCode":…}` with a status.

use std::{
    collections::HashMap,
    fs,
    path::Path,
    sync::Mutex,
    time::{SystemTime, UNIX_EPOCH},
};

use wellpress_content::{dates::iso_from_unix, slug::slugify};

use crate::store::{CommentFile, Store};

/// What the receiver answers.
#[derive(Debug, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: String,
    /// Seconds to wait before trying again, for `503` and `429`.
    pub retry_after: Option<u32>,
}

impl Reply {
    fn new(status: u16, body: &str) -> Reply {
        Reply {
            status,
            body: body.to_owned(),
            retry_after: None,
        }
    }

    fn refused(status: u16, code: &str, message: &str) -> Reply {
        let body = serde_json::json!({ "success": false, "errorCode": code, "message": message });
        Reply::new(status, &body.to_string())
    }

    /// Stored, or stored before (a retry).
    pub fn accepted(duplicate: bool) -> Reply {
        if duplicate {
            Reply::new(200, r#"{"success":true,"duplicate":true}"#)
        } else {
            Reply::new(200, r#"{"success":true}"#)
        }
    }

    /// The comment could not be stored now; the browser keeps it and
    /// sends it again.
    pub fn cannot_save() -> Reply {
        Reply {
            retry_after: Some(60),
            ..Reply::refused(
                503,
                "CANNOT_SAVE",
                "The comment could not be saved just now. It is kept and sent again shortly.",
            )
        }
    }
}

/// Decodes an `application/x-www-form-urlencoded` body.
pub fn parse_form(body: &[u8]) -> HashMap<String, String> {
    form_urlencoded::parse(body).into_owned().collect()
}

/// Whether an idempotency key is one the form makes: letters, digits, `-`
/// and `_`, at most 100 of them.
fn valid_key(key: &str) -> bool {
    (1..=100).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Handles one submission. With a key, a comment is stored once per key,
/// whatever the number of retries; without one (a Staticman client, a
/// plain form post), a second copy of the same comment on the same article
/// (same name, text and reply target) is taken for a retry and not stored
/// again. A different key with the same comment is a second post of it,
/// which WordPress refuses too.
pub fn receive(store: &Store, body: &[u8], now: SystemTime) -> Reply {
    let form = parse_form(body);
    let field = |name: &str| {
        form.get(&format!("fields[{name}]"))
            .map_or("", |v| v.trim())
    };
    let slug = form.get("options[slug]").map_or("", |v| v.trim());
    if slug.is_empty() || slugify(slug) != slug || !article_exists(store.root(), slug) {
        return Reply::refused(
            400,
            "UNKNOWN_ARTICLE",
            "This article does not take comments here.",
        );
    }
    let (name, email, url, message) = (
        field("name"),
        field("email"),
        field("url"),
        field("message"),
    );
    let too_long = name.chars().count() > 245
        || email.chars().count() > 100
        || url.chars().count() > 200
        || message.chars().count() > 65_525;
    if name.is_empty() || email.is_empty() || message.is_empty() || !email.contains('@') || too_long
    {
        return Reply::refused(
            400,
            "MISSING_OR_INVALID_FIELDS",
            "Please fill in your name, a valid email address and your comment.",
        );
    }
    let is_web_address = url.starts_with("http://") || url.starts_with("https://");
    if !url.is_empty() && !is_web_address {
        return Reply::refused(400, "INVALID_URL", "Your website address is not valid.");
    }
    let key = form.get("options[key]").map_or("", |k| k.trim());
    if !key.is_empty() && !valid_key(key) {
        return Reply::refused(400, "INVALID_KEY", "The comment's key is not valid.");
    }
    let key_hash = if key.is_empty() {
        String::new()
    } else {
        md5_hex(key.as_bytes())
    };

    let elapsed = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    let file = CommentFile {
        _id: format!("{}-{}", elapsed.as_millis(), &md5_hex(body)[..6]),
        name: name.to_owned(),
        email: md5_hex(email.to_lowercase().as_bytes()),
        url: url.to_owned(),
        message: message.to_owned(),
        replying_to: field("replying_to").to_owned(),
        date: iso_from_unix(elapsed.as_secs() as i64).unwrap_or_default(),
        _key: key_hash,
    };

    // One submission at a time: a retry arriving while the first copy is
    // being written must find it.
    static SAVING: Mutex<()> = Mutex::new(());
    let _saving = SAVING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let existing = store.of_article(slug);
    if !file._key.is_empty() && existing.iter().any(|c| c.file._key == file._key) {
        return Reply::accepted(true);
    }
    let same_comment = existing.iter().any(|c| {
        c.file.name == file.name
            && c.file.message == file.message
            && c.file.replying_to == file.replying_to
    });
    if same_comment {
        return if file._key.is_empty() {
            Reply::accepted(true)
        } else {
            Reply::refused(
                409,
                "DUPLICATE_COMMENT",
                "Duplicate comment detected; it looks as though you've already said that!",
            )
        };
    }
    match store.add_pending(slug, &file) {
        Ok(path) => {
            let shown = path.strip_prefix(store.root()).unwrap_or(&path);
            eprintln!(
                "wellpress-comments: a comment on /{slug}/ awaits moderation: {} (`wellpress-comments pending` lists them)",
                shown.display()
            );
            Reply::accepted(false)
        }
        Err(error) => {
            eprintln!("wellpress-comments: could not save a comment on /{slug}/: {error}");
            Reply::cannot_save()
        }
    }
}

/// Whether an article publishes at `slug` (file names become slugs the
/// way the content tool derives them).
fn article_exists(root: &Path, slug: &str) -> bool {
    fs::read_dir(root.join("content/articles")).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            let path = entry.path();
            path.extension().is_some_and(|e| e == "md")
                && path
                    .file_stem()
                    .is_some_and(|stem| slugify(&stem.to_string_lossy()) == slug)
        })
    })
}

/// Lower-case hexadecimal MD5, as Staticman's `md5` transform writes it.
pub fn md5_hex(bytes: &[u8]) -> String {
    use md5::{Digest, Md5};
    format!("{:x}", Md5::digest(bytes))
}

#[cfg(test)]
pub(crate) mod tests {
    use std::{path::PathBuf, time::Duration};

    use wellpress_content::comments;

    use super::*;
    use crate::store::{PENDING_DIR, State};

    pub(crate) fn site(name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("wellpress-receiver-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("content/articles")).unwrap();
        fs::write(root.join("content/articles/naps.md"), "---\n").unwrap();
        root
    }

    pub(crate) fn body(message: &str) -> String {
        format!(
            "fields%5Bname%5D=Ann&fields%5Bemail%5D=Ann%40Example.org&fields%5Burl%5D=&fields%5Bmessage%5D={message}\
             &fields%5Breplying_to%5D=&options%5Bslug%5D=naps"
        )
    }

    fn keyed(message: &str, key: &str) -> String {
        format!("{}&options%5Bkey%5D={key}", body(message))
    }

    fn pending_files(root: &Path) -> Vec<PathBuf> {
        fs::read_dir(root.join(PENDING_DIR).join("naps"))
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn writes_a_pending_file_in_staticman_layout_once() {
        let root = site("once");
        let store = Store::new(&root);
        let now = UNIX_EPOCH + Duration::from_secs(1_795_000_000);
        assert_eq!(
            receive(&store, body("Hello+%3Cb%3E").as_bytes(), now),
            Reply::accepted(false)
        );
        let again = receive(
            &store,
            body("Hello+%3Cb%3E").as_bytes(),
            now + Duration::from_secs(5),
        );
        assert_eq!(again, Reply::accepted(true));
        let files = pending_files(&root);
        assert_eq!(files.len(), 1);
        let text = fs::read_to_string(&files[0]).unwrap();
        assert!(text.contains("name: Ann"), "{text}");
        assert!(text.contains("message: Hello <b>"), "{text}");
        assert!(text.contains("8b5a6a28fc840441be692d74a81ccd1a"), "{text}");
        assert!(
            !text.contains("Example.org"),
            "the address is never stored: {text}"
        );
        assert!(text.contains("date: 2026-11-18T11:06:40Z"), "{text}");
        // The content tool reads what the receiver writes.
        let comment = comments::parse(Path::new("x.yml"), "x", &text).unwrap();
        assert_eq!(comment.message, "Hello <b>");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_key_is_stored_once_in_any_state_and_the_same_text_twice_is_refused() {
        let root = site("keys");
        let store = Store::new(&root);
        let now = SystemTime::now();
        assert_eq!(
            receive(&store, keyed("Hi", "c1-a").as_bytes(), now),
            Reply::accepted(false)
        );
        // The retry after a time-out, even once the comment is approved.
        let first = store.in_state(State::Pending).remove(0);
        store.move_to(&first, State::Approved).unwrap();
        assert_eq!(
            receive(&store, keyed("Hi", "c1-a").as_bytes(), now),
            Reply::accepted(true)
        );
        // The same words posted again as a new comment.
        let twice = receive(&store, keyed("Hi", "c2-b").as_bytes(), now);
        assert_eq!(twice.status, 409);
        assert!(twice.body.contains("already said that"), "{}", twice.body);
        // Another comment under its own key.
        assert_eq!(
            receive(&store, keyed("Again", "c3-c").as_bytes(), now),
            Reply::accepted(false)
        );
        assert_eq!(store.of_article("naps").len(), 2);
        let bad = receive(&store, keyed("Bad", "a%20b").as_bytes(), now);
        assert_eq!(bad.status, 400);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn refuses_unknown_articles_and_missing_fields() {
        let root = site("refuse");
        let store = Store::new(&root);
        let now = SystemTime::now();
        for wrong in [
            body("x").replace("naps", "nope"),
            body("x").replace("naps", "..%2Fetc"),
            body(""),
            body("x").replace("Ann%40", "Ann"),
        ] {
            let answer = receive(&store, wrong.as_bytes(), now);
            assert_eq!(answer.status, 400, "{wrong}");
            assert!(answer.body.contains(r#""success":false"#));
        }
        assert!(!root.join(PENDING_DIR).exists());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_folder_it_cannot_write_asks_the_browser_to_try_later() {
        let root = site("unwritable");
        // A file where the pending folder should be.
        fs::write(root.join(PENDING_DIR), "").unwrap();
        let answer = receive(&Store::new(&root), body("Hi").as_bytes(), SystemTime::now());
        assert_eq!((answer.status, answer.retry_after), (503, Some(60)));
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn decodes_form_bodies() {
        let form =
            parse_form(b"fields%5Bname%5D=Ann+Lee&fields%5Bmessage%5D=Caf%C3%A9+%26+tea%21&x=%ZZ");
        assert_eq!(form["fields[name]"], "Ann Lee");
        assert_eq!(form["fields[message]"], "Café & tea!");
        assert_eq!(form["x"], "%ZZ");
    }
}
