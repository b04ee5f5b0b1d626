//! The last step: the model written out as the files the site publishes,
//! by path: each article's JSON, each listing page's, the sitemap, the
//! feed, `robots.txt`, and the manifest of every page (`data/pages.json`).

use std::{collections::BTreeMap, fs, path::Path, time::Instant};

use anyhow::{Context, Result};
use serde::Serialize;
use wellpress_search::{Document, DocumentCategory};
use wellpress_types::{
    Article, ArticleCard, ArticleLink, ListingPage, Manifest, Page, Route, SEARCH_FOLDER,
    SiteConfig, TagRef,
};

use crate::{
    images::{Catalogue, ImageStats},
    load::{Loaded, Source},
    model::{Model, Related},
    seo,
    slug::slugify,
};

/// The site, checked and ready to write.
#[derive(Debug)]
pub struct Output {
    /// Every file to publish, by path under the output folder (`data/...`).
    pub files: BTreeMap<String, String>,
    /// Counts for the build log.
    pub summary: Summary,
    /// The site's images, whose copies are published with the files.
    pub images: Catalogue,
    /// The search index's files, by path under the output folder
    /// (`data/search/...`).
    pub search: BTreeMap<String, Vec<u8>>,
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
    /// Files of the search index.
    pub search_files: usize,
    /// Their bytes.
    pub search_bytes: usize,
    /// Milliseconds spent building it.
    pub search_ms: u128,
    /// Published pages (About, Privacy).
    pub pages: usize,
    /// Drafts of pages, left out.
    pub page_drafts: usize,
}

/// Every file of the site, from its model.
pub fn output(loaded: &Loaded, model: &Model<'_>) -> Output {
    let config: &SiteConfig = &loaded.config;
    let Model {
        articles,
        categories,
        tags,
        comments,
        cards,
        bylines,
        reviews,
        per_page,
    } = model;
    let per_page = *per_page;
    let mut files = BTreeMap::new();
    let mut pages = Vec::new();
    let related = Related::new(articles);
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
            category_parents: categories.parents(&source.category_slug),
            tags: source
                .front
                .tags
                .iter()
                .map(|t| TagRef {
                    name: t.clone(),
                    slug: slugify(t),
                })
                .collect(),
            author: bylines[index].clone(),
            review: reviews[index].clone(),
            date: source.front.date.clone(),
            updated: source.front.updated.clone(),
            reading_minutes: cards[index].reading_minutes,
            image: source.image.clone(),
            body_html: source.body.html.clone(),
            outline: source.body.outline.clone(),
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

    for source in &loaded.pages.sources {
        let page = Page {
            slug: source.slug.clone(),
            title: source.title.clone(),
            description: source
                .description
                .clone()
                .unwrap_or_else(|| source.body.derived_excerpt()),
            body_html: source.body.html.clone(),
        };
        let route = Route::site_page(source.slug.clone());
        files.insert(file_of(&route), to_json(&page));
        pages.push(route);
    }

    let mut listings = Listings {
        files: &mut files,
        pages: &mut pages,
        per_page,
    };
    let named = |name: &String| ListingPage {
        name: Some(name.clone()),
        ..ListingPage::default()
    };
    listings.paginate(Route::HOME, &ListingPage::default(), cards.iter().collect());
    for (slug, category) in &categories.0 {
        let items = cards
            .iter()
            .filter(|c| categories.lists(slug, &c.category.slug))
            .collect();
        let about = ListingPage {
            parents: categories.parents(slug),
            description: category.description.clone(),
            ..named(&category.name)
        };
        listings.paginate(Route::category(slug.clone(), 1), &about, items);
    }
    for (slug, name) in tags {
        let items = articles
            .iter()
            .zip(cards)
            .filter(|(s, _)| s.tag_slugs.contains(slug))
            .map(|(_, c)| c)
            .collect();
        listings.paginate(Route::tag(slug.clone(), 1), &named(name), items);
    }
    for (slug, author) in &loaded.authors {
        let wanted = Some(slug.as_str());
        let items = cards
            .iter()
            .zip(bylines.iter().zip(reviews))
            .filter(|(_, (by, review))| {
                by.slug.as_deref() == wanted
                    || review
                        .as_ref()
                        .is_some_and(|r| r.by.slug.as_deref() == wanted)
            })
            .map(|(card, _)| card)
            .collect();
        let about = ListingPage {
            author: Some(author.person.clone()),
            ..named(&author.person.name)
        };
        listings.paginate(Route::author(slug, 1), &about, items);
    }

    let entries: Vec<seo::Entry<'_>> = articles
        .iter()
        .zip(cards)
        .zip(bylines)
        .map(|((source, card), byline)| seo::Entry {
            slug: &source.slug,
            title: &source.front.title,
            date: &source.front.date,
            updated: source.front.updated.as_deref(),
            author: &byline.name,
            excerpt: &card.excerpt,
            body_html: &source.body.html,
        })
        .collect();
    let archives: Vec<Route> = categories
        .0
        .keys()
        .map(|slug| Route::category(slug.clone(), 1))
        .chain(tags.keys().map(|slug| Route::tag(slug.clone(), 1)))
        .chain(
            loaded
                .authors
                .keys()
                .map(|slug| Route::author(slug.clone(), 1)),
        )
        .chain(
            loaded
                .pages
                .sources
                .iter()
                .map(|page| Route::site_page(page.slug.clone())),
        )
        .collect();
    files.extend(seo::files(config, &entries, &archives));
    pages.sort();
    files.insert(
        Manifest::PATH.trim_start_matches('/').to_owned(),
        to_json(&Manifest { pages }),
    );

    let started = Instant::now();
    let index = wellpress_search::write(&search_documents(articles, cards));
    let search_ms = started.elapsed().as_millis();
    let folder = SEARCH_FOLDER.trim_start_matches('/');
    let summary = Summary {
        articles: articles.len(),
        drafts: loaded.drafts.len(),
        categories: categories.0.len(),
        tags: tags.len(),
        search_files: index.files.len(),
        search_bytes: index.bytes(),
        search_ms,
        pages: loaded.pages.sources.len(),
        page_drafts: loaded.pages.drafts.len(),
    };
    Output {
        files,
        summary,
        images: Catalogue::default(),
        search: index
            .files
            .into_iter()
            .map(|(path, bytes)| (format!("{folder}{path}"), bytes))
            .collect(),
    }
}

/// What search indexes of each published article (drafts never reach the
/// model): its title, headings and text, and what a result shows.
fn search_documents(articles: &[&Source], cards: &[ArticleCard]) -> Vec<Document> {
    articles
        .iter()
        .zip(cards)
        .map(|(source, card)| Document {
            slug: source.slug.clone(),
            title: source.front.title.clone(),
            date: source.front.date.clone(),
            category: DocumentCategory {
                slug: card.category.slug.clone(),
                name: card.category.name.clone(),
            },
            headings: article_headings(&source.body)
                .iter()
                .map(|h| h.text.clone())
                .collect(),
            text: source.body.text.clone(),
            excerpt: card.excerpt.clone(),
            draft: false,
        })
        .collect()
}

/// Writes `output` under `out_dir/data`, replacing what was there only once
/// every file has been written, and the copies of its images under
/// `out_dir/images/_v`, encoding only those not in `image_cache` yet. An
/// image that cannot be decoded stops it before anything is written.
pub fn publish(output: &Output, out_dir: &Path, image_cache: &Path) -> Result<ImageStats> {
    let images = output.images.publish(out_dir, image_cache)?;
    let staging = out_dir.join(format!(".wellpress-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let binary = output.search.iter().map(|(p, b)| (p, b.as_slice()));
    for (path, contents) in output
        .files
        .iter()
        .map(|(p, s)| (p, s.as_bytes()))
        .chain(binary)
    {
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
    Ok(images)
}

/// The headings the author wrote: the outline ends with "Sources" when the
/// article cites any, a heading the build adds.
fn article_headings(body: &crate::markdown::Body) -> &[wellpress_types::Heading] {
    let added = usize::from(body.html.contains("<section class=\"sources\""));
    &body.outline[..body.outline.len().saturating_sub(added)]
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
    /// `first`, each saying what `about` says of the listing (its name,
    /// author, parents, description): always at least one page, even an
    /// empty one.
    fn paginate(&mut self, first: Route, about: &ListingPage, items: Vec<&ArticleCard>) {
        let per_page = self.per_page;
        let total_items = items.len();
        let total_pages = total_items.div_ceil(per_page).max(1);
        for page in 1..=total_pages {
            let listing = ListingPage {
                page: page as u32,
                total_pages: total_pages as u32,
                total_items: total_items as u32,
                items: items
                    .iter()
                    .skip((page - 1) * per_page)
                    .take(per_page)
                    .map(|c| (*c).clone())
                    .collect(),
                ..about.clone()
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
