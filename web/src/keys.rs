//! Arrow keys in the page's groups of buttons (the tabs, the odontogram, the faces): each group
//! is one tab stop (its active button has `tabindex="0"`, the rest `-1`) and the arrows move the
//! focus inside it, as the WAI-ARIA patterns for tabs and toolbars say.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where a key moves from position `at` of a row of `len` buttons: Left and Right one step
/// (round the ends when `wrap`), Home and End to the row's ends; `None` for another key or
/// where it cannot move.
pub fn step(key: &str, at: usize, len: usize, wrap: bool) -> Option<usize> {
    let last = len.checked_sub(1)?;
    match key {
        "ArrowRight" if at < last => Some(at + 1),
        "ArrowRight" if wrap => Some(0),
        "ArrowLeft" if at > 0 => Some(at - 1),
        "ArrowLeft" if wrap => Some(last),
        "Home" => Some(0),
        "End" => Some(last),
        _ => None,
    }
}

/// Moves the keyboard's focus to the element with id `id`.
pub fn focus(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The roving tabindex: "0" for the group's active button, "-1" for the others.
pub fn stop(active: bool) -> &'static str {
    if active {
        "0"
    } else {
        "-1"
    }
}
