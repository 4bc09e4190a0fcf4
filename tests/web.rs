//! The shell mounted in headless Chromium: navigation, the storage probe, and one command's trip
//! from a click through IndexedDB to the rendered read model.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root(path: &str) -> web_sys::HtmlElement {
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(path))
        .unwrap();
    let root: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

async fn wait_for_text(root: &web_sys::HtmlElement, selector: &str, wanted: &str) -> String {
    let mut last = String::new();
    // Up to ten seconds: opening IndexedDB takes real time, not just reactive ticks.
    for _ in 0..500 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            last = el.text_content().unwrap_or_default();
            if last.contains(wanted) {
                return last;
            }
        }
        sleep_ms(20).await;
    }
    panic!("{selector} never said {wanted:?}; it said {last:?}");
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn input(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let el: web_sys::HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into();
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    el.click();
}

#[wasm_bindgen_test]
async fn the_shell_shows_navigation_and_that_the_local_store_opened() {
    let root = fresh_root("/");
    let _app = mount_to(root.clone(), cqrs_shop::ui::App);
    wait_for_text(
        &root,
        "[data-testid=storage-status]",
        "Saved on this device",
    )
    .await;
    let nav = root
        .query_selector("nav")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    for page in ["Catalog", "Cart", "Orders", "Log", "Metrics"] {
        assert!(nav.contains(page), "the navigation lacks {page}: {nav}");
    }
    assert!(root
        .query_selector("[data-testid=product-tent]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn a_click_travels_through_the_log_to_the_cart_badge() {
    let root = fresh_root("/");
    let _app = mount_to(root.clone(), cqrs_shop::ui::App);
    wait_for_text(&root, "[data-testid=storage-status]", "Saved").await;
    let name = format!("Mount {}", js_sys::Math::random());
    input(&root, "[data-testid=new-user]", &name);
    click(&root, "[data-testid=add-user]");
    wait_for_text(&root, "[data-testid=user]", &name).await;

    input(
        &root,
        "[data-testid=product-honey] [data-testid=quantity]",
        "2",
    );
    click(&root, "[data-testid=product-honey] [data-testid=add]");
    wait_for_text(&root, "[data-testid=cart-badge]", "2").await;
    wait_for_text(
        &root,
        "[data-testid=product-honey] [data-testid=in-cart]",
        "2 in your cart",
    )
    .await;
}
