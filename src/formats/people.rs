//! People consulted in a supervivencia query, and the bookkeeping that matches them with the
//! answers (Res. 1537/2015, 1.2.1.2 and 1.2.2).

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
        let n = crate::text::display(&self.bytes[2..self.len as usize]);
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

/// Rows an Excel worksheet holds, besides its header.
pub const XLSX_MAX_ROWS: usize = 1_048_575;

/// The rows as an Excel workbook: one sheet, a bold header, the first row frozen.
pub fn rows_xlsx(rows: &[PersonRow]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    if rows.len() > XLSX_MAX_ROWS {
        return Err(format!(
            "{} personas no caben en una hoja de Excel; descargue el CSV",
            rows.len()
        ));
    }
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let fail = |e: rust_xlsxwriter::XlsxError| e.to_string();
    sheet.set_name("Personas").map_err(fail)?;
    let bold = Format::new().set_bold();
    let header = [
        "Tipo de documento",
        "Número de documento",
        "Resultado",
        "Estado",
        "Nombre",
        "Fecha de defunción",
        "Archivo",
        "Línea",
    ];
    for (col, (title, width)) in header.iter().zip([10, 20, 46, 24, 40, 14, 26, 8]).enumerate() {
        sheet
            .write_string_with_format(0, col as u16, *title, &bold)
            .map_err(fail)?;
        sheet.set_column_width(col as u16, width).map_err(fail)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (col, text) in [
            &r.doc_type,
            &r.number,
            r.outcome.label(),
            &r.state,
            &r.name,
            &r.death_date,
            &r.member,
        ]
        .into_iter()
        .enumerate()
        {
            if !text.is_empty() {
                sheet.write_string(row, col as u16, text).map_err(fail)?;
            }
        }
        sheet.write_number(row, 7, r.line as f64).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}
