//! Moving a site in from WordPress: `scripts/import <export.xml>` reads the
//! export WordPress writes under Tools → Export and writes articles,
//! authors, comments, the category tree and redirects from the old
//! addresses into `content/`,
//! and the images posts use into `public/images/uploads/`, so that the next
//! build publishes them.

pub mod autop;
mod body;
mod comment_files;
mod disk;
pub mod fresh;
pub mod html;
mod links;
pub mod menus;
pub mod moved;
mod report;
pub mod run;
pub mod settings;
pub mod shortcode;
pub mod tree;
pub mod uploads;
pub mod wxr;

pub use report::Report;
pub use run::{Options, import};

/// Random text made of given pieces, for the tests that compare a
/// shortcut with the full way on many inputs (the same inputs each run).
#[cfg(test)]
pub(crate) struct RandomText(u64);

#[cfg(test)]
impl RandomText {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// A number below `bound`.
    pub(crate) fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }

    /// Fewer than `most` of `pieces`, one after the other.
    pub(crate) fn text(&mut self, pieces: &[&str], most: u64) -> String {
        let count = self.below(most);
        (0..count)
            .map(|_| pieces[self.below(pieces.len() as u64) as usize])
            .collect()
    }
}
