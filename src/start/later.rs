//! Parts of a page built after the rest while the app takes over.

use leptos::prelude::*;

use super::executor::taking_over;

/// A part of a page that, while the app takes over a prerendered page, is
/// built in a task of its own after the rest; anywhere else (prerendering,
/// moving between pages) it is built at once, like any child.
#[component]
pub fn Later(children: Children) -> impl IntoView {
    if !taking_over() {
        return children().into_any();
    }
    let ready = RwSignal::new(false);
    let children = StoredValue::new_local(Some(children));
    // Spawned work starts in a task of its own while the app takes over,
    // and the swap waits for it (see `executor::Tasks`).
    leptos::task::spawn_local(async move { ready.set(true) });
    (move || {
        ready.get().then(|| {
            children
                .try_update_value(Option::take)
                .flatten()
                .map(|c| c())
        })
    })
    .into_any()
}
