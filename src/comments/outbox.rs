//! The visitor's own comments, app-wide: sent ones awaiting moderation and
//! unsent ones in the outbox. Unsent comments are sent again when the
//! browser comes back online and on the next visit, and, when the service
//! asked to come back shortly (`Retry-After`), after that wait.
//!
//! Every tab of the site shares one outbox in the browser's storage, one
//! key per comment. A change writes only the comments it changed, and other
//! tabs follow it through the `storage` event, so one tab never overwrites
//! what another added or sent. A comment is sent under a lock that every
//! tab shares (held a little longer after a send, while the new status
//! reaches the other tabs), and only if it is still waiting once the lock is
//! held, so a double click, a retry or two tabs coming back online never
//! post it twice.

use std::{collections::HashSet, time::Duration};

use leptos::prelude::*;
use wellpress_types::Comment;

use super::{
    locks,
    store::{self, MyComment, Status},
};
use crate::{
    fetch::{FetchError, post_form},
    site,
};

/// How long a tab keeps a comment's lock after sending it, for the new
/// status to reach the other tabs' storage first.
const SETTLE: Duration = Duration::from_secs(2);

/// The longest `Retry-After` this tab waits out by itself; a longer wait is
/// left to the next visit.
pub const MAX_WAIT_SECONDS: u32 = 300;

/// The visitor's own comments and which of them are being sent.
#[derive(Debug, Clone, Copy)]
pub struct Outbox {
    items: RwSignal<Vec<MyComment>>,
    in_flight: RwSignal<HashSet<String>>,
    /// Whether the browser keeps the list: false once a write failed (full
    /// or blocked storage), until one succeeds.
    kept: RwSignal<bool>,
}

/// Creates the outbox for the app, loads it from the browser and starts
/// sending what waits, now and whenever the browser comes back online.
pub fn provide_outbox() {
    let outbox = Outbox {
        items: RwSignal::new(Vec::new()),
        in_flight: RwSignal::new(HashSet::new()),
        kept: RwSignal::new(true),
    };
    provide_context(outbox);
    Effect::new(move |_| {
        store::move_old_list();
        outbox.items.set(outbox.current());
        outbox.flush();
        let online = window_event_listener(leptos::ev::online, move |_| outbox.flush());
        // Another tab added, sent or dropped a comment.
        let other_tab = window_event_listener(leptos::ev::storage, move |event| {
            if store::is_mine_key(event.key().as_deref()) {
                outbox.items.set(outbox.current());
            }
        });
        // Both live as long as the page.
        std::mem::forget((online, other_tab));
    });
}

/// The app's outbox.
pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

impl Outbox {
    /// The visitor's comments on one article, oldest first (tracked).
    pub fn for_article(&self, slug: &str) -> Vec<MyComment> {
        self.items
            .with(|items| items.iter().filter(|c| c.slug == slug).cloned().collect())
    }

    /// Where one of the visitor's comments stands (tracked).
    pub fn status_of(&self, client_id: &str) -> Option<Status> {
        self.items.with(|items| {
            items
                .iter()
                .find(|c| c.client_id() == client_id)
                .map(|c| c.status.clone())
        })
    }

    /// Whether a comment is being sent right now (tracked).
    pub fn is_sending(&self, client_id: &str) -> bool {
        self.in_flight.with(|set| set.contains(client_id))
    }

    /// Whether the browser keeps the visitor's comments across reloads
    /// (tracked): false when its storage is full or blocked.
    pub fn is_kept(&self) -> bool {
        self.kept.get()
    }

    /// Keeps a new comment (before its first send, so nothing is lost if
    /// the page dies mid-request).
    pub fn add(&self, comment: MyComment) {
        self.change(|items| items.push(comment));
    }

    /// Drops the comments the site has published.
    pub fn forget_published(&self, slug: &str, published: &[Comment]) {
        // Only comments the endpoint accepted can have been published.
        let gone = |c: &MyComment| {
            c.slug == slug && c.status == Status::Sent && store::is_published(c, published)
        };
        if self.items.with_untracked(|items| items.iter().any(gone)) {
            self.change(|items| items.retain(|c| !gone(c)));
        }
    }

    /// Drops one of the visitor's comments (one the site refused).
    pub fn remove(&self, client_id: &str) {
        self.change(|items| items.retain(|c| c.client_id() != client_id));
    }

    /// Whether the site refused a comment outright (not tracked).
    pub fn is_rejected(&self, client_id: &str) -> bool {
        self.items.with_untracked(|items| {
            items
                .iter()
                .any(|c| c.client_id() == client_id && matches!(c.status, Status::Rejected { .. }))
        })
    }

    /// Sends every waiting comment.
    pub fn flush(&self) {
        let waiting: Vec<String> = self.items.with_untracked(|items| {
            items
                .iter()
                .filter(|c| matches!(c.status, Status::Waiting { .. }))
                .map(|c| c.client_id().to_owned())
                .collect()
        });
        for id in waiting {
            let outbox = *self;
            leptos::task::spawn_local(async move {
                let _ = outbox.send(&id).await;
            });
        }
    }

    /// Sends one comment now. Does nothing if it is already on its way from
    /// this tab, or was sent or refused by the time the lock is held.
    pub async fn send(&self, client_id: &str) -> Result<(), FetchError> {
        if !self
            .in_flight
            .try_update(|set| set.insert(client_id.to_owned()))
            .unwrap_or(false)
        {
            return Ok(());
        }
        let held = locks::hold(&format!("wellpress:sending:{client_id}")).await;
        // Another tab may have sent it while this one waited.
        let current = self.current();
        let body = current
            .iter()
            .find(|c| c.client_id() == client_id && matches!(c.status, Status::Waiting { .. }))
            .map(|c| c.body.clone());
        self.items.try_set(current);
        let Some(body) = body else {
            self.in_flight.try_update(|set| set.remove(client_id));
            return Ok(());
        };
        let result = match &site::config().comments.endpoint {
            Some(endpoint) => post_form(endpoint, body).await,
            None => Err(FetchError::Status(503)),
        };
        let status = match &result {
            Ok(()) => Status::Sent,
            Err(FetchError::Status(code))
                if (400..500).contains(code) && ![408, 429].contains(code) =>
            {
                Status::Rejected {
                    reason: FetchError::Status(*code).to_string(),
                }
            }
            Err(error @ FetchError::Refused { lasting: true, .. }) => Status::Rejected {
                reason: error.to_string(),
            },
            Err(error) => Status::Waiting {
                reason: error.to_string(),
            },
        };
        // Asked to come back shortly (too quick, busy): this tab does, by itself.
        if let Err(FetchError::Refused {
            lasting: false,
            after: Some(seconds),
            ..
        }) = &result
            && *seconds <= MAX_WAIT_SECONDS
        {
            let (outbox, id) = (*self, client_id.to_owned());
            set_timeout(
                move || {
                    leptos::task::spawn_local(async move {
                        let _ = outbox.send(&id).await;
                    })
                },
                Duration::from_secs(u64::from(*seconds)),
            );
        }
        // A timed-out post may still have arrived.
        let settled =
            !matches!(status, Status::Waiting { .. }) || matches!(result, Err(FetchError::Timeout));
        self.change(|items| {
            if let Some(item) = items.iter_mut().find(|c| c.client_id() == client_id) {
                item.status = status;
            }
        });
        self.in_flight.try_update(|set| set.remove(client_id));
        // Other tabs learn of the new status from storage, which can reach
        // them a moment after the lock does: a tab waiting to send this
        // comment too must not read the old status, nor post at once what a
        // timed-out post may have delivered.
        if settled {
            held.release_after(SETTLE);
        }
        result
    }

    /// The list as every tab sees it: the stored one. After a failed write,
    /// what this tab holds and the storage lacks is kept as well.
    fn current(&self) -> Vec<MyComment> {
        self.with_unkept(store::mine())
    }

    /// `stored` (`None`: the browser has no storage), with what this tab
    /// holds and the storage lacks after a failed write.
    fn with_unkept(&self, stored: Option<Vec<MyComment>>) -> Vec<MyComment> {
        let held = self.items.try_get_untracked().unwrap_or_default();
        let Some(mut stored) = stored else {
            return held;
        };
        if !self.kept.try_get_untracked().unwrap_or(true) {
            for item in held {
                if !stored.iter().any(|c| c.client_id() == item.client_id()) {
                    stored.push(item);
                }
            }
        }
        stored
    }

    /// Changes the list in storage and on screen, writing only the comments
    /// that changed: each has a key of its own, which other tabs change too.
    fn change(&self, edit: impl FnOnce(&mut Vec<MyComment>)) {
        let stored = store::mine();
        let before = self.with_unkept(stored.clone());
        let mut after = before.clone();
        edit(&mut after);
        for gone in before
            .iter()
            .filter(|old| !after.iter().any(|c| c.client_id() == old.client_id()))
        {
            store::forget_mine(gone.client_id());
        }
        // Also writes what an earlier failed write left out.
        let mut kept = true;
        for item in &after {
            if !stored.as_ref().is_some_and(|stored| stored.contains(item)) {
                kept &= store::keep_mine(item);
            }
        }
        if self.kept.try_get_untracked() != Some(kept) {
            self.kept.try_set(kept);
        }
        self.items.try_set(after);
    }
}
