//! Activity view: the most recent accepted commands with the events they caused, newest first.

use crate::domain::{LoggedCommand, Service};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// How many recent commands the activity view keeps in memory; the log page pages further back
/// by reading the log itself.
pub const RECENT: usize = 200;

/// One event as the log page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEvent {
    pub event_type: String,
    pub stream: String,
    pub version: u64,
}

/// One accepted command as the log page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub seq: u64,
    pub command_id: String,
    pub user: String,
    pub service: Service,
    pub command_type: String,
    pub issued_at: u64,
    pub events: Vec<ActivityEvent>,
}

impl From<&LoggedCommand> for ActivityEntry {
    fn from(logged: &LoggedCommand) -> Self {
        Self {
            seq: logged.seq,
            command_id: logged.envelope.id.to_string(),
            user: logged.envelope.user.to_string(),
            service: logged.envelope.command.service(),
            command_type: logged.envelope.command.type_name().to_string(),
            issued_at: logged.envelope.issued_at,
            events: logged
                .events
                .iter()
                .map(|e| ActivityEvent {
                    event_type: e.event.type_name().to_string(),
                    stream: e.stream.to_string(),
                    version: e.version,
                })
                .collect(),
        }
    }
}

/// The recent activity, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    recent: VecDeque<ActivityEntry>,
}

impl Activity {
    /// Newest first, at most [`RECENT`] entries.
    pub fn recent(&self) -> impl Iterator<Item = &ActivityEntry> {
        self.recent.iter()
    }

    /// Folds one accepted command.
    pub fn apply(&mut self, logged: &LoggedCommand) {
        self.recent.push_front(ActivityEntry::from(logged));
        self.recent.truncate(RECENT);
    }
}
