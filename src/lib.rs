//! WellPress: a health magazine as a client-side Leptos app.
//!
//! Every URL of the site is spelled once, by `wellpress_types::Route`;
//! `routes` puts the base path in front, and `pages::RoutedPage` shows the
//! page an address names.

#![recursion_limit = "256"]

pub mod comments;
pub mod components;
pub mod fetch;
pub mod head;
pub mod pages;
pub mod routes;
pub mod search;
pub mod site;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod start;

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use wasm_bindgen::JsCast;

use crate::components::site_shell::{SiteFooter, SiteHeader};
use crate::pages::{RoutedPage, not_found::NotFound};

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
    start::scroll::install();
    start::prefetch::install();
}

/// The application: site shell around the routed page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    comments::outbox::provide_outbox();
    provide_context(search::Search::new());
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
                // Every address goes to one page, which reads it as a
                // `wellpress_types::Route`: the route table is that type.
                <Routes fallback=NotFound>
                    <Route path=path!("/*any") view=RoutedPage />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
