//! `planos check --tabla`: a SISPRO export used instead of the compiled-in table for one run,
//! what it changes said before the report, and the table named in the report; a file that is
//! not such an export stops the run with the reason.

use planos_testkit::repo_root;
use planos_testkit::rnse::{self, Report, NAME};
use std::path::{Path, PathBuf};

/// Runs `planos` with `args` in `dir`: exit status, stdout, stderr.
fn planos(args: &[&str], dir: &Path) -> (i32, String, String) {
    planos_testkit::run(env!("CARGO_BIN_EXE_planos"), args, Some(dir))
}

/// A fresh folder with an RNSE report whose only detail's diagnosis is K02X (well formed, not in
/// the compiled-in CIE10), and the SISPRO samples of tests/fixtures/sispro.
fn folder(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("tabla-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    let report = Report::of([rnse::detail(1).edit(&[(13, "K02X")]).to_string()]);
    std::fs::write(dir.join(NAME), report.bytes()).unwrap();
    for entry in std::fs::read_dir(repo_root().join("tests/fixtures/sispro")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    dir
}

/// The CIE10 sample with K02X and the default detail's own diagnosis added.
fn cie10_with_k02x(dir: &Path) -> &'static str {
    let mut csv = std::fs::read_to_string(dir.join("sispro-cie10-2025-11-23-muestra.csv")).unwrap();
    let default = rnse::detail(1).to_string();
    let diagnosis = default.split('|').nth(13).unwrap().to_string();
    for code in ["K02X", diagnosis.as_str()] {
        csv.push_str(&format!("{code},CARIES DENTAL,CARIES,SI,3,A,0,999,1,ENFERMEDADES DEL SISTEMA DIGESTIVO,K02,11,2026-11-30 09:00:00 AM\n"));
    }
    std::fs::write(dir.join("TablaReferencia_CIE10.csv"), csv).unwrap();
    "TablaReferencia_CIE10.csv"
}

#[test]
fn a_newer_cie10_export_is_used_for_the_run_and_named_in_the_report() {
    let dir = folder("cie10");
    let (status, out, _) = planos(&["check", NAME], &dir);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("RNSE-CIE10-TABLA"), "{out}");
    assert!(
        out.contains("Tablas de referencia: CIE10 de SISPRO (exportación del 23/11/2025, 12\u{a0}634 códigos)"),
        "{out}"
    );

    let table = cie10_with_k02x(&dir);
    let (status, out, err) = planos(&["check", "--tabla", table, NAME], &dir);
    assert_eq!(status, 0, "{out}{err}");
    assert!(!out.contains("RNSE-CIE10-TABLA"), "{out}");
    assert!(out.contains("0 advertencias"), "{out}");
    assert!(
        err.contains(
            "tabla CIE10 de «TablaReferencia_CIE10.csv»: 12\u{a0}634 → 28 códigos, 1 nuevo, 12\u{a0}607 retirados."
        ),
        "{err}"
    );
    let label = "CIE10 de SISPRO (exportación del 30/11/2026, 28 códigos; actualizada por el usuario)";
    assert!(err.contains(&format!("Se usa en esta revisión: {label}.")), "{err}");
    assert!(
        out.contains(&format!("Tablas de referencia: {label}; CUPS de SISPRO")),
        "{out}"
    );

    let (status, json, _) = planos(&["check", "--format", "json", "--tabla", table, NAME], &dir);
    assert_eq!(status, 0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("the report is JSON alone");
    let tables = &v["files"][0]["denials"]["tables"];
    assert_eq!(tables[0], label, "{tables}");
}

#[test]
fn one_export_per_table_and_what_is_not_one_stops_the_run() {
    let dir = folder("mala");
    let table = cie10_with_k02x(&dir);
    std::fs::write(dir.join("lista.csv"), "Documento,Nombre\nCC,123\n").unwrap();
    let (status, out, err) = planos(&["check", "--tabla", "lista.csv", NAME], &dir);
    assert_eq!((status, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains("no se usó la tabla: «lista.csv» no es una tabla de referencia de SISPRO"),
        "{err}"
    );
    let (status, _, err) = planos(
        &[
            "check",
            "--tabla",
            table,
            "--tabla",
            "sispro-cie10-2025-11-23-muestra.csv",
            NAME,
        ],
        &dir,
    );
    assert_eq!(status, 2);
    assert!(err.contains("se dieron dos tablas CIE10"), "{err}");
    let (status, _, err) = planos(&["check", "--tabla", "no-existe.csv", NAME], &dir);
    assert_eq!(status, 2);
    assert!(err.contains("no se pudo leer la tabla «no-existe.csv»"), "{err}");
    let (status, out, err) = planos(
        &[
            "check",
            "--tabla",
            "sispro-cups-2026-03-17-muestra.csv",
            "--tabla",
            "sispro-eapb-2025-03-19-muestra.csv",
            NAME,
        ],
        &dir,
    );
    assert_eq!(status, 0, "{out}{err}");
    assert!(
        err.contains("tabla CUPS de «sispro-cups-2026-03-17-muestra.csv»: 10\u{a0}024 → 26 códigos"),
        "{err}"
    );
    assert!(err.contains("tabla CodigoEAPByNit"), "{err}");
}
