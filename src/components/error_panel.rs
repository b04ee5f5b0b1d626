//! What a reader sees when content fails to load: why, and a way to retry.

use leptos::prelude::*;

use crate::fetch::FetchError;

/// An alert with the reason and a "Try again" button that calls `on_retry`.
#[component]
pub fn ErrorPanel(error: FetchError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    view! {
        <section class="error-panel" role="alert" aria-labelledby="error-panel-title">
            <h2 id="error-panel-title" class="error-panel__title">
                "This page didn't load"
            </h2>
            <p class="error-panel__message">{error.to_string()}</p>
            <button class="button" type="button" on:click=move |_| on_retry.run(())>
                "Try again"
            </button>
        </section>
    }
}
