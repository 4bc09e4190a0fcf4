//! The shoppers registered on this device.

use super::command::{Command, CommandEnvelope};
use super::error::{DomainError, MAX_NAME_CHARS};
use super::event::Event;
use super::ids::UserId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Known users and their display names; folded from `UserRegistered`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Names")]
pub struct Users {
    names: BTreeMap<UserId, String>,
    /// Every name in ASCII lower case, so "is this name taken" does not scan every shopper.
    #[serde(skip_serializing)]
    taken: BTreeSet<String>,
}

/// How `Users` is stored in a snapshot: the names alone; the lookup is rebuilt on load.
#[derive(Deserialize)]
struct Names {
    names: BTreeMap<UserId, String>,
}

impl From<Names> for Users {
    fn from(stored: Names) -> Self {
        let taken = stored
            .names
            .values()
            .map(|n| n.to_ascii_lowercase())
            .collect();
        Users {
            names: stored.names,
            taken,
        }
    }
}

impl Users {
    /// Whether commands from this user may be accepted.
    pub fn knows(&self, user: &UserId) -> bool {
        self.names.contains_key(user)
    }

    /// The display name of a registered user.
    pub fn name(&self, user: &UserId) -> Option<&str> {
        self.names.get(user).map(String::as_str)
    }

    /// Every registered user with their name, ordered by id.
    pub fn all(&self) -> impl Iterator<Item = (&UserId, &str)> {
        self.names.iter().map(|(id, name)| (id, name.as_str()))
    }

    /// Registering needs a fresh id and a name of 1 to 32 characters no one else uses.
    pub fn decide(&self, envelope: &CommandEnvelope) -> Result<Vec<Event>, DomainError> {
        let Command::RegisterUser { name } = &envelope.command else {
            return Ok(Vec::new());
        };
        let name = name.trim();
        if name.is_empty() || envelope.user.as_str().trim().is_empty() {
            return Err(DomainError::UserNameMissing);
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(DomainError::UserNameTooLong);
        }
        if self.knows(&envelope.user) {
            return Err(DomainError::UserAlreadyExists(envelope.user.clone()));
        }
        if self.taken.contains(&name.to_ascii_lowercase()) {
            return Err(DomainError::UserNameTaken(name.to_string()));
        }
        Ok(vec![Event::UserRegistered {
            user: envelope.user.clone(),
            name: name.to_string(),
        }])
    }

    /// Folds `UserRegistered`; holds no rules.
    pub fn apply(&mut self, event: &Event) {
        if let Event::UserRegistered { user, name } = event {
            self.taken.insert(name.to_ascii_lowercase());
            self.names.insert(user.clone(), name.clone());
        }
    }
}
