//! The category and tag archives.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    components::listing::{Listing, ListingKind},
    pages::not_found::NotFound,
    routes,
};

/// `/category/<slug>/`, `/tag/<slug>/` and their `page/<n>/`.
#[component]
pub fn ArchivePage(kind: ListingKind) -> impl IntoView {
    let params = use_params_map();
    let target = Memo::new(move |_| {
        let params = params.read();
        let slug = params.get("slug").filter(|s| routes::is_slug(s))?;
        Some((slug, routes::parse_page(params.get("page").as_deref())?))
    });
    move || match target.get() {
        Some((slug, page)) => view! { <Listing kind slug page /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}
