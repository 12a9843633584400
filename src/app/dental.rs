//! The InSSSeP (Chaco, Argentina) tab: the dental budget on an odontogram.

use leptos::prelude::*;

#[component]
pub fn DentalTool() -> impl IntoView {
    view! { <p class="hint">"InSSSeP: en preparación."</p> }
}
