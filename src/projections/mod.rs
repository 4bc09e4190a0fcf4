//! Read models: separate folds over the log's events, each shaped for one page. They depend on
//! the domain only, and can always be rebuilt by folding the log from the start.

pub mod activity;
pub mod cart_view;
pub mod catalog_view;
pub mod order_list;
pub mod user_directory;

pub use activity::{Activity, ActivityEntry};
pub use cart_view::{CartView, CartViewLine, CartViews};
pub use catalog_view::CatalogView;
pub use order_list::{OrderLists, OrderView};
pub use user_directory::{UserDirectory, UserEntry};

use crate::domain::{Catalog, LoggedCommand, Service};
use serde::{Deserialize, Serialize};

/// Every read model together: what time travel and rebuilds produce in one go. The app keeps
/// each one in its own signal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadModels {
    pub users: UserDirectory,
    pub carts: CartViews,
    pub catalog: CatalogView,
    pub orders: OrderLists,
    pub activity: Activity,
}

impl ReadModels {
    /// Folds one accepted command into every read model.
    pub fn apply(&mut self, catalog: &Catalog, logged: &LoggedCommand) {
        self.activity.apply(logged);
        for service in Service::ALL {
            self.apply_to(service, catalog, logged);
        }
    }

    /// Folds one accepted command into the read models one service owns: used when services
    /// were restored from snapshots taken at different points of the log.
    pub fn apply_to(&mut self, service: Service, catalog: &Catalog, logged: &LoggedCommand) {
        for recorded in &logged.events {
            let event = &recorded.event;
            match service {
                Service::Users => self.users.apply(event),
                Service::Cart => {
                    self.carts.apply(catalog, event);
                    self.catalog.apply(event);
                }
                Service::Order => self.orders.apply(event),
            }
        }
    }

    /// Folds a whole log from the start.
    pub fn rebuild<'a>(
        catalog: &Catalog,
        log: impl IntoIterator<Item = &'a LoggedCommand>,
    ) -> Self {
        let mut models = Self::default();
        for logged in log {
            models.apply(catalog, logged);
        }
        models
    }

    /// The read models each service owns and snapshots: users keep the directory, the cart
    /// service the cart and catalog views, the order service the order lists.
    pub fn export_part(&self, service: Service) -> String {
        let exported = match service {
            Service::Users => serde_json::to_string(&self.users),
            Service::Cart => serde_json::to_string(&(&self.carts, &self.catalog)),
            Service::Order => serde_json::to_string(&self.orders),
        };
        exported.unwrap_or_default()
    }

    /// Restores one service's read models from its snapshot; on error nothing changes.
    pub fn import_part(&mut self, service: Service, part: &str) -> Result<(), serde_json::Error> {
        match service {
            Service::Users => self.users = serde_json::from_str(part)?,
            Service::Cart => (self.carts, self.catalog) = serde_json::from_str(part)?,
            Service::Order => self.orders = serde_json::from_str(part)?,
        }
        Ok(())
    }
}
