//! The cart service: one cart per user, and every rule about what may go into it.

use super::catalog::Catalog;
use super::command::{Command, CommandEnvelope};
use super::error::{DomainError, MAX_LINES, MAX_QUANTITY};
use super::event::Event;
use super::ids::{CheckoutId, ProductId, UserId};
use super::lines::{CartLine, OrderLine};
use super::stock::StockLevels;
use super::users::Users;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One shopper's cart: lines in the order they were added, and the checkout that locks it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cart {
    pub lines: Vec<CartLine>,
    pub pending_checkout: Option<CheckoutId>,
}

impl Cart {
    /// How many of this product the cart holds (0 when absent).
    pub fn quantity_of(&self, product: &ProductId) -> u32 {
        self.lines
            .iter()
            .find(|l| &l.product == product)
            .map_or(0, |l| l.quantity)
    }

    fn apply(&mut self, event: &Event) {
        match event {
            Event::ItemAdded {
                product, quantity, ..
            } => match self.lines.iter_mut().find(|l| &l.product == product) {
                Some(line) => line.quantity += quantity,
                None => self.lines.push(CartLine {
                    product: product.clone(),
                    quantity: *quantity,
                }),
            },
            Event::QuantityChanged {
                product, quantity, ..
            } => {
                if let Some(line) = self.lines.iter_mut().find(|l| &l.product == product) {
                    line.quantity = *quantity;
                }
            }
            Event::ItemRemoved { product, .. } => self.lines.retain(|l| &l.product != product),
            Event::CartCleared { .. } => self.lines.clear(),
            Event::CartRestored { lines, .. } => self.lines = lines.clone(),
            Event::CheckoutStarted { checkout, .. } => {
                self.pending_checkout = Some(checkout.clone())
            }
            Event::CheckoutCompleted { .. } => {
                self.lines.clear();
                self.pending_checkout = None;
            }
            Event::CheckoutFailed { .. } => self.pending_checkout = None,
            _ => {}
        }
    }
}

/// The cart service's own state: every cart, plus its own views of users and stock, kept current
/// by events from the other services.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartService {
    carts: BTreeMap<UserId, Cart>,
    users: Users,
    stock: StockLevels,
}

impl CartService {
    /// The user's cart as the service sees it (empty when the user never added anything).
    pub fn cart(&self, user: &UserId) -> Cart {
        self.carts.get(user).cloned().unwrap_or_default()
    }

    /// Decides a cart command against the current carts, users and stock.
    pub fn decide(
        &self,
        catalog: &Catalog,
        envelope: &CommandEnvelope,
    ) -> Result<Vec<Event>, DomainError> {
        let user = &envelope.user;
        if !self.users.knows(user) {
            return Err(DomainError::UnknownUser(user.clone()));
        }
        let cart = self.carts.get(user).cloned().unwrap_or_default();
        let rules = Rules {
            catalog,
            stock: &self.stock,
            cart: &cart,
            user,
        };
        match &envelope.command {
            Command::AddItem { product, quantity } => rules.add(product, *quantity),
            Command::ChangeQuantity { product, quantity } => rules.change(product, *quantity),
            Command::RemoveItem { product } => rules.remove(product),
            Command::ClearCart => rules.clear(),
            Command::RestoreCart { lines } => rules.restore(lines),
            Command::CheckOut => rules.check_out(&envelope.id.0),
            Command::CompleteCheckout { checkout, order } => {
                rules.pending(checkout)?;
                Ok(vec![Event::CheckoutCompleted {
                    user: user.clone(),
                    checkout: checkout.clone(),
                    order: *order,
                }])
            }
            Command::FailCheckout { checkout, order } => {
                rules.pending(checkout)?;
                Ok(vec![Event::CheckoutFailed {
                    user: user.clone(),
                    checkout: checkout.clone(),
                    order: *order,
                }])
            }
            _ => Ok(Vec::new()),
        }
    }

    /// Folds any event: carts from cart events, users and stock from the other services'.
    pub fn apply(&mut self, event: &Event) {
        self.users.apply(event);
        self.stock.apply(event);
        if let (true, Some(user)) = (event.type_name().starts_with("cart."), event.user()) {
            self.carts.entry(user.clone()).or_default().apply(event);
        }
    }
}

/// The rules of one cart at one moment.
struct Rules<'a> {
    catalog: &'a Catalog,
    stock: &'a StockLevels,
    cart: &'a Cart,
    user: &'a UserId,
}

impl Rules<'_> {
    fn add(&self, product: &ProductId, quantity: i64) -> Result<Vec<Event>, DomainError> {
        self.unlocked()?;
        self.known(product)?;
        let quantity = in_range(quantity)?;
        let held = self.cart.quantity_of(product);
        if held == 0 && self.cart.lines.len() >= MAX_LINES {
            return Err(DomainError::TooManyLines);
        }
        let wanted = in_range(i64::from(held) + i64::from(quantity))?;
        self.in_stock(product, wanted)?;
        Ok(vec![Event::ItemAdded {
            user: self.user.clone(),
            product: product.clone(),
            quantity,
        }])
    }

    fn change(&self, product: &ProductId, quantity: i64) -> Result<Vec<Event>, DomainError> {
        self.unlocked()?;
        self.known(product)?;
        let held = self.in_cart(product)?;
        let quantity = in_range(quantity)?;
        if quantity == held {
            return Err(DomainError::QuantityUnchanged(product.clone()));
        }
        self.in_stock(product, quantity)?;
        Ok(vec![Event::QuantityChanged {
            user: self.user.clone(),
            product: product.clone(),
            quantity,
        }])
    }

    fn remove(&self, product: &ProductId) -> Result<Vec<Event>, DomainError> {
        self.unlocked()?;
        self.in_cart(product)?;
        Ok(vec![Event::ItemRemoved {
            user: self.user.clone(),
            product: product.clone(),
        }])
    }

    fn clear(&self) -> Result<Vec<Event>, DomainError> {
        self.unlocked()?;
        if self.cart.lines.is_empty() {
            return Err(DomainError::EmptyCart);
        }
        Ok(vec![Event::CartCleared {
            user: self.user.clone(),
        }])
    }

    fn restore(&self, lines: &[CartLine]) -> Result<Vec<Event>, DomainError> {
        self.unlocked()?;
        if lines.len() > MAX_LINES {
            return Err(DomainError::TooManyLines);
        }
        for (i, line) in lines.iter().enumerate() {
            self.known(&line.product)?;
            if lines[..i].iter().any(|l| l.product == line.product) {
                return Err(DomainError::DuplicateLine(line.product.clone()));
            }
            in_range(i64::from(line.quantity))?;
            self.in_stock(&line.product, line.quantity)?;
        }
        Ok(vec![Event::CartRestored {
            user: self.user.clone(),
            lines: lines.to_vec(),
        }])
    }

    fn check_out(&self, checkout: &str) -> Result<Vec<Event>, DomainError> {
        self.unlocked()?;
        if self.cart.lines.is_empty() {
            return Err(DomainError::EmptyCart);
        }
        let mut lines = Vec::with_capacity(self.cart.lines.len());
        for line in &self.cart.lines {
            let product = self.known(&line.product)?;
            self.in_stock(&line.product, line.quantity)?;
            lines.push(OrderLine {
                product: line.product.clone(),
                quantity: line.quantity,
                unit_price: product.price,
            });
        }
        Ok(vec![Event::CheckoutStarted {
            user: self.user.clone(),
            checkout: CheckoutId::new(checkout),
            lines,
        }])
    }

    fn pending(&self, checkout: &CheckoutId) -> Result<(), DomainError> {
        match &self.cart.pending_checkout {
            Some(pending) if pending == checkout => Ok(()),
            _ => Err(DomainError::CheckoutNotPending),
        }
    }

    fn unlocked(&self) -> Result<(), DomainError> {
        match self.cart.pending_checkout {
            Some(_) => Err(DomainError::CheckoutInProgress),
            None => Ok(()),
        }
    }

    fn known(&self, product: &ProductId) -> Result<&super::catalog::Product, DomainError> {
        self.catalog
            .product(product)
            .ok_or_else(|| DomainError::UnknownProduct(product.clone()))
    }

    fn in_cart(&self, product: &ProductId) -> Result<u32, DomainError> {
        match self.cart.quantity_of(product) {
            0 => Err(DomainError::NotInCart(product.clone())),
            held => Ok(held),
        }
    }

    fn in_stock(&self, product: &ProductId, wanted: u32) -> Result<(), DomainError> {
        let available = self.stock.available(self.catalog, product);
        if wanted > available {
            return Err(DomainError::NotEnoughStock {
                product: product.clone(),
                requested: wanted,
                available,
            });
        }
        Ok(())
    }
}

fn in_range(quantity: i64) -> Result<u32, DomainError> {
    if (1..=i64::from(MAX_QUANTITY)).contains(&quantity) {
        Ok(quantity as u32)
    } else {
        Err(DomainError::QuantityOutOfRange {
            requested: quantity,
        })
    }
}
