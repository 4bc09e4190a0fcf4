//! Start-up: open the log (IndexedDB, or memory when the browser refuses), load each service
//! from its snapshot plus the log's tail while reporting progress, then hand the engine to the
//! shop and join the other tabs.

use super::engine::Engine;
use super::shop::{Shop, Startup, StorageStatus};
use super::store::Store;
use super::tabs::TabChannel;
use crate::log::memory::MemoryLog;
use leptos::prelude::*;

/// The database every tab of the app shares.
pub const DB_NAME: &str = "cqrs-shop";

/// Opens the log and starts the shop; the UI is usable once `shop.startup` is `Ready`.
pub async fn start(shop: Shop, db_name: &str) {
    super::offline::register(move || shop.update_ready.set(true));
    let store = open(shop, db_name).await;
    super::clock::mark("log-open", 0.0);
    let progress = |read, total| shop.startup.set(Startup::Loading { read, total });
    match Engine::start(&store, progress).await {
        Ok(started) => {
            shop.read.replace(started.read);
            let channel = TabChannel::join(move || shop.request_catch_up());
            shop.install(store, started.engine, channel);
            shop.startup.set(Startup::Ready);
            super::clock::mark("read-models-ready", started_seq(shop));
        }
        Err(error) => shop.startup.set(Startup::Failed(error.0)),
    }
}

#[cfg(target_arch = "wasm32")]
async fn open(shop: Shop, db_name: &str) -> Store {
    use crate::log::idb::{Durability, IdbLog, OpenError};
    // Strict: "saved" means on disk, not just handed to the browser. Measured at about a
    // quarter of a millisecond more per append, and group commit spreads it over a burst.
    let opened = IdbLog::open(
        db_name,
        Durability::Strict,
        move || shop.status.set(StorageStatus::Blocked),
        move || shop.status.set(StorageStatus::Closed),
    )
    .await;
    match opened {
        Ok(log) => {
            shop.status.set(StorageStatus::Saving);
            Store::Idb(log)
        }
        Err(OpenError::Unavailable(why) | OpenError::Failed(why)) => {
            shop.status.set(StorageStatus::NotSaving(why));
            Store::Memory(MemoryLog::new())
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
async fn open(shop: Shop, _db_name: &str) -> Store {
    shop.status
        .set(StorageStatus::NotSaving("no browser storage here".into()));
    Store::Memory(MemoryLog::new())
}

fn started_seq(shop: Shop) -> f64 {
    shop.last_seq.get_untracked() as f64
}
