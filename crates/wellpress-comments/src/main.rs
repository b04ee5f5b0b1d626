//! `wellpress-comments`: the comment receiver and its moderation commands.
//! `serve` receives; `pending`, `show`, `approve`, `reject` and `spam`
//! moderate (see the README, "Comments").

use std::{
    net::{IpAddr, SocketAddr},
    path::PathBuf,
    process::ExitCode,
    sync::Arc,
    time::SystemTime,
};

use clap::{Parser, Subcommand};
use wellpress_comments::{
    config::Config,
    http,
    moderate::{self, decide},
    receive::Receiver,
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
        /// The site's folder, holding content/ (default: the config's
        /// `root`, else the current folder).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// The address and port to listen on (default: the config's
        /// `listen`, else 127.0.0.1:8081).
        #[arg(long, value_name = "HOST:PORT")]
        listen: Option<SocketAddr>,
        /// The settings file (docs/comments.toml documents every key).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// A proxy whose X-Forwarded-For names the visitor (repeatable;
        /// adds to the config's `trust_proxy`).
        #[arg(long, value_name = "ADDRESS")]
        trust_proxy: Vec<IpAddr>,
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
        Command::Serve {
            root,
            listen,
            config,
            trust_proxy,
        } => serve(root, listen, config, trust_proxy).map(|()| String::new()),
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

fn serve(
    root: Option<PathBuf>,
    listen: Option<SocketAddr>,
    config: Option<PathBuf>,
    trust_proxy: Vec<IpAddr>,
) -> anyhow::Result<()> {
    let mut config = match config {
        Some(path) => Config::read(&path)?,
        None => Config::default(),
    };
    if let Some(root) = root {
        config.root = root;
    }
    if let Some(listen) = listen {
        config.listen = listen;
    }
    config.trust_proxy.extend(trust_proxy);
    if !config.root.join("content").is_dir() {
        anyhow::bail!(
            "{} has no content/ folder: --root (or `root` in the config) names the site's folder",
            config.root.display()
        );
    }
    let receiver = Arc::new(Receiver::new(Store::new(config.root.clone()), config));
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(http::serve(receiver))
}
