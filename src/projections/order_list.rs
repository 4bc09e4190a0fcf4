//! Order list: every order of each shopper with its status, lines and totals.

use crate::domain::{Event, Money, OrderId, OrderLine, OrderStatus, ProductId, UserId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why an order was refused, as the order page explains it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortage {
    pub product: ProductId,
    pub requested: u32,
    pub available: u32,
}

/// One order, ready to render.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderView {
    pub id: OrderId,
    pub status: OrderStatus,
    pub placed_at: u64,
    pub lines: Vec<OrderLine>,
    pub total: Money,
    pub cancel_reason: Option<String>,
    pub shortage: Option<Shortage>,
}

impl OrderView {
    /// Paying is offered only for a pending order.
    pub fn can_pay(&self) -> bool {
        self.status == OrderStatus::Pending
    }
    /// Shipping is offered only for a paid order.
    pub fn can_ship(&self) -> bool {
        self.status == OrderStatus::Paid
    }
    /// Cancelling is offered until the order ships.
    pub fn can_cancel(&self) -> bool {
        matches!(self.status, OrderStatus::Pending | OrderStatus::Paid)
    }
}

/// Every shopper's orders, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLists {
    by_user: BTreeMap<UserId, Vec<OrderView>>,
}

impl OrderLists {
    /// The user's orders, newest first.
    pub fn orders(&self, user: &UserId) -> &[OrderView] {
        self.by_user.get(user).map_or(&[], Vec::as_slice)
    }

    /// Folds order events; other events leave the lists as they are.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::OrderPlaced {
                order,
                user,
                lines,
                total,
                placed_at,
                ..
            } => self.insert(
                user,
                OrderView {
                    id: *order,
                    status: OrderStatus::Pending,
                    placed_at: *placed_at,
                    lines: lines.clone(),
                    total: *total,
                    cancel_reason: None,
                    shortage: None,
                },
            ),
            Event::OrderRejected {
                order,
                user,
                product,
                requested,
                available,
                ..
            } => self.insert(
                user,
                OrderView {
                    id: *order,
                    status: OrderStatus::Rejected,
                    placed_at: 0,
                    lines: Vec::new(),
                    total: Money::default(),
                    cancel_reason: None,
                    shortage: Some(Shortage {
                        product: product.clone(),
                        requested: *requested,
                        available: *available,
                    }),
                },
            ),
            Event::OrderPaid { order, user, .. } => {
                self.update(user, *order, |o| o.status = OrderStatus::Paid)
            }
            Event::OrderShipped { order, user } => {
                self.update(user, *order, |o| o.status = OrderStatus::Shipped)
            }
            Event::OrderCancelled {
                order,
                user,
                reason,
            } => self.update(user, *order, |o| {
                o.status = OrderStatus::Cancelled;
                o.cancel_reason = Some(reason.clone());
            }),
            _ => {}
        }
    }

    fn insert(&mut self, user: &UserId, order: OrderView) {
        self.by_user
            .entry(user.clone())
            .or_default()
            .insert(0, order);
    }

    fn update(&mut self, user: &UserId, id: OrderId, change: impl FnOnce(&mut OrderView)) {
        let found = self
            .by_user
            .get_mut(user)
            .and_then(|orders| orders.iter_mut().find(|o| o.id == id));
        if let Some(order) = found {
            change(order);
        }
    }
}
