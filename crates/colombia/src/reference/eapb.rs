//! SISPRO's `CodigoEAPByNit`: the codes of the entities that administer health plans (EPS, EPSS,
//! EPSI, CCF, ESS, EAS, ARL, health directorates), with their names and whether SISPRO has them
//! enabled.

use std::sync::OnceLock;

/// The table and its export, as messages name it.
pub const TABLE: &str = "CodigoEAPByNit de SISPRO (exportación del 19/03/2025, 1691 códigos)";

/// How many codes [`TABLE`] says the table has (a test holds the data to it).
pub const COUNT: usize = 1_691;

static BLOB: &[u8] = include_bytes!("data/eapb.deflate");

/// An entity of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entity {
    pub code: &'static str,
    pub name: &'static str,
    /// `Habilitado`: SI.
    pub enabled: bool,
}

struct Table {
    keys: Vec<u64>,
    entities: Vec<Entity>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut entities: Vec<Entity> = super::entries(super::inflate(BLOB))
            .filter_map(|l| {
                let [code, enabled, name] = super::split::<3>(l)?;
                let enabled = enabled == "1";
                Some(Entity { code, name, enabled })
            })
            .filter(|e| super::key(e.code.as_bytes()).is_some())
            .collect();
        entities.sort_unstable_by_key(|e| super::key(e.code.as_bytes()));
        let keys = entities.iter().filter_map(|e| super::key(e.code.as_bytes())).collect();
        Table { keys, entities }
    })
}

/// The table's entry for `code`.
pub fn get(code: &[u8]) -> Option<&'static Entity> {
    let t = table();
    let k = super::key(code)?;
    t.keys.binary_search(&k).ok().map(|i| &t.entities[i])
}

/// Every entity of the table, sorted by code.
pub fn all() -> &'static [Entity] {
    &table().entities
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table() {
        assert_eq!(all().len(), COUNT);
        assert!(all()
            .iter()
            .all(|e| get(e.code.as_bytes()) == Some(e) && !e.name.is_empty()));
        assert_eq!(all().iter().filter(|e| e.enabled).count(), 1375);
        assert!(get(b"EPS018").is_some());
        assert!(get(b"ZZZ999").is_none());
    }
}
