//! A paginated list of article cards: the home page and the category and
//! tag archives share it.

use leptos::prelude::*;
use wellpress_types::{ListingPage, Route};

use crate::{
    components::{
        article_card::ArticleCard,
        author::AuthorProfile,
        breadcrumb::{self, Breadcrumb, Crumb},
        error_panel::ErrorPanel,
        pagination::Pagination,
        skeleton::ListingSkeleton,
    },
    fetch::{FetchError, Load, use_json},
    head::{PageHead, PageKind, PageMeta},
    pages::not_found::NotFound,
    routes, site,
};

/// Which list a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListingKind {
    /// All articles, newest first.
    Home,
    /// The articles of one category.
    Category,
    /// The articles with one tag.
    Tag,
    /// The articles one author wrote or reviewed.
    Author,
}

impl ListingKind {
    /// The kind of list a listing route shows.
    pub fn of(route: &Route) -> Self {
        match route {
            Route::Category { .. } => Self::Category,
            Route::Tag { .. } => Self::Tag,
            Route::Author { .. } => Self::Author,
            _ => Self::Home,
        }
    }
}

/// One page of a list (`route`: the home page, a category or a tag):
/// heading, count, cards and pagination, with loading and error states. A
/// page past the end is the not-found page.
#[component]
pub fn Listing(route: Route) -> impl IntoView {
    let kind = ListingKind::of(&route);
    let first_page = route.page() == 1;
    let data_url = routes::data(&route);
    let listing = use_json::<ListingPage>(move || data_url.clone());
    let href = Callback::new(move |n: u32| routes::href(&route.with_page(n)));

    move || match listing.state() {
        Load::Loading => view! { <ListingSkeleton trail=kind != ListingKind::Home /> }.into_any(),
        // Past the last page, or no such category: the address is wrong. The
        // home page itself missing means a broken deploy: say so, offer a retry.
        Load::Failed(FetchError::NotFound) if !(kind == ListingKind::Home && first_page) => {
            view! { <NotFound /> }.into_any()
        }
        Load::Failed(error) => view! {
            <h1 class="page-title">{fallback_heading(kind)}</h1>
            <ErrorPanel error on_retry=move || listing.retry() />
        }
        .into_any(),
        Load::Ready(data) => view! { <ListingView kind data href /> }.into_any(),
    }
}

fn fallback_heading(kind: ListingKind) -> &'static str {
    match kind {
        ListingKind::Home => "Latest articles",
        ListingKind::Category => "Category",
        ListingKind::Tag => "Tag",
        ListingKind::Author => "Author",
    }
}

#[component]
fn ListingView(kind: ListingKind, data: ListingPage, href: Callback<u32, String>) -> impl IntoView {
    let site = site::config();
    let name = data.name.clone().unwrap_or_default();
    let (label, heading, description) = match kind {
        ListingKind::Home => (None, "Latest articles".to_owned(), site.tagline.clone()),
        ListingKind::Category => (
            Some("Category"),
            name.clone(),
            match data.description.first() {
                Some(about) => about.clone(),
                None => format!(
                    "{} articles about {name} from {}.",
                    data.total_items, site.name
                ),
            },
        ),
        ListingKind::Tag => (
            Some("Tag"),
            name.clone(),
            format!(
                "{} articles tagged “{name}” from {}.",
                data.total_items, site.name
            ),
        ),
        ListingKind::Author => (
            Some("Author"),
            name.clone(),
            match data.author.as_ref().and_then(|a| a.bio.first()) {
                Some(bio) => bio.clone(),
                None => format!("Articles by {name} for {}.", site.name),
            },
        ),
    };
    let title = match (kind, data.page) {
        (ListingKind::Home, 1) => String::new(),
        (_, 1) => heading.clone(),
        (_, n) => format!("{heading} – page {n}"),
    };
    let count = match data.total_items {
        1 => "1 article".to_owned(),
        n => format!("{n} articles"),
    };
    let page_note =
        (data.total_pages > 1).then(|| format!(" · page {} of {}", data.page, data.total_pages));
    let trail = match kind {
        ListingKind::Home => Vec::new(),
        _ => breadcrumb::through(&data.parents),
    };
    let crumbs = (kind != ListingKind::Home).then(|| {
        let mut crumbs = trail.clone();
        crumbs.push(Crumb {
            label: name.clone(),
            href: (data.page > 1).then(|| href.run(1)),
        });
        crumbs
    });

    let meta = PageMeta {
        title,
        description,
        path: href.run(data.page),
        trail,
        kind: match (kind, &data.author) {
            (ListingKind::Home, _) => PageKind::Home,
            (ListingKind::Author, Some(person)) => PageKind::Author(person.clone()),
            _ => PageKind::Listing,
        },
    };
    let profile = data.author.clone().filter(|_| data.page == 1);
    let about = (data.page == 1 && !data.description.is_empty()).then(|| {
        view! {
            <div class="listing-header__description">
                {data.description.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
            </div>
        }
    });
    let empty = data.items.is_empty().then(|| {
        view! { <p class="listing-empty">{format!("{name} has no published articles yet.")}</p> }
    });

    view! {
        <PageHead meta />
        {crumbs.map(|crumbs| view! { <Breadcrumb crumbs /> })}
        <header class="listing-header">
            {label.map(|label| view! { <p class="listing-header__kind">{label}</p> })}
            <h1 class="page-title">{heading}</h1>
            {profile.map(|person| view! { <AuthorProfile person /> })}
            {about}
            <p class="listing-header__count">{count}{page_note}</p>
        </header>
        {empty}
        <div class="card-list">
            {data.items.into_iter().map(|card| view! { <ArticleCard card /> }).collect_view()}
        </div>
        <Pagination page=data.page total_pages=data.total_pages href />
    }
}
