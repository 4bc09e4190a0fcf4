//! One page per route.

mod cart;
mod catalog;
mod log;
mod metrics;
pub(crate) mod orders;
mod transfer;

pub use cart::CartPage;
pub use catalog::CatalogPage;
pub use log::LogPage;
pub use metrics::MetricsPage;
pub use orders::OrdersPage;
