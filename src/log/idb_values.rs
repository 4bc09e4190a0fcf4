//! Stored records as JavaScript values, both ways, for the IndexedDB log: the plain objects
//! the store keeps, their fields read back without trusting their types, and the property
//! names made once.

use super::codec::{self, RecordIds, StoredRecord};
use super::{Batch, Quarantined};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Adds a stored value's commands after `after` to the batch, or quarantines it.
pub(super) fn take(batch: &mut Batch, value: &JsValue, after: u64) {
    let stored = record_from_js(value);
    // A record whose fields read back gives its numbers; only a damaged one is read raw again.
    let (seq, last) = match &stored {
        Ok(record) => (record.seq, record.last_seq().max(record.seq)),
        Err(_) => span(value),
    };
    if last <= after {
        return;
    }
    batch.last_seq = batch.last_seq.max(last);
    match stored.and_then(|r| codec::decode(&r).map_err(|e| e.to_string())) {
        Ok(commands) => batch
            .records
            .extend(commands.into_iter().filter(|l| l.seq > after)),
        Err(reason) => batch.quarantined.push(Quarantined {
            seq,
            reason,
            raw: raw_text(value),
        }),
    }
}

pub(super) fn record_to_js(record: &StoredRecord) -> Object {
    // One JSON text for a list costs one crossing into JavaScript; a string per element cost
    // ~12 ms for the 2,000 ids and stream keys of a 1,000-command burst.
    let strings = |items: &[String]| -> JsValue {
        serde_json::to_string(items)
            .ok()
            .and_then(|json| js_sys::JSON::parse(&json).ok())
            .unwrap_or_else(|| {
                items
                    .iter()
                    .map(|s| JsValue::from_str(s))
                    .collect::<Array>()
                    .into()
            })
    };
    let id: JsValue = match &record.id {
        RecordIds::One(id) => JsValue::from_str(id),
        RecordIds::Many(ids) => strings(ids),
    };
    let mut fields = vec![
        ("seq", JsValue::from_f64(record.seq as f64)),
        ("id", id),
        ("streams", strings(&record.streams)),
        ("v", JsValue::from_f64(f64::from(record.v))),
        ("body", JsValue::from_str(&record.body)),
    ];
    if let Some(last) = record.last {
        fields.push(("last", JsValue::from_f64(last as f64)));
    }
    object(&fields)
}

pub(super) fn record_from_js(value: &JsValue) -> Result<StoredRecord, String> {
    let wrong = |name: &str| format!("the field \"{name}\" is missing or of the wrong type");
    let id = match field(value, "id") {
        Some(id) if id.is_string() => id.as_string().map(RecordIds::One),
        Some(ids) => strings(&ids).map(RecordIds::Many),
        None => None,
    }
    .ok_or_else(|| wrong("id"))?;
    let streams = field(value, "streams")
        .and_then(|s| strings(&s))
        .ok_or_else(|| wrong("streams"))?;
    let last = match field(value, "last") {
        Some(last) if !last.is_undefined() => {
            Some(last.as_f64().ok_or_else(|| wrong("last"))? as u64)
        }
        _ => None,
    };
    Ok(StoredRecord {
        seq: number(value, "seq").ok_or_else(|| wrong("seq"))? as u64,
        last,
        id,
        streams,
        v: number(value, "v")
            .filter(|v| v.fract() == 0.0 && *v >= 0.0)
            .ok_or_else(|| wrong("v"))? as u32,
        body: text(value, "body").ok_or_else(|| wrong("body"))?,
    })
}

/// An array of strings, or `None` for anything else.
fn strings(value: &JsValue) -> Option<Vec<String>> {
    value
        .dyn_ref::<Array>()?
        .iter()
        .map(|s| s.as_string())
        .collect()
}

/// The first and last sequence numbers a stored value covers, read even from a record that does
/// not decode, so the log never hands out a number inside it again.
pub(super) fn span(value: &JsValue) -> (u64, u64) {
    let seq = number(value, "seq").unwrap_or(0.0) as u64;
    let last = number(value, "last").map_or(seq, |last| (last as u64).max(seq));
    (seq, last)
}

pub(super) fn object(fields: &[(&'static str, JsValue)]) -> Object {
    let object = Object::new();
    for (name, value) in fields {
        // Setting a property on a fresh plain object cannot fail.
        with_key(name, |key| {
            let _ = Reflect::set(&object, key, value);
        });
    }
    object
}

/// Runs `f` with `name` as a JavaScript string made once per name: handing a Rust string to
/// JavaScript decodes it every time, and a start reads six fields from each of 100,000 records.
fn with_key<T>(name: &'static str, f: impl FnOnce(&JsValue) -> T) -> T {
    thread_local! {
        static KEYS: std::cell::RefCell<Vec<(&'static str, JsValue)>> = const {
            std::cell::RefCell::new(Vec::new())
        };
    }
    KEYS.with(|keys| {
        if let Some((_, key)) = keys.borrow().iter().find(|(n, _)| *n == name) {
            return f(key);
        }
        let key = JsValue::from_str(name);
        let out = f(&key);
        keys.borrow_mut().push((name, key));
        out
    })
}

fn field(value: &JsValue, name: &'static str) -> Option<JsValue> {
    with_key(name, |key| Reflect::get(value, key).ok())
}

pub(super) fn number(value: &JsValue, name: &'static str) -> Option<f64> {
    field(value, name)?.as_f64()
}

pub(super) fn text(value: &JsValue, name: &'static str) -> Option<String> {
    field(value, name)?.as_string()
}

fn raw_text(value: &JsValue) -> String {
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{value:?}"));
    text.chars().take(300).collect()
}
