//! A given/when/then harness for the domain: given past events, when a command arrives, then
//! these events (or this refusal).
#![allow(dead_code)]

pub mod fixtures;
pub mod run;

use cqrs_shop::domain::*;

/// The shopper most specs act as.
pub fn alice() -> UserId {
    UserId::new("alice")
}

/// A second shopper, for specs about scoping.
pub fn bob() -> UserId {
    UserId::new("bob")
}

pub fn product(id: &str) -> ProductId {
    ProductId::new(id)
}

pub fn registered(user: &UserId) -> Event {
    Event::UserRegistered {
        user: user.clone(),
        name: user.to_string(),
    }
}

pub fn added(user: &UserId, id: &str, quantity: u32) -> Event {
    Event::ItemAdded {
        user: user.clone(),
        product: product(id),
        quantity,
    }
}

/// A specification in progress.
pub struct Spec {
    model: WriteModel,
    clock: u64,
}

/// Starts a specification from events that already happened, numbered in their streams.
pub fn given(events: impl IntoIterator<Item = Event>) -> Spec {
    let mut model = WriteModel::new();
    for event in events {
        let stream = event.stream();
        let version = model.version(&stream) + 1;
        model.apply(&RecordedEvent {
            stream,
            version,
            event,
        });
    }
    Spec {
        model,
        clock: 1_000,
    }
}

/// The result of the command under test.
pub struct Then {
    outcome: Result<Vec<RecordedEvent>, DomainError>,
}

impl Spec {
    /// Alice sends the command.
    pub fn when(self, command: Command) -> Then {
        self.when_by(&alice(), command)
    }

    /// The given user sends the command.
    pub fn when_by(self, user: &UserId, command: Command) -> Then {
        let envelope = CommandEnvelope::new(
            CommandId::new("cmd-under-test"),
            user.clone(),
            self.clock,
            command,
        );
        Then {
            outcome: self.model.decide(&envelope),
        }
    }

    /// The write model the events built, for specs that look at state.
    pub fn model(&self) -> &WriteModel {
        &self.model
    }
}

impl Then {
    /// The command was accepted with exactly these events.
    pub fn then(self, expected: Vec<Event>) {
        let events: Vec<Event> = self
            .outcome
            .expect("the command should be accepted")
            .into_iter()
            .map(|r| r.event)
            .collect();
        assert_eq!(events, expected);
    }

    /// The command was refused for this reason.
    pub fn then_error(self, expected: DomainError) {
        match self.outcome {
            Ok(events) => panic!("expected {expected:?}, but the command was accepted: {events:?}"),
            Err(error) => assert_eq!(error, expected),
        }
    }

    /// The accepted events with their streams and versions.
    pub fn recorded(self) -> Vec<RecordedEvent> {
        self.outcome.expect("the command should be accepted")
    }
}

/// A command envelope from `user` with a readable id.
pub fn envelope(id: &str, user: &UserId, command: Command) -> CommandEnvelope {
    CommandEnvelope::new(CommandId::new(id), user.clone(), 1_000, command)
}
