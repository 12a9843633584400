//! Building files from lists, with the same rules the checker applies.

pub mod rnse;
pub mod smcs;
pub mod table;

use chrono::NaiveDate;
use planos_core::text::PROSE_DATE;

/// A date of a builder's header (period, cut-off) as the annexes write it, `AAAA-MM-DD`.
pub fn parse_day(v: &str) -> Option<NaiveDate> {
    planos_core::rules::parse_date(v.as_bytes())
}

/// The entity's NIT as both builders' files carry it: dots and spaces taken out; 1 to 12
/// digits, no check digit, as `section` of `source` says. A problem goes into `problems`.
fn check_nit(nit: &str, source: &str, section: &str, problems: &mut Vec<String>) -> String {
    let digits: String = nit.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    if digits.is_empty() {
        problems.push(format!(
            "Falta el NIT de la entidad: escríbalo sin dígito de verificación, de 1 a 12 dígitos {}.",
            planos_core::rules::cite(source, section)
        ));
    } else if digits.contains('-') {
        problems.push("El NIT va sin dígito de verificación: quite el guion y lo que le sigue.".to_string());
    } else if digits.len() > 12 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        problems.push(format!(
            "El NIT «{nit}» debe tener de 1 a 12 dígitos {}.",
            planos_core::rules::cite(source, section)
        ));
    }
    digits
}

/// A period that starts after it ends is a problem for both builders.
fn check_period(start: NaiveDate, end: NaiveDate, problems: &mut Vec<String>) {
    if start > end {
        problems.push(format!(
            "La fecha inicial del período ({}) es posterior a la final ({}).",
            start.format(PROSE_DATE),
            end.format(PROSE_DATE)
        ));
    }
}
