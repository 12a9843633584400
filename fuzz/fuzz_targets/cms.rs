//! Any bytes as a CMS SignedData envelope: opening and verifying must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = planos_core::signed::open(data);
});
