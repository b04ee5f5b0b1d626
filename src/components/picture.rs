//! An image as a `<picture>`: the copies the build made of it, in the most
//! compact format the browser takes, at the width the layout needs, with
//! its size written out so that nothing moves when it arrives.

use leptos::prelude::*;
use wellpress_types::Image;

use crate::routes;

/// How soon the browser should fetch an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    /// The first thing a page shows (an article's hero): fetched at once,
    /// before other images.
    First,
    /// Further down or one of many (card thumbnails): fetched when the
    /// reader nears it.
    Lazy,
}

/// `image` as a `<picture>` with a `<source>` per compact format and an
/// `<img>` in the original's format, every width in each `srcset`;
/// `sizes` says how wide the layout shows it; `class` goes on the `<img>`.
/// An image without copies (an SVG, an image on another site) is a plain
/// `<img>`.
#[component]
pub fn Picture(
    image: Image,
    sizes: &'static str,
    loading: Loading,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    let sources = image.sources(routes::local);
    let fallback = image.fallback(routes::local);
    let has_copies = fallback.srcset.is_some();
    let first = loading == Loading::First;
    let img = view! {
        <img
            src=fallback.src
            srcset=fallback.srcset
            sizes=has_copies.then_some(sizes)
            alt=image.alt
            width=(image.width > 0).then_some(image.width)
            height=(image.height > 0).then_some(image.height)
            loading=(!first).then_some("lazy")
            fetchpriority=first.then_some("high")
            decoding=(!first).then_some("async")
        />
    }
    // Not `class=`: that writes an empty attribute when there is none.
    .add_any_attr(leptos::attr::custom::custom_attribute("class", class));
    if !has_copies {
        return img.into_any();
    }
    view! {
        <picture>
            {sources
                .into_iter()
                .map(|source| view! { <source type=source.mime srcset=source.srcset sizes=sizes /> })
                .collect_view()}
            {img}
        </picture>
    }
    .into_any()
}
