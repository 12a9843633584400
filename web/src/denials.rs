//! The manager's view of a denied-services report (Res. 3539/2019): what was denied, of which
//! type, for which cause, where and when; and, for several files, their months side by side.

use leptos::prelude::*;
use planos_co::formats::rnse::summary::{DenialSummary, Tally};
use planos_core::report::plural;
use planos_core::text::thousands;

/// What the page says about the annex version it checks.
const VERSION_NOTE: &str = "planos revisa el anexo técnico de la Res. 3539/2019 (vigente desde el 1 de enero de 2020). \
La Res. 1632 de 2025 reemplazó esa resolución: confirme en PISIS qué anexo le exige el Ministerio para el periodo que reporta.";

/// A two-column table of a breakdown, leaving out empty lines.
fn breakdown(caption: String, class: &'static str, rows: Vec<Tally>) -> impl IntoView {
    let rows: Vec<Tally> = rows.into_iter().filter(|t| t.count > 0).collect();
    (!rows.is_empty()).then(|| {
        view! {
            <table class=format!("counts {class}")>
                <caption>{caption}</caption>
                <tbody>
                    {rows.into_iter().map(|t| {
                        let name = match t.label.as_str() {
                            "" => t.code,
                            label => format!("{} — {label}", t.code),
                        };
                        view! { <tr><td>{name}</td><td class="num">{thousands(t.count)}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        }
    })
}

/// The summary of one RNSE file.
#[component]
pub fn DenialsView(summary: DenialSummary) -> impl IntoView {
    let places = match summary.municipalities {
        n if n > 10 => format!("Los 10 municipios con más negaciones (de {})", thousands(n)),
        _ => "Municipios con negaciones".to_string(),
    };
    let diagnoses = match summary.diagnoses {
        n if n > 10 => format!("Los 10 diagnósticos principales más frecuentes (de {})", thousands(n)),
        _ => "Diagnósticos principales".to_string(),
    };
    let eps = summary.eps.clone();
    view! {
        <section class="summary denials" aria-label="Resumen de servicios negados">
            <h3>{plural(summary.denied, "servicio negado", "servicios negados")}</h3>
            {summary.period_in_prose().map(|p| view! { <p class="period">"Periodo reportado: " {p}</p> })}
            {eps.map(|e| view! { <p class="eps">{format!("EPS: {} — {}", e.code, e.label)}</p> })}
            <p class="version-note">{VERSION_NOTE}</p>
            <div class="breakdowns">
                {breakdown("Por mes del periodo".to_string(), "by-month", summary.by_month)}
                {breakdown("Por tipo de servicio".to_string(), "by-service", summary.by_service)}
                {breakdown("Por causa de negación".to_string(), "by-cause", summary.by_cause)}
                {breakdown(places, "by-place", summary.top_municipalities)}
                {breakdown(diagnoses, "by-diagnosis", summary.top_diagnoses)}
            </div>
            {(!summary.tables.is_empty()).then(|| view! {
                <p class="tables-used">"Tablas de referencia usadas: " {summary.tables.join("; ")} "."</p>
            })}
        </section>
    }
}

/// Several RNSE files checked together (`files`: each file's months): one line per month, in order.
#[component]
pub fn MonthsAcrossFiles(files: Vec<Tally>) -> impl IntoView {
    let mut months: Vec<(String, String, u64, usize)> = Vec::new();
    for t in files {
        match months.iter_mut().find(|m| m.0 == t.code) {
            Some(m) => {
                m.2 += t.count;
                m.3 += 1;
            }
            None => months.push((t.code, t.label, t.count, 1)),
        }
    }
    months.sort();
    (months.len() > 1).then(|| {
        view! {
            <section class="summary months" aria-label="Servicios negados por mes">
                <h3>"Servicios negados por mes (todos los archivos)"</h3>
                <table class="counts by-month-all">
                    <thead><tr><th scope="col">"Mes"</th><th scope="col">"Servicios negados"</th><th scope="col">"Archivos"</th></tr></thead>
                    <tbody>
                        {months.into_iter().map(|(_, label, count, n)| view! {
                            <tr><td>{label}</td><td class="num">{thousands(count)}</td><td class="num">{n}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        }
    })
}
