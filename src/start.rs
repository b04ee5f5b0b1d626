//! Starting the app in the browser.
//!
//! A prerendered page already shows its content when the app starts. The
//! app builds the same view from the data the page embeds (so nothing is
//! fetched again), off screen, and swaps it in with one DOM operation once
//! it is complete, so nothing flashes or moves. The build is cut into
//! short tasks of the browser's event loop, so that the reader's taps and
//! scrolls never wait long for it: starting the wasm is one task, mounting
//! the app another, each piece of work Leptos spawns starts in a task of
//! its own (see `Tasks`), and parts of a page below its first screen are
//! built in tasks of their own too (see [`Later`]).

use std::cell::Cell;

use leptos::prelude::*;

// The start-up script (src/start.js) sets COMPOSING_MARK on the document
// element while the reader composes a word with an input method (it watches
// from the page's start; the app may arrive mid-word), and KEPT_MARK on the
// prerendered comment field: the text it last kept as the article's draft.
pub use wellpress_types::names::{BASE_META, COMPOSING_MARK, DATA_ID, KEPT_MARK, ROOT_ID};

thread_local! {
    /// While the app builds its view over a prerendered page: how many
    /// tasks spawned for the build have not started yet.
    static TAKEOVER: Cell<Option<u32>> = const { Cell::new(None) };
}

/// Whether the app is building its view over a prerendered page.
fn taking_over() -> bool {
    TAKEOVER.get().is_some()
}

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
    // and the swap waits for it (see `browser::Tasks`).
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

#[cfg(feature = "csr")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    use super::{BASE_META, COMPOSING_MARK, DATA_ID, KEPT_MARK, ROOT_ID, TAKEOVER};
    use crate::{
        App, fetch,
        landing::{self, Landing},
        routes,
    };

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

        let data_url = data.get_attribute("data-url");
        if let Some(url) = &data_url {
            fetch::embed(url.clone(), data.text_content().unwrap_or_default());
        }
        landing::set(Some(Landing {
            path: window().location().pathname().unwrap_or_default(),
            data_url,
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
        TAKEOVER.set(Some(0));
        // The router, once mounted, handles clicks on links at the document.
        // Until the swap, a click on the prerendered page keeps its own
        // meaning: the skip link focuses the content, a link loads its page.
        let keep_native = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(
            |event: web_sys::Event| event.stop_propagation(),
        );
        let _ =
            root.add_event_listener_with_callback("click", keep_native.as_ref().unchecked_ref());
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

    /// Waits until the view is complete, then ends the takeover: every task
    /// spawned while building (the router's, the parts built [`Later`](super::Later),
    /// effects such as the one that moves the form under a saved reply
    /// target) has run, so the reader never sees a view half way.
    async fn built() {
        while TAKEOVER.get().is_some_and(|waiting| waiting > 0) {
            next_task().await;
        }
        TAKEOVER.set(None);
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

    /// The caret or selection of a text field, as (start, end).
    fn selection_of(element: &web_sys::Element) -> Option<(u32, u32)> {
        if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            return Some((area.selection_start().ok()??, area.selection_end().ok()??));
        }
        let input = element.dyn_ref::<web_sys::HtmlInputElement>()?;
        Some((input.selection_start().ok()??, input.selection_end().ok()??))
    }

    fn set_selection(element: &web_sys::Element, start: u32, end: u32) {
        if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            let _ = area.set_selection_range(start, end);
        } else if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
            let _ = input.set_selection_range(start, end);
        }
    }

    /// Counts a task spawned while taking over until it starts.
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
    struct Tasks;

    impl any_spawner::CustomExecutor for Tasks {
        fn spawn(&self, fut: any_spawner::PinnedFuture<()>) {
            self.spawn_local(fut);
        }

        fn spawn_local(&self, fut: any_spawner::PinnedLocalFuture<()>) {
            if super::taking_over() {
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
    async fn next_task() {
        let timer = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback(&resolve);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
    }

    /// Where `element` is inside `root`, as element indexes from it.
    fn path_from(root: &web_sys::Element, element: &web_sys::Element) -> Option<Vec<u32>> {
        let mut node = element.clone();
        let mut path = Vec::new();
        while !node.is_same_node(Some(root)) {
            let parent = node.parent_element()?;
            let children = parent.children();
            let index = (0..children.length()).find(|&i| {
                children
                    .item(i)
                    .is_some_and(|child| child.is_same_node(Some(&node)))
            })?;
            path.push(index);
            node = parent;
        }
        path.reverse();
        Some(path).filter(|path| !path.is_empty())
    }

    /// The element at `path` under `root`: the same place in the app's view
    /// as an element had in the prerendered page.
    fn follow(root: &web_sys::Element, path: &[u32]) -> Option<web_sys::Element> {
        path.iter()
            .try_fold(root.clone(), |node, &index| node.children().item(index))
    }

    /// One end of a text selection, in terms both views share: the element
    /// holding it, by path from the root; how much of that element's text
    /// comes before it, in UTF-16 units as the DOM counts; and that text, to
    /// check that the app's element says the same.
    struct TextPoint {
        path: Vec<u32>,
        offset: u32,
        text: Option<String>,
    }

    /// The reader's selection of the page's text under `root`, as anchor and
    /// focus, so that its direction is kept too.
    fn page_selection(root: &web_sys::Element) -> Option<(TextPoint, TextPoint)> {
        let selection = window().get_selection().ok()??;
        if selection.is_collapsed() {
            return None;
        }
        let anchor = text_point(root, &selection.anchor_node()?, selection.anchor_offset())?;
        let focus = text_point(root, &selection.focus_node()?, selection.focus_offset())?;
        Some((anchor, focus))
    }

    fn text_point(root: &web_sys::Element, node: &web_sys::Node, offset: u32) -> Option<TextPoint> {
        let (element, offset) = if node.node_type() == web_sys::Node::TEXT_NODE {
            let element = node.parent_element()?;
            (element.clone(), text_before(&element, Some(node)) + offset)
        } else {
            // A point between the children of an element.
            let element = node.clone().dyn_into::<web_sys::Element>().ok()?;
            let child = element.child_nodes().item(offset);
            (element.clone(), text_before(&element, child.as_ref()))
        };
        Some(TextPoint {
            path: path_from(root, &element)?,
            offset,
            text: element.text_content(),
        })
    }

    /// The length of the text in `node` before `stop` (all of it when `stop`
    /// is not inside it).
    fn text_before(node: &web_sys::Node, stop: Option<&web_sys::Node>) -> u32 {
        fn walk(node: &web_sys::Node, stop: Option<&web_sys::Node>, count: &mut u32) -> bool {
            if stop.is_some_and(|stop| node.is_same_node(Some(stop))) {
                return true;
            }
            if node.node_type() == web_sys::Node::TEXT_NODE {
                *count += node.unchecked_ref::<web_sys::CharacterData>().length();
                return false;
            }
            let children = node.child_nodes();
            (0..children.length()).any(|i| children.item(i).is_some_and(|c| walk(&c, stop, count)))
        }
        let mut count = 0;
        walk(node, stop, &mut count);
        count
    }

    /// The text node and offset at `point` in the app's view, if its element
    /// holds the same text.
    fn locate(root: &web_sys::Element, point: &TextPoint) -> Option<(web_sys::Node, u32)> {
        fn find(node: &web_sys::Node, left: &mut u32) -> Option<(web_sys::Node, u32)> {
            if node.node_type() == web_sys::Node::TEXT_NODE {
                let length = node.unchecked_ref::<web_sys::CharacterData>().length();
                if *left <= length {
                    return Some((node.clone(), *left));
                }
                *left -= length;
                return None;
            }
            let children = node.child_nodes();
            (0..children.length()).find_map(|i| children.item(i).and_then(|c| find(&c, left)))
        }
        let element = follow(root, &point.path)?;
        if element.text_content() != point.text {
            return None;
        }
        let mut left = point.offset;
        find(&element, &mut left).or_else(|| (left == 0).then(|| (element.into(), 0)))
    }

    /// Selects in the app's view the text the reader had selected.
    fn select_again(root: &web_sys::Element, anchor: &TextPoint, focus: &TextPoint) {
        let (Some((anchor_node, anchor_offset)), Some((focus_node, focus_offset))) =
            (locate(root, anchor), locate(root, focus))
        else {
            return;
        };
        if let Ok(Some(selection)) = window().get_selection() {
            let _ = selection.set_base_and_extent(
                &anchor_node,
                anchor_offset,
                &focus_node,
                focus_offset,
            );
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
                let _ = history.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&address),
                );
            }
        }
    }

    /// What the reader typed into the prerendered form while the app was
    /// building its view goes into the app's form, as if typed there. A
    /// field the app filled itself (a saved draft, remembered details) is
    /// left alone, unless what was typed carries on from it, or the draft
    /// is what this page kept of the reader's typing (`data-kept`, set by
    /// src/start.js), since changed: a word an input method committed
    /// replaces the letters it was composed from. A box the reader ticked
    /// is ticked in the app's form too.
    fn carry_typed_fields(from: &web_sys::Element, to: &web_sys::Element) {
        let Ok(fields) = from.query_selector_all("form input[id], form textarea[id]") else {
            return;
        };
        let twin = |field: &web_sys::Element| {
            to.query_selector(&format!("#{}", field.id()))
                .ok()
                .flatten()
        };
        // The app's form listens at the document.
        let tell = |target: &web_sys::Element, kind: &str| {
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
                let _ = target.dispatch_event(&event);
            }
        };
        for i in 0..fields.length() {
            let Some(field) = fields
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let Some(target) = twin(&field) else {
                continue;
            };
            if let Some(checkbox) = field.dyn_ref::<web_sys::HtmlInputElement>()
                && checkbox.type_() == "checkbox"
            {
                if let Some(target) = target.dyn_ref::<web_sys::HtmlInputElement>()
                    && checkbox.checked()
                    && !target.checked()
                {
                    target.set_checked(true);
                    tell(target, "change");
                }
                continue;
            }
            let typed = text_value(&field).unwrap_or_default();
            let Some(current) = text_value(&target) else {
                continue;
            };
            let kept_here = field.get_attribute(KEPT_MARK);
            if !typed.is_empty()
                && current != typed
                && (typed.starts_with(&current) || kept_here.as_deref() == Some(current.as_str()))
            {
                if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                    input.set_value(&typed);
                } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                    area.set_value(&typed);
                }
                tell(&target, "input");
            }
        }
    }

    /// The text in a text field; `None` for any other element or input type.
    fn text_value(element: &web_sys::Element) -> Option<String> {
        if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            return Some(area.value());
        }
        let input = element.dyn_ref::<web_sys::HtmlInputElement>()?;
        matches!(
            input.type_().as_str(),
            "text" | "email" | "url" | "tel" | "search" | "number"
        )
        .then(|| input.value())
    }
}

#[cfg(feature = "csr")]
pub use browser::start;

#[cfg(test)]
mod tests {
    #[test]
    fn the_start_up_script_marks_a_word_being_composed() {
        let script = include_str!("start.js");
        assert!(script.contains("toggleAttribute(NAMES.composingMark, composing)"));
    }

    #[test]
    fn the_start_up_script_notes_the_draft_it_kept() {
        let script = include_str!("start.js");
        assert!(script.contains("field.setAttribute(NAMES.keptMark, field.value)"));
    }
}
