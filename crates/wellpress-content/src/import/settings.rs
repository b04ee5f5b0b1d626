//! The site's settings a move-in takes from the export: the name, tagline
//! and address in `content/site.toml`, header links to the categories the
//! site now has, and footer links to its pages. The file is edited in place (toml_edit), so that its
//! comments, order and layout stay as the owner wrote them.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, Result, anyhow};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value, value};
use wellpress_types::Route;

use super::{html, wxr::Channel};
use crate::slug::slugify;

/// The settings file, relative to the site's folder.
pub const FILE: &str = "content/site.toml";

/// At most this many header links to categories: the header stays one line
/// on a phone.
pub const NAV_CATEGORIES: usize = 5;

/// At most this many footer links to pages, as a theme's footer menu has.
pub const FOOTER_PAGES: usize = 6;

/// The category WordPress files posts under when they name none; never
/// offered as a header link.
const UNCATEGORIZED: &str = "uncategorized";

/// What the export says the settings should be.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub name: Option<String>,
    pub tagline: Option<String>,
    pub base_url: Option<String>,
    /// Header links to offer, best first: label and slug.
    pub categories: Vec<(String, String)>,
    /// Footer links to offer, in order: slugs of published pages.
    pub pages: Vec<String>,
    /// The header menu of the old site, when it had one: its name, and
    /// its links (label and address) that lead somewhere on the new site.
    pub menu: Option<(String, Vec<(String, String)>)>,
}

impl Wanted {
    /// The channel's name, tagline and address, and its highest categories
    /// that the site publishes. `posts` counts the published articles of
    /// each category slug; `label` gives a slug's name as the articles
    /// spell it.
    pub fn from_channel(
        channel: &Channel,
        posts: &HashMap<String, usize>,
        label: impl Fn(&str) -> Option<String>,
    ) -> Self {
        let text = |s: &str| Some(html::to_line(s)).filter(|t| !t.is_empty());
        // `<link>` is the blog's own address; `base_site_url` is the
        // network's on a multisite install (WordPress's wxr_site_url).
        let base_url = [
            &channel.link,
            &channel.base_blog_url,
            &channel.base_site_url,
        ]
        .into_iter()
        .map(|a| a.trim().trim_end_matches('/'))
        .find(|a| a.starts_with("http://") || a.starts_with("https://"))
        .map(str::to_owned);
        Wanted {
            name: text(&channel.title),
            tagline: text(&channel.description),
            base_url,
            categories: top_categories(channel, posts, label),
            pages: Vec::new(),
            menu: None,
        }
    }
}

/// The categories nearest the top of the export's tree that the site
/// publishes (a top-level category, or, when it has no posts of its own,
/// its highest children that have), the most posts first, at most
/// [`NAV_CATEGORIES`].
fn top_categories(
    channel: &Channel,
    posts: &HashMap<String, usize>,
    label: impl Fn(&str) -> Option<String>,
) -> Vec<(String, String)> {
    let by_nicename: HashMap<&str, &super::wxr::WxrCategory> = channel
        .categories
        .iter()
        .map(|c| (c.nicename.as_str(), c))
        .collect();
    let slug_of = |c: &super::wxr::WxrCategory| slugify(&html::to_line(&c.name));
    let published = |c: &super::wxr::WxrCategory| {
        let slug = slug_of(c);
        posts.get(&slug).copied().filter(|n| *n > 0)
    };
    let mut found: Vec<(usize, String, String)> = Vec::new();
    for category in &channel.categories {
        let Some(count) = published(category) else {
            continue;
        };
        if category.nicename == UNCATEGORIZED {
            continue;
        }
        // Taken when no category above it is published.
        let mut parent = category.parent.as_str();
        let mut seen = HashSet::new();
        let mut under_published = false;
        while !parent.is_empty() && seen.insert(parent) {
            let Some(above) = by_nicename.get(parent) else {
                break;
            };
            if published(above).is_some() && above.nicename != UNCATEGORIZED {
                under_published = true;
                break;
            }
            parent = above.parent.as_str();
        }
        let slug = slug_of(category);
        if under_published || found.iter().any(|(_, _, s)| *s == slug) {
            continue;
        }
        let name = label(&slug).unwrap_or_else(|| html::to_line(&category.name));
        found.push((count, name, slug));
    }
    // Stable: equal counts keep the export's order.
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found
        .into_iter()
        .take(NAV_CATEGORIES)
        .map(|(_, name, slug)| (name, slug))
        .collect()
}

/// `content/site.toml` with the wanted settings, and a line for each
/// change; `None` for the text when nothing changes. `categories` and
/// `pages` hold the slugs of every category and page the site publishes
/// after the import.
pub fn edit(
    text: &str,
    wanted: &Wanted,
    categories: &HashSet<String>,
    pages: &HashSet<String>,
) -> Result<(Option<String>, Vec<String>)> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| anyhow!("{FILE}: {}", e.message()))
        .context("the site's settings cannot be read")?;
    let mut changes = Vec::new();
    for (key, wanted) in [
        ("name", &wanted.name),
        ("tagline", &wanted.tagline),
        ("base_url", &wanted.base_url),
    ] {
        let Some(wanted) = wanted else { continue };
        let now = doc.get(key).and_then(Item::as_str).map(str::to_owned);
        if now.as_deref().map(|n| n.trim_end_matches('/')) == Some(wanted.as_str()) {
            continue;
        }
        set_string(doc.as_table_mut(), key, wanted);
        changes.push(match now {
            Some(now) => format!("{key}: {} → {}", quoted(&now), quoted(wanted)),
            None => format!("{key}: {}", quoted(wanted)),
        });
    }
    match &wanted.menu {
        Some((name, links)) if !links.is_empty() => {
            nav_from_menu(&mut doc, name, links, &mut changes)
        }
        _ => nav(&mut doc, wanted, categories, &mut changes),
    }
    footer(&mut doc, wanted, pages, &mut changes);
    let edited = doc.to_string();
    Ok(((edited != text).then_some(edited), changes))
}

/// Replaces the header's links to categories the site does not have with
/// the wanted ones, and adds wanted ones while it has fewer than
/// [`NAV_CATEGORIES`] links to categories.
fn nav(
    doc: &mut DocumentMut,
    wanted: &Wanted,
    categories: &HashSet<String>,
    changes: &mut Vec<String>,
) {
    let Some(entries) = nav_entries(doc) else {
        return;
    };
    let category_of = |href: &str| match Route::parse(href) {
        Some(Route::Category { slug, .. }) => Some(slug),
        _ => None,
    };
    let mut stale = Vec::new();
    let mut linked: HashSet<String> = HashSet::new();
    for (i, table) in entries.iter().enumerate() {
        let (_, href) = link(table);
        match category_of(&href) {
            Some(slug) if categories.contains(&slug) => {
                linked.insert(slug);
            }
            Some(_) => stale.push(i),
            None => {}
        }
    }
    let mut offered = wanted
        .categories
        .iter()
        .filter(|(_, slug)| !linked.contains(slug));
    let mut room = NAV_CATEGORIES.saturating_sub(linked.len());
    let mut removed = Vec::new();
    for i in stale {
        let table = entries.get_mut(i).expect("an index of the list");
        let (label, href) = link(table);
        match offered.next().filter(|_| room > 0) {
            Some((name, slug)) => {
                let to = format!("/category/{slug}/");
                set_string(table, "label", name);
                set_string(table, "href", &to);
                changes.push(format!(
                    "[[nav]] {} ({href}), a category the site does not have → {} ({to})",
                    quoted(&label),
                    quoted(name)
                ));
                room -= 1;
            }
            None => {
                changes.push(format!(
                    "[[nav]] {} ({href}) removed: a category the site does not have",
                    quoted(&label)
                ));
                removed.push(i);
            }
        }
    }
    for i in removed.into_iter().rev() {
        entries.remove(i);
    }
    for (name, slug) in offered.take(room) {
        let to = format!("/category/{slug}/");
        let mut table = Table::new();
        table.insert("label", value(name.as_str()));
        table.insert("href", value(to.as_str()));
        entries.push(table);
        changes.push(format!("[[nav]] {} ({to}) added", quoted(name)));
    }
    if entries.is_empty() {
        doc.remove("nav");
    }
}

/// The header's links (`[[nav]]`), made when there are none; `None` when
/// `nav` is written otherwise (an inline list, or not a list).
fn nav_entries(doc: &mut DocumentMut) -> Option<&mut ArrayOfTables> {
    doc.entry("nav")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
}

/// A header link's label and address.
fn link(table: &Table) -> (String, String) {
    let field = |k: &str| table.get(k).and_then(Item::as_str).unwrap_or_default();
    (field("label").to_owned(), field("href").to_owned())
}

/// The header's links become the old site's header menu, in its order;
/// comments before the first link stay.
fn nav_from_menu(
    doc: &mut DocumentMut,
    menu: &str,
    links: &[(String, String)],
    changes: &mut Vec<String>,
) {
    let Some(entries) = nav_entries(doc) else {
        changes.push(format!(
            "[[nav]] left as it is, not the links of the menu {}: `nav` is not written as [[nav]] tables",
            quoted(menu)
        ));
        return;
    };
    let now: Vec<(String, String)> = entries.iter().map(link).collect();
    if now == links {
        return;
    }
    let said = |list: &[(String, String)]| {
        list.iter()
            .map(|(label, href)| format!("{} ({href})", quoted(label)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    changes.push(format!(
        "[[nav]] the links of the menu {}: {}",
        quoted(menu),
        said(links)
    ));
    if !now.is_empty() {
        changes.push(format!("[[nav]] in place of: {}", said(&now)));
    }
    for (i, (label, href)) in links.iter().enumerate() {
        match entries.get_mut(i) {
            Some(table) => {
                set_string(table, "label", label);
                set_string(table, "href", href);
            }
            None => {
                let mut table = Table::new();
                table.insert("label", value(label.as_str()));
                table.insert("href", value(href.as_str()));
                entries.push(table);
            }
        }
    }
    while entries.len() > links.len() {
        entries.remove(entries.len() - 1);
    }
}

/// Takes pages the site does not publish out of `footer_pages`, and adds
/// the wanted ones after those left while it lists fewer than
/// [`FOOTER_PAGES`].
fn footer(
    doc: &mut DocumentMut,
    wanted: &Wanted,
    pages: &HashSet<String>,
    changes: &mut Vec<String>,
) {
    let now: Vec<String> = match doc.get("footer_pages") {
        None => Vec::new(),
        Some(item) => match item.as_array() {
            Some(list) if list.iter().all(|v| v.is_str()) => list
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            // Not a list of names: the content tool says what is wrong.
            _ => return,
        },
    };
    let mut listed: Vec<String> = Vec::new();
    for name in &now {
        if pages.contains(name) {
            listed.push(name.clone());
        } else {
            changes.push(format!(
                "footer_pages: {} removed, a page the site does not publish",
                quoted(name)
            ));
        }
    }
    for slug in &wanted.pages {
        if listed.len() >= FOOTER_PAGES {
            break;
        }
        if !listed.contains(slug) && pages.contains(slug) {
            listed.push(slug.clone());
            changes.push(format!("footer_pages: {} added", quoted(slug)));
        }
    }
    if listed == now {
        return;
    }
    match doc.get_mut("footer_pages").and_then(Item::as_array_mut) {
        // In place, so that comments in a list written over lines stay.
        Some(array) => {
            array.retain(|v| v.as_str().is_some_and(|name| pages.contains(name)));
            for slug in &listed[array.len()..] {
                array.push(slug.as_str());
            }
        }
        None => {
            let list: toml_edit::Array = listed.iter().map(String::as_str).collect();
            doc.insert("footer_pages", value(list));
        }
    }
}

/// Sets `key` to `text`, keeping the comment after the old value.
fn set_string(table: &mut Table, key: &str, text: &str) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = Value::from(text);
            *old.decor_mut() = decor;
        }
        None => {
            table.insert(key, value(text));
        }
    }
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::wxr::WxrCategory;

    fn category(nicename: &str, parent: &str, name: &str) -> WxrCategory {
        WxrCategory {
            term_id: String::new(),
            nicename: nicename.to_owned(),
            parent: parent.to_owned(),
            name: name.to_owned(),
            ..WxrCategory::default()
        }
    }

    fn channel() -> Channel {
        Channel {
            title: "Morning Pulse &amp; Co".to_owned(),
            link: "https://www.morningpulse.example/".to_owned(),
            description: "Everyday health".to_owned(),
            base_site_url: "https://network.example".to_owned(),
            categories: vec![
                category("uncategorized", "", "Uncategorized"),
                category("health", "", "Health"),
                category("sleep", "health", "Sleep"),
                category("food", "health", "Food &amp; Drink"),
                category("snacks", "food", "Snacks"),
                category("moves", "", "Moves"),
                category("empty", "", "Empty"),
            ],
            ..Channel::default()
        }
    }

    fn posts(counts: &[(&str, usize)]) -> HashMap<String, usize> {
        counts.iter().map(|(s, n)| (s.to_string(), *n)).collect()
    }

    #[test]
    fn the_highest_published_categories_most_posts_first() {
        let counts = posts(&[
            ("uncategorized", 9),
            ("sleep", 2),
            ("food-drink", 3),
            ("snacks", 5),
            ("moves", 1),
        ]);
        let wanted = Wanted::from_channel(&channel(), &counts, |_| None);
        assert_eq!(wanted.name.as_deref(), Some("Morning Pulse & Co"));
        assert_eq!(wanted.tagline.as_deref(), Some("Everyday health"));
        assert_eq!(
            wanted.base_url.as_deref(),
            Some("https://www.morningpulse.example"),
            "the blog's own address, not the network's"
        );
        // Health has no posts of its own: its children stand for it, and
        // Snacks is under Food & Drink, which has posts.
        let names: Vec<&str> = wanted.categories.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Food & Drink", "Sleep", "Moves"]);

        let counts = posts(&[("health", 1), ("sleep", 4), ("moves", 2)]);
        let wanted = Wanted::from_channel(&channel(), &counts, |s| {
            (s == "moves").then(|| "MOVES".to_owned())
        });
        assert_eq!(
            wanted.categories,
            [
                ("MOVES".to_owned(), "moves".to_owned()),
                ("Health".to_owned(), "health".to_owned())
            ]
        );
    }

    #[test]
    fn at_most_five_categories() {
        let mut channel = channel();
        channel.categories = (1..=8)
            .map(|n| category(&format!("c{n}"), "", &format!("C{n}")))
            .collect();
        let counts: HashMap<String, usize> = (1..=8).map(|n| (format!("c{n}"), n)).collect();
        let wanted = Wanted::from_channel(&channel, &counts, |_| None);
        let slugs: Vec<&str> = wanted.categories.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(slugs, ["c8", "c7", "c6", "c5", "c4"]);
    }

    const SITE: &str = r#"# Site-wide settings.

name = "WellPress"
tagline = "Old line." # shown under the name
# Where the site is published.
base_url = "https://wellpress.example"
author = "Editors"

[[nav]]
label = "Nutrition"
href = "/category/nutrition/"

[[nav]]
label = "About"
href = "/about/"

[[nav]]
label = "Sleep"
href = "/category/sleep/"

[[nav]]
label = "Fitness"
href = "/category/fitness/"

[promo]
heading = "Stay well"
"#;

    fn wanted(categories: &[(&str, &str)]) -> Wanted {
        Wanted {
            name: Some("Morning Pulse".to_owned()),
            tagline: Some("Everyday health".to_owned()),
            base_url: Some("https://morningpulse.example".to_owned()),
            categories: categories
                .iter()
                .map(|(n, s)| (n.to_string(), s.to_string()))
                .collect(),
            pages: Vec::new(),
            menu: None,
        }
    }

    fn slugs(list: &[&str]) -> HashSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn edits_in_place_keeping_comments_and_order() {
        let live: HashSet<String> = ["sleep", "mental-health"].map(String::from).into();
        let (text, changes) = edit(
            SITE,
            &wanted(&[("Mental Health", "mental-health"), ("Sleep", "sleep")]),
            &live,
            &slugs(&["about"]),
        )
        .unwrap();
        let text = text.unwrap();
        // The same file, but for the values changed and the link removed.
        let expected = SITE
            .replace(r#"name = "WellPress""#, r#"name = "Morning Pulse""#)
            .replace(r#""Old line.""#, r#""Everyday health""#)
            .replace("https://wellpress.example", "https://morningpulse.example")
            .replace(
                "label = \"Nutrition\"\nhref = \"/category/nutrition/\"",
                "label = \"Mental Health\"\nhref = \"/category/mental-health/\"",
            )
            .replace(
                "[[nav]]\nlabel = \"Fitness\"\nhref = \"/category/fitness/\"\n\n",
                "",
            );
        assert_eq!(text, expected);
        assert!(text.contains("tagline = \"Everyday health\" # shown under the name\n"));
        assert_eq!(
            changes,
            [
                r#"name: "WellPress" → "Morning Pulse""#,
                r#"tagline: "Old line." → "Everyday health""#,
                r#"base_url: "https://wellpress.example" → "https://morningpulse.example""#,
                r#"[[nav]] "Nutrition" (/category/nutrition/), a category the site does not have → "Mental Health" (/category/mental-health/)"#,
                r#"[[nav]] "Fitness" (/category/fitness/) removed: a category the site does not have"#,
            ]
        );
        // The content tool's own reading of it.
        let config: wellpress_types::SiteConfig = toml::from_str(&format!(
            "{text}pitch = \"p\"\nitems = []\nbutton_label = \"b\"\nbutton_href = \"/\"\n"
        ))
        .unwrap();
        assert_eq!(config.nav.len(), 3);

        // Done once, there is nothing more to change.
        let (again, changes) = edit(
            &text,
            &wanted(&[("Mental Health", "mental-health"), ("Sleep", "sleep")]),
            &live,
            &slugs(&["about"]),
        )
        .unwrap();
        assert_eq!((again, changes), (None, Vec::<String>::new()));
    }

    #[test]
    fn a_site_without_header_links_gets_them_after_its_settings() {
        let site = "name = \"A\"\ntagline = \"B\"\nbase_url = \"https://a.example\"\n\n[promo]\nheading = \"H\"\n";
        let live: HashSet<String> = ["sleep", "moves"].map(String::from).into();
        let mut wanted = wanted(&[("Sleep", "sleep"), ("Moves", "moves")]);
        wanted.tagline = None;
        let (text, changes) = edit(site, &wanted, &live, &HashSet::new()).unwrap();
        let text = text.unwrap();
        let config: toml::Table = text.parse().unwrap();
        assert_eq!(config["tagline"].as_str(), Some("B"), "{text}");
        let nav = config["nav"].as_array().unwrap();
        assert_eq!(nav[1]["href"].as_str(), Some("/category/moves/"), "{text}");
        assert_eq!(changes.len(), 4, "{changes:?}");
        assert!(changes[3].ends_with("(/category/moves/) added"));
    }

    #[test]
    fn five_category_links_at_most_and_other_links_stay() {
        let live: HashSet<String> = ["sleep", "a", "b", "c", "d", "e"].map(String::from).into();
        let all = [("A", "a"), ("B", "b"), ("C", "c"), ("D", "d"), ("E", "e")];
        let (text, _) = edit(SITE, &wanted(&all), &live, &HashSet::new()).unwrap();
        let config: toml::Table = text.unwrap().parse().unwrap();
        let hrefs: Vec<&str> = config["nav"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["href"].as_str().unwrap())
            .collect();
        assert_eq!(
            hrefs,
            [
                "/category/a/",
                "/about/",
                "/category/sleep/",
                "/category/b/",
                "/category/c/",
                "/category/d/"
            ]
        );
    }

    #[test]
    fn the_footer_lists_the_pages_the_site_has() {
        let site = "name = \"A\"\n# The footer's pages.\nfooter_pages = [\"about\", \"privacy\"] # in order\n";
        let mut wanted = Wanted {
            pages: ["contact", "about", "terms", "a", "b", "c", "d"]
                .map(String::from)
                .into(),
            ..Wanted::default()
        };
        // The site has no privacy page; the export's pages come after
        // those kept, six at most.
        let pages = slugs(&["about", "contact", "terms", "a", "b", "c", "d"]);
        let (text, changes) = edit(site, &wanted, &HashSet::new(), &pages).unwrap();
        let text = text.unwrap();
        assert!(
            text.contains("# The footer's pages.\nfooter_pages = [\"about\", \"contact\", \"terms\", \"a\", \"b\", \"c\"] # in order\n"),
            "{text}"
        );
        assert_eq!(
            changes[0],
            r#"footer_pages: "privacy" removed, a page the site does not publish"#
        );
        assert_eq!(changes[1], r#"footer_pages: "contact" added"#);
        assert_eq!(changes.len(), 6, "{changes:?}");

        // Written over lines, with a comment: edited in place.
        let site = "footer_pages = [\n  # Who we are.\n  \"about\",\n  \"privacy\",\n]\n";
        let (text, _) = edit(site, &wanted, &HashSet::new(), &pages).unwrap();
        let text = text.unwrap();
        assert!(
            text.starts_with("footer_pages = [\n  # Who we are.\n  \"about\","),
            "{text}"
        );
        let config: toml::Table = text.parse().unwrap();
        assert_eq!(
            config["footer_pages"].as_array().unwrap().len(),
            6,
            "{text}"
        );

        // A site without the setting gets one; with nothing to offer, none.
        wanted.pages = vec!["about".to_owned()];
        let (text, _) = edit("name = \"A\"\n", &wanted, &HashSet::new(), &pages).unwrap();
        assert!(text.unwrap().contains("footer_pages = [\"about\"]"));
        let (text, changes) = edit(
            "name = \"A\"\n",
            &Wanted::default(),
            &HashSet::new(),
            &pages,
        )
        .unwrap();
        assert_eq!((text, changes), (None, Vec::<String>::new()));
    }

    #[test]
    fn the_old_site_s_header_menu_becomes_the_header() {
        let link = |l: &str, h: &str| (l.to_owned(), h.to_owned());
        let mut wanted = wanted(&[("Sleep", "sleep")]);
        wanted.menu = Some((
            "Main Menu".to_owned(),
            vec![
                link("Home", "/"),
                link("Mental Health", "/category/mental-health/"),
                link("Shop", "https://shop.example/"),
            ],
        ));
        let live = slugs(&["sleep", "mental-health"]);
        let (text, changes) = edit(SITE, &wanted, &live, &HashSet::new()).unwrap();
        let text = text.unwrap();
        let config: toml::Table = text.parse().unwrap();
        let nav: Vec<(&str, &str)> = config["nav"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (n["label"].as_str().unwrap(), n["href"].as_str().unwrap()))
            .collect();
        assert_eq!(
            nav,
            [
                ("Home", "/"),
                ("Mental Health", "/category/mental-health/"),
                ("Shop", "https://shop.example/")
            ]
        );
        assert!(
            changes.contains(&r#"[[nav]] the links of the menu "Main Menu": "Home" (/), "Mental Health" (/category/mental-health/), "Shop" (https://shop.example/)"#.to_owned()),
            "{changes:?}"
        );
        assert!(
            changes.iter().any(
                |c| c.starts_with(r#"[[nav]] in place of: "Nutrition" (/category/nutrition/)"#)
            ),
            "{changes:?}"
        );
        // In place, where the header's links were.
        assert!(
            text.contains("author = \"Editors\"\n\n[[nav]]\nlabel = \"Home\"\nhref = \"/\"\n"),
            "{text}"
        );
        // Done once, nothing more changes.
        let (again, changes) = edit(&text, &wanted, &live, &HashSet::new()).unwrap();
        assert_eq!((again, changes), (None, Vec::<String>::new()));
    }

    #[test]
    fn an_unreadable_file_is_said_so() {
        let error = edit(
            "name = \n",
            &Wanted::default(),
            &HashSet::new(),
            &HashSet::new(),
        )
        .unwrap_err();
        assert!(
            format!("{error:#}").contains("content/site.toml"),
            "{error:#}"
        );
    }
}
