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
    pub code: super::Code,
    /// `Habilitado`: SI.
    pub enabled: bool,
    /// Its position in its table.
    pub(super) position: u16,
}

impl super::Entry for Entity {
    fn code(&self) -> super::Code {
        self.code
    }

    fn position(&self) -> usize {
        usize::from(self.position)
    }
}

/// An EAPB table: the compiled-in one ([`Table::builtin`]) or an export the user gave.
pub type Table = super::Coded<Entity>;

impl Table {
    /// The table compiled into planos ([`TABLE`]).
    pub fn builtin() -> &'static Table {
        static BUILTIN: OnceLock<Table> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // `code` (enabled) or `code|0`, sorted.
            let entities = super::entries(CODES)
                .enumerate()
                .filter_map(|(i, l)| {
                    let (code, enabled) = super::flagged(l);
                    Some(Entity {
                        code: super::Code::new(code)?,
                        enabled: enabled != Some("0"),
                        position: i as u16,
                    })
                })
                .collect();
            Table::new(TABLE.to_string(), entities, super::Names::new(NAMES))
        })
    }
}

/// The compiled-in table's entry for `code`.
pub fn get(code: &[u8]) -> Option<&'static Entity> {
    Table::builtin().get(code)
}

/// Every entity of the compiled-in table, sorted by code.
pub fn all() -> &'static [Entity] {
    Table::builtin().all()
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
            .all(|e| get(e.code.as_bytes()) == Some(e) && !Table::builtin().name(e).is_empty()));
        assert_eq!(all().iter().filter(|e| e.enabled).count(), 1375);
        assert_eq!(get(b"EPS001").map(|e| Table::builtin().name(e)), Some("ALIANSALUD"));
        assert!(get(b"ZZZ999").is_none());
    }
}
