//! The entity's certificate and private key, read from its `.p12`/`.pfx` with its password.
//! The key lives in an [`Identity`] for the one signature it is read for, and is dropped with it
//! (RSA and EC private keys are zeroed on drop by their crates); nothing is written anywhere.

use der::{Decode, Encode};
use pkcs8::DecodePrivateKey;
use x509_cert::Certificate;

use crate::digest::Algorithm;
use crate::holder::{prose_date, Holder};
use crate::oids;

/// Days before expiry from which signing draws a warning.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// Why a `.p12` cannot be used to sign. Each says, in Spanish, what the person can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeystoreError {
    /// The password does not open the file (its MAC or its decryption fails).
    WrongPassword,
    /// The bytes are not a PKCS#12 file, or it is damaged.
    Unreadable(String),
    /// It holds certificates but no private key.
    NoKey,
    /// The key is of a kind planos cannot sign with.
    UnsupportedKey(String),
    /// The certificate is not valid at the signing time.
    NotValid(String),
}

impl std::fmt::Display for KeystoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeystoreError::WrongPassword => f.write_str("La contraseña del certificado no es correcta"),
            KeystoreError::Unreadable(why) => write!(f, "El certificado no se puede leer como .p12/.pfx: {why}"),
            KeystoreError::NoKey => f.write_str(
                "El archivo .p12 no trae la clave privada, solo certificados: exporte de nuevo el certificado «con la clave privada»",
            ),
            KeystoreError::UnsupportedKey(why) => write!(f, "planos no puede firmar con la clave de este certificado: {why}"),
            KeystoreError::NotValid(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for KeystoreError {}

/// The private key, of the kinds Colombian CAs issue.
pub(crate) enum PrivateKey {
    Rsa(Box<rsa::pkcs1v15::SigningKey<sha2::Sha256>>),
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
}

/// An entity's signing certificate, its key, and the chain its `.p12` carries.
pub struct Identity {
    pub(crate) key: PrivateKey,
    pub(crate) cert: Certificate,
    /// The other certificates of the `.p12` (intermediates, root), leaf excluded.
    pub(crate) chain: Vec<Certificate>,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("holder", &self.holder())
            .finish_non_exhaustive()
    }
}

impl Identity {
    /// Opens a `.p12`/`.pfx` with its password.
    pub fn from_pkcs12(bytes: &[u8], password: &str) -> Result<Identity, KeystoreError> {
        if pkcs12::pfx::Pfx::from_der(bytes).is_err() {
            return Err(KeystoreError::Unreadable(
                "no es un archivo PKCS#12 o está incompleto".to_string(),
            ));
        }
        let store = p12_keystore::KeyStore::from_pkcs12(bytes, password).map_err(|e| match e {
            p12_keystore::error::Error::MacError(_) | p12_keystore::error::Error::UnpadError => {
                KeystoreError::WrongPassword
            }
            other => KeystoreError::Unreadable(format!("su contenido está dañado ({other})")),
        })?;
        let (_, entry) = store.private_key_chain().ok_or(KeystoreError::NoKey)?;
        let mut certs = Vec::new();
        for c in entry.chain() {
            let cert = Certificate::from_der(c.as_der())
                .map_err(|e| KeystoreError::Unreadable(format!("un certificado está dañado ({e})")))?;
            certs.push(cert);
        }
        if certs.is_empty() {
            return Err(KeystoreError::Unreadable(
                "no trae el certificado de la clave".to_string(),
            ));
        }
        let cert = certs.remove(0);
        let key = private_key(entry.key())?;
        if public_key_of(&key)?
            != cert
                .tbs_certificate
                .subject_public_key_info
                .to_der()
                .unwrap_or_default()
        {
            return Err(KeystoreError::UnsupportedKey(
                "la clave privada no corresponde al certificado".to_string(),
            ));
        }
        Ok(Identity {
            key,
            cert,
            chain: certs,
        })
    }

    /// Who signs, as the certificate says.
    pub fn holder(&self) -> Holder {
        Holder::of(&self.cert)
    }

    /// The issuing chain the `.p12` carries (leaf excluded), as people read it.
    pub fn chain(&self) -> Vec<Holder> {
        self.chain.iter().map(Holder::of).collect()
    }

    /// Whether the certificate may sign at `now` (seconds since 1970): an error when it is not
    /// valid then or may not sign documents; a warning when it expires within 30 days.
    pub fn usable_at(&self, now: i64) -> Result<Option<String>, KeystoreError> {
        let h = self.holder();
        if now < h.not_before {
            return Err(KeystoreError::NotValid(format!(
                "El certificado de «{}» todavía no es válido: lo es {}",
                h.name,
                h.validity_in_prose()
            )));
        }
        if now > h.not_after {
            return Err(KeystoreError::NotValid(format!(
                "El certificado de «{}» venció el {}: renuévelo con su entidad de certificación (era válido {})",
                h.name,
                prose_date(h.not_after),
                h.validity_in_prose()
            )));
        }
        crate::trust::usable_for_signing(&self.cert, now).map_err(|why| KeystoreError::NotValid(capitalise(&why)))?;
        let days = (h.not_after - now) / 86_400;
        Ok((days < EXPIRY_WARNING_DAYS).then(|| {
            format!(
                "El certificado de «{}» vence el {} (en {} {}): renuévelo pronto",
                h.name,
                prose_date(h.not_after),
                days,
                if days == 1 { "día" } else { "días" }
            )
        }))
    }

    /// The digest this identity signs with: SHA-256, or SHA-384 for a P-384 key.
    pub fn digest_algorithm(&self) -> Algorithm {
        match self.key {
            PrivateKey::P384(_) => Algorithm::Sha384,
            _ => Algorithm::Sha256,
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The PKCS#8 key as a signing key.
fn private_key(pkcs8_der: &[u8]) -> Result<PrivateKey, KeystoreError> {
    let info = pkcs8::PrivateKeyInfo::from_der(pkcs8_der)
        .map_err(|e| KeystoreError::Unreadable(format!("la clave privada está dañada ({e})")))?;
    let damaged = |e: pkcs8::Error| KeystoreError::Unreadable(format!("la clave privada está dañada ({e})"));
    match info.algorithm.oid {
        oids::RSA => {
            let key = rsa::RsaPrivateKey::from_pkcs8_der(pkcs8_der).map_err(damaged)?;
            Ok(PrivateKey::Rsa(Box::new(rsa::pkcs1v15::SigningKey::new(key))))
        }
        oids::EC => match info.algorithm.parameters_oid() {
            Ok(oids::P256) => Ok(PrivateKey::P256(
                p256::ecdsa::SigningKey::from_pkcs8_der(pkcs8_der).map_err(damaged)?,
            )),
            Ok(oids::P384) => Ok(PrivateKey::P384(
                p384::ecdsa::SigningKey::from_pkcs8_der(pkcs8_der).map_err(damaged)?,
            )),
            Ok(other) => Err(KeystoreError::UnsupportedKey(format!("curva elíptica {other}"))),
            Err(_) => Err(KeystoreError::UnsupportedKey("clave EC sin curva nombrada".to_string())),
        },
        other => Err(KeystoreError::UnsupportedKey(format!("tipo de clave {other}"))),
    }
}

/// The DER SubjectPublicKeyInfo of a private key, to match it with its certificate.
fn public_key_of(key: &PrivateKey) -> Result<Vec<u8>, KeystoreError> {
    use spki::EncodePublicKey;
    let der = match key {
        PrivateKey::Rsa(k) => rsa::RsaPublicKey::from(k.as_ref().as_ref()).to_public_key_der(),
        PrivateKey::P256(k) => p256::PublicKey::from(k.verifying_key()).to_public_key_der(),
        PrivateKey::P384(k) => p384::PublicKey::from(k.verifying_key()).to_public_key_der(),
    };
    der.map(|d| d.as_bytes().to_vec())
        .map_err(|e| KeystoreError::UnsupportedKey(e.to_string()))
}
