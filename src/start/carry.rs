//! What the reader had on the prerendered page comes along into the app's
//! view at the swap: the focused element (by its place in the page), the
//! caret or selection in a field, text selected on the page, what was typed
//! into the form and the boxes ticked there.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::KEPT_MARK;

/// The caret or selection of a text field, as (start, end).
pub(super) fn selection_of(element: &web_sys::Element) -> Option<(u32, u32)> {
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return Some((area.selection_start().ok()??, area.selection_end().ok()??));
    }
    let input = element.dyn_ref::<web_sys::HtmlInputElement>()?;
    Some((input.selection_start().ok()??, input.selection_end().ok()??))
}

pub(super) fn set_selection(element: &web_sys::Element, start: u32, end: u32) {
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        let _ = area.set_selection_range(start, end);
    } else if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        let _ = input.set_selection_range(start, end);
    }
}

/// Where `element` is inside `root`, as element indexes from it.
pub(super) fn path_from(root: &web_sys::Element, element: &web_sys::Element) -> Option<Vec<u32>> {
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
pub(super) fn follow(root: &web_sys::Element, path: &[u32]) -> Option<web_sys::Element> {
    path.iter()
        .try_fold(root.clone(), |node, &index| node.children().item(index))
}

/// One end of a text selection, in terms both views share: the element
/// holding it, by path from the root; how much of that element's text
/// comes before it, in UTF-16 units as the DOM counts; and that text, to
/// check that the app's element says the same.
pub(super) struct TextPoint {
    path: Vec<u32>,
    offset: u32,
    text: Option<String>,
}

/// The reader's selection of the page's text under `root`, as anchor and
/// focus, so that its direction is kept too.
pub(super) fn page_selection(root: &web_sys::Element) -> Option<(TextPoint, TextPoint)> {
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
pub(super) fn select_again(root: &web_sys::Element, anchor: &TextPoint, focus: &TextPoint) {
    let (Some((anchor_node, anchor_offset)), Some((focus_node, focus_offset))) =
        (locate(root, anchor), locate(root, focus))
    else {
        return;
    };
    if let Ok(Some(selection)) = window().get_selection() {
        let _ =
            selection.set_base_and_extent(&anchor_node, anchor_offset, &focus_node, focus_offset);
    }
}

/// What the reader typed into the prerendered form while the app was
/// building its view goes into the app's form, as if typed there. A
/// field the app filled itself (a saved draft, remembered details) is
/// left alone, unless what was typed carries on from it, or the draft
/// is what this page kept of the reader's typing (`data-kept`, set by
/// src/start/start.js), since changed: a word an input method committed
/// replaces the letters it was composed from. A box the reader ticked
/// is ticked in the app's form too.
pub(super) fn carry_typed_fields(from: &web_sys::Element, to: &web_sys::Element) {
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
