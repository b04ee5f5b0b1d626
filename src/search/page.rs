//! The search page, `/search/?q=…&category=…`: the results of what is
//! typed in the header's field, a category filter, and "More results".
//! Prerendered as a shell that says search needs JavaScript (hidden where
//! scripts run); the app fills in the results.

use std::ops::Range;

use leptos::{ev, prelude::*};
use leptos_router::{NavigateOptions, hooks::use_navigate};
use wellpress_search::{Marked, Shown};
use wellpress_types::{Route, SEARCH_CATEGORY, SEARCH_QUERY, format_date, names::SEARCH_PAGE_ID};

use super::{Answer, Found, PAGE, Search, field::RESULTS_ID, field::result_id};
use crate::{
    head::{PageHead, PageKind, PageMeta},
    routes,
    start::scroll,
};

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let search = Search::get();
    // The address says what to search for when the reader lands here, or
    // comes back here with the browser's back and forward buttons. Read
    // from the browser's own address: the router's copy of the query may
    // still be the last page's while this one is being built.
    let from_address = move || {
        let search_part = window().location().search().unwrap_or_default();
        let params = web_sys::UrlSearchParams::new_with_str(&search_part).ok();
        let get = |name: &str| params.as_ref().and_then(|p| p.get(name));
        let typed = get(SEARCH_QUERY).unwrap_or_default();
        let category = get(SEARCH_CATEGORY).filter(|c| !c.is_empty());
        if search.typed.get_untracked() != typed {
            search.typed.set(typed);
            search.active.set(None);
            search.wanted.set(PAGE);
        }
        if search.category.get_untracked() != category {
            search.category.set(category);
        }
    };
    // First of this page's effects, so that the others start from it.
    Effect::new(move |_| {
        from_address();
        let on_history = window_event_listener(ev::popstate, move |_| from_address());
        on_cleanup(move || on_history.remove());
    });

    // The address follows the search, without new history entries: back
    // leaves the search page.
    let navigate = use_navigate();
    Effect::new(move |_| {
        let href = super::href(&search.typed.get(), search.category.get().as_deref());
        let here = window().location();
        let path = here.pathname().unwrap_or_default();
        let current = format!("{path}{}", here.search().unwrap_or_default());
        // Not once the reader has left for a result.
        let still_here = routes::strip_base(&path).is_some_and(wellpress_types::is_search_path);
        if still_here && current != href {
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..super::visit()
                },
            );
        }
    });
    // A new query is answered after a pause in typing, unless its files
    // are all loaded; more results, another category or a retry at once.
    Effect::new(move |previous: Option<String>| {
        let typed = search.typed.get();
        search.category.track();
        search.wanted.track();
        search.attempt.track();
        // Not the query the page opened with, nor the first letter.
        let typing = previous.is_some_and(|p| !p.is_empty() && p != typed);
        search.run(typing);
        typed
    });
    Effect::new(|_| scroll::page_ready());

    let title = move || match search.answer.get() {
        Answer::Found(found) => format!("Results for “{}”", found.query),
        _ => "Search".to_owned(),
    };

    view! {
        <PageHead meta=PageMeta {
            title: "Search".into(),
            description: "Search the site's articles.".into(),
            path: routes::local(wellpress_types::SEARCH_PATH),
            trail: Vec::new(),
            kind: PageKind::Search,
        } />
        <section id=SEARCH_PAGE_ID class="search-page" aria-labelledby="search-title">
            <h1 id="search-title" class="search-page__title">{title}</h1>
            <p class="search-page__needs-scripts">
                "Search needs JavaScript, which is turned off or blocked in this browser. "
                "Turn it on and reload this page, or browse the articles from the "
                <a href=routes::href(&Route::HOME)>"home page"</a>
                " and the categories above."
            </p>
            <div class="search-page__controls">
                <CategoryFilter />
            </div>
            <p class="search-page__status" role="status" aria-live="polite" aria-atomic="true">
                {move || status(&search.answer.get(), search.busy.get(), search.typed.with(|t| t.trim().is_empty()))}
            </p>
            {move || match search.answer.get() {
                Answer::Failed(error) => view! {
                    <div class="search-page__error" role="alert">
                        <p>"Search could not load. " {error.to_string()}</p>
                        <button class="button" type="button" on:click=move |_| search.retry()>
                            "Try again"
                        </button>
                    </div>
                }.into_any(),
                Answer::Found(found) => view! { <Results found /> }.into_any(),
                Answer::Empty => ().into_any(),
            }}
        </section>
    }
}

/// What the polite live region says: the number of results, or why there
/// are none.
fn status(answer: &Answer, busy: bool, empty: bool) -> String {
    match answer {
        _ if empty => "Type in the search field above to find articles.".to_owned(),
        Answer::Found(found) if found.total == 0 => format!("No results for “{}”.", found.query),
        Answer::Found(found) => {
            let count = match found.total {
                1 => "1 article".to_owned(),
                n => format!("{n} articles"),
            };
            if found.partial {
                format!(
                    "No article has all of “{}”; {count} have some of its words.",
                    found.query
                )
            } else {
                format!("{count} found for “{}”.", found.query)
            }
        }
        _ if busy => "Searching…".to_owned(),
        _ => String::new(),
    }
}

/// The category filter, once the index names its categories.
#[component]
fn CategoryFilter() -> impl IntoView {
    let search = Search::get();
    let on_change = move |event: ev::Event| {
        let value = event_target_value(&event);
        search.active.set(None);
        search.wanted.set(PAGE);
        search.category.set((!value.is_empty()).then_some(value));
    };
    view! {
        <label class="search-page__filter-label" for="search-category">"Category"</label>
        <select
            id="search-category"
            class="search-page__filter"
            on:change=on_change
            prop:value=move || search.category.get().unwrap_or_default()
        >
            <option value="">"All categories"</option>
            {move || {
                let chosen = search.category.get();
                search
                    .categories
                    .get()
                    .into_iter()
                    .map(|(slug, name)| {
                        let selected = chosen.as_deref() == Some(slug.as_str());
                        view! { <option value=slug selected=selected>{name}</option> }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// The results shown, the suggestion, and "More results".
#[component]
fn Results(found: Found) -> impl IntoView {
    let search = Search::get();
    let more = found.total > found.shown.len();
    let suggestion = found.suggestion.clone();
    view! {
        {suggestion.map(|suggested| {
            let label = suggested.clone();
            view! {
                <p class="search-page__suggestion">
                    "Did you mean "
                    <button class="link-button" type="button" on:click=move |_| {
                        search.active.set(None);
                        search.wanted.set(PAGE);
                        search.typed.set(suggested.clone());
                    }>{label}</button>
                    "?"
                </p>
            }
        })}
        // Shown dimmed, and said to be busy, while another answer is
        // on its way (another category, more results, the next word).
        <ol
            id=RESULTS_ID
            class="search-results"
            aria-label="Results"
            aria-busy=move || search.busy.get().to_string()
        >
            {found
                .shown
                .into_iter()
                .enumerate()
                .map(|(i, shown)| view! { <SearchResult shown i /> })
                .collect_view()}
        </ol>
        {more.then(|| view! {
            <button class="button search-page__more" type="button"
                on:click=move |_| search.wanted.update(|n| *n += PAGE)>
                "More results"
            </button>
        })}
    }
}

/// One result: its title (a link), category and date, and an excerpt,
/// with the matched words marked.
#[component]
fn SearchResult(shown: Shown, i: usize) -> impl IntoView {
    let search = Search::get();
    let href = routes::href(&Route::article(shown.slug.clone()));
    let date = format_date(&shown.date);
    view! {
        <li
            id=result_id(i)
            class="search-result"
            class:search-result--active=move || search.active.get() == Some(i)
        >
            <h2 class="search-result__title">
                <a href=href>{marked(shown.title)}</a>
            </h2>
            <p class="search-result__meta">
                {shown.category.name} " · " <time datetime=shown.date.clone()>{date}</time>
            </p>
            <p class="search-result__excerpt">{marked(shown.excerpt)}</p>
        </li>
    }
}

/// Text with its matched words in `<mark>`, as text nodes: nothing from
/// the index is ever read as HTML.
fn marked(marked: Marked) -> impl IntoView {
    let Marked { text, marks } = marked;
    let mut pieces: Vec<AnyView> = Vec::new();
    let mut at = 0;
    for Range { start, end } in marks {
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        if start > at {
            pieces.push(text[at..start].to_owned().into_any());
        }
        pieces.push(view! { <mark>{text[start..end].to_owned()}</mark> }.into_any());
        at = end;
    }
    if at < text.len() {
        pieces.push(text[at..].to_owned().into_any());
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(total: usize, partial: bool) -> Answer {
        Answer::Found(Found {
            query: "sleep".into(),
            shown: Vec::new(),
            total,
            partial,
            suggestion: None,
        })
    }

    #[test]
    fn the_live_region_counts_results_or_says_there_are_none() {
        assert_eq!(
            status(&found(0, false), false, false),
            "No results for “sleep”."
        );
        assert_eq!(
            status(&found(1, false), false, false),
            "1 article found for “sleep”."
        );
        assert_eq!(
            status(&found(12, false), true, false),
            "12 articles found for “sleep”."
        );
        assert_eq!(
            status(&found(3, true), false, false),
            "No article has all of “sleep”; 3 articles have some of its words."
        );
        assert_eq!(status(&Answer::Empty, true, false), "Searching…");
        assert!(status(&Answer::Empty, false, true).starts_with("Type in the search field"));
    }
}
