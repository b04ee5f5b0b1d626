//! The header and footer around every page.

use leptos::prelude::*;
use leptos_router::components::A;
use wellpress_types::Route;

use crate::{routes, search::field::SearchForm, site};

/// The site header: name (a link home), tagline, the main navigation and
/// the search form.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = site::config();
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <div class="site-header__brand">
                    <a class="site-header__name" href=routes::href(&Route::HOME)>
                        {site.name.clone()}
                    </a>
                    <p class="site-header__tagline">{site.tagline.clone()}</p>
                </div>
                {(!site.nav.is_empty()).then(|| view! {
                    <nav class="site-nav" aria-label="Main">
                        <ul>
                            {site.nav
                                .iter()
                                .map(|link| view! { <li><A href=routes::local(&link.href)>{link.label.clone()}</A></li> })
                                .collect_view()}
                        </ul>
                    </nav>
                })}
                <SearchForm />
            </div>
        </header>
    }
}

/// The site footer, with links to the pages `footer_pages` names.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let site = site::config();
    let pages = site::footer_pages();
    view! {
        <footer class="site-footer">
            {(!pages.is_empty()).then(|| view! {
                <nav class="site-footer__nav" aria-label="About the site">
                    <ul>
                        {pages
                            .into_iter()
                            .map(|page| view! {
                                <li><A href=routes::href(&Route::site_page(page.slug.clone()))>{page.title.clone()}</A></li>
                            })
                            .collect_view()}
                    </ul>
                </nav>
            })}
            <p>
                {site.name.clone()} " · " {site.tagline.clone()}
            </p>
            <p class="site-footer__note">
                "Articles inform; they do not replace advice from your own doctor."
            </p>
        </footer>
    }
}
