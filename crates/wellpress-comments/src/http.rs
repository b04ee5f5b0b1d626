//! The receiver over HTTP (hyper and axum on tokio): a `POST` of the
//! comment form at any path (the site's server passes its own comment path
//! on), the browser's preflight, and `GET /healthz` for monitors. One log
//! line per request, never with an email address.
//!
//! Memory stays bounded whatever visitors send: at most
//! [`MAX_CONNECTIONS`] connections at once, request headers within
//! [`HEADER_SECONDS`], the whole request within `request_seconds`, and the
//! body within `max_body_bytes`.

use std::{
    net::{IpAddr, Ipv4Addr, SocketAddr},
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::{Context, Result};
use axum::{
    Router,
    body::Body,
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    response::{IntoResponse, Response},
};
use hyper_util::rt::{TokioIo, TokioTimer};
use time::{OffsetDateTime, format_description::well_known::Rfc3339};
use tower::ServiceExt;
use tower_http::timeout::TimeoutLayer;

use crate::receive::{Receiver, Reply, Submission};

/// Connections served at once; more are closed at once.
pub const MAX_CONNECTIONS: usize = 512;
/// A request's headers must arrive within this many seconds.
pub const HEADER_SECONDS: u64 = 10;

/// The receiver's routes.
pub fn router(receiver: Arc<Receiver>) -> Router {
    let timeout = receiver.config().request_timeout();
    Router::new()
        .fallback(answer)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .with_state(receiver)
}

/// Serves on the configured address until the process ends.
pub async fn serve(receiver: Arc<Receiver>) -> Result<()> {
    let listen = receiver.config().listen;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| {
            format!("listening on {listen} (is the port taken? --listen picks another)")
        })?;
    eprintln!(
        "wellpress-comments: receiving comments on http://{listen}/ for {}",
        receiver.store().root().display()
    );
    let cleaned = receiver.store().clean_interrupted();
    if cleaned > 0 {
        eprintln!(
            "wellpress-comments: removed {cleaned} unfinished file(s) of comments never acknowledged (their browsers send them again)"
        );
    }
    let app = router(receiver);
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of file descriptors, say: wait, then go on.
                eprintln!("wellpress-comments: accepting a connection: {error}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            continue; // Dropped: closed at once.
        };
        let app = app.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: hyper::Request<_>| {
                let mut request = request.map(Body::new);
                request.extensions_mut().insert(ConnectInfo(peer));
                app.clone().oneshot(request)
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(Duration::from_secs(HEADER_SECONDS))
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}

/// The visitor's address: the connection's, or, from a trusted proxy, the
/// last address in `X-Forwarded-For` that is not a trusted proxy.
fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    forwarded
        .iter()
        .rev()
        .find(|a| !trusted.contains(a))
        .or(forwarded.first())
        .copied()
        .unwrap_or(peer)
}

async fn answer(State(receiver): State<Arc<Receiver>>, request: Request) -> Response {
    let started = Instant::now();
    let config = receiver.config();
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |c| c.0.ip());
    let client = client_address(peer, request.headers(), &config.trust_proxy);
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .filter(|o| config.allowed_origins.iter().any(|a| a == o))
        .map(str::to_owned);
    let json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));

    let result = match method {
        Method::GET if path == "/healthz" => Reply::new(200, r#"{"ok":true}"#, "healthy"),
        Method::OPTIONS => Reply::new(204, "", "preflight"),
        Method::POST => {
            match axum::body::to_bytes(request.into_body(), config.max_body_bytes).await {
                Ok(body) => {
                    let receiver = receiver.clone();
                    let saved = tokio::task::spawn_blocking(move || {
                        receiver.receive(&Submission {
                            json,
                            ..Submission::form(&body, client)
                        })
                    })
                    .await;
                    saved.unwrap_or_else(|_| Reply::cannot_save())
                }
                Err(error) => {
                    let too_large = std::error::Error::source(&error)
                        .is_some_and(|e| e.is::<http_body_util::LengthLimitError>());
                    if too_large {
                        Reply::refused(413, "TOO_LARGE", "The comment is too long to send.")
                    } else {
                        Reply::refused(
                            400,
                            "UNREADABLE",
                            "The comment arrived damaged and could not be read. Please try again.",
                        )
                    }
                }
            }
        }
        _ => Reply::refused(405, "POST_ONLY", "Comments are sent with POST."),
    };

    let status = StatusCode::from_u16(result.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    eprintln!(
        "{} method={method} path={path:?} status={} ms={} client={client} outcome={}",
        OffsetDateTime::now_utc()
            .format(&Rfc3339)
            .unwrap_or_default(),
        status.as_u16(),
        started.elapsed().as_millis(),
        result.outcome
    );
    let mut response = (status, result.body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Some(origin) = origin.and_then(|o| HeaderValue::from_str(&o).ok()) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("POST, OPTIONS"),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Content-Type"),
        );
    }
    if let Some(seconds) = result.retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    if let Some(location) = result.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        headers.insert(header::LOCATION, location);
        headers.remove(header::CONTENT_TYPE);
    }
    response
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::{
        config::Config,
        receive::tests::{body, site},
        store::{PENDING_DIR, Store},
    };

    async fn send(
        receiver: &Arc<Receiver>,
        request: axum::http::request::Builder,
        body: Vec<u8>,
    ) -> (StatusCode, HeaderMap, String) {
        let request = request
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let response = router(receiver.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, headers, String::from_utf8(body.to_vec()).unwrap())
    }

    fn post() -> axum::http::request::Builder {
        axum::http::Request::builder()
            .method(Method::POST)
            .uri("/api/comments")
    }

    fn receiver(root: &std::path::Path, config: Config) -> Arc<Receiver> {
        Arc::new(Receiver::new(Store::new(root), config))
    }

    #[tokio::test]
    async fn answers_over_http_like_staticman() {
        let root = site("http");
        let receiver = receiver(&root, Config::default());
        let (status, headers, answer) = send(&receiver, post(), body("Hi").into_bytes()).await;
        assert_eq!(
            (status, answer.as_str()),
            (StatusCode::OK, r#"{"success":true}"#)
        );
        assert!(
            !headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN),
            "no origin is allowed unless configured"
        );
        let preflight = axum::http::Request::builder()
            .method(Method::OPTIONS)
            .uri("/api/comments");
        let (status, _, _) = send(&receiver, preflight, Vec::new()).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let get = axum::http::Request::builder().uri("/api/comments");
        let (status, _, answer) = send(&receiver, get, Vec::new()).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{answer}");
        let health = axum::http::Request::builder().uri("/healthz");
        let (status, _, answer) = send(&receiver, health, Vec::new()).await;
        assert_eq!(
            (status, answer.as_str()),
            (StatusCode::OK, r#"{"ok":true}"#)
        );
        let huge = body(&"a".repeat(Config::default().max_body_bytes)).into_bytes();
        let (status, _, answer) = send(&receiver, post(), huge).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(answer.contains("TOO_LARGE"), "{answer}");
        fs::remove_dir_all(&root).unwrap();
    }

    #[tokio::test]
    async fn only_allowed_origins_get_cors() {
        let root = site("cors");
        let receiver = receiver(
            &root,
            Config {
                allowed_origins: vec!["https://magazine.example".into()],
                flood_seconds: 0,
                ..Config::default()
            },
        );
        let from = |origin: &str| post().header("origin", origin);
        let (_, headers, _) = send(
            &receiver,
            from("https://magazine.example"),
            body("A").into_bytes(),
        )
        .await;
        assert_eq!(
            headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
            "https://magazine.example"
        );
        assert_eq!(headers[header::VARY], "Origin");
        let (_, headers, _) = send(
            &receiver,
            from("https://elsewhere.example"),
            body("B").into_bytes(),
        )
        .await;
        assert!(!headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN));
        fs::remove_dir_all(&root).unwrap();
    }

    #[tokio::test]
    async fn a_comment_it_cannot_store_gets_503_and_retry_after() {
        let root = site("http-503");
        fs::write(root.join(PENDING_DIR), "").unwrap();
        let receiver = receiver(&root, Config::default());
        let (status, headers, answer) = send(&receiver, post(), body("Hi").into_bytes()).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{answer}");
        assert_eq!(headers[header::RETRY_AFTER], "60");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn the_visitor_address_comes_from_trusted_proxies_only() {
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 198.51.100.7"),
        );
        let visitor: IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(client_address(proxy, &headers, &[proxy]), visitor);
        // Anyone else's header is ignored: it could say anything.
        let stranger: IpAddr = "192.0.2.5".parse().unwrap();
        assert_eq!(client_address(stranger, &headers, &[proxy]), stranger);
        assert_eq!(client_address(proxy, &HeaderMap::new(), &[proxy]), proxy);
    }
}
