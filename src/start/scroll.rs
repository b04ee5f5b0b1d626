//! Scroll positions across in-app navigation. The router scrolls to the
//! top on a new page; this brings back where the reader was on back and
//! forward, once that page's content is on screen (the browser's own
//! restoration runs before the content exists, so it is switched off).

use std::{cell::RefCell, collections::HashMap};

use leptos::prelude::*;

thread_local! {
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    /// The address a back/forward navigation is returning to, until its
    /// content is shown and the position restored.
    static RETURNING_TO: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The address whose content is on screen.
    static SHOWN: RefCell<String> = const { RefCell::new(String::new()) };
}

fn current_address() -> String {
    let location = window().location();
    location.pathname().unwrap_or_default() + &location.search().unwrap_or_default()
}

/// Starts remembering scroll positions. Call once, inside the router.
pub fn install() {
    Effect::new(|_| {
        if let Ok(history) = window().history() {
            let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
        }
        let remember = || {
            let y = window().scroll_y().unwrap_or_default();
            POSITIONS.with_borrow_mut(|p| p.insert(current_address(), y));
        };
        // The app often starts with the reader part way down the page.
        remember();
        let on_scroll = window_event_listener(leptos::ev::scroll, move |_| {
            // While returning to a page, positions are transitional, not the reader's.
            if RETURNING_TO.with_borrow(Option::is_none) {
                remember();
            }
        });
        SHOWN.set(current_address());
        let on_pop = window_event_listener(leptos::ev::popstate, |_| {
            // Back over an in-page link (#section) stays on the same page.
            let address = current_address();
            if SHOWN.with_borrow(|shown| *shown != address) {
                RETURNING_TO.set(Some(address));
            }
        });
        // The app lives as long as the page.
        std::mem::forget((on_scroll, on_pop));
    });
}

/// Tells that the current page's content is on screen: on a back/forward
/// navigation, the reader's position on it comes back.
pub fn page_ready() {
    request_animation_frame(|| {
        let address = current_address();
        SHOWN.set(address.clone());
        let returning = RETURNING_TO.with_borrow(|r| r.as_deref() == Some(address.as_str()));
        if returning {
            let y = POSITIONS
                .with_borrow(|p| p.get(&address).copied())
                .unwrap_or(0.0);
            window().scroll_to_with_x_and_y(0.0, y);
            RETURNING_TO.set(None);
        }
    });
}
