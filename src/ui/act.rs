//! The one way components send commands: through the shop handle, with the outcome shown as a
//! toast (a refusal says why; storage failures say the change was not saved).

use super::i18n::Lang;
use super::messages::failure;
use super::session::{Session, ToastKind};
use crate::app::{Outcome, Shop};
use crate::domain::Command;
use leptos::prelude::*;

/// What to say when the command is accepted.
pub type Success = Box<dyn FnOnce(Lang, &Outcome) -> Option<String>>;

/// Sends a command as the current shopper. Cart changes are remembered for undo.
pub fn send(shop: Shop, session: Session, command: Command, success: Success) {
    let Some(user) = session.user.get_untracked() else {
        return;
    };
    let cart_change = matches!(
        command,
        Command::AddItem { .. }
            | Command::ChangeQuantity { .. }
            | Command::RemoveItem { .. }
            | Command::ClearCart
    );
    leptos::task::spawn_local(async move {
        let outcome = if cart_change {
            shop.send_cart_change(&user, command).await
        } else {
            shop.send(&user, command).await
        };
        report(shop, session, &outcome, success);
    });
}

/// Shows the outcome of a command.
pub fn report(shop: Shop, session: Session, outcome: &Outcome, success: Success) {
    let lang = session.lang.get_untracked();
    match failure(lang, outcome, &shop.catalog()) {
        Some(message) => session.toast(ToastKind::Error, message),
        None => {
            if let Some(message) = success(lang, outcome) {
                session.toast(ToastKind::Info, message);
            }
        }
    }
}

/// Says nothing on success.
pub fn quietly() -> Success {
    Box::new(|_, _| None)
}

/// Says a fixed text on success.
pub fn saying(text: impl Fn(Lang) -> String + 'static) -> Success {
    Box::new(move |lang, _| Some(text(lang)))
}
