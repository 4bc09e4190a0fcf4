//! The UI's own state: who is shopping, the language, the theme and the toasts. Remembered with
//! gloo-storage; never part of the log.

use super::i18n::{fill, text, Key, Lang};
use crate::app::prefs;
use crate::domain::UserId;
use leptos::prelude::*;

/// How a toast reads: news, or a refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

/// A short message announced to screen readers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub id: u64,
    pub kind: ToastKind,
    pub text: String,
}

/// How long a toast stays, in milliseconds.
const TOAST_MS: u64 = 6_000;

/// The session, provided as context to every component.
#[derive(Clone, Copy)]
pub struct Session {
    pub user: RwSignal<Option<UserId>>,
    pub lang: RwSignal<Lang>,
    pub theme: RwSignal<String>,
    pub toasts: RwSignal<Vec<Toast>>,
    next_toast: StoredValue<u64>,
}

impl Session {
    /// The session as the preferences left it.
    pub fn load() -> Self {
        Self {
            user: RwSignal::new(prefs::user()),
            lang: RwSignal::new(prefs::language().map_or(Lang::En, |c| Lang::from_code(&c))),
            theme: RwSignal::new(prefs::theme().unwrap_or_else(|| "system".into())),
            toasts: RwSignal::new(Vec::new()),
            next_toast: StoredValue::new(0),
        }
    }

    /// A text in the current language (tracked: views re-render on a language switch).
    pub fn t(&self, key: Key) -> &'static str {
        text(self.lang.get(), key)
    }

    /// A text with values, in the current language.
    pub fn tf(&self, key: Key, values: &[&dyn std::fmt::Display]) -> String {
        fill(self.t(key), values)
    }

    /// A text with values in the current language, read without tracking: for event handlers
    /// and async code, where there is nothing to re-render.
    pub fn say(&self, key: Key, values: &[&dyn std::fmt::Display]) -> String {
        fill(text(self.lang.get_untracked(), key), values)
    }

    /// Switches the shopper and remembers the choice.
    pub fn switch_user(&self, user: UserId) {
        prefs::set_user(&user);
        self.user.set(Some(user));
    }

    /// Switches the language and remembers it.
    pub fn switch_language(&self, lang: Lang) {
        prefs::set_language(lang.code());
        self.lang.set(lang);
    }

    /// Switches the theme and remembers it.
    pub fn switch_theme(&self, theme: String) {
        prefs::set_theme(&theme);
        self.theme.set(theme);
    }

    /// Shows a toast for a few seconds.
    pub fn toast(&self, kind: ToastKind, text: String) {
        let id = self.next_toast.get_value() + 1;
        self.next_toast.set_value(id);
        self.toasts.update(|t| {
            t.push(Toast { id, kind, text });
            // Keep the stack short on a phone.
            if t.len() > 4 {
                t.remove(0);
            }
        });
        let toasts = self.toasts;
        set_timeout(
            move || toasts.update(|t| t.retain(|toast| toast.id != id)),
            std::time::Duration::from_millis(TOAST_MS),
        );
    }

    /// Closes a toast now.
    pub fn dismiss(&self, id: u64) {
        self.toasts.update(|t| t.retain(|toast| toast.id != id));
    }
}
