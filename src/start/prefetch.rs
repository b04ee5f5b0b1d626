//! Loads an article's JSON as soon as a reader points at or focuses a link
//! to it, so the click shows the article without waiting.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wellpress_types::{Article, Route};

use crate::{fetch, routes};

/// The article a same-site link leads to, if it leads to an article.
pub fn article_route(href: &str) -> Option<Route> {
    routes::route_of(href).filter(|route| route.article_slug().is_some())
}

fn on_link(event: &web_sys::Event) {
    let Some(anchor) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
    else {
        return;
    };
    if let Some(route) = anchor
        .get_attribute("href")
        .as_deref()
        .and_then(article_route)
    {
        fetch::prefetch::<Article>(routes::data(&route));
    }
}

/// Starts prefetching on pointer-over and focus of article links.
pub fn install() {
    Effect::new(|_| {
        let over = window_event_listener(leptos::ev::pointerover, |e| on_link(&e));
        let focus = window_event_listener(leptos::ev::focusin, |e| on_link(&e));
        // The app lives as long as the page.
        std::mem::forget((over, focus));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_article_links_only() {
        let article = Some(Route::article("sleep-debt"));
        assert_eq!(article_route("/sleep-debt/"), article);
        assert_eq!(article_route("/sleep-debt/#comments"), article);
        assert_eq!(article_route("/sleep-debt"), article);
        for other in [
            "/",
            "/category/sleep/",
            "/page/2/",
            "https://www.nhs.uk/",
            "#respond",
            "mailto:a@b.co",
            "/images/a.svg",
        ] {
            assert_eq!(article_route(other), None, "{other}");
        }
    }
}
