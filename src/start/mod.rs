//! Starting the app in the browser.
//!
//! A prerendered page already shows its content when the app starts. The
//! app builds the same view from the data the page names (which the
//! start-up script fetched along with the app), off screen, and swaps it in with one DOM operation once
//! it is complete, so nothing flashes or moves. The build is cut into
//! short tasks of the browser's event loop, so that the reader's taps and
//! scrolls never wait long for it: starting the wasm is one task, mounting
//! the app another, each piece of work Leptos spawns starts in a task of
//! its own (see `Tasks`), and parts of a page below its first screen are
//! built in tasks of their own too (see [`Later`]).

//!
//! Here: the swap ([`swap`]), how spawned work is run ([`executor`]), what
//! comes along from the prerendered page ([`carry`]), parts built later
//! ([`Later`]); the page the visit landed on ([`landing`]); and the reader
//! aids the app adds, scroll restoring ([`scroll`]) and prefetching
//! ([`prefetch`]). The start-up script the page loads first is `start.js`.

#[cfg(feature = "csr")]
mod carry;
mod executor;
pub mod landing;
mod later;
pub mod prefetch;
pub mod scroll;
#[cfg(feature = "csr")]
mod swap;

// The start-up script (start.js) sets COMPOSING_MARK on the document
// element while the reader composes a word with an input method (it watches
// from the page's start; the app may arrive mid-word), and KEPT_MARK on the
// prerendered comment field: the text it last kept as the article's draft.
pub use later::Later;
#[cfg(feature = "csr")]
pub use swap::start;
pub use wellpress_types::names::{BASE_META, COMPOSING_MARK, DATA_ID, KEPT_MARK, ROOT_ID};

#[cfg(test)]
mod tests {
    #[test]
    fn the_start_up_script_marks_a_word_being_composed() {
        let script = include_str!("start.js");
        assert!(script.contains("toggleAttribute(NAMES.composingMark, composing)"));
    }

    #[test]
    fn the_start_up_script_notes_the_draft_it_kept() {
        let script = include_str!("start.js");
        assert!(script.contains("field.setAttribute(NAMES.keptMark, field.value)"));
    }
}
