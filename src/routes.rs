//! The one place that builds the site's URLs, for pages and for the JSON
//! the pages fetch, and that reads the page number out of a URL. No
//! component formats a path itself.
//!
//! A site can live under a base path (`trunk build --public-url /blog/`):
//! every URL made here starts with it. Paths in the content (`/sleep-debt/`,
//! `/images/a.svg`) are written from the site's root and get the base here.

use std::cell::RefCell;

thread_local! {
    /// The base path without its trailing slash: `""` or `/blog`.
    static BASE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Sets the base path the site is served under (`/`, `/blog/`, `/blog`).
pub fn set_base(public_url: &str) {
    BASE.set(wellpress_types::base_path(public_url));
}

/// The base path without its trailing slash: `""` at the root, or `/blog`.
pub fn base() -> String {
    BASE.with_borrow(Clone::clone)
}

/// A path written from the site's root (`/sleep-debt/`), as served: with
/// the base path in front. Anything else (full URLs, `#anchors`,
/// `mailto:`) is left as it is.
pub fn local(path: &str) -> String {
    if path.starts_with('/') && !path.starts_with("//") {
        BASE.with_borrow(|base| format!("{base}{path}"))
    } else {
        path.to_owned()
    }
}

/// The inverse of [`local`]: a served path (`/blog/sleep-debt/`) as a path
/// from the site's root (`/sleep-debt/`), or `None` if it is outside the site.
pub fn strip_base(path: &str) -> Option<&str> {
    BASE.with_borrow(|base| {
        if base.is_empty() {
            return path.starts_with('/').then_some(path);
        }
        let rest = path.strip_prefix(base.as_str())?;
        if rest.is_empty() {
            return Some("/");
        }
        rest.starts_with('/').then(|| {
            // Hand back a slice of the input, not of the base.
            &path[base.len()..]
        })
    })
}

/// The full address of a served path (`/blog/sleep-debt/`), for canonical
/// links and link previews, from the site's `base_url`. A `base_url` that
/// already ends with the base path (`https://example.org/blog`) is fine.
pub fn absolute(served_path: &str) -> String {
    let site = wellpress_types::site_address(&crate::site::config().base_url, &base());
    format!("{site}{}", strip_base(served_path).unwrap_or(served_path))
}

/// Link to the home page, or to one of its later pages (`/page/2/`).
pub fn home_href(page: u32) -> String {
    local(&with_page(String::from("/"), page))
}

/// Link to an article (`/<slug>/`, WordPress post-name permalinks).
pub fn article_href(slug: &str) -> String {
    local(&format!("/{slug}/"))
}

/// Link to a category archive (`/category/<slug>/`, `/category/<slug>/page/2/`).
pub fn category_href(slug: &str, page: u32) -> String {
    local(&with_page(format!("/category/{slug}/"), page))
}

/// Link to a tag archive (`/tag/<slug>/`, `/tag/<slug>/page/2/`).
pub fn tag_href(slug: &str, page: u32) -> String {
    local(&with_page(format!("/tag/{slug}/"), page))
}

fn with_page(base: String, page: u32) -> String {
    if page <= 1 {
        base
    } else {
        format!("{base}page/{page}/")
    }
}

/// The JSON with one page of the home listing.
pub fn home_data(page: u32) -> String {
    data_url(&format!("home/{page}.json"))
}

/// The JSON with one page of a category archive.
pub fn category_data(slug: &str, page: u32) -> String {
    data_url(&format!("category/{slug}/{page}.json"))
}

/// The JSON with one page of a tag archive.
pub fn tag_data(slug: &str, page: u32) -> String {
    data_url(&format!("tag/{slug}/{page}.json"))
}

/// The JSON with a whole article.
pub fn article_data(slug: &str) -> String {
    data_url(&format!("article/{slug}.json"))
}

fn data_url(file: &str) -> String {
    local(&format!("/data/{file}"))
}

/// The page number in a URL segment: none means page 1; anything but a
/// plain positive number (`0`, `02`, `two`) is not a page of the site.
pub fn parse_page(segment: Option<&str>) -> Option<u32> {
    match segment {
        None => Some(1),
        Some(s) if s.starts_with('0') => None,
        Some(s) if s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok(),
        Some(_) => None,
    }
}

/// Whether a URL segment could be a slug the content tool made, so that
/// nothing else is ever requested from the server.
pub fn is_slug(segment: &str) -> bool {
    !segment.is_empty()
        && segment
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_pages_have_no_page_segment() {
        assert_eq!(home_href(1), "/");
        assert_eq!(home_href(0), "/");
        assert_eq!(home_href(3), "/page/3/");
        assert_eq!(category_href("sleep", 1), "/category/sleep/");
        assert_eq!(category_href("sleep", 2), "/category/sleep/page/2/");
        assert_eq!(tag_href("habits", 4), "/tag/habits/page/4/");
    }

    #[test]
    fn article_links_keep_wordpress_shapes() {
        assert_eq!(article_href("sleep-debt"), "/sleep-debt/");
        assert_eq!(
            category_href("mental-health", 1),
            "/category/mental-health/"
        );
    }

    #[test]
    fn data_lives_under_data() {
        assert_eq!(home_data(2), "/data/home/2.json");
        assert_eq!(category_data("sleep", 1), "/data/category/sleep/1.json");
        assert_eq!(tag_data("habits", 3), "/data/tag/habits/3.json");
        assert_eq!(article_data("a-b"), "/data/article/a-b.json");
    }

    #[test]
    fn a_base_path_prefixes_every_site_url() {
        set_base("/blog/");
        assert_eq!(base(), "/blog");
        assert_eq!(home_href(1), "/blog/");
        assert_eq!(home_href(2), "/blog/page/2/");
        assert_eq!(article_href("a-b"), "/blog/a-b/");
        assert_eq!(tag_href("habits", 1), "/blog/tag/habits/");
        assert_eq!(article_data("a-b"), "/blog/data/article/a-b.json");
        assert_eq!(local("/images/x.svg"), "/blog/images/x.svg");
        for untouched in [
            "https://example.org/",
            "#respond",
            "mailto:a@b.co",
            "//cdn.example/x",
        ] {
            assert_eq!(local(untouched), untouched);
        }
        assert_eq!(strip_base("/blog/a-b/"), Some("/a-b/"));
        assert_eq!(strip_base("/blog"), Some("/"));
        assert_eq!(strip_base("/blogger/"), None);
        assert_eq!(strip_base("/a-b/"), None);
        let site = crate::site::config()
            .base_url
            .trim_end_matches('/')
            .to_owned();
        assert_eq!(absolute("/blog/a-b/"), format!("{site}/blog/a-b/"));
        assert_eq!(absolute("/blog/"), format!("{site}/blog/"));
        for spelling in ["blog", "/blog", "/blog/", "https://cdn.example/blog/"] {
            set_base(spelling);
            assert_eq!(base(), "/blog", "{spelling}");
        }
        set_base("/");
        assert_eq!(base(), "");
        assert_eq!(home_href(1), "/");
        assert_eq!(absolute("/a-b/"), format!("{site}/a-b/"));
        assert_eq!(strip_base("/a-b/"), Some("/a-b/"));
    }

    #[test]
    fn page_numbers_are_plain_positive_numbers() {
        assert_eq!(parse_page(None), Some(1));
        assert_eq!(parse_page(Some("2")), Some(2));
        assert_eq!(parse_page(Some("17")), Some(17));
        for bad in ["0", "02", "two", "", "-1", "1.5", "99999999999"] {
            assert_eq!(parse_page(Some(bad)), None, "{bad}");
        }
    }

    #[test]
    fn slugs_are_lowercase_words_and_hyphens() {
        assert!(is_slug("sleep-debt-2"));
        for bad in ["", "Sleep", "a b", "../x", "a.json", "%2e"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
