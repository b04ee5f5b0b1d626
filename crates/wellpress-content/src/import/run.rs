//! One import: the export read twice (first the index of posts, so that
//! links between them can become site paths; then each post converted and
//! written), everything written into a scratch folder beside `content/`
//! and moved into place at the end.

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    fmt, fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};
use serde::Serialize;
use url::Url;
use wellpress_types::Route;

use super::{
    disk::{self, Files, Folders, Thread},
    fresh, html,
    links::{
        Archives, Links, Names, UNCATEGORIZED, addresses, category_names, menu_address,
        old_slug_links,
    },
    menus::{HEADER_LINKS, Menus, Target},
    moved::{Live, Moved},
    report::Report,
    settings::{self, Wanted},
    tree,
    uploads::{self, Uploads},
    wxr::{self, Channel, Item, Parts},
};
use crate::{
    categories, dates::is_valid_date, front_matter, images::Catalogue, redirects, slug::slugify,
};

/// The scratch folder, beside `content/`.
pub const SCRATCH: &str = ".wellpress-import";

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's folder, holding `content/`.
    pub root: PathBuf,
    /// The file WordPress exported.
    pub export: PathBuf,
    /// The old site's `wp-content/uploads` folder, to copy images from.
    pub uploads: Option<PathBuf>,
    /// Replace files that exist.
    pub force: bool,
    /// Move the site's content aside first ([`fresh`]), so that the
    /// import is a move-in.
    pub fresh: bool,
}

/// A post or page, as the first pass saw it.
struct Indexed {
    slug: String,
    /// The title, as text.
    title: String,
    published: bool,
    /// A page (About, Privacy), written to content/pages/.
    page: bool,
}

/// Runs an import; nothing is written unless the whole export was read.
pub fn import(options: &Options) -> Result<Report> {
    if !options.fresh {
        return import_into(options);
    }
    let aside = fresh::Aside::move_content(&options.root)?;
    with_content_aside(aside, || import_into(options))
}

/// The outcome of `import`, run with the site's content moved `aside`:
/// on success the report says where it went; after a failure before any
/// file was placed, it is moved back; otherwise it stays aside, and the
/// error says where. A fault of the importer itself (a panic, whose
/// message is printed above) may come at any point, so the content stays
/// aside then too.
fn with_content_aside(
    aside: fresh::Aside,
    import: impl FnOnce() -> Result<Report>,
) -> Result<Report> {
    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(import)).unwrap_or_else(|_| {
            Err(anyhow::Error::new(PartlyPlaced(
                "the import stopped on a fault of its own, printed above".to_owned(),
            )))
        });
    match outcome {
        Ok(mut report) => {
            if !aside.moved.is_empty() {
                report.replaced = Some((aside.folder, aside.moved));
            }
            Ok(report)
        }
        // Some of the import is in place: the old content stays aside.
        Err(error) if error.downcast_ref::<PartlyPlaced>().is_some() => {
            Err(error.context(format!(
                "the site's content before the import is in {}/",
                aside.folder
            )))
        }
        Err(error) => match aside.restore() {
            Ok(()) => Err(error),
            Err(undone) => Err(error.context(format!("{undone:#}"))),
        },
    }
}

fn import_into(options: &Options) -> Result<Report> {
    let root = &options.root;
    let existing = Existing::read(root)?;
    if let Some(folder) = &options.uploads {
        uploads::check_folder(folder)?;
    }
    let scratch = root.join(SCRATCH);
    if scratch.exists() {
        fs::remove_dir_all(&scratch)
            .with_context(|| format!("removing the unfinished import in {}", scratch.display()))?;
    }
    let written = disk::run(&scratch, |out| read_export(options, &existing, out));
    let (mut report, written) = match written {
        Ok(done) => done,
        Err(error) => {
            let _ = fs::remove_dir_all(&scratch);
            return Err(error);
        }
    };
    report.images_copied = written.images_copied;
    written.notes.report(&mut report);
    let tally = written.comments;
    report.comments_approved = tally.approved;
    report.comments_pending = tally.pending;
    report.pingbacks = tally.pingbacks;
    report.spam_or_trash = tally.spam_or_trash;
    report.comments_left = tally.left;

    // Everything was read and converted: move it into place.
    place(root, &scratch, &written.files, options.force, &mut report).map_err(|error| {
        let left = scratch.display();
        error.context(PartlyPlaced(format!(
            "the import stopped while moving its files into place: {} are in place, the rest in {left}; \
             import again to finish (files in place are skipped), or remove what it wrote",
            report.written
        )))
    })?;
    // Best done: a scratch folder left behind is removed by the next import.
    let _ = fs::remove_dir_all(&scratch);
    // The content tool needs the folder even when the export had no posts.
    fs::create_dir_all(root.join("content/articles"))
        .context("creating content/articles")
        .map_err(|error| {
            error.context(PartlyPlaced(
                "the import is in place, but content/articles could not be made".to_owned(),
            ))
        })?;
    Ok(report)
}

/// Reads the export twice, sending what it writes to `out`. The first
/// reading indexes every post and page (their slugs and old addresses,
/// so that links between posts become site paths whatever their order in
/// the file), and sends the posts' comments, which need nothing more; the
/// second converts the posts and pages.
fn read_export(options: &Options, existing: &Existing, out: &Files) -> Result<Report> {
    let root = &options.root;
    // First pass: every post's slug, and the addresses that lead to it.
    let mut index: HashMap<String, Indexed> = HashMap::new();
    let mut report = Report {
        uploads_given: options.uploads.is_some(),
        ..Report::default()
    };
    let mut taken: HashSet<String> = HashSet::new();
    let mut old = OldAddresses::default();
    // Attachment pages: their address, id and post.
    let mut attachments: Vec<(String, String, String)> = Vec::new();
    let mut pages: Vec<Item> = Vec::new();
    // Every attachment's file and alternative text, for featured images.
    let mut files: HashMap<String, Attachment> = HashMap::new();
    // The category and tag archives the published posts make.
    let mut archives = Archives::default();
    let mut menus = Menus::default();
    // The ids of the posts and pages imported.
    let mut ids: HashSet<String> = HashSet::new();
    let channel = wxr::read(&options.export, Parts::NoBodies, |channel, mut item| {
        protect(&mut item);
        menus.add(&item);
        if item.post_type == "attachment" {
            attachments.push((
                item.link.clone(),
                item.post_id.clone(),
                item.post_parent.clone(),
            ));
            let alt = item.meta("_wp_attachment_image_alt").unwrap_or_default();
            let alt = [html::to_line(alt), html::to_line(&item.title)]
                .into_iter()
                .find(|a| !a.is_empty())
                .unwrap_or_default();
            files.insert(
                item.post_id.clone(),
                Attachment {
                    url: item.attachment_url.clone(),
                    alt,
                },
            );
        }
        if !is_imported(&item) {
            // Menu entries are read for the header and footer.
            let counted = item.post_type != "nav_menu_item"
                && (!is_post_or_page(&item)
                    || !matches!(item.status.as_str(), "trash" | "auto-draft"));
            if counted {
                *report
                    .not_imported
                    .entry(item.post_type.clone())
                    .or_default() += 1;
            }
            return Ok(());
        }
        // WordPress's ids are unique within a site: an export that
        // repeats one was put together by other means. The first item
        // with the id is imported, here and in the second pass.
        if !ids.insert(item.post_id.clone()) {
            report.same_id.push(format!(
                "{} {} “{}” (/{}/)",
                item.post_type,
                item.post_id,
                html::to_line(&item.title),
                item.post_name
            ));
            return Ok(());
        }
        if item.post_type == "page" {
            // Comments on pages are counted: a page has none on the site.
            report.page_comments += item
                .comments
                .iter()
                .filter(|c| {
                    c.approved == "1" && !matches!(c.kind.as_str(), "pingback" | "trackback")
                })
                .count();
            item.comments = Vec::new();
            // Slugs are given to pages once every post has its own.
            pages.push(item);
            return Ok(());
        }
        if item.status == "publish" {
            archives.add(channel, &item);
        }
        let slug = unique_slug(&item, &mut taken, &mut report.slugs);
        seen(channel, &item, slug.clone(), &mut index, &mut old);
        if !item.comments.is_empty() {
            out.comments(Thread {
                slug,
                post_dates: [item.post_date_gmt, item.post_date],
                comments: item.comments,
            })?;
        }
        Ok(())
    })?;
    for item in &pages {
        let slug = unique_slug(item, &mut taken, &mut report.slugs);
        seen(&channel, item, slug, &mut index, &mut old);
    }
    // The published pages, as WordPress lists them: by their order, then
    // their title.
    let mut listed: Vec<(i64, String, String)> = pages
        .iter()
        .filter(|item| item.status == "publish")
        .filter_map(|item| {
            let slug = index.get(&item.post_id)?.slug.clone();
            let order = item.menu_order.parse().unwrap_or(0);
            Some((order, html::to_line(&item.title).to_lowercase(), slug))
        })
        .collect();
    listed.sort();
    let footer_pages: Vec<String> = listed.into_iter().map(|(_, _, slug)| slug).collect();
    let site_pages: HashSet<String> = existing
        .pages
        .iter()
        .chain(&footer_pages)
        .cloned()
        .collect();
    report.site = html::to_line(&channel.title);
    report.wxr_version = channel.wxr_version.clone();

    let mut links = Links::new(&channel);
    links.uploads = Uploads::new(options.uploads.clone());
    links.archives = archives.links(&channel, &existing.names);
    for (address, slug) in old.keys.into_iter().chain(old.earlier_keys) {
        links.posts.entry(address).or_insert(slug);
    }

    // Old addresses of posts and of their attachment pages.
    let mut addresses = Addresses::default();
    let published = |id: &str| {
        index
            .get(id)
            .filter(|i| i.published)
            .map(|i| format!("/{}/", i.slug))
    };
    for (link, id) in old.permalinks.iter().chain(&old.earlier_permalinks) {
        let Some(to) = published(id) else { continue };
        // WordPress's short address of a page asks for `page_id`.
        let query = if index[id].page { "page_id" } else { "p" };
        addresses.moved.add(&format!("/?{query}={id}"), &to);
        if let Some(from) = links.old_path(link) {
            addresses.moved.add(&from, &to);
        }
    }
    for (link, id, parent) in &attachments {
        let Some(to) = published(parent) else {
            continue;
        };
        addresses.moved.add(&format!("/?attachment_id={id}"), &to);
        if let Some(from) = links.old_path(link) {
            addresses.moved.add(&from, &to);
        }
    }
    addresses.live.articles = index
        .values()
        .filter(|i| i.published)
        .map(|i| i.slug.clone())
        .chain(existing.articles.iter().cloned())
        .collect();
    addresses
        .live
        .categories
        .extend(existing.names.categories.keys().cloned());
    addresses
        .live
        .tags
        .extend(existing.names.tags.keys().cloned());

    out.links(links.copy())?;
    let mut authors = Authors::new(&channel, existing);
    let mut names = existing.names.clone();
    let mut done: HashSet<String> = HashSet::new();
    wxr::read(&options.export, Parts::NoComments, |channel, mut item| {
        protect(&mut item);
        let Some(indexed) = index.get(&item.post_id) else {
            return Ok(());
        };
        if !is_imported(&item) || !done.insert(item.post_id.clone()) {
            return Ok(());
        }
        let slug = indexed.slug.clone();
        let post = Post {
            channel,
            item: &item,
            slug: &slug,
            attachments: &files,
        };
        if indexed.page {
            let status = status_word(&item.status).to_owned();
            match indexed.published {
                true => report.pages.push(slug.clone()),
                false => report.page_drafts.push((slug.clone(), status)),
            }
            let head = post.page_head();
            return out.post(
                &format!("{}/{slug}.md", crate::pages::FOLDER),
                head,
                std::mem::take(&mut item.content),
                &mut links,
            );
        }
        let head = post.article_head(
            &mut links,
            &mut authors,
            &mut names,
            out,
            &mut report,
            &mut addresses,
        )?;
        if indexed.published {
            report.published.push(slug.clone());
        } else {
            report
                .drafts
                .push((slug.clone(), status_word(&item.status).to_owned()));
        }
        out.post(
            &format!("content/articles/{slug}.md"),
            head,
            std::mem::take(&mut item.content),
            &mut links,
        )
    })?;
    out.uploads(std::mem::take(&mut links.uploads.copies))?;
    let tree = tree::of(&channel.categories);
    if !tree.is_empty() {
        // Unless the site keeps its own file, a parent's archive lists
        // its children's articles, so the site publishes it too.
        if options.force || !root.join(categories::FILE).exists() {
            let parents: Vec<String> = addresses
                .live
                .categories
                .iter()
                .flat_map(|slug| tree::ancestors(&tree, slug))
                .collect();
            addresses.live.categories.extend(parents);
        }
        let site = html::to_line(&channel.title);
        out.write(categories::FILE, tree::text(&tree, &site))?;
    }
    addresses.categories(&channel);
    addresses.moved.add("/feed/", "/feed.xml");
    let file = root.join(redirects::FILE);
    let existing_redirects = if file.exists() {
        Some(fs::read_to_string(&file).with_context(|| format!("reading {}", redirects::FILE))?)
    } else {
        None
    };
    let heading = format!(
        "# The old addresses of “{}” on WordPress, added by scripts/import.\n",
        html::to_line(&channel.title)
    );
    let merged = addresses
        .moved
        .merge(existing_redirects.as_deref(), &addresses.live, &heading)?;
    report.redirects_added = merged.added;
    report.redirects_kept = merged.kept;
    report.redirects_left = merged.left;
    if let Some(text) = merged.text {
        out.write(redirects::FILE, text)?;
    }
    let mut wanted = Wanted::from_channel(&channel, &archives.categories, |slug| {
        names.categories.get(slug).cloned()
    });
    wanted.pages = footer_pages;
    let (header_menu, footer_menu) = menus.pick();
    let published = |id: &str| index.get(id.trim()).filter(|i| i.published);
    if let Some(menu) = footer_menu {
        let pages: Vec<String> = menu
            .entries
            .iter()
            .filter_map(|entry| match &entry.target {
                Target::Post(id) => published(id).filter(|i| i.page).map(|i| i.slug.clone()),
                _ => None,
            })
            .collect();
        if !pages.is_empty() {
            wanted.pages = pages;
        }
    }
    if let Some(menu) = header_menu {
        let mut kept = Vec::new();
        for entry in &menu.entries {
            let link = match &entry.target {
                Target::Post(id) => {
                    published(id).map(|i| (i.title.clone(), format!("/{}/", i.slug)))
                }
                Target::Category(id) => archive_entry(
                    channel.category_name(id),
                    &addresses.live.categories,
                    "category",
                ),
                Target::Tag(id) => archive_entry(channel.tag_name(id), &addresses.live.tags, "tag"),
                Target::Address(url) => menu_address(&mut links, url),
                Target::Other => None,
            };
            match link {
                Some((title, href)) => {
                    let label = if entry.label.is_empty() {
                        title
                    } else {
                        entry.label.clone()
                    };
                    if label.is_empty() {
                        report.menu_left.push(format!(
                            "an entry for {href} in the menu “{}”: it has no label",
                            menu.name
                        ));
                    } else if !kept.iter().any(|(_, h)| *h == href) {
                        kept.push((label, href));
                    }
                }
                None => report.menu_left.push(format!(
                    "{} in the menu “{}”: it leads nowhere on the new site",
                    quoted(&entry.label),
                    menu.name
                )),
            }
        }
        for (label, href) in kept.drain(HEADER_LINKS.min(kept.len())..) {
            report.menu_left.push(format!(
                "{} ({href}) in the menu “{}”: the header has room for {HEADER_LINKS}",
                quoted(&label),
                menu.name
            ));
        }
        wanted.menu = Some((menu.name, kept));
    }
    site_settings(
        existing,
        &wanted,
        &addresses.live.categories,
        &site_pages,
        out,
        &mut report,
    )?;
    Ok(report)
}

/// A header link to the archive (`kind`, "category" or "tag") of the
/// term named `name`, when the site publishes it (`live`): its name and
/// address.
fn archive_entry(
    name: Option<&str>,
    live: &HashSet<String>,
    kind: &str,
) -> Option<(String, String)> {
    let name = html::to_line(name?);
    let slug = slugify(&name);
    live.contains(&slug)
        .then(|| (name, format!("/{kind}/{slug}/")))
}

/// An import that failed with some of its files in place: `--fresh` does
/// not move the site's old content back over them.
#[derive(Debug)]
pub struct PartlyPlaced(String);

impl fmt::Display for PartlyPlaced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PartlyPlaced {}

/// Moves the files written under `scratch` into the site. A folder the
/// site does not have yet (its comments, on a site moving in) moves whole:
/// nothing in it can be the owner's.
fn place(
    root: &Path,
    scratch: &Path,
    files: &[String],
    force: bool,
    report: &mut Report,
) -> Result<()> {
    let whole = new_folders(root, files);
    for folder in &whole {
        let to = root.join(folder);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        fs::rename(scratch.join(folder), &to)
            .with_context(|| format!("moving the imported {folder} into place"))?;
        report.written += files.iter().filter(|f| is_under(f, folder)).count();
    }
    let mut folders = Folders::default();
    for relative in files {
        if whole.iter().any(|folder| is_under(relative, folder)) {
            continue;
        }
        let to = root.join(relative);
        // The redirects file is the owner's with entries added after theirs;
        // the settings are written only for a site moving in, edited.
        if to.exists() && !force && relative != redirects::FILE && relative != settings::FILE {
            report.skipped.push(relative.clone());
            continue;
        }
        if let Some(parent) = to.parent() {
            folders.make(parent)?;
        }
        fs::rename(scratch.join(relative), &to)
            .with_context(|| format!("moving the imported {relative} into place"))?;
        report.written += 1;
    }
    // In path order, so that each folder's files are listed together.
    report.skipped.sort();
    Ok(())
}

/// The folders of `files` (paths relative to `root`) that `root` does not
/// have, each the outermost such folder on its files' paths.
fn new_folders(root: &Path, files: &[String]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut have: HashSet<&str> = HashSet::new();
    for relative in files {
        if found.iter().any(|folder| is_under(relative, folder)) {
            continue;
        }
        // Each folder on the way, outermost first.
        for (end, _) in relative.match_indices('/') {
            let folder = &relative[..end];
            if have.contains(folder) {
                continue;
            }
            if root.join(folder).is_dir() {
                have.insert(folder);
                continue;
            }
            found.push(folder.to_owned());
            break;
        }
    }
    found
}

/// Whether the path `relative` is inside `folder`.
fn is_under(relative: &str, folder: &str) -> bool {
    relative
        .strip_prefix(folder)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// A post or a page whose text is imported (published, or as a draft).
fn is_imported(item: &Item) -> bool {
    is_post_or_page(item)
        && matches!(
            item.status.as_str(),
            "publish" | "draft" | "pending" | "future" | "private" | PROTECTED
        )
}

/// The status given to a published post or page that asked readers for a
/// password: a static site cannot ask for it, so it is kept as a draft.
const PROTECTED: &str = "password-protected";

fn protect(item: &mut Item) {
    if item.status == "publish" && !item.post_password.is_empty() {
        item.status = PROTECTED.to_owned();
    }
}

fn is_post_or_page(item: &Item) -> bool {
    matches!(item.post_type.as_str(), "post" | "page")
}

/// The old site's addresses of the published posts and pages, from the
/// first pass. Those under a slug a post had before give way to any
/// post's present address.
#[derive(Default)]
struct OldAddresses {
    /// [`Links::key`]s of each one's addresses, with its slug.
    keys: Vec<(String, String)>,
    /// The same, of the addresses under its earlier slugs.
    earlier_keys: Vec<(String, String)>,
    /// Permalinks, with the post's id.
    permalinks: Vec<(String, String)>,
    /// The same, under its earlier slugs.
    earlier_permalinks: Vec<(String, String)>,
}

/// Notes a post or page of the first pass: its slug, and the old
/// addresses that lead to it when it is published.
fn seen(
    channel: &Channel,
    item: &Item,
    slug: String,
    index: &mut HashMap<String, Indexed>,
    old: &mut OldAddresses,
) {
    let published = item.status == "publish";
    if published {
        for address in addresses(channel, item) {
            old.keys.push((address, slug.clone()));
        }
        old.permalinks
            .push((item.link.clone(), item.post_id.clone()));
        // WordPress sent the addresses of a post's earlier slugs on to it.
        for link in old_slug_links(item) {
            if let Some(key) = Links::key(&link) {
                old.earlier_keys.push((key, slug.clone()));
            }
            old.earlier_permalinks.push((link, item.post_id.clone()));
        }
    }
    index.insert(
        item.post_id.clone(),
        Indexed {
            slug,
            title: html::to_line(&item.title),
            published,
            page: item.post_type == "page",
        },
    );
}

fn status_word(status: &str) -> &str {
    match status {
        "future" => "scheduled",
        other => other,
    }
}

/// A slug for the item that no other imported post has.
fn unique_slug(item: &Item, taken: &mut HashSet<String>, notes: &mut Vec<String>) -> String {
    let decoded = percent_encoding::percent_decode_str(&item.post_name).decode_utf8_lossy();
    let mut base = slugify(&decoded);
    let from_title = base.is_empty();
    if from_title {
        base = slugify(&html::to_line(&item.title));
    }
    if base.is_empty() {
        base = format!("{}-{}", item.post_type, item.post_id);
    }
    let mut slug = base.clone();
    let mut n = 2;
    while taken.contains(&slug) || Route::is_reserved(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    let kind = &item.post_type;
    if slug != base {
        notes.push(format!(
            "{kind} {} would have been /{base}/, like a post or page imported before it or an address of the site: it is /{slug}/",
            item.post_id
        ));
    } else if !from_title && *decoded != *slug && item.post_name != slug {
        notes.push(format!(
            "{kind} {} was /{}/ on WordPress: it is /{slug}/",
            item.post_id, item.post_name
        ));
    }
    taken.insert(slug.clone());
    slug
}

/// What the site has already: spellings of categories and tags (a new one
/// must not share a slug with a different spelling), and author files.
struct Existing {
    names: Names,
    /// Slugs of the article files there.
    articles: HashSet<String>,
    /// Slugs of the pages it publishes (not drafts).
    pages: HashSet<String>,
    /// Author names by slug.
    authors: BTreeMap<String, String>,
    /// The text of `content/site.toml`, when there is one.
    settings: Option<String>,
}

impl Existing {
    fn read(root: &Path) -> Result<Self> {
        let mut names = Names::default();
        let mut articles = HashSet::new();
        let folder = root.join("content/articles");
        if folder.is_dir() {
            let mut files: Vec<PathBuf> = fs::read_dir(&folder)
                .with_context(|| format!("reading {}", folder.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect();
            files.sort();
            for path in files {
                if let Some(stem) = path.file_stem() {
                    articles.insert(slugify(&stem.to_string_lossy()));
                }
                let Ok(text) = fs::read_to_string(&path) else {
                    continue;
                };
                let Ok(split) = front_matter::split(&path, &text) else {
                    continue;
                };
                if let Ok(front) = front_matter::parse(&path, &split) {
                    names.category(&front.category);
                    for tag in &front.tags {
                        names.tag(tag);
                    }
                }
            }
        }
        let mut authors = BTreeMap::new();
        let dir = root.join(crate::authors::FOLDER);
        if dir.is_dir() {
            for entry in fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
                let path = entry?.path();
                if path.extension().is_none_or(|e| e != "toml") {
                    continue;
                }
                let slug = path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                let name = fs::read_to_string(&path)
                    .ok()
                    .and_then(|t| t.parse::<toml::Table>().ok())
                    .and_then(|t| t.get("name").and_then(|n| n.as_str()).map(str::to_owned))
                    .unwrap_or_default();
                authors.insert(slug, name);
            }
        }
        let file = root.join(settings::FILE);
        let settings = if file.exists() {
            Some(fs::read_to_string(&file).with_context(|| format!("reading {}", settings::FILE))?)
        } else {
            None
        };
        Ok(Existing {
            names,
            articles,
            pages: published_pages(root)?,
            authors,
            settings,
        })
    }
}

/// The slugs of the pages under `content/pages/` that are not drafts.
fn published_pages(root: &Path) -> Result<HashSet<String>> {
    // As the content tool reads them; a page's problems (an image not
    // there yet) are for the content tool to report, and leave it a page.
    let pages = crate::pages::read(root, &Catalogue::default(), &mut Vec::new())?;
    Ok(pages
        .files
        .into_keys()
        .filter(|slug| !pages.drafts.contains(slug))
        .collect())
}

/// The export's authors, each given an author file's slug.
struct Authors {
    /// Display name by login.
    names: HashMap<String, String>,
    /// Slug by display name.
    slugs: HashMap<String, String>,
    /// Slugs in use (existing files and those assigned).
    used: HashMap<String, String>,
}

impl Authors {
    fn new(channel: &Channel, existing: &Existing) -> Self {
        let names = channel
            .authors
            .iter()
            .map(|a| {
                let name = html::to_line(&a.display_name);
                let name = if name.is_empty() {
                    a.login.clone()
                } else {
                    name
                };
                (a.login.clone(), name)
            })
            .collect();
        let slugs = existing
            .authors
            .iter()
            .map(|(slug, name)| (name.clone(), slug.clone()))
            .collect();
        Authors {
            names,
            slugs,
            used: existing.authors.clone().into_iter().collect(),
        }
    }

    /// The slug of the author with `login`, and the author file to write
    /// when there is none yet.
    fn slug(&mut self, login: &str) -> Option<(String, Option<String>)> {
        let name = self
            .names
            .get(login)
            .cloned()
            .unwrap_or_else(|| login.trim().to_owned());
        if name.is_empty() {
            return None;
        }
        if let Some(slug) = self.slugs.get(&name) {
            return Some((slug.clone(), None));
        }
        let mut base = slugify(&name);
        if base.is_empty() {
            base = slugify(login);
        }
        if base.is_empty() {
            return None;
        }
        let mut slug = base.clone();
        let mut n = 2;
        while self.used.contains_key(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(slug.clone(), name.clone());
        self.slugs.insert(name.clone(), slug.clone());
        #[derive(Serialize)]
        struct File<'a> {
            name: &'a str,
        }
        let file = toml::to_string(&File { name: &name }).ok()?;
        Some((slug, Some(file)))
    }
}

/// The redirects an import writes, and what the new site answers itself.
#[derive(Default)]
struct Addresses {
    moved: Moved,
    live: Live,
}

impl Addresses {
    /// WordPress's archives of categories that are published under
    /// another address: `/category/<parent>/<child>/` (nested) and
    /// `/category/<nicename>/` when the name makes another slug.
    fn categories(&mut self, channel: &Channel) {
        let parents: HashMap<&str, &str> = channel
            .categories
            .iter()
            .map(|c| (c.nicename.as_str(), c.parent.as_str()))
            .collect();
        for category in &channel.categories {
            let slug = slugify(&html::to_line(&category.name));
            if !self.live.categories.contains(&slug) {
                continue;
            }
            let to = format!("/category/{slug}/");
            let mut chain = vec![category.nicename.as_str()];
            let mut parent = category.parent.as_str();
            while !parent.is_empty() && !chain.contains(&parent) {
                chain.insert(0, parent);
                parent = parents.get(parent).copied().unwrap_or_default();
            }
            self.moved
                .add(&format!("/category/{}/", chain.join("/")), &to);
            self.moved
                .add(&format!("/category/{}/", category.nicename), &to);
        }
    }
}

/// A YAML string: JSON's quoting is YAML's too.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

struct Post<'a> {
    channel: &'a Channel,
    item: &'a Item,
    slug: &'a str,
    /// Every attachment of the export, by id.
    attachments: &'a HashMap<String, Attachment>,
}

/// An attachment's file, for a featured image.
struct Attachment {
    /// `wp:attachment_url`.
    url: String,
    /// Its alternative text, else its title.
    alt: String,
}

impl Post<'_> {
    /// The article file's front matter; author files and report lines on
    /// the side.
    fn article_head(
        &self,
        links: &mut Links,
        authors: &mut Authors,
        names: &mut Names,
        files: &Files,
        report: &mut Report,
        addresses: &mut Addresses,
    ) -> Result<String> {
        let item = self.item;
        let published = item.status == "publish";
        let file = format!("content/articles/{}.md", self.slug);
        let title = self.title();
        let date = day(&item.post_date_gmt)
            .or_else(|| day(&item.post_date))
            .or_else(|| day(&item.post_modified))
            .unwrap_or_else(|| "1970-01-01".to_owned());
        let updated = day(&item.post_modified_gmt)
            .or_else(|| day(&item.post_modified))
            .filter(|u| *u > date);
        let category = self.category(names);
        let mut tags: Vec<String> = Vec::new();
        for term in item.terms.iter().filter(|t| t.domain == "post_tag") {
            if let Some(tag) = names.tag(&html::to_line(&term.name))
                && !tags.contains(&tag)
            {
                if published {
                    let slug = slugify(&tag);
                    let to = format!("/tag/{slug}/");
                    addresses
                        .moved
                        .add(&format!("/tag/{}/", term.nicename), &to);
                    addresses.live.tags.insert(slug);
                }
                tags.push(tag);
            }
        }
        if published {
            addresses.live.categories.insert(slugify(&category));
        }
        let author = match authors.slug(&item.creator) {
            Some((slug, Some(file_text))) => {
                let path = format!("{}/{slug}.toml", crate::authors::FOLDER);
                files.write(&path, file_text)?;
                report.authors.push(path);
                Some(slug)
            }
            Some((slug, None)) => Some(slug),
            None => None,
        };
        let excerpt = html::to_line(&item.excerpt);
        let featured = item
            .meta("_thumbnail_id")
            .and_then(|id| self.attachments.get(id.trim()))
            .filter(|a| !a.url.is_empty());
        let image = match featured {
            Some(attachment) => {
                let copied = Url::parse(&attachment.url)
                    .ok()
                    .and_then(|url| links.uploads.take(&url));
                if copied.is_none() {
                    report
                        .featured_to_copy
                        .push(format!("{file}: {}", attachment.url));
                }
                copied.map(|path| {
                    let alt = if attachment.alt.is_empty() {
                        title.clone()
                    } else {
                        attachment.alt.clone()
                    };
                    (path, alt)
                })
            }
            None => None,
        };

        let mut text = String::from("---\n");
        text.push_str(&format!("title: {}\n", quoted(&title)));
        text.push_str(&format!("date: {date}\n"));
        text.push_str(&format!("category: {}\n", quoted(&category)));
        if !tags.is_empty() {
            let list: Vec<String> = tags.iter().map(|t| quoted(t)).collect();
            text.push_str(&format!("tags: [{}]\n", list.join(", ")));
        }
        if !excerpt.is_empty() {
            text.push_str(&format!("excerpt: {}\n", quoted(&excerpt)));
        }
        if let Some(author) = &author {
            text.push_str(&format!("author: {}\n", quoted(author)));
        }
        if let Some((path, alt)) = &image {
            text.push_str(&format!("image: {}\n", quoted(path)));
            text.push_str(&format!("image_alt: {}\n", quoted(alt)));
        }
        if let Some(updated) = &updated {
            text.push_str(&format!("updated: {updated}\n"));
        }
        if item.status != "publish" {
            text.push_str("draft: true\n");
        }
        text.push_str("---\n");
        Ok(text)
    }

    /// The page file's front matter (`content/pages/<slug>.md`): title and
    /// the excerpt as its description; its body is converted as a post's.
    fn page_head(&self) -> String {
        let item = self.item;
        let mut text = String::from("---\n");
        text.push_str(&format!("title: {}\n", quoted(&self.title())));
        let excerpt = html::to_line(&item.excerpt);
        if !excerpt.is_empty() {
            text.push_str(&format!("description: {}\n", quoted(&excerpt)));
        }
        if item.status != "publish" {
            text.push_str("draft: true\n");
        }
        text.push_str("---\n");
        text
    }

    /// The title as text; WordPress allows none.
    fn title(&self) -> String {
        let title = html::to_line(&self.item.title);
        if title.is_empty() {
            "(no title)".to_owned()
        } else {
            title
        }
    }

    /// The primary category (Yoast's, when set), else the first.
    fn category(&self, names: &mut Names) -> String {
        category_names(self.channel, self.item)
            .into_iter()
            .flatten()
            .find_map(|name| names.category(&name))
            .or_else(|| names.category(UNCATEGORIZED))
            .unwrap_or_else(|| UNCATEGORIZED.to_owned())
    }
}

/// The site's name, tagline, address, header and footer links from the
/// export: set when the site had no articles before (a site moving in),
/// else only reported.
fn site_settings(
    existing: &Existing,
    wanted: &Wanted,
    categories: &HashSet<String>,
    pages: &HashSet<String>,
    files: &Files,
    report: &mut Report,
) -> Result<()> {
    let Some(text) = &existing.settings else {
        report.settings_unread = Some(format!("there is no {}", settings::FILE));
        return Ok(());
    };
    let moving_in = existing.articles.is_empty();
    let (edited, changes) = match settings::edit(text, wanted, categories, pages) {
        Ok(done) => done,
        // A site moving in would be left with the old settings.
        Err(error) if moving_in => return Err(error),
        Err(error) => {
            report.settings_unread = Some(format!("{error:#}"));
            return Ok(());
        }
    };
    report.settings = changes;
    if let Some(edited) = edited
        && moving_in
    {
        files.write(settings::FILE, edited)?;
        report.settings_changed = true;
    }
    Ok(())
}

/// `YYYY-MM-DD` of a WordPress `Y-m-d H:i:s`, unless it is the zero date.
pub(super) fn day(stamp: &str) -> Option<String> {
    let day = stamp.trim().get(..10)?;
    is_valid_date(day).then(|| day.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site with one article, its content moved aside as `--fresh` does.
    fn site_moving_in() -> (tempfile::TempDir, fresh::Aside) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content/articles")).unwrap();
        fs::write(dir.path().join("content/articles/demo.md"), "demo").unwrap();
        let aside = fresh::Aside::move_content(dir.path()).unwrap();
        (dir, aside)
    }

    #[test]
    fn a_fault_during_a_fresh_import_leaves_the_content_aside_and_says_where() {
        let (dir, aside) = site_moving_in();
        let folder = aside.folder.clone();
        // The panic's own message is printed by the test's output.
        let error = with_content_aside(aside, || panic!("a fault of the importer")).unwrap_err();
        let said = format!("{error:#}");
        assert!(said.contains(&folder), "{said}");
        assert!(said.contains("a fault of its own"), "{said}");
        let kept = dir.path().join(&folder).join("content/articles/demo.md");
        assert_eq!(fs::read_to_string(kept).unwrap(), "demo");
    }

    #[test]
    fn a_failed_fresh_import_moves_the_content_back() {
        let (dir, aside) = site_moving_in();
        let error =
            with_content_aside(aside, || Err(anyhow::anyhow!("not an export"))).unwrap_err();
        assert_eq!(error.to_string(), "not an export");
        let back = fs::read_to_string(dir.path().join("content/articles/demo.md")).unwrap();
        assert_eq!(back, "demo");
    }
}
