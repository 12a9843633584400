//! "Corregir" on a file's card: the safe repairs, each with its count and examples, shown
//! before the user downloads the repaired file; then what the check still finds.

use super::download::ExactName;
use super::pool::ask;
use super::pool::WorkerCtx;
use super::protocol::{Download, Signable, ToWorker};
use super::sign::SignPanel;
use leptos::prelude::*;
use planos_core::report::plural;

#[component]
pub fn RepairPanel(index: usize) -> impl IntoView {
    let ctx = expect_context::<WorkerCtx>();
    let file = index as u32;
    let outcome = move || ctx.held.repaired.with(|m| m.get(&file).cloned());
    let propose = move |_| ctx.pool.with_value(|p| ask(p, &ToWorker::Repair { file }));
    let save = move |_| {
        let request = ToWorker::Download(Download::Repaired { file });
        ctx.pool.with_value(|p| ask(p, &request))
    };
    view! {
        <div class="repair">
            <button type="button" class="propose" on:click=propose>"Corregir lo que se puede corregir sin cambiar el contenido"</button>
            {move || outcome().map(|o| {
                let o = match o {
                    Ok(o) => o,
                    Err(e) => return view! { <p class="repair-outcome failed" role="alert">{format!("No se pudo corregir: {e}.")}</p> }.into_any(),
                };
                let nothing = o.applied.is_empty();
                let verdict = if o.errors_left == 0 {
                    "El archivo corregido es válido.".to_string()
                } else {
                    format!("Queda por corregir a mano: {}.", plural(o.errors_left, "error", "errores"))
                };
                let left = o.left.clone();
                view! {
                    <section class="repair-outcome" role="status">
                        {nothing.then(|| view! { <p>"No hay nada que corregir sin cambiar el contenido."</p> })}
                        <ul class="fixes">
                            {o.applied.into_iter().map(|(label, count, examples)| view! {
                                <li><strong>{format!("{label}: {}", planos_core::text::thousands(count))}</strong>
                                    <span class="examples">{format!(" — p. ej. {}", examples.join("; "))}</span></li>
                            }).collect_view()}
                        </ul>
                        <p class="after" class:ok=move || o.errors_left == 0>{verdict}</p>
                        {(!left.is_empty()).then(|| view! {
                            <ul class="left">
                                {left.into_iter().map(|p| view! {
                                    <li><strong>{p.headline()}</strong>" "<small class="code">{p.code.clone()}</small>
                                        <br />{p.message.clone()}</li>
                                }).collect_view()}
                            </ul>
                        })}
                        {(!nothing).then(|| view! {
                            <button type="button" class="save-repaired" on:click=save>{format!("Descargar {}", o.name)}</button>
                            <ExactName name=o.name.clone() />
                            {(o.errors_left == 0).then(|| view! { <SignPanel what=Signable::Repaired { file } name=o.name.clone() /> })}
                        })}
                    </section>
                }
                .into_any()
            })}
        </div>
    }
}
