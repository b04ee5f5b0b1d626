//! Reusable pieces of the pages.

pub mod article_card;
pub mod breadcrumb;
pub mod error_panel;
pub mod listing;
pub mod pagination;
pub mod promo_box;
pub mod site_shell;
pub mod skeleton;
