//! Opening a signed envelope (a `.p7z`, the answer's `.INFO.P7Z`): its content taken out, its
//! first signer's signature verified (content digest, signed attributes, the key of the
//! certificate the envelope names), and that certificate's chain followed to a trusted root.

use cms::cert::CertificateChoices;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::OctetString;
use der::{Decode, Encode};
use serde::{Deserialize, Serialize};
use x509_cert::Certificate;

use crate::digest::Algorithm;
use crate::holder::Holder;
use crate::trust::{Trust, TrustStore};
use crate::{keys, oids, tlv};

/// A signed envelope opened.
#[derive(Debug)]
pub struct Opened {
    /// Where the signed content is in the envelope's bytes (it is not copied out).
    pub content: std::ops::Range<usize>,
    /// Who signed and whether anyone vouches for them, when the signature verifies; why not
    /// otherwise (the content may have been altered).
    pub signature: Result<Signature, String>,
}

/// A signature that verifies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// The signer's certificate.
    pub signer: Holder,
    /// When the envelope says it was signed (seconds since 1970), if it says.
    pub signed_at: Option<i64>,
    /// The chain to a trusted root, or why it does not reach one.
    pub trust: Trust,
}

/// True when `head` may be a DER envelope (a SEQUENCE).
pub fn looks_like_cms(head: &[u8]) -> bool {
    head.first() == Some(&0x30)
}

/// Opens a DER CMS SignedData with its content attached, of any size. `now` (seconds since
/// 1970) is the moment certificates are checked at when the envelope states no signing time.
pub fn open(bytes: &[u8], trust: &TrustStore, now: i64) -> Result<Opened, String> {
    let (data, content) = split(bytes)?;
    let signature = verify(&data, &bytes[content.clone()], trust, now);
    Ok(Opened { content, signature })
}

/// Takes an attached envelope apart: the SignedData as if its content were detached (small,
/// decoded by `cms`), and where the content is. ContentInfo ::= SEQUENCE { contentType,
/// [0] EXPLICIT SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo ::=
/// SEQUENCE { eContentType, [0] EXPLICIT OCTET STRING }, certificates…, signerInfos } }.
fn split(bytes: &[u8]) -> Result<(SignedData, std::ops::Range<usize>), String> {
    let not_cms = |why: String| format!("no es un sobre CMS (PKCS#7) en DER válido ({why})");
    let ci = tlv::expect(bytes, 0, bytes.len(), 0x30, "ContentInfo").map_err(not_cms)?;
    if ci.end != bytes.len() {
        return Err(not_cms("trae datos de más después del sobre".to_string()));
    }
    let ct = tlv::expect(bytes, ci.value, ci.end, 0x06, "contentType").map_err(not_cms)?;
    let content_type =
        der::oid::ObjectIdentifier::from_bytes(&bytes[ct.value..ct.end]).map_err(|e| not_cms(e.to_string()))?;
    if content_type != oids::SIGNED_DATA {
        return Err(format!("el sobre CMS no es de datos firmados (tipo {content_type})"));
    }
    let damaged = |why: String| format!("los datos firmados están dañados ({why})");
    let explicit = tlv::expect(bytes, ct.end, ci.end, 0xA0, "content").map_err(damaged)?;
    let sd = tlv::expect(bytes, explicit.value, explicit.end, 0x30, "SignedData").map_err(damaged)?;
    let version = tlv::expect(bytes, sd.value, sd.end, 0x02, "version").map_err(damaged)?;
    let algorithms = tlv::expect(bytes, version.end, sd.end, 0x31, "digestAlgorithms").map_err(damaged)?;
    let eci = tlv::expect(bytes, algorithms.end, sd.end, 0x30, "encapContentInfo").map_err(damaged)?;
    let econtent_type = tlv::expect(bytes, eci.value, eci.end, 0x06, "eContentType").map_err(damaged)?;
    if econtent_type.end == eci.end {
        return Err("el sobre firmado no trae el contenido (firma separada)".to_string());
    }
    let wrapper = tlv::expect(bytes, econtent_type.end, eci.end, 0xA0, "eContent").map_err(damaged)?;
    let octets = tlv::element(bytes, wrapper.value, wrapper.end).map_err(damaged)?;
    if octets.tag != 0x04 {
        return Err("el contenido firmado viene fragmentado (BER), no en DER".to_string());
    }
    let mut detached = bytes[version.start..algorithms.end].to_vec();
    let eci_value = &bytes[econtent_type.start..econtent_type.end];
    detached.extend_from_slice(&tlv::header(0x30, eci_value.len() as u64));
    detached.extend_from_slice(eci_value);
    detached.extend_from_slice(&bytes[eci.end..sd.end]);
    let mut whole = tlv::header(0x30, detached.len() as u64);
    whole.extend_from_slice(&detached);
    let data = SignedData::from_der(&whole).map_err(|e| damaged(e.to_string()))?;
    Ok((data, octets.value..octets.end))
}

/// The certificates an envelope carries.
fn certificates(data: &SignedData) -> Vec<Certificate> {
    data.certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

fn names(cert: &Certificate, sid: &SignerIdentifier) -> bool {
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => {
            cert.tbs_certificate.issuer == id.issuer && cert.tbs_certificate.serial_number == id.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => cert
            .tbs_certificate
            .get::<x509_cert::ext::pkix::SubjectKeyIdentifier>()
            .ok()
            .flatten()
            .is_some_and(|(_, own)| own.0 == ski.0),
    }
}

fn attribute(signer: &SignerInfo, oid: der::oid::ObjectIdentifier) -> Option<&der::Any> {
    signer
        .signed_attrs
        .as_ref()?
        .iter()
        .find(|a| a.oid == oid)
        .and_then(|a| a.values.iter().next())
}

/// Verifies the first signer, then follows its certificate's chain.
fn verify(data: &SignedData, content: &[u8], trust: &TrustStore, now: i64) -> Result<Signature, String> {
    let signer = data
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or("el sobre no trae ningún firmante")?;
    let certs = certificates(data);
    let cert = certs
        .iter()
        .find(|c| names(c, &signer.sid))
        .ok_or("el certificado del firmante no está en el sobre")?;
    let alg = Algorithm::of(&signer.digest_alg.oid)
        .ok_or_else(|| format!("algoritmo de resumen no soportado ({})", signer.digest_alg.oid))?;
    let signed_bytes = match &signer.signed_attrs {
        Some(attrs) => {
            let stated = attribute(signer, oids::MESSAGE_DIGEST)
                .and_then(|v| v.decode_as::<OctetString>().ok())
                .ok_or("los atributos firmados no traen el resumen del contenido")?;
            if stated.as_bytes() != alg.digest(content).as_slice() {
                return Err("el contenido no es el que se firmó (su resumen no coincide)".to_string());
            }
            attrs.to_der().map_err(|e| e.to_string())?
        }
        None => content.to_vec(),
    };
    let scheme = keys::digest_of(&signer.signature_algorithm.oid, Some(alg))?;
    keys::verify(
        &cert.tbs_certificate.subject_public_key_info,
        scheme,
        &signed_bytes,
        signer.signature.as_bytes(),
    )?;
    let signed_at = attribute(signer, oids::SIGNING_TIME)
        .and_then(|v| v.to_der().ok())
        .and_then(|der| x509_cert::time::Time::from_der(&der).ok())
        .map(|t| t.to_unix_duration().as_secs() as i64);
    Ok(Signature {
        signer: Holder::of(cert),
        signed_at,
        trust: trust.evaluate(cert, &certs, signed_at.unwrap_or(now)),
    })
}
