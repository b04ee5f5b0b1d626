//! `content/redirects.toml`: old addresses that keep working. Each entry is
//!
//! ```toml
//! [[redirect]]
//! from = "/2024/03/old-post/"
//! to = "/old-post/"
//! ```
//!
//! Read in two steps: [`read`] checks each entry's shape (with the rest of
//! the content's problems), [`check`] what it names against the pages and
//! files the build publishes.

use std::{
    collections::{BTreeMap, HashMap},
    fs,
    path::Path,
};

use anyhow::{Context, Result};
use serde::Deserialize;
use toml::Spanned;
use url::Url;
use wellpress_types::{LINK_SHAPES, Redirect, Redirects, Route, decode_path};

use crate::problem::Problem;

/// The file, from the site's folder.
pub const FILE: &str = "content/redirects.toml";

/// One entry whose shape is right, with the lines it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub redirect: Redirect,
    pub from_line: usize,
    pub to_line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// The entries, `[[redirect]]` each.
    #[serde(default)]
    redirect: Vec<Spanned<Written>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    /// The old address, a path from the site's root.
    from: Spanned<String>,
    /// Where it leads: a path of the site or a full address.
    to: Spanned<String>,
}

/// Characters that no address in the file may hold as they are: they end
/// a line of `_redirects` or an nginx directive, or are never sent.
const NOT_IN_ADDRESSES: &[char] = &['"', '\'', '\\', '<', '>', '{', '}', ';', '$', '`', '|', '^'];

/// The entries of `root/content/redirects.toml` (none when there is no
/// such file), each checked for its shape; what is wrong goes to
/// `problems`.
pub fn read(root: &Path, problems: &mut Vec<Problem>) -> Result<Vec<Entry>> {
    let path = root.join(FILE);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = fs::read_to_string(&path).with_context(|| format!("reading {FILE}"))?;
    // Where each line starts, so that an entry's line is found without
    // counting from the top each time: an import writes tens of thousands.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .collect();
    let line_at = |offset: usize| starts.partition_point(|&start| start <= offset);
    let file = match parse(&text) {
        Ok(file) => file,
        Err(problem) => {
            problems.push(problem);
            return Ok(Vec::new());
        }
    };
    let mut entries = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for written in file.redirect {
        let written = written.into_inner();
        let from_line = line_at(written.from.span().start);
        let to_line = line_at(written.to.span().start);
        let from = written.from.into_inner().trim().to_owned();
        let to = written.to.into_inner().trim().to_owned();
        let mut fine = true;
        if let Err(message) = from_shape(&from) {
            problems.push(Problem::new(FILE, from_line, message));
            fine = false;
        }
        if let Err(message) = to_shape(&to) {
            problems.push(Problem::new(FILE, to_line, message));
            fine = false;
        }
        if !fine {
            continue;
        }
        let key = same_address(&from);
        if let Some(first) = seen.get(&key) {
            problems.push(Problem::new(
                FILE,
                from_line,
                format!(
                    "{from} is redirected on line {first} already: keep one of the two entries"
                ),
            ));
            continue;
        }
        if same_address(&to) == key {
            problems.push(Problem::new(
                FILE,
                to_line,
                format!("{from} would lead to itself: point `to` at the address that replaces it"),
            ));
            continue;
        }
        seen.insert(key, from_line);
        entries.push(Entry {
            redirect: Redirect { from, to },
            from_line,
            to_line,
        });
    }
    Ok(entries)
}

fn parse(text: &str) -> Result<File, Problem> {
    toml::from_str(text).map_err(|error| {
        Problem::from_toml(
            FILE,
            text,
            &error,
            "each entry is `[[redirect]]` with a `from = \"/old/path/\"` line and a `to = \"/new-path/\"` line",
        )
    })
}

/// The old addresses a redirects file lists already, each as
/// [`same_address`] spells it.
pub(crate) fn listed(text: &str) -> Result<Vec<String>, Problem> {
    Ok(parse(text)?
        .redirect
        .iter()
        .map(|entry| same_address(entry.get_ref().from.get_ref().trim()))
        .collect())
}

/// The redirects to publish: `entries` whose old address is no page or
/// file of the site and whose new one is, `files` being every file the
/// build publishes (by path under the output folder) and `root/public`
/// the site's own files.
pub fn check(
    root: &Path,
    entries: &[Entry],
    files: &BTreeMap<String, String>,
    problems: &mut Vec<Problem>,
) -> Redirects {
    let site = Site { root, files };
    let mut redirects = Vec::new();
    for entry in entries {
        let Redirect { from, to } = &entry.redirect;
        let mut fine = true;
        if entry.redirect.from_query().is_none()
            && let Some(what) = site.serves(entry.redirect.from_path())
        {
            problems.push(Problem::new(
                FILE,
                entry.from_line,
                format!(
                    "{from} is the address of {what}: a redirect would hide it; remove this entry"
                ),
            ));
            fine = false;
        } else if let Some(file) = entry.redirect.page_file()
            && (site.files.contains_key(&file) || root.join("public").join(&file).is_file())
        {
            problems.push(Problem::new(
                FILE,
                entry.from_line,
                format!(
                    "{from} is answered by the site's file {file}: remove this entry, or the file"
                ),
            ));
            fine = false;
        }
        if to.starts_with('/')
            && let Err(message) = site.target(to)
        {
            problems.push(Problem::new(FILE, entry.to_line, message));
            fine = false;
        }
        if fine {
            redirects.push(entry.redirect.clone());
        }
    }
    Redirects { redirects }
}

/// What the build publishes, to look addresses up in.
struct Site<'a> {
    root: &'a Path,
    files: &'a BTreeMap<String, String>,
}

impl Site<'_> {
    /// What answers at `path` (decoded or not), if anything: "the article
    /// /x/", "the file feed.xml".
    fn serves(&self, path: &str) -> Option<String> {
        let decoded = decode_path(path)?;
        if let Some(route) = self.route(&decoded)
            && self.publishes(&route)
        {
            return Some(format!("a page of the site ({})", route.path()));
        }
        let file = decoded.trim_start_matches('/');
        let public = self.root.join("public").join(file);
        (!file.is_empty() && (self.files.contains_key(file) || public.is_file()))
            .then(|| format!("the site's file {file}"))
    }

    /// The page a decoded path names: a page of `content/pages/` where one
    /// is published at it, as the app reads it.
    fn route(&self, decoded: &str) -> Option<Route> {
        Route::parse_among(decoded, |slug| self.publishes(&Route::site_page(slug)))
    }

    fn publishes(&self, route: &Route) -> bool {
        self.files
            .contains_key(route.data_path().trim_start_matches('/'))
    }

    /// Whether the site path `to` (with any query or `#fragment`) is a page
    /// or file of the site, as written.
    fn target(&self, to: &str) -> Result<(), String> {
        let path = to.split(['?', '#']).next().unwrap_or(to);
        if let Some(route) = decode_path(path).and_then(|decoded| self.route(&decoded))
            && self.publishes(&route)
        {
            return if route.path() == path {
                Ok(())
            } else {
                Err(format!(
                    "`to` = {to}: write the page's address as {}, which it is served at",
                    route.path()
                ))
            };
        }
        if path != "/" && self.serves(path).is_some() {
            return Ok(());
        }
        Err(format!(
            "`to` = {to} is no page or file of the site: {LINK_SHAPES}, a file under public/ as /its/path, or write a full https:// address"
        ))
    }
}

/// Whether `from` can be an old address of the site.
pub(crate) fn from_shape(from: &str) -> Result<(), String> {
    if from.starts_with("http://") || from.starts_with("https://") {
        let hint = Url::parse(from)
            .map(|url| match url.query() {
                Some(query) => format!(" (`from = \"{}?{query}\"`)", url.path()),
                None => format!(" (`from = \"{}\"`)", url.path()),
            })
            .unwrap_or_default();
        return Err(format!(
            "`from` = {from}: write the old address as a path from the site's root, without the host{hint}"
        ));
    }
    if !from.starts_with('/') || from.starts_with("//") {
        return Err(format!(
            "`from` = {from:?} is not a path: write the old address from the site's root, like /2024/03/old-post/ or /?p=12"
        ));
    }
    let path = from.split('?').next().unwrap_or_default();
    if from.contains('#') {
        return Err(format!(
            "`from` = {from}: browsers never send the part after #, so no server sees it; leave it out"
        ));
    }
    address_characters("from", from)?;
    let Some(decoded) = decode_path(path) else {
        return Err(format!(
            "`from` = {from} has a broken %-escape (each % starts two hex digits of UTF-8)"
        ));
    };
    address_characters("from", &decoded)?;
    if decoded
        .split('/')
        .any(|segment| matches!(segment, "." | ".."))
        || decoded.contains("//")
    {
        return Err(format!(
            "`from` = {from}: a path with `.`, `..` or `//` in it is never what a browser asks for; write it as it is shown"
        ));
    }
    Ok(())
}

/// Whether `to` can be where an old address leads.
pub(crate) fn to_shape(to: &str) -> Result<(), String> {
    if to.starts_with("http://") || to.starts_with("https://") {
        address_characters("to", to)?;
        return match Url::parse(to) {
            Ok(url) if url.host_str().is_some() => Ok(()),
            _ => Err(format!("`to` = {to} is not a web address")),
        };
    }
    if !to.starts_with('/') || to.starts_with("//") {
        return Err(format!(
            "`to` = {to:?}: write a path of the site, like /new-post/, or a full address, like https://example.org/page/"
        ));
    }
    address_characters("to", to)
}

fn address_characters(field: &str, address: &str) -> Result<(), String> {
    match address
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || NOT_IN_ADDRESSES.contains(c))
    {
        Some(c) => Err(format!(
            "`{field}` = {address:?} holds {c:?}, which an address cannot hold as it is: write it %-encoded ({})",
            c.to_string()
                .bytes()
                .map(|b| format!("%{b:02X}"))
                .collect::<String>()
        )),
        None => Ok(()),
    }
}

/// One spelling of an address, for telling duplicates apart: decoded,
/// and `/old` the same as `/old/` (both are answered by one page).
pub(crate) fn same_address(address: &str) -> String {
    let (path, query) = match address.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (address, None),
    };
    let path = decode_path(path).unwrap_or_else(|| path.to_owned());
    let path = match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    };
    match query {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_are_paths_from_the_root() {
        for fine in [
            "/2024/03/old-post/",
            "/?p=12",
            "/%d1%81%d0%be%d0%bd/",
            "/сон/",
            "/old.html",
        ] {
            assert_eq!(from_shape(fine), Ok(()), "{fine}");
        }
        let told = |from: &str| from_shape(from).unwrap_err();
        assert!(told("https://old.example/a/?p=1").contains("(`from = \"/a/?p=1\"`)"));
        assert!(told("old-post/").contains("is not a path"));
        assert!(told("/a b/").contains("%20"));
        assert!(told("/a/#top").contains("after #"));
        assert!(told("/%zz/").contains("broken %-escape"));
        assert!(told("/%22/").contains("'\"'"));
        assert!(told("/a/../b/").contains("`..`"));
    }

    #[test]
    fn new_addresses_are_site_paths_or_web_addresses() {
        assert_eq!(to_shape("/new/"), Ok(()));
        assert_eq!(to_shape("https://example.org/x/"), Ok(()));
        assert!(to_shape("new/").is_err());
        assert!(to_shape("ftp://example.org/").is_err());
        assert!(to_shape("https://").is_err());
        assert!(to_shape("/a;b/").is_err());
    }

    #[test]
    fn spellings_of_one_address_are_the_same() {
        assert_eq!(same_address("/old/"), same_address("/old"));
        assert_eq!(
            same_address("/%d1%81/"),
            same_address("/\u{0441}/"),
            "decoded"
        );
        assert_eq!(same_address("/?p=1"), "/?p=1");
        assert_ne!(same_address("/?p=1"), same_address("/?p=2"));
    }
}
