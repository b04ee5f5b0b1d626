//! Placeholders shaped like the content that is on its way, so nothing
//! jumps when it arrives. Each is announced once to screen readers.

use leptos::prelude::*;

/// A list page on its way: trail, heading, count line and card shapes.
#[component]
pub fn ListingSkeleton(
    #[prop(default = 6)] count: usize,
    #[prop(default = false)] trail: bool,
) -> impl IntoView {
    view! {
        <div class="skeleton-page" aria-busy="true">
            <p class="visually-hidden" role="status">"Loading articles…"</p>
            <div aria-hidden="true">
                {trail.then(|| view! { <span class="skeleton skeleton--crumb"></span> })}
                <span class="skeleton skeleton--heading"></span>
                <span class="skeleton skeleton--count"></span>
            </div>
            <CardShapes count />
        </div>
    }
}

/// Grey card shapes in the card grid.
#[component]
pub fn CardShapes(count: usize) -> impl IntoView {
    view! {
        <div class="card-list" aria-hidden="true">
            {(0..count)
                .map(|_| {
                    view! {
                        <div class="card card--skeleton">
                            <span class="skeleton skeleton--label"></span>
                            <span class="skeleton skeleton--title"></span>
                            <span class="skeleton skeleton--line"></span>
                            <span class="skeleton skeleton--line skeleton--short"></span>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// An article on its way: trail, label, title, byline and paragraphs.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! { <TextSkeleton status="Loading article…" article=true /> }
}

/// A page of `content/pages/` on its way: trail, title and paragraphs.
#[component]
pub fn PageSkeleton() -> impl IntoView {
    view! { <TextSkeleton status="Loading page…" article=false /> }
}

/// A page of text on its way; an article's also has a label, a second line
/// of title and a byline.
#[component]
fn TextSkeleton(status: &'static str, article: bool) -> impl IntoView {
    view! {
        <div class="article skeleton-page" aria-busy="true">
            <p class="visually-hidden" role="status">{status}</p>
            <div aria-hidden="true">
                <span class="skeleton skeleton--crumb"></span>
                {article.then(|| view! { <span class="skeleton skeleton--label"></span> })}
                <span class="skeleton skeleton--title-xl"></span>
                {article.then(|| view! {
                    <span class="skeleton skeleton--title-xl skeleton--short"></span>
                    <span class="skeleton skeleton--byline"></span>
                })}
                {(0..if article { 4 } else { 3 })
                    .map(|_| view! {
                        <span class="skeleton skeleton--para"></span>
                    })
                    .collect_view()}
            </div>
        </div>
    }
}
