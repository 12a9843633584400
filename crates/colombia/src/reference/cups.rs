//! CUPS (Clasificación Única de Procedimientos en Salud) as SISPRO publishes it: each code with
//! its name and the sex it applies to (`Sexo_ZFM`).

use std::sync::OnceLock;

/// The table and its export, as messages name it.
pub const TABLE: &str = "CUPS de SISPRO (exportación del 17/03/2026, 10\u{a0}024 códigos)";

/// How many codes [`TABLE`] says the table has (a test holds the data to it).
pub const COUNT: usize = 10_024;

static CODES: &str = include_str!("data/cups.txt");
static NAMES: &[u8] = include_bytes!("data/cups-nombres.deflate");

/// A procedure of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Procedure {
    pub code: super::Code,
    /// `Some(true)` only for women (`F`), `Some(false)` only for men (`M`), `None` for both.
    pub woman: Option<bool>,
    /// Its position in its table.
    pub(super) position: u16,
}

impl Procedure {
    /// Whether a person of this sex (`true` a woman) fits.
    pub fn fits_sex(&self, woman: bool) -> bool {
        self.woman.is_none_or(|w| w == woman)
    }
}

/// A CUPS table: the compiled-in one ([`Table::builtin`]) or an export the user gave.
pub struct Table {
    label: String,
    keyed: super::Keyed<Procedure>,
    names: super::Names,
}

impl Table {
    /// The table compiled into planos ([`TABLE`]).
    pub fn builtin() -> &'static Table {
        static BUILTIN: OnceLock<Table> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // `code` (both sexes), `code|F` or `code|M`, sorted.
            let procedures = super::entries(CODES)
                .enumerate()
                .filter_map(|(i, l)| {
                    let (code, sex) = super::flagged(l);
                    Some(Procedure {
                        code: super::Code::new(code)?,
                        woman: match sex {
                            Some("F") => Some(true),
                            Some("M") => Some(false),
                            _ => None,
                        },
                        position: i as u16,
                    })
                })
                .collect();
            Table::new(TABLE.to_string(), procedures, super::Names::new(NAMES))
        })
    }

    /// A table of `procedures`, sorted and unique, each at its position, with their names in
    /// the same order.
    pub(super) fn new(label: String, procedures: Vec<Procedure>, names: super::Names) -> Table {
        Table {
            label,
            keyed: super::Keyed::new(procedures, |p| p.code.as_str()),
            names,
        }
    }

    /// The table's entry for `code`.
    pub fn get(&self, code: &[u8]) -> Option<&Procedure> {
        self.keyed.get(code)
    }

    /// Every procedure of the table, sorted by code.
    pub fn all(&self) -> &[Procedure] {
        &self.keyed.entries
    }

    /// The name of `p`, a procedure of this table.
    pub fn name(&self, p: &Procedure) -> &str {
        self.names.get(usize::from(p.position)).unwrap_or("")
    }

    /// The table and its export, as messages name it.
    pub fn label(&self) -> &str {
        &self.label
    }
}

/// The compiled-in table's entry for `code`.
pub fn get(code: &[u8]) -> Option<&'static Procedure> {
    Table::builtin().get(code)
}

/// Every procedure of the compiled-in table, sorted by code.
pub fn all() -> &'static [Procedure] {
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
            .all(|p| get(p.code.as_bytes()) == Some(p) && !Table::builtin().name(p).is_empty()));
        assert_eq!(
            Table::builtin().name(get(b"010101").unwrap()),
            "PUNCIÓN CISTERNAL- VÍA LATERAL"
        );
        assert!(get(b"06020").is_some(), "a five-character code");
        assert!(get(b"999999").is_none() && get(b"").is_none() && get(b"0101010101").is_none());
        assert!(get(b"01010").is_none() && get(b"0101011").is_none());
        assert!(all().iter().any(|p| p.woman == Some(true)));
        assert!(all().iter().any(|p| p.woman == Some(false)));
    }
}
