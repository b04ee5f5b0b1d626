//! A post's or page's body: WordPress's HTML as Markdown, and what the
//! report says about it (shortcodes left as text, addresses kept, to copy
//! or removed), each with its file and line.
//!
//! Converting bodies is most of the work of the export's second reading;
//! it runs on either of the import's two threads, whichever has room (see
//! [`super::disk`]), with the same result on both.

use super::{
    autop::autop,
    html,
    links::{AddressNotes, Links, rewrite},
    report::Report,
    shortcode,
};

/// What converting one body leaves for the report.
#[derive(Debug)]
pub struct Converted {
    shortcodes: Vec<String>,
    notes: AddressNotes,
}

/// `content` (a post's `content:encoded`) as Markdown: shortcodes
/// expanded, WordPress's paragraphs for classic posts, links to the old
/// site's posts, pages and archives as site paths, images under its
/// uploads folder taken into `links.uploads` when there.
pub fn convert(content: &str, links: &mut Links) -> (String, Converted) {
    let block_editor = content.contains("<!-- wp:");
    let expanded = shortcode::expand(content);
    let shortcodes = shortcode::left(&expanded);
    let html = if block_editor {
        expanded
    } else {
        autop(&expanded)
    };
    let mut notes = AddressNotes::default();
    let body = html::to_markdown(&html, &mut |href, used| {
        rewrite(links, href, used, &mut notes)
    });
    (body, Converted { shortcodes, notes })
}

/// The report's lines about the bodies written, in the order written.
#[derive(Debug, Default)]
pub struct Notes {
    shortcodes: Vec<String>,
    links_absolute: Vec<String>,
    images_to_copy: Vec<String>,
    removed: Vec<String>,
}

impl Converted {
    /// Notes what the body of `file` left, each with its line in `text`,
    /// the whole file as written.
    pub fn note(self, file: &str, text: &str, notes: &mut Notes) {
        let line_of = |needle: &str, from: usize| -> usize {
            text.lines()
                .enumerate()
                .skip(from)
                .find(|(_, l)| l.contains(needle))
                .map_or(1, |(i, _)| i + 1)
        };
        let mut from = 0;
        for name in self.shortcodes {
            let line = line_of(&format!("\\[{name}"), from);
            from = line;
            notes.shortcodes.push(format!("{file}:{line}: [{name}]"));
        }
        for address in self.notes.absolute {
            let line = line_of(&address, 0);
            notes
                .links_absolute
                .push(format!("{file}:{line}: {address}"));
        }
        for address in self.notes.uploads {
            let line = line_of(&address, 0);
            notes
                .images_to_copy
                .push(format!("{file}:{line}: {address}"));
        }
        for address in self.notes.removed {
            notes.removed.push(format!("{file}: {address}"));
        }
    }
}

impl Notes {
    /// Adds the lines to `report`.
    pub fn report(self, report: &mut Report) {
        report.shortcodes.extend(self.shortcodes);
        report.links_absolute.extend(self.links_absolute);
        report.images_to_copy.extend(self.images_to_copy);
        report.removed.extend(self.removed);
    }
}
