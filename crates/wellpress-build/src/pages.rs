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
use wellpress::{
    routes,
    ssr::{Rendered, Shows},
};
use wellpress_types::{
    Manifest, Route, SEARCH_PATH,
    names::{ARTICLE_ATTRIBUTE, DATA_ID, NOT_FOUND_MARK, SEARCH_MARK},
};

use crate::template::Template;

/// One page to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The address it is served at (`/sleep-debt/`, with any base path).
    pub path: String,
    /// Where the HTML goes, relative to the output folder.
    pub file: PathBuf,
    pub kind: Kind,
}

/// What a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A page of the content tool's manifest, showing its JSON.
    Data {
        route: Route,
        /// The URL of the JSON, as the app requests it.
        url: String,
        /// The JSON file that holds it.
        file: PathBuf,
    },
    /// The search page: a shell the app fills in.
    Search,
    /// "Page not found".
    NotFound,
}

impl Page {
    /// What the renderer is told the page shows.
    pub fn shows(&self) -> Shows {
        match &self.kind {
            Kind::Data { url, .. } => Shows::Data(url.clone()),
            Kind::Search => Shows::Shell,
            Kind::NotFound => Shows::NotFound,
        }
    }
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
            path: routes::href(route),
            file: PathBuf::from(route.html_file()),
            kind: Kind::Data {
                route: route.clone(),
                url: routes::data(route),
                file: dir.join(route.data_path().trim_start_matches('/')),
            },
        })
        .collect();
    pages.push(Page {
        path: routes::local(SEARCH_PATH),
        file: PathBuf::from(format!("{}index.html", SEARCH_PATH.trim_start_matches('/'))),
        kind: Kind::Search,
    });
    pages.push(Page {
        path: routes::local("/404.html"),
        file: PathBuf::from("404.html"),
        kind: Kind::NotFound,
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
    let data_element = match &page.kind {
        Kind::Data { route, url, .. } => {
            let article = match route.article_slug() {
                Some(slug) => format!(r#" {ARTICLE_ATTRIBUTE}="{}""#, attribute(slug)),
                None => String::new(),
            };
            format!(
                r#"<script id="{DATA_ID}" type="application/json" data-url="{}"{article}></script>"#,
                attribute(url),
            )
        }
        // The search page shows no data of its own.
        Kind::Search => {
            format!(
                r#"<script id="{DATA_ID}" type="application/json" {SEARCH_MARK}="">null</script>"#
            )
        }
        Kind::NotFound => format!(
            r#"<script id="{DATA_ID}" type="application/json" {NOT_FOUND_MARK}="">null</script>"#
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The element after the root that tells the app what the page shows.
    fn data_element(dir: &Path, file: &str) -> String {
        let template = Template::parse(
            "<html><head><title>x</title></head><body><div id=app></div></body></html>",
        )
        .unwrap();
        let rendered = Rendered {
            head: String::new(),
            body: String::new(),
        };
        let page = pages(dir)
            .unwrap()
            .into_iter()
            .find(|page| page.file == Path::new(file))
            .unwrap_or_else(|| panic!("no page writes {file}"));
        let html = page_html(&template, &page, &rendered);
        let element = html.split("</div>").nth(1).unwrap();
        element.split("</script>").next().unwrap().to_owned()
    }

    #[test]
    fn each_page_tells_the_app_what_it_shows() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = Manifest {
            pages: vec![Route::HOME, Route::article("sleep-debt")],
        };
        let file = dir.path().join(Manifest::PATH.trim_start_matches('/'));
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(&file, serde_json::to_string(&manifest).unwrap()).unwrap();

        let article = data_element(dir.path(), "sleep-debt/index.html");
        assert!(
            article.contains(r#"data-url="/data/article/sleep-debt.json""#),
            "{article}"
        );
        assert!(
            article.contains(r#"data-article="sleep-debt""#),
            "{article}"
        );
        let home = data_element(dir.path(), "index.html");
        assert!(
            home.contains("data-url=") && !home.contains("data-article"),
            "{home}"
        );
        let search = data_element(dir.path(), "search/index.html");
        assert!(
            search.contains("data-search") && !search.contains("data-url"),
            "{search}"
        );
        assert!(!search.contains("data-not-found"), "{search}");
        let missing = data_element(dir.path(), "404.html");
        assert!(
            missing.contains("data-not-found") && !missing.contains("data-url"),
            "{missing}"
        );
    }
}
