//! `wellpress-comments`: the comment receiver and its moderation commands.
//! `serve` receives; `pending`, `show`, `approve`, `reject` and `spam`
//! moderate (see the README, "Comments").

use std::{net::SocketAddr, path::PathBuf, process::ExitCode, time::SystemTime};

use clap::{Parser, Subcommand};
use wellpress_comments::{
    http,
    moderate::{self, decide},
    store::{State, Store},
};

/// Receives the comment form's posts and files them for moderation.
#[derive(Debug, Parser)]
#[command(name = "wellpress-comments", version)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Args)]
struct Site {
    /// The site's folder, holding content/.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Receive comments over HTTP.
    Serve {
        #[command(flatten)]
        site: Site,
        /// The address and port to listen on.
        #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8081")]
        listen: SocketAddr,
    },
    /// List the comments awaiting moderation.
    Pending {
        #[command(flatten)]
        site: Site,
    },
    /// Show one comment in full.
    Show {
        #[command(flatten)]
        site: Site,
        id: String,
    },
    /// Publish comments: move them to content/comments/<slug>/.
    Approve {
        #[command(flatten)]
        site: Site,
        /// Also commit them in the site's git repository, so that a CI
        /// build publishes them.
        #[arg(long)]
        commit: bool,
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Keep comments out (in comments-rejected/).
    Reject {
        #[command(flatten)]
        site: Site,
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Keep comments out as spam (in comments-spam/).
    Spam {
        #[command(flatten)]
        site: Site,
        #[arg(required = true)]
        ids: Vec<String>,
    },
}

fn main() -> ExitCode {
    let result = match Args::parse().command {
        Command::Serve { site, listen } => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(anyhow::Error::from)
            .and_then(|runtime| runtime.block_on(http::serve(Store::new(site.root), listen)))
            .map(|()| String::new()),
        Command::Pending { site } => Ok(moderate::pending_table(
            &Store::new(site.root),
            SystemTime::now(),
        )),
        Command::Show { site, id } => moderate::show(&Store::new(site.root), &id),
        Command::Approve { site, commit, ids } => {
            decide(&Store::new(site.root), &ids, State::Approved, commit)
        }
        Command::Reject { site, ids } => {
            decide(&Store::new(site.root), &ids, State::Rejected, false)
        }
        Command::Spam { site, ids } => decide(&Store::new(site.root), &ids, State::Spam, false),
    };
    match result {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("wellpress-comments: {error:#}");
            ExitCode::FAILURE
        }
    }
}
