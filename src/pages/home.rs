//! The home page and its later pages: the latest articles.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    components::listing::{Listing, ListingKind},
    pages::not_found::NotFound,
    routes,
};

/// `/` and `/page/<n>/`.
#[component]
pub fn HomePage() -> impl IntoView {
    let params = use_params_map();
    let page = Memo::new(move |_| routes::parse_page(params.read().get("page").as_deref()));
    move || match page.get() {
        Some(page) => view! { <Listing kind=ListingKind::Home slug="" page /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}
