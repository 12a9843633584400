//! What the dental tab's parts share: the nomenclador kept in the browser, the delegated click,
//! the one reactive-text type, and labelled text fields.

use leptos::prelude::*;
use planos_ar::dental::nomenclador::{self, Practice};
use wasm_bindgen::JsCast;

/// Where the imported nomenclador is kept (as CSV); "Borrar todo" clears it with the rest.
const STORAGE_KEY: &str = "planos.insssep.nomenclador";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The nomenclador kept in the browser, else the one planos ships.
pub fn stored_table() -> Vec<Practice> {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|csv| nomenclador::parse_csv(csv.as_bytes()).ok())
        .unwrap_or_else(nomenclador::shipped)
}

/// Keeps `table` in the browser; the shipped table is not kept (nothing to remember).
pub fn keep_table(table: &[Practice]) {
    if let Some(s) = storage() {
        let _ = if table == nomenclador::shipped().as_slice() {
            s.remove_item(STORAGE_KEY)
        } else {
            s.set_item(STORAGE_KEY, &nomenclador::to_csv(table))
        };
    }
}

/// The value of attribute `name` on the clicked element or its nearest ancestor that has it.
pub fn clicked(e: &leptos::ev::MouseEvent, name: &str) -> Option<String> {
    let target: web_sys::Element = e.target()?.dyn_into().ok()?;
    target.closest(&format!("[{name}]")).ok()??.get_attribute(name)
}

/// A reactive text (or `inner_html`) as a `Signal`: all of them then share one copy of Leptos'
/// rendering code instead of one per closure, kilobytes of wasm each.
pub fn shown(f: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(f)
}

/// One text field of a form: id, label, placeholder, `inputmode`.
pub type Field = (&'static str, &'static str, &'static str, &'static str);

/// Labelled text inputs, one per field, each writing its signal (and starting from its value).
pub fn text_fields(fields: &'static [Field], signals: Vec<RwSignal<String>>) -> impl IntoView {
    fields
        .iter()
        .zip(signals)
        .map(|(&(id, label, placeholder, mode), s)| {
            view! {
                <label>{label}
                    <input id=id placeholder=placeholder inputmode=mode value=s.get_untracked()
                        on:input=move |e| s.set(event_target_value(&e)) />
                </label>
            }
        })
        .collect_view()
}
