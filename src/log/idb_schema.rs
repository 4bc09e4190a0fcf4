//! The log database's schema and its upgrades, on the raw IndexedDB API: an upgrade that changes
//! an existing index needs the version-change transaction, which only the open request holds.
//!
//! Version 1: the `log` store (key `seq`) with unique indexes `by_id` (one command id per
//!   record) and `by_stream` (multi-entry), a quarantine store, a snapshot store per service.
//! Version 2: records hold a batch of commands, so `by_id` becomes multi-entry. Version-1
//!   records (one id as a string) are indexed the same way and stay readable.

use super::idb::OpenError;
use super::snapshot::Snapshot;
use crate::domain::Service;
use js_sys::{Function, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbIndexParameters, IdbObjectStore, IdbObjectStoreParameters, IdbOpenDbRequest,
    IdbTransaction,
};

/// The schema version of the database (its object stores and indexes).
pub const DB_VERSION: u32 = 2;
pub(super) const LOG: &str = "log";
pub(super) const BY_ID: &str = "by_id";
pub(super) const BY_STREAM: &str = "by_stream";
pub(super) const QUARANTINE: &str = "quarantine";

/// Brings the database `name` to [`DB_VERSION`], creating it if need be, and closes the
/// connection it used. `on_blocked` runs if another tab holds an older version open.
pub(super) async fn bring_up_to_date(
    name: &str,
    on_blocked: impl FnOnce() + 'static,
) -> Result<(), OpenError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| OpenError::Unavailable("IndexedDB is not available here".into()))?;
    let request = factory
        .open_with_u32(name, DB_VERSION)
        .map_err(|e| OpenError::Unavailable(js_text(&e)))?;

    let failure: Rc<RefCell<Option<String>>> = Rc::default();
    let on_upgrade = {
        let failure = failure.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if let Err(error) = upgrade(&event) {
                *failure.borrow_mut() = Some(js_text(&error));
                // Throwing is not an option from Rust: abort, so the open request fails.
                if let Some(tx) = open_request(&event).and_then(|r| r.transaction()) {
                    let _ = tx.abort();
                }
            }
        })
    };
    let blocked = RefCell::new(Some(on_blocked));
    let on_blocked = Closure::<dyn FnMut()>::new(move || {
        if let Some(callback) = blocked.borrow_mut().take() {
            callback();
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    request.set_onblocked(Some(on_blocked.as_ref().unchecked_ref()));

    let done = Promise::new(&mut |resolve: Function, reject: Function| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(done).await;
    request.set_onupgradeneeded(None);
    request.set_onblocked(None);
    match outcome {
        Ok(_) => {
            if let Ok(db) = request.result() {
                db.unchecked_into::<IdbDatabase>().close();
            }
            Ok(())
        }
        Err(_) => {
            let why = failure.borrow_mut().take().unwrap_or_else(|| {
                request
                    .error()
                    .ok()
                    .flatten()
                    .map_or_else(|| "the database did not open".into(), |e| e.message())
            });
            Err(OpenError::Failed(why))
        }
    }
}

fn open_request(event: &JsValue) -> Option<IdbOpenDbRequest> {
    event
        .unchecked_ref::<web_sys::Event>()
        .target()
        .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
}

/// Runs inside `upgradeneeded`: creates whatever is missing and lifts an older layout.
fn upgrade(event: &JsValue) -> Result<(), JsValue> {
    let request = open_request(event).ok_or("no open request")?;
    let db: IdbDatabase = request.result()?.unchecked_into();
    let tx: IdbTransaction = request.transaction().ok_or("no upgrade transaction")?;
    let stores = db.object_store_names();
    if stores.contains(LOG) {
        let log = tx.object_store(LOG)?;
        if !log.index(BY_ID)?.multi_entry() {
            log.delete_index(BY_ID)?;
            create_id_index(&log)?;
        }
    } else {
        let params = IdbObjectStoreParameters::new();
        params.set_key_path(&JsValue::from_str("seq"));
        let log = db.create_object_store_with_optional_parameters(LOG, &params)?;
        create_id_index(&log)?;
        log.create_index_with_str_and_optional_parameters(
            BY_STREAM,
            "streams",
            &unique_multi_entry(),
        )?;
    }
    if !stores.contains(QUARANTINE) {
        let params = IdbObjectStoreParameters::new();
        params.set_key_path(&JsValue::from_str("seq"));
        db.create_object_store_with_optional_parameters(QUARANTINE, &params)?;
    }
    for service in Service::ALL {
        let name = Snapshot::store_name(service);
        if !stores.contains(name) {
            db.create_object_store(name)?;
        }
    }
    Ok(())
}

fn create_id_index(log: &IdbObjectStore) -> Result<(), JsValue> {
    log.create_index_with_str_and_optional_parameters(BY_ID, "id", &unique_multi_entry())
        .map(|_| ())
}

/// Unique and multi-entry: every element of the indexed array is a key of its own, and no key
/// may appear in two records.
fn unique_multi_entry() -> IdbIndexParameters {
    let params = IdbIndexParameters::new();
    params.set_unique(true);
    params.set_multi_entry(true);
    params
}

fn js_text(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}
