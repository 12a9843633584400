//! The `planos` binary: the command line natively, the page's entry point on wasm32.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(planos::cli::main(std::env::args_os().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {
    planos::app::start();
}
