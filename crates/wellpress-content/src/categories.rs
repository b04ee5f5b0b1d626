//! `content/categories.toml` (optional): what a category has besides the
//! name articles give it, as WordPress keeps it: a parent, and a
//! description shown at the top of its archive. One table a category,
//! named by its slug:
//!
//! ```toml
//! [mental-health]
//! name = "Mental Health"
//! parent = "health"
//! description = "Mood, stress and the habits that help."
//! ```
//!
//! [`read`] checks what the file alone can tell (its shape, each name
//! against its slug, loops of parents); [`resolve`] checks it against the
//! categories the articles name, and makes the tree the site publishes.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::Path,
};

use anyhow::{Context, Result};
use serde::Deserialize;
use toml::Spanned;
use wellpress_types::{CategoryRef, is_slug};

use crate::{
    authors::paragraphs,
    problem::{Problem, closest},
    slug::slugify,
};

/// The file, from the site's folder.
pub const FILE: &str = "content/categories.toml";

/// Every key a category's table may hold, in the order the README
/// documents them.
pub const FIELDS: [&str; 3] = ["name", "parent", "description"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    /// The display name; otherwise the articles' spelling.
    name: Option<Spanned<String>>,
    /// The parent category's slug.
    parent: Option<Spanned<String>>,
    /// Plain text shown at the top of the archive; a blank line starts a
    /// new paragraph.
    description: Option<String>,
}

/// One category of the file, checked for its shape.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listed {
    /// The display name, when the file gives one.
    pub name: Option<String>,
    /// The parent's slug, and the line it is on.
    pub parent: Option<(String, usize)>,
    /// The description's paragraphs, as plain text.
    pub description: Vec<String>,
    /// The line of the category's table.
    pub line: usize,
}

/// The categories of `content/categories.toml`, by slug; empty without
/// the file.
#[derive(Debug, Default)]
pub struct Listing(pub BTreeMap<String, Listed>);

/// A category as the site publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Its display name.
    pub name: String,
    /// Its parents' slugs, the topmost first.
    pub parents: Vec<String>,
    /// Its description's paragraphs.
    pub description: Vec<String>,
}

/// Every category the site knows, by slug.
#[derive(Debug, Default)]
pub struct Tree(pub BTreeMap<String, Category>);

impl Tree {
    /// Whether an article of the category `of` is listed in the archive of
    /// `slug`: its own category's, and each of its parents'.
    pub fn lists(&self, slug: &str, of: &str) -> bool {
        of == slug
            || self
                .0
                .get(of)
                .is_some_and(|c| c.parents.iter().any(|p| p == slug))
    }

    /// `slug` with its display name; the slug itself when it is unknown.
    pub fn reference(&self, slug: &str) -> CategoryRef {
        CategoryRef {
            name: self.0.get(slug).map_or(slug, |c| &c.name).to_owned(),
            slug: slug.to_owned(),
        }
    }

    /// The parents of `slug`, the topmost first, as breadcrumbs link them.
    pub fn parents(&self, slug: &str) -> Vec<CategoryRef> {
        self.0.get(slug).map_or_else(Vec::new, |c| {
            c.parents.iter().map(|p| self.reference(p)).collect()
        })
    }
}

/// The categories of `root/content/categories.toml`, each checked for
/// its shape; what is wrong goes to `problems`.
pub fn read(root: &Path, problems: &mut Vec<Problem>) -> Result<Listing> {
    let path = root.join(FILE);
    if !path.exists() {
        return Ok(Listing::default());
    }
    let text = fs::read_to_string(&path).with_context(|| format!("reading {FILE}"))?;
    Ok(parse(&text, problems))
}

/// The categories of the file's `text`.
pub fn parse(text: &str, problems: &mut Vec<Problem>) -> Listing {
    let line_at = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let written: BTreeMap<Spanned<String>, Written> = match toml::from_str(text) {
        Ok(written) => written,
        Err(error) => {
            problems.push(Problem::from_toml(
                FILE,
                text,
                &error,
                "each category is a table named by its slug, `[mental-health]`, with the keys name, parent and description",
            ));
            return Listing::default();
        }
    };
    let mut listed = BTreeMap::new();
    for (slug, written) in written {
        let line = line_at(slug.span().start);
        let slug = slug.into_inner();
        if !is_slug(&slug) {
            problems.push(Problem::new(
                FILE,
                line,
                format!(
                    "`[{slug}]` is not a category's slug: name the table as its address ends, like `[{}]`",
                    slugify(&slug)
                ),
            ));
            continue;
        }
        let name = written.name.and_then(|name| {
            let at = line_at(name.span().start);
            let name = name.into_inner().trim().to_owned();
            let made = slugify(&name);
            if name.is_empty() {
                problems.push(Problem::new(
                    FILE,
                    at,
                    "`name` is empty: write the name readers should see, or leave the line out",
                ));
                None
            } else if made != slug {
                problems.push(Problem::new(
                    FILE,
                    at,
                    format!(
                        "`name = \"{name}\"` makes the address /category/{made}/, not /category/{slug}/: name the table `[{made}]`, or change the name"
                    ),
                ));
                None
            } else {
                Some(name)
            }
        });
        let parent = written.parent.map(|parent| {
            (
                parent.get_ref().trim().to_owned(),
                line_at(parent.span().start),
            )
        });
        listed.insert(
            slug,
            Listed {
                name,
                parent,
                description: paragraphs(written.description.as_deref().unwrap_or_default()),
                line,
            },
        );
    }
    let listing = Listing(listed);
    listing.loops(problems);
    listing
}

impl Listing {
    /// Reports each loop of parents once, on the parent line of its first
    /// category by slug.
    fn loops(&self, problems: &mut Vec<Problem>) {
        let mut reported = BTreeSet::new();
        for start in self.0.keys() {
            let mut path = vec![start.as_str()];
            let mut at = start.as_str();
            while let Some((parent, _)) = self.0.get(at).and_then(|c| c.parent.as_ref()) {
                if let Some(from) = path.iter().position(|p| p == parent) {
                    let circle: BTreeSet<&str> = path[from..].iter().copied().collect();
                    let first = *circle.first().expect("a loop has a category");
                    if reported.insert(first) {
                        let mut shown: Vec<&str> = path[from..].to_vec();
                        let turn = shown.iter().position(|p| *p == first).unwrap_or(0);
                        shown.rotate_left(turn);
                        shown.push(first);
                        let line = self.0[first].parent.as_ref().map_or(0, |(_, l)| *l);
                        problems.push(Problem::new(
                            FILE,
                            line,
                            format!(
                                "the parents go round in a loop, {}: a category cannot be its own parent's parent; give the topmost one no `parent`",
                                shown.join(" › ")
                            ),
                        ));
                    }
                    break;
                }
                path.push(parent);
                at = parent;
            }
        }
    }
}

/// Every category the site knows: those the articles name (`named`,
/// display names by slug) with what the file says of them, and those
/// only the file lists. A parent that is no category, or a listed
/// category with neither a name nor an article, goes to `problems`.
pub fn resolve(
    listing: &Listing,
    named: &BTreeMap<String, String>,
    problems: &mut Vec<Problem>,
) -> Tree {
    let known = |slug: &str| listing.0.contains_key(slug) || named.contains_key(slug);
    let mut suggestions: Vec<&str> = listing
        .0
        .keys()
        .chain(named.keys())
        .map(String::as_str)
        .collect();
    suggestions.sort_unstable();
    suggestions.dedup();
    for (slug, listed) in &listing.0 {
        if listed.name.is_none() && !named.contains_key(slug) {
            problems.push(Problem::new(
                FILE,
                listed.line,
                format!(
                    "no article names the category `{slug}`, so it needs a name: add `name = \"…\"` under `[{slug}]`"
                ),
            ));
        }
        if let Some((parent, line)) = &listed.parent
            && !known(parent)
        {
            let hint = match closest(parent, &suggestions) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "write the slug of a category of this file or of an article, like `health`"
                    .to_owned(),
            };
            problems.push(Problem::new(
                FILE,
                *line,
                format!("`parent = \"{parent}\"` is no category: {hint}"),
            ));
        }
    }
    let slugs: BTreeSet<&String> = listing.0.keys().chain(named.keys()).collect();
    let tree = slugs
        .into_iter()
        .map(|slug| {
            let listed = listing.0.get(slug);
            let name = listed
                .and_then(|l| l.name.clone())
                .or_else(|| named.get(slug).cloned())
                .unwrap_or_else(|| slug.clone());
            let category = Category {
                name,
                parents: parents(listing, slug, &known),
                description: listed.map(|l| l.description.clone()).unwrap_or_default(),
            };
            (slug.clone(), category)
        })
        .collect();
    Tree(tree)
}

/// The parents of `slug` that are categories, the topmost first; a loop
/// (reported by [`parse`]) ends where it comes round.
fn parents(listing: &Listing, slug: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut at = slug;
    while let Some((parent, _)) = listing.0.get(at).and_then(|c| c.parent.as_ref()) {
        if parent == slug || found.contains(parent) || !known(parent) {
            break;
        }
        found.push(parent.clone());
        at = parent;
    }
    found.reverse();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Listing, Vec<String>) {
        let mut problems = Vec::new();
        let listing = parse(text, &mut problems);
        (listing, problems.iter().map(ToString::to_string).collect())
    }

    const FILE_TEXT: &str = r#"# The demo's tree.
[health]
name = "Health"
description = """
Everything about staying well.

Written by doctors."""

[mental-health]
name = "Mental Health"
parent = "health"

[sleep]
parent = "mental-health"
"#;

    #[test]
    fn reads_names_parents_and_paragraphs_with_their_lines() {
        let (listing, problems) = parsed(FILE_TEXT);
        assert_eq!(problems, Vec::<String>::new());
        let health = &listing.0["health"];
        assert_eq!(health.name.as_deref(), Some("Health"));
        assert_eq!(
            health.description,
            ["Everything about staying well.", "Written by doctors."]
        );
        assert_eq!(health.line, 2);
        assert_eq!(listing.0["mental-health"].line, 9);
        assert_eq!(
            listing.0["sleep"].parent,
            Some(("mental-health".to_owned(), 14))
        );
        assert_eq!(listing.0["sleep"].name, None);
    }

    #[test]
    fn makes_the_chain_of_parents_topmost_first() {
        let (listing, _) = parsed(FILE_TEXT);
        let named = BTreeMap::from([
            ("sleep".to_owned(), "Sleep".to_owned()),
            ("fitness".to_owned(), "Fitness".to_owned()),
        ]);
        let mut problems = Vec::new();
        let tree = resolve(&listing, &named, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(tree.0["sleep"].name, "Sleep");
        assert_eq!(tree.0["sleep"].parents, ["health", "mental-health"]);
        assert_eq!(
            tree.parents("sleep"),
            [
                CategoryRef {
                    name: "Health".into(),
                    slug: "health".into()
                },
                CategoryRef {
                    name: "Mental Health".into(),
                    slug: "mental-health".into()
                },
            ]
        );
        assert!(tree.0["fitness"].parents.is_empty());
        assert!(tree.lists("health", "sleep"));
        assert!(tree.lists("mental-health", "sleep"));
        assert!(tree.lists("sleep", "sleep"));
        assert!(!tree.lists("sleep", "mental-health"));
        assert!(!tree.lists("health", "fitness"));
    }

    #[test]
    fn the_file_s_name_wins_over_the_articles_spelling() {
        let (listing, _) = parsed("[mental-health]\nname = \"Mental Health\"\n");
        let named = BTreeMap::from([("mental-health".to_owned(), "mental health".to_owned())]);
        let tree = resolve(&listing, &named, &mut Vec::new());
        assert_eq!(tree.reference("mental-health").name, "Mental Health");
    }

    #[test]
    fn unknown_keys_and_broken_toml_are_reported_on_their_line() {
        let (_, problems) = parsed("[sleep]\nname = \"Sleep\"\nparnet = \"health\"\n");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("content/categories.toml:3: unknown field `parnet`"),
            "{problems:?}"
        );
        // The keys the parser knows are the ones the README documents.
        let expected = FIELDS.map(|f| format!("`{f}`")).join(", ");
        assert!(
            problems[0].contains(&format!("expected one of {expected}")),
            "{problems:?}"
        );
        let (_, problems) = parsed("[sleep]\nname = Sleep\n");
        assert!(
            problems[0].starts_with("content/categories.toml:2: "),
            "{problems:?}"
        );
    }

    #[test]
    fn a_table_must_be_a_slug_that_its_name_makes() {
        let (listing, problems) = parsed(
            "[\"Mental Health\"]\nname = \"Mental Health\"\n\n[nutrition]\nname = \"Food & Nutrition\"\n",
        );
        assert_eq!(
            problems,
            [
                "content/categories.toml:1: `[Mental Health]` is not a category's slug: name the table as its address ends, like `[mental-health]`",
                "content/categories.toml:5: `name = \"Food & Nutrition\"` makes the address /category/food-nutrition/, not /category/nutrition/: name the table `[food-nutrition]`, or change the name",
            ]
        );
        assert!(!listing.0.contains_key("Mental Health"));
    }

    #[test]
    fn a_loop_of_parents_is_reported_once() {
        let (_, problems) = parsed(
            "[a]\nname = \"A\"\nparent = \"b\"\n\n[b]\nname = \"B\"\nparent = \"c\"\n\n[c]\nname = \"C\"\nparent = \"a\"\n\n[d]\nname = \"D\"\nparent = \"d\"\n\n[e]\nname = \"E\"\nparent = \"a\"\n",
        );
        assert_eq!(
            problems,
            [
                "content/categories.toml:3: the parents go round in a loop, a › b › c › a: a category cannot be its own parent's parent; give the topmost one no `parent`",
                "content/categories.toml:15: the parents go round in a loop, d › d: a category cannot be its own parent's parent; give the topmost one no `parent`",
            ]
        );
    }

    #[test]
    fn an_unknown_parent_and_a_nameless_unused_category_are_reported() {
        let (listing, problems) = parsed(
            "[sleep]\nparent = \"helth\"\n\n[health]\ndescription = \"All of it.\"\n\n[kids]\nname = \"Kids\"\nparent = \"family\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let named = BTreeMap::from([("sleep".to_owned(), "Sleep".to_owned())]);
        let mut problems = Vec::new();
        let tree = resolve(&listing, &named, &mut problems);
        let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "content/categories.toml:4: no article names the category `health`, so it needs a name: add `name = \"…\"` under `[health]`",
                "content/categories.toml:9: `parent = \"family\"` is no category: write the slug of a category of this file or of an article, like `health`",
                "content/categories.toml:2: `parent = \"helth\"` is no category: did you mean `health`?",
            ]
        );
        assert!(tree.0["sleep"].parents.is_empty());
    }

    #[test]
    fn the_readme_documents_every_key() {
        assert_eq!(
            crate::front_matter::readme_fields("| category key | | meaning |"),
            FIELDS
        );
    }
}
