//! The comments under an article: the threaded list (published comments
//! and the visitor's own, awaiting moderation or waiting to be sent), and
//! the form, which moves under a comment to reply to it.

use leptos::prelude::*;
use wellpress_types::{Comment, format_datetime, names, thread};

use super::{
    form::{CommentForm, FormState, keep_draft},
    outbox::{Outbox, use_outbox},
    store::{MyComment, Status},
};
use crate::site;

/// A comment in the tree. The status of the visitor's own comments is
/// read by each item, so a status change never rebuilds the list (and the
/// reply form inside it).
#[derive(Debug, Clone, PartialEq)]
struct Node {
    comment: Comment,
    own: bool,
    children: Vec<Node>,
}

/// Builds the reply tree from the flat, threaded order.
fn tree(comments: &[Comment], own: &[MyComment]) -> Vec<Node> {
    let mut roots: Vec<Node> = Vec::new();
    for item in thread(comments) {
        let node = Node {
            comment: item.comment.clone(),
            own: own.iter().any(|m| m.client_id() == item.comment.id),
            children: Vec::new(),
        };
        insert(&mut roots, item.depth, node);
    }
    roots
}

/// Puts `node` at `depth` under the most recent comment of each level.
fn insert(level: &mut Vec<Node>, depth: usize, node: Node) {
    match level.last_mut() {
        Some(parent) if depth > 0 => insert(&mut parent.children, depth - 1, node),
        _ => level.push(node),
    }
}

/// "N thoughts on “Title”", the thread, and the form (or "Comments are
/// closed." when the site has no comment endpoint).
#[component]
pub fn CommentsSection(slug: String, title: String, comments: Vec<Comment>) -> impl IntoView {
    let outbox = use_outbox();
    let open = site::config().comments.endpoint.is_some();
    let state = FormState::new();
    if open {
        keep_draft(slug.clone(), state);
    }
    {
        let (slug, comments) = (slug.clone(), comments.clone());
        Effect::new(move |_| outbox.forget_published(&slug, &comments));
    }
    {
        // A saved draft may answer a comment that is no longer shown; the
        // form would then have nowhere to appear.
        let ids: Vec<String> = comments.iter().map(|c| c.id.clone()).collect();
        Effect::new(move |_| {
            if state
                .replying_to
                .with(|r| r.as_ref().is_some_and(|(id, _)| !ids.contains(id)))
            {
                state.replying_to.set(None);
            }
        });
    }

    let published = comments.len();
    let heading = match published {
        0 => None,
        1 => Some(format!("One thought on “{title}”")),
        n => Some(format!("{n} thoughts on “{title}”")),
    };
    let nodes = {
        let slug = slug.clone();
        Memo::new(move |_| {
            let own = outbox.for_article(&slug);
            let mut all = comments.clone();
            all.extend(own.iter().map(|mine| mine.comment.clone()));
            tree(&all, &own)
        })
    };
    let form_slug = slug.clone();
    let form = move || view! { <CommentForm slug=form_slug.clone() state /> };
    let form_here = form.clone();

    view! {
        <section id="comments" class="comments" aria-labelledby="comments-heading">
            {match heading {
                Some(text) => view! { <h2 id="comments-heading">{text}</h2> }.into_any(),
                None => view! { <h2 id="comments-heading" class="visually-hidden">"Comments"</h2> }.into_any(),
            }}
            {move || {
                let nodes = nodes.get();
                (!nodes.is_empty()).then(|| view! {
                    <ol class="comment-list">
                        {nodes.into_iter().map(|node| view! { <CommentItem node state open outbox form=form.clone() /> }).collect_view()}
                    </ol>
                })
            }}
            {move || match (open, state.replying_to.get()) {
                (false, _) => Some(view! { <p class="comments-closed">"Comments are closed."</p> }.into_any()),
                (true, None) => Some(form_here().into_any()),
                (true, Some(_)) => None,
            }}
        </section>
    }
}

#[component]
fn CommentItem<F, V>(
    node: Node,
    state: FormState,
    open: bool,
    outbox: Outbox,
    form: F,
) -> impl IntoView
where
    F: Fn() -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let Node {
        comment,
        own,
        children,
    } = node;
    let id = comment.id.clone();
    let reply_target = (comment.id.clone(), comment.name.clone());
    let author = match comment.url.clone() {
        Some(url) => view! { <a href=url rel="nofollow ugc noopener" class="comment__author">{comment.name.clone()}</a> }.into_any(),
        None => view! { <b class="comment__author">{comment.name.clone()}</b> }.into_any(),
    };
    // The visitor's own comments are not published yet: nothing to reply to.
    let can_reply = open && !own;
    let status_id = id.clone();
    let status = move || {
        outbox.status_of(&status_id).map(|status| {
        let (id, send_id) = (status_id.clone(), status_id.clone());
        match status {
            Status::Sent => view! { <p class="comment__awaiting">"Your comment is awaiting moderation."</p> }.into_any(),
            Status::Waiting { reason } => view! {
                <p class="comment__waiting">
                    {move || if outbox.is_sending(&id) {
                        "Sending your comment…".to_owned()
                    } else if outbox.is_kept() {
                        format!("Not sent yet: it is saved in this browser and will be sent when you are back online. {reason}")
                    } else {
                        format!("Not sent yet, and this browser cannot keep a copy: keep this page open, and it will be sent when you are back online. {reason}")
                    }}
                    " "
                    <button type="button" class="link-button" on:click={
                        move |_| {
                            let id = send_id.clone();
                            leptos::task::spawn_local(async move {
                                let _ = outbox.send(&id).await;
                            });
                        }
                    }>"Send now"</button>
                </p>
            }
            .into_any(),
            Status::Rejected { reason } => view! {
                <p class="comment__waiting">
                    {format!("The site refused this comment. {reason} Copy the text below if you want to keep it.")}
                    " "
                    <button type="button" class="link-button" on:click=move |_| outbox.remove(&send_id)>
                        "Remove"
                    </button>
                </p>
            }
            .into_any(),
        }
    })
    };
    let replying_here = {
        let id = id.clone();
        move || {
            state
                .replying_to
                .with(|r| r.as_ref().is_some_and(|(target, _)| *target == id))
        }
    };
    let name_for_label = comment.name.clone();
    let form_for_reply = form.clone();

    view! {
        <li class="comment" id=format!("comment-{}", comment.id)>
            <article class="comment__body">
                <footer class="comment__meta">
                    {author}
                    <span class="comment__says">" says:"</span>
                    <time class="comment__date" datetime=comment.date.clone()>{format_datetime(&comment.date)}</time>
                </footer>
                {status}
                <div class="comment__content">{paragraphs(&comment.message)}</div>
                {can_reply.then(|| view! {
                    <a
                        class="comment__reply"
                        href="#respond"
                        aria-label=format!("Reply to {name_for_label}")
                        on:click=move |event| {
                            event.prevent_default();
                            state.replying_to.set(Some(reply_target.clone()));
                            request_animation_frame(|| {
                                if let Some(textarea) = document().get_element_by_id(names::COMMENT_FIELD_ID) {
                                    use wasm_bindgen::JsCast;
                                    let _ = textarea.unchecked_into::<web_sys::HtmlElement>().focus();
                                }
                            });
                        }
                    >"Reply"</a>
                })}
            </article>
            {move || replying_here().then(&form_for_reply)}
            {(!children.is_empty()).then(|| view! {
                <ol class="comment-list__children">
                    {children.into_iter().map(|node| {
                        view! { <CommentItem node state open outbox form=form.clone() /> }.into_any()
                    }).collect_view()}
                </ol>
            })}
        </li>
    }
}

/// A visitor's text as paragraphs and line breaks, always as text.
fn paragraphs(message: &str) -> impl IntoView + use<> {
    message
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|paragraph| {
            let lines: Vec<String> = paragraph.trim().lines().map(str::to_owned).collect();
            let last = lines.len().saturating_sub(1);
            view! {
                <p>
                    {lines.into_iter().enumerate().map(|(i, line)| view! {
                        {line}
                        {(i < last).then(|| view! { <br /> })}
                    }).collect_view()}
                </p>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str, date: &str, parent: Option<&str>) -> Comment {
        Comment {
            id: id.into(),
            name: id.into(),
            url: None,
            message: "m".into(),
            date: date.into(),
            replying_to: parent.map(Into::into),
        }
    }

    #[test]
    fn builds_nested_replies() {
        let comments = vec![
            c("a", "2026-01-01", None),
            c("b", "2026-01-02", Some("a")),
            c("c", "2026-01-03", Some("b")),
            c("d", "2026-01-04", None),
        ];
        let roots = tree(&comments, &[]);
        assert_eq!(roots.len(), 2);
        assert_eq!(roots[0].children[0].comment.id, "b");
        assert_eq!(roots[0].children[0].children[0].comment.id, "c");
        assert_eq!(roots[1].comment.id, "d");
    }
}
