//! Post and comment HTML, parsed as a browser would (html5ever, through
//! scraper), turned into Markdown or plain text.
//!
//! Nothing passes through as HTML: the content tool renders Markdown with
//! raw HTML allowed, so every element is either said in Markdown or left
//! out, and every piece of text is escaped. Scripts, styles, frames, forms
//! and event handlers are dropped; every link and image address goes
//! through the caller's `rewrite`, which refuses anything but web, mail and
//! phone addresses.

use ego_tree::NodeRef;
use scraper::{Html, Node};

/// What an address is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Link,
    Image,
}

/// Elements whose content is never shown.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "form", "input",
    "button", "select", "textarea", "svg", "math", "head", "title", "meta", "link", "audio",
    "video", "canvas", "frame", "frameset", "base",
];

/// Elements that stand as blocks of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "hr",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
    "address",
    "dl",
    "dt",
    "dd",
    "details",
    "summary",
    "center",
];

/// Turns HTML into Markdown (or, with `plain`, into text with blank lines
/// between paragraphs and links written as "text (address)").
pub struct Converter<'a> {
    rewrite: &'a mut dyn FnMut(&str, Use) -> Option<String>,
    plain: bool,
}

/// `html` as Markdown: blocks separated by blank lines.
pub fn to_markdown(html: &str, rewrite: &mut dyn FnMut(&str, Use) -> Option<String>) -> String {
    Converter {
        rewrite,
        plain: false,
    }
    .convert(html)
}

/// `html` as plain text, for comments: paragraphs separated by blank lines,
/// line breaks kept, links as "text (address)".
pub fn to_text(html: &str, rewrite: &mut dyn FnMut(&str, Use) -> Option<String>) -> String {
    Converter {
        rewrite,
        plain: true,
    }
    .convert(html)
}

/// Text of `html` on one line, for titles, names and excerpts.
pub fn to_line(html: &str) -> String {
    // Most titles and names have no markup and no entity: the parser
    // would give back their text as it is (but for a byte order mark,
    // which it drops).
    if !html.contains(['<', '&', '\0', '\u{feff}']) {
        return collapse(html).trim().to_owned();
    }
    parsed_line(html)
}

fn parsed_line(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut text = String::new();
    for node in fragment.tree.root().descendants() {
        if let Node::Text(t) = node.value()
            && !node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| DROPPED.contains(&e.name()))
            })
        {
            text.push_str(t);
        }
    }
    collapse(&text).trim().to_owned()
}

fn element_name<'n>(node: &NodeRef<'n, Node>) -> Option<&'n str> {
    node.value().as_element().map(|e| e.name())
}

fn is_block(node: &NodeRef<'_, Node>) -> bool {
    element_name(node).is_some_and(|n| BLOCKS.contains(&n))
}

/// Runs of HTML whitespace as one space.
fn collapse(text: &str) -> String {
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Text is copied a run at a time: up to a space to collapse.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !is_space(bytes[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < bytes.len() && is_space(bytes[end]) {
            end += 1;
        }
        if bytes[i] != b' ' || end > i + 1 {
            out.push_str(&text[copied..i]);
            out.push(' ');
            copied = end;
        }
        i = end;
    }
    out.push_str(&text[copied..]);
    out
}

/// Text escaped so that Markdown shows it as it is.
pub fn escape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    // Text is copied a run at a time, up to a character to escape (all
    // of them ASCII, so never inside a multi-byte character).
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let special = match b {
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' => true,
            b'&' => bytes
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'#'),
            _ => false,
        };
        if special {
            out.push_str(&text[copied..i]);
            out.push('\\');
            copied = i;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// An address as a Markdown link destination.
fn destination(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

impl Converter<'_> {
    fn convert(&mut self, html: &str) -> String {
        let fragment = Html::parse_fragment(html);
        // A fragment's nodes sit under one <html> element.
        let top = *fragment.root_element();
        let top = fragment.tree.get(top.id()).unwrap_or(fragment.tree.root());
        let blocks = self.container(top);
        let mut out = blocks.join("\n\n");
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }

    /// The blocks of an element that may hold both text and blocks.
    fn container(&mut self, node: NodeRef<'_, Node>) -> Vec<String> {
        let mut blocks = Vec::new();
        let mut line = String::new();
        for child in node.children() {
            if is_block(&child) {
                self.flush(&mut line, &mut blocks);
                blocks.extend(self.block(child));
            } else {
                self.inline(child, &mut line);
            }
        }
        self.flush(&mut line, &mut blocks);
        blocks
    }

    fn flush(&self, line: &mut String, blocks: &mut Vec<String>) {
        let text = std::mem::take(line);
        let paragraph = self.tidy(&text);
        if !paragraph.is_empty() {
            blocks.push(paragraph);
        }
    }

    /// A paragraph's lines trimmed, with breaks at its ends dropped and
    /// line starts that Markdown would read as syntax escaped.
    fn tidy(&self, text: &str) -> String {
        let hard_break = if self.plain { "\n" } else { "\\\n" };
        let lines: Vec<String> = text
            .split(hard_break)
            .map(|l| l.trim().to_owned())
            .collect();
        let start = lines.iter().position(|l| !l.is_empty());
        let end = lines.iter().rposition(|l| !l.is_empty());
        let (Some(start), Some(end)) = (start, end) else {
            return String::new();
        };
        lines[start..=end]
            .iter()
            .map(|l| {
                if self.plain {
                    l.clone()
                } else {
                    escape_line_start(l)
                }
            })
            .collect::<Vec<_>>()
            .join(hard_break)
    }

    fn block(&mut self, node: NodeRef<'_, Node>) -> Vec<String> {
        let Some(name) = element_name(&node) else {
            return Vec::new();
        };
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let mut text = String::new();
                self.inline_children(node, &mut text);
                let text = self.tidy(&text).replace("\\\n", " ").replace('\n', " ");
                if text.is_empty() {
                    return Vec::new();
                }
                if self.plain {
                    return vec![text];
                }
                let level: usize = name[1..].parse().unwrap_or(2);
                vec![format!("{} {}", "#".repeat(level), text)]
            }
            "ul" | "ol" => self.list(node, name == "ol"),
            "blockquote" => {
                let inner = self.container(node).join("\n\n");
                if inner.is_empty() {
                    return Vec::new();
                }
                vec![
                    inner
                        .lines()
                        .map(|l| {
                            if l.is_empty() {
                                ">".to_owned()
                            } else {
                                format!("> {l}")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]
            }
            "pre" => {
                let code: String = node
                    .descendants()
                    .filter_map(|n| match n.value() {
                        Node::Text(t) => Some(t.to_string()),
                        _ => None,
                    })
                    .collect();
                let code = code.trim_matches('\n');
                if code.trim().is_empty() {
                    return Vec::new();
                }
                if self.plain {
                    return vec![code.to_owned()];
                }
                let mut fence = "```".to_owned();
                while code.contains(&fence) {
                    fence.push('`');
                }
                vec![format!("{fence}\n{code}\n{fence}")]
            }
            "hr" => {
                if self.plain {
                    Vec::new()
                } else {
                    vec!["* * *".to_owned()]
                }
            }
            "table" => self.table(node),
            "figure" => {
                let mut blocks = Vec::new();
                let mut line = String::new();
                let mut caption = String::new();
                for child in node.children() {
                    if element_name(&child) == Some("figcaption") {
                        self.inline_children(child, &mut caption);
                    } else if is_block(&child) {
                        self.flush(&mut line, &mut blocks);
                        blocks.extend(self.block(child));
                    } else {
                        self.inline(child, &mut line);
                    }
                }
                self.flush(&mut line, &mut blocks);
                let caption = self.tidy(&caption).replace("\\\n", " ").replace('\n', " ");
                if !caption.is_empty() {
                    let caption = if self.plain {
                        caption
                    } else {
                        format!("*{caption}*")
                    };
                    match blocks.last_mut() {
                        Some(last) => {
                            last.push('\n');
                            last.push_str(&caption);
                        }
                        None => blocks.push(caption),
                    }
                }
                blocks
            }
            "figcaption" => {
                let mut text = String::new();
                self.inline_children(node, &mut text);
                let text = self.tidy(&text);
                if text.is_empty() {
                    Vec::new()
                } else if self.plain {
                    vec![text]
                } else {
                    vec![format!("*{text}*")]
                }
            }
            _ => self.container(node),
        }
    }

    fn list(&mut self, node: NodeRef<'_, Node>, ordered: bool) -> Vec<String> {
        let start: usize = node
            .value()
            .as_element()
            .and_then(|e| e.attr("start"))
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        let mut items = Vec::new();
        let mut number = start;
        for child in node.children() {
            let blocks = if element_name(&child) == Some("li") {
                self.container(child)
            } else if is_block(&child) {
                self.block(child)
            } else {
                let mut text = String::new();
                self.inline(child, &mut text);
                let text = self.tidy(&text);
                if text.is_empty() {
                    Vec::new()
                } else {
                    vec![text]
                }
            };
            if blocks.is_empty() {
                continue;
            }
            let marker = if ordered {
                format!("{number}. ")
            } else {
                "- ".to_owned()
            };
            number += 1;
            let indent = " ".repeat(marker.len());
            // A list inside an item follows its text without a blank line.
            let mut body = String::new();
            for block in &blocks {
                if !body.is_empty() {
                    body.push_str(if is_list(block) { "\n" } else { "\n\n" });
                }
                body.push_str(block);
            }
            let mut item = String::new();
            for (i, line) in body.lines().enumerate() {
                if i == 0 {
                    item.push_str(&marker);
                } else {
                    item.push('\n');
                    if !line.is_empty() {
                        item.push_str(&indent);
                    }
                }
                item.push_str(line);
            }
            items.push(item);
        }
        if items.is_empty() {
            Vec::new()
        } else {
            vec![items.join("\n")]
        }
    }

    fn table(&mut self, node: NodeRef<'_, Node>) -> Vec<String> {
        let mut rows: Vec<Vec<String>> = Vec::new();
        for row in node.descendants().filter(|n| element_name(n) == Some("tr")) {
            let mut cells = Vec::new();
            for cell in row
                .children()
                .filter(|n| matches!(element_name(n), Some("td" | "th")))
            {
                let mut text = String::new();
                for part in self.container(cell) {
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(&part);
                }
                cells.push(text.replace("\\\n", " ").replace('\n', " "));
            }
            if !cells.is_empty() {
                rows.push(cells);
            }
        }
        if rows.is_empty() {
            return Vec::new();
        }
        if self.plain {
            return vec![
                rows.iter()
                    .map(|r| r.join(" | "))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ];
        }
        let columns = rows.iter().map(Vec::len).max().unwrap_or(1);
        let line = |cells: &[String]| {
            let mut out = String::from("|");
            for i in 0..columns {
                out.push(' ');
                out.push_str(cells.get(i).map_or("", String::as_str));
                out.push_str(" |");
            }
            out
        };
        let mut out = vec![line(&rows[0])];
        out.push(format!("|{}", " --- |".repeat(columns)));
        out.extend(rows[1..].iter().map(|r| line(r)));
        vec![out.join("\n")]
    }

    fn inline_children(&mut self, node: NodeRef<'_, Node>, out: &mut String) {
        for child in node.children() {
            self.inline(child, out);
        }
    }

    fn inline(&mut self, node: NodeRef<'_, Node>, out: &mut String) {
        match node.value() {
            Node::Text(text) => {
                let text = collapse(text);
                if self.plain {
                    out.push_str(&text);
                } else {
                    out.push_str(&escape(&text));
                }
            }
            Node::Element(element) => {
                let name = element.name();
                if DROPPED.contains(&name) {
                    if name == "iframe"
                        && let Some(src) = element.attr("src")
                        && let Some(url) = (self.rewrite)(src, Use::Link)
                        && url.starts_with("http")
                    {
                        self.link_to(&escape(&url), &url, out);
                    }
                    return;
                }
                match name {
                    "br" => out.push_str(if self.plain { "\n" } else { "\\\n" }),
                    "strong" | "b" => self.wrap(node, "**", out),
                    "em" | "i" | "cite" => self.wrap(node, "*", out),
                    "s" | "del" | "strike" => self.wrap(node, "~~", out),
                    "code" | "kbd" | "samp" | "tt" => {
                        let code = collapse(&node_text(node));
                        if code.trim().is_empty() || self.plain {
                            out.push_str(&code);
                        } else {
                            let mut fence = "`".to_owned();
                            while code.contains(&fence) {
                                fence.push('`');
                            }
                            let pad = if code.starts_with('`') || code.ends_with('`') {
                                " "
                            } else {
                                ""
                            };
                            out.push_str(&format!("{fence}{pad}{code}{pad}{fence}"));
                        }
                    }
                    "a" => {
                        let mut text = String::new();
                        self.inline_children(node, &mut text);
                        let href = element.attr("href").unwrap_or_default();
                        let url = if href.trim().is_empty() {
                            None
                        } else {
                            (self.rewrite)(href, Use::Link)
                        };
                        match url {
                            Some(url) => self.link_to(&text, &url, out),
                            None => out.push_str(&text),
                        }
                    }
                    "img" => {
                        let alt = collapse(element.attr("alt").unwrap_or_default())
                            .trim()
                            .to_owned();
                        let src = element.attr("src").unwrap_or_default();
                        let url = if src.trim().is_empty() {
                            None
                        } else {
                            (self.rewrite)(src, Use::Image)
                        };
                        match url {
                            Some(url) if !self.plain => {
                                out.push_str(&format!("![{}]({})", escape(&alt), destination(&url)))
                            }
                            _ if self.plain => out.push_str(&alt),
                            _ => out.push_str(&escape(&alt)),
                        }
                    }
                    _ => self.inline_children(node, out),
                }
            }
            _ => {}
        }
    }

    fn link_to(&mut self, text: &str, url: &str, out: &mut String) {
        if self.plain {
            let shown = text.trim();
            let bare = url.trim_start_matches("mailto:").trim_start_matches("tel:");
            if shown.is_empty() || shown == url || shown == bare {
                out.push_str(url);
            } else if url.starts_with('#') {
                out.push_str(text);
            } else {
                out.push_str(&format!("{text} ({bare})"));
            }
            return;
        }
        if text.trim().is_empty() {
            out.push_str(text);
            return;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        out.push_str(&format!(
            "{lead}[{}]({}){trail}",
            text.trim(),
            destination(url)
        ));
    }

    fn wrap(&mut self, node: NodeRef<'_, Node>, mark: &str, out: &mut String) {
        let mut inner = String::new();
        self.inline_children(node, &mut inner);
        if self.plain || inner.trim().is_empty() {
            out.push_str(&inner);
            return;
        }
        let lead = &inner[..inner.len() - inner.trim_start().len()];
        let trail = &inner[inner.trim_end().len()..];
        out.push_str(&format!("{lead}{mark}{}{mark}{trail}", inner.trim()));
    }
}

fn is_list(block: &str) -> bool {
    let digits = block.chars().take_while(char::is_ascii_digit).count();
    block.starts_with("- ") || (digits > 0 && block[digits..].starts_with(". "))
}

fn node_text(node: NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| match n.value() {
            Node::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect()
}

/// A line that Markdown would read as a heading, list item, rule or
/// setext underline, escaped to stay text.
fn escape_line_start(line: &str) -> String {
    if line.starts_with(['#', '-', '+', '=']) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_without_markup_reads_as_through_the_parser() {
        const PIECES: &[&str] = &[
            "a", "Ann", "é", "漢字", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{c}", "\u{b}",
            "\u{a0}", "\u{2003}", "\u{85}", "\u{feff}", "\u{1}", "\u{7f}", "\u{fffd}", "*", ">",
            "\"", "'", "#", "🙂", "=",
        ];
        let mut random = crate::import::RandomText::new(11);
        for _ in 0..20_000 {
            let text = random.text(PIECES, 8);
            assert_eq!(to_line(&text), parsed_line(&text), "{text:?}");
        }
        assert_eq!(to_line("Fish &amp; <b>chips</b>"), "Fish & chips");
    }

    fn md(html: &str) -> String {
        to_markdown(html, &mut |url, _| {
            (url.starts_with("https://") || url.starts_with('/')).then(|| url.to_owned())
        })
    }

    #[test]
    fn paragraphs_headings_lists_and_emphasis() {
        let out = md(
            "<h2>Why</h2><p>Sleep <strong>matters</strong>, <em>really</em>.</p>\
                      <ul><li>One</li><li>Two<ul><li>Deep</li></ul></li></ul><ol start=\"3\"><li>Three</li></ol>",
        );
        assert_eq!(
            out,
            "## Why\n\nSleep **matters**, *really*.\n\n- One\n- Two\n  - Deep\n\n3. Three\n"
        );
    }

    #[test]
    fn text_is_kept_exactly_and_escaped_once() {
        let out = md(
            "<p>5 * 3 = 15 &amp; [sic] &lt;tag&gt; &copy;&nbsp;“quotes”—dashes run-together</p>",
        );
        assert_eq!(
            out,
            "5 \\* 3 = 15 & \\[sic\\] \\<tag\\> ©\u{a0}“quotes”—dashes run-together\n"
        );
        assert_eq!(
            md("<p># not a heading<br>- not a list<br>1. nor this</p>"),
            "\\# not a heading\\\n\\- not a list\\\n1\\. nor this\n"
        );
    }

    #[test]
    fn scripts_handlers_and_unsafe_links_do_not_survive() {
        let out = md(
            "<p onclick=\"steal()\">Hi<script>alert(1)</script> <a href=\"javascript:alert(2)\">click</a> \
                      <img src=\"x\" onerror=\"alert(3)\" alt=\"pic\"><style>p{}</style></p>",
        );
        assert_eq!(out, "Hi click pic\n");
    }

    #[test]
    fn links_images_figures_quotes_code_and_tables() {
        let out = md("<p><a href=\"https://a.example/x (1)\">A link</a></p>\
            <figure><img src=\"https://a.example/i.jpg\" alt=\"A [cat]\"><figcaption>The <em>cat</em></figcaption></figure>\
            <blockquote><p>Quoted</p><p>Twice</p></blockquote><pre><code>let x = 1;\n\nx</code></pre>\
            <table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2 | 3</td></tr></table>");
        assert_eq!(
            out,
            "[A link](https://a.example/x%20%281%29)\n\n![A \\[cat\\]](https://a.example/i.jpg)\n*The *cat**\n\n\
             > Quoted\n>\n> Twice\n\n```\nlet x = 1;\n\nx\n```\n\n| A | B |\n| --- | --- |\n| 1 | 2 \\| 3 |\n"
        );
    }

    #[test]
    fn comments_become_text_with_paragraphs() {
        let out = to_text(
            "<p>Thanks <b>so</b> much!<br>See <a href=\"https://x.example/\">my post</a>.</p><p>Bye</p>",
            &mut |url, _| Some(url.to_owned()),
        );
        assert_eq!(
            out,
            "Thanks so much!\nSee my post (https://x.example/).\n\nBye\n"
        );
    }
}
