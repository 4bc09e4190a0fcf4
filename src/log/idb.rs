//! The log in IndexedDB. One object store holds the records, one per append (key: the first
//! sequence number of its batch), with two unique multi-entry indexes that let the database
//! itself refuse a second writer: `by_id` on the command ids and `by_stream` on the
//! `stream#version` keys. Each service has its own snapshot store, and a quarantine store keeps
//! a copy of every record that could not be read. The schema lives in `idb_schema.rs`.

use super::codec;
pub use super::idb_schema::DB_VERSION;
use super::idb_schema::{self, BY_ID, LOG, QUARANTINE};
use super::idb_values::{number, object, record_from_js, record_to_js, span, take, text};
use super::snapshot::Snapshot;
use super::{AppendError, Batch, CommandLog, LogError, Quarantined, READ_BATCH};
use crate::domain::{CommandId, LoggedCommand, Service};
use indexed_db_futures::cursor::CursorDirection;
use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::error::{DomException, Error, OpenDbError};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};
use indexed_db_futures::KeyRange;
use js_sys::{Array, Object};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

const SNAPSHOT_KEY: &str = "latest";

/// How a transaction trades safety for speed. `Strict` waits for the disk to confirm;
/// `Relaxed` returns once the browser has the data, which survives a tab or browser crash but
/// not a power cut of the whole machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    Strict,
    Relaxed,
}

/// Why the database could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// No IndexedDB here (disabled, private mode, or an old browser).
    Unavailable(String),
    /// The open request failed, with the browser's words.
    Failed(String),
}

/// A connection to the log's database.
pub struct IdbLog {
    db: Database,
    durability: Durability,
    closed: Rc<Cell<bool>>,
}

impl IdbLog {
    /// Opens (creating or upgrading) the database. `on_blocked` runs when another tab holds an
    /// older version open; `on_closed` runs when another tab's upgrade closes this connection.
    pub async fn open(
        name: &str,
        durability: Durability,
        on_blocked: impl FnOnce() + 'static,
        on_closed: impl FnOnce() + 'static,
    ) -> Result<Self, OpenError> {
        idb_schema::bring_up_to_date(name, on_blocked).await?;
        let db = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_upgrade_needed(|_: VersionChangeEvent, _: Database| {
                // The schema was just brought up to date: only a deletion in between gets here.
                Err(Error::from(js_sys::Error::new(
                    "the database was deleted while opening",
                )))
            })
            .await
            .map_err(|error| match error {
                OpenDbError::UnsupportedEnvironment | OpenDbError::NullFactory => {
                    OpenError::Unavailable(error.to_string())
                }
                other => OpenError::Failed(other.to_string()),
            })?;
        let closed = Rc::new(Cell::new(false));
        watch_version_changes(&db, closed.clone(), on_closed);
        Ok(Self {
            db,
            durability,
            closed,
        })
    }

    /// Deletes the whole database (tests and "start over").
    pub async fn delete(name: &str) -> Result<(), LogError> {
        Database::delete_by_name(name)
            .map_err(storage)?
            .await
            .map_err(storage)
    }

    /// Whether another tab's upgrade closed this connection.
    pub fn is_closed(&self) -> bool {
        self.closed.get()
    }

    /// The durability appends use.
    pub fn durability(&self) -> Durability {
        self.durability
    }

    /// The raw database, for tests that plant records the way a foreign writer would.
    pub fn database(&self) -> &Database {
        &self.db
    }

    fn write_tx(
        &self,
        stores: &[&str],
    ) -> Result<indexed_db_futures::transaction::Transaction<'_>, LogError> {
        let durability = match self.durability {
            Durability::Strict => TransactionDurability::Strict,
            Durability::Relaxed => TransactionDurability::Relaxed,
        };
        self.db
            .transaction(stores)
            .with_mode(TransactionMode::Readwrite)
            .with_options(TransactionOptions::new().with_durability(durability))
            .build()
            .map_err(storage)
    }

    /// Sends a request for the records keyed above `after` (up to [`READ_BATCH`]) in a
    /// read-only transaction of its own, and returns their arrival to await later.
    fn request_batch(
        &self,
        after: u64,
    ) -> Result<impl std::future::Future<Output = Result<Array, LogError>>, LogError> {
        let js = |e: JsValue| LogError(format!("{e:?}"));
        let db: &web_sys::IdbDatabase = self.db.as_sys().unchecked_ref();
        let store = db
            .transaction_with_str(LOG)
            .map_err(js)?
            .object_store(LOG)
            .map_err(js)?;
        let range = web_sys::IdbKeyRange::lower_bound_with_open(&(after as f64).into(), true)
            .map_err(js)?;
        let request = store
            .get_all_with_key_and_limit(&range, READ_BATCH)
            .map_err(js)?;
        let done = js_sys::Promise::new(&mut |resolve, reject| {
            request.set_onsuccess(Some(&resolve));
            request.set_onerror(Some(&reject));
        });
        Ok(async move {
            wasm_bindgen_futures::JsFuture::from(done)
                .await
                .map_err(|_| {
                    storage(
                        request.error().ok().flatten().map_or_else(
                            || "the log could not be read".to_string(),
                            |e| e.message(),
                        ),
                    )
                })?;
            request
                .result()
                .map(|values| values.unchecked_into::<Array>())
                .map_err(js)
        })
    }

    fn read_tx(
        &self,
        stores: &[&str],
    ) -> Result<indexed_db_futures::transaction::Transaction<'_>, LogError> {
        self.db.transaction(stores).build().map_err(storage)
    }
}

fn watch_version_changes(
    db: &Database,
    closed: Rc<Cell<bool>>,
    on_closed: impl FnOnce() + 'static,
) {
    let Ok(mut listener) = db.version_changes() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        if listener.recv().await.is_some() {
            // Another tab wants to upgrade: step aside so its upgrade never hangs.
            closed.set(true);
            listener.db().clone().close();
            on_closed();
        }
    });
}

impl CommandLog for IdbLog {
    async fn append_records(&self, records: &[&[LoggedCommand]]) -> Result<(), AppendError> {
        if self.is_closed() {
            return Err(AppendError::Closed);
        }
        // Everything is encoded before the transaction opens: nothing but its own requests
        // may be awaited while it is alive.
        let values: Vec<Object> = records
            .iter()
            .map(|batch| record_to_js(&codec::encode(batch)))
            .collect();
        let tx = self
            .write_tx(&[LOG])
            .map_err(|e| AppendError::Storage(e.0))?;
        let raw: web_sys::IdbTransaction = tx
            .as_sys()
            .unchecked_ref::<web_sys::IdbTransaction>()
            .clone();
        let store = tx.object_store(LOG).map_err(append_error)?;
        for value in values {
            store.add(value).build().map_err(append_error)?;
        }
        match tx.commit().await {
            Ok(()) => Ok(()),
            Err(error) => Err(match raw.error() {
                Some(cause) => by_name(&cause.name(), &cause.message()),
                None => append_error(error),
            }),
        }
    }

    async fn read_after(&self, after: u64, limit: u32) -> Result<Batch, LogError> {
        let tx = self.read_tx(&[LOG])?;
        let store = tx.object_store(LOG).map_err(storage)?;
        let mut batch = Batch::default();
        if after > 0 {
            // The record holding `after` may go on past it, unless `after` ends a record.
            let cursor = store
                .open_cursor()
                .with_query::<f64, _>(KeyRange::UpperBound(after as f64, false))
                .with_direction(CursorDirection::Prev)
                .await
                .map_err(storage)?;
            if let Some(mut cursor) = cursor {
                if let Some(value) = cursor.next_record::<JsValue>().await.map_err(storage)? {
                    take(&mut batch, &value, after);
                }
            }
        }
        let values = store
            .get_all::<JsValue>()
            .with_query::<f64, _>(KeyRange::LowerBound(after as f64, true))
            .with_limit(limit)
            .await
            .map_err(storage)?;
        for value in values {
            take(&mut batch, &value.map_err(storage)?, after);
        }
        Ok(batch)
    }

    async fn read_all_after(
        &self,
        after: u64,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Batch, LogError> {
        // The same batches as one read_after after another, but each batch's request is sent
        // before the previous batch is decoded: the browser reads the next batch on its own
        // thread meanwhile.
        let total = self.last_seq().await?.saturating_sub(after);
        progress(0, total);
        let mut all = Batch {
            last_seq: after,
            ..Batch::default()
        };
        if after > 0 {
            // The rest of the record holding `after`, if it goes on past it, and one more.
            all.append(self.read_after(after, 1).await?);
        }
        let mut next = Some(self.request_batch(all.last_seq)?);
        while let Some(request) = next.take() {
            let values = request.await?;
            if values.length() == READ_BATCH {
                let last_key = number(&values.get(READ_BATCH - 1), "seq").unwrap_or(0.0);
                next = Some(self.request_batch(last_key as u64)?);
            }
            for value in values.iter() {
                take(&mut all, &value, after);
            }
            progress(all.last_seq.saturating_sub(after), total);
        }
        Ok(all)
    }

    async fn last_seq(&self) -> Result<u64, LogError> {
        let tx = self.read_tx(&[LOG])?;
        let store = tx.object_store(LOG).map_err(storage)?;
        let cursor = store
            .open_cursor()
            .with_direction(CursorDirection::Prev)
            .await
            .map_err(storage)?;
        let newest: Option<JsValue> = match cursor {
            Some(mut cursor) => cursor.next_record::<JsValue>().await.map_err(storage)?,
            None => None,
        };
        Ok(newest.map_or(0, |value| span(&value).1))
    }

    async fn find(&self, id: &CommandId) -> Result<Option<LoggedCommand>, LogError> {
        let tx = self.read_tx(&[LOG])?;
        let store = tx.object_store(LOG).map_err(storage)?;
        let index = store.index(BY_ID).map_err(storage)?;
        let found: Option<JsValue> = index.get(id.as_str()).await.map_err(storage)?;
        Ok(found
            .and_then(|v| record_from_js(&v).ok())
            .and_then(|r| codec::decode(&r).ok())
            .and_then(|commands| commands.into_iter().find(|l| &l.envelope.id == id)))
    }

    async fn keep_quarantined(&self, found: &[Quarantined]) -> Result<(), LogError> {
        if found.is_empty() {
            return Ok(());
        }
        let tx = self.write_tx(&[QUARANTINE])?;
        let store = tx.object_store(QUARANTINE).map_err(storage)?;
        for q in found {
            let value = object(&[
                ("seq", JsValue::from_f64(q.seq as f64)),
                ("reason", JsValue::from_str(&q.reason)),
                ("raw", JsValue::from_str(&q.raw)),
            ]);
            store.put(value).build().map_err(storage)?;
        }
        tx.commit().await.map_err(storage)
    }

    async fn quarantined(&self) -> Result<Vec<Quarantined>, LogError> {
        let tx = self.read_tx(&[QUARANTINE])?;
        let store = tx.object_store(QUARANTINE).map_err(storage)?;
        let values = store.get_all::<JsValue>().await.map_err(storage)?;
        Ok(values
            .filter_map(Result::ok)
            .map(|v| Quarantined {
                seq: number(&v, "seq").unwrap_or(0.0) as u64,
                reason: text(&v, "reason").unwrap_or_default(),
                raw: text(&v, "raw").unwrap_or_default(),
            })
            .collect())
    }

    async fn load_snapshot(&self, service: Service) -> Result<Option<Snapshot>, LogError> {
        let name = Snapshot::store_name(service);
        let tx = self.read_tx(&[name])?;
        let store = tx.object_store(name).map_err(storage)?;
        let found: Option<JsValue> = store.get(SNAPSHOT_KEY).await.map_err(storage)?;
        // An unreadable snapshot is as good as none: the service is rebuilt from the log.
        Ok(found
            .and_then(|v| v.as_string())
            .and_then(|json| serde_json::from_str(&json).ok()))
    }

    async fn save_snapshots(&self, snapshots: &[Snapshot]) -> Result<(), LogError> {
        let texts: Vec<(&'static str, String)> = snapshots
            .iter()
            .map(|s| {
                (
                    Snapshot::store_name(s.service),
                    serde_json::to_string(s).unwrap_or_default(),
                )
            })
            .collect();
        let names: Vec<&str> = texts.iter().map(|(name, _)| *name).collect();
        let tx = self.write_tx(&names)?;
        for (name, json) in texts {
            let store = tx.object_store(name).map_err(storage)?;
            store
                .put(JsValue::from_str(&json))
                .with_key(SNAPSHOT_KEY)
                .build()
                .map_err(storage)?;
        }
        tx.commit().await.map_err(storage)
    }
}

fn by_name(name: &str, message: &str) -> AppendError {
    match name {
        "ConstraintError" => AppendError::Conflict,
        "QuotaExceededError" => AppendError::QuotaExceeded,
        "InvalidStateError" | "TransactionInactiveError" => AppendError::Closed,
        _ => AppendError::Storage(format!("{name}: {message}")),
    }
}

fn append_error(error: Error) -> AppendError {
    match error {
        Error::DomException(DomException::ConstraintError(_)) => AppendError::Conflict,
        Error::DomException(dom) => by_name(&dom.name(), &dom.message()),
        other => AppendError::Storage(other.to_string()),
    }
}

fn storage(error: impl std::fmt::Display) -> LogError {
    LogError(error.to_string())
}
