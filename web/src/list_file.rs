//! What both builders share: the list file (CSV, text or Excel), read by the worker, shown as a
//! few rows, and a choice of column for each field.

use super::pool::ask;
use super::pool::WorkerCtx;
use super::protocol::{Builder, ListTable, TablePreview, ToWorker};
use leptos::prelude::*;
use planos_core::report::plural;

/// The file types a list may come in.
const ACCEPT: &str = ".csv,.txt,.xlsx,.xls,.ods,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel";

/// What the worker said of `builder`'s list file, once it answered.
fn preview(builder: Builder) -> impl Fn() -> Option<TablePreview> + Copy {
    let tables = expect_context::<WorkerCtx>().held.tables;
    move || tables.with(|m| m.get(&builder).cloned())
}

/// What the worker read of `builder`'s list file, once it read one.
pub fn table(builder: Builder) -> impl Fn() -> Option<ListTable> + Copy {
    let shown = preview(builder);
    move || shown()?.read.ok()
}

/// The file input, then what was read: its name and rows, or why it could not be read, and its
/// first rows as a table.
#[component]
pub fn ListFile(builder: Builder, id: &'static str, label: &'static str) -> impl IntoView {
    let ctx = expect_context::<WorkerCtx>();
    let pick = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        if let Some(file) = input.files().and_then(|l| l.get(0)) {
            ctx.pool.with_value(|p| ask(p, &ToWorker::Table { builder, file }));
        }
        input.set_value("");
    };
    let shown = preview(builder);
    view! {
        <label class="wide">{label}
            <input id=id type="file" accept=ACCEPT on:change=pick />
        </label>
        {move || shown().map(|TablePreview { name, read, .. }| match read {
            Err(e) => view! { <p class="wide failed" role="alert">{format!("No se pudo leer la lista: {e}.")}</p> }.into_any(),
            Ok(p) => view! {
                <p class="wide loaded">{format!("Lista tomada de {name}: {}.", plural(p.rows, "fila", "filas"))}</p>
                <div class="wide list-preview">
                    <table>
                        <caption>"Primeras filas"</caption>
                        <thead><tr>{p.labels.iter().map(|l| view! { <th scope="col">{l.clone()}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {p.preview.iter().map(|r| view! {
                                <tr>{(0..p.labels.len()).map(|c| view! { <td>{r.get(c).cloned().unwrap_or_default()}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any(),
        })}
    }
}

/// A choice of one of the list's columns for a field; `optional` adds "(vacío)".
#[component]
pub fn ColumnChoice(
    id: String,
    label: String,
    labels: Vec<String>,
    chosen: RwSignal<Option<u32>>,
    optional: bool,
    #[prop(optional)] on_change: Option<Callback<()>>,
) -> impl IntoView {
    let choose = move |e: leptos::ev::Event| {
        chosen.set(event_target_value(&e).parse::<u32>().ok());
        if let Some(f) = on_change {
            f.run(());
        }
    };
    view! {
        <label class="column-choice">{label}" "
            <select id=id on:change=choose>
                {optional.then(|| view! { <option value="" selected=move || chosen.get().is_none()>"(vacío)"</option> })}
                {labels.into_iter().enumerate().map(|(i, l)| {
                    let i = i as u32;
                    view! { <option value=i.to_string() selected=move || chosen.get() == Some(i)>{l}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// What to do with rows that stop a build, the checkbox named by its label:
/// "1 fila tiene errores: corríjala en la lista o marque «…» para dejarla fuera del archivo."
pub fn fix_or_omit(n: u64, rows: (&str, &str), checkbox: &str) -> String {
    let (fix, leave) = if n == 1 {
        ("corríjala", "dejarla")
    } else {
        ("corríjalas", "dejarlas")
    };
    format!(
        "{}: {fix} en la lista o marque «{checkbox}» para {leave} fuera del archivo.",
        plural(n, rows.0, rows.1)
    )
}

/// "Se omitió 1 fila con errores" / "Se omitieron 3 filas con errores".
pub fn omitted(n: u64, rows: (&str, &str)) -> String {
    let verb = if n == 1 { "Se omitió" } else { "Se omitieron" };
    format!("{verb} {}", plural(n, rows.0, rows.1))
}

/// A list of messages, each an item of class `class`.
pub fn items(class: &'static str, lines: Vec<String>) -> impl IntoView {
    lines
        .into_iter()
        .map(|l| view! { <li class=class>{l}</li> })
        .collect_view()
}

/// What a builder says when it built nothing: the problems (the form's, the rows' with errors,
/// and `more`, each a list item of its class), and what to do — fix the rows, or leave them out
/// with the checkbox `checkbox` — unless no row is valid (`kept` = 0), when omitting would leave
/// an empty file: then `nothing` says the list has no valid `…`.
#[component]
pub fn NotBuilt(
    header: Vec<String>,
    refused: Vec<String>,
    more: (&'static str, Vec<String>),
    kept: u64,
    refused_count: u64,
    rows: (&'static str, &'static str),
    nothing: &'static str,
    checkbox: &'static str,
) -> impl IntoView {
    let form_ok = header.is_empty();
    view! {
        <p class="not-built">"No se construyó el archivo: revise lo que se indica abajo."</p>
        <ul class="build-problems">
            {items("header", header)}
            {items("refused", refused)}
            {items(more.0, more.1)}
        </ul>
        {(form_ok && kept == 0).then(|| view! {
            <p class="fix-or-omit">{format!("La lista no tiene {nothing}{}", if refused_count > 0 { ": corrija las filas que se indican arriba." } else { "." })}</p>
        })}
        {(refused_count > 0 && kept > 0).then(|| view! {
            <p class="fix-or-omit">{fix_or_omit(refused_count, rows, checkbox)}</p>
        })}
    }
}
