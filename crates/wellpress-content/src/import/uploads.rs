//! Images from the old site's `wp-content/uploads` folder (`--uploads`):
//! each file a post uses is copied to `public/images/uploads/` under the
//! same relative path (`2024/03/photo.jpg`), and the post points at it
//! there. WordPress's resized copies (`photo-300x200.jpg`) are taken from
//! the original when only that one is in the folder.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use url::Url;
use wellpress_types::decode_path;

use crate::images;

/// Where copies go, from the site's folder, and the same as a site path.
pub const FOLDER: &str = "public/images/uploads";
const SITE_PATH: &str = "/images/uploads";

/// The uploads folder, and what was taken from it.
#[derive(Debug, Default)]
pub struct Uploads {
    folder: Option<PathBuf>,
    /// Files to copy: where, from the site's folder, and from which file.
    pub copies: BTreeMap<String, PathBuf>,
}

impl Uploads {
    /// Takes images from `folder`; none are taken without one.
    pub fn new(folder: Option<PathBuf>) -> Self {
        Uploads {
            folder,
            copies: BTreeMap::new(),
        }
    }

    /// Images from the same folder, none taken yet.
    pub fn same_folder(&self) -> Self {
        Uploads::new(self.folder.clone())
    }

    /// The site path of the uploaded image at `url`
    /// (`…/wp-content/uploads/2024/03/photo-300x200.jpg`) once copied:
    /// the file itself when the folder has it, else its original; none
    /// when neither is there, or the content tool would refuse the file.
    pub fn take(&mut self, url: &Url) -> Option<String> {
        let folder = self.folder.as_ref()?;
        let relative = relative(url)?;
        let found = [Some(relative.clone()), original(&relative)]
            .into_iter()
            .flatten()
            .find(|r| folder.join(r).is_file())?;
        let source = folder.join(&found);
        let site_path = format!("{SITE_PATH}/{found}");
        images::acceptable(&source, &site_path).ok()?;
        self.copies.insert(format!("{FOLDER}/{found}"), source);
        Some(site_path)
    }
}

/// The path of an upload inside the uploads folder, decoded
/// (`2024/03/photo.jpg`); none for an address outside it or a path that
/// could leave it.
pub fn relative(url: &Url) -> Option<String> {
    let path = decode_path(url.path())?;
    let (_, rest) = path.split_once("/wp-content/uploads/")?;
    let fine = !rest.is_empty()
        && rest
            .split('/')
            .all(|segment| !segment.is_empty() && !segment.starts_with('.'))
        && !rest.contains(|c: char| c.is_whitespace() || c.is_control() || "\\()<>".contains(c));
    fine.then(|| rest.to_owned())
}

/// The original of a resized copy: `photo-300x200.jpg` → `photo.jpg`.
fn original(relative: &str) -> Option<String> {
    let (stem, extension) = relative.rsplit_once('.')?;
    let (name, size) = stem.rsplit_once('-')?;
    let (width, height) = size.split_once('x')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(width) && digits(height) && !name.ends_with('/')).then(|| format!("{name}.{extension}"))
}

/// Whether `folder` can be the uploads folder: an error to show when not.
pub fn check_folder(folder: &Path) -> anyhow::Result<()> {
    if folder.is_dir() {
        Ok(())
    } else {
        anyhow::bail!(
            "--uploads {}: no such folder; give the old site's wp-content/uploads folder (the one holding the year folders, like 2024/)",
            folder.display()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_are_found_by_their_path_under_wp_content_uploads() {
        let at = |address: &str| relative(&Url::parse(address).unwrap());
        assert_eq!(
            at("https://old.example/wp-content/uploads/2024/03/a%20b.jpg"),
            None,
            "a space"
        );
        assert_eq!(
            at("https://old.example/blog/wp-content/uploads/2024/03/caf%C3%A9.jpg").as_deref(),
            Some("2024/03/café.jpg")
        );
        assert_eq!(at("https://old.example/wp-content/uploads/../x.jpg"), None);
        assert_eq!(at("https://old.example/wp-content/themes/x.jpg"), None);
    }

    #[test]
    fn a_resized_copy_names_its_original() {
        assert_eq!(
            original("2024/03/photo-300x200.jpg").as_deref(),
            Some("2024/03/photo.jpg")
        );
        assert_eq!(
            original("2024/03/my-photo-1024x683.png").as_deref(),
            Some("2024/03/my-photo.png")
        );
        for plain in [
            "2024/03/photo.jpg",
            "2024/03/photo-large.jpg",
            "2024/03/x-10x.jpg",
        ] {
            assert_eq!(original(plain), None, "{plain}");
        }
    }
}
