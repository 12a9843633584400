//! Res. 3539/2019 (REC140RNSE) against SISPRO's reference tables (CIE10, CUPS, CodigoEAPByNit)
//! and the two DIVIPOLA lists, and the coherence PISIS checks in its content phase: each
//! diagnosis and procedure against the person's sex and age.

use planos_co::check_bytes;
use planos_co::formats::rnse::summary::DenialSummary;
use planos_co::reference::cie10::{self, Sex};
use planos_co::reference::{cups, divipola, eapb};
use planos_core::report::{FileReport, Severity};
use planos_testkit::rnse::{self, Report, NAME};

/// The codes of findings that come from the reference tables.
const TABLE_CODES: &[&str] = &[
    "RNSE-MUNICIPIO-TABLA",
    "RNSE-CIE10-TABLA",
    "RNSE-CIE10-SEXO",
    "RNSE-CIE10-EDAD",
    "RNSE-CUPS-TABLA",
    "RNSE-CUPS-SEXO",
    "RNSE-EPS-TABLA",
    "RNSE-EPS-INHABILITADA",
];

fn check(bytes: &[u8]) -> FileReport {
    check_bytes(NAME, bytes, 10_000_000)
}

fn detail(n: usize, edits: &[(usize, &str)]) -> String {
    rnse::detail(n).edit(edits).to_string()
}

/// Findings (code, line, field, message) of a file whose second detail (line 3) has `edits`.
fn with(edits: &[(usize, &str)]) -> Vec<(String, u64, Option<u32>, String)> {
    let r = check(&Report::of([detail(1, &[]), detail(2, edits)]).bytes());
    r.errors
        .into_iter()
        .map(|d| (d.code.into_owned(), d.line, d.field, d.message))
        .collect()
}

/// The one finding of a file whose second detail has `edits`: its code, field and message.
fn only(edits: &[(usize, &str)]) -> (String, Option<u32>, String) {
    let mut f = with(edits);
    assert_eq!(f.len(), 1, "{f:?}");
    let (code, line, field, message) = f.remove(0);
    assert_eq!(line, 3);
    (code, field, message)
}

/// A birth date that makes a person `age` whole years old on 2020-01-31, the kit's period end.
fn born(age: u16) -> String {
    match age {
        0 => "2019-06-01".to_string(),
        n => format!("{}-01-01", 2020 - u32::from(n)),
    }
}

/// Field 10 (M mujer, H hombre) and 11 of a person the diagnosis fits.
fn fitting(d: &cie10::Diagnosis) -> (&'static str, String) {
    let sex = if d.sex == Sex::Male { "H" } else { "M" };
    (sex, born(d.min_age))
}

fn table_findings(r: &FileReport) -> Vec<(&str, u64)> {
    TABLE_CODES
        .iter()
        .filter_map(|c| r.counts.get(*c).map(|n| (*c, *n)))
        .collect()
}

#[test]
fn every_official_cie10_code_passes_in_each_diagnosis_field() {
    let mut details = Vec::new();
    for (i, d) in cie10::all().iter().enumerate() {
        let (sex, birth) = fitting(d);
        let field = [13, 14, 15][i % 3];
        let mut edits = vec![(10, sex), (11, birth.as_str()), (field, d.code())];
        if field != 13 {
            edits.push((13, "R69X"));
        }
        details.push(detail(details.len() + 1, &edits));
    }
    assert_eq!(details.len(), 12_634);
    let r = check(&Report::of(&details).bytes());
    assert!(r.errors.is_empty(), "{:?}", &r.errors[..r.errors.len().min(5)]);
}

#[test]
fn every_municipality_of_both_divipola_lists_passes() {
    let details: Vec<String> = divipola::all()
        .enumerate()
        .map(|(i, (code, _))| detail(i + 1, &[(6, &format!("{code:05}"))]))
        .collect();
    assert_eq!(details.len(), 1124);
    let r = check(&Report::of(&details).bytes());
    assert!(r.errors.is_empty(), "{:?}", &r.errors[..r.errors.len().min(5)]);
    for code in ["27493", "94885", "27086", "94663", "88001"] {
        assert!(with(&[(6, code)]).is_empty(), "{code}");
    }
}

#[test]
fn every_cups_code_passes_as_a_procedure() {
    let details: Vec<String> = cups::all()
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let sex = if p.woman == Some(false) { "H" } else { "M" };
            detail(i + 1, &[(16, "P"), (17, p.code.as_str()), (18, ""), (10, sex)])
        })
        .collect();
    assert_eq!(details.len(), 10_024);
    let r = check(&Report::of(&details).bytes());
    assert!(r.errors.is_empty(), "{:?}", &r.errors[..r.errors.len().min(5)]);
}

#[test]
fn every_eapb_code_passes_and_only_the_disabled_warn() {
    let mut special = 0;
    for e in eapb::all() {
        let body = Report::of([detail(1, &[(2, e.code.as_str())])]).control_field(3, e.code.as_str());
        let r = check(&body.bytes());
        let found = table_findings(&r);
        if r.errors.iter().any(|d| d.code == "TEXTO-ESPECIAL") {
            // A few codes (UT001_…) hold a character section 2 forbids in any field: that error
            // is the file's, and the table says nothing more.
            assert!(e.code.as_str().contains('_'), "{}", e.code);
            assert!(found.is_empty(), "{}: {:?}", e.code, r.errors);
            assert!(
                r.errors.iter().all(|d| d.code == "TEXTO-ESPECIAL"),
                "{}: {:?}",
                e.code,
                r.errors
            );
            special += 1;
        } else if e.enabled {
            assert!(r.errors.is_empty(), "{}: {:?}", e.code, r.errors);
        } else {
            assert_eq!(found, [("RNSE-EPS-INHABILITADA", 1)], "{}: {:?}", e.code, r.errors);
        }
    }
    assert!(special < 20, "{special}");
}

/// The codes planos' former CIE-10 table (PyPI `cie` 0.208) accepted and SISPRO's lacks.
const NOT_SISPRO: [&str; 13] = [
    "M723", "M725", "R500", "R501", "W46X", "X591", "X592", "X593", "X594", "X595", "X596", "X597", "X598",
];

#[test]
fn the_codes_sispro_lacks_warn_naming_the_table() {
    for code in NOT_SISPRO {
        for field in [13, 14, 15] {
            let (found, at, message) = only(&[(field, code)]);
            assert_eq!((found.as_str(), at), ("RNSE-CIE10-TABLA", Some(field as u32)), "{code}");
            assert!(
                message.contains(&format!("El código {code} "))
                    && message.contains("tabla CIE10 de SISPRO (exportación del 23/11/2025, 12\u{a0}634 códigos)"),
                "{message}"
            );
        }
    }
}

#[test]
fn a_diagnosis_for_the_other_sex_warns_at_its_field() {
    // The kit's person is a woman of 39 (born 1980-05-17, period ending 2020-01-31).
    let (code, field, message) = only(&[(10, "H"), (14, "O800")]);
    assert_eq!((code.as_str(), field), ("RNSE-CIE10-SEXO", Some(14)));
    assert!(
        message.starts_with(
            "O800 (PARTO UNICO ESPONTANEO, PRESENTACION CEFALICA DE VERTICE) es para mujeres de 10 a 54 años; el registro es de un hombre (campo 10)"
        ),
        "{message}"
    );
    assert!(message.contains(cie10::TABLE), "{message}");
    let (code, field, message) = only(&[(13, "N40X")]);
    assert_eq!((code.as_str(), field), ("RNSE-CIE10-SEXO", Some(13)));
    assert!(
        message.contains("es para hombres de 20 años o más; el registro es de una mujer"),
        "{message}"
    );
    // O93X: AplicaASexo 3 but letter F, read as for both sexes.
    assert!(with(&[(10, "H"), (13, "O93X"), (11, "1990-01-01")]).is_empty());
}

#[test]
fn a_diagnosis_outside_its_age_range_warns_at_its_field() {
    let (code, field, message) = only(&[(15, "P000")]);
    assert_eq!((code.as_str(), field), ("RNSE-CIE10-EDAD", Some(15)));
    assert!(
        message.contains("es para menores de un año; la persona tenía 39 años al final del periodo (31/01/2020)"),
        "{message}"
    );
    let (code, _, message) = only(&[(13, "O800"), (11, "1965-01-31")]);
    assert_eq!(code, "RNSE-CIE10-EDAD");
    assert!(
        message.contains("es para mujeres de 10 a 54 años; la persona tenía 55 años"),
        "{message}"
    );
    let (code, _, message) = only(&[(13, "Z001"), (11, "2015-01-01")]);
    assert_eq!(code, "RNSE-CIE10-EDAD");
    assert!(
        message.contains("de hasta 4 años; la persona tenía 5 años"),
        "{message}"
    );
    // The edges are inside: 54 the day before the 55th birthday, 0 years for P000, 4 for Z001.
    assert!(with(&[(13, "O800"), (11, "1965-02-01")]).is_empty());
    assert!(with(&[(13, "P000"), (11, "2019-02-01")]).is_empty());
    assert!(with(&[(13, "Z001"), (11, "2015-02-01")]).is_empty());
    // A birth after the period is RNSE-NACIMIENTO's alone.
    assert_eq!(only(&[(13, "P000"), (11, "2020-02-01")]).0, "RNSE-NACIMIENTO");
}

#[test]
fn a_procedure_for_the_other_sex_or_not_in_cups_warns() {
    let female = cups::all().iter().find(|p| p.woman == Some(true)).unwrap();
    let male = cups::all().iter().find(|p| p.woman == Some(false)).unwrap();
    let procedure = |code: &str, sex: &str| only(&[(16, "P"), (17, code), (18, ""), (10, sex)]);
    let (code, field, message) = procedure(female.code.as_str(), "H");
    assert_eq!((code.as_str(), field), ("RNSE-CUPS-SEXO", Some(17)));
    let want = format!(
        "El procedimiento {} ({}) es solo para mujeres; el registro es de un hombre",
        female.code,
        cups::Table::builtin().name(female)
    );
    assert!(message.starts_with(&want) && message.contains(cups::TABLE), "{message}");
    let (code, _, message) = procedure(male.code.as_str(), "M");
    assert_eq!(code, "RNSE-CUPS-SEXO");
    assert!(
        message.contains("es solo para hombres; el registro es de una mujer"),
        "{message}"
    );
    let (code, field, message) = procedure("999999", "M");
    assert_eq!((code.as_str(), field), ("RNSE-CUPS-TABLA", Some(17)));
    assert!(
        message.contains("CUPS de SISPRO (exportación del 17/03/2026, 10\u{a0}024 códigos)"),
        "{message}"
    );
    // Another service type's code is not a CUPS code.
    assert!(with(&[(16, "S"), (17, "999999"), (18, ""), (10, "H")]).is_empty());
}

#[test]
fn an_eps_not_in_the_table_or_disabled_warns_once_per_code() {
    let disabled = eapb::all().iter().find(|e| !e.enabled).unwrap();
    for (code, want) in [
        ("EPS999", "RNSE-EPS-TABLA"),
        (disabled.code.as_str(), "RNSE-EPS-INHABILITADA"),
    ] {
        let details = [detail(1, &[(2, code)]), detail(2, &[(2, code)])];
        let r = check(&Report::of(details).control_field(3, code).bytes());
        let found: Vec<_> = r.errors.iter().map(|d| (&*d.code, d.line, d.field)).collect();
        // The details carry the control record's code: said once, at the control record.
        assert_eq!(found, [(want, 1, Some(3))], "{:?}", r.errors);
        assert!(r.errors[0].message.contains(eapb::TABLE), "{}", r.errors[0].message);
        assert_eq!(r.errors[0].severity, Severity::Warning);
    }
    // A detail's own code, not the control record's, is looked up too.
    let found: Vec<_> = with(&[(2, "EPS999")]).into_iter().map(|f| (f.0, f.2)).collect();
    assert_eq!(
        found,
        [
            ("RNSE-EPS-TABLA".to_string(), Some(2)),
            ("RNSE-ENTIDAD".to_string(), Some(2))
        ]
    );
}

#[test]
fn a_clean_file_with_every_kind_of_coherent_record_draws_no_warning() {
    let female = cups::all().iter().find(|p| p.woman == Some(true)).unwrap();
    let male = cups::all().iter().find(|p| p.woman == Some(false)).unwrap();
    let records: Vec<Vec<(usize, &str)>> = vec![
        // A medicine, the kit's record.
        vec![],
        // Procedures for both sexes, for women only and for men only.
        vec![(16, "P"), (17, "890201"), (18, "")],
        vec![(16, "P"), (17, female.code.as_str()), (18, "")],
        vec![(16, "P"), (17, male.code.as_str()), (18, ""), (10, "H")],
        // A device, nutrition, a specific service, one not financed.
        vec![(16, "D"), (17, "DM0012345"), (18, ""), (19, "0")],
        vec![(16, "N"), (17, "NUT001"), (18, "")],
        vec![(16, "S"), (17, "S01"), (18, "")],
        vec![(16, "C"), (17, "C01"), (18, "")],
        // Diagnoses for women, men, the newborn, children, with three diagnoses.
        vec![(13, "O800"), (14, "O93X"), (15, "N390")],
        vec![(10, "H"), (13, "N40X"), (14, "I10X")],
        vec![(11, "2019-12-01"), (13, "P000"), (14, "Z001")],
        vec![(11, "2016-01-31"), (13, "Z001")],
        // Municipalities only one DIVIPOLA list has, and the island.
        vec![(6, "27493")],
        vec![(6, "27086")],
        vec![(6, "94663"), (3, "CC")],
        vec![(6, "88001"), (12, "5"), (9, "CM")],
    ];
    let details: Vec<String> = records.iter().enumerate().map(|(i, e)| detail(i + 1, e)).collect();
    let r = check(&Report::of(&details).bytes());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.warning_count, 0);
}

#[test]
fn the_summary_names_the_eps_the_diagnoses_and_the_municipalities() {
    let details = [
        detail(1, &[(13, "J459"), (6, "27086")]),
        detail(2, &[(13, "J459")]),
        detail(3, &[(13, "E119"), (6, "27493")]),
        detail(4, &[(13, "M723")]),
    ];
    let r = check(&Report::of(details).bytes());
    let s = DenialSummary::of(&r).expect("summary");
    let eps = s.eps.expect("eps");
    assert_eq!(
        (eps.code.as_str(), eps.label.as_str(), eps.count),
        ("EPS001", "ALIANSALUD", 4)
    );
    let top: Vec<_> = s
        .top_diagnoses
        .iter()
        .map(|t| (t.code.as_str(), t.label.as_str(), t.count))
        .collect();
    assert_eq!(
        top,
        [
            ("J459", "ASMA, NO ESPECIFICADO", 2),
            ("E119", cie10::name(b"E119").unwrap(), 1),
            ("M723", "No está en la tabla CIE10 de SISPRO", 1),
        ]
    );
    assert_eq!(s.diagnoses, 3);
    let places: Vec<_> = s.top_municipalities.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        places,
        [
            "BOGOTÁ, D.C.",
            "BELÉN DE BAJIRÁ (CHOCÓ), solo en la DIVIPOLA del Ministerio de Salud",
            "NUEVO BELÉN DE BAJIRÁ (CHOCÓ), solo en la DIVIPOLA del DANE",
        ]
    );
}
