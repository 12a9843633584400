//! An Excel workbook (Office Open XML, `.xlsx`) written as it goes, on one sheet or, past a
//! sheet's rows, on several ([`Book`]): the rows stream into the compressed sheets, so a million rows cost the size of the file, not of every cell
//! held in memory. It writes what planos' tables need and nothing more: text and whole-number
//! cells, a bold header row kept in view (frozen), column widths. The parts are those ECMA-376
//! requires of a workbook; the strings are written inline (`inlineStr`), which every reader of
//! the format accepts.

use crate::zipout::ZipOut;
use std::io::Write;

/// Rows a worksheet holds (ECMA-376 Part 1, 18.3.1.73: 1,048,576 rows), the header included.
pub const MAX_ROWS: usize = 1_048_576;

/// One cell.
pub enum Cell<'a> {
    Text(&'a str),
    Number(u64),
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Two cell formats: 0 plain, 1 bold.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// Text as XML character data: markup escaped, and the characters XML 1.0 cannot carry dropped.
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

fn row(cells: &[Cell<'_>], style: u8, out: &mut String) {
    out.push_str("<row>");
    for cell in cells {
        match cell {
            Cell::Text(t) => {
                out.push_str(if style == 1 {
                    "<c t=\"inlineStr\" s=\"1\"><is><t xml:space=\"preserve\">"
                } else {
                    "<c t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                });
                escape(t, out);
                out.push_str("</t></is></c>");
            }
            Cell::Number(n) => {
                out.push_str("<c><v>");
                out.push_str(&n.to_string());
                out.push_str("</v></c>");
            }
        }
    }
    out.push_str("</row>");
}

/// The parts that name the sheets: `[Content_Types].xml`, `xl/workbook.xml` and its
/// relationships, for `sheets` sheets named `name`, `name 2`, `name 3`… (one sheet: the
/// constants above, byte for byte).
fn sheet_parts(name: &str, sheets: usize) -> (String, String, String) {
    if sheets == 1 {
        let mut sheet_name = String::new();
        escape(name, &mut sheet_name);
        return (
            CONTENT_TYPES.to_string(),
            workbook_xml(&format!(r#"<sheet name="{sheet_name}" sheetId="1" r:id="rId1"/>"#)),
            WORKBOOK_RELS.to_string(),
        );
    }
    let (mut types, mut list, mut rels) = (String::new(), String::new(), String::new());
    for n in 1..=sheets {
        types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        let mut sheet_name = String::new();
        escape(&sheet_name_of(name, n), &mut sheet_name);
        list.push_str(&format!(r#"<sheet name="{sheet_name}" sheetId="{n}" r:id="rId{n}"/>"#));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
    }
    let one = r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#;
    let content_types = CONTENT_TYPES.replace(one, &types);
    let styles = sheets + 1;
    let workbook_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rId{styles}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
    );
    (content_types, workbook_xml(&list), workbook_rels)
}

fn workbook_xml(sheets: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>"#
    )
}

/// The name of sheet `n` (from 1) of a book whose first sheet is `name`: `name`, `name 2`, ….
pub fn sheet_name_of(name: &str, n: usize) -> String {
    if n <= 1 {
        name.to_string()
    } else {
        format!("{name} {n}")
    }
}

/// How many sheets `rows` rows take at `per_sheet` rows a sheet (at least one, the header's).
pub fn sheets_for(rows: usize, per_sheet: usize) -> usize {
    rows.div_ceil(per_sheet.max(1)).max(1)
}

/// A workbook written as its rows come: each sheet a bold frozen header of the columns (title,
/// width in characters), then at most `per_sheet` rows; past them the next sheet begins, its
/// header repeated. The number of sheets is fixed when the book is made (the workbook names them
/// before their rows): rows beyond `sheets × per_sheet` are refused, sheets left without rows
/// hold only their header.
pub struct Book<'c, W: Write> {
    zip: ZipOut<W>,
    columns: &'c [(&'c str, f64)],
    buf: String,
    sheets: usize,
    per_sheet: usize,
    /// The sheet being written (from 1) and the rows in it, its header aside.
    sheet: usize,
    in_sheet: usize,
}

fn fail(e: &dyn std::fmt::Display) -> String {
    format!("no se pudo escribir el libro de Excel: {e}")
}

impl<'c, W: Write> Book<'c, W> {
    /// Starts a book of `sheets` sheets (at least one) of at most `per_sheet` rows each (at
    /// most [`MAX_ROWS`] less the header), the first named `name`.
    pub fn new(
        out: W,
        name: &str,
        columns: &'c [(&'c str, f64)],
        sheets: usize,
        per_sheet: usize,
    ) -> Result<Self, String> {
        let sheets = sheets.max(1);
        let per_sheet = per_sheet.clamp(1, MAX_ROWS - 1);
        let mut zip = ZipOut::new(out);
        let part = |zip: &mut ZipOut<W>, path: &str, text: &str| -> Result<(), String> {
            zip.start(path).map_err(|e| fail(&e))?;
            zip.write_all(text.as_bytes()).map_err(|e| fail(&e))
        };
        let (content_types, workbook, workbook_rels) = sheet_parts(name, sheets);
        part(&mut zip, "[Content_Types].xml", &content_types)?;
        part(&mut zip, "_rels/.rels", ROOT_RELS)?;
        part(&mut zip, "xl/workbook.xml", &workbook)?;
        part(&mut zip, "xl/_rels/workbook.xml.rels", &workbook_rels)?;
        part(&mut zip, "xl/styles.xml", STYLES)?;
        let mut book = Book {
            zip,
            columns,
            buf: String::new(),
            sheets,
            per_sheet,
            sheet: 0,
            in_sheet: 0,
        };
        book.next_sheet()?;
        Ok(book)
    }

    /// Ends the sheet being written, if any, and starts the next with its header.
    fn next_sheet(&mut self) -> Result<(), String> {
        if self.sheet > 0 {
            self.buf.push_str("</sheetData></worksheet>");
            self.flush()?;
        }
        self.sheet += 1;
        self.in_sheet = 0;
        self.zip
            .start(&format!("xl/worksheets/sheet{}.xml", self.sheet))
            .map_err(|e| fail(&e))?;
        self.buf.push_str(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>"#,
        );
        for (i, (_, width)) in self.columns.iter().enumerate() {
            self.buf.push_str(&format!(
                r#"<col min="{n}" max="{n}" width="{width}" customWidth="1"/>"#,
                n = i + 1
            ));
        }
        self.buf.push_str("</cols><sheetData>");
        let header: Vec<Cell<'_>> = self.columns.iter().map(|(title, _)| Cell::Text(title)).collect();
        row(&header, 1, &mut self.buf);
        Ok(())
    }

    fn flush(&mut self) -> Result<(), String> {
        self.zip.write_all(self.buf.as_bytes()).map_err(|e| fail(&e))?;
        self.buf.clear();
        Ok(())
    }

    /// Adds a row, on the next sheet when this one is full.
    pub fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), String> {
        if self.in_sheet == self.per_sheet {
            if self.sheet == self.sheets {
                return Err(format!("una hoja de Excel tiene como máximo {MAX_ROWS} filas"));
            }
            self.next_sheet()?;
        }
        self.in_sheet += 1;
        row(cells, 0, &mut self.buf);
        if self.buf.len() > 1 << 16 {
            self.flush()?;
        }
        Ok(())
    }

    /// Ends the book (the sheets not reached get their header alone) and gives the writer back.
    pub fn finish(mut self) -> Result<W, String> {
        while self.sheet < self.sheets {
            self.next_sheet()?;
        }
        self.buf.push_str("</sheetData></worksheet>");
        self.flush()?;
        self.zip.finish().map_err(|e| fail(&e))
    }
}

/// Writes a workbook with one sheet named `name`: a bold header of `columns` (title, width in
/// characters), frozen, then `rows`. Fails when there are more rows than a sheet holds.
pub fn write<'a, W, I, R>(out: W, name: &str, columns: &[(&str, f64)], rows: I) -> Result<W, String>
where
    W: Write,
    I: IntoIterator<Item = R>,
    R: AsRef<[Cell<'a>]>,
{
    let mut book = Book::new(out, name, columns, 1, MAX_ROWS - 1)?;
    for r in rows {
        book.row(r.as_ref())?;
    }
    book.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn a_spreadsheet_reader_reads_back_text_numbers_and_escapes() {
        let rows = vec![
            [
                Cell::Text("CC"),
                Cell::Text("PÉREZ & <HIJOS> \"ÑOÑO\""),
                Cell::Number(7),
            ],
            [Cell::Text("TI"), Cell::Text("con\u{1}control"), Cell::Number(1_048_575)],
        ];
        let out = write(
            std::io::Cursor::new(Vec::new()),
            "Personas",
            &[("Tipo", 8.0), ("Nombre", 30.0), ("Línea", 8.0)],
            rows,
        )
        .unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(out.into_inner())).unwrap();
        assert_eq!(book.sheet_names(), ["Personas"]);
        let range = book.worksheet_range("Personas").unwrap();
        let cells: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        assert_eq!(
            cells[0],
            [
                Data::String("Tipo".into()),
                Data::String("Nombre".into()),
                Data::String("Línea".into())
            ]
        );
        assert_eq!(cells[1][1], Data::String("PÉREZ & <HIJOS> \"ÑOÑO\"".into()));
        assert_eq!(cells[1][2], Data::Float(7.0));
        assert_eq!(cells[2][1], Data::String("concontrol".into()));
    }

    #[test]
    fn more_rows_than_a_sheet_holds_is_refused() {
        let rows = (0..MAX_ROWS).map(|_| [Cell::Number(1)]);
        let err = write(std::io::Cursor::new(Vec::new()), "S", &[("N", 5.0)], rows).unwrap_err();
        assert!(err.contains("1048576"), "{err}");
    }

    #[test]
    fn a_book_continues_on_further_sheets_each_with_its_header() {
        let columns = [("N", 5.0), ("Texto", 10.0)];
        let sheets = sheets_for(5, 2);
        assert_eq!(sheets, 3);
        let mut book = Book::new(std::io::Cursor::new(Vec::new()), "Hoja & co", &columns, sheets + 1, 2).unwrap();
        for n in 0..5u64 {
            book.row(&[Cell::Number(n), Cell::Text("x")]).unwrap();
        }
        let out = book.finish().unwrap();
        let mut read: Xlsx<_> = Xlsx::new(std::io::Cursor::new(out.into_inner())).unwrap();
        assert_eq!(
            read.sheet_names(),
            ["Hoja & co", "Hoja & co 2", "Hoja & co 3", "Hoja & co 4"]
        );
        let mut numbers = Vec::new();
        for (i, name) in read.sheet_names().iter().enumerate() {
            let range = read.worksheet_range(name).unwrap();
            let cells: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
            assert_eq!(
                cells[0],
                [Data::String("N".into()), Data::String("Texto".into())],
                "sheet {i}"
            );
            assert_eq!(cells.len(), [3, 3, 2, 1][i], "sheet {i}");
            numbers.extend(cells[1..].iter().map(|r| r[0].clone()));
        }
        assert_eq!(numbers, (0..5).map(|n| Data::Float(n as f64)).collect::<Vec<_>>());
    }

    #[test]
    fn a_book_refuses_rows_past_its_sheets() {
        let mut book = Book::new(Vec::new(), "S", &[("N", 5.0)], 2, 1).unwrap();
        book.row(&[Cell::Number(1)]).unwrap();
        book.row(&[Cell::Number(2)]).unwrap();
        assert!(book.row(&[Cell::Number(3)]).is_err());
    }

    #[test]
    fn one_sheet_names_its_parts_as_ever() {
        let (types, workbook, rels) = sheet_parts("Personas", 1);
        assert_eq!(types, CONTENT_TYPES);
        assert_eq!(rels, WORKBOOK_RELS);
        assert!(workbook.contains(r#"<sheets><sheet name="Personas" sheetId="1" r:id="rId1"/></sheets>"#));
        let (types, workbook, rels) = sheet_parts("P", 2);
        assert!(types.contains("sheet2.xml") && !types.contains("sheet3.xml"));
        assert!(workbook.contains(r#"<sheet name="P 2" sheetId="2" r:id="rId2"/>"#));
        assert!(rels.contains(
            r#"Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles""#
        ));
    }
}
