//! The trail from the home page to the current page.

use leptos::prelude::*;
use wellpress_types::{CategoryRef, Route};

use crate::routes;

/// One step of the trail: a label, and a link unless it is the current page.
/// The same steps make the visible trail and the page's JSON-LD
/// `BreadcrumbList` (head.rs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crumb {
    /// What the step is called.
    pub label: String,
    /// Where it leads, as `routes` makes it; `None` for the current page.
    pub href: Option<String>,
}

impl Crumb {
    /// A step that links to `href`.
    pub fn link(label: impl Into<String>, href: String) -> Self {
        Self {
            label: label.into(),
            href: Some(href),
        }
    }

    /// The current page's step.
    pub fn here(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            href: None,
        }
    }
}

/// The steps from the home page through `categories` (the topmost first),
/// each linked to its archive: where an article's or a category's trail
/// starts.
pub fn through<'a>(categories: impl IntoIterator<Item = &'a CategoryRef>) -> Vec<Crumb> {
    std::iter::once(Crumb::link("Home", routes::href(&Route::HOME)))
        .chain(categories.into_iter().map(|category| {
            Crumb::link(
                category.name.clone(),
                routes::href(&Route::category(category.slug.clone(), 1)),
            )
        }))
        .collect()
}

/// `Home › Category › Title` as a navigation landmark labelled "Breadcrumb".
#[component]
pub fn Breadcrumb(crumbs: Vec<Crumb>) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <ol>
                {crumbs
                    .into_iter()
                    .map(|crumb| match crumb.href {
                        Some(href) => view! { <li><a href=href>{crumb.label}</a></li> }.into_any(),
                        None => view! { <li aria-current="page">{crumb.label}</li> }.into_any(),
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
