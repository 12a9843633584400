//! Every rule of Res. 1537/2015 for the query file (1.1.1, 1.2.1, 2), each with a test that
//! fails without it.

use planos_co::check_bytes;
use planos_core::report::{FileReport, Severity, DEFAULT_LIMIT};
use planos_testkit::query::{control, query, Query, QUERY as NAME};

fn check(name: &str, bytes: &[u8]) -> FileReport {
    check_bytes(name, bytes, DEFAULT_LIMIT)
}

/// (code, line, field) of every finding.
fn found(name: &str, bytes: &[u8]) -> Vec<(String, u64, Option<u32>)> {
    check(name, bytes)
        .errors
        .into_iter()
        .map(|d| (d.code.into_owned(), d.line, d.field))
        .collect()
}

fn one(code: &str, line: u64, field: Option<u32>) -> Vec<(String, u64, Option<u32>)> {
    vec![(code.to_string(), line, field)]
}

/// Findings for a valid file with one more detail record, `bad`, at line 3 (any bytes).
fn details(bad: impl AsRef<[u8]>) -> Vec<(String, u64, Option<u32>)> {
    found(NAME, &Query::of(&["CC,12345678"]).record(bad).bytes())
}

#[test]
fn a_valid_file_passes() {
    let r = check(
        NAME,
        &query(&[
            "CC,12345678",
            "TI,1002003004",
            "RC,A1234567",
            "PA,AB123",
            "CE,123456",
            "CD,99",
        ]),
    );
    assert!(r.valid, "{:?}", r.errors);
    assert!(r.errors.is_empty());
    assert_eq!(r.records, 7);
    assert_eq!(r.format.as_deref(), Some("smcs-consulta"));
    assert_eq!(
        r.format_name.as_deref(),
        Some("Consulta masiva de supervivencia — Res. 1537/2015")
    );
}

// ---- 1.1.1 file name -------------------------------------------------------------------

fn name_findings(name: &str) -> Vec<String> {
    let r = check(name, &Query::of(&["CC,12345678"]).name(name).bytes());
    r.errors
        .iter()
        .filter(|d| d.line == 0)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect()
}

#[test]
fn name_accepts_lower_case_extension() {
    assert!(name_findings("RUA250SMCS20150601NI000860999123CO014-18.txt").is_empty());
}

#[test]
fn name_length_is_44() {
    let f = name_findings("RUA250SMCS20150601NI00086099912CO014-18.TXT");
    assert!(f[0].starts_with("NOMBRE-LONGITUD"), "{f:?}");
}

#[test]
fn a_file_saved_under_another_name_is_told_its_name_once() {
    let r = check("consulta_mayo.txt", &query(&["CC,12345678"]));
    let found: Vec<_> = r.errors.iter().map(|d| (&*d.code, d.line, &*d.message)).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), ("NOMBRE-ARCHIVO", 0));
    assert!(found[0].2.starts_with(&format!(
        "El archivo debe llamarse exactamente {NAME} (así lo indica su registro de control)"
    )));
    // "Corregir" gives it that name, its content unchanged.
    let bytes = query(&["CC,12345678"]);
    let r = planos_co::repair::repair("consulta_mayo.txt", &bytes).unwrap();
    assert_eq!((r.name.as_str(), r.bytes.as_slice()), (NAME, bytes.as_slice()));
}

#[test]
fn name_components_each_checked() {
    let cases = [
        ("RUB250SMCS20150601NI000860999123CO014-18.TXT", "Módulo de información"),
        ("RUA251SMCS20150601NI000860999123CO014-18.TXT", "Tipo de fuente"),
        ("RUA250SMCX20150601NI000860999123CO014-18.TXT", "Tema de información"),
        ("RUA250SMCS20150231NI000860999123CO014-18.TXT", "Fecha de corte"),
        ("RUA250SMCS20151301NI000860999123CO014-18.TXT", "Fecha de corte"),
        (
            "RUA250SMCS20150601CC000860999123CO014-18.TXT",
            "Tipo de identificación de la entidad",
        ),
        (
            "RUA250SMCS20150601NI00086099912ACO014-18.TXT",
            "Número de identificación",
        ),
        ("RUA250SMCS20150601NI000860999123XX014-18.TXT", "Indicador de código"),
        ("RUA250SMCS20150601NI000860999123CO014_18.TXT", "Código de la entidad"),
        ("RUA250SMCS20150601NI000860999123CO014-18.CSV", "Extensión del archivo"),
    ];
    for (name, component) in cases {
        let f = name_findings(name);
        assert_eq!(f.len(), 1, "{name}: {f:?}");
        assert!(
            f[0].starts_with("NOMBRE-COMPONENTE") && f[0].contains(component),
            "{name}: {f:?}"
        );
    }
}

// ---- 2. characteristics of flat files ---------------------------------------------------

#[test]
fn utf8_bom_is_an_error_at_line_1() {
    let b = Query::of(&["CC,12345678"]).bom().bytes();
    assert_eq!(found(NAME, &b), one("TEXTO-BOM", 1, None));
}

#[test]
fn eof_character_is_an_error_where_it_is() {
    let b = Query::of(&["CC,12345678"]).eof_char().bytes();
    assert_eq!(found(NAME, &b), one("TEXTO-FIN-ARCHIVO", 3, None));
    let b = Query::of(&["CC,12345678"]).unterminated().eof_char().bytes();
    assert_eq!(found(NAME, &b), one("TEXTO-FIN-ARCHIVO", 2, None));
    assert_eq!(details("2,CC,123\x1A45"), one("TEXTO-FIN-ARCHIVO", 3, Some(2)));
}

#[test]
fn tab_and_other_separators_are_errors() {
    assert_eq!(details("2,CC,1234\t5678"), one("TEXTO-SEPARADOR", 3, Some(2)));
    assert_eq!(details("2,CC,1234;5678"), one("TEXTO-SEPARADOR", 3, Some(2)));
    assert_eq!(details("2,CC,1234|5678"), one("TEXTO-SEPARADOR", 3, Some(2)));
}

#[test]
fn quotes_are_errors() {
    assert_eq!(details("2,CC,\"12345678\""), one("TEXTO-COMILLAS", 3, Some(2)));
    assert_eq!(details(b"2,CC,\x9312345678\x94"), one("TEXTO-COMILLAS", 3, Some(2)));
}

#[test]
fn lower_case_is_an_error() {
    assert_eq!(details("2,cc,12345678"), one("TEXTO-MINUSCULAS", 3, Some(1)));
}

#[test]
fn accents_are_errors_in_ansi_and_utf8_is_named() {
    assert_eq!(details(b"2,PA,P\xC9REZ1"), one("TEXTO-TILDES", 3, Some(2)));
    assert_eq!(
        found(NAME, &query(&["CC,12345678", "PA,PÉREZ1"])),
        one("TEXTO-CODIFICACION", 3, Some(2))
    );
}

#[test]
fn enie_and_special_characters_are_errors() {
    assert_eq!(details(b"2,PA,PE\xD1A1"), one("TEXTO-ESPECIAL", 3, Some(2)));
    assert_eq!(details("2,PA,AB#12"), one("TEXTO-ESPECIAL", 3, Some(2)));
    assert_eq!(details("2,PA,AB\x0012"), one("TEXTO-ESPECIAL", 3, Some(2)));
}

#[test]
fn empty_lines_are_errors_but_one_final_terminator_is_fine() {
    let b = format!("{}\r\n\r\n2,CC,12345678\r\n", control(1));
    assert_eq!(found(NAME, b.as_bytes()), one("TEXTO-LINEA-VACIA", 2, None));
    let b = format!("{}\r\n2,CC,12345678\r\n\r\n", control(1));
    assert_eq!(found(NAME, b.as_bytes()), one("TEXTO-LINEA-VACIA", 3, None));
    let b = Query::of(&["CC,12345678"]).unterminated().bytes();
    assert!(found(NAME, &b).is_empty());
}

#[test]
fn lf_and_cr_alone_also_end_records() {
    for sep in ["\n", "\r"] {
        let b = Query::of(&["CC,12345678", "TI,1002003004"]).line_end(sep).bytes();
        let r = check(NAME, &b);
        assert!(r.valid, "{sep:?}: {:?}", r.errors);
        assert_eq!(r.records, 3);
    }
}

#[test]
fn padding_with_spaces_is_an_error() {
    assert_eq!(details("2,CC, 12345678"), one("TEXTO-RELLENO", 3, Some(2)));
    assert_eq!(details("2,CC,12345678 "), one("TEXTO-RELLENO", 3, Some(2)));
}

// ---- 1.2.1.1 control record ---------------------------------------------------------------

/// Findings for a valid file whose control field `no` says `value`.
fn with_control(no: usize, value: &str) -> Vec<(String, u64, Option<u32>)> {
    found(NAME, &Query::of(&["CC,12345678"]).control_field(no, value).bytes())
}

#[test]
fn control_entity_must_match_the_name() {
    assert_eq!(with_control(1, "014-19"), one("SMCS-CTL-ENTIDAD", 1, Some(1)));
}

#[test]
fn control_dates_must_be_real() {
    assert_eq!(with_control(2, "2015-02-29"), one("CAMPO-FECHA", 1, Some(2)));
    assert_eq!(with_control(3, "31/05/2015"), one("CAMPO-FECHA", 1, Some(3)));
}

#[test]
fn period_end_before_start_is_a_warning() {
    let r = check(
        NAME,
        &Query::of(&["CC,12345678"]).period("2015-05-31", "2015-05-01").bytes(),
    );
    assert!(r.valid);
    assert_eq!(r.errors.len(), 1);
    assert_eq!(
        (r.errors[0].code.as_ref(), r.errors[0].severity, r.errors[0].field),
        ("SMCS-CTL-PERIODO", Severity::Warning, Some(3))
    );
}

#[test]
fn total_must_equal_the_detail_records() {
    assert_eq!(with_control(4, "2"), one("SMCS-CTL-TOTAL", 1, Some(4)));
    assert_eq!(with_control(4, "1.0"), one("CAMPO-NUMERICO", 1, Some(4)));
    assert_eq!(with_control(4, "123456789"), one("CAMPO-LONGITUD", 1, Some(4)));
}

#[test]
fn control_names_the_file_itself() {
    let other = "RUA250SMCS20150602NI000860999123CO014-18.TXT";
    assert_eq!(with_control(5, other), one("SMCS-CTL-NOMBRE", 1, Some(5)));
    // A file saved as .txt may say .TXT inside (data are upper case).
    let lower = "RUA250SMCS20150601NI000860999123CO014-18.txt";
    assert!(found(lower, &query(&["CC,12345678"])).is_empty());
}

#[test]
fn control_fields_are_required() {
    assert_eq!(with_control(1, ""), one("CAMPO-OBLIGATORIO", 1, Some(1)));
}

#[test]
fn exactly_one_control_record_first() {
    let b = "2,CC,12345678\r\n2,TI,1002003004\r\n";
    assert_eq!(found(NAME, b.as_bytes()), one("SMCS-CTL-FALTA", 1, None));
    let b = format!("2,CC,12345678\r\n{}\r\n", control(1));
    assert_eq!(found(NAME, b.as_bytes()), one("SMCS-CTL-POSICION", 2, None));
    let b = format!("{}\r\n2,CC,12345678\r\n{}\r\n", control(1), control(1));
    assert_eq!(found(NAME, b.as_bytes()), one("SMCS-CTL-REPETIDO", 3, None));
}

// ---- 1.2.1.2 detail records ----------------------------------------------------------------

#[test]
fn record_type_must_be_known() {
    // The unknown record is not a detail record, so the total no longer matches either.
    let got = details("3,CC,12345678");
    assert!(got.contains(&("REGISTRO-TIPO".to_string(), 3, Some(0))), "{got:?}");
}

#[test]
fn field_count_must_match() {
    assert_eq!(details("2,CC,12345678,X"), one("REGISTRO-CAMPOS", 3, None));
    assert_eq!(details("2,CC"), one("REGISTRO-CAMPOS", 3, None));
    let five = Query::of(&["CC,12345678"]).control_fields(5).bytes();
    assert_eq!(found(NAME, &five), one("REGISTRO-CAMPOS", 1, None));
}

#[test]
fn document_type_from_the_list() {
    assert_eq!(details("2,NU,12345678"), one("CAMPO-VALOR", 3, Some(1)));
    assert_eq!(details("2,,12345678"), one("CAMPO-OBLIGATORIO", 3, Some(1)));
}

#[test]
fn document_number_required_and_at_most_17() {
    assert_eq!(details("2,CC,"), one("CAMPO-OBLIGATORIO", 3, Some(2)));
    assert_eq!(details("2,PA,ABCDEFGHIJ12345678"), one("CAMPO-LONGITUD", 3, Some(2)));
}

#[test]
fn document_lengths_per_type() {
    let cases: &[(&str, usize, bool)] = &[
        ("CC", 2, false),
        ("CC", 3, true),
        ("CC", 8, true),
        ("CC", 9, false),
        ("CC", 10, true),
        ("CC", 11, false),
        ("RC", 7, false),
        ("RC", 8, true),
        ("RC", 9, false),
        ("RC", 10, true),
        ("RC", 11, true),
        ("RC", 12, false),
        ("TI", 9, false),
        ("TI", 10, true),
        ("TI", 11, true),
        ("TI", 12, false),
        ("PA", 1, true),
        ("PA", 16, true),
        ("PA", 17, false),
        ("CE", 6, true),
        ("CE", 7, false),
        ("CD", 17, true),
    ];
    for &(t, n, ok) in cases {
        let got = details(format!("2,{t},{}", "1".repeat(n)));
        if ok {
            assert!(got.is_empty(), "{t} {n}: {got:?}");
        } else {
            assert_eq!(got, one("SMCS-DOC-LONGITUD", 3, Some(2)), "{t} {n}");
        }
    }
}

#[test]
fn letters_only_in_rc_and_pa() {
    for t in ["CC", "TI", "CE", "CD"] {
        assert_eq!(
            details(format!("2,{t},12345A")),
            one("SMCS-DOC-LETRAS", 3, Some(2)),
            "{t}"
        );
    }
    assert!(details("2,RC,AB123456").is_empty());
    assert!(details("2,PA,AB123456").is_empty());
    assert_eq!(details("2,PA,AB-123"), one("SMCS-DOC-CARACTERES", 3, Some(2)));
}

// ---- every defect, at any count ---------------------------------------------------------------

#[test]
fn every_defect_is_reported_not_only_the_first() {
    let r = check(NAME, &query(&["cc,12345678", "CC,1", "XX,1", "TI,12"]));
    let lines: Vec<u64> = r.errors.iter().map(|d| d.line).collect();
    assert_eq!(lines, [2, 3, 4, 5]);
}

#[test]
fn a_defect_repeated_many_times_is_counted_exactly_and_the_list_capped() {
    let n = 200_000;
    let b = Query::new()
        .people(std::iter::repeat_n("CC,1", n))
        .unterminated()
        .bytes();
    let r = check_bytes(NAME, &b, 1000);
    assert_eq!(r.counts.get("SMCS-DOC-LONGITUD").copied(), Some(n as u64));
    assert_eq!(r.error_count, n as u64);
    assert_eq!(r.errors.len(), 1000);
    assert!(r.truncated);
    assert_eq!(r.records, n as u64 + 1);
}

#[test]
fn detection_by_content_when_renamed() {
    let r = check("consulta.txt", &query(&["CC,12345678"]));
    assert_eq!(r.format.as_deref(), Some("smcs-consulta"));
    assert!(
        r.errors
            .iter()
            .all(|d| d.code.starts_with("NOMBRE-") || d.code == "SMCS-CTL-NOMBRE"),
        "{:?}",
        r.errors
    );
    let r = check("otra-cosa.bin", b"\x00\x01garbage");
    assert_eq!(r.format, None);
    assert_eq!(r.errors[0].code, "FORMATO-DESCONOCIDO");
    assert!(!r.valid);
}

#[test]
fn an_empty_file_is_an_error() {
    assert_eq!(found(NAME, b""), one("ARCHIVO-VACIO", 0, None));
}
