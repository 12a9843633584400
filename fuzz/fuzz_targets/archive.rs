//! Any bytes as a supervivencia answer archive (ZIP, nested ZIP, CMS envelope), alone and with
//! a query: reading it must never panic nor allocate without bound.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planos_testkit::{query, DAT, QUERY};
use std::sync::LazyLock;

static QUERY_BYTES: LazyLock<Vec<u8>> = LazyLock::new(|| query(&["CC,12345678", "TI,1002003004"]));

fuzz_target!(|data: &[u8]| {
    let _ = planos_co::check_bytes(DAT, data, 1000);
    let _ = planos_co::check_all_bytes(&[(QUERY, &QUERY_BYTES), (DAT, data)], Some(0), 1000);
});
