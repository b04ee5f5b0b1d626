//! The page for any address the site does not have.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::{routes, scroll};

/// "Page not found", with a way back home.
#[component]
pub fn NotFound() -> impl IntoView {
    Effect::new(|_| scroll::page_ready());
    view! {
        <Title text="Page not found" />
        <Meta name="description" content="This address does not match any page of the site." />
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
            <p>
                <a class="button" href=routes::home_href(1)>
                    "Go to the home page"
                </a>
            </p>
        </section>
    }
}
