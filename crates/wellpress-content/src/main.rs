//! `wellpress-content [--root DIR] [--out DIR] [--check]`: publishes the
//! site's content as JSON under `OUT/data`. trunk runs it before each build
//! with `--out` set to its staging folder.
//!
//! `wellpress-content --finish DIR`: after the build, adds `404.html` and,
//! for release builds, pre-compressed copies of the files.

use std::{env, path::PathBuf, process::ExitCode, time::Instant};

use anyhow::{Context, Result, bail};

fn main() -> ExitCode {
    match run() {
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

fn run() -> Result<()> {
    let started = Instant::now();
    let mut root = PathBuf::from(".");
    let mut out = env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from);
    let mut check_only = false;
    let mut finish: Option<PathBuf> = None;
    let mut args = env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = args.next().context("--root needs a folder")?.into(),
            "--out" => out = Some(args.next().context("--out needs a folder")?.into()),
            "--check" => check_only = true,
            "--finish" => finish = Some(args.next().context("--finish needs a folder")?.into()),
            "-h" | "--help" => {
                println!(
                    "usage: wellpress-content [--root DIR] [--out DIR] [--check] | --finish DIR"
                );
                return Ok(());
            }
            other => bail!("unknown argument `{other}`: try --help"),
        }
    }

    if let Some(dir) = finish {
        // trunk tells hooks which profile it builds; compressing a debug
        // build on every edit would only slow `trunk serve` down.
        let release = env::var("TRUNK_PROFILE").map_or(true, |p| p == "release");
        let done = wellpress_content::finish::finish(&dir, release)?;
        eprintln!(
            "wellpress-content: added 404.html; compressed {} files ({} KB, {} KB as brotli) in {} ms",
            done.compressed,
            done.raw_bytes / 1024,
            done.brotli_bytes / 1024,
            started.elapsed().as_millis()
        );
        return Ok(());
    }

    // trunk passes --public-url to its hooks.
    let public_url = env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into());
    let output = wellpress_content::build_at(&root, &public_url)?;
    let s = output.summary;
    if !check_only {
        let out = out.context("no output folder: pass --out DIR (trunk sets TRUNK_STAGING_DIR)")?;
        wellpress_content::publish(&output, &out)?;
    }
    eprintln!(
        "wellpress-content: {} {} articles ({} drafts left out), {} categories, {} tags, {} files in {} ms",
        if check_only { "checked" } else { "published" },
        s.articles,
        s.drafts,
        s.categories,
        s.tags,
        output.files.len(),
        started.elapsed().as_millis()
    );
    Ok(())
}
