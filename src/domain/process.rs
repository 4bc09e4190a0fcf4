//! The checkout process: which reactions the log still owes. Because it is a fold over events,
//! a restart recomputes it, so a crash between an event and its reaction only delays the reaction.
//! Reactions carry ids derived from the checkout, so running one twice is refused by the log.

use super::command::Command;
use super::event::Event;
use super::ids::{CheckoutId, CommandId, OrderId, UserId};
use super::lines::OrderLine;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A command the app must dispatch because of an earlier event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reaction {
    pub id: CommandId,
    pub user: UserId,
    pub command: Command,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum Stage {
    Started(Vec<OrderLine>),
    Placed(OrderId),
    Rejected(OrderId),
}

/// Checkouts that have not reached their end yet, by checkout id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutProcess {
    open: BTreeMap<CheckoutId, (UserId, Stage)>,
}

impl CheckoutProcess {
    /// Folds the events that move a checkout along.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::CheckoutStarted {
                user,
                checkout,
                lines,
            } => {
                self.open.insert(
                    checkout.clone(),
                    (user.clone(), Stage::Started(lines.clone())),
                );
            }
            Event::OrderPlaced {
                checkout, order, ..
            } => self.advance(checkout, Stage::Placed(*order)),
            Event::OrderRejected {
                checkout, order, ..
            } => self.advance(checkout, Stage::Rejected(*order)),
            Event::CheckoutCompleted { checkout, .. } | Event::CheckoutFailed { checkout, .. } => {
                self.open.remove(checkout);
            }
            _ => {}
        }
    }

    fn advance(&mut self, checkout: &CheckoutId, stage: Stage) {
        if let Some(entry) = self.open.get_mut(checkout) {
            entry.1 = stage;
        }
    }

    /// Every reaction still owed, oldest checkout first.
    pub fn pending(&self) -> Vec<Reaction> {
        self.open
            .iter()
            .map(|(checkout, (user, stage))| {
                let (step, command) = match stage {
                    Stage::Started(lines) => (
                        "place-order",
                        Command::PlaceOrder {
                            checkout: checkout.clone(),
                            lines: lines.clone(),
                        },
                    ),
                    Stage::Placed(order) => (
                        "complete-checkout",
                        Command::CompleteCheckout {
                            checkout: checkout.clone(),
                            order: *order,
                        },
                    ),
                    Stage::Rejected(order) => (
                        "fail-checkout",
                        Command::FailCheckout {
                            checkout: checkout.clone(),
                            order: *order,
                        },
                    ),
                };
                Reaction {
                    id: CommandId::new(format!("{step}/{checkout}")),
                    user: user.clone(),
                    command,
                }
            })
            .collect()
    }
}
