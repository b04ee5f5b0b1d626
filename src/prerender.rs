//! Every page of the site as an HTML file, rendered at build time from the
//! same components the app uses, with the data the page shows embedded so
//! that the app, when it starts, shows the same without fetching it again.
//!
//! The pages are found from the published data: each home, category and
//! tag listing page, each article, and the "page not found" page.

use std::{
    fs,
    path::{Path, PathBuf},
};

use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

use crate::{
    App, captcha, fetch,
    landing::{self, Landing},
    routes, start,
};

/// One page to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The address it is served at (`/sleep-debt/`, with any base path).
    pub path: String,
    /// The URL of the JSON it shows, as the app requests it; none for the
    /// "page not found" page.
    pub data_url: Option<String>,
    /// The JSON file that holds that data.
    pub data_file: Option<PathBuf>,
    /// Where the HTML goes, relative to the output folder.
    pub file: PathBuf,
}

/// The pages of a published site, from the JSON files under `dir/data`.
pub fn pages(dir: &Path) -> std::io::Result<Vec<Page>> {
    let data = dir.join("data");
    let mut pages = Vec::new();
    for (slug_page, file) in json_files(&data.join("home"))? {
        if let Some(page) = page_number(&slug_page) {
            pages.push(data_page(
                routes::home_href(page),
                routes::home_data(page),
                file,
            ));
        }
    }
    for (slug, file) in json_files(&data.join("article"))? {
        pages.push(data_page(
            routes::article_href(&slug),
            routes::article_data(&slug),
            file,
        ));
    }
    for (kind, href, data_url) in [
        (
            "category",
            routes::category_href as fn(&str, u32) -> String,
            routes::category_data as fn(&str, u32) -> String,
        ),
        ("tag", routes::tag_href, routes::tag_data),
    ] {
        let Ok(entries) = fs::read_dir(data.join(kind)) else {
            continue;
        };
        for entry in entries {
            let entry = entry?;
            let slug = entry.file_name().to_string_lossy().into_owned();
            for (number, file) in json_files(&entry.path())? {
                if let Some(page) = page_number(&number) {
                    pages.push(data_page(href(&slug, page), data_url(&slug, page), file));
                }
            }
        }
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    pages.push(Page {
        path: routes::local("/404.html"),
        data_url: None,
        data_file: None,
        file: PathBuf::from("404.html"),
    });
    Ok(pages)
}

fn page_number(name: &str) -> Option<u32> {
    routes::parse_page(Some(name))
}

fn data_page(path: String, data_url: String, data_file: PathBuf) -> Page {
    let local = routes::strip_base(&path).unwrap_or(&path);
    let file = PathBuf::from(local.trim_start_matches('/')).join("index.html");
    Page {
        path,
        data_url: Some(data_url),
        data_file: Some(data_file),
        file,
    }
}

/// The `.json` files of a folder, by name without the extension.
fn json_files(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json")
            && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
        {
            out.push((stem.to_owned(), path.clone()));
        }
    }
    Ok(out)
}

/// A page rendered: what goes in the head, and the app's root element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Title, meta, link and JSON-LD tags.
    pub head: String,
    /// The content of the app's root element.
    pub body: String,
}

/// Renders the app at `path`, with `data` (the JSON at `data_url`) handed
/// to it as the app in the browser gets it from the page.
pub fn render(path: &str, data_url: Option<&str>, data: Option<&str>) -> Rendered {
    fetch::forget_all();
    if let (Some(url), Some(json)) = (data_url, data) {
        fetch::embed(url.to_owned(), json.to_owned());
    }
    landing::set(Some(Landing {
        path: path.to_owned(),
        data_url: data_url.map(str::to_owned),
    }));

    let owner = Owner::new();
    let rendered = owner.with(|| {
        provide_context(RequestUrl::new(path));
        let (meta, output) = ServerMetaContext::new();
        provide_context(meta);
        let body = App().to_html();
        let head = futures::executor::block_on(async move {
            use futures::StreamExt;
            let stream = futures::stream::iter([String::from("<head></head>")]);
            output
                .inject_meta_context(stream)
                .await
                .collect::<String>()
                .await
        });
        let head = head
            .trim_start_matches("<head>")
            .trim_end_matches("</head>")
            .to_owned();
        Rendered { head, body }
    });
    drop(owner);
    landing::set(None);
    rendered
}

/// JSON as the text of a `<script>` element: a `<` inside a string would
/// let `</script>` end the element early, so it is written as `\u003c`
/// (JSON has `<` nowhere but in strings).
pub fn script_text(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The page's HTML file: trunk's `index.html` with the page's head tags in
/// place of its title, and the rendered app and its data in the root.
pub fn page_html(
    template: &Template,
    page: &Page,
    rendered: &Rendered,
    data: Option<&str>,
) -> String {
    let data_element = match (&page.data_url, data) {
        (Some(url), Some(json)) => format!(
            r#"<script id="{}" type="application/json" data-url="{}">{}</script>"#,
            start::DATA_ID,
            crate::head::attribute(url),
            script_text(json)
        ),
        _ => format!(
            r#"<script id="{}" type="application/json" data-not-found="">null</script>"#,
            start::DATA_ID
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

/// trunk's `index.html`, cut where the pages differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Up to `</head>`, without the placeholder title.
    pub before_head_end: String,
    /// From `</head>` to the root element's opening tag, included.
    pub before_root_content: String,
    /// After the root element's closing tag.
    pub after_root: String,
}

/// Why `index.html` cannot be used as the pages' template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// No `</head>`.
    #[error("index.html has no </head>")]
    NoHead,
    /// No empty root element.
    #[error("index.html has no empty <div id=\"app\"></div> in its body")]
    NoRoot,
}

impl Template {
    /// Cuts `index.html` (as trunk wrote it, minified or not).
    pub fn parse(index: &str) -> Result<Self, TemplateError> {
        let head_end = index.find("</head>").ok_or(TemplateError::NoHead)?;
        let (head, rest) = index.split_at(head_end);
        let head = match (head.find("<title>"), head.find("</title>")) {
            (Some(open), Some(close)) if open < close => {
                format!("{}{}", &head[..open], &head[close + "</title>".len()..])
            }
            _ => head.to_owned(),
        };
        let (open_at, open_len) = [r#"<div id="app">"#, "<div id=app>"]
            .iter()
            .find_map(|tag| rest.find(tag).map(|at| (at, tag.len())))
            .ok_or(TemplateError::NoRoot)?;
        let content_at = open_at + open_len;
        if !rest[content_at..].starts_with("</div>") {
            return Err(TemplateError::NoRoot);
        }
        Ok(Self {
            before_head_end: head,
            before_root_content: rest[..content_at].to_owned(),
            after_root: rest[content_at + "</div>".len()..].to_owned(),
        })
    }
}

/// Swaps trunk's `<base href>` (which `data-trunk-public-url` fills in)
/// for a `<meta>` that only the app reads: a base element would also make
/// in-page links (`#comments`) lead to the base path's home page.
pub fn replace_base(html: &str) -> String {
    let Some(at) = html.find("<base ") else {
        return html.to_owned();
    };
    let Some(end) = html[at..].find('>').map(|i| at + i + 1) else {
        return html.to_owned();
    };
    format!(
        r#"{}<meta name="{}" content="{}">{}"#,
        &html[..at],
        start::BASE_META,
        crate::head::attribute(&routes::local("/")),
        &html[end..]
    )
}

/// Puts the Content-Security-Policy in a `<meta>` tag right after the
/// charset, ahead of every script, for hosts that cannot send headers.
pub fn with_policy_meta(html: &str, policy: &str) -> String {
    let tag = format!(
        r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
        crate::head::attribute(policy)
    );
    let after_charset = html
        .find("<meta charset")
        .and_then(|at| html[at..].find('>').map(|end| at + end + 1));
    let at = after_charset
        .or_else(|| html.find("<head>").map(|at| at + "<head>".len()))
        .unwrap_or(0);
    format!("{}{tag}{}", &html[..at], &html[at..])
}

/// trunk's start-up module imports the app's JS and wasm at once. Since
/// the page already reads, `start.js` takes its place: the app loads only
/// once the page has loaded and painted, and then when the reader reaches
/// for what the app serves, or at once if the browser keeps something of
/// theirs for it (see that file). `None` if the module does not look like
/// trunk's.
fn deferred_start(trunk_module: &str) -> Option<String> {
    let quoted = |after: &str| {
        let at = trunk_module.find(after)? + after.len();
        let rest = trunk_module[at..].trim_start();
        let quote = rest.chars().next().filter(|c| *c == '\'' || *c == '"')?;
        let end = rest[1..].find(quote)? + 1;
        Some(rest[1..end].to_owned())
    };
    let js = quoted("* as bindings from")?;
    let wasm = quoted("module_or_path:")?;
    Some(
        include_str!("start.js")
            .replace("@APP_JS@", &js)
            .replace("@APP_WASM@", &wasm),
    )
}

/// The hints trunk adds so that the app downloads with the page
/// (`modulepreload`, `preload` of the wasm); with the page prerendered,
/// they would only slow the page down.
pub fn without_app_preloads(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link") {
        let Some(end) = rest[at..].find('>').map(|i| at + i + 1) else {
            break;
        };
        let tag = &rest[at..end];
        out.push_str(&rest[..at]);
        if !(tag.contains("modulepreload") || (tag.contains("preload") && tag.contains(".wasm"))) {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Moves inline scripts (trunk's start-up module) into files of their own,
/// named by a hash of their text, so that the site runs under a
/// Content-Security-Policy without 'unsafe-inline'. Returns the new HTML
/// and the files to write, as (name, text).
pub fn externalize_scripts(html: &str) -> (String, Vec<(String, String)>) {
    let mut out = String::with_capacity(html.len());
    let mut files = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        let Some(tag_end) = rest[at..].find('>').map(|i| at + i + 1) else {
            break;
        };
        let tag = &rest[at..tag_end];
        let Some(close) = rest[tag_end..].find("</script>").map(|i| tag_end + i) else {
            break;
        };
        let text = &rest[tag_end..close];
        let is_module = tag.contains("type=module") || tag.contains(r#"type="module""#);
        let is_classic = !tag.contains("type=");
        if tag.contains("src=") || text.trim().is_empty() || !(is_module || is_classic) {
            out.push_str(&rest[..close + "</script>".len()]);
        } else {
            let text = deferred_start(text).unwrap_or_else(|| text.to_owned());
            let name = format!("start-{:016x}.js", captcha::seed_for_page(&text));
            out.push_str(&rest[..at]);
            let kind = if is_module { r#" type="module""# } else { "" };
            out.push_str(&format!(
                r#"<script{kind} src="{}"></script>"#,
                routes::local(&format!("/{name}"))
            ));
            files.push((name, text));
        }
        rest = &rest[close + "</script>".len()..];
    }
    out.push_str(rest);
    (out, files)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_INDEX: &str = concat!(
        "<!doctype html><html lang=en><meta charset=utf-8><title>WellPress</title>",
        "<script type=module>import init from '/w.js';\nawait init();</script>",
        "<link href=/main.css rel=stylesheet></head><body><div id=app></div></body></html>"
    );

    #[test]
    fn the_start_up_script_moves_to_a_file() {
        let (html, files) = externalize_scripts(TRUNK_INDEX);
        assert_eq!(files.len(), 1);
        let (name, text) = &files[0];
        assert_eq!(
            text, "import init from '/w.js';\nawait init();",
            "not trunk's: kept as it is"
        );
        assert!(
            html.contains(&format!(r#"<script type="module" src="/{name}"></script>"#)),
            "{html}"
        );
        assert!(!html.contains("import init"));
        // Data blocks are not scripts and stay where they are.
        let data = r#"<script type="application/json">{"a":1}</script>"#;
        assert_eq!(externalize_scripts(data), (data.to_owned(), Vec::new()));
    }

    #[test]
    fn the_app_starts_on_demand_and_is_not_preloaded() {
        let trunk = "import init, * as bindings from '/blog/w-1.js';\n\
                     const wasm = await init({ module_or_path: '/blog/w-1_bg.wasm' });\n\
                     window.wasmBindings = bindings;";
        let start = deferred_start(trunk).unwrap();
        assert!(start.contains("const APP_JS = '/blog/w-1.js';"), "{start}");
        assert!(
            start.contains("const APP_WASM = '/blog/w-1_bg.wasm';"),
            "{start}"
        );
        assert!(!start.contains('@'), "every blank is filled: {start}");
        assert!(start.contains("addEventListener('load'"));
        assert!(!start.contains("import init"));
        let head = concat!(
            "<link href=/m.css rel=stylesheet><link crossorigin href=/w-1.js rel=modulepreload>",
            "<link as=fetch crossorigin href=/w-1_bg.wasm rel=preload type=application/wasm><link href=/f.svg rel=icon>"
        );
        assert_eq!(
            without_app_preloads(head),
            "<link href=/m.css rel=stylesheet><link href=/f.svg rel=icon>"
        );
    }

    #[test]
    fn the_base_element_becomes_a_meta_tag() {
        routes::set_base("/blog/");
        let html = replace_base("<head><base href=/blog/ ><link href=/blog/a.css></head>");
        assert_eq!(
            html,
            r#"<head><meta name="wellpress-base" content="/blog/"><link href=/blog/a.css></head>"#
        );
        routes::set_base("/");
    }

    #[test]
    fn the_policy_comes_before_any_script() {
        let html = with_policy_meta(TRUNK_INDEX, "default-src 'self'");
        let policy = html.find("Content-Security-Policy").unwrap();
        assert!(policy < html.find("<script").unwrap());
        assert!(html.contains(r#"content="default-src 'self'""#));
    }

    #[test]
    fn the_template_drops_its_title_and_finds_the_root() {
        let template = Template::parse(TRUNK_INDEX).unwrap();
        assert!(!template.before_head_end.contains("<title>"));
        assert!(template.before_root_content.ends_with("<div id=app>"));
        assert_eq!(template.after_root, "</body></html>");
        assert_eq!(
            Template::parse("<html><head></head><body></body></html>"),
            Err(TemplateError::NoRoot)
        );
    }

    #[test]
    fn embedded_json_cannot_end_its_element() {
        let json = r#"{"body_html":"<p>x</p></script><script>alert(1)</script>"}"#;
        let text = script_text(json);
        assert!(!text.contains("</"));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back["body_html"],
            "<p>x</p></script><script>alert(1)</script>"
        );
    }
}
