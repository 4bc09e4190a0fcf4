//! The log the app writes to: IndexedDB when the browser allows it, memory otherwise (and then
//! the app says that changes will not be saved).

use crate::domain::{CommandId, LoggedCommand, Service};
use crate::log::memory::MemoryLog;
use crate::log::snapshot::Snapshot;
use crate::log::{AppendError, Batch, CommandLog, LogError, Quarantined};

/// Either log behind one interface.
pub enum Store {
    #[cfg(target_arch = "wasm32")]
    Idb(crate::log::idb::IdbLog),
    Memory(MemoryLog),
}

impl Store {
    /// Whether accepted commands outlive the tab.
    pub fn is_persistent(&self) -> bool {
        !matches!(self, Store::Memory(_))
    }

    /// Whether another tab's upgrade closed the connection.
    pub fn is_closed(&self) -> bool {
        match self {
            #[cfg(target_arch = "wasm32")]
            Store::Idb(log) => log.is_closed(),
            Store::Memory(_) => false,
        }
    }
}

macro_rules! delegate {
    ($self:ident, $log:ident => $call:expr) => {
        match $self {
            #[cfg(target_arch = "wasm32")]
            Store::Idb($log) => $call,
            Store::Memory($log) => $call,
        }
    };
}

impl CommandLog for Store {
    async fn append_records(&self, records: &[&[LoggedCommand]]) -> Result<(), AppendError> {
        delegate!(self, log => log.append_records(records).await)
    }
    async fn read_after(&self, after: u64, limit: u32) -> Result<Batch, LogError> {
        delegate!(self, log => log.read_after(after, limit).await)
    }
    async fn last_seq(&self) -> Result<u64, LogError> {
        delegate!(self, log => log.last_seq().await)
    }
    async fn find(&self, id: &CommandId) -> Result<Option<LoggedCommand>, LogError> {
        delegate!(self, log => log.find(id).await)
    }
    async fn load_snapshot(&self, service: Service) -> Result<Option<Snapshot>, LogError> {
        delegate!(self, log => log.load_snapshot(service).await)
    }
    async fn save_snapshots(&self, snapshots: &[Snapshot]) -> Result<(), LogError> {
        delegate!(self, log => log.save_snapshots(snapshots).await)
    }
    async fn keep_quarantined(&self, found: &[Quarantined]) -> Result<(), LogError> {
        delegate!(self, log => log.keep_quarantined(found).await)
    }
    async fn quarantined(&self) -> Result<Vec<Quarantined>, LogError> {
        delegate!(self, log => log.quarantined().await)
    }
    async fn read_all_after(
        &self,
        after: u64,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Batch, LogError> {
        delegate!(self, log => log.read_all_after(after, progress).await)
    }
}
