//! "Configurar FileZilla": RNOS / RNEMP and the sites → a `sitemanager.xml` to import.

use super::download::save;
use leptos::prelude::*;
use planos_ar::sssalud::filezilla::{plan, sitemanager_xml, Logon, Request, FOLDER};
use planos_ar::sssalud::sites::{Registry, SITES};
use planos_core::report::plural;

#[component]
pub fn FileZillaSetup() -> impl IntoView {
    let rnos = RwSignal::new(String::new());
    let rnemp = RwSignal::new(String::new());
    // Obras sociales are the common case: their four sites are ticked, Prepagas is not.
    let chosen = RwSignal::new(
        SITES
            .iter()
            .filter(|s| s.user == Registry::Rnos)
            .map(|s| s.key)
            .collect::<Vec<_>>(),
    );
    let (logon, set_logon) = signal(Logon::Ask);
    let (outcome, set_outcome) = signal(None::<Result<String, Vec<String>>>);
    let generate = move |_| {
        let request = Request {
            rnos: rnos.get_untracked(),
            rnemp: rnemp.get_untracked(),
            sites: chosen.get_untracked().iter().map(|k| k.to_string()).collect(),
            logon: logon.get_untracked(),
        };
        if request.sites.is_empty() {
            set_outcome.set(Some(Err(vec!["Elija al menos un sitio.".into()])));
            return;
        }
        set_outcome.set(Some(plan(&request).map(|planned| {
            save(
                "sitemanager.xml",
                "application/xml",
                &sitemanager_xml(&planned, request.logon),
            );
            let names: Vec<_> = planned.iter().map(|p| p.site.name).collect();
            format!(
                "Listo: sitemanager.xml con {} ({}).",
                plural(planned.len() as u64, "sitio", "sitios"),
                names.join(", ")
            )
        })));
    };
    let toggle = move |key: &'static str| {
        move |e| {
            let on = event_target_checked(&e);
            chosen.update(|c| {
                c.retain(|k| *k != key);
                if on {
                    c.push(key);
                }
            });
        }
    };
    view! {
        <section class="ss-card" id="ss-filezilla" aria-labelledby="ss-filezilla-titulo">
            <h2 id="ss-filezilla-titulo">"Configurar FileZilla"</h2>
            <p class="hint">"planos arma el archivo de sitios de FileZilla con los datos del manual: servidor, puerto 21, «Require explicit FTP over TLS», modo pasivo, una sola conexión a la vez (el FTP permite una por usuario) y su número como usuario."</p>
            <div class="ss-form">
                <label class="ss-field">"N.º de RNOS (obra social) "
                    <input id="ss-rnos" inputmode="numeric" placeholder="999998" autocomplete="off"
                        on:input=move |e| rnos.set(event_target_value(&e)) /></label>
                <label class="ss-field">"N.º de RNEMP (prepaga) "
                    <input id="ss-rnemp" inputmode="numeric" placeholder="999998" autocomplete="off"
                        on:input=move |e| rnemp.set(event_target_value(&e)) /></label>
                <fieldset class="ss-sites">
                    <legend>"Sitios"</legend>
                    {SITES.iter().map(|s| {
                        let key = s.key;
                        view! {
                            <label><input type="checkbox" id=format!("ss-sitio-{key}")
                                prop:checked=move || chosen.with(|c| c.contains(&key))
                                on:change=toggle(key) />
                                {format!(" {} (usuario: {})", s.name, s.user.label())}</label>
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset class="ss-logon">
                    <legend>"Contraseña"</legend>
                    <label><input type="radio" name="ss-logon" id="ss-pedir" checked
                        on:change=move |_| set_logon.set(Logon::Ask) />
                        " Pedirla al conectar (recomendado: no queda guardada en ningún lado)"</label>
                    <label><input type="radio" name="ss-logon" id="ss-normal"
                        on:change=move |_| set_logon.set(Logon::Normal) />
                        " «Normal», como dice el manual: la escribe una vez en el Gestor de sitios de FileZilla"</label>
                </fieldset>
                <button type="button" id="ss-generar" on:click=generate>"Descargar sitemanager.xml"</button>
            </div>
            {move || outcome.get().map(|o| match o {
                Ok(done) => view! {
                    <div class="ss-fz-done" role="status">
                        <p class="ss-ok">{done}</p>
                        <ol>
                            <li>"En FileZilla: menú Archivo → Importar… y elija el sitemanager.xml descargado."</li>
                            <li>{format!("Los sitios quedan en la carpeta «{FOLDER}» del Gestor de sitios; conéctese con «Conectar».")}</li>
                            <li>"Antes de subir un archivo: Transferencia → Tipo de transferencia → Binario (FileZilla no lo guarda por sitio)."</li>
                        </ol>
                    </div>
                }.into_any(),
                Err(problems) => view! {
                    <ul class="ss-fz-problems" role="alert">
                        {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                }.into_any(),
            })}
            <details class="ss-sites-table">
                <summary>"Los cinco sitios según el manual"</summary>
                <table>
                    <thead><tr>
                        <th scope="col">"Sitio"</th><th scope="col">"Servidor"</th><th scope="col">"Puerto"</th>
                        <th scope="col">"Usuario"</th><th scope="col">"Archivo"</th><th scope="col">"Carpeta (ejemplo del manual)"</th>
                    </tr></thead>
                    <tbody>
                        {SITES.iter().map(|s| view! {
                            <tr>
                                <td>{s.name}</td><td><code>{s.host}</code></td><td>{s.port}</td>
                                <td>{s.user.label()}</td><td>{s.extension.label()}</td>
                                <td><code>{s.folder(Some(example(s))).unwrap_or_default()}</code></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="hint">{format!("Firewall: puertos 20, 21 y {} hacia cada servidor (manual, «Aspectos técnicos de la conexión»).", planos_ar::sssalud::sites::TRANSFER_PORTS)}</p>
            </details>
        </section>
    }
}

/// The period of the manual's example folder for each site (201707, 2017-2, 2017-Trim-4, 2017-Sem-2).
fn example(site: &planos_ar::sssalud::sites::Site) -> planos_ar::sssalud::sites::Period {
    use planos_ar::sssalud::sites::{Folders, Period};
    let number = match site.folders {
        Folders::Month => 7,
        Folders::Quarter => 4,
        _ => 2,
    };
    Period { year: 2017, number }
}
