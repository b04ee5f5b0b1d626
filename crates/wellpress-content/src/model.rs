//! The second step: the site as readers will find it. Articles newest
//! first; categories and tags, each with one spelling; which pages exist,
//! so that every link and image in the content is checked; the approved
//! comments; cards and related articles.

use std::{
    cell::RefCell,
    collections::{BTreeMap, HashMap, HashSet},
    fs,
    path::{Path, PathBuf},
};

use anyhow::Result;
use wellpress_types::{ArticleCard, Comment, Person, Review, Route, SiteConfig};

use crate::{
    authors,
    categories::{self, Tree},
    comments,
    load::{Loaded, Source, line_of_text},
    markdown,
    problem::{Problem, closest},
    slug::slugify,
};

/// Related articles shown under each article.
const RELATED: usize = 4;
/// The widest copy of a hero image that a card's thumbnail offers: a card
/// is about 20rem wide, so this is enough at twice the density.
const THUMBNAIL_WIDTH: u32 = 800;

/// The site, ready to be written out.
pub struct Model<'a> {
    /// The published articles, newest first.
    pub articles: Vec<&'a Source>,
    /// The categories with an archive (at least one article of their own
    /// or of a category under them), by slug.
    pub categories: Tree,
    /// Tag display names by slug.
    pub tags: BTreeMap<String, String>,
    /// Approved comments by article slug.
    pub comments: BTreeMap<String, Vec<Comment>>,
    /// Each article's card, in the order of `articles`.
    pub cards: Vec<ArticleCard>,
    /// Each article's author, in the order of `articles`.
    pub bylines: Vec<Person>,
    /// Each article's medical review, in the order of `articles`.
    pub reviews: Vec<Option<Review>>,
    /// Articles per listing page.
    pub per_page: usize,
}

impl<'a> Model<'a> {
    /// Builds the model of `loaded`, noting every broken link, image,
    /// navigation entry and comment in `problems`.
    pub fn new(root: &Path, loaded: &'a Loaded, problems: &mut Vec<Problem>) -> Result<Self> {
        let config = &loaded.config;
        let mut articles: Vec<&Source> = loaded.sources.iter().collect();
        articles.sort_by(|a, b| {
            b.front
                .date
                .cmp(&a.front.date)
                .then_with(|| a.front.title.cmp(&b.front.title))
        });

        let named = unique_names(
            &articles,
            |s| vec![(s.front.category.clone(), s.front.lines.category)],
            "category",
            problems,
        );
        let mut categories = categories::resolve(&loaded.categories, &named, problems);
        categories.0 = categories
            .0
            .iter()
            .filter(|(slug, _)| {
                articles
                    .iter()
                    .any(|a| categories.lists(slug, &a.category_slug))
            })
            .map(|(slug, category)| (slug.clone(), category.clone()))
            .collect();
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
            problems,
        );

        let per_page = config.per_page.max(1) as usize;
        let pages = |count: usize| count.div_ceil(per_page).max(1);
        let count_in = |pred: &dyn Fn(&Source) -> bool| articles.iter().filter(|s| pred(s)).count();
        let mut links = LinkTargets {
            articles: articles.iter().map(|s| s.slug.clone()).collect(),
            drafts: &loaded.drafts,
            unreadable: &loaded.unreadable,
            home_pages: pages(articles.len()),
            categories: categories
                .0
                .keys()
                .map(|slug| {
                    (
                        slug.clone(),
                        pages(count_in(&|s| categories.lists(slug, &s.category_slug))),
                    )
                })
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
            authors: loaded.authors.keys().cloned().collect(),
            author_pages: HashMap::new(),
            pages: loaded
                .pages
                .sources
                .iter()
                .map(|p| p.slug.clone())
                .collect(),
            page_drafts: &loaded.pages.drafts,
            public: root.join("public"),
        };
        let (bylines, reviews) = people(loaded, &articles, problems);
        for (slug, author) in &loaded.authors {
            let count = bylines
                .iter()
                .zip(&reviews)
                .filter(|(by, review)| {
                    by.slug.as_deref() == Some(slug)
                        || review
                            .as_ref()
                            .is_some_and(|r| r.by.slug.as_deref() == Some(slug))
                })
                .count();
            links.author_pages.insert(slug.clone(), pages(count));
            if let Some(photo) = &author.person.photo
                && !markdown::is_external(&photo.src)
                && let Err(message) = links.check(&photo.src)
            {
                problems.push(Problem::new(
                    &author.file,
                    author.photo_line,
                    format!("photo {message}"),
                ));
            }
        }
        let bodies = articles
            .iter()
            .map(|s| (&s.file, &s.body))
            .chain(loaded.pages.sources.iter().map(|p| (&p.file, &p.body)));
        for (file, body) in bodies {
            for (href, line) in &body.internal_links {
                if let Err(message) = links.check(href) {
                    problems.push(Problem::new(file, *line, message));
                }
            }
        }
        for source in &articles {
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
        check_settings(root, config, &links, problems);
        let comments = comments::read(root, &links.articles, &loaded.drafts, problems)?;
        let count = |slug: &str| {
            comments
                .get(slug)
                .map_or(0, |c| u32::try_from(c.len()).unwrap_or(u32::MAX))
        };
        let cards = articles
            .iter()
            .map(|s| card(s, &categories, count(&s.slug)))
            .collect();
        Ok(Self {
            articles,
            categories,
            tags,
            comments,
            cards,
            bylines,
            reviews,
            per_page,
        })
    }
}

/// Each article's author and review, in the order of `articles`, with
/// every byline or reviewer that names no author file reported.
fn people(
    loaded: &Loaded,
    articles: &[&Source],
    problems: &mut Vec<Problem>,
) -> (Vec<Person>, Vec<Option<Review>>) {
    let authors = &loaded.authors;
    let site_byline = authors::byline(authors, &loaded.config.author)
        .unwrap_or_else(|_| Person::named(loaded.config.author.clone()));
    let mut bylines = Vec::with_capacity(articles.len());
    let mut reviews = Vec::with_capacity(articles.len());
    for source in articles {
        let front = &source.front;
        bylines.push(match front.author.as_deref() {
            None => site_byline.clone(),
            Some(written) => authors::byline(authors, written).unwrap_or_else(|message| {
                problems.push(Problem::new(&source.file, front.lines.author, message));
                Person::named(written)
            }),
        });
        reviews.push(front.review.as_ref().and_then(|(by, date)| {
            match authors::reviewer(authors, by) {
                Ok(by) => Some(Review {
                    by,
                    date: date.clone(),
                }),
                Err(message) => {
                    problems.push(Problem::new(&source.file, front.lines.reviewed_by, message));
                    None
                }
            }
        }));
    }
    (bylines, reviews)
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
    /// Author files' slugs.
    authors: HashSet<String>,
    /// Pages of each author's archive.
    author_pages: HashMap<String, usize>,
    /// Published pages' slugs (About, Privacy).
    pages: HashSet<String>,
    page_drafts: &'a HashSet<String>,
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
            Some(Route::Author { slug, page }) => {
                within(self.author_pages.get(&slug), page)
                    || (page == 1 && self.authors.contains(&slug))
            }
            Some(Route::Article { slug } | Route::Page { slug })
                if self.drafts.contains(&slug) || self.page_drafts.contains(&slug) =>
            {
                return Err(format!(
                    "`{href}` links to a draft: publish that article or page, or remove the link"
                ));
            }
            Some(Route::Article { slug } | Route::Page { slug }) => {
                self.articles.contains(&slug)
                    || self.unreadable.contains(&slug)
                    || self.pages.contains(&slug)
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

/// The site paths in `content/site.toml` (navigation, promo button) must
/// lead somewhere, and every name in `footer_pages` must be a published
/// page of `content/pages/`, with the closest one suggested for a typo.
fn check_settings(
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
    let mut known: Vec<&str> = links.pages.iter().map(String::as_str).collect();
    known.sort_unstable();
    for name in &config.footer_pages {
        if links.pages.contains(name) {
            continue;
        }
        let message = if links.page_drafts.contains(name) {
            format!(
                "`footer_pages` names `{name}`, a draft: publish {}/{name}.md, or take it out of the list",
                crate::pages::FOLDER
            )
        } else {
            let hint = match closest(name, &known) {
                Some(near) => format!(
                    "did you mean `{near}` ({}/{near}.md)?",
                    crate::pages::FOLDER
                ),
                None if known.is_empty() => format!(
                    "the site has no pages yet: add {}/{name}.md",
                    crate::pages::FOLDER
                ),
                None => format!("the pages are {}", known.join(", ")),
            };
            format!("`footer_pages` names `{name}`, which is no page: {hint}")
        };
        let line = line_of_text(&text, &format!("\"{name}\""));
        problems.push(Problem::new(file, line, message));
    }
}

pub(crate) fn card(source: &Source, categories: &Tree, comment_count: u32) -> ArticleCard {
    ArticleCard {
        slug: source.slug.clone(),
        title: source.front.title.clone(),
        excerpt: source
            .front
            .excerpt
            .clone()
            .unwrap_or_else(|| source.body.derived_excerpt()),
        category: categories.reference(&source.category_slug),
        date: source.front.date.clone(),
        reading_minutes: source.body.reading_minutes(),
        comment_count,
        image: source.image.as_ref().map(|i| i.at_most(THUMBNAIL_WIDTH)),
    }
}

/// Finds related articles through indexes by category and tag, so a site
/// of thousands of articles does not compare every pair.
pub(crate) struct Related<'a> {
    articles: &'a [&'a Source],
    by_category: HashMap<&'a str, Vec<usize>>,
    by_tag: HashMap<&'a str, Vec<usize>>,
    /// Each article's score while one article's related ones are chosen:
    /// same category, and tags shared. Reset after each use.
    scores: RefCell<Vec<(bool, u32)>>,
}

impl<'a> Related<'a> {
    pub(crate) fn new(articles: &'a [&'a Source]) -> Self {
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
            scores: RefCell::new(vec![(false, 0); articles.len()]),
        }
    }

    /// Indexes of the articles related to `articles[index]`: same category
    /// first, then most shared tags, then the newest; never itself.
    pub(crate) fn of(&self, index: usize) -> Vec<usize> {
        let this = self.articles[index];
        let mut scores = self.scores.borrow_mut();
        let mut touched = Vec::new();
        for &i in &self.by_category[this.category_slug.as_str()] {
            scores[i].0 = true;
            touched.push(i);
        }
        for tag in &this.tag_slugs {
            for &i in &self.by_tag[tag.as_str()] {
                if scores[i] == (false, 0) {
                    touched.push(i);
                }
                scores[i].1 += 1;
            }
        }
        let mut ranked: Vec<(bool, u32, usize)> = touched
            .iter()
            .filter(|&&i| i != index)
            .map(|&i| (scores[i].0, scores[i].1, i))
            .collect();
        for &i in &touched {
            scores[i] = (false, 0);
        }
        // Articles are newest first, so a lower index breaks ties by recency.
        let order = |a: &(bool, u32, usize), b: &(bool, u32, usize)| {
            b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
        };
        // Only the best few are needed: pick them, then put them in order.
        if ranked.len() > RELATED {
            ranked.select_nth_unstable_by(RELATED - 1, order);
            ranked.truncate(RELATED);
        }
        ranked.sort_by(order);
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
