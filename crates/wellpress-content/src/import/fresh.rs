//! `--fresh`: a site that still holds the demo's content (or any content
//! its owner wants replaced) moves in as a new site would. Its content is
//! moved aside into `.wellpress-replaced/<time>/` first, with the images
//! under `public/images/` that only that content used, nothing deleted,
//! and moved back when the import fails.

use std::{
    collections::BTreeSet,
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result, anyhow};
use time::{OffsetDateTime, macros::format_description};

/// The folder the replaced content goes to, in the site's folder.
pub const FOLDER: &str = ".wellpress-replaced";

/// What a site's content is: everything the import writes or that names
/// articles (comments, redirects, the category tree). The settings and
/// the rest stay, and so do the images under `public/` but those only this
/// content used.
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

/// The site's own images; a build publishes every file there.
const IMAGES: &str = "public/images";

/// The content that may use images (front matter, Markdown, author
/// photos); comments and the other files never show one.
const SHOWING_IMAGES: &[&str] = &["content/articles", "content/pages", "content/authors"];

/// Files that stay and may use images, which then stay too.
const STAYING: &[&str] = &["content/site.toml"];

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
        for image in aside.images_only_it_used() {
            let path = format!("{IMAGES}/{image}");
            // The same file named another way (another case, on a disk
            // that ignores it) went already.
            if fs::symlink_metadata(root.join(&path)).is_err() {
                continue;
            }
            if let Err(error) = aside.move_file(&path) {
                let undone = aside.restore();
                let error = error.context(format!("moving {path} aside"));
                return Err(match undone {
                    Ok(()) => error,
                    Err(undone) => error.context(format!("{undone:#}")),
                });
            }
            aside.moved.push(path);
        }
        Ok(aside)
    }

    /// The images under `public/images/` that the content moved aside
    /// uses and nothing that stays does, as paths inside that folder:
    /// files there, not reached through a link to elsewhere.
    fn images_only_it_used(&self) -> BTreeSet<String> {
        let mut used = BTreeSet::new();
        let showing = self
            .moved
            .iter()
            .filter(|path| SHOWING_IMAGES.contains(&path.as_str()));
        for path in showing {
            images_in(&self.root.join(&self.folder).join(path), &mut used);
        }
        let mut staying = BTreeSet::new();
        for path in STAYING {
            images_in(&self.root.join(path), &mut staying);
        }
        let Ok(folder) = fs::canonicalize(self.root.join(IMAGES)) else {
            return BTreeSet::new();
        };
        used.retain(|image| {
            let path = self.root.join(IMAGES).join(image);
            let here = fs::canonicalize(&path).is_ok_and(|real| real == folder.join(image));
            !staying.contains(image)
                && here
                && fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
        });
        used
    }

    fn move_file(&self, path: &str) -> Result<()> {
        let to = self.root.join(&self.folder).join(path);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(self.root.join(path), &to)?;
        // A folder of the site's images left empty goes too.
        let images = self.root.join(IMAGES);
        let mut folder = self.root.join(path);
        while folder.pop() && folder != images && folder.starts_with(&images) {
            if fs::remove_dir(&folder).is_err() {
                break;
            }
        }
        Ok(())
    }

    /// Moves the content back where it was, after a failed import.
    pub fn restore(&self) -> Result<()> {
        for path in self.moved.iter().rev() {
            let from = self.root.join(&self.folder).join(path);
            let to = self.root.join(path);
            if let Some(parent) = to.parent() {
                let _ = fs::create_dir_all(parent);
            }
            fs::rename(&from, &to).with_context(|| {
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

/// Adds to `found` the images under `public/images/` that the text files
/// at `path` (a file, or a folder read through) name: site paths
/// `/images/…` in front matter, Markdown, and author files, as paths
/// inside that folder.
fn images_in(path: &Path, found: &mut BTreeSet<String>) {
    if path.is_dir() {
        for entry in fs::read_dir(path).into_iter().flatten().flatten() {
            images_in(&entry.path(), found);
        }
        return;
    }
    let Ok(text) = fs::read_to_string(path) else {
        return;
    };
    for (at, _) in text.match_indices("/images/") {
        let rest = &text[at + "/images/".len()..];
        let end = rest
            .find(|c: char| c.is_whitespace() || "\"')]>?#".contains(c))
            .unwrap_or(rest.len());
        let Some(decoded) = wellpress_types::decode_path(&rest[..end]) else {
            continue;
        };
        let safe = !decoded.is_empty()
            && decoded
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..");
        if safe {
            found.insert(decoded);
        }
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

    #[test]
    fn images_reached_through_a_link_to_elsewhere_stay_where_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(elsewhere.path().join("sub")).unwrap();
        fs::write(elsewhere.path().join("sub/shared.jpg"), "shared").unwrap();
        fs::create_dir_all(root.join("public/images/articles")).unwrap();
        fs::write(root.join("public/images/articles/own.jpg"), "own").unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.join("public/images/shared")).unwrap();
        fs::create_dir_all(root.join("content/articles")).unwrap();
        fs::write(
            root.join("content/articles/demo.md"),
            "---\nimage: /images/articles/own.jpg\n---\n![a](/images/shared/sub/shared.jpg)\n",
        )
        .unwrap();

        let aside = Aside::move_content(root).unwrap();
        assert_eq!(
            aside.moved,
            ["content/articles", "public/images/articles/own.jpg"]
        );
        assert!(elsewhere.path().join("sub/shared.jpg").is_file());
        assert!(elsewhere.path().join("sub").is_dir());
        aside.restore().unwrap();
        assert!(root.join("public/images/articles/own.jpg").is_file());
    }
}
