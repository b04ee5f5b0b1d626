//! How the app runs Leptos's asynchronous work, and the state of a
//! takeover: while the app builds its view over a prerendered page, each
//! new piece of work starts in a task of its own (see `Tasks`), and the
//! swap waits until all of them have run.

use std::cell::Cell;

thread_local! {
    /// While the app builds its view over a prerendered page: how many
    /// tasks spawned for the build have not started yet.
    static TAKEOVER: Cell<Option<u32>> = const { Cell::new(None) };
}

/// Whether the app is building its view over a prerendered page.
pub(super) fn taking_over() -> bool {
    TAKEOVER.get().is_some()
}

/// Starts a takeover: from now on, spawned work is counted.
#[cfg(feature = "csr")]
pub(super) fn begin_takeover() {
    TAKEOVER.set(Some(0));
}

/// Waits until the view is complete, then ends the takeover: every task
/// spawned while building (the router's, the parts built
/// [`Later`](super::Later), effects such as the one that moves the form
/// under a saved reply target) has run, so the reader never sees a view
/// half way.
#[cfg(feature = "csr")]
pub(super) async fn built() {
    while TAKEOVER.get().is_some_and(|waiting| waiting > 0) {
        next_task().await;
    }
    TAKEOVER.set(None);
}

/// Counts a task spawned while taking over until it starts.
#[cfg(feature = "csr")]
fn task_waiting(waiting: bool) {
    if let Some(n) = TAKEOVER.get() {
        TAKEOVER.set(Some(if waiting { n + 1 } else { n.saturating_sub(1) }));
    }
}

/// How the app runs Leptos's asynchronous work: as the browser's
/// microtasks, like Leptos's own wasm executor, except while the app
/// takes over a prerendered page. Then each new piece of work starts in
/// a task of its own, in the order it was spawned, so the build is
/// split into short tasks instead of one long one that would keep the
/// page from answering a tap or a scroll. Wake-ups stay microtasks.
#[cfg(feature = "csr")]
pub(super) struct Tasks;

#[cfg(feature = "csr")]
impl any_spawner::CustomExecutor for Tasks {
    fn spawn(&self, fut: any_spawner::PinnedFuture<()>) {
        self.spawn_local(fut);
    }

    fn spawn_local(&self, fut: any_spawner::PinnedLocalFuture<()>) {
        if taking_over() {
            task_waiting(true);
            wasm_bindgen_futures::spawn_local(async move {
                next_task().await;
                task_waiting(false);
                fut.await;
            });
        } else {
            wasm_bindgen_futures::spawn_local(fut);
        }
    }

    fn poll_local(&self) {}
}

/// Resolves in a new task of the browser's event loop.
#[cfg(feature = "csr")]
pub(super) async fn next_task() {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        let _ = leptos::prelude::window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}
