//! The object identifiers planos reads and writes, named once.

use der::oid::ObjectIdentifier as Oid;

pub const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
pub const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
pub const MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
pub const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
pub const SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");

pub const RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub const SHA1_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.5");
pub const SHA256_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub const SHA384_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
pub const SHA512_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");
pub const EC: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
pub const ECDSA_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
pub const ECDSA_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
pub const ECDSA_SHA512: Oid = Oid::new_unwrap("1.2.840.10045.4.3.4");
pub const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
pub const P384: Oid = Oid::new_unwrap("1.3.132.0.34");

pub const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
pub const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");

pub const COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
pub const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
pub const ORGANISATION: Oid = Oid::new_unwrap("2.5.4.10");
pub const ORGANISATION_IDENTIFIER: Oid = Oid::new_unwrap("2.5.4.97");
pub const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
pub const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
