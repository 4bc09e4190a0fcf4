//! The record format is a promise to every log already written: golden version-1 fixtures of
//! every command and event type must keep decoding to the same values, and encoding must keep
//! producing them. Regenerate only for a new version: `UPDATE_GOLDEN=1 cargo test --test records`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::fixtures::every_record;

use cqrs_shop::log::codec::{
    self, decode, decode_with, encode, DecodeError, StoredRecord, Upcaster,
};
use serde_json::{json, Value};

const FIXTURE: &str = "tests/fixtures/records-v1.json";

#[test]
fn every_version_1_fixture_decodes_to_the_same_values_and_encodes_to_the_same_json() {
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
        // Encoding writes the same JSON document (key order inside an object is not part of
        // the format) and the same indexed fields.
        let fresh = encode(value);
        let as_json = |body: &str| serde_json::from_str::<Value>(body).unwrap();
        assert_eq!(
            as_json(&fresh.body),
            as_json(&stored.body),
            "encoding seq {}",
            stored.seq
        );
        assert_eq!(
            (fresh.seq, &fresh.id, &fresh.streams, fresh.v),
            (stored.seq, &stored.id, &stored.streams, stored.v)
        );
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
