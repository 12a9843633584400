//! SISPRO's `CodigoEAPByNit`: the codes of the entities that administer health plans (EPS, EPSS,
//! EPSI, CCF, ESS, EAS, ARL, health directorates), with their names and whether SISPRO has them
//! enabled.

use std::sync::OnceLock;

/// The table and its export, as messages name it.
pub const TABLE: &str = "CodigoEAPByNit de SISPRO (exportación del 19/03/2025, 1691 códigos)";

/// How many codes [`TABLE`] says the table has (a test holds the data to it).
pub const COUNT: usize = 1_691;

static CODES: &str = include_str!("data/eapb.txt");
static NAMES: &[u8] = include_bytes!("data/eapb-nombres.deflate");

/// An entity of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entity {
    pub code: &'static str,
    /// `Habilitado`: SI.
    pub enabled: bool,
    /// Its position in the table.
    position: u16,
}

impl Entity {
    /// Its name (the table's names are inflated on the first call).
    pub fn name(&self) -> &'static str {
        static NAMED: OnceLock<super::Names> = OnceLock::new();
        let names = NAMED.get_or_init(|| super::Names::new(NAMES));
        names.get(usize::from(self.position)).unwrap_or("")
    }
}

fn table() -> &'static super::Keyed<Entity> {
    static TABLE: OnceLock<super::Keyed<Entity>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // `code` (enabled) or `code|0`, sorted.
        let entities = super::entries(CODES)
            .enumerate()
            .map(|(i, l)| {
                let (code, enabled) = super::flagged(l);
                Entity {
                    code,
                    enabled: enabled != Some("0"),
                    position: i as u16,
                }
            })
            .collect();
        super::Keyed::new(entities, |e| e.code)
    })
}

/// The table's entry for `code`.
pub fn get(code: &[u8]) -> Option<&'static Entity> {
    table().get(code)
}

/// Every entity of the table, sorted by code.
pub fn all() -> &'static [Entity] {
    &table().entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table() {
        assert_eq!(all().len(), COUNT);
        let names = super::super::Names::new(NAMES);
        assert!(names.get(COUNT - 1).is_some() && names.get(COUNT).is_none());
        assert!(all()
            .iter()
            .all(|e| get(e.code.as_bytes()) == Some(e) && !e.name().is_empty()));
        assert_eq!(all().iter().filter(|e| e.enabled).count(), 1375);
        assert_eq!(get(b"EPS001").map(|e| e.name()), Some("ALIANSALUD"));
        assert!(get(b"ZZZ999").is_none());
    }
}
