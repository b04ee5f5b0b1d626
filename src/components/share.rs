//! Sharing an article without third parties: plain links to each network's
//! own share page (nothing of theirs loads until the reader follows one),
//! a button that copies the address, and the device's share sheet where the
//! browser has one. The links work in the prerendered page; the buttons
//! need scripts, and show only where they run.

use leptos::prelude::*;

/// Where each network takes an address to share, and the link's name.
/// `{url}` and `{text}` are filled in, percent-encoded.
const NETWORKS: &[(&str, &str)] = &[
    ("X", "https://x.com/intent/post?url={url}&text={text}"),
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    ("WhatsApp", "https://wa.me/?text={text}%20{url}"),
    ("Email", "mailto:?subject={text}&body={url}"),
];

/// `text` percent-encoded for a URL's query (every byte but unreserved
/// characters), as `encodeURIComponent` does.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Each network's name and the link that shares `url` with `title` there.
pub fn share_links(url: &str, title: &str) -> Vec<(&'static str, String)> {
    let (url, text) = (encode_component(url), encode_component(title));
    NETWORKS
        .iter()
        .map(|(name, pattern)| {
            (
                *name,
                pattern.replace("{url}", &url).replace("{text}", &text),
            )
        })
        .collect()
}

/// "Share this article": the links, and the buttons where scripts run.
#[component]
pub fn ShareBar(
    /// The article's full address.
    url: String,
    /// The article's title.
    title: String,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let links = share_links(&url, &title)
        .into_iter()
        .map(|(name, href)| {
            let label = format!("Share on {name}");
            let (label, text) = if name == "Email" {
                ("Share by email".to_owned(), name)
            } else {
                (label, name)
            };
            let external = href.starts_with("https:");
            view! {
                <li>
                    <a
                        class="share__link"
                        href=href
                        aria-label=label
                        rel=external.then_some("noopener noreferrer")
                        target=external.then_some("_blank")
                    >
                        {text}
                    </a>
                </li>
            }
        })
        .collect_view();
    let copy = {
        let url = url.clone();
        move |_| {
            let url = url.clone();
            leptos::task::spawn_local(async move {
                status.set(if clipboard::copy(&url).await {
                    "Link copied.".to_owned()
                } else {
                    format!("Your browser would not copy it: the address is {url}")
                });
            });
        }
    };
    let share_sheet = move |_| clipboard::open_share_sheet(&url, &title);
    view! {
        <section class="share" aria-labelledby="share-title">
            <h2 id="share-title" class="share__title">"Share this article"</h2>
            <ul class="share__list">
                {links}
                // Shown once scripts run (`data-js` on the root element),
                // and the share sheet where the browser has one
                // (`data-share`): set by the start-up script and the app,
                // so the page does not change when the app takes over.
                <li class="share__copy">
                    <button type="button" class="share__link" on:click=copy>"Copy link"</button>
                </li>
                <li class="share__sheet">
                    <button type="button" class="share__link" on:click=share_sheet>"More…"</button>
                </li>
            </ul>
            <p class="share__status" aria-live="polite">{move || status.get()}</p>
        </section>
    }
}

/// The browser's clipboard and share sheet, where it has them.
pub mod clipboard {
    /// Copies `text`; whether the browser allowed it.
    pub async fn copy(text: &str) -> bool {
        #[cfg(not(feature = "ssr"))]
        {
            use js_sys::{Function, Promise, Reflect};
            use wasm_bindgen::JsCast;

            let write = || -> Option<Promise> {
                let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
                let clipboard = Reflect::get(&navigator, &"clipboard".into()).ok()?;
                let write: Function = Reflect::get(&clipboard, &"writeText".into())
                    .ok()?
                    .dyn_into()
                    .ok()?;
                write.call1(&clipboard, &text.into()).ok()?.dyn_into().ok()
            };
            match write() {
                Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
                None => false,
            }
        }
        #[cfg(feature = "ssr")]
        {
            let _ = text;
            false
        }
    }

    /// Whether the browser has a share sheet (`navigator.share`).
    pub fn has_share_sheet() -> bool {
        #[cfg(not(feature = "ssr"))]
        {
            let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into());
            navigator
                .and_then(|n| js_sys::Reflect::get(&n, &"share".into()))
                .is_ok_and(|share| share.is_function())
        }
        #[cfg(feature = "ssr")]
        false
    }

    /// Opens the share sheet with `url` and `title`; a reader who closes it
    /// has simply not shared.
    pub fn open_share_sheet(url: &str, title: &str) {
        #[cfg(not(feature = "ssr"))]
        {
            use js_sys::{Function, Object, Reflect};
            use wasm_bindgen::JsCast;

            let Ok(navigator) = Reflect::get(&js_sys::global(), &"navigator".into()) else {
                return;
            };
            let Some(share) = Reflect::get(&navigator, &"share".into())
                .ok()
                .and_then(|s| s.dyn_into::<Function>().ok())
            else {
                return;
            };
            let data = Object::new();
            let _ = Reflect::set(&data, &"url".into(), &url.into());
            let _ = Reflect::set(&data, &"title".into(), &title.into());
            if let Ok(promise) = share.call1(&navigator, &data) {
                // Closing the sheet rejects the promise: nothing to report.
                let promise: js_sys::Promise = promise.unchecked_into();
                leptos::task::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                });
            }
        }
        #[cfg(feature = "ssr")]
        let _ = (url, title);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_titles_are_encoded_for_each_network() {
        let links = share_links(
            "https://wellpress.example/blog/salt/",
            "Salt & you: 100% \"better\"?",
        );
        let names: Vec<&str> = links.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["X", "Facebook", "LinkedIn", "WhatsApp", "Email"]);
        let url = "https%3A%2F%2Fwellpress.example%2Fblog%2Fsalt%2F";
        let title = "Salt%20%26%20you%3A%20100%25%20%22better%22%3F";
        assert_eq!(links[0].1, format!("https://x.com/intent/post?url={url}&text={title}"));
        assert_eq!(links[1].1, format!("https://www.facebook.com/sharer/sharer.php?u={url}"));
        assert_eq!(links[3].1, format!("https://wa.me/?text={title}%20{url}"));
        assert_eq!(links[4].1, format!("mailto:?subject={title}&body={url}"));
        assert_eq!(encode_component("é"), "%C3%A9");
    }
}
