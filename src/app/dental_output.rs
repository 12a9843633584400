//! What the InSSSeP budget gives back: the review before sending, the printable budget (laid out
//! like the web client's ticket; `@media print` in style.css prints only it from this tab), the
//! CSV and text downloads, and the consumption checklist.

use super::download;
use crate::dental::budget::{self, Budget};
use crate::dental::consumption::{self, Reference};
use crate::dental::export::{self, NOMENCLADOR};
use leptos::prelude::*;

/// Today as the tickets write dates: dd/mm/aaaa.
fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}/{:02}/{}", d.get_date(), d.get_month() + 1, d.get_full_year())
}

/// Today for file names: aaaammdd.
fn stamp() -> String {
    let d = js_sys::Date::new_0();
    format!("{}{:02}{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// What stops the budget, its warnings, and the buttons to print and download it.
#[component]
pub fn Review(budget: Memo<Budget>, done: RwSignal<Vec<bool>>, reference: RwSignal<Option<Reference>>) -> impl IntoView {
    let review = Memo::new(move |_| budget.with(budget::review));
    let record = move || export::Consumption {
        reference: reference.get_untracked(),
        done: done.get_untracked(),
    };
    let name = move |ext: &str| {
        let credential: String = budget.with_untracked(|b| b.member.credential.chars().filter(char::is_ascii_digit).collect());
        format!("presupuesto-insssep-{credential}-{}.{ext}", stamp())
    };
    let csv = move |_| download::save(&name("csv"), "text/csv;charset=utf-8", &budget.with_untracked(|b| export::to_csv(b, &record())));
    let txt = move |_| download::save(&name("txt"), "text/plain;charset=utf-8", &budget.with_untracked(|b| export::to_txt(b, &today(), &record())));
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <section class="dental-review" aria-labelledby="d-revision-titulo">
            <h3 id="d-revision-titulo">"Antes de enviar al InSSSeP"</h3>
            <div id="d-revision" role="status">
                {move || {
                    let (missing, warned) = review.get();
                    view! {
                        {if missing.is_empty() {
                            view! { <p class="d-done">"Completo: puede cargarlo en el cliente web del InSSSeP."</p> }.into_any()
                        } else {
                            view! { <ul class="d-refused">{missing.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul> }.into_any()
                        }}
                        {(!warned.is_empty()).then(|| view! {
                            <ul class="d-warned">{warned.into_iter().map(|m| view! { <li>{format!("Atención: {m}")}</li> }).collect_view()}</ul>
                        })}
                    }
                }}
            </div>
            <div class="downloads">
                <button type="button" id="d-imprimir" on:click=print>"Imprimir / Guardar PDF"</button>
                <button type="button" id="d-csv" on:click=csv>"Descargar CSV"</button>
                <button type="button" id="d-txt" on:click=txt>"Descargar TXT"</button>
            </div>
        </section>
    }
}

/// The printable budget, laid out like the web client's ticket.
#[component]
pub fn Receipt(budget: Memo<Budget>) -> impl IntoView {
    let date = today();
    move || {
        let b = budget.get();
        let (p, m) = (b.provider, b.member);
        let diagnosis = b.diagnosis.map(|(k, d)| format!("{} {} {}", k.label(), d.code, d.description.unwrap_or("")));
        view! {
            <article class="dental-receipt" aria-label="Presupuesto para imprimir">
                <h3>"InSSSeP — Presupuesto odontológico"</h3>
                <p class="d-receipt-note">"Preparado con planos para cargar en el cliente web del InSSSeP; no es el comprobante del InSSSeP."</p>
                <dl>
                    <dt>"Fecha"</dt><dd>{date.clone()}</dd>
                    <dt>"Prestador"</dt><dd>{format!("{} - Colegio: {} - Código de Facturación: {}", p.name.trim(), p.college.trim(), p.billing_code.trim())}</dd>
                    <dt>"Credencial"</dt><dd>{m.credential}</dd>
                    <dt>"Afiliado"</dt><dd>{format!("{}   Edad: {}   Sexo: {}", m.name.trim(), m.age.trim(), m.sex.trim())}</dd>
                    <dt>"Titular"</dt><dd>{m.holder}</dd>
                    <dt>"Diagnóstico"</dt><dd>{diagnosis.unwrap_or_default()}</dd>
                </dl>
                <table class="d-receipt-lines">
                    <caption>"Prestaciones"</caption>
                    <thead><tr>
                        <th scope="col">"Nomenclador"</th><th scope="col">"Código"</th><th scope="col">"Descripción"</th>
                        <th scope="col">"Diente"</th><th scope="col">"Cara"</th><th scope="col">"Cant"</th>
                    </tr></thead>
                    <tbody>
                        {b.lines.into_iter().map(|l| view! {
                            <tr>
                                <td>{NOMENCLADOR}</td><td>{l.code.clone()}</td><td>{l.description.clone()}</td>
                                <td>{l.tooth.map(|t| t.to_string()).unwrap_or_default()}</td>
                                <td>{crate::dental::faces::letters(&l.faces)}</td><td>"1"</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <h4>"Resumen clínico"</h4>
                <p class="d-receipt-summary">{b.summary}</p>
                <div class="d-signatures">
                    <p>"Firma y Aclaración Afiliado"</p>
                    <p>"Firma y Aclaración Prestador"</p>
                </div>
            </article>
        }
    }
}

/// The consumption checklist: the authorised budget's "Boca – Serie – Número" and each practice
/// marked as it is done.
#[component]
pub fn Consumption(budget: Memo<Budget>, done: RwSignal<Vec<bool>>, reference: RwSignal<Option<Reference>>) -> impl IntoView {
    let boca = RwSignal::new(consumption::BOCA_ODONTOLOGOS.to_string());
    let serie = RwSignal::new(consumption::SERIE.to_string());
    let number = RwSignal::new(String::new());
    let checked = Memo::new(move |_| consumption::parse_parts(&boca.get(), &serie.get(), &number.get()));
    Effect::new(move |_| reference.set(checked.get().ok().map(|(r, _)| r)));
    let input = move |s: RwSignal<String>| move |e| s.set(event_target_value(&e));
    view! {
        <section class="dental-consumption" aria-labelledby="d-consumo-titulo">
            <h3 id="d-consumo-titulo">"Consumo del presupuesto autorizado"</h3>
            <p class="hint">
                "Cuando el InSSSeP autorice el presupuesto, anote la boca (88 para el Colegio de Odontólogos), la serie T y el número de transacción "
                "del comprobante; luego marque cada práctica a medida que la realiza y la consume en el cliente web."
            </p>
            <div class="d-row">
                <label>"Boca " <input id="d-boca" size="4" inputmode="numeric" prop:value=move || boca.get() on:input=input(boca) /></label>
                <label>"Serie " <input id="d-serie" size="2" prop:value=move || serie.get() on:input=input(serie) /></label>
                <label>"Número de transacción " <input id="d-numero" inputmode="numeric" on:input=input(number) /></label>
            </div>
            <div id="d-ref-estado" role="status">
                {move || match checked.get() {
                    Ok((r, warned)) => view! {
                        <p class="d-done">{format!("Nº Preautorización: {r}")}</p>
                        <ul class="d-warned">{warned.into_iter().map(|m| view! { <li>{format!("Atención: {m}")}</li> }).collect_view()}</ul>
                    }.into_any(),
                    Err(errors) if number.with(|n| n.trim().is_empty()) => view! { <p class="hint">{errors.join(" ")}</p> }.into_any(),
                    Err(errors) => view! { <ul class="d-refused">{errors.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul> }.into_any(),
                }}
            </div>
            <ul class="d-consumo">
                {move || budget.get().lines.into_iter().enumerate().map(|(i, l)| {
                    let on = move || done.with(|d| d.get(i).copied().unwrap_or(false));
                    view! {
                        <li><label>
                            <input type="checkbox" prop:checked=on
                                on:change=move |e| { let v = event_target_checked(&e); done.update(|d| if let Some(x) = d.get_mut(i) { *x = v; }); } />
                            {format!(" {} {}", l.code, l.ticket_text())}
                        </label></li>
                    }
                }).collect_view()}
            </ul>
            <p class="d-consumo-total">{move || {
                let total = budget.with(|b| b.lines.len());
                let n = done.with(|d| d.iter().filter(|x| **x).count());
                format!("Realizadas y consumidas: {n} de {total}.")
            }}</p>
        </section>
    }
}
