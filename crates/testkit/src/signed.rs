//! Signed envelopes: content in a DER CMS SignedData, signed with a throwaway RSA key and its
//! self-signed certificate made once per run (never committed).

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
