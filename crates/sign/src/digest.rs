//! The digests planos computes: of a file's content (in chunks, so a large file is never held
//! twice), of signed attributes and of certificates.

use der::oid::ObjectIdentifier;
use sha2::Digest as _;

use crate::oids;

/// A digest algorithm planos knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Algorithm {
    /// The algorithm an object identifier names, if planos knows it.
    pub fn of(oid: &ObjectIdentifier) -> Option<Algorithm> {
        Some(match *oid {
            oids::SHA1 => Algorithm::Sha1,
            oids::SHA256 => Algorithm::Sha256,
            oids::SHA384 => Algorithm::Sha384,
            oids::SHA512 => Algorithm::Sha512,
            _ => return None,
        })
    }

    pub fn oid(self) -> ObjectIdentifier {
        match self {
            Algorithm::Sha1 => oids::SHA1,
            Algorithm::Sha256 => oids::SHA256,
            Algorithm::Sha384 => oids::SHA384,
            Algorithm::Sha512 => oids::SHA512,
        }
    }

    /// The digest of `bytes` at once.
    pub fn digest(self, bytes: &[u8]) -> Vec<u8> {
        let mut h = Hasher::new(self);
        h.update(bytes);
        h.finish()
    }
}

/// A digest computed over chunks.
#[derive(Clone)]
pub struct Hasher(State);

#[derive(Clone)]
enum State {
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hasher {
    pub fn new(alg: Algorithm) -> Hasher {
        Hasher(match alg {
            Algorithm::Sha1 => State::Sha1(sha1::Sha1::new()),
            Algorithm::Sha256 => State::Sha256(sha2::Sha256::new()),
            Algorithm::Sha384 => State::Sha384(sha2::Sha384::new()),
            Algorithm::Sha512 => State::Sha512(sha2::Sha512::new()),
        })
    }

    pub fn algorithm(&self) -> Algorithm {
        match self.0 {
            State::Sha1(_) => Algorithm::Sha1,
            State::Sha256(_) => Algorithm::Sha256,
            State::Sha384(_) => Algorithm::Sha384,
            State::Sha512(_) => Algorithm::Sha512,
        }
    }

    pub fn update(&mut self, chunk: &[u8]) {
        match &mut self.0 {
            State::Sha1(h) => h.update(chunk),
            State::Sha256(h) => h.update(chunk),
            State::Sha384(h) => h.update(chunk),
            State::Sha512(h) => h.update(chunk),
        }
    }

    pub fn finish(self) -> Vec<u8> {
        match self.0 {
            State::Sha1(h) => h.finalize().to_vec(),
            State::Sha256(h) => h.finalize().to_vec(),
            State::Sha384(h) => h.finalize().to_vec(),
            State::Sha512(h) => h.finalize().to_vec(),
        }
    }
}
