//! A page that is not an article (About, Privacy): breadcrumb, title and
//! body, in the site's shell. No date, category, byline, comments, related
//! articles or share buttons.

use leptos::prelude::*;
use wellpress_types::{Page, Route};

use crate::{
    components::{
        breadcrumb::{Breadcrumb, Crumb},
        skeleton::PageSkeleton,
    },
    head::{PageHead, PageKind, PageMeta},
    pages::with_json,
    routes,
};

/// `/<slug>/` of a page from `content/pages/`, once its JSON is there.
#[component]
pub fn PagePage(slug: String) -> impl IntoView {
    with_json(
        &Route::site_page(slug),
        || view! { <PageSkeleton /> }.into_any(),
        |page: Page| view! { <PageView page /> },
    )
}

#[component]
fn PageView(page: Page) -> impl IntoView {
    let trail = vec![Crumb::link("Home", routes::href(&Route::HOME))];
    let meta = PageMeta {
        title: page.title.clone(),
        description: page.description.clone(),
        path: routes::href(&Route::site_page(page.slug.clone())),
        trail: trail.clone(),
        kind: PageKind::Page,
    };
    let mut crumbs = trail;
    crumbs.push(Crumb::here(page.title.clone()));
    view! {
        <PageHead meta />
        <article class="article site-page">
            <Breadcrumb crumbs />
            <h1 class="article__title">{page.title}</h1>
            // Authored at build time from the site owner's Markdown, never from visitors.
            <div class="prose" inner_html=page.body_html></div>
        </article>
    }
}
