//! What happens to trunk's output after it builds the app (trunk's
//! post-build hook, scripts/finish):
//!
//! - `wellpress-prerender DIR` (feature `pages`): every page the content
//!   tool published, rendered to HTML by the app's own components
//!   ([`pages`]) into the template made of trunk's `index.html`
//!   ([`template`]); then the files that tell static hosts the policy,
//!   caching and redirects ([`hosting`]);
//! - `wellpress-finish DIR`: `404.html`, and for release builds the `.br`
//!   and `.gz` copies of every text and wasm file ([`finish`]).

pub mod finish;
#[cfg(feature = "pages")]
pub mod hosting;
#[cfg(feature = "pages")]
pub mod pages;
#[cfg(feature = "pages")]
pub mod template;

use std::{fs, path::Path};

use anyhow::{Context, Result};

/// Writes `text` to `path`, creating its folder.
pub fn write_file(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}
