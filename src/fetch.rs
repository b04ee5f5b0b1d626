//! The one module that fetches: `fetch_json` over gloo-net with a typed
//! error, and `use_json`, the page-level loader that tracks loading, failure
//! and retry, cancels its request when the page is left, and keeps what it
//! loaded so that going back to a page shows it at once.

use std::{any::Any, cell::Cell, cell::RefCell, collections::HashMap, rc::Rc, time::Duration};

use gloo_net::http::Request;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use web_sys::{AbortController, AbortSignal};

/// How long a reader waits before a stalled request is reported.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Why a page's content could not be loaded, worded for readers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The request never got an answer: offline, DNS, connection reset.
    #[error("We couldn't reach the site. Check your connection, then try again.")]
    Network,
    /// The server answered, but too slowly.
    #[error("The site is taking too long to answer. Try again in a moment.")]
    Timeout,
    /// The file does not exist.
    #[error("This content could not be found (HTTP 404). It may have moved or been removed.")]
    NotFound,
    /// Any other unsuccessful answer.
    #[error("The site answered with an error (HTTP {0}). Try again in a moment.")]
    Status(u16),
    /// The answer arrived but is not the data the page expects.
    #[error("The content arrived damaged and could not be read. Try again in a moment.")]
    Corrupt,
    /// The comment service said why it did not take a comment.
    #[error("{message}")]
    Refused {
        /// What it said, for the reader.
        message: String,
        /// Whether sending it again cannot help (a refusal, not a delay).
        lasting: bool,
        /// Seconds it asked to wait before sending again (`Retry-After`).
        after: Option<u32>,
    },
}

/// What a comment service's unsuccessful answer means. It reads the
/// service's JSON: ours (`{"success":false,"errorCode":…,"message":…}`,
/// with a status saying whether to try again) and Staticman's, which
/// answers every error with HTTP 500 (its field checks too, which no retry
/// can pass: `MISSING_REQUIRED_FIELDS` and `INVALID_FIELDS`, naming the
/// fields in `data`).
pub fn refusal(status: u16, body: &str, retry_after: Option<&str>) -> FetchError {
    #[derive(serde::Deserialize)]
    struct Answer {
        #[serde(rename = "errorCode")]
        error_code: Option<String>,
        message: Option<String>,
        data: Option<serde_json::Value>,
    }
    let answer: Option<Answer> = serde_json::from_str(body).ok();
    let after = retry_after.and_then(|v| v.trim().parse::<u32>().ok());
    let code = answer.as_ref().and_then(|a| a.error_code.as_deref());
    let fields = || -> String {
        let names: Vec<&str> = answer
            .as_ref()
            .and_then(|a| a.data.as_ref()?.as_array())
            .into_iter()
            .flatten()
            .filter_map(|f| f.as_str())
            .map(|field| match field {
                "name" => "your name",
                "email" => "your email address",
                "message" => "your comment",
                "url" => "your website",
                other => other,
            })
            .collect();
        match names.as_slice() {
            [] => "a field".to_owned(),
            [one] => (*one).to_owned(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    };
    let (message, lasting) = match code {
        Some("MISSING_REQUIRED_FIELDS") => {
            (format!("The comment service needs {}.", fields()), true)
        }
        Some("INVALID_FIELDS") => (
            format!(
                "The comment service does not take {}; please tell the site's owner.",
                fields()
            ),
            true,
        ),
        _ => {
            let lasting = (400..500).contains(&status) && ![408, 429].contains(&status);
            // A 5xx message is for the site's owner; the reader gets ours.
            let said = answer
                .and_then(|a| a.message)
                .filter(|m| !m.trim().is_empty() && status < 500);
            match said {
                Some(message) => (message, lasting),
                None if after.is_none() => return FetchError::Status(status),
                None => (FetchError::Status(status).to_string(), lasting),
            }
        }
    };
    FetchError::Refused {
        message,
        lasting,
        after,
    }
}

/// Fetches `url` and decodes its JSON body, giving up when `signal` aborts.
pub async fn fetch_json<T: DeserializeOwned>(
    url: &str,
    signal: Option<&AbortSignal>,
) -> Result<T, FetchError> {
    let body = get(url, signal)
        .await?
        .text()
        .await
        .map_err(|_| FetchError::Network)?;
    serde_json::from_str(&body).map_err(|_| FetchError::Corrupt)
}

/// Fetches `url` as bytes (the search index's files), giving up after the
/// same timeout as page fetches.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(AbortController::signal);
    let timer = controller
        .clone()
        .and_then(|controller| set_timeout_with_handle(move || controller.abort(), TIMEOUT).ok());
    let result = match get(url, signal.as_ref()).await {
        Ok(response) => response.binary().await.map_err(|_| FetchError::Network),
        Err(error) => Err(error),
    };
    if let Some(timer) = timer {
        timer.clear();
    }
    match result {
        Err(FetchError::Network) if signal.as_ref().is_some_and(AbortSignal::aborted) => {
            Err(FetchError::Timeout)
        }
        other => other,
    }
}

/// A successful answer for `url`: a missing file is [`FetchError::NotFound`],
/// whether the host says 404 or answers with the app's `index.html`.
async fn get(
    url: &str,
    signal: Option<&AbortSignal>,
) -> Result<gloo_net::http::Response, FetchError> {
    let response = Request::get(url)
        .abort_signal(signal)
        .send()
        .await
        .map_err(|_| FetchError::Network)?;
    match response.status() {
        200..=299 => {}
        404 => return Err(FetchError::NotFound),
        status => return Err(FetchError::Status(status)),
    }
    // Hosts that answer every unknown path with the app's index.html send
    // HTML for a data file that does not exist.
    if response
        .headers()
        .get("content-type")
        .is_some_and(|t| t.starts_with("text/html"))
    {
        return Err(FetchError::NotFound);
    }
    Ok(response)
}

/// Posts a form-encoded `body` to `url`; any 2xx answer is success. Gives
/// up after the same timeout as page fetches.
pub async fn post_form(url: &str, body: String) -> Result<(), FetchError> {
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(AbortController::signal);
    let timer = controller
        .clone()
        .and_then(|controller| set_timeout_with_handle(move || controller.abort(), TIMEOUT).ok());
    let request = Request::post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .abort_signal(signal.as_ref())
        .body(body)
        .map_err(|_| FetchError::Network)?;
    let result = request.send().await;
    if let Some(timer) = timer {
        timer.clear();
    }
    match result {
        Err(_) if signal.as_ref().is_some_and(AbortSignal::aborted) => Err(FetchError::Timeout),
        Err(_) => Err(FetchError::Network),
        Ok(response) if response.ok() => Ok(()),
        Ok(response) => {
            let retry_after = response.headers().get("retry-after");
            let body = response.text().await.unwrap_or_default();
            Err(refusal(response.status(), &body, retry_after.as_deref()))
        }
    }
}

/// The state of a page's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    /// The request is in flight.
    Loading,
    /// The request failed; the page shows why and offers a retry.
    Failed(FetchError),
    /// The content is here.
    Ready(T),
}

/// A page's remote content: read `state`, call `retry` after a failure.
pub struct Remote<T: Send + Sync + 'static> {
    state: RwSignal<Load<T>>,
    attempt: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for Remote<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Remote<T> {}

impl<T: Clone + Send + Sync + 'static> Remote<T> {
    /// The current state, tracked: views reading it update when it changes.
    pub fn state(&self) -> Load<T> {
        self.state.get()
    }

    /// Loads the content again, showing the loading state meanwhile.
    pub fn retry(&self) {
        self.attempt.update(|n| *n += 1);
    }
}

thread_local! {
    /// Content loaded during this visit, by URL. Published files only change
    /// with a new deploy, which a reload picks up.
    static LOADED: RefCell<HashMap<String, Rc<dyn Any>>> = RefCell::new(HashMap::new());
}

thread_local! {
    /// JSON a prerendered page's data arrived as (fetched by the start-up
    /// script with the app), by URL, read when first used.
    static EMBEDDED: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Hands over the JSON that `url` holds without fetching it: the start-up
/// script fetched a prerendered page's data along with the app, so the app
/// shows the same without waiting for another request.
pub fn embed(url: String, json: String) {
    EMBEDDED.with_borrow_mut(|map| map.insert(url, json));
}

/// Forgets everything loaded and embedded (the prerenderer renders many
/// pages in one process).
pub fn forget_all() {
    LOADED.with_borrow_mut(HashMap::clear);
    EMBEDDED.with_borrow_mut(HashMap::clear);
}

fn loaded<T: DeserializeOwned + Clone + 'static>(url: &str) -> Option<T> {
    let known = LOADED.with_borrow(|map| {
        map.get(url)
            .and_then(|data| data.downcast_ref::<T>().cloned())
    });
    if known.is_some() {
        return known;
    }
    let embedded = EMBEDDED.with_borrow_mut(|map| map.remove(url))?;
    let data: T = serde_json::from_str(&embedded).ok()?;
    remember(url.to_owned(), data.clone());
    Some(data)
}

fn remember<T: 'static>(url: String, data: T) {
    LOADED.with_borrow_mut(|map| map.insert(url, Rc::new(data)));
}

thread_local! {
    /// URLs being fetched ahead of need, so each is fetched once.
    static PREFETCHING: RefCell<std::collections::HashSet<String>> = RefCell::new(Default::default());
}

/// Fetches the JSON at `url` into memory ahead of need (a reader pointing
/// at a link), so the page it leads to shows at once. Failures are
/// forgotten: the page's own load reports them.
pub fn prefetch<T>(url: String)
where
    T: DeserializeOwned + 'static,
{
    let already = LOADED.with_borrow(|map| map.contains_key(&url))
        || EMBEDDED.with_borrow(|map| map.contains_key(&url));
    if already || !PREFETCHING.with_borrow_mut(|set| set.insert(url.clone())) {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Ok(data) = fetch_json::<T>(&url, None).await {
            remember(url.clone(), data);
        }
        PREFETCHING.with_borrow_mut(|set| set.remove(&url));
    });
}

/// Loads the JSON at `url()`, again whenever the URL changes. Content seen
/// before in this visit shows at once; otherwise the request is cancelled
/// when the page is left or the URL changes before it finishes, and
/// reported as failed after a timeout.
pub fn use_json<T>(url: impl Fn() -> String + 'static) -> Remote<T>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    let first = match loaded::<T>(&url()) {
        Some(data) => Some(Load::Ready(data)),
        // The prerendered "page not found" the visit landed on.
        None if crate::start::landing::on_missing_page() => {
            Some(Load::Failed(FetchError::NotFound))
        }
        None => None,
    };
    let shown_at_start = first.is_some();
    let state = RwSignal::new(first.unwrap_or(Load::Loading));
    let attempt = RwSignal::new(0_u32);

    // Effects run only in the browser; nothing here touches the DOM directly.
    Effect::new(move |previous: Option<()>| {
        let url = url();
        attempt.track();
        if previous.is_none() && shown_at_start {
            crate::start::scroll::page_ready();
            return;
        }
        if let Some(data) = loaded::<T>(&url) {
            state.set(Load::Ready(data));
            crate::start::scroll::page_ready();
            return;
        }
        state.set(Load::Loading);

        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        let timed_out = Rc::new(Cell::new(false));
        let timer = controller.clone().and_then(|controller| {
            let timed_out = Rc::clone(&timed_out);
            set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    controller.abort();
                },
                TIMEOUT,
            )
            .ok()
        });
        let guard = SendWrapper::new((controller, timer));
        on_cleanup(move || {
            let (controller, timer) = guard.take();
            if let Some(timer) = timer {
                timer.clear();
            }
            if let Some(controller) = controller {
                controller.abort();
            }
        });

        leptos::task::spawn_local(async move {
            let result = fetch_json::<T>(&url, signal.as_ref()).await;
            let cancelled = signal.as_ref().is_some_and(AbortSignal::aborted);
            let next = match result {
                Ok(data) => {
                    remember(url, data.clone());
                    Load::Ready(data)
                }
                Err(_) if timed_out.get() => Load::Failed(FetchError::Timeout),
                // Left the page or changed URL: a newer request owns the state.
                Err(_) if cancelled => return,
                Err(error) => Load::Failed(error),
            };
            if state.try_set(next).is_none() {
                crate::start::scroll::page_ready();
            }
        });
    });

    Remote { state, attempt }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staticman_field_errors_are_refusals_in_the_readers_words() {
        // As Staticman's controllers/process.js answers its field checks.
        let missing = r#"{"success":false,"data":["name","email"],"rawError":{"_smErrorCode":"MISSING_REQUIRED_FIELDS","data":["name","email"]},"errorCode":"MISSING_REQUIRED_FIELDS"}"#;
        assert_eq!(
            refusal(500, missing, None),
            FetchError::Refused {
                message: "The comment service needs your name and your email address.".into(),
                lasting: true,
                after: None
            }
        );
        let invalid = r#"{"success":false,"data":["replying_to"],"errorCode":"INVALID_FIELDS"}"#;
        let error = refusal(500, invalid, None);
        assert!(matches!(error, FetchError::Refused { lasting: true, .. }));
        assert!(
            error.to_string().contains("does not take replying_to"),
            "{error}"
        );
    }

    #[test]
    fn other_server_errors_wait_and_say_no_more_than_the_status() {
        let config = r#"{"success":false,"message":"Error whilst parsing config file","errorCode":"PARSING_ERROR"}"#;
        assert_eq!(refusal(500, config, None), FetchError::Status(500));
        assert_eq!(
            refusal(502, "<html>Bad gateway</html>", None),
            FetchError::Status(502)
        );
        let busy = refusal(
            503,
            r#"{"success":false,"errorCode":"CANNOT_SAVE","message":"x"}"#,
            Some("60"),
        );
        assert!(matches!(
            busy,
            FetchError::Refused {
                lasting: false,
                after: Some(60),
                ..
            }
        ));
    }

    #[test]
    fn the_receivers_own_answers_keep_their_message() {
        let flood = r#"{"success":false,"errorCode":"FLOOD","message":"You are posting comments too quickly. Slow down."}"#;
        assert_eq!(
            refusal(429, flood, Some("12")),
            FetchError::Refused {
                message: "You are posting comments too quickly. Slow down.".into(),
                lasting: false,
                after: Some(12)
            }
        );
        let twice = r#"{"success":false,"errorCode":"DUPLICATE_COMMENT","message":"Duplicate comment detected; it looks as though you've already said that!"}"#;
        assert!(matches!(
            refusal(409, twice, None),
            FetchError::Refused { lasting: true, .. }
        ));
        assert_eq!(refusal(404, "", None), FetchError::Status(404));
    }
}
