//! Opening a signed envelope (a `.p7z`, the answer's `.INFO.P7Z`): its content taken out, its
//! first signer's signature verified (content digest, signed attributes, the key of the
//! certificate the envelope names), and that certificate's chain followed to a trusted root.

use cms::cert::CertificateChoices;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::OctetString;
use der::{Decode, Encode};
use serde::{Deserialize, Serialize};
use std::io::{Read, Seek, SeekFrom};
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
    let framing = framing(bytes, bytes.len())?;
    let data = detached(bytes, &framing, &bytes[framing.content.end..])?;
    let content = &bytes[framing.content.clone()];
    let signature = verify(&data, &mut |alg| Ok(alg.digest(content)), trust, now);
    Ok(Opened {
        content: framing.content,
        signature,
    })
}

/// The most an envelope's framing before its content may take (it is about a hundred bytes).
const MAX_HEAD: usize = 64 << 10;
/// The most its certificates and signer infos after the content may take.
const MAX_TRAILER: usize = 16 << 20;

/// Opens an envelope of `len` bytes from a seekable source without holding its content: the
/// framing and the trailer are read, the content's digest taken as it streams by. Gives where
/// the content lies in the source; an I/O error is the source's.
pub fn open_from<R: Read + Seek>(
    source: &mut R,
    len: u64,
    trust: &TrustStore,
    now: i64,
) -> std::io::Result<Result<Opened, String>> {
    let Ok(total) = usize::try_from(len) else {
        return Ok(Err("el sobre es demasiado grande para abrirlo aquí".to_string()));
    };
    let mut head = vec![0u8; total.min(MAX_HEAD)];
    source.seek(SeekFrom::Start(0))?;
    source.read_exact(&mut head)?;
    let framing = match framing(&head, total) {
        Ok(f) => f,
        Err(why) => return Ok(Err(why)),
    };
    let trailer_len = total - framing.content.end;
    if trailer_len > MAX_TRAILER {
        return Ok(Err(
            "los certificados y firmas del sobre ocupan más de 16 MiB".to_string()
        ));
    }
    let mut trailer = vec![0u8; trailer_len];
    source.seek(SeekFrom::Start(framing.content.end as u64))?;
    source.read_exact(&mut trailer)?;
    let data = match detached(&head, &framing, &trailer) {
        Ok(d) => d,
        Err(why) => return Ok(Err(why)),
    };
    let mut failed = None;
    let mut digest = |alg: Algorithm| {
        let mut h = crate::digest::Hasher::new(alg);
        match stream(source, framing.content.clone(), &mut |chunk| h.update(chunk)) {
            Ok(()) => Ok(h.finish()),
            Err(e) => {
                let why = e.to_string();
                failed = Some(e);
                Err(format!("no se pudo leer el contenido ({why})"))
            }
        }
    };
    let signature = verify(&data, &mut digest, trust, now);
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(Ok(Opened {
        content: framing.content,
        signature,
    }))
}

/// Reads `range` of `source` in chunks.
fn stream<R: Read + Seek>(
    source: &mut R,
    range: std::ops::Range<usize>,
    each: &mut dyn FnMut(&[u8]),
) -> std::io::Result<()> {
    source.seek(SeekFrom::Start(range.start as u64))?;
    let mut left = range.len();
    let mut buf = vec![0u8; (1 << 20).min(left.max(1))];
    while left > 0 {
        let n = left.min(buf.len());
        source.read_exact(&mut buf[..n])?;
        each(&buf[..n]);
        left -= n;
    }
    Ok(())
}

/// Where the parts of an attached envelope are (RFC 5652): ContentInfo ::= SEQUENCE {
/// contentType, [0] EXPLICIT SignedData ::= SEQUENCE { version, digestAlgorithms,
/// encapContentInfo ::= SEQUENCE { eContentType, [0] EXPLICIT OCTET STRING }, certificates…,
/// signerInfos } }. DER puts the content last in encapContentInfo, so everything after it
/// (certificates, signer infos) is the envelope's trailer.
struct Framing {
    /// version and digestAlgorithms.
    prefix: std::ops::Range<usize>,
    /// eContentType, whole.
    econtent_type: std::ops::Range<usize>,
    content: std::ops::Range<usize>,
}

/// Reads the framing from `head`, the first bytes of an envelope of `total` bytes.
fn framing(head: &[u8], total: usize) -> Result<Framing, String> {
    let not_cms = |why: String| format!("no es un sobre CMS (PKCS#7) en DER válido ({why})");
    let ci = tlv::expect(head, 0, total, 0x30, "ContentInfo").map_err(not_cms)?;
    if ci.end != total {
        return Err(not_cms("trae datos de más después del sobre".to_string()));
    }
    let ct = tlv::expect(head, ci.value, ci.end, 0x06, "contentType").map_err(not_cms)?;
    let oid = head
        .get(ct.value..ct.end)
        .ok_or_else(|| not_cms("incompleto".to_string()))?;
    let content_type = der::oid::ObjectIdentifier::from_bytes(oid).map_err(|e| not_cms(e.to_string()))?;
    if content_type != oids::SIGNED_DATA {
        return Err(format!("el sobre CMS no es de datos firmados (tipo {content_type})"));
    }
    let damaged = |why: String| format!("los datos firmados están dañados ({why})");
    let explicit = tlv::expect(head, ct.end, ci.end, 0xA0, "content").map_err(damaged)?;
    let sd = tlv::expect(head, explicit.value, explicit.end, 0x30, "SignedData").map_err(damaged)?;
    let version = tlv::expect(head, sd.value, sd.end, 0x02, "version").map_err(damaged)?;
    let algorithms = tlv::expect(head, version.end, sd.end, 0x31, "digestAlgorithms").map_err(damaged)?;
    let eci = tlv::expect(head, algorithms.end, sd.end, 0x30, "encapContentInfo").map_err(damaged)?;
    let econtent_type = tlv::expect(head, eci.value, eci.end, 0x06, "eContentType").map_err(damaged)?;
    if econtent_type.end == eci.end {
        return Err("el sobre firmado no trae el contenido (firma separada)".to_string());
    }
    let wrapper = tlv::expect(head, econtent_type.end, eci.end, 0xA0, "eContent").map_err(damaged)?;
    let octets = tlv::element(head, wrapper.value, wrapper.end).map_err(damaged)?;
    if octets.tag != 0x04 {
        return Err("el contenido firmado viene fragmentado (BER), no en DER".to_string());
    }
    if octets.end != eci.end || sd.end != total {
        return Err(damaged("el contenido no está donde DER lo pone".to_string()));
    }
    Ok(Framing {
        prefix: version.start..algorithms.end,
        econtent_type: econtent_type.start..econtent_type.end,
        content: octets.value..octets.end,
    })
}

/// The SignedData as if its content were detached (small, decoded by `cms`): the framing's
/// prefix and content type from `head`, the certificates and signer infos from `trailer`.
fn detached(head: &[u8], framing: &Framing, trailer: &[u8]) -> Result<SignedData, String> {
    let damaged = |why: String| format!("los datos firmados están dañados ({why})");
    let short = || damaged("incompleto".to_string());
    let prefix = head.get(framing.prefix.clone()).ok_or_else(short)?;
    let econtent_type = head.get(framing.econtent_type.clone()).ok_or_else(short)?;
    let mut value = prefix.to_vec();
    value.extend_from_slice(&tlv::header(0x30, econtent_type.len() as u64));
    value.extend_from_slice(econtent_type);
    value.extend_from_slice(trailer);
    let mut whole = tlv::header(0x30, value.len() as u64);
    whole.extend_from_slice(&value);
    SignedData::from_der(&whole).map_err(|e| damaged(e.to_string()))
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

/// Verifies the first signer, the content's digest by the algorithm it names coming from
/// `content_digest`; then follows its certificate's chain.
fn verify(
    data: &SignedData,
    content_digest: &mut dyn FnMut(Algorithm) -> Result<Vec<u8>, String>,
    trust: &TrustStore,
    now: i64,
) -> Result<Signature, String> {
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
    let scheme = keys::digest_of(&signer.signature_algorithm.oid, Some(alg))?;
    let digest = content_digest(alg)?;
    // With signed attributes, the signature is over them (and they state the content's digest);
    // without, over the content itself.
    let signed_digest = match &signer.signed_attrs {
        Some(attrs) => {
            let stated = attribute(signer, oids::MESSAGE_DIGEST)
                .and_then(|v| v.decode_as::<OctetString>().ok())
                .ok_or("los atributos firmados no traen el resumen del contenido")?;
            if stated.as_bytes() != digest.as_slice() {
                return Err("el contenido no es el que se firmó (su resumen no coincide)".to_string());
            }
            scheme.digest(&attrs.to_der().map_err(|e| e.to_string())?)
        }
        None if scheme == alg => digest,
        None => return Err("la firma usa un resumen distinto del que declara".to_string()),
    };
    keys::verify_digest(
        &cert.tbs_certificate.subject_public_key_info,
        scheme,
        &signed_digest,
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
