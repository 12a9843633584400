//! The budget's CIE-10 diagnosis ("Seleccionar tipo y código de diagnóstico CIE10 (el principal de
//! la atención)"): its type, Presuntivo or Definitivo, and its code. The codes a dentist uses
//! carry their Spanish description (`data/cie10-odontologia.txt`, the dental chapter K00–K14
//! first); any other code of the CIE-10 is accepted by code, checked against
//! [`planos_co::reference::cie10`] (SISPRO's CIE10), and described by its name there.

use planos_co::reference::cie10;

static DENTAL: &str = include_str!("data/cie10-odontologia.txt");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Presuntivo,
    Definitivo,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Presuntivo => "Presuntivo",
            Kind::Definitivo => "Definitivo",
        }
    }
}

/// A CIE-10 code as the web client shows it (`K029`, a category without subcategories in three
/// characters: `C01`), with its description when planos has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    pub code: String,
    pub description: Option<&'static str>,
}

/// The codes with a description, in the table's order (dental chapter first).
pub fn described() -> impl Iterator<Item = (&'static str, &'static str)> {
    DENTAL
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('|'))
}

/// The description planos has for `code` (normalised).
pub fn description(code: &str) -> Option<&'static str> {
    described().find(|(c, _)| *c == code).map(|(_, d)| d)
}

/// A code as typed (`k02.9`, ` K029 `, `C01`, `C01X`) in the web client's form, or why it is not one.
pub fn parse(text: &str) -> Result<Code, String> {
    let code: String = text
        .trim()
        .chars()
        .filter(|c| *c != '.')
        .collect::<String>()
        .to_uppercase();
    let shown = code
        .strip_suffix('X')
        .filter(|c| c.len() == 3)
        .unwrap_or(&code)
        .to_string();
    let four = if shown.len() == 3 {
        format!("{shown}X")
    } else {
        shown.clone()
    };
    if !cie10::well_formed(four.as_bytes()) {
        return Err(format!(
            "«{}» no es un código CIE-10: se escribe con una letra y tres dígitos (como K029), o letra y dos dígitos si la categoría no tiene subcategorías.",
            text.trim().chars().take(20).collect::<String>()
        ));
    }
    let Some(listed) = cie10::get(four.as_bytes()) else {
        return Err(format!("El código {shown} no está en la tabla {}.", cie10::TABLE));
    };
    Ok(Code {
        description: description(&shown).or(Some(cie10::Table::builtin().name(listed))),
        code: shown,
    })
}

/// Lower case without accents, for searching.
fn fold(text: &str) -> String {
    text.chars().map(planos_core::text::fold_char).collect()
}

/// The codes that match `query`, at most `limit`: codes starting with it (`K02`, `k02.`) or
/// descriptions holding all its words (`caries dentina`), in the table's order, dental chapter
/// first; then a code of the CIE-10 that the dental list lacks, with SISPRO's name.
pub fn search(query: &str, limit: usize) -> Vec<Code> {
    let q = fold(query.trim()).replace('.', "");
    if q.is_empty() {
        return Vec::new();
    }
    let code_q = q.to_uppercase();
    let words: Vec<&str> = q.split_whitespace().collect();
    let mut out: Vec<Code> = described()
        .filter(|(c, d)| c.starts_with(&code_q) || words.iter().all(|w| fold(d).contains(w)))
        .take(limit)
        .map(|(c, d)| Code {
            code: c.to_string(),
            description: Some(d),
        })
        .collect();
    if let Ok(code) = parse(query) {
        if out.len() < limit && !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_diagnosis() {
        let code = parse("K029").unwrap();
        assert_eq!(code.code, "K029");
        assert_eq!(code.description, Some("Caries dental, no especificada"));
        assert_eq!(parse(" k02.9 ").unwrap(), code);
    }

    #[test]
    fn the_dental_chapter_is_complete_and_first() {
        let codes: Vec<&str> = described().map(|(c, _)| c).collect();
        let chapter = codes.iter().take_while(|c| c.starts_with('K')).count();
        assert!(chapter > 100, "{chapter}");
        assert!(codes[..chapter].iter().all(|c| ("K00".."K15").contains(c)));
        assert!(codes[chapter..].iter().all(|c| !c.starts_with('K')));
        for code in &codes {
            assert!(parse(code).is_ok(), "{code}");
        }
        assert_eq!(description("S025"), Some("Fractura de los dientes"));
    }

    #[test]
    fn other_codes_by_code_only() {
        // L409 is on the document's ticket ("FAC (L409)"); the dental list lacks it, so it is
        // described by SISPRO's CIE10 name.
        assert_eq!(
            parse("L409").unwrap(),
            Code {
                code: "L409".into(),
                description: Some("PSORIASIS, NO ESPECIFICADA")
            }
        );
        // A category without subcategories, in three characters or with Colombia's X.
        assert_eq!(parse("C01").unwrap().code, "C01");
        assert_eq!(parse("C01X").unwrap().code, "C01");
        assert_eq!(parse("I10").unwrap().code, "I10");
    }

    #[test]
    fn refusals() {
        assert!(
            parse("K02").unwrap_err().contains("no está en la tabla"),
            "K02 has subcategories"
        );
        assert!(parse("K0299")
            .unwrap_err()
            .starts_with("«K0299» no es un código CIE-10"));
        assert!(parse("").is_err());
        assert!(parse("caries").is_err());
        assert!(parse("ÑÑÑÑ").is_err());
    }

    #[test]
    fn search_by_code_or_words() {
        let codes = |q| search(q, 10).into_iter().map(|c| c.code).collect::<Vec<_>>();
        assert_eq!(codes("k02")[..3], ["K020", "K021", "K022"]);
        assert_eq!(codes("caries dentina"), ["K021"]);
        assert_eq!(codes("FRACTURA DE LOS DIENTES"), ["S025"]);
        assert_eq!(codes("luxacion"), ["S032"]);
        assert_eq!(codes("E11.9"), ["E119"]);
        assert!(codes("").is_empty());
        assert!(search("a", 5).len() <= 5);
    }
}
