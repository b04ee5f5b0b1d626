//! Reusable pieces of the pages.

pub mod article_card;
pub mod author;
pub mod breadcrumb;
pub mod error_panel;
pub mod listing;
pub mod pagination;
pub mod picture;
pub mod promo_box;
pub mod share;
pub mod site_shell;
pub mod skeleton;
pub mod table_of_contents;
