//! The header's search form, on every page. Without the app it is a plain
//! form that sends the query to the search page. With it, typing shows the
//! results on the search page as the reader types, the field keeping
//! focus; the arrow keys move through the results and Enter opens one.

use leptos::{ev, prelude::*};
use leptos_router::hooks::{use_location, use_navigate};
use wellpress_types::{SEARCH_PATH, SEARCH_QUERY, is_search_path, names::SEARCH_FIELD_ID};

use super::{Answer, Search};
use crate::routes;

/// The id of the results list, which the field controls.
pub const RESULTS_ID: &str = "search-results";

/// The id of result `i` in the list.
pub fn result_id(i: usize) -> String {
    format!("search-result-{i}")
}

/// The search form in the header.
#[component]
pub fn SearchForm() -> impl IntoView {
    let search = Search::get();
    let location = use_location();
    let navigate = use_navigate();
    let on_search_page = Memo::new(move |_| {
        location
            .pathname
            .with(|path| routes::strip_base(path).is_some_and(is_search_path))
    });
    // Leaving the search page empties the field for the next search.
    Effect::new(move |was_on: Option<bool>| {
        let on = on_search_page.get();
        if was_on == Some(true) && !on {
            search.typed.set(String::new());
            search.category.set(None);
            search.active.set(None);
            search.answer.set(Answer::Empty);
        }
        on
    });
    // Shows the results of `typed`: on the search page, the field and the
    // page follow the same signal; from another page, it goes there.
    let go = {
        let navigate = navigate.clone();
        move || {
            if !on_search_page.get_untracked() {
                let href = super::href(&search.typed.get_untracked(), None);
                navigate(&href, super::visit());
            }
        }
    };
    let on_input = {
        let go = go.clone();
        move |event: ev::Event| {
            search.typed.set(event_target_value(&event));
            search.active.set(None);
            search.wanted.set(super::PAGE);
            go();
        }
    };
    let open_active = move || -> bool {
        let Some(i) = search.active.get_untracked() else {
            return false;
        };
        let slug = search.answer.with_untracked(|answer| match answer {
            Answer::Found(found) => found.shown.get(i).map(|shown| shown.slug.clone()),
            _ => None,
        });
        let Some(slug) = slug else {
            return false;
        };
        navigate(
            &routes::href(&wellpress_types::Route::article(slug)),
            super::visit(),
        );
        true
    };
    let on_keydown = move |event: ev::KeyboardEvent| {
        if !on_search_page.get_untracked() {
            return;
        }
        let count = search.answer.with_untracked(|answer| match answer {
            Answer::Found(found) => found.shown.len(),
            _ => 0,
        });
        let active = search.active.get_untracked();
        let next = match event.key().as_str() {
            "ArrowDown" if count > 0 => Some(active.map_or(0, |i| (i + 1).min(count - 1))),
            "ArrowUp" if count > 0 => active.and_then(|i| i.checked_sub(1)),
            "Escape" if active.is_some() => None,
            "Enter" => {
                if open_active() {
                    event.prevent_default();
                }
                return;
            }
            _ => return,
        };
        event.prevent_default();
        search.active.set(next);
        if let Some(i) = next {
            scroll_into_view(&result_id(i));
        }
    };
    let on_submit = move |event: ev::SubmitEvent| {
        // The app answers as the reader types; without it, the form goes
        // to the search page, which the app then starts on.
        event.prevent_default();
        go();
    };
    // The results list exists only with results on the search page.
    let shows_results = move || {
        on_search_page.get()
            && search
                .answer
                .with(|answer| matches!(answer, Answer::Found(found) if !found.shown.is_empty()))
    };
    let active_id = move || {
        on_search_page
            .get()
            .then(|| search.active.get().map(result_id))
            .flatten()
    };

    view! {
        <form
            class="site-search"
            role="search"
            action=routes::local(SEARCH_PATH)
            method="get"
            on:submit=on_submit
        >
            <label class="visually-hidden" for=SEARCH_FIELD_ID>
                "Search articles"
            </label>
            <input
                id=SEARCH_FIELD_ID
                class="site-search__field"
                type="search"
                name=SEARCH_QUERY
                placeholder="Search articles"
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                aria-keyshortcuts="/"
                aria-controls=move || shows_results().then_some(RESULTS_ID)
                aria-activedescendant=active_id
                prop:value=move || search.typed.get()
                on:input=on_input
                on:keydown=on_keydown
                on:focus=move |_| search.warm()
            />
            <button class="site-search__button" type="submit">
                <span class="visually-hidden">"Search"</span>
                <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18">
                    <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
                    <path d="M13 13l4.5 4.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                </svg>
            </button>
        </form>
    }
}

/// Brings result `id` into view, if it is not.
fn scroll_into_view(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
