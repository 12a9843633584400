//! Saving a text as a file on the user's computer (a Blob URL; nothing leaves the tab).

use wasm_bindgen::prelude::*;

pub fn save(file_name: &str, mime: &str, text: &str) {
    let blob = gloo_file::Blob::new_with_options(text, Some(mime));
    let url = gloo_file::ObjectUrl::from(blob);
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let Ok(a) = document.create_element("a") else {
        return;
    };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // Keep the URL alive for a minute so the browser can finish reading it; then revoke it.
    let release = Closure::once_into_js(move || drop(url));
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 60_000);
}
