//! Writes an export file for benchmarks, made by the app's own engine on the in-memory log, so
//! every record is one the app itself decided and encoded.
//!
//! `cargo run --release --example seed -- EVENTS [ORDERS] > seed.json`: about EVENTS cart events
//! spread over ten shoppers, then ORDERS orders for the shopper "bench" (most cancelled, so stock
//! never runs out; the last ones left awaiting payment).

use cqrs_shop::app::engine::Engine;
use cqrs_shop::app::transfer::export;
use cqrs_shop::domain::{Command, CommandEnvelope, CommandId, OrderId, ProductId, UserId};
use cqrs_shop::log::memory::MemoryLog;
use cqrs_shop::log::{read_all_after, CommandLog};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// The in-memory log never waits, so one poll finishes every future.
fn run<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => unreachable!("the in-memory log never waits"),
    }
}

struct Seeder {
    log: MemoryLog,
    engine: Engine,
    next: u64,
}

impl Seeder {
    fn send(&mut self, user: &UserId, command: Command) {
        self.next += 1;
        let envelope = CommandEnvelope::new(
            CommandId::new(format!("seed-{}", self.next)),
            user.clone(),
            1_764_806_400_000 + self.next * 1_000,
            command,
        );
        let (outcomes, _) = run(self.engine.dispatch(&self.log, &[envelope]));
        assert!(
            matches!(outcomes[0], cqrs_shop::app::Outcome::Accepted(_)),
            "seed command refused: {outcomes:?}"
        );
        // Reactions run until none are owed, as the app's bus runs them.
        loop {
            let owed: Vec<CommandEnvelope> = self
                .engine
                .pending_reactions()
                .into_iter()
                .map(|r| {
                    CommandEnvelope::new(
                        r.id,
                        r.user,
                        1_764_806_400_000 + self.next * 1_000,
                        r.command,
                    )
                })
                .collect();
            if owed.is_empty() {
                break;
            }
            run(self.engine.dispatch(&self.log, &owed));
        }
    }
}

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<u64>().expect("a count"));
    let events = args.next().unwrap_or(10_000);
    let orders = args.next().unwrap_or(0);
    let log = MemoryLog::new();
    let engine = run(Engine::start(&log, |_, _| {}))
        .expect("empty log")
        .engine;
    let mut seeder = Seeder {
        log,
        engine,
        next: 0,
    };

    let shoppers: Vec<UserId> = (0..10)
        .map(|i| UserId::new(format!("shopper-{i}")))
        .collect();
    let bench = UserId::new("bench");
    for user in shoppers.iter().chain([&bench]) {
        seeder.send(
            user,
            Command::RegisterUser {
                name: user.to_string(),
            },
        );
    }
    let pasta = ProductId::new("pasta");
    for i in 0..events {
        let user = &shoppers[(i % 10) as usize];
        let command = if (i / 10) % 2 == 0 {
            Command::AddItem {
                product: pasta.clone(),
                quantity: 1,
            }
        } else {
            Command::RemoveItem {
                product: pasta.clone(),
            }
        };
        seeder.send(user, command);
    }
    let pending_left = orders.min(20);
    for n in 0..orders {
        seeder.send(
            &bench,
            Command::AddItem {
                product: ProductId::new("notebook"),
                quantity: 1,
            },
        );
        seeder.send(&bench, Command::CheckOut);
        if n < orders - pending_left {
            let order = OrderId(seeder.engine.write_model().orders().next_order_id().0 - 1);
            seeder.send(
                &bench,
                Command::CancelOrder {
                    order,
                    reason: "seed".into(),
                },
            );
        }
    }
    let records = run(read_all_after(&seeder.log, 0, |_, _| {}))
        .expect("read")
        .records;
    assert_eq!(records.len() as u64, run(seeder.log.last_seq()).unwrap());
    print!("{}", export(&records, 1_764_806_400_000));
}
