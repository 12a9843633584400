//! CUPS (Clasificación Única de Procedimientos en Salud) as SISPRO publishes it: each code with
//! its name and the sex it applies to (`Sexo_ZFM`).

use std::sync::OnceLock;

/// The table and its export, as messages name it.
pub const TABLE: &str = "CUPS de SISPRO (exportación del 17/03/2026, 10\u{a0}024 códigos)";

/// How many codes [`TABLE`] says the table has (a test holds the data to it).
pub const COUNT: usize = 10_024;

static BLOB: &[u8] = include_bytes!("data/cups.deflate");

/// A procedure of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Procedure {
    pub code: &'static str,
    pub name: &'static str,
    /// `Some(true)` only for women (`F`), `Some(false)` only for men (`M`), `None` for both.
    pub woman: Option<bool>,
}

impl Procedure {
    /// Whether a person of this sex (`true` a woman) fits.
    pub fn fits_sex(&self, woman: bool) -> bool {
        self.woman.is_none_or(|w| w == woman)
    }
}

struct Table {
    keys: Vec<u64>,
    procedures: Vec<Procedure>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut procedures: Vec<Procedure> = super::entries(super::inflate(BLOB))
            .filter_map(|l| {
                let [code, sex, name] = super::split::<3>(l)?;
                let woman = match sex {
                    "F" => Some(true),
                    "M" => Some(false),
                    _ => None,
                };
                Some(Procedure { code, name, woman })
            })
            .filter(|p| super::key(p.code.as_bytes()).is_some())
            .collect();
        procedures.sort_unstable_by_key(|p| super::key(p.code.as_bytes()));
        let keys = procedures
            .iter()
            .filter_map(|p| super::key(p.code.as_bytes()))
            .collect();
        Table { keys, procedures }
    })
}

/// The table's entry for `code`.
pub fn get(code: &[u8]) -> Option<&'static Procedure> {
    let t = table();
    let k = super::key(code)?;
    t.keys.binary_search(&k).ok().map(|i| &t.procedures[i])
}

/// Every procedure of the table, sorted by code.
pub fn all() -> &'static [Procedure] {
    &table().procedures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table() {
        assert_eq!(all().len(), COUNT);
        assert!(all()
            .iter()
            .all(|p| get(p.code.as_bytes()) == Some(p) && !p.name.is_empty()));
        assert_eq!(get(b"010101").unwrap().name, "PUNCIÓN CISTERNAL- VÍA LATERAL");
        assert!(get(b"06020").is_some(), "a five-character code");
        assert!(get(b"999999").is_none() && get(b"").is_none() && get(b"0101010101").is_none());
        assert!(all().iter().any(|p| p.woman == Some(true)));
        assert!(all().iter().any(|p| p.woman == Some(false)));
    }
}
