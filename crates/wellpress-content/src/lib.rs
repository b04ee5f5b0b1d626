//! The WellPress content tool: reads `content/` (site settings and Markdown
//! articles), checks it, and writes the JSON the app fetches. Nothing is
//! written unless the whole site is valid.

pub mod comments;
pub mod dates;
pub mod front_matter;
pub mod markdown;
pub mod problem;
pub mod seo;
pub mod slug;

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};
use serde::Serialize;
use wellpress_types::{
    Article, ArticleCard, ArticleLink, CategoryRef, ListingPage, Manifest, Route, SiteConfig,
    TagRef,
};

use crate::{
    front_matter::FrontMatter,
    markdown::Body,
    problem::{Problem, Problems},
    slug::slugify,
};

/// Related articles shown under each article.
const RELATED: usize = 4;

/// The site, checked and ready to write.
#[derive(Debug)]
pub struct Output {
    /// Every file to publish, by path under the output folder (`data/...`).
    pub files: BTreeMap<String, String>,
    /// Counts for the build log.
    pub summary: Summary,
}

/// What a build published.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Published articles.
    pub articles: usize,
    /// Drafts left out.
    pub drafts: usize,
    /// Categories with at least one article.
    pub categories: usize,
    /// Tags with at least one article.
    pub tags: usize,
}

/// One article as read from its file.
struct Source {
    file: PathBuf,
    slug: String,
    front: FrontMatter,
    body: Body,
    /// URL segment of the category, derived once.
    category_slug: String,
    /// URL segments of the tags, derived once.
    tag_slugs: Vec<String>,
}

/// Reads and checks everything under `root/content`, for a site served
/// from the root of its host. Problems in the content come back as a
/// [`Problems`] error listing every one of them.
pub fn build(root: &Path) -> Result<Output> {
    build_at(root, "/")
}

/// Like [`build`], for a site served under `public_url` (`/blog/`): site
/// paths in article bodies (`/sleep-debt/`, `/images/a.svg`) and the
/// addresses in the sitemap and feed get that base path. Paths in the JSON
/// fields stay as written; the app adds the base path to them.
pub fn build_at(root: &Path, public_url: &str) -> Result<Output> {
    let mut problems = Vec::new();
    let config = read_config(root, &mut problems)?;
    let (mut sources, drafts, unreadable) = read_articles(root, &mut problems)?;
    let Some(mut config) = config else {
        return Err(Problems(problems).into());
    };
    let base = wellpress_types::base_path(public_url);
    if !base.is_empty() {
        config.base_url = wellpress_types::site_address(&config.base_url, &base);
        for source in &mut sources {
            source.body.html = markdown::with_base_path(&source.body.html, &base);
        }
    }

    let mut articles: Vec<&Source> = sources.iter().collect();
    articles.sort_by(|a, b| {
        b.front
            .date
            .cmp(&a.front.date)
            .then_with(|| a.front.title.cmp(&b.front.title))
    });

    let categories = unique_names(
        &articles,
        |s| vec![(s.front.category.clone(), s.front.lines.category)],
        "category",
        &mut problems,
    );
    let tags = unique_names(
        &articles,
        |s| {
            s.front
                .tags
                .iter()
                .map(|t| (t.clone(), s.front.lines.tags))
                .collect()
        },
        "tag",
        &mut problems,
    );

    let per_page = config.per_page.max(1) as usize;
    let pages = |count: usize| count.div_ceil(per_page).max(1);
    let count_in = |pred: &dyn Fn(&Source) -> bool| articles.iter().filter(|s| pred(s)).count();
    let links = LinkTargets {
        articles: articles.iter().map(|s| s.slug.clone()).collect(),
        drafts: &drafts,
        unreadable: &unreadable,
        home_pages: pages(articles.len()),
        categories: categories
            .keys()
            .map(|slug| (slug.clone(), pages(count_in(&|s| s.category_slug == *slug))))
            .collect(),
        tags: tags
            .keys()
            .map(|slug| {
                (
                    slug.clone(),
                    pages(count_in(&|s| s.tag_slugs.contains(slug))),
                )
            })
            .collect(),
        public: root.join("public"),
    };
    for source in &articles {
        for (href, line) in &source.body.internal_links {
            if let Err(message) = links.check(href) {
                problems.push(Problem::new(&source.file, *line, message));
            }
        }
        if let Some(image) = &source.front.image
            && !markdown::is_external(&image.src)
            && let Err(message) = links.check(&image.src)
        {
            problems.push(Problem::new(
                &source.file,
                source.front.lines.image,
                format!("image {message}"),
            ));
        }
    }
    check_nav(root, &config, &links, &mut problems);
    let comments = comments::read(root, &links.articles, &drafts, &mut problems)?;
    let count = |slug: &str| {
        comments
            .get(slug)
            .map_or(0, |c| u32::try_from(c.len()).unwrap_or(u32::MAX))
    };

    if !problems.is_empty() {
        return Err(Problems(problems).into());
    }

    let mut files = BTreeMap::new();
    let mut pages = Vec::new();
    let related = Related::new(&articles);
    let cards: Vec<ArticleCard> = articles.iter().map(|s| card(s, count(&s.slug))).collect();
    for (index, source) in articles.iter().enumerate() {
        let link = |s: &Source| ArticleLink {
            slug: s.slug.clone(),
            title: s.front.title.clone(),
        };
        let article = Article {
            slug: source.slug.clone(),
            title: source.front.title.clone(),
            excerpt: cards[index].excerpt.clone(),
            category: cards[index].category.clone(),
            tags: source
                .front
                .tags
                .iter()
                .map(|t| TagRef {
                    name: t.clone(),
                    slug: slugify(t),
                })
                .collect(),
            author: source
                .front
                .author
                .clone()
                .unwrap_or_else(|| config.author.clone()),
            date: source.front.date.clone(),
            updated: source.front.updated.clone(),
            reading_minutes: cards[index].reading_minutes,
            image: source.front.image.clone(),
            body_html: source.body.html.clone(),
            previous: articles.get(index + 1).map(|s| link(s)),
            next: index.checked_sub(1).map(|i| link(articles[i])),
            related: related
                .of(index)
                .into_iter()
                .map(|i| cards[i].clone())
                .collect(),
            comments: comments.get(&source.slug).cloned().unwrap_or_default(),
        };
        let route = Route::article(source.slug.clone());
        files.insert(file_of(&route), to_json(&article));
        pages.push(route);
    }

    let mut listings = Listings {
        files: &mut files,
        pages: &mut pages,
        per_page,
    };
    listings.paginate(Route::HOME, None, cards.iter().collect());
    for (slug, name) in &categories {
        let items = cards.iter().filter(|c| c.category.slug == *slug).collect();
        listings.paginate(Route::category(slug.clone(), 1), Some(name), items);
    }
    for (slug, name) in &tags {
        let items = articles
            .iter()
            .zip(&cards)
            .filter(|(s, _)| s.tag_slugs.contains(slug))
            .map(|(_, c)| c)
            .collect();
        listings.paginate(Route::tag(slug.clone(), 1), Some(name), items);
    }

    let entries: Vec<seo::Entry<'_>> = articles
        .iter()
        .zip(&cards)
        .map(|(source, card)| seo::Entry {
            slug: &source.slug,
            title: &source.front.title,
            date: &source.front.date,
            updated: source.front.updated.as_deref(),
            author: source.front.author.as_deref().unwrap_or(&config.author),
            excerpt: &card.excerpt,
            body_html: &source.body.html,
        })
        .collect();
    let archives: Vec<Route> = categories
        .keys()
        .map(|slug| Route::category(slug.clone(), 1))
        .chain(tags.keys().map(|slug| Route::tag(slug.clone(), 1)))
        .collect();
    files.extend(seo::files(&config, &entries, &archives));
    pages.sort();
    files.insert(
        Manifest::PATH.trim_start_matches('/').to_owned(),
        to_json(&Manifest { pages }),
    );

    let summary = Summary {
        articles: articles.len(),
        drafts: drafts.len(),
        categories: categories.len(),
        tags: tags.len(),
    };
    Ok(Output { files, summary })
}

/// Writes `output` under `out_dir/data`, replacing what was there only once
/// every file has been written.
pub fn publish(output: &Output, out_dir: &Path) -> Result<()> {
    let staging = out_dir.join(format!(".wellpress-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    for (path, contents) in &output.files {
        let target = staging.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        fs::write(&target, contents).with_context(|| format!("writing {}", target.display()))?;
    }
    // Everything is written; now swap it in: the data folder whole, then
    // the files beside it.
    let data = out_dir.join("data");
    if data.exists() {
        fs::remove_dir_all(&data)
            .with_context(|| format!("removing the old {}", data.display()))?;
    }
    for entry in fs::read_dir(&staging).with_context(|| format!("reading {}", staging.display()))? {
        let entry = entry?;
        let target = out_dir.join(entry.file_name());
        fs::rename(entry.path(), &target)
            .with_context(|| format!("moving {} into place", target.display()))?;
    }
    fs::remove_dir(&staging).with_context(|| format!("removing {}", staging.display()))?;
    Ok(())
}

fn read_config(root: &Path, problems: &mut Vec<Problem>) -> Result<Option<SiteConfig>> {
    let file = Path::new("content/site.toml");
    let text = fs::read_to_string(root.join(file)).with_context(|| {
        format!(
            "reading {}: every site needs one (name, tagline, base_url, author, promo)",
            file.display()
        )
    })?;
    match toml::from_str::<SiteConfig>(&text) {
        Ok(mut config) => {
            config.base_url = config.base_url.trim_end_matches('/').to_owned();
            if !config.base_url.starts_with("http://") && !config.base_url.starts_with("https://") {
                problems.push(Problem::new(
                    file,
                    line_of_text(&text, "base_url"),
                    "`base_url` must be the site's full address, like https://example.org",
                ));
            }
            if config.per_page == 0 {
                problems.push(Problem::new(
                    file,
                    line_of_text(&text, "per_page"),
                    "`per_page` must be at least 1",
                ));
            }
            Ok(Some(config))
        }
        Err(error) => {
            let line = error
                .span()
                .map_or(1, |span| text[..span.start].matches('\n').count() + 1);
            problems.push(Problem::new(
                file,
                line,
                format!(
                    "{}: see the comments in the file for each setting",
                    error.message().trim_end_matches('.')
                ),
            ));
            Ok(None)
        }
    }
}

/// Articles, draft slugs, and slugs of files too broken to read (reported
/// already, so links to them are not reported again).
type Articles = (Vec<Source>, HashSet<String>, HashSet<String>);

fn read_articles(root: &Path, problems: &mut Vec<Problem>) -> Result<Articles> {
    let dir = Path::new("content/articles");
    let mut names: Vec<PathBuf> = fs::read_dir(root.join(dir))
        .with_context(|| format!("reading the folder {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("listing {}", dir.display()))?;
    names.retain(|p| p.extension().is_some_and(|e| e == "md"));
    names.sort();

    let mut sources = Vec::new();
    let mut drafts = HashSet::new();
    let mut unreadable = HashSet::new();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for path in names {
        let file = dir.join(path.file_name().unwrap_or_default());
        let bytes = fs::read(&path).with_context(|| format!("reading {}", file.display()))?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
                let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
                problems.push(Problem::new(
                    &file,
                    line,
                    "this file is not UTF-8 text: save it with UTF-8 encoding",
                ));
                continue;
            }
        };
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let slug = slugify(&stem);
        if slug.is_empty() {
            problems.push(Problem::new(&file, 1, "the file name has no letters or digits to make a URL from: rename it, like `my-article.md`"));
            continue;
        }
        if let Some(first) = slugs.get(&slug) {
            problems.push(Problem::new(
                &file,
                1,
                format!(
                    "this file would publish at /{slug}/, like {}: rename one of them",
                    first.display()
                ),
            ));
            continue;
        }
        slugs.insert(slug.clone(), file.clone());

        let parsed = front_matter::split(&file, &text)
            .map_err(|problem| vec![problem])
            .and_then(|split| Ok((front_matter::parse(&file, &split)?, split)));
        let (front, split) = match parsed {
            Ok(parsed) => parsed,
            Err(found) => {
                problems.extend(found);
                unreadable.insert(slug);
                continue;
            }
        };
        if front.draft {
            drafts.insert(slug);
            continue;
        }
        let body = markdown::render(split.body, split.body_line);
        let category_slug = slugify(&front.category);
        let tag_slugs = front.tags.iter().map(|t| slugify(t)).collect();
        sources.push(Source {
            file,
            slug,
            front,
            body,
            category_slug,
            tag_slugs,
        });
    }
    Ok((sources, drafts, unreadable))
}

/// Display names by slug, reporting two spellings that share one URL.
fn unique_names(
    articles: &[&Source],
    names: impl Fn(&Source) -> Vec<(String, usize)>,
    kind: &str,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, String> {
    let mut seen: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
    // Oldest first, so the spelling that came first is the one kept.
    for source in articles.iter().rev() {
        for (name, line) in names(source) {
            let slug = slugify(&name);
            if slug.is_empty() {
                problems.push(Problem::new(
                    &source.file,
                    line,
                    format!("the {kind} `{name}` has no letters or digits to make a URL from"),
                ));
                continue;
            }
            match seen.get(&slug) {
                Some((first, file)) if *first != name => problems.push(Problem::new(
                    &source.file,
                    line,
                    format!(
                        "the {kind} `{name}` and `{first}` (in {}) would share /{kind}/{slug}/: spell them the same",
                        file.display()
                    ),
                )),
                Some(_) => {}
                None => {
                    seen.insert(slug, (name, source.file.clone()));
                }
            }
        }
    }
    seen.into_iter()
        .map(|(slug, (name, _))| (slug, name))
        .collect()
}

/// Everything a site path may point at.
struct LinkTargets<'a> {
    articles: HashSet<String>,
    drafts: &'a HashSet<String>,
    unreadable: &'a HashSet<String>,
    home_pages: usize,
    categories: HashMap<String, usize>,
    tags: HashMap<String, usize>,
    public: PathBuf,
}

impl LinkTargets<'_> {
    /// Whether `href` (a site path) leads to a page or file the build makes.
    fn check(&self, href: &str) -> Result<(), String> {
        if !href.starts_with('/') {
            return Err(if href.contains(':') {
                format!(
                    "`{href}` is not a web address: links may be https://…, mailto:…, tel:… or site paths like /napping-well/"
                )
            } else {
                format!(
                    "`{href}` is relative to the article: write site links from the root, like /{}",
                    href.trim_start_matches("./")
                )
            });
        }
        let path = href.split(['#', '?']).next().unwrap_or_default();
        let last = path.rsplit('/').next().unwrap_or_default();
        if last.contains('.') {
            return if self.public.join(path.trim_start_matches('/')).is_file() {
                Ok(())
            } else {
                Err(format!(
                    "`{href}` is not a file in public/: add the file, or fix the path"
                ))
            };
        }
        let within = |pages: Option<&usize>, page: u32| pages.is_some_and(|n| page as usize <= *n);
        let found = match Route::parse(path) {
            None => false,
            Some(Route::Home { page }) => within(Some(&self.home_pages), page),
            Some(Route::Category { slug, page }) => within(self.categories.get(&slug), page),
            Some(Route::Tag { slug, page }) => within(self.tags.get(&slug), page),
            Some(Route::Article { slug }) if self.drafts.contains(&slug) => {
                return Err(format!(
                    "`{href}` links to a draft: publish that article, or remove the link"
                ));
            }
            Some(Route::Article { slug }) => {
                self.articles.contains(&slug) || self.unreadable.contains(&slug)
            }
        };
        if found {
            Ok(())
        } else {
            Err(format!(
                "`{href}` does not lead to any page of the site: {}",
                wellpress_types::LINK_SHAPES
            ))
        }
    }
}

fn check_nav(
    root: &Path,
    config: &SiteConfig,
    links: &LinkTargets<'_>,
    problems: &mut Vec<Problem>,
) {
    let file = Path::new("content/site.toml");
    let text = fs::read_to_string(root.join(file)).unwrap_or_default();
    let site_paths = config
        .nav
        .iter()
        .map(|n| &n.href)
        .chain([&config.promo.button_href]);
    for href in site_paths.filter(|h| h.starts_with('/') && !h.starts_with("//")) {
        if let Err(message) = links.check(href) {
            problems.push(Problem::new(
                file,
                line_of_text(&text, &format!("\"{href}\"")),
                message,
            ));
        }
    }
}

fn line_of_text(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(1, |i| i + 1)
}

fn card(source: &Source, comment_count: u32) -> ArticleCard {
    ArticleCard {
        slug: source.slug.clone(),
        title: source.front.title.clone(),
        excerpt: source
            .front
            .excerpt
            .clone()
            .unwrap_or_else(|| source.body.derived_excerpt()),
        category: CategoryRef {
            name: source.front.category.clone(),
            slug: source.category_slug.clone(),
        },
        date: source.front.date.clone(),
        reading_minutes: source.body.reading_minutes(),
        comment_count,
    }
}

/// Finds related articles through indexes by category and tag, so a site
/// of thousands of articles does not compare every pair.
struct Related<'a> {
    articles: &'a [&'a Source],
    by_category: HashMap<&'a str, Vec<usize>>,
    by_tag: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Related<'a> {
    fn new(articles: &'a [&'a Source]) -> Self {
        let mut by_category: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, source) in articles.iter().enumerate() {
            by_category
                .entry(&source.category_slug)
                .or_default()
                .push(i);
            for tag in &source.tag_slugs {
                by_tag.entry(tag).or_default().push(i);
            }
        }
        Self {
            articles,
            by_category,
            by_tag,
        }
    }

    /// Indexes of the articles related to `articles[index]`: same category
    /// first, then most shared tags, then the newest; never itself.
    fn of(&self, index: usize) -> Vec<usize> {
        let this = self.articles[index];
        let mut scores: HashMap<usize, (bool, usize)> = HashMap::new();
        for &i in &self.by_category[this.category_slug.as_str()] {
            scores.entry(i).or_default().0 = true;
        }
        for tag in &this.tag_slugs {
            for &i in &self.by_tag[tag.as_str()] {
                scores.entry(i).or_default().1 += 1;
            }
        }
        scores.remove(&index);
        let mut ranked: Vec<(bool, usize, usize)> = scores
            .into_iter()
            .map(|(i, (same, shared))| (same, shared, i))
            .collect();
        // Articles are newest first, so a lower index breaks ties by recency.
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut chosen: Vec<usize> = ranked
            .into_iter()
            .take(RELATED)
            .map(|(_, _, i)| i)
            .collect();
        for i in 0..self.articles.len() {
            if chosen.len() >= RELATED {
                break;
            }
            if i != index && !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen
    }
}

/// Where the JSON of a page goes, under the output folder.
fn file_of(route: &Route) -> String {
    route.data_path().trim_start_matches('/').to_owned()
}

/// The listing pages being published, and the manifest they go into.
struct Listings<'a> {
    files: &'a mut BTreeMap<String, String>,
    pages: &'a mut Vec<Route>,
    per_page: usize,
}

impl Listings<'_> {
    /// Publishes `items` as the pages of the listing whose first page is
    /// `first`: always at least one page, even an empty one.
    fn paginate(&mut self, first: Route, name: Option<&String>, items: Vec<&ArticleCard>) {
        let per_page = self.per_page;
        let total_items = items.len();
        let total_pages = total_items.div_ceil(per_page).max(1);
        for page in 1..=total_pages {
            let listing = ListingPage {
                name: name.cloned(),
                page: page as u32,
                total_pages: total_pages as u32,
                total_items: total_items as u32,
                items: items
                    .iter()
                    .skip((page - 1) * per_page)
                    .take(per_page)
                    .map(|c| (*c).clone())
                    .collect(),
            };
            let route = first.with_page(page as u32);
            self.files.insert(file_of(&route), to_json(&listing));
            self.pages.push(route);
        }
    }
}

fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("published types always serialise")
}
