//! The export's category tree as `content/categories.toml`: each category
//! under the slug the site gives it (made from its name, as an article's
//! `category` makes it), with its parent and its description.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::{html, wxr::WxrCategory};
use crate::slug::slugify;

/// One table of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The display name, as articles spell it.
    pub name: String,
    /// The parent's slug.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The description, as plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The categories worth a table, by slug: those with a parent, children
/// or a description (the others are named by their articles). Two
/// categories whose names make one slug are one; the first is kept. A
/// loop of parents, which WordPress does not allow, is cut.
pub fn of(categories: &[WxrCategory]) -> BTreeMap<String, Entry> {
    let slug_of: HashMap<&str, String> = categories
        .iter()
        .map(|c| (c.nicename.as_str(), slugify(&html::to_line(&c.name))))
        .filter(|(_, slug)| !slug.is_empty())
        .collect();
    let parents: HashSet<&str> = categories.iter().map(|c| c.parent.as_str()).collect();
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for category in categories {
        let Some(slug) = slug_of.get(category.nicename.as_str()) else {
            continue;
        };
        if entries.contains_key(slug) {
            continue;
        }
        let parent = slug_of
            .get(category.parent.as_str())
            .filter(|parent| *parent != slug)
            .cloned();
        let description = Some(html::to_line(&category.description)).filter(|d| !d.is_empty());
        if parent.is_none()
            && description.is_none()
            && !parents.contains(category.nicename.as_str())
        {
            continue;
        }
        let name = html::to_line(&category.name);
        entries.insert(
            slug.clone(),
            Entry {
                name,
                parent,
                description,
            },
        );
    }
    let slugs: Vec<String> = entries.keys().cloned().collect();
    for slug in slugs {
        if ancestors(&entries, &slug).contains(&slug) {
            entries.get_mut(&slug).expect("listed").parent = None;
        }
    }
    entries
}

/// The parents of `slug` in `entries`, nearest first, until the top or
/// until one comes round again.
pub fn ancestors(entries: &BTreeMap<String, Entry>, slug: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut at = slug;
    while let Some(parent) = entries.get(at).and_then(|e| e.parent.as_ref()) {
        if found.contains(parent) {
            break;
        }
        found.push(parent.clone());
        if parent == slug {
            break;
        }
        at = parent;
    }
    found
}

/// The file's text, under a comment that says where it came from.
pub fn text(entries: &BTreeMap<String, Entry>, site: &str) -> String {
    let tables = toml::to_string(entries).expect("names and slugs always serialise");
    format!(
        "# The categories of “{site}” on WordPress, added by scripts/import:\n# each one's parent and the description shown on its archive.\n\n{tables}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(nicename: &str, parent: &str, name: &str, description: &str) -> WxrCategory {
        WxrCategory {
            term_id: String::new(),
            nicename: nicename.into(),
            parent: parent.into(),
            name: name.into(),
            description: description.into(),
        }
    }

    #[test]
    fn keeps_parents_children_and_descriptions_under_the_site_s_slugs() {
        let entries = of(&[
            category("health", "", "Health", ""),
            category("nutrition", "health", "Food &amp; Nutrition", ""),
            category("news", "", "News", ""),
            category("sleep", "", "Sleep", "Rest <em>well</em>."),
            category("loop-a", "loop-b", "Loop A", ""),
            category("loop-b", "loop-a", "Loop B", ""),
        ]);
        assert_eq!(
            entries.keys().collect::<Vec<_>>(),
            ["food-nutrition", "health", "loop-a", "loop-b", "sleep"]
        );
        assert_eq!(
            entries["food-nutrition"],
            Entry {
                name: "Food & Nutrition".into(),
                parent: Some("health".into()),
                description: None
            }
        );
        assert_eq!(entries["health"].parent, None);
        assert_eq!(entries["sleep"].description.as_deref(), Some("Rest well."));
        // The loop is cut: each reaches the top.
        for slug in ["loop-a", "loop-b"] {
            assert!(!ancestors(&entries, slug).contains(&slug.to_owned()));
        }
        assert_eq!(ancestors(&entries, "food-nutrition"), ["health"]);

        let text = text(&entries, "Site");
        let mut problems = Vec::new();
        let listing = crate::categories::parse(&text, &mut problems);
        assert!(problems.is_empty(), "{problems:?}\n{text}");
        assert_eq!(listing.0.len(), 5);
        assert!(
            text.contains("[food-nutrition]\nname = \"Food & Nutrition\"\nparent = \"health\"\n"),
            "{text}"
        );
    }
}
