//! Links in imported posts and comments: which addresses were the old
//! site's, where its posts and its category and tag archives are now, and
//! what each link or image in a post becomes.

use std::collections::{HashMap, HashSet};

use url::Url;

use super::{
    html::{self, Use},
    uploads::Uploads,
    wxr::{Channel, Item},
};
use crate::slug::slugify;

/// Addresses of the old site, and where its posts are now.
#[derive(Default)]
pub(super) struct Links {
    /// Hosts of the old site, without `www.`.
    pub(super) hosts: HashSet<String>,
    /// The old site's address, for relative links.
    pub(super) base: Option<Url>,
    /// Published posts' slugs, by [`Links::key`] of an old address.
    pub(super) posts: HashMap<String, String>,
    /// Images copied from the uploads folder.
    pub(super) uploads: Uploads,
    /// The old site's category and tag archives the site publishes.
    pub(super) archives: ArchiveLinks,
}

impl Links {
    pub(super) fn new(channel: &Channel) -> Self {
        let mut hosts = HashSet::new();
        let mut base = None;
        for address in [
            &channel.base_blog_url,
            &channel.link,
            &channel.base_site_url,
        ] {
            if let Ok(url) = Url::parse(address.trim()) {
                if let Some(host) = url.host_str() {
                    hosts.insert(host.trim_start_matches("www.").to_ascii_lowercase());
                }
                if base.is_none() {
                    let mut url = url;
                    if !url.path().ends_with('/') {
                        let path = format!("{}/", url.path());
                        url.set_path(&path);
                    }
                    base = Some(url);
                }
            }
        }
        Links {
            hosts,
            base,
            posts: HashMap::new(),
            uploads: Uploads::default(),
            archives: ArchiveLinks::default(),
        }
    }

    /// An address reduced to what identifies a post on the old site: host
    /// without `www.`, the path decoded and without its last `/`, and the
    /// `p` of `?p=<id>`.
    pub(super) fn key(address: &str) -> Option<String> {
        let url = Url::parse(address.trim()).ok()?;
        let host = url
            .host_str()?
            .trim_start_matches("www.")
            .to_ascii_lowercase();
        let path = percent_encoding::percent_decode_str(url.path())
            .decode_utf8_lossy()
            .to_lowercase();
        let path = path.trim_end_matches('/');
        let id = url
            .query_pairs()
            .find(|(k, _)| k == "p" || k == "page_id")
            .map(|(_, v)| format!("?p={v}"))
            .unwrap_or_default();
        Some(format!("{host}{path}{id}"))
    }

    /// An address of the old site as a path from its root (with the
    /// query, if any), as the new site at the same place would be asked
    /// for it; none for an address elsewhere.
    pub(super) fn old_path(&self, address: &str) -> Option<String> {
        let url = Url::parse(address.trim()).ok()?;
        if !self.is_old_site(&url) {
            return None;
        }
        let base = self.base.as_ref().map_or("/", |b| b.path());
        let rest = url.path().strip_prefix(base.trim_end_matches('/'))?;
        if !rest.starts_with('/') {
            return None;
        }
        Some(match url.query() {
            Some(query) => format!("{rest}?{query}"),
            None => rest.to_owned(),
        })
    }

    /// A copy for another thread: the same addresses, with a record of
    /// its own of the images it takes from the uploads folder.
    pub(super) fn copy(&self) -> Links {
        Links {
            hosts: self.hosts.clone(),
            base: self.base.clone(),
            posts: self.posts.clone(),
            uploads: self.uploads.same_folder(),
            archives: self.archives.clone(),
        }
    }

    pub(super) fn is_old_site(&self, url: &Url) -> bool {
        url.host_str().is_some_and(|h| {
            self.hosts
                .contains(&h.trim_start_matches("www.").to_ascii_lowercase())
        })
    }
}

/// Notes about one post's addresses, for the report.
#[derive(Debug, Default)]
pub(super) struct AddressNotes {
    pub(super) absolute: Vec<String>,
    pub(super) removed: Vec<String>,
    pub(super) uploads: Vec<String>,
}

/// What to write for an address found in a post or comment; `None` drops
/// the link or image and keeps its text.
pub(super) fn rewrite(
    links: &mut Links,
    href: &str,
    used: Use,
    notes: &mut AddressNotes,
) -> Option<String> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    if used == Use::Link
        && (href.starts_with('#') || lower.starts_with("mailto:") || lower.starts_with("tel:"))
    {
        return Some(href.to_owned());
    }
    let parsed = Url::parse(href);
    let absolute = parsed.is_ok();
    let url = match (&links.base, parsed) {
        (_, Ok(url)) => url,
        (Some(base), Err(_)) => match base.join(href) {
            Ok(url) => url,
            Err(_) => {
                notes.removed.push(href.to_owned());
                return None;
            }
        },
        (None, Err(_)) => {
            notes.removed.push(href.to_owned());
            return None;
        }
    };
    if !matches!(url.scheme(), "http" | "https") {
        notes.removed.push(href.to_owned());
        return None;
    }
    let written = if absolute {
        href.to_owned()
    } else {
        url.to_string()
    };
    if !links.is_old_site(&url) {
        return Some(written);
    }
    if url.path().contains("/wp-content/uploads/") {
        if let Some(copied) = links.uploads.take(&url) {
            return Some(copied);
        }
        notes.uploads.push(written.clone());
        return Some(written);
    }
    if used == Use::Link
        && let Some(key) = Links::key(url.as_str())
        && let Some(slug) = links.posts.get(&key)
    {
        let fragment = url.fragment().map(|f| format!("#{f}")).unwrap_or_default();
        return Some(format!("/{slug}/{fragment}"));
    }
    if used == Use::Link
        && let Some(old) = links.old_path(url.as_str())
        && let Some(path) = links.archives.path(&url, &old)
    {
        let fragment = url.fragment().map(|f| format!("#{f}")).unwrap_or_default();
        return Some(format!("{path}{fragment}"));
    }
    notes.absolute.push(written.clone());
    Some(written)
}

/// The addresses the old site had for a post, as [`Links::key`] writes them.
pub(super) fn addresses(channel: &Channel, item: &Item) -> Vec<String> {
    let mut found = Vec::new();
    // Usually all three are the same address.
    let mut bases: Vec<&str> = Vec::with_capacity(3);
    for base in [
        &channel.link,
        &channel.base_blog_url,
        &channel.base_site_url,
    ] {
        let base = base.trim_end_matches('/');
        if base.is_empty() || bases.contains(&base) {
            continue;
        }
        bases.push(base);
        found.push(format!("{base}/?p={}", item.post_id));
        if !item.post_name.is_empty() {
            found.push(format!("{base}/{}/", item.post_name));
        }
    }
    found.push(item.link.clone());
    found.push(item.guid.clone());
    found.iter().filter_map(|a| Links::key(a)).collect()
}

/// The item's permalinks under the slugs it had before (WordPress's
/// `_wp_old_slug`, one entry for each), which WordPress sent on to the
/// post: its `<link>` with the slug at its end replaced. None when the
/// link does not end with the slug (plain `?p=` permalinks).
pub(super) fn old_slug_links(item: &Item) -> Vec<String> {
    let link = item.link.trim();
    let name = item.post_name.trim();
    if name.is_empty() {
        return Vec::new();
    }
    let (head, tail) = match link.strip_suffix('/') {
        Some(rest) => (rest.strip_suffix(name), "/"),
        None => (link.strip_suffix(name), ""),
    };
    let Some(head) = head.filter(|h| h.ends_with('/')) else {
        return Vec::new();
    };
    let mut links = Vec::new();
    for old in item.metas("_wp_old_slug") {
        let old = old.trim();
        let fits = !old.is_empty() && old != name && !old.contains(['/', '?', '#']);
        if fits {
            links.push(format!("{head}{old}{tail}"));
        }
    }
    links
}

/// Where a menu entry the owner typed an address for leads on the new
/// site: the home page, a post or archive the site publishes, or another
/// site; `None` for the old site's other addresses, which will be gone.
pub(super) fn menu_address(links: &mut Links, url: &str) -> Option<(String, String)> {
    let url = url.trim();
    if links
        .old_path(url)
        .is_some_and(|path| path == "/" || path.is_empty())
    {
        return Some((String::new(), "/".to_owned()));
    }
    let mut notes = AddressNotes::default();
    let href = rewrite(links, url, Use::Link, &mut notes)?;
    let old_site = Url::parse(&href).is_ok_and(|u| links.is_old_site(&u));
    let web = href.starts_with('/') || href.starts_with("http://") || href.starts_with("https://");
    (web && !old_site).then_some((String::new(), href))
}

/// The category of a post that names none.
pub(super) const UNCATEGORIZED: &str = "Uncategorized";

/// The names a post's category is taken from, in order: Yoast's primary
/// category, then the first.
pub(super) fn category_names(channel: &Channel, item: &Item) -> [Option<String>; 2] {
    let primary = item
        .meta("_yoast_wpseo_primary_category")
        .and_then(|id| channel.category_name(id))
        .map(html::to_line);
    let first = item
        .terms
        .iter()
        .find(|t| t.domain == "category")
        .map(|t| html::to_line(&t.name));
    [primary, first]
}

/// The category and tag archives the imported posts publish, gathered in
/// the first pass.
#[derive(Default)]
pub(super) struct Archives {
    /// Published posts by category slug.
    pub(super) categories: HashMap<String, usize>,
    /// Tag slugs by WordPress's nicename.
    pub(super) tags: HashMap<String, String>,
}

impl Archives {
    pub(super) fn add(&mut self, channel: &Channel, item: &Item) {
        let slug = category_names(channel, item)
            .into_iter()
            .flatten()
            .map(|name| slugify(&name))
            .find(|slug| !slug.is_empty())
            .unwrap_or_else(|| slugify(UNCATEGORIZED));
        *self.categories.entry(slug).or_default() += 1;
        for term in item.terms.iter().filter(|t| t.domain == "post_tag") {
            let slug = slugify(&html::to_line(&term.name));
            if !slug.is_empty() {
                self.tags
                    .entry(term.nicename.to_lowercase())
                    .or_insert(slug);
            }
        }
    }

    /// The old archives that lead to one the site publishes: categories by
    /// nicename and term id, tags by nicename; the site's own categories
    /// and tags count too. A category with published posts publishes the
    /// archives of its parents as well, which list them
    /// (`content/categories.toml`, which the import writes).
    pub(super) fn links(&self, channel: &Channel, site: &Names) -> ArchiveLinks {
        let mut links = ArchiveLinks {
            tags: self.tags.clone(),
            ..ArchiveLinks::default()
        };
        let parents: HashMap<&str, &str> = channel
            .categories
            .iter()
            .map(|c| (c.nicename.as_str(), c.parent.as_str()))
            .collect();
        let mut live: HashSet<&str> = HashSet::new();
        for category in &channel.categories {
            if self
                .categories
                .contains_key(&slugify(&html::to_line(&category.name)))
            {
                let mut at = category.nicename.as_str();
                // A loop in the export's tree ends where it comes back.
                while !at.is_empty() && live.insert(at) {
                    at = parents.get(at).copied().unwrap_or_default();
                }
            }
        }
        for category in &channel.categories {
            let slug = slugify(&html::to_line(&category.name));
            if live.contains(category.nicename.as_str()) || site.categories.contains_key(&slug) {
                links
                    .categories
                    .insert(category.nicename.to_lowercase(), slug.clone());
                links.category_ids.insert(category.term_id.clone(), slug);
            }
        }
        links
    }
}

/// Where links to the old site's category and tag archives lead.
#[derive(Clone, Default)]
pub(super) struct ArchiveLinks {
    /// New category slugs by WordPress's nicename.
    pub(super) categories: HashMap<String, String>,
    /// New category slugs by WordPress's term id (`/?cat=<id>`).
    pub(super) category_ids: HashMap<String, String>,
    /// New tag slugs by WordPress's nicename.
    pub(super) tags: HashMap<String, String>,
}

impl ArchiveLinks {
    /// The new archive of an old one, from its path on the old site
    /// (`/category/<parent>/<child>/`, `/tag/<slug>/`, a page of one,
    /// `/?cat=<id>`, `/?tag=<slug>`).
    pub(super) fn path(&self, url: &Url, old_path: &str) -> Option<String> {
        let path = old_path.split('?').next().unwrap_or_default();
        let path = percent_encoding::percent_decode_str(path)
            .decode_utf8_lossy()
            .to_lowercase();
        let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        // `/category/x/page/2/`: the archive's first page (its pages differ).
        if parts.len() >= 4 && parts[parts.len() - 2] == "page" {
            parts.truncate(parts.len() - 2);
        }
        let found = match parts.as_slice() {
            ["category", .., last] => self.categories.get(*last).map(|s| ("category", s)),
            ["tag", name] => self.tags.get(*name).map(|s| ("tag", s)),
            [] => url
                .query_pairs()
                .find_map(|(key, value)| match key.as_ref() {
                    "cat" => self
                        .category_ids
                        .get(value.as_ref())
                        .map(|s| ("category", s)),
                    "tag" => self.tags.get(&value.to_lowercase()).map(|s| ("tag", s)),
                    _ => None,
                }),
            _ => None,
        };
        found.map(|(kind, slug)| format!("/{kind}/{slug}/"))
    }
}

/// How the site spells its categories and tags, by slug.
#[derive(Clone, Default)]
pub(super) struct Names {
    pub(super) categories: HashMap<String, String>,
    pub(super) tags: HashMap<String, String>,
}

impl Names {
    /// `name` as the site already spells it, or `None` when it has no slug.
    pub(super) fn category(&mut self, name: &str) -> Option<String> {
        spelled(&mut self.categories, name)
    }
    pub(super) fn tag(&mut self, name: &str) -> Option<String> {
        spelled(&mut self.tags, name)
    }
}

fn spelled(known: &mut HashMap<String, String>, name: &str) -> Option<String> {
    let slug = slugify(name);
    if slug.is_empty() {
        return None;
    }
    Some(known.entry(slug).or_insert_with(|| name.to_owned()).clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::wxr::WxrCategory;

    /// The links of an old site at `address`.
    fn links_at(address: &str) -> Links {
        Links::new(&Channel {
            link: address.to_owned(),
            ..Channel::default()
        })
    }

    /// The old site at `https://www.old.example/`, with its post 12 at
    /// `/box-breathing/`, and archives of the categories `mind` (under
    /// `health`, term 5) and `food` and the tag `sleep-tips`.
    fn links() -> Links {
        let mut links = links_at("https://www.old.example");
        links
            .posts
            .insert("old.example?p=12".to_owned(), "box-breathing".to_owned());
        let archives = &mut links.archives;
        for (nicename, id, slug) in [("mind", "5", "mental-health"), ("food", "7", "food")] {
            archives
                .categories
                .insert(nicename.to_owned(), slug.to_owned());
            archives.category_ids.insert(id.to_owned(), slug.to_owned());
        }
        archives
            .tags
            .insert("sleep-tips".to_owned(), "sleep".to_owned());
        links
    }

    fn rewritten(href: &str) -> (Option<String>, Vec<String>) {
        let mut notes = AddressNotes::default();
        let to = rewrite(&mut links(), href, Use::Link, &mut notes);
        (to, notes.absolute)
    }

    #[test]
    fn links_to_the_old_site_s_archives_become_site_paths() {
        for (from, to) in [
            (
                "https://www.old.example/category/health/mind/",
                "/category/mental-health/",
            ),
            (
                "http://old.example/category/mind/",
                "/category/mental-health/",
            ),
            (
                "https://old.example/category/health/mind",
                "/category/mental-health/",
            ),
            (
                "https://www.old.example/category/food/page/3/",
                "/category/food/",
            ),
            ("/category/food/#recipes", "/category/food/#recipes"),
            ("http://www.old.example/tag/sleep-tips/", "/tag/sleep/"),
            ("https://old.example/?cat=5", "/category/mental-health/"),
            ("https://old.example/?tag=sleep-tips", "/tag/sleep/"),
            ("https://old.example/?p=12", "/box-breathing/"),
        ] {
            assert_eq!(rewritten(from), (Some(to.to_owned()), vec![]), "{from}");
        }
    }

    #[test]
    fn archives_the_site_does_not_publish_and_posts_not_imported_stay_absolute() {
        for from in [
            "https://www.old.example/category/health/",
            "https://www.old.example/tag/unknown/",
            "https://www.old.example/category/food/feed/",
            "https://www.old.example/2024/05/sleep-notes/",
            "https://old.example/?cat=99",
        ] {
            assert_eq!(
                rewritten(from),
                (Some(from.to_owned()), vec![from.to_owned()]),
                "{from}"
            );
        }
        // Another site's archive is not the old site's.
        assert_eq!(
            rewritten("https://other.example/category/mind/"),
            (
                Some("https://other.example/category/mind/".to_owned()),
                vec![]
            )
        );
    }

    #[test]
    fn a_parent_category_s_archive_lists_its_children_s_posts_so_links_to_it_stay() {
        let category = |id: &str, nicename: &str, parent: &str, name: &str| WxrCategory {
            term_id: id.to_owned(),
            nicename: nicename.to_owned(),
            parent: parent.to_owned(),
            name: name.to_owned(),
            description: String::new(),
        };
        let channel = Channel {
            categories: vec![
                category("4", "health", "", "Health"),
                category("5", "mind", "health", "Mental Health"),
                category("6", "empty", "health", "Empty"),
                category("7", "loop-a", "loop-b", "Loop A"),
                category("8", "loop-b", "loop-a", "Loop B"),
            ],
            ..Channel::default()
        };
        let mut archives = Archives::default();
        archives.categories.insert("mental-health".to_owned(), 2);
        archives.categories.insert("loop-a".to_owned(), 1);
        let links = archives.links(&channel, &Names::default());
        let mut linked: Vec<(&str, &str)> = links
            .categories
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        linked.sort();
        assert_eq!(
            linked,
            [
                ("health", "health"),
                ("loop-a", "loop-a"),
                ("loop-b", "loop-b"),
                ("mind", "mental-health")
            ]
        );
        assert_eq!(
            links.category_ids.get("4").map(String::as_str),
            Some("health")
        );
        assert!(
            !links.category_ids.contains_key("6"),
            "a category with no posts under it"
        );
    }

    #[test]
    fn a_blog_in_a_folder_has_its_archives_under_it() {
        let mut links = links_at("https://old.example/blog");
        links
            .archives
            .tags
            .insert("sleep".to_owned(), "sleep".to_owned());
        let mut notes = AddressNotes::default();
        let to = |links: &mut Links, notes: &mut AddressNotes, href: &str| {
            rewrite(links, href, Use::Link, notes)
        };
        assert_eq!(
            to(
                &mut links,
                &mut notes,
                "https://old.example/blog/tag/sleep/"
            )
            .as_deref(),
            Some("/tag/sleep/")
        );
        assert_eq!(
            to(&mut links, &mut notes, "https://old.example/tag/sleep/").as_deref(),
            Some("https://old.example/tag/sleep/"),
            "outside the blog's folder"
        );
    }

    #[test]
    fn a_post_s_earlier_slugs_give_its_permalink_under_each() {
        let item = |link: &str, old: &[&str]| Item {
            link: link.to_owned(),
            post_name: "box-breathing".to_owned(),
            meta: old
                .iter()
                .map(|o| ("_wp_old_slug".to_owned(), o.to_string()))
                .collect(),
            ..Item::default()
        };
        assert_eq!(
            old_slug_links(&item(
                "https://old.example/2024/03/box-breathing/",
                &["square-breathing", "breathing-4"]
            )),
            [
                "https://old.example/2024/03/square-breathing/",
                "https://old.example/2024/03/breathing-4/"
            ]
        );
        assert_eq!(
            old_slug_links(&item("https://old.example/box-breathing", &["square"])),
            ["https://old.example/square"]
        );
        // Plain permalinks name no slug; the slug itself, or an odd value,
        // is no earlier address.
        assert!(old_slug_links(&item("https://old.example/?p=101", &["square"])).is_empty());
        let odd = item(
            "https://old.example/box-breathing/",
            &["box-breathing", "", "a/b"],
        );
        assert!(old_slug_links(&odd).is_empty());
    }
}
