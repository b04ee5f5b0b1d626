//! The swap: the app builds its view of a prerendered page off screen,
//! from the data the page names (fetched with the app), and replaces the page with it in one DOM
//! operation once it is complete, keeping what the reader had there.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{
    BASE_META, COMPOSING_MARK, DATA_ID, ROOT_ID,
    carry::{
        carry_typed_fields, follow, page_selection, path_from, select_again, selection_of,
        set_selection,
    },
    executor::{Tasks, begin_takeover, built, next_task},
    landing::{self, Landing, Shows},
};
use wellpress_types::names::NOT_FOUND_MARK;

use crate::{App, fetch, routes};

/// Head tags each page sets: the prerendered ones give way to the app's,
/// which then follow the reader from page to page.
const PAGE_HEAD_TAGS: &str = concat!(
    r#"meta[name="description"],meta[name="robots"],meta[property],"#,
    r#"meta[name^="twitter:"],link[rel="canonical"],link[rel="alternate"],"#,
    r#"script[type="application/ld+json"]"#
);

/// Starts the app: takes over a prerendered page, or fills the empty root.
pub fn start() {
    // Before Leptos sets its own executor, which it would otherwise do
    // when the app is mounted.
    let _ = any_spawner::Executor::init_custom_executor(Tasks);
    let document = document();
    // As the start-up script does, for pages that were not prerendered.
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute(wellpress_types::names::SCRIPTS_MARK, "");
        if crate::components::share::clipboard::has_share_sheet() {
            let _ = root.set_attribute(wellpress_types::names::SHARE_SHEET_MARK, "");
        }
    }
    let meta = document
        .query_selector(&format!(r#"meta[name="{BASE_META}"]"#))
        .ok()
        .flatten();
    if let Some(base) = meta.and_then(|meta| meta.get_attribute("content")) {
        routes::set_base(&base);
    } else if let Some(element) = document.query_selector("base[href]").ok().flatten() {
        // Pages that were not prerendered (`trunk serve`) still have
        // trunk's base element; it would send `#anchor` links home.
        routes::set_base(&element.get_attribute("href").unwrap_or_default());
        element.remove();
    }
    drop_index_html_from_address();

    let data = document.get_element_by_id(DATA_ID);
    let root = document.get_element_by_id(ROOT_ID);
    let Some(root) = root else {
        leptos::mount::mount_to_body(App);
        return;
    };
    let Some(data) = data else {
        // Not prerendered (`trunk serve`): an empty root to fill.
        leptos::mount::mount_to(root.unchecked_into(), App).forget();
        return;
    };

    let shows = match data.get_attribute("data-url") {
        Some(url) => {
            fetch::embed(url.clone(), data.text_content().unwrap_or_default());
            Shows::Data(url)
        }
        None if data.has_attribute(NOT_FOUND_MARK) => Shows::NotFound,
        None => Shows::Shell,
    };
    landing::set(Some(Landing {
        path: window().location().pathname().unwrap_or_default(),
        shows,
    }));
    if let Ok(tags) = document.query_selector_all(&format!("head :is({PAGE_HEAD_TAGS})")) {
        for i in 0..tags.length() {
            if let Some(tag) = tags
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                tag.remove();
            }
        }
    }

    let Ok(fresh) = document.create_element("div") else {
        return;
    };
    fresh.set_id(ROOT_ID);
    begin_takeover();
    // The router, once mounted, handles clicks on links at the document.
    // Until the swap, a click on the prerendered page keeps its own
    // meaning: the skip link focuses the content, a link loads its page.
    let keep_native =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
            event.stop_propagation()
        });
    let _ = root.add_event_listener_with_callback("click", keep_native.as_ref().unchecked_ref());
    // Removed with the prerendered page at the swap.
    keep_native.forget();
    // This task compiled and started the wasm; the page is built in
    // tasks of its own (see `Tasks`).
    set_timeout(
        move || {
            leptos::mount::mount_to(fresh.clone().unchecked_into(), App).forget();
            leptos::task::spawn_local(async move {
                built().await;
                released(&root).await;
                let focused = leptos::prelude::document().active_element();
                let focused_at = focused.as_ref().and_then(|e| path_from(&root, e));
                let selection = focused.as_ref().and_then(selection_of);
                // Text selected on the page, unless a field has the caret
                // (some, such as email, do not tell where it is).
                let in_field = focused
                    .as_ref()
                    .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA"));
                let selected_text = (!in_field).then(|| page_selection(&root)).flatten();
                carry_typed_fields(&root, &fresh);
                let _ = root.replace_with_with_node_1(&fresh);
                data.remove();
                if let Some(element) = focused_at.and_then(|path| follow(&fresh, &path)) {
                    let _ = element.unchecked_ref::<web_sys::HtmlElement>().focus();
                    if let Some((start, end)) = selection {
                        set_selection(&element, start, end);
                    }
                }
                if let Some((anchor, focus)) = selected_text {
                    select_again(&fresh, &anchor, &focus);
                }
            });
        },
        std::time::Duration::ZERO,
    );
}

/// Waits while the reader presses something on the prerendered page
/// (a link, a button, the page itself): swapping between the press and
/// the release would leave the click without its target. The app now
/// starts as the reader reaches for a link, so a press often spans the
/// swap. The click follows the release in the same task, so it has
/// happened by the next one. Waits, too, while the reader composes a
/// word with an input method: replacing the field would cut it off.
async fn released(root: &web_sys::Element) {
    let composing = || {
        document()
            .document_element()
            .is_some_and(|html| html.has_attribute(COMPOSING_MARK))
    };
    while composing() || root.query_selector(":active").ok().flatten().is_some() {
        next_task().await;
    }
}

/// `/sleep-debt/index.html` is the file behind `/sleep-debt/`: show
/// the page's address, which is also what the router knows.
fn drop_index_html_from_address() {
    let location = window().location();
    let Ok(path) = location.pathname() else {
        return;
    };
    if let Some(dir) = path.strip_suffix("index.html") {
        let address = format!(
            "{dir}{}{}",
            location.search().unwrap_or_default(),
            location.hash().unwrap_or_default()
        );
        if let Ok(history) = window().history() {
            let _ =
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
        }
    }
}
