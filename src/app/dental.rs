//! The InSSSeP (Chaco, Argentina) tab: the dental budget on an odontogram, checked as the web
//! client would check it, printed like its ticket, and the consumption checklist. Everything
//! stays in this tab's memory; only the nomenclador (a setting, nothing personal) is kept in the
//! browser. "Borrar todo" makes the component anew (see `ui.rs`).

use super::dental_output::{Consumption, Receipt, Review};
use super::dental_parts::{DiagnosisPicker, FacePicker, NomencladorPanel, Odontogram};
use crate::dental::budget::{self, Budget, Line, Member, Provider};
use crate::dental::diagnosis;
use crate::dental::faces::{self, Face};
use crate::dental::nomenclador::{self, Practice};
use leptos::prelude::*;

/// Where the imported nomenclador is kept (as CSV); "Borrar todo" clears it with the rest.
const STORAGE_KEY: &str = "planos.insssep.nomenclador";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The nomenclador kept in the browser, else the one planos ships.
fn stored_table() -> Vec<Practice> {
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

/// What a message area shows: refusals (the practice was not added) or a confirmation with
/// warnings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Said {
    pub refused: Vec<String>,
    pub done: Option<String>,
    pub warned: Vec<String>,
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
    let said = RwSignal::new(Said::default());
    let reference = RwSignal::new(None::<crate::dental::consumption::Reference>);

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
    let member_age = Signal::derive(move || budget::age(&age.get()).ok().flatten());

    // "Cargar Práctica": refused as the web client refuses, else added with its warnings.
    let load = move |_| {
        let Some(practice) = table.with(|t| nomenclador::find(t, &practice_code.get()).cloned()) else {
            said.set(Said {
                refused: vec!["Elija primero la práctica (código del nomenclador).".to_string()],
                ..Said::default()
            });
            return;
        };
        let result = lines.with(|l| budget::add(l, &practice, &teeth.get(), &face_set.get()));
        match result {
            Err(refused) => said.set(Said {
                refused,
                ..Said::default()
            }),
            Ok(added) => {
                let warned = added.iter().flat_map(|l| budget::warnings(l, member_age.get())).collect();
                let shown: Vec<String> = added.iter().map(|l| format!("{} {}", l.code, l.ticket_text())).collect();
                said.set(Said {
                    refused: Vec::new(),
                    done: Some(format!("Se cargó: {}.", shown.join("; "))),
                    warned,
                });
                done.update(|d| d.extend(added.iter().map(|_| false)));
                lines.update(|l| l.extend(added));
                teeth.set(Vec::new());
                face_set.set(Vec::new());
            }
        }
    };
    let remove = move |i: usize| {
        lines.update(|l| {
            if i < l.len() {
                l.remove(i);
            }
        });
        done.update(|d| {
            if i < d.len() {
                d.remove(i);
            }
        });
    };
    let input = move |s: RwSignal<String>| move |e| s.set(event_target_value(&e));
    let chosen = move || table.with(|t| nomenclador::find(t, &practice_code.get()).cloned());

    view! {
        <div class="dental">
            <p class="hint">
                "Prepare y revise aquí el presupuesto odontológico del InSSSeP (Chaco) antes de cargarlo en el cliente web: "
                "planos avisa lo que el cliente web rechazaría. Los datos del afiliado no salen de esta página ni se guardan: "
                "«Borrar todo» los descarta."
            </p>
            <fieldset class="dental-people">
                <legend>"Prestador"</legend>
                <label>"Prestador (nombre) " <input id="d-prestador" on:input=input(prov_name) /></label>
                <label>"Colegio " <input id="d-colegio" placeholder="COLEGIO DE ODONTOLOGOS" on:input=input(prov_college) /></label>
                <label>"Código de facturación " <input id="d-facturacion" inputmode="numeric" on:input=input(prov_code) /></label>
            </fieldset>
            <fieldset class="dental-people">
                <legend>"Afiliado"</legend>
                <label>"Credencial (número) " <input id="d-credencial" inputmode="numeric" on:input=input(credential) /></label>
                <label>"Afiliado (apellido y nombre) " <input id="d-afiliado" on:input=input(member_name) /></label>
                <label>"Titular " <input id="d-titular" on:input=input(holder) /></label>
                <label>"Edad (años) " <input id="d-edad" inputmode="numeric" size="4" on:input=input(age) /></label>
                <label>"Sexo "
                    <select id="d-sexo" on:change=input(sex)>
                        <option value="">"—"</option>
                        <option value="F">"F"</option>
                        <option value="M">"M"</option>
                    </select>
                </label>
                {move || budget::age(&age.get()).err().map(|why| view! { <p class="d-field-error" role="alert">{why}</p> })}
            </fieldset>
            <DiagnosisPicker chosen=diagnosis />
            <section class="dental-load" aria-labelledby="d-carga-titulo">
                <h3 id="d-carga-titulo">"2. Carga práctica odontológica"</h3>
                <label>"Práctica (código y descripción) "
                    <select id="d-practica" on:change=move |e| practice_code.set(event_target_value(&e))>
                        <option value="">"— elija la práctica —"</option>
                        {move || table.get().into_iter().map(|p| {
                            let label = format!("{} — {}", p.code, p.description);
                            view! { <option value=p.code.clone() selected=move || practice_code.get() == p.code>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <p class="d-needs">{move || chosen().map(|p| requirement(&p))}</p>
                <FacePicker chosen=face_set />
                <Odontogram chosen=teeth lines=lines />
                <p class="d-selection">{move || selection(&teeth.get(), &face_set.get())}</p>
                <button type="button" id="d-cargar" on:click=load>"Cargar práctica"</button>
                <Message said=said />
            </section>
            <section class="dental-list" aria-labelledby="d-lista-titulo">
                <h3 id="d-lista-titulo">"Prácticas del presupuesto"</h3>
                {move || if lines.with(Vec::is_empty) {
                    view! { <p class="hint">"Todavía no cargó ninguna práctica."</p> }.into_any()
                } else {
                    view! {
                        <table id="d-lista" class="counts">
                            <thead><tr>
                                <th scope="col">"Código"</th><th scope="col">"Descripción"</th>
                                <th scope="col">"Diente"</th><th scope="col">"Caras"</th>
                                <th scope="col">"Avisos"</th><th scope="col"><span class="sr-only">"Quitar"</span></th>
                            </tr></thead>
                            <tbody>
                                {lines.get().into_iter().enumerate().map(|(i, l)| {
                                    let warned = budget::warnings(&l, member_age.get()).join(" ");
                                    let flagged = !warned.is_empty();
                                    view! {
                                        <tr class:warned=flagged>
                                            <td>{l.code.clone()}</td>
                                            <td>{l.description.clone()}</td>
                                            <td>{l.tooth.map(|t| t.to_string()).unwrap_or_default()}</td>
                                            <td>{faces::letters(&l.faces)}</td>
                                            <td class="d-warn">{warned}</td>
                                            <td><button type="button" class="d-quitar"
                                                aria-label=format!("Quitar {} {}", l.code, l.ticket_text())
                                                on:click=move |_| remove(i)>"Quitar"</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
            <label class="dental-summary">"Resumen clínico (texto libre para la auditoría)"
                <textarea id="d-resumen" rows="4" on:input=input(summary)></textarea>
            </label>
            <Review budget=budget done=done reference=reference />
            <Receipt budget=budget />
            <Consumption budget=budget done=done reference=reference />
            <NomencladorPanel table=table />
        </div>
    }
}

/// What the chosen practice requires, as the document's screen marks it ("*opcional").
fn requirement(p: &Practice) -> String {
    match (p.needs_tooth, p.needs_face) {
        (true, true) => "Esta práctica requiere diente y cara.".to_string(),
        (true, false) => "Esta práctica requiere diente; la cara es opcional.".to_string(),
        (false, true) => "Esta práctica requiere cara; el diente es opcional.".to_string(),
        (false, false) => "Esta práctica no requiere diente ni cara.".to_string(),
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

/// The refusal or confirmation after "Cargar práctica".
#[component]
fn Message(said: RwSignal<Said>) -> impl IntoView {
    view! {
        <div id="d-mensaje" role="status" aria-live="polite">
            {move || {
                let s = said.get();
                view! {
                    {(!s.refused.is_empty()).then(|| view! {
                        <ul class="d-refused" role="alert">{s.refused.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    })}
                    {s.done.map(|m| view! { <p class="d-done">{m}</p> })}
                    {(!s.warned.is_empty()).then(|| view! {
                        <ul class="d-warned">{s.warned.into_iter().map(|m| view! { <li>{format!("Atención: {m}")}</li> }).collect_view()}</ul>
                    })}
                }
            }}
        </div>
    }
}
