//! «Firmar» on a valid file, a built file and a repaired one: a small panel where the user
//! chooses the entity's `.p12`/`.pfx` and types its password. Both go to the worker in one
//! message ([`ToWorker::Sign`]); the password is read from its input when «Abrir el certificado»
//! is pressed and the input emptied at once, so no signal ever holds it. The worker answers with
//! who would sign, shown here before anything is signed; «Firmar y descargar» then signs
//! ([`ToWorker::SignConfirm`]) and the `.p7z` is saved as the file's whole name plus `.p7z`;
//! «Cancelar» drops the opened certificate.

use super::download::ExactName;
use super::keys::focus;
use super::pool::{asked, SignState, WorkerCtx};
use super::protocol::{Builder, Signable, ToWorker};
use leptos::html::Input;
use leptos::prelude::*;

/// The `.p12`/`.pfx` files a certificate comes in.
const ACCEPT: &str = ".p12,.pfx,application/x-pkcs12";

/// The ids of a panel's elements start with this.
fn prefix(what: Signable) -> String {
    match what {
        Signable::Checked { file } => format!("firmar-archivo-{file}"),
        Signable::Built(Builder::Smcs) => "firmar-consulta".to_string(),
        Signable::Built(Builder::Rnse) => "firmar-rnse".to_string(),
        Signable::Repaired { file } => format!("firmar-corregido-{file}"),
    }
}

/// A sentence ends with its full stop, once.
fn sentence(s: &str) -> String {
    if s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

#[component]
pub fn SignPanel(what: Signable, name: String) -> impl IntoView {
    let ctx = expect_context::<WorkerCtx>();
    let id = prefix(what);
    let (open, set_open) = signal(false);
    let (missing, set_missing) = signal(false);
    let p12 = NodeRef::<Input>::new();
    let password = NodeRef::<Input>::new();
    let state = move || ctx.held.signed.with(|m| m.get(&what).cloned());
    let go = move || {
        let Some(file) = p12.get().and_then(|i| i.files()).and_then(|l| l.get(0)) else {
            set_missing.set(true);
            return;
        };
        set_missing.set(false);
        let typed = password.get();
        let request = ToWorker::Sign {
            what,
            p12: file,
            password: typed.as_ref().map(|i| i.value()).unwrap_or_default(),
        };
        if let Some(i) = &typed {
            i.set_value("");
        }
        if ctx.pool.with_value(|p| asked(p, &request)) {
            ctx.held.signed.update(|m| {
                m.insert(what, SignState::Working);
            });
        }
    };
    let confirm = move |_| {
        if ctx.pool.with_value(|p| asked(p, &ToWorker::SignConfirm { what })) {
            ctx.held.signed.update(|m| {
                m.insert(what, SignState::Working);
            });
        }
    };
    let cancel = move |_| {
        ctx.pool.with_value(|p| asked(p, &ToWorker::SignCancel));
        ctx.held.signed.update(|m| {
            m.remove(&what);
        });
    };
    // Who would sign is said in the panel's live region; the focus goes to «Firmar y descargar»,
    // so the keyboard's next Enter signs.
    {
        let confirm_id = format!("{id}-confirmar");
        Effect::new(move |_| {
            if matches!(state(), Some(SignState::Ready(_))) {
                let confirm_id = confirm_id.clone();
                request_animation_frame(move || focus(&confirm_id));
            }
        });
    }
    let panel = format!("{id}-panel");
    let first = format!("{id}-p12");
    let toggle = move |_| {
        let now = !open.get_untracked();
        set_open.set(now);
        if now {
            let first = first.clone();
            request_animation_frame(move || focus(&first));
        }
    };
    let (panel_id, p12_id, password_id) = (panel.clone(), format!("{id}-p12"), format!("{id}-clave"));
    view! {
        <div class="sign">
            <button type="button" class="sign-open" id=format!("{id}-abrir")
                aria-expanded=move || open.get().to_string() aria-controls=panel.clone()
                on:click=toggle>"Firmar"</button>
            {move || open.get().then(|| {
                let name = name.clone();
                view! {
                    <section class="sign-panel" id=panel_id.clone() aria-label=format!("Firmar {name}")>
                        <p class="sign-intro">{format!(
                            "Firme {name} con el certificado digital de la entidad: se descarga {name}.p7z. El certificado y su contraseña se usan solo para esta firma, aquí en su computador, y no se guardan."
                        )}</p>
                        <label>"Certificado de la entidad (.p12 o .pfx) "
                            <input type="file" class="sign-p12" id=p12_id.clone() accept=ACCEPT node_ref=p12
                                on:change=move |_| set_missing.set(false) /></label>
                        <label>"Contraseña del certificado "
                            <input type="password" class="sign-password" id=password_id.clone() autocomplete="off" node_ref=password
                                on:keydown=move |e: leptos::ev::KeyboardEvent| if e.key() == "Enter" { e.prevent_default(); go(); } /></label>
                        <button type="button" class="sign-go" on:click=move |_| go()>"Abrir el certificado"</button>
                        <div class="sign-outcome" role="status">
                            {move || missing.get().then(|| view! {
                                <p class="sign-failed">"Elija el archivo .p12 o .pfx del certificado de la entidad."</p>
                            })}
                            {move || state().map(|s| match s {
                                SignState::Working => view! { <p class="signing">"Un momento…"</p> }.into_any(),
                                SignState::Failed(e) => view! { <p class="sign-failed">{format!("No se firmó: {}", sentence(&e))}</p> }.into_any(),
                                SignState::Ready(s) => view! {
                                    <p class="sign-ready">{format!("Va a firmar {}; certificado válido {}.", s.signer, s.validity)}</p>
                                    {s.warning.map(|w| view! { <p class="sign-warning">{sentence(&w)}</p> })}
                                    <button type="button" class="sign-confirm" id=format!("{}-confirmar", prefix(what)) on:click=confirm>"Firmar y descargar"</button>
                                    " "
                                    <button type="button" class="sign-cancel" on:click=cancel>"Cancelar"</button>
                                }.into_any(),
                                SignState::Done(s) => view! {
                                    <p class="signed-by">{format!("Firmado por {}; certificado válido {}.", s.signer, s.validity)}</p>
                                    {s.warning.map(|w| view! { <p class="sign-warning">{sentence(&w)}</p> })}
                                    <p class="signed">{format!("Se descargó {}.", s.name)}</p>
                                    <ExactName name=s.name />
                                }.into_any(),
                            })}
                        </div>
                    </section>
                }
            })}
        </div>
    }
}
