//! A list as rows of cells, from what users have: text pasted from Excel, a CSV or text file
//! (UTF-8 or Windows-1252; tab, semicolon, comma or spaces between cells; quotes as Excel
//! writes them), or an Excel workbook (XLSX: its first sheet, read with `calamine`).
//! The builders then take the columns the user chose.

use calamine::{Data, Reader, Xlsx};
use planos_core::text::{decode, UTF8_BOM};
use std::io::Cursor;

/// Rows are refused beyond this many: more than any list a builder takes in one file.
pub const MAX_ROWS: usize = 5_000_000;
/// A workbook whose sheets would unpack to more than this is refused before it is read.
const MAX_UNPACKED: u64 = 1 << 30;

/// The cells of a list, row by row as in the file (row `i` is the file's row `i + 1`), kept in
/// one text with the end of each cell: a million rows cost two allocations, not three million.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    text: String,
    /// Where each cell ends in `text` (it starts where the one before ends).
    ends: Vec<u32>,
    /// Where each row's cells start in `ends`, and one past the last row.
    rows: Vec<u32>,
    width: usize,
}

impl Table {
    /// Reads a list file: a workbook when its bytes say so (a ZIP or an OLE document), text
    /// otherwise. `name` only helps to say what was read.
    pub fn read(name: &str, bytes: &[u8]) -> Result<Table, String> {
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            return from_workbook(name, bytes);
        }
        Ok(from_text(&decode(bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes))))
    }

    /// A table of the given rows.
    pub fn from_rows<R: IntoIterator<Item = C>, C: AsRef<str>>(rows: impl IntoIterator<Item = R>) -> Table {
        let mut t = Table::default();
        for row in rows {
            for cell in row {
                t.push_cell(cell.as_ref());
            }
            t.end_row();
        }
        t
    }

    /// Appends a cell to the row being made.
    fn push_cell(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.end_cell();
    }

    /// Ends the cell whose text was pushed into `text`.
    fn end_cell(&mut self) {
        self.ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    /// Ends the row being made.
    fn end_row(&mut self) {
        let start = self.rows.last().copied().unwrap_or(0) as usize;
        self.width = self.width.max(self.ends.len() - start);
        self.rows.push(self.ends.len() as u32);
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// How many columns the widest row has.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The cells of row `row`, untrimmed.
    pub fn row(&self, row: usize) -> impl Iterator<Item = &str> + '_ {
        let start = match row {
            0 => 0,
            _ => self.rows.get(row - 1).copied().unwrap_or(0) as usize,
        };
        let end = self.rows.get(row).copied().map_or(start, |e| e as usize);
        (start..end).map(move |i| {
            let from = if i == 0 { 0 } else { self.ends[i - 1] as usize };
            self.text.get(from..self.ends[i] as usize).unwrap_or("")
        })
    }

    /// Cell `col` of row `row` (0-based), trimmed; empty when the row is shorter.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.row(row).nth(col).map_or("", str::trim)
    }

    /// The column names a person picks from: the letter and the first row's cell ("A: Tipo de
    /// documento"), or "Columna A" where that cell is empty.
    pub fn column_labels(&self) -> Vec<String> {
        (0..self.width())
            .map(|c| {
                let title = self.cell(0, c);
                if title.is_empty() {
                    format!("Columna {}", letter(c))
                } else {
                    format!("{}: {title}", letter(c))
                }
            })
            .collect()
    }
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
pub fn letter(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A column given as a letter (`B`), a 1-based number (`2`) or a header title, 0-based.
/// `None` when the table has no such column.
pub fn column_named(table: &Table, name: &str) -> Option<usize> {
    let name = name.trim();
    let wanted = fold(name);
    let titled = (0..table.width()).find(|&c| fold(table.cell(0, c)) == wanted);
    let col = if let Ok(n) = name.parse::<usize>() {
        n.checked_sub(1)
    } else if titled.is_none() && (1..=3).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphabetic()) {
        let n = name
            .bytes()
            .fold(0usize, |n, b| n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1));
        Some(n - 1)
    } else {
        titled
    };
    col.filter(|&c| c < table.width())
}

/// Lower case without accents or anything but letters and digits: how header titles compare.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(planos_core::text::fold_char)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Text as Excel copies or exports it. The separator is the one of tab, semicolon and comma
/// that the first non-empty line has most of (outside quotes); with none, runs of spaces.
pub fn from_text(text: &str) -> Table {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |sep: char| first.chars().filter(|&c| c == sep).count();
    // On a tie, tab before semicolon before comma (a comma may be a decimal mark).
    let separator = [b',', b';', b'\t'].into_iter().max_by_key(|&s| count(char::from(s)));
    let sep = separator.filter(|&s| count(char::from(s)) > 0).map(char::from);
    let mut table = Table::default();
    table.text.reserve(text.len());
    // Lines and cells found with memchr: a million rows are split in milliseconds.
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
        if table.len() == MAX_ROWS || (end == text.len() && start == end) {
            break;
        }
        let line = &text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        start = end + 1;
        match sep {
            _ if line.trim().is_empty() => {}
            Some(sep) if memchr::memchr(b'"', line.as_bytes()).is_some() => split_quoted(line, sep, &mut table),
            Some(sep) => {
                let mut from = 0;
                for at in memchr::memchr_iter(sep as u8, line.as_bytes()) {
                    table.push_cell(&line[from..at]);
                    from = at + 1;
                }
                table.push_cell(&line[from..]);
            }
            None => line.split_whitespace().for_each(|c| table.push_cell(c)),
        }
        table.end_row();
    }
    table
}

/// One line's cells: `"` opens and closes a quoted cell, where the separator is text and `""`
/// is one quote, as Excel writes CSV. (A cell spanning lines is not a list of documents.)
fn split_quoted(line: &str, sep: char, table: &mut Table) {
    let mut quoted = false;
    let mut cell_start = table.text.len();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                table.text.push('"');
                chars.next();
            }
            '"' if quoted || table.text[cell_start..].trim().is_empty() => quoted = !quoted,
            c if c == sep && !quoted => {
                table.end_cell();
                cell_start = table.text.len();
            }
            c => table.text.push(c),
        }
    }
    table.end_cell();
}

fn from_workbook(name: &str, bytes: &[u8]) -> Result<Table, String> {
    let unreadable = |e: &dyn std::fmt::Display| {
        format!("no se pudo leer «{name}» como libro de Excel ({e}); guárdelo de nuevo como .xlsx o como CSV")
    };
    if !bytes.starts_with(b"PK") {
        return Err(format!(
            "«{name}» es un libro de Excel antiguo (.xls); ábralo en Excel y guárdelo como .xlsx o como CSV"
        ));
    }
    // A small workbook that unpacks to gigabytes (a "ZIP bomb") is refused before it is read.
    // The sizes the central directory declares (streamed members say theirs only there).
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let unpacked = (0..zip.len())
        .map(|i| zip.by_index_raw(i).map_or(u64::MAX, |m| m.size()))
        .fold(0u64, u64::saturating_add);
    if unpacked > MAX_UNPACKED {
        return Err(format!(
            "«{name}» se descomprime en más de {} MB; divida la lista en varios archivos",
            MAX_UNPACKED >> 20
        ));
    }
    // XLSX only: the readers of .xls, .xlsb and .ods would add to the page what few lists need.
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| format!("«{name}» no tiene ninguna hoja"))?
        .map_err(|e| unreadable(&e))?;
    // The range starts at the first used cell; rows and columns before it are empty.
    let (top, left) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut table = Table::default();
    for _ in 0..top.min(MAX_ROWS) {
        table.end_row();
    }
    for row in range.rows().take(MAX_ROWS.saturating_sub(top)) {
        let mut cells: Vec<String> = row.iter().map(cell_text).collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        if !cells.is_empty() {
            (0..left).for_each(|_| table.push_cell(""));
        }
        cells.iter().for_each(|c| table.push_cell(c));
        table.end_row();
    }
    Ok(table)
}

/// A cell as a person reads it: numbers without a trailing ".0" (a document number typed as a
/// number), dates as AAAA-MM-DD.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "VERDADERO" } else { "FALSO" }.to_string(),
        Data::DateTime(d) => excel_day(d.as_f64()).unwrap_or_else(|| d.as_f64().to_string()),
    }
}

/// An Excel date serial (days since 1899-12-30, the 1900 system) as AAAA-MM-DD.
fn excel_day(serial: f64) -> Option<String> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = serial.floor();
    if !(1.0..=2_958_465.0).contains(&days) {
        return None;
    }
    Some(epoch.checked_add_days(chrono::Days::new(days as u64))?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_quotes_and_blank_lines() {
        let t = from_text("Tipo;Número\r\nCC;\"12;34\"\r\n\r\nTI;99\r\n");
        fn row(t: &Table, i: usize) -> Vec<&str> {
            t.row(i).collect()
        }
        assert_eq!(row(&t, 0), ["Tipo", "Número"]);
        assert_eq!(row(&t, 1), ["CC", "12;34"]);
        assert!(row(&t, 2).is_empty());
        assert_eq!(row(&t, 3), ["TI", "99"]);
        assert_eq!(t.len(), 4);
        assert_eq!(
            from_text("CC 123\nTI  45"),
            Table::from_rows([["CC", "123"], ["TI", "45"]])
        );
        assert_eq!(row(&from_text("a\tb,c\n"), 0), ["a", "b,c"]);
        assert_eq!(row(&from_text("\"a \"\"b\"\"\";c\n"), 0), ["a \"b\"", "c"]);
    }

    #[test]
    fn columns_by_letter_number_or_title() {
        let t = from_text("Tipo,Número de documento\nCC,1\n");
        assert_eq!(column_named(&t, "b"), Some(1));
        assert_eq!(column_named(&t, "1"), Some(0));
        assert_eq!(column_named(&t, "numero de documento"), Some(1));
        assert_eq!(column_named(&t, "0"), None);
        assert_eq!(column_named(&t, "C"), None);
        assert_eq!(column_named(&t, "tipo"), Some(0));
        assert_eq!(
            (letter(0), letter(25), letter(26), letter(701)),
            ("A".into(), "Z".into(), "AA".into(), "ZZ".into())
        );
        assert_eq!(t.column_labels(), ["A: Tipo", "B: Número de documento"]);
    }

    #[test]
    fn excel_dates_and_numbers_read_as_people_see_them() {
        assert_eq!(excel_day(45292.0).as_deref(), Some("2024-01-01"));
        assert_eq!(cell_text(&Data::Float(1234567890.0)), "1234567890");
        assert!(Table::read("x.xlsx", b"PK\x03\x04garbage").is_err());
        let old = Table::read("x.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap_err();
        assert!(old.contains("guárdelo como .xlsx"), "{old}");
    }
}
