//! Reusable pieces of the pages.

pub mod article_card;
pub mod error_panel;
pub mod site_shell;
pub mod skeleton;
