//! Placeholders shaped like the content that is on its way, so nothing
//! jumps when it arrives.

use leptos::prelude::*;

/// A list of grey card shapes, announced to screen readers as loading.
#[component]
pub fn CardListSkeleton(#[prop(default = 6)] count: usize) -> impl IntoView {
    view! {
        <div class="card-list" aria-busy="true">
            <p class="visually-hidden" role="status">
                "Loading articles…"
            </p>
            {(0..count)
                .map(|_| {
                    view! {
                        <div class="card card--skeleton" aria-hidden="true">
                            <span class="skeleton skeleton--label"></span>
                            <span class="skeleton skeleton--title"></span>
                            <span class="skeleton skeleton--line"></span>
                            <span class="skeleton skeleton--line skeleton--short"></span>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}
