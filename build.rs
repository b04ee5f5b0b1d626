//! Bakes the site settings from `content/site.toml` into the app, so the
//! header and document titles render before any fetch; and the pages of
//! `content/pages/` (slug and title), so the app knows which `/<slug>/` is
//! a page rather than an article, and the footer can name them. Both come
//! from the site folder that `WELLPRESS_SITE` names (relative to this
//! folder, as `scripts/content` takes it), else from this one.

use std::{
    env, fs,
    path::{Path, PathBuf},
    process,
};

use serde::Deserialize;
use wellpress_types::{PageLink, SiteConfig, is_slug};

/// Overrides `[comments] endpoint` from `content/site.toml` at build time.
const ENDPOINT_VAR: &str = "WELLPRESS_COMMENT_ENDPOINT";

/// Another site's folder, as the content tool takes it.
const SITE_VAR: &str = "WELLPRESS_SITE";

fn main() {
    println!("cargo::rerun-if-env-changed={SITE_VAR}");
    let site_dir = env::var_os(SITE_VAR)
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let path = site_dir.join("content/site.toml");
    let path = path.as_path();
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
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let json = serde_json::to_string(&site).expect("site config serialises");
    write(&Path::new(&out_dir).join("site.json"), &json);
    let json = serde_json::to_string(&pages(&site_dir.join(PAGES))).expect("pages serialise");
    write(&Path::new(&out_dir).join("pages.json"), &json);
}

/// The folder of pages; the content tool reads and checks them.
const PAGES: &str = "content/pages";

/// What the app needs of a page's front matter.
#[derive(Deserialize)]
struct Front {
    /// Any scalar, as the content tool takes it (`title: 2026` is a title).
    title: serde_norway::Value,
    #[serde(default)]
    draft: bool,
}

/// A YAML scalar as text, trimmed, as the content tool reads a title.
fn text(value: &serde_norway::Value) -> Option<String> {
    use serde_norway::Value;
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

/// The published pages, by file name. The content tool runs first and
/// stops the build on any problem in them (their file names are their
/// slugs), so a file that cannot be read here is only left out.
fn pages(dir: &Path) -> Vec<PageLink> {
    println!("cargo::rerun-if-changed={}", dir.display());
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries.flatten().map(|entry| entry.path()).collect();
    files.sort();
    let mut pages = Vec::new();
    for file in files {
        let Some(slug) = file
            .strip_prefix(dir)
            .ok()
            .and_then(|name| name.to_str()?.strip_suffix(".md"))
            .filter(|slug| is_slug(slug))
        else {
            continue;
        };
        println!("cargo::rerun-if-changed={}", file.display());
        let contents = fs::read_to_string(&file).unwrap_or_default();
        let yaml = contents
            .trim_start_matches('\u{feff}')
            .strip_prefix("---")
            .and_then(|rest| rest.split_once("\n---"))
            .map_or("", |(yaml, _)| yaml);
        if let Ok(front) = serde_norway::from_str::<Front>(yaml)
            && !front.draft
            && let Some(title) = text(&front.title)
        {
            pages.push(PageLink {
                slug: slug.to_owned(),
                title,
            });
        }
    }
    pages
}

fn write(path: &Path, contents: &str) {
    fs::write(path, contents)
        .unwrap_or_else(|err| fail(&format!("writing {}: {err}", path.display())));
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    process::exit(1);
}
