//! Cart view: what each shopper's cart page shows, with prices and totals worked out.

use crate::domain::{Catalog, Event, Money, ProductId, UserId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One line as the cart page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartViewLine {
    pub product: ProductId,
    pub quantity: u32,
    pub unit_price: Money,
    pub line_total: Money,
}

/// One shopper's cart, ready to render.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartView {
    pub lines: Vec<CartViewLine>,
    /// True while a checkout is turning the cart into an order.
    pub checking_out: bool,
}

impl CartView {
    /// Units across all lines (the badge in the header).
    pub fn item_count(&self) -> u32 {
        self.lines.iter().map(|l| l.quantity).sum()
    }

    /// Sum of the line totals.
    pub fn total(&self) -> Money {
        self.lines.iter().map(|l| l.line_total).sum()
    }

    /// Units of one product in the cart.
    pub fn quantity_of(&self, product: &ProductId) -> u32 {
        self.lines
            .iter()
            .find(|l| &l.product == product)
            .map_or(0, |l| l.quantity)
    }

    fn set(&mut self, catalog: &Catalog, product: &ProductId, quantity: u32) {
        let unit_price = catalog
            .product(product)
            .map_or(Money::default(), |p| p.price);
        match self.lines.iter_mut().find(|l| &l.product == product) {
            Some(line) => {
                line.quantity = quantity;
                line.line_total = unit_price * quantity;
            }
            None => self.lines.push(CartViewLine {
                product: product.clone(),
                quantity,
                unit_price,
                line_total: unit_price * quantity,
            }),
        }
    }
}

/// Every shopper's cart view.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartViews {
    carts: BTreeMap<UserId, CartView>,
}

impl CartViews {
    /// The user's cart; empty when they never added anything.
    pub fn cart(&self, user: &UserId) -> CartView {
        self.carts.get(user).cloned().unwrap_or_default()
    }

    /// Folds cart events; other events leave the views as they are.
    pub fn apply(&mut self, catalog: &Catalog, event: &Event) {
        let Some(user) = event.user() else { return };
        if !event.type_name().starts_with("cart.") {
            return;
        }
        let cart = self.carts.entry(user.clone()).or_default();
        match event {
            Event::ItemAdded {
                product, quantity, ..
            } => {
                let held = cart.quantity_of(product);
                cart.set(catalog, product, held + quantity);
            }
            Event::QuantityChanged {
                product, quantity, ..
            } => cart.set(catalog, product, *quantity),
            Event::ItemRemoved { product, .. } => cart.lines.retain(|l| &l.product != product),
            Event::CartCleared { .. } => cart.lines.clear(),
            Event::CartRestored { lines, .. } => {
                cart.lines.clear();
                for line in lines {
                    cart.set(catalog, &line.product, line.quantity);
                }
            }
            Event::CheckoutStarted { .. } => cart.checking_out = true,
            Event::CheckoutCompleted { .. } => *cart = CartView::default(),
            Event::CheckoutFailed { .. } => cart.checking_out = false,
            _ => {}
        }
    }
}
