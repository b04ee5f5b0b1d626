//! The site's search index, for a static host: the content tool writes it
//! ([`write`]), the app searches it ([`Index`], [`Query`], [`Loaded`]).
//!
//! The index is sharded so that a query fetches only what it needs: a
//! small manifest, the dictionary shards of its words, the postings of the
//! terms they matched, and one fragment per result shown. [`format`] lists
//! the files; docs/search.md says why they are shaped so, with the bytes
//! measured.
//!
//! Matching: the last word also as a prefix (`ketam` finds ketamine); a
//! word of five letters or more that matches nothing finds terms one typo
//! away (`presure`); every word must match, or, when no article has them
//! all, the articles with the most of them come first. Ranking: a match in
//! the title counts more than one in a heading, which counts more than one
//! in the body; then an exact word before a prefix before a typo; then the
//! newer article.

pub mod codec;
pub mod format;
mod read;
pub mod text;
pub mod typo;
mod write;

pub use codec::Corrupt;
pub use read::{Category, Highlight, Index, Loaded, Marked, Query, Results, Shown, TYPO_MIN_CHARS};
pub use write::{Category as DocumentCategory, Document, Written, write};

#[cfg(test)]
mod tests;
