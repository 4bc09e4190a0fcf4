//! Invariants that hold for any sequence of shopper commands, checked on random sequences.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use cqrs_shop::app::engine::Engine;
use cqrs_shop::domain::error::{MAX_LINES, MAX_QUANTITY};
use cqrs_shop::domain::*;
use cqrs_shop::log::codec::{decode, encode, StoredRecord};
use cqrs_shop::log::memory::MemoryLog;
use cqrs_shop::log::CommandLog;
use cqrs_shop::projections::ReadModels;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use support::run::run;

const USERS: [&str; 3] = ["ana", "ben", "chen"];

#[derive(Clone, Debug)]
enum Op {
    Add(usize, i64),
    Change(usize, i64),
    Remove(usize),
    Clear,
    CheckOut,
    Pay(u64),
    Ship(u64),
    Cancel(u64),
}

fn op() -> impl Strategy<Value = Op> {
    // Few products, so carts collide on stock; quantities reach past every limit.
    let product = 0usize..6;
    let quantity = prop_oneof![1i64..5, -3i64..120];
    let order = 1u64..8;
    prop_oneof![
        4 => (product.clone(), quantity.clone()).prop_map(|(p, q)| Op::Add(p, q)),
        2 => (product.clone(), quantity).prop_map(|(p, q)| Op::Change(p, q)),
        1 => product.prop_map(Op::Remove),
        1 => Just(Op::Clear),
        2 => Just(Op::CheckOut),
        2 => order.clone().prop_map(Op::Pay),
        1 => order.clone().prop_map(Op::Ship),
        1 => order.prop_map(Op::Cancel),
    ]
}

fn command(op: &Op, catalog: &Catalog) -> Command {
    // The scarce products (tent: 3, e-reader: 4, headphones: 5) make stock run out.
    let scarce = [
        "tent",
        "e-reader",
        "headphones",
        "wok",
        "chef-knife",
        "pasta",
    ];
    let pick = |i: usize| {
        let id = ProductId::new(scarce[i]);
        assert!(catalog.product(&id).is_some());
        id
    };
    match op {
        Op::Add(p, q) => Command::AddItem {
            product: pick(*p),
            quantity: *q,
        },
        Op::Change(p, q) => Command::ChangeQuantity {
            product: pick(*p),
            quantity: *q,
        },
        Op::Remove(p) => Command::RemoveItem { product: pick(*p) },
        Op::Clear => Command::ClearCart,
        Op::CheckOut => Command::CheckOut,
        Op::Pay(o) => Command::PayOrder { order: OrderId(*o) },
        Op::Ship(o) => Command::ShipOrder { order: OrderId(*o) },
        Op::Cancel(o) => Command::CancelOrder {
            order: OrderId(*o),
            reason: "test".into(),
        },
    }
}

struct Shop {
    log: MemoryLog,
    engine: Engine,
    read: ReadModels,
    next_id: u64,
}

impl Shop {
    fn new() -> Self {
        let log = MemoryLog::new();
        let started = run(Engine::start(&log, |_, _| {})).unwrap();
        let mut shop = Shop {
            log,
            engine: started.engine,
            read: started.read,
            next_id: 0,
        };
        for user in USERS {
            shop.send(
                UserId::new(user),
                Command::RegisterUser { name: user.into() },
            );
        }
        shop
    }

    fn send(&mut self, user: UserId, command: Command) {
        self.next_id += 1;
        let envelope = CommandEnvelope::new(
            CommandId::new(format!("p{}", self.next_id)),
            user,
            self.next_id,
            command,
        );
        self.dispatch(&[envelope]);
        // Reactions run right after, as the app's bus runs them.
        for _ in 0..3 {
            let owed: Vec<CommandEnvelope> = self
                .engine
                .pending_reactions()
                .into_iter()
                .map(|r| CommandEnvelope::new(r.id, r.user, self.next_id, r.command))
                .collect();
            if owed.is_empty() {
                break;
            }
            self.dispatch(&owed);
        }
    }

    fn dispatch(&mut self, commands: &[CommandEnvelope]) {
        let (_, folded) = run(self.engine.dispatch(&self.log, commands));
        for logged in &folded {
            self.read.apply(self.engine.write_model().catalog(), logged);
        }
    }

    fn all_events(&self) -> Vec<Event> {
        let all = run(self.log.read_after(0, u32::MAX)).unwrap();
        all.records
            .into_iter()
            .flat_map(|l| l.events)
            .map(|r| r.event)
            .collect()
    }
}

fn check_invariants(shop: &Shop) {
    let catalog = Catalog::builtin();
    for user in USERS.map(UserId::new) {
        let cart = shop.read.carts.cart(&user);
        assert!(cart.lines.len() <= MAX_LINES);
        for line in &cart.lines {
            assert!((1..=MAX_QUANTITY).contains(&line.quantity), "{line:?}");
            assert_eq!(line.line_total, line.unit_price * line.quantity);
        }
        assert_eq!(cart.total(), cart.lines.iter().map(|l| l.line_total).sum());
        for order in shop.read.orders.orders(&user) {
            assert_eq!(order.total, order.lines.iter().map(|l| l.total()).sum());
        }
    }
    for product in catalog.products() {
        let reserved = shop
            .engine
            .write_model()
            .orders()
            .stock()
            .reserved(&product.id);
        assert!(
            reserved <= product.stock,
            "{} oversold: {reserved}",
            product.id
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_shopping_never_breaks_an_invariant(ops in prop::collection::vec((0usize..3, op()), 1..80)) {
        let catalog = Catalog::builtin();
        let mut shop = Shop::new();
        for (user, op) in &ops {
            shop.send(UserId::new(USERS[*user]), command(op, &catalog));
            check_invariants(&shop);
        }

        let events = shop.all_events();
        let mut shipped = BTreeSet::new();
        let mut started = 0;
        let mut outcomes: BTreeMap<CheckoutId, u32> = BTreeMap::new();
        for event in &events {
            match event {
                Event::OrderShipped { order, .. } => { shipped.insert(*order); }
                Event::OrderCancelled { order, .. } => prop_assert!(!shipped.contains(order), "a shipped order was cancelled"),
                Event::CheckoutStarted { .. } => started += 1,
                Event::OrderPlaced { checkout, .. } | Event::OrderRejected { checkout, .. } => {
                    *outcomes.entry(checkout.clone()).or_default() += 1;
                }
                _ => {}
            }
        }
        prop_assert_eq!(outcomes.len(), started, "every checkout yields an order decision");
        prop_assert!(outcomes.values().all(|n| *n == 1), "no checkout yields two orders");
        prop_assert!(shop.engine.pending_reactions().is_empty());

        let all = run(shop.log.read_after(0, u32::MAX)).unwrap();
        prop_assert_eq!(&shop.read, &ReadModels::rebuild(&catalog, &all.records), "incremental equals rebuilt");
    }

    #[test]
    fn the_record_decoder_never_panics_on_arbitrary_bodies(body in ".{0,300}", v in 0u32..4, last in proptest::option::of(0u64..4)) {
        let stored = StoredRecord { seq: 1, last, id: "x".into(), streams: vec![], v, body };
        let _ = decode(&stored);
    }

    #[test]
    fn the_record_decoder_never_panics_on_damaged_records(cut in 0usize..400, flip in 0usize..400, byte in any::<u8>()) {
        let shop = Shop::new();
        let all = run(shop.log.read_after(0, u32::MAX)).unwrap();
        let mut stored = encode(&all.records[..all.records.len().min(3)]);
        let mut body = std::mem::take(&mut stored.body).into_bytes();
        if flip < body.len() { body[flip] = byte; }
        body.truncate(cut.max(1));
        stored.body = String::from_utf8_lossy(&body).into_owned();
        let _ = decode(&stored);
    }
}
