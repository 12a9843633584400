//! Public-key signatures: verifying one (a certificate's, an envelope's) with the key a
//! certificate carries, whatever its kind (RSA PKCS#1 v1.5, ECDSA P-256/P-384).

use der::oid::ObjectIdentifier;
use rsa::pkcs1::DecodeRsaPublicKey;
use signature::hazmat::PrehashVerifier;
use spki::SubjectPublicKeyInfoOwned;

use crate::digest::Algorithm;
use crate::oids;

/// The digest a signature algorithm implies (`sha256WithRSAEncryption` → SHA-256), or `fallback`
/// when the algorithm names only the key (`rsaEncryption`, as CMS signers often write).
pub fn digest_of(signature_alg: &ObjectIdentifier, fallback: Option<Algorithm>) -> Result<Algorithm, String> {
    match *signature_alg {
        oids::SHA1_RSA => Ok(Algorithm::Sha1),
        oids::SHA256_RSA | oids::ECDSA_SHA256 => Ok(Algorithm::Sha256),
        oids::SHA384_RSA | oids::ECDSA_SHA384 => Ok(Algorithm::Sha384),
        oids::SHA512_RSA | oids::ECDSA_SHA512 => Ok(Algorithm::Sha512),
        oids::RSA | oids::EC => fallback.ok_or_else(|| format!("algoritmo de firma sin resumen ({signature_alg})")),
        other => Err(format!("algoritmo de firma no soportado ({other})")),
    }
}

/// Verifies `signature` over `message` with the key of `spki`; `alg` is the digest the signer used.
pub fn verify(
    spki: &SubjectPublicKeyInfoOwned,
    alg: Algorithm,
    message: &[u8],
    signature: &[u8],
) -> Result<(), String> {
    verify_digest(spki, alg, &alg.digest(message), signature)
}

/// Verifies `signature` over a message whose `alg` digest is `hashed`.
pub fn verify_digest(
    spki: &SubjectPublicKeyInfoOwned,
    alg: Algorithm,
    hashed: &[u8],
    signature: &[u8],
) -> Result<(), String> {
    let key_bytes = spki.subject_public_key.raw_bytes();
    match spki.algorithm.oid {
        oids::RSA => {
            let key = rsa::RsaPublicKey::from_pkcs1_der(key_bytes)
                .map_err(|e| format!("la clave pública del certificado está dañada ({e})"))?;
            let scheme = match alg {
                Algorithm::Sha1 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
                Algorithm::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                Algorithm::Sha384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
                Algorithm::Sha512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
            };
            key.verify(scheme, hashed, signature).map_err(bad)
        }
        oids::EC => match curve(spki)? {
            Curve::P256 => {
                let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
                    .map_err(|_| "la clave pública del certificado está dañada".to_string())?;
                let sig = p256::ecdsa::Signature::from_der(signature).map_err(bad)?;
                key.verify_prehash(hashed, &sig).map_err(bad)
            }
            Curve::P384 => {
                let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
                    .map_err(|_| "la clave pública del certificado está dañada".to_string())?;
                let sig = p384::ecdsa::Signature::from_der(signature).map_err(bad)?;
                key.verify_prehash(hashed, &sig).map_err(bad)
            }
        },
        other => Err(format!("tipo de clave del certificado no soportado ({other})")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
}

/// The named curve of an EC key.
pub fn curve(spki: &SubjectPublicKeyInfoOwned) -> Result<Curve, String> {
    let named = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    match named {
        Some(oids::P256) => Ok(Curve::P256),
        Some(oids::P384) => Ok(Curve::P384),
        Some(other) => Err(format!("curva elíptica no soportada ({other})")),
        None => Err("la clave EC no nombra su curva".to_string()),
    }
}

fn bad<E>(_: E) -> String {
    "la firma no corresponde al contenido y al certificado".to_string()
}
