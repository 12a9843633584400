//! Any bytes as a flat file of each format (query, RNSE report): the checker must never panic,
//! and feeding them in two chunks must give the same report as feeding them whole; "Corregir"
//! must never panic, nor make the file worse (`repair::worse`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use planos_co::formats::rnse::v3539;
use planos_co::formats::{smcs_consulta, Format};
use planos_testkit::{rnse, QUERY};

static NAMES: [(&Format, &str); 2] = [(&smcs_consulta::FORMAT, QUERY), (&v3539::FORMAT, rnse::NAME)];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let (format, name) = NAMES[pick as usize % NAMES.len()];
    let whole = planos_co::check_bytes(name, bytes, 1000);
    let cut = (pick as usize * 7) % (bytes.len() + 1);
    let mut c = format.checker(name, 1000, 1).expect("a flat format");
    c.feed(&bytes[..cut]);
    c.feed(&bytes[cut..]);
    let chunked = c.finish().into_listed();
    assert_eq!(chunked, whole);
    if let Some(r) = planos_co::repair::repair(name, bytes) {
        let after = planos_co::check_bytes(&r.name, &r.bytes, 1000);
        if !whole.truncated && !after.truncated {
            let worse = planos_co::repair::worse(&whole, &r, &after);
            assert!(worse.is_empty(), "«Corregir» made the file worse: {worse:?}");
        }
    }
});
