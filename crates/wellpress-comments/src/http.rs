//! The receiver over HTTP (axum on tokio): a `POST` of the comment form at
//! any path (the site's server passes its own comment path on), the
//! browser's preflight, and `GET /healthz` for monitors.

use std::{net::SocketAddr, time::SystemTime};

use anyhow::{Context, Result};
use axum::{
    Router,
    body::Bytes,
    extract::{DefaultBodyLimit, State, rejection::BytesRejection},
    http::{HeaderValue, Method, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};

use crate::{
    receive::{Reply, receive},
    store::{PENDING_DIR, Store},
};

/// The largest request accepted: a comment of WordPress's longest with
/// room for the other fields.
pub const MAX_BODY: usize = 1_000_000;

/// The receiver's routes, storing into `store`.
pub fn router(store: Store) -> Router {
    Router::new()
        .fallback(answer)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(store)
}

/// Serves on `listen` until the process ends.
pub async fn serve(store: Store, listen: SocketAddr) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| {
            format!("listening on {listen} (is the port taken? --listen picks another)")
        })?;
    eprintln!(
        "wellpress-comments: receiving comments on http://{listen}/ into {}",
        store.root().join(PENDING_DIR).display()
    );
    axum::serve(listener, router(store))
        .await
        .context("serving comments")
}

async fn answer(
    State(store): State<Store>,
    method: Method,
    uri: Uri,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let result = match (method, body) {
        (Method::GET, _) if uri.path() == "/healthz" => {
            let mut ok = Reply::accepted(false);
            ok.body = r#"{"ok":true}"#.into();
            ok
        }
        (Method::OPTIONS, _) => Reply {
            status: 204,
            body: String::new(),
            retry_after: None,
        },
        (Method::POST, Ok(body)) => {
            let saved =
                tokio::task::spawn_blocking(move || receive(&store, &body, SystemTime::now()))
                    .await;
            saved.unwrap_or_else(|_| Reply::cannot_save())
        }
        (Method::POST, Err(rejection)) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            error(413, "TOO_LARGE")
        }
        (Method::POST, Err(_)) => error(400, "UNREADABLE"),
        _ => error(405, "POST_ONLY"),
    };
    let status = StatusCode::from_u16(result.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, result.body).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, "application/json"),
        (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        (header::ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS"),
        (header::ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if let Some(seconds) = result.retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

fn error(status: u16, code: &str) -> Reply {
    Reply {
        status,
        body: format!(r#"{{"success":false,"errorCode":"{code}"}}"#),
        retry_after: None,
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::receive::tests::{body, site};

    async fn send(
        store: &Store,
        method: Method,
        path: &str,
        body: Vec<u8>,
    ) -> (StatusCode, axum::http::HeaderMap, String) {
        use tower::ServiceExt;
        let request = axum::http::Request::builder()
            .method(method)
            .uri(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap();
        let response = router(store.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, headers, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn answers_over_http_like_staticman() {
        let root = site("http");
        let store = Store::new(&root);
        let (status, headers, answer) = send(
            &store,
            Method::POST,
            "/api/comments",
            body("Hi").into_bytes(),
        )
        .await;
        assert_eq!(
            (status, answer.as_str()),
            (StatusCode::OK, r#"{"success":true}"#)
        );
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let (status, _, _) = send(&store, Method::OPTIONS, "/api/comments", Vec::new()).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _, answer) = send(&store, Method::GET, "/api/comments", Vec::new()).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{answer}");
        let (status, _, answer) = send(&store, Method::GET, "/healthz", Vec::new()).await;
        assert_eq!(
            (status, answer.as_str()),
            (StatusCode::OK, r#"{"ok":true}"#)
        );
        let huge = body(&"a".repeat(MAX_BODY)).into_bytes();
        let (status, _, answer) = send(&store, Method::POST, "/api/comments", huge).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(answer.contains("TOO_LARGE"), "{answer}");
        fs::remove_dir_all(&root).unwrap();
    }

    #[tokio::test]
    async fn a_comment_it_cannot_store_gets_503_and_retry_after() {
        let root = site("http-503");
        fs::write(root.join(PENDING_DIR), "").unwrap();
        let (status, headers, answer) = send(
            &Store::new(&root),
            Method::POST,
            "/api/comments",
            body("Hi").into_bytes(),
        )
        .await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{answer}");
        assert_eq!(headers[header::RETRY_AFTER], "60");
        fs::remove_dir_all(&root).unwrap();
    }
}
