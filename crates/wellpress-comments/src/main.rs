//! `wellpress-comments [--root DIR] [--port PORT]`: the local comment
//! receiver that `scripts/serve` runs beside the demo site.

use std::{path::PathBuf, process::ExitCode};

use clap::Parser;

/// The demo's comment receiver: takes the comment form's posts on
/// 127.0.0.1 and files them under comments-pending/ for review.
#[derive(Debug, Parser)]
#[command(name = "wellpress-comments", version)]
struct Args {
    /// The site's folder, holding content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The port to listen on, on 127.0.0.1.
    #[arg(long, default_value_t = 8081)]
    port: u16,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = Args::parse();
    match wellpress_comments::serve(args.root, args.port).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
