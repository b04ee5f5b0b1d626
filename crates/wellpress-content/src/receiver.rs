//! A small local comment receiver for the demo site: it accepts the same
//! request as Staticman (form-encoded `fields[...]` and `options[slug]`)
//! and writes each comment as a pending file in Staticman's layout. The
//! owner approves a comment by moving its file into
//! `content/comments/<slug>/`. Production uses a real Staticman instance,
//! or anything else that accepts the same request.

use std::{
    collections::HashMap,
    fs,
    io::{BufRead, BufReader, Read, Write},
    net::{TcpListener, TcpStream},
    path::{Path, PathBuf},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use anyhow::{Context, Result};
use serde::Serialize;

use crate::{comments::iso_from_unix, md5, slug::slugify};

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
pub fn parse_form(body: &str) -> HashMap<String, String> {
    body.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'+', _, _) => out.push(b' '),
            (b'%', Some(high), Some(low)) => {
                out.push(high << 4 | low);
                i += 2;
            }
            (other, _, _) => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Handles one submission: checks it and writes the pending file. A
/// comment already received (same article, author, reply target and text)
/// is accepted again without a second file, so a retry never duplicates.
pub fn receive(root: &Path, body: &str, now: SystemTime) -> Reply {
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
    let id = format!(
        "{}-{}",
        elapsed.as_millis(),
        &md5::hex(body.as_bytes())[..6]
    );
    let file = CommentFile {
        _id: &id,
        name,
        email: md5::hex(email.to_lowercase().as_bytes()),
        url,
        message,
        replying_to: field("replying_to"),
        date: iso_from_unix(elapsed.as_secs() as i64),
    };
    let folder = root.join(PENDING_DIR).join(slug);
    // Visitors are answered on threads of their own: a double submit must
    // not pass the duplicate check twice before either copy is written.
    static SAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _saving = SAVING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if already_received(&folder, &file)
        || already_received(&root.join(crate::comments::DIR).join(slug), &file)
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

/// Serves on `127.0.0.1:port` until the process ends.
pub fn serve(root: PathBuf, port: u16) -> Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("listening on 127.0.0.1:{port}"))?;
    eprintln!(
        "wellpress-comments: receiving comments on http://127.0.0.1:{port}/ into {PENDING_DIR}/"
    );
    for stream in listener.incoming().flatten() {
        // One thread per visitor, so a slow one never holds up the others.
        let root = root.clone();
        std::thread::spawn(move || {
            if let Err(error) = answer(&root, stream) {
                eprintln!("wellpress-comments: {error:#}");
            }
        });
    }
    Ok(())
}

fn answer(root: &Path, mut stream: TcpStream) -> Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    // Headers are short; a client that sends more is cut off.
    let mut reader = BufReader::new(stream.try_clone()?.take(64 * 1024 + 1_000_000));
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let method = request_line
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_owned();
    let mut length = 0_usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let result = match method.as_str() {
        "OPTIONS" => reply(204, ""),
        "POST" if length <= 1_000_000 => {
            let mut body = vec![0; length];
            reader.read_exact(&mut body)?;
            receive(root, &String::from_utf8_lossy(&body), SystemTime::now())
        }
        "POST" => reply(413, r#"{"success":false,"errorCode":"TOO_LARGE"}"#),
        _ => reply(405, r#"{"success":false,"errorCode":"POST_ONLY"}"#),
    };
    let reason = match result.status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        _ => "Internal Server Error",
    };
    write!(
        stream,
        "HTTP/1.1 {} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Access-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: POST, OPTIONS\r\n\
         Access-Control-Allow-Headers: Content-Type\r\nConnection: close\r\n\r\n{}",
        result.status,
        result.body.len(),
        result.body
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(receive(&root, &body("Hello+%3Cb%3E"), now).status, 200);
        let again = receive(&root, &body("Hello+%3Cb%3E"), now + Duration::from_secs(5));
        assert_eq!(again.body, r#"{"success":true,"duplicate":true}"#);
        let files: Vec<_> = fs::read_dir(root.join(PENDING_DIR).join("naps"))
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(files.len(), 1);
        let text = fs::read_to_string(files[0].path()).unwrap();
        assert!(text.contains("name: Ann"), "{text}");
        assert!(text.contains("message: Hello <b>"), "{text}");
        assert!(text.contains(&md5::hex(b"ann@example.org")), "{text}");
        assert!(
            !text.contains("Example.org"),
            "the address is never stored: {text}"
        );
        assert!(text.contains("date: 2026-11-18T11:06:40Z"), "{text}");
        // The content tool reads what the receiver writes.
        let comment = crate::comments::parse(Path::new("x.yml"), "x", &text).unwrap();
        assert_eq!(comment.message, "Hello <b>");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn refuses_unknown_articles_and_missing_fields() {
        let root = site("refuse");
        let now = SystemTime::now();
        assert_eq!(
            receive(&root, &body("x").replace("naps", "nope"), now).status,
            400
        );
        assert_eq!(
            receive(&root, &body("x").replace("naps", "..%2Fetc"), now).status,
            400
        );
        assert_eq!(receive(&root, &body(""), now).status, 400);
        assert!(!root.join(PENDING_DIR).exists());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn decodes_form_bodies() {
        let form =
            parse_form("fields%5Bname%5D=Ann+Lee&fields%5Bmessage%5D=Caf%C3%A9+%26+tea%21&x=%ZZ");
        assert_eq!(form["fields[name]"], "Ann Lee");
        assert_eq!(form["fields[message]"], "Café & tea!");
        assert_eq!(form["x"], "%ZZ");
    }
}
