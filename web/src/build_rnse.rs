//! "Construir el reporte de servicios negados": the entity's data, the period and a list file
//! with titles; the user says which column holds each detail field (remembered in this
//! browser's local storage by the columns' titles, never sent anywhere); the worker builds the
//! file with the same engine as `planos build rnse`.

use super::download::ExactName;
use super::list_file::{items, omitted, table, ColumnChoice, ListFile, NotBuilt};
use super::pool::ask;
use super::pool::WorkerCtx;
use super::protocol::{Builder, Download, Regimen, Signable, ToWorker};
use super::sign::SignPanel;
use leptos::prelude::*;
use planos_co::build::rnse::{field_name, required, FIELDS, FIRST_MAPPED};
use planos_core::report::plural;
use std::collections::BTreeMap;

/// The local-storage key of the remembered mapping: field number → folded column title.
const MAPPING_KEY: &str = "planos.rnse.columnas";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn remembered() -> BTreeMap<usize, String> {
    storage()
        .and_then(|s| s.get_item(MAPPING_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// The checkbox's label, which the messages name.
const DROP_REFUSED: &str = "Omitir las filas con errores (las demás se renumeran)";

#[component]
pub fn BuildRnse() -> impl IntoView {
    let ctx = expect_context::<WorkerCtx>();
    let field = || RwSignal::new(String::new());
    let (nit, eps, start, end) = (field(), field(), field(), field());
    let regimen = RwSignal::new(Regimen::Rc);
    let drop_refused = RwSignal::new(false);
    let text = move |s: RwSignal<String>| move |e| s.set(event_target_value(&e));
    let table = table(Builder::Rnse);
    let mapping: Vec<RwSignal<Option<u32>>> = (0..FIELDS).map(|_| RwSignal::new(None)).collect();
    let mapping = StoredValue::new(mapping);
    // A new list: each field takes the column remembered for it when a column has that title,
    // else the one recognised by its title.
    Effect::new(move |_| {
        let Some(p) = table() else { return };
        let memory = remembered();
        mapping.with_value(|m| {
            for (no, chosen) in m.iter().enumerate() {
                let kept = memory
                    .get(&no)
                    .and_then(|title| p.titles.iter().position(|t| t == title))
                    .map(|c| c as u32);
                chosen.set(kept.or(p.guess.get(no).copied().flatten()));
            }
        });
    });
    let remember = Callback::new(move |()| {
        let Some(p) = table() else { return };
        let titles: BTreeMap<usize, String> = mapping.with_value(|m| {
            m.iter()
                .enumerate()
                .filter_map(|(no, c)| Some((no, p.titles.get(c.get_untracked()? as usize)?.clone())))
                .collect()
        });
        if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(&titles)) {
            let _ = s.set_item(MAPPING_KEY, &json);
        }
    });
    let go = move |_| {
        let request = ToWorker::BuildRnse {
            nit: nit.get_untracked(),
            eps: eps.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
            regimen: regimen.get_untracked(),
            mapping: mapping.with_value(|m| m.iter().map(|c| c.get_untracked()).collect()),
            drop_refused: drop_refused.get_untracked(),
        };
        ctx.pool.with_value(|p| ask(p, &request));
    };
    let save = move |_| {
        let request = ToWorker::Download(Download::Built(Builder::Rnse));
        ctx.pool.with_value(|p| ask(p, &request))
    };
    let outcome = move || ctx.held.built_rnse.get();
    view! {
        <details class="builder rnse-builder">
            <summary>"Construir el reporte de servicios negados (Res. 3539/2019)"</summary>
            <div class="builder-form">
                <label>"NIT de la entidad (sin dígito de verificación) "
                    <input id="r-nit" inputmode="numeric" on:input=text(nit) /></label>
                <label>"Código de la EPS " <input id="r-eps" maxlength="6" placeholder="EPS001" on:input=text(eps) /></label>
                <label>"Período: desde " <input id="r-desde" type="date" on:input=text(start) /></label>
                <label>"hasta (fecha de corte, último día del mes) " <input id="r-hasta" type="date" on:input=text(end) /></label>
                <label>"Régimen de la entidad "
                    <select id="r-regimen" on:change=move |e| regimen.set(Regimen::from_code(&event_target_value(&e)))>
                        <option value=Regimen::Rc.code()>"RC: contributivo"</option>
                        <option value=Regimen::Rs.code()>"RS: subsidiado"</option>
                    </select>
                </label>
                <ListFile builder=Builder::Rnse id="r-archivo"
                    label="Lista de servicios negados (Excel o CSV): una fila de títulos y un servicio negado por fila " />
                {move || table().map(|p| view! {
                    <fieldset class="wide mapping">
                        <legend>"¿En qué columna está cada campo? planos reconoce los títulos y recuerda en este navegador lo que usted elija."</legend>
                        {(FIRST_MAPPED..FIELDS).map(|no| {
                            let label = format!("{no}. {}{}", field_name(no), if required(no) { " (obligatorio)" } else { "" });
                            view! {
                                <ColumnChoice id=format!("r-campo-{no}") label=label labels=p.labels.clone()
                                    chosen=mapping.with_value(|m| m[no]) optional=true on_change=remember />
                            }
                        }).collect_view()}
                    </fieldset>
                })}
                <label class="wide"><input id="r-omitir" type="checkbox" on:change=move |e| drop_refused.set(event_target_checked(&e)) />
                    {format!(" {DROP_REFUSED}")}</label>
                <button type="button" id="r-construir" on:click=go>"Construir el reporte"</button>
            </div>
            {move || outcome().map(|o| {
                let refused: Vec<String> = o.refused.iter().map(|(row, why)| format!("Fila {row}: {why}")).collect();
                let warned: Vec<String> = o.warnings.iter().map(|(row, why)| format!("Fila {row} (advertencia): {why}")).collect();
                let rows = ("fila con errores", "filas con errores");
                view! {
                <section class="build-outcome rnse-outcome" role="status">
                    {o.cautions.iter().map(|c| view! { <p class="caution" role="alert">{c.clone()}</p> }).collect_view()}
                    {(!o.changes.is_empty()).then(|| view! {
                        <ul class="changes">
                            {o.changes.iter().map(|(what, n)| view! {
                                <li>{format!("Corregido sin cambiar el sentido: {what} ({}).", plural(*n, "valor", "valores"))}</li>
                            }).collect_view()}
                        </ul>
                    })}
                    {match o.name.clone() {
                        Some(name) => view! {
                            <p class="built">{format!("Listo: {} con {}.", name, plural(o.records, "servicio negado", "servicios negados"))}</p>
                            <button type="button" id="r-descargar" on:click=save>{format!("Descargar {name}")}</button>
                            <ExactName name=name.clone() />
                            <SignPanel what=Signable::Built(Builder::Rnse) name=name.clone() />
                            {(o.refused_count > 0).then(|| view! {
                                <h4 class="omitted-title">"Filas omitidas"</h4>
                                <p>{format!("{}; las demás se renumeraron.", omitted(o.refused_count, rows))}</p>
                                <ul class="build-omitted">{items("refused", refused.clone())}</ul>
                            })}
                            {(!warned.is_empty()).then(|| view! {
                                <ul class="build-problems">{items("warned", warned.clone())}</ul>
                            })}
                            <p class="build-time">{format!("Construido en {:.0} ms.", o.millis)}</p>
                        }.into_any(),
                        None => view! {
                            <NotBuilt header=o.header.clone() refused=refused more=("warned", warned)
                                kept=o.records refused_count=o.refused_count
                                rows=("fila tiene errores", "filas tienen errores")
                                nothing="ningún servicio negado válido" checkbox=DROP_REFUSED />
                        }.into_any(),
                    }}
                </section>
                }
            })}
        </details>
    }
}
