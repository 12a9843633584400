//! CIE 10 (ICD-10) as SISPRO publishes it: the four-character codes Colombian annexes use (a
//! letter, two digits, and a digit or `X` for a category without subcategories: `J459`, `A09X`),
//! each with its name, the sex it applies to and its age range.

use std::sync::OnceLock;

/// The table and its export, as messages name it.
pub const TABLE: &str = "CIE10 de SISPRO (exportación del 23/11/2025, 12\u{a0}634 códigos)";

/// How many codes [`TABLE`] says the table has (a test holds the data to it).
pub const COUNT: usize = 12_634;

static CODES: &str = include_str!("data/cie10.txt");
static NAMES: &[u8] = include_bytes!("data/cie10-nombres.deflate");

/// Positions per letter: two digits (100) times a digit or `X` (11).
const PER_LETTER: usize = 100 * 11;

/// Who a code applies to (SISPRO's `AplicaASexo`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
    Both,
}

/// A code of the table with what it says of the person it can be for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    pub code: [u8; 4],
    pub sex: Sex,
    /// The age range in whole years (`EdadMinima`, `EdadMaxima`); 0–0 is under one year, and a
    /// maximum of 120 or more (SISPRO writes 120 and 999) is no upper limit.
    pub min_age: u16,
    pub max_age: u16,
    /// Its position in its table.
    pub(super) position: u16,
}

impl Diagnosis {
    /// The code as written (`O800`).
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).unwrap_or("")
    }

    /// Whether the table limits the age.
    pub fn limits_age(&self) -> bool {
        self.min_age > 0 || self.max_age < 120
    }

    /// Whether a person of `age` whole years fits the range.
    pub fn fits_age(&self, age: u32) -> bool {
        age >= u32::from(self.min_age) && (self.max_age >= 120 || age <= u32::from(self.max_age))
    }

    /// Whether a person of this sex (`true` a woman) fits.
    pub fn fits_sex(&self, woman: bool) -> bool {
        match self.sex {
            Sex::Both => true,
            Sex::Female => woman,
            Sex::Male => !woman,
        }
    }

    /// Who the code is for, in words: «mujeres de 10 a 54 años», «hombres», «menores de un año».
    pub fn rule(&self) -> String {
        let who = match self.sex {
            Sex::Female => "mujeres",
            Sex::Male => "hombres",
            Sex::Both => "personas",
        };
        let (lo, hi) = (self.min_age, self.max_age);
        match (lo, hi) {
            _ if !self.limits_age() => who.to_string(),
            (0, 0) if self.sex == Sex::Both => "menores de un año".to_string(),
            (0, 0) => format!("{who} menores de un año"),
            (lo, hi) if hi >= 120 => format!("{who} de {lo} años o más"),
            (0, hi) => format!("{who} de hasta {hi} años"),
            (lo, hi) => format!("{who} de {lo} a {hi} años"),
        }
    }

    /// Its position in its table's [`Table::all`].
    pub(crate) fn position(&self) -> usize {
        usize::from(self.position)
    }
}

/// The slot of a well-formed code, `None` when the code is not letter, digit, digit, digit-or-X.
fn slot(code: &[u8]) -> Option<usize> {
    let [l, a, b, c] = *code else { return None };
    if !l.is_ascii_uppercase() || !a.is_ascii_digit() || !b.is_ascii_digit() {
        return None;
    }
    let last = match c {
        b'0'..=b'9' => usize::from(c - b'0'),
        b'X' => 10,
        _ => return None,
    };
    Some(usize::from(l - b'A') * PER_LETTER + usize::from(a - b'0') * 110 + usize::from(b - b'0') * 11 + last)
}

/// A CIE10 table: the compiled-in one ([`Table::builtin`]) or an export the user gave.
pub struct Table {
    label: String,
    /// Per slot, the position of its code in `codes`, or `u16::MAX`.
    slots: Vec<u16>,
    codes: Vec<Diagnosis>,
    names: super::Names,
}

/// A line of `data/cie10.txt`: `A000` (both sexes, 0 to 999 years) or `O800|2|10|54`.
fn parse(line: &'static str, position: usize) -> Option<Diagnosis> {
    let (code, rule) = line.split_once('|').unwrap_or((line, "3|0|999"));
    let [sex, lo, hi] = super::split::<3>(rule)?;
    Some(Diagnosis {
        code: code.as_bytes().try_into().ok()?,
        sex: match sex {
            "1" => Sex::Male,
            "2" => Sex::Female,
            _ => Sex::Both,
        },
        min_age: lo.parse().ok()?,
        max_age: hi.parse().ok()?,
        position: position as u16,
    })
}

impl Table {
    /// The table compiled into planos ([`TABLE`]).
    pub fn builtin() -> &'static Table {
        static BUILTIN: OnceLock<Table> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let codes = super::entries(CODES)
                .enumerate()
                .filter_map(|(i, l)| parse(l, i))
                .collect();
            Table::new(TABLE.to_string(), codes, super::Names::new(NAMES))
        })
    }

    /// A table of `codes`, sorted, well formed and unique, each at its position, with their
    /// names in the same order.
    pub(super) fn new(label: String, codes: Vec<Diagnosis>, names: super::Names) -> Table {
        let mut slots = vec![u16::MAX; 26 * PER_LETTER];
        for (i, d) in codes.iter().enumerate() {
            if let Some(s) = slot(&d.code) {
                slots[s] = i as u16;
            }
        }
        Table {
            label,
            slots,
            codes,
            names,
        }
    }

    /// The table's entry for `code`.
    pub fn get(&self, code: &[u8]) -> Option<&Diagnosis> {
        let i = *self.slots.get(slot(code)?)?;
        self.codes.get(usize::from(i))
    }

    /// Every code of the table, sorted.
    pub fn all(&self) -> &[Diagnosis] {
        &self.codes
    }

    /// The name of `d`, a code of this table (the compiled-in names are inflated on the first
    /// call).
    pub fn name(&self, d: &Diagnosis) -> &str {
        self.names.get(d.position()).unwrap_or("")
    }

    /// A code of this table and its name, «O800 (PARTO UNICO ESPONTANEO, …)».
    pub fn named(&self, d: &Diagnosis) -> String {
        format!("{} ({})", d.code(), self.name(d))
    }

    /// The table and its export, as messages name it.
    pub fn label(&self) -> &str {
        &self.label
    }
}

/// Whether `code` has the annex's shape: a letter, two digits, and a digit or `X`.
pub fn well_formed(code: &[u8]) -> bool {
    slot(code).is_some()
}

/// The compiled-in table's entry for `code`.
pub fn get(code: &[u8]) -> Option<&'static Diagnosis> {
    Table::builtin().get(code)
}

/// Whether the compiled-in table holds `code`.
pub fn contains(code: &[u8]) -> bool {
    get(code).is_some()
}

/// The name of `code` in the compiled-in table, `None` when the table lacks it.
pub fn name(code: &[u8]) -> Option<&'static str> {
    let t = Table::builtin();
    t.get(code).map(|d| t.name(d))
}

/// Every code of the compiled-in table, sorted.
pub fn all() -> &'static [Diagnosis] {
    Table::builtin().all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape() {
        for good in ["J459", "A09X", "Z000"] {
            assert!(well_formed(good.as_bytes()), "{good}");
        }
        for bad in ["J45", "J45.9", "j459", "JJ59", "J4X9", "J45XX", "ÑA00"] {
            assert!(!well_formed(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn membership() {
        for code in [
            "J459", "A09X", "I10X", "K021", "E119", "U071", "C509", "A090", "A099", "C800", "G14X",
        ] {
            assert!(contains(code.as_bytes()), "{code}");
        }
        // Well formed but not codes: a padded category that has subcategories, unused ones,
        // and codes of other CIE-10 editions SISPRO does not have.
        for code in ["K02X", "A00X", "M723", "R500", "W46X", "X591"] {
            assert!(!contains(code.as_bytes()), "{code}");
        }
        assert_eq!(all().len(), COUNT);
        assert!(all().windows(2).all(|w| w[0].code < w[1].code));
        assert!(all()
            .iter()
            .all(|d| get(&d.code) == Some(d) && !Table::builtin().name(d).is_empty()));
        assert_eq!(
            all().last().map(|d| Table::builtin().name(d)),
            Some("DEPENDENCIA DE MAQUINA Y DISPOSITIVO CAPACITANTE, NO ESPECIFICADA")
        );
        let names = super::super::Names::new(NAMES);
        assert!(names.get(COUNT - 1).is_some() && names.get(COUNT).is_none());
    }

    #[test]
    fn names_sexes_and_ages() {
        let o800 = get(b"O800").unwrap();
        assert_eq!(
            Table::builtin().name(o800),
            "PARTO UNICO ESPONTANEO, PRESENTACION CEFALICA DE VERTICE"
        );
        assert_eq!(o800.rule(), "mujeres de 10 a 54 años");
        assert!(!o800.fits_sex(false) && o800.fits_sex(true));
        assert!(o800.fits_age(10) && o800.fits_age(54) && !o800.fits_age(55) && !o800.fits_age(9));
        assert_eq!(get(b"P000").unwrap().rule(), "menores de un año");
        assert_eq!(get(b"N40X").unwrap().sex, Sex::Male);
        let z000 = get(b"Z000").unwrap();
        assert!(!z000.limits_age() && z000.fits_age(130) && z000.rule() == "personas");
        // Max 120 is no upper limit.
        let aged = all().iter().find(|d| d.min_age > 0 && d.max_age == 120).unwrap();
        assert!(aged.fits_age(121), "{}", aged.code());
        // O93X: AplicaASexo 3 but letter F, read as both (docs/interpretations.md).
        assert_eq!(get(b"O93X").unwrap().sex, Sex::Both);
    }
}
