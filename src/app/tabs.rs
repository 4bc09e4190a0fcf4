//! Tab sync: after each commit a tab announces its newest sequence number on a
//! BroadcastChannel; every other tab of the app then folds the log's tail into its own read
//! models. The log stays the only truth: the message carries no state, only a nudge.

use std::cell::Cell;
use std::rc::Rc;

/// The channel all tabs of the app share.
pub const CHANNEL_NAME: &str = "cqrs-shop-log";

/// This tab's end of the channel.
pub struct TabChannel {
    #[cfg(target_arch = "wasm32")]
    channel: web_sys::BroadcastChannel,
    #[cfg(target_arch = "wasm32")]
    _listener: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>,
    last_sent_at: Rc<Cell<Option<f64>>>,
}

impl TabChannel {
    /// Joins the channel; `on_news` runs when another tab committed something.
    #[cfg(target_arch = "wasm32")]
    pub fn join(on_news: impl Fn() + 'static) -> Option<Self> {
        use wasm_bindgen::JsCast;
        let channel = web_sys::BroadcastChannel::new(CHANNEL_NAME).ok()?;
        let last_sent_at = Rc::new(Cell::new(None));
        let seen = last_sent_at.clone();
        let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                let sent = js_sys::Reflect::get(&event.data(), &"sentAt".into())
                    .ok()
                    .and_then(|v| v.as_f64());
                seen.set(sent);
                on_news();
            },
        );
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(Self {
            channel,
            _listener: listener,
            last_sent_at,
        })
    }

    /// No other tabs outside a browser.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn join(_on_news: impl Fn() + 'static) -> Option<Self> {
        None
    }

    /// Tells the other tabs that the log now reaches `seq`.
    pub fn announce(&self, seq: u64) {
        #[cfg(target_arch = "wasm32")]
        {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"seq".into(), &(seq as f64).into());
            let _ = js_sys::Reflect::set(&message, &"sentAt".into(), &js_sys::Date::now().into());
            // A closed channel only means no other tab hears it; the log has the record.
            let _ = self.channel.post_message(&message);
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = seq;
    }

    /// When the newest announcement this tab heard was sent (epoch milliseconds).
    pub fn last_sent_at(&self) -> Option<f64> {
        self.last_sent_at.get()
    }
}
