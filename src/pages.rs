//! One module per route.

pub mod archive;
pub mod article;
pub mod home;
pub mod not_found;
