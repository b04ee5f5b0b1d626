//! `comments.toml`: how the receiver runs. Every key is optional; the
//! command line's `--root`, `--listen` and `--trust-proxy` win over the
//! file. docs/comments.toml is the documented example.

use std::{
    net::{IpAddr, SocketAddr},
    path::{Path, PathBuf},
    time::Duration,
};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

/// The receiver's settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The site's folder, holding content/.
    pub root: PathBuf,
    /// The address and port to listen on.
    pub listen: SocketAddr,
    /// Sites whose pages may post from another origin (CORS); empty when
    /// the site's own server passes the comment path on (same origin).
    pub allowed_origins: Vec<String>,
    /// Proxies whose `X-Forwarded-For` names the visitor's address.
    pub trust_proxy: Vec<IpAddr>,
    /// One comment per address per this many seconds (WordPress: 15).
    pub flood_seconds: u64,
    /// At most this many posts per address per hour; more get `429`.
    pub posts_per_hour: u32,
    /// A comment with more links than this always waits for moderation.
    pub max_links: usize,
    /// Whether a commenter with an approved comment (same name and
    /// address) is published without waiting, as WordPress does by
    /// default; comments over `max_links` or with a disallowed word wait.
    pub approve_returning: bool,
    /// Words that send a comment to spam (any case, in any field).
    pub disallowed_words: Vec<String>,
    /// A post sooner than this after the form appeared is refused (when
    /// the form says when it appeared).
    pub min_seconds: u64,
    /// A program run on each new comment, as a list: the program, then its
    /// arguments. The comment's fields are in its environment.
    pub notify_command: Vec<String>,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// A request (headers and body) must arrive within this many seconds.
    pub request_seconds: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            root: PathBuf::from("."),
            listen: SocketAddr::from(([127, 0, 0, 1], 8081)),
            allowed_origins: Vec::new(),
            trust_proxy: Vec::new(),
            flood_seconds: 15,
            posts_per_hour: 30,
            max_links: 2,
            approve_returning: true,
            disallowed_words: Vec::new(),
            min_seconds: 3,
            notify_command: Vec::new(),
            max_body_bytes: 1_000_000,
            request_seconds: 20,
        }
    }
}

impl Config {
    /// Reads `path`; a mistake names the file, the line and the key.
    pub fn read(path: &Path) -> Result<Config> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let config: Config = toml::from_str(&text).map_err(|error| {
            let line = error
                .span()
                .map_or(1, |span| text[..span.start].matches('\n').count() + 1);
            anyhow::anyhow!("{}:{line}: {}", path.display(), error.message())
        })?;
        config.check(path)?;
        Ok(config)
    }

    fn check(&self, path: &Path) -> Result<()> {
        for origin in &self.allowed_origins {
            let bare = origin.split_once("://").map(|(_, rest)| rest);
            if !(origin.starts_with("https://") || origin.starts_with("http://"))
                || bare.is_none_or(|rest| rest.is_empty() || rest.contains('/'))
            {
                bail!(
                    "{}: allowed_origins: {origin:?} is not an origin: write it as https://magazine.example, with no path",
                    path.display()
                );
            }
        }
        if self.notify_command.first().is_some_and(String::is_empty) {
            bail!(
                "{}: notify_command: the program's name is empty",
                path.display()
            );
        }
        Ok(())
    }

    /// The whole-request time limit.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_seconds.max(1))
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn read(text: &str) -> Result<Config> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "wellpress-config-{}-{}.toml",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        fs::write(&path, text).unwrap();
        let config = Config::read(&path);
        fs::remove_file(&path).unwrap();
        config
    }

    #[test]
    fn every_key_has_a_default_and_the_documented_file_reads() {
        assert_eq!(read("").unwrap(), Config::default());
        let config = read(include_str!("../../../docs/comments.toml")).unwrap();
        assert_eq!(config.allowed_origins, ["https://magazine.example"]);
        assert_eq!(config.flood_seconds, 15);
    }

    #[test]
    fn mistakes_name_the_line() {
        let error = read("flood_seconds = 15\nflood_second = 3\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(":2: unknown field `flood_second`"),
            "{error}"
        );
        let error = read("allowed_origins = [\"https://a.example/blog/\"]\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("no path"), "{error}");
    }
}
