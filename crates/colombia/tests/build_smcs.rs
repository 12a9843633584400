//! The supervivencia query builder: what it builds passes planos' own check, for any list.

use chrono::NaiveDate;
use planos_co::build::smcs::{build, build_table, guess_columns, parse_list, table_rows, titled, Choices, Header, Row};
use planos_co::build::table::Table;
use planos_core::report::DEFAULT_LIMIT;
use planos_testkit::query::Query;
use proptest::prelude::*;

fn header() -> Header {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    Header {
        nit: "860.999.123".into(),
        entity: "014-18".into(),
        date: d("2015-06-01"),
        start: d("2015-05-01"),
        end: d("2015-05-31"),
    }
}

#[test]
fn a_list_pasted_from_excel_becomes_the_exact_file() {
    let rows = parse_list("Tipo\tNúmero\r\nCC\t12.345.678\r\n\r\nti;1002003004\nc.c. 87654321\nRC,1234567A\n");
    assert_eq!(rows.len(), 4);
    let built = build(&header(), &rows, Choices::default());
    let (name, bytes) = built.file.expect("a file");
    assert_eq!(name, "RUA250SMCS20150601NI000860999123CO014-18.TXT");
    assert_eq!(
        String::from_utf8(bytes.clone()).unwrap(),
        Query::of(&["CC,12345678", "TI,1002003004", "CC,87654321", "RC,1234567A"]).text()
    );
    let report = planos_co::check_bytes(&name, &bytes, DEFAULT_LIMIT);
    assert!(report.valid && report.warning_count == 0, "{:?}", report.errors);
}

#[test]
fn rows_that_cannot_be_fixed_are_listed_and_left_out_only_when_asked() {
    let rows = parse_list("CC,12345678\nCC,1234A678\nXX,123\nTI,12\nCE,\n");
    let built = build(&header(), &rows, Choices::default());
    assert!(built.file.is_none());
    let refused: Vec<usize> = built.refused.iter().map(|r| r.row).collect();
    assert_eq!(refused, [2, 3, 4, 5]);
    assert!(
        built.refused[0].reason.contains("solo puede tener dígitos"),
        "{}",
        built.refused[0].reason
    );
    assert!(built.refused[1].reason.contains("«XX»"), "{}", built.refused[1].reason);
    assert!(
        built.refused[2].reason.contains("10 u 11"),
        "{}",
        built.refused[2].reason
    );
    let built = build(
        &header(),
        &rows,
        Choices {
            drop_refused: true,
            ..Choices::default()
        },
    );
    let (_, bytes) = built.file.expect("a file without them");
    assert!(String::from_utf8(bytes)
        .unwrap()
        .starts_with("1,014-18,2015-05-01,2015-05-31,1,"));
}

#[test]
fn repeated_documents_are_reported_and_removed_on_request() {
    let rows = parse_list("CC,12345678\nCC,12.345.678\nTI,1002003004\n");
    let kept = build(&header(), &rows, Choices::default());
    assert_eq!(
        (
            kept.people,
            kept.repeated.len(),
            kept.repeated[0].row,
            kept.repeated[0].first
        ),
        (3, 1, 2, 1)
    );
    let dropped = build(
        &header(),
        &rows,
        Choices {
            drop_repeated: true,
            ..Choices::default()
        },
    );
    assert_eq!(dropped.people, 2);
}

#[test]
fn a_wrong_header_builds_nothing_and_says_why() {
    let mut h = header();
    h.nit = "860999123-4".into();
    h.entity = "14-18".into();
    h.start = h.end.succ_opt().unwrap();
    let built = build(&h, &parse_list("CC,12345678"), Choices::default());
    assert!(built.file.is_none());
    assert_eq!(built.header.len(), 3, "{:?}", built.header);
    assert!(built.header[0].contains("dígito de verificación"));
    // An empty NIT is missing, not a NIT of the wrong length.
    h = header();
    h.nit = " ".into();
    let built = build(&h, &parse_list("CC,12345678"), Choices::default());
    assert_eq!(built.header.len(), 1, "{:?}", built.header);
    assert!(
        built.header[0].starts_with("Falta el NIT de la entidad"),
        "{:?}",
        built.header
    );
}

#[test]
fn a_first_row_of_titles_is_told_apart_from_a_person() {
    let with_titles = Table::from_rows([["Tipo", "Número"], ["CC", "12345678"]]);
    assert!(titled(&with_titles, (0, 1)));
    assert!(!titled(&Table::from_rows([["CC", "12345678"]]), (0, 1)));
    assert!(!titled(&Table::default(), (0, 1)));
}

/// A workbook as people keep them: a name first, then the document's type and number (a
/// number cell, as Excel stores digits typed in), titles on the first row.
fn workbook(people: &[(&str, &str, u64)]) -> Vec<u8> {
    use planos_core::xlsx::{write, Cell};
    let columns = [
        ("Nombre", 30.0),
        ("Tipo de documento", 10.0),
        ("Número de documento", 20.0),
    ];
    let rows = people
        .iter()
        .map(|(name, t, n)| [Cell::Text(name), Cell::Text(t), Cell::Number(*n)]);
    write(std::io::Cursor::new(Vec::new()), "Afiliados", &columns, rows)
        .unwrap()
        .into_inner()
}

#[test]
fn a_workbook_becomes_the_same_file_with_its_columns_recognised_or_chosen() {
    let book = workbook(&[
        ("ANA", "CC", 12345678),
        ("LUIS", "ti", 1002003004),
        ("EVA", "CC", 87654321),
    ]);
    // Written for the browser test, which uploads it (tests/e2e/build.test.mjs).
    let dir = planos_testkit::repo_root().join("target").join("e2e-fixtures");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("afiliados.xlsx"), &book).unwrap();

    let table = Table::read("afiliados.xlsx", &book).unwrap();
    assert_eq!(table.row(2).collect::<Vec<_>>(), ["LUIS", "ti", "1002003004"]);
    assert_eq!(guess_columns(&table), (1, 2));
    assert_eq!(table_rows(&table, 1, 2).map(|r| r.0).collect::<Vec<_>>(), [2, 3, 4]);
    let built = build_table(&header(), &table, (1, 2), Choices::default());
    let (name, bytes) = built.file.expect("a file");
    assert_eq!(
        String::from_utf8(bytes.clone()).unwrap(),
        Query::of(&["CC,12345678", "TI,1002003004", "CC,87654321"]).text()
    );
    assert!(planos_co::check_bytes(&name, &bytes, DEFAULT_LIMIT).valid);
    // Columns given by hand, wrongly: the names are refused, each with its row.
    let wrong = build_table(&header(), &table, (0, 2), Choices::default());
    assert!(wrong.file.is_none());
    assert_eq!(wrong.refused.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 3, 4]);
}

#[test]
fn a_list_file_that_is_not_a_workbook_says_so() {
    let err = Table::read("lista.xlsx", b"PK\x03\x04\x14\x00garbage").unwrap_err();
    assert!(
        err.contains("no se pudo leer «lista.xlsx» como libro de Excel"),
        "{err}"
    );
    // Semicolons and quotes as Excel exports CSV in Spanish; a first row of titles.
    let table = Table::read("l.csv", "Tipo;Número\r\n\"CC\";\"1.234.567\"\r\n".as_bytes()).unwrap();
    let rows: Vec<_> = table_rows(&table, 0, 1).collect();
    assert_eq!(rows, [(2, "CC", "1.234.567")]);
}

fn any_row() -> impl Strategy<Value = (String, String)> {
    (
        prop_oneof![
            Just("CC"),
            Just("TI"),
            Just("RC"),
            Just("CE"),
            Just("PA"),
            Just("CD"),
            Just("cc"),
            Just("X"),
            Just("C.C.")
        ],
        "[0-9A-Za-zÑñ .,;\"-]{0,20}",
    )
        .prop_map(|(t, n)| (t.to_string(), n))
}

proptest! {
    /// Whatever the list, what the builder builds passes the check, holds exactly the people it
    /// kept, and every row is accounted for.
    #[test]
    fn whatever_is_built_passes_the_check(rows in proptest::collection::vec(any_row(), 0..60), drop_repeated in any::<bool>()) {
        let rows: Vec<Row> = rows.into_iter().enumerate().map(|(i, (doc_type, number))| Row { row: i + 1, doc_type, number }).collect();
        let choices = Choices { drop_refused: true, drop_repeated };
        let built = build(&header(), &rows, choices);
        let dropped = if drop_repeated { built.repeated.len() } else { 0 };
        prop_assert_eq!(built.people + built.refused.len() + dropped, rows.len());
        match built.file {
            Some((name, bytes)) => {
                let report = planos_co::check_bytes(&name, &bytes, DEFAULT_LIMIT);
                prop_assert!(report.valid && report.warning_count == 0, "{:?}", report.errors);
                prop_assert_eq!(report.records as usize, built.people + 1);
            }
            None => prop_assert_eq!(built.people, 0),
        }
    }
}
