//! The comment receiver: it takes the comment form's posts (Staticman's
//! request), stores each comment once, durably, as a pending file, and
//! gives the site owner moderation commands that move comments to
//! approved (published by the next build), rejected or spam.
//!
//! - [`config`], `comments.toml`;
//! - [`store`], the comment files and their states;
//! - [`receive`], one submission, checked and stored once: its body read
//!   by [`decode`], its answer a [`reply`], what it remembers between
//!   submissions in [`guard`], the owner told by [`notify`];
//! - [`http`], the same over HTTP (hyper, axum);
//! - [`moderate`], the terminal commands.

pub mod config;
pub mod decode;
pub mod guard;
pub mod http;
pub mod moderate;
pub mod notify;
pub mod receive;
pub mod reply;
pub mod store;
