//! CMS SignedData with attached content (RFC 5652), as the Ministry signs the `.INFO` (`.P7Z`)
//! and, sometimes, the whole `.DAT`: the content is taken out, and the signature is verified
//! against it and the certificate the envelope carries. Parsing is RustCrypto's `cms`/`der`.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::OctetString;
use der::oid::ObjectIdentifier;
use der::{Decode, Encode};
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use sha2::Digest;

const SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// A signed envelope opened.
#[derive(Debug)]
pub struct Signed {
    /// The signed content.
    pub content: Vec<u8>,
    /// The signer's name (the certificate's subject) when the signature verifies, or why not.
    pub verdict: Result<String, String>,
}

/// True when `head` may be a DER envelope (a SEQUENCE).
pub fn looks_like_cms(head: &[u8]) -> bool {
    head.first() == Some(&0x30)
}

/// Opens a DER-encoded CMS SignedData with its content attached.
pub fn open(bytes: &[u8]) -> Result<Signed, String> {
    let info = ContentInfo::from_der(bytes).map_err(|e| format!("no es un sobre CMS (PKCS#7) en DER válido ({e})"))?;
    if info.content_type != SIGNED_DATA {
        return Err(format!(
            "el sobre CMS no es de datos firmados (tipo {})",
            info.content_type
        ));
    }
    let data: SignedData = info
        .content
        .decode_as()
        .map_err(|e| format!("los datos firmados están dañados ({e})"))?;
    let content = data
        .encap_content_info
        .econtent
        .as_ref()
        .ok_or("el sobre firmado no trae el contenido (firma separada)")?
        .value()
        .to_vec();
    let verdict = verify(&data, &content);
    Ok(Signed { content, verdict })
}

fn digest(alg: &ObjectIdentifier, bytes: &[u8]) -> Result<(Vec<u8>, Pkcs1v15Sign), String> {
    Ok(match *alg {
        SHA1 => (sha1::Sha1::digest(bytes).to_vec(), Pkcs1v15Sign::new::<sha1::Sha1>()),
        SHA256 => (
            sha2::Sha256::digest(bytes).to_vec(),
            Pkcs1v15Sign::new::<sha2::Sha256>(),
        ),
        SHA384 => (
            sha2::Sha384::digest(bytes).to_vec(),
            Pkcs1v15Sign::new::<sha2::Sha384>(),
        ),
        SHA512 => (
            sha2::Sha512::digest(bytes).to_vec(),
            Pkcs1v15Sign::new::<sha2::Sha512>(),
        ),
        other => return Err(format!("algoritmo de resumen no soportado ({other})")),
    })
}

/// Verifies the first signer: content digest, signed attributes, RSA signature with the
/// certificate the envelope carries. Returns the signer's name.
fn verify(data: &SignedData, content: &[u8]) -> Result<String, String> {
    let signer = data
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or("el sobre no trae ningún firmante")?;
    let certs = data
        .certificates
        .as_ref()
        .ok_or("el sobre no trae el certificado del firmante")?;
    let cert = certs
        .0
        .iter()
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c),
            _ => None,
        })
        .find(|c| match &signer.sid {
            SignerIdentifier::IssuerAndSerialNumber(id) => {
                c.tbs_certificate.issuer == id.issuer && c.tbs_certificate.serial_number == id.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(_) => certs.0.len() == 1,
        })
        .ok_or("el certificado del firmante no está en el sobre")?;
    let (content_digest, scheme) = digest(&signer.digest_alg.oid, content)?;
    let signed_bytes = match &signer.signed_attrs {
        Some(attrs) => {
            let stated = attrs
                .iter()
                .find(|a| a.oid == MESSAGE_DIGEST)
                .and_then(|a| a.values.iter().next())
                .and_then(|v| v.decode_as::<OctetString>().ok())
                .ok_or("los atributos firmados no traen el resumen del contenido")?;
            if stated.as_bytes() != content_digest.as_slice() {
                return Err("el contenido no es el que se firmó (su resumen no coincide)".to_string());
            }
            attrs.to_der().map_err(|e| e.to_string())?
        }
        None => content.to_vec(),
    };
    let spki = &cert.tbs_certificate.subject_public_key_info;
    if spki.algorithm.oid != RSA {
        return Err(format!(
            "tipo de clave del certificado no soportado ({})",
            spki.algorithm.oid
        ));
    }
    let key = RsaPublicKey::from_pkcs1_der(spki.subject_public_key.raw_bytes())
        .map_err(|e| format!("la clave pública del certificado está dañada ({e})"))?;
    let (hashed, _) = digest(&signer.digest_alg.oid, &signed_bytes)?;
    key.verify(scheme, &hashed, signer.signature.as_bytes())
        .map_err(|_| "la firma no corresponde al contenido y al certificado".to_string())?;
    Ok(cert.tbs_certificate.subject.to_string())
}
