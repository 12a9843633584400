//! People consulted in a supervivencia query, and the bookkeeping that matches them with the
//! answers (Res. 1537/2015, 1.2.1.2 and 1.2.2).

use planos_core::report::FileReport;
use std::collections::HashMap;
use std::fmt;

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

/// One consulted person: where the query names them and how often they were answered.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub line: u64,
    pub answered: u32,
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
    pub people: HashMap<Person, Entry>,
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

/// The rows as CSV for spreadsheets (`;`-separated, UTF-8 with BOM, every text quoted).
pub fn rows_csv(rows: &[PersonRow]) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from(
        "\u{FEFF}tipo_documento;numero_documento;resultado;estado;nombre;fecha_defuncion;archivo;linea\r\n",
    );
    for r in rows {
        let cells = [
            q(&r.doc_type),
            q(&r.number),
            q(r.outcome.label()),
            q(&r.state),
            q(&r.name),
            q(&r.death_date),
            q(&r.member),
            r.line.to_string(),
        ];
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// The rows as an Excel workbook written into `out`: one sheet, a bold header kept in view.
pub fn rows_xlsx<W: std::io::Write>(rows: &[PersonRow], out: W) -> Result<W, String> {
    use planos_core::xlsx::{Cell, MAX_ROWS};
    if rows.len() >= MAX_ROWS {
        return Err(format!(
            "{} personas no caben en una hoja de Excel (caben {}); descargue el CSV",
            rows.len(),
            MAX_ROWS - 1
        ));
    }
    let columns = [
        ("Tipo de documento", 10.0),
        ("Número de documento", 20.0),
        ("Resultado", 46.0),
        ("Estado", 24.0),
        ("Nombre", 40.0),
        ("Fecha de defunción", 14.0),
        ("Archivo", 26.0),
        ("Línea", 8.0),
    ];
    let cells = rows.iter().map(|r| {
        [
            Cell::Text(&r.doc_type),
            Cell::Text(&r.number),
            Cell::Text(r.outcome.label()),
            Cell::Text(&r.state),
            Cell::Text(&r.name),
            Cell::Text(&r.death_date),
            Cell::Text(&r.member),
            Cell::Number(r.line),
        ]
    });
    planos_core::xlsx::write(out, "Personas", &columns, cells)
}
