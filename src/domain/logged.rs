//! An accepted command as the log keeps it: its place in the log, the command and its events.

use super::command::CommandEnvelope;
use super::event::RecordedEvent;
use serde::{Deserialize, Serialize};

/// One entry of the command log. Rejected commands never become one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedCommand {
    /// Position in the log, from 1, gap-free within one device's log.
    pub seq: u64,
    pub envelope: CommandEnvelope,
    pub events: Vec<RecordedEvent>,
}
