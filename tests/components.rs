//! Component tests: each component is mounted in a real Chromium page by
//! wasm-bindgen-test-runner and checked through the DOM a reader gets.
#![cfg(target_arch = "wasm32")]

use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, window};
use wellpress::{
    comments::{
        form::{CommentForm, FormState},
        section::CommentsSection,
    },
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
use wellpress_types::{ArticleCard as Card, CategoryRef, Comment, Route};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the browser run pending work (effects, rendering).
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

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
        image: None,
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
        view! { <Pagination page=2 total_pages=3 href=|n| routes::href(&Route::category("sleep", n)) /> }
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
    let root = mount(
        || view! { <Pagination page=1 total_pages=1 href=|n| routes::href(&Route::Home { page: n }) /> },
    );
    assert!(root.query_selector("nav").unwrap().is_none());
}

fn comment(id: &str, name: &str, message: &str, replying_to: Option<&str>) -> Comment {
    Comment {
        id: id.into(),
        name: name.into(),
        url: Some("https://site.example".into()),
        message: message.into(),
        date: "2026-11-20T14:03:00Z".into(),
        replying_to: replying_to.map(Into::into),
    }
}

// These tests are built without a comment endpoint, so comments are closed.
#[wasm_bindgen_test]
fn closed_comments_still_show_the_published_thread_as_text() {
    let comments = vec![
        comment("a", "Ann", "<img src=x onerror=alert(1)>", None),
        comment("b", "Bo", "Second\nline", Some("a")),
    ];
    let root = mount(move || {
        wellpress::comments::outbox::provide_outbox();
        view! { <CommentsSection slug="naps".to_owned() title="Naps".to_owned() comments /> }
    });
    assert_eq!(
        query(&root, "#comments-heading").text_content().unwrap(),
        "2 thoughts on “Naps”"
    );
    assert_eq!(
        query(&root, ".comments-closed").text_content().unwrap(),
        "Comments are closed."
    );
    assert!(root.query_selector("form").unwrap().is_none());
    assert!(
        root.query_selector(".comment__content img")
            .unwrap()
            .is_none()
    );
    assert_eq!(
        query(&root, "#comment-a .comment__content")
            .text_content()
            .unwrap(),
        "<img src=x onerror=alert(1)>"
    );
    assert!(
        root.query_selector("#comment-a .comment-list__children #comment-b br")
            .unwrap()
            .is_some()
    );
    let author = query(&root, "#comment-a .comment__author");
    assert_eq!(
        author.get_attribute("rel").unwrap(),
        "nofollow ugc noopener"
    );
    assert!(
        root.query_selector(".comment__reply").unwrap().is_none(),
        "no replies when closed"
    );
}

fn mount_form() -> (HtmlElement, FormState) {
    let state = StoredValue::new(None::<FormState>);
    let root = mount(move || {
        wellpress::comments::outbox::provide_outbox();
        let form = FormState::new();
        state.set_value(Some(form));
        view! { <CommentForm slug="naps".to_owned() state=form /> }
    });
    (root, state.get_value().unwrap())
}

#[wasm_bindgen_test]
async fn an_empty_submission_marks_every_required_field() {
    let (root, _) = mount_form();
    query(&root, "button[type=submit]").click();
    tick().await;
    let summary = query(&root, ".form-summary");
    assert_eq!(summary.get_attribute("role").unwrap(), "alert");
    assert!(
        summary
            .text_content()
            .unwrap()
            .starts_with("Please correct 4 problems:")
    );
    for (id, message) in [
        ("comment", "Please type your comment text."),
        ("author", "Please enter your name."),
        ("email", "Please enter your email address."),
        ("captcha", "Please enter captcha value."),
    ] {
        let input = query(&root, &format!("#{id}"));
        assert_eq!(
            input.get_attribute("aria-invalid").as_deref(),
            Some("true"),
            "{id}"
        );
        let described = input.get_attribute("aria-describedby").unwrap();
        assert!(
            described.split(' ').any(|d| d == format!("{id}-error")),
            "{id}: {described}"
        );
        assert_eq!(
            query(&root, &format!("#{id}-error"))
                .text_content()
                .unwrap(),
            message
        );
    }
    assert!(
        query(&root, "#url").get_attribute("aria-invalid").is_none(),
        "the website is optional"
    );
}

#[wasm_bindgen_test]
async fn a_wrong_captcha_answer_gets_a_new_equation_and_keeps_the_text() {
    let (root, state) = mount_form();
    state.comment.set("Keep me".into());
    let spoken_before = query(&root, ".captcha__label").text_content().unwrap();
    let wrong = state.equation.get_untracked().answer() + 1;
    state.answer.set(wrong.to_string());
    query(&root, "button[type=submit]").click();
    tick().await;
    assert_eq!(
        query(&root, "#captcha-error").text_content().unwrap(),
        "Invalid captcha value."
    );
    assert_ne!(
        query(&root, ".captcha__label").text_content().unwrap(),
        spoken_before
    );
    let textarea: web_sys::HtmlTextAreaElement = query(&root, "#comment").unchecked_into();
    assert_eq!(textarea.value(), "Keep me");
}

#[wasm_bindgen_test]
async fn the_captcha_is_labelled_as_spoken_and_offers_a_new_equation() {
    let (root, state) = mount_form();
    let equation = state.equation.get_untracked();
    let label = query(&root, "label[for=captcha]").text_content().unwrap();
    assert_eq!(
        label,
        format!(
            "Math Captcha: {}. Type the missing number. *",
            equation.spoken()
        )
    );
    assert!(label.contains("blank"));
    for _ in 0..5 {
        query(&root, ".captcha__new").click();
        tick().await;
        if state.equation.get_untracked() != equation {
            return;
        }
    }
    panic!("New equation never changed the equation");
}
