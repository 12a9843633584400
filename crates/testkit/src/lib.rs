//! planos-testkit — the files tests, benches and fuzz targets are made of: supervivencia
//! queries and answer archives (ZIP and MD5 made here, so no binary fixture is committed),
//! signed envelopes with a throwaway key. Dev-only: no product crate depends on it.

use base64::Engine;
use md5::{Digest, Md5};
use std::io::Write;

pub const QUERY: &str = "RUA250SMCS20150601NI000860999123CO014-18.TXT";
pub const DAT: &str = "PUB200SMCS20150605NI000900474727NI000860999123CO014-18.DAT";
pub const RNEC: &str = "SMC014-1820150601RNEC";
pub const NOT_FOUND: &str = "SMC014-1820150601MSPSNO";
pub const INFO: &str = "SMC014-1820150601.INFO";

/// A query file asking about `people` ("CC,12345678").
pub fn query(people: &[&str]) -> Vec<u8> {
    let mut s = format!("1,014-18,2015-05-01,2015-05-31,{},{QUERY}\r\n", people.len());
    for p in people {
        s.push_str(&format!("2,{p}\r\n"));
    }
    s.into_bytes()
}

/// A civil-death-register answer (type 2, 21 fields) for `doc` ("CC,12345678").
pub fn rcd(doc: &str) -> String {
    format!("2,{doc},0012345678,2015-03-02,NOTARIA,NOTARIA 1 BOGOTA,CC,12345678,PEREZ,GOMEZ,JUAN,,1950-01-01,M,COLOMBIA,BOGOTA,BOGOTA D.C.,2015-03-01,,RCDEFUNCION")
}

/// An identification-archive answer (type 3, 16 fields) with `state`.
pub fn ani(doc: &str, state: &str) -> String {
    let number = doc.split(',').nth(1).unwrap_or("");
    format!("3,{doc},{number},,,,,,,,{state},,,,ANI")
}

/// A not-found answer (type 2, 4 fields).
pub fn not_found(doc: &str) -> String {
    format!("2,{doc},NO ENCONTRADO")
}

/// The content of an answer file: its control record, then `records`.
pub fn answer_file(name: &str, consulted: usize, records: &[String]) -> Vec<u8> {
    let mut s = format!(
        "1,014-18,2015-05-01,2015-05-31,{consulted},2015-06-05,{},{name}\r\n",
        records.len()
    );
    for r in records {
        s.push_str(r);
        s.push_str("\r\n");
    }
    s.into_bytes()
}

pub fn md5_b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(bytes))
}

/// The `.INFO` record naming the RNEC answer, with the digests of both answers.
pub fn info(consulted: usize, rnec: &[u8], rnec_records: usize, not_found: Option<&[u8]>) -> Vec<u8> {
    format!(
        "{RNEC},1,014-18,2015-05-01,2015-05-31,{consulted},2015-06-05,{rnec_records},{},{}\r\n",
        md5_b64(rnec),
        not_found.map(md5_b64).unwrap_or_default()
    )
    .into_bytes()
}

/// A ZIP with these members, deflated.
pub fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A complete, valid answer to `query(people)` where `rnec` and `nf` are the answer records.
pub struct Answer {
    pub consulted: usize,
    pub rnec: Vec<String>,
    pub not_found: Vec<String>,
}

impl Answer {
    pub fn members(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let r = answer_file(RNEC, self.consulted, &self.rnec);
        let n = answer_file(NOT_FOUND, self.consulted, &self.not_found);
        let i = info(self.consulted, &r, self.rnec.len(), Some(&n));
        (r, n, i)
    }

    pub fn zip(&self) -> Vec<u8> {
        let (r, n, i) = self.members();
        zip(&[(RNEC, &r), (NOT_FOUND, &n), (INFO, &i)])
    }
}

/// The standard case: four people consulted; one deceased in the civil register, one whose
/// identity card was cancelled by death, one alive, one not found.
pub fn standard() -> (Vec<u8>, Answer) {
    let q = query(&["CC,12345678", "CC,87654321", "TI,1002003004", "CC,55555555"]);
    let a = Answer {
        consulted: 4,
        rnec: vec![
            rcd("CC,12345678"),
            ani("CC,87654321", "CANCELADA POR MUERTE"),
            ani("TI,1002003004", "VIGENTE"),
        ],
        not_found: vec![not_found("CC,55555555")],
    };
    (q, a)
}

/// A throwaway RSA key and its self-signed certificate, made once per test run.
fn signer() -> &'static (rsa::pkcs1v15::SigningKey<sha2::Sha256>, x509_cert::Certificate) {
    use std::str::FromStr;
    use x509_cert::builder::{Builder, CertificateBuilder, Profile};
    static SIGNER: std::sync::OnceLock<(rsa::pkcs1v15::SigningKey<sha2::Sha256>, x509_cert::Certificate)> =
        std::sync::OnceLock::new();
    SIGNER.get_or_init(|| {
        let key = rsa::RsaPrivateKey::new(&mut rand::thread_rng(), 2048).unwrap();
        let signing = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone());
        let spki = spki::SubjectPublicKeyInfoOwned::from_key(key.to_public_key()).unwrap();
        let subject = x509_cert::name::Name::from_str("CN=MINISTERIO DE SALUD PRUEBA,O=planos,C=CO").unwrap();
        let validity = x509_cert::time::Validity::from_now(std::time::Duration::from_secs(3600)).unwrap();
        let serial = x509_cert::serial_number::SerialNumber::from(7u32);
        let cert = CertificateBuilder::new(Profile::Root, serial, validity, subject, spki, &signing)
            .unwrap()
            .build::<rsa::pkcs1v15::Signature>()
            .unwrap();
        (signing, cert)
    })
}

/// `content` in a DER CMS SignedData (content attached, SHA-256, RSA), as a `.P7Z`.
pub fn sign(content: &[u8]) -> Vec<u8> {
    use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
    use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
    use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
    use der::oid::ObjectIdentifier;
    use der::Encode;
    let (key, cert) = signer();
    let content = EncapsulatedContentInfo {
        econtent_type: ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1"),
        econtent: Some(der::Any::new(der::Tag::OctetString, content.to_vec()).unwrap()),
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let sha256 = spki::AlgorithmIdentifierOwned {
        oid: ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1"),
        parameters: None,
    };
    let info = SignerInfoBuilder::new(key, sid, sha256.clone(), &content, None).unwrap();
    SignedDataBuilder::new(&content)
        .add_digest_algorithm(sha256)
        .unwrap()
        .add_certificate(CertificateChoices::Certificate(cert.clone()))
        .unwrap()
        .add_signer_info::<rsa::pkcs1v15::SigningKey<sha2::Sha256>, rsa::pkcs1v15::Signature>(info)
        .unwrap()
        .build()
        .unwrap()
        .to_der()
        .unwrap()
}

/// The repository's root folder (where `tests/fixtures/` and `target/` are).
pub fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
