//! «Tablas de referencia»: the SISPRO tables the checks look codes up in, and «Actualizar tablas
//! de referencia» with a newer export the user downloaded from SISPRO (XLSX or CSV). An export is
//! read and checked here ([`planos_co::reference::export::read`]); once accepted, its compact form
//! ([`planos_co::reference::export::Export::saved`]) is kept in this browser's localStorage, in
//! base64 under its table's identifier, until its «Quitar» or «Borrar todo». Every check is sent
//! the kept tables ([`stored`]), and the worker uses them instead of the compiled-in ones.

use base64ct::{Base64, Encoding};
use leptos::prelude::*;
use planos_co::reference::{divipola, export, Kind, Tables};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

/// The localStorage key: a JSON object of table identifier (`cie10`) → base64 saved table.
const KEY: &str = "planos-tablas-de-referencia";

/// The export files accepted.
const ACCEPT: &str = ".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv";

/// Each updated table's saved form, by its kind.
type Kept = BTreeMap<String, Vec<u8>>;

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn kept() -> Kept {
    let Some(text) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return Kept::new();
    };
    let map: BTreeMap<String, String> = serde_json::from_str(&text).unwrap_or_default();
    map.into_iter()
        .filter(|(id, _)| Kind::from_id(id).is_some())
        .filter_map(|(id, b)| Some((id, Base64::decode_vec(&b).ok()?)))
        .collect()
}

/// Keeps `tables`; `false` when the browser would not (its storage is full).
fn keep(tables: &Kept) -> bool {
    let Some(s) = storage() else { return false };
    if tables.is_empty() {
        return s.remove_item(KEY).is_ok();
    }
    let encoded: BTreeMap<&String, String> = tables.iter().map(|(k, v)| (k, Base64::encode_string(v))).collect();
    s.set_item(KEY, &serde_json::to_string(&encoded).unwrap_or_default())
        .is_ok()
}

/// The updated tables kept in this browser, saved forms, for a check.
pub fn stored() -> Vec<Vec<u8>> {
    kept().into_values().collect()
}

fn in_use(tables: &Kept) -> Tables {
    Tables::with_saved(tables.values().map(Vec::as_slice))
}

/// What accepting the export `bytes` (the file `name`) does: the `kept` tables and the tables in
/// use, `current`, with it, and what to tell the user.
fn update(kept: &Kept, current: &Tables, name: &str, bytes: &[u8]) -> (Option<(Kept, Tables)>, String) {
    let e = match export::read(name, bytes) {
        Ok(e) => e,
        Err(why) => return (None, format!("No se actualizó ninguna tabla: {why}.")),
    };
    let change = e.change(current);
    let mut told = format!(
        "Se actualizó la tabla {}: {}. Desde ahora se usa {}.",
        e.kind.sispro_name(),
        change.prose(),
        e.label()
    );
    if e.disabled > 0 {
        told.push_str(&format!(
            " {} que la exportación marca no habilitados no se usan.",
            planos_core::report::plural(e.disabled as u64, "código", "códigos")
        ));
    }
    for note in &e.notes {
        told.push(' ');
        told.push_str(note);
    }
    let mut out = kept.clone();
    out.insert(e.kind.id().to_string(), e.saved());
    let mut next = current.clone();
    next.set(e.into_table());
    (Some((out, next)), told)
}

#[component]
pub fn ReferenceTables() -> impl IntoView {
    let kept_now = kept();
    let tables = RwSignal::new(in_use(&kept_now));
    let saved = StoredValue::new(kept_now);
    let (told, set_told) = signal(String::new());
    let pick = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        set_told.set("Leyendo la tabla…".to_string());
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.name();
            let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            let Ok(buffer) = read.map(|b| b.unchecked_into::<js_sys::ArrayBuffer>()) else {
                set_told.set(format!(
                    "No se actualizó ninguna tabla: el navegador no pudo leer «{name}»."
                ));
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            let (updated, said) = update(&saved.get_value(), &tables.get_untracked(), &name, &bytes);
            match updated {
                Some((list, next)) if keep(&list) => {
                    saved.set_value(list);
                    tables.set(next);
                    set_told.set(said);
                }
                Some(_) => set_told.set(
                    "No se actualizó ninguna tabla: el navegador no dejó guardarla (su espacio para esta página está lleno)."
                        .to_string(),
                ),
                None => set_told.set(said),
            }
        });
    };
    let remove = move |kind: Kind| {
        let mut list = saved.get_value();
        list.remove(kind.id());
        keep(&list);
        saved.set_value(list);
        tables.update(|t| t.reset(kind));
        set_told.set(format!(
            "Se quitó la tabla {} actualizada; se usa de nuevo la que trae planos: {}.",
            kind.sispro_name(),
            Tables::default().label(kind)
        ));
    };
    view! {
        <details class="tables" id="tablas">
            <summary>"Tablas de referencia"</summary>
            <p>"Los reportes de servicios negados (RNSE) se revisan contra estas tablas de SISPRO y las dos DIVIPOLA. Si SISPRO publicó una tabla más nueva, descárguela de web.sispro.gov.co (Tablas de referencia, en Excel o CSV) y désela aquí: planos la revisa, dice qué cambia y la usa desde entonces; queda guardada en este navegador hasta que la quite o use «Borrar todo». Cada informe nombra las tablas que usó."</p>
            <ul class="tables-in-use">
                {move || tables.with(|t| Kind::ALL.into_iter().map(|kind| {
                    let given = t.given(kind);
                    let label = t.label(kind).to_string();
                    view! {
                        <li class="table" class:given=given data-table=kind.id()>{label} " "
                            {if given {
                                view! {
                                    <button type="button" class="remove-table"
                                        aria-label=format!("Quitar la tabla {} actualizada", kind.sispro_name())
                                        on:click=move |_| remove(kind)>"Quitar"</button>
                                }.into_any()
                            } else {
                                view! { <span class="included">"(incluida en planos)"</span> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view())}
                {[divipola::DANE, divipola::MINISTRY].into_iter().map(|label| view! {
                    <li class="table">{label} " " <span class="included">"(incluida en planos)"</span></li>
                }).collect_view()}
            </ul>
            <label>"Actualizar tablas de referencia (exportación de SISPRO, .xlsx o .csv) "
                <input type="file" id="tablas-actualizar" accept=ACCEPT on:change=pick /></label>
            <p class="tables-told" role="status">{move || told.get()}</p>
        </details>
    }
}
