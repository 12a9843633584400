//! Builds a supervivencia query (Res. 1537/2015, numerales 1.1.1 and 1.2.1) from a list of
//! people as users copy it from a spreadsheet: the exact 44-character name, the control record
//! with the right total and name, one detail record per person, CRLF, Windows-1252 (plain ASCII).
//! Each row is checked with the annex's own document rules ([`document_rule`]); a row that
//! cannot be fixed is listed with its row number, and left out only when the user says so.

use super::table::{fold, Table};
use crate::formats::smcs_consulta::{document_rule, DOC_TYPES, SOURCE};
use crate::rules::cite;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the repeated-document index hashes a million short strings; the default hasher is
/// built to resist attacks that a user's own list cannot mount, and costs several times more.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// What the user fills in: the entity and the dates.
#[derive(Debug, Clone)]
pub struct Header {
    /// NIT of the entity, digits only, without the check digit (at most 12).
    pub nit: String,
    /// Entity code given by the Ministry (6 characters, e.g. `014-18`).
    pub entity: String,
    /// Date of the query, which names the file.
    pub date: NaiveDate,
    /// Period of the information.
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// One person of the list, as the user gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based row of the list.
    pub row: usize,
    pub doc_type: String,
    pub number: String,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub row: usize,
    pub text: String,
    pub reason: String,
}

/// A document given more than once: the row where it repeats and the row it repeats.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeated {
    pub row: usize,
    pub first: usize,
    pub document: String,
}

/// What to do with rows that are not right.
#[derive(Debug, Clone, Copy, Default)]
pub struct Choices {
    /// Leave out the rows that cannot be fixed (otherwise no file is built).
    pub drop_refused: bool,
    /// Leave out repeated documents (otherwise they stay, reported).
    pub drop_repeated: bool,
}

/// The result: the file when it could be built, and everything said about the rows.
#[derive(Debug, Clone, Default)]
pub struct Built {
    /// The file's name and bytes; `None` while there are refused rows the user did not drop,
    /// or the header is wrong.
    pub file: Option<(String, Vec<u8>)>,
    /// Problems with what the user filled in, one sentence each.
    pub header: Vec<String>,
    pub people: usize,
    pub refused: Vec<Refused>,
    pub repeated: Vec<Repeated>,
}

/// Reads a pasted list: one person a line, type and number separated by a tab, comma,
/// semicolon or spaces (as Excel copies). Empty lines are skipped, and so is a first line that
/// is a header (its first cell is not a document type but a word such as "tipo").
pub fn parse_list(text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let separator = |c: char| matches!(c, '\t' | ',' | ';' | ' ');
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_matches(|c: char| separator(c) || c.is_whitespace());
        if line.is_empty() {
            continue;
        }
        let (first, rest) = line.split_once(separator).unwrap_or((line, ""));
        if i == 0 && is_header(first) {
            continue;
        }
        // The number is the rest; cells after it (a name, say) are kept to be refused with it.
        let rest = rest.trim_start_matches(separator);
        rows.push(Row {
            row: i + 1,
            doc_type: first.to_string(),
            number: rest.to_string(),
        });
    }
    rows
}

/// The people of a list file: the document type in column `type_col` and the number in
/// `number_col` (0-based, as the user chose them); other columns are ignored. Empty rows are
/// skipped, and so is a first row of titles.
pub fn rows_from_table(table: &Table, type_col: usize, number_col: usize) -> Vec<Row> {
    let mut rows = Vec::with_capacity(table.rows.len());
    for i in 0..table.rows.len() {
        let (doc_type, number) = (table.cell(i, type_col), table.cell(i, number_col));
        // Titles: no document type, and no digit where the number goes.
        let titles =
            || !DOC_TYPES.contains(&normal_type(doc_type).as_str()) && !number.chars().any(|c| c.is_ascii_digit());
        if (doc_type.is_empty() && number.is_empty()) || (rows.is_empty() && titles()) {
            continue;
        }
        rows.push(Row {
            row: i + 1,
            doc_type: doc_type.to_string(),
            number: number.to_string(),
        });
    }
    rows
}

/// Which columns hold the document type and the number: by their titles ("Tipo…", "Número…",
/// "Documento…", "Identificación…", "Cédula…"), else the first column whose first cells are
/// document types and the one after it.
pub fn guess_columns(table: &Table) -> (usize, usize) {
    let titles: Vec<String> = (0..table.width()).map(|c| fold(table.cell(0, c))).collect();
    let titled = |words: &[&str], not: usize| {
        (0..titles.len()).find(|&c| c != not && words.iter().any(|w| titles[c].contains(w)))
    };
    let by_content = || {
        (0..table.width()).find(|&c| {
            let types =
                (0..table.rows.len().min(20)).filter(|&r| DOC_TYPES.contains(&normal_type(table.cell(r, c)).as_str()));
            types.count() > 0
        })
    };
    let type_col = titled(&["tipo"], usize::MAX).or_else(by_content).unwrap_or(0);
    let number_col =
        titled(&["numero", "nro", "documento", "identificacion", "cedula"], type_col).unwrap_or(type_col + 1);
    (type_col, number_col)
}

fn is_header(first: &str) -> bool {
    let t = normal_type(first);
    !DOC_TYPES.contains(&t.as_str()) && first.chars().count() > 3 && first.chars().all(char::is_alphabetic)
}

/// "c.c." → "CC": upper case, without dots and spaces.
fn normal_type(t: &str) -> String {
    t.chars()
        .filter(|c| !matches!(c, '.' | ' '))
        .flat_map(char::to_uppercase)
        .collect()
}

/// A row as the detail record carries it (`CC,12345678`), or why it cannot be.
fn normal_row(row: &Row) -> Result<String, String> {
    let doc_type = normal_type(&row.doc_type);
    let Some(rule) = document_rule(doc_type.as_bytes()) else {
        return Err(format!(
            "el tipo de documento «{}» no es uno de {} {}",
            row.doc_type,
            DOC_TYPES.join(", "),
            cite(SOURCE, "1.2.1.2")
        ));
    };
    // Thousands separators and spaces, as spreadsheets show numbers, are not part of it.
    let mut record = String::with_capacity(doc_type.len() + 1 + row.number.len());
    record.push_str(&doc_type);
    record.push(',');
    record.extend(
        row.number
            .chars()
            .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
            .flat_map(char::to_uppercase),
    );
    let number = &record[doc_type.len() + 1..];
    if number.is_empty() {
        return Err("falta el número de documento".to_string());
    }
    let allowed = |c: char| c.is_ascii_digit() || (rule.letters && c.is_ascii_uppercase());
    if !number.chars().all(allowed) {
        let what = if rule.letters {
            "letras sin tilde y dígitos"
        } else {
            "dígitos"
        };
        return Err(format!(
            "el número «{}» de {doc_type} solo puede tener {what} {}",
            row.number,
            cite(SOURCE, "1.2.1.2")
        ));
    }
    if number.len() > 17 || !(rule.valid_len)(number.len()) {
        return Err(format!(
            "el número «{number}» tiene {} caracteres; para {doc_type} la longitud válida es {} {}",
            number.len(),
            rule.lengths,
            cite(SOURCE, "1.2.1.2")
        ));
    }
    Ok(record)
}

/// The header as the annex wants it: NIT of 1 to 12 digits, entity code of 6 characters,
/// period in order; each problem a sentence.
fn check_header(h: &Header) -> (String, String, Vec<String>) {
    let mut problems = Vec::new();
    let nit: String = h.nit.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    if nit.contains('-') {
        problems.push("El NIT va sin dígito de verificación: quite el guion y lo que le sigue.".to_string());
    } else if nit.is_empty() || nit.len() > 12 || !nit.chars().all(|c| c.is_ascii_digit()) {
        problems.push(format!(
            "El NIT «{}» debe tener de 1 a 12 dígitos {}.",
            h.nit,
            cite(SOURCE, "1.1.1")
        ));
    }
    let entity = h.entity.trim().to_uppercase();
    if entity.chars().count() != 6 || !entity.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        problems.push(format!(
            "El código de la entidad «{}» debe tener 6 caracteres, letras, dígitos o guion (por ejemplo 014-18) {}.",
            h.entity,
            cite(SOURCE, "1.1.1")
        ));
    }
    if h.start > h.end {
        problems.push(format!(
            "La fecha inicial del período ({}) es posterior a la final ({}).",
            h.start, h.end
        ));
    }
    (nit, entity, problems)
}

/// Builds the query from `rows`.
pub fn build(header: &Header, rows: &[Row], choices: Choices) -> Built {
    let (nit, entity, problems) = check_header(header);
    let mut built = Built {
        header: problems,
        ..Built::default()
    };
    let mut seen: HashMap<String, usize, BuildHasherDefault<Fnv>> = HashMap::default();
    seen.reserve(rows.len());
    let mut people: Vec<String> = Vec::with_capacity(rows.len());
    for row in rows {
        match normal_row(row) {
            Err(reason) => built.refused.push(Refused {
                row: row.row,
                text: format!("{} {}", row.doc_type, row.number).trim().to_string(),
                reason,
            }),
            Ok(person) => {
                if let Some(&first) = seen.get(&person) {
                    built.repeated.push(Repeated {
                        row: row.row,
                        first,
                        document: person.replacen(',', " ", 1),
                    });
                    if choices.drop_repeated {
                        continue;
                    }
                } else {
                    seen.insert(person.clone(), row.row);
                }
                people.push(person);
            }
        }
    }
    built.people = people.len();
    if !built.header.is_empty() || (!built.refused.is_empty() && !choices.drop_refused) || people.is_empty() {
        return built;
    }
    let name = format!("RUA250SMCS{}NI{nit:0>12}CO{entity}.TXT", header.date.format("%Y%m%d"));
    let mut text = format!("1,{entity},{},{},{},{name}\r\n", header.start, header.end, people.len());
    text.reserve(people.len() * 16);
    for person in &people {
        text.push_str("2,");
        text.push_str(person);
        text.push_str("\r\n");
    }
    built.file = Some((name, text.into_bytes()));
    built
}
