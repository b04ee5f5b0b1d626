//! The site settings baked in at build time from `content/site.toml`.

use std::sync::OnceLock;

use wellpress_types::SiteConfig;

const SITE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/site.json"));

/// The site's settings, parsed once.
pub fn config() -> &'static SiteConfig {
    static CONFIG: OnceLock<SiteConfig> = OnceLock::new();
    // build.rs wrote this JSON from the same type, so it always parses.
    CONFIG.get_or_init(|| {
        serde_json::from_str(SITE_JSON).expect("build.rs writes a valid site config")
    })
}
