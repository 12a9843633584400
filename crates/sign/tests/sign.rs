//! Signing with the entity's `.p12` and opening what was signed, held against OpenSSL.

use std::process::Command;

use planos_sign::{open, Identity, KeystoreError, Trust, TrustStore};
use planos_testkit::pki::{Pki, CA, ENTITY, ENTITY_NIT, PASSWORD};

fn pki() -> Pki {
    Pki::make(&planos_testkit::repo_root().join("target/test-pki"))
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

const CONTENT: &[u8] = b"1,1,CC,123,900123456,2020-01-01\r\n2,CC,123\r\n";

/// `openssl cms -verify` of a `.p7z` against `ca.pem`: the content it finds inside.
fn openssl_verify(pki: &Pki, p7z: &[u8], name: &str) -> Vec<u8> {
    let input = pki.path(&format!("{name}.p7z"));
    std::fs::write(&input, p7z).unwrap();
    pki.openssl_verify(&input)
}

fn trusting_test_ca(pki: &Pki) -> TrustStore {
    let mut store = TrustStore::accredited();
    let added = store.add(&pki.bytes("ca.pem")).unwrap();
    assert_eq!(added[0].name, CA);
    store
}

#[test]
fn legacy_modern_and_ec_p12_sign_what_openssl_verifies() {
    let pki = pki();
    for name in ["legacy", "modern", "ec"] {
        let id = Identity::from_pkcs12(&pki.bytes(&format!("{name}.p12")), PASSWORD).unwrap();
        let holder = id.holder();
        assert_eq!(holder.name, ENTITY, "{name}");
        assert_eq!(holder.nit.as_deref(), Some(ENTITY_NIT));
        assert_eq!(holder.issuer, CA);
        assert_eq!(id.chain()[0].name, CA, "the .p12's chain travels in the envelope");
        assert_eq!(id.usable_at(now()).unwrap(), None, "valid a year: no warning");
        let p7z = id.sign(CONTENT, now()).unwrap();
        assert_eq!(openssl_verify(&pki, &p7z, name), CONTENT, "{name}");

        let opened = open(&p7z, &trusting_test_ca(&pki), now()).unwrap();
        assert_eq!(p7z[opened.content.clone()], *CONTENT);
        let sig = opened.signature.unwrap();
        assert_eq!(sig.signer.name, ENTITY);
        assert!(sig.signed_at.is_some_and(|t| (t - now()).abs() < 60));
        match &sig.trust {
            Trust::Trusted { chain } => {
                assert_eq!(chain.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), [ENTITY, CA])
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn signing_time_is_the_callers_clock_and_openssl_reads_the_cades_attributes() {
    let pki = pki();
    let id = Identity::from_pkcs12(&pki.bytes("modern.p12"), PASSWORD).unwrap();
    let at = now() - 3600;
    let p7z = id.sign(CONTENT, at).unwrap();
    let sig = open(&p7z, &TrustStore::empty(), now()).unwrap().signature.unwrap();
    assert_eq!(sig.signed_at, Some(at));
    std::fs::write(pki.path("attrs.p7z"), &p7z).unwrap();
    let dump = Command::new("openssl")
        .args(["cms", "-cmsout", "-print", "-inform", "DER", "-in"])
        .arg(pki.path("attrs.p7z"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&dump.stdout);
    for attr in [
        "contentType",
        "messageDigest",
        "signingTime",
        "id-smime-aa-signingCertificateV2",
    ] {
        assert!(text.contains(attr), "{attr} missing:\n{text}");
    }
}

#[test]
fn a_chain_no_trusted_root_vouches_for_is_untrusted_but_intact() {
    let pki = pki();
    let id = Identity::from_pkcs12(&pki.bytes("legacy.p12"), PASSWORD).unwrap();
    let p7z = id.sign(CONTENT, now()).unwrap();
    let sig = open(&p7z, &TrustStore::accredited(), now()).unwrap().signature.unwrap();
    match &sig.trust {
        Trust::Untrusted { chain, why } => {
            assert_eq!(chain.len(), 2, "{chain:?}");
            assert!(why.contains(CA), "{why}");
        }
        other => panic!("{other:?}"),
    }
    assert!(sig
        .trust
        .line()
        .contains("ninguna entidad de certificación de confianza respalda"));
}

#[test]
fn a_self_signed_ministry_is_trusted_by_no_one() {
    let pki = pki();
    let id = Identity::from_pkcs12(&pki.bytes("ministry.p12"), PASSWORD).unwrap();
    let p7z = id.sign(CONTENT, now()).unwrap();
    let sig = open(&p7z, &TrustStore::accredited(), now()).unwrap().signature.unwrap();
    assert_eq!(sig.signer.name, "MINISTERIO DE SALUD Y PROTECCION SOCIAL");
    match sig.trust {
        Trust::Untrusted { why, .. } => assert!(why.contains("se firma a sí mismo"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn altered_content_breaks_the_signature() {
    let pki = pki();
    let id = Identity::from_pkcs12(&pki.bytes("modern.p12"), PASSWORD).unwrap();
    let mut p7z = id.sign(CONTENT, now()).unwrap();
    let at = p7z.windows(3).position(|w| w == b"123").unwrap();
    p7z[at] = b'9';
    let err = open(&p7z, &TrustStore::accredited(), now())
        .unwrap()
        .signature
        .unwrap_err();
    assert!(err.contains("no es el que se firmó"), "{err}");
}

#[test]
fn a_large_content_framed_is_the_same_envelope() {
    let pki = pki();
    let id = Identity::from_pkcs12(&pki.bytes("modern.p12"), PASSWORD).unwrap();
    let content: Vec<u8> = (0..300_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
    let mut h = id.content_hasher();
    for chunk in content.chunks(65_536) {
        h.update(chunk);
    }
    let frame = id.frame(&h.finish(), content.len() as u64, 1_800_000_000).unwrap();
    assert!(
        frame.header.len() + frame.trailer.len() < 16_384,
        "a few kilobytes around the content"
    );
    let whole = id.sign(&content, 1_800_000_000).unwrap();
    assert_eq!(whole[..frame.header.len()], frame.header[..]);
    assert_eq!(whole[whole.len() - frame.trailer.len()..], frame.trailer[..]);
    assert_eq!(openssl_verify(&pki, &whole, "large"), content);
    // Opened from a seekable source, the content never held: the same verdict, the same place.
    let store = TrustStore::accredited();
    let in_memory = open(&whole, &store, 1_800_000_000).unwrap();
    let mut source = std::io::Cursor::new(&whole);
    let streamed = planos_sign::open_from(&mut source, whole.len() as u64, &store, 1_800_000_000)
        .unwrap()
        .unwrap();
    assert_eq!(streamed.content, in_memory.content);
    assert_eq!(streamed.signature, in_memory.signature);
    assert_eq!(whole[streamed.content], content[..]);
    let mut cut = std::io::Cursor::new(&whole[..whole.len() - 10]);
    assert!(planos_sign::open_from(&mut cut, whole.len() as u64 - 10, &store, 0)
        .unwrap()
        .is_err());
}

#[test]
fn a_wrong_password_a_truncated_file_and_a_p12_without_key_are_told_apart() {
    let pki = pki();
    for name in ["legacy.p12", "modern.p12"] {
        let err = Identity::from_pkcs12(&pki.bytes(name), "otra").unwrap_err();
        assert_eq!(err, KeystoreError::WrongPassword, "{name}");
        assert_eq!(err.to_string(), "La contraseña del certificado no es correcta");
    }
    let bytes = pki.bytes("modern.p12");
    let err = Identity::from_pkcs12(&bytes[..bytes.len() / 2], PASSWORD).unwrap_err();
    assert!(matches!(err, KeystoreError::Unreadable(_)), "{err:?}");
    let err = Identity::from_pkcs12(b"not a p12", PASSWORD).unwrap_err();
    assert!(matches!(err, KeystoreError::Unreadable(_)), "{err:?}");
    let err = Identity::from_pkcs12(&pki.bytes("nokey.p12"), PASSWORD).unwrap_err();
    assert_eq!(err, KeystoreError::NoKey);
}

#[test]
fn an_expired_certificate_is_refused_with_its_dates_and_one_about_to_expire_warns() {
    let pki = pki();
    let expired = Identity::from_pkcs12(&pki.bytes("expired.p12"), PASSWORD).unwrap();
    let err = expired.usable_at(now() + 5).unwrap_err().to_string();
    assert!(err.contains("venció el") && err.contains(ENTITY), "{err}");
    let soon = Identity::from_pkcs12(&pki.bytes("soon.p12"), PASSWORD).unwrap();
    let warning = soon.usable_at(now()).unwrap().unwrap();
    assert!(warning.contains("vence el") && warning.contains("días"), "{warning}");
    let valid = Identity::from_pkcs12(&pki.bytes("modern.p12"), PASSWORD).unwrap();
    let err = valid.usable_at(0).unwrap_err().to_string();
    assert!(err.contains("todavía no es válido"), "{err}");
}

#[test]
fn the_accredited_roots_ship_and_a_user_root_is_added_or_refused() {
    let store = TrustStore::accredited();
    let names: Vec<String> = store.roots().map(|(h, _)| h.name).collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.iter().any(|n| n == "GSE ECDSA RAIZ"));
    let mut store = TrustStore::empty();
    assert!(store.add(b"nothing").is_err());
    assert_eq!(store.roots().count(), 0);
    let pki = pki();
    let der = Command::new("openssl")
        .args(["x509", "-outform", "DER", "-in"])
        .arg(pki.path("ca.pem"))
        .output()
        .unwrap()
        .stdout;
    assert_eq!(store.add(&der).unwrap()[0].name, CA);
    assert!(store.roots().next().unwrap().1, "marked as added by the user");
}
