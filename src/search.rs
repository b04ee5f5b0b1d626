//! Search: the header's field ([`field::SearchForm`]), the search page
//! ([`page::SearchPage`]), and what joins them, [`Search`]: what the reader
//! typed, the index files fetched so far and the answer on screen.
//!
//! The index (crates/wellpress-search, written by the content tool into
//! `data/search/`) is sharded: a query needs a few small files, fetched in
//! rounds (the manifest, dictionary shards, postings, then one fragment per
//! result shown). Nothing is fetched before the reader focuses the field;
//! files fetched stay loaded, so once a query's files are here, the next
//! keystroke is answered at once, without waiting. Missing files are
//! fetched only after a short pause in typing, so that a word typed a
//! letter at a time does not fetch the results of every letter.

pub mod field;
pub mod page;

use std::{cell::RefCell, future::Future, pin::Pin, task::Poll, time::Duration};

use leptos::prelude::*;
use wellpress_search::{Index, Loaded, Query, Shown, format::MANIFEST};
use wellpress_types::{SEARCH_CATEGORY, SEARCH_FOLDER, SEARCH_PATH, SEARCH_QUERY};

use crate::{fetch::FetchError, routes};

/// Results shown at first, and added by each "More results".
pub const PAGE: usize = 10;
/// The pause in typing after which missing files are fetched.
const PAUSE: Duration = Duration::from_millis(120);
/// Rounds of fetching one answer may take: the manifest, dictionaries,
/// the neighbours of a mistyped word, postings, fragments, and one more
/// after finding the index rebuilt. More means a file that never loads.
const MAX_ROUNDS: usize = 8;

/// The search the reader is making, shared by the header's field and the
/// search page.
#[derive(Debug, Clone, Copy)]
pub struct Search {
    /// What is in the field.
    pub typed: RwSignal<String>,
    /// The category the results are limited to, by slug.
    pub category: RwSignal<Option<String>>,
    /// How many results to show.
    pub wanted: RwSignal<usize>,
    /// The result the arrow keys are on.
    pub active: RwSignal<Option<usize>>,
    /// The answer on screen.
    pub answer: RwSignal<Answer>,
    /// Files are being fetched for what was typed.
    pub busy: RwSignal<bool>,
    /// The categories of the filter, once the index's manifest is here.
    pub categories: RwSignal<Vec<(String, String)>>,
    /// Bumped to try again after a failure.
    attempt: RwSignal<u32>,
}

/// What the search page shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Answer {
    /// Nothing to search for yet.
    #[default]
    Empty,
    /// The results of a query.
    Found(Found),
    /// The index could not be fetched.
    Failed(FetchError),
}

/// The results of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// What was typed.
    pub query: String,
    /// The results shown, best first.
    pub shown: Vec<Shown>,
    /// How many articles matched.
    pub total: usize,
    /// No article has every word: these have some of them.
    pub partial: bool,
    /// A query of close words, when a word matched nothing.
    pub suggestion: Option<String>,
}

/// The index as fetched so far. One per page: the wasm has one thread.
#[derive(Default)]
struct Engine {
    index: Option<Index>,
    loaded: Loaded,
    /// Bumped for every new search: an older one stops at its next round.
    generation: u64,
    /// The manifest is being fetched ahead of the first query.
    warming: bool,
}

thread_local! {
    static ENGINE: RefCell<Engine> = RefCell::new(Engine::default());
}

/// Why a round of fetching failed.
enum RoundError {
    /// A file of the index is gone: the site was rebuilt since the
    /// manifest was fetched. Start again from the new manifest.
    Rebuilt,
    Failed(FetchError),
}

impl Search {
    /// A search with nothing typed.
    pub fn new() -> Self {
        Self {
            typed: RwSignal::new(String::new()),
            category: RwSignal::new(None),
            wanted: RwSignal::new(PAGE),
            active: RwSignal::new(None),
            answer: RwSignal::new(Answer::Empty),
            busy: RwSignal::new(false),
            categories: RwSignal::new(Vec::new()),
            attempt: RwSignal::new(0),
        }
    }

    /// The search of this app.
    pub fn get() -> Self {
        use_context::<Search>().expect("App provides the search")
    }

    /// Tries again after a failure.
    pub fn retry(&self) {
        self.attempt.update(|n| *n += 1);
    }

    /// Fetches the manifest ahead of the first query, when the reader
    /// focuses the field: a query then starts one round later.
    pub fn warm(&self) {
        let cold = ENGINE.with_borrow_mut(|engine| {
            let cold = engine.index.is_none() && !engine.warming;
            engine.warming |= cold;
            cold
        });
        if cold {
            let categories = self.categories;
            leptos::task::spawn_local(async move {
                let _ = fetch_round(vec![MANIFEST.to_owned()], categories).await;
                ENGINE.with_borrow_mut(|engine| engine.warming = false);
            });
        }
    }

    /// Answers what is typed now: at once when every file it needs is
    /// loaded, otherwise after fetching them (after a pause in typing when
    /// `typing`). Called by the search page whenever the query changes.
    fn run(self, typing: bool) {
        let typed = self.typed.get_untracked();
        let category = self.category.get_untracked();
        let wanted = self.wanted.get_untracked();
        let generation = ENGINE.with_borrow_mut(|engine| {
            engine.generation += 1;
            engine.generation
        });
        if Query::new(&typed).is_empty() {
            self.answer.set(Answer::Empty);
            self.busy.set(false);
            return;
        }
        if let Ok(found) = answer_now(&typed, category.as_deref(), wanted) {
            self.show(found);
            return;
        }
        self.busy.set(true);
        let fetch = move || {
            leptos::task::spawn_local(async move {
                self.fetch_and_answer(generation, typed, category, wanted)
                    .await
            })
        };
        if typing {
            set_timeout(fetch, PAUSE);
        } else {
            fetch();
        }
    }

    async fn fetch_and_answer(
        self,
        generation: u64,
        typed: String,
        category: Option<String>,
        wanted: usize,
    ) {
        let current = move || ENGINE.with_borrow(|engine| engine.generation) == generation;
        let mut rebuilt = false;
        for _ in 0..MAX_ROUNDS {
            if !current() {
                return;
            }
            let missing = match answer_now(&typed, category.as_deref(), wanted) {
                Ok(found) => {
                    self.show(found);
                    return;
                }
                Err(missing) => missing,
            };
            match fetch_round(missing, self.categories).await {
                Ok(()) => {}
                Err(RoundError::Rebuilt) if !rebuilt => {
                    rebuilt = true;
                    ENGINE.with_borrow_mut(|engine| {
                        engine.index = None;
                        engine.loaded = Loaded::default();
                    });
                }
                Err(RoundError::Rebuilt) => return self.fail(current(), FetchError::NotFound),
                Err(RoundError::Failed(error)) => return self.fail(current(), error),
            }
        }
        self.fail(current(), FetchError::Corrupt);
    }

    fn show(&self, found: Found) {
        self.answer.set(Answer::Found(found));
        self.busy.set(false);
    }

    fn fail(&self, current: bool, error: FetchError) {
        if current {
            self.answer.set(Answer::Failed(error));
            self.busy.set(false);
        }
    }
}

impl Default for Search {
    fn default() -> Self {
        Self::new()
    }
}

/// The answer from the files loaded now, or the files still missing.
fn answer_now(typed: &str, category: Option<&str>, wanted: usize) -> Result<Found, Vec<String>> {
    ENGINE.with_borrow(|engine| {
        let Some(index) = &engine.index else {
            return Err(vec![MANIFEST.to_owned()]);
        };
        let loaded = &engine.loaded;
        let query = Query::new(typed).in_category(category);
        let results = index.search(&query, loaded)?;
        let page = &results.hits[..results.hits.len().min(wanted)];
        let missing = index.fragments(page, loaded);
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(Found {
            query: typed.trim().to_owned(),
            shown: page
                .iter()
                .filter_map(|&doc| loaded.result(index, &results, doc))
                .collect(),
            total: results.hits.len(),
            partial: results.partial,
            suggestion: results.suggestion.clone(),
        })
    })
}

/// One file's fetch, under way.
type Pending = Pin<Box<dyn Future<Output = Result<Vec<u8>, FetchError>>>>;

/// Waits for every fetch of `pending`, which run together; the answers in
/// the same order. (A round is a few files: polling each again on every
/// wake costs nothing, and needs no code beyond the standard library's.)
async fn all(pending: Vec<Pending>) -> Vec<Result<Vec<u8>, FetchError>> {
    let mut slots: Vec<Option<Pending>> = pending.into_iter().map(Some).collect();
    let mut done: Vec<Option<Result<Vec<u8>, FetchError>>> = slots.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (slot, answer) in slots.iter_mut().zip(done.iter_mut()) {
            if let Some(fetch) = slot
                && let Poll::Ready(result) = fetch.as_mut().poll(cx)
            {
                *answer = Some(result);
                *slot = None;
            }
        }
        if slots.iter().all(Option::is_none) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    done.into_iter().flatten().collect()
}

/// Fetches `paths` (in the search folder) together and keeps them.
async fn fetch_round(
    paths: Vec<String>,
    categories: RwSignal<Vec<(String, String)>>,
) -> Result<(), RoundError> {
    let fetched = all(paths
        .iter()
        .map(|path| {
            let url = routes::local(&format!("{SEARCH_FOLDER}{path}"));
            Box::pin(async move { crate::fetch::fetch_bytes(&url).await }) as Pending
        })
        .collect())
    .await;
    for (path, bytes) in paths.iter().zip(fetched) {
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(FetchError::NotFound) if path != MANIFEST => return Err(RoundError::Rebuilt),
            Err(error) => return Err(RoundError::Failed(error)),
        };
        let kept = ENGINE.with_borrow_mut(|engine| {
            if path == MANIFEST {
                let index = Index::parse(&bytes)?;
                if engine.index.as_ref().map(Index::version) != Some(index.version()) {
                    categories.set(
                        index
                            .categories()
                            .iter()
                            .map(|c| (c.slug.clone(), c.name.clone()))
                            .collect(),
                    );
                    engine.loaded = Loaded::default();
                    engine.index = Some(index);
                }
                Ok(())
            } else {
                match &engine.index {
                    Some(index) => engine.loaded.insert(index, path, bytes),
                    // The manifest was dropped meanwhile: fetched again next round.
                    None => Ok(()),
                }
            }
        });
        kept.map_err(|_| RoundError::Failed(FetchError::Corrupt))?;
    }
    Ok(())
}

/// How the search moves the app to an address it made (with the base path
/// already in front, so the router must not add it again).
fn visit() -> leptos_router::NavigateOptions {
    leptos_router::NavigateOptions {
        resolve: false,
        ..Default::default()
    }
}

/// The search page's address for a query, as served
/// (`/search/?q=blood+pressure&category=fitness`).
pub fn href(typed: &str, category: Option<&str>) -> String {
    let mut href = routes::local(SEARCH_PATH);
    let mut separator = '?';
    for (name, value) in [(SEARCH_QUERY, Some(typed)), (SEARCH_CATEGORY, category)] {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            href.push(separator);
            href.push_str(name);
            href.push('=');
            href.push_str(&wellpress_types::comment_rules::form_encode(value));
            separator = '&';
        }
    }
    href
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_carried_in_the_search_page_address() {
        assert_eq!(href("", None), "/search/");
        assert_eq!(href("blood pressure", None), "/search/?q=blood+pressure");
        assert_eq!(
            href("ca fé & 100%", Some("mental-health")),
            "/search/?q=ca+f%C3%A9+%26+100%25&category=mental-health"
        );
        assert_eq!(href("", Some("sleep")), "/search/?category=sleep");
    }
}
