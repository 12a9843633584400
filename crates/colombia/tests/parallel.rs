//! The parallel checker (planos-core) on both flat formats: the report is the one a single
//! thread makes.

use planos_co::formats::rnse::v3539;
use planos_co::formats::{smcs_consulta, Format};
use planos_core::report::FileReport;
use proptest::prelude::*;

static FILES: [(&Format, &str); 2] = [
    (&smcs_consulta::FORMAT, "RUA250SMCS20150601NI000860999123CO014-18.TXT"),
    (&v3539::FORMAT, "REC140RNSE20200131NI000860999123.TXT"),
];

/// The report of `bytes` fed in chunks cut at `cuts`, each checked on `threads` threads.
fn report(format: &Format, name: &str, bytes: &[u8], cuts: &[usize], threads: usize, limit: usize) -> FileReport {
    let mut c = format.checker(name, limit, threads).expect("a flat format");
    planos_core::flat::feed_cut(c.as_mut(), bytes, cuts);
    let mut report = c.finish();
    report.list_all();
    report
}

/// Lines of either format, right and wrong, with every kind of line end.
fn lines() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        Just(&b"1,014-18,2015-05-01,2015-05-31,3,RUA250SMCS20150601NI000860999123CO014-18.TXT"[..]),
        Just(&b"2,CC,12345678"[..]),
        Just(&b"2,cc,1234"[..]),
        Just(&b"2,PA,AB 12"[..]),
        Just(&b"3,CC"[..]),
        Just(&b""[..]),
        Just(&b"1|NI|860999123|EPS001|2020-01-01|2020-01-31|2|RC"[..]),
        Just(&b"2|1|EPS001|NI|900123456|110010123401|05001|CC|10000001|RC|M|1980-05-17|1|J459|||M|ACIDO VALPROICO|1||1|101|"[..]),
        Just(&b"2|3|EPS001|NI|900123456|110010123401|99999|CC|10000001|RC|X|1980-13-17|1|J459|||M|ACIDO|1||1|101|"[..]),
        Just(&b"\xC9\x1A"[..]),
    ];
    let end = prop_oneof![Just(&b"\r\n"[..]), Just(&b"\n"[..]), Just(&b"\r"[..])];
    proptest::collection::vec((line, end), 0..60)
        .prop_map(|v| v.into_iter().flat_map(|(l, e)| [l, e].concat()).collect())
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
