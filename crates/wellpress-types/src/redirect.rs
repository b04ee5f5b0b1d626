//! Old addresses that lead to new ones: `content/redirects.toml`, checked
//! by the content tool and published as [`Redirects`], which the build
//! turns into `_redirects`, an nginx include and a small page at each old
//! address.

use serde::{Deserialize, Serialize};

/// One old address and where it leads now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirect {
    /// The old address, from the site's root: a path (`/2024/03/old/`,
    /// percent-encoded or not), maybe with a query (`/?p=12`).
    pub from: String,
    /// A path of the site (`/new/`, `/feed.xml`) or a full `http(s)` URL.
    pub to: String,
}

/// Every redirect of the site, `data/redirects.json`, in the order of the
/// file; published only when there is at least one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirects {
    /// The redirects.
    pub redirects: Vec<Redirect>,
}

impl Redirects {
    /// Where they are published, from the site's root.
    pub const PATH: &str = "/data/redirects.json";
}

impl Redirect {
    /// The path part of `from`, without its query.
    pub fn from_path(&self) -> &str {
        self.from.split('?').next().unwrap_or_default()
    }

    /// The query of `from` (`p=12`), when it has one.
    pub fn from_query(&self) -> Option<&str> {
        self.from.split_once('?').map(|(_, query)| query)
    }

    /// The HTML file that stands at the old address for hosts that read no
    /// redirect rules, relative to the site's folder and decoded as a
    /// server looks it up: `2024/03/old/index.html` for `/2024/03/old/`
    /// and `/2024/03/old`, `old.html` for `/old.html`. None for an address
    /// no file can answer as a page: one with a query, the root, or a file
    /// name of another kind (`/index.php`, `/feed.xml`).
    pub fn page_file(&self) -> Option<String> {
        if self.from_query().is_some() {
            return None;
        }
        let path = decode_path(self.from_path())?;
        let path = path.strip_prefix('/')?;
        if path.is_empty() {
            return None;
        }
        if path.ends_with('/') {
            return Some(format!("{path}index.html"));
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        match name.rsplit_once('.') {
            None => Some(format!("{path}/index.html")),
            Some((_, "html" | "htm")) => Some(path.to_owned()),
            Some(_) => None,
        }
    }
}

/// A path with its `%XX` escapes decoded, as a server reads it; `None`
/// when an escape is broken or the bytes are not UTF-8.
pub fn decode_path(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A path or query with every byte outside printable ASCII written as
/// `%XX`, escapes already there kept: `/сон/` becomes `/%D1%81%D0%BE%D0%BD/`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_graphic() {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(from: &str) -> Redirect {
        Redirect {
            from: from.to_owned(),
            to: "/new/".to_owned(),
        }
    }

    #[test]
    fn each_old_path_gets_the_file_a_server_would_look_for() {
        for (old, file) in [
            ("/2024/03/old/", Some("2024/03/old/index.html")),
            ("/2024/03/old", Some("2024/03/old/index.html")),
            ("/old.html", Some("old.html")),
            ("/a/old.htm", Some("a/old.htm")),
            ("/%d1%81%d0%be%d0%bd/", Some("сон/index.html")),
            ("/?p=12", None),
            ("/old/?p=12", None),
            ("/", None),
            ("/index.php", None),
            ("/feed.xml", None),
            ("/%zz/", None),
        ] {
            assert_eq!(from(old).page_file().as_deref(), file, "{old}");
        }
    }

    #[test]
    fn paths_are_decoded_and_encoded_byte_by_byte() {
        assert_eq!(decode_path("/%D1%81on%20x/").as_deref(), Some("/сon x/"));
        assert_eq!(decode_path("/%ff/"), None);
        assert_eq!(decode_path("/%4"), None);
        assert_eq!(encode_path("/сon/?p=1"), "/%D1%81on/?p=1");
        assert_eq!(encode_path("/%d1%81/"), "/%d1%81/");
    }
}
