//! The pure domain: catalog, users, cart and order services, with their commands, events and
//! rules. Synchronous, deterministic, and free of anything that needs a browser.

pub mod cart;
pub mod catalog;
pub mod command;
pub mod error;
pub mod event;
pub mod ids;
pub mod lines;
pub mod logged;
pub mod money;
pub mod order;
pub mod process;
pub mod stock;
pub mod users;
pub mod write_model;

pub use catalog::{Catalog, Category, Product};
pub use command::{Command, CommandEnvelope, Service};
pub use error::{parse_quantity, DomainError};
pub use event::{Event, RecordedEvent, StreamId};
pub use ids::{CheckoutId, CommandId, OrderId, ProductId, UserId};
pub use lines::{CartLine, OrderLine};
pub use logged::LoggedCommand;
pub use money::Money;
pub use order::OrderStatus;
pub use process::{CheckoutProcess, Reaction};
pub use write_model::WriteModel;
