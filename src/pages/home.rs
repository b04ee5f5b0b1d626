//! The home page: the latest articles.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use wellpress_types::ListingPage;

use crate::{
    components::{article_card::ArticleCard, error_panel::ErrorPanel, skeleton::CardListSkeleton},
    fetch::{Load, use_json},
    routes, site,
};

/// The latest articles as cards.
#[component]
pub fn HomePage() -> impl IntoView {
    let listing = use_json::<ListingPage>(|| routes::home_data(1));
    let site = site::config();

    view! {
        <Title text="" />
        <Meta name="description" content=site.tagline.clone() />
        <h1 class="page-title">"Latest articles"</h1>
        {move || match listing.state() {
            Load::Loading => view! { <CardListSkeleton /> }.into_any(),
            Load::Failed(error) => {
                view! { <ErrorPanel error on_retry=move || listing.retry() /> }.into_any()
            }
            Load::Ready(page) => {
                view! {
                    <div class="card-list">
                        {page.items.into_iter().map(|card| view! { <ArticleCard card /> }).collect_view()}
                    </div>
                }
                    .into_any()
            }
        }}
    }
}
