//! What a page says about itself in the document head: title, description,
//! canonical URL, Open Graph and Twitter card tags, and JSON-LD. The same
//! component fills the head of the prerendered files and, in the browser,
//! keeps it right while the reader moves between pages.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};
use serde_json::{Value, json};
use wellpress_types::{Article, Person, Review, Route};

use crate::{routes, site};

pub use crate::components::breadcrumb::Crumb;

/// What kind of page the head describes.
#[derive(Debug, Clone, PartialEq)]
pub enum PageKind {
    /// The home page and its later pages.
    Home,
    /// A category or tag archive, or a page that is not an article.
    Listing,
    /// An article, with what JSON-LD says about it.
    Article(ArticleFacts),
    /// An author's page: who they are.
    Author(Person),
    /// A page of `content/pages/` (About, Privacy).
    Page,
    /// The page for unknown addresses: never indexed.
    NotFound,
    /// The search page: its results are not a page to index.
    Search,
}

/// What the head says about an article: its metadata, not its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFacts {
    /// The author, as in the byline.
    pub author: Person,
    /// The medical review, if any.
    pub review: Option<Review>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// Last update, if any.
    pub updated: Option<String>,
    /// The category's name.
    pub section: String,
    /// The tags' names.
    pub keywords: Vec<String>,
    /// The hero image's path from the site's root, if any.
    pub image: Option<String>,
    /// The hero image about 1200 pixels wide, in its original format,
    /// for link previews.
    pub preview: Option<String>,
}

impl ArticleFacts {
    /// The facts of an article.
    pub fn of(article: &Article) -> Self {
        Self {
            author: article.author.clone(),
            review: article.review.clone(),
            date: article.date.clone(),
            updated: article.updated.clone(),
            section: article.category.name.clone(),
            keywords: article.tags.iter().map(|t| t.name.clone()).collect(),
            image: article.image.as_ref().map(|i| i.src.clone()),
            preview: article.image.as_ref().map(|i| i.sized(1200).to_owned()),
        }
    }
}

/// Everything the head needs for one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageMeta {
    /// The page's own title; empty for the home page (the site name alone).
    pub title: String,
    /// The meta description.
    pub description: String,
    /// The page's address as served (`/sleep-debt/`, or `/blog/sleep-debt/`
    /// under a base path), as `routes` makes it.
    pub path: String,
    /// The breadcrumb trail up to this page, without the page itself: the
    /// steps the page's visible trail starts with.
    pub trail: Vec<Crumb>,
    /// What the page is.
    pub kind: PageKind,
}

/// JSON for a `<script>` element.
pub fn script_json(value: &Value) -> String {
    script_text(&value.to_string())
}

/// JSON text as the content of a `<script>` element: `<`, `>` and `&` are
/// written as `\u003c` and so on (JSON has them nowhere but in strings), so
/// no text in the data can close the element or read as markup.
pub fn script_text(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// A person as JSON-LD: with their page's address, role, portrait and
/// profiles when they have an author file.
pub fn person_ld(person: &Person) -> Value {
    let mut item = json!({ "@type": "Person", "name": person.name });
    if let Some(slug) = &person.slug {
        item["url"] = json!(routes::absolute(&routes::href(&Route::author(
            slug.clone(),
            1
        ))));
    }
    if let Some(credentials) = &person.credentials {
        item["jobTitle"] = json!(credentials);
    }
    if let Some(photo) = &person.photo {
        item["image"] = json!(routes::absolute(&routes::local(&photo.src)));
    }
    if !person.links.is_empty() {
        item["sameAs"] = json!(person.links.iter().map(|l| &l.url).collect::<Vec<_>>());
    }
    item
}

/// The JSON-LD graph of a page: the article and its breadcrumb trail, or
/// the site for the home page.
pub fn json_ld(meta: &PageMeta) -> Option<Value> {
    let site = site::config();
    let url = routes::absolute(&meta.path);
    let mut graph = Vec::new();
    match &meta.kind {
        PageKind::NotFound | PageKind::Search => return None,
        PageKind::Home => graph.push(json!({
            "@type": "WebSite",
            "name": site.name,
            "description": site.tagline,
            "url": routes::absolute(&routes::href(&Route::HOME)),
            // The site's own search, for search engines that offer it.
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": format!(
                        "{}?{}={{search_term_string}}",
                        routes::absolute(&routes::local(wellpress_types::SEARCH_PATH)),
                        wellpress_types::SEARCH_QUERY
                    ),
                },
                "query-input": "required name=search_term_string",
            },
        })),
        PageKind::Listing => graph.push(json!({
            "@type": "CollectionPage",
            "name": meta.title,
            "description": meta.description,
            "url": url,
        })),
        PageKind::Article(article) => {
            let mut item = json!({
                "@type": "Article",
                "headline": meta.title,
                "description": meta.description,
                "datePublished": article.date,
                "dateModified": article.updated.as_deref().unwrap_or(&article.date),
                "author": person_ld(&article.author),
                "publisher": { "@type": "Organization", "name": site.name, "url": routes::absolute(&routes::href(&Route::HOME)) },
                "mainEntityOfPage": url,
                "articleSection": article.section,
                "keywords": article.keywords,
                "url": url,
            });
            if let Some(image) = &article.image {
                item["image"] = json!(routes::absolute(&routes::local(image)));
            }
            graph.push(item);
            // A reviewed article's page says who checked it, and when.
            if let Some(review) = &article.review {
                graph.push(json!({
                    "@type": "MedicalWebPage",
                    "@id": url,
                    "url": url,
                    "name": meta.title,
                    "reviewedBy": person_ld(&review.by),
                    "lastReviewed": review.date,
                }));
            }
        }
        PageKind::Page => graph.push(json!({
            "@type": "WebPage",
            "name": meta.title,
            "description": meta.description,
            "url": url,
        })),
        PageKind::Author(person) => graph.push(json!({
            "@type": "ProfilePage",
            "name": meta.title,
            "description": meta.description,
            "url": url,
            "mainEntity": person_ld(person),
        })),
    }
    if !meta.trail.is_empty() {
        let steps = meta
            .trail
            .iter()
            .map(|step| {
                let path = step.href.as_deref().unwrap_or(&meta.path);
                (step.label.as_str(), routes::absolute(path))
            })
            .chain(std::iter::once((meta.title.as_str(), url.clone())));
        let items: Vec<Value> = steps
            .enumerate()
            .map(|(i, (name, item))| {
                json!({ "@type": "ListItem", "position": i + 1, "name": name, "item": item })
            })
            .collect();
        graph.push(json!({ "@type": "BreadcrumbList", "itemListElement": items }));
    }
    Some(json!({ "@context": "https://schema.org", "@graph": graph }))
}

/// The head tags of a page.
#[component]
pub fn PageHead(meta: PageMeta) -> impl IntoView {
    let site = site::config();
    let canonical = routes::absolute(&meta.path);
    let full_title = if meta.title.is_empty() {
        site.name.clone()
    } else {
        format!("{} – {}", meta.title, site.name)
    };
    let ld = json_ld(&meta).map(|value| script_json(&value));
    let (og_type, image, published, modified) = match &meta.kind {
        PageKind::Article(article) => (
            "article",
            article
                .preview
                .as_deref()
                .map(|src| routes::absolute(&routes::local(src))),
            Some(article.date.clone()),
            article.updated.clone(),
        ),
        _ => ("website", None, None, None),
    };
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let indexable = !matches!(meta.kind, PageKind::NotFound | PageKind::Search);

    view! {
        <Title text=meta.title.clone() />
        <Meta name="description" content=meta.description.clone() />
        {(!indexable).then(|| view! { <Meta name="robots" content="noindex" /> })}
        {indexable.then(|| view! { <Link rel="canonical" href=canonical.clone() /> })}
        <Meta property="og:type" content=og_type />
        <Meta property="og:site_name" content=site.name.clone() />
        <Meta property="og:title" content=full_title.clone() />
        <Meta property="og:description" content=meta.description.clone() />
        {indexable.then(|| view! { <Meta property="og:url" content=canonical.clone() /> })}
        {image.clone().map(|image| view! { <Meta property="og:image" content=image /> })}
        {published.map(|date| view! { <Meta property="article:published_time" content=date /> })}
        {modified.map(|date| view! { <Meta property="article:modified_time" content=date /> })}
        <Link rel="alternate" type_="application/atom+xml" title=site.name.clone() href=routes::local("/feed.xml") />
        <Meta name="twitter:card" content=card />
        <Meta name="twitter:title" content=full_title />
        <Meta name="twitter:description" content=meta.description />
        {image.map(|image| view! { <Meta name="twitter:image" content=image /> })}
        {ld.map(|ld| view! { <Script type_="application/ld+json">{ld}</Script> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_element() {
        let value = json!({ "headline": "a </script><script>alert(1)</script> & b" });
        let text = script_json(&value);
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn embedded_json_cannot_end_its_element() {
        let json = r#"{"body_html":"<p>x</p></script><script>alert(1)</script>"}"#;
        let text = script_text(json);
        assert!(!text.contains("</"));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back["body_html"],
            "<p>x</p></script><script>alert(1)</script>"
        );
    }
}
