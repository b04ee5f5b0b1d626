//! The visitor's own comments, app-wide: sent ones awaiting moderation and
//! unsent ones in the outbox. Unsent comments are sent again when the
//! browser comes back online and on the next visit; one comment is never
//! in flight twice, so a double click or a retry never posts it twice.

use std::collections::HashSet;

use leptos::prelude::*;
use wellpress_types::Comment;

use crate::{
    comment_store::{self, MyComment, Status},
    fetch::{FetchError, post_form},
    site,
};

/// The visitor's own comments and which of them are being sent.
#[derive(Debug, Clone, Copy)]
pub struct Outbox {
    items: RwSignal<Vec<MyComment>>,
    in_flight: RwSignal<HashSet<String>>,
}

/// Creates the outbox for the app, loads it from the browser and starts
/// sending what waits, now and whenever the browser comes back online.
pub fn provide_outbox() {
    let outbox = Outbox {
        items: RwSignal::new(Vec::new()),
        in_flight: RwSignal::new(HashSet::new()),
    };
    provide_context(outbox);
    Effect::new(move |_| {
        outbox.items.set(comment_store::mine());
        outbox.flush();
        let online = window_event_listener(leptos::ev::online, move |_| outbox.flush());
        // Lives as long as the page.
        std::mem::forget(online);
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

    /// Keeps a new comment (before its first send, so nothing is lost if
    /// the page dies mid-request).
    pub fn add(&self, comment: MyComment) {
        self.items.update(|items| items.push(comment));
        self.persist();
    }

    /// Drops the comments the site has published.
    pub fn forget_published(&self, slug: &str, published: &[Comment]) {
        let before = self.items.with_untracked(Vec::len);
        // Only comments the endpoint accepted can have been published.
        self.items.update(|items| {
            items.retain(|c| {
                c.slug != slug
                    || c.status != Status::Sent
                    || !comment_store::is_published(c, published)
            })
        });
        if self.items.with_untracked(Vec::len) != before {
            self.persist();
        }
    }

    /// Drops one of the visitor's comments (one the site refused).
    pub fn remove(&self, client_id: &str) {
        self.items
            .update(|items| items.retain(|c| c.client_id() != client_id));
        self.persist();
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

    /// Sends one comment now. Does nothing (and says so) if it is already
    /// on its way or already sent.
    pub async fn send(&self, client_id: &str) -> Result<(), FetchError> {
        let Some(body) = self.items.with_untracked(|items| {
            items
                .iter()
                .find(|c| c.client_id() == client_id && matches!(c.status, Status::Waiting { .. }))
                .map(|c| c.body.clone())
        }) else {
            return Ok(());
        };
        if !self
            .in_flight
            .try_update(|set| set.insert(client_id.to_owned()))
            .unwrap_or(false)
        {
            return Ok(());
        }
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
            Err(error) => Status::Waiting {
                reason: error.to_string(),
            },
        };
        self.in_flight.try_update(|set| set.remove(client_id));
        self.items.try_update(|items| {
            if let Some(item) = items.iter_mut().find(|c| c.client_id() == client_id) {
                item.status = status;
            }
        });
        self.persist();
        result
    }

    fn persist(&self) {
        self.items
            .with_untracked(|items| comment_store::set_mine(items));
    }
}
