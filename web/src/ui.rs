//! The Leptos components of the page: drop zone, progress, and one result card per file.

use super::build::BuildQuery;
use super::build_rnse::BuildRnse;
use super::denials::{DenialsView, MonthsAcrossFiles};
use super::dental::DentalTool;
use super::findings::FindingsTable;
use super::keys::{focus, step, stop};
use super::pool::{ask, check_files, from_disk, restart, start_pool, Held, Outcome, Phase, WorkerCtx};
use super::privacy::HowToCheck;
use super::protocol::Signable;
use super::protocol::{CodeLines, Download, PeopleFormat, ReportFormat, ToWorker, ROWS_PAGE};
use super::repair::RepairPanel;
use super::sign::SignPanel;
use super::sssalud::SssaludTool;
use super::tables::ReferenceTables;
use super::trust::TrustList;
use leptos::prelude::*;
use planos_ar::catalogue;
use planos_co::check::SIGNATURE;
use planos_co::formats::people::RowFilter;
use planos_co::formats::people::{xlsx_sheets, AnswerSummary, ROWS_PER_SHEET};
use planos_co::formats::rnse::summary::DenialSummary;
use planos_core::names::base_name;
use planos_core::report::{lines_phrase, plural, FileReport};
use planos_core::text::{day_month_year, thousands};
use planos_sign::{prose_date, Signature, Trust};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::File;

pub fn mount() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let (phase, set_phase) = signal(Phase::Idle);
    let (ready, set_ready) = signal(false);
    let held = Held::new();
    let outcome = held.outcome;
    let pool = StoredValue::new_local(start_pool(set_phase, set_ready, held));
    provide_context(WorkerCtx { pool, held });
    let started = StoredValue::new(0.0f64);
    let start = move |files: Vec<File>| {
        started.set_value(js_sys::Date::now());
        pool.with_value(|p| check_files(p, files))
    };
    let cancel = move |_| {
        pool.with_value(restart);
        set_phase.set(Phase::Failed("Revisión cancelada.".to_string()));
    };
    let (how, set_how) = signal(false);
    // The tab chosen survives a reload in the address's fragment (`#sssalud`; `#ss-envio` and
    // the like, the SSSalud tab's own links, choose it too), which works from `file://` and
    // which «Borrar todo» leaves alone.
    let (tab, set_tab) = signal(Tab::of(&hash()));
    Effect::new(move |_| {
        let t = tab.get();
        if Tab::of(&hash()) != t {
            // `replace`: no entry in the history for each tab, and a fragment never reloads.
            let _ = window().location().replace(&format!("#{}", t.id()));
        }
    });
    let tab_key = move |e: leptos::ev::KeyboardEvent| {
        let at = TABS.iter().position(|(t, _)| *t == tab.get_untracked()).unwrap_or(0);
        if let Some(to) = step(&e.key(), at, TABS.len(), true) {
            e.prevent_default();
            set_tab.set(TABS[to].0);
            focus(&format!("pestana-{}", TABS[to].0.id()));
        }
    };
    let (confirming, set_confirming) = signal(false);
    let (cleared, set_cleared) = signal(false);
    let generation = RwSignal::new(0u32);
    // «Borrar todo»: everything the worker holds and the page was told of it (a new worker,
    // `restart`), what was typed or pasted (the forms made anew), the settings stored.
    let clear_all = move |_| {
        set_confirming.set(false);
        set_cleared.set(true);
        focus("borrar-todo");
        pool.with_value(restart);
        generation.update(|g| *g += 1);
        set_phase.set(Phase::Idle);
        if let Some(storage) = window().local_storage().ok().flatten() {
            let _ = storage.clear();
        }
        if let Some(storage) = window().session_storage().ok().flatten() {
            let _ = storage.clear();
        }
    };
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-ready", if ready.get() { "true" } else { "false" });
        }
    });

    view! {
        <header class="top">
            <h1>"planos"</h1>
            <p class="tagline">"Revise y prepare sus archivos de salud antes de enviarlos: Colombia (PISIS/SISPRO) y Argentina (SSSalud, InSSSeP)."</p>
            <p class="privacy" id="privacidad">
                "Sus archivos no salen de este computador: planos los revisa aquí mismo, en su navegador, sin enviarlos a ningún servidor. "
                <a href="#como-comprobar" class="how" on:click=move |_| set_how.set(true)>"Cómo comprobarlo"</a>
            </p>
            <nav class="tools" aria-label="Herramientas">
                {(!from_disk()).then(|| view! {
                    <a class="offline" href="planos.html" download="planos.html">"Descargar planos para usar sin conexión"</a>
                })}
                // Asked first, in the page (a browser may block `confirm` from `file://`).
                <button type="button" class="clear" id="borrar-todo" aria-expanded=move || confirming.get().to_string()
                    on:click=move |_| {
                        set_cleared.set(false);
                        set_confirming.set(true);
                        request_animation_frame(|| focus("borrar-no"));
                    }>"Borrar todo"</button>
                {move || confirming.get().then(|| view! {
                    <span class="confirm-clear" role="group" aria-labelledby="borrar-pregunta"
                        on:keydown=move |e: leptos::ev::KeyboardEvent| if e.key() == "Escape" {
                            set_confirming.set(false);
                            focus("borrar-todo");
                        }>
                        <span id="borrar-pregunta">"¿Borrar todo? Se descartan los resultados, el presupuesto, las listas, las entidades de certificación agregadas y lo escrito en todas las pestañas."</span>
                        <button type="button" class="clear-yes" on:click=clear_all>"Sí, borrar"</button>
                        <button type="button" class="clear-no" id="borrar-no" on:click=move |_| {
                            set_confirming.set(false);
                            focus("borrar-todo");
                        }>"Cancelar"</button>
                    </span>
                })}
                <span class="cleared" role="status">{move || if cleared.get() { "Se borró todo." } else { "" }}</span>
            </nav>
        </header>
        {move || how.get().then(|| view! { <HowToCheck on_close=move || set_how.set(false) /> })}
        // The WAI-ARIA tabs: one tab stop, the arrows (and Home, End) choose the tab.
        <nav class="tabs" role="tablist" aria-label="Herramientas por país y entidad" on:keydown=tab_key>
            {TABS.into_iter().map(|(t, label)| view! {
                <button type="button" role="tab" class="tab" id=format!("pestana-{}", t.id())
                    aria-controls=format!("panel-{}", t.id())
                    aria-selected=move || (tab.get() == t).to_string()
                    tabindex=move || stop(tab.get() == t)
                    on:click=move |_| set_tab.set(t)>{label}</button>
            }).collect_view()}
        </nav>
        <main>
            <section class="panel" id="panel-colombia" role="tabpanel" tabindex="0" aria-labelledby="pestana-colombia" hidden=move || tab.get() != Tab::Colombia>
            <DropZone on_files=start />
            // Where the verdict is announced: in the page from the start, so a screen reader
            // hears what changes in it.
            <p class="sr-only" id="anuncio" aria-live="polite" aria-atomic="true">{move || {
                (phase.get() == Phase::Done).then(|| outcome.with(|o| o.as_deref().map(announcement))).flatten().unwrap_or_default()
            }}</p>
            {move || match phase.get() {
                Phase::Idle => view! { <p class="hint">"Formatos: consulta masiva de supervivencia (RUA250SMCS…TXT) y su respuesta del Ministerio (PUB200SMCS…DAT), Res. 1537/2015 — suelte la consulta junto con su respuesta para cotejarlas; servicios negados (REC140RNSE…TXT), anexo de la Res. 3539/2019, que la Res. 1632 de 2025 reemplazó; y cualquiera de ellos firmado digitalmente (su nombre terminado en .p7z)."</p> }.into_any(),
                Phase::Working { file, files, name, done, total } => {
                    let pct = if total > 0.0 { (done / total * 100.0).round() } else { 100.0 };
                    let eta = estimate(js_sys::Date::now() - started.get_value(), done, total);
                    view! {
                        <section class="progress" aria-live="polite">
                            <p>{format!("Revisando {name} (archivo {} de {files}): {pct} %{eta}", file + 1)}</p>
                            <progress max="100" value=pct.to_string()></progress>
                            <button type="button" on:click=cancel>"Cancelar"</button>
                        </section>
                    }.into_any()
                }
                Phase::Failed(msg) => view! { <p class="failed" role="alert">{msg}</p> }.into_any(),
                Phase::Done => view! { <Results outcome=outcome /> }.into_any(),
            }}
            // Made anew by "Borrar todo", so nothing typed or pasted stays.
            <For each=move || [generation.get()] key=|g| *g let(_g)><BuildQuery /><BuildRnse /><TrustList /><ReferenceTables /></For>
            </section>
            <section class="panel" id="panel-sssalud" role="tabpanel" tabindex="0" aria-labelledby="pestana-sssalud" hidden=move || tab.get() != Tab::Sssalud>
                <For each=move || [generation.get()] key=|g| *g let(_g)><SssaludTool /></For>
            </section>
            <section class="panel" id="panel-insssep" role="tabpanel" tabindex="0" aria-labelledby="pestana-insssep" hidden=move || tab.get() != Tab::Insssep>
                <For each=move || [generation.get()] key=|g| *g let(_g)><DentalTool /></For>
            </section>
        </main>
        <footer>"planos — validación local de archivos de salud (PISIS/SISPRO, SSSalud, InSSSeP). Nada se envía por la red."</footer>
    }
}

/// The page's tools, by country and regulator; each tab keeps its state while another is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Colombia,
    Sssalud,
    Insssep,
}

/// The address's fragment, without its `#`.
fn hash() -> String {
    let h = window().location().hash().unwrap_or_default();
    h.trim_start_matches('#').to_string()
}

impl Tab {
    /// The tab a fragment names: a tab's id, or an SSSalud section's (`ss-…`); else Colombia's.
    fn of(fragment: &str) -> Tab {
        TABS.iter()
            .map(|(t, _)| *t)
            .find(|t| fragment == t.id())
            .unwrap_or(if fragment.starts_with("ss-") {
                Tab::Sssalud
            } else {
                Tab::Colombia
            })
    }

    fn id(self) -> &'static str {
        match self {
            Tab::Colombia => "colombia",
            Tab::Sssalud => "sssalud",
            Tab::Insssep => "insssep",
        }
    }
}

const TABS: [(Tab, &str); 3] = [
    (Tab::Colombia, "Colombia: PISIS/SISPRO"),
    (Tab::Sssalud, "Argentina: SSSalud (FTP)"),
    (Tab::Insssep, "Argentina: InSSSeP odontología"),
];

/// ", quedan unos 12 s" once enough is done to tell (half a second and 2% in); empty before.
fn estimate(elapsed_ms: f64, done: f64, total: f64) -> String {
    if elapsed_ms < 500.0 || done <= 0.0 || done >= total || done / total < 0.02 {
        return String::new();
    }
    let left = (elapsed_ms * (total - done) / done / 1000.0).ceil() as u64;
    match left {
        0..=59 => format!(", quedan unos {left} s"),
        _ => format!(", quedan unos {} min", left.div_ceil(60)),
    }
}

#[component]
fn DropZone(on_files: impl Fn(Vec<File>) + Copy + 'static) -> impl IntoView {
    let (over, set_over) = signal(false);
    let from_list = move |list: Option<web_sys::FileList>| {
        let files: Vec<File> = list
            .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
            .unwrap_or_default();
        on_files(files);
    };
    view! {
        <label
            class="drop"
            class:over=over
            on:dragover=move |e: web_sys::DragEvent| { e.prevent_default(); set_over.set(true); }
            on:dragleave=move |_| set_over.set(false)
            on:drop=move |e: web_sys::DragEvent| {
                e.prevent_default();
                set_over.set(false);
                from_list(e.data_transfer().and_then(|d| d.files()));
            }
        >
            <span class="drop-title">"Arrastre aquí sus archivos"</span>
            <span class="drop-sub">"o haga clic para elegirlos (puede elegir varios)"</span>
            <span class="pick" aria-hidden="true">"Elegir archivos"</span>
            <input
                id="archivos"
                type="file"
                multiple
                aria-label="Elegir archivos para revisar"
                on:change=move |e| {
                    let input: web_sys::HtmlInputElement = event_target(&e);
                    from_list(input.files());
                    input.set_value("");
                }
            />
        </label>
    }
}

/// What the live region says when a check ends: the one file's verdict, or the line of several.
fn announcement(o: &Outcome) -> String {
    match o.report.files.as_slice() {
        [file] => format!("{}: {}", base_name(&file.path), verdict(file)),
        files => overall(files),
    }
}

/// «3 archivos: 2 válidos, 1 no válido»; «1 archivo: válido».
fn overall(files: &[FileReport]) -> String {
    let valid = files.iter().filter(|f| f.valid).count() as u64;
    let invalid = files.len() as u64 - valid;
    let head = plural(files.len() as u64, "archivo", "archivos");
    if files.len() == 1 {
        return format!("{head}: {}", if valid == 1 { "válido" } else { "no válido" });
    }
    let parts: Vec<String> = [
        (valid > 0).then(|| plural(valid, "válido", "válidos")),
        (invalid > 0).then(|| plural(invalid, "no válido", "no válidos")),
    ]
    .into_iter()
    .flatten()
    .collect();
    format!("{head}: {}", parts.join(", "))
}

/// A file's verdict in a line: «Válido», «Válido, con 2 advertencias», «No válido: 3 errores,
/// 0 advertencias».
fn verdict(file: &FileReport) -> String {
    if file.valid {
        if file.warning_count > 0 {
            format!(
                "Válido, con {}",
                plural(file.warning_count, "advertencia", "advertencias")
            )
        } else {
            "Válido".to_string()
        }
    } else {
        format!(
            "No válido: {}, {}",
            plural(file.error_count, "error", "errores"),
            plural(file.warning_count, "advertencia", "advertencias")
        )
    }
}

/// The verdict in view: the results scrolled to the top of the window and the first card's
/// heading focused, once they are in the page.
fn bring_into_view() {
    let Some(results) = document().query_selector(".results").ok().flatten() else {
        return;
    };
    if let Some(heading) = results
        .query_selector(".file h2")
        .ok()
        .flatten()
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = heading.focus();
    }
    results.scroll_into_view();
}

#[component]
fn Results(outcome: RwSignal<Option<Arc<Outcome>>, LocalStorage>) -> impl IntoView {
    let pool = expect_context::<WorkerCtx>().pool;
    // After the cards are in the page (effects run once it is rendered), and again for a
    // new check.
    Effect::new(move |_| {
        if outcome.with(Option::is_some) {
            request_animation_frame(bring_into_view);
        }
    });
    move || {
        let Some(o) = outcome.get() else {
            return view! { <p>"Sin resultados."</p> }.into_any();
        };
        let report = move |format| {
            let request = ToWorker::Download(Download::Report(format));
            pool.with_value(|p| ask(p, &request));
        };
        let months = o
            .report
            .files
            .iter()
            .filter_map(DenialSummary::of)
            .flat_map(|s| s.by_month)
            .collect();
        let files = &o.report.files;
        let several = (files.len() > 1).then(|| overall(files));
        let covers = match files.as_slice() {
            [file] => format!("Informe de {}", base_name(&file.path)),
            files => format!("Informe de {}", plural(files.len() as u64, "archivo", "archivos")),
        };
        let cards = (0..o.report.files.len())
            .map(|i| view! { <FileCard outcome=o.clone() index=i /> })
            .collect_view();
        view! {
            <section class="results" aria-label="Resultado de la revisión">
                {several.map(|line| view! { <p class="overall">{line}</p> })}
                <div class="downloads">
                    <span class="covers">{covers}</span>
                    <button type="button" on:click=move |_| report(ReportFormat::Json)>
                        "Descargar el informe (JSON, para sistemas)"
                    </button>
                    <button type="button" on:click=move |_| report(ReportFormat::Csv)>
                        "Descargar la lista de hallazgos (Excel/CSV)"
                    </button>
                </div>
                <MonthsAcrossFiles files=months />
                {cards}
            </section>
        }
        .into_any()
    }
}

/// What went wrong in a file: each code's title, how often and where, the code in small type.
fn what_went_wrong(file: &FileReport, lines: &[CodeLines]) -> impl IntoView {
    let mut items: Vec<(String, u64, String)> = lines
        .iter()
        .map(|c| {
            let count = file
                .counts
                .get(c.code.as_str())
                .copied()
                .unwrap_or(c.lines.len() as u64);
            (c.code.clone(), count, lines_phrase(count, &c.lines, c.more))
        })
        .collect();
    // Codes counted but none kept (past the findings the worker keeps): their count alone.
    for (code, n) in &file.counts {
        if !items.iter().any(|(c, ..)| c == code) {
            items.push((code.to_string(), *n, plural(*n, "vez", "veces")));
        }
    }
    let heading = if file.error_count > 0 {
        "Qué está mal"
    } else {
        "Qué revisar"
    };
    (!items.is_empty()).then(|| {
        view! {
            <section class="wrong" aria-label=heading>
                <h3>{heading}</h3>
                <ul class="wrong-list">
                    {items.into_iter().map(|(code, _, place)| view! {
                        <li>
                            <span class="wrong-title">{catalogue::title(&code).to_string()}</span>
                            " — "<span class="wrong-where">{place}</span>
                            " "<small class="code">{code}</small>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn FileCard(outcome: Arc<Outcome>, index: usize) -> impl IntoView {
    let file = &outcome.report.files[index];
    let (path, valid, records) = (file.path.clone(), file.valid, file.records);
    let file_name = base_name(&path).to_string();
    let summary = AnswerSummary::of(file);
    let denials = DenialSummary::of(file);
    let repairable = outcome.repairable.get(index).copied().unwrap_or(false);
    let format_name = file
        .format_name
        .as_deref()
        .unwrap_or("Formato no reconocido")
        .to_string();
    let verdict = verdict(file);
    let codes: Vec<String> = file.counts.keys().map(|c| c.to_string()).collect();
    let wrong = what_went_wrong(file, outcome.lines.get(index).map_or(&[], Vec::as_slice));
    let found = file.error_count + file.warning_count;
    let kept = outcome.kept.get(index).copied().unwrap_or(0);
    // A valid flat file may be signed (not the Ministry's answer, nor what is signed already).
    let signable = valid
        && !file_name.to_ascii_lowercase().ends_with(".p7z")
        && file
            .format
            .as_deref()
            .and_then(planos_co::formats::by_id)
            .is_some_and(|f| !f.is_archive());
    let sign_name = file_name.clone();
    let signature = file.summaries.get::<Signature>(SIGNATURE).map(signature_view);
    view! {
        <article class="file" class:valid=valid class:invalid=!valid>
            <h2 tabindex="-1">{path}</h2>
            <p class="format">{format_name}</p>
            <p class="verdict">{verdict}</p>
            {signature}
            <p class="records">{plural(records, "registro leído", "registros leídos")}</p>
            {summary.map(|s| {
                let answered = s.deceased_rcd + s.found_ani + s.not_found;
                view! { <SummaryView summary=s /> <PeopleTable index=index answered=answered /> }
            })}
            {denials.map(|s| view! { <DenialsView summary=s /> })}
            {signable.then(|| view! { <SignPanel what=Signable::Checked { file: index as u32 } name=sign_name /> })}
            {repairable.then(|| view! { <RepairPanel index=index /> })}
            {wrong}
            {(kept > 0).then(|| view! { <FindingsTable index=index total=kept found=found codes=codes name=file_name.clone() /> })}
        </article>
    }
}

/// How the signer's line begins: «verificada» only when a trusted authority vouches for the
/// signer; an intact signature no one vouches for is not called verified.
fn signer_heading(trusted: bool) -> &'static str {
    if trusted {
        "Firma digital verificada"
    } else {
        "Firma digital intacta, de un certificado sin respaldo"
    }
}

/// Who signed a file (a `.p7z`, the Ministry's answer), when, and whether a trusted
/// certification authority vouches for them: beside the verdict.
fn signature_view(s: Signature) -> impl IntoView {
    let trusted = matches!(s.trust, Trust::Trusted { .. });
    let when = s
        .signed_at
        .map(|t| format!("; firmado el {}", prose_date(t)))
        .unwrap_or_default();
    view! {
        <section class="signature" class:trusted=trusted class:untrusted=!trusted aria-label="Firma digital">
            <p class="signer">{format!("{}: {}{when}.", signer_heading(trusted), s.signer.describe())}</p>
            <p class="trust-line">{s.trust.line()}</p>
        </section>
    }
}

/// The answered people of an answer (`answered` of them), a page at a time from the worker, with
/// filters and search.
#[component]
fn PeopleTable(index: usize, answered: u64) -> impl IntoView {
    let ctx = expect_context::<WorkerCtx>();
    let file = index as u32;
    let (filter, set_filter) = signal(RowFilter::All);
    let (search, set_search) = signal(String::new());
    let (page, set_page) = signal(0u32);
    Effect::new(move |_| {
        let request = ToWorker::Rows {
            file,
            filter: filter.get(),
            search: search.get(),
            page: page.get(),
        };
        ctx.pool.with_value(|p| ask(p, &request));
    });
    let current = move || ctx.held.people.with(|m| m.get(&file).cloned());
    let download = move |format| {
        let request = ToWorker::Download(Download::People { file, format });
        ctx.pool.with_value(|p| ask(p, &request));
    };
    let pages = move || current().map_or(1, |c| (c.total as usize).div_ceil(ROWS_PAGE).max(1));
    let choose = move |e: leptos::ev::Event| {
        set_filter.set(match event_target_value(&e).as_str() {
            "fallecidas" => RowFilter::Deceased,
            "vigentes" => RowFilter::Alive,
            "no-encontradas" => RowFilter::NotFound,
            _ => RowFilter::All,
        });
        set_page.set(0);
    };
    view! {
        <section class="people" aria-label="Personas de la respuesta">
            <h3>"Personas"</h3>
            <div class="filters">
                <label>"Mostrar "
                    <select class="people-filter" on:change=choose>
                        <option value="todas">"Todas"</option>
                        <option value="fallecidas">"Fallecidas"</option>
                        <option value="vigentes">"Vigentes u otro estado"</option>
                        <option value="no-encontradas">"No encontradas"</option>
                    </select>
                </label>
                <label>"Buscar documento "
                    <input class="people-search" type="search" inputmode="numeric"
                        on:input=move |e| { set_search.set(event_target_value(&e)); set_page.set(0); } />
                </label>
                <button type="button" on:click=move |_| download(PeopleFormat::Csv)>
                    "Descargar personas (CSV)"
                </button>
                <button type="button" on:click=move |_| download(PeopleFormat::Xlsx)>
                    "Descargar personas (Excel)"
                </button>
                {(xlsx_sheets(answered as usize) > 1).then(|| view! {
                    <p class="sheets-note">{format!(
                        "Una hoja de Excel admite {} filas: el libro lleva las {} personas en {} hojas («Personas», «Personas 2»…). El CSV las lleva todas en un solo archivo.",
                        thousands(ROWS_PER_SHEET as u64),
                        thousands(answered),
                        xlsx_sheets(answered as usize)
                    )}</p>
                })}
            </div>
            <table class="people-table">
                <thead>
                    <tr>
                        <th scope="col">"Documento"</th>
                        <th scope="col">"Resultado"</th>
                        <th scope="col">"Estado"</th>
                        <th scope="col">"Nombre"</th>
                        <th scope="col">"Fecha de defunción"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || current().map(|c| c.rows).unwrap_or_default().into_iter().map(|r| view! {
                        <tr class:deceased=r.outcome.deceased()>
                            <td data-label="Documento">{format!("{} {}", r.doc_type, r.number)}</td>
                            <td data-label="Resultado">{r.outcome.label()}</td>
                            <td data-label="Estado">{r.state}</td>
                            <td data-label="Nombre">{r.name}</td>
                            <td data-label="Fecha de defunción">{day_month_year(&r.death_date).into_owned()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <nav class="pager" aria-label="Páginas de personas">
                <button type="button" on:click=move |_| set_page.update(|p| *p = p.saturating_sub(1))>"Anterior"</button>
                <span class="people-count">{move || {
                    let total = current().map_or(0, |c| c.total);
                    format!("Página {} de {} ({})", page.get() + 1, pages(), plural(total, "persona", "personas"))
                }}</span>
                <button type="button" on:click=move |_| set_page.update(|p| *p = (*p + 1).min(pages() as u32 - 1))>"Siguiente"</button>
            </nav>
        </section>
    }
}

/// What a supervivencia answer says, for people.
#[component]
fn SummaryView(summary: AnswerSummary) -> impl IntoView {
    let deceased = summary.deceased_rcd + summary.deceased_ani;
    let rows = [
        (
            "Personas consultadas",
            summary.consulted.map_or("—".to_string(), thousands),
        ),
        (
            "Fallecidas según el Registro Civil de Defunción",
            thousands(summary.deceased_rcd),
        ),
        (
            "Encontradas en el Archivo Nacional de Identificación",
            thousands(summary.found_ani),
        ),
        (
            "… de ellas con cédula cancelada por muerte",
            thousands(summary.deceased_ani),
        ),
        ("No encontradas", thousands(summary.not_found)),
    ];
    let states: Vec<(String, u64)> = summary.ani_states.into_iter().collect();
    view! {
        <section class="summary" aria-label="Resultado de la consulta de supervivencia">
            <h3>{format!("Resultado: {}", plural(deceased, "persona fallecida", "personas fallecidas"))}</h3>
            <table class="counts summary-table">
                <tbody>
                    {rows.into_iter().map(|(k, v)| view! { <tr><th scope="row">{k}</th><td class="num">{v}</td></tr> }).collect_view()}
                </tbody>
            </table>
            {(!states.is_empty()).then(|| view! {
                <table class="counts states">
                    <caption>"Estados en el Archivo Nacional de Identificación"</caption>
                    <tbody>
                        {states.into_iter().map(|(k, v)| view! { <tr><td>{k}</td><td class="num">{thousands(v)}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}
