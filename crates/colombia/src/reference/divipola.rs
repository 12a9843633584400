//! DIVIPOLA, the coding of Colombia's departments (2 digits) and municipalities (5 digits), in
//! the two lists a real file may follow: DANE's, and the Ministry of Health's own, which still
//! carries two codes DANE replaced. A code either list has is a municipality.

use std::sync::OnceLock;

/// DANE's list, as messages name it.
pub const DANE: &str = "DIVIPOLA del DANE (exportación del 08/04/2025, 1122 códigos)";
/// The Ministry's list, as messages name it.
pub const MINISTRY: &str = "DIVIPOLA del Ministerio de Salud (datos.gov.co, 1122 códigos)";
/// Both, as a message that looked in both names them.
pub const TABLE: &str = "DIVIPOLA del DANE (exportación del 08/04/2025, 1122 códigos) ni en la del Ministerio de Salud (datos.gov.co, 1122 códigos)";

static DATA: &str = include_str!("data/divipola.txt");

/// Which list has a municipality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lists {
    Both,
    DaneOnly,
    MinistryOnly,
}

struct Tables {
    departments: Vec<(u32, &'static str)>,
    municipalities: Vec<(u32, Lists, &'static str)>,
    /// Per 5-digit number, its position in `municipalities` or `u16::MAX`: a lookup is an index
    /// (every detail record looks its municipality up twice), 200 kB.
    positions: Vec<u16>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut departments = Vec::new();
        let mut municipalities = Vec::new();
        for line in super::entries(DATA) {
            let mut parts = line.split('|');
            let (Some(code), Some(second)) = (parts.next(), parts.next()) else {
                continue;
            };
            let Ok(n) = code.parse::<u32>() else { continue };
            match (code.len(), parts.next()) {
                (2, None) => departments.push((n, second)),
                (5, Some(name)) => {
                    let lists = match second {
                        "1" => Lists::DaneOnly,
                        "2" => Lists::MinistryOnly,
                        _ => Lists::Both,
                    };
                    municipalities.push((n, lists, name));
                }
                _ => {}
            }
        }
        departments.sort_unstable_by_key(|e| e.0);
        municipalities.sort_unstable_by_key(|e| e.0);
        let mut positions = vec![u16::MAX; 100_000];
        for (i, m) in municipalities.iter().enumerate() {
            if let Some(slot) = positions.get_mut(m.0 as usize) {
                *slot = i as u16;
            }
        }
        Tables {
            departments,
            municipalities,
            positions,
        }
    })
}

/// The number a code of `digits` digits is.
fn number(code: &[u8], digits: usize) -> Option<u32> {
    if code.len() != digits {
        return None;
    }
    planos_core::rules::digits(code).map(|n| n as u32)
}

/// The municipality's name for a 5-digit code, `None` when neither list has it.
pub fn municipality(code: &[u8]) -> Option<&'static str> {
    municipality_index(code).map(|i| tables().municipalities[i].2)
}

/// Which lists have a 5-digit code, `None` when neither has it.
pub fn lists(code: &[u8]) -> Option<Lists> {
    municipality_index(code).map(|i| tables().municipalities[i].1)
}

/// Where a 5-digit municipality code is in the table (`0..municipality_count()`).
pub(crate) fn municipality_index(code: &[u8]) -> Option<usize> {
    let n = number(code, 5)?;
    let i = *tables().positions.get(n as usize)?;
    (i != u16::MAX).then_some(usize::from(i))
}

/// The code, lists and name of the municipality at `index`.
pub(crate) fn municipality_at(index: usize) -> Option<(u32, Lists, &'static str)> {
    tables().municipalities.get(index).copied()
}

/// The department's name for a 2-digit code, `None` when the table lacks it.
pub(crate) fn department(code: &[u8]) -> Option<&'static str> {
    let n = number(code, 2)?;
    let t = &tables().departments;
    t.binary_search_by_key(&n, |e| e.0).ok().map(|i| t[i].1)
}

/// How many municipalities the two lists hold together.
pub(crate) fn municipality_count() -> usize {
    tables().municipalities.len()
}

/// Every municipality code of either list, with the lists that have it.
pub fn all() -> impl Iterator<Item = (u32, Lists)> {
    tables().municipalities.iter().map(|m| (m.0, m.1))
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
    }

    #[test]
    fn both_lists() {
        let count = |l| all().filter(|m| m.1 == l).count();
        assert_eq!(count(Lists::Both) + count(Lists::DaneOnly), 1122);
        assert_eq!(count(Lists::Both) + count(Lists::MinistryOnly), 1122);
        assert_eq!(lists(b"27493"), Some(Lists::DaneOnly));
        assert_eq!(lists(b"94885"), Some(Lists::DaneOnly));
        assert_eq!(lists(b"27086"), Some(Lists::MinistryOnly));
        assert_eq!(lists(b"94663"), Some(Lists::MinistryOnly));
        assert_eq!(municipality(b"27086"), Some("BELÉN DE BAJIRÁ"));
        assert_eq!(municipality_count(), 1124);
    }

    #[test]
    fn every_municipality_lies_in_a_known_department() {
        for (code, _) in all() {
            assert!(department(format!("{:02}", code / 1000).as_bytes()).is_some(), "{code}");
        }
    }
}
