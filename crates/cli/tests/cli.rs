//! The `planos check` contract of design.md: JSON shape, line/field numbering, exit status.

use planos_testkit as common;
use planos_testkit::{repo_root, rnse, QUERY as NAME};

use serde_json::Value;

fn fixture(dir: &str) -> String {
    format!("{}/tests/fixtures/{dir}/{NAME}", repo_root().display())
}

fn planos(args: &[&str]) -> (i32, String, String) {
    planos_testkit::run(env!("CARGO_BIN_EXE_planos"), args, None)
}

#[test]
fn a_valid_file_exits_0() {
    let (code, out, _) = planos(&["check", &fixture("valido")]);
    assert_eq!(code, 0);
    assert!(out.contains("VÁLIDO: 4 registros"), "{out}");
}

#[test]
fn json_follows_the_contract() {
    let (code, out, _) = planos(&["check", "--format", "json", &fixture("total-no-coincide")]);
    assert_eq!(code, 1);
    assert!(
        out.ends_with("}\n") && out.lines().count() == 1,
        "one JSON document on one line"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let f = &v["files"][0];
    assert_eq!(f["path"], fixture("total-no-coincide"));
    assert_eq!(f["format"], "smcs-consulta");
    assert_eq!(f["valid"], false);
    assert_eq!(f["records"], 4);
    assert_eq!(f["counts"]["SMCS-CTL-TOTAL"], 1);
    let e = &f["errors"][0];
    assert_eq!(e["severity"], "error");
    assert_eq!(e["code"], "SMCS-CTL-TOTAL");
    assert_eq!(e["line"], 1);
    assert_eq!(e["field"], 4);
    assert_eq!(e["member"], Value::Null);
    assert_eq!(
        e["message"],
        "El total de registros (5) no coincide con los 3 registros de detalle (tipo 2) del archivo (Res. 1537/2015, anexo técnico, numeral 1.2.1.1)."
    );
    let e = &f["errors"][1];
    assert_eq!(
        (e["code"].as_str(), e["line"].as_u64(), e["field"].as_u64()),
        (Some("SMCS-DOC-LONGITUD"), Some(3), Some(2))
    );
    assert_eq!(e["value"], "123");
}

#[test]
fn name_defects_are_line_0() {
    let path = format!(
        "{}/tests/fixtures/nombre-fecha-invalida/RUA250SMCS20150631NI000860999123CO014-18.TXT",
        repo_root().display()
    );
    let (code, out, _) = planos(&["check", "--format=json", &path]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let e = &v["files"][0]["errors"][0];
    assert_eq!(
        (e["code"].as_str(), e["line"].as_u64()),
        (Some("NOMBRE-COMPONENTE"), Some(0))
    );
    assert_eq!(e["field"], Value::Null);
}

#[test]
fn text_report_lists_every_defect_with_line_and_field() {
    let (code, out, _) = planos(&["check", &fixture("defectos-de-texto")]);
    assert_eq!(code, 1);
    assert!(out.contains("NO VÁLIDO: 8 errores"), "{out}");
    // Each finding: where, its severity, the catalogue's title, the message and the code.
    for (place, title, code) in [
        ("línea 1", "El archivo tiene la marca BOM de UTF-8", "TEXTO-BOM"),
        (
            "línea 2, campo 1 (Tipo de identificación de la persona a consultar)",
            "Letras minúsculas",
            "TEXTO-MINUSCULAS",
        ),
        (
            "línea 3, campo 2 (Número de identificación de la persona a consultar)",
            "Letra con tilde",
            "TEXTO-TILDES",
        ),
        ("línea 4", "Línea vacía", "TEXTO-LINEA-VACIA"),
        (
            "línea 5, campo 2 (Número de identificación de la persona a consultar)",
            "Comillas en un campo",
            "TEXTO-COMILLAS",
        ),
        (
            "línea 6, campo 0",
            "Separador no permitido dentro de un campo",
            "TEXTO-SEPARADOR",
        ),
        ("línea 7", "Carácter de fin de archivo (Ctrl-Z)", "TEXTO-FIN-ARCHIVO"),
    ] {
        let start = format!("  {place}: error: {title} — ");
        let end = format!(" [{code}]");
        assert!(
            out.lines().any(|l| l.starts_with(&start) && l.ends_with(&end)),
            "missing «{start}… {end}» in:\n{out}"
        );
    }
    // The counts per code, with their titles.
    let counts = out
        .lines()
        .find(|l| l.starts_with("  Por tipo de hallazgo: "))
        .expect("the counts");
    assert!(
        counts.contains(", Comillas en un campo ×1 (TEXTO-COMILLAS), "),
        "{counts}"
    );
}

#[test]
fn several_files_in_one_document() {
    let (code, out, _) = planos(&[
        "check",
        "--format",
        "json",
        &fixture("valido"),
        &fixture("total-no-coincide"),
    ]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    assert_eq!(v["files"][0]["valid"], true);
    assert_eq!(v["files"][1]["valid"], false);
}

#[test]
fn max_errors_caps_the_list_not_the_counts() {
    let (_, out, _) = planos(&[
        "check",
        "--format",
        "json",
        "--max-errores",
        "1",
        &fixture("defectos-de-texto"),
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let f = &v["files"][0];
    assert_eq!(f["errors"].as_array().unwrap().len(), 1);
    assert_eq!(f["error_count"], 8);
    assert_eq!(f["truncated"], true);
}

#[test]
fn could_not_run_exits_2() {
    let (code, out, err) = planos(&["check", "/no/existe/RUA.TXT"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no se pudo leer"), "{err}");
    assert_eq!(planos(&["check"]).0, 2);
    assert_eq!(planos(&["check", "--format", "xml", &fixture("valido")]).0, 2);
    assert_eq!(planos(&["revisar", &fixture("valido")]).0, 2);
    assert_eq!(planos(&["check", env!("CARGO_MANIFEST_DIR")]).0, 2);
}

#[test]
fn help_is_spanish() {
    let (code, out, _) = planos(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Uso:") && out.contains("planos check"), "{out}");
}

#[test]
fn unknown_format_is_a_defect_not_a_crash() {
    let dir = std::env::temp_dir().join("planos-cli-test");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("foto.jpg");
    std::fs::write(&p, [0xFFu8, 0xD8, 0xFF, 0x00, 0x1A]).unwrap();
    let (code, out, _) = planos(&["check", "--format", "json", p.to_str().unwrap()]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"][0]["errors"][0]["code"], "FORMATO-DESCONOCIDO");
}

#[test]
fn an_answer_checked_with_its_query() {
    let dir = std::env::temp_dir().join(format!("planos-cli-answer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (q, a) = common::standard();
    let (qp, ap) = (dir.join(common::QUERY), dir.join(common::DAT));
    std::fs::write(&qp, q).unwrap();
    std::fs::write(&ap, a.zip()).unwrap();
    let (code, out, _) = planos(&[
        "check",
        "--format",
        "json",
        "--query",
        qp.to_str().unwrap(),
        ap.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"][0]["format"], "smcs-consulta");
    let answer = &v["files"][1];
    assert_eq!(answer["format"], "smcs-respuesta");
    assert_eq!(answer["summary"]["consulted"], 4);
    assert_eq!(answer["summary"]["deceased_rcd"], 1);
    assert_eq!(answer["summary"]["deceased_ani"], 1);
    assert_eq!(answer["summary"]["not_found"], 1);

    // One row per answered person, as CSV.
    let csv = dir.join("personas.csv");
    let (code, _, _) = planos(&[
        "check",
        "--personas",
        csv.to_str().unwrap(),
        "--query",
        qp.to_str().unwrap(),
        ap.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "\u{FEFF}tipo_documento;numero_documento;resultado;estado;nombre;fecha_defuncion;archivo;linea"
    );
    assert_eq!(lines.len(), 5);
    assert!(
        lines[1].starts_with(
            "\"CC\";\"12345678\";\"FALLECIDA (REGISTRO CIVIL DE DEFUNCION)\";\"\";\"PEREZ GOMEZ JUAN\";\"2015-03-01\""
        ),
        "{}",
        lines[1]
    );
    assert!(lines[4].contains("\"NO ENCONTRADA\";\"NO ENCONTRADO\""), "{}", lines[4]);

    // The same rows as an Excel workbook.
    let xlsx = dir.join("personas.xlsx");
    let (code, _, _) = planos(&[
        "check",
        "--personas",
        xlsx.to_str().unwrap(),
        "--query",
        qp.to_str().unwrap(),
        ap.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range("Personas").unwrap();
    let text: Vec<String> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(";"))
        .collect();
    assert_eq!(text.len(), 5, "{text:?}");
    assert!(text[0].starts_with("Tipo de documento;Número de documento"), "{text:?}");
    assert!(
        text.iter().any(|r| r.contains("PEREZ GOMEZ JUAN")) && text.iter().any(|r| r.contains("NO ENCONTRADA")),
        "{text:?}"
    );

    // One more person in the query: the answer misses them.
    std::fs::write(
        &qp,
        common::query(&[
            "CC,12345678",
            "CC,87654321",
            "TI,1002003004",
            "CC,55555555",
            "CE,123456",
        ]),
    )
    .unwrap();
    let (code, out, _) = planos(&["check", "--query", qp.to_str().unwrap(), ap.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        out.contains("SMCS-RESP-SIN-RESPUESTA") && out.contains("CE 123456"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn build_smcs_writes_the_file_or_says_which_rows_to_fix() {
    let dir = std::env::temp_dir().join(format!("planos-build-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("personas.csv");
    // Windows-1252, as Excel saves CSV on Spanish Windows: "Número" has a byte 0xFA.
    std::fs::write(&list, b"Tipo;N\xFAmero\r\nCC;12.345.678\r\nTI;12\r\n").unwrap();
    let base = [
        "build",
        "smcs",
        "--nit",
        "860999123",
        "--entidad",
        "014-18",
        "--fecha",
        "2015-06-01",
        "--desde",
        "2015-05-01",
        "--hasta",
        "2015-05-31",
        "--carpeta",
    ];
    let mut args: Vec<&str> = base.to_vec();
    args.push(dir.to_str().unwrap());
    args.push(list.to_str().unwrap());
    let (code, out, _) = planos(&args);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Fila 3 («TI 12»)") && out.contains("--omitir-invalidas"),
        "{out}"
    );
    args.insert(args.len() - 1, "--omitir-invalidas");
    let (code, out, _) = planos(&args);
    assert_eq!(code, 0, "{out}");
    let file = dir.join("RUA250SMCS20150601NI000860999123CO014-18.TXT");
    assert!(out.contains("1 persona"), "{out}");
    let (code, _, _) = planos(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 0);
    let (code, help, _) = planos(&["build", "--help"]);
    assert_eq!(code, 0);
    assert!(
        help.contains("Ejemplo:") && help.contains("planos build smcs"),
        "{help}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_rnse_summary_names_the_eps_diagnoses_and_municipalities() {
    let dir = std::env::temp_dir().join(format!("planos-rnse-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(rnse::NAME);
    let details = [rnse::detail(1).set(6, "27086"), rnse::detail(2).set(13, "E119")];
    std::fs::write(&file, rnse::Report::of(details).bytes()).unwrap();
    let (code, out, _) = planos(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("  EPS: EPS001 ALIANSALUD\n"), "{out}");
    assert!(
        out.contains("27086 BELÉN DE BAJIRÁ (CHOCÓ), solo en la DIVIPOLA del Ministerio de Salud ×1"),
        "{out}"
    );
    assert!(
        out.contains("Diagnósticos principales más frecuentes (de 2): E119 DIABETES MELLITUS NO INSULINODEPENDIENTE, SIN MENCION DE COMPLICACION ×1, J459 ASMA, NO ESPECIFICADO ×1"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn corregir_writes_the_repaired_file_beside_and_checks_it_again() {
    let dir = std::env::temp_dir().join(format!("planos-corregir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let original = dir.join("negaciones.txt");
    // What Corregir repairs: LF ends, a total of 5 for one denial numbered 7, a lower-case
    // document type, an accent.
    let denial = rnse::detail(7)
        .set(6, "05001")
        .set(7, "cc")
        .set(8, "12345671")
        .set(17, "ÁCIDO VALPROICO");
    let text = rnse::Report::of([denial]).total(5).line_end("\n").text();
    std::fs::write(&original, &text).unwrap();
    let out_dir = dir.join("listos");
    let (code, out, _) = planos(&[
        "corregir",
        "--carpeta",
        out_dir.to_str().unwrap(),
        original.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Renumerar el consecutivo (1, 2, 3…): 1 (p. ej. línea 2: 7 → 1)"),
        "{out}"
    );
    assert!(out.contains("El archivo corregido es válido."), "{out}");
    let repaired = out_dir.join("REC140RNSE20200131NI000860999123.TXT");
    let (code, _, _) = planos(&["check", repaired.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(&original).unwrap(),
        text,
        "the original is not touched"
    );
    // What is not safe stays for a person: exit 1.
    std::fs::write(&original, text.replace("|05001|", "|0500X|")).unwrap();
    let (code, out, _) = planos(&[
        "corregir",
        "--carpeta",
        out_dir.to_str().unwrap(),
        original.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Queda por corregir a mano: 1 error.\n    Código de municipio mal formado — línea 2 [RNSE-MUNICIPIO]: El municipio «0500X»"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn build_rnse_from_a_workbook_recognises_titles_takes_a_column_by_hand_and_checks_clean() {
    use planos_core::xlsx::{write, Cell};
    let dir = std::env::temp_dir().join(format!("planos-build-rnse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let titles = [
        "Tipo de identificación del prestador donde se solicita el servicio",
        "NIT prestador",
        "Código de habilitación",
        "Municipio",
        "Tipo documento usuario",
        "Documento usuario",
        "Régimen",
        "Sexo",
        "Fecha de nacimiento",
        "Ámbito",
        "Diagnóstico principal",
        "Tipo de servicio",
        "Código del servicio",
        "Tipo de medicamento",
        "Tipo de prestación",
        "Causa de negación",
        "Observación",
    ];
    let columns: Vec<(&str, f64)> = titles.iter().map(|t| (*t, 12.0)).collect();
    let row = |doc: u64| {
        [
            Cell::Text("NI"),
            Cell::Number(900123456),
            Cell::Text("110010123401"),
            Cell::Number(5001),
            Cell::Text("CC"),
            Cell::Number(doc),
            Cell::Text("RC"),
            Cell::Text("M"),
            Cell::Text("17/05/1980"),
            Cell::Number(1),
            Cell::Text("J459"),
            Cell::Text("M"),
            Cell::Text("Ácido valproico"),
            Cell::Number(1),
            Cell::Number(1),
            Cell::Number(101),
            Cell::Text("sin observación"),
        ]
    };
    let rows = [row(12345678), row(87654321)];
    let book = write(std::io::Cursor::new(Vec::new()), "Negaciones", &columns, rows.iter()).unwrap();
    let list = dir.join("negaciones.xlsx");
    std::fs::write(&list, book.into_inner()).unwrap();
    let header = [
        "build",
        "rnse",
        "--nit",
        "860999123",
        "--eps",
        "EPS001",
        "--desde",
        "2020-01-01",
        "--hasta",
        "2020-01-31",
    ];
    fn with<'a>(header: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
        [header, more].concat()
    }
    let (code, out, err) = planos(&with(
        &header,
        &[
            "--regimen",
            "rc",
            "--columna",
            "22=Q",
            "--carpeta",
            dir.to_str().unwrap(),
            list.to_str().unwrap(),
        ],
    ));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("Campo  6 Código del municipio donde se solicita el servicio: D: Municipio"),
        "{out}"
    );
    assert!(out.contains("Campo 22 ") && out.contains(": Q: Observación"), "{out}");
    assert!(
        out.contains("Construido") && out.contains("2 servicios negados"),
        "{out}"
    );
    let file = dir.join("REC140RNSE20200131NI000860999123.TXT");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("|05001|CC|12345678|RC|M|1980-05-17|1|J459|||M|ACIDO VALPROICO|1||1|101|SIN OBSERVACION\r\n"),
        "{text}"
    );
    let (code, _, _) = planos(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 0);
    // A required field with no column: nothing built, and the field is named.
    let (code, out, _) = planos(&with(
        &header,
        &["--regimen", "RC", "--columna", "10=Z", list.to_str().unwrap()],
    ));
    assert_eq!(code, 2, "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_command_has_its_spanish_help() {
    for (args, first) in [
        (&["sssalud", "filezilla", "--help"][..], "planos sssalud filezilla —"),
        (&["sssalud", "preparar", "-h"], "planos sssalud preparar —"),
        (&["build", "smcs", "--help"], "planos build smcs —"),
        (&["build", "rnse", "--help"], "planos build rnse —"),
        (&["corregir", "--help"], "planos corregir —"),
        (&["check", "--help"], "planos —"),
        (&["help", "sssalud"], "planos sssalud —"),
    ] {
        let (code, out, err) = planos(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.starts_with(first) && out.contains("Uso:"), "{args:?}:\n{out}");
        assert!(!out.contains("Usage") && err.is_empty(), "{args:?}:\n{out}{err}");
    }
    let (code, out, _) = planos(&["sssalud", "filezilla", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--clave-guardada") && out.contains("Ejemplo:"), "{out}");
}

#[test]
fn a_missing_file_is_told_in_spanish() {
    let (code, _, err) = planos(&["check", "/no/existe/RUA.TXT"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "planos: no se pudo leer «/no/existe/RUA.TXT»: no existe el archivo o la carpeta\n"
    );
    let (code, _, err) = planos(&["corregir", "--carpeta", "/tmp", "/no/existe/RNSE.TXT"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no existe el archivo o la carpeta") && !err.contains("os error"),
        "{err}"
    );
}

#[test]
fn an_unknown_option_is_a_spanish_usage_error_without_the_whole_help() {
    for (args, said) in [
        (
            &["check", "--formatt", "json", "a.TXT"][..],
            "planos: opción desconocida «--formatt»",
        ),
        (&["build", "smcs", "--nada"], "planos: opción desconocida «--nada»"),
        (&["corregir", "--carpeta"], "planos: falta el valor de --carpeta"),
        (
            &["sssalud", "filezilla", "--rnos", "999998", "--x"],
            "planos sssalud: opción desconocida «--x»",
        ),
        (
            &["check", "--format", "xml", "a.TXT"],
            "planos: --format debe ser text o json, no «xml»",
        ),
    ] {
        let (code, out, err) = planos(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.starts_with(said), "{args:?}: {err}");
        assert!(err.lines().count() <= 2 && !err.contains("Uso:"), "{args:?}: {err}");
    }
}
#[test]
fn build_makes_the_folder_it_writes_to_and_an_unreadable_list_prints_no_help() {
    let dir = std::env::temp_dir().join(format!("planos-build-folder-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("personas.csv");
    std::fs::write(&list, "CC;12345678\r\n").unwrap();
    let folder = dir.join("nueva").join("sub");
    let header = [
        "build",
        "smcs",
        "--nit",
        "860999123",
        "--entidad",
        "014-18",
        "--fecha",
        "2015-06-01",
        "--desde",
        "2015-05-01",
        "--hasta",
        "2015-05-31",
        "--carpeta",
        folder.to_str().unwrap(),
    ];
    let (code, out, err) = planos(&[&header[..], &[list.to_str().unwrap()]].concat());
    assert_eq!(code, 0, "{out}{err}");
    assert!(folder.join(NAME).is_file(), "{out}");
    let (code, out, err) = planos(&[&header[..], &["/no/existe.csv"]].concat());
    assert_eq!(code, 2, "{out}");
    assert_eq!(
        err,
        "planos: no se pudo leer «/no/existe.csv»: no existe el archivo o la carpeta\n"
    );
    // corregir makes its folder too, however deep.
    let deep = dir.join("corregidos").join("enero");
    let (code, out, err) = planos(&[
        "corregir",
        "--carpeta",
        deep.to_str().unwrap(),
        folder.join(NAME).to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(deep.join(NAME).is_file(), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}
