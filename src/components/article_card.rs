//! A card that presents one article in a list.

use leptos::prelude::*;
use wellpress_types::{ArticleCard as Card, format_date};

use crate::routes;

/// Category, title (the link to the article), excerpt, date and reading time.
#[component]
pub fn ArticleCard(card: Card) -> impl IntoView {
    let Card {
        slug,
        title,
        excerpt,
        category,
        date,
        reading_minutes,
    } = card;
    let shown_date = format_date(&date);
    view! {
        <article class="card">
            <p class="card__category">
                <a href=routes::category_href(&category.slug)>{category.name}</a>
            </p>
            <h2 class="card__title">
                <a href=routes::article_href(&slug)>{title}</a>
            </h2>
            <p class="card__excerpt">{excerpt}</p>
            <p class="card__meta">
                <time datetime=date>{shown_date}</time>
                " · "
                {reading_minutes}
                " min read"
            </p>
        </article>
    }
}
