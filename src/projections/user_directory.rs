//! User directory: the shoppers of this device, for the user switcher.

use crate::domain::{Event, UserId};
use serde::{Deserialize, Serialize};

/// One shopper as the switcher lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserEntry {
    pub id: UserId,
    pub name: String,
}

/// Every registered shopper, in registration order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDirectory {
    users: Vec<UserEntry>,
}

impl UserDirectory {
    /// Every shopper in registration order.
    pub fn users(&self) -> &[UserEntry] {
        &self.users
    }

    /// The display name of a shopper.
    pub fn name(&self, id: &UserId) -> Option<&str> {
        self.users
            .iter()
            .find(|u| &u.id == id)
            .map(|u| u.name.as_str())
    }

    /// Folds `UserRegistered`.
    pub fn apply(&mut self, event: &Event) {
        if let Event::UserRegistered { user, name } = event {
            self.users.push(UserEntry {
                id: user.clone(),
                name: name.clone(),
            });
        }
    }
}
