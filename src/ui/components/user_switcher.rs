//! Pick a shopper, or add one. Names are shown as text, never as HTML.

use crate::app::{Outcome, Shop};
use crate::domain::{Command, UserId};
use crate::ui::i18n::Key;
use crate::ui::messages::failure;
use crate::ui::session::{Session, ToastKind};
use leptos::prelude::*;

/// The shopper switcher with its "add shopper" form.
#[component]
pub fn UserSwitcher() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let name = RwSignal::new(String::new());
    // Switching shopper re-renders two options, not every option in the list.
    let chosen = StoredValue::new(Selector::new(move || session.user.get()));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked();
        let id = UserId::new(format!("user-{}", crate::app::clock::random_tag()));
        leptos::task::spawn_local(async move {
            let outcome = shop.send(&id, Command::RegisterUser { name: typed }).await;
            let lang = session.lang.get_untracked();
            match (&outcome, failure(lang, &outcome, &shop.catalog())) {
                (_, Some(message)) => session.toast(ToastKind::Error, message),
                (Outcome::Accepted(_), None) => {
                    let shown = shop
                        .read
                        .users
                        .with_untracked(|u| u.name(&id).map(str::to_string));
                    session.switch_user(id);
                    name.set(String::new());
                    let message = session.say(Key::ShopperAdded, &[&shown.unwrap_or_default()]);
                    session.toast(ToastKind::Info, message);
                }
                _ => {}
            }
        });
    };
    view! {
        <div class="user-switcher">
            <Show when=move || shop.read.users.with(|u| !u.users().is_empty())>
                <label class="control">
                    <span>{move || session.t(Key::Shopper)}</span>
                    <select
                        data-testid="user"
                        on:change=move |ev| session.switch_user(UserId::new(event_target_value(&ev)))
                    >
                        <For each=move || shop.read.users.get().users().to_vec() key=|u| u.id.clone() let(user)>
                            <option
                                value=user.id.to_string()
                                selected={
                                    let id = Some(user.id.clone());
                                    move || chosen.with_value(|c| c.selected(&id))
                                }
                            >
                                {user.name.clone()}
                            </option>
                        </For>
                    </select>
                </label>
            </Show>
            <form class="add-user" on:submit=add>
                <label class="control">
                    <span class="visually-hidden">{move || session.t(Key::ShopperName)}</span>
                    <input
                        data-testid="new-user"
                        type="text"
                        maxlength="64"
                        placeholder=move || session.t(Key::AddShopper)
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" data-testid="add-user">{move || session.t(Key::Add)}</button>
            </form>
        </div>
    }
}
