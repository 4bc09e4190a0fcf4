//! The read models as Leptos signals, one per model, so each view re-renders only when the model
//! it reads changes. Only the message bus writes them, by folding accepted records.

use crate::domain::{Catalog, LoggedCommand, Service};
use crate::projections::{Activity, CartViews, CatalogView, OrderLists, ReadModels, UserDirectory};
use leptos::prelude::*;

/// Every read model in its own signal. Components read these and nothing else.
#[derive(Clone, Copy)]
pub struct ReadSignals {
    pub users: RwSignal<UserDirectory>,
    pub carts: RwSignal<CartViews>,
    pub catalog: RwSignal<CatalogView>,
    pub orders: RwSignal<OrderLists>,
    pub activity: RwSignal<Activity>,
}

impl ReadSignals {
    /// Empty read models, before the log has loaded.
    pub fn new() -> Self {
        Self {
            users: RwSignal::new(UserDirectory::default()),
            carts: RwSignal::new(CartViews::default()),
            catalog: RwSignal::new(CatalogView::default()),
            orders: RwSignal::new(OrderLists::default()),
            activity: RwSignal::new(Activity::default()),
        }
    }

    /// Replaces every model (start-up and imports).
    pub fn replace(&self, models: ReadModels) {
        self.users.set(models.users);
        self.carts.set(models.carts);
        self.catalog.set(models.catalog);
        self.orders.set(models.orders);
        self.activity.set(models.activity);
    }

    /// A copy of every model, for snapshots.
    pub fn current(&self) -> ReadModels {
        ReadModels {
            users: self.users.get_untracked(),
            carts: self.carts.get_untracked(),
            catalog: self.catalog.get_untracked(),
            orders: self.orders.get_untracked(),
            activity: self.activity.get_untracked(),
        }
    }

    /// Folds accepted records into the models one service owns, touching a signal only when a
    /// record has an event for it. Returns how long the fold took, in milliseconds.
    pub fn fold(&self, service: Service, catalog: &Catalog, records: &[LoggedCommand]) -> f64 {
        let concerned: Vec<&LoggedCommand> = records
            .iter()
            .filter(|l| l.events.iter().any(|e| touches(service, &e.event)))
            .collect();
        if concerned.is_empty() {
            return 0.0;
        }
        let started = super::clock::now_ms();
        let events = || {
            concerned
                .iter()
                .flat_map(|l| l.events.iter().map(|e| &e.event))
        };
        match service {
            Service::Users => self.users.update(|m| events().for_each(|e| m.apply(e))),
            Service::Cart => {
                self.carts
                    .update(|m| events().for_each(|e| m.apply(catalog, e)));
                self.catalog.update(|m| events().for_each(|e| m.apply(e)));
            }
            Service::Order => self.orders.update(|m| events().for_each(|e| m.apply(e))),
        }
        super::clock::now_ms() - started
    }

    /// Adds the records to the activity view.
    pub fn fold_activity(&self, records: &[LoggedCommand]) {
        if !records.is_empty() {
            self.activity
                .update(|a| records.iter().for_each(|l| a.apply(l)));
        }
    }
}

impl Default for ReadSignals {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether an event changes a read model owned by this service.
fn touches(service: Service, event: &crate::domain::Event) -> bool {
    match service {
        Service::Users => matches!(event, crate::domain::Event::UserRegistered { .. }),
        // The catalog view folds stock events, which the order service owns.
        Service::Cart => {
            event.service() == Service::Cart || event.type_name().starts_with("stock.")
        }
        Service::Order => event.type_name().starts_with("order."),
    }
}
