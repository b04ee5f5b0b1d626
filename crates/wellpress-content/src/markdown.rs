//! Article bodies: CommonMark (with tables, strikethrough and footnotes,
//! smart punctuation off so text stays as written) rendered to HTML, with
//! what the build needs to know about it.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use wellpress_types::Heading;

use crate::slug::slugify;

/// Words a reader reads in a minute, for the reading-time estimate.
const WORDS_PER_MINUTE: usize = 220;
/// Longest derived excerpt, in characters, before "…".
const EXCERPT_CHARS: usize = 180;

/// A rendered body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// The HTML the app shows.
    pub html: String,
    /// Every link the build must check (site paths, and anything that is
    /// neither a web address nor an in-page, mail or phone link) or image
    /// path, with its 1-based line.
    pub internal_links: Vec<(String, usize)>,
    /// Words of text in the body.
    pub words: usize,
    /// Plain text of the first paragraph, for a derived excerpt.
    pub first_paragraph: String,
    /// What is wrong with the body's sources (a citation of no source, a
    /// source never cited), with its 1-based line.
    pub problems: Vec<(String, usize)>,
    /// The body's `h2` and `h3` headings in order, ending with "Sources"
    /// when there are sources: what a table of contents lists.
    pub outline: Vec<Heading>,
    /// The body's text, headings included, sources not, one line per
    /// block: what search indexes and quotes.
    pub text: String,
}

impl Body {
    /// Minutes to read, at least one.
    pub fn reading_minutes(&self) -> u32 {
        u32::try_from(self.words.div_ceil(WORDS_PER_MINUTE).max(1)).unwrap_or(u32::MAX)
    }

    /// The first paragraph, shortened at a word boundary when it is long.
    pub fn derived_excerpt(&self) -> String {
        shorten(&self.first_paragraph, EXCERPT_CHARS)
    }
}

/// Renders `markdown`, which starts on line `first_line` of its file.
pub fn render(markdown: &str, first_line: usize) -> Body {
    render_with_images(markdown, first_line, &|_, _, _| None)
}

/// The HTML of an image the build knows, from its `src`, alt text and
/// title (a `<picture>` with its sizes); `None` keeps the plain `<img>`.
pub type ImageHtml<'a> = dyn Fn(&str, &str, &str) -> Option<String> + Sync + 'a;

/// Like [`render`], with each image written by `images`.
pub fn render_with_images(markdown: &str, first_line: usize, images: &ImageHtml<'_>) -> Body {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .collect();
    let line_at = |offset: usize| first_line + markdown[..offset].matches('\n').count();

    let mut out = Vec::with_capacity(events.len());
    let mut internal_links = Vec::new();
    let mut words = 0;
    let mut first_paragraph: Option<String> = None;
    let mut plain = String::with_capacity(markdown.len());
    let mut in_first_paragraph = false;
    let mut external_link_depth = Vec::new();
    let mut used_ids: Vec<String> = Vec::new();
    let mut outline: Vec<Heading> = Vec::new();
    // The heading being written: its id and text, for the link after it.
    let mut open_heading: Option<(String, String)> = None;

    // Sources (footnotes): numbered in the order they are first cited,
    // their text kept apart and listed at the end under "Sources".
    let mut cited: Vec<(String, usize, usize)> = Vec::new(); // label, line, times cited
    let mut sources: Vec<(String, usize, Vec<Event<'_>>)> = Vec::new(); // label, line, text
    let mut in_source: Option<(String, usize, Vec<Event<'_>>)> = None;
    let mut dangling: Vec<(String, usize)> = Vec::new(); // `[^label]` left as text
    let mut in_code_block = false;
    let mut text_run: Option<(String, usize)> = None;
    // Inside an image written by `images`: its alt text is already written.
    let mut replaced_images = 0_usize;
    let mut replaced = Vec::new();
    for (index, (event, range)) in events.iter().enumerate() {
        // `[^label]` with no source defined stays text: found here.
        match event {
            Event::Text(text) if !in_code_block => {
                let run = text_run.get_or_insert_with(|| (String::new(), line_at(range.start)));
                run.0.push_str(text);
            }
            _ => {
                if let Some((run, line)) = text_run.take() {
                    uncited_marks(&run, line, &mut dangling);
                }
            }
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            _ => {}
        }
        if matches!(event, Event::End(TagEnd::FootnoteDefinition)) {
            sources.extend(in_source.take());
            continue;
        }
        if let Event::Start(Tag::FootnoteDefinition(label)) = event {
            in_source = Some((label.to_string(), line_at(range.start), Vec::new()));
            continue;
        }
        let in_body = in_source.is_none();
        if in_body
            && let Event::End(end) = event
            && !matches!(
                end,
                TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Superscript
                    | TagEnd::Subscript
                    | TagEnd::Link
                    | TagEnd::Image
            )
            && !plain.ends_with(['\n', ' '])
            && !plain.is_empty()
        {
            plain.push('\n');
        }
        // A source's text is kept apart, for the list at the end.
        let sink = match in_source.as_mut() {
            _ if replaced_images > 0 => {
                replaced.clear();
                &mut replaced
            }
            Some((_, _, text)) => text,
            None => &mut out,
        };
        match event {
            Event::FootnoteReference(label) => {
                sink.push(citation(label, line_at(range.start), &mut cited));
            }
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                // The title is the page's only h1: body headings start at h2.
                let level = if *level == HeadingLevel::H1 {
                    HeadingLevel::H2
                } else {
                    *level
                };
                let text = heading_text(&events[index + 1..]);
                let id = unique_id(&text, &mut used_ids);
                if in_body && level <= HeadingLevel::H3 {
                    outline.push(Heading {
                        level: level as u8,
                        id: id.clone(),
                        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    });
                }
                // The link to the section sits beside the heading, not in
                // it, so the heading's name stays its text.
                sink.push(Event::Html(CowStr::Borrowed("<div class=\"section-heading\">")));
                open_heading = Some((id.clone(), text));
                sink.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                let level = if *level == HeadingLevel::H1 {
                    HeadingLevel::H2
                } else {
                    *level
                };
                sink.push(Event::End(TagEnd::Heading(level)));
                let (id, text) = open_heading.take().unwrap_or_default();
                sink.push(Event::Html(CowStr::from(section_link(&id, &text))));
            }
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) if is_external(dest_url) => {
                let title = if title.is_empty() {
                    String::new()
                } else {
                    format!(
                        " title=\"{}\"",
                        html_escape::encode_double_quoted_attribute(title)
                    )
                };
                sink.push(Event::Html(CowStr::from(format!(
                    "<a href=\"{}\" rel=\"noopener\"{title}>",
                    html_escape::encode_double_quoted_attribute(dest_url)
                ))));
                external_link_depth.push(true);
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                // Everything but in-page anchors, mail and phone links is
                // checked by the build (site paths resolve, nothing else is
                // allowed).
                let lower = dest_url.to_ascii_lowercase();
                if !(dest_url.starts_with('#')
                    || lower.starts_with("mailto:")
                    || lower.starts_with("tel:"))
                {
                    internal_links.push((dest_url.to_string(), line_at(range.start)));
                }
                external_link_depth.push(false);
                sink.push(event.clone());
            }
            Event::End(TagEnd::Link) => {
                if external_link_depth.pop() == Some(true) {
                    sink.push(Event::Html(CowStr::Borrowed("</a>")));
                } else {
                    sink.push(event.clone());
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                if dest_url.starts_with('/') && !dest_url.starts_with("//") {
                    internal_links.push((dest_url.to_string(), line_at(range.start)));
                }
                match images(dest_url, &image_alt(&events[index + 1..]), title) {
                    _ if replaced_images > 0 => replaced_images += 1,
                    Some(html) => {
                        sink.push(Event::InlineHtml(CowStr::from(html)));
                        replaced_images = 1;
                    }
                    None => sink.push(event.clone()),
                }
            }
            Event::End(TagEnd::Image) if replaced_images > 0 => replaced_images -= 1,
            Event::Start(Tag::Paragraph) => {
                if first_paragraph.is_none() && !in_first_paragraph {
                    in_first_paragraph = true;
                    first_paragraph = Some(String::new());
                }
                sink.push(event.clone());
            }
            Event::End(TagEnd::Paragraph) => {
                in_first_paragraph = false;
                sink.push(event.clone());
            }
            Event::Text(text) | Event::Code(text) => {
                words += text.split_whitespace().count();
                if in_body && replaced_images == 0 {
                    plain.push_str(text);
                }
                if in_first_paragraph && let Some(p) = first_paragraph.as_mut() {
                    p.push_str(text);
                }
                sink.push(event.clone());
            }
            Event::SoftBreak | Event::HardBreak => {
                if in_body {
                    plain.push(' ');
                }
                if in_first_paragraph && let Some(p) = first_paragraph.as_mut() {
                    p.push(' ');
                }
                sink.push(event.clone());
            }
            _ => sink.push(event.clone()),
        }
    }

    if let Some((run, line)) = text_run.take() {
        uncited_marks(&run, line, &mut dangling);
    }
    let mut problems = Vec::new();
    for (label, line) in &dangling {
        problems.push((
            format!("`[^{label}]` cites no source: add a line `[^{label}]: …` with the source, at the end of the article"),
            *line,
        ));
    }
    for (label, line, _) in &cited {
        if !sources.iter().any(|(l, _, _)| l == label) {
            problems.push((
                format!("`[^{label}]` cites no source: add a line `[^{label}]: …` with the source, at the end of the article"),
                *line,
            ));
        }
    }
    for (label, line, _) in &sources {
        if !cited.iter().any(|(l, _, _)| l == label) {
            problems.push((
                format!("the source `[^{label}]` is never cited: cite it with `[^{label}]` where the text relies on it, or remove it"),
                *line,
            ));
        }
    }
    if !cited.is_empty() {
        let heading = unique_id("Sources", &mut used_ids);
        outline.push(Heading {
            level: 2,
            id: heading.clone(),
            text: "Sources".to_owned(),
        });
        out.push(Event::Html(CowStr::from(format!(
            "<section class=\"sources\" aria-labelledby=\"{heading}\"><h2 id=\"{heading}\">Sources</h2><ol class=\"sources__list\">"
        ))));
        for (number, (label, _, times)) in cited.iter().enumerate().map(|(i, c)| (i + 1, c)) {
            let Some((_, _, mut text)) = sources
                .iter()
                .position(|(l, _, _)| l == label)
                .map(|at| sources.swap_remove(at))
            else {
                continue;
            };
            let back: String = (1..=*times)
                .map(|k| {
                    let label = if *times == 1 {
                        format!("Back to where source {number} is cited")
                    } else {
                        format!("Back to citation {k} of source {number}")
                    };
                    format!(
                        " <a class=\"sources__back\" href=\"#{}\" aria-label=\"{label}\">↩\u{fe0e}</a>",
                        citation_id(number, k)
                    )
                })
                .collect();
            // Inside the source's last paragraph, so they read as its end.
            let at = match text.last() {
                Some(Event::End(TagEnd::Paragraph)) => text.len() - 1,
                _ => text.len(),
            };
            text.insert(at, Event::Html(CowStr::from(back)));
            out.push(Event::Html(CowStr::from(format!(
                "<li id=\"source-{number}\">"
            ))));
            out.extend(text);
            out.push(Event::Html(CowStr::Borrowed("</li>")));
        }
        out.push(Event::Html(CowStr::Borrowed("</ol></section>")));
    }

    let mut html_out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    Body {
        html: html_out,
        internal_links,
        words,
        first_paragraph: first_paragraph.unwrap_or_default(),
        problems,
        outline,
        text: plain.trim_end().to_owned(),
    }
}

/// `html` without the links beside headings: a feed reader shows the
/// article elsewhere, where they would be stray icons.
pub fn without_section_links(html: &str) -> String {
    const OPEN: &str = "<div class=\"section-heading\">";
    const LINK: &str = "<a class=\"section-heading__link\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        rest = &rest[at + OPEN.len()..];
        // The heading itself stays; its link and the wrapper's end go.
        if let Some(link) = rest.find(LINK)
            && let Some(end) = rest[link..].find("</a></div>")
        {
            out.push_str(&rest[..link]);
            rest = &rest[link + end + "</a></div>".len()..];
        }
    }
    out.push_str(rest);
    out
}

/// The link beside a heading, to its own address (the app also copies it),
/// closing the heading's wrapper.
fn section_link(id: &str, text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "<a class=\"section-heading__link\" href=\"#{id}\" aria-label=\"Link to the section “{}”\">\
         <svg viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" aria-hidden=\"true\" focusable=\"false\">\
         <path d=\"M6.5 9.5l3-3M7 4.5l1-1a2.5 2.5 0 013.5 3.5l-1 1M9 11.5l-1 1A2.5 2.5 0 014.5 9l1-1\" \
         fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-linecap=\"round\"/></svg></a></div>",
        html_escape::encode_double_quoted_attribute(&text)
    )
}

/// Every `[^label]` in a run of text: a citation whose source is not
/// defined (pulldown-cmark leaves those as text).
fn uncited_marks(text: &str, line: usize, found: &mut Vec<(String, usize)>) {
    let mut rest = text;
    while let Some(at) = rest.find("[^") {
        let after = &rest[at + 2..];
        match after.find(']') {
            Some(end) if end > 0 && !after[..end].contains(char::is_whitespace) => {
                found.push((after[..end].to_owned(), line));
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
}

/// The mark where a source is cited: its number, a link to it that says
/// which source it is, and an id for the source's way back.
fn citation<'a>(label: &str, line: usize, cited: &mut Vec<(String, usize, usize)>) -> Event<'a> {
    let number = match cited.iter().position(|(l, _, _)| l == label) {
        Some(at) => {
            cited[at].2 += 1;
            at + 1
        }
        None => {
            cited.push((label.to_owned(), line, 1));
            cited.len()
        }
    };
    let k = cited[number - 1].2;
    Event::Html(CowStr::from(format!(
        "<sup class=\"cite\"><a id=\"{}\" href=\"#source-{number}\" aria-label=\"Source {number}\">[{number}]</a></sup>",
        citation_id(number, k)
    )))
}

/// The id of the `k`th citation of source `number`.
fn citation_id(number: usize, k: usize) -> String {
    if k == 1 {
        format!("cite-{number}")
    } else {
        format!("cite-{number}-{k}")
    }
}

/// Puts `base` (`/blog`) in front of every site path the HTML links to or
/// loads (`href="/..."`, `src="/..."`, each candidate of a `srcset`),
/// leaving full and protocol-relative URLs alone.
pub fn with_base_path(html: &str, base: &str) -> String {
    let mut out = srcsets_with_base_path(html, base);
    for attribute in [" href=\"/", " src=\"/"] {
        let mut next = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(at) = rest.find(attribute) {
            let after = at + attribute.len();
            next.push_str(&rest[..after - 1]);
            if !rest[after..].starts_with('/') {
                next.push_str(base);
            }
            next.push('/');
            rest = &rest[after..];
        }
        next.push_str(rest);
        out = next;
    }
    out
}

/// Puts `base` in front of the site paths among the candidates of every
/// `srcset="…"` (`/a-480.webp 480w, /a-800.webp 800w`).
fn srcsets_with_base_path(html: &str, base: &str) -> String {
    const ATTRIBUTE: &str = " srcset=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(ATTRIBUTE) {
        let start = at + ATTRIBUTE.len();
        let end = start + rest[start..].find('"').unwrap_or(rest.len() - start);
        out.push_str(&rest[..start]);
        let candidates: Vec<String> = rest[start..end]
            .split(',')
            .map(|candidate| {
                let trimmed = candidate.trim_start();
                let space = &candidate[..candidate.len() - trimmed.len()];
                if trimmed.starts_with('/') && !trimmed.starts_with("//") {
                    format!("{space}{base}{trimmed}")
                } else {
                    candidate.to_owned()
                }
            })
            .collect();
        out.push_str(&candidates.join(","));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Whether `url` leads off the site (and so is not checked against it).
pub(crate) fn is_external(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//")
}

/// The alt text of the image whose events start `rest`: its text, as
/// pulldown-cmark writes it into `alt`.
fn image_alt(rest: &[(Event<'_>, Range<usize>)]) -> String {
    let mut alt = String::new();
    let mut depth = 0;
    for (event, _) in rest {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) if depth == 0 => break,
            Event::End(TagEnd::Image) => depth -= 1,
            Event::Text(t) | Event::Code(t) => alt.push_str(t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

fn heading_text(rest: &[(Event<'_>, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in rest {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// Element ids the page itself uses (the app's root, its data, the comment
/// form, landmarks), which a heading must not take; so must not ids that
/// start like the comments' own (`comment-<id>`, `wp-comment-...`) or the
/// form's error messages (`<field>-error`).
const RESERVED_IDS: &[&str] = &[
    wellpress_types::ROOT_ID,
    wellpress_types::DATA_ID,
    "main",
    "comments",
    "comments-heading",
    "respond",
    "reply-title",
    "comment",
    "author",
    "email",
    "url",
    "captcha",
    "comment-status",
    "email-notes",
    "promo-heading",
    "related-heading",
    "error-panel-title",
];

fn unique_id(text: &str, used: &mut Vec<String>) -> String {
    let base = match slugify(text) {
        s if s.is_empty() => "section".to_owned(),
        s if RESERVED_IDS.contains(&s.as_str())
            || s.ends_with("-error")
            || s.starts_with("comment-")
            || s.starts_with("source-")
            || s.starts_with("cite-")
            || s.starts_with("wp-") =>
        {
            format!("{s}-section")
        }
        s => s,
    };
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.push(id.clone());
    id
}

/// `text` cut to at most `max` characters at a word boundary, with "…".
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!(
        "{}…",
        cut.trim_end_matches([',', ';', ':', '.', ' ', '-', '–', '—'])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links_get_noopener_and_internal_links_are_collected() {
        let body = render(
            "See [sleep](/sleep-debt/) and\n[the NHS](https://www.nhs.uk/ \"NHS\").\n",
            7,
        );
        assert!(
            body.html.contains(r#"<a href="/sleep-debt/">sleep</a>"#),
            "{}",
            body.html
        );
        assert!(
            body.html.contains(
                r#"<a href="https://www.nhs.uk/" rel="noopener" title="NHS">the NHS</a>"#
            )
        );
        assert_eq!(body.internal_links, vec![("/sleep-debt/".to_owned(), 7)]);
    }

    #[test]
    fn a_base_path_goes_in_front_of_site_paths_only() {
        let html = concat!(
            r##"<p><a href="/sleep-debt/">a</a> <a href="https://example.org/x">b</a> "##,
            r##"<a href="//cdn.example/y">c</a> <a href="#notes">d</a> <img src="/images/a.svg" alt=""></p>"##
        );
        assert_eq!(
            with_base_path(html, "/blog"),
            concat!(
                r##"<p><a href="/blog/sleep-debt/">a</a> <a href="https://example.org/x">b</a> "##,
                r##"<a href="//cdn.example/y">c</a> <a href="#notes">d</a> <img src="/blog/images/a.svg" alt=""></p>"##
            )
        );
    }

    #[test]
    fn a_base_path_goes_in_front_of_each_site_path_of_a_srcset() {
        let html = r#"<source srcset="/images/_v/a-480.webp 480w, /images/_v/a-800.webp 800w"><img src="/images/a.jpg" srcset="/images/a.jpg 1600w,https://cdn.example/b.jpg 2x" alt="">"#;
        assert_eq!(
            with_base_path(html, "/blog"),
            r#"<source srcset="/blog/images/_v/a-480.webp 480w, /blog/images/_v/a-800.webp 800w"><img src="/blog/images/a.jpg" srcset="/blog/images/a.jpg 1600w,https://cdn.example/b.jpg 2x" alt="">"#
        );
    }

    #[test]
    fn images_the_build_knows_are_written_by_the_hook() {
        let hook = |src: &str, alt: &str, title: &str| {
            (src == "/images/a.jpg")
                .then(|| format!("<picture data-alt=\"{alt}\" data-title=\"{title}\"></picture>"))
        };
        let body = render_with_images(
            "A ![quiet *path*](/images/a.jpg \"Dusk\") and ![b](/images/b.png).\n",
            1,
            &hook,
        );
        assert_eq!(
            body.html,
            "<p>A <picture data-alt=\"quiet path\" data-title=\"Dusk\"></picture> and <img src=\"/images/b.png\" alt=\"b\" />.</p>\n"
        );
        // The alt text counts, as it did before the hook.
        assert_eq!(body.words, 6);
        assert_eq!(
            body.internal_links,
            [
                ("/images/a.jpg".to_owned(), 1),
                ("/images/b.png".to_owned(), 1)
            ]
        );
    }

    #[test]
    fn links_on_later_lines_report_their_line() {
        let body = render(
            "Intro.\n\nMore text.\n\n![x](/images/a.png) then [b](/b/)\n",
            10,
        );
        assert_eq!(
            body.internal_links,
            vec![("/images/a.png".to_owned(), 14), ("/b/".to_owned(), 14)]
        );
    }

    #[test]
    fn headings_get_ids_and_h1_becomes_h2() {
        let body = render("# Top\n\n## Before\n\n## Before\n\n### During the run\n", 1);
        assert!(
            body.html.contains(r#"<h2 id="top">Top</h2>"#),
            "{}",
            body.html
        );
        assert!(body.html.contains(r#"<h2 id="before">Before</h2>"#));
        assert!(body.html.contains(r#"<h2 id="before-2">Before</h2>"#));
        assert!(
            body.html
                .contains(r#"<h3 id="during-the-run">During the run</h3>"#)
        );
        let body = render(
            "## Comments\n\n## Email\n\n## App\n\n## WellPress data\n\n## Comment 12\n",
            1,
        );
        for id in [
            "comments-section",
            "email-section",
            "app-section",
            "wellpress-data-section",
            "comment-12-section",
        ] {
            assert!(
                body.html.contains(&format!(r#"<h2 id="{id}">"#)),
                "{id}: {}",
                body.html
            );
        }
    }

    #[test]
    fn the_outline_lists_h2_and_h3_with_their_ids_and_sources_last() {
        let body = render(
            "Intro.[^a]\n\n## What *it* is\n\n### In `short`\n\n#### Detail\n\n## What it is\n\n[^a]: A source.\n",
            1,
        );
        let outline: Vec<(u8, &str, &str)> = body
            .outline
            .iter()
            .map(|h| (h.level, h.id.as_str(), h.text.as_str()))
            .collect();
        assert_eq!(
            outline,
            vec![
                (2, "what-it-is", "What it is"),
                (3, "in-short", "In short"),
                (2, "what-it-is-2", "What it is"),
                (2, "sources", "Sources"),
            ]
        );
    }

    #[test]
    fn each_heading_has_a_link_to_itself_beside_it_and_the_feed_drops_them() {
        let body = render("## Why \"salt\" matters\n\nText.\n", 1);
        let expected_start = concat!(
            "<div class=\"section-heading\">\n",
            r#"<h2 id="why-salt-matters">Why "salt" matters</h2>"#,
            "\n",
            r##"<a class="section-heading__link" href="#why-salt-matters" aria-label="Link to the section “Why &quot;salt&quot; matters”">"##
        );
        assert!(body.html.starts_with(expected_start), "{}", body.html);
        assert!(body.html.contains("</svg></a></div>\n<p>Text.</p>"), "{}", body.html);
        assert_eq!(
            without_section_links(&body.html),
            "\n<h2 id=\"why-salt-matters\">Why \"salt\" matters</h2>\n\n<p>Text.</p>\n"
        );
    }

    #[test]
    fn sources_are_numbered_as_cited_and_listed_at_the_end_with_ways_back() {
        let body = render(
            "Sleep debt adds up.[^walker] Naps help.[^nasa]\n\nAgain the first.[^walker]\n\n\
             [^nasa]: Rosekind et al., *Alertness management*, 1995.\n\
             [^walker]: Walker, [Why we sleep](https://example.org/sleep), 2017.\n",
            1,
        );
        assert!(body.problems.is_empty(), "{:?}", body.problems);
        let html = &body.html;
        assert!(html.contains(r##"<sup class="cite"><a id="cite-1" href="#source-1" aria-label="Source 1">[1]</a></sup>"##), "{html}");
        assert!(
            html.contains(r##"<a id="cite-2" href="#source-2" aria-label="Source 2">[2]</a>"##),
            "{html}"
        );
        assert!(
            html.contains(r##"<a id="cite-1-2" href="#source-1" aria-label="Source 1">[1]</a>"##),
            "{html}"
        );
        let sources = &html[html.find("<section class=\"sources\"").expect(html)..];
        assert!(sources.starts_with(r#"<section class="sources" aria-labelledby="sources"><h2 id="sources">Sources</h2><ol class="sources__list"><li id="source-1">"#), "{sources}");
        // In order of first citation, each with its way back.
        let walker = sources.find("Walker").unwrap();
        let rosekind = sources.find("Rosekind").unwrap();
        assert!(walker < rosekind, "{sources}");
        assert!(
            sources.contains(r##"href="#cite-1" aria-label="Back to citation 1 of source 1""##),
            "{sources}"
        );
        assert!(
            sources.contains(r##"href="#cite-1-2" aria-label="Back to citation 2 of source 1""##),
            "{sources}"
        );
        assert!(
            sources.contains(
                "href=\"#cite-2\" aria-label=\"Back to where source 2 is cited\">↩\u{fe0e}</a></p>\n</li>"
            ),
            "{sources}"
        );
        assert!(
            sources
                .contains(r#"<a href="https://example.org/sleep" rel="noopener">Why we sleep</a>"#),
            "{sources}"
        );
        // Nothing of pulldown-cmark's own footnote markup is left.
        assert!(!html.contains("footnote"), "{html}");
    }

    #[test]
    fn a_citation_of_no_source_and_a_source_never_cited_are_errors_with_lines() {
        let body = render("Text.[^missing]\n\nMore.\n\n[^unused]: A source.\n", 10);
        assert_eq!(
            body.problems,
            [
                ("`[^missing]` cites no source: add a line `[^missing]: …` with the source, at the end of the article".to_owned(), 10),
                ("the source `[^unused]` is never cited: cite it with `[^unused]` where the text relies on it, or remove it".to_owned(), 14),
            ]
        );
    }

    #[test]
    fn renders_tables_strikethrough_and_quotes_and_keeps_typography() {
        let md = "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"straight\" – dash\n\n> quoted\n";
        let body = render(md, 1);
        assert!(body.html.contains("<table>"));
        assert!(body.html.contains("<del>old</del>"));
        assert!(body.html.contains("\"straight\" – dash"), "{}", body.html);
        assert!(body.html.contains("<blockquote>"));
    }

    #[test]
    fn counts_words_and_reading_time() {
        let body = render(&"word ".repeat(441), 1);
        assert_eq!(body.words, 441);
        assert_eq!(body.reading_minutes(), 3);
        assert_eq!(render("one", 1).reading_minutes(), 1);
    }

    #[test]
    fn keeps_the_text_with_headings_a_line_per_block_and_without_sources() {
        let body = render(
            "Sleep *well*, [often](/a/).\nAgain.\n\n## Why `it` works\n\n- one\n- two\n\nSee.[^1]\n\n[^1]: Smith, 2020.\n",
            1,
        );
        assert_eq!(
            body.text,
            "Sleep well, often. Again.\nWhy it works\none\ntwo\nSee."
        );
    }

    #[test]
    fn derives_excerpt_from_first_paragraph() {
        let body = render("## Heading\n\nFirst paragraph\nwraps here.\n\nSecond.\n", 1);
        assert_eq!(body.derived_excerpt(), "First paragraph wraps here.");
        let long = "word ".repeat(60);
        let excerpt = shorten(&long, 30);
        assert!(
            excerpt.ends_with('…') && excerpt.chars().count() <= 31,
            "{excerpt}"
        );
    }
}
