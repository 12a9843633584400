//! "Leer respuesta": the `.ok` / `.err` files a site returned → accepted and rejected records,
//! error codes, and the rejected records as a file to correct.

use super::download::save_bytes;
use super::files::read_files;
use leptos::prelude::*;
use planos_ar::sssalud::answer::{read_answers, Answer};
use planos_core::report::plural;

/// Rows of rejected records shown; the counts and the download always hold them all.
const SHOWN: usize = 500;

#[component]
pub fn ReadAnswer() -> impl IntoView {
    let (answers, set_answers) = signal(Vec::<Answer>::new());
    let (notes, set_notes) = signal(Vec::<String>::new());
    let (over, set_over) = signal(false);
    let take = move |list: Option<web_sys::FileList>| {
        read_files(
            list,
            Box::new(move |read, mut failed| {
                let (found, others) = read_answers(&read);
                failed.extend(others.into_iter().map(|unread| unread.message));
                set_notes.set(failed);
                set_answers.set(found);
            }),
        )
    };
    view! {
        <section class="ss-card" id="ss-respuesta" aria-labelledby="ss-respuesta-titulo">
            <h2 id="ss-respuesta-titulo">"Leer respuesta (.ok y .err)"</h2>
            <p class="hint">"Después de subir al Padrón o a Prepagas, el FTP deja dos archivos: el .ok con los registros válidos y el .err con los registros con errores (p. ej. 999998-201707.ok y 999998-201707.err). Descárguelos y suéltelos aquí juntos."</p>
            <label class="drop ss-drop" class:over=over
                on:dragover=move |e: web_sys::DragEvent| { e.prevent_default(); set_over.set(true); }
                on:dragleave=move |_| set_over.set(false)
                on:drop=move |e: web_sys::DragEvent| {
                    e.prevent_default();
                    set_over.set(false);
                    take(e.data_transfer().and_then(|d| d.files()));
                }>
                <span class="drop-title">"Suelte aquí los archivos .ok y .err"</span>
                <span class="drop-sub">"o haga clic para elegirlos (puede elegir varios)"</span>
                <span class="pick" aria-hidden="true">"Elegir archivos"</span>
                <input id="ss-respuesta-archivos" type="file" multiple accept=".ok,.err"
                    aria-label="Elegir los archivos .ok y .err"
                    on:change=move |e| {
                        let input: web_sys::HtmlInputElement = event_target(&e);
                        take(input.files());
                        input.set_value("");
                    } />
            </label>
            {move || (!notes.get().is_empty()).then(|| view! {
                <ul class="ss-notas" role="alert">{notes.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            })}
            {move || answers.get().into_iter().map(|a| view! { <AnswerCard a=a /> }).collect_view()}
        </section>
    }
}

#[component]
fn AnswerCard(a: Answer) -> impl IntoView {
    let download = a.rejected_file();
    let Answer {
        stem,
        about,
        ok_name,
        err_name,
        accepted,
        err,
        ..
    } = a;
    let missing = match (&ok_name, &err_name) {
        (None, _) => Some(format!("Falta {stem}.ok: los aceptados no se pueden contar.")),
        (_, None) => Some(format!("Falta {stem}.err: los rechazados no se pueden contar.")),
        _ => None,
    };
    let rejected = err.as_ref().map(|e| e.rejected.len());
    view! {
        <article class="ss-respuesta" aria-label=format!("Respuesta {stem}")>
            <h3>{stem.clone()}</h3>
            {about.map(|s| view! { <p class="hint">{s}</p> })}
            <dl class="ss-cuentas">
                <dt>"Aceptados"</dt>
                <dd class="ss-aceptados">{accepted.map_or("—".to_string(), |n| plural(n as u64, "registro", "registros"))}</dd>
                <dt>"Rechazados"</dt>
                <dd class="ss-rechazados">{rejected.map_or("—".to_string(), |n| plural(n as u64, "registro", "registros"))}</dd>
            </dl>
            {missing.map(|m| view! { <p class="ss-falta">{m}</p> })}
            {err.map(|e| {
                let total = e.rejected.len();
                view! {
                    <p class="ss-lectura">{format!("Cómo se leyó el .err: {}.", e.layout.describe())}</p>
                    {e.header.map(|h| view! { <p class="hint">{format!("Primera línea tomada como encabezado: {h}")}</p> })}
                    {(!e.codes.is_empty()).then(|| view! {
                        <table class="ss-codigos">
                            <caption>"Registros rechazados por código de error"</caption>
                            <thead><tr><th scope="col">"Código"</th><th scope="col">"Registros"</th></tr></thead>
                            <tbody>{e.codes.into_iter().map(|(c, n)| view! { <tr><td>{c}</td><td class="num">{n}</td></tr> }).collect_view()}</tbody>
                        </table>
                        <p class="hint">"Qué significa cada código: el manual remite al «Instructivo de Obras Sociales» del sitio web de SSSalud (Obras Sociales – Descargas para Obras Sociales – Aplicativo Padrón de Beneficiarios – Noticias)."</p>
                    })}
                    {(total > 0).then(|| view! {
                        <table class="ss-rechazos">
                            <caption>{if total > SHOWN { format!("Los primeros {SHOWN} de {total} registros rechazados") } else { "Registros rechazados".to_string() }}</caption>
                            <thead><tr><th scope="col">"Línea"</th><th scope="col">"Código"</th><th scope="col">"Registro"</th></tr></thead>
                            <tbody>{e.rejected.into_iter().take(SHOWN).map(|r| view! {
                                <tr>
                                    <td class="num">{r.line}</td>
                                    <td>{if r.codes.is_empty() { "—".to_string() } else { r.codes.join(" ") }}</td>
                                    <td><code>{r.text}</code></td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    })}
                }
            })}
            {download.filter(|(_, bytes)| !bytes.is_empty()).map(|(name, bytes)| {
                let label = format!("Descargar los registros rechazados ({name})");
                view! {
                    <button type="button" class="ss-descargar-rechazados"
                        on:click=move |_| save_bytes(&name, "text/plain", &bytes)>{label}</button>
                    <p class="hint">"Un registro por línea, tal como estaba, sin el código de error: corríjalos y vuelva a subir el archivo completo (vale el último enviado al cerrar el período)."</p>
                }
            })}
        </article>
    }
}
