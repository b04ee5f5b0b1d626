//! The old site's addresses that change with the move, gathered while the
//! export is read and added to `content/redirects.toml` at the end, after
//! the owner's own entries, which always stay as they are.

use std::collections::HashSet;

use wellpress_types::{Route, decode_path};

use crate::redirects::{self, from_shape, same_address, to_shape};

/// One old address and the new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub from: String,
    pub to: String,
}

/// The redirects an import writes.
#[derive(Debug, Default)]
pub struct Moved {
    moves: Vec<Move>,
    seen: HashSet<String>,
}

/// What the new site answers itself, which no redirect may hide.
#[derive(Debug, Default)]
pub struct Live {
    pub articles: HashSet<String>,
    pub categories: HashSet<String>,
    pub tags: HashSet<String>,
}

impl Live {
    fn serves(&self, from: &str) -> bool {
        if from.contains('?') {
            return false;
        }
        match decode_path(from).as_deref().and_then(Route::parse) {
            Some(Route::Home { .. }) => true,
            Some(Route::Article { slug }) => self.articles.contains(&slug),
            Some(Route::Category { slug, .. }) => self.categories.contains(&slug),
            Some(Route::Tag { slug, .. }) => self.tags.contains(&slug),
            _ => false,
        }
    }
}

/// The redirects added to a redirects file, and what was left out.
#[derive(Debug, Default)]
pub struct Merged {
    /// The file's new text; none when nothing is added.
    pub text: Option<String>,
    pub added: usize,
    /// Entries the file had already (the owner's stay as they are).
    pub kept: usize,
    /// Old addresses left out, and why.
    pub left: Vec<String>,
}

impl Moved {
    /// Notes that `from` (a path from the old site's root) now lives at
    /// `to`; nothing when it is the same address, or `from` was noted
    /// already (the first one wins).
    pub fn add(&mut self, from: &str, to: &str) {
        let key = same_address(from);
        if key == same_address(to) || !self.seen.insert(key) {
            return;
        }
        self.moves.push(Move {
            from: from.to_owned(),
            to: to.to_owned(),
        });
    }

    /// The redirects file `existing` (its text; none when there is none)
    /// with the noted moves added after it, but those whose old address
    /// it lists already, that the new site answers itself (`live`), or
    /// that the content tool would refuse. `heading` is the comment above
    /// them.
    pub fn merge(
        &self,
        existing: Option<&str>,
        live: &Live,
        heading: &str,
    ) -> anyhow::Result<Merged> {
        let listed: HashSet<String> = match existing {
            Some(text) => redirects::listed(text)
                .map_err(|problem| {
                    anyhow::anyhow!(
                        "{problem}; nothing was imported. Fix the file (or move it away) and import again"
                    )
                })?
                .into_iter()
                .collect(),
            None => HashSet::new(),
        };
        let mut merged = Merged::default();
        let mut added = String::new();
        for Move { from, to } in &self.moves {
            if listed.contains(&same_address(from)) {
                merged.kept += 1;
                continue;
            }
            if live.serves(from) {
                merged
                    .left
                    .push(format!("{from} → {to}: {from} is a page of the new site"));
                continue;
            }
            if let Err(why) = from_shape(from).and_then(|()| to_shape(to)) {
                merged.left.push(format!("{from} → {to}: {why}"));
                continue;
            }
            added.push_str(&format!(
                "\n[[redirect]]\nfrom = {}\nto = {}\n",
                toml_string(from),
                toml_string(to)
            ));
            merged.added += 1;
        }
        if merged.added > 0 {
            let mut text = existing.unwrap_or_default().to_owned();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(heading);
            text.push_str(&added);
            merged.text = Some(text);
        }
        Ok(merged)
    }
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(pairs: &[(&str, &str)]) -> Moved {
        let mut moved = Moved::default();
        for (from, to) in pairs {
            moved.add(from, to);
        }
        moved
    }

    #[test]
    fn the_owner_s_entries_stay_and_new_ones_follow() {
        let owner = "# Mine.\n[[redirect]]\nfrom = \"/?p=1\"\nto = \"/mine/\"";
        let merged = moved(&[("/?p=1", "/a/"), ("/2024/01/a/", "/a/"), ("/a", "/a/")])
            .merge(Some(owner), &Live::default(), "# Imported.\n")
            .unwrap();
        assert_eq!(
            merged.text.as_deref(),
            Some(
                "# Mine.\n[[redirect]]\nfrom = \"/?p=1\"\nto = \"/mine/\"\n\n# Imported.\n\n\
                 [[redirect]]\nfrom = \"/2024/01/a/\"\nto = \"/a/\"\n"
            )
        );
        assert_eq!((merged.added, merged.kept), (1, 1));
    }

    #[test]
    fn nothing_hides_a_page_of_the_new_site() {
        let live = Live {
            articles: HashSet::from(["b".to_owned()]),
            categories: HashSet::from(["sleep".to_owned()]),
            ..Live::default()
        };
        let merged = moved(&[
            ("/b/", "/c/"),
            ("/category/sleep/", "/category/rest/"),
            ("/?p=2", "/b/"),
        ])
        .merge(None, &live, "# Imported.\n")
        .unwrap();
        assert_eq!(merged.added, 1);
        assert_eq!(merged.left.len(), 2, "{:?}", merged.left);
        assert!(
            merged
                .text
                .unwrap()
                .starts_with("# Imported.\n\n[[redirect]]\nfrom = \"/?p=2\"")
        );
    }

    #[test]
    fn an_unreadable_file_stops_the_import() {
        let error = moved(&[("/?p=1", "/a/")])
            .merge(Some("[[redirect]\n"), &Live::default(), "")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("content/redirects.toml:1: "), "{error}");
        assert!(error.contains("nothing was imported"), "{error}");
    }
}
