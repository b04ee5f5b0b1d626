//! Everything about comments: the threaded list and the "Leave a Reply"
//! form ([`section`], [`form`]), the math captcha ([`captcha`]), the rules a
//! comment must meet and the request it is sent as ([`rules`], shared with
//! the comment receiver in `wellpress-types`), what the
//! browser keeps for a commenter ([`store`]), the outbox that sends comments
//! again until they arrive ([`outbox`]) and the lock that lets one tab at a
//! time send one ([`locks`]). What a press of "Post Comment" does is decided
//! apart from the form, as a pure function ([`submit`]).

pub mod captcha;
pub mod form;
pub mod locks;
pub mod outbox;
pub use wellpress_types::comment_rules as rules;
pub mod section;
pub mod store;
pub mod submit;
