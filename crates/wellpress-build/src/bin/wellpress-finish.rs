//! `wellpress-finish DIR`: the last step of every build (scripts/finish):
//! `404.html` and, for release builds, pre-compressed copies of the files.

use std::{path::PathBuf, process::ExitCode, time::Instant};

use clap::Parser;

/// Adds 404.html to a built site and, for release builds, .br and .gz
/// copies of its text and wasm files.
#[derive(Debug, Parser)]
#[command(name = "wellpress-finish", version)]
struct Args {
    /// The built site (trunk's staging folder).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// trunk's build profile, which its hooks get as TRUNK_PROFILE: only
    /// release builds are compressed, so that `trunk serve` stays quick.
    #[arg(long, env = "TRUNK_PROFILE", default_value = "release")]
    profile: String,
    /// Keeps compressed copies here, so that the next build reuses those of
    /// unchanged files.
    #[arg(long, value_name = "DIR", env = "WELLPRESS_COMPRESS_CACHE")]
    cache: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    let release = args.profile == "release";
    match wellpress_build::finish::finish(&args.dir, release, args.cache.as_deref()) {
        Ok(done) => {
            eprintln!(
                "wellpress-finish: added 404.html; compressed {} files ({} reused, {} KB, {} KB as brotli) in {} ms",
                done.compressed,
                done.reused,
                done.raw_bytes / 1024,
                done.brotli_bytes / 1024,
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
