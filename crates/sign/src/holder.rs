//! Who a certificate names and for how long: the facts a person checks before signing or
//! trusting a signature, read from the certificate's subject, issuer and validity.

use der::asn1::{Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
use der::{Decode, Encode};
use serde::{Deserialize, Serialize};
use x509_cert::name::Name;
use x509_cert::Certificate;

use crate::oids;

/// A certificate as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// The subject's common name (CN), or the whole subject when it has none.
    pub name: String,
    /// The subject's organisation (O), when the certificate states one.
    pub organisation: Option<String>,
    /// The entity's NIT: the subject's serialNumber or organizationIdentifier when it holds one
    /// (Colombian CAs write the NIT there, e.g. GSE's own root: serialNumber=900204278).
    pub nit: Option<String>,
    /// The issuer's common name, or the whole issuer.
    pub issuer: String,
    /// Valid from, seconds since 1970 (UTC).
    pub not_before: i64,
    /// Valid until, seconds since 1970 (UTC).
    pub not_after: i64,
}

impl Holder {
    pub fn of(cert: &Certificate) -> Holder {
        let tbs = &cert.tbs_certificate;
        let subject = &tbs.subject;
        Holder {
            name: attribute(subject, oids::COMMON_NAME).unwrap_or_else(|| subject.to_string()),
            organisation: attribute(subject, oids::ORGANISATION),
            nit: attribute(subject, oids::SERIAL_NUMBER)
                .or_else(|| attribute(subject, oids::ORGANISATION_IDENTIFIER))
                .and_then(|v| nit_in(&v)),
            issuer: attribute(&tbs.issuer, oids::COMMON_NAME).unwrap_or_else(|| tbs.issuer.to_string()),
            not_before: tbs.validity.not_before.to_unix_duration().as_secs() as i64,
            not_after: tbs.validity.not_after.to_unix_duration().as_secs() as i64,
        }
    }

    /// «NOMBRE (NIT 900123456-7), emitido por EMISOR», the line shown before signing and beside
    /// a verified signature.
    pub fn describe(&self) -> String {
        let mut out = self.name.clone();
        if let Some(o) = self.organisation.as_ref().filter(|o| **o != self.name) {
            out.push_str(&format!(", {o}"));
        }
        if let Some(nit) = &self.nit {
            out.push_str(&format!(" (NIT {nit})"));
        }
        out.push_str(&format!(", emitido por {}", self.issuer));
        out
    }

    /// «del 01/02/2026 al 01/02/2028».
    pub fn validity_in_prose(&self) -> String {
        format!("del {} al {}", prose_date(self.not_before), prose_date(self.not_after))
    }
}

/// A moment as people write a date: 31/01/2026.
pub fn prose_date(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.format(planos_core::text::PROSE_DATE).to_string())
        .unwrap_or_else(|| secs.to_string())
}

/// The first value of an attribute of a name, as text.
fn attribute(name: &Name, oid: der::oid::ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid)
        .map(|atv| text_of(&atv.value))
}

/// A directory string's text, whichever string type it was written in.
fn text_of(value: &der::Any) -> String {
    let der = value.to_der().unwrap_or_default();
    if let Ok(s) = Utf8StringRef::from_der(&der) {
        return s.to_string();
    }
    if let Ok(s) = PrintableStringRef::from_der(&der) {
        return s.to_string();
    }
    if let Ok(s) = Ia5StringRef::from_der(&der) {
        return s.to_string();
    }
    if let Ok(s) = TeletexStringRef::from_der(&der) {
        return s.to_string();
    }
    String::from_utf8_lossy(value.value()).into_owned()
}

/// The NIT in an identifier such as «900204278», «NIT 900123456-7» or «NTRCO-900123456»: its
/// digits (8 to 10) and the check digit when written. Anything else is not taken for a NIT.
fn nit_in(value: &str) -> Option<String> {
    let start = value.find(|c: char| c.is_ascii_digit())?;
    let rest = &value[start..];
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !(8..=10).contains(&digits.len()) {
        return None;
    }
    let after = &rest[digits.len()..];
    let check = after
        .strip_prefix('-')
        .and_then(|d| d.chars().next())
        .filter(|c| c.is_ascii_digit());
    Some(match check {
        Some(c) => format!("{digits}-{c}"),
        None => digits,
    })
}

#[cfg(test)]
mod tests {
    use super::nit_in;

    #[test]
    fn nits_as_colombian_cas_write_them() {
        assert_eq!(nit_in("900204278").as_deref(), Some("900204278"));
        assert_eq!(nit_in("NIT 900123456-7").as_deref(), Some("900123456-7"));
        let etsi = format!("{}-900123456", "NTRCO"); // organizationIdentifier, ETSI EN 319 412-1
        assert_eq!(nit_in(&etsi).as_deref(), Some("900123456"));
        assert_eq!(nit_in("12").as_deref(), None);
        assert_eq!(nit_in("ABC").as_deref(), None);
    }
}
