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

impl super::Entry for Procedure {
    fn code(&self) -> super::Code {
        self.code
    }

    fn position(&self) -> usize {
        usize::from(self.position)
    }
}

/// A CUPS table: the compiled-in one ([`Table::builtin`]) or an export the user gave.
pub type Table = super::Coded<Procedure>;

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
