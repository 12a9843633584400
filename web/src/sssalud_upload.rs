//! "Preparar envío": site, period and file → the checks before uploading and where to upload.

use super::files::read_files;
use leptos::prelude::*;
use planos_ar::sssalud::sites::{by_key, Folders, Period, Site, SITES};
use planos_ar::sssalud::upload::{label, prepare, Preparation};
use planos_core::report::Severity;
use std::sync::Arc;

#[component]
pub fn PrepareUpload() -> impl IntoView {
    let (site, set_site) = signal(&SITES[0]);
    let (year, set_year) = signal(String::new());
    let (number, set_number) = signal(0u8);
    let file = RwSignal::new(None::<(String, Arc<Vec<u8>>)>);
    let (failed, set_failed) = signal(None::<String>);
    let result = Memo::new(move |_| {
        let (name, bytes) = file.get()?;
        let year: Option<u16> = year.get().trim().parse().ok();
        let chosen = match (year, number.get()) {
            (Some(year), n) if n > 0 => Some(Period { year, number: n }),
            _ => None,
        };
        Some(prepare(site.get(), chosen, &name, &bytes))
    });
    let pick = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        read_files(
            input.files(),
            Box::new(move |mut read, errors| {
                set_failed.set(errors.into_iter().next());
                file.set(read.pop().map(|(n, b)| (n, Arc::new(b))));
            }),
        );
        input.set_value("");
    };
    let periods = move || {
        let f = site.get().folders;
        (1..=f.periods_per_year()).map(move |n| (n, f.period_name(n)))
    };
    view! {
        <section class="ss-card" id="ss-envio" aria-labelledby="ss-envio-titulo">
            <h2 id="ss-envio-titulo">"Preparar envío"</h2>
            <p class="hint">"Elija el sitio, el período activo (lo publica el cronograma de envío de SSSalud) y el archivo: planos lo revisa antes de subirlo y le dice en qué carpeta va."</p>
            <div class="ss-form">
                <label class="ss-field">"Sitio "
                    <select id="ss-envio-sitio" on:change=move |e| {
                        if let Some(s) = by_key(&event_target_value(&e)) {
                            set_site.set(s);
                            set_number.set(0);
                        }
                    }>
                        {SITES.iter().map(|s| view! { <option value=s.key>{format!("{} ({})", s.name, s.extension.label())}</option> }).collect_view()}
                    </select>
                </label>
                {move || {
                    let f = site.get().folders;
                    match f {
                        Folders::Fixed(name) => view! { <p class="ss-field">{format!("Este sitio no usa períodos: todo va a la carpeta «{name}».")}</p> }.into_any(),
                        _ => view! {
                            <label class="ss-field">"Año "
                                <input id="ss-envio-anio" type="number" min="2000" max="2099" placeholder="2024"
                                    prop:value=move || year.get()
                                    on:input=move |e| set_year.set(event_target_value(&e)) /></label>
                            <label class="ss-field">{format!("{} ", f.unit())}
                                <select id="ss-envio-numero" on:change=move |e| set_number.set(event_target_value(&e).parse().unwrap_or(0))>
                                    <option value="0" selected=move || number.get() == 0>"(tomarlo del nombre del archivo)"</option>
                                    {periods().map(|(n, label)| view! {
                                        <option value=n.to_string() selected=move || number.get() == n>{label}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                        }.into_any(),
                    }
                }}
                <label class="ss-field">"Archivo a subir "
                    <input id="ss-envio-archivo" type="file" accept=".txt,.xml,text/plain,text/xml,application/xml" on:change=pick /></label>
            </div>
            {move || failed.get().map(|m| view! { <p class="failed" role="alert">{m}</p> })}
            {move || result.get().map(|r| view! { <Outcome r=r /> })}
        </section>
    }
}

#[component]
fn Outcome(r: Preparation) -> impl IntoView {
    let (ready, errors) = (r.ready(), r.errors() > 0);
    let site: &Site = r.site;
    let verdict = match (&r.folder, ready) {
        (Some(folder), true) => format!("Listo para subir a «{}», carpeta «{folder}».", site.name),
        (Some(folder), false) => format!(
            "Corrija lo que se indica antes de subirlo a «{}», carpeta «{folder}».",
            site.name
        ),
        (None, _) => "Falta el período para decir la carpeta.".to_string(),
    };
    view! {
        <div class="ss-envio-resultado" role="status" class:ready=ready>
            <p class="ss-veredicto">{verdict}</p>
            {r.folder.clone().map(|f| view! { <p>"Carpeta en el FTP: " <code class="ss-carpeta">{f}</code></p> })}
            {(!r.findings.is_empty()).then(|| view! {
                <ul class="ss-hallazgos">
                    {r.findings.into_iter().map(|f| {
                        let place = match (f.line, f.column) {
                            (0, _) => String::new(),
                            (l, Some(c)) => format!(" (línea {l}, columna {c})"),
                            (l, None) => format!(" (línea {l})"),
                        };
                        let (error, warning) = (f.severity == Severity::Error, f.severity == Severity::Warning);
                        view! {
                            <li class="ss-hallazgo" class:error=error class:warning=warning>
                                <strong>{format!("{}{place}: ", label(f.severity))}</strong>{f.message}
                                " " <span class="code" title=f.title.to_string()>{format!("[{}]", f.code)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            // The steps only for a file ready to go: beside errors they would read as a go-ahead.
            {if ready {
                view! {
                    <h3>"Cómo subirlo"</h3>
                    <ol class="ss-pasos">{r.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
                }.into_any()
            } else {
                view! {
                    <p class="ss-pasos-pendientes">{if errors {
                        "Corrija primero los errores y elija el archivo corregido: entonces planos le dirá aquí cómo subirlo."
                    } else {
                        "Elija el año y el período (o use el nombre del archivo que los lleva): entonces planos le dirá aquí cómo subirlo."
                    }}</p>
                }.into_any()
            }}
        </div>
    }
}
