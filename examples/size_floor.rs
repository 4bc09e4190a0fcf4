//! The smallest Leptos app with a router, built exactly like the shop: what any Leptos + router
//! app ships before it does anything. `scripts/size-floor` builds it and prints its size, the
//! floor under the shop's size budget (BENCHMARKS.md, P4).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

#[component]
fn Counter() -> impl IntoView {
    let count = RwSignal::new(0);
    view! { <button on:click=move |_| count.update(|c| *c += 1)>{move || count.get()}</button> }
}

#[component]
fn Floor() -> impl IntoView {
    view! {
        <Router>
            <nav><A href="/">"Home"</A><A href="/other">"Other"</A></nav>
            <main>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=Counter />
                    <Route path=path!("/other") view=|| view! { <p>"Other"</p> } />
                </Routes>
            </main>
        </Router>
    }
}

fn main() {
    leptos::mount::mount_to_body(Floor);
}
