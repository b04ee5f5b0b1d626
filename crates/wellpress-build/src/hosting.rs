//! What the build tells static hosts: the Content-Security-Policy the site
//! runs under, and the `_headers` and `_redirects` files that Netlify and
//! Cloudflare Pages read, with the redirects also as an nginx include.
//! Hosts that read neither (GitHub Pages, S3) still get the policy from a
//! `<meta>` tag in every page, and a small page at each old address.

use std::{fs, path::Path};

use anyhow::{Context, Result};
use html_escape::encode_double_quoted_attribute as attribute;
use wellpress::routes;
use wellpress_types::{Redirect, Redirects, decode_path, encode_path};

use crate::write_file as write;

/// The policy: scripts only from the site itself, plus what wasm needs to
/// compile ('wasm-unsafe-eval'); no inline scripts, and no inline styles
/// but the site's own stylesheet, which every page carries inline, allowed
/// by its hash (`style`, a source such as `'sha256-…'`). `endpoint` is
/// where comments are posted, when it is another origin.
///
/// The hash is in the policy of each page's `<meta>` tag, written with the
/// page. The header form (`_headers`, and what hosts copy from it into
/// their own settings: nginx, CloudFront) leaves inline styles to that
/// policy: browsers apply both, so pages still run under the hash, and a
/// header copied before the stylesheet changed cannot leave the site
/// unstyled.
pub fn content_security_policy(
    endpoint: Option<&str>,
    style: Option<&str>,
    for_meta: bool,
) -> String {
    let mut connect = String::from("'self'");
    if let Some(origin) = endpoint.and_then(origin_of) {
        connect.push(' ');
        connect.push_str(origin);
    }
    let style = match (style, for_meta) {
        (None, _) => String::new(),
        (Some(hash), true) => format!(" {hash}"),
        (Some(_), false) => " 'unsafe-inline'".to_owned(),
    };
    let mut policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'{style}; \
         img-src 'self' data: https:; connect-src {connect}; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'"
    );
    // Browsers ignore (and warn about) this one in a <meta> tag.
    if !for_meta {
        policy.push_str("; frame-ancestors 'none'");
    }
    policy
}

/// `https://comments.example.org` out of a full URL; none for a path on
/// the site itself (`/api/comments`).
fn origin_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host_end = rest.find('/').unwrap_or(rest.len());
    Some(&url[..url.len() - rest.len() + host_end])
}

/// Whether a file name carries trunk's content hash (`main-1a2b….css`,
/// `wellpress-1a2b…_bg.wasm`), so that it can be cached for good.
pub fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `_headers`: the policy and safe defaults on everything, a year of
/// caching for the hashed files in `top_level_files`, and revalidation for
/// pages and data, which change with each deploy.
pub fn headers_file(top_level_files: &[String], policy: &str) -> String {
    let at = |path: &str| routes::local(path);
    let mut out = format!(
        "# Read by Netlify and Cloudflare Pages; see the README for other hosts.\n\
         {}\n  Content-Security-Policy: {policy}\n  X-Content-Type-Options: nosniff\n  \
         Referrer-Policy: strict-origin-when-cross-origin\n",
        at("/*")
    );
    let mut hashed: Vec<&String> = top_level_files.iter().filter(|n| is_hashed(n)).collect();
    hashed.sort();
    // The content tool's copies of images carry a hash of the original and
    // of their settings in their names, as trunk's files do.
    let variants = format!("{}*", wellpress_types::IMAGE_VARIANTS_FOLDER);
    for path in hashed.iter().map(|name| format!("/{name}")).chain([variants]) {
        out.push_str(&format!(
            "{}\n  Cache-Control: public, max-age=31536000, immutable\n",
            at(&path)
        ));
    }
    let data = format!("{}*", wellpress_types::DATA_FOLDER);
    for path in ["/", "/*/", "/*.html", &data, "/sitemap.xml", "/feed.xml"] {
        out.push_str(&format!("{}\n  Cache-Control: no-cache\n", at(path)));
    }
    out
}

/// The addresses WordPress used for the feed and the sitemap, which every
/// site keeps, so that subscribers and search engines follow the move.
const WORDPRESS_ADDRESSES: [(&str, &str); 5] = [
    ("/feed/", "/feed.xml"),
    ("/feed", "/feed.xml"),
    ("/rss/", "/feed.xml"),
    ("/sitemap_index.xml", "/sitemap.xml"),
    ("/wp-sitemap.xml", "/sitemap.xml"),
];

/// The site's own redirects (`content/redirects.toml`, as the content
/// tool published them), then WordPress's addresses that none of them
/// already redirects.
pub fn all_redirects(site: &[Redirect]) -> Vec<Redirect> {
    let mut all = site.to_vec();
    for (from, to) in WORDPRESS_ADDRESSES {
        if !site.iter().any(|r| r.from == from) {
            all.push(Redirect {
                from: from.to_owned(),
                to: to.to_owned(),
            });
        }
    }
    all
}

/// `_redirects`, one `from to 301` line each, with the base path. An old
/// address with a query (`/?p=12`) is written the way Netlify matches
/// queries (`/ p=12 /x/ 301!`, forced, since a page stands at `/`); hosts
/// that match no queries skip such lines.
pub fn redirects_file(redirects: &[Redirect]) -> String {
    let mut out = String::from("# Read by Netlify and Cloudflare Pages: addresses that moved.\n");
    for redirect in redirects {
        let from = encode_path(&routes::local(redirect.from_path()));
        let to = encode_path(&routes::local(&redirect.to));
        match redirect.from_query() {
            None => out.push_str(&format!("{from} {to} 301\n")),
            Some(query) => {
                let query = encode_path(query).replace('&', " ");
                out.push_str(&format!("{from} {query} {to} 301!\n"));
            }
        }
    }
    out
}

/// The same redirects for nginx, to include in the site's `server` block
/// (see the README): `location = /old/ { return 301 /new/; }` for a path,
/// matched as nginx reads it (decoded), and for an address with a query,
/// which no `location` sees, a test of the request line as sent.
pub fn nginx_redirects(redirects: &[Redirect]) -> String {
    let mut out = String::from(
        "# Addresses that moved, for nginx: include this file in the site's server block.\n",
    );
    for redirect in redirects {
        let to = encode_path(&routes::local(&redirect.to));
        match redirect.from_query() {
            None => {
                let from = routes::local(redirect.from_path());
                let from = decode_path(&from).unwrap_or(from);
                out.push_str(&format!(
                    "location = \"{from}\" {{ return 301 \"{to}\"; }}\n"
                ));
            }
            Some(_) => {
                let from = encode_path(&routes::local(&redirect.from));
                out.push_str(&format!(
                    "if ($request_uri = \"{from}\") {{ return 301 \"{to}\"; }}\n"
                ));
            }
        }
    }
    out
}

/// The page that stands at an old address for hosts that read no redirect
/// rules (GitHub Pages): it sends the browser on at once (a refresh, not a
/// script, which the policy would block), names the new address as the
/// canonical one for search engines, asks them not to index it, and shows
/// the link. `to` is the new address as served, `canonical` in full.
pub fn redirect_page(site_name: &str, to: &str, canonical: &str) -> String {
    let to = attribute(to);
    let canonical_attribute = attribute(canonical);
    let shown = html_escape::encode_text(canonical);
    let name = html_escape::encode_text(site_name);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n\
         <link rel=\"canonical\" href=\"{canonical_attribute}\">\n\
         <title>Moved · {name}</title>\n</head>\n<body>\n\
         <p>This page has moved to <a href=\"{to}\">{shown}</a>.</p>\n</body>\n</html>\n"
    )
}

/// The site's redirects as the content tool published them
/// (`data/redirects.json` under `dir`); none when it published none.
pub fn published_redirects(dir: &Path) -> Result<Vec<Redirect>> {
    let file = dir.join(Redirects::PATH.trim_start_matches('/'));
    if !file.exists() {
        return Ok(Vec::new());
    }
    let text = fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let published: Redirects =
        serde_json::from_str(&text).with_context(|| format!("reading {}", file.display()))?;
    Ok(published.redirects)
}

/// Writes every redirect of the site built into `dir`: `_redirects`, its
/// nginx form `_redirects.conf`, and the page at each old address of
/// `site` that a file can answer. Runs after the pages are written, and
/// never replaces a file of the site. Returns how many pages it wrote.
pub fn write_redirects(dir: &Path, site: &[Redirect], site_name: &str) -> Result<usize> {
    let all = all_redirects(site);
    write(&dir.join("_redirects"), &redirects_file(&all))?;
    write(&dir.join("_redirects.conf"), &nginx_redirects(&all))?;
    let mut pages = 0;
    for redirect in site {
        let Some(file) = redirect.page_file() else {
            continue;
        };
        let path = dir.join(&file);
        if path.exists() {
            anyhow::bail!(
                "the redirect from {} in content/redirects.toml would replace {}, a file of the site: remove the entry",
                redirect.from,
                path.display()
            );
        }
        let to = routes::local(&redirect.to);
        let canonical = if to.starts_with('/') {
            routes::absolute(&to)
        } else {
            to.clone()
        };
        write(&path, &redirect_page(site_name, &to, &canonical))?;
        pages += 1;
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_wasm_and_the_comment_endpoint_but_no_inline_script() {
        let policy = content_security_policy(
            Some("https://api.example.org/v3/entry/x"),
            Some("'sha256-abc='"),
            false,
        );
        // The header leaves inline styles to each page's own policy.
        assert!(policy.contains("style-src 'self' 'unsafe-inline';"), "{policy}");
        let meta = content_security_policy(None, Some("'sha256-abc='"), true);
        assert!(meta.contains("style-src 'self' 'sha256-abc=';"), "{meta}");
        assert!(!meta.contains("unsafe-inline"), "{meta}");
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{policy}"
        );
        assert!(
            policy.contains("connect-src 'self' https://api.example.org;"),
            "{policy}"
        );
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(policy.ends_with("frame-ancestors 'none'"));
        let same_site = content_security_policy(Some("/api/comments"), None, true);
        assert!(same_site.contains("style-src 'self';"), "{same_site}");
        assert!(same_site.contains("connect-src 'self';"), "{same_site}");
        assert!(!same_site.contains("frame-ancestors"));
    }

    #[test]
    fn only_hashed_files_are_cached_for_good() {
        for hashed in [
            "main-e71e287a849bb84c.css",
            "wellpress-25ce702d9a05f2f1_bg.wasm",
            "wellpress-25ce702d9a05f2f1.js",
            "start-724303d893f058bc.js",
            "favicon-c155f66b70473dce.svg",
            "wellpress-969b6bd205dede4.js",
        ] {
            assert!(is_hashed(hashed), "{hashed}");
        }
        for plain in [
            "index.html",
            "sitemap.xml",
            "well-press.js",
            "a-b-c.css",
            "404.html",
        ] {
            assert!(!is_hashed(plain), "{plain}");
        }
    }

    #[test]
    fn header_rules_follow_the_base_path() {
        routes::set_base("/blog/");
        let files = vec![
            "main-e71e287a849bb84c.css".to_owned(),
            "index.html".to_owned(),
        ];
        let headers = headers_file(&files, "default-src 'self'");
        assert!(headers.contains("\n/blog/*\n  Content-Security-Policy: default-src 'self'\n"));
        assert!(headers.contains(
            "/blog/main-e71e287a849bb84c.css\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
        assert!(!headers.contains("/blog/index.html\n"));
        assert!(headers.contains("/blog/*/\n  Cache-Control: no-cache\n"));
        assert!(headers.contains(
            "\n/blog/images/_v/*\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
        // The originals keep the host's own caching: an author may replace one.
        assert!(!headers.contains("/blog/images/*"));
        assert!(redirects_file(&all_redirects(&[])).contains("/blog/feed/ /blog/feed.xml 301\n"));
        routes::set_base("/");
    }

    fn redirect(from: &str, to: &str) -> Redirect {
        Redirect {
            from: from.to_owned(),
            to: to.to_owned(),
        }
    }

    /// A built site's folder with a home page and one article.
    fn built(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("wellpress-hosting-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("new")).unwrap();
        fs::write(dir.join("index.html"), "home").unwrap();
        fs::write(dir.join("new/index.html"), "article").unwrap();
        dir
    }

    #[test]
    fn every_redirect_goes_to_redirects_nginx_and_a_page_under_the_base_path() {
        let dir = built("three");
        let site = [
            redirect("/2024/03/old/", "/new/"),
            redirect("/%d1%81%d0%be%d0%bd/", "/new/#top"),
            redirect("/?p=12", "/new/"),
            redirect("/old.html", "https://elsewhere.example/x/"),
            redirect("/feed/", "/feed.xml"),
        ];
        routes::set_base("/blog/");
        let pages = write_redirects(&dir, &site, "Morning <Pulse>").unwrap();
        routes::set_base("/");
        assert_eq!(pages, 4, "none for the query");

        let netlify = fs::read_to_string(dir.join("_redirects")).unwrap();
        let lines: Vec<&str> = netlify.lines().skip(1).collect();
        assert_eq!(
            lines,
            [
                "/blog/2024/03/old/ /blog/new/ 301",
                "/blog/%d1%81%d0%be%d0%bd/ /blog/new/#top 301",
                "/blog/ p=12 /blog/new/ 301!",
                "/blog/old.html https://elsewhere.example/x/ 301",
                "/blog/feed/ /blog/feed.xml 301",
                "/blog/feed /blog/feed.xml 301",
                "/blog/rss/ /blog/feed.xml 301",
                "/blog/sitemap_index.xml /blog/sitemap.xml 301",
                "/blog/wp-sitemap.xml /blog/sitemap.xml 301",
            ],
            "the site's own /feed/ once"
        );

        // Paths decoded, as nginx matches them; a query against the request.
        let nginx = fs::read_to_string(dir.join("_redirects.conf")).unwrap();
        for line in [
            r#"location = "/blog/2024/03/old/" { return 301 "/blog/new/"; }"#,
            r#"location = "/blog/сон/" { return 301 "/blog/new/#top"; }"#,
            r#"if ($request_uri = "/blog/?p=12") { return 301 "/blog/new/"; }"#,
            r#"location = "/blog/wp-sitemap.xml" { return 301 "/blog/sitemap.xml"; }"#,
        ] {
            assert!(nginx.contains(&format!("\n{line}\n")), "{line} in {nginx}");
        }
        assert_eq!(nginx.matches("\"/blog/feed/\"").count(), 1);

        let page = fs::read_to_string(dir.join("2024/03/old/index.html")).unwrap();
        for part in [
            r#"<meta http-equiv="refresh" content="0; url=/blog/new/">"#,
            r#"<link rel="canonical" href="https://wellpress.example/blog/new/">"#,
            r#"<meta name="robots" content="noindex">"#,
            r#"<a href="/blog/new/">https://wellpress.example/blog/new/</a>"#,
            "<title>Moved · Morning &lt;Pulse&gt;</title>",
        ] {
            assert!(page.contains(part), "{part} in {page}");
        }
        assert!(
            !page.contains("<script") && !page.contains("style"),
            "nothing the policy blocks"
        );
        for (file, part) in [
            ("сон/index.html", "url=/blog/new/#top"),
            ("old.html", r#"href="https://elsewhere.example/x/""#),
        ] {
            let text = fs::read_to_string(dir.join(file)).unwrap();
            assert!(text.contains(part), "{file}: {text}");
        }
        assert!(dir.join("feed/index.html").exists());
        assert_eq!(fs::read_to_string(dir.join("index.html")).unwrap(), "home");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_redirect_never_replaces_a_page_of_the_site() {
        let dir = built("clash");
        let error = write_redirects(&dir, &[redirect("/new", "/")], "Site")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("the redirect from /new in content/redirects.toml would replace"),
            "{error}"
        );
        assert_eq!(
            fs::read_to_string(dir.join("new/index.html")).unwrap(),
            "article"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_site_without_redirects_keeps_wordpress_s_feed_addresses() {
        let dir = built("none");
        assert!(published_redirects(&dir).unwrap().is_empty());
        assert_eq!(write_redirects(&dir, &[], "Site").unwrap(), 0);
        let nginx = fs::read_to_string(dir.join("_redirects.conf")).unwrap();
        assert!(nginx.contains("location = \"/feed/\" { return 301 \"/feed.xml\"; }"));
        assert!(
            !dir.join("feed").exists(),
            "no page for WordPress's own addresses"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
