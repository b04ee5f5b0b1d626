//! The data WellPress publishes: the site settings baked into the app and the
//! JSON files the app fetches. The content tool writes these types and the
//! app reads them, so the schema has one definition. Also what the browser
//! and the comment receiver share: the rules a comment must meet
//! ([`comment_rules`]) and the names both sides use ([`names`]); and the
//! redirects the content tool checks and the build writes out
//! ([`Redirects`]).

use serde::{Deserialize, Serialize};

pub mod comment_rules;
mod image;
pub mod names;
mod redirect;
mod route;

pub use image::{
    ARTICLE_IMAGE_SIZES, Fallback, IMAGE_VARIANTS_FOLDER, Image, ImageFormat, ImageVariant,
    PictureSource,
};
pub use names::{BASE_META, DATA_ID, ROOT_ID};
pub use redirect::{Redirect, Redirects, decode_path, encode_path};
pub use route::{
    DATA_FOLDER, LINK_SHAPES, Manifest, Route, SEARCH_CATEGORY, SEARCH_FOLDER, SEARCH_PATH,
    SEARCH_QUERY, is_search_path, is_slug, strip_base, under,
};

/// Site-wide settings that every page needs before any fetch, from
/// `content/site.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The magazine's name, shown in the header and in every document title.
    pub name: String,
    /// One line under the name, used as the home page's meta description.
    pub tagline: String,
    /// Where the site is published (`https://example.org`), for canonical links.
    pub base_url: String,
    /// The byline of articles that name no author.
    pub author: String,
    /// Articles per page on the home page and the archives.
    #[serde(default = "default_per_page")]
    pub per_page: u32,
    /// Links in the header, in order.
    #[serde(default)]
    pub nav: Vec<NavLink>,
    /// The pages the footer links to, in order, by file name without `.md`
    /// (`["about", "privacy"]`), each shown with its title.
    #[serde(default)]
    pub footer_pages: Vec<String>,
    /// The promo box shown under every article.
    pub promo: Promo,
    /// Comment form and captcha settings.
    #[serde(default)]
    pub comments: CommentsConfig,
}

fn default_per_page() -> u32 {
    6
}

/// One link of the header navigation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NavLink {
    /// The visible text.
    pub label: String,
    /// A site path (`/napping-well/`) or a full URL.
    pub href: String,
}

/// The site-wide call to action under each article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promo {
    /// Whether the box is shown at all.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// The box's heading.
    pub heading: String,
    /// One line under the heading.
    pub pitch: String,
    /// The checklist, one line each.
    #[serde(default)]
    pub items: Vec<String>,
    /// The button's text.
    pub button_label: String,
    /// Where the button leads.
    pub button_href: String,
}

fn default_true() -> bool {
    true
}

/// How visitors comment: where comments are sent and how the captcha asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CommentsConfig {
    /// Where the form posts (a Staticman entry URL, or anything that takes
    /// the same request). None closes comments. The environment variable
    /// `WELLPRESS_COMMENT_ENDPOINT` at build time takes precedence.
    pub endpoint: Option<String>,
    /// Captcha operations offered: any of `+`, `-`, `*`, `/`.
    pub operations: Vec<String>,
    /// Captcha numbers as `digits`, `words` or `mixed`.
    pub numbers: String,
    /// Seconds an equation stays valid; 0 for no limit. When it runs out,
    /// the visitor gets a fresh equation and keeps everything typed.
    pub time_limit_secs: u32,
    /// Seconds between the form appearing and a submission, below which it
    /// is taken for a robot and asked to try again.
    pub min_seconds: u32,
}

impl Default for CommentsConfig {
    fn default() -> Self {
        Self {
            endpoint: None,
            operations: vec!["+".into(), "-".into()],
            numbers: "digits".into(),
            time_limit_secs: 0,
            min_seconds: 3,
        }
    }
}

/// A category as a card or breadcrumb needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRef {
    /// Display name, as the author wrote it (`Mental Health`).
    pub name: String,
    /// URL segment derived from the name (`mental-health`).
    pub slug: String,
}

/// What a list of articles shows for one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleCard {
    /// URL segment of the article, from its file name.
    pub slug: String,
    /// The article's title.
    pub title: String,
    /// One or two sentences that sell the article.
    pub excerpt: String,
    /// The article's category.
    pub category: CategoryRef,
    /// Publication date as `YYYY-MM-DD`.
    pub date: String,
    /// Estimated minutes to read the body.
    pub reading_minutes: u32,
    /// Published comments on the article.
    #[serde(default)]
    pub comment_count: u32,
    /// The article's hero image, with only the copies a thumbnail needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
}

/// A tag as a card or an article needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagRef {
    /// Display name, as the author wrote it.
    pub name: String,
    /// URL segment derived from the name.
    pub slug: String,
}

/// A link to another article, for previous/next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleLink {
    /// URL segment of the article.
    pub slug: String,
    /// The article's title.
    pub title: String,
}

/// Everything an article page shows: `data/article/<slug>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// URL segment of the article, from its file name.
    pub slug: String,
    /// The article's title.
    pub title: String,
    /// A sentence or two for cards and the meta description.
    pub excerpt: String,
    /// The article's category.
    pub category: CategoryRef,
    /// The category's parents, the topmost first (`content/categories.toml`):
    /// the breadcrumb's steps between the home page and the category.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category_parents: Vec<CategoryRef>,
    /// The article's tags, in the author's order.
    pub tags: Vec<TagRef>,
    /// Who wrote it: an author with a page, or just a name.
    pub author: Person,
    /// Who checked it for medical accuracy, and when.
    #[serde(default)]
    pub review: Option<Review>,
    /// Publication date as `YYYY-MM-DD`.
    pub date: String,
    /// Date of the last substantial update, if any.
    pub updated: Option<String>,
    /// Estimated minutes to read the body.
    pub reading_minutes: u32,
    /// The hero image, if any.
    pub image: Option<Image>,
    /// The body as HTML, rendered from the author's Markdown at build time.
    pub body_html: String,
    /// The body's `h2` and `h3` headings, in order: the table of contents.
    #[serde(default)]
    pub outline: Vec<Heading>,
    /// The next older article.
    pub previous: Option<ArticleLink>,
    /// The next newer article.
    pub next: Option<ArticleLink>,
    /// Up to four related articles: same category first, then shared tags.
    pub related: Vec<ArticleCard>,
    /// Approved comments, oldest first. Never holds an email address.
    #[serde(default)]
    pub comments: Vec<Comment>,
}

/// A page that is not an article (About, Privacy): `data/page/<slug>.json`.
/// No date, category, comments or related articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// URL segment of the page, from its file name.
    pub slug: String,
    /// The page's title.
    pub title: String,
    /// The meta description: the author's, or the body's first sentences.
    pub description: String,
    /// The body as HTML, rendered from the author's Markdown at build time.
    pub body_html: String,
}

/// A page's title and address, as the footer links to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageLink {
    /// URL segment of the page.
    pub slug: String,
    /// The page's title.
    pub title: String,
}

/// A writer or medical reviewer. With an author file
/// (`content/authors/<slug>.toml`) they have a page and a profile; a
/// plain byline is just a name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Person {
    /// The name as readers see it (`Dr. Lena Marsh`).
    pub name: String,
    /// Their author page's slug (`/author/<slug>/`), when they have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Qualifications and role (`MD, general practitioner`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<String>,
    /// A short biography, in paragraphs of plain text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bio: Vec<String>,
    /// Their portrait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<Image>,
    /// Their profiles elsewhere (a clinic page, a professional register).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ProfileLink>,
}

impl Person {
    /// A byline that is only a name.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

/// A link from an author's profile to elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileLink {
    /// What the link is (`Clinic profile`).
    pub label: String,
    /// Its full address.
    pub url: String,
}

/// A medical review of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The reviewer, who always has an author file.
    pub by: Person,
    /// When they reviewed it, `YYYY-MM-DD`.
    pub date: String,
}

/// A heading of an article's body, as the table of contents lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// 2 or 3.
    pub level: u8,
    /// The heading's element id, unique within the page.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// Fewest `h2` sections for which an article gets a table of contents:
/// a shorter article is read at a glance.
pub const TOC_MIN_SECTIONS: usize = 3;

impl Article {
    /// The headings a table of contents lists, when the article is long
    /// enough to need one.
    pub fn table_of_contents(&self) -> Option<&[Heading]> {
        let sections = self.outline.iter().filter(|h| h.level == 2).count();
        (sections >= TOC_MIN_SECTIONS).then_some(self.outline.as_slice())
    }
}

/// An approved comment as the site publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Identifier from the comment's file name.
    pub id: String,
    /// The commenter's name.
    pub name: String,
    /// The commenter's website, if given.
    pub url: Option<String>,
    /// What they wrote: plain text, shown as text.
    pub message: String,
    /// When it was posted, ISO 8601 (`2026-11-20T14:03:00Z`).
    pub date: String,
    /// The comment this one answers.
    pub replying_to: Option<String>,
}

/// The path a site is served under, from trunk's public URL (`/`, `/blog/`,
/// `blog`, or a full `https://cdn.example/blog/`): `""` at the root, or
/// `/blog`, without a trailing slash. The app and the content tool both
/// read it this way.
pub fn base_path(public_url: &str) -> String {
    let url = public_url.trim();
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |slash| &rest[slash..]),
        None => url,
    };
    match path.trim_matches('/') {
        "" => String::new(),
        path => format!("/{path}"),
    }
}

/// The site's address (`base_url` from site.toml) with the base path at its
/// end, once: `base_url` may already end with it (`https://example.org/blog`).
pub fn site_address(base_url: &str, base: &str) -> String {
    let site = base_url.trim_end_matches('/');
    if site.ends_with(base) {
        site.to_owned()
    } else {
        format!("{site}{base}")
    }
}

/// Deepest nesting of replies, as WordPress's default.
pub const MAX_THREAD_DEPTH: usize = 5;

/// A comment in display order with its nesting depth (0 for top level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Threaded<'a> {
    /// The comment.
    pub comment: &'a Comment,
    /// 0 for a top-level comment, at most `MAX_THREAD_DEPTH - 1`.
    pub depth: usize,
}

/// Orders comments as a thread: each top-level comment (oldest first)
/// followed by its replies, depth first. Replies deeper than five levels
/// stay at the fifth; a reply to a comment that is not there is shown at
/// the top level.
pub fn thread(comments: &[Comment]) -> Vec<Threaded<'_>> {
    let mut sorted: Vec<&Comment> = comments.iter().collect();
    sorted.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let known = |id: &str| sorted.iter().any(|c| c.id == id);
    let mut out = Vec::with_capacity(comments.len());
    let mut stack: Vec<(&Comment, usize)> = sorted
        .iter()
        .rev()
        .filter(|c| {
            c.replying_to
                .as_deref()
                .is_none_or(|parent| !known(parent) || parent == c.id)
        })
        .map(|c| (*c, 0))
        .collect();
    while let Some((comment, depth)) = stack.pop() {
        out.push(Threaded {
            comment,
            depth: depth.min(MAX_THREAD_DEPTH - 1),
        });
        for reply in sorted.iter().rev() {
            if reply.replying_to.as_deref() == Some(comment.id.as_str()) && reply.id != comment.id {
                stack.push((reply, depth + 1));
            }
        }
    }
    out
}

/// One page of a paginated list of articles (home, a category or a tag), at
/// its route's [`Route::data_path`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingPage {
    /// The category's, tag's or author's display name; none for the home page.
    pub name: Option<String>,
    /// On an author's page: who they are.
    #[serde(default)]
    pub author: Option<Person>,
    /// On a category's page: its parents, the topmost first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<CategoryRef>,
    /// On a category's page: what it is about, in paragraphs of plain text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub description: Vec<String>,
    /// This page's number, starting at 1.
    pub page: u32,
    /// How many pages the list has in all (at least 1).
    pub total_pages: u32,
    /// How many articles the list has in all.
    pub total_items: u32,
    /// The articles on this page, newest first.
    pub items: Vec<ArticleCard>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Formats a `YYYY-MM-DD` date for readers (`2026-03-04` becomes
/// `March 4, 2026`). Anything else is returned unchanged rather than hidden.
pub fn format_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_owned();
    };
    let month = m.parse::<usize>().ok().filter(|m| (1..=12).contains(m));
    let day = d.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    match (
        y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()),
        month,
        day,
    ) {
        (true, Some(m), Some(d)) => format!("{} {d}, {y}", MONTHS[m - 1]),
        _ => iso.to_owned(),
    }
}

/// Formats an ISO 8601 date-time for readers, in UTC:
/// `2026-11-20T14:03:00Z` becomes `November 20, 2026 at 14:03`.
pub fn format_datetime(iso: &str) -> String {
    let date = format_date(iso.get(..10).unwrap_or(iso));
    match iso.get(11..16) {
        Some(time) if iso.as_bytes().get(10) == Some(&b'T') => format!("{date} at {time}"),
        _ => date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_public_url_as_a_base_path() {
        for (public_url, base) in [
            ("/", ""),
            ("", ""),
            ("/blog/", "/blog"),
            ("/blog", "/blog"),
            ("blog", "/blog"),
            ("/a/b/", "/a/b"),
            ("https://cdn.example/blog/", "/blog"),
            ("https://cdn.example", ""),
        ] {
            assert_eq!(base_path(public_url), base, "{public_url}");
        }
        assert_eq!(
            site_address("https://example.org/", "/blog"),
            "https://example.org/blog"
        );
        assert_eq!(
            site_address("https://example.org/blog", "/blog"),
            "https://example.org/blog"
        );
        assert_eq!(
            site_address("https://example.org/", ""),
            "https://example.org"
        );
    }

    #[test]
    fn formats_comment_times() {
        assert_eq!(
            format_datetime("2026-11-20T14:03:00Z"),
            "November 20, 2026 at 14:03"
        );
        assert_eq!(format_datetime("2026-11-20"), "November 20, 2026");
    }

    #[test]
    fn formats_iso_dates_for_readers() {
        assert_eq!(format_date("2026-03-04"), "March 4, 2026");
        assert_eq!(format_date("2025-12-31"), "December 31, 2025");
    }

    #[test]
    fn leaves_malformed_dates_visible() {
        for bad in [
            "",
            "2026",
            "2026-13-01",
            "2026-00-10",
            "26-01-01",
            "2026-01-xx",
        ] {
            assert_eq!(format_date(bad), bad);
        }
    }

    fn comment(id: &str, date: &str, replying_to: Option<&str>) -> Comment {
        Comment {
            id: id.into(),
            name: format!("name {id}"),
            url: None,
            message: "m".into(),
            date: date.into(),
            replying_to: replying_to.map(Into::into),
        }
    }

    fn order(comments: &[Comment]) -> Vec<(String, usize)> {
        thread(comments)
            .into_iter()
            .map(|t| (t.comment.id.clone(), t.depth))
            .collect()
    }

    #[test]
    fn threads_replies_under_their_parents_oldest_first() {
        let comments = vec![
            comment("b", "2026-01-02T00:00:00Z", None),
            comment("a", "2026-01-01T00:00:00Z", None),
            comment("a2", "2026-01-05T00:00:00Z", Some("a")),
            comment("a1", "2026-01-03T00:00:00Z", Some("a")),
            comment("a1x", "2026-01-04T00:00:00Z", Some("a1")),
        ];
        let expected = [("a", 0), ("a1", 1), ("a1x", 2), ("a2", 1), ("b", 0)];
        assert_eq!(order(&comments), expected.map(|(id, d)| (id.to_owned(), d)));
    }

    #[test]
    fn replies_deeper_than_five_levels_stay_at_the_fifth() {
        let mut comments = vec![comment("c0", "2026-01-01T00:00:00Z", None)];
        for i in 1..8 {
            comments.push(comment(
                &format!("c{i}"),
                &format!("2026-01-0{}T00:00:00Z", i + 1),
                Some(&format!("c{}", i - 1)),
            ));
        }
        let depths: Vec<usize> = order(&comments).into_iter().map(|(_, d)| d).collect();
        assert_eq!(depths, [0, 1, 2, 3, 4, 4, 4, 4]);
    }

    #[test]
    fn orphaned_replies_show_at_the_top_level() {
        let comments = vec![comment("x", "2026-01-01T00:00:00Z", Some("gone"))];
        assert_eq!(order(&comments), [("x".to_owned(), 0)]);
    }

    #[test]
    fn listing_round_trips_through_json() {
        let page = ListingPage {
            name: Some("Mental Health".into()),
            author: None,
            parents: vec![CategoryRef {
                name: "Health".into(),
                slug: "health".into(),
            }],
            description: vec!["Mood and stress.".into()],
            page: 2,
            total_pages: 3,
            total_items: 25,
            items: vec![ArticleCard {
                slug: "sleep".into(),
                title: "Sleep".into(),
                excerpt: "Why it matters.".into(),
                category: CategoryRef {
                    name: "Mental Health".into(),
                    slug: "mental-health".into(),
                },
                date: "2026-01-02".into(),
                reading_minutes: 4,
                comment_count: 2,
                image: None,
            }],
        };
        let json = serde_json::to_string(&page).unwrap();
        assert_eq!(serde_json::from_str::<ListingPage>(&json).unwrap(), page);
    }
}
