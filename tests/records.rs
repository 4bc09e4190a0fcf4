//! The record format is a promise to every log already written: golden fixtures of every
//! command and event type must keep decoding to the same values. Version-1 fixtures (one command
//! per record) are frozen; version-2 fixtures (a batch per record) must also keep being encoded
//! the same way. Regenerate version 2 only for a new version:
//! `UPDATE_GOLDEN=1 cargo test --test records`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::fixtures::every_record;

use cqrs_shop::app::transfer::{self, ImportError};
use cqrs_shop::domain::LoggedCommand;
use cqrs_shop::log::codec::{
    self, decode, decode_with, encode, DecodeError, StoredRecord, Upcaster,
};
use serde_json::Value;

const FIXTURE_V1: &str = "tests/fixtures/records-v1.json";
const FIXTURE_V2: &str = "tests/fixtures/records-v2.json";

fn golden(path: &str) -> Vec<StoredRecord> {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The fixtures as batches of one, two and three commands in turn.
fn batches() -> Vec<Vec<LoggedCommand>> {
    let mut all = every_record().into_iter().peekable();
    let mut batches = Vec::new();
    for size in (1..=3).cycle() {
        let batch: Vec<LoggedCommand> = all.by_ref().take(size).collect();
        if batch.is_empty() {
            break;
        }
        batches.push(batch);
    }
    batches
}

#[test]
fn every_version_1_fixture_still_decodes_to_the_same_values() {
    let expected = every_record();
    let golden = golden(FIXTURE_V1);
    assert_eq!(golden.len(), expected.len());
    for (stored, value) in golden.iter().zip(&expected) {
        assert_eq!(stored.v, 1);
        assert_eq!(
            decode(stored).unwrap(),
            vec![value.clone()],
            "seq {}",
            stored.seq
        );
    }
}

#[test]
fn every_version_2_fixture_decodes_to_the_same_values_and_encodes_to_the_same_json() {
    let expected = batches();
    let encoded: Vec<StoredRecord> = expected.iter().map(|b| encode(b)).collect();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let text = serde_json::to_string_pretty(&encoded).unwrap();
        std::fs::write(FIXTURE_V2, text + "\n").unwrap();
    }
    let golden = golden(FIXTURE_V2);
    assert_eq!(golden.len(), expected.len());
    for ((stored, batch), fresh) in golden.iter().zip(&expected).zip(&encoded) {
        assert_eq!(
            &decode(stored).unwrap(),
            batch,
            "decoding seq {}",
            stored.seq
        );
        // The same JSON document (key order inside an object is not part of the format) and
        // the same indexed fields.
        let as_json = |body: &str| serde_json::from_str::<Value>(body).unwrap();
        assert_eq!(
            as_json(&fresh.body),
            as_json(&stored.body),
            "seq {}",
            stored.seq
        );
        assert_eq!(
            (fresh.seq, fresh.last, &fresh.id, &fresh.streams, fresh.v),
            (
                stored.seq,
                stored.last,
                &stored.id,
                &stored.streams,
                stored.v
            )
        );
    }
}

#[test]
fn a_batch_record_is_keyed_by_its_first_command_and_indexes_every_id_and_stream() {
    let batch = &every_record()[6..9];
    let stored = encode(batch);
    assert_eq!(
        (stored.seq, stored.last_seq()),
        (batch[0].seq, batch[2].seq)
    );
    let ids: Vec<&str> = batch.iter().map(|l| l.envelope.id.as_str()).collect();
    assert_eq!(stored.id.as_slice(), ids);
    let keys: Vec<String> = batch
        .iter()
        .flat_map(|l| l.events.iter().map(codec::stream_key))
        .collect();
    assert_eq!(stored.streams, keys);
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
    encode(&every_record()[1..2])
}

#[test]
fn a_record_from_a_newer_app_is_an_error_not_a_panic() {
    let mut stored = first();
    stored.v = 3;
    assert_eq!(
        decode(&stored),
        Err(DecodeError::FutureVersion {
            found: 3,
            supported: 2
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

#[test]
fn a_batch_whose_numbers_or_ids_do_not_add_up_is_inconsistent() {
    let batch = &every_record()[2..5];
    let mut stored = encode(batch);
    stored.last = Some(stored.seq + 7);
    assert!(matches!(decode(&stored), Err(DecodeError::Inconsistent(_))));
    let mut stored = encode(batch);
    stored.id = codec::RecordIds::Many(vec!["cmd-3".into(), "cmd-4".into()]);
    assert!(matches!(decode(&stored), Err(DecodeError::Inconsistent(_))));
    let mut stored = encode(batch);
    stored.body = r#"{"commands":[]}"#.into();
    stored.last = None;
    assert!(matches!(decode(&stored), Err(DecodeError::Malformed(_))));
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
    assert_eq!(
        decode_with(&stored, upcasters).unwrap(),
        vec![every_record()[1].clone()]
    );
    assert!(matches!(decode(&stored), Err(DecodeError::Malformed(_))));
}

#[test]
fn stream_keys_pair_the_stream_with_its_version() {
    let record = &every_record()[7];
    let keys: Vec<String> = record.events.iter().map(codec::stream_key).collect();
    assert_eq!(keys, vec!["order/1#1", "stock#1"]);
}

#[test]
fn an_import_whose_batches_skip_a_number_is_refused_with_the_record_named() {
    let mut batches = batches();
    batches.remove(1);
    let file = serde_json::json!({
        "format": transfer::FORMAT, "version": 2, "exported_at": 0,
        "records": batches.iter().map(|b| encode(b)).collect::<Vec<_>>()
    });
    assert_eq!(
        transfer::parse_import(&file.to_string()),
        Err(ImportError::OutOfOrder {
            index: 2,
            expected: 2,
            found: 4
        })
    );
}

#[test]
fn a_record_numbered_at_the_very_end_of_the_range_is_an_error_not_a_panic() {
    let mut stored = encode(&every_record()[2..5]);
    stored.seq = u64::MAX;
    stored.last = Some(u64::MAX);
    assert!(matches!(decode(&stored), Err(DecodeError::Inconsistent(_))));
    let mut single = encode(&every_record()[2..3]);
    single.seq = u64::MAX;
    single.last = Some(u64::MAX);
    assert_eq!(decode(&single).unwrap()[0].seq, u64::MAX);
}
