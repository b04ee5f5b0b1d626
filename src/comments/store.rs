//! What the browser keeps for a commenter, in localStorage: the draft of
//! each article's comment, their name/email/website (only while "Save my
//! name..." is ticked), and their own comments, sent or still waiting in
//! the outbox. Every function is a no-op outside the browser.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wellpress_types::Comment;
use wellpress_types::names::{
    COMMENTER_KEY as IDENTITY, DRAFT_KEY_PREFIX, MINE_KEY_PREFIX as MINE,
    MINE_LIST_KEY as MINE_AS_ONE_LIST,
};

// Each of the visitor's own comments is kept under a key of its own, so
// that two tabs changing different comments never overwrite each other's
// change; earlier builds kept them all as one list.

fn mine_key(client_id: &str) -> String {
    format!("{MINE}{client_id}")
}

fn draft_key(slug: &str) -> String {
    format!("{DRAFT_KEY_PREFIX}{slug}")
}

/// A comment being written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The text so far.
    pub comment: String,
    /// The comment it answers, by id, and that comment's author.
    pub replying_to: Option<(String, String)>,
}

/// Name, email and website remembered for the next comment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Name.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Website.
    pub url: String,
}

/// Where one of the visitor's own comments stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Accepted by the endpoint; waiting for the owner's approval.
    Sent,
    /// Not accepted yet; kept in the outbox and sent again later.
    Waiting {
        /// Why the last attempt failed, for the visitor.
        reason: String,
    },
    /// Refused by the endpoint (a 4xx answer other than 408 or 429):
    /// sending it again would not help. Kept so the visitor can copy it.
    Rejected {
        /// What the endpoint answered, for the visitor.
        reason: String,
    },
}

/// One of the visitor's own comments, kept until the site publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyComment {
    /// The article.
    pub slug: String,
    /// The request body, ready to send again.
    pub body: String,
    /// The comment as it is shown; its id is made in the browser at
    /// submission, and retries reuse it.
    pub comment: Comment,
    /// Sent, waiting or refused.
    pub status: Status,
}

impl MyComment {
    /// The id made in the browser.
    pub fn client_id(&self) -> &str {
        &self.comment.id
    }
}

fn storage() -> Option<web_sys::Storage> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()?.local_storage().ok().flatten()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Whether the browser kept it: false when its storage is full, blocked or
/// absent, which callers tell the visitor about.
#[must_use]
fn save<T: Serialize>(key: &str, value: &T) -> bool {
    match (storage(), serde_json::to_string(value)) {
        (Some(storage), Ok(text)) => storage.set_item(key, &text).is_ok(),
        _ => false,
    }
}

fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// The saved draft for an article.
pub fn draft(slug: &str) -> Draft {
    load(&draft_key(slug)).unwrap_or_default()
}

/// Saves the draft for an article; an empty one is forgotten. Returns
/// whether the browser kept it (an empty draft needs no keeping).
pub fn save_draft(slug: &str, draft: &Draft) -> bool {
    if draft.comment.trim().is_empty() && draft.replying_to.is_none() {
        remove(&draft_key(slug));
        true
    } else {
        save(&draft_key(slug), draft)
    }
}

/// The remembered name, email and website, if the visitor asked for it.
pub fn identity() -> Option<Identity> {
    load(IDENTITY)
}

/// Remembers the visitor's details, or forgets them (`None`).
pub fn set_identity(identity: Option<&Identity>) {
    match identity {
        // Only a convenience: a browser that cannot keep it asks again.
        Some(identity) => {
            let _ = save(IDENTITY, identity);
        }
        None => remove(IDENTITY),
    }
}

/// All of the visitor's own comments not yet published, oldest first, as
/// every tab of the site sees them; `None` where the browser has no storage.
pub fn mine() -> Option<Vec<MyComment>> {
    let storage = storage()?;
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(MINE))
        .collect();
    let mut comments: Vec<MyComment> = keys.iter().filter_map(|key| load(key)).collect();
    // Ids begin with the time they were made; dates break no ties.
    comments
        .sort_by(|a, b| (&a.comment.date, a.client_id()).cmp(&(&b.comment.date, b.client_id())));
    Some(comments)
}

/// Gives each comment an earlier build kept, as one list, a key of its own.
/// The list goes only once every comment has one. Called once, at start.
pub fn move_old_list() {
    if let Some(list) = load::<Vec<MyComment>>(MINE_AS_ONE_LIST)
        && list.iter().all(keep_mine)
    {
        remove(MINE_AS_ONE_LIST);
    }
}

/// Keeps one of the visitor's own comments, new or changed. Returns whether
/// the browser kept it.
pub fn keep_mine(comment: &MyComment) -> bool {
    save(&mine_key(comment.client_id()), comment)
}

/// Forgets one of the visitor's own comments.
pub fn forget_mine(client_id: &str) {
    remove(&mine_key(client_id));
}

/// Whether a `storage` event from another tab is about the visitor's own
/// comments (`None`: the whole storage was cleared).
pub fn is_mine_key(key: Option<&str>) -> bool {
    key.is_none_or(|key| key.starts_with(MINE))
}

/// Whether the site has published `mine`: same id, or same author and text.
pub fn is_published(mine: &MyComment, published: &[Comment]) -> bool {
    let mine = &mine.comment;
    published.iter().any(|c| {
        c.id == mine.id
            || (c.name.trim() == mine.name.trim() && c.message.trim() == mine.message.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mine(id: &str, message: &str) -> MyComment {
        MyComment {
            slug: "a".into(),
            body: String::new(),
            comment: Comment {
                id: id.into(),
                name: "Ann".into(),
                url: None,
                message: message.into(),
                date: "2026-11-20T10:00:00Z".into(),
                replying_to: None,
            },
            status: Status::Sent,
        }
    }

    #[test]
    fn recognises_its_comment_once_published() {
        let published = vec![Comment {
            id: "staticman-uuid".into(),
            name: "Ann ".into(),
            url: None,
            message: "Thanks!\n".into(),
            date: "2026-11-21T10:00:00Z".into(),
            replying_to: None,
        }];
        assert!(is_published(&mine("local-1", "Thanks!"), &published));
        assert!(!is_published(&mine("local-2", "Another"), &published));
        let by_id = vec![Comment {
            id: "local-2".into(),
            message: "edited".into(),
            ..published[0].clone()
        }];
        assert!(is_published(&mine("local-2", "Another"), &by_id));
    }

    #[test]
    fn the_start_up_script_knows_what_is_kept() {
        // src/start/start.js starts the app at once when something is kept. The
        // build hands it the keys (crates/wellpress-build checks that every
        // name it reads is handed over).
        let script = include_str!("../start/start.js");
        assert!(script.contains("getItem(NAMES.commenterKey)"));
        assert!(
            script.contains("key.startsWith(NAMES.mineKeyPrefix) || key === NAMES.mineListKey")
        );
        // This article's draft, which it also keeps for a comment typed
        // before the app runs, and drops when it is empty or only spaces,
        // as `save_draft` does.
        assert!(script.contains("localStorage.getItem(draftKey(slug))"));
        assert!(script.contains("const key = draftKey(slug);"));
        assert!(script.contains(
            "if (field.value.trim() === '' && replyingTo === null) localStorage.removeItem(key);"
        ));
        assert!(script.contains("document.getElementById(NAMES.formId)"));
        let draft = Draft {
            comment: "Hi".into(),
            replying_to: None,
        };
        assert_eq!(
            serde_json::to_string(&draft).unwrap(),
            r#"{"comment":"Hi","replying_to":null}"#,
            "the shape start.js writes"
        );
        assert!(script.contains("JSON.stringify({ comment: field.value, replying_to:"));
    }

    #[test]
    fn storage_is_absent_outside_the_browser() {
        let kept = save_draft(
            "x",
            &Draft {
                comment: "hi".into(),
                replying_to: None,
            },
        );
        assert!(!kept, "nothing can be kept without storage");
        assert!(
            save_draft("x", &Draft::default()),
            "an empty draft needs no keeping"
        );
        assert_eq!(draft("x"), Draft::default());
        assert_eq!(super::mine(), None);
        assert!(!keep_mine(&mine("a", "hi")));
    }
}
