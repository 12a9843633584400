//! "Construir una consulta de supervivencia": the entity's data, the dates and a pasted list or
//! a list file with its columns chosen; the worker builds the file with the same engine as
//! `planos build smcs`.

use super::download::ExactName;
use super::list_file::{items, omitted, table, ColumnChoice, ListFile, NotBuilt};
use super::pool::ask;
use super::pool::WorkerCtx;
use super::protocol::{Builder, Download, Signable, ToWorker};
use super::sign::SignPanel;
use leptos::prelude::*;
use planos_core::report::plural;

/// The checkboxes' labels, which the messages name.
const DROP_REFUSED: &str = "Omitir las filas que no se pueden corregir";
const DROP_REPEATED: &str = "Quitar los documentos repetidos";

#[component]
pub fn BuildQuery() -> impl IntoView {
    let ctx = expect_context::<WorkerCtx>();
    let field = || RwSignal::new(String::new());
    let (nit, entity, date, start, end, list) = (field(), field(), field(), field(), field(), field());
    let drop_refused = RwSignal::new(false);
    let drop_repeated = RwSignal::new(false);
    let text = move |s: RwSignal<String>| move |e| s.set(event_target_value(&e));
    let check = move |s: RwSignal<bool>| move |e| s.set(event_target_checked(&e));
    // A list too long to paste comes as a file (CSV, text or Excel), which the worker reads;
    // the user says which columns hold the type and the number (recognised by their titles).
    let table = table(Builder::Smcs);
    let (type_col, number_col) = (RwSignal::new(None::<u32>), RwSignal::new(None::<u32>));
    Effect::new(move |_| {
        if let Some(p) = table() {
            type_col.set(p.guess.first().copied().flatten());
            number_col.set(p.guess.get(1).copied().flatten());
        }
    });
    let go = move |_| {
        let columns = table().and_then(|_| Some((type_col.get_untracked()?, number_col.get_untracked()?)));
        let request = ToWorker::BuildSmcs {
            nit: nit.get_untracked(),
            entity: entity.get_untracked(),
            date: date.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
            list: list.get_untracked(),
            columns,
            drop_refused: drop_refused.get_untracked(),
            drop_repeated: drop_repeated.get_untracked(),
        };
        ctx.pool.with_value(|p| ask(p, &request));
    };
    let save = move |_| {
        let request = ToWorker::Download(Download::Built(Builder::Smcs));
        ctx.pool.with_value(|p| ask(p, &request))
    };
    let outcome = move || ctx.held.built.get();
    view! {
        <details class="builder">
            <summary>"Construir una consulta de supervivencia (Res. 1537/2015)"</summary>
            <div class="builder-form">
                <label>"NIT de la entidad (sin dígito de verificación) "
                    <input id="b-nit" inputmode="numeric" on:input=text(nit) /></label>
                <label>"Código de la entidad "
                    <input id="b-entidad" maxlength="6" placeholder="014-18" on:input=text(entity) /></label>
                <label>"Fecha de la consulta " <input id="b-fecha" type="date" on:input=text(date) /></label>
                <label>"Período: desde " <input id="b-desde" type="date" on:input=text(start) /></label>
                <label>"hasta " <input id="b-hasta" type="date" on:input=text(end) /></label>
                <label class="wide">"Personas: pegue la lista copiada de Excel, una por línea (tipo y número de documento)"
                    <textarea id="b-lista" rows="8" placeholder="CC\t12345678\nTI\t1002003004" on:input=text(list)></textarea>
                </label>
                <ListFile builder=Builder::Smcs id="b-archivo"
                    label="… o elija el archivo con la lista (Excel, CSV o texto): se usa en lugar de lo pegado " />
                {move || table().map(|p| view! {
                    <div class="wide columns">
                        <ColumnChoice id="b-col-tipo".to_string() label="Columna del tipo de documento".to_string()
                            labels=p.labels.clone() chosen=type_col optional=false />
                        <ColumnChoice id="b-col-numero".to_string() label="Columna del número de documento".to_string()
                            labels=p.labels chosen=number_col optional=false />
                    </div>
                })}
                <label><input id="b-omitir" type="checkbox" on:change=check(drop_refused) />
                    {format!(" {DROP_REFUSED}")}</label>
                <label><input id="b-duplicados" type="checkbox" on:change=check(drop_repeated) />
                    {format!(" {DROP_REPEATED}")}</label>
                <button type="button" id="b-construir" on:click=go>"Construir el archivo"</button>
            </div>
            {move || outcome().map(|o| {
                let more = o.refused_count.saturating_sub(o.refused.len() as u64);
                let mut refused: Vec<String> = o
                    .refused
                    .iter()
                    .map(|(row, text, why)| format!("Fila {row} («{text}»): {why}."))
                    .collect();
                if more > 0 {
                    refused.push(format!("… y {}.", plural(more, "fila más", "filas más")));
                }
                let repeated: Vec<String> = o
                    .repeated
                    .iter()
                    .map(|(row, doc, first)| format!("Fila {row}: {doc} ya está en la fila {first}."))
                    .collect();
                view! {
                    <section class="build-outcome" role="status">
                        {match o.name.clone() {
                            Some(name) => view! {
                                <p class="built">{format!("Listo: {} con {}.", name, plural(o.people, "persona", "personas"))}</p>
                                <button type="button" id="b-descargar" on:click=save>{format!("Descargar {name}")}</button>
                                <ExactName name=name.clone() />
                                <SignPanel what=Signable::Built(Builder::Smcs) name=name.clone() />
                                // Built: the rows left out under their heading; repeated ones kept are told apart.
                                {(o.refused_count > 0 || (o.dropped_repeated && o.repeated_count > 0)).then(|| {
                                    let mut left = Vec::new();
                                    if o.refused_count > 0 {
                                        left.push(omitted(o.refused_count, ("fila que no se podía corregir", "filas que no se podían corregir")));
                                    }
                                    if o.dropped_repeated && o.repeated_count > 0 {
                                        let said = omitted(o.repeated_count, ("fila con un documento repetido", "filas con documentos repetidos"));
                                        left.push(if left.is_empty() { said } else { said.to_lowercase() });
                                    }
                                    let (refused, repeated) = (refused.clone(), if o.dropped_repeated { repeated.clone() } else { Vec::new() });
                                    view! {
                                        <h4 class="omitted-title">"Filas omitidas"</h4>
                                        <p>{format!("{}.", left.join("; "))}</p>
                                        <ul class="build-omitted">{items("refused", refused)}{items("repeated", repeated)}</ul>
                                    }
                                })}
                                {(!o.dropped_repeated && o.repeated_count > 0).then(|| view! {
                                    <h4>"Documentos repetidos"</h4>
                                    <p>{format!(
                                        "{} en el archivo; para dejar cada documento una sola vez, marque «{DROP_REPEATED}».",
                                        if o.repeated_count == 1 { "Queda repetido" } else { "Quedan repetidos" }
                                    )}</p>
                                    <ul class="build-repeated">{items("repeated", repeated.clone())}</ul>
                                })}
                                <p class="build-time">{format!("Construido en {:.0} ms.", o.millis)}</p>
                            }.into_any(),
                            None => view! {
                                <NotBuilt header=o.header.clone() refused=refused more=("repeated", repeated)
                                    kept=o.people refused_count=o.refused_count
                                    rows=("fila no se puede corregir", "filas no se pueden corregir")
                                    nothing="ninguna persona válida" checkbox=DROP_REFUSED />
                            }.into_any(),
                        }}
                    </section>
                }
            })}
        </details>
    }
}
