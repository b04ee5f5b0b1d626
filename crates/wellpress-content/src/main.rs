//! `wellpress-content [--root DIR] [--out DIR] [--image-cache DIR] [--check]`:
//! publishes the site's content as JSON under `OUT/data`, and the sizes of
//! its images under `OUT/images/_v`. trunk runs it before each build with
//! `--out` set to its staging folder.

use std::{path::PathBuf, process::ExitCode, time::Instant};

use anyhow::{Context, Result};
use clap::Parser;

/// Publishes the site's content as JSON; trunk runs it before each build.
#[derive(Debug, Parser)]
#[command(name = "wellpress-content", version)]
struct Args {
    /// The site's folder, holding content/ and public/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to publish; trunk's hooks get it as TRUNK_STAGING_DIR.
    #[arg(long, value_name = "DIR", env = "TRUNK_STAGING_DIR")]
    out: Option<PathBuf>,
    /// The path the site is served under; trunk's hooks get it as
    /// TRUNK_PUBLIC_URL.
    #[arg(
        long,
        value_name = "PATH",
        env = "TRUNK_PUBLIC_URL",
        default_value = "/"
    )]
    public_url: String,
    /// Where encoded image sizes are kept between builds, so that only new
    /// or changed images are encoded [default: $CARGO_TARGET_DIR/wellpress-images,
    /// or target/wellpress-images].
    #[arg(long, value_name = "DIR", env = "WELLPRESS_IMAGE_CACHE")]
    image_cache: Option<PathBuf>,
    /// Only check the content: report every problem, publish nothing
    /// (images are measured, not encoded).
    #[arg(long)]
    check: bool,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<()> {
    let started = Instant::now();
    let Args {
        root,
        out,
        public_url,
        image_cache,
        check: check_only,
    } = args;

    let output = wellpress_content::build_at(&root, &public_url)?;
    let s = output.summary;
    let mut images = String::new();
    if !check_only {
        let out = out.context("no output folder: pass --out DIR (trunk sets TRUNK_STAGING_DIR)")?;
        let cache = image_cache.unwrap_or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR")
                .map_or_else(|| PathBuf::from("target"), PathBuf::from)
                .join("wellpress-images")
        });
        let published = wellpress_content::publish(&output, &out, &cache)?;
        images = format!(
            ", {} image sizes ({} encoded)",
            published.published, published.encoded
        );
    }
    eprintln!(
        "wellpress-content: {} {} ({} left out), {} ({} left out), {}, {}, {}{images} in {} ms",
        if check_only { "checked" } else { "published" },
        count(s.articles, "article", "articles"),
        count(s.drafts, "draft", "drafts"),
        count(s.pages, "page", "pages"),
        count(s.page_drafts, "draft", "drafts"),
        count(s.categories, "category", "categories"),
        count(s.tags, "tag", "tags"),
        count(output.files.len(), "file", "files"),
        started.elapsed().as_millis()
    );
    eprintln!(
        "wellpress-content: search index: {} files, {} bytes, built in {} ms",
        s.search_files, s.search_bytes, s.search_ms
    );
    Ok(())
}

/// `n` and the word for that many: "1 draft", "3 drafts".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
