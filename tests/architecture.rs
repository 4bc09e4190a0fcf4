//! The folders keep their promises: the pure layers never name a browser crate, and
//! dependencies point one way (ui → app → log/projections → domain).
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

const BROWSER: [&str; 5] = ["leptos", "web_sys", "wasm_bindgen", "js_sys", "gloo"];

fn sources(dir: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(path) = stack.pop() {
        for entry in fs::read_dir(&path).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap();
                found.push((path.display().to_string(), text));
            }
        }
    }
    assert!(!found.is_empty(), "no sources under {dir}");
    found
}

fn uses(text: &str, name: &str) -> bool {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .any(|l| l.contains(&format!("{name}::")) || l.contains(&format!("use {name}")))
}

fn assert_free_of(dir: &str, forbidden: &[&str]) {
    for (path, text) in sources(dir) {
        for name in forbidden {
            assert!(
                !uses(&text, name),
                "{path} uses {name}, which {dir} must not"
            );
        }
    }
}

#[test]
fn the_domain_names_no_browser_crate_and_no_other_layer() {
    let mut forbidden = BROWSER.to_vec();
    forbidden.extend([
        "crate::log",
        "crate::projections",
        "crate::app",
        "crate::ui",
    ]);
    assert_free_of("src/domain", &forbidden);
}

#[test]
fn projections_use_only_the_domain() {
    let mut forbidden = BROWSER.to_vec();
    forbidden.extend(["crate::log", "crate::app", "crate::ui"]);
    assert_free_of("src/projections", &forbidden);
}

#[test]
fn the_log_knows_the_domain_but_not_the_app_or_the_ui() {
    assert_free_of(
        "src/log",
        &["crate::app", "crate::ui", "crate::projections", "leptos"],
    );
}

#[test]
fn the_app_wiring_never_reaches_into_the_ui() {
    assert_free_of("src/app", &["crate::ui"]);
}
