#![cfg(target_arch = "wasm32")]
//! The page (wasm32 only). The same wasm module runs twice: in the page, where it mounts the
//! Leptos UI, and in a Web Worker, where it checks files so the page never freezes.

mod build;
mod build_rnse;
mod denials;
mod dental;
mod dental_common;
mod dental_output;
mod dental_parts;
mod download;
mod files;
mod findings;
mod keys;
mod list_file;
mod pool;
mod privacy;
mod protocol;
mod reader;
mod repair;
mod sign;
mod sssalud;
mod sssalud_answer;
mod sssalud_filezilla;
mod sssalud_upload;
mod tables;
mod trust;
mod ui;
mod worker;

use wasm_bindgen::JsCast;

/// Entry point of the wasm module, in the page or in the worker.
pub fn start() {
    console_error_panic_hook::set_once();
    let global = js_sys::global();
    let in_page = js_sys::Reflect::has(&global, &"document".into()).unwrap_or(false);
    if in_page {
        ui::mount();
    } else {
        worker::run(global.unchecked_into());
    }
}
