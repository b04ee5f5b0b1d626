//! The article page, in the reference's order: breadcrumb, category,
//! title, byline, hero image, body, previous/next, related articles, the
//! promo box, then the comments.

use leptos::prelude::*;
use wellpress_types::{Article, ArticleLink, Route, format_date};

use crate::{
    comments::section::CommentsSection,
    components::{
        article_card::ArticleCard,
        breadcrumb::{Breadcrumb, Crumb},
        error_panel::ErrorPanel,
        promo_box::PromoBox,
        skeleton::ArticleSkeleton,
    },
    fetch::{FetchError, Load, use_json},
    head::{ArticleFacts, PageHead, PageKind, PageMeta},
    pages::not_found::NotFound,
    routes,
    start::Later,
};

/// `/<slug>/`: the article, once its JSON is there.
#[component]
pub fn ArticlePage(slug: String) -> impl IntoView {
    let data_url = routes::data(&Route::article(slug));
    let article = use_json::<Article>(move || data_url.clone());
    move || match article.state() {
        Load::Loading => view! { <ArticleSkeleton /> }.into_any(),
        Load::Failed(FetchError::NotFound) => view! { <NotFound /> }.into_any(),
        Load::Failed(error) => {
            view! { <ErrorPanel error on_retry=move || article.retry() /> }.into_any()
        }
        Load::Ready(data) => view! { <ArticleView article=data /> }.into_any(),
    }
}

#[component]
fn ArticleView(article: Article) -> impl IntoView {
    let home = routes::href(&Route::HOME);
    let category_path = routes::href(&Route::category(article.category.slug.clone(), 1));
    let trail = vec![
        Crumb::link("Home", home),
        Crumb::link(article.category.name.clone(), category_path),
    ];
    let meta = PageMeta {
        title: article.title.clone(),
        description: article.excerpt.clone(),
        path: routes::href(&Route::article(article.slug.clone())),
        trail: trail.clone(),
        kind: PageKind::Article(ArticleFacts::of(&article)),
    };
    let Article {
        title,
        category,
        tags,
        author,
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
                <span class="byline__author">"By " {author}</span>
                <span>
                    "Published " <time datetime=date.clone()>{format_date(&date)}</time>
                </span>
                {updated.map(|updated| view! {
                    <span>"Updated " <time datetime=updated.clone()>{format_date(&updated)}</time></span>
                })}
                <span>{reading_minutes} " min read"</span>
            </p>
            {image.map(|image| view! {
                <figure class="article__hero">
                    <img src=routes::local(&image.src) alt=image.alt width="1600" height="900" />
                </figure>
            })}
            // Authored at build time from the site owner's Markdown, never from visitors.
            <div class="prose" inner_html=body_html></div>
            {(!tags.is_empty()).then(|| view! {
                <p class="article__tags">
                    <span class="article__tags-label">"Tagged: "</span>
                    {tags
                        .into_iter()
                        .map(|tag| view! { <a class="tag" href=routes::href(&Route::tag(tag.slug.clone(), 1))>{tag.name}</a> })
                        .collect_view()}
                </p>
            })}
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
