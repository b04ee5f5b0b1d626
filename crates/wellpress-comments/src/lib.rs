//! The comment receiver: it takes the comment form's posts (Staticman's
//! request), stores each comment once, durably, as a pending file, and
//! gives the site owner moderation commands that move comments to
//! approved (published by the next build), rejected or spam.
//!
//! - [`store`]: the comment files and their states;
//! - [`receive`]: one submission, checked and stored once;
//! - [`http`]: the same over HTTP (axum);
//! - [`moderate`]: the terminal commands.

pub mod http;
pub mod moderate;
pub mod receive;
pub mod store;
