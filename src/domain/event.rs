//! Events: facts the services decided, in the past tense. Each has a stable type name, a schema
//! version and the stream it belongs to; together with the stream version they are what the log
//! stores and what every read model folds.

use super::command::Service;
use super::ids::{CheckoutId, OrderId, ProductId, UserId};
use super::lines::{CartLine, OrderLine};
use super::money::Money;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A fact that happened. Events carry what the read models need, so views stay trivial.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data")]
pub enum Event {
    #[serde(rename = "user.registered")]
    UserRegistered { user: UserId, name: String },
    #[serde(rename = "cart.item_added")]
    ItemAdded {
        user: UserId,
        product: ProductId,
        quantity: u32,
    },
    #[serde(rename = "cart.quantity_changed")]
    QuantityChanged {
        user: UserId,
        product: ProductId,
        quantity: u32,
    },
    #[serde(rename = "cart.item_removed")]
    ItemRemoved { user: UserId, product: ProductId },
    #[serde(rename = "cart.cleared")]
    CartCleared { user: UserId },
    #[serde(rename = "cart.restored")]
    CartRestored { user: UserId, lines: Vec<CartLine> },
    #[serde(rename = "cart.checkout_started")]
    CheckoutStarted {
        user: UserId,
        checkout: CheckoutId,
        lines: Vec<OrderLine>,
    },
    #[serde(rename = "cart.checkout_completed")]
    CheckoutCompleted {
        user: UserId,
        checkout: CheckoutId,
        order: OrderId,
    },
    #[serde(rename = "cart.checkout_failed")]
    CheckoutFailed {
        user: UserId,
        checkout: CheckoutId,
        order: OrderId,
    },
    #[serde(rename = "order.placed")]
    OrderPlaced {
        order: OrderId,
        user: UserId,
        checkout: CheckoutId,
        lines: Vec<OrderLine>,
        total: Money,
        placed_at: u64,
    },
    /// The order service could not reserve stock for a checkout; nothing was reserved.
    #[serde(rename = "order.rejected")]
    OrderRejected {
        order: OrderId,
        user: UserId,
        checkout: CheckoutId,
        product: ProductId,
        requested: u32,
        available: u32,
    },
    #[serde(rename = "stock.reserved")]
    StockReserved {
        order: OrderId,
        items: Vec<CartLine>,
    },
    #[serde(rename = "stock.released")]
    StockReleased {
        order: OrderId,
        items: Vec<CartLine>,
    },
    #[serde(rename = "order.paid")]
    OrderPaid {
        order: OrderId,
        user: UserId,
        amount: Money,
    },
    #[serde(rename = "order.shipped")]
    OrderShipped { order: OrderId, user: UserId },
    #[serde(rename = "order.cancelled")]
    OrderCancelled {
        order: OrderId,
        user: UserId,
        reason: String,
    },
}

/// The consistency boundary an event belongs to. The log refuses two events with the same stream
/// and version, which is how concurrent writers are caught.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StreamId(pub String);

impl StreamId {
    /// The registry of shoppers on this device.
    pub fn users() -> Self {
        Self("users".into())
    }
    /// One shopper's cart.
    pub fn cart(user: &UserId) -> Self {
        Self(format!("cart/{user}"))
    }
    /// One order's lifecycle.
    pub fn order(order: OrderId) -> Self {
        Self(format!("order/{}", order.0))
    }
    /// The stock reservations of all orders.
    pub fn stock() -> Self {
        Self("stock".into())
    }
}

impl fmt::Display for StreamId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Event {
    /// The schema version every event type is written with today. Older versions are upcast by
    /// the log's codec before they reach the domain.
    pub const VERSION: u32 = 1;

    /// The stable type name stored with the event (equal to its serde tag).
    pub fn type_name(&self) -> &'static str {
        match self {
            Event::UserRegistered { .. } => "user.registered",
            Event::ItemAdded { .. } => "cart.item_added",
            Event::QuantityChanged { .. } => "cart.quantity_changed",
            Event::ItemRemoved { .. } => "cart.item_removed",
            Event::CartCleared { .. } => "cart.cleared",
            Event::CartRestored { .. } => "cart.restored",
            Event::CheckoutStarted { .. } => "cart.checkout_started",
            Event::CheckoutCompleted { .. } => "cart.checkout_completed",
            Event::CheckoutFailed { .. } => "cart.checkout_failed",
            Event::OrderPlaced { .. } => "order.placed",
            Event::OrderRejected { .. } => "order.rejected",
            Event::StockReserved { .. } => "stock.reserved",
            Event::StockReleased { .. } => "stock.released",
            Event::OrderPaid { .. } => "order.paid",
            Event::OrderShipped { .. } => "order.shipped",
            Event::OrderCancelled { .. } => "order.cancelled",
        }
    }

    /// The stream this event is appended to.
    pub fn stream(&self) -> StreamId {
        match self {
            Event::UserRegistered { .. } => StreamId::users(),
            Event::ItemAdded { user, .. }
            | Event::QuantityChanged { user, .. }
            | Event::ItemRemoved { user, .. }
            | Event::CartCleared { user }
            | Event::CartRestored { user, .. }
            | Event::CheckoutStarted { user, .. }
            | Event::CheckoutCompleted { user, .. }
            | Event::CheckoutFailed { user, .. } => StreamId::cart(user),
            Event::OrderPlaced { order, .. }
            | Event::OrderRejected { order, .. }
            | Event::OrderPaid { order, .. }
            | Event::OrderShipped { order, .. }
            | Event::OrderCancelled { order, .. } => StreamId::order(*order),
            Event::StockReserved { .. } | Event::StockReleased { .. } => StreamId::stock(),
        }
    }

    /// The service that owns this event's stream.
    pub fn service(&self) -> Service {
        match self.type_name().split('.').next() {
            Some("user") => Service::Users,
            Some("cart") => Service::Cart,
            _ => Service::Order,
        }
    }

    /// The shopper an event concerns, where it concerns one.
    pub fn user(&self) -> Option<&UserId> {
        match self {
            Event::UserRegistered { user, .. }
            | Event::ItemAdded { user, .. }
            | Event::QuantityChanged { user, .. }
            | Event::ItemRemoved { user, .. }
            | Event::CartCleared { user }
            | Event::CartRestored { user, .. }
            | Event::CheckoutStarted { user, .. }
            | Event::CheckoutCompleted { user, .. }
            | Event::CheckoutFailed { user, .. }
            | Event::OrderPlaced { user, .. }
            | Event::OrderRejected { user, .. }
            | Event::OrderPaid { user, .. }
            | Event::OrderShipped { user, .. }
            | Event::OrderCancelled { user, .. } => Some(user),
            Event::StockReserved { .. } | Event::StockReleased { .. } => None,
        }
    }
}

/// An event as the log holds it: with its stream and its version within that stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedEvent {
    pub stream: StreamId,
    pub version: u64,
    pub event: Event,
}
