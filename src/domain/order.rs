//! The order service: orders made from checkouts, their lifecycle, and the stock they reserve.

use super::catalog::Catalog;
use super::command::{Command, CommandEnvelope};
use super::error::{DomainError, MAX_REASON_CHARS};
use super::event::Event;
use super::ids::{CheckoutId, OrderId, UserId};
use super::lines::{order_total, CartLine, OrderLine};
use super::stock::StockLevels;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Where an order is in its life: pending → paid → shipped, or cancelled before shipping.
/// `Rejected` orders never reserved stock and never become active.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderStatus {
    Pending,
    Paid,
    Shipped,
    Cancelled,
    Rejected,
}

/// What the order service remembers of one order to decide on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub user: UserId,
    pub status: OrderStatus,
    pub lines: Vec<OrderLine>,
}

/// The order service's own state: every order, the stock it reserved, and which checkouts it
/// has already handled (so a repeated reaction is refused, not doubled).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderService {
    orders: BTreeMap<OrderId, Order>,
    stock: StockLevels,
    handled_checkouts: BTreeSet<CheckoutId>,
}

impl OrderService {
    /// The order with this number, if any.
    pub fn order(&self, id: OrderId) -> Option<&Order> {
        self.orders.get(&id)
    }

    /// Stock as the order service accounts for it.
    pub fn stock(&self) -> &StockLevels {
        &self.stock
    }

    /// Decides an order command against every order and the stock they hold.
    pub fn decide(
        &self,
        catalog: &Catalog,
        envelope: &CommandEnvelope,
    ) -> Result<Vec<Event>, DomainError> {
        let user = &envelope.user;
        match &envelope.command {
            Command::PlaceOrder { checkout, lines } => {
                self.place(catalog, envelope, checkout, lines)
            }
            Command::PayOrder { order } => {
                let current = self.owned(*order, user)?;
                match current.status {
                    OrderStatus::Pending => Ok(vec![Event::OrderPaid {
                        order: *order,
                        user: user.clone(),
                        amount: order_total(&current.lines),
                    }]),
                    OrderStatus::Paid => Err(DomainError::AlreadyPaid(*order)),
                    other => Err(settled(*order, other)),
                }
            }
            Command::ShipOrder { order } => {
                let current = self.owned(*order, user)?;
                match current.status {
                    OrderStatus::Paid => Ok(vec![Event::OrderShipped {
                        order: *order,
                        user: user.clone(),
                    }]),
                    OrderStatus::Pending => Err(DomainError::NotPaidYet(*order)),
                    other => Err(settled(*order, other)),
                }
            }
            Command::CancelOrder { order, reason } => {
                let current = self.owned(*order, user)?;
                let reason = reason.trim();
                if !matches!(current.status, OrderStatus::Pending | OrderStatus::Paid) {
                    return Err(settled(*order, current.status));
                }
                if reason.is_empty() {
                    return Err(DomainError::ReasonMissing);
                }
                if reason.chars().count() > MAX_REASON_CHARS {
                    return Err(DomainError::ReasonTooLong);
                }
                Ok(vec![
                    Event::OrderCancelled {
                        order: *order,
                        user: user.clone(),
                        reason: reason.to_string(),
                    },
                    Event::StockReleased {
                        order: *order,
                        items: items_of(&current.lines),
                    },
                ])
            }
            _ => Ok(Vec::new()),
        }
    }

    fn place(
        &self,
        catalog: &Catalog,
        envelope: &CommandEnvelope,
        checkout: &CheckoutId,
        lines: &[OrderLine],
    ) -> Result<Vec<Event>, DomainError> {
        if self.handled_checkouts.contains(checkout) {
            return Err(DomainError::CheckoutAlreadyPlaced);
        }
        if lines.is_empty() {
            return Err(DomainError::EmptyCart);
        }
        let order = self.next_order_id();
        let user = envelope.user.clone();
        let shortage = lines.iter().find_map(|line| {
            let available = self.stock.available(catalog, &line.product);
            (line.quantity > available).then_some((line, available))
        });
        if let Some((line, available)) = shortage {
            return Ok(vec![Event::OrderRejected {
                order,
                user,
                checkout: checkout.clone(),
                product: line.product.clone(),
                requested: line.quantity,
                available,
            }]);
        }
        Ok(vec![
            Event::OrderPlaced {
                order,
                user,
                checkout: checkout.clone(),
                lines: lines.to_vec(),
                total: order_total(lines),
                placed_at: envelope.issued_at,
            },
            Event::StockReserved {
                order,
                items: items_of(lines),
            },
        ])
    }

    /// Order numbers count up from 1 in the order the log placed them.
    pub fn next_order_id(&self) -> OrderId {
        OrderId(self.orders.keys().next_back().map_or(1, |id| id.0 + 1))
    }

    fn owned(&self, id: OrderId, user: &UserId) -> Result<&Order, DomainError> {
        let order = self.orders.get(&id).ok_or(DomainError::UnknownOrder(id))?;
        if &order.user != user {
            return Err(DomainError::NotYourOrder(id));
        }
        Ok(order)
    }

    /// Folds order and stock events; holds no rules.
    pub fn apply(&mut self, event: &Event) {
        self.stock.apply(event);
        match event {
            Event::OrderPlaced {
                order,
                user,
                checkout,
                lines,
                ..
            } => {
                self.handled_checkouts.insert(checkout.clone());
                self.orders.insert(
                    *order,
                    Order {
                        user: user.clone(),
                        status: OrderStatus::Pending,
                        lines: lines.clone(),
                    },
                );
            }
            Event::OrderRejected {
                order,
                user,
                checkout,
                ..
            } => {
                self.handled_checkouts.insert(checkout.clone());
                self.orders.insert(
                    *order,
                    Order {
                        user: user.clone(),
                        status: OrderStatus::Rejected,
                        lines: Vec::new(),
                    },
                );
            }
            Event::OrderPaid { order, .. } => self.set_status(*order, OrderStatus::Paid),
            Event::OrderShipped { order, .. } => self.set_status(*order, OrderStatus::Shipped),
            Event::OrderCancelled { order, .. } => self.set_status(*order, OrderStatus::Cancelled),
            _ => {}
        }
    }

    fn set_status(&mut self, id: OrderId, status: OrderStatus) {
        if let Some(order) = self.orders.get_mut(&id) {
            order.status = status;
        }
    }
}

/// The refusal for acting on an order that has left the pending/paid states.
fn settled(order: OrderId, status: OrderStatus) -> DomainError {
    match status {
        OrderStatus::Shipped => DomainError::AlreadyShipped(order),
        OrderStatus::Cancelled => DomainError::AlreadyCancelled(order),
        OrderStatus::Rejected => DomainError::OrderWasRejected(order),
        OrderStatus::Paid => DomainError::AlreadyPaid(order),
        OrderStatus::Pending => DomainError::NotPaidYet(order),
    }
}

fn items_of(lines: &[OrderLine]) -> Vec<CartLine> {
    lines
        .iter()
        .map(|l| CartLine {
            product: l.product.clone(),
            quantity: l.quantity,
        })
        .collect()
}
