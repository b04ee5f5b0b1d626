//! Component tests: each component is mounted in a real Chromium page by
//! wasm-bindgen-test-runner and checked through the DOM a reader gets.
#![cfg(target_arch = "wasm32")]

use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, window};
use wellpress::{
    components::{
        article_card::ArticleCard,
        breadcrumb::{Breadcrumb, Crumb},
        error_panel::ErrorPanel,
        pagination::Pagination,
        skeleton::ListingSkeleton,
    },
    fetch::FetchError,
    routes,
};
use wellpress_types::{ArticleCard as Card, CategoryRef};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` into a fresh container and returns the container.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> HtmlElement {
    let document = window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    mount_to(host.clone(), view).forget();
    host
}

fn query(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into()
}

fn sample_card() -> Card {
    Card {
        slug: "iron-and-tiredness".into(),
        title: "Iron, Tiredness and When to Get Tested".into(),
        excerpt: "Fatigue has many causes; low iron is a common one.".into(),
        category: CategoryRef {
            name: "Nutrition".into(),
            slug: "nutrition".into(),
        },
        date: "2026-02-03".into(),
        reading_minutes: 5,
        comment_count: 0,
    }
}

#[wasm_bindgen_test]
fn card_links_title_and_category_and_shows_date_and_reading_time() {
    let root = mount(|| view! { <ArticleCard card=sample_card() /> });

    let title = query(&root, "h2 a");
    assert_eq!(
        title.text_content().unwrap(),
        "Iron, Tiredness and When to Get Tested"
    );
    assert_eq!(title.get_attribute("href").unwrap(), "/iron-and-tiredness/");

    let category = query(&root, ".card__category a");
    assert_eq!(category.text_content().unwrap(), "Nutrition");
    assert_eq!(
        category.get_attribute("href").unwrap(),
        "/category/nutrition/"
    );

    let time = query(&root, "time");
    assert_eq!(time.get_attribute("datetime").unwrap(), "2026-02-03");
    assert_eq!(
        query(&root, ".card__meta").text_content().unwrap(),
        "February 3, 2026 · 5 min read"
    );
}

#[wasm_bindgen_test]
fn card_shows_markup_in_titles_as_text() {
    let mut card = sample_card();
    card.title = "<img src=x onerror=alert(1)>".into();
    let root = mount(move || view! { <ArticleCard card /> });
    assert!(root.query_selector("img").unwrap().is_none());
    assert_eq!(
        query(&root, "h2 a").text_content().unwrap(),
        "<img src=x onerror=alert(1)>"
    );
}

#[wasm_bindgen_test]
fn error_panel_explains_and_retries() {
    let retries = RwSignal::new(0);
    let root = mount(move || {
        view! { <ErrorPanel error=FetchError::Status(503) on_retry=move || retries.update(|n| *n += 1) /> }
    });

    let panel = query(&root, "[role=alert]");
    assert!(panel.text_content().unwrap().contains("HTTP 503"));
    let button = query(&root, "button");
    assert_eq!(button.text_content().unwrap(), "Try again");
    button.click();
    button.click();
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
fn skeleton_is_announced_as_loading_and_hidden_from_the_tree() {
    let root = mount(|| view! { <ListingSkeleton count=3 /> });
    assert_eq!(
        query(&root, "[aria-busy=true] [role=status]")
            .text_content()
            .unwrap(),
        "Loading articles…"
    );
    assert_eq!(
        root.query_selector_all("[aria-hidden=true] .card--skeleton")
            .unwrap()
            .length(),
        3
    );
}

#[wasm_bindgen_test]
fn card_title_can_sit_under_a_section_heading() {
    let root = mount(|| view! { <ArticleCard card=sample_card() heading_level=3 /> });
    assert!(root.query_selector("h2").unwrap().is_none());
    assert_eq!(
        query(&root, "h3 a").text_content().unwrap(),
        "Iron, Tiredness and When to Get Tested"
    );
}

#[wasm_bindgen_test]
fn breadcrumb_links_every_step_but_the_current_page() {
    let crumbs = vec![
        Crumb {
            label: "Home".into(),
            href: Some("/".into()),
        },
        Crumb {
            label: "Sleep".into(),
            href: Some("/category/sleep/".into()),
        },
        Crumb {
            label: "Naps".into(),
            href: None,
        },
    ];
    let root = mount(move || view! { <Breadcrumb crumbs /> });
    let nav = query(&root, "nav");
    assert_eq!(nav.get_attribute("aria-label").unwrap(), "Breadcrumb");
    let links = root.query_selector_all("nav a").unwrap();
    assert_eq!(links.length(), 2);
    let second: HtmlElement = links.item(1).unwrap().unchecked_into();
    assert_eq!(second.get_attribute("href").unwrap(), "/category/sleep/");
    let current = query(&root, "[aria-current=page]");
    assert_eq!(current.text_content().unwrap(), "Naps");
    assert_eq!(current.tag_name(), "LI");
}

#[wasm_bindgen_test]
fn pagination_links_neighbours_and_marks_the_current_page() {
    let root = mount(|| {
        view! { <Pagination page=2 total_pages=3 href=|n| routes::category_href("sleep", n) /> }
    });
    assert_eq!(
        query(&root, "nav").get_attribute("aria-label").unwrap(),
        "Pagination"
    );
    assert_eq!(
        query(&root, "a[rel=prev]").get_attribute("href").unwrap(),
        "/category/sleep/"
    );
    assert_eq!(
        query(&root, "a[rel=next]").get_attribute("href").unwrap(),
        "/category/sleep/page/3/"
    );
    assert_eq!(
        query(&root, "[aria-current=page]").text_content().unwrap(),
        "Page 2"
    );
}

#[wasm_bindgen_test]
fn pagination_is_absent_for_a_single_page() {
    let root = mount(|| view! { <Pagination page=1 total_pages=1 href=routes::home_href /> });
    assert!(root.query_selector("nav").unwrap().is_none());
}
