//! Catalog view: each product's available stock, and how many the shopper already has in the cart.

use crate::domain::stock::StockLevels;
use crate::domain::{Catalog, Event, ProductId, UserId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Stock and "in your cart" counts for the catalog page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogView {
    stock: StockLevels,
    in_cart: BTreeMap<UserId, BTreeMap<ProductId, u32>>,
}

impl CatalogView {
    /// Units still for sale.
    pub fn available(&self, catalog: &Catalog, product: &ProductId) -> u32 {
        self.stock.available(catalog, product)
    }

    /// Units of this product in the user's cart.
    pub fn in_cart(&self, user: &UserId, product: &ProductId) -> u32 {
        self.in_cart
            .get(user)
            .and_then(|cart| cart.get(product))
            .copied()
            .unwrap_or(0)
    }

    /// Folds stock and cart events.
    pub fn apply(&mut self, event: &Event) {
        self.stock.apply(event);
        let Some(user) = event.user() else { return };
        if !event.type_name().starts_with("cart.") {
            return;
        }
        let cart = self.in_cart.entry(user.clone()).or_default();
        match event {
            Event::ItemAdded {
                product, quantity, ..
            } => *cart.entry(product.clone()).or_default() += quantity,
            Event::QuantityChanged {
                product, quantity, ..
            } => {
                cart.insert(product.clone(), *quantity);
            }
            Event::ItemRemoved { product, .. } => {
                cart.remove(product);
            }
            Event::CartCleared { .. } | Event::CheckoutCompleted { .. } => cart.clear(),
            Event::CartRestored { lines, .. } => {
                *cart = lines
                    .iter()
                    .map(|l| (l.product.clone(), l.quantity))
                    .collect()
            }
            _ => {}
        }
    }
}
