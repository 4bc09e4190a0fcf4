//! The engine on the in-memory log: atomic batches, conflicts between two writers, duplicate
//! ids, storage failures, reactions and start-up from snapshots.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use cqrs_shop::app::engine::{Engine, Outcome};
use cqrs_shop::app::transfer;
use cqrs_shop::domain::*;
use cqrs_shop::log::codec::{self, StoredRecord};
use cqrs_shop::log::memory::MemoryLog;
use cqrs_shop::log::snapshot::SNAPSHOT_SCHEMA;
use cqrs_shop::log::{AppendError, CommandLog};
use cqrs_shop::projections::ReadModels;
use support::run::run;
use support::*;

fn start(log: &MemoryLog) -> (Engine, ReadModels) {
    let started = run(Engine::start(log, |_, _| {})).expect("the log should load");
    (started.engine, started.read)
}

fn register(id: &str, user: &UserId) -> CommandEnvelope {
    envelope(
        id,
        user,
        Command::RegisterUser {
            name: user.to_string(),
        },
    )
}

fn add(id: &str, user: &UserId, product_id: &str, quantity: i64) -> CommandEnvelope {
    envelope(
        id,
        user,
        Command::AddItem {
            product: product(product_id),
            quantity,
        },
    )
}

/// Dispatches and folds the accepted records into the read models, as the app's bus does.
fn dispatch(
    engine: &mut Engine,
    read: &mut ReadModels,
    log: &MemoryLog,
    commands: &[CommandEnvelope],
) -> Vec<Outcome> {
    let (outcomes, folded) = run(engine.dispatch(log, commands));
    for logged in &folded {
        read.apply(engine.write_model().catalog(), logged);
    }
    outcomes
}

fn rebuilt(log: &MemoryLog) -> ReadModels {
    let all = run(log.read_after(0, u32::MAX)).unwrap();
    ReadModels::rebuild(&Catalog::builtin(), &all.records)
}

#[test]
fn an_accepted_command_is_in_the_log_and_a_rejected_one_leaves_no_trace() {
    let log = MemoryLog::new();
    let (mut engine, mut read) = start(&log);
    let outcomes = dispatch(
        &mut engine,
        &mut read,
        &log,
        &[register("c1", &alice()), add("c2", &alice(), "pasta", 0)],
    );
    assert!(matches!(outcomes[0], Outcome::Accepted(_)));
    assert_eq!(
        outcomes[1],
        Outcome::Rejected(DomainError::QuantityOutOfRange { requested: 0 })
    );
    assert_eq!(log.len(), 1);
    assert_eq!(read, rebuilt(&log));
}

#[test]
fn a_batch_is_decided_in_order_and_written_together() {
    let log = MemoryLog::new();
    let (mut engine, mut read) = start(&log);
    let change = envelope(
        "c3",
        &alice(),
        Command::ChangeQuantity {
            product: product("pasta"),
            quantity: 4,
        },
    );
    let outcomes = dispatch(
        &mut engine,
        &mut read,
        &log,
        &[
            register("c1", &alice()),
            add("c2", &alice(), "pasta", 1),
            change,
        ],
    );
    assert!(outcomes.iter().all(|o| matches!(o, Outcome::Accepted(_))));
    // One record holds the whole batch, its commands numbered in order.
    assert_eq!(log.len(), 1);
    let seqs: Vec<u64> = run(log.read_after(0, u32::MAX))
        .unwrap()
        .records
        .iter()
        .map(|l| l.seq)
        .collect();
    assert_eq!(seqs, vec![1, 2, 3]);
    assert_eq!(run(log.last_seq()).unwrap(), 3);
    // Reading from inside the record returns the rest of it.
    let rest: Vec<u64> = run(log.read_after(1, 1))
        .unwrap()
        .records
        .iter()
        .map(|l| l.seq)
        .collect();
    assert_eq!(rest, vec![2, 3]);
    assert_eq!(read.carts.cart(&alice()).item_count(), 4);
}

#[test]
fn a_second_writer_that_raced_ahead_causes_a_retry_and_nothing_is_lost() {
    let log = MemoryLog::new();
    let (mut tab_a, mut read_a) = start(&log);
    dispatch(&mut tab_a, &mut read_a, &log, &[register("c1", &alice())]);
    let (mut tab_b, mut read_b) = start(&log);

    dispatch(
        &mut tab_a,
        &mut read_a,
        &log,
        &[add("a1", &alice(), "pasta", 1)],
    );
    // Tab B has not seen a1: its add is decided on cart version 0 and collides, then retried.
    let outcomes = dispatch(
        &mut tab_b,
        &mut read_b,
        &log,
        &[add("b1", &alice(), "pasta", 2)],
    );

    let Outcome::Accepted(logged) = &outcomes[0] else {
        panic!("expected acceptance after a retry, got {outcomes:?}");
    };
    assert_eq!(logged.seq, 3);
    assert_eq!(logged.events[0].version, 2);
    assert_eq!(read_b.carts.cart(&alice()).item_count(), 3);
    assert_eq!(read_b, rebuilt(&log));
}

#[test]
fn a_command_id_already_in_the_log_returns_the_earlier_outcome_and_writes_nothing() {
    let log = MemoryLog::new();
    let (mut engine, mut read) = start(&log);
    let first = dispatch(&mut engine, &mut read, &log, &[register("c1", &alice())]);
    let again = dispatch(&mut engine, &mut read, &log, &[register("c1", &alice())]);
    let (Outcome::Accepted(earlier), Outcome::Duplicate(repeated)) = (&first[0], &again[0]) else {
        panic!("expected accepted then duplicate, got {first:?} / {again:?}");
    };
    assert_eq!(earlier, repeated);
    assert_eq!(log.len(), 1);
}

#[test]
fn a_duplicate_older_than_the_snapshot_is_found_in_the_log() {
    let log = MemoryLog::new();
    let (mut engine, mut read) = start(&log);
    dispatch(&mut engine, &mut read, &log, &[register("c1", &alice())]);
    run(engine.save_snapshots(&log, &read)).unwrap();
    let (mut restarted, mut read) = start(&log);
    let again = dispatch(&mut restarted, &mut read, &log, &[register("c1", &alice())]);
    assert!(matches!(again[0], Outcome::Duplicate(_)), "{again:?}");
    assert_eq!(log.len(), 1);
}

#[test]
fn a_full_disk_reports_the_command_as_not_saved_and_changes_nothing() {
    let log = MemoryLog::new();
    let (mut engine, mut read) = start(&log);
    dispatch(&mut engine, &mut read, &log, &[register("c1", &alice())]);
    log.fail_next_appends(1);
    let outcomes = dispatch(
        &mut engine,
        &mut read,
        &log,
        &[add("c2", &alice(), "pasta", 1)],
    );
    assert_eq!(outcomes[0], Outcome::NotSaved(AppendError::QuotaExceeded));
    assert_eq!(log.len(), 1);
    assert_eq!(read.carts.cart(&alice()).item_count(), 0);

    let retried = dispatch(
        &mut engine,
        &mut read,
        &log,
        &[add("c3", &alice(), "pasta", 1)],
    );
    assert!(matches!(retried[0], Outcome::Accepted(_)));
    assert_eq!(read, rebuilt(&log));
}

#[test]
fn a_checkout_becomes_one_order_through_reactions_even_after_a_crash() {
    let log = MemoryLog::new();
    let (mut engine, mut read) = start(&log);
    dispatch(
        &mut engine,
        &mut read,
        &log,
        &[
            register("c1", &alice()),
            add("c2", &alice(), "tent", 2),
            envelope("c3", &alice(), Command::CheckOut),
        ],
    );
    assert_eq!(engine.pending_reactions().len(), 1);

    // The tab dies before the reaction runs; a new one finds it owed and runs it.
    let (mut restarted, mut read) = start(&log);
    run_reactions(&mut restarted, &mut read, &log);
    assert_eq!(read.orders.orders(&alice()).len(), 1);
    assert_eq!(read.carts.cart(&alice()).item_count(), 0);
    assert_eq!(
        read.catalog
            .available(&Catalog::builtin(), &product("tent")),
        1
    );
    assert_eq!(read, rebuilt(&log));

    // A second tab running the same reaction again is refused by id: one order only.
    let replay = CommandEnvelope::new(
        CommandId::new("place-order/c3"),
        alice(),
        3_000,
        Command::PlaceOrder {
            checkout: CheckoutId::new("c3"),
            lines: vec![],
        },
    );
    let outcomes = dispatch(&mut restarted, &mut read, &log, &[replay]);
    assert!(matches!(outcomes[0], Outcome::Duplicate(_)));
    assert_eq!(read.orders.orders(&alice()).len(), 1);
}

/// Dispatches owed reactions until none are left, as the app's reaction loop does.
fn run_reactions(engine: &mut Engine, read: &mut ReadModels, log: &MemoryLog) {
    for _round in 0..5 {
        let reactions: Vec<CommandEnvelope> = engine
            .pending_reactions()
            .into_iter()
            .map(|r| CommandEnvelope::new(r.id, r.user, 2_000, r.command))
            .collect();
        if reactions.is_empty() {
            return;
        }
        dispatch(engine, read, log, &reactions);
    }
    panic!("reactions should settle within five rounds");
}

fn busy_log(commands: usize) -> MemoryLog {
    let log = MemoryLog::new();
    let (mut engine, mut read) = start(&log);
    dispatch(
        &mut engine,
        &mut read,
        &log,
        &[register("u1", &alice()), register("u2", &bob())],
    );
    for i in 0..commands {
        let user = if i % 2 == 0 { alice() } else { bob() };
        let id = format!("c{i}");
        let command = match i % 5 {
            0..=2 => Command::AddItem {
                product: product(["pasta", "honey", "oats"][i % 3]),
                quantity: 1,
            },
            3 => Command::RemoveItem {
                product: product("honey"),
            },
            _ => Command::CheckOut,
        };
        dispatch(
            &mut engine,
            &mut read,
            &log,
            &[envelope(&id, &user, command)],
        );
        run_reactions(&mut engine, &mut read, &log);
        if i == commands / 2 {
            run(engine.save_snapshots(&log, &read)).unwrap();
        }
    }
    log
}

#[test]
fn start_from_snapshot_and_tail_equals_a_full_replay() {
    let log = busy_log(60);
    let started = run(Engine::start(&log, |_, _| {})).unwrap();
    assert_eq!(started.from_snapshot.len(), Service::ALL.len());
    assert!(started.tail_len < 60, "only the tail is read");
    assert_eq!(started.read, rebuilt(&log));

    let full = run(log.read_after(0, u32::MAX)).unwrap();
    let mut replayed = WriteModel::new();
    for logged in &full.records {
        for recorded in &logged.events {
            replayed.apply(recorded);
        }
    }
    assert_eq!(started.engine.write_model(), &replayed);
}

#[test]
fn a_snapshot_of_an_older_schema_is_ignored_and_rebuilt() {
    let log = busy_log(20);
    let mut stale = run(log.load_snapshot(Service::Cart)).unwrap().unwrap();
    stale.schema = SNAPSHOT_SCHEMA + 1;
    stale.read = "not what this build wrote".into();
    run(log.save_snapshots(&[stale])).unwrap();

    let started = run(Engine::start(&log, |_, _| {})).unwrap();
    assert!(!started.from_snapshot.contains(&Service::Cart));
    assert_eq!(started.read, rebuilt(&log));
}

#[test]
fn a_record_that_cannot_be_decoded_is_quarantined_and_the_rest_loads() {
    let log = busy_log(10);
    let last = run(log.last_seq()).unwrap();
    log.insert_raw(StoredRecord {
        seq: last + 1,
        last: None,
        id: "garbage".into(),
        streams: vec![],
        v: 1,
        body: "{not json".into(),
    });
    log.insert_raw(StoredRecord {
        seq: last + 2,
        last: None,
        id: "future".into(),
        streams: vec![],
        v: 9,
        body: "{}".into(),
    });
    let started = run(Engine::start(&log, |_, _| {})).unwrap();
    let quarantined = started.engine.quarantined();
    assert_eq!(quarantined.len(), 2);
    assert!(quarantined[1].reason.contains("newer version"));
    assert_eq!(started.engine.last_seq(), last + 2);

    // Appends continue after the quarantined records.
    let mut engine = started.engine;
    let (outcomes, _) = run(engine.dispatch(&log, &[add("after", &alice(), "pasta", 1)]));
    let Outcome::Accepted(logged) = &outcomes[0] else {
        panic!("{outcomes:?}")
    };
    assert_eq!(logged.seq, last + 3);
}

#[test]
fn start_up_reports_progress_up_to_the_total() {
    let log = busy_log(30);
    let mut reports = Vec::new();
    run(Engine::start(&log, |read, total| {
        reports.push((read, total))
    }))
    .unwrap();
    let (read, total) = *reports.last().expect("progress is reported");
    assert_eq!(read, total);
}

#[test]
fn an_export_imports_back_to_the_same_commands_one_record_each() {
    let log = busy_log(12);
    let commands = run(log.read_after(0, u32::MAX)).unwrap().records;
    let file = transfer::export(&commands, 1_764_806_400_000);
    let records = transfer::parse_import(&file).unwrap();
    assert!(records.iter().all(|r| r.len() == 1));
    assert_eq!(records.concat(), commands);

    let copy = MemoryLog::new();
    let batches: Vec<&[LoggedCommand]> = records.iter().map(Vec::as_slice).collect();
    run(copy.append_records(&batches)).unwrap();
    assert_eq!(copy.len(), commands.len());
    assert_eq!(run(copy.read_after(0, u32::MAX)).unwrap().records, commands);
}

#[test]
fn a_version_1_export_still_imports() {
    let log = busy_log(12);
    let commands = run(log.read_after(0, u32::MAX)).unwrap().records;
    // A version-1 record held one command, its body the shape a batch now holds per command.
    let records: Vec<StoredRecord> = commands
        .iter()
        .map(|l| {
            let batch = codec::encode(std::slice::from_ref(l));
            let body: serde_json::Value = serde_json::from_str(&batch.body).unwrap();
            StoredRecord {
                seq: l.seq,
                last: None,
                id: l.envelope.id.as_str().into(),
                streams: batch.streams,
                v: 1,
                body: body["commands"][0].to_string(),
            }
        })
        .collect();
    let file = serde_json::json!({
        "format": transfer::FORMAT, "version": 1, "exported_at": 0, "records": records
    });
    let imported = transfer::parse_import(&file.to_string()).unwrap();
    assert_eq!(imported.concat(), commands);
}
