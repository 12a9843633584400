//! `planos firmar`: files checked, the valid ones signed as `.p7z` that OpenSSL verifies, and
//! every failure told with nothing left behind; and `planos check` of what is signed (a `.p7z`,
//! an answer's `.INFO.P7Z`): who signed, when, and who vouches for them (`--confiar`).

use planos_testkit::pki::{Pki, CA, ENTITY, ENTITY_NIT, PASSWORD};
use planos_testkit::{repo_root, QUERY};
use std::path::{Path, PathBuf};

const RNSE: &str = "REC140RNSE20200131NI000860999123.TXT";

fn pki() -> Pki {
    Pki::make(&repo_root().join("target/test-pki"))
}

/// Runs `planos` with `args` in `dir`: exit status, stdout, stderr.
fn planos(args: &[&str], dir: &Path) -> (i32, String, String) {
    planos_testkit::run(env!("CARGO_BIN_EXE_planos"), args, Some(dir))
}

/// A fresh folder for one test, with the password file `clave.txt` (CRLF after the password)
/// and copies of the fixtures `fixtures` (folder names) in it.
fn folder(name: &str, fixtures: &[&str]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("firmar-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    std::fs::write(dir.join("clave.txt"), format!("{PASSWORD}\r\nsegunda línea\r\n")).unwrap();
    for fixture in fixtures {
        let from = repo_root().join("tests/fixtures").join(fixture);
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    dir
}

/// The names in `dir`, sorted ([] when it does not exist).
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_valid_file_signed_with_a_legacy_and_a_modern_p12_is_what_openssl_verifies() {
    let pki = pki();
    let dir = folder("valido", &["valido"]);
    let original = std::fs::read(dir.join(QUERY)).unwrap();
    for p12 in ["legacy.p12", "modern.p12"] {
        let out_dir = dir.join(p12.replace(".p12", ""));
        let (code, out, err) = planos(
            &[
                "firmar",
                "--p12",
                pki.path(p12).to_str().unwrap(),
                "--clave-archivo",
                "clave.txt",
                "--carpeta",
                out_dir.to_str().unwrap(),
                QUERY,
            ],
            &dir,
        );
        assert_eq!(code, 0, "{p12}: {out}{err}");
        assert!(
            out.starts_with(&format!(
                "Firma: {ENTITY} (NIT {ENTITY_NIT}), emitido por {CA}\n  Vigencia del certificado: del "
            )),
            "{out}"
        );
        assert!(
            out.contains(&format!("{QUERY}\n  Formato: ")),
            "the check's report: {out}"
        );
        assert!(out.contains("  VÁLIDO: 4 registros"), "{out}");
        assert!(out.ends_with("Se firmó 1 de 1 archivo.\n"), "{out}");
        let p7z = out_dir.join(format!("{QUERY}.p7z"));
        assert!(out.contains(&format!("  Firmado: {}\n", p7z.display())), "{out}");
        assert_eq!(names(&out_dir), [format!("{QUERY}.p7z")], "nothing but the envelope");
        assert_eq!(pki.openssl_verify(&p7z), original, "{p12}");
        assert!(!err.contains(PASSWORD) && !out.contains(PASSWORD));
    }
    assert_eq!(
        std::fs::read(dir.join(QUERY)).unwrap(),
        original,
        "the original is not touched"
    );
}

#[test]
fn the_default_folder_is_firmados_in_the_working_directory() {
    let pki = pki();
    let dir = folder("predeterminada", &["rnse-valido"]);
    let p12 = pki.path("modern.p12");
    let (code, out, err) = planos(
        &[
            "firmar",
            "--p12",
            p12.to_str().unwrap(),
            "--clave-archivo",
            "clave.txt",
            RNSE,
        ],
        &dir,
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(names(&dir.join("firmados")), [format!("{RNSE}.p7z")]);
    assert!(out.contains(&format!("  Firmado: firmados/{RNSE}.p7z\n")), "{out}");
    assert_eq!(
        pki.openssl_verify(&dir.join("firmados").join(format!("{RNSE}.p7z"))),
        std::fs::read(dir.join(RNSE)).unwrap()
    );
}

#[test]
fn a_file_with_errors_is_not_signed_and_the_valid_one_beside_it_is() {
    let pki = pki();
    let dir = folder("defectuoso", &["total-no-coincide", "rnse-valido"]);
    let p12 = pki.path("legacy.p12");
    let (code, out, err) = planos(
        &[
            "firmar",
            "--p12",
            p12.to_str().unwrap(),
            "--clave-archivo",
            "clave.txt",
            QUERY,
            RNSE,
        ],
        &dir,
    );
    assert_eq!(code, 1, "{out}{err}");
    // Its problems as `planos check` tells them, then why it is not signed and what to do.
    assert!(out.contains("  NO VÁLIDO: 2 errores"), "{out}");
    assert!(
        out.contains("  línea 1, campo 4 (Total de registros relacionados en el archivo): error: "),
        "the findings with their places: {out}"
    );
    assert!(out.contains("[SMCS-CTL-TOTAL]\n"), "{out}");
    assert!(
        out.contains(&format!(
            "  No se firma: tiene 2 errores. Corríjalo, revíselo y fírmelo de nuevo.\n  «planos corregir {QUERY}» aplica las correcciones que no cambian el contenido.\n"
        )),
        "{out}"
    );
    assert!(out.ends_with("Se firmó 1 de 2 archivos.\n"), "{out}");
    assert_eq!(names(&dir.join("firmados")), [format!("{RNSE}.p7z")]);
}

#[test]
fn a_certificate_that_cannot_sign_exits_2_and_leaves_nothing() {
    let pki = pki();
    let dir = folder("no-firma", &["valido"]);
    std::fs::write(dir.join("mala.txt"), "otra-clave\n").unwrap();
    let modern = pki.bytes("modern.p12");
    std::fs::write(dir.join("truncado.p12"), &modern[..modern.len() / 2]).unwrap();
    for (p12, password, said) in [
        (
            pki.path("modern.p12"),
            "mala.txt",
            "La contraseña del certificado no es correcta",
        ),
        (
            dir.join("truncado.p12"),
            "clave.txt",
            "El certificado no se puede leer como .p12/.pfx: no es un archivo PKCS#12 o está incompleto",
        ),
        (pki.path("nokey.p12"), "clave.txt", "no trae la clave privada"),
        (
            pki.path("expired.p12"),
            "clave.txt",
            &format!("El certificado de «{ENTITY}» venció el "),
        ),
        (
            dir.join("no-existe.p12"),
            "clave.txt",
            "no se pudo leer el certificado «",
        ),
        (
            pki.path("modern.p12"),
            "no-existe.txt",
            "no se pudo leer la contraseña de «no-existe.txt»",
        ),
    ] {
        let (code, out, err) = planos(
            &[
                "firmar",
                "--p12",
                p12.to_str().unwrap(),
                "--clave-archivo",
                password,
                QUERY,
            ],
            &dir,
        );
        assert_eq!(code, 2, "{p12:?}: {out}{err}");
        assert!(err.starts_with("planos: ") && err.contains(said), "{p12:?}: {err}");
        assert!(!out.contains("Firmado"), "{out}");
        assert!(
            names(&dir.join("firmados")).is_empty(),
            "{p12:?}: no .p7z, no temporary file"
        );
    }
}

#[test]
fn a_certificate_that_expires_soon_signs_with_a_warning() {
    let pki = pki();
    let dir = folder("pronto", &["valido"]);
    let p12 = pki.path("soon.p12");
    let (code, out, err) = planos(
        &[
            "firmar",
            "--p12",
            p12.to_str().unwrap(),
            "--clave-archivo",
            "clave.txt",
            QUERY,
        ],
        &dir,
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(&format!("  Aviso: El certificado de «{ENTITY}» vence el ")),
        "{out}"
    );
    assert_eq!(names(&dir.join("firmados")), [format!("{QUERY}.p7z")]);
}

#[test]
fn firmar_without_a_certificate_or_files_is_a_usage_error() {
    let dir = folder("uso", &[]);
    let (code, _, err) = planos(&["firmar", QUERY], &dir);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("planos: indique el certificado de firma con --p12"),
        "{err}"
    );
    assert!(err.contains("Para ver la ayuda: planos firmar --help"), "{err}");
    let (code, _, err) = planos(&["firmar", "--p12", "x.p12"], &dir);
    assert_eq!(code, 2);
    assert!(err.starts_with("planos: indique al menos un archivo"), "{err}");
    let (code, out, _) = planos(&["firmar", "--help"], &dir);
    assert_eq!(code, 0);
    assert!(out.starts_with("planos firmar — "), "{out}");
}

#[test]
fn check_refuses_a_certificate_to_trust_that_it_cannot_read() {
    let dir = folder("confiar-ilegible", &["valido"]);
    std::fs::write(dir.join("no-es.pem"), "hola\n").unwrap();
    for (cert, said) in [
        (
            "no-es.pem",
            "planos: no se puede confiar en «no-es.pem»: no es un certificado X.509 (.cer, .crt o .pem) legible\n",
        ),
        (
            "falta.cer",
            "planos: no se pudo leer el certificado «falta.cer»: no existe el archivo o la carpeta\n",
        ),
    ] {
        let (code, out, err) = planos(&["check", "--confiar", cert, QUERY], &dir);
        assert_eq!((code, out.as_str(), err.as_str()), (2, "", said));
    }
}

/// `planos firmar` of the fixture `valido` with `modern.p12` into `dir/firmados`; the envelope.
fn signed(pki: &Pki, dir: &Path) -> PathBuf {
    let p12 = pki.path("modern.p12");
    let (code, out, err) = planos(
        &[
            "firmar",
            "--p12",
            p12.to_str().unwrap(),
            "--clave-archivo",
            "clave.txt",
            QUERY,
        ],
        dir,
    );
    assert_eq!(code, 0, "{out}{err}");
    dir.join("firmados").join(format!("{QUERY}.p7z"))
}

#[test]
fn check_opens_what_firmar_signed_names_the_signer_and_trusts_the_ca_it_is_told_to() {
    let pki = pki();
    let dir = folder("check-firmado", &["valido"]);
    let p7z = signed(&pki, &dir);
    let p7z = p7z.to_str().unwrap();
    let ca = pki.path("ca.pem");
    let signer = format!("  Firmado por: {ENTITY} (NIT {ENTITY_NIT}), emitido por {CA}\n  Fecha de la firma: ");

    // The test CA is not one of Colombia's accredited CAs: intact, valid, but a warning.
    let (code, out, err) = planos(&["check", p7z], &dir);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("  VÁLIDO: 4 registros, 1 advertencia\n"), "{out}");
    assert!(out.contains(&signer), "{out}");
    assert!(
        out.contains(
            "  La firma está intacta, pero ninguna entidad de certificación de confianza respalda el certificado"
        ),
        "{out}"
    );
    assert!(
        out.contains("el archivo: advertencia: ") && out.contains("[FIRMA-NO-RECONOCIDA]"),
        "{out}"
    );

    // Trusted when told to: the trust line says so, and that revocation is not checked.
    let (code, out, err) = planos(&["check", "--confiar", ca.to_str().unwrap(), p7z], &dir);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("  VÁLIDO: 4 registros, 0 advertencias\n"), "{out}");
    assert!(out.contains(&signer), "{out}");
    assert!(
        out.contains(&format!(
            "  Certificado reconocido: la cadena llega a «{CA}», una entidad de certificación de confianza. (Sin consulta de revocación: planos trabaja sin conexión.)\n"
        )),
        "{out}"
    );
    assert!(!out.contains("FIRMA-NO-RECONOCIDA"), "{out}");

    // The JSON carries the engine's summary.
    let (_, out, _) = planos(
        &["check", "--format", "json", "--confiar", ca.to_str().unwrap(), p7z],
        &dir,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let s = &v["files"][0]["signature"];
    assert_eq!(s["signer"]["name"], ENTITY);
    assert_eq!(s["signer"]["nit"], ENTITY_NIT);
    assert_eq!(s["trust"]["estado"], "trusted");
    assert!(s["signed_at"].is_i64(), "{s}");
}

#[test]
fn check_tells_a_signed_file_whose_content_was_altered() {
    let pki = pki();
    let dir = folder("check-alterado", &["valido"]);
    let p7z = signed(&pki, &dir);
    let mut bytes = std::fs::read(&p7z).unwrap();
    let content = std::fs::read(dir.join(QUERY)).unwrap();
    let at = bytes
        .windows(content.len())
        .position(|w| w == content)
        .expect("the content inside the envelope");
    // A digit of the last record changed: still a well-formed query, no longer what was signed.
    let last_digit = at + content.iter().rposition(u8::is_ascii_digit).unwrap();
    bytes[last_digit] = if bytes[last_digit] == b'1' { b'2' } else { b'1' };
    std::fs::write(&p7z, &bytes).unwrap();
    let (code, out, err) = planos(&["check", p7z.to_str().unwrap()], &dir);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("[FIRMA-NO-VALIDA]"), "{out}");
    assert!(
        !out.contains("  Firmado por: "),
        "no signer for a signature that fails: {out}"
    );
}

#[test]
fn check_tells_who_signed_an_answers_info() {
    let dir = folder("respuesta-firmada", &[]);
    let (query, answer) = planos_testkit::standard();
    std::fs::write(dir.join(QUERY), query).unwrap();
    std::fs::write(dir.join(planos_testkit::DAT), answer.signed_zip()).unwrap();
    let (code, out, err) = planos(&["check", "--query", QUERY, planos_testkit::DAT], &dir);
    assert_eq!(code, 0, "{out}{err}");
    let answer = &out[out
        .find(&format!("{}\n", planos_testkit::DAT))
        .expect("the answer's report")..];
    assert!(
        // (The test kit's envelope states no signing time: no date line.)
        answer.contains("  Firmado por: MINISTERIO DE SALUD PRUEBA, planos, emitido por MINISTERIO DE SALUD PRUEBA\n  La firma está intacta, pero ninguna entidad"),
        "{answer}"
    );
    assert!(
        answer.contains("  La firma está intacta, pero ninguna entidad"),
        "{answer}"
    );
}

#[test]
fn an_envelope_or_a_second_file_of_the_same_name_is_not_signed_again() {
    let pki = pki();
    let dir = folder("otra-vez", &["valido"]);
    let p7z = signed(&pki, &dir);
    let before = std::fs::read(&p7z).unwrap();
    std::fs::create_dir_all(dir.join("otra")).unwrap();
    std::fs::copy(dir.join(QUERY), dir.join("otra").join(QUERY)).unwrap();
    let p12 = pki.path("modern.p12");
    let again = format!("otra/{QUERY}");
    let (code, out, err) = planos(
        &[
            "firmar",
            "--p12",
            p12.to_str().unwrap(),
            "--clave-archivo",
            "clave.txt",
            "--carpeta",
            "nueva",
            p7z.to_str().unwrap(),
            QUERY,
            &again,
        ],
        &dir,
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("  No se firma: ya es un archivo firmado (.p7z).\n"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "  No se firma: otro archivo del mismo nombre ya se firmó como «nueva/{QUERY}.p7z»; fírmelo aparte, con otra --carpeta.\n"
        )),
        "{out}"
    );
    assert!(out.ends_with("Se firmó 1 de 3 archivos.\n"), "{out}");
    assert_eq!(names(&dir.join("nueva")), [format!("{QUERY}.p7z")]);
    assert_eq!(
        std::fs::read(&p7z).unwrap(),
        before,
        "the envelope given is not touched"
    );
}
