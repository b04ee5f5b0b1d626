//! Loads an article's JSON as soon as a reader points at or focuses a link
//! to it, so the click shows the article without waiting.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wellpress_types::Article;

use crate::{fetch, routes};

/// The article slug a same-site link leads to, if it leads to an article.
pub fn article_slug(href: &str) -> Option<&str> {
    let path = routes::strip_base(href.split(['?', '#']).next()?)?;
    let slug = path
        .strip_prefix('/')?
        .strip_suffix('/')
        .unwrap_or(path.strip_prefix('/')?);
    routes::is_slug(slug).then_some(slug)
}

fn on_link(event: &web_sys::Event) {
    let Some(anchor) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
    else {
        return;
    };
    if let Some(slug) = anchor
        .get_attribute("href")
        .as_deref()
        .and_then(article_slug)
    {
        fetch::prefetch::<Article>(routes::article_data(slug));
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
    use super::article_slug;

    #[test]
    fn recognises_article_links_only() {
        assert_eq!(article_slug("/sleep-debt/"), Some("sleep-debt"));
        assert_eq!(article_slug("/sleep-debt/#comments"), Some("sleep-debt"));
        assert_eq!(article_slug("/sleep-debt"), Some("sleep-debt"));
        for other in [
            "/",
            "/category/sleep/",
            "/page/2/",
            "https://www.nhs.uk/",
            "#respond",
            "mailto:a@b.co",
            "/images/a.svg",
        ] {
            assert_eq!(article_slug(other), None, "{other}");
        }
    }
}
