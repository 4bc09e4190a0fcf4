//! Stock levels: catalog stock minus what active orders reserved. Each service that needs them
//! folds its own copy from the order service's stock events.

use super::catalog::Catalog;
use super::event::Event;
use super::ids::ProductId;
use super::lines::CartLine;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Units reserved per product by orders that are not cancelled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockLevels {
    reserved: BTreeMap<ProductId, u32>,
}

impl StockLevels {
    /// Units a shopper can still buy: never negative, never more than the catalog holds.
    pub fn available(&self, catalog: &Catalog, product: &ProductId) -> u32 {
        let on_hand = catalog.product(product).map_or(0, |p| p.stock);
        on_hand.saturating_sub(self.reserved(product))
    }

    /// Units of this product held by active orders.
    pub fn reserved(&self, product: &ProductId) -> u32 {
        self.reserved.get(product).copied().unwrap_or(0)
    }

    /// Folds a stock event; other events leave the levels as they are.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::StockReserved { items, .. } => self.adjust(items, |held, q| held + q),
            Event::StockReleased { items, .. } => {
                self.adjust(items, |held, q| held.saturating_sub(q))
            }
            _ => {}
        }
    }

    fn adjust(&mut self, items: &[CartLine], change: impl Fn(u32, u32) -> u32) {
        for item in items {
            let held = self.reserved.entry(item.product.clone()).or_default();
            *held = change(*held, item.quantity);
        }
    }
}
