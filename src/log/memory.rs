//! The in-memory log: the same interface and the same refusals as IndexedDB, kept in a
//! `RefCell`. Used by native tests and when the browser will not open IndexedDB (nothing is
//! saved then, and the app says so).

use super::codec::{self, stream_key};
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

    /// How many records are stored.
    pub fn len(&self) -> usize {
        self.inner.borrow().records.len()
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl CommandLog for MemoryLog {
    async fn append(&self, batch: &[LoggedCommand]) -> Result<(), AppendError> {
        let mut inner = self.inner.borrow_mut();
        if inner.fail_next_appends > 0 {
            inner.fail_next_appends -= 1;
            return Err(AppendError::QuotaExceeded);
        }
        let stored: Vec<StoredRecord> = batch.iter().map(codec::encode).collect();
        let mut seqs = BTreeSet::new();
        let mut ids = BTreeSet::new();
        let mut streams = BTreeSet::new();
        for record in &stored {
            let fresh_seq = !inner.records.contains_key(&record.seq) && seqs.insert(record.seq);
            let fresh_id = !inner.ids.contains(&record.id) && ids.insert(record.id.clone());
            let fresh_streams = batch
                .iter()
                .find(|l| l.seq == record.seq)
                .into_iter()
                .flat_map(|l| l.events.iter().map(stream_key))
                .all(|key| !inner.streams.contains(&key) && streams.insert(key));
            if !(fresh_seq && fresh_id && fresh_streams) {
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
        for (seq, record) in inner.records.range(after + 1..).take(limit as usize) {
            batch.last_seq = *seq;
            match codec::decode(record) {
                Ok(logged) => batch.records.push(logged),
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
            .keys()
            .next_back()
            .copied()
            .unwrap_or(0))
    }

    async fn find(&self, id: &CommandId) -> Result<Option<LoggedCommand>, LogError> {
        let inner = self.inner.borrow();
        Ok(inner
            .records
            .values()
            .find(|r| r.id == id.as_str())
            .and_then(|r| codec::decode(r).ok()))
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
