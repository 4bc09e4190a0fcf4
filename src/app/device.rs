//! What the browser says about its storage: how much is used, and whether it may be evicted.

/// Usage and quota in bytes, and whether the browser promised not to evict the data.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StorageInfo {
    pub usage: Option<f64>,
    pub quota: Option<f64>,
    pub persisted: Option<bool>,
}

/// Asks the browser to keep this site's data even when space runs low. Called after the first
/// order, when the shopper has something worth keeping.
pub fn ask_for_persistence() {
    #[cfg(target_arch = "wasm32")]
    leptos::task::spawn_local(async {
        if let Some(storage) = manager() {
            if let Ok(promise) = storage.persist() {
                // The answer is read again by `storage_info`; a refusal is not an error.
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            }
        }
    });
}

/// Reads usage, quota and persistence.
pub async fn storage_info() -> StorageInfo {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen_futures::JsFuture;
        let Some(storage) = manager() else {
            return StorageInfo::default();
        };
        let mut info = StorageInfo::default();
        if let Ok(promise) = storage.estimate() {
            if let Ok(estimate) = JsFuture::from(promise).await {
                let field =
                    |name: &str| js_sys::Reflect::get(&estimate, &name.into()).ok()?.as_f64();
                info.usage = field("usage");
                info.quota = field("quota");
            }
        }
        if let Ok(promise) = storage.persisted() {
            info.persisted = JsFuture::from(promise).await.ok().and_then(|v| v.as_bool());
        }
        info
    }
    #[cfg(not(target_arch = "wasm32"))]
    StorageInfo::default()
}

#[cfg(target_arch = "wasm32")]
fn manager() -> Option<web_sys::StorageManager> {
    Some(web_sys::window()?.navigator().storage())
}
