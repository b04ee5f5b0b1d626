//! Pages that are not articles (About, Privacy): `content/pages/<slug>.md`,
//! served at `/<slug>/` with no date, category, comments or related
//! articles. The front matter holds a title, an optional description and
//! `draft`; the Markdown body is rendered as an article's is.

use std::{
    collections::{BTreeMap, HashSet},
    path::{Path, PathBuf},
};

use anyhow::Result;
use serde_norway::Value;

use crate::{
    front_matter::{self, flag, known_fields, text},
    images::Catalogue,
    load::{markdown_files, read_text, render_body, taken},
    markdown::Body,
    problem::Problem,
};

/// The folder of pages, under the site's root.
pub const FOLDER: &str = "content/pages";

/// Every field a page may set, in the order the README documents them.
pub const FIELDS: [&str; 3] = ["title", "description", "draft"];

/// One page as read from its file.
pub struct PageSource {
    /// The file, as the author knows it.
    pub file: PathBuf,
    /// Its URL segment, from the file name.
    pub slug: String,
    /// The title (required).
    pub title: String,
    /// The meta description; derived from the body when absent.
    pub description: Option<String>,
    /// The rendered body.
    pub body: Body,
}

/// The pages of `content/pages/`, read.
#[derive(Default)]
pub struct Pages {
    /// The pages to publish, by file name.
    pub sources: Vec<PageSource>,
    /// Slugs of drafts, left out.
    pub drafts: HashSet<String>,
    /// Every slug a page file takes, published or not, with its file.
    pub files: BTreeMap<String, PathBuf>,
}

/// Reads every page under `root/content/pages` (a site may have none),
/// noting each problem with its file and line.
pub fn read(root: &Path, images: &Catalogue, problems: &mut Vec<Problem>) -> Result<Pages> {
    let dir = Path::new(FOLDER);
    let mut pages = Pages::default();
    if !root.join(dir).is_dir() {
        return Ok(pages);
    }
    for path in markdown_files(root, dir)? {
        let (file, slug, text) = match read_text(dir, &path)? {
            Ok(read) => read,
            Err((_, _, problem)) => {
                problems.push(problem);
                continue;
            }
        };
        // The app learns which addresses are pages from their file names.
        if path.file_stem().is_none_or(|stem| *stem != *slug) {
            problems.push(Problem::new(
                &file,
                1,
                format!(
                    "a page's file name is its address, in lowercase letters, digits and hyphens: rename it `{slug}.md`"
                ),
            ));
            continue;
        }
        if let Some(problem) = taken(&file, &slug, pages.files.get(&slug)) {
            problems.push(problem);
            continue;
        }
        pages.files.insert(slug.clone(), file.clone());
        match read_page(&file, &text, images) {
            Err(found) => problems.extend(found),
            Ok(None) => {
                pages.drafts.insert(slug);
            }
            Ok(Some((title, description, body))) => pages.sources.push(PageSource {
                file,
                slug,
                title,
                description,
                body,
            }),
        }
    }
    Ok(pages)
}

/// A page's title, description and body; `None` for a draft.
type Read = Option<(String, Option<String>, Body)>;

fn read_page(file: &Path, contents: &str, images: &Catalogue) -> Result<Read, Vec<Problem>> {
    let split = front_matter::split(file, contents).map_err(|problem| vec![problem])?;
    let yaml = split.yaml;
    let mut problems = Vec::new();
    let fields = known_fields(file, yaml, &FIELDS, &mut problems)?;
    let field = |key: &str| fields.get(Value::String(key.to_owned()));
    let title = text(file, yaml, "title", field("title"), true, &mut problems);
    let description = text(
        file,
        yaml,
        "description",
        field("description"),
        false,
        &mut problems,
    );
    let draft = flag(file, yaml, "draft", field("draft"), &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    if draft {
        return Ok(None);
    }
    let body = render_body(file, &split, images)?;
    Ok(title.map(|title| (title, description, body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_documents_every_field() {
        assert_eq!(
            front_matter::readme_fields("| page field | | meaning |"),
            FIELDS
        );
    }
}
