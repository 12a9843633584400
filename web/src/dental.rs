//! The InSSSeP (Chaco, Argentina) tab: the dental budget on an odontogram, checked as the web
//! client would check it, printed like its ticket, and the consumption checklist. Everything
//! stays in this tab's memory; only the nomenclador (a setting, nothing personal) is kept in the
//! browser. "Borrar todo" makes the component anew (see `ui.rs`).
//!
//! Display-only parts are HTML text from `planos_ar::dental::html` (set with `inner_html`, buttons
//! handled by delegation): every distinct Leptos view costs the page's wasm kilobytes.

use super::dental_common::{clicked, shown, stored_table, text_fields, Field};
use super::dental_output::{Consumption, Review, Shared};
use super::dental_parts::{DiagnosisPicker, FacePicker, NomencladorPanel, Odontogram};
use leptos::prelude::*;
use planos_ar::dental::budget::{self, Budget, Line, Member, Provider};
use planos_ar::dental::diagnosis;
use planos_ar::dental::faces::{self, Face};
use planos_ar::dental::html;
use planos_ar::dental::nomenclador::{self, Practice};
use planos_core::report::Diagnostic;
use wasm_bindgen::JsCast;

const PROVIDER: [Field; 3] = [
    ("d-prestador", "Prestador (nombre) ", "", "text"),
    ("d-colegio", "Colegio ", "COLEGIO DE ODONTOLOGOS", "text"),
    ("d-facturacion", "Código de facturación ", "", "numeric"),
];

const MEMBER: [Field; 4] = [
    ("d-credencial", "Credencial (número) ", "", "numeric"),
    ("d-afiliado", "Afiliado (apellido y nombre) ", "", "text"),
    ("d-titular", "Titular ", "", "text"),
    ("d-edad", "Edad (años) ", "", "numeric"),
];

/// What the message area says after "Cargar práctica": refusals (nothing was added) or what was
/// added, with its warnings.
fn said_html(refused: &[Diagnostic], done: Option<&str>, warned: &[Diagnostic]) -> String {
    let mut out = html::findings("d-refused", "", refused);
    if let Some(d) = done {
        out.push_str(&html::para("d-done", d));
    }
    out.push_str(&html::findings("d-warned", "Atención: ", warned));
    out
}

#[component]
pub fn DentalTool() -> impl IntoView {
    let table = RwSignal::new(stored_table());
    let text = || RwSignal::new(String::new());
    let (prov_name, prov_college, prov_code) = (text(), text(), text());
    let (credential, member_name, holder, age, sex) = (text(), text(), text(), text(), text());
    let summary = text();
    let diagnosis = RwSignal::new(None::<(diagnosis::Kind, diagnosis::Code)>);
    let practice_code = RwSignal::new(String::new());
    let teeth = RwSignal::new(Vec::<u8>::new());
    let face_set = RwSignal::new(Vec::<Face>::new());
    let lines = RwSignal::new(Vec::<Line>::new());
    let done = RwSignal::new(Vec::<bool>::new());
    let said = RwSignal::new(String::new());
    let reference = RwSignal::new(None::<planos_ar::dental::consumption::Reference>);

    let budget = Memo::new(move |_| Budget {
        provider: Provider {
            name: prov_name.get(),
            college: prov_college.get(),
            billing_code: prov_code.get(),
        },
        member: Member {
            credential: credential.get(),
            name: member_name.get(),
            holder: holder.get(),
            age: age.get(),
            sex: sex.get(),
        },
        diagnosis: diagnosis.get(),
        lines: lines.get(),
        summary: summary.get(),
    });
    let touched = RwSignal::new(Vec::<String>::new());
    let left = move |id: String| {
        if !id.is_empty() && touched.with_untracked(|t| !t.contains(&id)) {
            touched.update(|t| t.push(id));
        }
    };
    let shared = Shared {
        budget,
        done,
        reference,
        touched,
    };
    let member_age = move || budget::age(&age.get()).ok().flatten();

    // "Cargar Práctica": refused as the web client refuses, else added with its warnings.
    let load = move |_| {
        left("d-cargar".to_string());
        let Some(practice) = table.with(|t| nomenclador::find(t, &practice_code.get()).cloned()) else {
            said.set(html::list(
                "d-refused",
                "",
                &["Elija primero la práctica (código del nomenclador).".to_string()],
            ));
            return;
        };
        match lines.with(|l| budget::add(l, &practice, &teeth.get(), &face_set.get())) {
            Err(refused) => said.set(said_html(&refused, None, &[])),
            Ok(added) => {
                let warned: Vec<Diagnostic> = added.iter().flat_map(|l| budget::warnings(l, member_age())).collect();
                let shown: Vec<String> = added
                    .iter()
                    .map(|l| format!("{} {}", l.code, l.ticket_text()))
                    .collect();
                said.set(said_html(
                    &[],
                    Some(&format!("Se cargó: {}.", shown.join("; "))),
                    &warned,
                ));
                done.update(|d| d.extend(added.iter().map(|_| false)));
                lines.update(|l| l.extend(added));
                teeth.set(Vec::new());
                face_set.set(Vec::new());
            }
        }
    };
    // "Quitar" in the list (buttons with data-quitar, by delegation).
    let remove = move |e: leptos::ev::MouseEvent| {
        let Some(i) = clicked(&e, "data-quitar").and_then(|i| i.parse::<usize>().ok()) else {
            return;
        };
        if i < lines.with(Vec::len) {
            lines.update(|l| {
                l.remove(i);
            });
            done.update(|d| {
                if i < d.len() {
                    d.remove(i);
                }
            });
        }
    };
    let chosen = move || {
        table.with(|t| nomenclador::find(t, &practice_code.get()).map_or(String::new(), |p| requirement(p).to_string()))
    };
    // A new nomenclador redraws the practice list: nothing is chosen then.
    Effect::new(move |_| {
        table.track();
        practice_code.set(String::new());
    });

    view! {
        // A field left is "touched": the review then tells its mistake (see `Shared::touched`).
        <div class="dental" on:focusout=move |e: leptos::ev::FocusEvent| {
            if let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                left(el.id());
            }
        }>
            <p class="hint">
                "Prepare y revise aquí el presupuesto odontológico del InSSSeP (Chaco) antes de cargarlo en el cliente web: "
                "planos avisa lo que el cliente web rechazaría. Los datos del afiliado no salen de esta página ni se guardan: "
                "«Borrar todo» los descarta."
            </p>
            <fieldset class="dental-people">
                <legend>"Prestador"</legend>
                {text_fields(&PROVIDER, vec![prov_name, prov_college, prov_code])}
            </fieldset>
            <fieldset class="dental-people">
                <legend>"Afiliado"</legend>
                {text_fields(&MEMBER, vec![credential, member_name, holder, age])}
                <label>"Sexo "
                    <select id="d-sexo" on:change=move |e| sex.set(event_target_value(&e))>
                        <option value="">"—"</option>
                        <option value="F">"F"</option>
                        <option value="M">"M"</option>
                    </select>
                </label>
                <div class="d-field-error" role="alert" inner_html=shown(move || budget::age(&age.get()).err().map(|why| html::para("", &why.message)).unwrap_or_default())></div>
            </fieldset>
            <DiagnosisPicker chosen=diagnosis />
            <section class="dental-load" aria-labelledby="d-carga-titulo">
                <h3 id="d-carga-titulo">"2. Carga práctica odontológica"</h3>
                <label>"Práctica (código y descripción) "
                    <select id="d-practica" on:change=move |e| practice_code.set(event_target_value(&e))
                        inner_html=shown(move || table.with(|t| html::options(t)))></select>
                </label>
                <p class="d-needs">{shown(chosen)}</p>
                <FacePicker chosen=face_set />
                <Odontogram chosen=teeth lines=lines />
                <p class="d-selection">{shown(move || selection(&teeth.get(), &face_set.get()))}</p>
                <button type="button" id="d-cargar" on:click=load>"Cargar práctica"</button>
                <div id="d-mensaje" role="status" aria-live="polite" inner_html=shown(move || said.get())></div>
            </section>
            <section class="dental-list" aria-labelledby="d-lista-titulo">
                <h3 id="d-lista-titulo">"Prácticas del presupuesto"</h3>
                <div on:click=remove inner_html=shown(move || lines.with(|l| html::lines(l, member_age())))></div>
            </section>
            <label class="dental-summary">"Resumen clínico (texto libre para la auditoría)"
                <textarea id="d-resumen" rows="4" on:input=move |e| summary.set(event_target_value(&e))></textarea>
            </label>
            <Review shared=shared />
            <article class="dental-receipt" aria-label="Presupuesto para imprimir"
                inner_html=shown(move || budget.with(|b| html::receipt(b, &super::dental_output::today())))></article>
            <Consumption shared=shared />
            <NomencladorPanel table=table />
        </div>
    }
}

/// What the chosen practice requires, as the document's screen marks it ("*opcional").
fn requirement(p: &Practice) -> &'static str {
    match (p.needs_tooth, p.needs_face) {
        (true, true) => "Esta práctica requiere diente y cara.",
        (true, false) => "Esta práctica requiere diente; la cara es opcional.",
        (false, true) => "Esta práctica requiere cara; el diente es opcional.",
        (false, false) => "Esta práctica no requiere diente ni cara.",
    }
}

fn selection(teeth: &[u8], faces_chosen: &[Face]) -> String {
    let t = if teeth.is_empty() {
        "ninguno".to_string()
    } else {
        teeth.iter().map(u8::to_string).collect::<Vec<_>>().join(", ")
    };
    let f = if faces_chosen.is_empty() {
        "ninguna".to_string()
    } else {
        faces::letters(faces_chosen)
    };
    format!("Dientes elegidos: {t}. Caras: {f}.")
}
