//! Res. 3539/2019 (REC140RNSE): every rule of the annex, each with a test that fails without it.

use planos_co::check_bytes;
use planos_co::formats::rnse::summary::DenialSummary;
use planos_core::report::{FileReport, Severity, DEFAULT_LIMIT};
use planos_testkit::rnse::{self, Report, NAME};

/// A valid detail record numbered `n` (the kit's), with `edits`: (field, value).
fn detail(n: usize, edits: &[(usize, &str)]) -> String {
    rnse::detail(n).edit(edits).to_string()
}

fn file(details: &[String]) -> Vec<u8> {
    Report::of(details).bytes()
}

fn check(name: &str, bytes: &[u8]) -> FileReport {
    check_bytes(name, bytes, DEFAULT_LIMIT)
}

fn found(bytes: &[u8]) -> Vec<(String, u64, Option<u32>)> {
    check(NAME, bytes)
        .errors
        .into_iter()
        .map(|d| (d.code.into_owned(), d.line, d.field))
        .collect()
}

fn one(code: &str, line: u64, field: Option<u32>) -> Vec<(String, u64, Option<u32>)> {
    vec![(code.to_string(), line, field)]
}

/// Findings for a file whose second detail (line 3) has `edits`.
fn with(edits: &[(usize, &str)]) -> Vec<(String, u64, Option<u32>)> {
    found(&file(&[detail(1, &[]), detail(2, edits)]))
}

#[test]
fn a_valid_file_passes() {
    let r = check(
        NAME,
        &file(&[detail(1, &[]), detail(2, &[(16, "P"), (17, "890201"), (18, "")])]),
    );
    assert!(r.valid && r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.format.as_deref(), Some("rnse"));
    assert_eq!(r.records, 3);
}

#[test]
fn name_rules() {
    let bad = "REC140RNSE20200130NI000860999123.TXT";
    let r = check(bad, &file(&[detail(1, &[])]));
    assert!(
        r.errors.iter().any(|d| d.code == "RNSE-NOMBRE-CORTE" && d.line == 0),
        "{:?}",
        r.errors
    );
    // A name the grammar does not take: one finding, with the name the control record implies.
    let r = check("REC140RNSE20200131NI00086099912.TXT", &file(&[detail(1, &[])]));
    let names: Vec<_> = r
        .errors
        .iter()
        .filter(|d| d.line == 0)
        .map(|d| (&*d.code, &*d.message))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert_eq!(names[0].0, "NOMBRE-ARCHIVO");
    assert!(names[0].1.starts_with(&format!(
        "El archivo debe llamarse exactamente {NAME} (así lo indica su registro de control)"
    )));
    assert!(check("REC140RNSE20200131NI000860999123.txt", &file(&[detail(1, &[])])).valid);
}

#[test]
fn only_the_pipe_separates() {
    let b = file(&[detail(1, &[])]);
    let commas = String::from_utf8(b)
        .unwrap()
        .replace("|ACIDO VALPROICO|", "|ACIDO,VALPROICO|");
    assert_eq!(found(commas.as_bytes()), one("TEXTO-ESPECIAL", 2, Some(17)));
    assert_eq!(with(&[(8, "1234;5678")]), one("TEXTO-SEPARADOR", 3, Some(8)));
}

#[test]
fn section_2_applies_in_full() {
    assert_eq!(with(&[(17, "acido valproico")]), one("TEXTO-MINUSCULAS", 3, Some(17)));
    assert_eq!(with(&[(17, "\"ACIDO\"")]), one("TEXTO-COMILLAS", 3, Some(17)));
}

/// Findings for a file of one detail, without a final line end, whose control field `no` says
/// `value`.
fn with_control(no: usize, value: &str) -> Vec<(String, u64, Option<u32>)> {
    found(
        &Report::of([detail(1, &[])])
            .control_field(no, value)
            .unterminated()
            .bytes(),
    )
}

#[test]
fn control_record_rules() {
    assert_eq!(with_control(1, "CC"), one("CAMPO-VALOR", 1, Some(1)));
    assert_eq!(with_control(2, "860999124"), one("RNSE-CTL-NIT", 1, Some(2)));
    assert_eq!(with_control(2, "8609991234567"), one("CAMPO-LONGITUD", 1, Some(2)));
    assert_eq!(with_control(5, "2020-01-30"), one("RNSE-CTL-FECHA-FINAL", 1, Some(5)));
    assert_eq!(with_control(4, "2020-02-01"), one("RNSE-CTL-PERIODO", 1, Some(4)));
    assert_eq!(with_control(6, "2"), one("RNSE-CTL-TOTAL", 1, Some(6)));
    assert_eq!(with_control(7, "RX"), one("CAMPO-VALOR", 1, Some(7)));
    assert_eq!(found(detail(1, &[]).as_bytes()), one("RNSE-CTL-FALTA", 1, None));
}

#[test]
fn consecutive_starts_at_1_without_gaps_or_repeats() {
    assert_eq!(
        found(&file(&[detail(1, &[]), detail(3, &[])])),
        one("RNSE-CONSECUTIVO", 3, Some(1))
    );
    assert_eq!(
        found(&file(&[detail(1, &[]), detail(1, &[])])),
        one("RNSE-CONSECUTIVO", 3, Some(1))
    );
    assert_eq!(found(&file(&[detail(0, &[])])), one("RNSE-CONSECUTIVO", 2, Some(1)));
}

#[test]
fn detail_fields() {
    assert_eq!(with(&[(2, "EPS002")]), one("RNSE-ENTIDAD", 3, Some(2)));
    assert_eq!(with(&[(3, "CE")]), one("CAMPO-VALOR", 3, Some(3)));
    assert_eq!(with(&[(4, "90012345A")]), one("CAMPO-NUMERICO", 3, Some(4)));
    assert_eq!(with(&[(6, "1100")]), one("RNSE-MUNICIPIO", 3, Some(6)));
    assert_eq!(with(&[(7, "XX")]), one("CAMPO-VALOR", 3, Some(7)));
    for t in ["CN", "MS", "AS", "SC", "SI", "PE", "DE"] {
        assert!(with(&[(7, t)]).is_empty(), "{t}");
    }
    assert_eq!(with(&[(9, "RE")]), one("CAMPO-VALOR", 3, Some(9)));
    assert!(with(&[(9, "CM")]).is_empty());
    assert_eq!(with(&[(10, "F")]), one("CAMPO-VALOR", 3, Some(10)));
    assert!(with(&[(10, "H")]).is_empty());
    assert_eq!(with(&[(11, "1980-02-30")]), one("CAMPO-FECHA", 3, Some(11)));
    assert_eq!(with(&[(12, "6")]), one("CAMPO-VALOR", 3, Some(12)));
    assert_eq!(with(&[(16, "X")]), one("CAMPO-VALOR", 3, Some(16)));
    assert_eq!(with(&[(17, "")]), one("CAMPO-OBLIGATORIO", 3, Some(17)));
    assert_eq!(with(&[(20, "3")]), one("CAMPO-VALOR", 3, Some(20)));
    assert_eq!(with(&[(21, "1011")]), one("CAMPO-LONGITUD", 3, Some(21)));
    assert_eq!(with(&[(21, "")]), one("CAMPO-OBLIGATORIO", 3, Some(21)));
    assert_eq!(with(&[(22, &"A".repeat(201))]), one("CAMPO-LONGITUD", 3, Some(22)));
    assert!(with(&[(22, "EL USUARIO NO ASISTIO, SE REPROGRAMA.")]).is_empty());
}

#[test]
fn birth_after_the_period_is_a_warning() {
    let r = check(NAME, &file(&[detail(1, &[(11, "2020-02-01")])]));
    assert!(r.valid);
    assert_eq!(
        (r.errors[0].code.as_ref(), r.errors[0].severity),
        ("RNSE-NACIMIENTO", Severity::Warning)
    );
}

#[test]
fn diagnoses_are_cie10() {
    assert!(with(&[(13, "A09X"), (14, "K359"), (15, "Z000")]).is_empty());
    assert_eq!(with(&[(13, "J45")]), one("RNSE-CIE10", 3, Some(13)));
    assert_eq!(with(&[(14, "1459")]), one("RNSE-CIE10", 3, Some(14)));
    assert_eq!(with(&[(15, "J4Y9")]), one("RNSE-CIE10", 3, Some(15)));
    assert_eq!(with(&[(13, "")]), one("CAMPO-OBLIGATORIO", 3, Some(13)));
}

#[test]
fn medicine_names_fit_15_characters() {
    assert!(with(&[(17, "ACIDO VALPROICO")]).is_empty());
    assert_eq!(
        with(&[(17, "ACIDO ACETILSALICILICO")]),
        one("CAMPO-LONGITUD", 3, Some(17))
    );
}

#[test]
fn field_18_only_for_medicines_and_19_only_for_devices() {
    assert_eq!(with(&[(18, "")]), one("RNSE-CONDICIONAL", 3, Some(18)));
    assert_eq!(with(&[(18, "4")]), one("CAMPO-VALOR", 3, Some(18)));
    let w = check(NAME, &file(&[detail(1, &[(16, "P"), (17, "890201")])]));
    assert!(w.valid);
    assert_eq!(
        (w.errors[0].code.as_ref(), w.errors[0].severity, w.errors[0].field),
        ("RNSE-CONDICIONAL", Severity::Warning, Some(18))
    );
    assert_eq!(
        with(&[(16, "D"), (17, "DISP01"), (18, "")]),
        one("RNSE-CONDICIONAL", 3, Some(19))
    );
    assert!(with(&[(16, "D"), (17, "DISP01"), (18, ""), (19, "1")]).is_empty());
    assert_eq!(
        with(&[(16, "D"), (17, "DISP01"), (18, ""), (19, "2")]),
        one("CAMPO-VALOR", 3, Some(19))
    );
}

#[test]
fn twenty_three_fields() {
    let mut d = detail(2, &[]);
    d.push_str("|X");
    assert_eq!(found(&file(&[detail(1, &[]), d])), one("REGISTRO-CAMPOS", 3, None));
}

#[test]
fn detected_by_content_too() {
    let r = check("negaciones.txt", &file(&[detail(1, &[])]));
    assert_eq!(r.format.as_deref(), Some("rnse"));
}

/// The one finding for a file whose second detail has `edits`, with its severity and message.
fn only(edits: &[(usize, &str)]) -> (String, Severity, String) {
    let r = check(NAME, &file(&[detail(1, &[]), detail(2, edits)]));
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    let d = &r.errors[0];
    (d.code.to_string(), d.severity, d.message.clone())
}

#[test]
fn municipalities_missing_from_divipola_are_warnings_naming_the_table() {
    assert!(with(&[(6, "05001")]).is_empty());
    let (code, severity, message) = only(&[(6, "05999")]);
    assert_eq!((code.as_str(), severity), ("RNSE-MUNICIPIO-TABLA", Severity::Warning));
    assert!(
        message.contains("DIVIPOLA del DANE (exportación del 08/04/2025, 1122 códigos)")
            && message.contains("ni en la del Ministerio de Salud"),
        "{message}"
    );
    assert!(message.contains("ANTIOQUIA"), "{message}");
    let (_, _, message) = only(&[(6, "00001")]);
    assert!(message.contains("tampoco está el departamento 00"), "{message}");
}

#[test]
fn diagnoses_missing_from_cie10_are_warnings_naming_the_table() {
    assert!(with(&[(13, "U071"), (14, "I10X")]).is_empty());
    let (code, severity, message) = only(&[(14, "K02X")]);
    assert_eq!((code.as_str(), severity), ("RNSE-CIE10-TABLA", Severity::Warning));
    assert!(
        message.contains("CIE10 de SISPRO (exportación del 23/11/2025, 12\u{a0}634 códigos)"),
        "{message}"
    );
    // Z994 is in SISPRO's table; M723 (of another CIE-10 edition) is not.
    assert!(with(&[(13, "Z994")]).is_empty());
    assert_eq!(only(&[(13, "M723")]).0, "RNSE-CIE10-TABLA");
}

#[test]
fn the_summary_counts_denials_by_type_cause_place_and_month() {
    let details: Vec<String> = (1..=12)
        .map(|n| {
            let (service, code, medicine) = if n % 3 == 0 {
                ("P", "890201", "")
            } else {
                ("M", "ACIDO VALPROICO", "1")
            };
            let cause = if n <= 7 { "101" } else { "7" };
            let place = ["11001", "05001", "05001", "76001"][n % 4];
            detail(n, &[(16, service), (17, code), (18, medicine), (21, cause), (6, place)])
        })
        .collect();
    let r = check(NAME, &file(&details));
    assert!(r.valid, "{:?}", r.errors);
    let s = DenialSummary::of(&r).expect("summary");
    assert_eq!(s.denied, 12);
    assert_eq!(s.period.as_deref(), Some("2020-01-01 a 2020-01-31"));
    let t = |v: &[planos_co::formats::rnse::summary::Tally]| -> Vec<(String, u64)> {
        v.iter().map(|t| (t.code.clone(), t.count)).collect()
    };
    assert_eq!(t(&s.by_month), [("2020-01".to_string(), 12)]);
    assert_eq!(s.by_month[0].label, "enero de 2020");
    let services = t(&s.by_service);
    assert_eq!(
        (services[0].clone(), services[1].clone()),
        (("M".into(), 8), ("P".into(), 4))
    );
    assert_eq!(services.iter().map(|s| s.1).sum::<u64>(), 12);
    assert_eq!(t(&s.by_cause), [("101".to_string(), 7), ("7".to_string(), 5)]);
    assert_eq!(
        t(&s.top_municipalities),
        [
            ("05001".to_string(), 6),
            ("11001".to_string(), 3),
            ("76001".to_string(), 3)
        ]
    );
    assert_eq!(s.top_municipalities[0].label, "MEDELLÍN (ANTIOQUIA)");
    assert_eq!(s.municipalities, 3);
    // The JSON report carries it.
    let json = planos_core::report::Report {
        files: vec![check(NAME, &file(&details))],
    }
    .to_json();
    assert!(json.contains("\"denials\":{\"denied\":12"), "{json}");
}

#[test]
fn a_quarter_is_one_line_per_period_and_invalid_values_are_counted_apart() {
    let name = "REC140RNSE20200331NI000860999123.TXT";
    let body = Report::of([detail(1, &[]), detail(2, &[(16, "X"), (21, "")])]).period("2020-01-01", "2020-03-31");
    let s = DenialSummary::of(&check(name, &body.bytes())).expect("summary");
    assert_eq!(s.by_month[0].code, "2020-01 a 2020-03");
    assert_eq!(s.by_month[0].label, "de enero de 2020 a marzo de 2020");
    assert_eq!(s.by_service.last().map(|t| (t.code.as_str(), t.count)), Some(("?", 1)));
    assert_eq!(s.by_cause.last().map(|t| (t.code.as_str(), t.count)), Some(("?", 1)));
}
