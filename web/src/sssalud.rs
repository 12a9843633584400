//! The SSSalud (Argentina) tab: FTP exchange sites, uploads and their answers, after the
//! «Manual de Intercambio de Datos FTP SSSalud» (engine: `planos_ar::sssalud`). Nothing here connects
//! to the FTP: planos prepares the settings and checks the files, the user uploads them.

use super::sssalud_answer::ReadAnswer;
use super::sssalud_filezilla::FileZillaSetup;
use super::sssalud_upload::PrepareUpload;
use leptos::prelude::*;
use planos_ar::sssalud::errors::search;
use planos_ar::sssalud::sites::MANUAL;
use planos_core::report::plural;

#[component]
pub fn SssaludTool() -> impl IntoView {
    view! {
        <div class="sssalud">
            <p class="hint">
                {format!("Según el {MANUAL}. planos no se conecta al FTP: prepara la configuración de FileZilla, revisa el archivo antes de subirlo y lee las respuestas que usted descarga.")}
            </p>
            <nav class="ss-index" aria-label="Herramientas de SSSalud">
                <a href="#ss-filezilla">"Configurar FileZilla"</a>
                <a href="#ss-envio">"Preparar envío"</a>
                <a href="#ss-respuesta">"Leer respuesta"</a>
                <a href="#ss-errores">"Errores comunes"</a>
            </nav>
            <FileZillaSetup />
            <PrepareUpload />
            <ReadAnswer />
            <CommonErrors />
        </div>
    }
}

/// "Errores comunes": the manual's table, searchable; a line pasted from FileZilla finds its row.
#[component]
fn CommonErrors() -> impl IntoView {
    let (query, set_query) = signal(String::new());
    let found = move || search(&query.get());
    view! {
        <section class="ss-card" id="ss-errores" aria-labelledby="ss-errores-titulo">
            <h2 id="ss-errores-titulo">"Errores comunes de conexión"</h2>
            <p class="hint">"La tabla del manual («Errores comunes»). Busque por palabras o pegue la línea de error que muestra FileZilla en su ventana de mensajes."</p>
            <label class="ss-field">"Buscar "
                <input id="ss-errores-buscar" type="search" placeholder="p. ej. 530 Login incorrect"
                    on:input=move |e| set_query.set(event_target_value(&e)) />
            </label>
            <p class="ss-errores-cuenta" aria-live="polite">{move || {
                let n = found().len();
                if n == 0 { "Ningún error de la tabla coincide.".to_string() } else { plural(n as u64, "error", "errores") }
            }}</p>
            <table class="ss-errores">
                <thead><tr>
                    <th scope="col">"Mensaje de FileZilla"</th>
                    <th scope="col">"Qué significa"</th>
                    <th scope="col">"Solución"</th>
                </tr></thead>
                <tbody>
                    {move || found().into_iter().map(|e| view! {
                        <tr>
                            <td data-label="Mensaje"><code>{e.message}</code></td>
                            <td data-label="Qué significa">{e.meaning}</td>
                            <td data-label="Solución">{e.fix}{e.note.map(|n| view! { <br /><small>{n}</small> })}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
