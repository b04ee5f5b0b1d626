//! Bakes the site settings from `content/site.toml` into the app, so the
//! header and document titles render before any fetch.

use std::{env, fs, path::Path, process};

use wellpress_types::SiteConfig;

/// Overrides `[comments] endpoint` from `content/site.toml` at build time.
const ENDPOINT_VAR: &str = "WELLPRESS_COMMENT_ENDPOINT";

fn main() {
    let path = Path::new("content/site.toml");
    println!("cargo::rerun-if-changed={}", path.display());
    println!("cargo::rerun-if-env-changed={ENDPOINT_VAR}");

    let text = fs::read_to_string(path).unwrap_or_else(|err| {
        fail(&format!("cannot read {}: {err}", path.display()));
    });
    let mut site: SiteConfig = toml::from_str(&text).unwrap_or_else(|err| {
        fail(&format!(
            "{} is not a valid site config:\n{err}",
            path.display()
        ));
    });
    // Staging and production post comments to different places; an empty
    // value closes comments.
    if let Ok(endpoint) = env::var(ENDPOINT_VAR) {
        let endpoint = endpoint.trim();
        site.comments.endpoint = (!endpoint.is_empty()).then(|| endpoint.to_owned());
    }
    let json = serde_json::to_string(&site).expect("site config serialises");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("site.json");
    fs::write(&out, json).unwrap_or_else(|err| fail(&format!("writing {}: {err}", out.display())));
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    process::exit(1);
}
