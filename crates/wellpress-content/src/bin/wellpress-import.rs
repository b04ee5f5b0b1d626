//! `wellpress-import <export.xml> [--root DIR] [--uploads DIR] [--force] [--fresh]`:
//! brings a WordPress site's posts, authors and comments into `content/`.

use std::{path::PathBuf, process::ExitCode};

use clap::Parser;
use wellpress_content::import::{Options, import};

/// Both threads of the import allocate and free for every item, and items
/// made on one are often freed on the other: the C library's allocator
/// spent a fifth of the import's time there, much of it waiting on its
/// locks (docs/import-benchmark.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Imports the file WordPress writes under Tools → Export → All content.
#[derive(Debug, Parser)]
#[command(name = "wellpress-import", version)]
struct Args {
    /// The export file (WXR 1.0, 1.1 or 1.2).
    export: PathBuf,
    /// The site's folder, holding content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The old site's wp-content/uploads folder: the images posts use are
    /// copied from it into public/images/uploads/.
    #[arg(long, value_name = "DIR")]
    uploads: Option<PathBuf>,
    /// Replace files that exist (an owner's edits are lost).
    #[arg(long)]
    force: bool,
    /// Start the site afresh: its articles, pages, authors, comments,
    /// categories and redirects (the demo's) are moved aside into
    /// .wellpress-replaced/ first, and the import sets the site's settings
    /// as for a site moving in.
    #[arg(long)]
    fresh: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let options = Options {
        root: args.root,
        export: args.export,
        uploads: args.uploads,
        force: args.force,
        fresh: args.fresh,
    };
    match import(&options) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}
