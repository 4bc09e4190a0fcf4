//! The record format is a promise to every log already written: golden version-1 fixtures of
//! every command and event type must keep decoding to the same values, and encoding must keep
//! producing them. Regenerate only for a new version: `UPDATE_GOLDEN=1 cargo test --test records`.

mod support;

use cqrs_shop::domain::*;
use cqrs_shop::log::codec::{
    self, decode, decode_with, encode, DecodeError, StoredRecord, Upcaster,
};
use serde_json::{json, Value};
use support::*;

const FIXTURE: &str = "tests/fixtures/records-v1.json";

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
fn every_record() -> Vec<LoggedCommand> {
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

#[test]
fn every_version_1_fixture_decodes_to_the_same_values_and_encodes_back() {
    let expected = every_record();
    let encoded: Vec<StoredRecord> = expected.iter().map(encode).collect();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let text = serde_json::to_string_pretty(&encoded).unwrap();
        std::fs::write(FIXTURE, text + "\n").unwrap();
    }
    let golden: Vec<StoredRecord> =
        serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    assert_eq!(golden.len(), expected.len());
    for (stored, value) in golden.iter().zip(&expected) {
        assert_eq!(
            &decode(stored).unwrap(),
            value,
            "decoding seq {}",
            stored.seq
        );
        assert_eq!(&encode(value), stored, "encoding seq {}", stored.seq);
    }
}

#[test]
fn the_fixtures_cover_every_event_type() {
    let types: std::collections::BTreeSet<&str> = every_record()
        .iter()
        .flat_map(|l| l.events.iter().map(|e| e.event.type_name()))
        .collect();
    assert_eq!(types.len(), 16, "{types:?}");
}

fn first() -> StoredRecord {
    encode(&every_record()[1])
}

#[test]
fn a_record_from_a_newer_app_is_an_error_not_a_panic() {
    let mut stored = first();
    stored.v = 2;
    assert_eq!(
        decode(&stored),
        Err(DecodeError::FutureVersion {
            found: 2,
            supported: 1
        })
    );
}

#[test]
fn an_event_from_a_newer_app_is_an_error() {
    let mut stored = first();
    stored.body = stored.body.replace("\"v\":1", "\"v\":7");
    assert!(matches!(
        decode(&stored),
        Err(DecodeError::FutureVersion { found: 7, .. })
    ));
}

#[test]
fn an_unknown_event_type_is_named_in_the_error() {
    let mut stored = first();
    stored.body = stored
        .body
        .replace("cart.item_added", "cart.item_teleported");
    assert_eq!(
        decode(&stored),
        Err(DecodeError::UnknownEventType("cart.item_teleported".into()))
    );
}

#[test]
fn truncated_json_and_wrong_types_are_malformed() {
    let mut truncated = first();
    truncated.body.truncate(truncated.body.len() / 2);
    assert!(matches!(decode(&truncated), Err(DecodeError::Malformed(_))));

    let mut wrong = first();
    wrong.body = wrong.body.replace("\"quantity\":2", "\"quantity\":\"two\"");
    assert!(matches!(decode(&wrong), Err(DecodeError::Malformed(_))));
}

#[test]
fn an_index_that_disagrees_with_the_body_is_inconsistent() {
    let mut stored = first();
    stored.streams = vec!["cart/alice#99".into()];
    assert!(matches!(decode(&stored), Err(DecodeError::Inconsistent(_))));
    let mut stored = first();
    stored.id = "someone-else".into();
    assert!(matches!(decode(&stored), Err(DecodeError::Inconsistent(_))));
}

fn rename_qty(mut data: Value) -> Result<Value, String> {
    let quantity = data
        .as_object_mut()
        .and_then(|o| o.remove("qty"))
        .ok_or("no qty")?;
    data["quantity"] = quantity;
    Ok(data)
}

#[test]
fn an_old_event_version_is_lifted_by_its_upcaster() {
    // A hypothetical version 0 of `cart.item_added` called the field `qty`.
    let mut stored = first();
    let at = stored.body.rfind("\"quantity\":2").unwrap();
    stored
        .body
        .replace_range(at..at + "\"quantity\"".len(), "\"qty\"");
    stored.body = stored.body.replace("\"v\":1", "\"v\":0");
    let upcasters: &[(&str, u32, Upcaster)] = &[("cart.item_added", 0, rename_qty)];
    assert_eq!(decode_with(&stored, upcasters).unwrap(), every_record()[1]);
    assert!(matches!(decode(&stored), Err(DecodeError::Malformed(_))));
}

#[test]
fn stream_keys_pair_the_stream_with_its_version() {
    let record = &every_record()[7];
    let keys: Vec<String> = record.events.iter().map(codec::stream_key).collect();
    assert_eq!(keys, vec!["order/1#1", "stock#1"]);
    let _ = json!(null);
}
