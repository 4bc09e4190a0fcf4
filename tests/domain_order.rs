//! Specifications of the order service's rules and of the checkout process.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use cqrs_shop::domain::*;
use support::*;

fn line(id: &str, quantity: u32) -> OrderLine {
    let catalog = Catalog::builtin();
    OrderLine {
        product: product(id),
        quantity,
        unit_price: catalog.product(&product(id)).unwrap().price,
    }
}

fn placed(order: u64, user: &UserId, lines: Vec<OrderLine>) -> Vec<Event> {
    let total = cqrs_shop::domain::lines::order_total(&lines);
    let items = lines
        .iter()
        .map(|l| CartLine {
            product: l.product.clone(),
            quantity: l.quantity,
        })
        .collect();
    vec![
        Event::OrderPlaced {
            order: OrderId(order),
            user: user.clone(),
            checkout: CheckoutId::new(format!("c{order}")),
            lines,
            total,
            placed_at: 1_000,
        },
        Event::StockReserved {
            order: OrderId(order),
            items,
        },
    ]
}

fn with(mut history: Vec<Event>, more: impl IntoIterator<Item = Event>) -> Vec<Event> {
    history.extend(more);
    history
}

fn paid(order: u64) -> Event {
    Event::OrderPaid {
        order: OrderId(order),
        user: alice(),
        amount: Money::default(),
    }
}

fn shipped(order: u64) -> Event {
    Event::OrderShipped {
        order: OrderId(order),
        user: alice(),
    }
}

fn cancel(order: u64, reason: &str) -> Command {
    Command::CancelOrder {
        order: OrderId(order),
        reason: reason.into(),
    }
}

#[test]
fn placing_an_order_freezes_lines_and_totals_and_reserves_stock() {
    given([registered(&alice())])
        .when(Command::PlaceOrder {
            checkout: CheckoutId::new("c1"),
            lines: vec![line("tent", 2)],
        })
        .then(placed(1, &alice(), vec![line("tent", 2)]));
}

#[test]
fn order_numbers_count_up_across_users() {
    given(placed(1, &bob(), vec![line("pasta", 1)]))
        .when(Command::PlaceOrder {
            checkout: CheckoutId::new("c2"),
            lines: vec![line("pasta", 1)],
        })
        .then(placed(2, &alice(), vec![line("pasta", 1)]));
}

#[test]
fn placing_an_order_for_more_than_the_stock_left_rejects_it_without_reserving() {
    given(placed(1, &bob(), vec![line("tent", 2)]))
        .when(Command::PlaceOrder {
            checkout: CheckoutId::new("c2"),
            lines: vec![line("tent", 2)],
        })
        .then(vec![Event::OrderRejected {
            order: OrderId(2),
            user: alice(),
            checkout: CheckoutId::new("c2"),
            product: product("tent"),
            requested: 2,
            available: 1,
        }]);
}

#[test]
fn placing_the_same_checkout_twice_is_refused() {
    given(placed(1, &alice(), vec![line("pasta", 1)]))
        .when(Command::PlaceOrder {
            checkout: CheckoutId::new("c1"),
            lines: vec![line("pasta", 1)],
        })
        .then_error(DomainError::CheckoutAlreadyPlaced);
}

#[test]
fn paying_a_pending_order_records_the_amount() {
    given(placed(1, &alice(), vec![line("pasta", 2)]))
        .when(Command::PayOrder { order: OrderId(1) })
        .then(vec![Event::OrderPaid {
            order: OrderId(1),
            user: alice(),
            amount: line("pasta", 2).total(),
        }]);
}

#[test]
fn paying_twice_fails() {
    given(with(placed(1, &alice(), vec![line("pasta", 1)]), [paid(1)]))
        .when(Command::PayOrder { order: OrderId(1) })
        .then_error(DomainError::AlreadyPaid(OrderId(1)));
}

#[test]
fn paying_an_unknown_order_fails() {
    given([registered(&alice())])
        .when(Command::PayOrder { order: OrderId(7) })
        .then_error(DomainError::UnknownOrder(OrderId(7)));
}

#[test]
fn another_shoppers_order_cannot_be_touched() {
    given(placed(1, &bob(), vec![line("pasta", 1)]))
        .when(Command::PayOrder { order: OrderId(1) })
        .then_error(DomainError::NotYourOrder(OrderId(1)));
}

#[test]
fn shipping_needs_a_paid_order() {
    given(placed(1, &alice(), vec![line("pasta", 1)]))
        .when(Command::ShipOrder { order: OrderId(1) })
        .then_error(DomainError::NotPaidYet(OrderId(1)));
}

#[test]
fn shipping_a_paid_order_records_it() {
    given(with(placed(1, &alice(), vec![line("pasta", 1)]), [paid(1)]))
        .when(Command::ShipOrder { order: OrderId(1) })
        .then(vec![shipped(1)]);
}

#[test]
fn cancelling_a_pending_order_releases_its_stock() {
    given(placed(1, &alice(), vec![line("tent", 2)]))
        .when(cancel(1, "  changed my mind "))
        .then(vec![
            Event::OrderCancelled {
                order: OrderId(1),
                user: alice(),
                reason: "changed my mind".into(),
            },
            Event::StockReleased {
                order: OrderId(1),
                items: vec![CartLine {
                    product: product("tent"),
                    quantity: 2,
                }],
            },
        ]);
}

#[test]
fn cancelling_a_paid_order_is_allowed() {
    let recorded = given(with(placed(1, &alice(), vec![line("pasta", 1)]), [paid(1)]))
        .when(cancel(1, "too slow"))
        .recorded();
    assert_eq!(recorded.len(), 2);
}

#[test]
fn cancelling_a_shipped_order_fails() {
    given(with(
        placed(1, &alice(), vec![line("pasta", 1)]),
        [paid(1), shipped(1)],
    ))
    .when(cancel(1, "late"))
    .then_error(DomainError::AlreadyShipped(OrderId(1)));
}

#[test]
fn cancelling_twice_fails() {
    let cancelled = Event::OrderCancelled {
        order: OrderId(1),
        user: alice(),
        reason: "x".into(),
    };
    given(with(
        placed(1, &alice(), vec![line("pasta", 1)]),
        [cancelled],
    ))
    .when(cancel(1, "again"))
    .then_error(DomainError::AlreadyCancelled(OrderId(1)));
}

#[test]
fn cancelling_needs_a_reason_of_at_most_200_characters() {
    given(placed(1, &alice(), vec![line("pasta", 1)]))
        .when(cancel(1, "   "))
        .then_error(DomainError::ReasonMissing);
    given(placed(1, &alice(), vec![line("pasta", 1)]))
        .when(cancel(1, &"x".repeat(201)))
        .then_error(DomainError::ReasonTooLong);
}

#[test]
fn a_rejected_order_cannot_be_paid() {
    let rejected = Event::OrderRejected {
        order: OrderId(1),
        user: alice(),
        checkout: CheckoutId::new("c1"),
        product: product("tent"),
        requested: 9,
        available: 3,
    };
    given([registered(&alice()), rejected])
        .when(Command::PayOrder { order: OrderId(1) })
        .then_error(DomainError::OrderWasRejected(OrderId(1)));
}

#[test]
fn registering_a_user_needs_a_unique_name_of_at_most_32_characters() {
    let register = |name: &str| Command::RegisterUser { name: name.into() };
    given([])
        .when(register(" Alice "))
        .then(vec![Event::UserRegistered {
            user: alice(),
            name: "Alice".into(),
        }]);
    given([registered(&bob())])
        .when(register("BOB"))
        .then_error(DomainError::UserNameTaken("BOB".into()));
    given([registered(&alice())])
        .when(register("Alicia"))
        .then_error(DomainError::UserAlreadyExists(alice()));
    given([])
        .when(register(" "))
        .then_error(DomainError::UserNameMissing);
    given([])
        .when(register(&"n".repeat(33)))
        .then_error(DomainError::UserNameTooLong);
}

#[test]
fn a_started_checkout_owes_a_place_order_reaction_then_a_completion() {
    let mut process = CheckoutProcess::default();
    process.apply(&Event::CheckoutStarted {
        user: alice(),
        checkout: CheckoutId::new("c1"),
        lines: vec![line("pasta", 1)],
    });
    let pending = process.pending();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].id, CommandId::new("place-order/c1"));
    assert!(matches!(pending[0].command, Command::PlaceOrder { .. }));

    for event in placed(1, &alice(), vec![line("pasta", 1)]) {
        process.apply(&event);
    }
    let pending = process.pending();
    assert_eq!(
        pending[0].command,
        Command::CompleteCheckout {
            checkout: CheckoutId::new("c1"),
            order: OrderId(1)
        }
    );
    process.apply(&Event::CheckoutCompleted {
        user: alice(),
        checkout: CheckoutId::new("c1"),
        order: OrderId(1),
    });
    assert!(process.pending().is_empty());
}

#[test]
fn a_rejected_order_owes_a_failed_checkout() {
    let mut process = CheckoutProcess::default();
    process.apply(&Event::CheckoutStarted {
        user: alice(),
        checkout: CheckoutId::new("c1"),
        lines: vec![],
    });
    process.apply(&Event::OrderRejected {
        order: OrderId(4),
        user: alice(),
        checkout: CheckoutId::new("c1"),
        product: product("tent"),
        requested: 9,
        available: 3,
    });
    assert_eq!(process.pending()[0].id, CommandId::new("fail-checkout/c1"));
}

#[test]
fn a_taken_name_stays_taken_after_the_users_are_restored_from_a_snapshot() {
    let mut model = given([registered(&bob())]).model().clone();
    let part = model.export_part(Service::Users);
    model.import_part(Service::Users, &part).unwrap();
    let envelope = envelope(
        "again",
        &alice(),
        Command::RegisterUser { name: "Bob".into() },
    );
    assert_eq!(
        model.decide(&envelope),
        Err(DomainError::UserNameTaken("Bob".into()))
    );
}
