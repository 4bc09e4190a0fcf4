//! The command log: the write side's only source of truth. Append-only, one transaction and one
//! record per batch, refusing a second writer of the same sequence number, stream version or
//! command id.
//!
//! Two implementations share one interface: IndexedDB in the browser, and memory for native
//! tests and for browsers where IndexedDB cannot be opened.

pub mod codec;
pub mod memory;
pub mod snapshot;

#[cfg(target_arch = "wasm32")]
pub mod idb;
#[cfg(target_arch = "wasm32")]
mod idb_schema;
#[cfg(target_arch = "wasm32")]
mod idb_values;

use crate::domain::{CommandId, LoggedCommand, Service};
pub use codec::{DecodeError, StoredRecord};
pub use snapshot::Snapshot;

/// Why an append wrote nothing. Every variant means the whole batch was rolled back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppendError {
    /// Another writer (another tab) took a sequence number, stream version or command id first.
    /// Handle it by folding the log's tail and deciding again.
    Conflict,
    /// The browser's storage is full. Tell the shopper the change was not saved.
    QuotaExceeded,
    /// Another tab upgraded the database; this connection is closed. Ask for a reload.
    Closed,
    /// Any other storage failure, with the browser's words.
    Storage(String),
}

/// A read or open failure of the log, with the browser's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogError(pub String);

impl std::fmt::Display for LogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A record that could not be read: kept where it is, counted and shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quarantined {
    pub seq: u64,
    pub reason: String,
    /// The raw stored value, cut to a readable length.
    pub raw: String,
}

/// One batch read from the log, in sequence order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Batch {
    pub records: Vec<LoggedCommand>,
    pub quarantined: Vec<Quarantined>,
    /// The highest sequence number seen in this batch (decoded or not); 0 when empty.
    pub last_seq: u64,
}

impl Batch {
    /// Adds a later batch read from the same log.
    pub fn append(&mut self, later: Batch) {
        self.records.extend(later.records);
        self.quarantined.extend(later.quarantined);
        self.last_seq = self.last_seq.max(later.last_seq);
    }
}

/// How many records one read asks for: large enough to amortise a transaction, small enough
/// to report progress often and to let the browser fetch the next batch while this one is
/// decoded (10,000 measured the same at 100,000 records).
pub const READ_BATCH: u32 = 2_000;

/// The log's interface. Futures are not `Send`: the browser is single-threaded.
#[allow(async_fn_in_trait)]
pub trait CommandLog {
    /// Appends the batch (consecutive sequence numbers) as one record, in one transaction: all
    /// of it or none of it.
    async fn append(&self, batch: &[LoggedCommand]) -> Result<(), AppendError> {
        self.append_records(&[batch]).await
    }
    /// Appends several batches, one record each, in one transaction (an import): all or none.
    async fn append_records(&self, records: &[&[LoggedCommand]]) -> Result<(), AppendError>;
    /// The commands numbered above `after`: from the record holding `after` (when it goes on
    /// past it) and from up to `limit` records after that.
    async fn read_after(&self, after: u64, limit: u32) -> Result<Batch, LogError>;
    /// The highest sequence number stored; 0 for an empty log.
    async fn last_seq(&self) -> Result<u64, LogError>;
    /// The accepted command with this id, if the log has it.
    async fn find(&self, id: &CommandId) -> Result<Option<LoggedCommand>, LogError>;
    /// The newest snapshot of one service, if any (its schema is checked by the caller).
    async fn load_snapshot(&self, service: Service) -> Result<Option<Snapshot>, LogError>;
    /// Replaces each given service's snapshot, each in its own service's store.
    async fn save_snapshots(&self, snapshots: &[Snapshot]) -> Result<(), LogError>;
    /// Keeps a copy of each record that could not be read (idempotent per sequence number).
    async fn keep_quarantined(&self, found: &[Quarantined]) -> Result<(), LogError>;
    /// Every quarantined record kept so far, in log order.
    async fn quarantined(&self) -> Result<Vec<Quarantined>, LogError>;
    /// Everything after `after`, [`READ_BATCH`] records at a time, calling
    /// `progress(read, total)` between batches.
    async fn read_all_after(
        &self,
        after: u64,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Batch, LogError> {
        read_batches_after(self, after, progress).await
    }
}

/// Reads the whole log after `after`, batch by batch, calling `progress(read, total)` between
/// batches so a start-up screen can show how far it got.
pub async fn read_all_after(
    log: &impl CommandLog,
    after: u64,
    mut progress: impl FnMut(u64, u64),
) -> Result<Batch, LogError> {
    log.read_all_after(after, &mut progress).await
}

/// The plain way to read everything after `after`: one batch after another.
async fn read_batches_after(
    log: &(impl CommandLog + ?Sized),
    after: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Batch, LogError> {
    let last = log.last_seq().await?;
    let total = last.saturating_sub(after);
    let mut all = Batch {
        last_seq: after,
        ..Batch::default()
    };
    let mut cursor = after;
    progress(0, total);
    while cursor < last {
        let batch = log.read_after(cursor, READ_BATCH).await?;
        if batch.last_seq <= cursor {
            break;
        }
        cursor = batch.last_seq;
        all.append(batch);
        progress(cursor - after, total);
    }
    Ok(all)
}
