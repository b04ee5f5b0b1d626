//! What an import did, as the owner reads it at the end.

use std::{collections::BTreeMap, fmt};

use super::{settings, uploads};
use crate::redirects;

/// What an import did, for the owner to read.
#[derive(Debug, Default)]
pub struct Report {
    pub site: String,
    pub wxr_version: String,
    /// Published posts written, by slug.
    pub published: Vec<String>,
    /// Posts imported as drafts: slug and WordPress status.
    pub drafts: Vec<(String, String)>,
    /// Published pages written to content/pages/, by slug.
    pub pages: Vec<String>,
    /// Pages imported as drafts: slug and WordPress status.
    pub page_drafts: Vec<(String, String)>,
    /// Slugs that differ from WordPress's, and why.
    pub slugs: Vec<String>,
    /// Posts and pages left out because an item before them had their id.
    pub same_id: Vec<String>,
    pub comments_approved: usize,
    pub comments_pending: usize,
    pub pingbacks: usize,
    /// Comments on pages, which have none here.
    pub page_comments: usize,
    pub spam_or_trash: usize,
    /// Comments not imported, and why.
    pub comments_left: Vec<String>,
    /// `file:line: [name]`.
    pub shortcodes: Vec<String>,
    /// `file:line: address`: links to the old site that stay absolute.
    pub links_absolute: Vec<String>,
    /// Links and images dropped because their address was not a web one.
    pub removed: Vec<String>,
    /// Image addresses under wp-content/uploads that were not copied, with
    /// the file that uses them.
    pub images_to_copy: Vec<String>,
    /// Featured images not copied: the article and the image's address.
    pub featured_to_copy: Vec<String>,
    /// Images copied from the uploads folder.
    pub images_copied: usize,
    /// Author files written.
    pub authors: Vec<String>,
    /// Files that were there already and were left alone.
    pub skipped: Vec<String>,
    /// Files written.
    pub written: usize,
    /// Items of other kinds, not imported in this version.
    pub not_imported: BTreeMap<String, usize>,
    /// Whether `--uploads` was given.
    pub uploads_given: bool,
    /// Redirects added to `content/redirects.toml`.
    pub redirects_added: usize,
    /// Old addresses the file redirected already (its entries stay).
    pub redirects_kept: usize,
    /// Old addresses left without a redirect, and why.
    pub redirects_left: Vec<String>,
    /// Changes to `content/site.toml`: made when the site had no articles
    /// before (a site moving in), else only said.
    pub settings: Vec<String>,
    /// Whether the changes were made.
    pub settings_changed: bool,
    /// Why the settings were left as they are, when they could not be read.
    pub settings_unread: Option<String>,
    /// Header menu entries left out, and why.
    pub menu_left: Vec<String>,
    /// With `--fresh`: where the site's content went, and what was moved.
    pub replaced: Option<(String, Vec<String>)>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, heading: &str, lines: &[String]| -> fmt::Result {
            if lines.is_empty() {
                return Ok(());
            }
            writeln!(f, "{heading} ({}):", lines.len())?;
            for line in lines {
                writeln!(f, "  {line}")?;
            }
            Ok(())
        };
        writeln!(
            f,
            "imported “{}” (WordPress export {}): {} files written",
            self.site, self.wxr_version, self.written
        )?;
        if let Some((folder, moved)) = &self.replaced {
            let (images, content): (Vec<&String>, Vec<&String>) =
                moved.iter().partition(|path| path.starts_with("public/"));
            let mut what: Vec<String> = content.iter().map(|path| path.to_string()).collect();
            match images.len() {
                0 => {}
                1 => what.push(format!("the image only it used ({})", images[0])),
                n => what.push(format!("the {n} images only it used (public/images/…)")),
            }
            writeln!(
                f,
                "the site's content before the import (--fresh) is in {folder}/: {}",
                what.join(", ")
            )?;
        }
        // Posts, then pages: how many of each, and each draft's file.
        let kinds = [
            ("posts", "content/articles", &self.published, &self.drafts),
            (
                "pages",
                crate::pages::FOLDER,
                &self.pages,
                &self.page_drafts,
            ),
        ];
        for (kind, folder, published, drafts) in kinds {
            let draft_word = if drafts.len() == 1 { "draft" } else { "drafts" };
            writeln!(
                f,
                "{kind}: {} published, {} {draft_word}",
                published.len(),
                drafts.len()
            )?;
            let drafts: Vec<String> = drafts
                .iter()
                .map(|(slug, status)| {
                    format!("{folder}/{slug}.md ({status} on WordPress): draft: true")
                })
                .collect();
            list(f, &format!("{kind} kept as drafts, not published"), &drafts)?;
        }
        let pings = match self.pingbacks {
            1 => "1 pingback or trackback".to_owned(),
            n => format!("{n} pingbacks and trackbacks"),
        };
        writeln!(
            f,
            "comments: {} approved, {} pending (in comments-pending/, for `wellpress-comments pending`); {pings} counted, not imported; {} spam or trash skipped",
            self.comments_approved, self.comments_pending, self.spam_or_trash
        )?;
        if self.page_comments > 0 {
            writeln!(
                f,
                "approved comments on pages, not imported (pages have no comments here): {}",
                self.page_comments
            )?;
        }
        list(f, "comments left out", &self.comments_left)?;
        list(f, "authors given a file", &self.authors)?;
        list(f, "addresses changed", &self.slugs)?;
        list(
            f,
            "posts and pages left out: the export has another item with their id, imported instead",
            &self.same_id,
        )?;
        list(f, "header menu entries left out", &self.menu_left)?;
        list(
            f,
            "shortcodes left as text (fix them by hand)",
            &self.shortcodes,
        )?;
        list(
            f,
            "links to the old site left absolute",
            &self.links_absolute,
        )?;
        list(
            f,
            "links and images removed (not web addresses)",
            &self.removed,
        )?;
        if self.uploads_given {
            writeln!(
                f,
                "images: {} copied into {}/",
                self.images_copied,
                uploads::FOLDER
            )?;
        }
        let (images_heading, featured_heading) = if self.uploads_given {
            (
                "images not in the uploads folder (still loaded from the old site: copy each into public/images/ and change its address)",
                "featured images not in the uploads folder (copy each into public/images/, then add `image:` and `image_alt:`)",
            )
        } else {
            (
                "images to copy (still loaded from the old site: import again with --uploads <the old site's wp-content/uploads folder>, or copy each into public/images/ and change its address)",
                "featured images to copy (left out: import again with --uploads, or copy each into public/images/, then add `image:` and `image_alt:`)",
            )
        };
        list(f, images_heading, &self.images_to_copy)?;
        list(f, featured_heading, &self.featured_to_copy)?;
        writeln!(
            f,
            "redirects: {} added to {} ({} old addresses there already, kept as they are)",
            self.redirects_added,
            redirects::FILE,
            self.redirects_kept
        )?;
        list(
            f,
            "old addresses left without a redirect",
            &self.redirects_left,
        )?;
        if let Some(why) = &self.settings_unread {
            writeln!(f, "site settings left as they are: {why}")?;
        } else if self.settings_changed {
            list(
                f,
                &format!(
                    "site settings set from the export in {} (the site had no articles before)",
                    settings::FILE
                ),
                &self.settings,
            )?;
        } else {
            list(
                f,
                &format!(
                    "site settings the export would set, left as they are in {} (the site had articles before: change them by hand if you want them)",
                    settings::FILE
                ),
                &self.settings,
            )?;
        }
        list(
            f,
            "skipped, already there (--force replaces them)",
            &self.skipped,
        )?;
        let not: Vec<String> = self
            .not_imported
            .iter()
            .map(|(kind, n)| format!("{n} × {}", if kind.is_empty() { "(no type)" } else { kind }))
            .collect();
        list(f, "not imported by this version", &not)?;
        Ok(())
    }
}
