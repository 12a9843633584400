//! The answered people as a CSV or an Excel workbook, written a row at a time.

use super::*;

/// The header of the CSV of people.
pub(super) const CSV_HEADER: &str =
    "\u{FEFF}tipo_documento;numero_documento;resultado;estado;nombre;fecha_defuncion;archivo;linea\r\n";

/// Writes the rows into `out` as CSV for spreadsheets (`;`-separated, UTF-8 with BOM, every
/// text quoted), a row at a time; gives `out` back.
pub fn rows_csv<W: std::io::Write>(rows: impl IntoIterator<Item = PersonRow>, mut out: W) -> std::io::Result<W> {
    fn quoted(s: &str, line: &mut String) {
        line.push('"');
        for c in s.chars() {
            if c == '"' {
                line.push('"');
            }
            line.push(c);
        }
        line.push('"');
    }
    out.write_all(CSV_HEADER.as_bytes())?;
    let mut line = String::new();
    for r in rows {
        line.clear();
        for cell in [
            &r.doc_type,
            &r.number,
            r.outcome.label(),
            &r.state,
            &r.name,
            &r.death_date,
            &r.member,
        ] {
            quoted(cell, &mut line);
            line.push(';');
        }
        line.push_str(&r.line.to_string());
        line.push_str("\r\n");
        out.write_all(line.as_bytes())?;
    }
    out.flush()?;
    Ok(out)
}

/// Rows of people an Excel sheet takes (its own limit, less the header).
pub const ROWS_PER_SHEET: usize = planos_core::xlsx::MAX_ROWS - 1;

/// The sheets `rows` people take in [`rows_xlsx`].
pub fn xlsx_sheets(rows: usize) -> usize {
    planos_core::xlsx::sheets_for(rows, ROWS_PER_SHEET)
}

/// Writes `count` rows into `out` as an Excel workbook: a bold header kept in view, the rows
/// on sheets «Personas», «Personas 2»… of [`ROWS_PER_SHEET`] rows each, the header on each.
/// Gives `out` back, and the number of sheets ([`xlsx_sheets`]).
pub fn rows_xlsx<W: std::io::Write>(
    rows: impl IntoIterator<Item = PersonRow>,
    count: usize,
    out: W,
) -> Result<(W, usize), String> {
    rows_xlsx_in(rows, count, ROWS_PER_SHEET, out)
}

pub(super) fn rows_xlsx_in<W: std::io::Write>(
    rows: impl IntoIterator<Item = PersonRow>,
    count: usize,
    per_sheet: usize,
    out: W,
) -> Result<(W, usize), String> {
    use planos_core::xlsx::{Book, Cell};
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
    let sheets = planos_core::xlsx::sheets_for(count, per_sheet);
    let mut book = Book::new(out, "Personas", &columns, sheets, per_sheet)?;
    for r in rows {
        book.row(&[
            Cell::Text(&r.doc_type),
            Cell::Text(&r.number),
            Cell::Text(r.outcome.label()),
            Cell::Text(&r.state),
            Cell::Text(&r.name),
            Cell::Text(&r.death_date),
            Cell::Text(&r.member),
            Cell::Number(r.line),
        ])?;
    }
    Ok((book.finish()?, sheets))
}
