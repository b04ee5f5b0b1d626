//! WellPress: a health magazine as a client-side Leptos app.
//!
//! This file holds the whole route table, so every URL of the site is
//! visible in one place; `routes` builds the matching links.

#![recursion_limit = "256"]

pub mod captcha;
pub mod comment_rules;
pub mod comment_store;
pub mod components;
pub mod fetch;
pub mod head;
#[cfg(feature = "ssr")]
pub mod hosting;
pub mod landing;
pub mod locks;
pub mod outbox;
pub mod pages;
pub mod prefetch;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod routes;
pub mod scroll;
pub mod site;
pub mod start;

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};
use wasm_bindgen::JsCast;

use crate::components::listing::ListingKind;
use crate::components::site_shell::{SiteFooter, SiteHeader};
use crate::pages::{
    archive::ArchivePage, article::ArticlePage, home::HomePage, not_found::NotFound,
};

/// Moves keyboard focus to the main landmark. The router would treat the
/// `#main` link as a navigation, so the skip link does the browser's job.
fn skip_to_main(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Remembers scroll positions for back and forward (needs the router), and
/// prefetches articles a reader points at.
#[component]
fn ReaderAids() -> impl IntoView {
    scroll::install();
    prefetch::install();
}

/// The application: site shell around the routed page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    outbox::provide_outbox();
    let site_name = site::config().name.clone();

    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() { site_name.clone() } else { format!("{page} – {site_name}") }
        } />
        <Router base=routes::base()>
            <ReaderAids />
            <a class="skip-link" href="#main" on:click=skip_to_main>
                "Skip to content"
            </a>
            <SiteHeader />
            <main id="main" class="site-main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("page/:page") view=HomePage />
                    <Route
                        path=path!("category/:slug")
                        view=|| view! { <ArchivePage kind=ListingKind::Category /> }
                    />
                    <Route
                        path=path!("category/:slug/page/:page")
                        view=|| view! { <ArchivePage kind=ListingKind::Category /> }
                    />
                    <Route path=path!("tag/:slug") view=|| view! { <ArchivePage kind=ListingKind::Tag /> } />
                    <Route
                        path=path!("tag/:slug/page/:page")
                        view=|| view! { <ArchivePage kind=ListingKind::Tag /> }
                    />
                    <Route path=path!(":slug") view=ArticlePage />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
