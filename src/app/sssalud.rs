//! The SSSalud (Argentina) tab: FTP exchange sites, uploads and their answers.

use leptos::prelude::*;

#[component]
pub fn SssaludTool() -> impl IntoView {
    view! { <p class="hint">"SSSalud: en preparación."</p> }
}
