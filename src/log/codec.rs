//! The record format: how one accepted command and its events are stored, and how stored
//! records (of any version this build knows) are read back. Pure and browser-free, so every
//! rule here is tested natively against golden fixtures.

use crate::domain::{CommandEnvelope, Event, LoggedCommand, RecordedEvent, StreamId};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

/// The version of the record envelope this build writes.
pub const RECORD_VERSION: u32 = 1;

/// A record as the store keeps it: indexed fields beside an opaque JSON body. `streams` holds
/// `stream#version` keys, one per event, so a unique index can refuse a second writer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRecord {
    pub seq: u64,
    pub id: String,
    pub streams: Vec<String>,
    pub v: u32,
    pub body: String,
}

/// The body of a version-1 record, as written.
#[derive(Serialize)]
struct BodyOut<'a> {
    envelope: &'a CommandEnvelope,
    events: Vec<EventOut<'a>>,
}

/// One event in a version-1 body, with its own schema version so types can evolve apart. The
/// event itself adds its `type` and `data` fields.
#[derive(Serialize)]
struct EventOut<'a> {
    stream: &'a StreamId,
    version: u64,
    v: u32,
    #[serde(flatten)]
    event: &'a Event,
}

/// The body of a version-1 record, as read: event data stays raw until its version is known.
#[derive(Deserialize)]
struct BodyIn {
    envelope: CommandEnvelope,
    events: Vec<EventIn>,
}

#[derive(Deserialize)]
struct EventIn {
    stream: StreamId,
    version: u64,
    v: u32,
    #[serde(rename = "type")]
    event_type: String,
    data: Box<RawValue>,
}

/// Why a stored record could not be read. The record is then quarantined: kept, counted and
/// shown, never dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Written by a newer build of the app (record or event schema).
    FutureVersion { found: u32, supported: u32 },
    /// An event type this build has never heard of.
    UnknownEventType(String),
    /// The indexed fields disagree with the body (hand-edited or torn record).
    Inconsistent(String),
    /// Not valid JSON, or not the shape the version promises.
    Malformed(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::FutureVersion { found, supported } => write!(
                f,
                "written by a newer version of the app (schema {found}, this app reads up to {supported})"
            ),
            DecodeError::UnknownEventType(t) => write!(f, "unknown event type \"{t}\""),
            DecodeError::Inconsistent(why) => write!(f, "inconsistent record: {why}"),
            DecodeError::Malformed(why) => write!(f, "malformed record: {why}"),
        }
    }
}

/// The `stream#version` key that the unique index of the log is built on.
pub fn stream_key(recorded: &RecordedEvent) -> String {
    format!("{}#{}", recorded.stream, recorded.version)
}

/// Encodes an accepted command for the store.
pub fn encode(logged: &LoggedCommand) -> StoredRecord {
    let body = BodyOut {
        envelope: &logged.envelope,
        events: logged
            .events
            .iter()
            .map(|recorded| EventOut {
                stream: &recorded.stream,
                version: recorded.version,
                v: Event::VERSION,
                event: &recorded.event,
            })
            .collect(),
    };
    StoredRecord {
        seq: logged.seq,
        id: logged.envelope.id.to_string(),
        streams: logged.events.iter().map(stream_key).collect(),
        v: RECORD_VERSION,
        body: serde_json::to_string(&body).unwrap_or_default(),
    }
}

/// An upcaster lifts one event type's data from schema `from` to `from + 1`.
pub type Upcaster = fn(Value) -> Result<Value, String>;

/// Every upcaster this build knows, as (event type, from version, step). Empty while every event
/// type is still at version 1; a changed event adds its step here and a golden fixture of the
/// old shape.
pub const UPCASTERS: &[(&str, u32, Upcaster)] = &[];

/// Decodes a stored record with this build's upcasters.
pub fn decode(stored: &StoredRecord) -> Result<LoggedCommand, DecodeError> {
    decode_with(stored, UPCASTERS)
}

/// Decodes a stored record, lifting each event through `upcasters` to the current version.
pub fn decode_with(
    stored: &StoredRecord,
    upcasters: &[(&str, u32, Upcaster)],
) -> Result<LoggedCommand, DecodeError> {
    if stored.v > RECORD_VERSION {
        return Err(DecodeError::FutureVersion {
            found: stored.v,
            supported: RECORD_VERSION,
        });
    }
    if stored.v == 0 {
        return Err(DecodeError::Malformed("record version 0".into()));
    }
    let body: BodyIn =
        serde_json::from_str(&stored.body).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    if body.envelope.id.as_str() != stored.id {
        return Err(DecodeError::Inconsistent(format!(
            "command id {} in the body, {} in the index",
            body.envelope.id, stored.id
        )));
    }
    let events = body
        .events
        .into_iter()
        .map(|e| decode_event(e, upcasters))
        .collect::<Result<Vec<_>, _>>()?;
    let logged = LoggedCommand {
        seq: stored.seq,
        envelope: body.envelope,
        events,
    };
    let keys: Vec<String> = logged.events.iter().map(stream_key).collect();
    if keys != stored.streams {
        return Err(DecodeError::Inconsistent(
            "stream versions differ from the index".into(),
        ));
    }
    Ok(logged)
}

fn decode_event(
    stored: EventIn,
    upcasters: &[(&str, u32, Upcaster)],
) -> Result<RecordedEvent, DecodeError> {
    if stored.v > Event::VERSION {
        return Err(DecodeError::FutureVersion {
            found: stored.v,
            supported: Event::VERSION,
        });
    }
    let data = if stored.v == Event::VERSION {
        stored.data
    } else {
        upcast(&stored, upcasters)?
    };
    // The event's own serde shape is {"type", "data"}: parse the raw data exactly once, there.
    let type_json = serde_json::to_string(&stored.event_type).unwrap_or_default();
    let tagged = format!(r#"{{"type":{type_json},"data":{}}}"#, data.get());
    let event: Event = serde_json::from_str(&tagged).map_err(|e| {
        if e.to_string().contains("unknown variant") {
            DecodeError::UnknownEventType(stored.event_type.clone())
        } else {
            DecodeError::Malformed(e.to_string())
        }
    })?;
    Ok(RecordedEvent {
        stream: stored.stream,
        version: stored.version,
        event,
    })
}

/// Lifts an old event's data step by step to the current version.
fn upcast(
    stored: &EventIn,
    upcasters: &[(&str, u32, Upcaster)],
) -> Result<Box<RawValue>, DecodeError> {
    let mut data: Value = serde_json::from_str(stored.data.get())
        .map_err(|e| DecodeError::Malformed(e.to_string()))?;
    for version in stored.v..Event::VERSION {
        let step = upcasters
            .iter()
            .find(|(t, from, _)| *t == stored.event_type && *from == version)
            .map(|(_, _, step)| step)
            .ok_or_else(|| {
                DecodeError::Malformed(format!(
                    "no upcaster for {} version {version}",
                    stored.event_type
                ))
            })?;
        data = step(data).map_err(DecodeError::Malformed)?;
    }
    RawValue::from_string(data.to_string()).map_err(|e| DecodeError::Malformed(e.to_string()))
}
