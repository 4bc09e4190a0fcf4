//! One accepted command of every type, together covering every event type: the golden
//! records of the native codec tests and the round trip of the IndexedDB tests.

use super::{alice, product};
use cqrs_shop::domain::*;

fn recorded(stream: StreamId, version: u64, event: Event) -> RecordedEvent {
    RecordedEvent {
        stream,
        version,
        event,
    }
}

fn logged(seq: u64, command: Command, events: Vec<RecordedEvent>) -> LoggedCommand {
    LoggedCommand {
        seq,
        envelope: CommandEnvelope::new(
            CommandId::new(format!("cmd-{seq}")),
            alice(),
            1_764_806_400_000 + seq,
            command,
        ),
        events,
    }
}

/// One accepted command of every command type, together covering every event type.
pub fn every_record() -> Vec<LoggedCommand> {
    let cart = || StreamId::cart(&alice());
    let line = OrderLine {
        product: product("pasta"),
        quantity: 2,
        unit_price: Money::cents(249),
    };
    let item = CartLine {
        product: product("pasta"),
        quantity: 2,
    };
    let c = CheckoutId::new("cmd-7");
    vec![
        logged(
            1,
            Command::RegisterUser {
                name: "Alice".into(),
            },
            vec![recorded(
                StreamId::users(),
                1,
                Event::UserRegistered {
                    user: alice(),
                    name: "Alice".into(),
                },
            )],
        ),
        logged(
            2,
            Command::AddItem {
                product: product("pasta"),
                quantity: 2,
            },
            vec![recorded(
                cart(),
                1,
                Event::ItemAdded {
                    user: alice(),
                    product: product("pasta"),
                    quantity: 2,
                },
            )],
        ),
        logged(
            3,
            Command::ChangeQuantity {
                product: product("pasta"),
                quantity: 3,
            },
            vec![recorded(
                cart(),
                2,
                Event::QuantityChanged {
                    user: alice(),
                    product: product("pasta"),
                    quantity: 3,
                },
            )],
        ),
        logged(
            4,
            Command::RemoveItem {
                product: product("pasta"),
            },
            vec![recorded(
                cart(),
                3,
                Event::ItemRemoved {
                    user: alice(),
                    product: product("pasta"),
                },
            )],
        ),
        logged(
            5,
            Command::RestoreCart {
                lines: vec![item.clone()],
            },
            vec![recorded(
                cart(),
                4,
                Event::CartRestored {
                    user: alice(),
                    lines: vec![item.clone()],
                },
            )],
        ),
        logged(
            6,
            Command::ClearCart,
            vec![recorded(cart(), 5, Event::CartCleared { user: alice() })],
        ),
        logged(
            7,
            Command::CheckOut,
            vec![recorded(
                cart(),
                6,
                Event::CheckoutStarted {
                    user: alice(),
                    checkout: c.clone(),
                    lines: vec![line.clone()],
                },
            )],
        ),
        logged(
            8,
            Command::PlaceOrder {
                checkout: c.clone(),
                lines: vec![line.clone()],
            },
            vec![
                recorded(
                    StreamId::order(OrderId(1)),
                    1,
                    Event::OrderPlaced {
                        order: OrderId(1),
                        user: alice(),
                        checkout: c.clone(),
                        lines: vec![line.clone()],
                        total: Money::cents(498),
                        placed_at: 1_764_806_400_008,
                    },
                ),
                recorded(
                    StreamId::stock(),
                    1,
                    Event::StockReserved {
                        order: OrderId(1),
                        items: vec![item.clone()],
                    },
                ),
            ],
        ),
        logged(
            9,
            Command::CompleteCheckout {
                checkout: c.clone(),
                order: OrderId(1),
            },
            vec![recorded(
                cart(),
                7,
                Event::CheckoutCompleted {
                    user: alice(),
                    checkout: c.clone(),
                    order: OrderId(1),
                },
            )],
        ),
        logged(
            10,
            Command::PayOrder { order: OrderId(1) },
            vec![recorded(
                StreamId::order(OrderId(1)),
                2,
                Event::OrderPaid {
                    order: OrderId(1),
                    user: alice(),
                    amount: Money::cents(498),
                },
            )],
        ),
        logged(
            11,
            Command::ShipOrder { order: OrderId(1) },
            vec![recorded(
                StreamId::order(OrderId(1)),
                3,
                Event::OrderShipped {
                    order: OrderId(1),
                    user: alice(),
                },
            )],
        ),
        logged(
            12,
            Command::CancelOrder {
                order: OrderId(2),
                reason: "changed my mind".into(),
            },
            vec![
                recorded(
                    StreamId::order(OrderId(2)),
                    2,
                    Event::OrderCancelled {
                        order: OrderId(2),
                        user: alice(),
                        reason: "changed my mind".into(),
                    },
                ),
                recorded(
                    StreamId::stock(),
                    2,
                    Event::StockReleased {
                        order: OrderId(2),
                        items: vec![item.clone()],
                    },
                ),
            ],
        ),
        logged(
            13,
            Command::PlaceOrder {
                checkout: CheckoutId::new("cmd-14"),
                lines: vec![line],
            },
            vec![recorded(
                StreamId::order(OrderId(3)),
                1,
                Event::OrderRejected {
                    order: OrderId(3),
                    user: alice(),
                    checkout: CheckoutId::new("cmd-14"),
                    product: product("pasta"),
                    requested: 2,
                    available: 1,
                },
            )],
        ),
        logged(
            14,
            Command::FailCheckout {
                checkout: CheckoutId::new("cmd-14"),
                order: OrderId(3),
            },
            vec![recorded(
                cart(),
                8,
                Event::CheckoutFailed {
                    user: alice(),
                    checkout: CheckoutId::new("cmd-14"),
                    order: OrderId(3),
                },
            )],
        ),
    ]
}
