//! The header and footer around every page.

use leptos::prelude::*;

use crate::{routes, site};

/// The site header: name (a link home) and tagline.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = site::config();
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-header__name" href=routes::home_href(1)>
                    {site.name.clone()}
                </a>
                <p class="site-header__tagline">{site.tagline.clone()}</p>
            </div>
        </header>
    }
}

/// The site footer.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let site = site::config();
    view! {
        <footer class="site-footer">
            <p>
                {site.name.clone()} " · " {site.tagline.clone()}
            </p>
            <p class="site-footer__note">
                "Articles inform; they do not replace advice from your own doctor."
            </p>
        </footer>
    }
}
