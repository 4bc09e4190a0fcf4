//! The write side in one place: routes each command to the service that owns it, and numbers the
//! decided events within their streams. It holds no rules of its own.
//!
//! Each service keeps its own part (its state and the versions of the streams it owns), so that a
//! service can be snapshotted and restored on its own.

use super::cart::CartService;
use super::catalog::Catalog;
use super::command::{CommandEnvelope, Service};
use super::error::DomainError;
use super::event::{Event, RecordedEvent, StreamId};
use super::order::OrderService;
use super::users::Users;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One service's state and the versions of the streams it owns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Part<S> {
    state: S,
    versions: BTreeMap<StreamId, u64>,
}

/// The state every service decides against, folded from the log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteModel {
    catalog: Catalog,
    users: Part<Users>,
    carts: Part<CartService>,
    orders: Part<OrderService>,
}

impl WriteModel {
    /// An empty shop with the built-in catalog.
    pub fn new() -> Self {
        Self::default()
    }

    /// The catalog the services decide against.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The users service's state.
    pub fn users(&self) -> &Users {
        &self.users.state
    }

    /// The cart service's state.
    pub fn carts(&self) -> &CartService {
        &self.carts.state
    }

    /// The order service's state.
    pub fn orders(&self) -> &OrderService {
        &self.orders.state
    }

    /// The latest version of a stream; 0 when it has no events yet.
    pub fn version(&self, stream: &StreamId) -> u64 {
        [
            &self.users.versions,
            &self.carts.versions,
            &self.orders.versions,
        ]
        .iter()
        .find_map(|versions| versions.get(stream).copied())
        .unwrap_or(0)
    }

    /// How many events the log holds: every event is exactly one version of one stream.
    pub fn event_count(&self) -> u64 {
        [
            &self.users.versions,
            &self.carts.versions,
            &self.orders.versions,
        ]
        .iter()
        .flat_map(|versions| versions.values())
        .sum()
    }

    /// Asks the owning service to decide, then gives each event the next version of its stream.
    pub fn decide(&self, envelope: &CommandEnvelope) -> Result<Vec<RecordedEvent>, DomainError> {
        let events = match envelope.command.service() {
            Service::Users => self.users.state.decide(envelope),
            Service::Cart => self.carts.state.decide(&self.catalog, envelope),
            Service::Order => self.orders.state.decide(&self.catalog, envelope),
        }?;
        Ok(self.number(events))
    }

    fn number(&self, events: Vec<Event>) -> Vec<RecordedEvent> {
        let mut next: BTreeMap<StreamId, u64> = BTreeMap::new();
        events
            .into_iter()
            .map(|event| {
                let stream = event.stream();
                let version = next
                    .entry(stream.clone())
                    .or_insert_with(|| self.version(&stream));
                *version += 1;
                RecordedEvent {
                    version: *version,
                    stream,
                    event,
                }
            })
            .collect()
    }

    /// Folds one recorded event into every service; each takes what it needs.
    pub fn apply(&mut self, recorded: &RecordedEvent) {
        for service in Service::ALL {
            self.apply_to(service, recorded);
        }
    }

    /// Folds one recorded event into one service only: used when services were restored from
    /// snapshots taken at different points of the log.
    pub fn apply_to(&mut self, service: Service, recorded: &RecordedEvent) {
        let owns = recorded.event.service() == service;
        let versions = match service {
            Service::Users => {
                self.users.state.apply(&recorded.event);
                &mut self.users.versions
            }
            Service::Cart => {
                self.carts.state.apply(&recorded.event);
                &mut self.carts.versions
            }
            Service::Order => {
                self.orders.state.apply(&recorded.event);
                &mut self.orders.versions
            }
        };
        if owns {
            versions.insert(recorded.stream.clone(), recorded.version);
        }
    }

    /// One service's part as JSON, for its snapshot store.
    pub fn export_part(&self, service: Service) -> String {
        let exported = match service {
            Service::Users => serde_json::to_string(&self.users),
            Service::Cart => serde_json::to_string(&self.carts),
            Service::Order => serde_json::to_string(&self.orders),
        };
        exported.unwrap_or_default()
    }

    /// Replaces one service's part from its snapshot. On error nothing changes, and the caller
    /// rebuilds that service from the log instead.
    pub fn import_part(&mut self, service: Service, part: &str) -> Result<(), serde_json::Error> {
        fn load<S: DeserializeOwned>(
            slot: &mut Part<S>,
            part: &str,
        ) -> Result<(), serde_json::Error> {
            *slot = serde_json::from_str(part)?;
            Ok(())
        }
        match service {
            Service::Users => load(&mut self.users, part),
            Service::Cart => load(&mut self.carts, part),
            Service::Order => load(&mut self.orders, part),
        }
    }
}
