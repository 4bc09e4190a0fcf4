//! The command log against real IndexedDB in headless Chromium.
#![cfg(target_arch = "wasm32")]

mod support;

use cqrs_shop::app::engine::{Engine, Outcome};
use cqrs_shop::domain::*;
use cqrs_shop::log::idb::{Durability, IdbLog, DB_VERSION};
use cqrs_shop::log::memory::MemoryLog;
use cqrs_shop::log::snapshot::SNAPSHOT_SCHEMA;
use cqrs_shop::log::{AppendError, CommandLog};
use cqrs_shop::projections::ReadModels;
use std::cell::Cell;
use std::rc::Rc;
use support::fixtures::every_record;
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) -> IdbLog {
    IdbLog::delete(name).await.expect("delete the old database");
    open(name).await
}

async fn open(name: &str) -> IdbLog {
    IdbLog::open(name, Durability::Relaxed, || {}, || {})
        .await
        .expect("IndexedDB opens in Chromium")
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// Runs JavaScript that returns a promise, the way a page of someone else's code would.
async fn raw_js(args: &str, body: &str, values: &[JsValue]) -> Result<JsValue, JsValue> {
    let function = js_sys::Function::new_with_args(args, body);
    let this = JsValue::NULL;
    let promise = match values {
        [a] => function.call1(&this, a)?,
        [a, b] => function.call2(&this, a, b)?,
        _ => function.call0(&this)?,
    };
    JsFuture::from(promise.dyn_into::<js_sys::Promise>()?).await
}

async fn plant(db: &str, value: JsValue) {
    raw_js(
        "name, value",
        "return new Promise((ok, fail) => {
            const open = indexedDB.open(name);
            open.onerror = () => fail(open.error);
            open.onsuccess = () => {
                const db = open.result;
                const tx = db.transaction('log', 'readwrite');
                tx.objectStore('log').put(value);
                tx.oncomplete = () => { db.close(); ok(); };
                tx.onabort = () => { db.close(); fail(tx.error); };
            };
        })",
        &[JsValue::from_str(db), value],
    )
    .await
    .expect("raw JavaScript writes into the log store");
}

fn js(source: &str) -> JsValue {
    js_sys::eval(&format!("({source})")).expect("a JavaScript literal")
}

/// How many records the log store holds, counted by raw JavaScript.
async fn stored_records(db: &str) -> u32 {
    raw_js(
        "name",
        "return new Promise((ok, fail) => {
            const open = indexedDB.open(name);
            open.onerror = () => fail(open.error);
            open.onsuccess = () => {
                const db = open.result;
                const count = db.transaction('log').objectStore('log').count();
                count.onsuccess = () => { db.close(); ok(count.result); };
                count.onerror = () => { db.close(); fail(count.error); };
            };
        })",
        &[JsValue::from_str(db)],
    )
    .await
    .expect("raw JavaScript counts the records")
    .as_f64()
    .unwrap() as u32
}

async fn dispatch(engine: &mut Engine, log: &IdbLog, commands: &[CommandEnvelope]) -> Vec<Outcome> {
    engine.dispatch(log, commands).await.0
}

async fn all_records(log: &IdbLog) -> Vec<LoggedCommand> {
    cqrs_shop::log::read_all_after(log, 0, |_, _| {})
        .await
        .unwrap()
        .records
}

#[wasm_bindgen_test]
async fn every_event_type_round_trips_through_indexeddb() {
    let log = fresh("t-round-trip").await;
    let records = every_record();
    log.append(&records).await.expect("append");
    assert_eq!(all_records(&log).await, records);
    assert_eq!(log.last_seq().await.unwrap(), records.len() as u64);
    let found = log.find(&CommandId::new("cmd-8")).await.unwrap();
    assert_eq!(found.as_ref(), records.get(7));
}

/// The database as the first version of the app left it: version-1 schema and records.
async fn version_1_database(name: &str) {
    IdbLog::delete(name).await.unwrap();
    raw_js(
        "name, records",
        "return new Promise((ok, fail) => {
            const open = indexedDB.open(name, 1);
            open.onupgradeneeded = () => {
                const db = open.result;
                const log = db.createObjectStore('log', { keyPath: 'seq' });
                log.createIndex('by_id', 'id', { unique: true });
                log.createIndex('by_stream', 'streams', { unique: true, multiEntry: true });
                db.createObjectStore('quarantine', { keyPath: 'seq' });
                for (const s of ['users', 'cart', 'order']) db.createObjectStore(s + '_snapshots');
                for (const r of JSON.parse(records)) log.add(r);
            };
            open.onerror = () => fail(open.error);
            open.onsuccess = () => { open.result.close(); ok(); };
        })",
        &[
            JsValue::from_str(name),
            JsValue::from_str(include_str!("fixtures/records-v1.json")),
        ],
    )
    .await
    .expect("raw JavaScript builds a version-1 database");
}

#[wasm_bindgen_test]
async fn a_version_1_database_is_upgraded_and_its_records_keep_their_guarantees() {
    let name = "t-from-v1";
    version_1_database(name).await;
    let log = open(name).await;
    let records = every_record();
    assert_eq!(all_records(&log).await, records);
    assert_eq!(log.last_seq().await.unwrap(), records.len() as u64);
    let found = log.find(&CommandId::new("cmd-3")).await.unwrap();
    assert_eq!(found.as_ref(), records.get(2));

    // New appends are batches; the migrated id index still covers the old records.
    let next = records.len() as u64 + 1;
    let mut reused = records[0].clone();
    reused.seq = next;
    reused.events.clear();
    assert_eq!(log.append(&[reused]).await, Err(AppendError::Conflict));
    let mut fresh_one = records[0].clone();
    fresh_one.seq = next;
    fresh_one.envelope.id = CommandId::new("after-upgrade");
    fresh_one.events.clear();
    log.append(&[fresh_one.clone()]).await.unwrap();
    assert_eq!(
        log.find(&CommandId::new("after-upgrade")).await.unwrap(),
        Some(fresh_one)
    );
    assert_eq!(stored_records(name).await, records.len() as u32 + 1);
}

#[wasm_bindgen_test]
async fn a_second_connection_that_raced_ahead_causes_a_conflict_then_a_clean_retry() {
    let tab_a = fresh("t-conflict").await;
    let tab_b = open("t-conflict").await;
    let mut engine_a = Engine::start(&tab_a, |_, _| {}).await.unwrap().engine;
    dispatch(
        &mut engine_a,
        &tab_a,
        &[envelope(
            "r",
            &alice(),
            Command::RegisterUser { name: "A".into() },
        )],
    )
    .await;
    let mut engine_b = Engine::start(&tab_b, |_, _| {}).await.unwrap().engine;

    let add = |id: &str, q| {
        envelope(
            id,
            &alice(),
            Command::AddItem {
                product: product("pasta"),
                quantity: q,
            },
        )
    };
    dispatch(&mut engine_a, &tab_a, &[add("a1", 1)]).await;

    // The raw append from B's stale state is refused by the unique indexes...
    let stale = engine_b.write_model().decide(&add("b0", 1)).unwrap();
    let refused = tab_b
        .append(&[LoggedCommand {
            seq: 2,
            envelope: add("b0", 1),
            events: stale,
        }])
        .await;
    assert_eq!(refused, Err(AppendError::Conflict));

    // ...and the engine turns the same race into a retry that loses nothing.
    let outcomes = dispatch(&mut engine_b, &tab_b, &[add("b1", 2)]).await;
    assert!(matches!(outcomes[0], Outcome::Accepted(_)), "{outcomes:?}");
    let cart = engine_b.write_model().carts().cart(&alice());
    assert_eq!(cart.quantity_of(&product("pasta")), 3);
    assert_eq!(all_records(&tab_a).await.len(), 3);
}

#[wasm_bindgen_test]
async fn a_duplicate_command_id_writes_nothing_and_returns_the_earlier_outcome() {
    let log = fresh("t-duplicate").await;
    let records = every_record();
    log.append(&records[..1]).await.unwrap();
    let mut again = records[0].clone();
    again.seq = 2;
    assert_eq!(log.append(&[again]).await, Err(AppendError::Conflict));
    assert_eq!(log.last_seq().await.unwrap(), 1);

    let mut engine = Engine::start(&log, |_, _| {}).await.unwrap().engine;
    let outcomes = dispatch(&mut engine, &log, &[records[0].envelope.clone()]).await;
    assert_eq!(outcomes, vec![Outcome::Duplicate(records[0].clone())]);
    assert_eq!(log.last_seq().await.unwrap(), 1);
}

fn burst(users: usize, count: usize) -> Vec<CommandEnvelope> {
    let mut commands: Vec<CommandEnvelope> = (0..users)
        .map(|u| {
            let user = UserId::new(format!("u{u}"));
            envelope(
                &format!("reg-{u}"),
                &user,
                Command::RegisterUser {
                    name: user.to_string(),
                },
            )
        })
        .collect();
    for i in 0..count {
        let user = UserId::new(format!("u{}", i % users));
        let command = if (i / users).is_multiple_of(2) {
            Command::AddItem {
                product: product("pasta"),
                quantity: 1,
            }
        } else {
            Command::RemoveItem {
                product: product("pasta"),
            }
        };
        commands.push(envelope(&format!("c{i}"), &user, command));
    }
    commands
}

#[wasm_bindgen_test]
async fn a_burst_is_group_committed_and_each_command_keeps_its_own_outcome() {
    let log = fresh("t-burst").await;
    let mut engine = Engine::start(&log, |_, _| {}).await.unwrap().engine;
    let mut commands = burst(4, 1_000);
    commands.insert(3, envelope("bad", &alice(), Command::ClearCart));
    let started = now();
    let outcomes = dispatch(&mut engine, &log, &commands).await;
    let took = now() - started;
    console_log!(
        "burst of {} commands in one transaction: {took:.1} ms",
        commands.len()
    );
    assert_eq!(
        outcomes[3],
        Outcome::Rejected(DomainError::UnknownUser(alice()))
    );
    let accepted = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Accepted(_)))
        .count();
    assert_eq!(accepted, commands.len() - 1);
    assert_eq!(log.last_seq().await.unwrap(), accepted as u64);
    // One request for the whole burst: a single record holds every accepted command.
    assert_eq!(stored_records("t-burst").await, 1);
    assert_eq!(all_records(&log).await.len(), accepted);
    // Reading from inside the record returns the rest of it.
    let rest = log.read_after(500, 1).await.unwrap();
    assert_eq!(rest.records.len(), accepted - 500);
    assert_eq!(rest.records[0].seq, 501);
    assert_eq!(rest.last_seq, accepted as u64);
}

#[wasm_bindgen_test]
async fn garbage_written_by_raw_javascript_is_quarantined_and_the_rest_loads() {
    let name = "t-garbage";
    let log = fresh(name).await;
    log.append(&every_record()).await.unwrap();
    plant(
        name,
        js("{seq: 15, id: 'x', streams: [], v: 1, body: '{\"envelope\": tru'}"),
    )
    .await;
    plant(name, js("{seq: 16, id: 'y', streams: 'nope', v: 'one'}")).await;
    plant(
        name,
        js("{seq: 17, id: 'z', streams: [], v: 3, body: '{}'}"),
    )
    .await;

    let started = Engine::start(&log, |_, _| {})
        .await
        .expect("start despite garbage");
    let quarantined = started.engine.quarantined();
    assert_eq!(
        quarantined.iter().map(|q| q.seq).collect::<Vec<_>>(),
        vec![15, 16, 17]
    );
    assert!(quarantined[1].reason.contains("streams"));
    assert!(quarantined[2].reason.contains("newer version"));
    assert_eq!(started.read.orders.orders(&alice()).len(), 2);

    // Kept, not dropped: a restart still counts them.
    let again = Engine::start(&log, |_, _| {}).await.unwrap();
    assert_eq!(again.engine.quarantined().len(), 3);
}

async fn seeded(name: &str, count: usize) -> (IdbLog, Engine, ReadModels) {
    let log = fresh(name).await;
    let mut engine = Engine::start(&log, |_, _| {}).await.unwrap().engine;
    let mut read = ReadModels::default();
    for chunk in burst(10, count).chunks(1_000) {
        let (_, folded) = engine.dispatch(&log, chunk).await;
        for logged in &folded {
            read.apply(engine.write_model().catalog(), logged);
        }
    }
    (log, engine, read)
}

#[wasm_bindgen_test]
async fn snapshot_and_tail_equal_a_full_replay() {
    let (log, mut engine, read) = seeded("t-snapshot", 600).await;
    engine.save_snapshots(&log, &read).await.unwrap();
    let more = burst(10, 700).split_off(610);
    let (_, folded) = engine.dispatch(&log, &more).await;
    assert!(!folded.is_empty());

    let from_snapshot = Engine::start(&log, |_, _| {}).await.unwrap();
    assert_eq!(from_snapshot.from_snapshot.len(), Service::ALL.len());
    assert_eq!(from_snapshot.tail_len, folded.len());
    let records = all_records(&log).await;
    assert_eq!(
        from_snapshot.read,
        ReadModels::rebuild(&Catalog::builtin(), &records)
    );
    assert_eq!(from_snapshot.engine.write_model(), engine.write_model());
}

#[wasm_bindgen_test]
async fn a_snapshot_with_an_old_schema_is_ignored() {
    let (log, mut engine, read) = seeded("t-old-snapshot", 200).await;
    engine.save_snapshots(&log, &read).await.unwrap();
    let mut old = log.load_snapshot(Service::Order).await.unwrap().unwrap();
    old.schema = SNAPSHOT_SCHEMA - 1;
    log.save_snapshots(&[old]).await.unwrap();

    let started = Engine::start(&log, |_, _| {}).await.unwrap();
    assert!(!started.from_snapshot.contains(&Service::Order));
    assert!(started.from_snapshot.contains(&Service::Cart));
    assert_eq!(
        started.read,
        ReadModels::rebuild(&Catalog::builtin(), &all_records(&log).await)
    );
}

#[wasm_bindgen_test]
async fn ten_thousand_events_load_with_and_without_a_snapshot() {
    let (log, mut engine, read) = seeded("t-10k", 10_000).await;
    let mut progress = Vec::new();
    let started = now();
    let replay = Engine::start(&log, |done, total| progress.push((done, total)))
        .await
        .unwrap();
    let full_ms = now() - started;
    assert_eq!(replay.read, read);
    assert_eq!(progress.last().copied(), Some((10_010, 10_010)));

    engine.save_snapshots(&log, &read).await.unwrap();
    let started = now();
    let snap = Engine::start(&log, |_, _| {}).await.unwrap();
    let snapshot_ms = now() - started;
    assert_eq!(snap.read, read);
    console_log!(
        "10,010 commands: full replay {full_ms:.0} ms, snapshot + empty tail {snapshot_ms:.0} ms ({} progress reports)",
        progress.len()
    );
}

#[wasm_bindgen_test]
async fn an_upgrade_from_another_tab_closes_this_connection_and_appends_then_refuse() {
    let name = "t-upgrade";
    IdbLog::delete(name).await.unwrap();
    let closed = Rc::new(Cell::new(false));
    let seen = closed.clone();
    let log = IdbLog::open(name, Durability::Relaxed, || {}, move || seen.set(true))
        .await
        .unwrap();
    raw_js(
        "name, version",
        "return new Promise((ok, fail) => {
            const open = indexedDB.open(name, version);
            open.onerror = () => fail(open.error);
            open.onblocked = () => fail(new Error('the upgrade was blocked'));
            open.onsuccess = () => { open.result.close(); ok(); };
        })",
        &[JsValue::from_str(name), JsValue::from(DB_VERSION + 1)],
    )
    .await
    .expect("the other tab's upgrade is never blocked by this one");
    assert!(closed.get());
    assert_eq!(
        log.append(&every_record()[..1]).await,
        Err(AppendError::Closed)
    );
}

async fn single_appends(name: &str, durability: Durability, count: usize) -> f64 {
    IdbLog::delete(name).await.unwrap();
    let log = IdbLog::open(name, durability, || {}, || {}).await.unwrap();
    let mut engine = Engine::start(&log, |_, _| {}).await.unwrap().engine;
    let commands = burst(1, count);
    let started = now();
    for command in &commands {
        let outcomes = dispatch(&mut engine, &log, std::slice::from_ref(command)).await;
        assert!(matches!(outcomes[0], Outcome::Accepted(_)), "{outcomes:?}");
    }
    let mean = (now() - started) / commands.len() as f64;
    assert_eq!(log.last_seq().await.unwrap(), commands.len() as u64);
    mean
}

#[wasm_bindgen_test]
async fn relaxed_and_strict_durability_both_commit_every_append() {
    let relaxed = single_appends("t-relaxed", Durability::Relaxed, 100).await;
    let strict = single_appends("t-strict", Durability::Strict, 100).await;
    console_log!("single append, mean of 101: relaxed {relaxed:.2} ms, strict {strict:.2} ms");
}

#[wasm_bindgen_test]
async fn an_upgrade_blocked_by_an_older_tab_says_so_and_goes_ahead_once_that_tab_closes() {
    let name = "t-blocked";
    version_1_database(name).await;
    // An older tab that keeps its version-1 connection open through the version change.
    raw_js(
        "name",
        "return new Promise((ok, fail) => {
            const open = indexedDB.open(name, 1);
            open.onsuccess = () => { globalThis.olderTab = open.result; ok(); };
            open.onerror = () => fail(open.error);
        })",
        &[JsValue::from_str(name)],
    )
    .await
    .unwrap();
    let blocked = Rc::new(Cell::new(false));
    let seen = blocked.clone();
    let blocked_at_close = Rc::new(Cell::new(false));
    let noted = blocked_at_close.clone();
    let watcher = blocked.clone();
    wasm_bindgen_futures::spawn_local(async move {
        raw_js("", "return new Promise((ok) => setTimeout(ok, 300))", &[])
            .await
            .unwrap();
        noted.set(watcher.get());
        raw_js(
            "",
            "globalThis.olderTab.close(); return Promise.resolve()",
            &[],
        )
        .await
        .unwrap();
    });
    let log = IdbLog::open(name, Durability::Relaxed, move || seen.set(true), || {})
        .await
        .expect("the upgrade completes once the older tab is gone");
    assert!(
        blocked_at_close.get(),
        "the wait was reported while it lasted"
    );
    assert_eq!(all_records(&log).await, every_record());
}

#[wasm_bindgen_test]
async fn a_long_log_reads_back_whole_across_batches_and_from_inside_a_record() {
    // 4,510 commands decided on the in-memory log, then stored one record per command except
    // the last ten, which share a record: more than two read batches.
    let memory = MemoryLog::new();
    let mut engine = Engine::start(&memory, |_, _| {}).await.unwrap().engine;
    for chunk in burst(10, 4_500).chunks(500) {
        engine.dispatch(&memory, chunk).await;
    }
    let commands = memory.read_after(0, u32::MAX).await.unwrap().records;
    assert_eq!(commands.len(), 4_510);
    let (singles, shared) = commands.split_at(commands.len() - 10);
    let mut records: Vec<&[LoggedCommand]> = singles.chunks(1).collect();
    records.push(shared);
    let log = fresh("t-long").await;
    log.append_records(&records).await.unwrap();

    let mut reports = Vec::new();
    let all = cqrs_shop::log::read_all_after(&log, 0, |done, total| reports.push((done, total)))
        .await
        .unwrap();
    assert_eq!(all.records, commands);
    assert_eq!(all.last_seq, 4_510);
    assert!(reports.len() > 3, "{reports:?}");
    assert_eq!(reports.last(), Some(&(4_510, 4_510)));

    let inside = commands[commands.len() - 5].seq;
    let rest = cqrs_shop::log::read_all_after(&log, inside, |_, _| {})
        .await
        .unwrap();
    assert_eq!(rest.records, commands[commands.len() - 4..]);
}
