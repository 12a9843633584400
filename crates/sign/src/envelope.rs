//! Signing: a file's content in a DER CMS SignedData with the content attached (RFC 5652), the
//! `.p7z` Colombian practice expects, CAdES-BES: signed attributes content-type, message-digest,
//! signing-time and signing-certificate-v2 (RFC 5035), and the chain the `.p12` carries.
//!
//! The envelope is built by `cms`'s builder over the content's digest, so the content itself
//! is never copied: a `.p7z` is `header ‖ content ‖ trailer` ([`Frame`]), and a caller can write
//! (or, in the page, hand the browser) the three parts without holding the content twice.

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier};
use der::asn1::OctetString;
use der::{Decode, Encode, Sequence};
use signature::{Keypair, Signer};
use spki::{AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier, SignatureBitStringEncoding};
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

use crate::digest::{Algorithm, Hasher};
use crate::keystore::{Identity, PrivateKey};
use crate::oids;
use crate::tlv::header;

/// A `.p7z` around content that is not part of it: write `header`, the content, `trailer`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub header: Vec<u8>,
    pub trailer: Vec<u8>,
}

impl Identity {
    /// A hasher for the content this identity signs ([`Identity::frame`] takes its digest).
    pub fn content_hasher(&self) -> Hasher {
        Hasher::new(self.digest_algorithm())
    }

    /// The envelope around content of `len` bytes whose digest (by
    /// [`Identity::content_hasher`]) is `digest`, signed at `signed_at` (seconds since 1970,
    /// from the caller's clock: WebAssembly has none).
    pub fn frame(&self, digest: &[u8], len: u64, signed_at: i64) -> Result<Frame, String> {
        let detached = match &self.key {
            PrivateKey::Rsa(k) => self.detached::<_, rsa::pkcs1v15::Signature>(k.as_ref(), digest, signed_at),
            PrivateKey::P256(k) => self.detached::<_, p256::ecdsa::DerSignature>(k, digest, signed_at),
            PrivateKey::P384(k) => self.detached::<_, p384::ecdsa::DerSignature>(k, digest, signed_at),
        }
        .map_err(|e| format!("no se pudo construir la firma ({e})"))?;
        attach(&detached, len).map_err(|e| format!("no se pudo construir la firma ({e})"))
    }

    /// `content` signed: the whole `.p7z` in memory.
    pub fn sign(&self, content: &[u8], signed_at: i64) -> Result<Vec<u8>, String> {
        let mut h = self.content_hasher();
        h.update(content);
        let frame = self.frame(&h.finish(), content.len() as u64, signed_at)?;
        let mut out = Vec::with_capacity(frame.header.len() + content.len() + frame.trailer.len());
        out.extend_from_slice(&frame.header);
        out.extend_from_slice(content);
        out.extend_from_slice(&frame.trailer);
        Ok(out)
    }

    /// The SignedData without its content (as `cms` builds it over a digest).
    fn detached<S, Sig>(&self, key: &S, digest: &[u8], signed_at: i64) -> der::Result<SignedData>
    where
        S: Keypair + DynSignatureAlgorithmIdentifier + Signer<Sig>,
        Sig: SignatureBitStringEncoding,
    {
        let failed = |_| der::Error::from(der::ErrorKind::Failed);
        let eci = EncapsulatedContentInfo {
            econtent_type: oids::DATA,
            econtent: None,
        };
        let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: self.cert.tbs_certificate.issuer.clone(),
            serial_number: self.cert.tbs_certificate.serial_number.clone(),
        });
        let alg = AlgorithmIdentifierOwned {
            oid: self.digest_algorithm().oid(),
            parameters: None,
        };
        let mut signer = SignerInfoBuilder::new(key, sid, alg.clone(), &eci, Some(digest)).map_err(failed)?;
        signer.add_signed_attribute(signing_time(signed_at)?).map_err(failed)?;
        signer
            .add_signed_attribute(signing_certificate_v2(&self.cert)?)
            .map_err(failed)?;
        let mut data = SignedDataBuilder::new(&eci);
        data.add_digest_algorithm(alg).map_err(failed)?;
        let mut added: Vec<Vec<u8>> = Vec::new();
        for cert in std::iter::once(&self.cert).chain(&self.chain) {
            let der = cert.to_der()?;
            if !added.contains(&der) {
                data.add_certificate(CertificateChoices::Certificate(cert.clone()))
                    .map_err(failed)?;
                added.push(der);
            }
        }
        data.add_signer_info::<S, Sig>(signer).map_err(failed)?;
        data.build().map_err(failed)?.content.decode_as::<SignedData>()
    }
}

/// RFC 5652 § 11.3: UTCTime from 1950 to 2049, GeneralizedTime otherwise.
fn signing_time(secs: i64) -> der::Result<Attribute> {
    let at = der::DateTime::from_unix_duration(std::time::Duration::from_secs(secs.max(0) as u64))?;
    let time = if at.year() < 2050 {
        x509_cert::time::Time::UtcTime(der::asn1::UtcTime::from_date_time(at)?)
    } else {
        x509_cert::time::Time::GeneralTime(der::asn1::GeneralizedTime::from_date_time(at))
    };
    attribute(oids::SIGNING_TIME, &time)
}

/// RFC 5035 § 3: ESSCertIDv2 (hash algorithm SHA-256, its default, so omitted).
#[derive(Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

#[derive(Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

fn signing_certificate_v2(cert: &Certificate) -> der::Result<Attribute> {
    let value = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Algorithm::Sha256.digest(&cert.to_der()?))?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(cert.tbs_certificate.issuer.clone())],
                serial_number: cert.tbs_certificate.serial_number.clone(),
            },
        }],
    };
    attribute(oids::SIGNING_CERTIFICATE_V2, &value)
}

fn attribute(oid: der::oid::ObjectIdentifier, value: &impl Encode) -> der::Result<Attribute> {
    let mut values = der::asn1::SetOfVec::new();
    values.insert(der::Any::from_der(&value.to_der()?)?)?;
    Ok(Attribute { oid, values })
}

/// The attached envelope's bytes around content of `len` bytes: the same DER `cms` writes
/// when the content is inside it (a test holds the two equal), with the content left out.
fn attach(detached: &SignedData, len: u64) -> der::Result<Frame> {
    let whole = detached.to_der()?;
    let inner = SignedData::from_der(&whole)?;
    let version = inner.version.to_der()?;
    let algorithms = inner.digest_algorithms.to_der()?;
    let eci = inner.encap_content_info.to_der()?;
    // The SignedData's value: version, algorithms, content info, then the rest (certificates,
    // signer infos), which the attached envelope keeps as they are.
    let value_start = whole.len() - value_len(&whole)?;
    let rest = &whole[value_start + version.len() + algorithms.len() + eci.len()..];

    let content_type = oids::DATA.to_der()?;
    let octets = header(0x04, len);
    let explicit_len = octets.len() as u64 + len;
    let explicit = header(0xA0, explicit_len);
    let eci_len = (content_type.len() + explicit.len()) as u64 + explicit_len;
    let eci_header = header(0x30, eci_len);
    let sd_len = (version.len() + algorithms.len() + eci_header.len()) as u64 + eci_len + rest.len() as u64;
    let sd_header = header(0x30, sd_len);
    let signed_data = oids::SIGNED_DATA.to_der()?;
    let ci_explicit_len = sd_header.len() as u64 + sd_len;
    let ci_explicit = header(0xA0, ci_explicit_len);
    let ci_len = (signed_data.len() + ci_explicit.len()) as u64 + ci_explicit_len;

    let mut out = header(0x30, ci_len);
    for part in [
        &signed_data,
        &ci_explicit,
        &sd_header,
        &version,
        &algorithms,
        &eci_header,
        &content_type,
        &explicit,
        &octets,
    ] {
        out.extend_from_slice(part);
    }
    Ok(Frame {
        header: out,
        trailer: rest.to_vec(),
    })
}

/// The length of the value of the DER element `tlv` (its header read by `der`).
fn value_len(tlv: &[u8]) -> der::Result<usize> {
    let mut reader = der::SliceReader::new(tlv)?;
    let h = der::Header::decode(&mut reader)?;
    usize::try_from(h.length)
}

#[cfg(test)]
mod tests {
    use super::*;
    use planos_testkit::pki::{Pki, PASSWORD};

    /// The framing writes exactly what `cms` writes with the content inside the envelope.
    #[test]
    fn the_frame_is_the_attached_envelope_cms_builds() {
        let pki = Pki::make(&planos_testkit::repo_root().join("target/test-pki"));
        let id = Identity::from_pkcs12(&pki.bytes("modern.p12"), PASSWORD).unwrap();
        let PrivateKey::Rsa(key) = &id.key else { panic!("RSA") };
        for content in [&b"x"[..], &[7u8; 200][..], &vec![b'a'; 70_000][..]] {
            let at = 1_800_000_000;
            let ours = id.sign(content, at).unwrap();
            let eci = EncapsulatedContentInfo {
                econtent_type: oids::DATA,
                econtent: Some(der::Any::new(der::Tag::OctetString, content.to_vec()).unwrap()),
            };
            let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: id.cert.tbs_certificate.issuer.clone(),
                serial_number: id.cert.tbs_certificate.serial_number.clone(),
            });
            let alg = AlgorithmIdentifierOwned {
                oid: oids::SHA256,
                parameters: None,
            };
            let mut signer = SignerInfoBuilder::new(key.as_ref(), sid, alg.clone(), &eci, None).unwrap();
            signer.add_signed_attribute(signing_time(at).unwrap()).unwrap();
            signer
                .add_signed_attribute(signing_certificate_v2(&id.cert).unwrap())
                .unwrap();
            let mut data = SignedDataBuilder::new(&eci);
            data.add_digest_algorithm(alg).unwrap();
            for cert in std::iter::once(&id.cert).chain(&id.chain) {
                data.add_certificate(CertificateChoices::Certificate(cert.clone()))
                    .unwrap();
            }
            data.add_signer_info::<rsa::pkcs1v15::SigningKey<sha2::Sha256>, rsa::pkcs1v15::Signature>(signer)
                .unwrap();
            let theirs = data.build().unwrap().to_der().unwrap();
            assert_eq!(ours, theirs, "{} bytes of content", content.len());
        }
    }
}
