//! The header: the shop's name, navigation, cart badge, shopper switcher, language and theme.

use super::status::StorageLine;
use super::user_switcher::UserSwitcher;
use crate::app::Shop;
use crate::ui::i18n::{Key, Lang};
use crate::ui::session::Session;
use leptos::prelude::*;
use leptos_router::components::A;

/// The header shown on every page.
#[component]
pub fn Header() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let count = move || {
        session.user.get().map_or(0, |user| {
            shop.read.carts.with(|c| c.cart(&user).item_count())
        })
    };
    view! {
        <header class="site-header">
            <div class="brand-row">
                <A href="/" attr:class="brand">{move || session.t(Key::ShopName)}</A>
                <div class="controls">
                    <UserSwitcher />
                    <label class="control">
                        <span>{move || session.t(Key::Language)}</span>
                        <select
                            data-testid="language"
                            on:change=move |ev| session.switch_language(Lang::from_code(&event_target_value(&ev)))
                        >
                            {Lang::ALL
                                .iter()
                                .map(|lang| {
                                    let lang = *lang;
                                    view! {
                                        <option value=lang.code() selected=move || session.lang.get() == lang>
                                            {lang.native_name()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <label class="control">
                        <span>{move || session.t(Key::Theme)}</span>
                        <select data-testid="theme" on:change=move |ev| session.switch_theme(event_target_value(&ev))>
                            {[("system", Key::ThemeSystem), ("light", Key::ThemeLight), ("dark", Key::ThemeDark)]
                                .into_iter()
                                .map(|(value, key)| {
                                    view! {
                                        <option value=value selected=move || session.theme.get() == value>
                                            {move || session.t(key)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                </div>
            </div>
            <nav aria-label=move || session.t(Key::MainNavigation)>
                <A href="/" exact=true>{move || session.t(Key::Catalog)}</A>
                <A href="/cart">
                    {move || session.t(Key::Cart)}
                    " "
                    <span
                        class="badge"
                        data-testid="cart-badge"
                        aria-label=move || session.tf(Key::CartBadge, &[&count()])
                    >
                        {count}
                    </span>
                </A>
                <A href="/orders">{move || session.t(Key::Orders)}</A>
                <A href="/log">{move || session.t(Key::Log)}</A>
                <A href="/metrics">{move || session.t(Key::Metrics)}</A>
            </nav>
            <StorageLine />
        </header>
    }
}
