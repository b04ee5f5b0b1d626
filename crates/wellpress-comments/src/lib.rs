//! The comment receiver: it takes the comment form's posts (Staticman's
//! request), stores each comment once, durably, as a pending file, and
//! gives the site owner moderation commands that move comments to
//! approved (published by the next build), rejected or spam.
//!
//! - [`config`], `comments.toml`;
//! - [`store`], the comment files and their states;
//! - [`receive`], one submission, checked and stored once, with what it
//!   remembers between submissions in [`guard`];
//! - [`http`], the same over HTTP (hyper, axum);
//! - [`moderate`], the terminal commands.

pub mod config;
pub mod guard;
pub mod http;
pub mod moderate;
pub mod receive;
pub mod store;
