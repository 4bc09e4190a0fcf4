//! The UI: pages and components that read read-model signals and send commands through the
//! shop handle. They never change state themselves.

pub mod act;
pub mod components;
pub mod i18n;
pub mod messages;
pub mod pages;
pub mod session;
pub mod shell;

pub use shell::App;
