//! The article page, in the reference's order: breadcrumb, category,
//! title, byline, hero image, body, previous/next, related articles, the
//! promo box, then the comments.

use leptos::prelude::*;
use wellpress_types::{ARTICLE_IMAGE_SIZES, Article, ArticleLink, Route, format_date};

use crate::{
    comments::section::CommentsSection,
    components::{
        article_card::ArticleCard,
        author::{AuthorBox, AuthorName},
        breadcrumb::{self, Breadcrumb, Crumb},
        picture::{Loading, Picture},
        promo_box::PromoBox,
        share::{ShareBar, clipboard},
        skeleton::ArticleSkeleton,
        table_of_contents::TableOfContents,
    },
    head::{ArticleFacts, PageHead, PageKind, PageMeta},
    pages::with_json,
    routes,
    start::Later,
};

/// `/<slug>/`: the article, once its JSON is there.
#[component]
pub fn ArticlePage(slug: String) -> impl IntoView {
    with_json(
        &Route::article(slug),
        || view! { <ArticleSkeleton /> }.into_any(),
        |article: Article| view! { <ArticleView article /> },
    )
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let trail = breadcrumb::through(article.category_parents.iter().chain([&article.category]));
    let meta = PageMeta {
        title: article.title.clone(),
        description: article.excerpt.clone(),
        path: routes::href(&Route::article(article.slug.clone())),
        trail: trail.clone(),
        kind: PageKind::Article(ArticleFacts::of(&article)),
    };
    let contents = article.table_of_contents().map(<[_]>::to_vec);
    let Article {
        title,
        category,
        tags,
        author,
        review,
        date,
        updated,
        reading_minutes,
        image,
        body_html,
        previous,
        next,
        related,
        slug,
        comments,
        ..
    } = article;
    let comment_title = title.clone();
    let share_title = title.clone();
    let address = routes::absolute(&routes::href(&Route::article(slug.clone())));
    let mut crumbs = trail;
    crumbs.push(Crumb::here(title.clone()));

    view! {
        <PageHead meta />
        <article class="article">
            <Breadcrumb crumbs />
            <p class="article__category">
                <a href=routes::href(&Route::category(category.slug.clone(), 1))>{category.name}</a>
            </p>
            <h1 class="article__title">{title}</h1>
            <p class="byline">
                <span class="byline__author">"By " <AuthorName person=author.clone() /></span>
                <span>
                    "Published " <time datetime=date.clone()>{format_date(&date)}</time>
                </span>
                {updated.map(|updated| view! {
                    <span>"Updated " <time datetime=updated.clone()>{format_date(&updated)}</time></span>
                })}
                <span>{reading_minutes} " min read"</span>
            </p>
            {review.map(|review| view! {
                <p class="review">
                    <svg class="review__mark" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                        <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
                    </svg>
                    "Medically reviewed by "
                    <AuthorName person=review.by.clone() />
                    {review.by.credentials.clone().map(|c| format!(", {c}"))}
                    ", on "
                    <time datetime=review.date.clone()>{format_date(&review.date)}</time>
                </p>
            })}
            {image.map(|image| view! {
                <figure class="article__hero">
                    <Picture image sizes=ARTICLE_IMAGE_SIZES loading=Loading::First />
                </figure>
            })}
            {contents.map(|headings| view! { <TableOfContents headings /> })}
            // Authored at build time from the site owner's Markdown, never from visitors.
            <div class="prose" inner_html=body_html on:click=on_body_click></div>
            {(!tags.is_empty()).then(|| view! {
                <p class="article__tags">
                    <span class="article__tags-label">"Tagged: "</span>
                    {tags
                        .into_iter()
                        .map(|tag| view! { <a class="tag" href=routes::href(&Route::tag(tag.slug.clone(), 1))>{tag.name}</a> })
                        .collect_view()}
                </p>
            })}
            <ShareBar url=address title=share_title />
            <AuthorBox person=author />
            <PreviousNext previous next />
        </article>
        // Below the article: built after it when the app takes over.
        <Later>
            {(!related.is_empty()).then(|| view! {
                <section class="related" aria-labelledby="related-heading">
                    <h2 id="related-heading">"Related Articles"</h2>
                    <div class="card-list card-list--related">
                        {related.into_iter().map(|card| view! { <ArticleCard card heading_level=3 /> }).collect_view()}
                    </div>
                </section>
            })}
            <PromoBox />
        </Later>
        <Later>
            <CommentsSection slug title=comment_title comments />
        </Later>
    }
}

/// Links within the page (sources, citations, sections) are left to the
/// browser, as without the app, so the section they lead to is `:target`
/// and marked; a click on the link beside a heading also copies the
/// section's full address.
fn on_body_click(event: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;

    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if let Ok(Some(_)) = target.closest("a[href^=\"#\"]") {
        // The router would move to it without making it the target.
        event.stop_propagation();
    }
    let Some(link) = target.closest(".section-heading__link").ok().flatten() else {
        return;
    };
    let fragment = link.get_attribute("href").unwrap_or_default();
    let location = window().location();
    let page = location.href().unwrap_or_default();
    let page = page.split('#').next().unwrap_or_default().to_owned();
    leptos::task::spawn_local(async move {
        if clipboard::copy(&format!("{page}{fragment}")).await {
            let _ = link.set_attribute("data-copied", "");
            let _ = link.set_attribute("title", "Link copied");
            set_timeout(
                move || {
                    let _ = link.remove_attribute("data-copied");
                    let _ = link.remove_attribute("title");
                },
                std::time::Duration::from_secs(2),
            );
        }
    });
}

#[component]
fn PreviousNext(previous: Option<ArticleLink>, next: Option<ArticleLink>) -> impl IntoView {
    (previous.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="prev-next" aria-label="Previous and next articles">
                {previous.map(|link| view! {
                    <a class="prev-next__link prev-next__link--previous" href=routes::href(&Route::article(link.slug.clone())) rel="prev">
                        <span class="prev-next__label">"← Previous article"</span>
                        <span class="prev-next__title">{link.title}</span>
                    </a>
                })}
                {next.map(|link| view! {
                    <a class="prev-next__link prev-next__link--next" href=routes::href(&Route::article(link.slug.clone())) rel="next">
                        <span class="prev-next__label">"Next article →"</span>
                        <span class="prev-next__title">{link.title}</span>
                    </a>
                })}
            </nav>
        }
    })
}
