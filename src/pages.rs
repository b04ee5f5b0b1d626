//! The pages of the site: [`RoutedPage`] shows the one the address names,
//! read by the shared [`Route`] type, so the route table is that type.

pub mod article;
pub mod not_found;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wellpress_types::Route;

use crate::{components::listing::Listing, routes};

/// The page for the current address: an article, a listing (home, category,
/// tag, each paginated), or "page not found".
#[component]
pub fn RoutedPage() -> impl IntoView {
    let pathname = use_location().pathname;
    let route = Memo::new(move |_| pathname.with(|path| routes::route_of(path)));
    move || match route.get() {
        Some(Route::Article { slug }) => view! { <article::ArticlePage slug /> }.into_any(),
        Some(listing) => view! { <Listing route=listing /> }.into_any(),
        None => view! { <not_found::NotFound /> }.into_any(),
    }
}
