//! «Entidades de certificación de confianza»: the roots planos ships (Colombia's accredited
//! certification authorities) and the ones the user adds. Only public certificates are kept:
//! each added certificate's DER, in base64, in this browser's localStorage; «Borrar todo» clears
//! them with the rest of the storage. Every check is sent them ([`stored`]), and the worker
//! trusts them besides the shipped ones.

use base64ct::{Base64, Encoding};
use leptos::prelude::*;
use planos_sign::{read_certificates, Holder, TrustStore};
use wasm_bindgen::JsCast;

/// The localStorage key: a JSON array of base64 DER certificates.
const KEY: &str = "planos-entidades-de-confianza";

/// The certificate files accepted.
const ACCEPT: &str = ".cer,.crt,.pem,.der,application/x-x509-ca-cert,application/pkix-cert";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The certificates the user added (DER), in the order added.
pub fn stored() -> Vec<Vec<u8>> {
    let Some(text) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return Vec::new();
    };
    let list: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
    list.iter().filter_map(|b| Base64::decode_vec(b).ok()).collect()
}

fn keep(list: &[Vec<u8>]) {
    let Some(s) = storage() else { return };
    if list.is_empty() {
        let _ = s.remove_item(KEY);
        return;
    }
    let encoded: Vec<String> = list.iter().map(|d| Base64::encode_string(d)).collect();
    let _ = s.set_item(KEY, &serde_json::to_string(&encoded).unwrap_or_default());
}

/// Who a stored certificate names.
fn holder(der: &[u8]) -> Option<Holder> {
    read_certificates(der).ok()?.first().map(|(c, _)| Holder::of(c))
}

/// What adding `bytes` (the file `name`) does to `list`: the list with its new certificates,
/// and what to tell the user.
fn add_file(list: &[Vec<u8>], name: &str, bytes: &[u8]) -> (Option<Vec<Vec<u8>>>, String) {
    if let Err(why) = TrustStore::empty().add(bytes) {
        return (None, format!("No se agregó «{name}»: {why}."));
    }
    let mut out = list.to_vec();
    let (mut added, mut already) = (Vec::new(), Vec::new());
    for (cert, der) in read_certificates(bytes).unwrap_or_default() {
        let h = Holder::of(&cert);
        if out.contains(&der) {
            already.push(h.name);
        } else {
            out.push(der);
            added.push(h.name);
        }
    }
    let said = |names: &[String]| names.iter().map(|n| format!("«{n}»")).collect::<Vec<_>>().join(", ");
    let mut told = Vec::new();
    if !added.is_empty() {
        told.push(format!("Se agregó a las entidades de confianza: {}.", said(&added)));
    }
    if !already.is_empty() {
        told.push(format!("Ya estaba en la lista: {}.", said(&already)));
    }
    (Some(out), told.join(" "))
}

#[component]
pub fn TrustList() -> impl IntoView {
    let added = RwSignal::new(stored());
    let (told, set_told) = signal(String::new());
    let shipped: Vec<Holder> = TrustStore::accredited()
        .roots()
        .filter(|(_, user)| !user)
        .map(|(h, _)| h)
        .collect();
    let pick = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.name();
            let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            let Ok(buffer) = read.map(|b| b.unchecked_into::<js_sys::ArrayBuffer>()) else {
                set_told.set(format!("No se agregó «{name}»: el navegador no pudo leerlo."));
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            let (list, said) = add_file(&added.get_untracked(), &name, &bytes);
            if let Some(list) = list {
                keep(&list);
                added.set(list);
            }
            set_told.set(said);
        });
    };
    let remove = move |at: usize| {
        let mut list = added.get_untracked();
        if at < list.len() {
            let gone = holder(&list.remove(at)).map(|h| h.name).unwrap_or_default();
            keep(&list);
            added.set(list);
            set_told.set(format!("Se quitó «{gone}» de las entidades de confianza."));
        }
    };
    view! {
        <details class="trust" id="confianza">
            <summary>"Entidades de certificación de confianza"</summary>
            <p>"planos reconoce una firma digital cuando la cadena de su certificado llega a una de estas entidades. Las de Colombia acreditadas vienen incluidas; puede agregar otras (solo su certificado público, que se guarda en este navegador hasta que lo quite o use «Borrar todo»). planos trabaja sin conexión: no consulta si un certificado fue revocado."</p>
            <ul class="trust-roots">
                {shipped.into_iter().map(|h| view! {
                    <li class="root shipped">{format!("{} — válida {} ", h.describe(), h.validity_in_prose())}
                        <span class="included">"(incluida en planos)"</span></li>
                }).collect_view()}
                {move || added.get().iter().enumerate().map(|(at, der)| {
                    let h = holder(der);
                    let name = h.as_ref().map(|h| h.name.clone()).unwrap_or_default();
                    let line = h.map(|h| format!("{} — válida {} ", h.describe(), h.validity_in_prose())).unwrap_or_default();
                    view! {
                        <li class="root added">{line}<span class="included">"(agregada por usted) "</span>
                            <button type="button" class="remove-root" aria-label=format!("Quitar «{name}» de las entidades de confianza")
                                on:click=move |_| remove(at)>"Quitar"</button></li>
                    }
                }).collect_view()}
            </ul>
            <label>"Agregar certificado (.cer, .crt, .pem) "
                <input type="file" id="confianza-agregar" accept=ACCEPT on:change=pick /></label>
            <p class="trust-told" role="status">{move || told.get()}</p>
        </details>
    }
}
