//! The shop handle the UI holds: it stamps commands, queues them for the single writer loop,
//! and publishes what the log accepted to the read-model signals (the message bus). Commands
//! queued while a transaction is in flight are decided in order and written together in the
//! next one (group commit).

use super::clock;
use super::engine::{Engine, Outcome};
use super::metrics::Metrics;
use super::read_signals::ReadSignals;
use super::store::Store;
use super::tabs::TabChannel;
use super::transfer::ImportError;
use crate::domain::{
    CartLine, Catalog, Command, CommandEnvelope, CommandId, LoggedCommand, Service, UserId,
};
use crate::log::{AppendError, CommandLog, Quarantined};
use futures_channel::oneshot;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

/// Whether accepted commands are being saved, and if not, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageStatus {
    Opening,
    /// IndexedDB is open; every accepted command is saved.
    Saving,
    /// IndexedDB could not be used; the app runs from memory.
    NotSaving(String),
    /// Another tab holds an older version of the database open.
    Blocked,
    /// Another tab upgraded the database; this tab must reload.
    Closed,
}

/// Where start-up is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Startup {
    Loading { read: u64, total: u64 },
    Ready,
    Failed(String),
}

/// The cart as it was before the shopper's last change, for undo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndoPoint {
    pub user: UserId,
    pub lines: Vec<CartLine>,
}

/// How long the writer loop must be quiet before it snapshots what is not snapshotted yet.
const IDLE_SNAPSHOT_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

struct Pending {
    envelope: CommandEnvelope,
    queued_at: f64,
    reply: Option<oneshot::Sender<Outcome>>,
}

#[derive(Default)]
struct Core {
    store: RefCell<Option<Rc<Store>>>,
    engine: RefCell<Option<Engine>>,
    queue: RefCell<Vec<Pending>>,
    draining: Cell<bool>,
    idle_generation: Cell<u64>,
    catch_up_requested: Cell<bool>,
    refused_reactions: RefCell<HashSet<CommandId>>,
    channel: RefCell<Option<TabChannel>>,
    tag: String,
    counter: Cell<u64>,
}

/// The one typed handle through which the UI reads read models and sends commands.
#[derive(Clone, Copy)]
pub struct Shop {
    core: StoredValue<Rc<Core>, LocalStorage>,
    pub read: ReadSignals,
    pub metrics: RwSignal<Metrics>,
    pub status: RwSignal<StorageStatus>,
    pub startup: RwSignal<Startup>,
    pub last_seq: RwSignal<u64>,
    /// Events in the log: every event is one version of one stream.
    pub event_count: RwSignal<u64>,
    pub quarantined: RwSignal<Vec<Quarantined>>,
    pub undo: RwSignal<Option<UndoPoint>>,
    /// A new build is installed and waiting for the shopper's go-ahead.
    pub update_ready: RwSignal<bool>,
    /// How long the last change from another tab took to show here, in milliseconds.
    pub tab_latency: RwSignal<Option<f64>>,
    catalog: StoredValue<Catalog>,
}

impl Shop {
    /// A shop with no log yet; [`super::startup::start`] opens one.
    pub fn new() -> Self {
        let core = Core {
            tag: clock::random_tag(),
            ..Core::default()
        };
        Self {
            core: StoredValue::new_local(Rc::new(core)),
            read: ReadSignals::new(),
            metrics: RwSignal::new(Metrics::default()),
            status: RwSignal::new(StorageStatus::Opening),
            startup: RwSignal::new(Startup::Loading { read: 0, total: 0 }),
            last_seq: RwSignal::new(0),
            event_count: RwSignal::new(0),
            quarantined: RwSignal::new(Vec::new()),
            undo: RwSignal::new(None),
            tab_latency: RwSignal::new(None),
            update_ready: RwSignal::new(false),
            catalog: StoredValue::new(Catalog::builtin()),
        }
    }

    fn core(&self) -> Rc<Core> {
        self.core.get_value()
    }

    /// The built-in catalog.
    pub fn catalog(&self) -> Catalog {
        self.catalog.get_value()
    }

    /// Installs the opened log and the started engine, then runs whatever was queued meanwhile.
    pub(super) fn install(&self, store: Store, engine: Engine, channel: Option<TabChannel>) {
        let core = self.core();
        self.last_seq.set(engine.last_seq());
        self.event_count.set(engine.write_model().event_count());
        self.quarantined.set(engine.quarantined().to_vec());
        *core.store.borrow_mut() = Some(Rc::new(store));
        *core.engine.borrow_mut() = Some(engine);
        *core.channel.borrow_mut() = channel;
        self.queue_reactions();
        self.kick();
    }

    /// The log, once open.
    pub fn store(&self) -> Option<Rc<Store>> {
        self.core().store.borrow().clone()
    }

    /// Sends a command as `user` and waits for its outcome.
    pub async fn send(&self, user: &UserId, command: Command) -> Outcome {
        let core = self.core();
        let n = core.counter.get() + 1;
        core.counter.set(n);
        let id = CommandId::new(format!("{}-{n}", core.tag));
        let envelope = CommandEnvelope::new(id, user.clone(), clock::epoch_ms(), command);
        let (reply, outcome) = oneshot::channel();
        core.queue.borrow_mut().push(Pending {
            envelope,
            queued_at: clock::now_ms(),
            reply: Some(reply),
        });
        self.kick();
        outcome
            .await
            .unwrap_or(Outcome::NotSaved(AppendError::Storage(
                "the page was closed".into(),
            )))
    }

    /// Sends a cart command and, once accepted, remembers the cart before it for undo.
    pub async fn send_cart_change(&self, user: &UserId, command: Command) -> Outcome {
        let before: Vec<CartLine> = self.read.carts.with_untracked(|c| {
            c.cart(user)
                .lines
                .iter()
                .map(|l| CartLine {
                    product: l.product.clone(),
                    quantity: l.quantity,
                })
                .collect()
        });
        let outcome = self.send(user, command).await;
        if matches!(outcome, Outcome::Accepted(_)) {
            self.undo.set(Some(UndoPoint {
                user: user.clone(),
                lines: before,
            }));
        }
        outcome
    }

    /// Appends checked records to an empty log in one transaction, then starts again from the
    /// log so every read model is rebuilt from what was imported.
    pub async fn import(&self, records: &[LoggedCommand]) -> Result<(), ImportError> {
        let core = self.core();
        let Some(store) = self.store() else {
            return Err(ImportError::NotEmpty { commands: 0 });
        };
        let in_log = store.last_seq().await.unwrap_or(0);
        if in_log > 0 || core.draining.get() {
            return Err(ImportError::NotEmpty { commands: in_log });
        }
        // Pause the writer loop: nothing may be decided against the empty state meanwhile.
        let Some(paused) = core.engine.borrow_mut().take() else {
            return Err(ImportError::NotEmpty { commands: 0 });
        };
        if let Err(error) = store.append(records).await {
            *core.engine.borrow_mut() = Some(paused);
            return Err(ImportError::NotSaved(error));
        }
        match Engine::start(&*store, |_, _| {}).await {
            Ok(started) => {
                self.read.replace(started.read);
                self.last_seq.set(started.engine.last_seq());
                self.event_count
                    .set(started.engine.write_model().event_count());
                if let Some(channel) = core.channel.borrow().as_ref() {
                    channel.announce(started.engine.last_seq());
                }
                *core.engine.borrow_mut() = Some(started.engine);
            }
            Err(_) => *core.engine.borrow_mut() = Some(paused),
        }
        self.kick();
        Ok(())
    }

    /// Every record in the log, for export and time travel.
    pub async fn read_log(&self, up_to: Option<u64>) -> Vec<LoggedCommand> {
        let Some(store) = self.store() else {
            return Vec::new();
        };
        let mut records = crate::log::read_all_after(&*store, 0, |_, _| {})
            .await
            .map(|batch| batch.records)
            .unwrap_or_default();
        if let Some(limit) = up_to {
            records.retain(|l| l.seq <= limit);
        }
        records
    }

    /// Asks the writer loop to fold what other tabs appended.
    pub(super) fn request_catch_up(&self) {
        self.core().catch_up_requested.set(true);
        self.kick();
    }

    /// Starts the writer loop unless it is already running.
    fn kick(&self) {
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
    fn queue_reactions(&self) {
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

impl Default for Shop {
    fn default() -> Self {
        Self::new()
    }
}
