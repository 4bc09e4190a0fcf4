//! Snapshots: one service's write and read state at a point of the log, so start-up reads only
//! the tail. A snapshot whose schema is not this build's is ignored and rebuilt, never trusted.

use crate::domain::Service;
use serde::{Deserialize, Serialize};

/// The shape of the state a snapshot holds. Bump it whenever a state or read-model type changes;
/// older snapshots are then ignored.
pub const SNAPSHOT_SCHEMA: u32 = 2;

/// Take a snapshot after this many new records.
pub const SNAPSHOT_EVERY: u64 = 500;

/// One service's state at `seq`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub service: Service,
    pub schema: u32,
    pub seq: u64,
    /// The service's write state, as JSON text.
    pub write: String,
    /// The read models the service owns, as JSON text.
    pub read: String,
    /// The checkout process (only the order service keeps it), as JSON text.
    pub process: Option<String>,
}

impl Snapshot {
    /// Whether this build may trust the snapshot.
    pub fn is_current(&self) -> bool {
        self.schema == SNAPSHOT_SCHEMA
    }

    /// The object store that holds this service's snapshots: each service owns its own.
    pub fn store_name(service: Service) -> &'static str {
        match service {
            Service::Users => "users_snapshots",
            Service::Cart => "cart_snapshots",
            Service::Order => "order_snapshots",
        }
    }
}
