//! The export's navigation menus (Appearance → Menus): each entry is an
//! item of type `nav_menu_item`, filed under its menu as a `nav_menu` term,
//! with what it links to in its postmeta (`_menu_item_type`,
//! `_menu_item_object`, `_menu_item_object_id`, `_menu_item_url`). Which
//! menu a theme shows where is a theme setting the export does not carry,
//! so the menus are told apart by their names, as themes name them.

use std::collections::BTreeMap;

use super::{html, wxr::Item};

/// Header links a menu gives at most: the header stays one line on a
/// phone.
pub const HEADER_LINKS: usize = 6;

/// One entry of a menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its place in the menu.
    pub order: i64,
    /// The label the owner gave it; empty for the linked item's own title.
    pub label: String,
    pub target: Target,
}

/// What a menu entry links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A post or page, by id.
    Post(String),
    /// A category, by term id.
    Category(String),
    /// A tag, by term id.
    Tag(String),
    /// An archive of a custom post type or taxonomy, which has no page
    /// here.
    Other,
    /// An address typed by the owner.
    Address(String),
}

/// A menu: its name and its top-level entries, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Menu {
    pub name: String,
    pub entries: Vec<Entry>,
}

/// The menus, as the export's menu entries are read.
#[derive(Debug, Default)]
pub struct Menus {
    /// By the menu's slug.
    by_slug: BTreeMap<String, Menu>,
}

impl Menus {
    /// Notes `item` when it is a top-level menu entry.
    pub fn add(&mut self, item: &Item) {
        if item.post_type != "nav_menu_item" || item.status != "publish" {
            return;
        }
        let Some(menu) = item.terms.iter().find(|t| t.domain == "nav_menu") else {
            return;
        };
        // Sub-menus open on hover; the header shows the top level.
        let parent = item
            .meta("_menu_item_menu_item_parent")
            .unwrap_or("0")
            .trim();
        if !matches!(parent, "" | "0") {
            return;
        }
        let meta = |key: &str| item.meta(key).unwrap_or_default().trim().to_owned();
        let id = meta("_menu_item_object_id");
        let target = match (
            meta("_menu_item_type").as_str(),
            meta("_menu_item_object").as_str(),
        ) {
            ("post_type", _) => Target::Post(id),
            ("taxonomy", "category") => Target::Category(id),
            ("taxonomy", "post_tag") => Target::Tag(id),
            ("custom", _) => Target::Address(meta("_menu_item_url")),
            _ => Target::Other,
        };
        let entry = Entry {
            order: item.menu_order.trim().parse().unwrap_or(0),
            label: html::to_line(&item.title),
            target,
        };
        let menu = self
            .by_slug
            .entry(menu.nicename.clone())
            .or_insert_with(|| Menu {
                name: html::to_line(&menu.name),
                ..Menu::default()
            });
        menu.entries.push(entry);
    }

    /// The menu a theme shows in the header, and the one in the footer.
    pub fn pick(mut self) -> (Option<Menu>, Option<Menu>) {
        for menu in self.by_slug.values_mut() {
            // Stable: entries of the same order keep the export's order.
            menu.entries.sort_by_key(|e| e.order);
        }
        // Whole words of the menu's slug and name: "Social Navigation" is
        // a menu of social links, not the header's.
        let named = |slug: &str, menu: &Menu, word: &str| {
            let name = menu.name.to_lowercase();
            [slug, name.as_str()].iter().any(|text| {
                text.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == word)
            })
        };
        let footer_slug = self
            .by_slug
            .iter()
            .find(|(slug, menu)| named(slug, menu, "footer"))
            .map(|(slug, _)| slug.clone());
        let footer = footer_slug.and_then(|slug| self.by_slug.remove(&slug));
        // Menus of social links or for a sidebar never make the header.
        self.by_slug.retain(|slug, menu| {
            !["social", "sidebar", "widget"]
                .iter()
                .any(|word| named(slug, menu, word))
        });
        // Themes name their header menu so; failing that, the largest.
        let header_slug = ["primary", "main", "header", "top", "navigation", "nav"]
            .iter()
            .find_map(|word| {
                self.by_slug
                    .iter()
                    .find(|(slug, menu)| named(slug, menu, word))
                    .map(|(slug, _)| slug.clone())
            })
            .or_else(|| {
                // Counting the entries that may lead somewhere here: a
                // menu of a shop's product categories is not the header.
                self.by_slug
                    .iter()
                    .rev()
                    .map(|(slug, menu)| {
                        let links = menu.entries.iter().filter(|e| e.target != Target::Other);
                        (slug, links.count())
                    })
                    .filter(|(_, links)| *links > 0)
                    .max_by_key(|(_, links)| *links)
                    .map(|(slug, _)| slug.clone())
            });
        let header = header_slug.and_then(|slug| self.by_slug.remove(&slug));
        (header, footer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::wxr::Term;

    fn entry(menu: (&str, &str), order: i64, meta: &[(&str, &str)], title: &str) -> Item {
        Item {
            title: title.to_owned(),
            post_type: "nav_menu_item".to_owned(),
            status: "publish".to_owned(),
            menu_order: order.to_string(),
            terms: vec![Term {
                domain: "nav_menu".to_owned(),
                nicename: menu.0.to_owned(),
                name: menu.1.to_owned(),
            }],
            meta: meta
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Item::default()
        }
    }

    fn category(id: &str) -> [(&'static str, String); 3] {
        [
            ("_menu_item_type", "taxonomy".to_owned()),
            ("_menu_item_object", "category".to_owned()),
            ("_menu_item_object_id", id.to_owned()),
        ]
    }

    fn add(
        menus: &mut Menus,
        menu: (&str, &str),
        order: i64,
        meta: &[(&str, String)],
        title: &str,
    ) {
        let meta: Vec<(&str, &str)> = meta.iter().map(|(k, v)| (*k, v.as_str())).collect();
        menus.add(&entry(menu, order, &meta, title));
    }

    #[test]
    fn the_header_and_footer_menus_by_their_names_entries_in_order() {
        let mut menus = Menus::default();
        let main = ("main-menu", "Main Menu");
        let footer = ("footer-links", "Footer links");
        add(&mut menus, main, 2, &category("7"), "");
        add(
            &mut menus,
            main,
            1,
            &[
                ("_menu_item_type", "custom".to_owned()),
                ("_menu_item_url", "https://shop.example/".to_owned()),
            ],
            "Shop &amp; more",
        );
        let page = [
            ("_menu_item_type", "post_type".to_owned()),
            ("_menu_item_object", "page".to_owned()),
            ("_menu_item_object_id", "2".to_owned()),
        ];
        add(&mut menus, footer, 1, &page, "");
        // A sub-menu entry is left out; an entry of a kind the site has
        // no page for is kept, for the report to name.
        let mut child = category("8").to_vec();
        child.push(("_menu_item_menu_item_parent", "40".to_owned()));
        add(&mut menus, main, 3, &child, "");
        add(
            &mut menus,
            main,
            4,
            &[
                ("_menu_item_type", "taxonomy".to_owned()),
                ("_menu_item_object", "product_cat".to_owned()),
            ],
            "",
        );
        add(&mut menus, ("social", "Social"), 1, &category("9"), "");

        let (header, footer) = menus.pick();
        let header = header.unwrap();
        assert_eq!(header.name, "Main Menu");
        assert_eq!(
            header.entries,
            [
                Entry {
                    order: 1,
                    label: "Shop & more".to_owned(),
                    target: Target::Address("https://shop.example/".to_owned())
                },
                Entry {
                    order: 2,
                    label: String::new(),
                    target: Target::Category("7".to_owned())
                },
                Entry {
                    order: 4,
                    label: String::new(),
                    target: Target::Other
                },
            ]
        );
        let footer = footer.unwrap();
        assert_eq!(footer.entries[0].target, Target::Post("2".to_owned()));
    }

    #[test]
    fn without_a_telling_name_the_largest_menu_is_the_header() {
        let mut menus = Menus::default();
        add(&mut menus, ("a", "Links"), 1, &category("1"), "");
        add(&mut menus, ("b", "Topics"), 1, &category("2"), "");
        add(&mut menus, ("b", "Topics"), 2, &category("3"), "");
        // Social links are never the header, though "navigation" is in
        // the name; "Maintenance" is not "main".
        add(
            &mut menus,
            ("social-navigation", "Social Navigation"),
            1,
            &category("4"),
            "",
        );
        add(
            &mut menus,
            ("maintenance", "Maintenance"),
            1,
            &category("5"),
            "",
        );
        let (header, footer) = menus.pick();
        assert_eq!(header.unwrap().name, "Topics");
        assert_eq!(footer, None);
        assert_eq!(Menus::default().pick(), (None, None));
    }

    #[test]
    fn a_menu_of_archives_the_site_has_no_page_for_is_not_the_header() {
        let mut menus = Menus::default();
        let page = |id: &str| {
            [
                ("_menu_item_type", "post_type".to_owned()),
                ("_menu_item_object", "page".to_owned()),
                ("_menu_item_object_id", id.to_owned()),
            ]
        };
        let product = [
            ("_menu_item_type", "taxonomy".to_owned()),
            ("_menu_item_object", "product_cat".to_owned()),
        ];
        for order in 1..=2 {
            add(&mut menus, ("menu-1", "Menu 1"), order, &page("2"), "");
        }
        for order in 1..=5 {
            add(&mut menus, ("shop", "Shop categories"), order, &product, "");
        }
        let (header, _) = menus.pick();
        assert_eq!(header.unwrap().name, "Menu 1");
    }
}
