//! `--fresh`: a site that still holds the demo's content (or any content
//! its owner wants replaced) moves in as a new site would. Its content is
//! moved aside into `.wellpress-replaced/<time>/` first, nothing deleted,
//! and moved back when the import fails.

use std::{
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result, anyhow};
use time::{OffsetDateTime, macros::format_description};

/// The folder the replaced content goes to, in the site's folder.
pub const FOLDER: &str = ".wellpress-replaced";

/// What a site's content is: everything the import writes or that names
/// articles (comments, redirects, the category tree). The settings, the
/// images under `public/` and the rest stay.
const CONTENT: &[&str] = &[
    "content/articles",
    "content/pages",
    "content/authors",
    "content/comments",
    "content/categories.toml",
    "content/redirects.toml",
    "comments-pending",
    "comments-rejected",
    "comments-spam",
];

/// The content moved aside.
#[derive(Debug)]
pub struct Aside {
    root: PathBuf,
    /// Where it went, relative to the site's folder.
    pub folder: String,
    /// What was moved, relative to the site's folder.
    pub moved: Vec<String>,
}

impl Aside {
    /// Moves the site's content into `.wellpress-replaced/<time>/`.
    pub fn move_content(root: &Path) -> Result<Self> {
        let stamp = OffsetDateTime::now_utc()
            .format(format_description!(
                "[year]-[month]-[day]T[hour]-[minute]-[second]Z"
            ))
            .context("writing the time")?;
        let mut folder = format!("{FOLDER}/{stamp}");
        let mut n = 2;
        while root.join(&folder).exists() {
            folder = format!("{FOLDER}/{stamp}-{n}");
            n += 1;
        }
        let mut aside = Aside {
            root: root.to_owned(),
            folder,
            moved: Vec::new(),
        };
        for path in CONTENT {
            let from = root.join(path);
            if !from.exists() {
                continue;
            }
            let to = root.join(&aside.folder).join(path);
            let moved = to
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| fs::rename(&from, &to));
            if let Err(error) = moved {
                let undone = aside.restore();
                let error = anyhow!(error).context(format!("moving {path} aside"));
                return Err(match undone {
                    Ok(()) => error,
                    Err(undone) => error.context(format!("{undone:#}")),
                });
            }
            aside.moved.push((*path).to_owned());
        }
        Ok(aside)
    }

    /// Moves the content back where it was, after a failed import.
    pub fn restore(&self) -> Result<()> {
        for path in self.moved.iter().rev() {
            let from = self.root.join(&self.folder).join(path);
            fs::rename(&from, self.root.join(path)).with_context(|| {
                format!(
                    "moving {} back to {path}: the site's content before the import is in {}",
                    from.display(),
                    self.folder
                )
            })?;
        }
        // The folders left, if empty; anything else in them stays.
        remove_empty(&self.root.join(&self.folder));
        let _ = fs::remove_dir(self.root.join(FOLDER));
        Ok(())
    }
}

/// Removes `folder` and the folders in it, where they hold no file.
fn remove_empty(folder: &Path) {
    if let Ok(entries) = fs::read_dir(folder) {
        for entry in entries.flatten() {
            if entry.path().is_dir() {
                remove_empty(&entry.path());
            }
        }
    }
    let _ = fs::remove_dir(folder);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_moves_aside_and_back() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/articles")).unwrap();
        fs::write(root.join("content/articles/demo.md"), "demo").unwrap();
        fs::write(root.join("content/site.toml"), "name = \"Demo\"\n").unwrap();
        fs::write(root.join("content/redirects.toml"), "").unwrap();

        let aside = Aside::move_content(root).unwrap();
        assert_eq!(aside.moved, ["content/articles", "content/redirects.toml"]);
        assert!(!root.join("content/articles").exists());
        assert!(root.join("content/site.toml").exists(), "the settings stay");
        let kept = root.join(&aside.folder).join("content/articles/demo.md");
        assert_eq!(fs::read_to_string(kept).unwrap(), "demo");

        aside.restore().unwrap();
        assert_eq!(
            fs::read_to_string(root.join("content/articles/demo.md")).unwrap(),
            "demo"
        );
        assert!(root.join("content/redirects.toml").exists());
        assert!(!root.join(FOLDER).exists(), "nothing is left behind");
    }
}
