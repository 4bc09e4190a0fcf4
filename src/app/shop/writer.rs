//! The single writer loop behind the shop handle: it drains the queue batch by batch (group
//! commit), publishes what the log accepted to the read-model signals (the message bus), settles
//! each command's outcome, queues owed reactions, tells other tabs, and snapshots when due or
//! idle.

use super::{Pending, Shop, StorageStatus};
use crate::app::clock;
use crate::app::engine::{Engine, Outcome};
use crate::app::tabs::TabChannel;
use crate::domain::{CommandEnvelope, LoggedCommand, Service};
use leptos::prelude::*;

/// How long the writer loop must be quiet before it snapshots what is not snapshotted yet.
const IDLE_SNAPSHOT_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

impl Shop {
    /// Starts the writer loop unless it is already running.
    pub(super) fn kick(&self) {
        let core = self.core();
        if core.draining.get() || core.engine.borrow().is_none() {
            return;
        }
        core.draining.set(true);
        let shop = *self;
        leptos::task::spawn_local(async move {
            shop.drain().await;
            shop.core().draining.set(false);
            shop.snapshot_when_idle();
        });
    }

    /// Once the writer loop has been quiet for a while, snapshots what the log gained since the
    /// last snapshot, so the next start reads only a short tail. Any command that arrives first
    /// cancels it; commands sent during the snapshot wait for it.
    fn snapshot_when_idle(&self) {
        let core = self.core();
        let generation = core.idle_generation.get() + 1;
        core.idle_generation.set(generation);
        let shop = *self;
        set_timeout(
            move || {
                let core = shop.core();
                if core.idle_generation.get() != generation || core.draining.get() {
                    return;
                }
                let Some(store) = core.store.borrow().clone() else {
                    return;
                };
                let Some(mut engine) = core.engine.borrow_mut().take() else {
                    return;
                };
                if !engine.has_unsnapshotted() {
                    *core.engine.borrow_mut() = Some(engine);
                    return;
                }
                core.draining.set(true);
                leptos::task::spawn_local(async move {
                    // A failed snapshot costs only start-up time; the log still has everything.
                    let _ = engine.save_snapshots(&*store, &shop.read.current()).await;
                    let core = shop.core();
                    *core.engine.borrow_mut() = Some(engine);
                    core.draining.set(false);
                    shop.kick();
                });
            },
            IDLE_SNAPSHOT_AFTER,
        );
    }

    async fn drain(&self) {
        let core = self.core();
        let Some(store) = core.store.borrow().clone() else {
            return;
        };
        loop {
            let Some(mut engine) = core.engine.borrow_mut().take() else {
                return;
            };
            if core.catch_up_requested.replace(false) {
                if let Ok(tail) = engine.catch_up(&*store).await {
                    self.publish(&tail, &engine);
                    self.note_tab_latency();
                }
            }
            let batch: Vec<Pending> = core.queue.borrow_mut().drain(..).collect();
            if batch.is_empty() {
                *core.engine.borrow_mut() = Some(engine);
                return;
            }
            let envelopes: Vec<CommandEnvelope> =
                batch.iter().map(|p| p.envelope.clone()).collect();
            let (outcomes, folded) = engine.dispatch(&*store, &envelopes).await;
            let committed_at = clock::now_ms();
            if !folded.is_empty() {
                // "commit" on the timeline, with the log's newest sequence number.
                clock::mark("commit", engine.last_seq() as f64);
            }
            self.publish(&folded, &engine);
            self.settle(batch, outcomes, committed_at);
            if !folded.is_empty() {
                if let Some(channel) = core.channel.borrow().as_ref() {
                    channel.announce(engine.last_seq());
                }
            }
            if engine.snapshot_due() {
                // A failed snapshot costs only start-up time; the log still has everything.
                let _ = engine.save_snapshots(&*store, &self.read.current()).await;
            }
            *core.engine.borrow_mut() = Some(engine);
            if !folded.is_empty() {
                self.queue_reactions();
            }
        }
    }

    /// The message bus: folds accepted records into each service's read models.
    fn publish(&self, records: &[LoggedCommand], engine: &Engine) {
        if records.is_empty() {
            return;
        }
        let catalog = engine.write_model().catalog();
        let reads: Vec<(Service, f64)> = Service::ALL
            .iter()
            .map(|&service| (service, self.read.fold(service, catalog, records)))
            .collect();
        self.read.fold_activity(records);
        self.metrics.update(|m| {
            for (service, ms) in reads {
                if records
                    .iter()
                    .any(|l| l.events.iter().any(|e| e.event.service() == service))
                {
                    m.record_read(service, ms);
                }
            }
        });
        self.last_seq.set(engine.last_seq());
        self.event_count.set(engine.write_model().event_count());
        let quarantined = engine.quarantined();
        if quarantined.len() != self.quarantined.with_untracked(Vec::len) {
            self.quarantined.set(quarantined.to_vec());
        }
    }

    fn settle(&self, batch: Vec<Pending>, outcomes: Vec<Outcome>, committed_at: f64) {
        let core = self.core();
        let committed = outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Accepted(_)))
            .count();
        self.metrics.update(|m| {
            if committed > 0 {
                m.record_transaction(committed);
            }
            for (pending, outcome) in batch.iter().zip(&outcomes) {
                match outcome {
                    Outcome::Accepted(_) => m.record_write(
                        pending.envelope.command.service(),
                        committed_at - pending.queued_at,
                    ),
                    Outcome::Rejected(_) => m.record_rejected(),
                    Outcome::NotSaved(_) => m.record_not_saved(),
                    Outcome::Duplicate(_) => {}
                }
            }
        });
        for (pending, outcome) in batch.into_iter().zip(outcomes) {
            if pending.reply.is_none() && matches!(outcome, Outcome::Rejected(_)) {
                // A reaction a rule refused will be refused again: do not loop on it.
                core.refused_reactions
                    .borrow_mut()
                    .insert(pending.envelope.id.clone());
            }
            if let Some(reply) = pending.reply {
                let _ = reply.send(outcome);
            }
        }
        if self.status.get_untracked() == StorageStatus::Saving
            && matches!(self.store().as_deref(), Some(store) if store.is_closed())
        {
            self.status.set(StorageStatus::Closed);
        }
    }

    /// Queues every reaction the log still owes (the bus's subscribers: checkout → order → cart).
    pub(super) fn queue_reactions(&self) {
        let core = self.core();
        let owed = match core.engine.borrow().as_ref() {
            Some(engine) => engine.pending_reactions(),
            None => return,
        };
        let refused = core.refused_reactions.borrow();
        let mut queue = core.queue.borrow_mut();
        let mut queued = false;
        for reaction in owed {
            let already = queue.iter().any(|p| p.envelope.id == reaction.id);
            if already || refused.contains(&reaction.id) {
                continue;
            }
            queue.push(Pending {
                envelope: CommandEnvelope::new(
                    reaction.id,
                    reaction.user,
                    clock::epoch_ms(),
                    reaction.command,
                ),
                queued_at: clock::now_ms(),
                reply: None,
            });
            queued = true;
        }
        drop(queue);
        drop(refused);
        if queued {
            self.kick();
        }
    }

    fn note_tab_latency(&self) {
        let sent = self
            .core()
            .channel
            .borrow()
            .as_ref()
            .and_then(TabChannel::last_sent_at);
        if let Some(sent) = sent {
            self.tab_latency.set(Some(clock::epoch_ms() as f64 - sent));
        }
    }
}
