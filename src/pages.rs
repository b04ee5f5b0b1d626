//! The pages of the site: [`RoutedPage`] shows the one the address names,
//! read by the shared [`Route`] type, so the route table is that type.

pub mod article;
pub mod not_found;
pub mod page;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use serde::de::DeserializeOwned;
use wellpress_types::Route;

use crate::{
    components::{error_panel::ErrorPanel, listing::Listing},
    fetch::{FetchError, Load, use_json},
    routes,
    search::page::SearchPage,
};

/// The page for the current address: an article, a page of
/// `content/pages/`, a listing (home, category, tag, author, each
/// paginated), the search page, or "page not found".
#[component]
pub fn RoutedPage() -> impl IntoView {
    let pathname = use_location().pathname;
    let searching = Memo::new(move |_| {
        pathname.with(|path| routes::strip_base(path).is_some_and(wellpress_types::is_search_path))
    });
    let route = Memo::new(move |_| pathname.with(|path| routes::route_of(path)));
    move || match route.get() {
        _ if searching.get() => view! { <SearchPage /> }.into_any(),
        Some(Route::Article { slug }) => view! { <article::ArticlePage slug /> }.into_any(),
        Some(Route::Page { slug }) => view! { <page::PagePage slug /> }.into_any(),
        Some(listing) => view! { <Listing route=listing /> }.into_any(),
        None => view! { <not_found::NotFound /> }.into_any(),
    }
}

/// The JSON of `route`, shown by `ready` once it is there: `skeleton` while
/// it loads, "page not found" when there is none, and what went wrong, with
/// a retry, when it fails otherwise.
fn with_json<T, V, R>(
    route: &Route,
    skeleton: fn() -> AnyView,
    ready: R,
) -> impl IntoView + use<T, V, R>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    R: Fn(T) -> V + Send + Sync + 'static,
{
    let data_url = routes::data(route);
    let data = use_json::<T>(move || data_url.clone());
    move || match data.state() {
        Load::Loading => skeleton(),
        Load::Failed(FetchError::NotFound) => view! { <not_found::NotFound /> }.into_any(),
        Load::Failed(error) => {
            view! { <ErrorPanel error on_retry=move || data.retry() /> }.into_any()
        }
        Load::Ready(data) => ready(data).into_any(),
    }
}
