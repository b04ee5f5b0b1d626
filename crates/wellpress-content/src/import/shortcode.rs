//! WordPress shortcodes in post content: `[caption]` becomes a figure,
//! `[embed]` and a bare address on a line of its own (WordPress's embeds)
//! become plain links, and every other shortcode is found so that the
//! report can name it; it stays in the text for the owner to fix.

use std::sync::LazyLock;

use regex::Regex;

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)\[caption([^\]]*)\](.*?)\[/caption\]"#).expect("a valid pattern")
});
static CAPTION_ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"caption\s*=\s*"([^"]*)""#).expect("a valid pattern"));
static MEDIA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)$")
        .expect("a valid pattern")
});
static EMBED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[embed[^\]]*\]\s*(https?://[^\s\[<]+)\s*\[/embed\]").expect("a valid pattern")
});
static URL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^[ \t]*(https?://[^\s<>"']+)[ \t]*$"#).expect("a valid pattern")
});
static OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([A-Za-z][A-Za-z0-9_-]*)(\s[^\]\[]*)?(/)?\]").expect("a valid pattern")
});

/// Shortcodes that WordPress and common plugins register.
const KNOWN: &[&str] = &[
    "gallery",
    "audio",
    "video",
    "playlist",
    "embed",
    "caption",
    "wp_caption",
    "contact-form-7",
    "contact-form",
    "gravityform",
    "shortcode",
    "youtube",
    "vimeo",
    "soundcloud",
    "tweet",
    "instagram",
    "et_pb_section",
    "vc_row",
    "vc_column",
    "vc_column_text",
    "button",
    "toc",
];

/// `[caption]`, `[embed]` and bare addresses on their own line, as HTML.
pub fn expand(content: &str) -> String {
    let content = CAPTION.replace_all(content, |c: &regex::Captures<'_>| {
        let attributes = &c[1];
        let inner = &c[2];
        let (media, mut caption) = match MEDIA.captures(inner) {
            Some(m) => (m[1].to_owned(), m[2].trim().to_owned()),
            None => (inner.to_owned(), String::new()),
        };
        if let Some(attr) = CAPTION_ATTR.captures(attributes) {
            caption = attr[1].to_owned();
        }
        format!("<figure>{media}<figcaption>{caption}</figcaption></figure>")
    });
    let content = EMBED.replace_all(&content, "\n$1\n");
    URL_LINE
        .replace_all(&content, "<p><a href=\"$1\">$1</a></p>")
        .into_owned()
}

/// The shortcodes left in `content` (after [`expand`]), by name, in order.
pub fn left(content: &str) -> Vec<String> {
    let mut found = Vec::new();
    for c in OPENER.captures_iter(content) {
        let name = &c[1];
        let attributes = c.get(2).map_or("", |m| m.as_str());
        let closed = content.contains(&format!("[/{name}]"));
        if KNOWN.contains(&name) || attributes.contains('=') || c.get(3).is_some() || closed {
            found.push(name.to_owned());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caption_becomes_a_figure() {
        let html = expand(
            "[caption id=\"attachment_9\" align=\"alignnone\" width=\"300\"]<a href=\"https://o.example/a.jpg\"><img src=\"https://o.example/a-300x200.jpg\" alt=\"Oats\" /></a> Oats, <em>soaked</em>[/caption]",
        );
        assert_eq!(
            html,
            "<figure><a href=\"https://o.example/a.jpg\"><img src=\"https://o.example/a-300x200.jpg\" alt=\"Oats\" /></a><figcaption>Oats, <em>soaked</em></figcaption></figure>"
        );
        let old = expand("[caption caption=\"Old style\"]<img src=\"x.jpg\">[/caption]");
        assert!(old.contains("<figcaption>Old style</figcaption>"), "{old}");
    }

    #[test]
    fn a_bare_address_on_its_line_becomes_a_link() {
        assert_eq!(
            expand("Watch:\nhttps://www.youtube.com/watch?v=abc\nThen"),
            "Watch:\n<p><a href=\"https://www.youtube.com/watch?v=abc\">https://www.youtube.com/watch?v=abc</a></p>\nThen"
        );
        assert!(
            expand("[embed]https://vimeo.com/1[/embed]")
                .contains("<a href=\"https://vimeo.com/1\">")
        );
        assert_eq!(
            expand("See https://a.example today"),
            "See https://a.example today"
        );
    }

    #[test]
    fn other_shortcodes_are_found_but_not_plain_brackets() {
        assert_eq!(
            left(
                "[gallery ids=\"1,2\"] text [sic] and [note]x[/note] [1] [contact-form-7 id=\"5\"/]"
            ),
            ["gallery", "note", "contact-form-7"]
        );
    }
}
