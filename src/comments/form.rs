//! The comment form: WordPress's fields and wording, validation in the
//! browser (on submit, then live), the math captcha, quiet spam defences,
//! and a draft that survives errors and reloads.

use std::collections::HashSet;

use leptos::{ev::SubmitEvent, prelude::*};
use wasm_bindgen::JsCast;
use wellpress_types::{Comment, names};

use super::{
    captcha::{self, Equation, NumberStyle, Op, Piece},
    outbox::{self, use_outbox},
    rules::{self, Field, Fields},
    store::{self, Draft, Identity, MyComment, Status},
    submit::{self, CaptchaProblem, Decision, Submission},
};
use crate::{fetch::FetchError, site};

/// Everything the form holds. It lives with the comments section, so the
/// form keeps its contents when it moves under a comment to reply.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    /// Comment text.
    pub comment: RwSignal<String>,
    /// Name.
    pub name: RwSignal<String>,
    /// Email.
    pub email: RwSignal<String>,
    /// Website.
    pub url: RwSignal<String>,
    /// "Save my name, email, and website in this browser".
    pub remember: RwSignal<bool>,
    /// What was typed in the captcha.
    pub answer: RwSignal<String>,
    /// The trap field: people never see it, robots fill it.
    pub trap: RwSignal<String>,
    /// The current equation.
    pub equation: RwSignal<Equation>,
    /// When the equation was shown, in milliseconds.
    pub issued_at: RwSignal<f64>,
    /// The comment being answered: id and author.
    pub replying_to: RwSignal<Option<(String, String)>>,
    /// Whether a submission was attempted (then validation is live).
    submitted: RwSignal<bool>,
    /// The captcha's message, set on submit.
    captcha_error: RwSignal<Option<&'static str>>,
    /// The problems listed at the top, as of the last submit.
    summary: RwSignal<Vec<(Field, &'static str)>>,
    /// A message about the whole form (a failed send, too quick).
    alert: RwSignal<Option<String>>,
    /// A confirmation after posting.
    notice: RwSignal<Option<String>>,
    /// A post is on its way.
    sending: RwSignal<bool>,
    /// When the form appeared, in milliseconds.
    shown_at: RwSignal<f64>,
    /// When the last comment was posted, in milliseconds.
    posted_at: RwSignal<f64>,
    /// Solved equations, never asked again.
    spent: StoredValue<HashSet<(u32, Op, u32, captcha::Blank)>>,
    /// Whether the browser keeps the draft: false when its storage is full
    /// or turned off, which the visitor is told.
    draft_kept: RwSignal<bool>,
}

fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

fn random_seed() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64 ^ (js_sys::Date::now() as u64)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0x5EED
    }
}

fn captcha_settings() -> (Vec<Op>, NumberStyle) {
    let config = &site::config().comments;
    (
        config
            .operations
            .iter()
            .filter_map(|o| Op::parse(o))
            .collect(),
        NumberStyle::parse(&config.numbers),
    )
}

impl FormState {
    /// A blank form with a fresh equation.
    pub fn new() -> Self {
        let (ops, style) = captcha_settings();
        Self {
            comment: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            url: RwSignal::new(String::new()),
            remember: RwSignal::new(false),
            answer: RwSignal::new(String::new()),
            trap: RwSignal::new(String::new()),
            equation: RwSignal::new(captcha::generate(
                &mut captcha::Rng::new(
                    crate::start::landing::captcha_seed().unwrap_or_else(random_seed),
                ),
                &ops,
                style,
            )),
            issued_at: RwSignal::new(now_ms()),
            replying_to: RwSignal::new(None),
            submitted: RwSignal::new(false),
            captcha_error: RwSignal::new(None),
            summary: RwSignal::new(Vec::new()),
            alert: RwSignal::new(None),
            notice: RwSignal::new(None),
            sending: RwSignal::new(false),
            shown_at: RwSignal::new(now_ms()),
            posted_at: RwSignal::new(f64::NEG_INFINITY),
            spent: StoredValue::new(HashSet::new()),
            draft_kept: RwSignal::new(true),
        }
    }

    fn fields(&self) -> Fields {
        Fields {
            comment: self.comment.get(),
            name: self.name.get(),
            email: self.email.get(),
            url: self.url.get(),
        }
    }

    /// A new equation that has not been solved before, with the answer cleared.
    pub fn new_equation(&self) {
        let (ops, style) = captcha_settings();
        let mut rng = captcha::Rng::new(random_seed());
        let current = self.equation.get_untracked().key();
        let spent = self.spent.get_value();
        let equation = (0..50)
            .map(|_| captcha::generate(&mut rng, &ops, style))
            .find(|e| e.key() != current && !spent.contains(&e.key()))
            .unwrap_or_else(|| captcha::generate(&mut rng, &ops, style));
        self.equation.set(equation);
        self.issued_at.set(now_ms());
        self.answer.set(String::new());
    }

    /// The message for a field, live once a submission was attempted.
    fn error(&self, field: Field) -> Option<&'static str> {
        if !self.submitted.get() {
            return None;
        }
        match field {
            // A wrong or expired answer is reported until the visitor types again.
            Field::Captcha => self.captcha_error.get().or_else(|| {
                self.answer
                    .with(|a| a.trim().is_empty())
                    .then_some("Please enter captcha value.")
            }),
            field => rules::check(field, &self.fields()),
        }
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

fn focus(id: &str) {
    let id = id.to_owned();
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&id) {
            let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

fn now_iso() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::new_0()
            .to_iso_string()
            .as_string()
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// Loads the saved draft and details, then keeps saving them as the visitor
/// types. Browser only.
pub fn keep_draft(slug: String, state: FormState) {
    Effect::new(move |loaded: Option<()>| {
        if loaded.is_none() {
            let draft = store::draft(&slug);
            state.comment.set(draft.comment);
            state.replying_to.set(draft.replying_to);
            if let Some(identity) = store::identity() {
                state.name.set(identity.name);
                state.email.set(identity.email);
                state.url.set(identity.url);
                state.remember.set(true);
            }
        }
        let draft = Draft {
            comment: state.comment.get(),
            replying_to: state.replying_to.get(),
        };
        let kept = store::save_draft(&slug, &draft);
        if state.draft_kept.get_untracked() != kept {
            state.draft_kept.set(kept);
        }
        // Name, email and website are kept only while the box is ticked.
        if state.remember.get() {
            let identity = Identity {
                name: state.name.get(),
                email: state.email.get(),
                url: state.url.get(),
            };
            store::set_identity(Some(&identity));
        } else if loaded.is_some() {
            store::set_identity(None);
        }
    });
}

/// The "Leave a Reply" block: heading, notes, fields, captcha and button.
#[component]
pub fn CommentForm(slug: String, state: FormState) -> impl IntoView {
    let outbox = use_outbox();
    let comments_config = &site::config().comments;
    let min_ms = f64::from(comments_config.min_seconds) * 1000.0;
    let limit_ms = f64::from(comments_config.time_limit_secs) * 1000.0;
    let slug_for_submit = slug.clone();
    // A plain post (before the app runs, or without JavaScript) goes to the
    // endpoint itself, which sends the reader back here: to a notice that
    // the comment was taken, or why not. A same-site endpoint gets the
    // page's path; one elsewhere (a Staticman instance) its full address.
    let endpoint = comments_config.endpoint.clone().unwrap_or_default();
    let redirect = return_address(&endpoint, &slug, rules::SENT_NOTICE);
    let redirect_error = return_address(&endpoint, &slug, rules::REFUSED_NOTICE);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let fields = state.fields();
        let equation = state.equation.get_untracked();
        let shown_ms = state.shown_at.get_untracked() as u64;
        let decision = submit::decide(&Submission {
            now_ms: now_ms(),
            sending: state.sending.get_untracked(),
            posted_at_ms: state.posted_at.get_untracked(),
            shown_at_ms: state.shown_at.get_untracked(),
            issued_at_ms: state.issued_at.get_untracked(),
            min_ms,
            limit_ms,
            answer: equation.check(&state.answer.get_untracked()),
            fields: &fields,
            trap_filled: !state.trap.get_untracked().is_empty(),
        });
        if decision == Decision::Ignore {
            return;
        }
        state.submitted.set(true);
        state.alert.set(None);
        state.notice.set(None);
        let (problems, captcha) = match &decision {
            Decision::Problems { problems, captcha } => (problems.clone(), *captcha),
            _ => (Vec::new(), None),
        };
        state
            .captcha_error
            .set(captcha.map(CaptchaProblem::message));
        if captcha.is_some_and(CaptchaProblem::needs_new_equation) {
            state.new_equation();
        }
        state.summary.set(problems.clone());
        match decision {
            Decision::Ignore | Decision::Send => {}
            Decision::Problems { .. } => {
                if let Some((first, _)) = problems.first() {
                    focus(first.input_id());
                }
                return;
            }
            Decision::TooQuick => {
                state.alert.set(Some(
                    "That was quick! Please read your comment through once more, then post it again."
                        .into(),
                ));
                state.shown_at.set(now_ms());
                return;
            }
            // A robot, told nothing different. The text stays, in case it
            // was a person's browser filling the field.
            Decision::Trapped => {
                state.posted_at.set(now_ms());
                state.notice.set(Some(
                    "Thank you! Your comment is awaiting moderation.".into(),
                ));
                return;
            }
        }
        state.posted_at.set(now_ms());
        state.spent.update_value(|spent| {
            spent.insert(equation.key());
        });
        state.new_equation();
        state.submitted.set(false);
        let replying_to = state.replying_to.get_untracked();
        state.comment.set(String::new());
        state.replying_to.set(None);

        // Also the key the receiver stores it under once: the time and 52
        // random bits, so that no two readers' comments share one.
        let client_id = format!(
            "c{}{:013x}",
            now_ms() as u64,
            random_seed() & 0xf_ffff_ffff_ffff
        );
        let reply_id = replying_to.map(|(id, _)| id);
        outbox.add(MyComment {
            slug: slug_for_submit.clone(),
            body: rules::staticman_body(
                &fields,
                reply_id.as_deref(),
                &slug_for_submit,
                &client_id,
                shown_ms,
            ),
            comment: Comment {
                id: client_id.clone(),
                name: fields.name.trim().to_owned(),
                url: rules::website(&fields.url),
                message: fields.comment.trim().to_owned(),
                date: now_iso(),
                replying_to: reply_id,
            },
            status: Status::Waiting {
                reason: String::new(),
            },
        });
        state.sending.set(true);
        leptos::task::spawn_local(async move {
            let result = outbox.send(&client_id).await;
            state.sending.try_set(false);
            match result {
                Ok(()) => {
                    state.notice.try_set(Some(
                        "Thank you! Your comment is awaiting moderation.".into(),
                    ));
                }
                Err(error) if outbox.is_rejected(&client_id) => {
                    state.alert.try_set(Some(format!(
                        "The site refused your comment. {error} Your text is kept below the other comments \
                         so you can copy it."
                    )));
                }
                Err(
                    ref error @ FetchError::Refused {
                        lasting: false,
                        after: Some(seconds),
                        ..
                    },
                ) if seconds <= outbox::MAX_WAIT_SECONDS => {
                    let wait = if seconds == 1 {
                        "a second".to_owned()
                    } else {
                        format!("{seconds} seconds")
                    };
                    state.alert.try_set(Some(format!(
                        "Your comment could not be sent yet. {error} It will be sent by itself in {wait}."
                    )));
                }
                Err(error) if untrack(|| outbox.is_kept()) => {
                    state.alert.try_set(Some(format!(
                        "Your comment could not be sent yet. {error} It is saved in this browser and will be \
                         sent automatically when you are back online or on your next visit."
                    )));
                }
                Err(error) => {
                    state.alert.try_set(Some(format!(
                        "Your comment could not be sent yet. {error} This browser cannot keep a copy \
                         (its storage is full or turned off), so keep this page open: it will be sent when \
                         you are back online, or use its Send now button above."
                    )));
                }
            }
            focus("comment-status");
        });
    };

    let heading = move || match state.replying_to.get() {
        Some((_, name)) => format!("Leave a Reply to {name}"),
        None => "Leave a Reply".to_owned(),
    };
    let cancel = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        state.replying_to.set(None);
        focus(names::COMMENT_FIELD_ID);
    };

    view! {
        <div id=names::FORM_ID class="comment-respond">
            <h2 id="reply-title" class="comment-respond__title">
                {heading}
                {move || {
                    state.replying_to.get().map(|_| view! {
                        " " <small><a href="#respond" on:click=cancel>"Cancel reply"</a></small>
                    })
                }}
            </h2>
            // Shown by the address's fragment alone (`:target`), so that a
            // plain post's reader sees them without JavaScript.
            <p id=rules::SENT_NOTICE class="form-notice comment-form__returned">
                "Thank you! Your comment is awaiting moderation."
            </p>
            <div id=rules::REFUSED_NOTICE class="form-alert comment-form__returned">
                <p>"Your comment could not be posted. Check that your name, email address and comment are filled in and correct, then post it again."</p>
                <p>"Your browser's Back button takes you to the form with what you typed."</p>
            </div>
            <div id=format!("{}-later", rules::REFUSED_NOTICE) class="form-alert comment-form__returned">
                <p>"Your comment could not be posted just now: comments are coming in too quickly. Please wait a minute, then post it again."</p>
                <p>"Your browser's Back button takes you to the form with what you typed."</p>
            </div>
            <div id=format!("{}-duplicate", rules::REFUSED_NOTICE) class="form-alert comment-form__returned">
                <p>"Duplicate comment detected; it looks as though you've already said that!"</p>
            </div>
            // `post`, so that nothing typed could ever end up in an address.
            // Prerendered, the browser checks the fields itself; the app
            // checks them with WordPress's messages instead.
            <form
                class="comment-form"
                method="post"
                action=endpoint
                novalidate=!cfg!(feature = "ssr")
                on:submit=submit
                aria-labelledby="reply-title"
            >
                <input type="hidden" name=rules::SLUG value=slug.clone() />
                <input type="hidden" name=rules::REDIRECT value=redirect />
                <input type="hidden" name=rules::REDIRECT_ERROR value=redirect_error />
                <div id="comment-status" tabindex="-1">
                    {move || {
                        let summary = state.summary.get();
                        (!summary.is_empty()).then(|| view! {
                            <div class="form-summary" role="alert">
                                <p>{match summary.len() {
                                    1 => "Please correct 1 problem:".to_owned(),
                                    n => format!("Please correct {n} problems:"),
                                }}</p>
                                <ul>
                                    {summary.into_iter().map(|(field, message)| view! {
                                        <li><a href=format!("#{}", field.input_id())>{message}</a></li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        })
                    }}
                    {move || state.alert.get().map(|message| view! {
                        <p class="form-alert" role="alert">{message}</p>
                    })}
                    {move || state.notice.get().map(|message| view! {
                        <p class="form-notice" role="status">{message}</p>
                    })}
                </div>
                <p class="comment-notes">
                    <span id="email-notes">"Your email address will not be published."</span>
                    " Required fields are marked "
                    <span class="required">"*"</span>
                </p>
                <TextField
                    field=Field::Comment
                    label="Comment"
                    required=true
                    value=state.comment
                    state
                    multiline=true
                    notes="comment-unkept"
                />
                // Empty, and taking no room, while the draft is kept; always
                // there, so that screen readers announce the text when it comes.
                <p id="comment-unkept" class="comment-form__unkept" aria-live="polite">
                    {move || (!state.draft_kept.get()).then_some(
                        "This browser cannot keep a copy of your comment (its storage is full or turned \
                         off). Post it before you leave or reload this page.",
                    )}
                </p>
                <TextField field=Field::Name label="Name" required=true value=state.name state autocomplete="name" />
                <TextField
                    field=Field::Email
                    label="Email"
                    required=true
                    value=state.email
                    state
                    kind="email"
                    autocomplete="email"
                    notes="email-notes"
                />
                <TextField field=Field::Url label="Website" value=state.url state kind="url" autocomplete="url" />
                <p class="comment-form__consent">
                    <input id="wp-comment-cookies-consent" type="checkbox" bind:checked=state.remember />
                    <label for="wp-comment-cookies-consent">
                        "Save my name, email, and website in this browser for the next time I comment."
                    </label>
                </p>
                <CaptchaField state />
                <div class="comment-form__trap" aria-hidden="true">
                    <label for="wp-comment-extra">"Leave this field empty"</label>
                    <input id="wp-comment-extra" name=rules::TRAP type="text" tabindex="-1" autocomplete="off" bind:value=state.trap />
                </div>
                <p class="comment-form__submit">
                    <button type="submit" class="button" aria-disabled=move || state.sending.get().to_string()>
                        {move || if state.sending.get() { "Posting…" } else { "Post Comment" }}
                    </button>
                </p>
            </form>
        </div>
    }
}

/// Where a plain form post's reader comes back to: the article's `notice`.
/// A same-site endpoint gets the page's path; one elsewhere (a Staticman
/// instance) its full address.
fn return_address(endpoint: &str, slug: &str, notice: &str) -> String {
    let path = crate::routes::href(&wellpress_types::Route::article(slug));
    let page = if endpoint.starts_with('/') {
        path
    } else {
        crate::routes::absolute(&path)
    };
    format!("{page}#{notice}")
}

/// A labelled input or textarea with its live error message.
#[component]
fn TextField(
    field: Field,
    label: &'static str,
    value: RwSignal<String>,
    state: FormState,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] notes: &'static str,
) -> impl IntoView {
    let id = field.input_id();
    let error_id = format!("{id}-error");
    let error = Memo::new(move |_| state.error(field));
    let described_by = {
        let error_id = error_id.clone();
        move || {
            let ids: Vec<&str> = [
                notes,
                if error.get().is_some() {
                    error_id.as_str()
                } else {
                    ""
                },
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.get().is_some().then_some("true");
    let input = if multiline {
        view! {
            <textarea
                id=id
                name=field.form_name()
                rows="8"
                required=required
                aria-invalid=invalid
                aria-describedby=described_by
                bind:value=value
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id
                name=field.form_name()
                type=kind
                required=required
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-invalid=invalid
                aria-describedby=described_by
                bind:value=value
            />
        }
        .into_any()
    };
    view! {
        <p class="field" class:field--invalid=move || error.get().is_some()>
            <label for=id>
                {label}
                {required.then(|| view! { " " <span class="required" aria-hidden="true">"*"</span> })}
            </label>
            {input}
            {move || error.get().map(|message| view! {
                <span id=error_id.clone() class="field__error">{message}</span>
            })}
        </p>
    }
}

/// The equation with the answer box in the blank, read aloud as
/// "blank minus 7 equals 2", and a button for a new equation.
#[component]
fn CaptchaField(state: FormState) -> impl IntoView {
    let error = Memo::new(move |_| state.error(Field::Captcha));
    let pieces = move || {
        state
            .equation
            .get()
            .pieces()
            .into_iter()
            .map(|piece| match piece {
                Piece::Number(text) => {
                    view! { <span class="captcha__term" aria-hidden="true">{text}</span> }
                        .into_any()
                }
                Piece::Operator(symbol) => {
                    view! { <span class="captcha__op" aria-hidden="true">{symbol}</span> }
                        .into_any()
                }
                Piece::Equals => {
                    view! { <span class="captcha__op" aria-hidden="true">"="</span> }.into_any()
                }
                Piece::Blank => view! {
                    <input
                        id="captcha"
                        class="captcha__input"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        required=true
                        size="4"
                        aria-invalid=move || error.get().is_some().then_some("true")
                        aria-describedby=move || error.get().is_some().then_some("captcha-error")
                        bind:value=state.answer
                        on:input=move |_| state.captcha_error.set(None)
                    />
                }
                .into_any(),
            })
            .collect_view()
    };
    view! {
        <div class="field captcha" class:field--invalid=move || error.get().is_some()>
            <label for="captcha" class="captcha__label">
                "Math Captcha"
                <span class="visually-hidden">
                    {move || format!(": {}. Type the missing number.", state.equation.get().spoken())}
                </span>
                " " <span class="required" aria-hidden="true">"*"</span>
            </label>
            <div class="captcha__equation">
                {pieces}
                <button type="button" class="captcha__new" on:click=move |_| {
                    state.new_equation();
                    state.captcha_error.set(None);
                    focus("captcha");
                }>"New equation"</button>
            </div>
            {move || error.get().map(|message| view! {
                <span id="captcha-error" class="field__error">{message}</span>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes;

    #[test]
    fn a_plain_post_comes_back_to_the_article_under_its_base_path() {
        routes::set_base("/blog/");
        let same_site = return_address("/api/comments", "naps", rules::SENT_NOTICE);
        let elsewhere = return_address(
            "https://comments.example/v3/entry/github/a/b/main/comments",
            "naps",
            rules::REFUSED_NOTICE,
        );
        routes::set_base("/");
        assert_eq!(same_site, "/blog/naps/#comment-sent");
        let site = &site::config().base_url;
        assert!(
            elsewhere.starts_with(site.trim_end_matches('/'))
                && elsewhere.ends_with("/naps/#comment-refused"),
            "{elsewhere}"
        );
    }
}
