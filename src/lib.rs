//! planos — the engine: pure functions over bytes, no I/O, no web types.
//!
//! A file goes bytes → lines ([`text`]) → records and fields checked against the annex tables
//! ([`rules`], [`flat`]) and the format's own rules ([`formats`]) → a [`report::FileReport`].

pub mod flat;
pub mod formats;
pub mod names;
pub mod report;
pub mod rules;
pub mod text;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod app;

use report::FileReport;

/// Checks a whole file held in memory. `path` is reported as given; its last component is the
/// file name the annexes govern.
pub fn check_bytes(path: &str, bytes: &[u8], limit: usize) -> FileReport {
    let Some(format) = formats::detect(path, &bytes[..bytes.len().min(4096)]) else {
        return formats::unknown(path);
    };
    let mut checker = format.checker(path, limit);
    checker.feed(bytes);
    checker.finish()
}
