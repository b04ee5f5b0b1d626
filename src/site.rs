//! The site settings baked in at build time from `content/site.toml`, and
//! the pages of `content/pages/`.

use std::sync::OnceLock;

use wellpress_types::{PageLink, SiteConfig};

const SITE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/site.json"));
const PAGES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/pages.json"));

/// The site's settings, parsed once.
pub fn config() -> &'static SiteConfig {
    static CONFIG: OnceLock<SiteConfig> = OnceLock::new();
    // build.rs wrote this JSON from the same type, so it always parses.
    CONFIG.get_or_init(|| {
        serde_json::from_str(SITE_JSON).expect("build.rs writes a valid site config")
    })
}

/// The published pages (About, Privacy): slug and title, by slug.
pub fn pages() -> &'static [PageLink] {
    static PAGES: OnceLock<Vec<PageLink>> = OnceLock::new();
    PAGES.get_or_init(|| serde_json::from_str(PAGES_JSON).expect("build.rs writes valid pages"))
}

/// Whether `/<slug>/` is a page rather than an article.
pub fn is_page(slug: &str) -> bool {
    pages().iter().any(|page| page.slug == slug)
}

/// The pages the footer links to, in the order of `footer_pages`.
pub fn footer_pages() -> Vec<&'static PageLink> {
    config()
        .footer_pages
        .iter()
        .filter_map(|slug| pages().iter().find(|page| page.slug == *slug))
        .collect()
}
