//! The denied-services report builder (Res. 3539/2019): from a list with titles to the exact
//! file, and whatever it builds passes planos' own check.

use chrono::NaiveDate;
use planos_co::build::rnse::{build, guess_mapping, Header, FIELDS};
use planos_co::build::table::{from_text, Table};
use planos_core::report::DEFAULT_LIMIT;
use planos_testkit::rnse::{detail, Report};
use proptest::prelude::*;

fn header() -> Header {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    Header {
        nit: "860.999.123".into(),
        eps: "eps001".into(),
        start: d("2020-01-01"),
        end: d("2020-01-31"),
        regimen: "RC".into(),
    }
}

/// Titles as an EPS's own spreadsheet might have them, in its own order.
const TITLES: &str = "Causa;Tipo doc usuario;Documento usuario;Régimen;Sexo;Fecha nacimiento;Ámbito;Diagnóstico principal;Relacionado 1;Relacionado 2;Tipo servicio;Código servicio;Tipo medicamento;Dispositivo;Tipo prestación;Otros motivos;Tipo id prestador;Número prestador;Código habilitación;Municipio";

/// A valid row in the order of [`TITLES`], with Excel's habits: lost leading zero, day/month
/// dates, thousands separators, accents and lower case.
fn row(document: &str) -> String {
    format!("101;cc;{document};RC;m;17/05/1980;1;J459;;;M;Ácido valproico;1;;1;;NI;900.123.456;110010123401;5001")
}

fn table(rows: &[String]) -> Table {
    from_text(&format!("{TITLES}\r\n{}\r\n", rows.join("\r\n")))
}

#[test]
fn a_list_with_titles_becomes_the_exact_file() {
    let t = table(&[row("12345678"), row("87654321")]);
    let mapping = guess_mapping(&t);
    assert_eq!(mapping[21], Some(0), "Causa");
    assert_eq!(mapping[6], Some(19), "Municipio");
    assert_eq!(mapping[4], Some(17), "Número prestador");
    assert_eq!(mapping[13], Some(7), "Diagnóstico principal");
    let built = build(&header(), &t, &mapping, false);
    let (name, bytes) = built.file.clone().expect("a file");
    assert_eq!(name, "REC140RNSE20200131NI000860999123.TXT");
    // The kit's denial, in Medellín (the row's 5001).
    let medellin = |n| detail(n).set(6, "05001");
    assert_eq!(
        String::from_utf8(bytes.clone()).unwrap(),
        Report::of([medellin(1), medellin(2).set(8, "87654321")]).text()
    );
    let report = planos_co::check_bytes(&name, &bytes, DEFAULT_LIMIT);
    assert!(report.valid, "{:?}", report.errors);
    let changes: Vec<&str> = built.changes.iter().map(|(l, _)| l.as_str()).collect();
    assert!(changes.iter().any(|l| l.contains("cero inicial")), "{changes:?}");
}

#[test]
fn a_sex_column_with_f_is_warned_that_m_means_mujer_here() {
    let t = table(&[row("12345678"), row("87654321").replace(";m;", ";F;")]);
    let built = build(&header(), &t, &guess_mapping(&t), false);
    assert_eq!(built.cautions.len(), 1, "{:?}", built.cautions);
    assert!(built.cautions[0]
        .starts_with("La columna de sexo trae «F» en 1 fila: en este anexo M significa mujer y H hombre"));
    // F is not a value of the annex: the row is refused, its message says what M and H mean.
    assert!(built.file.is_none() && built.refused[0].reasons[0].contains("M (mujer), H (hombre)"));
    let t = table(&[row("12345678")]);
    assert!(build(&header(), &t, &guess_mapping(&t), false).cautions.is_empty());
}

#[test]
fn rows_with_errors_are_told_by_their_row_and_left_out_only_when_asked() {
    let bad = row("12345678").replace(";m;", ";X;");
    let t = table(&[row("1"), bad, row("3")]);
    let mapping = guess_mapping(&t);
    let built = build(&header(), &t, &mapping, false);
    assert!(built.file.is_none());
    assert_eq!(built.refused.len(), 1);
    assert_eq!(built.refused[0].row, 3);
    assert!(built.refused[0].reasons[0].contains("Sexo"), "{:?}", built.refused);
    let built = build(&header(), &t, &mapping, true);
    let (name, bytes) = built.file.expect("built without row 3");
    assert_eq!(built.records, 2);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains("\r\n2|2|EPS001|") && !text.contains("|X|"),
        "renumbered: {text}"
    );
    assert!(planos_co::check_bytes(&name, &bytes, DEFAULT_LIMIT).valid);
}

#[test]
fn a_wrong_header_or_a_missing_required_column_builds_nothing_and_says_why() {
    let t = table(&[row("1")]);
    let mut mapping = guess_mapping(&t);
    mapping[10] = None;
    let mut h = header();
    h.end = NaiveDate::from_ymd_opt(2020, 1, 30).unwrap();
    h.regimen = String::new();
    let built = build(&h, &t, &mapping, true);
    assert!(built.file.is_none());
    let said = built.header.join("\n");
    assert!(said.contains("último día del mes"), "{said}");
    assert!(said.contains("RC o RS"), "{said}");
    assert!(said.contains("campo 10, «Sexo del usuario»"), "{said}");
}

/// A value for detail field `no`: mostly right, sometimes what users get wrong.
fn any_value(no: usize) -> BoxedStrategy<String> {
    let good: &[&str] = match no {
        3 => &["NI", "CC", "ni"],
        4 => &["900123456", "900.123.456"],
        5 => &["110010123401"],
        6 => &["11001", "5001", "05001", "99999"],
        7 => &["CC", "TI", "RC", "XX"],
        8 => &["12345678", "1002003004"],
        9 => &["RC", "RS", "CM"],
        10 => &["M", "H", "h"],
        11 => &["1980-05-17", "17/05/1980", "1980-02-30"],
        12 => &["1", "5", "9"],
        13 => &["J459", "K021", "Z"],
        14 | 15 => &["", "I10X"],
        16 => &["M", "P", "D"],
        17 => &["ACIDO VALPROICO", "890201"],
        18 => &["", "1", "3"],
        19 => &["", "0", "1"],
        20 => &["", "1", "2"],
        21 => &["101", "1A"],
        _ => &["", "Más de una razón"],
    };
    prop_oneof![4 => proptest::sample::select(good).prop_map(str::to_string), 1 => "[ -~ÁÉñ]{0,6}"].boxed()
}

fn any_row() -> impl Strategy<Value = Vec<String>> {
    (3..FIELDS).map(any_value).collect::<Vec<_>>()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Whatever the list, leaving out the rows with errors: what is built passes the check,
    /// holds every other row, and every row is accounted for.
    #[test]
    fn whatever_is_built_passes_the_check(rows in proptest::collection::vec(any_row(), 0..25)) {
        let titles: Vec<String> = (3..FIELDS).map(|no| format!("campo {no}")).collect();
        let t = Table::from_rows(std::iter::once(&titles).chain(&rows));
        let mapping: Vec<Option<usize>> = (0..FIELDS).map(|no| no.checked_sub(3)).collect();
        let built = build(&header(), &t, &mapping, true);
        prop_assert!(built.header.is_empty(), "{:?}", built.header);
        let nonempty = rows.iter().filter(|r| r.iter().any(|c| !c.trim().is_empty())).count();
        prop_assert_eq!(built.records + built.refused_count, nonempty);
        match built.file {
            Some((name, bytes)) => {
                let report = planos_co::check_bytes(&name, &bytes, DEFAULT_LIMIT);
                prop_assert!(report.valid, "{:?}", report.errors);
                prop_assert_eq!(report.records as usize, built.records + 1);
            }
            None => prop_assert_eq!(built.records, 0),
        }
    }
}
