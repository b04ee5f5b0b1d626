//! Writing the import's files, on a thread of its own beside the one that
//! reads the export and converts posts.
//!
//! A large export is mostly comments, and each becomes a file of its own
//! (the layout the comment receiver writes and the content tool reads):
//! turning them into text and writing every file is about half the work
//! of the export's second reading, so the two halves overlap on a machine
//! with two cores or more. Jobs go through a bounded queue in the order
//! they are sent, so the files are written in that order and memory stays
//! bounded whatever the export's size.
//!
//! Post bodies, the other large part, are converted by whichever thread
//! has room: when the writing thread is about to run out of jobs, a post
//! is sent with its HTML and converted there; otherwise the reading thread
//! converts it before sending. The result is the same either way, and the
//! report's lines about bodies are gathered here, in the order sent.

use std::{
    collections::{BTreeMap, HashSet},
    fs,
    path::{Path, PathBuf},
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
        mpsc::{self, Receiver, SyncSender},
    },
    thread,
};

use anyhow::{Context, Result, anyhow};

use super::{
    body::{self, Converted, Notes},
    comment_files::{self, Tally},
    links::Links,
    wxr::WxrComment,
};

/// Jobs waiting for the writing thread at most; each holds one post's
/// text or comments.
const QUEUED: usize = 64;

/// Jobs the writing thread may have waiting when a post's body is left
/// for it to convert: with more, the reading thread converts it. (On the
/// benchmark's export, 16 kept both threads busiest: 2 left the writing
/// thread idle between jobs, 32 did no better.)
const ROOM: usize = 16;

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
    Comments(Thread),
}

/// A post's body: converted, or its HTML to convert.
enum Body {
    Markdown(String, Converted),
    Html(String),
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

/// The converting side's handle: sends files to the writing thread.
pub struct Files {
    sender: SyncSender<Job>,
    /// Jobs sent and not yet done.
    waiting: Arc<AtomicUsize>,
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
        let body = if self.waiting.load(Ordering::Relaxed) <= ROOM {
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

    /// Writes a post's comments as comment files.
    pub fn comments(&self, thread: Thread) -> Result<()> {
        self.send(Job::Comments(thread))
    }

    fn send(&self, job: Job) -> Result<()> {
        self.waiting.fetch_add(1, Ordering::Relaxed);
        // The writing thread stops at its first error, which `run` returns.
        self.sender
            .send(job)
            .map_err(|_| anyhow!("the import stopped writing files"))
    }
}

/// Runs `convert` on this thread with a [`Files`] whose files are written
/// under `scratch` on another thread, which converts the bodies left to it
/// with `links` (a copy of the reading thread's). Returns what `convert`
/// returned and what was written. A failed write stops the conversion at
/// its next file; a failed conversion stops sending, and the jobs already
/// queued are written (into the scratch folder, which the caller then
/// removes).
pub fn run<T>(
    scratch: &Path,
    links: Links,
    convert: impl FnOnce(&Files) -> Result<T>,
) -> Result<(T, Written)> {
    let (sender, receiver) = mpsc::sync_channel(QUEUED);
    let waiting = Arc::new(AtomicUsize::new(0));
    thread::scope(|scope| {
        let writing = {
            let waiting = Arc::clone(&waiting);
            scope.spawn(move || write_all(scratch, receiver, links, &waiting))
        };
        let files = Files { sender, waiting };
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
fn write_all(
    scratch: &Path,
    jobs: Receiver<Job>,
    mut links: Links,
    waiting: &AtomicUsize,
) -> Result<Written> {
    let mut writer = Writer {
        scratch: scratch.to_owned(),
        files: Vec::new(),
        folders: Folders::default(),
    };
    let mut comments = Tally::default();
    let mut notes = Notes::default();
    let mut copies = BTreeMap::new();
    for job in jobs {
        match job {
            Job::Write { relative, text } => writer.write(&relative, &text)?,
            Job::Post {
                relative,
                mut head,
                body,
            } => {
                let (markdown, converted) = match body {
                    Body::Markdown(markdown, converted) => (markdown, converted),
                    Body::Html(html) => body::convert(&html, &mut links),
                };
                head.push_str(&markdown);
                converted.note(&relative, &head, &mut notes);
                writer.write(&relative, &head)?;
            }
            Job::Uploads(taken) => copies.extend(taken),
            Job::Comments(thread) => comment_files::write(&thread, &mut writer, &mut comments)?,
        }
        waiting.fetch_sub(1, Ordering::Relaxed);
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
        let ((), written) = run(dir.path(), Links::default(), |files| {
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
        let error = run(dir.path(), Links::default(), |files| {
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
    fn a_body_is_the_same_whichever_thread_converts_it() {
        let html = "<p>Hello [gallery ids=\"1\"] <a href=\"javascript:alert(1)\">there</a></p>";
        let mut outcomes = Vec::new();
        for reader_converts in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let ((), written) = run(dir.path(), Links::default(), |files| {
                if reader_converts {
                    // As if the writing thread had a long queue.
                    files.waiting.fetch_add(ROOM + 1, Ordering::Relaxed);
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
    fn a_failed_conversion_is_returned() {
        let dir = tempfile::tempdir().unwrap();
        let error = run(dir.path(), Links::default(), |files| -> Result<()> {
            files.write("a.txt", "kept".to_owned())?;
            Err(anyhow!("the post could not be read"))
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "the post could not be read");
    }
}
