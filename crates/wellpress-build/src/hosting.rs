//! What the build tells static hosts: the Content-Security-Policy the site
//! runs under, and the `_headers` and `_redirects` files that Netlify and
//! Cloudflare Pages read. Hosts that read neither (GitHub Pages, S3) still
//! get the policy from a `<meta>` tag in every page.

use wellpress::routes;

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

/// `_redirects`: the addresses WordPress used for the feed and the
/// sitemap, so that subscribers and search engines follow the move.
pub fn redirects_file() -> String {
    let at = |path: &str| routes::local(path);
    let mut out =
        String::from("# Read by Netlify and Cloudflare Pages: WordPress addresses that moved.\n");
    for (from, to) in [
        ("/feed/", "/feed.xml"),
        ("/feed", "/feed.xml"),
        ("/rss/", "/feed.xml"),
        ("/sitemap_index.xml", "/sitemap.xml"),
        ("/wp-sitemap.xml", "/sitemap.xml"),
    ] {
        out.push_str(&format!("{} {} 301\n", at(from), at(to)));
    }
    out
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
        assert!(redirects_file().contains("/blog/feed/ /blog/feed.xml 301\n"));
        routes::set_base("/");
    }
}
