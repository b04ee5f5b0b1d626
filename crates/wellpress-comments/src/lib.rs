//! A small local comment receiver for the demo site: it accepts the same
//! request as Staticman (form-encoded `fields[...]` and `options[slug]`)
//! and writes each comment as a pending file in Staticman's layout. The
//! owner approves a comment by moving its file into
//! `content/comments/<slug>/`. It serves HTTP with axum on tokio.

use std::{
    collections::HashMap,
    fs,
    net::{Ipv4Addr, SocketAddr},
    path::{Path, PathBuf},
    time::{SystemTime, UNIX_EPOCH},
};

use anyhow::{Context, Result};
use axum::{
    Router,
    body::Bytes,
    extract::{DefaultBodyLimit, State, rejection::BytesRejection},
    http::{HeaderValue, Method, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use wellpress_content::{comments, dates::iso_from_unix, slug::slugify};

/// Where pending comments are written, relative to the site root.
pub const PENDING_DIR: &str = "comments-pending";

/// A comment file as Staticman writes it.
#[derive(Debug, Serialize)]
struct CommentFile<'a> {
    _id: &'a str,
    name: &'a str,
    /// MD5 of the address, as Staticman's `md5` transform stores it.
    email: String,
    url: &'a str,
    message: &'a str,
    replying_to: &'a str,
    date: String,
}

/// What the receiver answers.
#[derive(Debug, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: String,
}

fn reply(status: u16, body: &str) -> Reply {
    Reply {
        status,
        body: body.to_owned(),
    }
}

/// Decodes an `application/x-www-form-urlencoded` body.
pub fn parse_form(body: &[u8]) -> HashMap<String, String> {
    form_urlencoded::parse(body).into_owned().collect()
}

/// Handles one submission: checks it and writes the pending file. A
/// comment already received (same article, author, reply target and text)
/// is accepted again without a second file, so a retry never duplicates.
pub fn receive(root: &Path, body: &[u8], now: SystemTime) -> Reply {
    let form = parse_form(body);
    let field = |name: &str| {
        form.get(&format!("fields[{name}]"))
            .map_or("", |v| v.trim())
    };
    let slug = form.get("options[slug]").map_or("", |v| v.trim());
    if slug.is_empty() || slugify(slug) != slug || !article_exists(root, slug) {
        return reply(400, r#"{"success":false,"errorCode":"UNKNOWN_ARTICLE"}"#);
    }
    let (name, email, url, message) = (
        field("name"),
        field("email"),
        field("url"),
        field("message"),
    );
    let too_long = name.chars().count() > 245
        || email.chars().count() > 100
        || url.chars().count() > 200
        || message.chars().count() > 65_525;
    if name.is_empty() || email.is_empty() || message.is_empty() || !email.contains('@') || too_long
    {
        return reply(
            400,
            r#"{"success":false,"errorCode":"MISSING_OR_INVALID_FIELDS"}"#,
        );
    }
    let is_web_address = url.starts_with("http://") || url.starts_with("https://");
    if !url.is_empty() && !is_web_address {
        return reply(400, r#"{"success":false,"errorCode":"INVALID_URL"}"#);
    }

    let elapsed = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    let id = format!("{}-{}", elapsed.as_millis(), &md5_hex(body)[..6]);
    let file = CommentFile {
        _id: &id,
        name,
        email: md5_hex(email.to_lowercase().as_bytes()),
        url,
        message,
        replying_to: field("replying_to"),
        date: iso_from_unix(elapsed.as_secs() as i64).unwrap_or_default(),
    };
    let folder = root.join(PENDING_DIR).join(slug);
    // Visitors are answered on threads of their own: a double submit must
    // not pass the duplicate check twice before either copy is written.
    static SAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _saving = SAVING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if already_received(&folder, &file)
        || already_received(&root.join(comments::DIR).join(slug), &file)
    {
        return reply(200, r#"{"success":true,"duplicate":true}"#);
    }
    let written = fs::create_dir_all(&folder).and_then(|()| {
        fs::write(
            folder.join(format!("{id}.yml")),
            serde_norway::to_string(&file).unwrap_or_default(),
        )
    });
    match written {
        Ok(()) => {
            eprintln!(
                "wellpress-comments: comment from {name} on /{slug}/ saved as {PENDING_DIR}/{slug}/{id}.yml; \
                 move it to content/comments/{slug}/ to publish it"
            );
            reply(200, r#"{"success":true}"#)
        }
        Err(error) => {
            eprintln!("wellpress-comments: could not save a comment: {error}");
            reply(500, r#"{"success":false,"errorCode":"CANNOT_SAVE"}"#)
        }
    }
}

/// Whether an article publishes at `slug` (file names become slugs the
/// way the content tool derives them).
fn article_exists(root: &Path, slug: &str) -> bool {
    fs::read_dir(root.join("content/articles")).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            let path = entry.path();
            path.extension().is_some_and(|e| e == "md")
                && path
                    .file_stem()
                    .is_some_and(|stem| slugify(&stem.to_string_lossy()) == slug)
        })
    })
}

fn already_received(folder: &Path, file: &CommentFile<'_>) -> bool {
    let Ok(entries) = fs::read_dir(folder) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let Ok(text) = fs::read_to_string(entry.path()) else {
            return false;
        };
        let Ok(existing) = serde_norway::from_str::<HashMap<String, serde_norway::Value>>(&text)
        else {
            return false;
        };
        let same = |key: &str, value: &str| {
            existing.get(key).and_then(|v| v.as_str()).unwrap_or("") == value
        };
        same("name", file.name)
            && same("message", file.message)
            && same("replying_to", file.replying_to)
    })
}

/// The largest request accepted: a comment of WordPress's longest with
/// room for the other fields.
const MAX_BODY: usize = 1_000_000;

/// The receiver's routes: a `POST` of the form, at any path (the site's
/// server passes its own comment path on), and the browser's preflight.
pub fn router(root: PathBuf) -> Router {
    Router::new()
        .fallback(answer)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(root)
}

/// Serves on `127.0.0.1:port` until the process ends.
pub async fn serve(root: PathBuf, port: u16) -> Result<()> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("listening on {address}"))?;
    eprintln!("wellpress-comments: receiving comments on http://{address}/ into {PENDING_DIR}/");
    axum::serve(listener, router(root))
        .await
        .context("serving comments")
}

async fn answer(
    State(root): State<PathBuf>,
    method: Method,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let result = match (method, body) {
        (Method::OPTIONS, _) => reply(204, ""),
        (Method::POST, Ok(body)) => {
            let saved =
                tokio::task::spawn_blocking(move || receive(&root, &body, SystemTime::now())).await;
            saved.unwrap_or_else(|_| reply(500, r#"{"success":false,"errorCode":"CANNOT_SAVE"}"#))
        }
        (Method::POST, Err(rejection)) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            reply(413, r#"{"success":false,"errorCode":"TOO_LARGE"}"#)
        }
        (Method::POST, Err(_)) => reply(400, r#"{"success":false,"errorCode":"UNREADABLE"}"#),
        _ => reply(405, r#"{"success":false,"errorCode":"POST_ONLY"}"#),
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
    response
}

/// Lower-case hexadecimal MD5, as Staticman's `md5` transform writes it.
fn md5_hex(bytes: &[u8]) -> String {
    use md5::{Digest, Md5};
    format!("{:x}", Md5::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::time::Duration;

    fn site(name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("wellpress-receiver-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("content/articles")).unwrap();
        fs::write(root.join("content/articles/naps.md"), "---\n").unwrap();
        root
    }

    fn body(message: &str) -> String {
        format!(
            "fields%5Bname%5D=Ann&fields%5Bemail%5D=Ann%40Example.org&fields%5Burl%5D=&fields%5Bmessage%5D={message}\
             &fields%5Breplying_to%5D=&options%5Bslug%5D=naps"
        )
    }

    #[test]
    fn writes_a_pending_file_in_staticman_layout_once() {
        let root = site("once");
        let now = UNIX_EPOCH + Duration::from_secs(1_795_000_000);
        assert_eq!(
            receive(&root, body("Hello+%3Cb%3E").as_bytes(), now).status,
            200
        );
        let again = receive(
            &root,
            body("Hello+%3Cb%3E").as_bytes(),
            now + Duration::from_secs(5),
        );
        assert_eq!(again.body, r#"{"success":true,"duplicate":true}"#);
        let files: Vec<_> = fs::read_dir(root.join(PENDING_DIR).join("naps"))
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(files.len(), 1);
        let text = fs::read_to_string(files[0].path()).unwrap();
        assert!(text.contains("name: Ann"), "{text}");
        assert!(text.contains("message: Hello <b>"), "{text}");
        assert!(text.contains("8b5a6a28fc840441be692d74a81ccd1a"), "{text}");
        assert!(
            !text.contains("Example.org"),
            "the address is never stored: {text}"
        );
        assert!(text.contains("date: 2026-11-18T11:06:40Z"), "{text}");
        // The content tool reads what the receiver writes.
        let comment = comments::parse(Path::new("x.yml"), "x", &text).unwrap();
        assert_eq!(comment.message, "Hello <b>");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn refuses_unknown_articles_and_missing_fields() {
        let root = site("refuse");
        let now = SystemTime::now();
        assert_eq!(
            receive(&root, body("x").replace("naps", "nope").as_bytes(), now).status,
            400
        );
        assert_eq!(
            receive(&root, body("x").replace("naps", "..%2Fetc").as_bytes(), now).status,
            400
        );
        assert_eq!(receive(&root, body("").as_bytes(), now).status, 400);
        assert!(!root.join(PENDING_DIR).exists());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn decodes_form_bodies() {
        let form =
            parse_form(b"fields%5Bname%5D=Ann+Lee&fields%5Bmessage%5D=Caf%C3%A9+%26+tea%21&x=%ZZ");
        assert_eq!(form["fields[name]"], "Ann Lee");
        assert_eq!(form["fields[message]"], "Café & tea!");
        assert_eq!(form["x"], "%ZZ");
    }

    async fn send(root: &Path, method: Method, body: Vec<u8>) -> (StatusCode, String, String) {
        use tower::ServiceExt;
        let request = axum::http::Request::builder()
            .method(method)
            .uri("/api/comments")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap();
        let response = router(root.to_owned()).oneshot(request).await.unwrap();
        let status = response.status();
        let origin = response.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN]
            .to_str()
            .unwrap()
            .to_owned();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, origin, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn answers_over_http_like_staticman() {
        let root = site("http");
        let (status, origin, answer) = send(&root, Method::POST, body("Hi").into_bytes()).await;
        assert_eq!(
            (status, answer.as_str()),
            (StatusCode::OK, r#"{"success":true}"#)
        );
        assert_eq!(origin, "*");
        let (status, _, _) = send(&root, Method::OPTIONS, Vec::new()).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _, answer) = send(&root, Method::GET, Vec::new()).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{answer}");
        let huge = body(&"a".repeat(MAX_BODY)).into_bytes();
        let (status, _, answer) = send(&root, Method::POST, huge).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(answer.contains("TOO_LARGE"), "{answer}");
        fs::remove_dir_all(&root).unwrap();
    }
}
