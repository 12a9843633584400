//! The parallel checker (planos-core) on both flat formats: the report is the one a single
//! thread makes.

use planos_co::formats::rnse::v3539;
use planos_co::formats::{smcs_consulta, Context, Format};
use planos_core::report::FileReport;
use planos_testkit::{query, rnse};
use proptest::prelude::*;

static FILES: [(&Format, &str); 2] = [(&smcs_consulta::FORMAT, query::QUERY), (&v3539::FORMAT, rnse::NAME)];

/// The report of `bytes` fed in chunks cut at `cuts`, each checked on `threads` threads.
fn report(format: &Format, name: &str, bytes: &[u8], cuts: &[usize], threads: usize, limit: usize) -> FileReport {
    let context = Context {
        threads,
        ..Context::new(limit)
    };
    let mut c = format.checker(name, &context).expect("a flat format");
    planos_core::flat::feed_cut(c.as_mut(), bytes, cuts);
    c.finish().into_listed()
}

/// Lines of either format, right and wrong, with every kind of line end.
fn lines() -> impl Strategy<Value = Vec<u8>> {
    let rnse_detail = rnse::detail(1).set(6, "05001").set(8, "10000001");
    // Out of sequence, an unknown municipality, sex X, month 13.
    let rnse_wrong = rnse_detail
        .clone()
        .set(1, 3)
        .set(6, "99999")
        .set(10, "X")
        .set(11, "1980-13-17")
        .set(17, "ACIDO");
    let line = prop_oneof![
        Just(query::control(3).into_bytes()),
        Just(b"2,CC,12345678".to_vec()),
        Just(b"2,cc,1234".to_vec()),
        Just(b"2,PA,AB 12".to_vec()),
        Just(b"3,CC".to_vec()),
        Just(b"".to_vec()),
        Just(rnse::control(2).into_bytes()),
        Just(rnse_detail.to_string().into_bytes()),
        Just(rnse_wrong.to_string().into_bytes()),
        Just(b"\xC9\x1A".to_vec()),
    ];
    let end = prop_oneof![Just(&b"\r\n"[..]), Just(&b"\n"[..]), Just(&b"\r"[..])];
    proptest::collection::vec((line, end), 0..60)
        .prop_map(|v| v.into_iter().flat_map(|(l, e)| [&l[..], e].concat()).collect())
}

proptest! {
    /// On any number of threads, with any chunking and any cap on the findings kept, the
    /// report is the one a single thread makes: same findings, same order, same counts.
    #[test]
    fn threads_change_nothing_in_the_report(
        bytes in lines(),
        cuts in proptest::collection::vec(0usize..400, 0..4),
        threads in 2usize..5,
        limit in 0usize..12,
        pick in 0usize..2,
    ) {
        let (format, name) = FILES[pick];
        let one = report(format, name, &bytes, &cuts, 1, limit);
        prop_assert_eq!(report(format, name, &bytes, &cuts, threads, limit), one);
    }
}
