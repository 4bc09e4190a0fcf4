//! Small preferences kept in localStorage: who is shopping, in which language, which theme.

use crate::domain::UserId;
use gloo_storage::{LocalStorage, Storage};

const USER: &str = "cqrs-shop.user";
const LANGUAGE: &str = "cqrs-shop.language";
const THEME: &str = "cqrs-shop.theme";

/// The shopper this device last used.
pub fn user() -> Option<UserId> {
    LocalStorage::get::<String>(USER).ok().map(UserId::new)
}

/// Remembers the current shopper.
pub fn set_user(user: &UserId) {
    // A full or disabled localStorage only costs the preference, never a command.
    let _ = LocalStorage::set(USER, user.as_str());
}

/// The language code last chosen ("en" or "zh").
pub fn language() -> Option<String> {
    LocalStorage::get(LANGUAGE).ok()
}

/// Remembers the language.
pub fn set_language(code: &str) {
    let _ = LocalStorage::set(LANGUAGE, code);
}

/// The theme last chosen ("light", "dark" or "system").
pub fn theme() -> Option<String> {
    LocalStorage::get(THEME).ok()
}

/// Remembers the theme.
pub fn set_theme(theme: &str) {
    let _ = LocalStorage::set(THEME, theme);
}
