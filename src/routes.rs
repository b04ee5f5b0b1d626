//! The site's URLs as served: a [`Route`] (which spells every address, in
//! the shared types crate) under the base path the site is served from. No
//! component formats a path itself.
//!
//! A site can live under a base path (`trunk build --public-url /blog/`):
//! every URL made here starts with it. Paths in the content (`/sleep-debt/`,
//! `/images/a.svg`) are written from the site's root and get the base here.

use std::cell::RefCell;

use wellpress_types::Route;

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
    BASE.with_borrow(|base| wellpress_types::under(base, path))
}

/// The inverse of [`local`]: a served path (`/blog/sleep-debt/`) as a path
/// from the site's root (`/sleep-debt/`), or `None` if it is outside the site.
pub fn strip_base(path: &str) -> Option<&str> {
    BASE.with_borrow(|base| wellpress_types::strip_base(base, path))
}

/// The full address of a served path (`/blog/sleep-debt/`), for canonical
/// links and link previews, from the site's `base_url`. A `base_url` that
/// already ends with the base path (`https://example.org/blog`) is fine.
pub fn absolute(served_path: &str) -> String {
    let site = wellpress_types::site_address(&crate::site::config().base_url, &base());
    format!("{site}{}", strip_base(served_path).unwrap_or(served_path))
}

/// The served address of a page (`/blog/sleep-debt/`).
pub fn href(route: &Route) -> String {
    local(&route.path())
}

/// The served address of the JSON a page shows (`/blog/data/article/x.json`).
pub fn data(route: &Route) -> String {
    local(&route.data_path())
}

/// The page a served path (`/blog/sleep-debt/`) shows, if it is one: a
/// `/<slug>/` is a page of `content/pages/` when there is one by that name,
/// an article otherwise.
pub fn route_of(served_path: &str) -> Option<Route> {
    Route::parse_among(strip_base(served_path)?, crate::site::is_page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_path_prefixes_every_site_url() {
        let article = Route::article("a-b");
        set_base("/blog/");
        assert_eq!(base(), "/blog");
        assert_eq!(href(&Route::HOME), "/blog/");
        assert_eq!(href(&Route::Home { page: 2 }), "/blog/page/2/");
        assert_eq!(href(&article), "/blog/a-b/");
        assert_eq!(href(&Route::tag("habits", 1)), "/blog/tag/habits/");
        assert_eq!(data(&article), "/blog/data/article/a-b.json");
        assert_eq!(local("/images/x.svg"), "/blog/images/x.svg");
        assert_eq!(local("https://example.org/"), "https://example.org/");
        assert_eq!(route_of("/blog/a-b/"), Some(article.clone()));
        assert_eq!(route_of("/blog"), Some(Route::HOME));
        assert_eq!(route_of("/a-b/"), None);
        assert_eq!(strip_base("/blogger/"), None);
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
        assert_eq!(href(&Route::HOME), "/");
        assert_eq!(route_of("/a-b/"), Some(article));
        // content/pages/privacy.md is a page, not an article.
        assert_eq!(route_of("/privacy/"), Some(Route::site_page("privacy")));
        assert_eq!(absolute("/a-b/"), format!("{site}/a-b/"));
    }
}
