//! A card that presents one article in a list.

use leptos::prelude::*;
use wellpress_types::{ArticleCard as Card, Route, format_date};

use crate::{
    components::picture::{Loading, Picture},
    routes,
};

/// How wide a card's thumbnail is shown: a column of the card grid (at
/// least 20rem, less the card's padding), or the screen less the margins
/// on a phone.
const THUMBNAIL_SIZES: &str = "(min-width: 44rem) 22rem, calc(100vw - 5rem)";

/// The hero image as a thumbnail when the article has one, category,
/// title (the link to the article), excerpt, date, reading time and,
/// when there are any, the number of comments. The title is an h2, or an h3 where the list sits under an h2.
#[component]
pub fn ArticleCard(card: Card, #[prop(default = 2)] heading_level: u8) -> impl IntoView {
    let Card {
        slug,
        title,
        excerpt,
        category,
        date,
        reading_minutes,
        comment_count,
        image,
    } = card;
    let shown_date = format_date(&date);
    let href = routes::href(&Route::article(slug.clone()));
    let comments = (comment_count > 0).then(|| {
        let label = match comment_count {
            1 => "1 comment".to_owned(),
            n => format!("{n} comments"),
        };
        view! { " · " <a class="card__comments" href=format!("{href}#comments")>{label}</a> }
    });
    let title = if heading_level == 3 {
        view! { <h3 class="card__title"><a href=href>{title}</a></h3> }.into_any()
    } else {
        view! { <h2 class="card__title"><a href=href>{title}</a></h2> }.into_any()
    };
    view! {
        <article class="card">
            {image.map(|image| view! {
                <Picture image sizes=THUMBNAIL_SIZES loading=Loading::Lazy />
            })}
            <p class="card__category">
                <a href=routes::href(&Route::category(category.slug.clone(), 1))>{category.name}</a>
            </p>
            {title}
            <p class="card__excerpt">{excerpt}</p>
            <p class="card__meta">
                <time datetime=date>{shown_date}</time>
                " · "
                {reading_minutes}
                " min read"
                {comments}
            </p>
        </article>
    }
}
