//! The eight faces of the document's "Seleccione una o mas caras", in its order, with the letter
//! its tickets print ("Diente:17 Cara:OM", "Diente:13 Cara:OVG"), and on which teeth each exists.

use super::teeth::{Arch, Tooth};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    Oclusal,
    Vestibular,
    Gingival,
    Mesial,
    Distal,
    Palatino,
    Incisal,
    Lingual,
}

/// Where a face exists.
#[derive(Clone, Copy)]
enum Fits {
    Every,
    /// Incisors and canines (an incisal edge).
    Anterior,
    /// Premolars and molars (an occlusal surface).
    Posterior,
    Upper,
    Lower,
}

/// One face: its name as the document prints it, its letter on the tickets, where it exists.
struct Row {
    face: Face,
    name: &'static str,
    letter: char,
    fits: Fits,
}

/// The document's order, which is also the order of the letters on its tickets (OVG, OM, OD).
const FACES: [Row; 8] = [
    Row {
        face: Face::Oclusal,
        name: "Oclusal",
        letter: 'O',
        fits: Fits::Posterior,
    },
    Row {
        face: Face::Vestibular,
        name: "Vestibular",
        letter: 'V',
        fits: Fits::Every,
    },
    Row {
        face: Face::Gingival,
        name: "Gingival",
        letter: 'G',
        fits: Fits::Every,
    },
    Row {
        face: Face::Mesial,
        name: "Mesial",
        letter: 'M',
        fits: Fits::Every,
    },
    Row {
        face: Face::Distal,
        name: "Distal",
        letter: 'D',
        fits: Fits::Every,
    },
    Row {
        face: Face::Palatino,
        name: "Palatino",
        letter: 'P',
        fits: Fits::Upper,
    },
    Row {
        face: Face::Incisal,
        name: "Incisal",
        letter: 'I',
        fits: Fits::Anterior,
    },
    Row {
        face: Face::Lingual,
        name: "Lingual",
        letter: 'L',
        fits: Fits::Lower,
    },
];

/// Every face, in the document's order.
pub const ALL: [Face; 8] = [
    Face::Oclusal,
    Face::Vestibular,
    Face::Gingival,
    Face::Mesial,
    Face::Distal,
    Face::Palatino,
    Face::Incisal,
    Face::Lingual,
];

impl Face {
    fn row(self) -> &'static Row {
        // FACES lists every face once, in the enum's order.
        &FACES[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.row().name
    }

    pub fn letter(self) -> char {
        self.row().letter
    }

    pub(crate) fn from_letter(letter: char) -> Option<Face> {
        let up = letter.to_ascii_uppercase();
        FACES.iter().find(|r| r.letter == up).map(|r| r.face)
    }

    /// Why this face does not exist on `tooth`, `None` when it does.
    pub(crate) fn misfit(self, tooth: &Tooth) -> Option<&'static str> {
        match self.row().fits {
            Fits::Every => None,
            Fits::Anterior if !tooth.kind.anterior() => Some("la cara incisal es de incisivos y caninos"),
            Fits::Posterior if tooth.kind.anterior() => Some("la cara oclusal es de premolares y molares"),
            Fits::Upper if tooth.arch != Arch::Upper => Some("la cara palatina es de los dientes superiores"),
            Fits::Lower if tooth.arch != Arch::Lower => Some("la cara lingual es de los dientes inferiores"),
            _ => None,
        }
    }
}

/// Faces as the tickets write them: their letters in the document's order, each once ("OM").
pub fn letters(faces: &[Face]) -> String {
    let mut sorted = faces.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    sorted.into_iter().map(Face::letter).collect()
}

/// Faces from letters as the tickets write them ("OVG", "om"), `Err` with the first unknown
/// letter. Spaces and commas between letters are ignored.
pub fn parse_letters(text: &str) -> Result<Vec<Face>, char> {
    let mut faces = Vec::new();
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != ',') {
        let face = Face::from_letter(c).ok_or(c)?;
        if !faces.contains(&face) {
            faces.push(face);
        }
    }
    faces.sort_unstable();
    Ok(faces)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dental::teeth::tooth;

    #[test]
    fn table_order_matches_the_enum() {
        for (i, face) in ALL.iter().enumerate() {
            assert_eq!(FACES[i].face, *face);
        }
        let names: Vec<&str> = ALL.iter().map(|f| f.name()).collect();
        assert_eq!(
            names,
            [
                "Oclusal",
                "Vestibular",
                "Gingival",
                "Mesial",
                "Distal",
                "Palatino",
                "Incisal",
                "Lingual"
            ]
        );
    }

    #[test]
    fn letters_as_the_tickets_print_them() {
        assert_eq!(letters(&[Face::Mesial, Face::Oclusal]), "OM");
        assert_eq!(letters(&[Face::Gingival, Face::Vestibular, Face::Oclusal]), "OVG");
        assert_eq!(letters(&[Face::Distal, Face::Oclusal, Face::Distal]), "OD");
        assert_eq!(
            parse_letters("ovg"),
            Ok(vec![Face::Oclusal, Face::Vestibular, Face::Gingival])
        );
        assert_eq!(parse_letters("M, O"), Ok(vec![Face::Oclusal, Face::Mesial]));
        assert_eq!(parse_letters("OX"), Err('X'));
        assert_eq!(parse_letters(""), Ok(vec![]));
    }

    fn misfit(face: Face, n: u8) -> Option<&'static str> {
        face.misfit(&tooth(n).unwrap())
    }

    /// Each restricted face: the teeth that have it, the teeth that do not, and why.
    const RESTRICTED: [(Face, &[u8], &[u8], &str); 4] = [
        (
            Face::Incisal,
            &[11, 12, 13, 21, 33, 43, 51, 63, 73, 82],
            &[14, 16, 28, 35, 47, 54, 65, 74, 85],
            "la cara incisal es de incisivos y caninos",
        ),
        (
            Face::Oclusal,
            &[14, 15, 16, 18, 25, 36, 44, 54, 55, 64, 75, 84],
            &[11, 13, 22, 31, 43, 51, 53, 72, 83],
            "la cara oclusal es de premolares y molares",
        ),
        (
            Face::Palatino,
            &[11, 18, 28, 55, 65],
            &[31, 38, 48, 75, 85],
            "la cara palatina es de los dientes superiores",
        ),
        (
            Face::Lingual,
            &[31, 38, 48, 75, 85],
            &[11, 18, 28, 55, 65],
            "la cara lingual es de los dientes inferiores",
        ),
    ];

    #[test]
    fn incisal_only_anterior_oclusal_only_posterior_palatino_only_upper_lingual_only_lower() {
        for (face, have, lack, why) in RESTRICTED {
            for &n in have {
                assert_eq!(misfit(face, n), None, "{face:?} {n}");
            }
            for &n in lack {
                assert_eq!(misfit(face, n), Some(why), "{face:?} {n}");
            }
        }
    }

    #[test]
    fn vestibular_gingival_mesial_distal_on_every_tooth() {
        for n in (0..=u8::MAX).filter(|&n| tooth(n).is_some()) {
            for face in [Face::Vestibular, Face::Gingival, Face::Mesial, Face::Distal] {
                assert_eq!(misfit(face, n), None, "{face:?} {n}");
            }
        }
    }
}
