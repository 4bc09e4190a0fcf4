//! Parts shared by several pages.

pub mod header;
pub mod status;
pub mod user_switcher;
