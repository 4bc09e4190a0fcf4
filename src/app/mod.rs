//! Wiring: the engine that runs the write side, the shop handle (dispatcher and message bus),
//! reactions, start-up, tab sync, preferences and metrics around it.

pub mod clock;
pub mod device;
pub mod engine;
pub mod metrics;
pub mod offline;
pub mod prefs;
pub mod read_signals;
pub mod shop;
pub mod startup;
pub mod store;
pub mod tabs;
pub mod transfer;

pub use engine::Outcome;
pub use shop::{Shop, Startup, StorageStatus};
