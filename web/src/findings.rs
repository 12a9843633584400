//! A file's findings as a table that scrolls through up to a million rows: only the rows in
//! view exist in the page; the worker, which holds the findings, sends them a window at a time.

use super::pool::ask;
use super::pool::WorkerCtx;
use super::protocol::{FindingsFilter, ToWorker};
use leptos::prelude::*;
use planos_ar::catalogue;
use planos_core::report::{Diagnostic, Severity};

/// Height of a row, in CSS pixels (fixed, so a row's position is its index times this). A
/// million rows make 32 million pixels, under Chromium's limit for an element's height.
const ROW: f64 = 32.0;
/// Rows in view at most (the scroller is 20 rows high), and asked for at a time around them.
const VIEW: u32 = 20;
const WINDOW: u32 = 200;

/// The findings of file `index`: `total` kept by the worker, with filters by code and severity.
#[component]
pub fn FindingsTable(index: usize, total: u64, found: u64, codes: Vec<String>) -> impl IntoView {
    let ctx = expect_context::<WorkerCtx>();
    let findings = ctx.held.findings;
    let file = index as u32;
    let (filter, set_filter) = signal(FindingsFilter::default());
    let (first, set_first) = signal(0u32);
    let (chosen, set_chosen) = signal(None::<Diagnostic>);
    let scroller = NodeRef::<leptos::html::Div>::new();
    let want = move |first: u32| ToWorker::Findings {
        file,
        filter: filter.get_untracked(),
        offset: first.saturating_sub(WINDOW / 4),
        count: WINDOW,
    };
    // A new filter: back to the top, and a first window.
    Effect::new(move |_| {
        let request = ToWorker::Findings {
            file,
            filter: filter.get(),
            offset: 0,
            count: WINDOW,
        };
        set_first.set(0);
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        ctx.pool.with_value(|p| ask(p, &request));
    });
    let on_scroll = move |_| {
        let Some(el) = scroller.get_untracked() else { return };
        let top = (f64::from(el.scroll_top()) / ROW).floor() as u32;
        set_first.set(top);
        let (covered, end) = findings.with_untracked(|m| {
            m.get(&file).map_or((false, 0), |p| {
                let covered = filter.with_untracked(|f| p.filter == *f)
                    && p.offset <= top
                    && top + VIEW <= p.offset + p.rows.len() as u32;
                (covered, p.total)
            })
        });
        if !covered && top < end {
            ctx.pool.with_value(|p| ask(p, &want(top)));
        }
    };
    let shown = move || findings.with(|m| m.get(&file).map_or(0, |p| p.total));
    // The first row drawn: a few above the first in view, and within the window held.
    let from = move || findings.with(|m| m.get(&file).map(|p| first.get().saturating_sub(5).max(p.offset)));
    let rows = move || {
        let Some(from) = from() else { return Vec::new() };
        findings.with(|m| {
            m.get(&file).map_or_else(Vec::new, |p| {
                let skip = (from - p.offset) as usize;
                p.rows
                    .iter()
                    .skip(skip)
                    .take((VIEW + 10) as usize)
                    .cloned()
                    .collect::<Vec<Diagnostic>>()
            })
        })
    };
    let top = move || from().map_or(0.0, |i| f64::from(i) * ROW);
    let height = move || f64::from(shown()) * ROW;
    // The scroller: 20 rows high, or as high as the rows when fewer.
    let view_height = move || height().min(f64::from(VIEW) * ROW) + 2.0;
    view! {
        {(found > total).then(|| view! {
            <p class="capped">{format!(
                "Se listan los primeros {total} hallazgos; los conteos por tipo de hallazgo incluyen los {found}."
            )}</p>
        })}
        <div class="filters">
            <label>"Tipo de hallazgo "
                <select on:change=move |e| {
                    let code = Some(event_target_value(&e)).filter(|c| !c.is_empty());
                    set_filter.update(|f| f.code = code);
                }>
                    <option value="">"Todos"</option>
                    {codes.into_iter().map(|c| {
                        let label = format!("{} ({c})", catalogue::title(&c));
                        view! { <option value=c>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>"Severidad "
                <select on:change=move |e| {
                    let severity = match event_target_value(&e).as_str() {
                        "error" => Some(Severity::Error),
                        "warning" => Some(Severity::Warning),
                        _ => None,
                    };
                    set_filter.update(|f| f.severity = severity);
                }>
                    <option value="">"Todas"</option>
                    <option value="error">"Errores"</option>
                    <option value="warning">"Advertencias"</option>
                </select>
            </label>
            <span class="shown">{move || format!("{} en la lista", shown())}</span>
        </div>
        <div class="findings-head" aria-hidden="true">
            <span>"Línea"</span><span>"Campo"</span><span>"Valor encontrado"</span><span>"Código"</span><span>"Hallazgo"</span>
        </div>
        <div class="findings-scroll" node_ref=scroller on:scroll=on_scroll tabindex="0"
            style:height=move || format!("{}px", view_height())
            aria-label="Hallazgos: desplácese para ver todos; pulse uno para leerlo completo">
            <div class="findings-space" style:height=move || format!("{}px", height())>
                <table class="diagnostics" style:top=move || format!("{}px", top())>
                    <tbody>
                        {move || rows().into_iter().map(|d| row(d, set_chosen)).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
        {move || chosen.get().map(detail)}
    }
}

/// The catalogue's title of a finding (its own, or looked up for a report without titles).
fn title_of(d: &Diagnostic) -> String {
    match d.title.as_ref() {
        "" => catalogue::title(&d.code).to_string(),
        title => title.to_string(),
    }
}

/// The whole of one finding, under the table, when the user picks its row: where, its title and
/// message, and what the catalogue says of its code (what it means, what to do, the annex).
fn detail(d: Diagnostic) -> impl IntoView {
    let title = title_of(&d);
    let entry = catalogue::get(&d.code);
    let place = match (d.line, d.field, d.field_name.as_deref()) {
        (0, _, _) => "Nombre del archivo".to_string(),
        (l, Some(n), Some(name)) if !name.is_empty() => format!("Línea {l}, campo {n} ({name})"),
        (l, Some(n), _) => format!("Línea {l}, campo {n}"),
        (l, None, _) => format!("Línea {l}"),
    };
    let value = d.value.map(|v| format!("Valor encontrado: «{v}»"));
    let member = d.member.map(|m| format!("En el archivo comprimido: {m}"));
    view! {
        <div class="finding-detail" role="status">
            <p><strong>{place}</strong>" · "<span class="code">{d.code.to_string()}</span></p>
            <p class="finding-title"><strong>{title}</strong></p>
            {value.map(|v| view! { <p class="value">{v}</p> })}
            {member.map(|m| view! { <p>{m}</p> })}
            <p>{d.message}</p>
            {entry.map(|c| view! { <p class="hint">{format!("{} Referencia: {}.", c.explanation, c.section)}</p> })}
        </div>
    }
}

fn row(d: Diagnostic, choose: WriteSignal<Option<Diagnostic>>) -> impl IntoView {
    let line = if d.line == 0 {
        "nombre".to_string()
    } else {
        d.line.to_string()
    };
    let field = match (d.field, d.field_name.as_deref()) {
        (Some(n), Some(name)) if !name.is_empty() => format!("{n} · {name}"),
        (Some(n), _) => n.to_string(),
        (None, _) => "—".to_string(),
    };
    let class = match d.severity {
        Severity::Error => "error",
        Severity::Warning | Severity::Note => "warning",
    };
    let whole = d.clone();
    let title = title_of(&d);
    let value = d.value.unwrap_or_default();
    let (field_title, value_title) = (field.clone(), value.clone());
    let message_title = format!("{title} — {}", d.message);
    view! {
        <tr class=class on:click=move |_| choose.set(Some(whole.clone()))>
            <td class="num">{line}</td>
            <td title=field_title>{field}</td>
            <td class="value" title=value_title>{value}</td>
            <td class="code">{d.code.to_string()}</td>
            <td class="message" title=message_title><strong>{title}</strong>" — "{d.message}</td>
        </tr>
    }
}
