//! The pickers of the InSSSeP budget: the CIE-10 diagnosis, the faces, the odontogram (the
//! document's grid of teeth), and the nomenclador with its CSV import.

use super::dental_common::{clicked, keep_table, shown};
use super::keys::{focus, step, stop};
use leptos::prelude::*;
use planos_ar::dental::budget::Line;
use planos_ar::dental::diagnosis::{self, Code, Kind};
use planos_ar::dental::faces::{self, Face};
use planos_ar::dental::html;
use planos_ar::dental::nomenclador::{self, Practice};
use planos_ar::dental::teeth::GRID;
use planos_core::report::plural;

/// "1 Diagnóstico": type and code, searched by code or by words of the description.
#[component]
pub fn DiagnosisPicker(chosen: RwSignal<Option<(Kind, Code)>>) -> impl IntoView {
    let kind = RwSignal::new(Kind::Definitivo);
    let query = RwSignal::new(String::new());
    let found = move || {
        let q = query.get();
        if q.trim().is_empty() {
            return String::new();
        }
        let codes = diagnosis::search(&q, 12);
        if codes.is_empty() {
            html::para(
                "hint",
                "Sin resultados: escriba el código (como K029) o palabras de la descripción (como «caries»).",
            )
        } else {
            html::found(&codes)
        }
    };
    // A found code's button (data-code), by delegation.
    let pick = move |e: leptos::ev::MouseEvent| {
        if let Some(code) = clicked(&e, "data-code").and_then(|c| diagnosis::parse(&c).ok()) {
            chosen.set(Some((kind.get_untracked(), code)));
            query.set(String::new());
            // The chosen result goes with the search; the keyboard goes back to the search,
            // where the choice is now shown, instead of being lost on the page.
            focus("d-diag-buscar");
        }
    };
    let set_kind = move |e| {
        let k = if event_target_value(&e) == "Presuntivo" {
            Kind::Presuntivo
        } else {
            Kind::Definitivo
        };
        kind.set(k);
        chosen.update(|c| {
            if let Some((old, _)) = c {
                *old = k;
            }
        });
    };
    view! {
        <section class="dental-diagnosis" aria-labelledby="d-diag-titulo">
            <h3 id="d-diag-titulo">"1. Diagnóstico CIE-10 (el principal de la atención)"</h3>
            <label>"Tipo "
                <select id="d-diag-tipo" on:change=set_kind>
                    <option value="Definitivo">"Definitivo"</option>
                    <option value="Presuntivo">"Presuntivo"</option>
                </select>
            </label>
            <label>"Buscar por código o descripción "
                <input id="d-diag-buscar" type="search" placeholder="K029 o caries"
                    prop:value=move || query.get()
                    on:input=move |e| query.set(event_target_value(&e)) />
            </label>
            <div on:click=pick inner_html=shown(found)></div>
            <div inner_html=shown(move || chosen.with(|c| html::diagnosis(c.as_ref())))></div>
        </section>
    }
}

/// "Seleccione una o mas caras": one toggle per face, in the document's order.
/// One tab stop: the arrows move between the faces, Enter or Space chooses one.
#[component]
pub fn FacePicker(chosen: RwSignal<Vec<Face>>) -> impl IntoView {
    let active = RwSignal::new(0usize);
    let key = move |e: leptos::ev::KeyboardEvent| {
        let key = match e.key().as_str() {
            "ArrowUp" => "ArrowLeft".to_string(),
            "ArrowDown" => "ArrowRight".to_string(),
            k => k.to_string(),
        };
        if let Some(to) = step(&key, active.get_untracked(), faces::ALL.len(), false) {
            e.prevent_default();
            active.set(to);
            focus(&format!("d-cara-{}", faces::ALL[to].letter()));
        }
    };
    view! {
        <fieldset class="d-faces" on:keydown=key>
            <legend>"Caras (una o más)"</legend>
            {faces::ALL.into_iter().enumerate().map(|(i, f)| view! {
                <button type="button" class="d-face" id=format!("d-cara-{}", f.letter())
                    tabindex=move || stop(active.get() == i)
                    aria-pressed=move || chosen.with(|c| c.contains(&f)).to_string()
                    on:click=move |_| {
                        active.set(i);
                        chosen.update(|c| toggle(c, f));
                    }>
                    {format!("{} ({})", f.name(), f.letter())}
                </button>
            }).collect_view()}
        </fieldset>
    }
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
    match list.iter().position(|x| *x == item) {
        Some(i) => {
            list.remove(i);
        }
        None => list.push(item),
    }
}

/// "Seleccione uno o mas dientes": the document's grid (permanent teeth, then deciduous), the
/// patient's right on the left; a tooth with practices already loaded is marked.
#[component]
pub fn Odontogram(chosen: RwSignal<Vec<u8>>, lines: RwSignal<Vec<Line>>) -> impl IntoView {
    const ROWS: [&str; 4] = [
        "Superiores permanentes",
        "Inferiores permanentes",
        "Superiores temporarios",
        "Inferiores temporarios",
    ];
    // One tab stop for the grid (the tooth last focused); the arrows move as the grid is drawn.
    let active = RwSignal::new(GRID[0][0][0]);
    let key = move |e: leptos::ev::KeyboardEvent| {
        if let Some(n) = moved(active.get_untracked(), &e.key()) {
            e.prevent_default();
            active.set(n);
            focus(&format!("d-diente-{n}"));
        }
    };
    let teeth = move |half: &'static [u8]| {
        half.iter()
            .map(|&n| {
                view! {
                    <button type="button" class="d-tooth" id=format!("d-diente-{n}")
                        tabindex=move || stop(active.get() == n)
                        class:d-loaded=move || lines.with(|l| l.iter().any(|x| x.tooth == Some(n)))
                        aria-pressed=move || chosen.with(|c| c.contains(&n)).to_string()
                        aria-label=format!("Diente {n}")
                        on:click=move |_| {
                            active.set(n);
                            chosen.update(|c| toggle(c, n));
                        }>{n}</button>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="d-odontogram" on:keydown=key aria-describedby="d-dientes-teclas">
            <legend>"Dientes (uno o más; numeración FDI)"</legend>
            <p class="hint d-keys" id="d-dientes-teclas">"Con el teclado: Tab entra en los dientes, las flechas se mueven entre ellos y Enter o Espacio elige el diente."</p>
            // On a phone the grid scrolls sideways inside its box; the page keeps its width.
            <div class="d-scroll"><div class="d-grid">
                {GRID.into_iter().zip(ROWS).map(|([right, left], label)| view! {
                    <div class="d-teeth-row" role="group" aria-label=label>
                        <div class="d-half">{teeth(right)}</div>
                        <div class="d-half">{teeth(left)}</div>
                    </div>
                }).collect_view()}
            </div></div>
        </fieldset>
    }
}

/// The tooth an arrow key (or Home, End) moves to from tooth `from` on the grid: along its row
/// (across the midline), or to the row above or below at the same distance from the midline
/// (the nearest tooth where that row is shorter).
fn moved(from: u8, key: &str) -> Option<u8> {
    let row = |r: usize| -> Vec<u8> { GRID[r][0].iter().chain(GRID[r][1]).copied().collect() };
    let (r, at) = (0..GRID.len()).find_map(|r| Some((r, row(r).iter().position(|&n| n == from)?)))?;
    let to = match key {
        "ArrowUp" => r.checked_sub(1)?,
        "ArrowDown" if r + 1 < GRID.len() => r + 1,
        _ => return step(key, at, row(r).len(), false).map(|i| row(r)[i]),
    };
    // Distance from the midline: the right side's teeth -len..-1, the left side's 0..len-1.
    let offset = at as isize - GRID[r][0].len() as isize;
    let (right, left) = (GRID[to][0].len() as isize, GRID[to][1].len() as isize);
    let i = offset.clamp(-right, left - 1) + right;
    row(to).get(i as usize).copied()
}

/// The nomenclador in use, and its import from a CSV file (kept in the browser).
#[component]
pub fn NomencladorPanel(table: RwSignal<Vec<Practice>>) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let import = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            let outcome = match gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(file)).await {
                Ok(bytes) => match nomenclador::parse_csv(&bytes) {
                    Ok(t) => {
                        let said = format!(
                            "Nomenclador tomado de {name}: {}.",
                            plural(t.len() as u64, "práctica", "prácticas")
                        );
                        keep_table(&t);
                        table.set(t);
                        html::para("d-done", &said)
                    }
                    Err(problems) => {
                        let all: Vec<String> =
                            std::iter::once(format!("No se importó {name}; el nomenclador en uso no cambió:"))
                                .chain(problems)
                                .collect();
                        html::list("d-refused", "", &all)
                    }
                },
                Err(e) => html::list("d-refused", "", &[format!("No se pudo leer {name}: {e}")]),
            };
            status.set(outcome);
        });
    };
    let restore = move |_| {
        let t = nomenclador::shipped();
        keep_table(&t);
        table.set(t);
        status.set(html::para(
            "d-done",
            "Se volvió al nomenclador que trae planos (los códigos del documento).",
        ));
    };
    view! {
        <details class="d-nomenclador">
            <summary>{shown(move || format!("Nomenclador de prácticas ({})", plural(table.with(Vec::len) as u64, "práctica", "prácticas")))}</summary>
            <p class="hint">
                "planos trae los códigos que muestra el documento del InSSSeP. Puede importar su nomenclador completo como CSV "
                "(por ejemplo, guardado desde Excel): una práctica por línea con código, descripción, requiere diente (sí/no) y requiere cara (sí/no). "
                "El nomenclador importado queda guardado en este navegador (no contiene datos de afiliados); «Borrar todo» lo borra."
            </p>
            <label>"Importar nomenclador (CSV) "
                <input id="d-nomenclador-archivo" type="file" accept=".csv,.txt,text/csv,text/plain" on:change=import />
            </label>
            <button type="button" id="d-nomenclador-original" on:click=restore>"Volver al nomenclador del documento"</button>
            <div id="d-nomenclador-estado" role="status" inner_html=shown(move || status.get())></div>
            <div inner_html=shown(move || table.with(|t| html::nomenclador(t)))></div>
        </details>
    }
}
