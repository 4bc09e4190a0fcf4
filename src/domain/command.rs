//! Commands: what a shopper (or a reaction) asks the shop to do. Imperative names; each is
//! decided by exactly one service.

use super::ids::{CheckoutId, CommandId, OrderId, ProductId, UserId};
use super::lines::{CartLine, OrderLine};
use serde::{Deserialize, Serialize};

/// A request to change the shop. Quantities arrive as signed numbers so that the rules, not the
/// parser, say what is wrong with `0`, `-3` or `1000000000`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data")]
pub enum Command {
    /// Adds a shopper to this device; the envelope's user is the new id.
    #[serde(rename = "RegisterUser")]
    RegisterUser { name: String },
    #[serde(rename = "AddItem")]
    AddItem { product: ProductId, quantity: i64 },
    #[serde(rename = "ChangeQuantity")]
    ChangeQuantity { product: ProductId, quantity: i64 },
    #[serde(rename = "RemoveItem")]
    RemoveItem { product: ProductId },
    #[serde(rename = "ClearCart")]
    ClearCart,
    /// Puts the cart back to the given lines: the compensating command behind undo.
    #[serde(rename = "RestoreCart")]
    RestoreCart { lines: Vec<CartLine> },
    #[serde(rename = "CheckOut")]
    CheckOut,
    /// Reaction to a started checkout: the order service turns it into an order.
    #[serde(rename = "PlaceOrder")]
    PlaceOrder {
        checkout: CheckoutId,
        lines: Vec<OrderLine>,
    },
    /// Reaction to a placed order: the cart service empties the cart.
    #[serde(rename = "CompleteCheckout")]
    CompleteCheckout {
        checkout: CheckoutId,
        order: OrderId,
    },
    /// Reaction to a rejected order: the cart service unlocks the cart, lines kept.
    #[serde(rename = "FailCheckout")]
    FailCheckout {
        checkout: CheckoutId,
        order: OrderId,
    },
    #[serde(rename = "PayOrder")]
    PayOrder { order: OrderId },
    #[serde(rename = "ShipOrder")]
    ShipOrder { order: OrderId },
    #[serde(rename = "CancelOrder")]
    CancelOrder { order: OrderId, reason: String },
}

/// The service that owns a command's decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Service {
    Users,
    Cart,
    Order,
}

impl Service {
    /// The services the response-time model averages over, in display order.
    pub const ALL: [Service; 3] = [Service::Cart, Service::Order, Service::Users];

    /// Stable lower-case name used in filters and snapshots.
    pub fn name(self) -> &'static str {
        match self {
            Service::Users => "users",
            Service::Cart => "cart",
            Service::Order => "order",
        }
    }
}

impl Command {
    /// Which service decides this command.
    pub fn service(&self) -> Service {
        match self {
            Command::RegisterUser { .. } => Service::Users,
            Command::AddItem { .. }
            | Command::ChangeQuantity { .. }
            | Command::RemoveItem { .. }
            | Command::ClearCart
            | Command::RestoreCart { .. }
            | Command::CheckOut
            | Command::CompleteCheckout { .. }
            | Command::FailCheckout { .. } => Service::Cart,
            Command::PlaceOrder { .. }
            | Command::PayOrder { .. }
            | Command::ShipOrder { .. }
            | Command::CancelOrder { .. } => Service::Order,
        }
    }

    /// The stable type name, as it is stored and filtered on.
    pub fn type_name(&self) -> &'static str {
        match self {
            Command::RegisterUser { .. } => "RegisterUser",
            Command::AddItem { .. } => "AddItem",
            Command::ChangeQuantity { .. } => "ChangeQuantity",
            Command::RemoveItem { .. } => "RemoveItem",
            Command::ClearCart => "ClearCart",
            Command::RestoreCart { .. } => "RestoreCart",
            Command::CheckOut => "CheckOut",
            Command::PlaceOrder { .. } => "PlaceOrder",
            Command::CompleteCheckout { .. } => "CompleteCheckout",
            Command::FailCheckout { .. } => "FailCheckout",
            Command::PayOrder { .. } => "PayOrder",
            Command::ShipOrder { .. } => "ShipOrder",
            Command::CancelOrder { .. } => "CancelOrder",
        }
    }
}

/// A command with what every command carries: a unique id (for idempotency), who sent it and
/// when (milliseconds since the Unix epoch).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandEnvelope {
    pub id: CommandId,
    pub user: UserId,
    pub issued_at: u64,
    pub command: Command,
}

impl CommandEnvelope {
    /// Wraps a command for dispatch.
    pub fn new(id: CommandId, user: UserId, issued_at: u64, command: Command) -> Self {
        Self {
            id,
            user,
            issued_at,
            command,
        }
    }
}
