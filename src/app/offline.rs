//! The service worker that makes the shop open with no network, and the "new version is
//! ready" handshake: a new build installs beside the old one and waits; the shopper decides when
//! to switch, and the page reloads once the new worker has taken over.

/// The service worker's URL; Trunk copies it to the root of the build.
pub const WORKER_URL: &str = "/sw.js";

/// Registers the service worker; `update_ready` runs when a new build is installed and waiting.
pub fn register(update_ready: impl Fn() + Clone + 'static) {
    #[cfg(target_arch = "wasm32")]
    leptos::task::spawn_local(async move {
        // Without service workers (an old browser, a file:// page) the shop still works online.
        let _ = watch(update_ready).await;
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = update_ready;
}

/// Tells the waiting worker to take over; the page reloads when it has.
pub fn apply_update() {
    #[cfg(target_arch = "wasm32")]
    leptos::task::spawn_local(async {
        use wasm_bindgen::JsCast;
        let Some(container) = container() else { return };
        let promise = container.get_registration();
        let Ok(found) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return;
        };
        let Ok(registration) = found.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
            return;
        };
        match registration.waiting() {
            Some(waiting) => {
                let _ = waiting.post_message(&"skip-waiting".into());
            }
            None => {
                let _ = web_sys::window().map(|w| w.location().reload());
            }
        }
    });
}

#[cfg(target_arch = "wasm32")]
fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // `serviceWorker` is missing outside secure contexts; check before touching it.
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .ok()?
        .then(|| navigator.service_worker())
}

#[cfg(target_arch = "wasm32")]
async fn watch(update_ready: impl Fn() + Clone + 'static) -> Option<()> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

    let container = container()?;
    let registration: ServiceWorkerRegistration =
        wasm_bindgen_futures::JsFuture::from(container.register(WORKER_URL))
            .await
            .ok()?
            .dyn_into()
            .ok()?;

    // Once a new worker takes control, the page that asked for it reloads into the new build.
    let had_controller = container.controller().is_some();
    let reload = Closure::<dyn FnMut()>::new(move || {
        if had_controller {
            let _ = web_sys::window().map(|w| w.location().reload());
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();

    if registration.waiting().is_some() && container.controller().is_some() {
        update_ready();
    }
    let watched = registration.clone();
    let on_update = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = watched.installing() else {
            return;
        };
        let worker = installing.clone();
        let ready = update_ready.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            let controlled = container_has_controller();
            if worker.state() == ServiceWorkerState::Installed && controlled {
                ready();
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
    on_update.forget();
    Some(())
}

#[cfg(target_arch = "wasm32")]
fn container_has_controller() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}
