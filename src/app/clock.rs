//! Time and fresh ids, from the browser where there is one.

// Found once: looking up `window.performance` costs two calls into JavaScript, and the writer
// loop reads the clock for every command.
#[cfg(target_arch = "wasm32")]
thread_local! {
    static PERFORMANCE: Option<web_sys::Performance> =
        web_sys::window().and_then(|w| w.performance());
}

// `performance.mark` with options, which web-sys keeps behind its unstable APIs.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type Timeline;
    #[wasm_bindgen(method, catch)]
    fn mark(
        this: &Timeline,
        name: &str,
        options: &js_sys::Object,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

/// A monotonic clock in milliseconds, for measuring.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        PERFORMANCE.with(|p| p.as_ref().map_or(0.0, web_sys::Performance::now))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::time::{SystemTime, UNIX_EPOCH};
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }
}

/// Wall-clock milliseconds since the Unix epoch, stamped on every command.
pub fn epoch_ms() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        now_ms() as u64
    }
}

/// A random tag for this tab, so ids made in two tabs never collide.
pub fn random_tag() -> String {
    #[cfg(target_arch = "wasm32")]
    let mut seed = (js_sys::Math::random() * 2f64.powi(52)) as u64;
    #[cfg(not(target_arch = "wasm32"))]
    let mut seed = now_ms().to_bits();
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    (0..10)
        .map(|_| {
            let digit = DIGITS[(seed % 36) as usize] as char;
            seed /= 36;
            digit
        })
        .collect()
}

/// Puts a named moment on the page's performance timeline, with a number attached (DevTools
/// shows it; the benchmark reads it). Does nothing outside a browser.
pub fn mark(name: &str, detail: f64) {
    #[cfg(target_arch = "wasm32")]
    PERFORMANCE.with(|performance| {
        if let Some(performance) = performance {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"detail".into(), &detail.into());
            use wasm_bindgen::JsCast;
            let _ = performance.unchecked_ref::<Timeline>().mark(name, &options);
        }
    });
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, detail);
}
