//! `planos sssalud …`: the FileZilla file, "preparar" and "respuesta" from the command line.

use std::path::PathBuf;

/// Runs `planos` with `args`, words split on spaces, in `dir`.
fn planos(args: &str, dir: &std::path::Path) -> (i32, String, String) {
    let args: Vec<&str> = args.split_whitespace().collect();
    planos_testkit::run(env!("CARGO_BIN_EXE_planos"), &args, Some(dir))
}

/// A fresh folder under target/ for one test.
fn folder(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("sssalud-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

#[test]
fn filezilla_writes_an_importable_site_manager_file() {
    let dir = folder("filezilla");
    let (code, out, _) = planos("sssalud filezilla --rnos 999998 --rnemp 123456", &dir);
    assert_eq!(code, 0);
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let servers: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("Server")).collect();
    assert_eq!(servers.len(), 5);
    let value = |n: &roxmltree::Node, tag: &str| {
        n.children()
            .find(|c| c.has_tag_name(tag))
            .and_then(|c| c.text())
            .map(String::from)
    };
    assert_eq!(value(&servers[1], "Host").as_deref(), Some("rnemp.ftp.sssalud.gob.ar"));
    assert_eq!(value(&servers[1], "User").as_deref(), Some("123456"));
    assert_eq!(value(&servers[0], "User").as_deref(), Some("999998"));
    assert!(servers.iter().all(|s| value(s, "Logontype").as_deref() == Some("2")));
    let (code, _, err) = planos("sssalud filezilla", &dir);
    assert_eq!(code, 2);
    assert!(err.contains("Escriba el número de RNOS"), "{err}");
}

#[test]
fn preparar_says_where_and_fails_on_errors() {
    let dir = folder("preparar");
    std::fs::write(dir.join("novedades.txt"), b"a|b\r\n").unwrap();
    let (code, out, _) = planos("sssalud preparar --sitio padron --periodo 201707 novedades.txt", &dir);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Listo para subir a la carpeta «201707»."), "{out}");
    assert!(out.contains("Binario"));
    std::fs::write(dir.join("r83.xml"), b"<a>\n<b></a>").unwrap();
    let (code, out, _) = planos("sssalud preparar --sitio res83 --periodo=2017-Sem-2 r83.xml", &dir);
    assert_eq!(code, 1);
    assert!(
        out.contains("Error (línea 2, columna 4): El XML no está bien formado"),
        "{out}"
    );
    // Each finding ends with its catalogue code; "Verifique" is a note, not an error.
    assert!(
        out.lines()
            .any(|l| l.starts_with("  Error (línea 2") && l.ends_with(" [SSSALUD-ENVIO-XML]")),
        "{out}"
    );
    assert!(
        out.contains("  Verifique: «SSSalud - Res. 83» solo acepta archivos .XML")
            && out.contains(" [SSSALUD-ENVIO-APLICATIVO]"),
        "{out}"
    );
    let (code, _, err) = planos("sssalud preparar --sitio res83 --periodo 2017-Sem-3 r83.xml", &dir);
    assert_eq!(code, 2);
    assert!(err.contains("«2017-Sem-3» no es un período"), "{err}");
}

#[test]
fn respuesta_counts_and_writes_the_rejected_records() {
    let dir = folder("respuesta");
    std::fs::write(dir.join("999998-201707.ok"), b"x|1\r\ny|2\r\nz|3\r\n").unwrap();
    std::fs::write(dir.join("999998-201707.err"), b"a|1|E01\r\nb|2|E07\r\n").unwrap();
    let (code, out, _) = planos(
        "sssalud respuesta --rechazados corregir 999998-201707.ok 999998-201707.err",
        &dir,
    );
    assert_eq!(code, 1, "rejected records");
    assert!(out.contains("Aceptados (.ok): 3 registros"), "{out}");
    assert!(out.contains("Rechazados (.err): 2 registros"), "{out}");
    assert!(out.contains("código E07: 1 registro"), "{out}");
    std::fs::write(dir.join("notas.txt"), b"x").unwrap();
    let (_, out, _) = planos("sssalud respuesta 999998-201707.ok notas.txt", &dir);
    assert!(
        out.contains("notas.txt: no termina en .ok ni .err; no se leyó. [SSSALUD-RESPUESTA-NOMBRE]"),
        "{out}"
    );
    let rejected = std::fs::read(dir.join("corregir").join("999998-201707.rechazados.txt")).unwrap();
    assert_eq!(rejected, b"a|1\r\nb|2\r\n");
    let (code, out, _) = planos("sssalud errores Respuesta: 530 Login incorrect", &dir);
    assert_eq!(code, 0);
    assert!(out.contains("comprobante"), "{out}");
}

mod no_panic {
    use planos_ar::sssalud::answer::{read_answers, read_err};
    use planos_ar::sssalud::sites::{Period, SITES};
    use planos_ar::sssalud::upload::prepare;
    use proptest::prelude::*;

    /// Bytes near the real ones: delimiters, codes, line ends, XML punctuation, non-ASCII.
    fn near() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            Just(b"|".to_vec()),
            Just(b";".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\r".to_vec()),
            Just(b"E01".to_vec()),
            Just(b"error 103".to_vec()),
            Just(b"<a>".to_vec()),
            Just(b"</b>".to_vec()),
            Just(b"&amp;".to_vec()),
            Just(b"\xEF\xBB\xBF".to_vec()),
            Just(b"\xF1".to_vec()),
            Just("ñ".as_bytes().to_vec()),
            proptest::collection::vec(any::<u8>(), 0..6),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn any_bytes_any_name(bytes in near(), name in "[a-zA-Z0-9ñ_. -]{0,24}", year in 0u16..3000, number in 0u8..20) {
            for site in &SITES {
                let _ = prepare(site, Some(Period { year, number }), &name, &bytes);
                let _ = prepare(site, None, &format!("{name}.xml"), &bytes);
                let _ = site.folders.period_in_name(&name);
                let _ = site.folders.parse_folder(&name);
            }
            let e = read_err(&bytes);
            prop_assert!(e.codes.iter().map(|(_, n)| n).sum::<usize>() >= e.rejected.iter().filter(|r| !r.codes.is_empty()).count());
            let (answers, _) = read_answers(&[(format!("{name}.err"), bytes.clone()), (format!("{name}.ok"), bytes)]);
            for a in answers {
                let _ = a.rejected_file();
            }
        }
    }
}
