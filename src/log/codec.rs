//! The record format: how accepted commands and their events are stored, and how stored
//! records (of any version this build knows) are read back. Pure and browser-free, so every
//! rule here is tested natively against golden fixtures.
//!
//! Version 1 stored one command per record. Version 2 stores one record per append: a batch of
//! commands with consecutive sequence numbers, so a burst costs the store one request instead
//! of one per command. Both are read.

use crate::domain::{CommandEnvelope, Event, LoggedCommand, RecordedEvent, StreamId};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

/// The version of the record envelope this build writes.
pub const RECORD_VERSION: u32 = 2;

/// A record as the store keeps it: indexed fields beside an opaque JSON body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRecord {
    /// The sequence number of the record's first command: the store's key. Each append's
    /// first number must be new, which is how a second writer of the same place is refused.
    pub seq: u64,
    /// The sequence number of the record's last command (version 2; in version 1 it is `seq`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<u64>,
    /// The command ids, in order, for the unique multi-entry index.
    pub id: RecordIds,
    /// `stream#version` keys, one per event, for the unique multi-entry index that refuses a
    /// second writer of the same stream version.
    pub streams: Vec<String>,
    pub v: u32,
    pub body: String,
}

impl StoredRecord {
    /// The sequence number of the record's last command.
    pub fn last_seq(&self) -> u64 {
        self.last.unwrap_or(self.seq)
    }
}

/// A record's command ids: one string in version 1, a list in version 2.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RecordIds {
    One(String),
    Many(Vec<String>),
}

impl RecordIds {
    /// The ids, in order.
    pub fn as_slice(&self) -> &[String] {
        match self {
            RecordIds::One(id) => std::slice::from_ref(id),
            RecordIds::Many(ids) => ids,
        }
    }
}

impl From<&str> for RecordIds {
    fn from(id: &str) -> Self {
        RecordIds::One(id.to_string())
    }
}

/// The body of a version-2 record, as written: its commands in sequence order.
#[derive(Serialize)]
struct BatchOut<'a> {
    commands: Vec<BodyOut<'a>>,
}

/// One command and its events, as written.
#[derive(Serialize)]
struct BodyOut<'a> {
    envelope: &'a CommandEnvelope,
    events: Vec<EventOut<'a>>,
}

/// One event in a body, with its own schema version so types can evolve apart. The event
/// itself adds its `type` and `data` fields.
#[derive(Serialize)]
struct EventOut<'a> {
    stream: &'a StreamId,
    version: u64,
    v: u32,
    #[serde(flatten)]
    event: &'a Event,
}

/// The body of a version-2 record, as read.
#[derive(Deserialize)]
struct BatchIn {
    commands: Vec<BodyIn>,
}

/// One command and its events, as read (the whole body of a version-1 record): event data
/// stays raw until its version is known.
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

/// Encodes one append's commands (consecutive sequence numbers, at least one) as one record.
pub fn encode(batch: &[LoggedCommand]) -> StoredRecord {
    let first = batch.first().map_or(0, |l| l.seq);
    let last = batch.last().map_or(0, |l| l.seq);
    debug_assert_eq!(
        last + 1 - first,
        batch.len() as u64,
        "a batch is consecutive"
    );
    let body = BatchOut {
        commands: batch.iter().map(body_out).collect(),
    };
    StoredRecord {
        seq: first,
        last: Some(last),
        id: RecordIds::Many(batch.iter().map(|l| l.envelope.id.to_string()).collect()),
        streams: batch
            .iter()
            .flat_map(|l| l.events.iter().map(stream_key))
            .collect(),
        v: RECORD_VERSION,
        body: serde_json::to_string(&body).unwrap_or_default(),
    }
}

fn body_out(logged: &LoggedCommand) -> BodyOut<'_> {
    BodyOut {
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
    }
}

/// An upcaster lifts one event type's data from schema `from` to `from + 1`.
pub type Upcaster = fn(Value) -> Result<Value, String>;

/// Every upcaster this build knows, as (event type, from version, step). Empty while every event
/// type is still at version 1; a changed event adds its step here and a golden fixture of the
/// old shape.
pub const UPCASTERS: &[(&str, u32, Upcaster)] = &[];

/// Decodes a stored record with this build's upcasters into its commands, in order.
pub fn decode(stored: &StoredRecord) -> Result<Vec<LoggedCommand>, DecodeError> {
    decode_with(stored, UPCASTERS)
}

/// Decodes a stored record, lifting each event through `upcasters` to the current version, and
/// checks that its indexed fields agree with its body.
pub fn decode_with(
    stored: &StoredRecord,
    upcasters: &[(&str, u32, Upcaster)],
) -> Result<Vec<LoggedCommand>, DecodeError> {
    let malformed = |e: serde_json::Error| DecodeError::Malformed(e.to_string());
    let bodies = match stored.v {
        0 => return Err(DecodeError::Malformed("record version 0".into())),
        1 => vec![serde_json::from_str::<BodyIn>(&stored.body).map_err(malformed)?],
        2 => {
            serde_json::from_str::<BatchIn>(&stored.body)
                .map_err(malformed)?
                .commands
        }
        found => {
            return Err(DecodeError::FutureVersion {
                found,
                supported: RECORD_VERSION,
            })
        }
    };
    if bodies.is_empty() {
        return Err(DecodeError::Malformed("a record without commands".into()));
    }
    // Checked: a damaged record may carry any number, and decoding never panics.
    let last = stored.seq.checked_add(bodies.len() as u64 - 1);
    if last != Some(stored.last_seq()) {
        return Err(DecodeError::Inconsistent(format!(
            "{} commands from sequence number {} cannot end at {}",
            bodies.len(),
            stored.seq,
            stored.last_seq()
        )));
    }
    let ids = stored.id.as_slice();
    if ids.len() != bodies.len() {
        return Err(DecodeError::Inconsistent(format!(
            "{} command ids in the index, {} commands in the body",
            ids.len(),
            bodies.len()
        )));
    }
    let mut commands = Vec::with_capacity(bodies.len());
    for (offset, (body, id)) in bodies.into_iter().zip(ids).enumerate() {
        let seq = stored.seq + offset as u64;
        if body.envelope.id.as_str() != id {
            return Err(DecodeError::Inconsistent(format!(
                "command id {} in the body, {id} in the index",
                body.envelope.id
            )));
        }
        let events = body
            .events
            .into_iter()
            .map(|e| decode_event(e, upcasters))
            .collect::<Result<Vec<_>, _>>()?;
        commands.push(LoggedCommand {
            seq,
            envelope: body.envelope,
            events,
        });
    }
    let keys = commands
        .iter()
        .flat_map(|l| l.events.iter().map(stream_key));
    if !keys.eq(stored.streams.iter().cloned()) {
        return Err(DecodeError::Inconsistent(
            "stream versions differ from the index".into(),
        ));
    }
    Ok(commands)
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
