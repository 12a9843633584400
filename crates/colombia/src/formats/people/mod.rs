//! People consulted in a supervivencia query, and the bookkeeping that matches them with the
//! answers (Res. 1537/2015, 1.2.1.2 and 1.2.2).

mod download;
mod index;
mod rows;

use planos_core::report::FileReport;
use std::collections::HashMap;
use std::fmt;

pub use download::*;
pub use index::*;
pub use rows::*;

/// A document: its type (2 letters) and number (at most 17 characters), packed so a million of
/// them fit in a few tens of megabytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Person {
    bytes: [u8; 19],
    len: u8,
}

impl Person {
    /// `None` when the type is not 2 bytes or the number is empty or longer than 17.
    pub fn new(doc_type: &[u8], number: &[u8]) -> Option<Self> {
        if doc_type.len() != 2 || number.is_empty() || number.len() > 17 {
            return None;
        }
        let mut bytes = [0u8; 19];
        bytes[..2].copy_from_slice(doc_type);
        bytes[2..2 + number.len()].copy_from_slice(number);
        Some(Person {
            bytes,
            len: (2 + number.len()) as u8,
        })
    }

    fn doc_type(&self) -> [u8; 2] {
        [self.bytes[0], self.bytes[1]]
    }

    fn number(&self) -> &[u8] {
        &self.bytes[2..self.len as usize]
    }
}

impl fmt::Display for Person {
    /// "CC 12345678", as messages name a person.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = String::from_utf8_lossy(&self.bytes[..2]);
        let n = planos_core::text::display(&self.bytes[2..self.len as usize]);
        write!(f, "{t} {n}")
    }
}

impl fmt::Debug for Person {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// What a checked query tells about the answer that must come back.
#[derive(Debug, Default)]
pub struct Consulted {
    /// The query file's path, for messages.
    pub path: String,
    /// Entity code from the query's name.
    pub entity: Option<String>,
    /// The query's date (`AAAAMMDD`, from its name): the answer members carry it.
    pub date: Option<String>,
    /// Field 4 of the query's control record.
    pub total: Option<u64>,
    /// The people consulted, each with the line that first names them.
    pub people: Index,
}
/// What an answer archive says, for people: how many were consulted and what became of them.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Default)]
pub struct AnswerSummary {
    /// Field 4 of the answer's control record: people in the query.
    pub consulted: Option<u64>,
    /// Found in the civil death register (RNEC type 2): deceased.
    pub deceased_rcd: u64,
    /// Found in the national identification archive (RNEC type 3).
    pub found_ani: u64,
    /// Of those, with a state that means death ("CANCELADA POR MUERTE", …).
    pub deceased_ani: u64,
    /// In the not-found answer.
    pub not_found: u64,
    /// Count per state in the identification archive.
    pub ani_states: std::collections::BTreeMap<String, u64>,
    /// Who signed the `.INFO` (or the archive), when a signature was verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
}

impl AnswerSummary {
    /// Its key in the file's report (`FileReport::summaries`, the JSON's `summary`).
    pub const KEY: &'static str = "summary";

    /// The answer summary of a file's report, if it has one.
    pub fn of(report: &FileReport) -> Option<AnswerSummary> {
        report.summaries.get(Self::KEY)
    }
}

/// What the answer says of one person.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// In the civil death register (RNEC type 2).
    DeceasedRcd,
    /// In the identification archive with a state that means death.
    DeceasedAni,
    /// In the identification archive with any other state.
    Alive,
    /// In the not-found answer.
    NotFound,
}

impl Outcome {
    /// How the page and the CSV name it.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::DeceasedRcd => "FALLECIDA (REGISTRO CIVIL DE DEFUNCION)",
            Outcome::DeceasedAni => "FALLECIDA (ARCHIVO NACIONAL DE IDENTIFICACION)",
            Outcome::Alive => "VIGENTE U OTRO ESTADO",
            Outcome::NotFound => "NO ENCONTRADA",
        }
    }

    pub fn deceased(self) -> bool {
        matches!(self, Outcome::DeceasedRcd | Outcome::DeceasedAni)
    }
}

/// One answered person, for the table and the CSV.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub struct PersonRow {
    pub doc_type: String,
    pub number: String,
    pub outcome: Outcome,
    /// The identification archive's state, or "NO ENCONTRADO".
    pub state: String,
    /// Surnames and names as the Registraduría gives them (when it gives them).
    pub name: String,
    pub death_date: String,
    /// Where the answer is: member and line.
    pub member: String,
    pub line: u64,
}

/// Which rows a table shows.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RowFilter {
    #[default]
    All,
    Deceased,
    Alive,
    NotFound,
}

impl RowFilter {
    pub fn keeps(self, row: &PersonRow, search: &str) -> bool {
        let kind = match self {
            RowFilter::All => true,
            RowFilter::Deceased => row.outcome.deceased(),
            RowFilter::Alive => row.outcome == Outcome::Alive,
            RowFilter::NotFound => row.outcome == Outcome::NotFound,
        };
        kind && (search.is_empty() || row.number.contains(search))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(t: &str, n: &str) -> Person {
        Person::new(t.as_bytes(), n.as_bytes()).unwrap()
    }

    fn sample() -> Vec<PersonRow> {
        let row = |t: &str, n: &str, outcome, state: &str, name: &str, death: &str, member: &str, line| PersonRow {
            doc_type: t.into(),
            number: n.into(),
            outcome,
            state: state.into(),
            name: name.into(),
            death_date: death.into(),
            member: member.into(),
            line,
        };
        vec![
            row("CC", "0012", Outcome::Alive, "VIGENTE", "PÉREZ ÑOÑO", "", "SMC1RNEC", 2),
            row(
                "PA",
                "AB12\"3",
                Outcome::DeceasedRcd,
                "",
                "A \"B\"",
                "20150101",
                "SMC1RNEC",
                3,
            ),
            row(
                "CE",
                "12345678901234567",
                Outcome::DeceasedAni,
                "CANCELADA POR MUERTE",
                "",
                "20140101",
                "SMC1RNEC",
                4,
            ),
            row("C", "1", Outcome::NotFound, "NO ENCONTRADO", "", "", "SMC1MSPSNO", 5),
            row(
                "TI",
                "",
                Outcome::NotFound,
                "NO ENCONTRADO",
                "",
                "",
                "SMC1MSPSNO",
                u64::from(u32::MAX) + 7,
            ),
            row("\u{FFFD}", "9", Outcome::Alive, "VIGENTE", "X", "", "SMC1RNEC", 9),
        ]
    }

    fn columns(rows: &[PersonRow]) -> People {
        let mut people = People::default();
        for r in rows {
            people.push(NewRow {
                doc_type: r.doc_type.as_bytes(),
                number: r.number.as_bytes(),
                outcome: r.outcome,
                state: &r.state,
                name: &r.name,
                death_date: &r.death_date,
                member: &r.member,
                line: r.line,
            });
        }
        people
    }

    #[test]
    fn the_columns_give_back_every_row_as_it_was() {
        let rows = sample();
        let people = columns(&rows);
        assert_eq!(people.len(), rows.len());
        assert_eq!(people.rows().collect::<Vec<_>>(), rows);
        assert_eq!(people.row(rows.len()), None);
        for filter in [
            RowFilter::All,
            RowFilter::Deceased,
            RowFilter::Alive,
            RowFilter::NotFound,
        ] {
            for search in ["", "12", "AB", "0012", "9"] {
                let want: Vec<usize> = (0..rows.len()).filter(|&i| filter.keeps(&rows[i], search)).collect();
                assert_eq!(
                    people.filtered(filter, search).collect::<Vec<_>>(),
                    want,
                    "{filter:?} {search}"
                );
            }
        }
    }

    #[test]
    fn many_rows_cross_the_text_chunks() {
        let mut people = People::default();
        let n = 3 << CHUNK_BITS;
        for i in 0..n {
            let number = format!("{:08}", i);
            let name = "N".repeat(i % 7);
            people.push(NewRow {
                doc_type: b"CC",
                number: number.as_bytes(),
                outcome: Outcome::Alive,
                state: if i % 2 == 0 { "VIGENTE" } else { "OTRO" },
                name: &name,
                death_date: "",
                member: "M",
                line: i as u64 + 2,
            });
        }
        for i in [0, 1, (1 << CHUNK_BITS) - 1, 1 << CHUNK_BITS, n - 1] {
            let r = people.row(i).unwrap();
            assert_eq!(r.number, format!("{:08}", i));
            assert_eq!(r.name, "N".repeat(i % 7));
            assert_eq!(r.line, i as u64 + 2);
        }
        assert!(people.heap_bytes() < n * 40, "{} bytes", people.heap_bytes());
    }

    #[test]
    fn the_csv_is_written_row_by_row() {
        let csv = String::from_utf8(rows_csv(sample(), Vec::new()).unwrap()).unwrap();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), sample().len() + 2);
        assert!(lines[0].starts_with("\u{FEFF}tipo_documento;"));
        assert_eq!(
            lines[2],
            "\"PA\";\"AB12\"\"3\";\"FALLECIDA (REGISTRO CIVIL DE DEFUNCION)\";\"\";\"A \"\"B\"\"\";\"20150101\";\"SMC1RNEC\";3"
        );
    }

    #[test]
    fn people_past_a_sheet_go_on_further_sheets_with_the_header() {
        use calamine::{Data, Reader, Xlsx};
        let rows = sample();
        let (book, sheets) = rows_xlsx_in(rows.clone(), rows.len(), 4, std::io::Cursor::new(Vec::new())).unwrap();
        assert_eq!(sheets, 2);
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(book.into_inner())).unwrap();
        assert_eq!(book.sheet_names(), ["Personas", "Personas 2"]);
        let first = book.worksheet_range("Personas").unwrap();
        let second = book.worksheet_range("Personas 2").unwrap();
        assert_eq!(first.height(), 5);
        assert_eq!(second.height(), 3);
        for sheet in [&first, &second] {
            assert_eq!(sheet.get((0, 0)), Some(&Data::String("Tipo de documento".into())));
        }
        assert_eq!(second.get((2, 0)), Some(&Data::String("\u{FFFD}".into())));
        assert_eq!(xlsx_sheets(0), 1);
        assert_eq!(xlsx_sheets(ROWS_PER_SHEET), 1);
        assert_eq!(xlsx_sheets(ROWS_PER_SHEET + 1), 2);
        assert_eq!(xlsx_sheets(10_000_000), 10);
    }

    /// The bytes a person costs, as `cargo test -p planos-co --release --lib bytes_a_person --
    /// --ignored --nocapture` prints them (`PLANOS_PEOPLE` people, 1,000,000 unless told; the
    /// benchmark generator's mix of documents, a name of 25 characters a person, not counted).
    #[test]
    #[ignore]
    fn bytes_a_person() {
        let n: usize = std::env::var("PLANOS_PEOPLE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1_000_000);
        let doc = |i: usize| match i % 6 {
            0 => ("CC", format!("{}", 10_000_000 + i % 89_999_999)),
            1 => ("TI", format!("{}", 1_000_000_000 + i)),
            2 => ("RC", format!("{}", 10_000_000 + i % 89_999_999)),
            3 if i < 899_999 * 6 => ("CE", format!("{}", 100_000 + i % 899_999)),
            3 => ("CD", format!("{}", 2_000_000_000 + i)),
            4 => ("PA", format!("AB{}", 1_000_000 + i)),
            _ => ("CC", format!("{}", 1_000_000_000 + i)),
        };
        // As a check makes them: the index's room from the query's total, a row a person.
        let mut ix = Index::default();
        ix.reserve(n);
        let mut people = People::with_capacity(n);
        for i in 0..n {
            let (t, number) = doc(i);
            ix.insert(person(t, &number), i as u64 + 2);
        }
        for i in 0..n {
            let (t, number) = doc(i);
            ix.answer(&person(t, &number));
            let (outcome, state, death) = match i % 20 {
                0 => (Outcome::DeceasedRcd, "", "20150101"),
                1..=12 => (Outcome::Alive, "VIGENTE", ""),
                _ => (Outcome::NotFound, "NO ENCONTRADO", ""),
            };
            people.push(NewRow {
                doc_type: t.as_bytes(),
                number: number.as_bytes(),
                outcome,
                state,
                name: "PEREZ GOMEZ JUAN CARLOS X",
                death_date: death,
                member: "SMC000001201506010RNEC",
                line: i as u64 + 2,
            });
        }
        assert!(ix.unanswered().is_empty());
        let (index, rows, names) = (ix.heap_bytes(), people.heap_bytes(), people.name_bytes());
        println!(
            "{n} people: index {:.1} bytes a person, rows {:.1} (names aside; {:.1} with them), together {:.1}",
            index as f64 / n as f64,
            (rows - names) as f64 / n as f64,
            rows as f64 / n as f64,
            (index + rows - names) as f64 / n as f64
        );
    }
}
