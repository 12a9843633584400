//! «Actualizar tablas de referencia»: a SISPRO export the user gives (CSV or XLSX, in either of
//! SISPRO's shapes) is recognised, checked whole, compared with the table in use, and then used
//! by the checks and named in their reports; a file that is not such an export is refused.

use planos_co::check::{check_files, Input, Options};
use planos_co::formats::rnse::summary::DenialSummary;
use planos_co::reference::export::{self, Change};
use planos_co::reference::{cie10, cups, eapb, Kind, Tables};
use planos_core::report::FileReport;
use planos_core::xlsx::{self, Cell};
use planos_testkit::rnse::{self, Report, NAME};
use std::path::Path;

fn sample(name: &str) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sispro");
    std::fs::read(dir.join(name)).expect("a sample of a SISPRO export")
}

/// The report of the RNSE file `bytes` checked with `tables`.
fn check(tables: &Tables, bytes: &[u8]) -> FileReport {
    let opts = Options {
        tables: tables.clone(),
        ..Options::new(10_000, 0)
    };
    let input = Input {
        path: NAME.to_string(),
        size: bytes.len() as u64,
        source: Box::new(std::io::Cursor::new(bytes.to_vec())),
    };
    let mut checked = check_files(vec![input], &opts, &mut |_| {}).expect("read from memory");
    checked.files.remove(0).into_listed()
}

/// A file of one detail record with `edits`.
fn one(edits: &[(usize, &str)]) -> Vec<u8> {
    Report::of([rnse::detail(1).edit(edits).to_string()]).bytes()
}

fn codes(r: &FileReport) -> Vec<&str> {
    r.errors.iter().map(|d| d.code.as_ref()).collect()
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// SISPRO's CIE10 export with its own columns, of the compiled-in table's codes but `without`,
/// plus `extra` rows (code, name, AplicaASexo, letter, minimum and maximum age).
fn cie10_export(without: &[&str], extra: &[[&str; 6]]) -> String {
    let t = cie10::Table::builtin();
    let mut out = String::from(
        "Codigo,Nombre,Descripcion,Habilitado,AplicaASexo,Sexo,EdadMinima,EdadMaxima,Fecha_Actualizacion\n",
    );
    let date = "2026-11-30 10:15:00 AM";
    for d in t.all().iter().filter(|d| !without.contains(&d.code())) {
        let (sex, letter) = match d.sex {
            cie10::Sex::Male => ("1", "M"),
            cie10::Sex::Female => ("2", "F"),
            cie10::Sex::Both => ("3", "A"),
        };
        let line = [
            d.code(),
            &quoted(t.name(d)),
            "X",
            "SI",
            sex,
            letter,
            &d.min_age.to_string(),
            &d.max_age.to_string(),
            date,
        ];
        out.push_str(&line.join(","));
        out.push('\n');
    }
    for [code, name, sex, letter, lo, hi] in extra {
        out.push_str(&[*code, &quoted(name), "X", "SI", sex, letter, lo, hi, date].join(","));
        out.push('\n');
    }
    out
}

#[test]
fn samples_of_the_real_exports_are_read_as_the_compiled_in_tables_have_them() {
    let cie = export::read("cie10.csv", &sample("sispro-cie10-2025-11-23-muestra.csv")).unwrap();
    assert_eq!((cie.kind, cie.count(), cie.disabled), (Kind::Cie10, 26, 0));
    assert_eq!(cie.date.unwrap().to_string(), "2025-11-23");
    assert_eq!(
        cie.label(),
        "CIE10 de SISPRO (exportación del 23/11/2025, 26 códigos; actualizada por el usuario)"
    );
    let mut tables = Tables::default();
    tables.set(cie.into_table());
    let (given, builtin) = (tables.cie10(), cie10::Table::builtin());
    for d in given.all() {
        let b = builtin.get(&d.code).unwrap();
        assert_eq!(
            (d.sex, d.min_age, d.max_age),
            (b.sex, b.min_age, b.max_age),
            "{}",
            d.code()
        );
        assert_eq!(given.name(d), builtin.name(b), "{}", d.code());
    }
    assert!(given
        .all()
        .iter()
        .any(|d| d.sex == cie10::Sex::Female && d.min_age == 10));

    let procedures = export::read("cups.csv", &sample("sispro-cups-2026-03-17-muestra.csv")).unwrap();
    assert_eq!((procedures.kind, procedures.count()), (Kind::Cups, 26));
    assert!(procedures.notes.is_empty());
    tables.set(procedures.into_table());
    for p in tables.cups().all() {
        let b = cups::get(p.code.as_bytes()).unwrap();
        assert_eq!(
            (p.woman, tables.cups().name(p)),
            (b.woman, cups::Table::builtin().name(b))
        );
    }

    let entities = export::read("eapb.csv", &sample("sispro-eapb-2025-03-19-muestra.csv")).unwrap();
    assert_eq!(
        (entities.kind, entities.count(), entities.disabled),
        (Kind::Eapb, 25, 0)
    );
    tables.set(entities.into_table());
    assert!(tables.eapb().all().iter().any(|e| !e.enabled));
    for e in tables.eapb().all() {
        let b = eapb::get(e.code.as_bytes()).unwrap();
        assert_eq!(
            (e.enabled, tables.eapb().name(e)),
            (b.enabled, eapb::Table::builtin().name(b))
        );
    }
    assert!(Kind::ALL.iter().all(|&k| tables.given(k)));
}

#[test]
fn the_whole_table_exported_again_changes_nothing() {
    let e = export::read("cie10.csv", cie10_export(&[], &[]).as_bytes()).unwrap();
    let change = e.change(&Tables::default());
    assert_eq!(
        change,
        Change {
            before: 12_634,
            after: 12_634,
            added: 0,
            removed: 0
        }
    );
    assert_eq!(
        change.prose(),
        "12\u{a0}634 → 12\u{a0}634 códigos, 0 nuevos, 0 retirados"
    );
    let mut tables = Tables::default();
    tables.set(e.into_table());
    let builtin = cie10::Table::builtin();
    assert_eq!(tables.cie10().all(), builtin.all());
    assert!(builtin.all().iter().all(|d| tables.cie10().name(d) == builtin.name(d)));
}

#[test]
fn an_updated_cie10_is_used_by_the_checks_and_named_in_the_report() {
    let builtin = Tables::default();
    let r = check(&builtin, &one(&[(13, "K02X")]));
    assert_eq!(codes(&r), ["RNSE-CIE10-TABLA"]);
    assert!(r.errors[0].message.contains(cie10::TABLE), "{}", r.errors[0].message);

    let csv = cie10_export(
        &["J459"],
        &[["K02X", "CARIES DENTAL, SIN SUBCATEGORIA", "3", "A", "0", "999"]],
    );
    let e = export::read("TablaReferencia_CIE10.csv", csv.as_bytes()).unwrap();
    let change = e.change(&builtin);
    assert_eq!(change.prose(), "12\u{a0}634 → 12\u{a0}634 códigos, 1 nuevo, 1 retirado");
    let label = e.label();
    assert_eq!(
        label,
        "CIE10 de SISPRO (exportación del 30/11/2026, 12\u{a0}634 códigos; actualizada por el usuario)"
    );
    let mut tables = Tables::default();
    tables.set(e.into_table());

    let r = check(&tables, &one(&[(13, "K02X")]));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let summary = DenialSummary::of(&r).unwrap();
    assert_eq!(summary.tables[0], label);
    assert_eq!(summary.tables[1], cups::TABLE);
    assert_eq!(summary.top_diagnoses[0].label, "CARIES DENTAL, SIN SUBCATEGORIA");

    let r = check(&tables, &one(&[(13, "J459")]));
    assert_eq!(codes(&r), ["RNSE-CIE10-TABLA"]);
    assert!(r.errors[0].message.contains(&label), "{}", r.errors[0].message);

    let r = check(&builtin, &one(&[(13, "J459")]));
    assert!(
        r.errors.is_empty(),
        "the compiled-in table is still there for another check"
    );
    assert_eq!(DenialSummary::of(&r).unwrap().tables[0], cie10::TABLE);
}

#[test]
fn the_generic_shape_as_a_workbook_is_read_and_a_cups_without_sex_says_so() {
    let columns: Vec<(&str, f64)> = [
        "Tabla",
        "Codigo",
        "Nombre",
        "Descripcion",
        "Habilitado",
        "Aplicacion",
        "Extra_I",
        "Extra_II",
        "Extra_III",
    ]
    .iter()
    .map(|t| (*t, 12.0))
    .collect();
    let rows = [
        [
            "CIE10",
            "O800",
            "PARTO UNICO ESPONTANEO, PRESENTACION CEFALICA DE VERTICE",
            "PARTO",
            "SI",
            "",
            "2",
            "10",
            "54",
        ],
        [
            "CIE10",
            "N40X",
            "HIPERPLASIA DE LA PROSTATA",
            "",
            "SI",
            "",
            "1",
            "0",
            "999",
        ],
        ["CIE10", "Z000", "EXAMEN MEDICO GENERAL", "", "SI", "", "3", "0", "999"],
        ["CIE10", "A000", "COLERA", "", "NO", "", "3", "0", "999"],
    ];
    let rows: Vec<Vec<Cell>> = rows.iter().map(|r| r.iter().map(|c| Cell::Text(c)).collect()).collect();
    let book = xlsx::write(Vec::new(), "CIE10", &columns, &rows).unwrap();
    let e = export::read("TablaReferencia_CIE10__1.xlsx", &book).unwrap();
    assert_eq!((e.kind, e.count(), e.disabled, e.date), (Kind::Cie10, 3, 1, None));
    assert!(e.label().contains("sin fecha de exportación"), "{}", e.label());
    let mut tables = Tables::default();
    tables.set(e.into_table());
    let o800 = tables.cie10().get(b"O800").unwrap();
    assert_eq!(o800.rule(), "mujeres de 10 a 54 años");
    let r = check(&tables, &one(&[(13, "O800"), (10, "H")]));
    assert_eq!(codes(&r), ["RNSE-CIE10-SEXO"]);
    assert_eq!(
        codes(&check(&tables, &one(&[(13, "A000")]))),
        ["RNSE-CIE10-TABLA"],
        "a code not enabled is not in the table"
    );

    let female = cups::all().iter().find(|p| p.woman == Some(true)).unwrap();
    let csv = format!(
        "Tabla;Codigo;Nombre;Descripcion;Habilitado;Aplicacion;Extra_I:Cobertura\nCUPS;{};PROCEDIMIENTO;;SI;;SI\nCUPS;890201;CONSULTA;;SI;;SI\n",
        female.code
    );
    let e = export::read("cups.csv", csv.as_bytes()).unwrap();
    assert_eq!((e.kind, e.count()), (Kind::Cups, 2));
    assert_eq!(e.notes.len(), 1);
    assert!(
        e.notes[0].contains("no se revisa el sexo de los procedimientos"),
        "{}",
        e.notes[0]
    );
    let edits = [(16, "P"), (17, female.code.as_str()), (18, ""), (10, "H")];
    assert_eq!(codes(&check(&Tables::default(), &one(&edits))), ["RNSE-CUPS-SEXO"]);
    let mut tables = Tables::default();
    tables.set(e.into_table());
    assert!(check(&tables, &one(&edits)).errors.is_empty());
}

#[test]
fn a_saved_table_comes_back_as_it_was() {
    let inputs = [
        ("cie10.csv", cie10_export(&["J459"], &[]).into_bytes()),
        ("cups.csv", sample("sispro-cups-2026-03-17-muestra.csv")),
        ("eapb.csv", sample("sispro-eapb-2025-03-19-muestra.csv")),
        (
            "cups-sin-sexo.csv",
            b"Tabla,Codigo,Nombre,Habilitado\nCUPS,890201,\"CONSULTA, DE PRIMERA VEZ\",SI\n".to_vec(),
        ),
    ];
    for (name, bytes) in inputs {
        let e = export::read(name, &bytes).unwrap();
        let saved = e.saved();
        assert!(
            saved.len() < bytes.len() / 2 || bytes.len() < 1000,
            "{name}: {} of {}",
            saved.len(),
            bytes.len()
        );
        let back = export::read_saved(&saved).unwrap();
        assert_eq!(
            (back.kind, back.date, back.count(), back.label()),
            (e.kind, e.date, e.count(), e.label()),
            "{name}"
        );
        assert_eq!(back.notes, e.notes, "{name}");
        let mut a = Tables::default();
        a.set(e.into_table());
        assert_eq!(
            back.change(&a),
            Change {
                before: back.count(),
                after: back.count(),
                added: 0,
                removed: 0
            }
        );
        let mut b = Tables::default();
        b.set(back.into_table());
        assert_eq!(a.labels(), b.labels());
        assert_eq!(Tables::with_saved([saved.as_slice()]).labels(), b.labels());
        let file = one(&[(13, "J459"), (16, "P"), (17, "890201"), (18, "")]);
        assert_eq!(check(&a, &file).errors, check(&b, &file).errors, "{name}");
    }
    assert!(export::read_saved(b"no es una tabla guardada").is_err());
}

#[test]
fn what_is_not_a_sispro_export_is_refused_with_the_reason() {
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "lista.csv",
            b"Documento,Nombre\nCC,123\n",
            "no es una tabla de referencia de SISPRO",
        ),
        (
            "vacia.csv",
            b"Codigo,Nombre,AplicaASexo,EdadMinima,EdadMaxima\n",
            "no tiene filas",
        ),
        ("nada.csv", b"", "no es una tabla de referencia de SISPRO"),
        (
            "causas.csv",
            b"Tabla,Codigo,Nombre,Descripcion,Habilitado\nRECCausaNegacion,1,Causa,,SI\n",
            "es la tabla «RECCausaNegacion» de SISPRO; planos puede actualizar las tablas CIE10, CUPS y CodigoEAPByNit",
        ),
        (
            "otra.csv",
            b"Codigo,Nombre,Capitulo\nA000,COLERA,1\n",
            "no se reconoce qué tabla de SISPRO es",
        ),
        (
            "mala.csv",
            b"Codigo,Nombre,AplicaASexo,EdadMinima,EdadMaxima\nA000,COLERA,3,0,999\nA0,MAL,3,0,999\n",
            "la fila 3 de «mala.csv»: «A0» no es un código CIE10",
        ),
        (
            "doble.csv",
            b"Codigo,Nombre,AplicaASexo,EdadMinima,EdadMaxima\nA000,COLERA,3,0,999\nA000,COLERA,3,0,999\n",
            "el código A000 está más de una vez",
        ),
        (
            "sexo.csv",
            b"Codigo,Nombre,AplicaASexo,EdadMinima,EdadMaxima\nA000,COLERA,4,0,999\n",
            "el sexo (AplicaASexo) de A000 es «4»",
        ),
        (
            "edades.csv",
            b"Codigo,Nombre,AplicaASexo,EdadMinima,EdadMaxima\nA000,COLERA,3,60,10\n",
            "la edad mínima de A000 (60) es mayor que la máxima (10)",
        ),
        (
            "sin-edades.csv",
            b"Tabla,Codigo,Nombre,Descripcion\nCIE10,A000,COLERA,\n",
            "le faltan las columnas AplicaASexo, EdadMinima, EdadMaxima",
        ),
        (
            "mezcla.csv",
            b"Tabla,Codigo,Nombre,Sexo_ZFM\nCUPS,890201,CONSULTA,Z\nCIE10,A000,COLERA,Z\n",
            "es de la tabla «CIE10», no de CUPS",
        ),
        (
            "viejo.xls",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest",
            "libro de Excel antiguo",
        ),
        ("roto.xlsx", b"PK\x03\x04 not really a zip", "no se pudo leer"),
    ];
    for (name, bytes, want) in cases {
        match export::read(name, bytes) {
            Ok(e) => panic!("{name} was read as {}", e.label()),
            Err(message) => assert!(message.contains(want), "{name}: {message}"),
        }
    }
}

/// The exports tests/e2e/tables.test.mjs gives the page, checked here first and written to
/// `target/e2e-fixtures/`: the whole CIE10 and K02X as a workbook in SISPRO's generic shape, and
/// the EAPB table and EPS999 as a CSV in its own columns.
#[test]
fn the_exports_the_browser_test_gives() {
    let dir = planos_testkit::repo_root().join("target").join("e2e-fixtures");
    std::fs::create_dir_all(&dir).unwrap();
    let titles = [
        "Tabla",
        "Codigo",
        "Nombre",
        "Descripcion",
        "Habilitado",
        "Aplicacion",
        "Extra_I:AplicaASexo",
        "Extra_II:EdadMinima",
        "Extra_III:EdadMaxima",
        "Extra_X:Sexo",
        "Fecha_Actualizacion",
    ];
    let columns: Vec<(&str, f64)> = titles.iter().map(|t| (*t, 14.0)).collect();
    let t = cie10::Table::builtin();
    let mut rows: Vec<[String; 11]> = t
        .all()
        .iter()
        .map(|d| {
            let (sex, letter) = match d.sex {
                cie10::Sex::Male => ("1", "M"),
                cie10::Sex::Female => ("2", "F"),
                cie10::Sex::Both => ("3", "A"),
            };
            [
                "CIE10",
                d.code(),
                t.name(d),
                "",
                "SI",
                "",
                sex,
                &d.min_age.to_string(),
                &d.max_age.to_string(),
                letter,
                "2026-11-30 08:12:00 AM",
            ]
            .map(str::to_string)
        })
        .collect();
    rows.push(
        [
            "CIE10",
            "K02X",
            "CARIES DENTAL, SIN SUBCATEGORIA",
            "",
            "SI",
            "",
            "3",
            "0",
            "999",
            "A",
            "2026-11-30 08:12:00 AM",
        ]
        .map(str::to_string),
    );
    let cells: Vec<Vec<Cell>> = rows.iter().map(|r| r.iter().map(|c| Cell::Text(c)).collect()).collect();
    let book = xlsx::write(Vec::new(), "CIE10", &columns, &cells).unwrap();
    let e = export::read("TablaReferencia_CIE10__1.xlsx", &book).unwrap();
    assert_eq!(
        e.change(&Tables::default()).prose(),
        "12\u{a0}634 → 12\u{a0}635 códigos, 1 nuevo, 0 retirados"
    );
    assert_eq!(
        e.label(),
        "CIE10 de SISPRO (exportación del 30/11/2026, 12\u{a0}635 códigos; actualizada por el usuario)"
    );
    std::fs::write(dir.join("TablaReferencia_CIE10__1.xlsx"), &book).unwrap();

    let mut csv = String::from("Codigo,Nombre,Descripcion,Habilitado,TipoRegimen,NIT,Fecha_Actualizacion\n");
    let t = eapb::Table::builtin();
    for e in t.all() {
        let enabled = if e.enabled { "SI" } else { "NO" };
        csv.push_str(&format!(
            "{},{},,{enabled},C,800000000,2026-11-28 09:00:00 AM\n",
            e.code,
            quoted(t.name(e))
        ));
    }
    csv.push_str("EPS999,EPS DE PRUEBA,,SI,C,900000000,2026-11-28 09:00:00 AM\n");
    let e = export::read("TablaReferencia_CodigoEAPByNit.csv", csv.as_bytes()).unwrap();
    assert_eq!(
        e.change(&Tables::default()).prose(),
        "1691 → 1692 códigos, 1 nuevo, 0 retirados"
    );
    std::fs::write(dir.join("TablaReferencia_CodigoEAPByNit.csv"), csv).unwrap();
}

proptest::proptest! {
    /// Any text shaped like an export (SISPRO's titles, then rows of any cells), and any bytes,
    /// is read or refused, never a panic; what is read saves and reads back the same.
    #[test]
    fn any_export_is_read_or_refused(
        titles in proptest::sample::subsequence(
            vec!["Tabla", "Codigo", "Nombre", "Habilitado", "AplicaASexo", "Sexo", "EdadMinima", "EdadMaxima", "Sexo_ZFM", "NIT", "Fecha_Actualizacion", "Extra_I"],
            0..12,
        ),
        rows in proptest::collection::vec(proptest::collection::vec("[A-Z0-9 ,\"|;]{0,8}|CIE10|CUPS|SI|NO|[123]|A000|999", 0..12), 0..20),
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200),
    ) {
        let mut text = titles.join(",");
        for r in &rows {
            text.push('\n');
            text.push_str(&r.join(","));
        }
        for input in [text.as_bytes(), bytes.as_slice()] {
            if let Ok(e) = export::read("t.csv", input) {
                let back = export::read_saved(&e.saved()).expect("a saved table reads back");
                proptest::prop_assert_eq!((back.kind, back.count(), back.label()), (e.kind, e.count(), e.label()));
            }
            let _ = export::read_saved(input);
        }
    }
}
