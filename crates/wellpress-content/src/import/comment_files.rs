//! A post's WordPress comments as comment files, in the layout the
//! comment receiver writes: approved ones under `content/comments/<slug>/`,
//! pending ones in the moderation queue, each reduced to text.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result};
use md5::{Digest, Md5};
use serde::Serialize;

use super::{
    autop::autop,
    disk::Thread,
    html,
    links::{AddressNotes, Links, rewrite},
    run::day,
    wxr::WxrComment,
};

/// How many comments went where.
#[derive(Debug, Default)]
pub struct Tally {
    pub approved: usize,
    pub pending: usize,
    pub pingbacks: usize,
    pub spam_or_trash: usize,
    /// Comments not imported, and why.
    pub left: Vec<String>,
}

impl Tally {
    /// Adds the counts of `other`, its comments left after these.
    pub fn add(&mut self, mut other: Tally) {
        self.approved += other.approved;
        self.pending += other.pending;
        self.pingbacks += other.pingbacks;
        self.spam_or_trash += other.spam_or_trash;
        self.left.append(&mut other.left);
    }
}

/// A post's comment files, to write: each one's path in the site's
/// folder and its text, and how many comments went where.
#[derive(Default)]
pub struct Rendered {
    pub files: Vec<(String, String)>,
    pub tally: Tally,
}

/// A comment file, in the layout the comment receiver writes.
#[derive(Serialize)]
struct CommentFile {
    _id: String,
    name: String,
    email: String,
    url: String,
    message: String,
    replying_to: String,
    date: String,
}

/// The comment's id and file name: `wp-` and WordPress's number.
fn comment_id(comment: &WxrComment) -> String {
    format!("wp-{}", comment.id.trim())
}

/// Whether WordPress's comment id is one: a number. Anything else would
/// name a file elsewhere (`../`), or the same file twice.
fn is_comment_id(id: &str) -> bool {
    let id = id.trim();
    !id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit())
}

/// The post's comments: approved ones published with the article, pending
/// ones to the moderation queue, pingbacks counted, spam and trash skipped.
/// Reads no file and writes none, so either of the import's threads can
/// do it.
pub fn render(thread: &Thread) -> Result<Rendered> {
    let mut rendered = Rendered::default();
    let tally = &mut rendered.tally;
    let slug = &thread.slug;
    let by_id: HashMap<&str, &WxrComment> =
        thread.comments.iter().map(|c| (c.id.as_str(), c)).collect();
    let state = |c: &WxrComment| -> Option<bool> {
        if matches!(c.kind.as_str(), "pingback" | "trackback") {
            return None;
        }
        match c.approved.as_str() {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        }
    };
    let mut written = HashSet::new();
    for comment in &thread.comments {
        if matches!(comment.kind.as_str(), "pingback" | "trackback") {
            tally.pingbacks += 1;
            continue;
        }
        if !is_comment_id(&comment.id) || !written.insert(comment.id.trim()) {
            tally.left.push(format!(
                "comment {:?} on /{slug}/: its id is not a number, or another comment of the post has it",
                comment.id
            ));
            continue;
        }
        let Some(approved) = state(comment) else {
            tally.spam_or_trash += 1;
            continue;
        };
        let mut notes = AddressNotes::default();
        // Links in comments are kept as written, web addresses only.
        let mut links = Links::default();
        let message = html::to_text(&autop(&comment.content), &mut |href, used| {
            rewrite(&mut links, href, used, &mut notes)
        });
        let message = message.trim().to_owned();
        if message.is_empty() {
            tally.left.push(format!(
                "comment {} on /{slug}/: it has no text",
                comment.id
            ));
            continue;
        }
        // The closest ancestor that is kept where this comment goes.
        let mut replying_to = String::new();
        let mut parent = comment.parent.as_str();
        let mut seen = HashSet::new();
        while parent != "0" && !parent.is_empty() && seen.insert(parent) {
            let Some(found) = by_id.get(parent) else {
                break;
            };
            match state(found) {
                Some(true) => {
                    replying_to = comment_id(found);
                    break;
                }
                Some(false) if !approved => {
                    replying_to = comment_id(found);
                    break;
                }
                _ => parent = found.parent.as_str(),
            }
        }
        let email = comment.email.trim().to_lowercase();
        let email = if email.is_empty() {
            String::new()
        } else {
            format!("{:x}", Md5::digest(email.as_bytes()))
        };
        let url = comment.url.trim();
        let url = if url.starts_with("http://") || url.starts_with("https://") {
            url.to_owned()
        } else {
            String::new()
        };
        let name = html::to_line(&comment.author);
        let stamp = [
            &comment.date_gmt,
            &comment.date,
            &thread.post_dates[0],
            &thread.post_dates[1],
        ]
        .into_iter()
        .find(|s| day(s).is_some())
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|| "1970-01-01 00:00:00".to_owned());
        let date = format!(
            "{}T{}Z",
            &stamp[..10],
            stamp.get(11..19).unwrap_or("00:00:00")
        );
        let file = CommentFile {
            _id: comment_id(comment),
            name: if name.is_empty() {
                "Anonymous".to_owned()
            } else {
                name
            },
            email,
            url,
            message,
            replying_to,
            date,
        };
        let text = serde_norway::to_string(&file).context("writing a comment as YAML")?;
        let folder = if approved {
            tally.approved += 1;
            crate::comments::DIR
        } else {
            tally.pending += 1;
            "comments-pending"
        };
        rendered
            .files
            .push((format!("{folder}/{slug}/{}.yml", file._id), text));
    }
    Ok(rendered)
}
