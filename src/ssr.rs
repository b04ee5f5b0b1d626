//! The app's components rendered to HTML on the host, for prerendering
//! (feature `ssr`): the page at a path, with the data it shows handed over
//! as the app in the browser gets it from the page. `wellpress-build` puts
//! the result into each page's HTML file.

use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

use crate::{
    App, fetch,
    start::landing::{self, Landing},
};

/// The start-up script every page loads (src/start/start.js), with blanks for
/// the app's JS and wasm files that the build fills in.
pub const START_JS: &str = include_str!("start/start.js");

/// A page rendered: what goes in the head, and the app's root element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Title, meta, link and JSON-LD tags.
    pub head: String,
    /// The content of the app's root element.
    pub body: String,
}

/// Renders the app at `path`, with `data` (the JSON at `data_url`) handed
/// to it as the app in the browser gets it from the page.
pub fn render(path: &str, data_url: Option<&str>, data: Option<&str>) -> Rendered {
    fetch::forget_all();
    if let (Some(url), Some(json)) = (data_url, data) {
        fetch::embed(url.to_owned(), json.to_owned());
    }
    landing::set(Some(Landing {
        path: path.to_owned(),
        data_url: data_url.map(str::to_owned),
    }));

    let owner = Owner::new();
    let rendered = owner.with(|| {
        provide_context(RequestUrl::new(path));
        let (meta, output) = ServerMetaContext::new();
        provide_context(meta);
        let body = App().to_html();
        let head = futures::executor::block_on(async move {
            use futures::StreamExt;
            let stream = futures::stream::iter([String::from("<head></head>")]);
            output
                .inject_meta_context(stream)
                .await
                .collect::<String>()
                .await
        });
        let head = head
            .trim_start_matches("<head>")
            .trim_end_matches("</head>")
            .to_owned();
        Rendered { head, body }
    });
    drop(owner);
    landing::set(None);
    rendered
}

/// Starts the executor Leptos spawns its tasks on (the futures one); once,
/// before the first [`render`].
pub fn init_executor() -> Result<(), String> {
    any_spawner::Executor::init_futures_executor().map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use wellpress_types::{ListingPage, Route};

    use super::*;
    use crate::routes;

    fn rendered(path: &str, route: Option<&Route>, json: Option<&str>) -> String {
        let _ = init_executor();
        let data_url = route.map(routes::data);
        render(path, data_url.as_deref(), json).body
    }

    #[test]
    fn every_address_shows_its_page_or_not_found() {
        let home = serde_json::to_string(&ListingPage {
            name: None,
            page: 1,
            total_pages: 1,
            total_items: 0,
            items: Vec::new(),
        })
        .unwrap();
        let body = rendered("/", Some(&Route::HOME), Some(&home));
        assert!(body.contains("Latest articles"), "{body}");
        for unknown in ["/a/b/c/", "/page/0/", "/category/Sleep/"] {
            let body = rendered(unknown, None, None);
            assert!(body.contains("Page not found"), "{unknown}: {body}");
        }
    }
}
