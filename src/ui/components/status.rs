//! Start-up progress, the storage status line and the toasts.

use crate::app::{Shop, Startup, StorageStatus};
use crate::ui::i18n::Key;
use crate::ui::session::{Session, ToastKind};
use leptos::prelude::*;

/// A progress bar while the log loads; the pages work as soon as it is gone.
#[component]
pub fn StartupProgress() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    move || match shop.startup.get() {
        Startup::Ready => ().into_any(),
        Startup::Loading { read, total } => view! {
            <div class="startup" role="status" data-testid="startup">
                <label>
                    {session.tf(Key::Loading, &[&read, &total])}
                    <progress max=total.max(1).to_string() value=read.to_string()></progress>
                </label>
            </div>
        }
        .into_any(),
        Startup::Failed(why) => view! {
            <div class="startup error" role="alert">{session.tf(Key::LoadFailed, &[&why])}</div>
        }
        .into_any(),
    }
}

/// Whether changes are being saved, and why not when they are not.
#[component]
pub fn StorageLine() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let reload = move |_| {
        let _ = window().location().reload();
    };
    move || {
        let (class, message, offer_reload) = match shop.status.get() {
            StorageStatus::Opening => ("pending", session.t(Key::StatusOpening).to_string(), false),
            StorageStatus::Saving => ("ok", session.t(Key::StatusSaving).to_string(), false),
            StorageStatus::NotSaving(why) => {
                ("warn", session.tf(Key::StatusNotSaving, &[&why]), false)
            }
            StorageStatus::Blocked => ("warn", session.t(Key::StatusBlocked).to_string(), false),
            StorageStatus::Closed => ("warn", session.t(Key::StatusClosed).to_string(), true),
        };
        view! {
            <p class=format!("storage-status {class}") data-testid="storage-status" role="status">
                {message}
                {offer_reload.then(|| view! { <button on:click=reload>{session.t(Key::Reload)}</button> })}
            </p>
        }
    }
}

/// The toast stack, announced politely (refusals assertively).
#[component]
pub fn Toasts() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <div class="toasts" aria-live="polite" data-testid="toasts">
            <For each=move || session.toasts.get() key=|t| t.id let(toast)>
                <div
                    class=if toast.kind == ToastKind::Error { "toast error" } else { "toast" }
                    role=if toast.kind == ToastKind::Error { "alert" } else { "status" }
                >
                    <span>{toast.text.clone()}</span>
                    <button
                        class="ghost"
                        aria-label=move || session.t(Key::Dismiss)
                        on:click=move |_| session.dismiss(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}

/// Offers the new build once it is installed; the shopper chooses when to reload.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    view! {
        <Show when=move || shop.update_ready.get()>
            <div class="update" role="status" data-testid="update-ready">
                {move || session.t(Key::NewVersion)}
                " "
                <button class="primary" on:click=move |_| crate::app::offline::apply_update()>
                    {move || session.t(Key::Reload)}
                </button>
            </div>
        </Show>
    }
}
