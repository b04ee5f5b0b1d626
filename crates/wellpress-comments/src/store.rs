//! Where comments live, as files under the site's folder, and how they
//! move between the moderation states. Every write is durable before it
//! counts: the file is written under a temporary name, synced, renamed into
//! place and its folder synced, so after a crash a comment file is either
//! whole or absent, never partial.
//!
//! A comment keeps the same file name, `<id>.yml`, in every state:
//! - `comments-pending/<slug>/`: received, awaiting moderation;
//! - `content/comments/<slug>/`: approved, published by the next build;
//! - `comments-rejected/<slug>/` and `comments-spam/<slug>/`: kept out,
//!   and kept, so that a late retry of a rejected comment is not received
//!   again.

use std::{
    fs::{self, File},
    io::{self, Write},
    path::{Path, PathBuf},
    sync::atomic::{AtomicU64, Ordering},
};

use serde::{Deserialize, Serialize};
use wellpress_content::comments;

/// Where received comments wait, relative to the site's folder.
pub const PENDING_DIR: &str = "comments-pending";
/// Where rejected comments are kept.
pub const REJECTED_DIR: &str = "comments-rejected";
/// Where comments marked as spam are kept.
pub const SPAM_DIR: &str = "comments-spam";

/// A comment's moderation state: which folder holds its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Pending,
    Approved,
    Rejected,
    Spam,
}

impl State {
    /// Every state, pending first.
    pub const ALL: [State; 4] = [
        State::Pending,
        State::Approved,
        State::Rejected,
        State::Spam,
    ];

    /// The folder, relative to the site's folder, that holds every article's
    /// comments in this state.
    pub fn dir(self) -> &'static str {
        match self {
            State::Pending => PENDING_DIR,
            State::Approved => comments::DIR,
            State::Rejected => REJECTED_DIR,
            State::Spam => SPAM_DIR,
        }
    }

    /// The word for it in the moderation commands' messages.
    pub fn word(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Approved => "approved",
            State::Rejected => "rejected",
            State::Spam => "marked as spam",
        }
    }
}

/// A comment file as Staticman writes it, plus `_key`: a hash of the
/// idempotency key the browser sent with it, when it sent one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentFile {
    pub _id: String,
    pub name: String,
    /// MD5 of the lower-cased address, as Staticman's `md5` transform
    /// stores it.
    pub email: String,
    #[serde(default)]
    pub url: String,
    pub message: String,
    #[serde(default)]
    pub replying_to: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub _key: String,
}

impl CommentFile {
    /// The web addresses in its text, and its website: links, as WordPress
    /// counts them for its moderation rule.
    pub fn links(&self) -> usize {
        let text = self.message.to_lowercase();
        text.matches("http://").count()
            + text.matches("https://").count()
            + usize::from(!self.url.is_empty())
    }
}

/// A comment found on disk.
#[derive(Debug, Clone)]
pub struct Stored {
    pub slug: String,
    pub state: State,
    pub path: PathBuf,
    pub file: CommentFile,
}

/// The comment files of one site folder.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    pub fn new(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    /// The site's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn folder(&self, state: State, slug: &str) -> PathBuf {
        self.root.join(state.dir()).join(slug)
    }

    /// Every comment of one article, in every state. Files that cannot be
    /// read as comments are skipped (the content tool reports them).
    pub fn of_article(&self, slug: &str) -> Vec<Stored> {
        State::ALL
            .iter()
            .flat_map(|&state| self.read_folder(state, slug))
            .collect()
    }

    /// The articles with a folder in one state.
    fn slugs(&self, state: State) -> Vec<String> {
        let Ok(entries) = fs::read_dir(self.root.join(state.dir())) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter(|e| e.path().is_dir())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|slug| !slug.starts_with('.'))
            .collect()
    }

    /// Every comment in one state, oldest first.
    pub fn in_state(&self, state: State) -> Vec<Stored> {
        let mut found: Vec<Stored> = self
            .slugs(state)
            .iter()
            .flat_map(|slug| self.read_folder(state, slug))
            .collect();
        found.sort_by(|a, b| (&a.file.date, &a.file._id).cmp(&(&b.file.date, &b.file._id)));
        found
    }

    fn read_folder(&self, state: State, slug: &str) -> Vec<Stored> {
        let Ok(entries) = fs::read_dir(self.folder(state, slug)) else {
            return Vec::new();
        };
        entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yml"))
            .filter_map(|path| {
                let text = fs::read_to_string(&path).ok()?;
                let file = serde_norway::from_str(&text).ok()?;
                Some(Stored {
                    slug: slug.to_owned(),
                    state,
                    path,
                    file,
                })
            })
            .collect()
    }

    /// Writes a new comment in `state`, durably.
    pub fn add(&self, state: State, slug: &str, file: &CommentFile) -> io::Result<PathBuf> {
        let path = self.folder(state, slug).join(format!("{}.yml", file._id));
        let text = serde_norway::to_string(file).map_err(io::Error::other)?;
        write_durably(&path, text.as_bytes())?;
        Ok(path)
    }

    /// The pending comments with these ids, or the first id that is not
    /// pending, with the state it is in if it exists.
    pub fn find_pending(&self, ids: &[String]) -> Result<Vec<Stored>, (String, Option<State>)> {
        let pending = self.in_state(State::Pending);
        ids.iter()
            .map(|id| {
                pending
                    .iter()
                    .find(|c| &c.file._id == id)
                    .cloned()
                    .ok_or_else(|| (id.clone(), self.state_of(id)))
            })
            .collect()
    }

    /// The state of the comment with this id, if any.
    pub fn state_of(&self, id: &str) -> Option<State> {
        State::ALL
            .into_iter()
            .find(|&state| self.in_state(state).iter().any(|c| c.file._id == id))
    }

    /// Removes what writes cut short by a crash left: temporary files of
    /// comments never acknowledged (the browser still has them and sends
    /// them again). Returns how many.
    pub fn clean_interrupted(&self) -> usize {
        let mut removed = 0;
        for state in State::ALL {
            for slug in self.slugs(state) {
                let Ok(files) = fs::read_dir(self.folder(state, &slug)) else {
                    continue;
                };
                for file in files.flatten() {
                    let name = file.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.')
                        && name.ends_with(".tmp")
                        && fs::remove_file(file.path()).is_ok()
                    {
                        removed += 1;
                    }
                }
            }
        }
        removed
    }

    /// Moves a comment to another state, durably; returns its new path.
    pub fn move_to(&self, comment: &Stored, state: State) -> io::Result<PathBuf> {
        let to_dir = self.folder(state, &comment.slug);
        fs::create_dir_all(&to_dir)?;
        let to = to_dir.join(comment.path.file_name().unwrap_or_default());
        fs::rename(&comment.path, &to)?;
        sync_dir(&to_dir)?;
        if let Some(from_dir) = comment.path.parent() {
            sync_dir(from_dir)?;
        }
        Ok(to)
    }
}

/// Writes `bytes` to `path` so that, whatever happens, the file is either
/// absent or whole: a temporary file beside it is written and synced, then
/// renamed over it, and the folder is synced so the rename survives too.
pub fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let temporary = dir.join(format!(
        ".{}.{}-{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)?;
        sync_dir(dir)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn scratch(name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("wellpress-store-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        root
    }

    fn comment(id: &str, date: &str) -> CommentFile {
        CommentFile {
            _id: id.into(),
            name: "Ann".into(),
            email: "0".repeat(32),
            url: String::new(),
            message: "Hello".into(),
            replying_to: String::new(),
            date: date.into(),
            _key: String::new(),
        }
    }

    #[test]
    fn a_comment_moves_between_states_under_one_name() {
        let root = scratch("moves");
        let store = Store::new(&root);
        store
            .add(
                State::Pending,
                "naps",
                &comment("b", "2026-11-02T00:00:00Z"),
            )
            .unwrap();
        store
            .add(
                State::Pending,
                "sleep",
                &comment("a", "2026-11-01T00:00:00Z"),
            )
            .unwrap();
        let pending = store.in_state(State::Pending);
        let ids: Vec<_> = pending.iter().map(|c| c.file._id.as_str()).collect();
        assert_eq!(ids, ["a", "b"], "oldest first");
        let moved = store.move_to(&pending[1], State::Approved).unwrap();
        assert_eq!(moved, root.join("content/comments/naps/b.yml"));
        assert_eq!(store.state_of("b"), Some(State::Approved));
        assert_eq!(store.state_of("nope"), None);
        let wanted = ["a".to_string(), "b".to_string()];
        let missing = store.find_pending(&wanted).unwrap_err();
        assert_eq!(missing, ("b".to_string(), Some(State::Approved)));
        // Nothing but the comment files is left behind.
        let names: Vec<_> = fs::read_dir(root.join(PENDING_DIR).join("sleep"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["a.yml"]);
        fs::remove_dir_all(&root).unwrap();
    }

    /// docs/staticman.yml writes the files this crate writes: the same
    /// place, fields and hash, read the same way by the content tool.
    #[test]
    fn the_documented_staticman_config_writes_our_comment_files() {
        let config: serde_norway::Value =
            serde_norway::from_str(include_str!("../../../docs/staticman.yml")).unwrap();
        let comments = &config["comments"];
        assert_eq!(
            comments["path"].as_str(),
            Some("content/comments/{options.slug}")
        );
        assert_eq!(comments["format"].as_str(), Some("yaml"));
        let allowed: Vec<&str> = comments["allowedFields"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        // Every field the form sends is allowed, and nothing else.
        let body = wellpress_types::comment_rules::staticman_body(
            &wellpress_types::comment_rules::Fields::default(),
            None,
            "naps",
            "k",
            0,
        );
        let sent: Vec<String> = body
            .split('&')
            .filter_map(|pair| pair.split('=').next())
            .map(|name| name.replace("%5B", "[").replace("%5D", "]"))
            .filter_map(|name| Some(name.strip_prefix("fields[")?.strip_suffix(']')?.to_owned()))
            .collect();
        assert_eq!(allowed, sent);
        let transforms: Vec<&str> = comments["transforms"]["email"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert_eq!(transforms, ["downcase", "md5"]);
        // A file as Staticman writes it with that config.
        let staticman = "_id: 5e3c1f20-c6a4-11f0-9c1e-3b1f0a2c4d5e\nname: Ann\n\
            email: 8b5a6a28fc840441be692d74a81ccd1a\nurl: ''\nmessage: Hello\n\
            replying_to: ''\ndate: '2026-11-18T11:06:40.123Z'\n";
        let file: CommentFile = serde_norway::from_str(staticman).unwrap();
        assert_eq!(file.email, crate::receive::md5_hex(b"ann@example.org"));
        let read = comments::parse(Path::new("x.yml"), "x", staticman).unwrap();
        assert_eq!(
            (read.name.as_str(), read.message.as_str()),
            ("Ann", "Hello")
        );
        assert!(read.date.starts_with("2026-11-18T11:06:40"));
    }

    #[test]
    fn what_a_crash_cut_short_is_cleaned_up() {
        let root = scratch("crash");
        let store = Store::new(&root);
        store
            .add(
                State::Pending,
                "naps",
                &comment("a", "2026-11-01T00:00:00Z"),
            )
            .unwrap();
        let folder = root.join(PENDING_DIR).join("naps");
        fs::write(folder.join(".b.yml.77-0.tmp"), "_id: b\nname: A").unwrap();
        assert_eq!(store.clean_interrupted(), 1);
        let names: Vec<_> = fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["a.yml"]);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let root = scratch("failed");
        let blocked = root.join("file");
        fs::write(&blocked, "").unwrap();
        // A folder cannot be made under a file.
        assert!(write_durably(&blocked.join("x/y.yml"), b"text").is_err());
        let target = root.join("dir/y.yml");
        fs::create_dir_all(&target).unwrap();
        // Renaming over a folder fails after the temporary file is written.
        assert!(write_durably(&target, b"text").is_err());
        let left: Vec<_> = fs::read_dir(root.join("dir")).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "only the folder that was there");
        fs::remove_dir_all(&root).unwrap();
    }
}
