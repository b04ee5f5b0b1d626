//! Writing the import's files, on a thread of its own beside the one that
//! reads the export and converts posts.
//!
//! A large export is mostly comments, and each becomes a file of its own
//! (the layout the comment receiver writes and the content tool reads):
//! turning them into text and writing every file takes about as long as
//! reading the export and converting the posts, so the two halves overlap
//! on a machine with two cores or more. Jobs go through a bounded queue in
//! the order they are sent, so the files are written in that order and
//! memory stays bounded whatever the export's size.

use std::{
    collections::HashSet,
    fs,
    path::{Path, PathBuf},
    sync::mpsc::{self, Receiver, SyncSender},
    thread,
};

use anyhow::{Context, Result, anyhow};

use super::{
    comment_files::{self, Tally},
    wxr::WxrComment,
};

/// Jobs waiting for the writing thread at most; each holds one post's
/// text or comments.
const QUEUED: usize = 64;

/// One job for the writing thread.
enum Job {
    Write { relative: String, text: String },
    Copy { relative: String, from: PathBuf },
    Comments(Thread),
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
}

/// The converting side's handle: sends files to the writing thread.
pub struct Files {
    sender: SyncSender<Job>,
}

impl Files {
    /// Writes `text` to `relative` (a path in the site's folder).
    pub fn write(&self, relative: &str, text: String) -> Result<()> {
        self.send(Job::Write {
            relative: relative.to_owned(),
            text,
        })
    }

    /// Copies the file `from` to `relative`.
    pub fn copy(&self, relative: &str, from: &Path) -> Result<()> {
        self.send(Job::Copy {
            relative: relative.to_owned(),
            from: from.to_owned(),
        })
    }

    /// Writes a post's comments as comment files.
    pub fn comments(&self, thread: Thread) -> Result<()> {
        self.send(Job::Comments(thread))
    }

    fn send(&self, job: Job) -> Result<()> {
        // The writing thread stops at its first error, which `run` returns.
        self.sender
            .send(job)
            .map_err(|_| anyhow!("the import stopped writing files"))
    }
}

/// Runs `convert` on this thread with a [`Files`] whose files are written
/// under `scratch` on another thread. Returns what `convert` returned and
/// what was written. A failed write stops the conversion at its next
/// file; a failed conversion stops sending, and the jobs already queued
/// are written (into the scratch folder, which the caller then removes).
pub fn run<T>(scratch: &Path, convert: impl FnOnce(&Files) -> Result<T>) -> Result<(T, Written)> {
    let (sender, receiver) = mpsc::sync_channel(QUEUED);
    thread::scope(|scope| {
        let writing = scope.spawn(|| write_all(scratch, receiver));
        let files = Files { sender };
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
fn write_all(scratch: &Path, jobs: Receiver<Job>) -> Result<Written> {
    let mut writer = Writer {
        scratch: scratch.to_owned(),
        files: Vec::new(),
        folders: Folders::default(),
    };
    let mut comments = Tally::default();
    for job in jobs {
        match job {
            Job::Write { relative, text } => writer.write(&relative, &text)?,
            Job::Copy { relative, from } => writer.copy(&relative, &from)?,
            Job::Comments(thread) => comment_files::write(&thread, &mut writer, &mut comments)?,
        }
    }
    Ok(Written {
        files: writer.files,
        comments,
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
