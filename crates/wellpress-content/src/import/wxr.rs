//! Reading the file WordPress writes under Tools → Export (WXR 1.0, 1.1
//! and 1.2), one `<item>` at a time, so that a large export is read in
//! bounded memory.
//!
//! The `wp:` and `excerpt:` namespaces carry the WXR version in their URI
//! (`http://wordpress.org/export/1.2/`), so they are matched by prefix.
//! Text comes out decoded once: CDATA as written (a `]]>` in the content is
//! split across two sections, which join back here), entities in plain text
//! resolved by the XML layer. What the text means as HTML is for the caller.

use std::{
    fmt,
    fs::File,
    io::{BufRead, BufReader, Read},
    path::{Path, PathBuf},
};

use quick_xml::{
    NsReader,
    events::{BytesStart, Event},
    name::ResolveResult,
};

/// The site-wide part of an export, read before its first item.
#[derive(Debug, Clone, Default)]
pub struct Channel {
    /// The site's name.
    pub title: String,
    /// The site's address, as `<link>` gives it.
    pub link: String,
    /// The site's tagline (`<description>`).
    pub description: String,
    /// `wp:wxr_version`.
    pub wxr_version: String,
    /// `wp:base_site_url`.
    pub base_site_url: String,
    /// `wp:base_blog_url`.
    pub base_blog_url: String,
    /// Everyone who wrote something.
    pub authors: Vec<WxrAuthor>,
    /// Every category, parents before their children.
    pub categories: Vec<WxrCategory>,
    /// Every tag.
    pub tags: Vec<WxrTag>,
}

impl Channel {
    /// The name of the category whose term id is `id`.
    pub fn category_name(&self, id: &str) -> Option<&str> {
        let id = id.trim();
        let found = self.categories.iter().find(|c| c.term_id == id)?;
        Some(&found.name)
    }

    /// The name of the tag whose term id is `id`.
    pub fn tag_name(&self, id: &str) -> Option<&str> {
        let id = id.trim();
        let found = self.tags.iter().find(|t| t.term_id == id)?;
        Some(&found.name)
    }
}

/// A `wp:author`.
#[derive(Debug, Clone, Default)]
pub struct WxrAuthor {
    /// `author_login`, which items name in `dc:creator`.
    pub login: String,
    /// `author_display_name`, the byline readers saw.
    pub display_name: String,
}

/// A `wp:category`.
#[derive(Debug, Clone, Default)]
pub struct WxrCategory {
    /// `term_id`, which Yoast's primary category meta names.
    pub term_id: String,
    /// `category_nicename`, the slug.
    pub nicename: String,
    /// The parent's nicename, empty at the top.
    pub parent: String,
    /// `cat_name`, the display name.
    pub name: String,
    /// `category_description`, which themes show on the archive (HTML).
    pub description: String,
}

/// A `wp:tag`.
#[derive(Debug, Clone, Default)]
pub struct WxrTag {
    /// `term_id`, which menu entries name.
    pub term_id: String,
    /// `tag_name`, the display name.
    pub name: String,
}

/// One `<item>`: a post, page, attachment, menu item…
#[derive(Debug, Clone, Default)]
pub struct Item {
    pub title: String,
    /// The permalink in the old site's structure.
    pub link: String,
    /// `…/?p=<id>`.
    pub guid: String,
    /// The author's login.
    pub creator: String,
    /// `content:encoded`: the post's HTML as stored.
    pub content: String,
    /// `excerpt:encoded`.
    pub excerpt: String,
    pub post_id: String,
    pub post_date: String,
    pub post_date_gmt: String,
    pub post_modified: String,
    pub post_modified_gmt: String,
    /// May be empty (drafts) or percent-encoded (non-Latin slugs).
    pub post_name: String,
    /// publish, draft, pending, future, private, inherit, trash.
    pub status: String,
    /// post, page, attachment, nav_menu_item, wp_block…
    pub post_type: String,
    /// The `post_id` of the post an attachment belongs to; `0` or empty
    /// for none.
    pub post_parent: String,
    /// An attachment's file, as a full address on the old site.
    pub attachment_url: String,
    /// `wp:menu_order`: where a page goes in lists of pages.
    pub menu_order: String,
    /// `wp:post_password`: empty unless the post asks readers for one.
    pub post_password: String,
    /// Categories, tags and other terms, in order.
    pub terms: Vec<Term>,
    /// The meta entries the importer uses (others are not kept).
    pub meta: Vec<(String, String)>,
    pub comments: Vec<WxrComment>,
}

impl Item {
    /// The value of the meta entry `key`.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The values of every meta entry `key`, in order.
    pub fn metas<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> {
        self.meta
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A `<category domain="…" nicename="…">Name</category>` of an item.
#[derive(Debug, Clone, Default)]
pub struct Term {
    /// `category`, `post_tag`, or a custom taxonomy.
    pub domain: String,
    pub nicename: String,
    pub name: String,
}

/// A `wp:comment`.
#[derive(Debug, Clone, Default)]
pub struct WxrComment {
    pub id: String,
    pub author: String,
    pub email: String,
    pub url: String,
    pub date: String,
    pub date_gmt: String,
    /// The comment's HTML.
    pub content: String,
    /// `1`, `0` (pending), `spam`, `trash`.
    pub approved: String,
    /// Empty or `comment`, `pingback`, `trackback`.
    pub kind: String,
    /// `0` at the top level.
    pub parent: String,
}

/// Meta keys kept on items; the rest are read past.
const KEPT_META: &[&str] = &[
    "_yoast_wpseo_primary_category",
    "_thumbnail_id",
    "_wp_attachment_image_alt",
    "_wp_attached_file",
    "_menu_item_type",
    "_menu_item_object",
    "_menu_item_object_id",
    "_menu_item_url",
    "_menu_item_menu_item_parent",
    "_wp_old_slug",
];

/// Why an export could not be read.
#[derive(Debug)]
pub enum ExportError {
    /// Not XML, or cut short: where, and what is wrong.
    Malformed {
        file: PathBuf,
        line: usize,
        column: usize,
        reason: String,
    },
    /// Well-formed XML, but not a WordPress export: what it is instead.
    NotAnExport { file: PathBuf, found: String },
    /// The file could not be read at all.
    Io {
        file: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Malformed {
                file,
                line,
                column,
                reason,
            } => write!(
                f,
                "{}:{line}:{column}: {reason}; nothing was imported. Export the site again \
                 (Tools → Export → All content) and import the new file",
                file.display()
            ),
            ExportError::NotAnExport { file, found } => write!(
                f,
                "{} is {found}, not a WordPress export; nothing was imported. In WordPress, \
                 use Tools → Export → All content, and import the file it downloads",
                file.display()
            ),
            ExportError::Io { file, error } => write!(f, "reading {}: {error}", file.display()),
        }
    }
}

impl std::error::Error for ExportError {}

/// The namespaces the importer tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    None,
    Wp,
    Excerpt,
    Content,
    Dc,
    Other,
}

fn namespace(resolved: &ResolveResult<'_>) -> Ns {
    match resolved {
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Bound(ns) => {
            let uri = ns.as_ref();
            let wp = uri
                .strip_prefix("http://wordpress.org/export/")
                .or_else(|| uri.strip_prefix("https://wordpress.org/export/"));
            match wp {
                Some(rest) if rest.ends_with("/excerpt/") => Ns::Excerpt,
                Some(_) => Ns::Wp,
                None if uri == "http://purl.org/rss/1.0/modules/content/" => Ns::Content,
                None if uri == "http://purl.org/dc/elements/1.1/" => Ns::Dc,
                None => Ns::Other,
            }
        }
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

/// How much of each item [`read`] gives. What it does not give is read
/// past, its elements' nesting still checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parts {
    /// Everything.
    All,
    /// All but the content and the excerpt: most of an export's bytes,
    /// and not needed to index posts or to write their comments.
    NoBodies,
    /// All but the comments.
    NoComments,
}

/// Reads the export at `path`, calling `on_item` with every item in file
/// order (the channel is complete by then: WordPress writes authors and
/// categories first). Returns the channel.
pub fn read(
    path: &Path,
    parts: Parts,
    mut on_item: impl FnMut(&Channel, Item) -> anyhow::Result<()>,
) -> anyhow::Result<Channel> {
    let file = File::open(path).map_err(|error| ExportError::Io {
        file: path.to_owned(),
        error,
    })?;
    let mut reader = NsReader::from_reader(BufReader::with_capacity(1 << 16, file));
    // Both are the defaults; the import relies on them.
    reader.config_mut().check_end_names = true;
    reader.config_mut().trim_text(false);

    let malformed = |offset: u64, reason: String| -> anyhow::Error {
        let (line, column) = line_and_column(path, offset).unwrap_or((1, 1));
        ExportError::Malformed {
            file: path.to_owned(),
            line,
            column,
            reason,
        }
        .into()
    };

    let mut channel = Channel::default();
    let mut stack: Vec<(Ns, String)> = Vec::new();
    let mut text = String::new();
    let mut item: Option<Item> = None;
    let mut comment: Option<WxrComment> = None;
    let mut author: Option<WxrAuthor> = None;
    let mut category: Option<WxrCategory> = None;
    let mut tag: Option<WxrTag> = None;
    let mut term: Option<Term> = None;
    let mut meta: (String, String) = Default::default();
    let mut seen_root = false;
    let mut saw_wp = false;
    let mut buf = Vec::new();
    let mut skipped = Vec::new();

    loop {
        buf.clear();
        let before = reader.buffer_position();
        let (resolved, event) = match reader.read_resolved_event_into(&mut buf) {
            Ok(found) => found,
            Err(error) => return Err(malformed(reader.error_position(), not_well_formed(error))),
        };
        let ns = namespace(&resolved);
        // Whether an element ends with this event (`<x/>` starts and ends).
        let mut ends = false;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let local = e.local_name().as_ref().to_owned();
                if !seen_root {
                    seen_root = true;
                    if local != "rss" {
                        return Err(ExportError::NotAnExport {
                            file: path.to_owned(),
                            found: describe_root(&local),
                        }
                        .into());
                    }
                } else if stack.is_empty() {
                    return Err(malformed(
                        before,
                        format!("a second root element <{local}> after the first one ended"),
                    ));
                }
                if ns == Ns::Wp || ns == Ns::Excerpt {
                    saw_wp = true;
                }
                let parent = stack.last().map(|(n, l)| (*n, l.as_str()));
                match (ns, local.as_str(), parent) {
                    (Ns::None, "item", Some((Ns::None, "channel"))) => {
                        if !saw_wp {
                            return Err(not_wordpress(path, &channel));
                        }
                        item = Some(Item::default());
                    }
                    (Ns::Wp, "comment", Some((Ns::None, "item"))) => {
                        comment = Some(WxrComment::default())
                    }
                    (Ns::Wp, "author", Some((Ns::None, "channel"))) => {
                        author = Some(WxrAuthor::default())
                    }
                    (Ns::Wp, "category", Some((Ns::None, "channel"))) => {
                        category = Some(WxrCategory::default())
                    }
                    (Ns::Wp, "tag", Some((Ns::None, "channel"))) => tag = Some(WxrTag::default()),
                    (Ns::None, "category", Some((Ns::None, "item"))) => {
                        term = Some(term_of(e));
                    }
                    (Ns::Wp, "postmeta", Some((Ns::None, "item"))) => meta = Default::default(),
                    _ => {}
                }
                let skipped_part = match (ns, local.as_str()) {
                    (Ns::Content, "encoded") | (Ns::Excerpt, "encoded") => parts == Parts::NoBodies,
                    (Ns::Wp, "comment") => parts == Parts::NoComments,
                    _ => false,
                };
                if skipped_part && !empty && parent == Some((Ns::None, "item")) {
                    comment = None;
                    let end = e.to_end().into_owned();
                    skipped.clear();
                    if let Err(error) = reader.read_to_end_into(end.name(), &mut skipped) {
                        return Err(malformed(reader.error_position(), not_well_formed(error)));
                    }
                    continue;
                }
                text.clear();
                stack.push((ns, local));
                ends = empty;
            }
            Event::End(_) => ends = true,
            Event::Text(e) => {
                let content = e.xml10_content();
                if stack.is_empty() {
                    if !content.trim().is_empty() {
                        return Err(malformed(
                            before,
                            "text outside any element: this is not an XML file".to_owned(),
                        ));
                    }
                } else {
                    text.push_str(&content);
                }
            }
            Event::CData(e) => {
                if stack.is_empty() {
                    return Err(malformed(
                        before,
                        "CDATA outside any element: this is not an XML file".to_owned(),
                    ));
                }
                let content = e.into_inner();
                if content.contains('\r') {
                    text.push_str(&content.replace("\r\n", "\n"));
                } else {
                    text.push_str(&content);
                }
            }
            Event::GeneralRef(e) => {
                if stack.is_empty() {
                    return Err(malformed(
                        before,
                        "text outside any element: this is not an XML file".to_owned(),
                    ));
                }
                match e.resolve_char_ref() {
                    Ok(Some(c)) => text.push(c),
                    Ok(None) => {
                        let name = e.into_inner();
                        let c = match name.as_ref() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            other => {
                                return Err(malformed(
                                    before,
                                    format!(
                                        "`&{other};` is not an XML entity (only &amp; &lt; &gt; &quot; &apos; and numbers are)"
                                    ),
                                ));
                            }
                        };
                        text.push(c);
                    }
                    Err(error) => {
                        return Err(malformed(
                            before,
                            format!("a character reference is broken ({error})"),
                        ));
                    }
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
        if ends {
            end_element(
                &mut stack,
                &mut text,
                &mut channel,
                &mut item,
                &mut comment,
                &mut author,
                &mut category,
                &mut tag,
                &mut term,
                &mut meta,
                &mut on_item,
            )?;
        }
    }
    if !seen_root {
        return Err(malformed(
            reader.buffer_position(),
            "the file holds no XML elements: this is not an XML file".to_owned(),
        ));
    }
    if let Some((_, open)) = stack.last() {
        return Err(malformed(
            reader.buffer_position(),
            format!("the file ends inside <{open}>: it was cut short"),
        ));
    }
    if !saw_wp {
        return Err(not_wordpress(path, &channel));
    }
    Ok(channel)
}

/// What is wrong, in words, when the XML layer stops.
fn not_well_formed(error: quick_xml::Error) -> String {
    let mut reason = format!("this is not well-formed XML ({error})");
    if reason.contains("end of input") {
        reason.push_str(": the file was cut short");
    }
    reason
}

fn not_wordpress(path: &Path, channel: &Channel) -> anyhow::Error {
    let found = if channel.title.trim().is_empty() {
        "an RSS feed".to_owned()
    } else {
        format!("an RSS feed (of “{}”)", channel.title.trim())
    };
    ExportError::NotAnExport {
        file: path.to_owned(),
        found,
    }
    .into()
}

fn describe_root(local: &str) -> String {
    match local {
        "feed" => "an Atom feed".to_owned(),
        "html" => "an HTML page".to_owned(),
        "urlset" | "sitemapindex" => "a sitemap".to_owned(),
        other => format!("an XML file of another kind (its root element is <{other}>)"),
    }
}

fn term_of(e: &BytesStart<'_>) -> Term {
    let mut term = Term::default();
    for attribute in e.attributes().flatten() {
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_default();
        match attribute.key.local_name().as_ref() {
            "domain" => term.domain = value,
            "nicename" => term.nicename = value,
            _ => {}
        }
    }
    term
}

/// Takes the text of the element that just ended and puts it where it
/// belongs; an ended item goes to `on_item`.
#[allow(clippy::too_many_arguments)]
fn end_element(
    stack: &mut Vec<(Ns, String)>,
    text: &mut String,
    channel: &mut Channel,
    item: &mut Option<Item>,
    comment: &mut Option<WxrComment>,
    author: &mut Option<WxrAuthor>,
    category: &mut Option<WxrCategory>,
    tag: &mut Option<WxrTag>,
    term: &mut Option<Term>,
    meta: &mut (String, String),
    on_item: &mut impl FnMut(&Channel, Item) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let Some((ns, local)) = stack.pop() else {
        return Ok(());
    };
    let value = std::mem::take(text);
    let parent = stack.last().map(|(n, l)| (*n, l.as_str()));
    match (parent, ns, local.as_str()) {
        // The channel's own fields.
        (Some((Ns::None, "channel")), Ns::None, "title") => channel.title = value,
        (Some((Ns::None, "channel")), Ns::None, "link") => channel.link = value,
        (Some((Ns::None, "channel")), Ns::None, "description") => channel.description = value,
        (Some((Ns::None, "channel")), Ns::Wp, "wxr_version") => channel.wxr_version = value,
        (Some((Ns::None, "channel")), Ns::Wp, "base_site_url") => channel.base_site_url = value,
        (Some((Ns::None, "channel")), Ns::Wp, "base_blog_url") => channel.base_blog_url = value,
        (Some((Ns::None, "channel")), Ns::Wp, "author") => channel.authors.extend(author.take()),
        (Some((Ns::None, "channel")), Ns::Wp, "category") => {
            channel.categories.extend(category.take())
        }
        (Some((Ns::None, "channel")), Ns::Wp, "tag") => channel.tags.extend(tag.take()),
        (Some((Ns::Wp, "tag")), Ns::Wp, field) => {
            if let Some(tag) = tag.as_mut() {
                match field {
                    "term_id" => tag.term_id = value.trim().to_owned(),
                    "tag_name" => tag.name = value,
                    _ => {}
                }
            }
        }
        (Some((Ns::Wp, "author")), Ns::Wp, field) => {
            if let Some(author) = author.as_mut() {
                match field {
                    "author_login" => author.login = value,
                    "author_display_name" => author.display_name = value,
                    _ => {}
                }
            }
        }
        (Some((Ns::Wp, "category")), Ns::Wp, field) => {
            if let Some(category) = category.as_mut() {
                match field {
                    "term_id" => category.term_id = value.trim().to_owned(),
                    "category_nicename" => category.nicename = value,
                    "category_parent" => category.parent = value,
                    "cat_name" => category.name = value,
                    "category_description" => category.description = value,
                    _ => {}
                }
            }
        }
        (Some((Ns::None, "channel")), Ns::None, "item") => {
            if let Some(done) = item.take() {
                on_item(channel, done)?;
            }
        }
        // An item's fields.
        (Some((Ns::None, "item")), ns, field) => {
            let Some(item) = item.as_mut() else {
                return Ok(());
            };
            match (ns, field) {
                (Ns::None, "title") => item.title = value,
                (Ns::None, "link") => item.link = value.trim().to_owned(),
                (Ns::None, "guid") => item.guid = value.trim().to_owned(),
                (Ns::Dc, "creator") => item.creator = value,
                (Ns::Content, "encoded") => item.content = value,
                (Ns::Excerpt, "encoded") => item.excerpt = value,
                (Ns::Wp, "post_id") => item.post_id = value.trim().to_owned(),
                (Ns::Wp, "post_date") => item.post_date = value,
                (Ns::Wp, "post_date_gmt") => item.post_date_gmt = value,
                (Ns::Wp, "post_modified") => item.post_modified = value,
                (Ns::Wp, "post_modified_gmt") => item.post_modified_gmt = value,
                (Ns::Wp, "post_name") => item.post_name = value.trim().to_owned(),
                (Ns::Wp, "status") => item.status = value.trim().to_owned(),
                (Ns::Wp, "post_type") => item.post_type = value.trim().to_owned(),
                (Ns::Wp, "post_parent") => item.post_parent = value.trim().to_owned(),
                (Ns::Wp, "attachment_url") => item.attachment_url = value.trim().to_owned(),
                (Ns::Wp, "menu_order") => item.menu_order = value.trim().to_owned(),
                (Ns::Wp, "post_password") => item.post_password = value,
                (Ns::None, "category") => {
                    if let Some(mut term) = term.take() {
                        term.name = value;
                        item.terms.push(term);
                    }
                }
                (Ns::Wp, "postmeta") => {
                    let (key, value) = std::mem::take(meta);
                    if KEPT_META.contains(&key.as_str()) {
                        item.meta.push((key, value));
                    }
                }
                (Ns::Wp, "comment") => item.comments.extend(comment.take()),
                _ => {}
            }
        }
        (Some((Ns::Wp, "postmeta")), Ns::Wp, "meta_key") => meta.0 = value,
        (Some((Ns::Wp, "postmeta")), Ns::Wp, "meta_value") => meta.1 = value,
        (Some((Ns::Wp, "comment")), Ns::Wp, field) => {
            if let Some(comment) = comment.as_mut() {
                match field {
                    "comment_id" => comment.id = value.trim().to_owned(),
                    "comment_author" => comment.author = value,
                    "comment_author_email" => comment.email = value,
                    "comment_author_url" => comment.url = value.trim().to_owned(),
                    "comment_date" => comment.date = value,
                    "comment_date_gmt" => comment.date_gmt = value,
                    "comment_content" => comment.content = value,
                    "comment_approved" => comment.approved = value.trim().to_owned(),
                    "comment_type" => comment.kind = value.trim().to_owned(),
                    "comment_parent" => comment.parent = value.trim().to_owned(),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// The 1-based line and column (in characters) of byte `offset` of the
/// file, read again as a stream.
fn line_and_column(path: &Path, offset: u64) -> std::io::Result<(usize, usize)> {
    let mut reader = BufReader::new(File::open(path)?).take(offset);
    let mut line = 1;
    let mut column_bytes: Vec<u8> = Vec::new();
    let mut chunk = Vec::new();
    loop {
        chunk.clear();
        let read = reader.read_until(b'\n', &mut chunk)?;
        if read == 0 {
            break;
        }
        if chunk.ends_with(b"\n") {
            line += 1;
            column_bytes.clear();
        } else {
            column_bytes.extend_from_slice(&chunk);
        }
    }
    let column = String::from_utf8_lossy(&column_bytes).chars().count() + 1;
    Ok((line, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(xml: &str) -> anyhow::Result<(Channel, Vec<Item>)> {
        read_parts(xml, Parts::All)
    }

    fn read_parts(xml: &str, parts: Parts) -> anyhow::Result<(Channel, Vec<Item>)> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("export.xml");
        std::fs::write(&path, xml)?;
        let mut items = Vec::new();
        let channel = read(&path, parts, |_, item| {
            items.push(item);
            Ok(())
        })?;
        Ok((channel, items))
    }

    fn export(version: &str, items: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/{version}/">
<channel><title>Site &amp; Co</title><description>Plainly &amp; briefly</description><wp:wxr_version>{version}</wp:wxr_version>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[health]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Health]]></wp:cat_name><wp:category_description><![CDATA[All of <em>it</em>.]]></wp:category_description></wp:category>
{items}
</channel></rss>"#
        )
    }

    #[test]
    fn reads_every_wxr_version_by_its_namespace_prefix() {
        for version in ["1.0", "1.1", "1.2"] {
            let xml = export(
                version,
                "<item><title>A</title><wp:post_id>7</wp:post_id><excerpt:encoded><![CDATA[Short]]></excerpt:encoded></item>",
            );
            let (channel, items) = read_str(&xml).unwrap();
            assert_eq!(channel.title, "Site & Co");
            assert_eq!(channel.description, "Plainly & briefly");
            assert_eq!(channel.wxr_version, version);
            assert_eq!(channel.categories[0].name, "Health");
            assert_eq!(channel.categories[0].description, "All of <em>it</em>.");
            assert_eq!(items[0].post_id, "7");
            assert_eq!(items[0].excerpt, "Short");
        }
    }

    #[test]
    fn joins_cdata_split_around_its_end_marker() {
        let xml = export(
            "1.2",
            "<item><content:encoded><![CDATA[a ]]]]><![CDATA[> b &amp; c]]></content:encoded></item>",
        );
        let (_, items) = read_str(&xml).unwrap();
        // Entities inside CDATA are left for the HTML layer: decoded once.
        assert_eq!(items[0].content, "a ]]> b &amp; c");
    }

    #[test]
    fn keeps_terms_meta_and_comments() {
        let xml = export(
            "1.2",
            r#"<item><category domain="post_tag" nicename="sleep"><![CDATA[Sleep]]></category>
<wp:postmeta><wp:meta_key><![CDATA[_yoast_wpseo_primary_category]]></wp:meta_key><wp:meta_value><![CDATA[3]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key><![CDATA[_edit_last]]></wp:meta_key><wp:meta_value><![CDATA[1]]></wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_author><![CDATA[Ann]]></wp:comment_author><wp:comment_parent>0</wp:comment_parent></wp:comment></item>"#,
        );
        let (_, items) = read_str(&xml).unwrap();
        let item = &items[0];
        assert_eq!(item.terms[0].domain, "post_tag");
        assert_eq!(item.terms[0].name, "Sleep");
        assert_eq!(item.meta("_yoast_wpseo_primary_category"), Some("3"));
        assert_eq!(item.meta.len(), 1);
        assert_eq!(item.comments[0].author, "Ann");
    }

    #[test]
    fn parts_left_out_are_read_past_and_still_checked() {
        let item = r#"<item><title>A</title><content:encoded><![CDATA[<p>Body</p>]]></content:encoded>
<excerpt:encoded>Short</excerpt:encoded><wp:post_id>7</wp:post_id>
<wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_content>Hi</wp:comment_content></wp:comment>
<wp:post_name>a</wp:post_name></item>"#;
        let xml = export("1.2", item);
        let (_, items) = read_parts(&xml, Parts::NoBodies).unwrap();
        assert_eq!(items.len(), 1);
        let item = &items[0];
        assert_eq!(
            (
                item.title.as_str(),
                item.post_id.as_str(),
                item.post_name.as_str()
            ),
            ("A", "7", "a")
        );
        assert_eq!((item.content.as_str(), item.excerpt.as_str()), ("", ""));
        assert_eq!(item.comments.len(), 1);
        assert_eq!(item.comments[0].content, "Hi");

        let (_, items) = read_parts(&xml, Parts::NoComments).unwrap();
        let item = &items[0];
        assert_eq!(
            (
                item.content.as_str(),
                item.excerpt.as_str(),
                item.post_name.as_str()
            ),
            ("<p>Body</p>", "Short", "a")
        );
        assert!(item.comments.is_empty());

        let broken = "<item><title>A</title>\n<content:encoded>x</content:encodedd></item>";
        let error = read_parts(&export("1.2", broken), Parts::NoBodies)
            .unwrap_err()
            .to_string();
        assert!(error.contains("export.xml:9:"), "{error}");
        assert!(error.contains("nothing was imported"), "{error}");
        let broken = "<item><title>A</title>\n<wp:comment><wp:comment_id>5</wp:comment_idd></wp:comment></item>";
        let error = read_parts(&export("1.2", broken), Parts::NoComments)
            .unwrap_err()
            .to_string();
        assert!(error.contains("export.xml:9:"), "{error}");
    }

    #[test]
    fn not_xml_says_where() {
        let error = read_str("<rss>\n  <channel>\n    <title>x</titel>\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("export.xml:3:"), "{error}");
        assert!(error.contains("nothing was imported"), "{error}");
        let error = read_str("{\"posts\": []}").unwrap_err().to_string();
        assert!(error.contains("export.xml:1:1: text outside"), "{error}");
    }

    #[test]
    fn a_cut_short_export_is_reported() {
        let xml = export("1.2", "<item><title>A</title></item>");
        let at_item_end = xml.find("</item>").unwrap() + "</item>".len();
        for cut in [&xml[..at_item_end], &xml[..at_item_end - 3]] {
            let error = read_str(cut).unwrap_err().to_string();
            assert!(error.contains("cut short"), "{error}");
        }
    }

    #[test]
    fn an_rss_feed_is_named_as_such() {
        let feed = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><item><title>A</title></item></channel></rss>"#;
        let error = read_str(feed).unwrap_err().to_string();
        assert!(error.contains("an RSS feed (of “News”)"), "{error}");
        assert!(error.contains("Tools → Export → All content"), "{error}");
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>"#;
        let error = read_str(atom).unwrap_err().to_string();
        assert!(error.contains("an Atom feed"), "{error}");
    }
}
