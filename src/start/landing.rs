//! The prerendered page a visit landed on. While the reader is on it, the
//! app shows what the file showed: a "page not found" stays one without
//! asking the server, and the comment form asks the same first equation.
//! The prerenderer sets it for each page it renders; `start` in the browser.

use std::cell::RefCell;

/// A prerendered page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landing {
    /// Its address as served.
    pub path: String,
    pub shows: Shows,
}

/// What a prerendered page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shows {
    /// The JSON at this URL: an article, a listing, a page.
    Data(String),
    /// Nothing of its own until the app fills it in: the search page.
    Shell,
    /// "Page not found".
    NotFound,
}

impl Shows {
    /// The URL of the JSON it shows, if any.
    pub fn data_url(&self) -> Option<&str> {
        match self {
            Shows::Data(url) => Some(url),
            Shows::Shell | Shows::NotFound => None,
        }
    }
}

thread_local! {
    static LANDING: RefCell<Option<Landing>> = const { RefCell::new(None) };
}

/// Records the page the visit landed on (`None`: not a prerendered page).
pub fn set(landing: Option<Landing>) {
    LANDING.set(landing);
}

/// The landing page, if the reader is on it now.
fn here<T>(read: impl FnOnce(&Landing) -> T) -> Option<T> {
    #[cfg(target_arch = "wasm32")]
    let current = leptos::prelude::window().location().pathname().ok();
    LANDING.with_borrow(|landing| {
        let landing = landing.as_ref()?;
        // On the host, the page being rendered is the one.
        #[cfg(target_arch = "wasm32")]
        if current.as_deref() != Some(landing.path.as_str()) {
            return None;
        }
        Some(read(landing))
    })
}

/// Whether the reader is on a prerendered "page not found".
pub fn on_missing_page() -> bool {
    here(|landing| landing.shows == Shows::NotFound).unwrap_or(false)
}

/// The seed of the first equation on the landing page, the same in the
/// file and in the app; none elsewhere.
pub fn captcha_seed() -> Option<u64> {
    here(|landing| {
        landing
            .shows
            .data_url()
            .map(crate::comments::captcha::seed_for_page)
    })
    .flatten()
}
