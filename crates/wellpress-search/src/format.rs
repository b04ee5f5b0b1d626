//! What the index's files are called and what their numbers mean, shared by
//! the writer and the reader.
//!
//! All files live in one folder (`data/search/` on the site):
//!
//! - `index.bin`, the manifest, under a fixed name: the version, the number
//!   of articles, the categories, the first term of each dictionary shard
//!   and the first term number of each postings shard;
//! - `<version>/d<n>.bin`, dictionary shards: consecutive terms in sorted
//!   order, front-coded, each with the number of articles it is in;
//! - `<version>/p<n>.bin`, postings shards: for consecutive terms, the
//!   articles with the term in the title, in a heading, in the body;
//! - `<version>/c.bin`, the articles of each category, for the filter;
//! - `<version>/f/<n>.bin`, one fragment per article: what a result shows.
//!
//! The version is a hash of every file's contents, so a new build never
//! reuses an old name for other bytes.

/// The manifest's name, in the search folder.
pub const MANIFEST: &str = "index.bin";

/// The first bytes of the manifest: the format and its version.
pub(crate) const MAGIC: &[u8; 4] = b"WPS1";

/// Where a term was found in an article; the best place counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Field {
    Body = 1,
    Heading = 2,
    Title = 3,
}

pub(crate) fn dictionary(version: &str, shard: usize) -> String {
    format!("{version}/d{shard}.bin")
}

pub(crate) fn postings(version: &str, shard: usize) -> String {
    format!("{version}/p{shard}.bin")
}

pub(crate) fn categories(version: &str) -> String {
    format!("{version}/c.bin")
}

pub(crate) fn fragment(version: &str, doc: u32) -> String {
    format!("{version}/f/{doc}.bin")
}
