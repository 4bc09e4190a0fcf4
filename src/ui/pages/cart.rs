//! The cart: quantity steppers, remove, empty, undo, totals and checkout.

use crate::app::Shop;
use crate::domain::error::MAX_QUANTITY;
use crate::domain::{parse_quantity, Command, Money, ProductId};
use crate::projections::CartView;
use crate::ui::act::{self, quietly, saying};
use crate::ui::i18n::{money, text, Key};
use crate::ui::messages::{describe, name_of};
use crate::ui::session::{Session, ToastKind};
use leptos::prelude::*;

/// The current shopper's cart.
#[component]
pub fn CartPage() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let cart = Memo::new(move |_| {
        session
            .user
            .get()
            .map(|u| shop.read.carts.with(|c| c.cart(&u)))
            .unwrap_or_default()
    });
    let can_undo = move || {
        let user = session.user.get();
        shop.undo
            .with(|u| u.as_ref().is_some_and(|p| Some(&p.user) == user.as_ref()))
    };
    let undo = move |_| {
        let Some(point) = shop.undo.get_untracked() else {
            return;
        };
        shop.undo.set(None);
        let command = Command::RestoreCart { lines: point.lines };
        act::send(
            shop,
            session,
            command,
            saying(|lang| text(lang, Key::Undone).into()),
        );
    };
    let clear = move |_| act::send(shop, session, Command::ClearCart, quietly());
    let check_out = move |_| {
        act::send(
            shop,
            session,
            Command::CheckOut,
            saying(|lang| text(lang, Key::OrderPlacedToast).into()),
        );
        crate::app::device::ask_for_persistence();
    };
    let busy = move || cart.with(|c| c.checking_out);
    view! {
        <section aria-labelledby="cart-title">
            <h1 id="cart-title">{move || session.t(Key::Cart)}</h1>
            <Show
                when=move || cart.with(|c| !c.lines.is_empty())
                fallback=move || view! { <p class="empty" data-testid="cart-empty">{move || session.t(Key::CartEmpty)}</p> }
            >
                <table class="cart" data-testid="cart-lines">
                    <thead>
                        <tr>
                            <th scope="col">{move || session.t(Key::Product)}</th>
                            <th scope="col">{move || session.t(Key::UnitPrice)}</th>
                            <th scope="col">{move || session.t(Key::Quantity)}</th>
                            <th scope="col">{move || session.t(Key::LineTotal)}</th>
                            <th scope="col"><span class="visually-hidden">{move || session.t(Key::Remove)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || cart.get().lines key=|l| l.product.clone() let(line)>
                            <CartRow product=line.product unit_price=line.unit_price cart locked=Signal::derive(busy) />
                        </For>
                    </tbody>
                </table>
                <p class="total" data-testid="cart-total">
                    {move || session.t(Key::Total)} ": "
                    {move || money(session.lang.get(), cart.with(CartView::total))}
                </p>
            </Show>
            <div class="actions">
                <button data-testid="undo" on:click=undo disabled=move || !can_undo() || busy()>
                    {move || session.t(Key::Undo)}
                </button>
                <button data-testid="clear" on:click=clear disabled=move || cart.with(|c| c.lines.is_empty()) || busy()>
                    {move || session.t(Key::ClearCart)}
                </button>
                <button class="primary" data-testid="checkout" on:click=check_out disabled=move || cart.with(|c| c.lines.is_empty()) || busy()>
                    {move || if busy() { session.t(Key::CheckingOut) } else { session.t(Key::PlaceOrder) }}
                </button>
            </div>
        </section>
    }
}

/// One cart line with its stepper. The row stays while its product is in the cart and follows
/// the line's quantity, so a step updates a few text nodes, and keeps the focus on the button.
#[component]
fn CartRow(
    product: ProductId,
    unit_price: Money,
    cart: Memo<CartView>,
    locked: Signal<bool>,
) -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let line = {
        let product = product.clone();
        Memo::new(move |_| {
            cart.with(|c| {
                c.lines
                    .iter()
                    .find(|l| l.product == product)
                    .map_or((0, Money::default()), |l| (l.quantity, l.line_total))
            })
        })
    };
    let quantity = move || line.get().0;
    let typed = RwSignal::new(line.get_untracked().0.to_string());
    // The box shows the quantity again whenever it changes, here or in another tab.
    Effect::new(move |_| typed.set(quantity().to_string()));
    let name = {
        let product = product.clone();
        move || name_of(session.lang.get(), &shop.catalog(), &product)
    };
    let change = {
        let product = product.clone();
        move |to: i64| {
            let command = Command::ChangeQuantity {
                product: product.clone(),
                quantity: to,
            };
            act::send(shop, session, command, quietly());
        }
    };
    let typed_change = {
        let change = change.clone();
        move |_| {
            let now = line.get_untracked().0;
            match parse_quantity(&typed.get_untracked()) {
                Ok(to) if to != i64::from(now) => change(to),
                Ok(_) => {}
                Err(error) => {
                    typed.set(now.to_string());
                    let lang = session.lang.get_untracked();
                    session.toast(ToastKind::Error, describe(lang, &error, &shop.catalog()));
                }
            }
        }
    };
    let remove = {
        let product = product.clone();
        move |_| {
            act::send(
                shop,
                session,
                Command::RemoveItem {
                    product: product.clone(),
                },
                quietly(),
            )
        }
    };
    let (less, more) = (change.clone(), change);
    view! {
        <tr data-testid=format!("line-{product}")>
            <th scope="row">{name.clone()}</th>
            <td>{move || money(session.lang.get(), unit_price)}</td>
            <td>
                <div class="stepper">
                    <button
                        data-testid="decrease"
                        aria-label={ let name = name.clone(); move || session.tf(Key::Decrease, &[&name()]) }
                        disabled=move || { quantity() <= 1 || locked.get() }
                        on:click=move |_| less(i64::from(line.get_untracked().0) - 1)
                    >
                        "−"
                    </button>
                    <input
                        type="text"
                        inputmode="numeric"
                        size="3"
                        data-testid="line-quantity"
                        aria-label={ let name = name.clone(); move || session.tf(Key::QuantityOf, &[&name()]) }
                        prop:value=move || typed.get()
                        disabled=move || locked.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                        on:change=typed_change
                    />
                    <button
                        data-testid="increase"
                        aria-label={ let name = name.clone(); move || session.tf(Key::Increase, &[&name()]) }
                        disabled=move || { quantity() >= MAX_QUANTITY || locked.get() }
                        on:click=move |_| more(i64::from(line.get_untracked().0) + 1)
                    >
                        "+"
                    </button>
                </div>
            </td>
            <td data-testid="line-total">{move || money(session.lang.get(), line.get().1)}</td>
            <td>
                <button
                    class="ghost"
                    data-testid="remove"
                    aria-label=move || session.tf(Key::RemoveProduct, &[&name()])
                    disabled=move || locked.get()
                    on:click=remove
                >
                    {move || session.t(Key::Remove)}
                </button>
            </td>
        </tr>
    }
}
