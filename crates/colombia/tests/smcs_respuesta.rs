//! The supervivencia answer archive (Res. 1537/2015, 1.1.2 and 1.2.2): integrity, records, and
//! the match with its query; bad archives get a clear finding, never a panic.

use planos_co::check_all_bytes;
use planos_co::formats::people::AnswerSummary;
use planos_core::report::{FileReport, DEFAULT_LIMIT};
use planos_testkit::*;

fn answer_alone(bytes: &[u8]) -> FileReport {
    check_all_bytes(&[(DAT, bytes)], None, DEFAULT_LIMIT).files.remove(0)
}

fn with_query(query: &[u8], answer: &[u8]) -> FileReport {
    let mut r = check_all_bytes(&[(QUERY, query), (DAT, answer)], Some(0), DEFAULT_LIMIT);
    assert!(r.files[0].valid, "the query itself is valid: {:?}", r.files[0].errors);
    r.files.remove(1)
}

/// (code, member, line, field) of every finding.
fn found(r: &FileReport) -> Vec<(String, Option<String>, u64, Option<u32>)> {
    r.errors
        .iter()
        .map(|d| (d.code.to_string(), d.member.clone(), d.line, d.field))
        .collect()
}

fn codes(r: &FileReport) -> Vec<String> {
    r.errors.iter().map(|d| d.code.to_string()).collect()
}

#[test]
fn a_valid_answer_with_its_query() {
    let (q, a) = standard();
    let r = with_query(&q, &a.zip());
    assert!(r.valid, "{:?}", r.errors);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.format.as_deref(), Some("smcs-respuesta"));
    let s = AnswerSummary::of(&r).expect("an answer has a summary");
    assert_eq!(s.consulted, Some(4));
    assert_eq!((s.deceased_rcd, s.found_ani, s.deceased_ani, s.not_found), (1, 2, 1, 1));
    assert_eq!(s.ani_states.get("VIGENTE"), Some(&1));
    // RNEC: control + 3; not found: control + 1; .INFO: 1.
    assert_eq!(r.records, 7);
}

#[test]
fn a_valid_answer_alone() {
    let (_, a) = standard();
    let r = answer_alone(&a.zip());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
}

#[test]
fn the_query_is_found_by_entity_code_without_being_named() {
    let (q, a) = standard();
    let r = check_all_bytes(&[(DAT, &a.zip()), (QUERY, &q)], None, DEFAULT_LIMIT);
    // Reports keep the order given; the answer was matched with the query all the same.
    assert_eq!(r.files[0].path, DAT);
    let q2 = query(&["CC,12345678"]);
    let r = check_all_bytes(&[(DAT, &a.zip()), (QUERY, &q2)], None, DEFAULT_LIMIT);
    assert!(
        codes(&r.files[0]).contains(&"SMCS-RESP-NO-CONSULTADO".to_string()),
        "{:?}",
        r.files[0].errors
    );
}

#[test]
fn a_member_changed_after_signing_fails_its_md5() {
    let (_, a) = standard();
    let (r, n, i) = a.members();
    let mut tampered = r.clone();
    let at = tampered.len() - 5;
    tampered[at] = b'X';
    let report = answer_alone(&zip(&[(RNEC, &tampered), (NOT_FOUND, &n), (INFO, &i)]));
    let f = found(&report);
    assert!(
        f.contains(&("SMCS-RESP-MD5".into(), Some(INFO.into()), 1, Some(8))),
        "{f:?}"
    );
    let msg = &report
        .errors
        .iter()
        .find(|d| d.code == "SMCS-RESP-MD5")
        .unwrap()
        .message;
    assert!(msg.contains(RNEC) && msg.contains(&md5_b64(&tampered)), "{msg}");
}

#[test]
fn not_found_digest_is_checked_too() {
    let (_, a) = standard();
    let (r, _, i) = a.members();
    let other = answer_file(NOT_FOUND, 4, &[not_found("CC,55555556")]);
    let report = answer_alone(&zip(&[(RNEC, &r), (NOT_FOUND, &other), (INFO, &i)]));
    assert!(found(&report).contains(&("SMCS-RESP-MD5".into(), Some(INFO.into()), 1, Some(9))));
}

#[test]
fn every_person_consulted_is_answered_exactly_once() {
    let (_, a) = standard();
    let q = query(&[
        "CC,12345678",
        "CC,87654321",
        "TI,1002003004",
        "CC,55555555",
        "CE,123456",
    ]);
    let mut a5 = a;
    a5.consulted = 5;
    let r = with_query(&q, &a5.zip());
    let d = r
        .errors
        .iter()
        .find(|d| d.code == "SMCS-RESP-SIN-RESPUESTA")
        .expect("unanswered person");
    assert!(
        d.message.contains("CE 123456") && d.message.contains("línea 6"),
        "{}",
        d.message
    );
    assert_eq!((d.line, d.member.as_deref()), (0, None));
}

#[test]
fn an_answer_for_someone_not_consulted_is_an_error() {
    let (q, mut a) = standard();
    a.rnec.push(ani("CC,99999999", "VIGENTE"));
    let r = with_query(&q, &a.zip());
    let d = r
        .errors
        .iter()
        .find(|d| d.code == "SMCS-RESP-NO-CONSULTADO")
        .expect("not consulted");
    assert!(d.message.contains("CC 99999999"), "{}", d.message);
    assert_eq!((d.member.as_deref(), d.line, d.field), (Some(RNEC), 5, Some(2)));
}

#[test]
fn a_person_answered_twice_is_an_error_with_or_without_query() {
    let (q, mut a) = standard();
    a.not_found.push(not_found("CC,12345678"));
    let r = with_query(&q, &a.zip());
    assert!(
        found(&r).contains(&("SMCS-RESP-REPETIDO".into(), Some(NOT_FOUND.into()), 3, Some(2))),
        "{:?}",
        r.errors
    );
    let r = answer_alone(&a.zip());
    assert!(codes(&r).contains(&"SMCS-RESP-REPETIDO".to_string()));
}

#[test]
fn the_query_total_must_match_the_answer() {
    let (_, a) = standard();
    let q = query(&[
        "CC,12345678",
        "CC,87654321",
        "TI,1002003004",
        "CC,55555555",
        "CE,123456",
    ]);
    let r = with_query(&q, &a.zip());
    assert!(
        found(&r).contains(&("SMCS-RESP-TOTAL-CONSULTA".into(), Some(RNEC.into()), 1, Some(4))),
        "{:?}",
        r.errors
    );
}

#[test]
fn control_totals_must_match_the_records() {
    let (_, a) = standard();
    let (_, n, _) = a.members();
    let mut r = answer_file(RNEC, 4, &a.rnec);
    r.extend_from_slice(rcd("CC,11111111").as_bytes());
    r.extend_from_slice(b"\r\n");
    let i = info(4, &r, 3, Some(&n));
    let report = answer_alone(&zip(&[(RNEC, &r), (NOT_FOUND, &n), (INFO, &i)]));
    let f = found(&report);
    assert!(
        f.contains(&("SMCS-RESP-TOTAL".into(), Some(RNEC.into()), 1, Some(6))),
        "{f:?}"
    );
    assert!(
        f.contains(&("SMCS-RESP-INFO-TOTAL".into(), Some(INFO.into()), 1, Some(7))),
        "{f:?}"
    );
}

#[test]
fn records_follow_their_tables() {
    let (_, mut a) = standard();
    a.rnec[0] = a.rnec[0].replace(",M,COLOMBIA", ",X,COLOMBIA");
    a.rnec[1] = a.rnec[1].replacen(",ANI", "", 1);
    a.not_found[0] = a.not_found[0].replace("NO ENCONTRADO", "ENCONTRADO");
    let r = answer_alone(&a.zip());
    let f = found(&r);
    assert!(
        f.contains(&("CAMPO-VALOR".into(), Some(RNEC.into()), 2, Some(14))),
        "{f:?}"
    );
    assert!(
        f.contains(&("REGISTRO-CAMPOS".into(), Some(RNEC.into()), 3, None)),
        "{f:?}"
    );
    assert!(
        f.contains(&("CAMPO-VALOR".into(), Some(NOT_FOUND.into()), 2, Some(3))),
        "{f:?}"
    );
}

#[test]
fn missing_members_are_errors() {
    let (_, a) = standard();
    let (r, n, i) = a.members();
    assert!(codes(&answer_alone(&zip(&[(RNEC, &r), (NOT_FOUND, &n)]))).contains(&"SMCS-RESP-INFO-FALTA".to_string()));
    let c = codes(&answer_alone(&zip(&[(NOT_FOUND, &n), (INFO, &i)])));
    assert!(c.contains(&"SMCS-RESP-RNEC-FALTA".to_string()), "{c:?}");
    // The .INFO names a not-found digest but there is no not-found file.
    let c = codes(&answer_alone(&zip(&[(RNEC, &r), (INFO, &i)])));
    assert!(c.contains(&"SMCS-RESP-MIEMBRO-FALTA".to_string()), "{c:?}");
}

#[test]
fn member_names_carry_the_entity_code() {
    let (_, a) = standard();
    let (r, n, i) = a.members();
    let wrong = "SMC999-9920150601RNEC";
    let report = answer_alone(&zip(&[(wrong, &r), (NOT_FOUND, &n), (INFO, &i)]));
    assert!(
        found(&report).contains(&("SMCS-RESP-MIEMBRO-NOMBRE".into(), Some(wrong.into()), 0, None)),
        "{:?}",
        report.errors
    );
    // The .TXT extension is accepted.
    let report = answer_alone(&zip(&[(&format!("{RNEC}.TXT"), &r), (NOT_FOUND, &n), (INFO, &i)]));
    assert!(report.errors.is_empty(), "{:?}", report.errors);
}

#[test]
fn a_zip_inside_the_zip_is_opened() {
    let (q, a) = standard();
    let inner = a.zip();
    let r = with_query(&q, &zip(&[("respuesta.zip", &inner)]));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(AnswerSummary::of(&r).unwrap().deceased_rcd, 1);
}

#[test]
fn bad_archives_get_a_clear_message() {
    assert_eq!(codes(&answer_alone(b"")), ["ARCHIVO-VACIO"]);
    assert_eq!(codes(&answer_alone(b"esto no es un zip")), ["SMCS-RESP-NO-ZIP"]);
    let (_, a) = standard();
    let whole = a.zip();
    let truncated = &whole[..whole.len() / 2];
    let r = answer_alone(truncated);
    assert!(
        codes(&r)
            .iter()
            .any(|c| c == "SMCS-RESP-ZIP" || c == "SMCS-RESP-MIEMBRO-ILEGIBLE"),
        "{:?}",
        r.errors
    );
    assert!(r.errors.iter().all(|d| !d.message.is_empty()));
}

#[test]
fn unexpected_and_escaping_members_are_named_not_opened() {
    let (_, a) = standard();
    let (r, n, i) = a.members();
    let report = answer_alone(&zip(&[
        (RNEC, &r),
        (NOT_FOUND, &n),
        (INFO, &i),
        ("LEAME.PDF", b"%PDF"),
        ("../../etc/passwd", b"x"),
    ]));
    let f = found(&report);
    assert!(
        f.contains(&("SMCS-RESP-MIEMBRO-INESPERADO".into(), Some("LEAME.PDF".into()), 0, None)),
        "{f:?}"
    );
    assert!(
        f.contains(&(
            "SMCS-RESP-MIEMBRO-RUTA".into(),
            Some("../../etc/passwd".into()),
            0,
            None
        )),
        "{f:?}"
    );
}

#[test]
fn encrypted_members_are_reported() {
    let (_, a) = standard();
    let mut z = a.zip();
    // Set the "encrypted" flag (bit 0 of the general-purpose flags) of every entry.
    for sig in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
        let offset = if sig == b"PK\x03\x04" { 6 } else { 8 };
        let mut at = 0;
        while let Some(p) = z[at..].windows(4).position(|w| w == sig) {
            z[at + p + offset] |= 1;
            at += p + 4;
        }
    }
    let c = codes(&answer_alone(&z));
    assert!(c.contains(&"SMCS-RESP-MIEMBRO-CIFRADO".to_string()), "{c:?}");
}

#[test]
fn the_dat_name_follows_1_1_2() {
    let (_, a) = standard();
    let bad = "PUB200SMCS20150605NI000900474728NI000860999123CO014-18.DAT";
    let r = check_all_bytes(&[(bad, &a.zip())], None, DEFAULT_LIMIT).files.remove(0);
    assert!(
        found(&r).contains(&("NOMBRE-COMPONENTE".into(), None, 0, None)),
        "{:?}",
        r.errors
    );
}

/// Writes the standard query and its answer for the browser tests (tests/e2e), which run after
/// `cargo test` in tools/test: `target/e2e-fixtures/`.
#[test]
fn write_browser_fixtures() {
    let dir = planos_testkit::repo_root().join("target").join("e2e-fixtures");
    std::fs::create_dir_all(&dir).unwrap();
    let (q, a) = standard();
    let answer = a.signed_zip();
    std::fs::write(dir.join(QUERY), &q).unwrap();
    std::fs::write(dir.join(DAT), &answer).unwrap();
    let r = check_all_bytes(&[(QUERY, &q), (DAT, &answer)], None, DEFAULT_LIMIT);
    assert!(r.all_valid(), "the fixtures are valid: {:?}", r.files);
}

/// The test kit signs with a self-signed «MINISTERIO DE SALUD PRUEBA»: intact, trusted by no one.
fn only_the_trust_warning(report: &FileReport) {
    assert_eq!(codes(report), ["FIRMA-NO-RECONOCIDA"], "{:?}", report.errors);
    assert!(report.valid, "a warning does not make the answer invalid");
    assert!(
        report.errors[0].message.contains("se firma a sí mismo"),
        "{}",
        report.errors[0].message
    );
    let signature: planos_sign::Signature = report.summaries.get(planos_co::check::SIGNATURE).unwrap();
    assert!(matches!(signature.trust, planos_sign::Trust::Untrusted { .. }));
}

#[test]
fn a_signed_info_is_opened_and_its_signature_verified() {
    let (q, a) = standard();
    let report = with_query(&q, &a.signed_zip());
    only_the_trust_warning(&report);
    let signer = AnswerSummary::of(&report).unwrap().signer.unwrap();
    assert!(signer.contains("MINISTERIO DE SALUD PRUEBA"), "{signer}");
    // The digests inside the signed .INFO are checked like a plain one's.
    let (mut tampered, n, i) = a.members();
    tampered[20] = b'9';
    let report = answer_alone(&zip(&[(RNEC, &tampered), (NOT_FOUND, &n), (INFO_P7Z, &sign(&i))]));
    assert!(
        found(&report).contains(&("SMCS-RESP-MD5".into(), Some(INFO_P7Z.into()), 1, Some(8))),
        "{:?}",
        report.errors
    );
}

#[test]
fn a_broken_signature_is_an_error() {
    let (_, a) = standard();
    let (r, n, i) = a.members();
    let mut p7z = sign(&i);
    // Change one byte of the signed content inside the envelope: the digest no longer matches.
    let at = p7z.windows(RNEC.len()).position(|w| w == RNEC.as_bytes()).unwrap();
    p7z[at] = b'X';
    let report = answer_alone(&zip(&[(RNEC, &r), (NOT_FOUND, &n), (INFO_P7Z, &p7z)]));
    let d = report
        .errors
        .iter()
        .find(|d| d.code == "SMCS-RESP-FIRMA")
        .expect("signature error");
    assert!(d.message.contains("no es válida"), "{}", d.message);
    assert!(!report.valid);
    // Garbage in place of an envelope.
    let report = answer_alone(&zip(&[
        (RNEC, &r),
        (NOT_FOUND, &n),
        (INFO_P7Z, b"\x30\x03\x02\x01\x00"),
    ]));
    assert!(
        codes(&report).contains(&"SMCS-RESP-FIRMA".to_string()),
        "{:?}",
        report.errors
    );
}

#[test]
fn a_signed_dat_is_opened() {
    let (q, a) = standard();
    let report = with_query(&q, &sign(&a.zip()));
    only_the_trust_warning(&report);
    assert!(AnswerSummary::of(&report).unwrap().signer.is_some());
}

/// Checks `files` as the CLI does, with the test CA among the trusted roots when `trusted`.
fn checked_trusting(files: &[(&str, &[u8])], trusted: bool) -> Vec<FileReport> {
    let pki = planos_testkit::pki::Pki::make(&planos_testkit::repo_root().join("target/test-pki"));
    let mut trust = planos_sign::TrustStore::accredited();
    if trusted {
        trust.add(&pki.bytes("ca.pem")).unwrap();
    }
    let opts = planos_co::check::Options {
        trust: std::sync::Arc::new(trust),
        ..planos_co::check::Options::new(DEFAULT_LIMIT, unix_now())
    };
    let inputs = files
        .iter()
        .map(|(path, bytes)| planos_co::check::Input {
            path: path.to_string(),
            size: bytes.len() as u64,
            source: Box::new(std::io::Cursor::new(bytes.to_vec())),
        })
        .collect();
    let checked = planos_co::check::check_files(inputs, &opts, &mut |_| {}).unwrap();
    planos_core::report::Report::listed(checked.files).files
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn entity() -> planos_sign::Identity {
    let pki = planos_testkit::pki::Pki::make(&planos_testkit::repo_root().join("target/test-pki"));
    planos_sign::Identity::from_pkcs12(&pki.bytes("modern.p12"), planos_testkit::pki::PASSWORD).unwrap()
}

#[test]
fn an_answer_signed_under_a_trusted_root_draws_no_warning() {
    let (q, a) = standard();
    let (r, n, i) = a.members();
    let p7z = entity().sign(&i, unix_now()).unwrap();
    let answer = zip(&[(RNEC, &r), (NOT_FOUND, &n), (INFO_P7Z, &p7z)]);
    let reports = checked_trusting(&[(QUERY, &q), (DAT, &answer)], true);
    assert!(reports[1].errors.is_empty(), "{:?}", reports[1].errors);
    let signature: planos_sign::Signature = reports[1].summaries.get(planos_co::check::SIGNATURE).unwrap();
    assert_eq!(signature.trust.chain().len(), 2, "the entity and the test CA");
    let reports = checked_trusting(&[(QUERY, &q), (DAT, &answer)], false);
    assert_eq!(codes(&reports[1]), ["FIRMA-NO-RECONOCIDA"]);
}

#[test]
fn a_p7z_is_checked_as_the_file_it_signs() {
    let (q, _) = standard();
    let p7z = entity().sign(&q, unix_now()).unwrap();
    let name = format!("{QUERY}.p7z");
    let reports = checked_trusting(&[(&name, &p7z)], true);
    let r = &reports[0];
    assert_eq!(r.path, name, "reported under the name given");
    assert_eq!(
        r.format.as_deref(),
        Some("smcs-consulta"),
        "checked as the query it signs"
    );
    assert!(r.valid && r.errors.is_empty(), "{:?}", r.errors);
    let signature: planos_sign::Signature = r.summaries.get(planos_co::check::SIGNATURE).unwrap();
    assert_eq!(signature.signer.name, planos_testkit::pki::ENTITY);
    // Untrusted: a warning; content altered: an error, and the content still checked.
    assert_eq!(
        codes(&checked_trusting(&[(&name, &p7z)], false)[0]),
        ["FIRMA-NO-RECONOCIDA"]
    );
    let mut altered = p7z.clone();
    let at = altered.windows(4).position(|w| w == b"\r\n2,").unwrap();
    altered[at + 4] = b'9';
    let r = &checked_trusting(&[(&name, &altered)], true)[0];
    assert!(
        !r.valid && codes(r).contains(&"FIRMA-NO-VALIDA".to_string()),
        "{:?}",
        r.errors
    );
    // Not an envelope at all: one finding, no guess at the format.
    let r = &checked_trusting(&[(&name, b"\x30\x03\x02\x01\x00")], true)[0];
    assert_eq!(codes(r), ["FIRMA-NO-VALIDA"]);
}
