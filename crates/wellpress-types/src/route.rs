//! Every address of the site, spelled once. A [`Route`] is one page: it
//! parses a path, builds the page's path and the path of the JSON the page
//! reads. The app's router and links, the prerenderer, the content tool's
//! output, link checker and sitemap all go through it, so a new kind of page
//! is one new variant here.
//!
//! Paths here are written from the site's root (`/category/sleep/`). A site
//! served under a base path (`/blog/`) puts it in front with [`under`].

use std::fmt;

use serde::{Deserialize, Serialize};

/// A page of the site that shows published data.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Route {
    /// `/` and `/page/<n>/`: the latest articles.
    Home {
        /// The page of the listing, from 1.
        page: u32,
    },
    /// `/<slug>/`: one article (WordPress's post-name permalinks).
    Article {
        /// The article's file name without `.md`.
        slug: String,
    },
    /// `/<slug>/`: a page that is not an article (About, Privacy), from
    /// `content/pages/`. Its address has an article's shape, so only the
    /// published pages tell the two apart: see [`Route::parse_among`].
    Page {
        /// The page's file name without `.md`.
        slug: String,
    },
    /// `/category/<slug>/` and `/category/<slug>/page/<n>/`.
    Category {
        /// The category's URL segment.
        slug: String,
        /// The page of the listing, from 1.
        page: u32,
    },
    /// `/tag/<slug>/` and `/tag/<slug>/page/<n>/`.
    Tag {
        /// The tag's URL segment.
        slug: String,
        /// The page of the listing, from 1.
        page: u32,
    },
    /// `/author/<slug>/` and `/author/<slug>/page/<n>/` (WordPress's
    /// author archives): who they are, and the articles they wrote or
    /// reviewed.
    Author {
        /// The author file's name without `.toml`.
        slug: String,
        /// The page of the listing, from 1.
        page: u32,
    },
}

/// The kinds of listing, with the first segment of their addresses.
const CATEGORY: &str = "category";
const TAG: &str = "tag";
const AUTHOR: &str = "author";
const PAGE: &str = "page";
/// The folder the JSON is published in, under the site's root.
const DATA: &str = "data";
/// The folder of a page's JSON, under [`DATA`].
const PAGE_DATA: &str = "page";
/// The search page's segment.
const SEARCH: &str = "search";
/// Folders and addresses the site keeps for itself, besides the listings':
/// the images under `public/`, and the search page.
const KEPT: [&str; 2] = ["images", SEARCH];
/// That folder as a path from the site's root.
pub const DATA_FOLDER: &str = "/data/";
/// The search index's folder, inside the data folder.
pub const SEARCH_FOLDER: &str = "/data/search/";
/// The search page, from the site's root. It shows no published data of
/// its own (the app searches the index in [`SEARCH_FOLDER`]), so it is not
/// a [`Route`]; the header's search form sends readers there.
pub const SEARCH_PATH: &str = "/search/";
/// The search page's query parameters: what was typed, and the category
/// the results are limited to (`/search/?q=sleep&category=fitness`).
pub const SEARCH_QUERY: &str = "q";
/// See [`SEARCH_QUERY`].
pub const SEARCH_CATEGORY: &str = "category";

/// Whether a path from the site's root is the search page (`/search/`,
/// `/search`, with any query).
pub fn is_search_path(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.strip_suffix('/').unwrap_or(path) == SEARCH_PATH.trim_end_matches('/')
}

impl Route {
    /// The first page of the home listing.
    pub const HOME: Route = Route::Home { page: 1 };

    /// A page of an author's archive.
    pub fn author(slug: impl Into<String>, page: u32) -> Self {
        Route::Author {
            slug: slug.into(),
            page,
        }
    }

    /// An article's page.
    pub fn article(slug: impl Into<String>) -> Self {
        Route::Article { slug: slug.into() }
    }

    /// A page from `content/pages/` (About, Privacy).
    pub fn site_page(slug: impl Into<String>) -> Self {
        Route::Page { slug: slug.into() }
    }

    /// A page of a category's archive.
    pub fn category(slug: impl Into<String>, page: u32) -> Self {
        Route::Category {
            slug: slug.into(),
            page,
        }
    }

    /// A page of a tag's archive.
    pub fn tag(slug: impl Into<String>, page: u32) -> Self {
        Route::Tag {
            slug: slug.into(),
            page,
        }
    }

    /// The page a path from the site's root shows (`/category/sleep/page/2/`;
    /// the trailing slash, a query and a fragment do not matter), or `None`
    /// when no page has that shape. Slugs and page numbers are checked, so
    /// nothing else is ever requested from the server.
    pub fn parse(path: &str) -> Option<Self> {
        let path = path.split(['?', '#']).next()?.strip_prefix('/')?;
        let path = path.strip_suffix('/').unwrap_or(path);
        let segments: Vec<&str> = if path.is_empty() {
            Vec::new()
        } else {
            path.split('/').collect()
        };
        let route = match segments.as_slice() {
            [] => Route::HOME,
            [PAGE, n] => Route::Home {
                page: page_number(n)?,
            },
            [CATEGORY, slug] => Route::category(*slug, 1),
            [CATEGORY, slug, PAGE, n] => Route::category(*slug, page_number(n)?),
            [TAG, slug] => Route::tag(*slug, 1),
            [TAG, slug, PAGE, n] => Route::tag(*slug, page_number(n)?),
            [AUTHOR, slug] => Route::author(*slug, 1),
            [AUTHOR, slug, PAGE, n] => Route::author(*slug, page_number(n)?),
            [slug] => Route::article(*slug),
            _ => return None,
        };
        match &route {
            Route::Article { slug }
            | Route::Category { slug, .. }
            | Route::Tag { slug, .. }
            | Route::Author { slug, .. }
                if !is_slug(slug) =>
            {
                None
            }
            _ => Some(route),
        }
    }

    /// Like [`Route::parse`], knowing which slugs are pages: `/<slug>/` is
    /// a [`Route::Page`] when `is_page(slug)`, an article otherwise. The
    /// content tool never publishes a page and an article with one slug.
    pub fn parse_among(path: &str, is_page: impl Fn(&str) -> bool) -> Option<Self> {
        match Self::parse(path)? {
            Route::Article { slug } if is_page(&slug) => Some(Route::Page { slug }),
            route => Some(route),
        }
    }

    /// The page's path from the site's root: `/`, `/page/2/`, `/sleep-debt/`,
    /// `/category/sleep/`, `/tag/habits/page/3/`.
    pub fn path(&self) -> String {
        let listing = |prefix: String, page: u32| {
            if page <= 1 {
                prefix
            } else {
                format!("{prefix}{PAGE}/{page}/")
            }
        };
        match self {
            Route::Home { page } => listing("/".into(), *page),
            Route::Article { slug } | Route::Page { slug } => format!("/{slug}/"),
            Route::Category { slug, page } => listing(format!("/{CATEGORY}/{slug}/"), *page),
            Route::Tag { slug, page } => listing(format!("/{TAG}/{slug}/"), *page),
            Route::Author { slug, page } => listing(format!("/{AUTHOR}/{slug}/"), *page),
        }
    }

    /// The path of the JSON the page shows, from the site's root:
    /// `/data/home/1.json`, `/data/article/<slug>.json`,
    /// `/data/page/<slug>.json`, `/data/category/<slug>/<n>.json`,
    /// `/data/tag/<slug>/<n>.json`.
    pub fn data_path(&self) -> String {
        match self {
            Route::Home { page } => format!("/{DATA}/home/{page}.json"),
            Route::Article { slug } => format!("/{DATA}/article/{slug}.json"),
            Route::Page { slug } => format!("/{DATA}/{PAGE_DATA}/{slug}.json"),
            Route::Category { slug, page } => format!("/{DATA}/{CATEGORY}/{slug}/{page}.json"),
            Route::Tag { slug, page } => format!("/{DATA}/{TAG}/{slug}/{page}.json"),
            Route::Author { slug, page } => format!("/{DATA}/{AUTHOR}/{slug}/{page}.json"),
        }
    }

    /// The HTML file a static host serves for the page, relative to the
    /// site's folder: `index.html`, `sleep-debt/index.html`.
    pub fn html_file(&self) -> String {
        format!("{}index.html", self.path().trim_start_matches('/'))
    }

    /// The page number of a listing; 1 for an article or a page.
    pub fn page(&self) -> u32 {
        match self {
            Route::Home { page }
            | Route::Category { page, .. }
            | Route::Tag { page, .. }
            | Route::Author { page, .. } => *page,
            Route::Article { .. } | Route::Page { .. } => 1,
        }
    }

    /// The same listing at another page; an article or a page stays itself.
    pub fn with_page(&self, page: u32) -> Self {
        let mut route = self.clone();
        if let Route::Home { page: p }
        | Route::Category { page: p, .. }
        | Route::Tag { page: p, .. }
        | Route::Author { page: p, .. } = &mut route
        {
            *p = page;
        }
        route
    }

    /// Whether an article or a page at `/<slug>/` would clash with the
    /// site's own addresses (`/page/2/`, `/category/…`, `/tag/…`,
    /// `/author/…`, the JSON under `/data/`, the images under `/images/`,
    /// `/search/`).
    pub fn is_reserved(slug: &str) -> bool {
        [PAGE, CATEGORY, TAG, AUTHOR, DATA].contains(&slug) || KEPT.contains(&slug)
    }

    /// The article's slug, for an article's page.
    pub fn article_slug(&self) -> Option<&str> {
        match self {
            Route::Article { slug } => Some(slug),
            _ => None,
        }
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())
    }
}

/// Every page the content tool published, `data/pages.json`: the
/// prerenderer renders exactly these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The pages, in a stable order.
    pub pages: Vec<Route>,
}

impl Manifest {
    /// Where the manifest is published, from the site's root.
    pub const PATH: &str = "/data/pages.json";
}

/// What an author may link to, for the content tool's messages.
pub const LINK_SHAPES: &str =
    "link to an article or a page as /its-file-name/, or to /category/<name>/ or /tag/<name>/";

/// A page number as written in a path: a plain positive number (`0`, `02`,
/// `two` are not pages).
fn page_number(segment: &str) -> Option<u32> {
    if segment.starts_with('0') || !segment.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    segment.parse().ok().filter(|n| *n > 0)
}

/// Whether a URL segment could be a slug the content tool made: lowercase
/// letters, digits and hyphens.
pub fn is_slug(segment: &str) -> bool {
    !segment.is_empty()
        && segment
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A path from the site's root as served under `base` (`""` or `/blog`, as
/// [`crate::base_path`] gives it). Anything that is not a site path (full
/// URLs, `//host/x`, `#anchors`, `mailto:`) is returned as it is.
pub fn under(base: &str, path: &str) -> String {
    if path.starts_with('/') && !path.starts_with("//") {
        format!("{base}{path}")
    } else {
        path.to_owned()
    }
}

/// The inverse of [`under`]: a served path (`/blog/sleep-debt/`) as a path
/// from the site's root (`/sleep-debt/`), or `None` outside the site.
pub fn strip_base<'a>(base: &str, path: &'a str) -> Option<&'a str> {
    if base.is_empty() {
        return path.starts_with('/').then_some(path);
    }
    let rest = path.strip_prefix(base)?;
    if rest.is_empty() {
        Some("/")
    } else {
        rest.starts_with('/').then_some(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<Route> {
        vec![
            Route::HOME,
            Route::Home { page: 3 },
            Route::article("sleep-debt-2"),
            Route::category("mental-health", 1),
            Route::category("sleep", 2),
            Route::tag("habits", 1),
            Route::tag("habits", 4),
            Route::author("lena-marsh", 1),
            Route::author("lena-marsh", 2),
        ]
    }

    #[test]
    fn pages_keep_wordpress_addresses() {
        let paths: Vec<String> = every_kind().iter().map(Route::path).collect();
        assert_eq!(
            paths,
            [
                "/",
                "/page/3/",
                "/sleep-debt-2/",
                "/category/mental-health/",
                "/category/sleep/page/2/",
                "/tag/habits/",
                "/tag/habits/page/4/",
                "/author/lena-marsh/",
                "/author/lena-marsh/page/2/",
            ]
        );
    }

    #[test]
    fn every_path_parses_back_to_its_route() {
        for route in every_kind() {
            assert_eq!(Route::parse(&route.path()), Some(route.clone()), "{route}");
            let bare = route.path();
            let bare = bare
                .strip_suffix('/')
                .filter(|p| !p.is_empty())
                .unwrap_or("/");
            assert_eq!(Route::parse(bare), Some(route.clone()), "{bare}");
            assert_eq!(
                Route::parse(&format!("{}?utm=x#comments", route.path())),
                Some(route)
            );
        }
    }

    #[test]
    fn a_page_shares_the_article_s_shape_and_the_published_pages_decide() {
        let about = Route::site_page("about");
        assert_eq!(about.path(), "/about/");
        assert_eq!(about.data_path(), "/data/page/about.json");
        assert_eq!(about.html_file(), "about/index.html");
        assert_eq!((about.page(), about.with_page(3)), (1, about.clone()));
        assert_eq!(about.article_slug(), None);
        let pages = |slug: &str| slug == "about";
        assert_eq!(Route::parse("/about/"), Some(Route::article("about")));
        assert_eq!(Route::parse_among("/about/", pages), Some(about.clone()));
        assert_eq!(Route::parse_among("/about", pages), Some(about));
        assert_eq!(
            Route::parse_among("/sleep-debt/", pages),
            Some(Route::article("sleep-debt"))
        );
        assert_eq!(
            Route::parse_among("/about/page/2/", pages),
            None,
            "a page has no later pages"
        );
        assert_eq!(
            Route::parse_among("/tag/about/", pages),
            Some(Route::tag("about", 1))
        );
    }

    #[test]
    fn the_search_page_is_known_by_its_path() {
        for path in ["/search/", "/search", "/search/?q=sleep", "/search?q=a#x"] {
            assert!(is_search_path(path), "{path}");
        }
        for path in ["/", "/searching/", "/search/more/", "/category/search/"] {
            assert!(!is_search_path(path), "{path}");
        }
        assert!(Route::is_reserved("search"));
    }

    #[test]
    fn data_lives_under_data() {
        let data: Vec<String> = every_kind().iter().map(Route::data_path).collect();
        assert_eq!(
            data,
            [
                "/data/home/1.json",
                "/data/home/3.json",
                "/data/article/sleep-debt-2.json",
                "/data/category/mental-health/1.json",
                "/data/category/sleep/2.json",
                "/data/tag/habits/1.json",
                "/data/tag/habits/4.json",
                "/data/author/lena-marsh/1.json",
                "/data/author/lena-marsh/2.json",
            ]
        );
        assert_eq!(Route::HOME.html_file(), "index.html");
        assert_eq!(
            Route::category("sleep", 2).html_file(),
            "category/sleep/page/2/index.html"
        );
    }

    #[test]
    fn nothing_else_is_a_page() {
        for other in [
            "",
            "sleep-debt/",
            "/page/0/",
            "/page/02/",
            "/page/two/",
            "/category/Sleep/",
            "/tag/a b/",
            "/author/Lena/",
            "/a/b/",
            "/images/a.svg",
            "/../x/",
            "/%2e/",
            "/page/99999999999/",
        ] {
            assert_eq!(Route::parse(other), None, "{other}");
        }
    }

    #[test]
    fn a_first_page_also_answers_with_its_number() {
        assert_eq!(Route::parse("/page/1/"), Some(Route::HOME));
        assert_eq!(Route::parse("/tag/t/page/1/"), Some(Route::tag("t", 1)));
    }

    #[test]
    fn the_site_s_own_first_segments_are_no_article_s() {
        for reserved in [
            "page", "category", "tag", "author", "data", "images", "search",
        ] {
            assert!(Route::is_reserved(reserved), "{reserved}");
        }
        assert!(!Route::is_reserved("pages"));
    }

    #[test]
    fn listings_move_between_pages() {
        assert_eq!(
            Route::category("sleep", 1).with_page(2),
            Route::category("sleep", 2)
        );
        assert_eq!(Route::article("a").with_page(2), Route::article("a"));
        assert_eq!(Route::tag("t", 5).page(), 5);
    }

    #[test]
    fn a_base_path_goes_in_front_of_site_paths_only() {
        assert_eq!(under("/blog", "/a-b/"), "/blog/a-b/");
        assert_eq!(under("", "/a-b/"), "/a-b/");
        for untouched in [
            "https://example.org/",
            "#respond",
            "mailto:a@b.co",
            "//cdn.example/x",
        ] {
            assert_eq!(under("/blog", untouched), untouched);
        }
        assert_eq!(strip_base("/blog", "/blog/a-b/"), Some("/a-b/"));
        assert_eq!(strip_base("/blog", "/blog"), Some("/"));
        assert_eq!(strip_base("/blog", "/blogger/"), None);
        assert_eq!(strip_base("/blog", "/a-b/"), None);
        assert_eq!(strip_base("", "/a-b/"), Some("/a-b/"));
    }

    #[test]
    fn routes_travel_as_json() {
        let json = serde_json::to_string(&Route::tag("habits", 2)).unwrap();
        assert_eq!(json, r#"{"kind":"tag","slug":"habits","page":2}"#);
        assert_eq!(
            serde_json::from_str::<Route>(&json).unwrap(),
            Route::tag("habits", 2)
        );
        let json = serde_json::to_string(&Route::site_page("about")).unwrap();
        assert_eq!(json, r#"{"kind":"page","slug":"about"}"#);
    }
}
