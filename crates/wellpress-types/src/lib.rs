//! The data WellPress publishes: the site settings baked into the app and the
//! JSON files the app fetches. The content tool writes these types and the
//! app reads them, so the schema has one definition.

use serde::{Deserialize, Serialize};

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
    /// The promo box shown under every article.
    pub promo: Promo,
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
    /// A site path (`/category/sleep/`) or a full URL.
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

/// An image with its text alternative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Site path or URL of the image.
    pub src: String,
    /// What the image shows, for readers who cannot see it.
    pub alt: String,
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
    /// The article's tags, in the author's order.
    pub tags: Vec<TagRef>,
    /// The byline.
    pub author: String,
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
    /// The next older article.
    pub previous: Option<ArticleLink>,
    /// The next newer article.
    pub next: Option<ArticleLink>,
    /// Up to four related articles: same category first, then shared tags.
    pub related: Vec<ArticleCard>,
}

/// One page of a paginated list of articles (home, a category or a tag):
/// `data/home/<n>.json`, `data/category/<slug>/<n>.json`, `data/tag/<slug>/<n>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingPage {
    /// The category's or tag's display name; none for the home page.
    pub name: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn listing_round_trips_through_json() {
        let page = ListingPage {
            name: Some("Mental Health".into()),
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
            }],
        };
        let json = serde_json::to_string(&page).unwrap();
        assert_eq!(serde_json::from_str::<ListingPage>(&json).unwrap(), page);
    }
}
