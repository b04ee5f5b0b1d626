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

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_t`, as
/// mimalloc.h numbers it): how long freed memory is kept before it goes
/// back to the system, in milliseconds, or -1 for never.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps the memory freed during the import for the import. The reading
/// thread makes most strings and the writing thread frees them, so the
/// reading one kept being given fresh pages for memory just given back,
/// each (a huge page) cleared by the kernel first: a tenth of the
/// import's time went to clearing pages. What is freed is used again, so
/// the peak grows only a little (106 to 129 MiB on the benchmark's
/// export, docs/import-benchmark.md), and all of it goes back at exit.
fn keep_freed_memory() {
    // SAFETY: sets an option of the allocator this program links, to a
    // value its documentation allows, before any thread is started.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

fn main() -> ExitCode {
    keep_freed_memory();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// mimalloc documents 1000 ms as the purge delay's default, and no
    /// other option of its has that default: the number is its place.
    #[test]
    fn the_purge_delay_is_the_option_set() {
        // SAFETY: reads an option of the linked allocator.
        let delay = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(
            delay, 1000,
            "mimalloc's option {PURGE_DELAY} is not its purge delay"
        );
        keep_freed_memory();
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, -1);
    }
}
