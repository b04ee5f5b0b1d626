//! The first step: the site's settings and articles read from `content/`,
//! each problem noted with its file and line.

use std::{
    collections::{HashMap, HashSet},
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};
use rayon::prelude::*;
use wellpress_types::{Image, Route, SiteConfig};

use crate::{
    authors::{self, Author},
    categories::{self, Listing},
    front_matter::{self, FrontMatter},
    images::Catalogue,
    markdown::{self, Body},
    pages::{self, Pages},
    problem::Problem,
    slug::slugify,
};

/// What `content/` holds, read: the settings, every readable article and
/// the images under `public/images/`.
pub struct Loaded {
    /// `content/site.toml`, with the base path in `base_url`.
    pub config: SiteConfig,
    /// The articles to publish, in no particular order.
    pub sources: Vec<Source>,
    /// Slugs of drafts, left out.
    pub drafts: HashSet<String>,
    /// Slugs of files too broken to read (reported already, so links to
    /// them are not reported again).
    pub unreadable: HashSet<String>,
    /// The authors' files, by slug.
    pub authors: std::collections::BTreeMap<String, Author>,
    /// The pages of `content/pages/` (About, Privacy).
    pub pages: Pages,
    /// What `content/categories.toml` says of categories.
    pub categories: Listing,
    /// The site's images, measured.
    pub images: Catalogue,
}

/// Reads `root/content` for a site served under `public_url`: site paths
/// in article bodies get the base path. `None` when the settings cannot be
/// used (the problems say why).
pub fn load(root: &Path, public_url: &str, problems: &mut Vec<Problem>) -> Result<Option<Loaded>> {
    let config = read_config(root, problems)?;
    let images = Catalogue::read(root, problems)?;
    let (mut sources, drafts, unreadable, article_files) = read_articles(root, &images, problems)?;
    let mut pages = pages::read(root, &images, problems)?;
    for (slug, file) in &pages.files {
        if let Some(article) = article_files.get(slug) {
            problems.push(Problem::new(
                file,
                1,
                format!(
                    "this page would publish at /{slug}/, like the article {}: rename one of them",
                    article.display()
                ),
            ));
        }
    }
    let mut authors = authors::read(root, problems)?;
    let categories = categories::read(root, problems)?;
    for author in authors.values_mut() {
        if let Some(photo) = &mut author.person.photo {
            *photo = images.describe(photo);
        }
    }
    let Some(mut config) = config else {
        return Ok(None);
    };
    let base = wellpress_types::base_path(public_url);
    if !base.is_empty() {
        config.base_url = wellpress_types::site_address(&config.base_url, &base);
        let bodies = sources
            .iter_mut()
            .map(|s| &mut s.body)
            .chain(pages.sources.iter_mut().map(|p| &mut p.body));
        for body in bodies {
            body.html = markdown::with_base_path(&body.html, &base);
        }
    }
    Ok(Some(Loaded {
        config,
        sources,
        drafts,
        unreadable,
        authors,
        pages,
        categories,
        images,
    }))
}

/// One article as read from its file.
pub struct Source {
    pub file: PathBuf,
    pub slug: String,
    pub front: FrontMatter,
    pub body: Body,
    /// URL segment of the category, derived once.
    pub category_slug: String,
    /// URL segments of the tags, derived once.
    pub tag_slugs: Vec<String>,
    /// The hero image with its size and copies.
    pub image: Option<Image>,
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
            problems.push(Problem::from_toml(
                file,
                &text,
                &error,
                "see the comments in the file for each setting",
            ));
            Ok(None)
        }
    }
}

/// Articles, draft slugs, slugs of files too broken to read (reported
/// already, so links to them are not reported again), and the file of
/// every slug an article file takes.
type Articles = (
    Vec<Source>,
    HashSet<String>,
    HashSet<String>,
    HashMap<String, PathBuf>,
);

fn read_articles(root: &Path, images: &Catalogue, problems: &mut Vec<Problem>) -> Result<Articles> {
    let dir = Path::new("content/articles");
    let names = markdown_files(root, dir)?;

    // Each file is read, parsed and rendered on its own, on every core;
    // then the results are taken in file-name order, so that problems are
    // reported in the same order every time.
    let read: Vec<Result<One>> = names
        .par_iter()
        .map(|path| read_one(dir, path, images))
        .collect();
    let mut sources = Vec::new();
    let mut drafts = HashSet::new();
    let mut unreadable = HashSet::new();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for one in read {
        let One { file, slug, read } = one?;
        let Some(slug) = slug else {
            if let Read::Broken(found) = read {
                problems.extend(found);
            }
            continue;
        };
        if let Some(problem) = taken(&file, &slug, slugs.get(&slug)) {
            problems.push(problem);
            continue;
        }
        slugs.insert(slug.clone(), file.clone());
        match read {
            Read::Broken(found) => {
                problems.extend(found);
                unreadable.insert(slug);
            }
            Read::Draft => {
                drafts.insert(slug);
            }
            Read::Article(front, body) => {
                let category_slug = slugify(&front.category);
                let tag_slugs = front.tags.iter().map(|t| slugify(t)).collect();
                let image = front.image.as_ref().map(|i| images.describe(i));
                sources.push(Source {
                    file,
                    slug,
                    front: *front,
                    body,
                    category_slug,
                    tag_slugs,
                    image,
                });
            }
        }
    }
    Ok((sources, drafts, unreadable, slugs))
}

/// One article file, read.
struct One {
    /// The file, as the author knows it.
    file: PathBuf,
    /// Where it would publish; none when its name or text is unusable.
    slug: Option<String>,
    /// What it holds.
    read: Read,
}

enum Read {
    /// Problems that keep it from being read.
    Broken(Vec<Problem>),
    /// A draft, left out.
    Draft,
    /// An article to publish.
    Article(Box<FrontMatter>, Body),
}

fn read_one(dir: &Path, path: &Path, images: &Catalogue) -> Result<One> {
    let (file, slug, text) = match read_text(dir, path)? {
        Ok(read) => read,
        Err((file, slug, problem)) => {
            return Ok(One {
                file,
                slug,
                read: Read::Broken(vec![problem]),
            });
        }
    };
    let parsed = front_matter::split(&file, &text)
        .map_err(|problem| vec![problem])
        .and_then(|split| Ok((front_matter::parse(&file, &split)?, split)));
    let read = match parsed {
        Err(found) => Read::Broken(found),
        Ok((front, _)) if front.draft => Read::Draft,
        Ok((front, split)) => match render_body(&file, &split, images) {
            Ok(body) => Read::Article(Box::new(front), body),
            Err(found) => Read::Broken(found),
        },
    };
    Ok(One {
        file,
        slug: Some(slug),
        read,
    })
}

/// The problem of `file` when its `slug` is taken already, by `first`.
pub(crate) fn taken(file: &Path, slug: &str, first: Option<&PathBuf>) -> Option<Problem> {
    first.map(|first| {
        Problem::new(
            file,
            1,
            format!(
                "this file would publish at /{slug}/, like {}: rename one of them",
                first.display()
            ),
        )
    })
}

/// A Markdown file of `dir` (`content/articles`, `content/pages`): the
/// file as the author knows it, the slug it publishes at, and its text.
pub(crate) type Text = (PathBuf, String, String);

/// What keeps a Markdown file from being read: the file, its slug when
/// its name makes one, and the problem.
pub(crate) type Unreadable = (PathBuf, Option<String>, Problem);

/// Reads the Markdown file at `path` in `dir` as text, with the slug its
/// name makes, which must be one the site does not keep for itself.
pub(crate) fn read_text(dir: &Path, path: &Path) -> Result<Result<Text, Unreadable>> {
    let file = dir.join(path.file_name().unwrap_or_default());
    let bytes = fs::read(path).with_context(|| format!("reading {}", file.display()))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let problem = Problem::new(
                &file,
                line,
                "this file is not UTF-8 text: save it with UTF-8 encoding",
            );
            return Ok(Err((file, None, problem)));
        }
    };
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let slug = slugify(&stem);
    if slug.is_empty() {
        let problem = Problem::new(
            &file,
            1,
            "the file name has no letters or digits to make a URL from: rename it, like `my-article.md`",
        );
        return Ok(Err((file, None, problem)));
    }
    if Route::is_reserved(&slug) {
        let problem = Problem::new(
            &file,
            1,
            format!(
                "this file would publish at /{slug}/, an address the site uses for its own pages: rename it, like `{slug}-guide.md`"
            ),
        );
        return Ok(Err((file, None, problem)));
    }
    Ok(Ok((file, slug, text)))
}

/// The Markdown body after the front matter, rendered with its images as
/// pictures; every problem in it with its line.
pub(crate) fn render_body(
    file: &Path,
    split: &front_matter::Split<'_>,
    images: &Catalogue,
) -> Result<Body, Vec<Problem>> {
    let body = markdown::render_with_images(split.body, split.body_line, &|src, alt, title| {
        images.picture_html(src, alt, title)
    });
    if body.problems.is_empty() {
        Ok(body)
    } else {
        Err(body
            .problems
            .iter()
            .map(|(message, line)| Problem::new(file, *line, message.clone()))
            .collect())
    }
}

/// The `.md` files of the folder `dir` under `root`, by name.
pub(crate) fn markdown_files(root: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut names: Vec<PathBuf> = fs::read_dir(root.join(dir))
        .with_context(|| format!("reading the folder {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("listing {}", dir.display()))?;
    names.retain(|p| p.extension().is_some_and(|e| e == "md"));
    names.sort();
    Ok(names)
}

pub(crate) fn line_of_text(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(1, |i| i + 1)
}
