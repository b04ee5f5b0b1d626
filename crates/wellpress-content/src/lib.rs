//! The WellPress content tool: reads `content/` (site settings, Markdown
//! articles and pages), checks it, and writes the JSON the app fetches.
//! Nothing is written unless the whole site is valid.
//!
//! Three steps: [`load`] reads the files, [`model`] builds the site as
//! readers will find it (categories, tags, related articles, pagination,
//! every link checked), [`emit`] writes it out, with the old addresses of
//! `content/redirects.toml` checked against it ([`redirects`]).

pub mod authors;
pub mod categories;
pub mod comments;
pub mod dates;
pub mod emit;
pub mod front_matter;
pub mod images;
pub mod import;
pub mod load;
pub mod markdown;
pub mod model;
pub mod pages;
pub mod problem;
pub mod redirects;
pub mod seo;
pub mod slug;

use std::path::Path;

use anyhow::Result;
use wellpress_types::Redirects;

pub use emit::{Output, Summary, publish};

use crate::{model::Model, problem::Problems};

/// Reads and checks everything under `root/content`, for a site served
/// from the root of its host. Problems in the content come back as a
/// [`Problems`] error listing every one of them.
pub fn build(root: &Path) -> Result<Output> {
    build_at(root, "/")
}

/// Like [`build`], for a site served under `public_url` (`/blog/`): site
/// paths in article bodies (`/sleep-debt/`, `/images/a.svg`) and the
/// addresses in the sitemap and feed get that base path. Paths in the JSON
/// fields stay as written; the app adds the base path to them.
pub fn build_at(root: &Path, public_url: &str) -> Result<Output> {
    let mut problems = Vec::new();
    let Some(loaded) = load::load(root, public_url, &mut problems)? else {
        return Err(Problems(problems).into());
    };
    let model = Model::new(root, &loaded, &mut problems)?;
    let entries = redirects::read(root, &mut problems)?;
    if !problems.is_empty() {
        return Err(Problems(problems).into());
    }
    let mut output = emit::output(&loaded, &model);
    // Redirects are checked against everything the site publishes.
    let redirects = redirects::check(root, &entries, &output.files, &mut problems);
    if !problems.is_empty() {
        return Err(Problems(problems).into());
    }
    if !redirects.redirects.is_empty() {
        let json = serde_json::to_string(&redirects).expect("redirects always serialise");
        output
            .files
            .insert(Redirects::PATH.trim_start_matches('/').to_owned(), json);
    }
    Ok(Output {
        images: loaded.images,
        ..output
    })
}
