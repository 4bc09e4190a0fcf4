//! Line items shared by the cart and the order: what a cart holds and what an order froze.

use super::ids::ProductId;
use super::money::Money;
use serde::{Deserialize, Serialize};

/// One product and how many of it sit in a cart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub product: ProductId,
    pub quantity: u32,
}

/// One line of an order, with the unit price frozen at checkout.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    pub product: ProductId,
    pub quantity: u32,
    pub unit_price: Money,
}

impl OrderLine {
    /// Unit price times quantity.
    pub fn total(&self) -> Money {
        self.unit_price * self.quantity
    }
}

/// The sum of all line totals.
pub fn order_total(lines: &[OrderLine]) -> Money {
    lines.iter().map(OrderLine::total).sum()
}
