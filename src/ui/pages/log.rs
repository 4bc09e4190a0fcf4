//! The log made visible: every accepted command with its events, filters, time travel to any
//! point, and export/import of the whole log.

use super::transfer::Transfer;
use crate::app::Shop;
use crate::domain::Service;
use crate::projections::{ActivityEntry, ReadModels};
use crate::ui::i18n::{date_time, money, text, DateParts, Key};
use crate::ui::messages::name_of;
use crate::ui::session::Session;
use leptos::prelude::*;

/// The log page.
#[component]
pub fn LogPage() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let user_filter = RwSignal::new(String::new());
    let service_filter = RwSignal::new(String::new());
    let type_filter = RwSignal::new(String::new());
    let entries = move || {
        let (user, service, kind) = (user_filter.get(), service_filter.get(), type_filter.get());
        shop.read.activity.with(|a| {
            a.recent()
                .filter(|e| user.is_empty() || e.user == user)
                .filter(|e| service.is_empty() || e.service.name() == service)
                .filter(|e| kind.is_empty() || e.command_type == kind)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let types = move || {
        let mut types: Vec<String> = shop
            .read
            .activity
            .with(|a| a.recent().map(|e| e.command_type.clone()).collect());
        types.sort();
        types.dedup();
        types
    };
    view! {
        <section aria-labelledby="log-title">
            <h1 id="log-title">{move || session.t(Key::LogTitle)}</h1>
            <p class="muted">{move || session.t(Key::LogIntro)}</p>
            <Quarantine />
            <Transfer />
            <TimeTravel />
            <div class="filters">
                <label class="control">
                    <span>{move || session.t(Key::FilterUser)}</span>
                    <select data-testid="filter-user" on:change=move |ev| user_filter.set(event_target_value(&ev))>
                        <option value="">{move || session.t(Key::Any)}</option>
                        <For each=move || shop.read.users.get().users().to_vec() key=|u| u.id.clone() let(user)>
                            <option value=user.id.to_string()>{user.name.clone()}</option>
                        </For>
                    </select>
                </label>
                <label class="control">
                    <span>{move || session.t(Key::FilterService)}</span>
                    <select data-testid="filter-service" on:change=move |ev| service_filter.set(event_target_value(&ev))>
                        <option value="">{move || session.t(Key::Any)}</option>
                        {Service::ALL.into_iter().map(|s| view! { <option value=s.name()>{move || session.t(service_key(s))}</option> }).collect_view()}
                    </select>
                </label>
                <label class="control">
                    <span>{move || session.t(Key::FilterType)}</span>
                    <select data-testid="filter-type" on:change=move |ev| type_filter.set(event_target_value(&ev))>
                        <option value="">{move || session.t(Key::Any)}</option>
                        <For each=types key=|t| t.clone() let(kind)>
                            <option value=kind.clone()>{kind.clone()}</option>
                        </For>
                    </select>
                </label>
            </div>
            <table class="log" data-testid="log-entries">
                <thead>
                    <tr>
                        <th scope="col">{move || session.t(Key::Seq)}</th>
                        <th scope="col">{move || session.t(Key::Time)}</th>
                        <th scope="col">{move || session.t(Key::FilterUser)}</th>
                        <th scope="col">{move || session.t(Key::Command)}</th>
                        <th scope="col">{move || session.t(Key::Events)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=entries key=|e| e.seq let(entry)>
                        <LogRow entry />
                    </For>
                </tbody>
            </table>
            <Show when=move || entries().is_empty()>
                <p class="empty">{move || session.t(Key::NoEntries)}</p>
            </Show>
        </section>
    }
}

/// The name of a service in the language.
pub fn service_key(service: Service) -> Key {
    match service {
        Service::Cart => Key::ServiceCart,
        Service::Order => Key::ServiceOrder,
        Service::Users => Key::ServiceUsers,
    }
}

#[component]
fn LogRow(entry: ActivityEntry) -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let issued = entry.issued_at;
    let user = crate::domain::UserId::new(entry.user.clone());
    let who = move || {
        shop.read.users.with(|u| {
            u.name(&user)
                .map_or_else(|| user.to_string(), str::to_string)
        })
    };
    view! {
        <tr data-testid="log-entry">
            <td>{entry.seq}</td>
            <td>{move || date_time(session.lang.get(), DateParts::local(issued))}</td>
            <td title=entry.user.clone()>{who}</td>
            <td>
                <code>{entry.command_type.clone()}</code>
                <span class="muted">" · " {move || session.t(service_key(entry.service))}</span>
            </td>
            <td>
                <ul class="events">
                    {entry
                        .events
                        .iter()
                        .map(|e| view! { <li><code>{e.event_type.clone()}</code> " " <span class="muted">{format!("{}@{}", e.stream, e.version)}</span></li> })
                        .collect_view()}
                </ul>
            </td>
        </tr>
    }
}

/// How many records could not be read, and what they were.
#[component]
fn Quarantine() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    view! {
        <Show when=move || shop.quarantined.with(|q| !q.is_empty())>
            <details class="quarantine" data-testid="quarantine">
                <summary>{move || session.tf(Key::Quarantined, &[&shop.quarantined.with(Vec::len)])}</summary>
                <ul>
                    <For each=move || shop.quarantined.get() key=|q| q.seq let(q)>
                        <li>"#" {q.seq} ": " {q.reason.clone()} <pre>{q.raw.clone()}</pre></li>
                    </For>
                </ul>
            </details>
        </Show>
    }
}

/// Pick a point in the log and see the read models as they were then.
#[component]
fn TimeTravel() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let point = RwSignal::new(0u64);
    let then = RwSignal::new(None::<(u64, ReadModels)>);
    let travel = move |_| {
        let at = point.get_untracked();
        leptos::task::spawn_local(async move {
            let records = shop.read_log(Some(at)).await;
            then.set(Some((at, ReadModels::rebuild(&shop.catalog(), &records))));
        });
    };
    let summary = move || {
        let user = session.user.get()?;
        let lang = session.lang.get();
        then.with(|t| {
            let (at, models) = t.as_ref()?;
            let cart = models.carts.cart(&user);
            let catalog = shop.catalog();
            let lines: Vec<String> = cart
                .lines
                .iter()
                .map(|l| format!("{} × {}", name_of(lang, &catalog, &l.product), l.quantity))
                .collect();
            let orders: Vec<String> = models
                .orders
                .orders(&user)
                .iter()
                .map(|o| {
                    let status = text(lang, super::orders::status_key(o.status));
                    format!("#{} {status} {}", o.id.0, money(lang, o.total))
                })
                .collect();
            Some((*at, lines, money(lang, cart.total()), orders))
        })
    };
    view! {
        <fieldset class="time-travel">
            <legend>{move || session.t(Key::TimeTravel)}</legend>
            <p class="muted">{move || session.t(Key::TimeTravelHint)}</p>
            <label class="control">
                <span>{move || session.tf(Key::AfterCommand, &[&point.get()])}</span>
                <input
                    type="range"
                    min="0"
                    data-testid="travel-point"
                    max=move || shop.last_seq.get().to_string()
                    prop:value=move || point.get().to_string()
                    on:input=move |ev| point.set(event_target_value(&ev).parse().unwrap_or(0))
                />
            </label>
            <button data-testid="travel" on:click=travel>{move || session.t(Key::TimeTravel)}</button>
            <button class="ghost" on:click=move |_| then.set(None) disabled=move || then.with(Option::is_none)>
                {move || session.t(Key::BackToLive)}
            </button>
            {move || summary().map(|(at, lines, total, orders)| view! {
                <div class="then" data-testid="travel-view" aria-live="polite">
                    <h2>{session.t(Key::AsOfThen)} " — " {session.tf(Key::AfterCommand, &[&at])}</h2>
                    <h3>{session.t(Key::Cart)}</h3>
                    <ul data-testid="travel-cart">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    <p data-testid="travel-total">{session.t(Key::Total)} ": " {total}</p>
                    <h3>{session.t(Key::Orders)}</h3>
                    <ul data-testid="travel-orders">{orders.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
                </div>
            })}
        </fieldset>
    }
}
