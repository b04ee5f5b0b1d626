//! "On this page": an article's sections, as a list that folds away above
//! the body on phones and a side column that stays in view on wide screens.
//! Both are in the prerendered page; the app marks the section being read.

use leptos::prelude::*;
use wellpress_types::Heading;

/// The table of contents of `headings` (an article's outline).
#[component]
pub fn TableOfContents(headings: Vec<Heading>) -> impl IntoView {
    let current = RwSignal::new(None::<String>);
    mark_current_section(&headings, current);
    let list = {
        let headings = headings.clone();
        move || {
            let items = headings
                .iter()
                .map(|heading| {
                    let id = heading.id.clone();
                    let is_current = move || current.with(|c| c.as_deref() == Some(id.as_str()));
                    view! {
                        <li class=format!("toc__item toc__item--h{}", heading.level)>
                            <a
                                class="toc__link"
                                href=format!("#{}", heading.id)
                                aria-current=move || is_current().then_some("location")
                            >
                                {heading.text.clone()}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! { <ol class="toc__list">{items}</ol> }
        }
    };
    view! {
        // Its links are left to the browser, as in the article's body.
        <nav class="toc" aria-label="On this page" on:click=|event| event.stop_propagation()>
            <details class="toc__fold">
                <summary class="toc__title">"On this page"</summary>
                {list.clone()()}
            </details>
            <div class="toc__side">
                <p class="toc__title" aria-hidden="true">"On this page"</p>
                {list()}
            </div>
        </nav>
    }
}

/// Follows the reader's scrolling and keeps `current` on the section
/// whose heading last passed the reading line.
fn mark_current_section(headings: &[Heading], current: RwSignal<Option<String>>) {
    #[cfg(not(feature = "ssr"))]
    {
        use std::{cell::Cell, rc::Rc};

        /// How far down the window a heading must have come to make its
        /// section the one being read, as a share of the window's height.
        const READING_LINE: f64 = 0.3;

        let ids: Vec<String> = headings.iter().map(|h| h.id.clone()).collect();
        let pending = Rc::new(Cell::new(false));
        let update = move || {
            let line = window()
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(800.0)
                * READING_LINE;
            let document = document();
            let passed = ids
                .iter()
                .filter(|id| {
                    document
                        .get_element_by_id(id)
                        .is_some_and(|e| e.get_bounding_client_rect().top() <= line)
                })
                .next_back()
                .cloned();
            // A frame may come after the reader has left the page, when
            // the mark is gone with it.
            if current.try_get_untracked().is_some_and(|now| now != passed) {
                current.try_set(passed);
            }
        };
        // Once the page is on screen, then at most once a frame while scrolling.
        let first = update.clone();
        request_animation_frame(first);
        let handle = window_event_listener(leptos::ev::scroll, move |_| {
            if !pending.replace(true) {
                let pending = pending.clone();
                let update = update.clone();
                request_animation_frame(move || {
                    pending.set(false);
                    update();
                });
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(feature = "ssr")]
    let _ = (headings, current);
}
