//! What the InSSSeP budget gives back: the review before sending, the print button (the budget
//! itself is `dental::html::receipt`; `@media print` in style.css prints only it from this tab),
//! the CSV and text downloads, and the consumption checklist.

use super::dental_common::{shown, text_fields, Field};
use super::download;
use leptos::prelude::*;
use planos_ar::dental::budget::{self, Budget};
use planos_ar::dental::consumption::{self, Reference};
use planos_ar::dental::{export, html};
use wasm_bindgen::JsCast;

/// Today as the tickets write dates: dd/mm/aaaa.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}/{:02}/{}", d.get_date(), d.get_month() + 1, d.get_full_year())
}

/// Today for file names: aaaammdd.
fn stamp() -> String {
    let d = js_sys::Date::new_0();
    format!("{}{:02}{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// What the review, the downloads and the consumption checklist share: the budget, which of its
/// lines are done, and the authorised budget's reference.
#[derive(Clone, Copy)]
pub struct Shared {
    pub budget: Memo<Budget>,
    pub done: RwSignal<Vec<bool>>,
    pub reference: RwSignal<Option<Reference>>,
    /// The ids of the fields the user has left (or "Cargar práctica"), and [`TRIED`] once they
    /// tried to print or download: a field's mistake is told only then, never on an empty form.
    pub touched: RwSignal<Vec<String>>,
}

/// In [`Shared::touched`]: the user tried to print or download the budget.
pub const TRIED: &str = "*";

/// The field a finding of the review is about (its id), to tell it once that field was left.
fn field_of(code: &str) -> &'static str {
    use planos_ar::codes::*;
    match code {
        c if c == INSSSEP_PRESTADOR_FALTA.code => "d-prestador",
        c if c == INSSSEP_CREDENCIAL_FALTA.code || c == INSSSEP_CREDENCIAL.code => "d-credencial",
        c if c == INSSSEP_AFILIADO_FALTA.code => "d-afiliado",
        c if c == INSSSEP_EDAD.code => "d-edad",
        c if c == INSSSEP_DIAGNOSTICO_FALTA.code => "d-diag-buscar",
        _ => "d-cargar",
    }
}

/// What stops the budget, its warnings, and the buttons to print and download it.
#[component]
pub fn Review(shared: Shared) -> impl IntoView {
    let (budget, done, reference, touched) = (shared.budget, shared.done, shared.reference, shared.touched);
    let review = move || {
        let (missing, warned) = budget.with(budget::review);
        let told: Vec<_> = touched.with(|t| {
            let tried = t.iter().any(|id| id == TRIED);
            missing
                .iter()
                .filter(|d| tried || t.iter().any(|id| id == field_of(&d.code)))
                .cloned()
                .collect()
        });
        let mut out = if missing.is_empty() {
            html::para("d-done", "Completo: puede cargarlo en el cliente web del InSSSeP.")
        } else if told.is_empty() {
            html::para(
                "hint",
                "Complete el prestador, el afiliado, el diagnóstico y al menos una práctica: aquí verá lo que falte.",
            )
        } else {
            html::findings("d-refused", "", &told)
        };
        out.push_str(&html::findings("d-warned", "Atención: ", &warned));
        out
    };
    let record = move || export::Consumption {
        reference: reference.get_untracked(),
        done: done.get_untracked(),
    };
    let name = move |ext: &str| {
        let credential: String =
            budget.with_untracked(|b| b.member.credential.chars().filter(char::is_ascii_digit).collect());
        format!("presupuesto-insssep-{credential}-{}.{ext}", stamp())
    };
    let tried = move || {
        if touched.with_untracked(|t| !t.iter().any(|id| id == TRIED)) {
            touched.update(|t| t.push(TRIED.to_string()));
        }
    };
    let csv = move |_| {
        tried();
        download::save(
            &name("csv"),
            "text/csv;charset=utf-8",
            &budget.with_untracked(|b| export::to_csv(b, &record())),
        )
    };
    let txt = move |_| {
        tried();
        download::save(
            &name("txt"),
            "text/plain;charset=utf-8",
            &budget.with_untracked(|b| export::to_txt(b, &today(), &record())),
        )
    };
    let print = move |_| {
        tried();
        let _ = window().print();
    };
    view! {
        <section class="dental-review" aria-labelledby="d-revision-titulo">
            <h3 id="d-revision-titulo">"Antes de enviar al InSSSeP"</h3>
            <div id="d-revision" role="status" inner_html=shown(review)></div>
            <div class="d-downloads">
                <button type="button" id="d-imprimir" on:click=print>"Imprimir / Guardar PDF"</button>
                <button type="button" id="d-csv" on:click=csv>"Descargar presupuesto (CSV)"</button>
                <button type="button" id="d-txt" on:click=txt>"Descargar presupuesto (TXT)"</button>
            </div>
        </section>
    }
}

const REFERENCE: [Field; 3] = [
    ("d-boca", "Boca ", "88", "numeric"),
    ("d-serie", "Serie ", "T", "text"),
    ("d-numero", "Número de transacción ", "", "numeric"),
];

/// The consumption checklist: the authorised budget's "Boca – Serie – Número" and each practice
/// marked as it is done.
#[component]
pub fn Consumption(shared: Shared) -> impl IntoView {
    let (budget, done, reference) = (shared.budget, shared.done, shared.reference);
    let boca = RwSignal::new(consumption::BOCA_ODONTOLOGOS.to_string());
    let serie = RwSignal::new(consumption::SERIE.to_string());
    let number = RwSignal::new(String::new());
    let checked = Memo::new(move |_| consumption::parse_parts(&boca.get(), &serie.get(), &number.get()));
    Effect::new(move |_| reference.set(checked.get().ok().map(|(r, _)| r)));
    let status = move || match checked.get() {
        Ok((r, warned)) => {
            html::para("d-done", &format!("Nº Preautorización: {r}"))
                + &html::findings("d-warned", "Atención: ", &warned)
        }
        Err(errors) if number.with(|n| n.trim().is_empty()) => {
            let said: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
            html::para("hint", &said.join(" "))
        }
        Err(errors) => html::findings("d-refused", "", &errors),
    };
    // A checkbox of the checklist (data-hecho), by delegation.
    let mark = move |e: leptos::ev::Event| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        if let Some(i) = input.get_attribute("data-hecho").and_then(|i| i.parse::<usize>().ok()) {
            done.update(|d| {
                if let Some(x) = d.get_mut(i) {
                    *x = input.checked();
                }
            });
        }
    };
    view! {
        <section class="dental-consumption" aria-labelledby="d-consumo-titulo">
            <h3 id="d-consumo-titulo">"Consumo del presupuesto autorizado"</h3>
            <p class="hint">
                "Cuando el InSSSeP autorice el presupuesto, anote la boca (88 para el Colegio de Odontólogos), la serie T y el número de transacción "
                "del comprobante; luego marque cada práctica a medida que la realiza y la consume en el cliente web."
            </p>
            {text_fields(&REFERENCE, vec![boca, serie, number])}
            <div id="d-ref-estado" role="status" inner_html=shown(status)></div>
            // Drawn again only when the lines change; a click changes `done` without redrawing.
            <ul class="d-consumo" on:change=mark
                inner_html=shown(move || budget.with(|b| html::checklist(&b.lines, &done.get_untracked())))></ul>
            <p class="d-consumo-total">{shown(move || {
                let n = done.with(|d| d.iter().filter(|x| **x).count());
                format!("Realizadas y consumidas: {n} de {}.", budget.with(|b| b.lines.len()))
            })}</p>
        </section>
    }
}
