//! Any bytes as a signed envelope (`.p7z`): opening it, verifying its signature and following its
//! chain must never panic, with the shipped roots or none.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planos_sign::TrustStore;

fuzz_target!(|data: &[u8]| {
    static ROOTS: std::sync::OnceLock<TrustStore> = std::sync::OnceLock::new();
    let roots = ROOTS.get_or_init(TrustStore::accredited);
    let _ = planos_sign::open(data, roots, 1_800_000_000);
    let _ = planos_sign::open(data, &TrustStore::empty(), 0);
});
