//! No panic on any input, and streaming is invisible: any chunking gives the same report.

use planos_co::formats::{detect, smcs_consulta};
use planos_core::report::DEFAULT_LIMIT;
use planos_testkit::{ani_record, answer_file, query, zip, DAT, QUERY as NAME, RNEC};
use proptest::prelude::*;

fn chunked(bytes: &[u8], cuts: &[usize]) -> planos_core::report::FileReport {
    let mut c = smcs_consulta::FORMAT
        .checker(NAME, &planos_co::formats::Context::new(DEFAULT_LIMIT))
        .expect("a flat format");
    planos_core::flat::feed_cut(c.as_mut(), bytes, cuts);
    c.finish().into_listed()
}

/// Lines close to real ones: the alphabet of the format plus the usual mistakes.
fn near_valid() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        Just(query::control(3).into_bytes()),
        Just(b"2,CC,12345678".to_vec()),
        proptest::collection::vec(
            prop_oneof![
                Just(b','),
                Just(b'1'),
                Just(b'2'),
                Just(b'C'),
                Just(b'A'),
                Just(b' '),
                Just(b'-'),
                Just(b'\r'),
                Just(b'\n'),
                Just(b'\t'),
                Just(b'"'),
                Just(0x1Au8),
                Just(0xC9u8),
                Just(0xC3u8),
                Just(b'a')
            ],
            0..40
        ),
    ];
    proptest::collection::vec(line, 0..30).prop_map(|ls| ls.join(&b"\r\n"[..]))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000), name in "\\PC{0,60}") {
        let r = planos_co::check_bytes(&name, &bytes, DEFAULT_LIMIT);
        prop_assert_eq!(r.valid, r.error_count == 0);
        let _ = detect(&name, &bytes);
    }

    #[test]
    fn any_chunking_gives_the_same_report(bytes in near_valid(), cuts in proptest::collection::vec(0usize..50, 0..20)) {
        let whole = planos_co::check_bytes(NAME, &bytes, DEFAULT_LIMIT);
        let parts = chunked(&bytes, &cuts);
        prop_assert_eq!(whole, parts);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Anything that starts like a ZIP goes through the archive reader: never a panic.
    #[test]
    fn random_archives_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        let r = planos_co::check_bytes(DAT, &bytes, DEFAULT_LIMIT);
        prop_assert!(!r.valid);
    }

    /// A real archive cut anywhere, or with any byte changed, never panics either.
    #[test]
    fn damaged_archives_never_panic(cut in 0usize..2000, flip in 0usize..2000, value in any::<u8>()) {
        let rnec = answer_file(RNEC, 1, &[ani_record("CC,1", "", "VIGENTE")]);
        let mut bytes = zip(&[(RNEC, &rnec)]);
        let flip = flip % bytes.len();
        bytes[flip] = value;
        bytes.truncate(cut.max(1).min(bytes.len()));
        let _ = planos_co::check_bytes(DAT, &bytes, DEFAULT_LIMIT);
    }
}
