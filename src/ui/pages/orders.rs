//! The shopper's orders: status, date, lines and total, with pay, ship and cancel offered only
//! where the lifecycle allows them.

use crate::app::Shop;
use crate::domain::{Command, OrderStatus};
use crate::projections::OrderView;
use crate::ui::act::{self, saying};
use crate::ui::i18n::{date_time, fill, money, text, DateParts, Key};
use crate::ui::messages::name_of;
use crate::ui::session::Session;
use leptos::prelude::*;

/// Every order of the current shopper, newest first.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let orders = Memo::new(move |_| {
        session
            .user
            .get()
            .map(|u| shop.read.orders.with(|o| o.orders(&u).to_vec()))
            .unwrap_or_default()
    });
    view! {
        <section aria-labelledby="orders-title">
            <h1 id="orders-title">{move || session.t(Key::Orders)}</h1>
            <Show
                when=move || orders.with(|o| !o.is_empty())
                fallback=move || view! { <p class="empty" data-testid="no-orders">{move || session.t(Key::NoOrders)}</p> }
            >
                <ol class="orders" data-testid="orders">
                    <For each=move || orders.get() key=|o| (o.id, o.status) let(order)>
                        <OrderCard order />
                    </For>
                </ol>
            </Show>
        </section>
    }
}

/// The words for an order status.
pub fn status_key(status: OrderStatus) -> Key {
    match status {
        OrderStatus::Pending => Key::Pending,
        OrderStatus::Paid => Key::Paid,
        OrderStatus::Shipped => Key::Shipped,
        OrderStatus::Cancelled => Key::Cancelled,
        OrderStatus::Rejected => Key::Rejected,
    }
}

/// One order with the actions its status allows.
#[component]
fn OrderCard(order: OrderView) -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let id = order.id;
    let cancelling = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let toast_for = move |key: Key| saying(move |lang| fill(text(lang, key), &[&id.0]));
    let pay = move |_| {
        act::send(
            shop,
            session,
            Command::PayOrder { order: id },
            toast_for(Key::OrderPaidToast),
        )
    };
    let ship = move |_| {
        act::send(
            shop,
            session,
            Command::ShipOrder { order: id },
            toast_for(Key::OrderShippedToast),
        )
    };
    let confirm_cancel = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let command = Command::CancelOrder {
            order: id,
            reason: reason.get_untracked(),
        };
        act::send(shop, session, command, toast_for(Key::OrderCancelledToast));
    };
    let status = order.status;
    let lines = order.lines.clone();
    let shortage = order.shortage.clone();
    let cancel_reason = order.cancel_reason.clone();
    let placed_at = order.placed_at;
    let total = order.total;
    view! {
        <li class="order" data-testid=format!("order-{}", id.0) data-status=format!("{status:?}")>
            <h2>{move || session.tf(Key::OrderNumber, &[&id.0])}</h2>
            <p>
                <span class=format!("status {status:?}").to_lowercase() data-testid="status">
                    {move || session.t(status_key(status))}
                </span>
                {(placed_at > 0).then(|| view! {
                    " · " {move || session.tf(Key::PlacedOn, &[&date_time(session.lang.get(), DateParts::local(placed_at))])}
                })}
            </p>
            <ul class="order-lines">
                {lines
                    .into_iter()
                    .map(|line| {
                        let product = line.product.clone();
                        view! {
                            <li>
                                {move || name_of(session.lang.get(), &shop.catalog(), &product)}
                                " × " {line.quantity} " — "
                                {move || money(session.lang.get(), line.total())}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {shortage.map(|s| view! {
                <p class="muted" data-testid="shortage">
                    {move || session.tf(Key::RejectedBecause, &[&s.available, &name_of(session.lang.get(), &shop.catalog(), &s.product), &s.requested])}
                </p>
            })}
            {cancel_reason.map(|why| view! { <p class="muted">{move || session.tf(Key::CancelledBecause, &[&why])}</p> })}
            <p class="total">{move || session.t(Key::Total)} ": " {move || money(session.lang.get(), total)}</p>
            <div class="actions">
                {(status == OrderStatus::Pending).then(|| view! {
                    <button class="primary" data-testid="pay" on:click=pay>{move || session.t(Key::Pay)}</button>
                })}
                {(status == OrderStatus::Paid).then(|| view! {
                    <button data-testid="ship" on:click=ship>{move || session.t(Key::Ship)}</button>
                })}
                {matches!(status, OrderStatus::Pending | OrderStatus::Paid).then(|| view! {
                    <button data-testid="cancel" aria-expanded=move || if cancelling.get() { "true" } else { "false" } on:click=move |_| cancelling.update(|c| *c = !*c)>
                        {move || session.t(Key::Cancel)}
                    </button>
                })}
            </div>
            <Show when=move || cancelling.get()>
                <form class="cancel" on:submit=confirm_cancel>
                    <label class="control">
                        <span>{move || session.t(Key::CancelReason)}</span>
                        <input
                            type="text"
                            data-testid="cancel-reason"
                            maxlength="300"
                            prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))
                        />
                    </label>
                    <button type="submit" data-testid="confirm-cancel">{move || session.t(Key::ConfirmCancel)}</button>
                    <button type="button" class="ghost" on:click=move |_| cancelling.set(false)>{move || session.t(Key::Keep)}</button>
                </form>
            </Show>
        </li>
    }
}
