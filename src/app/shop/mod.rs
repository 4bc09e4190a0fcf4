//! The shop handle the UI holds: it stamps commands and queues them for the single writer loop
//! (`writer.rs`), which group-commits them and publishes what the log accepted to the
//! read-model signals. It also imports checked logs and reads the log for export and time travel.

mod writer;

use super::clock;
use super::engine::{Engine, Outcome};
use super::metrics::Metrics;
use super::read_signals::ReadSignals;
use super::store::Store;
use super::tabs::TabChannel;
use super::transfer::ImportError;
use crate::domain::{
    CartLine, Catalog, Command, CommandEnvelope, CommandId, LoggedCommand, UserId,
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
    pub async fn import(&self, records: &[Vec<LoggedCommand>]) -> Result<(), ImportError> {
        let core = self.core();
        let Some(store) = self.store() else {
            return Err(ImportError::Busy);
        };
        let in_log = store.last_seq().await.unwrap_or(0);
        if in_log > 0 {
            return Err(ImportError::NotEmpty { commands: in_log });
        }
        if core.draining.get() {
            return Err(ImportError::Busy);
        }
        // Pause the writer loop: nothing may be decided against the empty state meanwhile.
        let Some(paused) = core.engine.borrow_mut().take() else {
            return Err(ImportError::Busy);
        };
        let records: Vec<&[LoggedCommand]> = records.iter().map(Vec::as_slice).collect();
        if let Err(error) = store.append_records(&records).await {
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
}

impl Default for Shop {
    fn default() -> Self {
        Self::new()
    }
}
