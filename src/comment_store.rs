//! What the browser keeps for a commenter, in localStorage: the draft of
//! each article's comment, their name/email/website (only while "Save my
//! name..." is ticked), and their own comments, sent or still waiting in
//! the outbox. Every function is a no-op outside the browser.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wellpress_types::Comment;

const IDENTITY: &str = "wellpress:commenter";
const MINE: &str = "wellpress:my-comments";

fn draft_key(slug: &str) -> String {
    format!("wellpress:draft:{slug}")
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

fn save<T: Serialize>(key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(value)) {
        // A full or blocked storage loses only the convenience, never the page.
        let _ = storage.set_item(key, &text);
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

/// Saves the draft for an article; an empty one is forgotten.
pub fn save_draft(slug: &str, draft: &Draft) {
    if draft.comment.trim().is_empty() && draft.replying_to.is_none() {
        remove(&draft_key(slug));
    } else {
        save(&draft_key(slug), draft);
    }
}

/// The remembered name, email and website, if the visitor asked for it.
pub fn identity() -> Option<Identity> {
    load(IDENTITY)
}

/// Remembers the visitor's details, or forgets them (`None`).
pub fn set_identity(identity: Option<&Identity>) {
    match identity {
        Some(identity) => save(IDENTITY, identity),
        None => remove(IDENTITY),
    }
}

/// All of the visitor's own comments not yet published.
pub fn mine() -> Vec<MyComment> {
    load(MINE).unwrap_or_default()
}

/// Replaces the list of the visitor's own comments.
pub fn set_mine(comments: &[MyComment]) {
    if comments.is_empty() {
        remove(MINE)
    } else {
        save(MINE, &comments)
    }
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
        // src/start.js starts the app at once when something is kept.
        let script = include_str!("start.js");
        for key in [MINE, IDENTITY] {
            assert!(script.contains(&format!("getItem('{key}')")), "{key}");
        }
        // This article's draft, which it also keeps for a comment typed
        // before the app runs.
        let draft_prefix = draft_key("");
        assert_eq!(
            script
                .matches(&format!("`{draft_prefix}${{slug}}`"))
                .count(),
            2
        );
        assert!(script.contains("getElementById('respond')"));
        assert!(script.contains(&format!("getElementById('{}')", wellpress_types::DATA_ID)));
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
        save_draft(
            "x",
            &Draft {
                comment: "hi".into(),
                replying_to: None,
            },
        );
        assert_eq!(draft("x"), Draft::default());
        assert!(super::mine().is_empty());
    }
}
