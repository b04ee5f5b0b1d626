//! WordPress's paragraph rules (`wpautop` in wp-includes/formatting.php),
//! which classic-editor posts and comments rely on: they are stored
//! without `<p>`, and WordPress adds paragraphs when it shows them. A
//! blank line starts a new paragraph, a single line break becomes `<br />`,
//! and block-level elements are left unwrapped.

use std::{borrow::Cow, sync::LazyLock};

use regex::Regex;

/// Block-level elements, as wpautop lists them.
const BLOCKS: &str = "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)";

fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace("BLOCKS", BLOCKS)).expect("a valid pattern")
}

struct Patterns {
    double_br: Regex,
    block_open: Regex,
    block_close: Regex,
    hr: Regex,
    figcaption_open: Regex,
    figcaption_close: Regex,
    many_breaks: Regex,
    split: Regex,
    empty_p: Regex,
    unclosed_p: Regex,
    p_around_block: Regex,
    p_around_li: Regex,
    p_blockquote: Regex,
    p_before_block: Regex,
    p_after_block: Regex,
    keep_newlines: [Regex; 3],
    newline: Regex,
    br_after_block: Regex,
    br_before_block: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| Patterns {
    double_br: re(r"<br\s*/?>\s*<br\s*/?>"),
    block_open: re(r"(<BLOCKS[\s/>])"),
    block_close: re(r"(</BLOCKS>)"),
    hr: re(r"(<hr\s*?/?>)"),
    figcaption_open: re(r"\s*(<figcaption[^>]*>)"),
    figcaption_close: re(r"</figcaption>\s*"),
    many_breaks: re(r"\n\n+"),
    split: re(r"\n\s*\n"),
    empty_p: re(r"<p>\s*</p>"),
    unclosed_p: re(r"<p>([^<]+)</(div|address|form)>"),
    p_around_block: re(r"<p>\s*(</?BLOCKS[^>]*>)\s*</p>"),
    p_around_li: re(r"<p>(<li.+?)</p>"),
    p_blockquote: re(r"(?i)<p><blockquote([^>]*)>"),
    p_before_block: re(r"<p>\s*(</?BLOCKS[^>]*>)"),
    p_after_block: re(r"(</?BLOCKS[^>]*>)\s*</p>"),
    keep_newlines: [
        re(r"(?s)<script.*?</script>"),
        re(r"(?s)<style.*?</style>"),
        re(r"(?s)<svg.*?</svg>"),
    ],
    newline: re(r"\s*\n"),
    br_after_block: re(r"(</?BLOCKS[^>]*>)\s*<br />"),
    br_before_block: re(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)"),
});

const NEWLINE_IN_TAG: &str = " <!-- wpnl --> ";
const KEPT_NEWLINE: &str = "<WPPreserveNewline />";

/// `text` with WordPress's paragraphs and line breaks added.
pub fn autop(text: &str) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    let p = &*PATTERNS;
    let mut text = format!("{text}\n");

    // `<pre>` is left exactly as it is.
    let mut pre_tags: Vec<(String, String)> = Vec::new();
    if text.contains("<pre") {
        let mut parts: Vec<&str> = text.split("</pre>").collect();
        let last = parts.pop().unwrap_or_default();
        let mut out = String::with_capacity(text.len());
        for part in parts {
            match part.find("<pre") {
                Some(start) => {
                    let name = format!("<pre wp-pre-tag-{}></pre>", pre_tags.len());
                    pre_tags.push((name.clone(), format!("{}</pre>", &part[start..])));
                    out.push_str(&part[..start]);
                    out.push_str(&name);
                }
                None => out.push_str(part),
            }
        }
        out.push_str(last);
        text = out;
    }

    // Text without markup (most comments) gets only paragraphs and line
    // breaks: the patterns about tags would find nothing, so they are not
    // run.
    let markup = text.contains('<');
    if markup {
        replace(&mut text, &p.double_br, "\n\n");
        replace(&mut text, &p.block_open, "\n\n$1");
        replace(&mut text, &p.block_close, "$1\n\n");
        replace(&mut text, &p.hr, "$1\n\n");
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    if markup {
        text = newlines_in_tags(&text);
    }
    if text.contains("<figcaption") {
        replace(&mut text, &p.figcaption_open, "$1");
        replace(&mut text, &p.figcaption_close, "</figcaption>");
    }
    replace(&mut text, &p.many_breaks, "\n\n");

    let mut out = String::with_capacity(text.len() + 64);
    for piece in p.split.split(&text).filter(|s| !s.is_empty()) {
        out.push_str("<p>");
        out.push_str(piece.trim_matches('\n'));
        out.push_str("</p>\n");
    }
    let mut text = out;
    replace(&mut text, &p.empty_p, "");
    if markup {
        replace(&mut text, &p.unclosed_p, "<p>$1</p></$2>");
        replace(&mut text, &p.p_around_block, "$1");
        replace(&mut text, &p.p_around_li, "$1");
        replace(&mut text, &p.p_blockquote, "<blockquote$1><p>");
        if text.contains("</blockquote></p>") {
            text = text.replace("</blockquote></p>", "</p></blockquote>");
        }
        replace(&mut text, &p.p_before_block, "$1");
        replace(&mut text, &p.p_after_block, "$1");

        // Remaining single line breaks become <br />.
        for keep in &p.keep_newlines {
            replace(&mut text, keep, |m: &regex::Captures<'_>| {
                m[0].replace('\n', KEPT_NEWLINE)
            });
        }
    }
    if text.contains("<br") {
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />");
    }
    let mut broken = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for m in p.newline.find_iter(&text) {
        broken.push_str(&text[last..m.start()]);
        if text[..m.start()].ends_with("<br />") {
            broken.push_str(m.as_str());
        } else {
            broken.push_str("<br />\n");
        }
        last = m.end();
    }
    broken.push_str(&text[last..]);
    let mut text = if broken.contains(KEPT_NEWLINE) {
        broken.replace(KEPT_NEWLINE, "\n")
    } else {
        broken
    };

    replace(&mut text, &p.br_after_block, "$1");
    replace(&mut text, &p.br_before_block, "$1");
    if let Some(stripped) = text.strip_suffix("\n</p>") {
        text = format!("{stripped}</p>");
    }
    for (name, pre) in &pre_tags {
        text = text.replace(name, pre);
    }
    if text.contains("<!-- wpnl -->") {
        text = text
            .replace(NEWLINE_IN_TAG, "\n")
            .replace("<!-- wpnl -->", "\n");
    }
    text
}

/// Replaces every match of `pattern` in `text`; a text without one is
/// not copied (most of the patterns find nothing in most posts, and
/// nothing in a comment without markup).
fn replace(text: &mut String, pattern: &Regex, with: impl regex::Replacer) {
    let changed = match pattern.replace_all(text, with) {
        Cow::Owned(changed) => Some(changed),
        Cow::Borrowed(_) => None,
    };
    if let Some(changed) = changed {
        *text = changed;
    }
}

/// Newlines inside tags (`<a\nhref>`) replaced, so they are not taken for
/// line breaks.
fn newlines_in_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(c);
            }
            '>' => {
                in_tag = false;
                out.push(c);
            }
            '\n' if in_tag => out.push_str(NEWLINE_IN_TAG),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::autop;

    #[test]
    fn blank_lines_make_paragraphs_and_single_breaks_br() {
        assert_eq!(
            autop("First line\nsame paragraph\n\nSecond paragraph"),
            "<p>First line<br />\nsame paragraph</p>\n<p>Second paragraph</p>\n"
        );
    }

    #[test]
    fn block_elements_are_not_wrapped() {
        let out = autop("Intro\n<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\nAfter");
        assert!(out.contains("<p>Intro</p>"), "{out}");
        assert!(!out.contains("<p><ul>"), "{out}");
        assert!(!out.contains("<li>One</li><br />"), "{out}");
        assert!(out.contains("<p>After</p>"), "{out}");
    }

    #[test]
    fn pre_is_left_alone() {
        let out = autop("Code:\n\n<pre>a\n\nb</pre>\n\nEnd");
        assert!(out.contains("<pre>a\n\nb</pre>"), "{out}");
    }

    #[test]
    fn empty_text_gives_nothing() {
        assert_eq!(autop("  \n "), "");
    }
}
