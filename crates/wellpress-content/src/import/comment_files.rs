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

/// Comments in a batch at most: a post can draw thousands, and each
/// batch is made into files on whichever thread has room.
const BATCH: usize = 32;

/// Some of a post's comments, each with what the post's other comments
/// decide for it.
pub struct Batch {
    slug: String,
    post_dates: [String; 2],
    comments: Vec<(Step, WxrComment)>,
}

/// What becomes of a comment.
enum Step {
    Pingback,
    SpamOrTrash,
    /// Not imported, and why.
    Left(String),
    /// A comment file, unless the comment has no text: approved or
    /// pending, and the id of the comment it replies to.
    File {
        approved: bool,
        replying_to: String,
    },
}

/// Whether a comment is approved (`Some(true)`), pending (`Some(false)`),
/// or neither: spam, trash, a pingback or a trackback.
fn state(comment: &WxrComment) -> Option<bool> {
    if matches!(comment.kind.as_str(), "pingback" | "trackback") {
        return None;
    }
    match comment.approved.as_str() {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

/// The post's comments in batches, in their order: approved ones published
/// with the article, pending ones to the moderation queue, each replying
/// to its closest ancestor kept where it goes; pingbacks counted, spam and
/// trash skipped. Quick: what takes time, turning each comment into text,
/// is left to [`render`].
pub fn batches(thread: Thread) -> Vec<Batch> {
    let slug = &thread.slug;
    let by_id: HashMap<&str, &WxrComment> =
        thread.comments.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut written = HashSet::new();
    let steps: Vec<Step> = thread
        .comments
        .iter()
        .map(|comment| {
            if matches!(comment.kind.as_str(), "pingback" | "trackback") {
                return Step::Pingback;
            }
            if !is_comment_id(&comment.id) || !written.insert(comment.id.trim()) {
                return Step::Left(format!(
                    "comment {:?} on /{slug}/: its id is not a number, or another comment of the post has it",
                    comment.id
                ));
            }
            let Some(approved) = state(comment) else {
                return Step::SpamOrTrash;
            };
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
            Step::File {
                approved,
                replying_to,
            }
        })
        .collect();
    drop(by_id);
    let mut batches: Vec<Batch> = Vec::with_capacity(steps.len().div_ceil(BATCH));
    for (n, pair) in steps.into_iter().zip(thread.comments).enumerate() {
        if n % BATCH == 0 {
            batches.push(Batch {
                slug: thread.slug.clone(),
                post_dates: thread.post_dates.clone(),
                comments: Vec::with_capacity(BATCH),
            });
        }
        if let Some(batch) = batches.last_mut() {
            batch.comments.push(pair);
        }
    }
    batches
}

/// The files of a batch of comments, and how many went where. Reads no
/// file and writes none, so either of the import's threads can do it.
pub fn render(batch: Batch) -> Result<Rendered> {
    let mut rendered = Rendered::default();
    let tally = &mut rendered.tally;
    let slug = &batch.slug;
    for (step, comment) in batch.comments {
        let (approved, replying_to) = match step {
            Step::Pingback => {
                tally.pingbacks += 1;
                continue;
            }
            Step::SpamOrTrash => {
                tally.spam_or_trash += 1;
                continue;
            }
            Step::Left(why) => {
                tally.left.push(why);
                continue;
            }
            Step::File {
                approved,
                replying_to,
            } => (approved, replying_to),
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
            &batch.post_dates[0],
            &batch.post_dates[1],
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
            _id: comment_id(&comment),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_with_many_comments_keeps_every_reply_across_batches() {
        // A chain of replies, each to the one before, long enough for
        // several batches; one in the middle is spam, one a pingback.
        let comments = (1..=100)
            .map(|n| WxrComment {
                id: n.to_string(),
                parent: (n - 1).to_string(),
                author: format!("Reader {n}"),
                date_gmt: "2024-05-06 07:08:09".to_owned(),
                content: format!("Comment {n}"),
                approved: if n == 40 { "spam" } else { "1" }.to_owned(),
                kind: if n == 70 { "pingback" } else { "" }.to_owned(),
                ..WxrComment::default()
            })
            .collect();
        let thread = Thread {
            slug: "walks".to_owned(),
            post_dates: Default::default(),
            comments,
        };
        let batches = batches(thread);
        assert!(batches.len() > 1);
        let mut files = Vec::new();
        let mut tally = Tally::default();
        for batch in batches {
            let rendered = render(batch).unwrap();
            files.extend(rendered.files);
            tally.add(rendered.tally);
        }
        assert_eq!(
            (tally.approved, tally.spam_or_trash, tally.pingbacks),
            (98, 1, 1)
        );
        assert_eq!(files.len(), 98);
        let file = |n: usize| {
            let (path, text) = files
                .iter()
                .find(|(path, _)| path.ends_with(&format!("/wp-{n}.yml")))
                .unwrap();
            assert_eq!(path, &format!("content/comments/walks/wp-{n}.yml"));
            text.clone()
        };
        assert!(file(1).contains("replying_to: ''\n"), "{}", file(1));
        assert!(file(41).contains("replying_to: wp-39\n"), "{}", file(41));
        assert!(file(71).contains("replying_to: wp-69\n"), "{}", file(71));
        assert!(file(100).contains("replying_to: wp-99\n"), "{}", file(100));
        assert!(
            file(100).contains("message: Comment 100\n"),
            "{}",
            file(100)
        );
    }
}
