//! The people behind the articles: one file per writer or medical reviewer,
//! `content/authors/<slug>.toml`, whose name is their page's address
//! (`/author/<slug>/`). The folder is optional: without it, bylines are
//! plain names.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};
use serde::Deserialize;
use wellpress_types::{Image, Person, ProfileLink, is_slug};

use crate::{
    load::line_of_text,
    problem::{Problem, closest},
};

/// The folder of author files, under the site's root.
pub const FOLDER: &str = "content/authors";

/// An author file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    /// The name as readers see it (`Dr. Lena Marsh`).
    name: String,
    /// Qualifications and role (`MD, general practitioner`).
    #[serde(default)]
    credentials: Option<String>,
    /// A short biography; a blank line starts a new paragraph.
    #[serde(default)]
    bio: Option<String>,
    /// Their portrait, a file under public/ (`/images/authors/lena.jpg`).
    #[serde(default)]
    photo: Option<String>,
    /// Their profiles elsewhere, each `{ label = "…", url = "https://…" }`.
    #[serde(default)]
    links: Vec<ProfileLink>,
}

/// One author, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// Where they were read from, for problems found later.
    pub file: PathBuf,
    /// The line of `photo`, for a photo that is not in public/.
    pub photo_line: usize,
    /// What the site publishes about them.
    pub person: Person,
}

/// The authors of the site by slug, with every problem noted.
pub fn read(root: &Path, problems: &mut Vec<Problem>) -> Result<BTreeMap<String, Author>> {
    let dir = root.join(FOLDER);
    let mut authors = BTreeMap::new();
    if !dir.is_dir() {
        return Ok(authors);
    }
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("reading {}", dir.display()))?;
    files.sort();
    for path in files {
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let file = Path::new(FOLDER).join(path.file_name().unwrap_or_default());
        let slug = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let text =
            fs::read_to_string(&path).with_context(|| format!("reading {}", file.display()))?;
        if !is_slug(&slug) {
            problems.push(Problem::new(
                &file,
                1,
                format!(
                    "`{slug}` cannot be an address: name the file with lowercase letters, digits and hyphens, like lena-marsh.toml"
                ),
            ));
            continue;
        }
        match parse(&file, &slug, &text, problems) {
            Some(author) => {
                authors.insert(slug, author);
            }
            None => continue,
        }
    }
    Ok(authors)
}

/// Plain text as paragraphs: a blank line starts a new one, and the
/// spaces and line breaks within one become single spaces.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn parse(file: &Path, slug: &str, text: &str, problems: &mut Vec<Problem>) -> Option<Author> {
    let written = match toml::from_str::<Written>(text) {
        Ok(written) => written,
        Err(error) => {
            let line = error
                .span()
                .map_or(1, |span| text[..span.start].matches('\n').count() + 1);
            let mut message = error.message().trim_end_matches('.').to_owned();
            if message.starts_with("unknown field") {
                message.push_str(": the fields are name, credentials, bio, photo and links");
            }
            problems.push(Problem::new(file, line, message));
            return None;
        }
    };
    let before = problems.len();
    let name = written.name.trim().to_owned();
    if name.is_empty() {
        problems.push(Problem::new(
            file,
            line_of_text(text, "name"),
            "`name` is empty: write the name readers should see, like \"Dr. Lena Marsh\"",
        ));
    }
    for link in &written.links {
        let url = link.url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            problems.push(Problem::new(
                file,
                line_of_text(text, &link.url),
                format!("the profile link `{url}` is not a full web address: write it as https://…"),
            ));
        }
        if link.label.trim().is_empty() {
            problems.push(Problem::new(
                file,
                line_of_text(text, &link.url),
                "a profile link needs a `label`, like \"Clinic profile\"",
            ));
        }
    }
    if problems.len() > before {
        return None;
    }
    let bio = paragraphs(written.bio.as_deref().unwrap_or_default());
    let clean = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    Some(Author {
        file: file.to_owned(),
        photo_line: line_of_text(text, "photo"),
        person: Person {
            name,
            slug: Some(slug.to_owned()),
            credentials: clean(written.credentials),
            bio,
            // The portrait sits beside the name, which says who it is.
            photo: clean(written.photo).map(|src| Image::new(src, "")),
            links: written
                .links
                .into_iter()
                .map(|l| ProfileLink {
                    label: l.label.trim().to_owned(),
                    url: l.url.trim().to_owned(),
                })
                .collect(),
        },
    })
}

/// What a byline names: an author file by its slug or by its name, or
/// else a plain name. A slug-like byline close to an author file's slug is
/// taken for a typo and reported.
pub fn byline(
    authors: &BTreeMap<String, Author>,
    written: &str,
) -> std::result::Result<Person, String> {
    if let Some(author) = authors.get(written) {
        return Ok(author.person.clone());
    }
    if let Some(author) = authors.values().find(|a| a.person.name == written) {
        return Ok(author.person.clone());
    }
    if is_slug(written) && written.contains('-') {
        let slugs: Vec<&str> = authors.keys().map(String::as_str).collect();
        if let Some(near) = closest(written, &slugs) {
            return Err(format!(
                "no author file is called `{written}`: did you mean `{near}` (content/authors/{near}.toml)?"
            ));
        }
    }
    Ok(Person::named(written))
}

/// The reviewer a `reviewed_by` names, which must be an author file.
pub fn reviewer(
    authors: &BTreeMap<String, Author>,
    written: &str,
) -> std::result::Result<Person, String> {
    if let Some(author) = authors.get(written) {
        return Ok(author.person.clone());
    }
    let slugs: Vec<&str> = authors.keys().map(String::as_str).collect();
    let by_name = authors
        .iter()
        .find(|(_, a)| a.person.name == written)
        .map(|(slug, _)| slug.as_str());
    Err(match by_name.or_else(|| closest(written, &slugs)) {
        Some(near) => format!(
            "`reviewed_by: {written}` names no author file: did you mean `{near}` (content/authors/{near}.toml)?"
        ),
        None => format!(
            "`reviewed_by: {written}` names no author file: a reviewer needs one, content/authors/{written}.toml, with their name and credentials"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, BTreeMap<String, Author>, Vec<Problem>) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(FOLDER)).unwrap();
        for (name, text) in files {
            fs::write(dir.path().join(FOLDER).join(name), text).unwrap();
        }
        let mut problems = Vec::new();
        let authors = read(dir.path(), &mut problems).unwrap();
        (dir, authors, problems)
    }

    const LENA: &str = r#"name = "Dr. Lena Marsh"
credentials = "MD, general practitioner"
bio = """
Lena is a GP.

She reviews our articles.
"""
photo = "/images/authors/lena-marsh.jpg"
links = [{ label = "Clinic profile", url = "https://clinic.example/lena" }]
"#;

    #[test]
    fn reads_an_author_file_with_its_paragraphs_and_links() {
        let (_dir, authors, problems) = site(&[("lena-marsh.toml", LENA)]);
        assert!(problems.is_empty(), "{problems:?}");
        let lena = &authors["lena-marsh"].person;
        assert_eq!(lena.name, "Dr. Lena Marsh");
        assert_eq!(lena.slug.as_deref(), Some("lena-marsh"));
        assert_eq!(lena.credentials.as_deref(), Some("MD, general practitioner"));
        assert_eq!(lena.bio, ["Lena is a GP.", "She reviews our articles."]);
        assert_eq!(lena.links[0].url, "https://clinic.example/lena");
        assert_eq!(authors["lena-marsh"].photo_line, 8);
    }

    #[test]
    fn broken_author_files_say_where_and_what_to_do() {
        let (_dir, authors, problems) = site(&[
            ("Lena.toml", "name = \"Lena\"\n"),
            ("tom.toml", "name = \"Tom\"\nrole = \"physio\"\n"),
            (
                "priya.toml",
                "name = \"Priya\"\nlinks = [{ label = \"Site\", url = \"priya.example\" }]\n",
            ),
            ("ann.toml", "name = \"  \"\n"),
        ]);
        assert!(authors.is_empty(), "{authors:?}");
        let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 4, "{said:#?}");
        assert!(said.iter().any(|p| p.contains("Lena.toml") && p.contains("lowercase")));
        assert!(said.iter().any(|p| p.contains("tom.toml:2") && p.contains("unknown field `role`")));
        assert!(said.iter().any(|p| p.contains("priya.toml:2") && p.contains("https://")));
        assert!(said.iter().any(|p| p.contains("ann.toml:1") && p.contains("`name` is empty")));
    }

    #[test]
    fn a_byline_is_a_slug_a_name_or_just_text_and_a_reviewer_must_have_a_file() {
        let (_dir, authors, _) = site(&[("lena-marsh.toml", LENA)]);
        assert_eq!(byline(&authors, "lena-marsh").unwrap().slug.as_deref(), Some("lena-marsh"));
        assert_eq!(byline(&authors, "Dr. Lena Marsh").unwrap().slug.as_deref(), Some("lena-marsh"));
        assert_eq!(byline(&authors, "Guest Writer").unwrap(), Person::named("Guest Writer"));
        assert!(byline(&authors, "lena-marh").unwrap_err().contains("did you mean `lena-marsh`"));
        assert!(reviewer(&authors, "lena-marsh").is_ok());
        assert!(reviewer(&authors, "lena-march").unwrap_err().contains("did you mean `lena-marsh`"));
        assert!(reviewer(&authors, "Dr. Lena Marsh").unwrap_err().contains("did you mean `lena-marsh`"));
        assert!(reviewer(&authors, "zed").unwrap_err().contains("content/authors/zed.toml"));
    }
}
