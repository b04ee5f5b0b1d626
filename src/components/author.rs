//! Who wrote or reviewed an article: their name in the byline (a link to
//! their page when they have one), the box about them after the article,
//! and the top of their own page.

use leptos::prelude::*;
use wellpress_types::{Person, ProfileLink, Route};

use crate::{
    components::picture::{Loading, Picture},
    routes,
};

/// Their page's address, when they have an author file.
fn page_of(person: &Person) -> Option<String> {
    person
        .slug
        .as_ref()
        .map(|slug| routes::href(&Route::author(slug.clone(), 1)))
}

/// The name, linked to their page when they have one.
#[component]
pub fn AuthorName(person: Person) -> impl IntoView {
    match page_of(&person) {
        Some(href) => view! { <a href=href rel="author">{person.name}</a> }.into_any(),
        None => person.name.into_any(),
    }
}

/// Their portrait, shown `sizes` wide (style/main.css sizes `.portrait`),
/// from the smallest copy that is sharp at that width; `first` when it is
/// the first thing the page shows, so it is not held back.
fn portrait(person: &Person, sizes: &'static str, first: bool) -> Option<impl IntoView + use<>> {
    let loading = if first { Loading::First } else { Loading::Lazy };
    person.photo.clone().map(|photo| {
        view! { <Picture image=photo sizes=sizes loading=loading class="portrait" /> }
    })
}

fn bio(paragraphs: Vec<String>) -> impl IntoView {
    paragraphs
        .into_iter()
        .map(|p| view! { <p>{p}</p> })
        .collect_view()
}

fn profile_links(links: Vec<ProfileLink>, name: &str) -> Option<impl IntoView + use<>> {
    let label = format!("{name} elsewhere");
    (!links.is_empty()).then(|| {
        view! {
            <ul class="author__links" aria-label=label>
                {links
                    .into_iter()
                    .map(|link| view! { <li><a href=link.url rel="noopener me">{link.label}</a></li> })
                    .collect_view()}
            </ul>
        }
    })
}

/// "About the author", after an article: only for an author with a page.
#[component]
pub fn AuthorBox(person: Person) -> impl IntoView {
    let href = page_of(&person)?;
    let photo = portrait(&person, "4.5rem", false);
    let links = profile_links(person.links.clone(), &person.name);
    let more = format!("More from {}", person.name);
    Some(view! {
        <aside class="author-box" aria-labelledby="author-box-title">
            {photo}
            <div class="author-box__text">
                <p class="author-box__label">"About the author"</p>
                <h2 id="author-box-title" class="author-box__name">
                    <a href=href.clone() rel="author">{person.name}</a>
                </h2>
                {person.credentials.map(|c| view! { <p class="author__credentials">{c}</p> })}
                <div class="author__bio">{bio(person.bio)}</div>
                {links}
                <p class="author-box__more"><a href=href>{more} " →"</a></p>
            </div>
        </aside>
    })
}

/// The top of an author's page: portrait, name, role, biography, profiles.
#[component]
pub fn AuthorProfile(person: Person) -> impl IntoView {
    let photo = portrait(&person, "7.5rem", true);
    let links = profile_links(person.links.clone(), &person.name);
    view! {
        <div class="author-profile">
            {photo}
            <div class="author-profile__text">
                {person.credentials.map(|c| view! { <p class="author__credentials">{c}</p> })}
                <div class="author__bio">{bio(person.bio)}</div>
                {links}
            </div>
        </div>
    }
}
