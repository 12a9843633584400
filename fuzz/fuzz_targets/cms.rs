//! Any bytes as a signed envelope (`.p7z`): opening it (in memory and from a seekable source),
//! verifying its signature and following its chain must never panic, with the shipped roots or
//! none; nor checking it as a `.p7z` the way the CLI and the page do.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planos_sign::TrustStore;

fuzz_target!(|data: &[u8]| {
    static ROOTS: std::sync::OnceLock<TrustStore> = std::sync::OnceLock::new();
    let roots = ROOTS.get_or_init(TrustStore::accredited);
    let _ = planos_sign::open(data, roots, 1_800_000_000);
    let _ = planos_sign::open(data, &TrustStore::empty(), 0);
    let _ = planos_sign::open_from(&mut std::io::Cursor::new(data), data.len() as u64, roots, 0);
    let _ = planos_co::check_bytes("RUA250SMCS20150601NI000860999123CO014-18.TXT.p7z", data, 100);
});
