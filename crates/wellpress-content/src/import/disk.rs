//! Writing the import's files, on a thread of its own beside the one that
//! reads the export.
//!
//! A large export is mostly comments, and each becomes a file of its own
//! (the layout the comment receiver writes and the content tool reads).
//! They are sent during the export's first reading, which indexes posts
//! and would otherwise leave this thread idle; post bodies during the
//! second. Jobs go through a bounded queue in the order they are sent,
//! so the files are written in that order and memory stays bounded
//! whatever the export's size.
//!
//! Comments and post bodies are made into files by whichever thread has
//! room: while the writing thread has little left to convert, they are
//! sent as read and converted there; otherwise the reading thread
//! converts them before sending. The result is the same either way, and
//! the report's lines about them are gathered here, in the order sent.
//!
//! The queue is bounded by the memory its jobs hold ([`QUEUED_BYTES`])
//! as well as by their number, so a few very long posts cannot fill
//! memory; a long backlog is what lets the two threads keep busy.

use std::{
    collections::{BTreeMap, HashSet},
    fs,
    path::{Path, PathBuf},
    sync::{
        Arc, Condvar, Mutex, PoisonError,
        atomic::{AtomicUsize, Ordering},
        mpsc::{self, Receiver, SyncSender},
    },
    thread,
};

use anyhow::{Context, Result, anyhow};

use super::{
    body::{self, Converted, Notes},
    comment_files::{self, Batch, Rendered, Tally},
    links::Links,
    wxr::WxrComment,
};

/// Jobs waiting for the writing thread at most; each holds one post's
/// text, a batch of comments, or one other file.
const QUEUED: usize = 2048;

/// Bytes the jobs waiting for the writing thread hold at most (about:
/// their text). A single larger job is still sent when the queue is
/// empty.
const QUEUED_BYTES: usize = 32 << 20;

/// Bytes of HTML and comments the writing thread may have left to
/// convert when more are left to it: with more, the reading thread
/// converts them. Measured on a generated export of 10,000 posts: a
/// backlog of a few megabytes keeps both threads busy; a few hundred
/// kilobytes left the writing one idle, tens of megabytes the reading one.
const ROOM: usize = 4 << 20;

/// One job for the writing thread.
enum Job {
    Write {
        relative: String,
        text: String,
    },
    Post {
        relative: String,
        head: String,
        body: Body,
    },
    Uploads(BTreeMap<String, PathBuf>),
    Comments(Comments),
    /// The links to convert bodies with, from now on.
    Links(Box<Links>),
}

/// A post's body: converted, or its HTML to convert.
enum Body {
    Markdown(String, Converted),
    Html(String),
}

/// Some of a post's comments: their files, or the comments to make them
/// from.
enum Comments {
    Rendered(Rendered),
    Batch(Batch),
}

/// A post's comments, to be written as comment files.
pub struct Thread {
    /// The article's slug: its comments' folder.
    pub slug: String,
    /// The post's `post_date_gmt` and `post_date`, for comments without
    /// a date of their own.
    pub post_dates: [String; 2],
    pub comments: Vec<WxrComment>,
}

/// What the writing thread did.
#[derive(Debug)]
pub struct Written {
    /// Paths relative to the site's folder, in the order written.
    pub files: Vec<String>,
    pub comments: Tally,
    /// The report's lines about the bodies written.
    pub notes: Notes,
    /// Images copied from the uploads folder.
    pub images_copied: usize,
}

impl Job {
    /// About how much memory the job holds, for [`QUEUED_BYTES`].
    fn bytes(&self) -> usize {
        const SMALL: usize = 64;
        SMALL
            + match self {
                Job::Write { relative, text } => relative.len() + text.len(),
                Job::Post {
                    relative,
                    head,
                    body,
                } => {
                    relative.len()
                        + head.len()
                        + match body {
                            Body::Markdown(markdown, _) => markdown.len(),
                            Body::Html(html) => html.len(),
                        }
                }
                Job::Uploads(copies) => copies.len() * SMALL,
                Job::Comments(Comments::Rendered(rendered)) => rendered.bytes(),
                Job::Comments(Comments::Batch(batch)) => batch.bytes(),
                Job::Links(_) => 0,
            }
    }
}

/// Bytes held by the jobs queued for the writing thread.
#[derive(Default)]
struct Queued {
    /// The bytes, and whether the writing thread has stopped.
    state: Mutex<(usize, bool)>,
    changed: Condvar,
}

impl Queued {
    /// Counts `bytes` more, once they fit or the queue is empty; at once
    /// if the writing thread has stopped (sending then fails).
    fn add(&self, bytes: usize) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while state.0 > 0 && state.0 + bytes > QUEUED_BYTES && !state.1 {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.0 += bytes;
    }

    fn remove(&self, bytes: usize) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.0 -= bytes;
        self.changed.notify_one();
    }

    fn stopped(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.1 = true;
        self.changed.notify_all();
    }
}

/// Tells the sending side that the writing thread stopped, however it
/// stopped, so that it no longer waits for room.
struct Stopped<'a>(&'a Queued);

impl Drop for Stopped<'_> {
    fn drop(&mut self) {
        self.0.stopped();
    }
}

/// What the two threads share: how much is queued and how much of it is
/// left to convert.
#[derive(Default)]
struct Shared {
    queued: Queued,
    /// Bytes of HTML and comments left to the writing thread and not yet
    /// converted. (Counting every job instead let the reading thread
    /// convert all while the writing one only wrote what it was sent.)
    to_convert: AtomicUsize,
}

/// The converting side's handle: sends files to the writing thread.
pub struct Files {
    sender: SyncSender<(Job, usize)>,
    shared: Arc<Shared>,
}

impl Files {
    /// Writes `text` to `relative` (a path in the site's folder).
    pub fn write(&self, relative: &str, text: String) -> Result<()> {
        self.send(Job::Write {
            relative: relative.to_owned(),
            text,
        })
    }

    /// Writes a post or page to `relative`: `head` (its front matter),
    /// then `content` (its HTML) converted by [`body::convert`], on this
    /// thread with `links` or on the writing thread with its own.
    pub fn post(
        &self,
        relative: &str,
        head: String,
        content: String,
        links: &mut Links,
    ) -> Result<()> {
        let body = if self.leave_to_writer(content.len()) {
            Body::Html(content)
        } else {
            let (markdown, converted) = body::convert(&content, links);
            Body::Markdown(markdown, converted)
        };
        self.send(Job::Post {
            relative: relative.to_owned(),
            head,
            body,
        })
    }

    /// Copies images from the uploads folder: files of the site's folder
    /// and the files they are copied from. With those the writing thread
    /// took itself, each is copied once, after every post.
    pub fn uploads(&self, copies: BTreeMap<String, PathBuf>) -> Result<()> {
        self.send(Job::Uploads(copies))
    }

    /// Writes a post's comments as comment files, each batch of them
    /// made on this thread or on the writing thread, as for bodies.
    pub fn comments(&self, thread: Thread) -> Result<()> {
        for batch in comment_files::batches(thread) {
            let comments = if self.leave_to_writer(batch.bytes()) {
                Comments::Batch(batch)
            } else {
                Comments::Rendered(comment_files::render(batch)?)
            };
            self.send(Job::Comments(comments))?;
        }
        Ok(())
    }

    /// Gives the writing thread the links it converts the bodies left to
    /// it with: a copy of the reading thread's, once those are complete.
    pub fn links(&self, links: Links) -> Result<()> {
        self.send(Job::Links(Box::new(links)))
    }

    /// Whether the writing thread has room for `bytes` more to convert;
    /// if so, they are counted as left to it.
    fn leave_to_writer(&self, bytes: usize) -> bool {
        let to_convert = &self.shared.to_convert;
        let room = to_convert.load(Ordering::Relaxed) <= ROOM;
        if room {
            to_convert.fetch_add(bytes, Ordering::Relaxed);
        }
        room
    }

    fn send(&self, job: Job) -> Result<()> {
        let bytes = job.bytes();
        self.shared.queued.add(bytes);
        // The writing thread stops at its first error, which `run` returns.
        self.sender
            .send((job, bytes))
            .map_err(|_| anyhow!("the import stopped writing files"))
    }
}

/// Runs `convert` on this thread with a [`Files`] whose files are written
/// under `scratch` on another thread, which converts the bodies and
/// comments left to it (bodies with the links given by [`Files::links`]).
/// Returns what `convert` returned and what was written. A failed write stops the conversion at
/// its next file; a failed conversion stops sending, and the jobs already
/// queued are written (into the scratch folder, which the caller then
/// removes).
pub fn run<T>(scratch: &Path, convert: impl FnOnce(&Files) -> Result<T>) -> Result<(T, Written)> {
    let (sender, receiver) = mpsc::sync_channel(QUEUED);
    let shared = Arc::new(Shared::default());
    thread::scope(|scope| {
        let writing = {
            let shared = Arc::clone(&shared);
            scope.spawn(move || write_all(scratch, receiver, &shared))
        };
        let files = Files { sender, shared };
        let converted = convert(&files);
        drop(files);
        let written = match writing.join() {
            Ok(written) => written,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        // A failed write is the cause when both stopped.
        let written = written?;
        Ok((converted?, written))
    })
}

/// The writing thread: every job in order, until the sender is dropped or
/// a job fails (dropping the receiver then stops the sender too).
fn write_all(scratch: &Path, jobs: Receiver<(Job, usize)>, shared: &Shared) -> Result<Written> {
    let _stopped = Stopped(&shared.queued);
    let to_convert = &shared.to_convert;
    let mut links = Links::default();
    let mut writer = Writer {
        scratch: scratch.to_owned(),
        files: Vec::new(),
        folders: Folders::default(),
    };
    let mut comments = Tally::default();
    let mut notes = Notes::default();
    let mut copies = BTreeMap::new();
    for (job, bytes) in jobs {
        match job {
            Job::Write { relative, text } => writer.write(&relative, &text)?,
            Job::Post {
                relative,
                mut head,
                body,
            } => {
                let (markdown, converted) = match body {
                    Body::Markdown(markdown, converted) => (markdown, converted),
                    Body::Html(html) => {
                        let converted = body::convert(&html, &mut links);
                        to_convert.fetch_sub(html.len(), Ordering::Relaxed);
                        converted
                    }
                };
                head.push_str(&markdown);
                converted.note(&relative, &head, &mut notes);
                writer.write(&relative, &head)?;
            }
            Job::Uploads(taken) => copies.extend(taken),
            Job::Comments(job) => {
                let rendered = match job {
                    Comments::Rendered(rendered) => rendered,
                    Comments::Batch(batch) => {
                        let left = batch.bytes();
                        let rendered = comment_files::render(batch)?;
                        to_convert.fetch_sub(left, Ordering::Relaxed);
                        rendered
                    }
                };
                for (relative, text) in &rendered.files {
                    writer.write(relative, text)?;
                }
                comments.add(rendered.tally);
            }
            Job::Links(given) => links = *given,
        }
        shared.queued.remove(bytes);
    }
    copies.append(&mut links.uploads.copies);
    for (relative, from) in &copies {
        writer.copy(relative, from)?;
    }
    Ok(Written {
        files: writer.files,
        comments,
        notes,
        images_copied: copies.len(),
    })
}

/// Writes files under the scratch folder and notes each.
pub struct Writer {
    scratch: PathBuf,
    files: Vec<String>,
    folders: Folders,
}

impl Writer {
    fn copy(&mut self, relative: &str, from: &Path) -> Result<()> {
        let path = self.place(relative)?;
        fs::copy(from, &path).with_context(|| format!("copying {}", from.display()))?;
        Ok(())
    }

    pub fn write(&mut self, relative: &str, text: &str) -> Result<()> {
        let path = self.place(relative)?;
        fs::write(&path, text).with_context(|| format!("writing {}", path.display()))
    }

    /// Where `relative` goes in the scratch folder, its folder made, and
    /// noted to move into place.
    fn place(&mut self, relative: &str) -> Result<PathBuf> {
        let path = self.scratch.join(relative);
        if let Some(parent) = path.parent() {
            self.folders.make(parent)?;
        }
        self.files.push(relative.to_owned());
        Ok(path)
    }
}

/// Folders made so far, so that each is made once: a large export puts
/// tens of thousands of comment files into a few thousand folders, and
/// asking the file system again for each file was a good part of the
/// import's time on slow disks.
#[derive(Default)]
pub struct Folders(HashSet<PathBuf>);

impl Folders {
    pub fn make(&mut self, folder: &Path) -> Result<()> {
        if !self.0.contains(folder) {
            fs::create_dir_all(folder).with_context(|| format!("creating {}", folder.display()))?;
            self.0.insert(folder.to_owned());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_written_in_the_order_sent() {
        let dir = tempfile::tempdir().unwrap();
        let ((), written) = run(dir.path(), |files| {
            for n in 0..200 {
                files.write(&format!("a/{n}.txt"), format!("file {n}"))?;
            }
            Ok(())
        })
        .unwrap();
        let expected: Vec<String> = (0..200).map(|n| format!("a/{n}.txt")).collect();
        assert_eq!(written.files, expected);
        let text = fs::read_to_string(dir.path().join("a/199.txt")).unwrap();
        assert_eq!(text, "file 199");
    }

    #[test]
    fn a_failed_write_stops_the_conversion_with_its_own_error() {
        let dir = tempfile::tempdir().unwrap();
        // A file where a folder must go: the write under it fails.
        fs::write(dir.path().join("a"), "in the way").unwrap();
        let mut sent = 0;
        let error = run(dir.path(), |files| {
            for n in 0..10_000 {
                files.write(&format!("a/{n}.txt"), String::new())?;
                sent += 1;
            }
            Ok(())
        })
        .unwrap_err();
        assert!(format!("{error:#}").contains("creating"), "{error:#}");
        assert!(
            sent < 10_000,
            "the conversion went on after the writes stopped"
        );
    }

    #[test]
    fn a_failed_write_stops_a_conversion_waiting_for_room_in_the_queue() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a"), "in the way").unwrap();
        // Two of these do not fit in the queue together.
        let long = "x".repeat(QUEUED_BYTES / 2 + 1);
        let mut sent = 0;
        let error = run(dir.path(), |files| {
            for n in 0..10 {
                files.write(&format!("a/{n}.txt"), long.clone())?;
                sent += 1;
            }
            Ok(())
        })
        .unwrap_err();
        assert!(format!("{error:#}").contains("creating"), "{error:#}");
        assert!(sent < 10, "the conversion went on after the writes stopped");
    }

    #[test]
    fn a_full_queue_takes_more_once_the_writing_thread_made_room() {
        let queued = Queued::default();
        queued.add(QUEUED_BYTES);
        let added = std::sync::atomic::AtomicBool::new(false);
        thread::scope(|scope| {
            scope.spawn(|| {
                queued.add(1);
                added.store(true, Ordering::SeqCst);
            });
            thread::sleep(std::time::Duration::from_millis(100));
            assert!(!added.load(Ordering::SeqCst), "sent past a full queue");
            queued.remove(QUEUED_BYTES);
        });
        assert!(added.load(Ordering::SeqCst));
        assert_eq!(queued.state.lock().unwrap().0, 1);
    }

    #[test]
    fn a_body_is_the_same_whichever_thread_converts_it() {
        let html = "<p>Hello [gallery ids=\"1\"] <a href=\"javascript:alert(1)\">there</a></p>";
        let mut outcomes = Vec::new();
        for reader_converts in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let ((), written) = run(dir.path(), |files| {
                if reader_converts {
                    // As if the writing thread had a long queue.
                    files
                        .shared
                        .to_convert
                        .fetch_add(ROOM + 1, Ordering::Relaxed);
                }
                files.post(
                    "a.md",
                    "---\ntitle: A\n---\n".to_owned(),
                    html.to_owned(),
                    &mut Links::default(),
                )
            })
            .unwrap();
            let mut report = super::super::report::Report::default();
            written.notes.report(&mut report);
            let text = fs::read_to_string(dir.path().join("a.md")).unwrap();
            outcomes.push((text, report.shortcodes, report.removed));
        }
        let (text, shortcodes, removed) = &outcomes[0];
        assert_eq!(
            text,
            "---\ntitle: A\n---\nHello \\[gallery ids=\"1\"\\] there\n"
        );
        assert_eq!(shortcodes, &["a.md:4: [gallery]"]);
        assert_eq!(removed, &["a.md: javascript:alert(1)"]);
        assert_eq!(outcomes[0], outcomes[1]);
    }

    #[test]
    fn comments_are_the_same_whichever_thread_makes_their_files() {
        let comment = |id: &str, parent: &str, content: &str, approved: &str| WxrComment {
            id: id.to_owned(),
            author: format!("Reader {id}"),
            date_gmt: "2024-05-06 07:08:09".to_owned(),
            parent: parent.to_owned(),
            content: content.to_owned(),
            approved: approved.to_owned(),
            ..WxrComment::default()
        };
        let thread = || Thread {
            slug: "a".to_owned(),
            post_dates: Default::default(),
            comments: vec![
                comment("1", "0", "Hi <b>there</b>", "1"),
                comment("2", "1", "Thanks", "0"),
                comment("3", "0", "<p> </p>", "1"),
                comment("4", "0", "Buy", "spam"),
            ],
        };
        let mut outcomes = Vec::new();
        for reader_makes in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let ((), written) = run(dir.path(), |files| {
                if reader_makes {
                    files
                        .shared
                        .to_convert
                        .fetch_add(ROOM + 1, Ordering::Relaxed);
                }
                files.comments(thread())
            })
            .unwrap();
            let texts: Vec<String> = written
                .files
                .iter()
                .map(|file| fs::read_to_string(dir.path().join(file)).unwrap())
                .collect();
            let tally = written.comments;
            outcomes.push((
                written.files,
                texts,
                [tally.approved, tally.pending, tally.spam_or_trash],
                tally.left,
            ));
        }
        let (files, texts, counts, left) = &outcomes[0];
        assert_eq!(
            files,
            &["content/comments/a/wp-1.yml", "comments-pending/a/wp-2.yml"]
        );
        assert!(texts[0].contains("message: Hi there\n"), "{}", texts[0]);
        assert!(texts[1].contains("replying_to: wp-1\n"), "{}", texts[1]);
        assert_eq!(counts, &[1, 1, 1]);
        assert_eq!(left, &["comment 3 on /a/: it has no text"]);
        assert_eq!(outcomes[0], outcomes[1]);
    }

    #[test]
    fn a_failed_conversion_is_returned() {
        let dir = tempfile::tempdir().unwrap();
        let error = run(dir.path(), |files| -> Result<()> {
            files.write("a.txt", "kept".to_owned())?;
            Err(anyhow!("the post could not be read"))
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "the post could not be read");
    }
}
