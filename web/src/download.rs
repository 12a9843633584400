//! Saving a text as a file on the user's computer (a Blob URL; nothing leaves the tab).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Beside the download of a file whose name the annex fixes: a browser that already has a file
/// of that name in its folder saves this one as «NOMBRE (1).TXT», which PISIS rejects.
#[component]
pub fn ExactName(name: String) -> impl IntoView {
    view! {
        <p class="exact-name">{format!(
            "Guárdelo con este nombre exacto: {name}. Si el navegador le añade « (1)» (porque en la carpeta de descargas ya hay un archivo con ese nombre), quíteselo antes de enviarlo: la plataforma rechaza el archivo por su nombre."
        )}</p>
    }
}

pub fn save(file_name: &str, mime: &str, text: &str) {
    save_url(
        file_name,
        gloo_file::ObjectUrl::from(gloo_file::Blob::new_with_options(text, Some(mime))),
    );
}

/// Saves bytes as they are (a file to correct keeps its original encoding).
pub fn save_bytes(file_name: &str, mime: &str, bytes: &[u8]) {
    save_url(
        file_name,
        gloo_file::ObjectUrl::from(gloo_file::Blob::new_with_options(bytes, Some(mime))),
    );
}

/// Saves a `Blob` the worker made (the Excel workbook).
pub fn save_blob(file_name: &str, blob: &web_sys::Blob) {
    save_url(
        file_name,
        gloo_file::ObjectUrl::from(gloo_file::Blob::from(blob.clone())),
    );
}

fn save_url(file_name: &str, url: gloo_file::ObjectUrl) {
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
