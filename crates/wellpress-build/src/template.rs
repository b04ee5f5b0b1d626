//! trunk's `index.html` made into the pages' template: its `<base>` turned
//! into a meta tag only the app reads, the app's preload hints dropped, its
//! inline start-up module moved into a file (so that no page needs
//! 'unsafe-inline'), the Content-Security-Policy put first, and the whole
//! cut where the pages differ. All of it with a real HTML rewriter
//! (lol_html), so a `>` inside an attribute is just a character.

use std::cell::{Cell, RefCell};

use html_escape::encode_double_quoted_attribute as attribute;
use lol_html::{RewriteStrSettings, element, html_content::ContentType, rewrite_str, text};
use wellpress::{routes, ssr::START_JS};
use wellpress_types::{BASE_META, names};

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
    /// No `<body>` start tag, before which the head ends.
    #[error("index.html has no <body> start tag")]
    NoBody,
    /// No empty root element.
    #[error("index.html has no empty <div id=\"app\"></div> in its body")]
    NoRoot,
}

/// Mark where the head ends and the root's content goes, while cutting.
const HEAD_END: &str = "<!--wellpress:head-end-->";
const ROOT_CONTENT: &str = "<!--wellpress:root-->";

/// Rewrites `html` with lol_html's handlers. The handlers here never fail,
/// and the input is a few kilobytes, so rewriting cannot fail either.
fn rewrite<'h>(
    html: &str,
    handlers: Vec<(
        std::borrow::Cow<'static, lol_html::Selector>,
        lol_html::ElementContentHandlers<'h>,
    )>,
) -> String {
    let settings = handlers
        .into_iter()
        .fold(RewriteStrSettings::new(), |settings, handler| {
            settings.append_element_content_handler(handler)
        });
    rewrite_str(html, settings).expect("rewriting index.html in memory")
}

impl Template {
    /// Cuts `index.html` (as trunk wrote it, minified or not).
    pub fn parse(index: &str) -> Result<Self, TemplateError> {
        // trunk's minifier leaves out `<head>`: a title before `<body>` is
        // the head's (an SVG in the body may have titles of its own).
        let in_body = Cell::new(false);
        let marked = rewrite(
            index,
            vec![
                element!("title", |el| {
                    if !in_body.get() {
                        el.remove();
                    }
                    Ok(())
                }),
                // The head may leave out its tags (trunk minifies), the body's
                // start tag it keeps: the head ends before it.
                element!("body", |el| {
                    in_body.set(true);
                    el.before(HEAD_END, ContentType::Html);
                    Ok(())
                }),
                element!("body div#app", |el| {
                    el.prepend(ROOT_CONTENT, ContentType::Html);
                    Ok(())
                }),
            ],
        );
        let (head, body) = marked.split_once(HEAD_END).ok_or(TemplateError::NoBody)?;
        let (head, rest) = match head.strip_suffix("</head>") {
            Some(head) => (head, format!("</head>{body}")),
            None => (head, body.to_owned()),
        };
        let (before_root, after) = rest.split_once(ROOT_CONTENT).ok_or(TemplateError::NoRoot)?;
        let after_root = after.strip_prefix("</div>").ok_or(TemplateError::NoRoot)?;
        Ok(Self {
            before_head_end: head.to_owned(),
            before_root_content: before_root.to_owned(),
            after_root: after_root.to_owned(),
        })
    }
}

/// Swaps trunk's `<base href>` (which `data-trunk-public-url` fills in)
/// for a `<meta>` that only the app reads: a base element would also make
/// in-page links (`#comments`) lead to the base path's home page.
pub fn replace_base(html: &str) -> String {
    let meta = format!(
        r#"<meta name="{}" content="{}">"#,
        BASE_META,
        attribute(&routes::local("/"))
    );
    rewrite(
        html,
        vec![element!("base", |el| {
            el.replace(&meta, ContentType::Html);
            Ok(())
        })],
    )
}

/// Puts the Content-Security-Policy in a `<meta>` tag right after the
/// charset, ahead of every script, for hosts that cannot send headers.
pub fn with_policy_meta(html: &str, policy: &str) -> String {
    let tag = format!(
        r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
        attribute(policy)
    );
    let placed = Cell::new(false);
    let after_charset = rewrite(
        html,
        vec![element!("meta[charset]", |el| {
            if !placed.replace(true) {
                el.after(&tag, ContentType::Html);
            }
            Ok(())
        })],
    );
    if placed.get() {
        return after_charset;
    }
    rewrite(
        html,
        vec![element!("head", |el| {
            el.prepend(&tag, ContentType::Html);
            Ok(())
        })],
    )
}

/// The stylesheet written into the page, and what the policy needs to
/// allow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineStyle {
    /// The page with `<style>` in place of the stylesheet link.
    pub html: String,
    /// The style's hash as a policy source, `'sha256-…'`.
    pub source: String,
}

/// Puts the site's stylesheet into the page as a `<style>` element, in
/// place of trunk's `<link rel="stylesheet">`: the page paints after one
/// request instead of two. `read` gives the text of a file of the built
/// site by its path from the site's root. The policy allows the style by
/// its hash, so nothing else inline runs. `None` when there is no single
/// stylesheet of the site's own to inline, or its text could end the
/// element early.
pub fn inline_stylesheet(html: &str, read: impl Fn(&str) -> Option<String>) -> Option<InlineStyle> {
    use base64::Engine;
    use sha2::Digest;

    let hrefs = RefCell::new(Vec::new());
    rewrite(
        html,
        vec![element!(r#"link[rel~="stylesheet"][href]"#, |el| {
            hrefs.borrow_mut().extend(el.get_attribute("href"));
            Ok(())
        })],
    );
    let hrefs = hrefs.into_inner();
    let [href] = hrefs.as_slice() else {
        return None;
    };
    let path = routes::strip_base(href)?;
    if path.starts_with("//") {
        return None;
    }
    let css = read(path)?;
    if css.to_ascii_lowercase().contains("</style") {
        return None;
    }
    let digest = sha2::Sha256::digest(css.as_bytes());
    let source = format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    );
    let style = format!("<style>{css}</style>");
    let html = rewrite(
        html,
        vec![element!(r#"link[rel~="stylesheet"][href]"#, |el| {
            el.replace(&style, ContentType::Html);
            Ok(())
        })],
    );
    Some(InlineStyle { html, source })
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
        START_JS
            .replace("@APP_JS@", &js)
            .replace("@APP_WASM@", &wasm)
            .replace(names::START_UP_PLACEHOLDER, &names::for_start_up_script()),
    )
}

/// The hints trunk adds so that the app downloads with the page
/// (`modulepreload`, `preload` of the wasm); with the page prerendered,
/// they would only slow the page down.
pub fn without_app_preloads(html: &str) -> String {
    rewrite(
        html,
        vec![element!(
            r#"link[rel~="modulepreload"], link[rel~="preload"][href$=".wasm"]"#,
            |el| {
                el.remove();
                Ok(())
            }
        )],
    )
}

/// An inline script of the page: its type and its text.
struct InlineScript {
    module: bool,
    classic: bool,
    text: String,
}

/// Moves inline scripts (trunk's start-up module) into files of their own,
/// named by a hash of their text, so that the site runs under a
/// Content-Security-Policy without 'unsafe-inline'. Data blocks
/// (`type="application/json"`) stay. Returns the new HTML and the files to
/// write, as (name, text).
pub fn externalize_scripts(html: &str) -> (String, Vec<(String, String)>) {
    let scripts = RefCell::new(Vec::<InlineScript>::new());
    rewrite(
        html,
        vec![
            element!("script:not([src])", |el| {
                let kind = el.get_attribute("type");
                scripts.borrow_mut().push(InlineScript {
                    module: kind.as_deref() == Some("module"),
                    classic: kind.is_none(),
                    text: String::new(),
                });
                Ok(())
            }),
            text!("script:not([src])", |chunk| {
                if let Some(script) = scripts.borrow_mut().last_mut() {
                    script.text.push_str(chunk.as_str());
                }
                Ok(())
            }),
        ],
    );
    let mut files = Vec::new();
    let replacements: Vec<Option<String>> = scripts
        .into_inner()
        .into_iter()
        .map(|script| {
            if script.text.trim().is_empty() || !(script.module || script.classic) {
                return None;
            }
            let text = deferred_start(&script.text).unwrap_or(script.text);
            let name = format!(
                "start-{:016x}.js",
                xxhash_rust::xxh3::xxh3_64(text.as_bytes())
            );
            // The start-up module runs after the page is parsed anyway; at
            // low priority its download also leaves the first round trips
            // to the page's own content and hero image.
            let kind = if script.module {
                r#" type="module" fetchpriority="low""#
            } else {
                ""
            };
            let tag = format!(
                r#"<script{kind} src="{}"></script>"#,
                attribute(&routes::local(&format!("/{name}")))
            );
            files.push((name, text));
            Some(tag)
        })
        .collect();
    let next = Cell::new(0);
    let html = rewrite(
        html,
        vec![element!("script:not([src])", |el| {
            let index = next.replace(next.get() + 1);
            if let Some(Some(tag)) = replacements.get(index) {
                el.replace(tag, ContentType::Html);
            }
            Ok(())
        })],
    );
    (html, files)
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
            html.contains(&format!(
                r#"<script type="module" fetchpriority="low" src="/{name}"></script>"#
            )),
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
        // Every name the script reads is one the build hands it, with the
        // value the app uses.
        let handed = names::for_start_up_script();
        let mut read = start.split("NAMES.").skip(1).peekable();
        assert!(read.peek().is_some());
        for rest in read {
            let name: String = rest
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            assert!(
                handed.contains(&format!("{name}: '")),
                "NAMES.{name} is never handed over"
            );
        }
        assert!(start.contains(&format!("draftKeyPrefix: '{}'", names::DRAFT_KEY_PREFIX)));
        assert!(
            !START_JS.contains("wellpress:"),
            "no storage key is written out in the script itself"
        );
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
    fn a_greater_than_sign_inside_an_attribute_is_still_inside_it() {
        let head = r#"<link title="a>b" href=/w.js rel=modulepreload><link title="x>y" href=/m.css rel=stylesheet>"#;
        assert_eq!(
            without_app_preloads(head),
            r#"<link title="x>y" href=/m.css rel=stylesheet>"#
        );
        let index = concat!(
            r#"<html><meta charset=utf-8 data-note="1>0"><title>T</title>"#,
            r#"<script type=module data-note="a>b">import init from '/w.js';</script>"#,
            r#"</head><body><div class="x>y" id=app></div></body></html>"#
        );
        let (html, files) = externalize_scripts(index);
        assert_eq!(files.len(), 1);
        assert!(!html.contains("import init"), "{html}");
        let html = with_policy_meta(&html, "default-src 'self'");
        assert!(
            html.contains(r#"data-note="1>0"><meta http-equiv="Content-Security-Policy""#),
            "{html}"
        );
        let template = Template::parse(&html).unwrap();
        assert!(
            template
                .before_root_content
                .ends_with(r#"<div class="x>y" id=app>"#)
        );
    }

    #[test]
    fn the_stylesheet_goes_into_the_page_with_its_hash() {
        let html = r#"<html><head><meta charset="utf-8"><link rel="stylesheet" href="/main-1a2b.css" integrity="sha384-x"></head><body></body></html>"#;
        let css = "body{color:#222}\n.a>b{margin:0}";
        let inlined = inline_stylesheet(html, |path| (path == "/main-1a2b.css").then(|| css.to_owned()))
            .expect("one stylesheet of the site's own");
        assert_eq!(
            inlined.html,
            r#"<html><head><meta charset="utf-8"><style>body{color:#222}
.a>b{margin:0}</style></head><body></body></html>"#
        );
        // The hash browsers compute over the element's text.
        use base64::Engine;
        use sha2::Digest;
        let expected = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(css));
        assert_eq!(inlined.source, format!("'sha256-{expected}'"));

        assert_eq!(inline_stylesheet(html, |_| None), None, "a missing file stays a link");
        assert_eq!(
            inline_stylesheet(html, |_| Some("a::after{content:'</style>'}".into())),
            None,
            "text that would end the element stays in its file"
        );
        let two = html.replace("</head>", r#"<link rel="stylesheet" href="/b.css"></head>"#);
        assert_eq!(inline_stylesheet(&two, |_| Some(css.into())), None);
    }
}
