//! The `planos` command line. (The page is the `planos-web` crate in `web/`.)

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::main(std::env::args_os().skip(1).collect()));
}

/// On wasm32 the entry point is the page's (`web/src/main.rs`).
#[cfg(target_arch = "wasm32")]
fn main() {}
