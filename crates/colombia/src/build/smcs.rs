//! Builds a supervivencia query (Res. 1537/2015, numerales 1.1.1 and 1.2.1) from a list of
//! people as users copy it from a spreadsheet: the exact 44-character name, the control record
//! with the right total and name, one detail record per person, CRLF, Windows-1252 (plain ASCII).
//! Each row is checked with the annex's own document rules ([`document_rule`]); a row that
//! cannot be fixed is listed with its row number, and left out only when the user says so.

use super::table::{fold, Table};
use crate::formats::smcs_consulta::{document_rule, DOC_TYPES, NAME, SOURCE};
use chrono::NaiveDate;
use planos_core::rules::cite;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The repeated-document index hashes a million packed documents ([`key`]): one multiply-and-
/// mix of its two halves, where the default hasher (built to resist attacks that a user's own
/// list cannot mount) costs several times more, and more still in wasm.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u128(&mut self, k: u128) {
        let mixed = (k as u64) ^ ((k >> 64) as u64).rotate_left(29) ^ self.0;
        self.0 = mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (mixed >> 31);
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
/// `number_col` (0-based, as the user chose them) of each row, with its row (1-based); other
/// columns are ignored. Empty rows are skipped, and so is a first row of titles.
pub fn table_rows(table: &Table, type_col: usize, number_col: usize) -> impl Iterator<Item = (usize, &str, &str)> {
    let mut first = true;
    (0..table.len()).filter_map(move |i| {
        let (doc_type, number) = (table.cell(i, type_col), table.cell(i, number_col));
        if doc_type.is_empty() && number.is_empty() {
            return None;
        }
        let titles = first && are_titles(doc_type, number);
        first = false;
        (!titles).then_some((i + 1, doc_type, number))
    })
}

/// Titles: no document type, and no digit where the number goes.
fn are_titles(doc_type: &str, number: &str) -> bool {
    type_index(doc_type).is_none() && !number.bytes().any(|c| c.is_ascii_digit())
}

/// Whether the list's first row (its first that is not empty in those columns) is a row of
/// titles, which [`table_rows`] skips, with the type and the number in `columns`.
pub fn titled(table: &Table, columns: (usize, usize)) -> bool {
    (0..table.len())
        .map(|i| (table.cell(i, columns.0), table.cell(i, columns.1)))
        .find(|(t, n)| !t.is_empty() || !n.is_empty())
        .is_some_and(|(t, n)| are_titles(t, n))
}

/// Which columns hold the document type and the number: by their titles ("Tipo…", "Número…",
/// "Documento…", "Identificación…", "Cédula…"), else the first column whose first cells are
/// document types and the one after it.
pub fn guess_columns(table: &Table) -> (usize, usize) {
    let titles: Vec<String> = (0..table.width()).map(|c| fold(table.cell(0, c))).collect();
    let titled = |words: &[&str], not: usize| {
        (0..titles.len()).find(|&c| c != not && words.iter().any(|w| titles[c].contains(w)))
    };
    let by_content =
        || (0..table.width()).find(|&c| (0..table.len().min(20)).any(|r| type_index(table.cell(r, c)).is_some()));
    let type_col = titled(&["tipo"], usize::MAX).or_else(by_content).unwrap_or(0);
    let number_col =
        titled(&["numero", "nro", "documento", "identificacion", "cedula"], type_col).unwrap_or(type_col + 1);
    (type_col, number_col)
}

fn is_header(first: &str) -> bool {
    type_index(first).is_none() && first.chars().count() > 3 && first.chars().all(char::is_alphabetic)
}

/// "c.c." → the index of "CC" in [`DOC_TYPES`]: upper case, without dots and spaces.
fn type_index(t: &str) -> Option<usize> {
    let mut letters = t.bytes().filter(|c| !matches!(c, b'.' | b' '));
    let typed = [letters.next()?, letters.next()?];
    if letters.next().is_some() {
        return None;
    }
    DOC_TYPES.iter().position(|d| d.as_bytes().eq_ignore_ascii_case(&typed))
}

/// A row's document as the detail record carries it (`CC,12345678`), written into `record`;
/// its key (see [`key`]), or why it cannot be.
fn normal_row(doc_type: &str, number: &str, record: &mut String) -> Result<u128, String> {
    let Some((t, rule)) = type_index(doc_type).and_then(|t| Some((t, document_rule(DOC_TYPES[t].as_bytes())?))) else {
        return Err(format!(
            "el tipo de documento «{doc_type}» no es uno de {} {}",
            DOC_TYPES.join(", "),
            cite(SOURCE, "1.2.1.2")
        ));
    };
    let doc_type = DOC_TYPES[t];
    // Thousands separators and spaces, as spreadsheets show numbers, are not part of it.
    record.clear();
    record.push_str(doc_type);
    record.push(',');
    if number.bytes().all(|b| b.is_ascii_alphanumeric()) {
        record.push_str(number);
        record.make_ascii_uppercase();
    } else {
        record.extend(
            number
                .chars()
                .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
                .flat_map(char::to_uppercase),
        );
    }
    let shown = number;
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
            "el número «{shown}» de {doc_type} solo puede tener {what} {}",
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
    Ok(key(t, number))
}

/// A document as one number, to find repeated ones without keeping a copy of each: the type's
/// index (4 bits) and the number, at most 17 digits or upper-case letters, in base 37 (89 bits).
fn key(type_index: usize, number: &str) -> u128 {
    // Two halves in 64-bit arithmetic (37^9 < 2^47), as 128-bit multiplication is slow in wasm.
    let digit = |c: u8| {
        u64::from(if c.is_ascii_digit() {
            c - b'0' + 1
        } else {
            c - b'A' + 11
        })
    };
    let pack = |part: &[u8]| part.iter().fold(0u64, |k, &c| k * 37 + digit(c));
    let (high, low) = number.as_bytes().split_at(number.len().saturating_sub(9));
    (u128::from(pack(high)) << 52 | u128::from(pack(low))) << 4 | type_index as u128
}

/// The header as the annex wants it: NIT of 1 to 12 digits, entity code of 6 characters,
/// period in order; each problem a sentence.
fn check_header(h: &Header) -> (String, String, Vec<String>) {
    let mut problems = Vec::new();
    let nit = super::check_nit(&h.nit, SOURCE, "1.1.1", &mut problems);
    let entity = h.entity.trim().to_uppercase();
    if entity.chars().count() != 6 || !entity.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        problems.push(format!(
            "El código de la entidad «{}» debe tener 6 caracteres, letras, dígitos o guion (por ejemplo 014-18) {}.",
            h.entity,
            cite(SOURCE, "1.1.1")
        ));
    }
    super::check_period(h.start, h.end, &mut problems);
    (nit, entity, problems)
}

/// Builds the query from `rows`.
pub fn build(header: &Header, rows: &[Row], choices: Choices) -> Built {
    let people = rows.iter().map(|r| (r.row, r.doc_type.as_str(), r.number.as_str()));
    build_rows(header, people, rows.len(), choices)
}

/// Builds the query from a list file, the type and number in the columns given.
pub fn build_table(header: &Header, table: &Table, columns: (usize, usize), choices: Choices) -> Built {
    build_rows(header, table_rows(table, columns.0, columns.1), table.len(), choices)
}

/// Builds the query from `rows` (about `count`) given as (row, type, number); a million rows
/// cost no allocation each.
fn build_rows<'a>(
    header: &Header,
    rows: impl Iterator<Item = (usize, &'a str, &'a str)>,
    count: usize,
    choices: Choices,
) -> Built {
    let (nit, entity, problems) = check_header(header);
    let mut built = Built {
        header: problems,
        ..Built::default()
    };
    let mut seen: HashMap<u128, usize, BuildHasherDefault<KeyHasher>> = HashMap::default();
    seen.reserve(count);
    let mut body = String::with_capacity(count * 16);
    let mut record = String::new();
    for (row, doc_type, number) in rows {
        match normal_row(doc_type, number, &mut record) {
            Err(reason) => built.refused.push(Refused {
                row,
                text: format!("{doc_type} {number}").trim().to_string(),
                reason,
            }),
            Ok(key) => {
                if let Some(&first) = seen.get(&key) {
                    built.repeated.push(Repeated {
                        row,
                        first,
                        document: record.replacen(',', " ", 1),
                    });
                    if choices.drop_repeated {
                        continue;
                    }
                } else {
                    seen.insert(key, row);
                }
                built.people += 1;
                body.push_str("2,");
                body.push_str(&record);
                body.push_str("\r\n");
            }
        }
    }
    if !built.header.is_empty() || (!built.refused.is_empty() && !choices.drop_refused) || built.people == 0 {
        return built;
    }
    let date = planos_core::rules::date8(header.date);
    let Some(name) = NAME.render(&[&date, &nit, &entity]) else {
        built.header.push(format!(
            "La fecha de corte {date} no cabe en el nombre del archivo (AAAAMMDD)."
        ));
        return built;
    };
    let mut text = format!("1,{entity},{},{},{},{name}\r\n", header.start, header.end, built.people);
    text.push_str(&body);
    built.file = Some((name, text.into_bytes()));
    built
}
