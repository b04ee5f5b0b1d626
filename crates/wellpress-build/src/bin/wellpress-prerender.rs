//! `wellpress-prerender DIR`: writes an HTML file for every page of the
//! site built into DIR (trunk's staging folder), from the app's own
//! components, and the hosting files `_headers` and `_redirects` (with its
//! nginx form, and a page at each old address the site redirects). trunk
//! runs it after release builds (see scripts/finish).

use std::{
    fs,
    path::{Path, PathBuf},
    process::ExitCode,
    time::Instant,
};

use anyhow::{Context, Result};
use clap::Parser;
use rayon::prelude::*;
use wellpress::{routes, site, ssr};
use wellpress_build::{
    hosting,
    pages::{self, Kind, Page, page_html},
    template::{self, Template},
    write_file as write,
};

/// Prerenders every page of a built site, from the app's own components.
#[derive(Debug, Parser)]
#[command(name = "wellpress-prerender", version)]
struct Args {
    /// The built site: trunk's staging folder, with the content tool's
    /// data/ in it.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// The path the site is served under; trunk's hooks get it as
    /// TRUNK_PUBLIC_URL.
    #[arg(
        long,
        value_name = "PATH",
        env = "TRUNK_PUBLIC_URL",
        default_value = "/"
    )]
    public_url: String,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(Args { dir, public_url }: Args) -> Result<()> {
    let started = Instant::now();
    routes::set_base(&public_url);
    any_spawner_init()?;

    let index_path = dir.join("index.html");
    let index = fs::read_to_string(&index_path)
        .with_context(|| format!("reading {}", index_path.display()))?;
    let endpoint = site::config().comments.endpoint.as_deref();
    let index = template::without_app_preloads(&template::replace_base(&index));
    let (index, scripts) = template::externalize_scripts(&index);
    // The stylesheet goes into every page, so that it paints after one
    // request; the file stays for the pages that link it (404.html).
    let inlined = template::inline_stylesheet(&index, |path| {
        fs::read_to_string(dir.join(path.trim_start_matches('/'))).ok()
    });
    let style = inlined.as_ref().map(|i| i.source.clone());
    let index = inlined.map_or(index, |i| i.html);
    let index = template::with_policy_meta(
        &index,
        &hosting::content_security_policy(endpoint, style.as_deref(), true),
    );
    for (name, text) in &scripts {
        write(&dir.join(name), text)?;
    }
    let template =
        Template::parse(&index).with_context(|| format!("reading {}", index_path.display()))?;

    let pages = pages::pages(&dir)?;
    // Every page on its own, on every core. The renderer's state (base
    // path, data, landing page) is per thread: each worker sets the base.
    let bytes: usize = pages
        .par_iter()
        .map_init(
            || routes::set_base(&public_url),
            |(), page| render_one(&dir, &template, page),
        )
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    let top_level: Vec<String> = fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let policy = hosting::content_security_policy(endpoint, style.as_deref(), false);
    write(
        &dir.join("_headers"),
        &hosting::headers_file(&top_level, &policy),
    )?;
    let redirects = hosting::published_redirects(&dir)?;
    let moved = hosting::write_redirects(&dir, &redirects, &site::config().name)?;
    eprintln!(
        "wellpress-prerender: {} pages ({} KB of HTML), {} redirects ({moved} with a page at the old address) in {} ms",
        pages.len(),
        bytes / 1024,
        redirects.len(),
        started.elapsed().as_millis()
    );
    Ok(())
}

/// Renders one page into its file; returns its size.
fn render_one(dir: &Path, template: &Template, page: &Page) -> Result<usize> {
    let data = match &page.kind {
        Kind::Data { file, .. } => {
            Some(fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?)
        }
        Kind::Search | Kind::NotFound => None,
    };
    let rendered = ssr::render(&page.path, page.shows(), data.as_deref());
    let html = page_html(template, page, &rendered);
    write(&dir.join(&page.file), &html)?;
    Ok(html.len())
}

/// Leptos spawns its tasks on an executor; on the host, the futures one.
fn any_spawner_init() -> Result<()> {
    ssr::init_executor().map_err(|e| anyhow::anyhow!("starting the renderer: {e}"))
}
