//! The one place that builds the site's URLs, for pages and for the JSON
//! the pages fetch. No component formats a path itself.

/// Link to the home page, or to one of its later pages (`/page/2/`).
pub fn home_href(page: u32) -> String {
    if page <= 1 {
        "/".to_owned()
    } else {
        format!("/page/{page}/")
    }
}

/// Link to an article (`/<slug>/`, WordPress post-name permalinks).
pub fn article_href(slug: &str) -> String {
    format!("/{slug}/")
}

/// Link to a category archive (`/category/<slug>/`).
pub fn category_href(slug: &str) -> String {
    format!("/category/{slug}/")
}

/// The JSON file with one page of the home listing.
pub fn home_data(page: u32) -> String {
    data_url(&format!("home/{page}.json"))
}

fn data_url(file: &str) -> String {
    format!("/data/{file}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_home_page_is_the_root() {
        assert_eq!(home_href(1), "/");
        assert_eq!(home_href(0), "/");
        assert_eq!(home_href(3), "/page/3/");
    }

    #[test]
    fn article_and_category_links_keep_wordpress_shapes() {
        assert_eq!(article_href("sleep-debt"), "/sleep-debt/");
        assert_eq!(category_href("mental-health"), "/category/mental-health/");
    }

    #[test]
    fn listing_data_lives_under_data() {
        assert_eq!(home_data(2), "/data/home/2.json");
    }
}
