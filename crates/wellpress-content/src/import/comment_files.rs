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

impl Rendered {
    /// About how much memory the files hold.
    pub fn bytes(&self) -> usize {
        self.files
            .iter()
            .map(|(relative, text)| relative.len() + text.len())
            .sum()
    }
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

impl CommentFile {
    /// The file's text: what serde_norway writes, as the comment receiver
    /// does. Written here when each value is sure to be written plain or
    /// as a literal block (most comments: serde_norway's emitter took a
    /// tenth of the import's time), by serde_norway otherwise.
    fn text(&self) -> Result<String> {
        match self.quick_text() {
            Some(text) => Ok(text),
            None => serde_norway::to_string(self).context("writing a comment as YAML"),
        }
    }

    fn quick_text(&self) -> Option<String> {
        let fields = [
            ("_id", &self._id),
            ("name", &self.name),
            ("email", &self.email),
            ("url", &self.url),
            ("message", &self.message),
            ("replying_to", &self.replying_to),
            ("date", &self.date),
        ];
        let length: usize = fields.iter().map(|(_, value)| value.len() + 16).sum();
        let mut out = String::with_capacity(length + self.message.len() / 16);
        for (key, value) in fields {
            out.push_str(key);
            if value.is_empty() {
                out.push_str(": ''\n");
            } else if !is_plain_text(value) {
                return None;
            } else if value.contains('\n') {
                // A literal block, its lines indented, empty ones left empty.
                out.push_str(": |-\n");
                for line in value.split('\n') {
                    if !line.is_empty() {
                        out.push_str("  ");
                        out.push_str(line);
                    }
                    out.push('\n');
                }
            } else {
                out.push_str(": ");
                out.push_str(value);
                out.push('\n');
            }
        }
        Some(out)
    }
}

/// Whether serde_norway writes `value` (not empty) as it is, plain, or,
/// with line breaks, as a literal block: it starts with a letter or a
/// digit, is not a word or number YAML reads as a boolean, null or number,
/// has no character that needs quoting (controls, tabs, Unicode's other
/// line breaks, characters beyond U+FFFF) and none that YAML reads as
/// markup (`: `, ` #`, unless in a block), and no space around its ends or its line breaks.
/// Anything else is left to serde_norway.
fn is_plain_text(value: &str) -> bool {
    let first_fine = value.chars().next().is_some_and(|c| {
        if c.is_ascii_digit() {
            // A date or an email's digest, not a number in any notation.
            !value.starts_with("0x")
                && !value.starts_with("0o")
                && !value.starts_with("0b")
                && value.parse::<f64>().is_err()
        } else {
            c.is_ascii_alphabetic() || !c.is_ascii()
        }
    });
    if !first_fine
        || value.ends_with([' ', '\n'])
        || matches!(
            value,
            "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        )
    {
        return false;
    }
    // Markup means nothing in a literal block.
    let block = value.contains('\n');
    let mut previous = '\0';
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let fine = match c {
            '\n' => previous != ' ' && next != Some(' '),
            ':' => block || !matches!(next, None | Some(' ' | '\n')),
            '#' => block || !matches!(previous, ' ' | '\n'),
            ' '..='~' => true,
            '\u{a0}'..='\u{fffd}' => !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}'),
            _ => false,
        };
        if !fine {
            return false;
        }
        previous = c;
    }
    true
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

/// A comment's text: its HTML, with WordPress's paragraphs, as text.
fn text_of(content: &str) -> String {
    if let Some(text) = text_without_markup(content) {
        return text;
    }
    let mut notes = AddressNotes::default();
    // Links in comments are kept as written, web addresses only.
    let mut links = Links::default();
    let text = html::to_text(&autop(content), &mut |href, used| {
        rewrite(&mut links, href, used, &mut notes)
    });
    text.trim().to_owned()
}

/// The text of a comment written without markup or entities (most are),
/// as [`text_of`] makes it, without parsing HTML: paragraphs split at
/// blank lines, each line's spaces and tabs collapsed and its ends
/// trimmed. `None` for any other comment.
fn text_without_markup(content: &str) -> Option<String> {
    if content
        .chars()
        .any(|c| matches!(c, '<' | '&') || (c < ' ' && !matches!(c, '\n' | '\t')))
    {
        return None;
    }
    let mut text = String::with_capacity(content.len());
    let mut blank = false;
    for line in content.split('\n') {
        if line.chars().all(char::is_whitespace) {
            blank = !text.is_empty();
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        let mut space = false;
        for c in line.trim().chars() {
            if matches!(c, ' ' | '\t') {
                space = true;
                continue;
            }
            if space {
                text.push(' ');
                space = false;
            }
            text.push(c);
        }
    }
    Some(text)
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
    /// About how much memory the comments hold: their text, and a little
    /// for each one's other fields. Counted as they are added.
    bytes: usize,
}

impl Batch {
    /// About how much memory the batch holds.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
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
                bytes: 0,
            });
        }
        if let Some(batch) = batches.last_mut() {
            let comment = &pair.1;
            batch.bytes += comment.content.len() + comment.author.len() + comment.url.len() + 128;
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
        let message = text_of(&comment.content);
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
        let text = file.text()?;
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
    use crate::import::RandomText;

    fn typical() -> CommentFile {
        CommentFile {
            _id: "wp-42".to_owned(),
            name: "María from Leeds".to_owned(),
            email: "07f1cb7aa3388ab6e006ff626f71327d".to_owned(),
            url: "https://maría.example/walks#today".to_owned(),
            message: "Thanks! It worked: I sleep better.\n\nOne question, though?\nC# or not"
                .to_owned(),
            replying_to: String::new(),
            date: "2024-05-06T07:08:09Z".to_owned(),
        }
    }

    /// A typical comment file with one of its values made of random
    /// pieces, some of which YAML must quote.
    fn random_file(random: &mut RandomText) -> CommentFile {
        const PIECES: &[&str] = &[
            "a",
            "Ann",
            "María",
            " ",
            " ",
            "\n",
            "\n\n",
            ":",
            ": ",
            "#",
            " #",
            "-",
            "- ",
            "?",
            "'",
            "\"",
            "!",
            "&",
            "*",
            "|",
            ">",
            "%",
            "@",
            "`",
            ",",
            "[",
            "]",
            "{",
            "}",
            "\t",
            "\r",
            "0",
            "12",
            "1e5",
            ".5",
            "true",
            "null",
            "~",
            "\u{a0}",
            "\u{85}",
            "\u{2028}",
            "\u{feff}",
            "漢字",
            "🙂",
            "\u{7f}",
            "\u{1}",
            "https://x.example/a#b",
            "wp-12",
            "---",
            "...",
            "0x1f",
            "0o7",
            "0b1",
            "1_000",
            "inf",
            "NaN",
            "1e400",
            "07f1",
            "2024-05-06T07:08:09Z",
        ];
        let value = random.text(PIECES, 6);
        let mut file = typical();
        let field = match random.below(7) {
            0 => &mut file._id,
            1 => &mut file.name,
            2 => &mut file.email,
            3 => &mut file.url,
            4 => &mut file.message,
            5 => &mut file.replying_to,
            _ => &mut file.date,
        };
        *field = value;
        file
    }

    #[test]
    fn comments_without_markup_read_as_through_the_html_parser() {
        const PIECES: &[&str] = &[
            "a", "Ann", "é", "漢字", " ", "  ", "\t", "\n", "\n\n", " \n", "\n ", "\u{a0}",
            "\u{2003}", "\u{3000}", "\u{2028}", "\u{85}", "\u{feff}", "\u{b}", "\u{c}", "\r", "\0",
            "*", "_", "#", "- ", "1. ", ">", "\\", "[x]", "`", "!", "?", "\"",
        ];
        let mut random = RandomText::new(3);
        let mut quick = 0;
        for _ in 0..20_000 {
            let content = random.text(PIECES, 10);
            let mut links = Links::default();
            let mut notes = AddressNotes::default();
            let parsed = html::to_text(&autop(&content), &mut |href, used| {
                rewrite(&mut links, href, used, &mut notes)
            });
            if let Some(text) = text_without_markup(&content) {
                assert_eq!(text, parsed.trim(), "{content:?}");
                quick += 1;
            }
            assert_eq!(text_of(&content), parsed.trim(), "{content:?}");
        }
        assert!(quick > 5_000, "only {quick} comments took the quick way");
        assert_eq!(text_without_markup("Hi <b>there</b>"), None);
        assert_eq!(text_without_markup("Fish &amp; chips"), None);
    }

    #[test]
    fn comment_files_are_written_as_serde_norway_writes_them() {
        let typical = typical();
        assert_eq!(
            typical.quick_text().as_deref(),
            Some(serde_norway::to_string(&typical).unwrap().as_str())
        );
        let mut random = RandomText::new(7);
        let mut quick = 0;
        for _ in 0..20_000 {
            let file = random_file(&mut random);
            let expected = serde_norway::to_string(&file).unwrap();
            if let Some(text) = file.quick_text() {
                assert_eq!(text, expected);
                quick += 1;
            }
            assert_eq!(file.text().unwrap(), expected);
        }
        assert!(quick > 2_000, "only {quick} files took the quick way");
    }

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
