//! The in-memory log: the same interface and the same refusals as IndexedDB, kept in a
//! `RefCell`. Used by native tests and when the browser will not open IndexedDB (nothing is
//! saved then, and the app says so).

use super::codec;
use super::snapshot::Snapshot;
use super::{AppendError, Batch, CommandLog, LogError, Quarantined, StoredRecord};
use crate::domain::{CommandId, LoggedCommand, Service};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
struct Inner {
    records: BTreeMap<u64, StoredRecord>,
    ids: BTreeSet<String>,
    streams: BTreeSet<String>,
    snapshots: BTreeMap<Service, Snapshot>,
    quarantine: BTreeMap<u64, Quarantined>,
    fail_next_appends: u32,
}

/// A log held in memory.
#[derive(Default)]
pub struct MemoryLog {
    inner: RefCell<Inner>,
}

impl MemoryLog {
    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores a record as-is, bypassing every check: how tests plant corrupt records.
    pub fn insert_raw(&self, record: StoredRecord) {
        self.inner.borrow_mut().records.insert(record.seq, record);
    }

    /// Makes the next `count` appends fail as if the disk were full.
    pub fn fail_next_appends(&self, count: u32) {
        self.inner.borrow_mut().fail_next_appends = count;
    }

    /// How many records are stored (one per append).
    pub fn len(&self) -> usize {
        self.inner.borrow().records.len()
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl CommandLog for MemoryLog {
    async fn append_records(&self, records: &[&[LoggedCommand]]) -> Result<(), AppendError> {
        let mut inner = self.inner.borrow_mut();
        if inner.fail_next_appends > 0 {
            inner.fail_next_appends -= 1;
            return Err(AppendError::QuotaExceeded);
        }
        let stored: Vec<StoredRecord> = records.iter().map(|batch| codec::encode(batch)).collect();
        // The same three unique keys as the IndexedDB store, checked before anything is kept.
        let mut seqs = BTreeSet::new();
        let mut ids = BTreeSet::new();
        let mut streams = BTreeSet::new();
        for record in &stored {
            let fresh_seq = !inner.records.contains_key(&record.seq) && seqs.insert(record.seq);
            let fresh_ids = record
                .id
                .as_slice()
                .iter()
                .all(|id| !inner.ids.contains(id) && ids.insert(id.clone()));
            let fresh_streams = record
                .streams
                .iter()
                .all(|key| !inner.streams.contains(key) && streams.insert(key.clone()));
            if !(fresh_seq && fresh_ids && fresh_streams) {
                return Err(AppendError::Conflict);
            }
        }
        for record in stored {
            inner.records.insert(record.seq, record);
        }
        inner.ids.extend(ids);
        inner.streams.extend(streams);
        Ok(())
    }

    async fn read_after(&self, after: u64, limit: u32) -> Result<Batch, LogError> {
        let inner = self.inner.borrow();
        let mut batch = Batch::default();
        // The record holding `after` may go on past it, unless `after` ends a record.
        let straddling = inner
            .records
            .range(..=after)
            .next_back()
            .filter(|_| after > 0);
        let following = inner.records.range(after + 1..).take(limit as usize);
        for (seq, record) in straddling.into_iter().chain(following) {
            if record.last_seq() <= after {
                continue;
            }
            batch.last_seq = batch.last_seq.max(record.last_seq());
            match codec::decode(record) {
                Ok(commands) => batch
                    .records
                    .extend(commands.into_iter().filter(|l| l.seq > after)),
                Err(error) => batch.quarantined.push(Quarantined {
                    seq: *seq,
                    reason: error.to_string(),
                    raw: record.body.chars().take(200).collect(),
                }),
            }
        }
        Ok(batch)
    }

    async fn last_seq(&self) -> Result<u64, LogError> {
        Ok(self
            .inner
            .borrow()
            .records
            .values()
            .next_back()
            .map_or(0, StoredRecord::last_seq))
    }

    async fn find(&self, id: &CommandId) -> Result<Option<LoggedCommand>, LogError> {
        let inner = self.inner.borrow();
        Ok(inner
            .records
            .values()
            .find(|r| r.id.as_slice().iter().any(|i| i == id.as_str()))
            .and_then(|r| codec::decode(r).ok())
            .and_then(|commands| commands.into_iter().find(|l| &l.envelope.id == id)))
    }

    async fn load_snapshot(&self, service: Service) -> Result<Option<Snapshot>, LogError> {
        Ok(self.inner.borrow().snapshots.get(&service).cloned())
    }

    async fn save_snapshots(&self, snapshots: &[Snapshot]) -> Result<(), LogError> {
        let mut inner = self.inner.borrow_mut();
        for snapshot in snapshots {
            inner.snapshots.insert(snapshot.service, snapshot.clone());
        }
        Ok(())
    }

    async fn keep_quarantined(&self, found: &[Quarantined]) -> Result<(), LogError> {
        let mut inner = self.inner.borrow_mut();
        for q in found {
            inner.quarantine.insert(q.seq, q.clone());
        }
        Ok(())
    }

    async fn quarantined(&self) -> Result<Vec<Quarantined>, LogError> {
        Ok(self.inner.borrow().quarantine.values().cloned().collect())
    }
}
