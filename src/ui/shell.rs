//! The app shell: context, start-up, the router with one real URL per page, and the parts every
//! page shares.

use super::components::header::Header;
use super::components::status::{StartupProgress, Toasts, UpdatePrompt};
use super::pages::{CartPage, CatalogPage, LogPage, MetricsPage, OrdersPage};
use super::session::Session;
use crate::app::{startup, Shop};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole shop.
#[component]
pub fn App() -> impl IntoView {
    let shop = Shop::new();
    let session = Session::load();
    provide_context(shop);
    provide_context(session);
    leptos::task::spawn_local(startup::start(shop, startup::DB_NAME));

    // Sync the document with the session: language for screen readers, theme for CSS.
    Effect::new(move |_| {
        let lang = session.lang.get();
        let theme = session.theme.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
            let _ = root.set_attribute("data-theme", &theme);
        }
    });

    // Keep the current shopper valid: the remembered one if it still exists, else the first.
    Effect::new(move |_| {
        let users = shop.read.users.get();
        let current = session.user.get_untracked();
        let known = current
            .as_ref()
            .is_some_and(|id| users.users().iter().any(|u| &u.id == id));
        if !known {
            if let Some(first) = users.users().first() {
                session.switch_user(first.id.clone());
            }
        }
    });

    view! {
        <Router>
            <a class="skip-link" href="#main">{move || session.t(super::i18n::Key::SkipToContent)}</a>
            <Header />
            <UpdatePrompt />
            <StartupProgress />
            <main id="main" tabindex="-1">
                <Routes fallback=move || view! { <p class="empty">{move || session.t(super::i18n::Key::NotFound)}</p> }>
                    <Route path=path!("/") view=CatalogPage />
                    <Route path=path!("/cart") view=CartPage />
                    <Route path=path!("/orders") view=OrdersPage />
                    <Route path=path!("/log") view=LogPage />
                    <Route path=path!("/metrics") view=MetricsPage />
                </Routes>
            </main>
            <Toasts />
        </Router>
    }
}
