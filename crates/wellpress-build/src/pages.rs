//! Every page of the site as an HTML file, rendered at build time from the
//! same components the app uses. The page names the data it shows (its
//! JSON's address) for the app, which fetches it along with its own files
//! when it starts: embedded, the data would double an article's HTML and
//! push its first paint past the first round trip (docs/benchmark.md).
//!
//! The pages are those the content tool published, from its manifest, the
//! search page (a shell the app fills in) and the "page not found" page.

use std::{
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};
use html_escape::encode_double_quoted_attribute as attribute;
use wellpress::{routes, ssr::Rendered};
use wellpress_types::{DATA_ID, Manifest, Route, SEARCH_PATH};

use crate::template::Template;

/// One page to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The page; none for the search page and "page not found".
    pub route: Option<Route>,
    /// The address it is served at (`/sleep-debt/`, with any base path).
    pub path: String,
    /// The URL of the JSON it shows, as the app requests it; none for the
    /// search page and the "page not found" page.
    pub data_url: Option<String>,
    /// The JSON file that holds that data.
    pub data_file: Option<PathBuf>,
    /// Where the HTML goes, relative to the output folder.
    pub file: PathBuf,
}

/// The pages of a published site: every page in the content tool's
/// manifest (`data/pages.json` under `dir`), the search page, then "page
/// not found".
pub fn pages(dir: &Path) -> Result<Vec<Page>> {
    let manifest_file = dir.join(Manifest::PATH.trim_start_matches('/'));
    let text = fs::read_to_string(&manifest_file).with_context(|| {
        format!(
            "reading {} (the content tool writes it; did it run?)",
            manifest_file.display()
        )
    })?;
    let manifest: Manifest = serde_json::from_str(&text)
        .with_context(|| format!("reading {}", manifest_file.display()))?;
    let mut pages: Vec<Page> = manifest
        .pages
        .iter()
        .map(|route| Page {
            route: Some(route.clone()),
            path: routes::href(route),
            data_url: Some(routes::data(route)),
            data_file: Some(dir.join(route.data_path().trim_start_matches('/'))),
            file: PathBuf::from(route.html_file()),
        })
        .collect();
    pages.push(Page {
        route: None,
        path: routes::local(SEARCH_PATH),
        data_url: None,
        data_file: None,
        file: PathBuf::from(format!("{}index.html", SEARCH_PATH.trim_start_matches('/'))),
    });
    pages.push(Page {
        route: None,
        path: routes::local("/404.html"),
        data_url: None,
        data_file: None,
        file: PathBuf::from("404.html"),
    });
    Ok(pages)
}

/// The page's HTML file: trunk's `index.html` with the page's head tags in
/// place of its title, the rendered app in the root, and after it the
/// element naming the page's data (empty until the start-up script fills
/// it in).
pub fn page_html(template: &Template, page: &Page, rendered: &Rendered) -> String {
    // The start-up script reads which article the page shows from
    // `data-article`, never from the shape of a URL.
    let article = match page.route.as_ref().and_then(Route::article_slug) {
        Some(slug) => format!(r#" data-article="{}""#, attribute(slug)),
        None => String::new(),
    };
    let data_element = match &page.data_url {
        Some(url) => format!(
            r#"<script id="{}" type="application/json" data-url="{}"{article}></script>"#,
            DATA_ID,
            attribute(url),
        ),
        // The search page shows no data of its own.
        None if page.route.is_none() && page.path == routes::local(SEARCH_PATH) => {
            format!(r#"<script id="{DATA_ID}" type="application/json">null</script>"#)
        }
        None => format!(
            r#"<script id="{}" type="application/json" data-not-found="">null</script>"#,
            DATA_ID
        ),
    };
    let mut html = String::with_capacity(template.before_head_end.len() + rendered.body.len() * 2);
    html.push_str(&template.before_head_end);
    html.push_str(&rendered.head);
    html.push_str(&template.before_root_content);
    html.push_str(&rendered.body);
    html.push_str("</div>");
    html.push_str(&data_element);
    html.push_str(&template.after_root);
    html
}
