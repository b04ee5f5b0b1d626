//! The page for any address the site does not have.

use crate::{
    head::{PageHead, PageKind, PageMeta},
    routes,
    start::scroll,
};
use leptos::prelude::*;
use wellpress_types::Route;

/// "Page not found", with a way back home.
#[component]
pub fn NotFound() -> impl IntoView {
    Effect::new(|_| scroll::page_ready());
    view! {
        <PageHead meta=PageMeta {
            title: "Page not found".into(),
            description: "This address does not match any page of the site.".into(),
            path: String::new(),
            trail: Vec::new(),
            kind: PageKind::NotFound,
        } />
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
            <p>
                <a class="button" href=routes::href(&Route::HOME)>
                    "Go to the home page"
                </a>
            </p>
        </section>
    }
}
