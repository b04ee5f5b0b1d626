//! Moving a site in from WordPress: `scripts/import <export.xml>` reads the
//! export WordPress writes under Tools → Export and writes articles,
//! authors, comments, the category tree and redirects from the old
//! addresses into `content/`,
//! and the images posts use into `public/images/uploads/`, so that the next
//! build publishes them.

pub mod autop;
mod body;
mod comment_files;
mod disk;
pub mod fresh;
pub mod html;
mod links;
pub mod menus;
pub mod moved;
mod report;
pub mod run;
pub mod settings;
pub mod shortcode;
pub mod tree;
pub mod uploads;
pub mod wxr;

pub use report::Report;
pub use run::{Options, import};
