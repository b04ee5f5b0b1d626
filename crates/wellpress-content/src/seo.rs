//! The files search engines and feed readers look for: `sitemap.xml`, an
//! Atom feed of the latest articles (`feed.xml`) and `robots.txt`. Only
//! published articles appear; drafts never reach this far.

use wellpress_types::SiteConfig;

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
/// newest first; `archives` are the category and tag paths (`/category/x/`).
pub fn files(
    config: &SiteConfig,
    entries: &[Entry<'_>],
    archives: &[String],
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

fn sitemap(config: &SiteConfig, entries: &[Entry<'_>], archives: &[String]) -> String {
    let base = &config.base_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let newest = entries.first().map(|e| e.updated.unwrap_or(e.date));
    push_url(&mut xml, &format!("{base}/"), newest);
    for entry in entries {
        push_url(
            &mut xml,
            &format!("{base}/{}/", entry.slug),
            Some(entry.updated.unwrap_or(entry.date)),
        );
    }
    for path in archives {
        push_url(&mut xml, &format!("{base}{path}"), None);
    }
    xml.push_str("</urlset>\n");
    xml
}

fn push_url(xml: &mut String, loc: &str, lastmod: Option<&str>) {
    xml.push_str(&format!("  <url><loc>{}</loc>", escape(loc)));
    if let Some(date) = lastmod {
        xml.push_str(&format!("<lastmod>{date}</lastmod>"));
    }
    xml.push_str("</url>\n");
}

fn feed(config: &SiteConfig, entries: &[Entry<'_>]) -> String {
    let base = &config.base_url;
    let updated = entries
        .iter()
        .map(|e| e.updated.unwrap_or(e.date))
        .max()
        .unwrap_or("2000-01-01");
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"{base}/\">\n\
         <title>{}</title>\n<subtitle>{}</subtitle>\n<link href=\"{base}/feed.xml\" rel=\"self\"/>\n\
         <link href=\"{base}/\"/>\n<id>{base}/</id>\n<updated>{updated}T00:00:00Z</updated>\n",
        escape(&config.name),
        escape(&config.tagline),
    );
    for entry in entries.iter().take(FEED_ENTRIES) {
        let url = format!("{base}/{}/", entry.slug);
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<link href=\"{url}\"/>\n<id>{url}</id>\n\
             <published>{}T00:00:00Z</published>\n<updated>{}T00:00:00Z</updated>\n\
             <author><name>{}</name></author>\n<summary>{}</summary>\n<content type=\"html\">{}</content>\n</entry>\n",
            escape(entry.title),
            entry.date,
            entry.updated.unwrap_or(entry.date),
            escape(entry.author),
            escape(entry.excerpt),
            escape(entry.body_html),
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// Escapes text for XML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
