//! The one place that builds the site's URLs, for pages and for the JSON
//! the pages fetch, and that reads the page number out of a URL. No
//! component formats a path itself.

/// Link to the home page, or to one of its later pages (`/page/2/`).
pub fn home_href(page: u32) -> String {
    with_page(String::from("/"), page)
}

/// Link to an article (`/<slug>/`, WordPress post-name permalinks).
pub fn article_href(slug: &str) -> String {
    format!("/{slug}/")
}

/// Link to a category archive (`/category/<slug>/`, `/category/<slug>/page/2/`).
pub fn category_href(slug: &str, page: u32) -> String {
    with_page(format!("/category/{slug}/"), page)
}

/// Link to a tag archive (`/tag/<slug>/`, `/tag/<slug>/page/2/`).
pub fn tag_href(slug: &str, page: u32) -> String {
    with_page(format!("/tag/{slug}/"), page)
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
    format!("/data/{file}")
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
