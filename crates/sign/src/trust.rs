//! Which certification authorities planos trusts, and whether a signer's certificate reaches one
//! of them: a chain built from the certificates an envelope carries up to a trusted root, each
//! link's signature verified, each certificate valid at the signing time, each issuer a CA
//! (basic constraints) allowed to sign certificates (key usage). There is no revocation check:
//! planos works offline.

use der::{Decode, Encode};
use serde::{Deserialize, Serialize};
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages};
use x509_cert::Certificate;

use crate::holder::Holder;
use crate::keys;
use crate::oids;

/// The public roots of Colombia's accredited certification authorities (`roots/README.md`).
const ACCREDITED: [&str; 4] = [
    include_str!("../roots/certicamara_ac_raiz_2006_certifi.pem"),
    include_str!("../roots/certicamara_ac_raiz_2016_tso.pem"),
    include_str!("../roots/gse_autoridad_raiz_gse_tso.pem"),
    include_str!("../roots/gse_ecdsa_raiz_tso.pem"),
];

/// What every trust verdict says of revocation.
const OFFLINE: &str = "(Sin consulta de revocación: planos trabaja sin conexión.)";

/// The longest chain followed (leaf, intermediates, root).
const MAX_DEPTH: usize = 8;

/// The certificates trusted as roots.
#[derive(Debug, Clone)]
pub struct TrustStore {
    anchors: Vec<Anchor>,
}

#[derive(Debug, Clone)]
struct Anchor {
    cert: Certificate,
    der: Vec<u8>,
    /// Added by the user rather than shipped with planos.
    added: bool,
}

/// Whether a signer's certificate reaches a trusted root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "estado", rename_all = "snake_case")]
pub enum Trust {
    /// The chain, from the signer's certificate to the trusted root.
    Trusted { chain: Vec<Holder> },
    /// How far the chain went, and why it stops short of a trusted root.
    Untrusted { chain: Vec<Holder>, why: String },
}

impl Trust {
    pub fn chain(&self) -> &[Holder] {
        match self {
            Trust::Trusted { chain } | Trust::Untrusted { chain, .. } => chain,
        }
    }

    /// One line for a person: who vouches for the signer, or why no one does.
    pub fn line(&self) -> String {
        match self {
            Trust::Trusted { chain } => {
                let root = chain.last().map(|h| h.name.as_str()).unwrap_or_default();
                format!("Certificado reconocido: la cadena llega a «{root}», una entidad de certificación de confianza. {OFFLINE}")
            }
            Trust::Untrusted { why, .. } => format!(
                "La firma está intacta, pero ninguna entidad de certificación de confianza respalda el certificado: {why}. planos no puede asegurar quién firmó. {OFFLINE}"
            ),
        }
    }
}

impl Default for TrustStore {
    fn default() -> Self {
        TrustStore::accredited()
    }
}

impl TrustStore {
    /// The roots that ship with planos.
    pub fn accredited() -> TrustStore {
        let mut store = TrustStore { anchors: Vec::new() };
        for pem in ACCREDITED {
            for (cert, der) in read_certificates(pem.as_bytes()).unwrap_or_default() {
                store.anchors.push(Anchor {
                    cert,
                    der,
                    added: false,
                });
            }
        }
        store
    }

    /// No roots at all (tests, and a user who trusts only what they add).
    pub fn empty() -> TrustStore {
        TrustStore { anchors: Vec::new() }
    }

    /// Adds the certificates of a `.cer`/`.crt`/`.pem` (DER or PEM, one or several) as trusted
    /// roots; returns who they are. A file with no certificate is refused and nothing changes.
    pub fn add(&mut self, bytes: &[u8]) -> Result<Vec<Holder>, String> {
        let certs = read_certificates(bytes)?;
        let mut added = Vec::new();
        for (cert, der) in certs {
            added.push(Holder::of(&cert));
            if !self.anchors.iter().any(|a| a.der == der) {
                self.anchors.push(Anchor { cert, der, added: true });
            }
        }
        Ok(added)
    }

    /// The roots trusted, the shipped ones first; `true` marks one the user added.
    pub fn roots(&self) -> impl Iterator<Item = (Holder, bool)> + '_ {
        self.anchors.iter().map(|a| (Holder::of(&a.cert), a.added))
    }

    /// Follows `leaf` up through `pool` (the certificates an envelope carries) to a trusted root,
    /// then checks every certificate of the chain at `at` (seconds since 1970: the signing time).
    pub fn evaluate(&self, leaf: &Certificate, pool: &[Certificate], at: i64) -> Trust {
        let mut certs = vec![leaf.clone()];
        let untrusted = |certs: &[Certificate], why: String| Trust::Untrusted {
            chain: certs.iter().map(Holder::of).collect(),
            why,
        };
        loop {
            let current = certs.last().expect("the chain starts with the leaf");
            let der = current.to_der().unwrap_or_default();
            if self.anchors.iter().any(|a| a.der == der) {
                break;
            }
            if let Some(root) = self.anchors.iter().find(|a| issued(current, &a.cert)) {
                certs.push(root.cert.clone());
                break;
            }
            if certs.len() >= MAX_DEPTH {
                return untrusted(&certs, "la cadena de certificados es demasiado larga".to_string());
            }
            let self_signed = current.tbs_certificate.subject == current.tbs_certificate.issuer;
            let next = pool.iter().find(|c| !certs.contains(c) && issued(current, c));
            match next {
                Some(issuer) if !self_signed => certs.push(issuer.clone()),
                _ => {
                    let h = Holder::of(current);
                    let why = if self_signed && certs.len() == 1 {
                        format!(
                            "el certificado «{}» se firma a sí mismo: no lo emitió ninguna entidad de certificación",
                            h.name
                        )
                    } else if self_signed {
                        format!(
                            "su cadena termina en «{}», que no está entre las entidades de certificación de confianza",
                            h.name
                        )
                    } else {
                        format!(
                            "falta el certificado de «{}», que emitió el de «{}»: ni el sobre ni las entidades de certificación de confianza lo traen",
                            h.issuer, h.name
                        )
                    };
                    return untrusted(&certs, why);
                }
            }
        }
        let checked =
            usable_for_signing(leaf, at).and_then(|()| certs[1..].iter().try_for_each(|c| usable_as_issuer(c, at)));
        match checked {
            Ok(()) => Trust::Trusted {
                chain: certs.iter().map(Holder::of).collect(),
            },
            Err(why) => untrusted(&certs, why),
        }
    }
}

/// True when `issuer` names itself as `cert`'s issuer and its key verifies `cert`'s signature.
fn issued(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate.issuer != issuer.tbs_certificate.subject {
        return false;
    }
    let Ok(tbs) = cert.tbs_certificate.to_der() else {
        return false;
    };
    let Ok(alg) = keys::digest_of(&cert.signature_algorithm.oid, None) else {
        return false;
    };
    let Some(signature) = cert.signature.as_bytes() else {
        return false;
    };
    keys::verify(&issuer.tbs_certificate.subject_public_key_info, alg, &tbs, signature).is_ok()
}

fn valid_at(cert: &Certificate, at: i64) -> Result<(), String> {
    let h = Holder::of(cert);
    if at < h.not_before || at > h.not_after {
        return Err(format!(
            "el certificado «{}» no estaba vigente el {} (es válido {})",
            h.name,
            crate::holder::prose_date(at),
            h.validity_in_prose()
        ));
    }
    Ok(())
}

fn extension<'a, T: Decode<'a>>(cert: &'a Certificate, oid: der::oid::ObjectIdentifier) -> Option<Result<T, ()>> {
    cert.tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == oid)
        .map(|e| T::from_der(e.extn_value.as_bytes()).map_err(|_| ()))
}

/// A certificate that may sign documents at `at`: valid then, and, when it states a key usage,
/// allowed digital signatures or non-repudiation.
pub(crate) fn usable_for_signing(cert: &Certificate, at: i64) -> Result<(), String> {
    valid_at(cert, at)?;
    if let Some(usage) = extension::<KeyUsage>(cert, oids::KEY_USAGE) {
        let ok =
            usage.is_ok_and(|u| u.0.contains(KeyUsages::DigitalSignature) || u.0.contains(KeyUsages::NonRepudiation));
        if !ok {
            return Err(format!(
                "el certificado «{}» no está autorizado para firmar documentos (uso de clave)",
                Holder::of(cert).name
            ));
        }
    }
    Ok(())
}

/// A certificate that may vouch for others at `at`: valid then, a CA by its basic constraints,
/// and allowed to sign certificates when it states a key usage.
fn usable_as_issuer(cert: &Certificate, at: i64) -> Result<(), String> {
    valid_at(cert, at)?;
    let name = || Holder::of(cert).name;
    let ca = extension::<BasicConstraints>(cert, oids::BASIC_CONSTRAINTS).is_some_and(|b| b.is_ok_and(|b| b.ca));
    if !ca {
        return Err(format!(
            "«{}» no es una entidad de certificación (restricciones básicas) y no puede emitir certificados",
            name()
        ));
    }
    if let Some(usage) = extension::<KeyUsage>(cert, oids::KEY_USAGE) {
        if !usage.is_ok_and(|u| u.0.contains(KeyUsages::KeyCertSign)) {
            return Err(format!(
                "«{}» no está autorizado para emitir certificados (uso de clave)",
                name()
            ));
        }
    }
    Ok(())
}

/// The certificates in a `.cer`/`.crt`/`.pem`: PEM blocks, or one DER certificate.
pub fn read_certificates(bytes: &[u8]) -> Result<Vec<(Certificate, Vec<u8>)>, String> {
    let unreadable = |_| "no es un certificado X.509 (.cer, .crt o .pem) legible".to_string();
    let certs = if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
        Certificate::load_pem_chain(bytes).map_err(unreadable)?
    } else {
        vec![Certificate::from_der(bytes).map_err(unreadable)?]
    };
    let mut out = Vec::new();
    for cert in certs {
        let der = cert.to_der().map_err(unreadable)?;
        out.push((cert, der));
    }
    if out.is_empty() {
        return Err("no trae ningún certificado".to_string());
    }
    Ok(out)
}
