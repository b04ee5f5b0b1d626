//! The files search engines and feed readers look for: `sitemap.xml`, an
//! Atom feed of the latest articles (`feed.xml`) and `robots.txt`. Only
//! published articles appear; drafts never reach this far.

use std::io;

use quick_xml::{
    Writer,
    events::{BytesDecl, BytesText, Event},
};
use wellpress_types::{Route, SiteConfig};

/// Articles in the feed.
const FEED_ENTRIES: usize = 20;

/// What the feed and sitemap need of one article.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// URL segment.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Publication date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// Last update, if any.
    pub updated: Option<&'a str>,
    /// Byline.
    pub author: &'a str,
    /// Summary.
    pub excerpt: &'a str,
    /// Body HTML.
    pub body_html: &'a str,
}

/// `sitemap.xml`, `feed.xml` and `robots.txt`, by file name. `entries` are
/// newest first; `archives` are the category, tag and author pages, and
/// the pages of `content/pages/`.
pub fn files(
    config: &SiteConfig,
    entries: &[Entry<'_>],
    archives: &[Route],
) -> Vec<(String, String)> {
    vec![
        ("sitemap.xml".to_owned(), sitemap(config, entries, archives)),
        ("feed.xml".to_owned(), feed(config, entries)),
        (
            "robots.txt".to_owned(),
            format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
                config.base_url
            ),
        ),
    ]
}

type Xml = Writer<Vec<u8>>;

/// An XML document: the declaration, then `root`, indented by two spaces.
fn document(encoding: &str, root: impl FnOnce(&mut Xml) -> io::Result<()>) -> String {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = xml
        .write_event(Event::Decl(BytesDecl::new("1.0", Some(encoding), None)))
        .and_then(|()| root(&mut xml));
    written.expect("writing XML into memory cannot fail");
    let mut text = String::from_utf8(xml.into_inner()).expect("the XML is built from text");
    text.push('\n');
    text
}

/// `<name>text</name>`, the text escaped.
fn text_element(xml: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    xml.create_element(name)
        .write_text_content(BytesText::new(text))
        .map(drop)
}

fn sitemap(config: &SiteConfig, entries: &[Entry<'_>], archives: &[Route]) -> String {
    let base = &config.base_url;
    let newest = entries.first().map(|e| e.updated.unwrap_or(e.date));
    let pages = std::iter::once((Route::HOME, newest))
        .chain(
            entries
                .iter()
                .map(|e| (Route::article(e.slug), Some(e.updated.unwrap_or(e.date)))),
        )
        .chain(archives.iter().map(|route| (route.clone(), None)));
    document("UTF-8", |xml| {
        xml.create_element("urlset")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|xml| {
                for (route, lastmod) in pages {
                    xml.create_element("url").write_inner_content(|xml| {
                        text_element(xml, "loc", &format!("{base}{}", route.path()))?;
                        match lastmod {
                            Some(date) => text_element(xml, "lastmod", date),
                            None => Ok(()),
                        }
                    })?;
                }
                Ok(())
            })
            .map(drop)
    })
}

fn feed(config: &SiteConfig, entries: &[Entry<'_>]) -> String {
    let base = &config.base_url;
    let home = format!("{base}{}", Route::HOME.path());
    let updated = entries
        .iter()
        .map(|e| e.updated.unwrap_or(e.date))
        .max()
        .unwrap_or("2000-01-01");
    let day = |date: &str| format!("{date}T00:00:00Z");
    document("utf-8", |xml| {
        xml.create_element("feed")
            .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
            .with_attribute(("xml:base", home.as_str()))
            .write_inner_content(|xml| {
                text_element(xml, "title", &config.name)?;
                text_element(xml, "subtitle", &config.tagline)?;
                xml.create_element("link")
                    .with_attribute(("href", format!("{base}/feed.xml").as_str()))
                    .with_attribute(("rel", "self"))
                    .write_empty()?;
                xml.create_element("link")
                    .with_attribute(("href", home.as_str()))
                    .write_empty()?;
                text_element(xml, "id", &home)?;
                text_element(xml, "updated", &day(updated))?;
                for entry in entries.iter().take(FEED_ENTRIES) {
                    let url = format!("{base}{}", Route::article(entry.slug).path());
                    xml.create_element("entry").write_inner_content(|xml| {
                        text_element(xml, "title", entry.title)?;
                        xml.create_element("link")
                            .with_attribute(("href", url.as_str()))
                            .write_empty()?;
                        text_element(xml, "id", &url)?;
                        text_element(xml, "published", &day(entry.date))?;
                        text_element(xml, "updated", &day(entry.updated.unwrap_or(entry.date)))?;
                        xml.create_element("author")
                            .write_inner_content(|xml| text_element(xml, "name", entry.author))?;
                        text_element(xml, "summary", entry.excerpt)?;
                        xml.create_element("content")
                            .with_attribute(("type", "html"))
                            .write_text_content(BytesText::new(&crate::markdown::without_section_links(
                                entry.body_html,
                            )))
                            .map(drop)
                    })?;
                }
                Ok(())
            })
            .map(drop)
    })
}
