//! The app's components rendered to HTML on the host, for prerendering
//! (feature `ssr`): the page at a path, with the data it shows handed over
//! as the app in the browser gets it from the page. `wellpress-build` puts
//! the result into each page's HTML file.

use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

pub use crate::start::landing::Shows;
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

/// Renders the app at `path`, showing `shows`, with `data` (the JSON at
/// its URL) handed to it as the app in the browser gets it from the page.
pub fn render(path: &str, shows: Shows, data: Option<&str>) -> Rendered {
    fetch::forget_all();
    if let (Some(url), Some(json)) = (shows.data_url(), data) {
        fetch::embed(url.to_owned(), json.to_owned());
    }
    landing::set(Some(Landing {
        path: path.to_owned(),
        shows,
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
    use serde_json::json;
    use wellpress_types::{ListingPage, Route};

    use super::*;
    use crate::routes;

    fn rendered(path: &str, route: Option<&Route>, json: Option<&str>) -> String {
        let _ = init_executor();
        let shows = route.map_or(Shows::NotFound, |route| Shows::Data(routes::data(route)));
        render(path, shows, json).body
    }

    #[test]
    fn every_address_shows_its_page_or_not_found() {
        let home = serde_json::to_string(&ListingPage {
            page: 1,
            total_pages: 1,
            ..ListingPage::default()
        })
        .unwrap();
        let body = rendered("/", Some(&Route::HOME), Some(&home));
        assert!(body.contains("Latest articles"), "{body}");
        for unknown in ["/a/b/c/", "/page/0/", "/category/Sleep/"] {
            let body = rendered(unknown, None, None);
            assert!(body.contains("Page not found"), "{unknown}: {body}");
        }
    }

    #[test]
    fn the_search_page_is_a_shell_that_says_search_needs_scripts() {
        let _ = init_executor();
        let page = render("/search/", Shows::Shell, None);
        let body = page.body.replace("<!>", "");
        assert!(
            body.contains(
                r#"<section id="search" aria-labelledby="search-title" class="search-page">"#
            ),
            "{body}"
        );
        assert!(body.contains("Search needs JavaScript"), "{body}");
        assert!(!body.contains("Page not found"), "{body}");
        assert!(
            page.head
                .contains(r#"<meta name="robots" content="noindex">"#),
            "{}",
            page.head
        );
        assert!(!page.head.contains("canonical"), "{}", page.head);
        // Every page's header has the search form, which works without the app.
        let home = render("/", Shows::Shell, None).body.replace("<!>", "");
        let form = home
            .split(r#"<form role="search" action="/search/" method="get" class="site-search">"#)
            .nth(1);
        let form = form
            .expect("a search form")
            .split("</form>")
            .next()
            .unwrap();
        assert!(
            form.contains(
                r#"<label for="search-field" class="visually-hidden">Search articles</label>"#
            ),
            "{form}"
        );
        assert!(
            form.contains(r#"id="search-field""#) && form.contains(r#"name="q""#),
            "{form}"
        );
        assert!(form.contains(r#"type="submit""#), "{form}");
    }

    /// A 1600 × 900 hero with its copies, as the content tool publishes it.
    fn hero() -> serde_json::Value {
        let variant = |width: u32| {
            let jpeg = if width == 1600 {
                "/images/articles/salt.jpg".to_owned()
            } else {
                format!("/images/_v/articles/salt-{width}-k.jpg")
            };
            json!({ "width": width, "files": {
                "webp": format!("/images/_v/articles/salt-{width}-k.webp"), "jpeg": jpeg } })
        };
        json!({
            "src": "/images/articles/salt.jpg", "alt": "A salt cellar", "width": 1600, "height": 900,
            "variants": [variant(480), variant(800), variant(1200), variant(1600)],
        })
    }

    #[test]
    fn an_article_hero_is_a_picture_fetched_first_with_its_size() {
        routes::set_base("/blog/");
        let mut data: serde_json::Value =
            serde_json::from_str(&article(json!([]), json!({ "name": "Jo" }), json!(null)))
                .unwrap();
        data["image"] = hero();
        let _ = init_executor();
        let route = Route::article("salt");
        let page = render(
            "/blog/salt/",
            Shows::Data(routes::data(&route)),
            Some(&data.to_string()),
        );
        routes::set_base("/");
        let figure = page
            .body
            .split(r#"<figure class="article__hero">"#)
            .nth(1)
            .expect("a hero")
            .split("</figure>")
            .next()
            .unwrap()
            .replace("<!>", "");
        let v = |width: u32, ext: &str| {
            format!("/blog/images/_v/articles/salt-{width}-k.{ext} {width}w")
        };
        let sizes = wellpress_types::ARTICLE_IMAGE_SIZES;
        assert_eq!(
            figure,
            format!(
                r#"<picture><source type="image/webp" srcset="{}, {}, {}, {}" sizes="{sizes}"><img src="/blog/images/articles/salt.jpg" srcset="{}, {}, {}, /blog/images/articles/salt.jpg 1600w" sizes="{sizes}" alt="A salt cellar" width="1600" height="900" fetchpriority="high"></picture>"#,
                v(480, "webp"),
                v(800, "webp"),
                v(1200, "webp"),
                v(1600, "webp"),
                v(480, "jpg"),
                v(800, "jpg"),
                v(1200, "jpg"),
            )
        );
        // Link previews take the 1200-pixel JPEG, which every reader of them takes.
        assert!(
            page.head
                .contains(r#"<meta property="og:image" content="https://"#)
                && page
                    .head
                    .contains(r#"/blog/images/_v/articles/salt-1200-k.jpg">"#),
            "{}",
            page.head
        );
    }

    #[test]
    fn a_card_shows_its_thumbnail_lazily_with_its_size() {
        let mut thumbnail = hero();
        thumbnail["variants"].as_array_mut().unwrap().truncate(2);
        let home = json!({
            "name": null, "page": 1, "total_pages": 1, "total_items": 1,
            "items": [{
                "slug": "salt", "title": "Salt", "excerpt": "Less.", "date": "2026-03-01",
                "category": { "name": "Heart Health", "slug": "heart-health" },
                "reading_minutes": 3, "image": thumbnail,
            }],
        });
        let body = rendered("/", Some(&Route::HOME), Some(&home.to_string())).replace("<!>", "");
        let card = body
            .split(r#"<article class="card">"#)
            .nth(1)
            .expect("a card");
        assert!(
            card.starts_with(r#"<picture><source type="image/webp" srcset="/images/_v/articles/salt-480-k.webp 480w, /images/_v/articles/salt-800-k.webp 800w" sizes=""#),
            "{card}"
        );
        assert!(
            card.contains(r#"<img src="/images/_v/articles/salt-800-k.jpg" srcset="/images/_v/articles/salt-480-k.jpg 480w, /images/_v/articles/salt-800-k.jpg 800w""#),
            "{card}"
        );
        assert!(
            card.contains(r#"alt="A salt cellar" width="1600" height="900" loading="lazy" decoding="async"></picture>"#),
            "{card}"
        );
    }

    /// An article's JSON, with `outline` and `author` as given.
    fn article(
        outline: serde_json::Value,
        author: serde_json::Value,
        review: serde_json::Value,
    ) -> String {
        json!({
            "slug": "salt", "title": "Salt", "excerpt": "Less.", "tags": [],
            "category": { "name": "Heart Health", "slug": "heart-health" },
            "author": author, "review": review, "date": "2026-03-01", "updated": null,
            "reading_minutes": 3, "image": null, "body_html": "<p>Text.</p>",
            "outline": outline, "previous": null, "next": null, "related": [], "comments": []
        })
        .to_string()
    }

    fn h(level: u8, id: &str) -> serde_json::Value {
        json!({ "level": level, "id": id, "text": format!("About {id}") })
    }

    #[test]
    fn a_long_article_lists_its_sections_for_phones_and_wide_screens() {
        let outline = json!([h(2, "why"), h(3, "how"), h(2, "when"), h(2, "sources")]);
        let body = rendered(
            "/salt/",
            Some(&Route::article("salt")),
            Some(&article(outline, json!({ "name": "Jo" }), json!(null))),
        );
        let nav = body
            .split(r#"<nav aria-label="On this page" class="toc">"#)
            .nth(1)
            .expect("a table of contents")
            .split("</nav>")
            .next()
            .unwrap();
        assert!(
            nav.contains(
                "<details class=\"toc__fold\"><summary class=\"toc__title\">On this page</summary>"
            ),
            "{nav}"
        );
        assert_eq!(
            nav.matches(r##"href="#how""##).count(),
            2,
            "folded and side lists: {nav}"
        );
        assert!(nav.contains(r##"<li class="toc__item toc__item--h3"><a href="#how" class="toc__link">About how</a>"##), "{nav}");
        // Before the body, so it is read first.
        assert!(body.find("toc__fold").unwrap() < body.find("<p>Text.</p>").unwrap());

        let short = json!([h(2, "why"), h(3, "how"), h(2, "when")]);
        let body = rendered(
            "/salt/",
            Some(&Route::article("salt")),
            Some(&article(short, json!({ "name": "Jo" }), json!(null))),
        );
        assert!(
            !body.contains("On this page"),
            "two sections need no contents: {body}"
        );
    }

    #[test]
    fn bylines_link_to_authors_with_a_page_and_say_who_reviewed() {
        let lena = json!({
            "name": "Dr. Lena Marsh", "slug": "lena-marsh", "credentials": "MD, GP",
            "bio": ["Lena is a GP.", "She reviews."],
            "photo": { "src": "/images/authors/lena-marsh.jpg", "alt": "" },
            "links": [{ "label": "Clinic", "url": "https://clinic.example/lena" }]
        });
        let body = rendered(
            "/salt/",
            Some(&Route::article("salt")),
            Some(&article(
                json!([]),
                lena.clone(),
                json!({ "by": lena, "date": "2026-03-05" }),
            )),
        )
        .replace("<!>", "");
        assert!(
            body.contains(r#"By <a href="/author/lena-marsh/" rel="author">Dr. Lena Marsh</a>"#),
            "{body}"
        );
        assert!(body.contains("Medically reviewed by <a href=\"/author/lena-marsh/\" rel=\"author\">Dr. Lena Marsh</a>, MD, GP, on <time datetime=\"2026-03-05\">March 5, 2026</time>"), "{body}");
        let aside = body
            .split(r#"<aside aria-labelledby="author-box-title" class="author-box">"#)
            .nth(1)
            .expect("an author box");
        assert!(aside.contains("About the author"));
        assert!(
            aside.contains("<p>Lena is a GP.</p><p>She reviews.</p>"),
            "{aside}"
        );
        assert!(aside.contains(r#"href="https://clinic.example/lena""#));
        assert!(aside.contains("More from Dr. Lena Marsh"));

        let body = rendered(
            "/salt/",
            Some(&Route::article("salt")),
            Some(&article(
                json!([]),
                json!({ "name": "Guest <b>Writer</b>" }),
                json!(null),
            )),
        )
        .replace("<!>", "");
        assert!(
            body.contains("By Guest &lt;b&gt;Writer&lt;/b&gt;"),
            "a plain name, as text: {body}"
        );
        assert!(!body.contains("author-box") && !body.contains("Medically reviewed"));
    }

    #[test]
    fn an_author_page_shows_who_they_are_above_their_articles() {
        let page = json!({
            "name": "Dr. Lena Marsh", "page": 1, "total_pages": 1, "total_items": 0, "items": [],
            "author": { "name": "Dr. Lena Marsh", "slug": "lena-marsh", "credentials": "MD, GP", "bio": ["Lena is a GP."] }
        });
        let route = Route::author("lena-marsh", 1);
        let body = rendered("/author/lena-marsh/", Some(&route), Some(&page.to_string()))
            .replace("<!>", "");
        assert!(
            body.contains(r#"<h1 class="page-title">Dr. Lena Marsh</h1>"#),
            "{body}"
        );
        assert!(
            body.contains("<p class=\"author__credentials\">MD, GP</p>"),
            "{body}"
        );
        assert!(body.contains("<p>Lena is a GP.</p>"));
        assert!(body.contains("Dr. Lena Marsh has no published articles yet."));
    }

    #[test]
    fn a_page_has_the_site_shell_and_nothing_of_an_article_s() {
        // content/pages/about.md, baked in by build.rs, makes /about/ a page.
        let route = Route::site_page("about");
        assert_eq!(routes::route_of("/about/"), Some(route.clone()));
        let page = json!({
            "slug": "about", "title": "About Us", "description": "Who we are.",
            "body_html": "<h2 id=\"team\">Team</h2><p>We write.</p>",
        });
        let _ = init_executor();
        let data_url = routes::data(&route);
        assert_eq!(data_url, "/data/page/about.json");
        let page = render("/about/", Shows::Data(data_url), Some(&page.to_string()));
        let body = page.body.replace("<!>", "");
        assert!(
            body.contains(r#"<nav aria-label="Breadcrumb" class="breadcrumb"><ol><li><a href="/">Home</a></li><li aria-current="page">About Us</li></ol></nav>"#),
            "{body}"
        );
        assert!(
            body.contains(r#"<h1 class="article__title">About Us</h1>"#),
            "{body}"
        );
        assert!(
            body.contains(r#"<h2 id="team">Team</h2><p>We write.</p>"#),
            "{body}"
        );
        for article_only in [
            "byline",
            "Published",
            "share",
            "comments",
            "Related",
            "promo",
        ] {
            assert!(!body.contains(article_only), "{article_only}: {body}");
        }
        let footer = body
            .split(r#"<footer class="site-footer">"#)
            .nth(1)
            .expect("a footer");
        // The pages content/site.toml's `footer_pages` names, with their titles.
        let footer_pages = crate::site::footer_pages();
        assert!(!footer_pages.is_empty());
        for linked in footer_pages {
            let current = if linked.slug == "about" {
                r#" aria-current="page""#
            } else {
                ""
            };
            let link = format!(
                r#"<a href="/{}/"{current}>{}</a>"#,
                linked.slug, linked.title
            );
            assert!(footer.contains(&link), "{link}: {footer}");
        }

        let head = &page.head;
        assert!(head.contains("<title>About Us – "), "{head}");
        assert!(
            head.contains(r#"<meta name="description" content="Who we are.">"#),
            "{head}"
        );
        let canonical = format!(
            r#"<link href="{}" rel="canonical">"#,
            routes::absolute("/about/")
        );
        assert!(head.contains(&canonical), "{head}");
        assert!(head.contains(r#""@type":"WebPage""#), "{head}");
        assert!(head.contains(r#""@type":"BreadcrumbList""#), "{head}");
        assert!(!head.contains("article:published_time"), "{head}");
    }

    /// The JSON-LD of a rendered head, parsed.
    fn json_ld(head: &str) -> serde_json::Value {
        let start = head
            .find(r#"<script type="application/ld+json">"#)
            .expect("JSON-LD");
        let rest = &head[start..];
        let json = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
        serde_json::from_str(json).unwrap()
    }

    /// The names and addresses of a BreadcrumbList's items.
    fn crumbs_of(ld: &serde_json::Value) -> Vec<(String, String)> {
        let graph = ld["@graph"].as_array().unwrap();
        let list = graph
            .iter()
            .find(|n| n["@type"] == "BreadcrumbList")
            .expect("a BreadcrumbList");
        list["itemListElement"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["name"].as_str().unwrap().to_owned(),
                    i["item"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn a_nested_category_s_chain_is_in_the_breadcrumb_and_its_json_ld() {
        let health = json!({ "name": "Health", "slug": "health" });
        let mut salt: serde_json::Value =
            serde_json::from_str(&article(json!([]), json!({ "name": "Jo" }), json!(null)))
                .unwrap();
        salt["category_parents"] = json!([health]);
        let _ = init_executor();
        let route = Route::article("salt");
        let page = render(
            "/salt/",
            Shows::Data(routes::data(&route)),
            Some(&salt.to_string()),
        );
        let body = page.body.replace("<!>", "");
        assert!(
            body.contains(concat!(
                r#"<ol><li><a href="/">Home</a></li><li><a href="/category/health/">Health</a></li>"#,
                r#"<li><a href="/category/heart-health/">Heart Health</a></li><li aria-current="page">Salt</li></ol>"#
            )),
            "{body}"
        );
        let at = |path: &str| routes::absolute(path);
        assert_eq!(
            crumbs_of(&json_ld(&page.head)),
            [
                ("Home".to_owned(), at("/")),
                ("Health".to_owned(), at("/category/health/")),
                ("Heart Health".to_owned(), at("/category/heart-health/")),
                ("Salt".to_owned(), at("/salt/")),
            ]
        );

        // The archive: the same chain, and its description as text.
        let listing = json!({
            "name": "Heart Health", "page": 1, "total_pages": 1, "total_items": 0, "items": [],
            "parents": [health],
            "description": ["Blood pressure, <b>cholesterol</b> and you.", "Checked by doctors."]
        });
        let route = Route::category("heart-health", 1);
        let page = render(
            "/category/heart-health/",
            Shows::Data(routes::data(&route)),
            Some(&listing.to_string()),
        );
        let body = page.body.replace("<!>", "");
        assert!(
            body.contains(concat!(
                r#"<ol><li><a href="/">Home</a></li><li><a href="/category/health/">Health</a></li>"#,
                r#"<li aria-current="page">Heart Health</li></ol>"#
            )),
            "{body}"
        );
        assert!(
            body.contains(concat!(
                r#"<div class="listing-header__description"><p>Blood pressure, &lt;b&gt;cholesterol&lt;/b&gt; and you.</p>"#,
                r#"<p>Checked by doctors.</p></div>"#
            )),
            "{body}"
        );
        assert!(
            page.head.contains(r#"<meta name="description" content="Blood pressure, &lt;b&gt;cholesterol&lt;/b&gt; and you.">"#),
            "{}",
            page.head
        );
        assert_eq!(
            crumbs_of(&json_ld(&page.head)),
            [
                ("Home".to_owned(), at("/")),
                ("Health".to_owned(), at("/category/health/")),
                ("Heart Health".to_owned(), at("/category/heart-health/")),
            ]
        );
    }
}
