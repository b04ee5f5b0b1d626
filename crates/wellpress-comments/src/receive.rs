//! One submission of the comment form: checked, then stored once.
//!
//! The request is Staticman's: form-encoded `fields[name]`,
//! `fields[email]`, `fields[url]`, `fields[message]`,
//! `fields[replying_to]` and `options[slug]` (or the same as Staticman's
//! JSON), plus options Staticman ignores: `options[key]`, the idempotency
//! key the site's form sends with each comment; `options[shown]`, when the
//! form appeared (milliseconds since 1970); `options[trap]`, the hidden
//! field only robots fill. Answers are Staticman's too: `{"success":true}`,
//! or `{"success":false,"errorCode":…,"message":…}` with a status.

use std::{
    collections::{HashMap, HashSet},
    fs,
    net::IpAddr,
    path::Path,
    sync::{Mutex, OnceLock},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use wellpress_content::{dates::iso_from_unix, slug::slugify};
use wellpress_types::comment_rules::{self as rules, Field, Fields};

pub use crate::reply::Reply;
use crate::{
    config::Config,
    decode::{parse_form, parse_json, valid_key},
    guard::{Guard, Wait},
    notify,
    store::{CommentFile, State, Store},
};

/// One request, as the HTTP layer hands it over.
#[derive(Debug, Clone)]
pub struct Submission<'a> {
    pub body: &'a [u8],
    /// Whether the body is JSON (else form-encoded).
    pub json: bool,
    /// The visitor's address.
    pub client: IpAddr,
    pub now: SystemTime,
    pub instant: Instant,
}

impl<'a> Submission<'a> {
    /// A form-encoded post from `client`, now.
    pub fn form(body: &'a [u8], client: IpAddr) -> Submission<'a> {
        Submission {
            body,
            json: false,
            client,
            now: SystemTime::now(),
            instant: Instant::now(),
        }
    }
}

/// What is known of past comments across the site, read again at most
/// every half minute: approved commenters, and spam's addresses and words.
#[derive(Debug, Default)]
struct Known {
    read_at: Option<Instant>,
    approved_authors: HashSet<(String, String)>,
    spam_emails: HashSet<String>,
    spam_messages: HashSet<String>,
}

const KNOWN_FOR: Duration = Duration::from_secs(30);

/// The receiver: the comment files, the settings and what it remembers.
#[derive(Debug)]
pub struct Receiver {
    store: Store,
    config: Config,
    guard: Mutex<Guard>,
    known: Mutex<Known>,
    /// One comment stored at a time: a retry arriving while its first
    /// copy is written must find it.
    saving: Mutex<()>,
    /// The site's address, from content/site.toml, read once.
    base_url: OnceLock<Option<String>>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Receiver {
    pub fn new(store: Store, config: Config) -> Receiver {
        Receiver {
            store,
            config,
            guard: Mutex::default(),
            known: Mutex::default(),
            saving: Mutex::new(()),
            base_url: OnceLock::new(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Handles one submission. With a key, a comment is stored once per
    /// key, whatever the number of retries; without one (a Staticman
    /// client, a plain form post), a second copy of the same comment on the
    /// same article (same name, text and reply target) is taken for a retry
    /// and not stored again. A different key with the same comment is a
    /// second post of it, which WordPress refuses too.
    pub fn receive(&self, request: &Submission<'_>) -> Reply {
        let form = if request.json {
            parse_json(request.body)
        } else {
            parse_form(request.body)
        };
        let Some(form) = form else {
            return Reply::refused(
                400,
                "UNREADABLE",
                "The comment arrived damaged and could not be read. Please try again.",
            );
        };
        let reply = self.take(&form, request);
        self.send_back(reply, &form)
    }

    /// A plain form post names where to send its reader back, as
    /// Staticman's do: `options[redirect]` once the comment is taken,
    /// `options[redirectError]` when it is refused. The receiver sends
    /// them there (303), to the notice the address's fragment names, with
    /// the kind of refusal when it can say (`#comment-refused-later`,
    /// `#comment-refused-duplicate`). Only addresses of the site itself
    /// are followed; anything else is answered as a script would be.
    fn send_back(&self, reply: Reply, form: &HashMap<String, String>) -> Reply {
        let taken = (200..300).contains(&reply.status);
        let to = form
            .get(if taken {
                rules::REDIRECT
            } else {
                rules::REDIRECT_ERROR
            })
            .map(|to| to.trim())
            .filter(|to| !to.is_empty() && self.is_the_sites(to));
        let Some(to) = to else {
            return reply;
        };
        let location = if taken {
            to.to_owned()
        } else {
            let page = to.split('#').next().unwrap_or(to);
            let kind = match reply.outcome {
                "FLOOD" | "RATE_LIMITED" | "CANNOT_SAVE" | "TOO_FAST" => "-later",
                "DUPLICATE_COMMENT" => "-duplicate",
                _ => "",
            };
            format!("{page}#{}{kind}", rules::REFUSED_NOTICE)
        };
        Reply {
            status: 303,
            body: String::new(),
            location: Some(location),
            ..reply
        }
    }

    /// Whether `to` is an address of the site: a path on this server, or
    /// under the site's `base_url` (content/site.toml) or an allowed origin.
    fn is_the_sites(&self, to: &str) -> bool {
        if to.contains(['\\', '\r', '\n']) {
            return false;
        }
        if to.starts_with('/') {
            return !to.starts_with("//");
        }
        let base = self.base_url.get_or_init(|| {
            #[derive(serde::Deserialize)]
            struct Site {
                base_url: String,
            }
            fs::read_to_string(self.store.root().join("content/site.toml"))
                .ok()
                .and_then(|text| toml::from_str::<Site>(&text).ok())
                .map(|site| site.base_url.trim_end_matches('/').to_owned())
        });
        base.iter().chain(&self.config.allowed_origins).any(|site| {
            to.strip_prefix(site.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
        })
    }

    /// Checks one decoded submission and stores it.
    fn take(&self, form: &HashMap<String, String>, request: &Submission<'_>) -> Reply {
        // The request's names, as the form sends them (wellpress-types).
        let get = |name: &str| form.get(name).map_or("", |v| v.trim());
        let field = |field: Field| get(field.form_name().unwrap_or_default());
        let slug = get(rules::SLUG);
        if slug.is_empty() || slugify(slug) != slug || !article_exists(self.store.root(), slug) {
            return Reply::refused(
                400,
                "UNKNOWN_ARTICLE",
                "This article does not take comments here.",
            );
        }
        // The browser's own rules (wellpress-types), for clients that skip them.
        let fields = Fields {
            comment: field(Field::Comment).to_owned(),
            name: field(Field::Name).to_owned(),
            email: field(Field::Email).to_owned(),
            url: field(Field::Url).to_owned(),
        };
        let problems: Vec<(Field, &str)> = [Field::Comment, Field::Name, Field::Email, Field::Url]
            .into_iter()
            .filter_map(|f| rules::check(f, &fields).map(|m| (f, m)))
            .collect();
        if !problems.is_empty() {
            let missing = problems.iter().any(|(f, _)| match f {
                Field::Comment => fields.comment.is_empty(),
                Field::Name => fields.name.is_empty(),
                Field::Email => fields.email.is_empty(),
                _ => false,
            });
            let said: Vec<&str> = problems.iter().map(|(_, m)| *m).collect();
            return Reply::refused(
                400,
                if missing {
                    "MISSING_REQUIRED_FIELDS"
                } else {
                    "INVALID_FIELDS"
                },
                &said.join(" "),
            );
        }
        let (name, email, message) = (
            fields.name.as_str(),
            fields.email.as_str(),
            fields.comment.as_str(),
        );
        // As it will be linked: a bare domain gets https://.
        let url = rules::website(&fields.url).unwrap_or_default();
        let url = url.as_str();
        let key = get(rules::KEY);
        if !key.is_empty() && !valid_key(key) {
            return Reply::refused(400, "INVALID_KEY", "The comment's key is not valid.");
        }
        // The hidden field only robots fill: thanked like anyone, kept nowhere.
        if !get(rules::TRAP).is_empty() {
            return Reply::accepted(false).because("trapped");
        }
        let since_epoch = request.now.duration_since(UNIX_EPOCH).unwrap_or_default();
        // Sooner than min_seconds after the form appeared, by the reader's
        // clock: asked to wait the rest, never refused for good, since the
        // two clocks may differ. A time in the future says nothing.
        if let Ok(shown_ms) = get(rules::SHOWN).parse::<u128>() {
            let min_ms = u128::from(self.config.min_seconds) * 1000;
            let since_shown = since_epoch.as_millis().checked_sub(shown_ms);
            if let Some(since) = since_shown.filter(|&since| since < min_ms) {
                let mut reply = Reply::refused(
                    429,
                    "TOO_FAST",
                    "That was quick! Your comment is kept and sent in a moment.",
                );
                reply.retry_after = Some(((min_ms - since).div_ceil(1000)) as u32);
                return reply;
            }
        }
        let file = CommentFile {
            _id: format!(
                "{}-{}",
                since_epoch.as_millis(),
                &md5_hex(request.body)[..6]
            ),
            name: name.to_owned(),
            email: md5_hex(email.to_lowercase().as_bytes()),
            url: url.to_owned(),
            message: message.to_owned(),
            replying_to: get(rules::REPLYING_TO).to_owned(),
            date: iso_from_unix(since_epoch.as_secs() as i64).unwrap_or_default(),
            _key: if key.is_empty() {
                String::new()
            } else {
                md5_hex(key.as_bytes())
            },
        };

        let _saving = lock(&self.saving);
        let existing = self.store.of_article(slug);
        if !file._key.is_empty() && existing.iter().any(|c| c.file._key == file._key) {
            return Reply::accepted(true);
        }
        let same_comment = existing.iter().any(|c| {
            c.file.name == file.name
                && c.file.message == file.message
                && c.file.replying_to == file.replying_to
        });
        // Before the limits: a retry is not a flood.
        if same_comment {
            return if file._key.is_empty() {
                Reply::accepted(true)
            } else {
                Reply::refused(
                    409,
                    "DUPLICATE_COMMENT",
                    "Duplicate comment detected; it looks as though you've already said that!",
                )
            };
        }
        let admitted = lock(&self.guard).admit(
            request.client,
            request.instant,
            Duration::from_secs(self.config.flood_seconds),
            self.config.posts_per_hour,
        );
        if let Err(wait) = admitted {
            let mut reply = match wait {
                Wait::Flood(_) => Reply::refused(
                    429,
                    "FLOOD",
                    "You are posting comments too quickly. Slow down.",
                ),
                Wait::Rate(_) => Reply::refused(
                    429,
                    "RATE_LIMITED",
                    "Too many comments from your address this hour. Your comment is kept and sent later.",
                ),
            };
            reply.retry_after = Some(wait.seconds());
            return reply;
        }
        let state = self.judge(&file, &[name, email, url, message]);
        match self.store.add(state, slug, &file) {
            Ok(path) => {
                lock(&self.guard).stored(request.client, request.instant);
                if state == State::Approved {
                    lock(&self.known)
                        .approved_authors
                        .insert((file.name.clone(), file.email.clone()));
                }
                if state != State::Spam {
                    notify::run(
                        &self.config.notify_command,
                        self.store.root(),
                        slug,
                        state,
                        &file,
                        &path,
                    );
                }
                Reply::accepted(false).because(match state {
                    State::Pending => "pending",
                    State::Approved => "approved",
                    State::Rejected | State::Spam => "spam",
                })
            }
            Err(error) => {
                eprintln!("wellpress-comments: could not save a comment on /{slug}/: {error}");
                Reply::cannot_save()
            }
        }
    }

    /// Where a new comment goes: spam for a disallowed word or a known
    /// spammer's address or words; approved for a returning commenter
    /// (when so configured) within the link limit; else pending.
    fn judge(&self, file: &CommentFile, fields: &[&str]) -> State {
        let lowered: Vec<String> = fields.iter().map(|f| f.to_lowercase()).collect();
        let disallowed = self.config.disallowed_words.iter().any(|word| {
            let word = word.trim().to_lowercase();
            !word.is_empty() && lowered.iter().any(|f| f.contains(&word))
        });
        let mut known = lock(&self.known);
        if known.read_at.is_none_or(|at| at.elapsed() > KNOWN_FOR) {
            *known = self.read_known();
        }
        if disallowed
            || known.spam_emails.contains(&file.email)
            || known.spam_messages.contains(&file.message)
        {
            return State::Spam;
        }
        let links = file.links();
        let returning = known
            .approved_authors
            .contains(&(file.name.clone(), file.email.clone()));
        if self.config.approve_returning && returning && links <= self.config.max_links {
            State::Approved
        } else {
            State::Pending
        }
    }

    fn read_known(&self) -> Known {
        let approved = self.store.in_state(State::Approved);
        let spam = self.store.in_state(State::Spam);
        Known {
            read_at: Some(Instant::now()),
            approved_authors: approved
                .into_iter()
                .map(|c| (c.file.name, c.file.email))
                .collect(),
            spam_emails: spam.iter().map(|c| c.file.email.clone()).collect(),
            spam_messages: spam.into_iter().map(|c| c.file.message).collect(),
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

/// Lower-case hexadecimal MD5, as Staticman's `md5` transform writes it.
pub fn md5_hex(bytes: &[u8]) -> String {
    use md5::{Digest, Md5};
    format!("{:x}", Md5::digest(bytes))
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::PathBuf;

    use wellpress_content::comments;

    use super::*;
    use crate::store::PENDING_DIR;

    pub(crate) fn site(name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("wellpress-receiver-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("content/articles")).unwrap();
        fs::write(root.join("content/articles/naps.md"), "---\n").unwrap();
        root
    }

    pub(crate) fn body(message: &str) -> String {
        format!(
            "fields%5Bname%5D=Ann&fields%5Bemail%5D=Ann%40Example.org&fields%5Burl%5D=&fields%5Bmessage%5D={message}\
             &fields%5Breplying_to%5D=&options%5Bslug%5D=naps"
        )
    }

    fn keyed(message: &str, key: &str) -> String {
        format!("{}&options%5Bkey%5D={key}", body(message))
    }

    /// A receiver without the flood window, so that tests post freely.
    pub(crate) fn receiver(root: &Path) -> Receiver {
        Receiver::new(
            Store::new(root),
            Config {
                flood_seconds: 0,
                ..Config::default()
            },
        )
    }

    pub(crate) fn post(receiver: &Receiver, body: &str) -> Reply {
        receiver.receive(&Submission::form(
            body.as_bytes(),
            "192.0.2.1".parse().unwrap(),
        ))
    }

    fn pending_files(root: &Path) -> Vec<PathBuf> {
        fs::read_dir(root.join(PENDING_DIR).join("naps"))
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn writes_a_pending_file_in_staticman_layout_once() {
        let root = site("once");
        let receiver = receiver(&root);
        let at = |seconds| Submission {
            now: UNIX_EPOCH + Duration::from_secs(seconds),
            ..Submission::form(b"", "192.0.2.1".parse().unwrap())
        };
        let first = body("Hello+%3Cb%3E");
        let answer = receiver.receive(&Submission {
            body: first.as_bytes(),
            ..at(1_795_000_000)
        });
        assert_eq!(answer, Reply::accepted(false).because("pending"));
        let again = receiver.receive(&Submission {
            body: first.as_bytes(),
            ..at(1_795_000_005)
        });
        assert_eq!(again, Reply::accepted(true));
        let files = pending_files(&root);
        assert_eq!(files.len(), 1);
        let text = fs::read_to_string(&files[0]).unwrap();
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
    fn a_key_is_stored_once_in_any_state_and_the_same_text_twice_is_refused() {
        let root = site("keys");
        let receiver = receiver(&root);
        let store = receiver.store();
        assert_eq!(post(&receiver, &keyed("Hi", "c1-a")).outcome, "pending");
        // The retry after a time-out, even once the comment is approved.
        let first = store.in_state(State::Pending).remove(0);
        store.move_to(&first, State::Approved).unwrap();
        assert_eq!(post(&receiver, &keyed("Hi", "c1-a")), Reply::accepted(true));
        // The same words posted again as a new comment.
        let twice = post(&receiver, &keyed("Hi", "c2-b"));
        assert_eq!(twice.status, 409);
        assert!(twice.body.contains("already said that"), "{}", twice.body);
        // Another comment under its own key.
        assert_eq!(post(&receiver, &keyed("Again", "c3-c")).status, 200);
        assert_eq!(store.of_article("naps").len(), 2);
        assert_eq!(post(&receiver, &keyed("Bad", "a%20b")).status, 400);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn refuses_unknown_articles_missing_fields_and_damaged_bodies() {
        let root = site("refuse");
        let receiver = receiver(&root);
        for wrong in [
            body("x").replace("naps", "nope"),
            body("x").replace("naps", "..%2Fetc"),
            body(""),
            body("x").replace("Ann%40", "Ann"),
            body("Caf%E9"),
            body("x").replace("url%5D=", "url%5D=javascript%3Aalert(1)"),
        ] {
            let answer = post(&receiver, &wrong);
            assert_eq!(answer.status, 400, "{wrong}");
            assert!(answer.body.contains(r#""success":false"#));
            assert!(
                answer.body.contains(r#""message":"#),
                "a message for the reader"
            );
        }
        // The browser's rules and words: the same crate.
        let empty = post(&receiver, &body(""));
        assert!(
            empty.body.contains("MISSING_REQUIRED_FIELDS"),
            "{}",
            empty.body
        );
        assert!(
            empty.body.contains("Please type your comment text."),
            "{}",
            empty.body
        );
        let bad_email = post(
            &receiver,
            &body("x").replace("Ann%40Example.org", "ann%40example"),
        );
        assert!(
            bad_email
                .body
                .contains("Please enter a valid email address."),
            "{}",
            bad_email.body
        );
        let raw = [body("x").as_bytes(), b"\xff\xfe"].concat();
        let answer = receiver.receive(&Submission::form(&raw, "192.0.2.1".parse().unwrap()));
        assert_eq!(answer.outcome, "UNREADABLE");
        assert!(!root.join(PENDING_DIR).exists());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn takes_staticman_json_too() {
        let root = site("json");
        let receiver = receiver(&root);
        let json = r#"{"fields":{"name":"Ann","email":"ann@example.org","message":"Via JSON"},"options":{"slug":"naps","key":"k1"}}"#;
        let request = Submission {
            json: true,
            ..Submission::form(json.as_bytes(), "192.0.2.1".parse().unwrap())
        };
        assert_eq!(receiver.receive(&request).outcome, "pending");
        assert_eq!(receiver.receive(&request), Reply::accepted(true));
        let broken = Submission {
            json: true,
            ..Submission::form(b"{\"fields\": [1]}", "192.0.2.1".parse().unwrap())
        };
        assert_eq!(receiver.receive(&broken).outcome, "UNREADABLE");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn robots_are_thanked_and_nothing_is_kept() {
        let root = site("robots");
        let receiver = receiver(&root);
        let trapped = post(
            &receiver,
            &format!(
                "{}&options%5Btrap%5D=http%3A%2F%2Fspam.example",
                body("Buy")
            ),
        );
        assert_eq!((trapped.status, trapped.outcome), (200, "trapped"));
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis();
        let hasty = post(
            &receiver,
            &format!("{}&options%5Bshown%5D={}", body("Quick"), now_ms - 1000),
        );
        assert_eq!(
            (hasty.status, hasty.outcome, hasty.retry_after),
            (429, "TOO_FAST", Some(2))
        );
        // A reader's clock ahead of the server's says nothing.
        let ahead = post(
            &receiver,
            &format!("{}&options%5Bshown%5D={}", body("Ahead"), now_ms + 30_000),
        );
        assert_eq!(ahead.outcome, "pending");
        let calm = post(
            &receiver,
            &format!("{}&options%5Bshown%5D={}", body("Calm"), now_ms - 60_000),
        );
        assert_eq!(calm.outcome, "pending");
        // A bare domain is kept as it will be linked.
        let site = post(
            &receiver,
            &body("Mine").replace("url%5D=", "url%5D=ann.example"),
        );
        assert_eq!(site.outcome, "pending");
        let stored = Store::new(&root).in_state(State::Pending);
        assert!(stored.iter().any(|c| c.file.url == "https://ann.example"));
        assert_eq!(pending_files(&root).len(), 3);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn one_comment_per_address_per_flood_window() {
        let root = site("flood");
        let receiver = Receiver::new(Store::new(&root), Config::default());
        let ann: IpAddr = "192.0.2.1".parse().unwrap();
        let first = body("First");
        assert_eq!(
            receiver
                .receive(&Submission::form(first.as_bytes(), ann))
                .status,
            200
        );
        let second = keyed("Second", "k2");
        let flood = receiver.receive(&Submission::form(second.as_bytes(), ann));
        assert_eq!(flood.status, 429);
        assert!(flood.body.contains("too quickly"), "{}", flood.body);
        assert!((1..=15).contains(&flood.retry_after.unwrap()));
        // A retry of what was stored is not a flood.
        assert_eq!(
            receiver.receive(&Submission::form(first.as_bytes(), ann)),
            Reply::accepted(true)
        );
        let bo = receiver.receive(&Submission::form(
            second.as_bytes(),
            "192.0.2.2".parse().unwrap(),
        ));
        assert_eq!(bo.status, 200, "another address");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn spam_words_and_spammers_go_to_spam_and_returning_commenters_are_published() {
        let root = site("judge");
        let receiver = Receiver::new(
            Store::new(&root),
            Config {
                flood_seconds: 0,
                disallowed_words: vec!["Casino".into()],
                ..Config::default()
            },
        );
        let store = receiver.store();
        let casino = body("Best+CASINO+here").replace("Ann%40Example.org", "cas%40ino.example");
        assert_eq!(post(&receiver, &casino).outcome, "spam");
        assert_eq!(store.in_state(State::Spam).len(), 1);
        // Ann has a comment approved: her next one is published.
        post(&receiver, &body("Thanks"));
        let mine = store.in_state(State::Pending).remove(0);
        store.move_to(&mine, State::Approved).unwrap();
        // Approvals made by the moderation commands count within half a minute.
        let receiver = Receiver::new(
            Store::new(&root),
            Config {
                flood_seconds: 0,
                ..Config::default()
            },
        );
        assert_eq!(post(&receiver, &body("Me+again")).outcome, "approved");
        // Unless it has more links than allowed.
        let links =
            body("See+https%3A%2F%2Fa.example+https%3A%2F%2Fb.example+https%3A%2F%2Fc.example");
        assert_eq!(post(&receiver, &links).outcome, "pending");
        // A spammer's address is spam wherever it comes from.
        let spammer = body("Hello")
            .replace("Ann%40Example.org", "bad%40spam.example")
            .replace("Ann&", "Zed&");
        post(&receiver, &spammer);
        let theirs = store
            .in_state(State::Pending)
            .into_iter()
            .find(|c| c.file.name == "Zed")
            .unwrap();
        store.move_to(&theirs, State::Spam).unwrap();
        let fresh = Receiver::new(
            Store::new(&root),
            Config {
                flood_seconds: 0,
                ..Config::default()
            },
        );
        assert_eq!(
            post(&fresh, &spammer.replace("Hello", "Other+words")).outcome,
            "spam"
        );
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_folder_it_cannot_write_asks_the_browser_to_try_later() {
        let root = site("unwritable");
        // A file where the pending folder should be.
        fs::write(root.join(PENDING_DIR), "").unwrap();
        let answer = post(&receiver(&root), &body("Hi"));
        assert_eq!((answer.status, answer.retry_after), (503, Some(60)));
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_plain_form_post_is_sent_back_to_the_article_saying_what_happened() {
        let root = site("redirect");
        fs::write(
            root.join("content/site.toml"),
            "base_url = \"https://magazine.example/blog/\"\n",
        )
        .unwrap();
        let receiver = Receiver::new(
            Store::new(&root),
            Config {
                flood_seconds: 60,
                allowed_origins: vec!["https://partner.example".into()],
                ..Config::default()
            },
        );
        let plain = |message: &str, back: &str| {
            let back = urlencode(back);
            format!(
                "{}&options%5Bredirect%5D={back}%23comment-sent&options%5BredirectError%5D={back}%23comment-refused",
                body(message)
            )
        };
        let sent = post(&receiver, &plain("Hello", "/blog/naps/"));
        assert_eq!(
            (sent.status, sent.location.as_deref()),
            (303, Some("/blog/naps/#comment-sent"))
        );
        // The second within the flood window: refused, and told why.
        let later = post(
            &receiver,
            &plain("Again", "https://magazine.example/blog/naps/"),
        );
        assert_eq!(
            (later.status, later.location.as_deref()),
            (
                303,
                Some("https://magazine.example/blog/naps/#comment-refused-later")
            )
        );
        let missing = post(&receiver, &plain("", "https://partner.example/naps/"));
        assert_eq!(
            missing.location.as_deref(),
            Some("https://partner.example/naps/#comment-refused")
        );
        // Never to another site: answered as a script would be.
        for elsewhere in [
            "https://evil.example/",
            "//evil.example/",
            "https://magazine.example.evil/",
        ] {
            let answer = post(&receiver, &plain("Elsewhere", elsewhere));
            assert_eq!(answer.location, None, "{elsewhere}");
        }
        fs::remove_dir_all(&root).unwrap();
    }

    fn urlencode(text: &str) -> String {
        rules::form_encode(text)
    }
}
