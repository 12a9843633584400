//! CIE-10 (ICD-10) codes in the four-character form Colombian annexes use: a letter, two digits,
//! and a digit or `X` for a category without subcategories (`J459`, `A09X`).

use std::sync::OnceLock;

/// The table and version, as messages name it.
pub const TABLE: &str = "CIE-10 (paquete cie 0.208, forma colombiana de 4 caracteres)";

static CODES: &str = include_str!("data/cie10.txt");

/// Positions per letter: two digits (100) times a digit or `X` (11).
const PER_LETTER: usize = 100 * 11;

/// The bit of a well-formed code, `None` when the code is not letter, digit, digit, digit-or-X.
fn bit(code: &[u8]) -> Option<usize> {
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

/// The codes of the table: each line is a category and the fourth characters of its codes
/// (`A00 019` is A000, A001 and A009).
fn codes() -> impl Iterator<Item = [u8; 4]> {
    super::entries(CODES).flat_map(|line| {
        let (category, fourth) = line.split_once(' ').unwrap_or((line, ""));
        let c = category.as_bytes();
        fourth
            .bytes()
            .filter(move |_| c.len() == 3)
            .map(move |d| [c[0], c[1], c[2], d])
    })
}

/// One bit per possible code: 26 × 1,100 bits, 3.6 kB, built once from the table.
fn bits() -> &'static [u64] {
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = vec![0u64; (26 * PER_LETTER).div_ceil(64)];
        for i in codes().filter_map(|c| bit(&c)) {
            bits[i / 64] |= 1 << (i % 64);
        }
        bits
    })
}

/// Whether `code` has the annex's shape: a letter, two digits, and a digit or `X`.
pub fn well_formed(code: &[u8]) -> bool {
    bit(code).is_some()
}

/// Whether the table holds `code`.
pub fn contains(code: &[u8]) -> bool {
    bit(code).is_some_and(|i| bits()[i / 64] & (1 << (i % 64)) != 0)
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
        for code in ["J459", "A09X", "I10X", "K021", "E119", "U071", "C509"] {
            assert!(contains(code.as_bytes()), "{code}");
        }
        // Well formed but not codes: a padded category that has subcategories, an unused one.
        for code in ["K02X", "A099", "Z994", "A00X"] {
            assert!(!contains(code.as_bytes()), "{code}");
        }
        let n = codes().count();
        assert!(n > 12_000, "{n}");
        assert_eq!(codes().filter(|c| well_formed(c)).count(), n);
    }
}
