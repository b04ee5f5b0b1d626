//! What a comment must satisfy, with WordPress's limits and wording, and
//! the request format Staticman accepts. Pure logic, the same in the
//! browser (before a comment is sent) and in the comment receiver (when it
//! arrives).

/// Longest comment WordPress accepts, in characters.
pub const MAX_COMMENT: usize = 65_525;
/// Longest name.
pub const MAX_NAME: usize = 245;
/// Longest email address.
pub const MAX_EMAIL: usize = 100;
/// Longest website address.
pub const MAX_URL: usize = 200;

/// The fields a visitor fills in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    /// The comment text.
    pub comment: String,
    /// Their name.
    pub name: String,
    /// Their email address (never published).
    pub email: String,
    /// Their website (optional).
    pub url: String,
}

/// A form field that can be wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The comment text.
    Comment,
    /// The name.
    Name,
    /// The email address.
    Email,
    /// The website.
    Url,
    /// The captcha answer.
    Captcha,
}

impl Field {
    /// Form order, which is also the order errors are listed and focused.
    pub const ORDER: [Field; 5] = [
        Field::Comment,
        Field::Name,
        Field::Email,
        Field::Url,
        Field::Captcha,
    ];

    /// The element id of the field's input.
    pub fn input_id(self) -> &'static str {
        match self {
            Field::Comment => crate::names::COMMENT_FIELD_ID,
            Field::Name => "author",
            Field::Email => "email",
            Field::Url => "url",
            Field::Captcha => "captcha",
        }
    }

    /// The name it is sent under, Staticman's; the captcha is never sent.
    pub fn form_name(self) -> Option<&'static str> {
        match self {
            Field::Comment => Some(FIELD_COMMENT),
            Field::Name => Some(FIELD_NAME),
            Field::Email => Some(FIELD_EMAIL),
            Field::Url => Some(FIELD_URL),
            Field::Captcha => None,
        }
    }
}

const FIELD_COMMENT: &str = "fields[message]";
const FIELD_NAME: &str = "fields[name]";
const FIELD_EMAIL: &str = "fields[email]";
const FIELD_URL: &str = "fields[url]";

/// The other names of the request: the comment answered, the article, the
/// comment's key, and the hidden field only robots fill.
pub const REPLYING_TO: &str = "fields[replying_to]";
pub const SLUG: &str = "options[slug]";
pub const KEY: &str = "options[key]";
pub const TRAP: &str = "options[trap]";
/// When the form appeared, in milliseconds since 1970 by the reader's clock.
pub const SHOWN: &str = "options[shown]";
/// Where Staticman (and the receiver) send a plain form post's reader
/// after it is taken, and after it is refused.
pub const REDIRECT: &str = "options[redirect]";
pub const REDIRECT_ERROR: &str = "options[redirectError]";
/// The ids of the notices a plain form post comes back to (as the address's
/// fragment): taken, refused for a reason the receiver names, or refused.
pub const SENT_NOTICE: &str = "comment-sent";
pub const REFUSED_NOTICE: &str = "comment-refused";

/// What is wrong with one field, if anything.
pub fn check(field: Field, fields: &Fields) -> Option<&'static str> {
    let len = |s: &str| s.trim().chars().count();
    match field {
        Field::Comment if fields.comment.trim().is_empty() => {
            Some("Please type your comment text.")
        }
        Field::Comment if len(&fields.comment) > MAX_COMMENT => Some("Your comment is too long."),
        Field::Name if fields.name.trim().is_empty() => Some("Please enter your name."),
        Field::Name if len(&fields.name) > MAX_NAME => Some("Your name is too long."),
        Field::Email if fields.email.trim().is_empty() => Some("Please enter your email address."),
        Field::Email if len(&fields.email) > MAX_EMAIL => Some("Your email address is too long."),
        Field::Email if !is_email(fields.email.trim()) => {
            Some("Please enter a valid email address.")
        }
        // The limit applies to the address as sent, `https://` included.
        Field::Url
            if website(&fields.url).map_or(len(&fields.url), |w| w.chars().count()) > MAX_URL =>
        {
            Some("Your website address is too long.")
        }
        Field::Url if !fields.url.trim().is_empty() && website(&fields.url).is_none() => {
            Some("Please enter a website address that starts with http:// or https://.")
        }
        _ => None,
    }
}

/// A plausible email address, by WordPress's `is_email` rules: at least
/// `a@b.co`, one `@`, allowed characters, a domain with a dot.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    if email.len() < 6 || local.is_empty() || domain.contains('@') {
        return false;
    }
    let local_ok = local
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// The website as it will be linked: http(s) only; a bare domain such as
/// `example.org` gets `https://`. `None` for anything else.
pub fn website(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let full = if lower.starts_with("http://") {
        format!("http://{}", &url[7..])
    } else if lower.starts_with("https://") {
        format!("https://{}", &url[8..])
    } else if !url.contains(':') && !url.starts_with('/') {
        format!("https://{url}")
    } else {
        return None;
    };
    let host = full.split("://").nth(1)?.split(['/', '?', '#']).next()?;
    let host_ok =
        host.contains('.') && !host.contains(char::is_whitespace) && !host.starts_with('.');
    (host_ok && !full.contains(char::is_whitespace)).then_some(full)
}

/// The body of the request Staticman's entry endpoint accepts
/// (`application/x-www-form-urlencoded`), with `options[key]`: the
/// comment's own key, the same on every retry, by which the receiver
/// stores it once (Staticman ignores options it does not know).
pub fn staticman_body(
    fields: &Fields,
    replying_to: Option<&str>,
    slug: &str,
    key: &str,
    shown_ms: u64,
) -> String {
    let shown = shown_ms.to_string();
    let url = website(&fields.url).unwrap_or_default();
    [
        (FIELD_NAME, fields.name.trim()),
        (FIELD_EMAIL, fields.email.trim()),
        (FIELD_URL, url.as_str()),
        (FIELD_COMMENT, fields.comment.trim()),
        (REPLYING_TO, replying_to.unwrap_or("")),
        (SLUG, slug),
        (KEY, key),
        (SHOWN, shown.as_str()),
    ]
    .iter()
    .map(|(key, value)| format!("{}={}", form_encode(key), form_encode(value)))
    .collect::<Vec<_>>()
    .join("&")
}

/// `application/x-www-form-urlencoded` encoding of one key or value.
pub fn form_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> Fields {
        Fields {
            comment: "Helpful, thanks.".into(),
            name: "Ann".into(),
            email: "ann@example.org".into(),
            url: String::new(),
        }
    }

    fn errors(fields: &Fields) -> Vec<(Field, &'static str)> {
        Field::ORDER
            .iter()
            .filter_map(|f| check(*f, fields).map(|m| (*f, m)))
            .collect()
    }

    #[test]
    fn a_complete_comment_passes() {
        assert!(errors(&valid()).is_empty());
    }

    #[test]
    fn empty_fields_get_wordpress_messages() {
        let empty = Fields {
            comment: "  \n ".into(),
            ..Fields::default()
        };
        assert_eq!(
            errors(&empty),
            [
                (Field::Comment, "Please type your comment text."),
                (Field::Name, "Please enter your name."),
                (Field::Email, "Please enter your email address."),
            ]
        );
    }

    #[test]
    fn comment_limit_is_65525_characters() {
        let mut f = valid();
        f.comment = "é".repeat(MAX_COMMENT);
        assert_eq!(check(Field::Comment, &f), None);
        f.comment.push('x');
        assert_eq!(check(Field::Comment, &f), Some("Your comment is too long."));
        f.comment = "x".into();
        assert_eq!(check(Field::Comment, &f), None, "one character is enough");
    }

    #[test]
    fn name_limit_is_245_characters() {
        let mut f = valid();
        f.name = "n".repeat(MAX_NAME);
        assert_eq!(check(Field::Name, &f), None);
        f.name.push('n');
        assert_eq!(check(Field::Name, &f), Some("Your name is too long."));
    }

    #[test]
    fn email_must_be_valid_and_at_most_100_characters() {
        let mut f = valid();
        f.email = format!("{}@example.org", "a".repeat(MAX_EMAIL - 12));
        assert_eq!(f.email.len(), MAX_EMAIL);
        assert_eq!(check(Field::Email, &f), None);
        f.email.insert(0, 'a');
        assert_eq!(
            check(Field::Email, &f),
            Some("Your email address is too long.")
        );
        for bad in [
            "ann",
            "ann@",
            "@example.org",
            "ann@example",
            "a@b@c.org",
            "ann@-x.org",
            "an n@x.org",
            "a@b.c",
        ] {
            f.email = bad.into();
            assert_eq!(
                check(Field::Email, &f),
                Some("Please enter a valid email address."),
                "{bad}"
            );
        }
        for good in [
            "a@b.co",
            "first.last+tag@mail.example.org",
            "o'brien@example.ie",
        ] {
            assert!(is_email(good), "{good}");
        }
    }

    #[test]
    fn website_is_optional_http_only_and_at_most_200_characters() {
        let mut f = valid();
        for (typed, linked) in [
            ("https://ann.example/blog", "https://ann.example/blog"),
            ("http://ann.example", "http://ann.example"),
            ("ann.example", "https://ann.example"),
            ("HTTPS://Ann.example/Blog", "https://Ann.example/Blog"),
        ] {
            f.url = typed.into();
            assert_eq!(check(Field::Url, &f), None, "{typed}");
            assert_eq!(website(typed).as_deref(), Some(linked));
        }
        for bad in [
            "javascript:alert(1)",
            "ftp://ann.example",
            "data:text/html,x",
            "not a site",
            "https://",
            "/relative",
        ] {
            f.url = bad.into();
            assert!(check(Field::Url, &f).is_some(), "{bad}");
        }
        f.url = format!("https://ann.example/{}", "p".repeat(MAX_URL - 20));
        assert_eq!(f.url.len(), MAX_URL);
        assert_eq!(check(Field::Url, &f), None);
        f.url.push('p');
        assert_eq!(
            check(Field::Url, &f),
            Some("Your website address is too long.")
        );
        f.url = format!("{}.example", "a".repeat(MAX_URL - 10));
        assert_eq!(f.url.len(), MAX_URL - 2);
        assert_eq!(
            check(Field::Url, &f),
            Some("Your website address is too long."),
            "https:// counts"
        );
    }

    #[test]
    fn builds_the_staticman_request() {
        let mut f = valid();
        f.comment = "Café & \"tea\" = 100%".into();
        f.url = "ann.example".into();
        let body = staticman_body(
            &f,
            Some("c-1"),
            "sleep-debt",
            "c17900000000001f2e3d4c5b6a79",
            1_790_000_000_000,
        );
        assert_eq!(
            body,
            "fields%5Bname%5D=Ann&fields%5Bemail%5D=ann%40example.org&fields%5Burl%5D=https%3A%2F%2Fann.example\
             &fields%5Bmessage%5D=Caf%C3%A9+%26+%22tea%22+%3D+100%25&fields%5Breplying_to%5D=c-1\
             &options%5Bslug%5D=sleep-debt&options%5Bkey%5D=c17900000000001f2e3d4c5b6a79\
             &options%5Bshown%5D=1790000000000"
        );
    }
}
