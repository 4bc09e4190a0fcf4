//! Export the log to a JSON file, and import one into an empty shop with a progress bar. The
//! file is checked completely before anything is written.

use crate::app::clock::epoch_ms;
use crate::app::transfer::{export, read_file, Checker, ImportError};
use crate::app::Shop;
use crate::ui::i18n::Key;
use crate::ui::messages::import_error;
use crate::ui::session::{Session, ToastKind};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// How many records are checked between two repaints.
const CHECK_SLICE: usize = 2_000;

#[derive(Clone, Debug, PartialEq)]
enum Progress {
    Idle,
    Checking(usize, usize),
    Writing(usize),
}

/// The export button and the import file picker.
#[component]
pub fn Transfer() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let progress = RwSignal::new(Progress::Idle);
    let problem = RwSignal::new(None::<String>);
    let download = move |_| {
        leptos::task::spawn_local(async move {
            let records = shop.read_log(None).await;
            save_file("cqrs-shop-log.json", &export(&records, epoch_ms()));
        });
    };
    let upload = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            problem.set(None);
            let result = import(shop, file, progress).await;
            progress.set(Progress::Idle);
            let lang = session.lang.get_untracked();
            match result {
                Ok(count) => session.toast(ToastKind::Info, session.say(Key::Imported, &[&count])),
                Err(error) => {
                    let message = import_error(lang, &error);
                    problem.set(Some(message.clone()));
                    session.toast(ToastKind::Error, message);
                }
            }
        });
    };
    view! {
        <fieldset class="transfer">
            <legend>{move || session.t(Key::Export)} " / " {move || session.t(Key::Import)}</legend>
            <button data-testid="export" on:click=download>{move || session.t(Key::Export)}</button>
            <label class="file">
                <span>{move || session.t(Key::Import)}</span>
                <input type="file" accept="application/json,.json" data-testid="import" on:change=upload />
            </label>
            {move || match progress.get() {
                Progress::Idle => ().into_any(),
                Progress::Checking(done, total) => view! {
                    <label class="control" data-testid="import-progress">
                        {session.tf(Key::ImportChecking, &[&done, &total])}
                        <progress max=total.max(1).to_string() value=done.to_string()></progress>
                    </label>
                }.into_any(),
                Progress::Writing(total) => view! {
                    <label class="control" data-testid="import-progress">
                        {session.tf(Key::ImportWriting, &[&total])}
                        <progress></progress>
                    </label>
                }.into_any(),
            }}
            {move || problem.get().map(|p| view! { <p class="error" role="alert" data-testid="import-error">{p}</p> })}
        </fieldset>
    }
}

async fn import(
    shop: Shop,
    file: web_sys::File,
    progress: RwSignal<Progress>,
) -> Result<usize, ImportError> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| ImportError::NotJson("the file could not be read".into()))?;
    let mut checker = Checker::new(read_file(&text)?);
    let total = checker.total();
    while !checker.is_done() {
        let done = checker.check(CHECK_SLICE)?;
        progress.set(Progress::Checking(done, total));
        next_frame().await;
    }
    progress.set(Progress::Writing(total));
    next_frame().await;
    shop.import(&checker.into_records()).await?;
    Ok(total)
}

/// Lets the browser paint before the next slice of work.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Offers text as a file download.
fn save_file(name: &str, contents: &str) {
    let parts = js_sys::Array::of1(&contents.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(anchor) = document().create_element("a") {
        let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    // Revoke later: the download reads the URL after this handler returns.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
}
