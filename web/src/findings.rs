//! A file's findings as a table that scrolls through up to a million rows: only the rows in
//! view exist in the page; the worker, which holds the findings, sends them a window at a time.
//!
//! Every row is as tall as the others (so a row's place is its index times the height), and
//! tall enough for its text to wrap whole: the line, the field, the value found, the code and
//! the catalogue's title; the finding's message, which can be long, is read whole in the
//! detail under the table (a click, or Enter on the row). On a phone each row is a card, taller.
//! A million tall rows would pass the height a browser gives an element, so past
//! [`MAX_SPACE`] pixels the scroll position is scaled to the rows (see [`Metrics`]).
//!
//! For assistive technology it is a table (`role="table"`, its header row's `columnheader`s,
//! each row with its `aria-rowindex` of `aria-rowcount`); the scroll region is the table,
//! focusable, and the arrow keys move from row to row (each row takes the focus).

use super::pool::ask;
use super::pool::WorkerCtx;
use super::protocol::{FindingsFilter, ToWorker};
use leptos::prelude::*;
use planos_ar::catalogue;
use planos_core::report::{Diagnostic, Severity};
use planos_core::text::thousands;
use wasm_bindgen::JsCast;

/// Height of a row on a wide screen, on a narrower one (where a long value takes four lines)
/// and of a card on a phone, in CSS pixels (www/style.css sizes their text to fit).
const ROW_WIDE: f64 = 72.0;
const ROW_MEDIUM: f64 = 92.0;
const ROW_NARROW: f64 = 188.0;
/// The widest window that shows cards (CSS pixels; the style sheet's media query says the
/// same: phones, and tablets upright, where five columns would be too narrow), and the widest
/// with rows of [`ROW_MEDIUM`].
const NARROW: f64 = 800.0;
const MEDIUM: f64 = 1200.0;

/// The height of a row in a window `width` pixels wide.
fn row_for(width: f64) -> f64 {
    if width <= NARROW {
        ROW_NARROW
    } else if width <= MEDIUM {
        ROW_MEDIUM
    } else {
        ROW_WIDE
    }
}

/// The window's width, in CSS pixels.
fn window_width() -> f64 {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(MEDIUM + 1.0)
}
/// Rows the scroller shows at most, and asked for at a time around them.
const VIEW: u32 = 12;
const WINDOW: u32 = 200;
/// The tallest the scrolled space is made, in pixels (Chromium's limit is about 33 million).
const MAX_SPACE: f64 = 30_000_000.0;

/// Where the rows are for a scroll position: `rows` of `row` pixels make `height`, shown in
/// a space of `space` (less when scaled) through a viewport of `view` pixels.
#[derive(Clone, Copy)]
struct Metrics {
    row: f64,
    height: f64,
    space: f64,
    view: f64,
}

impl Metrics {
    fn new(rows: u32, row: f64, view: f64) -> Self {
        let height = f64::from(rows) * row;
        Metrics {
            row,
            height,
            space: height.min(MAX_SPACE),
            view,
        }
    }

    fn scaled(&self) -> bool {
        self.height > self.space && self.space > self.view
    }

    /// The position in the rows' full height shown at the top for scroll position `top`.
    fn virtual_top(&self, top: f64) -> f64 {
        if self.scaled() {
            top * (self.height - self.view) / (self.space - self.view)
        } else {
            top
        }
    }

    /// The scroll position that shows `virtual_top` at the top.
    fn scroll_for(&self, virtual_top: f64) -> f64 {
        if self.scaled() {
            virtual_top * (self.space - self.view) / (self.height - self.view)
        } else {
            virtual_top
        }
    }

    /// The first row in view at scroll position `top`.
    fn first(&self, top: f64) -> u32 {
        (self.virtual_top(top) / self.row).floor().max(0.0) as u32
    }

    /// Rows in view at most.
    fn in_view(&self) -> u32 {
        (self.view / self.row).ceil() as u32 + 1
    }

    /// Where row `from` is placed in the space at scroll position `top`.
    fn place(&self, top: f64, from: u32) -> f64 {
        top + f64::from(from) * self.row - self.virtual_top(top)
    }
}

/// The findings of file `index` (named `name`): `total` kept by the worker, with filters by
/// code and severity.
#[component]
pub fn FindingsTable(index: usize, total: u64, found: u64, codes: Vec<String>, name: String) -> impl IntoView {
    let ctx = expect_context::<WorkerCtx>();
    let findings = ctx.held.findings;
    let file = index as u32;
    let (filter, set_filter) = signal(FindingsFilter::default());
    let (scroll, set_scroll) = signal(0.0f64);
    let (viewport, set_viewport) = signal(None::<f64>);
    let (active, set_active) = signal(None::<u32>);
    let (chosen, set_chosen) = signal(None::<(u32, Diagnostic)>);
    let row_height = RwSignal::new(row_for(window_width()));
    let resized = window_event_listener(leptos::ev::resize, move |_| {
        let now = row_for(window_width());
        if now != row_height.get_untracked() {
            row_height.set(now);
        }
    });
    on_cleanup(move || resized.remove());
    let scroller = NodeRef::<leptos::html::Div>::new();
    let head = NodeRef::<leptos::html::Div>::new();
    let shown = move || findings.with(|m| m.get(&file).map_or(0, |p| p.total));
    let row = move || row_height.get();
    let metrics = move || {
        let row = row();
        Metrics::new(shown(), row, viewport.get().unwrap_or(f64::from(VIEW) * row))
    };
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
        set_scroll.set(0.0);
        set_active.set(None);
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        ctx.pool.with_value(|p| ask(p, &request));
    });
    let on_scroll = move |_| {
        let Some(el) = scroller.get_untracked() else { return };
        let head = head.get_untracked().map_or(0.0, |h| f64::from(h.offset_height()));
        let view = (f64::from(el.client_height()) - head).max(1.0);
        if viewport.get_untracked() != Some(view) {
            set_viewport.set(Some(view));
        }
        let top = f64::from(el.scroll_top());
        set_scroll.set(top);
        let m = metrics();
        let first = m.first(top);
        let (covered, end) = findings.with_untracked(|map| {
            map.get(&file).map_or((false, 0), |p| {
                let covered = filter.with_untracked(|f| p.filter == *f)
                    && p.offset <= first
                    && (first + m.in_view()).min(p.total) <= p.offset + p.rows.len() as u32;
                (covered, p.total)
            })
        });
        if !covered && first < end {
            ctx.pool.with_value(|p| ask(p, &want(first)));
        }
    };
    // The first row drawn: a few above the first in view, and within the window held.
    let from = move || {
        let first = metrics().first(scroll.get());
        findings.with(|m| m.get(&file).map(|p| first.saturating_sub(3).max(p.offset)))
    };
    let rows = move || {
        let Some(from) = from() else { return Vec::new() };
        let take = (metrics().in_view() + 6) as usize;
        findings.with(|m| {
            m.get(&file).map_or_else(Vec::new, |p| {
                let skip = (from - p.offset) as usize;
                // A row is known by its filter and place, so a window of another filter
                // makes its rows anew.
                let filter = format!("{:?}", p.filter);
                p.rows
                    .iter()
                    .skip(skip)
                    .take(take)
                    .cloned()
                    .enumerate()
                    .map(|(k, d)| (filter.clone(), from + k as u32, d))
                    .collect::<Vec<(String, u32, Diagnostic)>>()
            })
        })
    };
    let top = move || from().map_or(0.0, |i| metrics().place(scroll.get(), i));
    // The scroller: VIEW rows high (the style sheet caps it at most of the window), or as
    // high as the rows when fewer.
    let view_height = move || {
        let m = metrics();
        m.space.min(f64::from(VIEW) * m.row) + head.get().map_or(40.0, |h| f64::from(h.offset_height())) + 2.0
    };
    // Row `i` in view (scrolling as little as needed) and focused once it is in the page.
    let go_to = move |i: u32| {
        set_active.set(Some(i));
        let Some(el) = scroller.get_untracked() else { return };
        let m = metrics();
        let shown_top = m.virtual_top(f64::from(el.scroll_top()));
        let (row_top, row_end) = (f64::from(i) * m.row, f64::from(i + 1) * m.row);
        let target = if row_top < shown_top {
            row_top
        } else if row_end > shown_top + m.view {
            row_end - m.view
        } else {
            shown_top
        };
        if target != shown_top {
            el.set_scroll_top(m.scroll_for(target).round() as i32);
        }
        focus_when_drawn(file, i, 20);
    };
    let on_key = move |e: web_sys::KeyboardEvent| {
        let total = shown();
        if total == 0 {
            return;
        }
        let page = metrics().in_view().saturating_sub(2).max(1);
        let now = active.get_untracked();
        let next = match e.key().as_str() {
            "ArrowDown" => Some(now.map_or(0, |a| (a + 1).min(total - 1))),
            "ArrowUp" => Some(now.map_or(0, |a| a.saturating_sub(1))),
            "PageDown" => Some(now.map_or(0, |a| (a + page).min(total - 1))),
            "PageUp" => Some(now.map_or(0, |a| a.saturating_sub(page))),
            "Home" => Some(0),
            "End" => Some(total - 1),
            "Enter" | " " => {
                if let Some(a) = now {
                    let held = findings.with_untracked(|m| {
                        m.get(&file)
                            .and_then(|p| p.rows.get(a.checked_sub(p.offset)? as usize).cloned())
                    });
                    if let Some(d) = held {
                        e.prevent_default();
                        set_chosen.set(Some((a, d)));
                    }
                }
                None
            }
            _ => None,
        };
        if let Some(i) = next {
            e.prevent_default();
            go_to(i);
        }
    };
    let label = format!("Hallazgos de {name}: use las flechas para recorrerlos y Enter para leer uno completo");
    view! {
        {(found > total).then(|| view! {
            <p class="capped">{format!(
                "Se listan los primeros {} hallazgos; los conteos por tipo de hallazgo incluyen los {}.",
                thousands(total), thousands(found)
            )}</p>
        })}
        <h3 class="findings-title">"Todos los hallazgos"</h3>
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
            <span class="shown">{move || format!("{} en la lista", thousands(u64::from(shown())))}</span>
        </div>
        <div class="findings-scroll" node_ref=scroller on:scroll=on_scroll on:keydown=on_key tabindex="0"
            role="table" aria-label=label aria-rowcount=move || (shown() + 1).to_string()
            data-row=move || row().to_string()
            style:height=move || format!("{}px", view_height())>
            <div class="findings-head" role="row" aria-rowindex="1" node_ref=head>
                <span role="columnheader">"Línea"</span>
                <span role="columnheader">"Campo"</span>
                <span role="columnheader">"Valor encontrado"</span>
                <span role="columnheader">"Código"</span>
                <span role="columnheader">"Qué está mal"</span>
            </div>
            <div class="findings-space" style:height=move || format!("{}px", metrics().space)>
                <div class="diagnostics" role="rowgroup" style:top=move || format!("{}px", top())>
                    <For each=rows key=|(f, i, _)| (f.clone(), *i) let((_, i, d))>
                        {row_view(file, i, d, row, active, set_active, set_chosen)}
                    </For>
                </div>
            </div>
        </div>
        {move || chosen.get().map(|(_, d)| detail(d))}
    }
}

/// Focuses row `i` of file `file` once it is drawn (its window may still be on its way from
/// the worker), trying for `tries` more frames.
fn focus_when_drawn(file: u32, i: u32, tries: u32) {
    request_animation_frame(move || {
        let row = document()
            .get_element_by_id(&row_id(file, i))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        match row {
            Some(row) => {
                let _ = row.focus();
            }
            None if tries > 0 => focus_when_drawn(file, i, tries - 1),
            None => {}
        }
    });
}

fn row_id(file: u32, i: u32) -> String {
    format!("hallazgo-{file}-{i}")
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
    let line = thousands(d.line);
    let place = match (d.line, d.field, d.field_name.as_deref()) {
        (0, _, _) => "Nombre del archivo".to_string(),
        (_, Some(n), Some(name)) if !name.is_empty() => format!("Línea {line}, campo {n} ({name})"),
        (_, Some(n), _) => format!("Línea {line}, campo {n}"),
        (_, None, _) => format!("Línea {line}"),
    };
    let value = d.value.map(|v| format!("Valor encontrado: «{v}»"));
    let member = d.member.map(|m| format!("En el archivo comprimido: {m}"));
    view! {
        <div class="finding-detail" role="status">
            <p><strong>{place}</strong>" · "<span class="code">{d.code.to_string()}</span></p>
            <p class="finding-title"><strong>{title}</strong></p>
            {value.map(|v| view! { <p class="value">{v}</p> })}
            {member.map(|m| view! { <p>{m}</p> })}
            <p class="finding-message">{d.message}</p>
            {entry.map(|c| view! { <p class="hint">{format!("{} Referencia: {}.", c.explanation, c.section)}</p> })}
        </div>
    }
}

fn row_view(
    file: u32,
    i: u32,
    d: Diagnostic,
    height: impl Fn() -> f64 + Copy + Send + Sync + 'static,
    active: ReadSignal<Option<u32>>,
    set_active: WriteSignal<Option<u32>>,
    choose: WriteSignal<Option<(u32, Diagnostic)>>,
) -> impl IntoView {
    let line = if d.line == 0 {
        "archivo".to_string()
    } else {
        d.line.to_string()
    };
    let field = match (d.field, d.field_name.as_deref()) {
        (Some(n), Some(name)) if !name.is_empty() => format!("{n} · {name}"),
        (Some(n), _) => n.to_string(),
        (None, _) => "—".to_string(),
    };
    let class = match d.severity {
        Severity::Error => "frow error",
        Severity::Warning | Severity::Note => "frow warning",
    };
    let whole = d.clone();
    let title = title_of(&d);
    let value = d.value.unwrap_or_default();
    let no_value = value.is_empty();
    view! {
        <div class=class role="row" id=row_id(file, i) aria-rowindex=(i + 2).to_string() tabindex="-1"
            class:active=move || active.get() == Some(i)
            style:height=move || format!("{}px", height())
            on:focus=move |_| set_active.set(Some(i))
            on:click=move |_| { set_active.set(Some(i)); choose.set(Some((i, whole.clone()))); }>
            <span role="cell" class="num" data-label="Línea">{line}</span>
            <span role="cell" class="field" data-label="Campo">{field}</span>
            <span role="cell" class="value" class:empty=no_value data-label="Valor encontrado">{value}</span>
            <span role="cell" class="code" data-label="Código">{d.code.to_string()}</span>
            <span role="cell" class="message" data-label="Qué está mal">{title}</span>
        </div>
    }
}
