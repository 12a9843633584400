//! A one-sheet Excel workbook (Office Open XML, `.xlsx`) written as it goes: the rows stream
//! into the compressed sheet, so a million rows cost the size of the file, not of every cell
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

/// Writes a workbook with one sheet named `name`: a bold header of `columns` (title, width in
/// characters), frozen, then `rows`. Fails when there are more rows than a sheet holds.
pub fn write<'a, W, I, R>(out: W, name: &str, columns: &[(&str, f64)], rows: I) -> Result<W, String>
where
    W: Write,
    I: IntoIterator<Item = R>,
    R: AsRef<[Cell<'a>]>,
{
    let fail = |e: &dyn std::fmt::Display| format!("no se pudo escribir el libro de Excel: {e}");
    let mut zip = ZipOut::new(out);
    let part = |zip: &mut ZipOut<W>, path: &str, text: &str| -> Result<(), String> {
        zip.start(path).map_err(|e| fail(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| fail(&e))
    };
    part(&mut zip, "[Content_Types].xml", CONTENT_TYPES)?;
    part(&mut zip, "_rels/.rels", ROOT_RELS)?;
    let mut sheet_name = String::new();
    escape(name, &mut sheet_name);
    part(
        &mut zip,
        "xl/workbook.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        ),
    )?;
    part(&mut zip, "xl/_rels/workbook.xml.rels", WORKBOOK_RELS)?;
    part(&mut zip, "xl/styles.xml", STYLES)?;

    zip.start("xl/worksheets/sheet1.xml").map_err(|e| fail(&e))?;
    let mut buf = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>"#,
    );
    for (i, (_, width)) in columns.iter().enumerate() {
        buf.push_str(&format!(
            r#"<col min="{n}" max="{n}" width="{width}" customWidth="1"/>"#,
            n = i + 1
        ));
    }
    buf.push_str("</cols><sheetData>");
    let header: Vec<Cell<'_>> = columns.iter().map(|(title, _)| Cell::Text(title)).collect();
    row(&header, 1, &mut buf);
    let mut count = 1usize;
    for r in rows {
        count += 1;
        if count > MAX_ROWS {
            return Err(format!("una hoja de Excel tiene como máximo {MAX_ROWS} filas"));
        }
        row(r.as_ref(), 0, &mut buf);
        if buf.len() > 1 << 16 {
            zip.write_all(buf.as_bytes()).map_err(|e| fail(&e))?;
            buf.clear();
        }
    }
    buf.push_str("</sheetData></worksheet>");
    zip.write_all(buf.as_bytes()).map_err(|e| fail(&e))?;
    zip.finish().map_err(|e| fail(&e))
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
}
