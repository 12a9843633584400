//! FDI tooth numbers as the document's grid shows them ("Seleccione uno o mas dientes"): a
//! quadrant digit (1–4 permanent, 5–8 deciduous) and a position from the midline (1–8, 1–5).

/// What a tooth is, for the faces it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Incisor,
    Canine,
    Premolar,
    Molar,
}

impl Kind {
    /// Incisors and canines: the teeth with an incisal edge instead of an occlusal surface.
    pub fn anterior(self) -> bool {
        matches!(self, Kind::Incisor | Kind::Canine)
    }
}

/// Upper (maxilla) or lower (mandible).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arch {
    Upper,
    Lower,
}

/// One quadrant of the FDI notation.
struct Quadrant {
    digit: u8,
    arch: Arch,
    deciduous: bool,
}

const QUADRANTS: [Quadrant; 8] = [
    Quadrant {
        digit: 1,
        arch: Arch::Upper,
        deciduous: false,
    },
    Quadrant {
        digit: 2,
        arch: Arch::Upper,
        deciduous: false,
    },
    Quadrant {
        digit: 3,
        arch: Arch::Lower,
        deciduous: false,
    },
    Quadrant {
        digit: 4,
        arch: Arch::Lower,
        deciduous: false,
    },
    Quadrant {
        digit: 5,
        arch: Arch::Upper,
        deciduous: true,
    },
    Quadrant {
        digit: 6,
        arch: Arch::Upper,
        deciduous: true,
    },
    Quadrant {
        digit: 7,
        arch: Arch::Lower,
        deciduous: true,
    },
    Quadrant {
        digit: 8,
        arch: Arch::Lower,
        deciduous: true,
    },
];

/// The teeth of a permanent quadrant, from the midline: central and lateral incisor, canine, two
/// premolars, three molars.
const PERMANENT: [Kind; 8] = [
    Kind::Incisor,
    Kind::Incisor,
    Kind::Canine,
    Kind::Premolar,
    Kind::Premolar,
    Kind::Molar,
    Kind::Molar,
    Kind::Molar,
];

/// The teeth of a deciduous quadrant: two incisors, a canine, two molars (no premolars).
const DECIDUOUS: [Kind; 5] = [Kind::Incisor, Kind::Incisor, Kind::Canine, Kind::Molar, Kind::Molar];

/// The document's grid, row by row as printed: upper permanent, lower permanent, upper
/// deciduous, lower deciduous; each row is the patient's right side then the left.
pub const GRID: [[&[u8]; 2]; 4] = [
    [&[18, 17, 16, 15, 14, 13, 12, 11], &[21, 22, 23, 24, 25, 26, 27, 28]],
    [&[48, 47, 46, 45, 44, 43, 42, 41], &[31, 32, 33, 34, 35, 36, 37, 38]],
    [&[55, 54, 53, 52, 51], &[61, 62, 63, 64, 65]],
    [&[85, 84, 83, 82, 81], &[71, 72, 73, 74, 75]],
];

/// A valid FDI tooth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tooth {
    pub number: u8,
    pub kind: Kind,
    pub arch: Arch,
    pub deciduous: bool,
}

/// The tooth an FDI number names, `None` when no tooth has that number (19, 56, 90, 0).
pub fn tooth(number: u8) -> Option<Tooth> {
    let quadrant = QUADRANTS.iter().find(|q| q.digit == number / 10)?;
    let kinds: &[Kind] = if quadrant.deciduous { &DECIDUOUS } else { &PERMANENT };
    let kind = *kinds.get(usize::from(number % 10).checked_sub(1)?)?;
    Some(Tooth {
        number,
        kind,
        arch: quadrant.arch,
        deciduous: quadrant.deciduous,
    })
}

/// A tooth number as typed ("17", " 55 "), `None` when it is not a valid FDI number.
pub fn parse(text: &str) -> Option<Tooth> {
    text.trim().parse::<u8>().ok().and_then(tooth)
}

/// Age from which any deciduous tooth is implausible: by the eruption charts of the American
/// Dental Association (Mouth Healthy, "Eruption Charts"), the last primary teeth (canines and
/// second molars) are shed by 12 years of age. `docs/interpretations.md` explains the choice.
pub(crate) const DECIDUOUS_SHED_BY: u8 = 12;

/// Whether a member of `age` years is past the age at which deciduous teeth have all been shed.
pub(crate) fn deciduous_implausible(age: u8) -> bool {
    age > DECIDUOUS_SHED_BY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_holds_exactly_the_valid_fdi_numbers() {
        let grid: Vec<u8> = GRID.iter().flatten().flat_map(|s| s.iter().copied()).collect();
        assert_eq!(grid.len(), 32 + 20);
        let valid: Vec<u8> = (0..=u8::MAX).filter(|&n| tooth(n).is_some()).collect();
        let mut sorted = grid.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, valid);
    }

    #[test]
    fn invalid_numbers() {
        for n in [0, 9, 10, 19, 20, 29, 39, 49, 50, 56, 60, 66, 76, 86, 90, 99, 255] {
            assert_eq!(tooth(n), None, "{n}");
        }
        for text in ["", "x", "1 7", "-17", "170", "56"] {
            assert_eq!(parse(text), None, "{text}");
        }
        assert_eq!(parse(" 17 ").map(|t| t.number), Some(17));
    }

    #[test]
    fn kinds_arches_and_dentitions() {
        let t = |n| tooth(n).unwrap();
        assert_eq!(
            (t(11).kind, t(11).arch, t(11).deciduous),
            (Kind::Incisor, Arch::Upper, false)
        );
        assert_eq!(t(13).kind, Kind::Canine);
        assert_eq!(t(24).kind, Kind::Premolar);
        assert_eq!((t(38).kind, t(38).arch), (Kind::Molar, Arch::Lower));
        assert_eq!(
            (t(55).kind, t(55).arch, t(55).deciduous),
            (Kind::Molar, Arch::Upper, true)
        );
        assert_eq!(t(54).kind, Kind::Molar, "deciduous teeth have no premolars");
        assert_eq!((t(83).kind, t(83).arch), (Kind::Canine, Arch::Lower));
        assert!(t(73).kind.anterior() && !t(75).kind.anterior());
    }

    #[test]
    fn deciduous_age_threshold() {
        assert!(!deciduous_implausible(6));
        assert!(!deciduous_implausible(12));
        assert!(deciduous_implausible(13));
        assert!(deciduous_implausible(58));
    }
}
