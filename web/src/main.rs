//! The page's wasm entry point: the same module mounts the UI in the page and runs the checks
//! in its Web Worker (see [`planos_web::start`]).

#[cfg(target_arch = "wasm32")]
fn main() {
    planos_web::start();
}

/// Natively there is no page; the command line is the `planos` crate's binary.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
