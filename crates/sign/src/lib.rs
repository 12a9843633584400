//! planos' digital signatures, the two directions of Res. 1537/2015 and Res. 3539/2019's rule
//! «los archivos deben estar firmados digitalmente»:
//!
//! - **Signing** ([`Identity`], [`Frame`]): the entity's `.p12` opened with its password, its
//!   certificate checked (valid now, not expiring unnoticed), and a file signed as `.p7z` —
//!   DER CMS SignedData, content attached, CAdES-BES — without copying the file.
//! - **Opening** ([`open`]): a signed envelope's content, its signature verified, its signer
//!   named, and its chain followed to a trusted root ([`TrustStore`]: Colombia's accredited
//!   CAs, plus what the user adds).
//!
//! Contracts: no clock is read here (callers pass seconds since 1970; WebAssembly has no
//! `SystemTime::now`); no file is read or written; a key and its password live only in the
//! values the caller holds. No input panics: every failure is a Spanish sentence.

pub mod digest;
mod envelope;
mod holder;
mod keys;
mod keystore;
mod oids;
mod open;
mod tlv;
mod trust;

pub use envelope::Frame;
pub use holder::{prose_date, Holder};
pub use keystore::{Identity, KeystoreError, EXPIRY_WARNING_DAYS};
pub use open::{looks_like_cms, open, open_from, Opened, Signature};
pub use trust::{read_certificates, Trust, TrustStore};
