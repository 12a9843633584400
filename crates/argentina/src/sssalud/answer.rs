//! "Leer respuesta": the `.ok` and `.err` files an SSSalud site leaves after an upload
//! (Padrón: `999998-201707.ok` / `.err`; Prepagas: `999998-P.txt.ok` / `.err`).
//!
//! The manual says what they hold ("Contiene los registros con errores", "Contiene los registros
//! válidos") but not their layout, and sends the meaning of the error codes to another document
//! (section "Código de errores de los archivos .err": the "Instructivo de Obras Sociales" of the
//! Padrón application). So they are read defensively (docs/interpretations.md):
//! - a record is a non-empty line; `.ok` records are accepted, `.err` records rejected;
//! - an `.err` is delimited text when one of `|`, `;`, tab or `,` is in nearly every line; then
//!   its error code is the last (or else the first) field when that field holds, in nearly every
//!   line, one or more short codes (`E01`, `103`, `ERR-12`, `03 15`); the record to correct is
//!   the line without that field;
//! - else, when nearly every line says "error 103" or "código: E01", that is its code and the
//!   whole line is the record;
//! - else the layout is not recognised: every line is shown as it is, without a code.

use crate::codes;
use planos_core::report::Diagnostic;
use planos_core::text::decode;
use std::collections::BTreeMap;

/// Which answer a file is, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Ok,
    Err,
}

/// The `.ok` / `.err` kind and the name without it (`999998-201707`), or `None` for other names.
pub fn kind_of(name: &str) -> Option<(Kind, &str)> {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let lower = name.to_ascii_lowercase();
    let (kind, cut) = if lower.ends_with(".ok") {
        (Kind::Ok, 3)
    } else if lower.ends_with(".err") {
        (Kind::Err, 4)
    } else {
        return None;
    };
    let stem = &name[..name.len() - cut];
    (!stem.is_empty()).then_some((kind, stem))
}

/// Where the code is in each line of an `.err`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Fields split by `separator`; the code is the last field (`code_last`) or the first.
    Delimited { separator: u8, code_last: bool },
    /// The code follows the word "error" or "código" in the line.
    Worded,
    /// No code found: lines shown as they are.
    Unrecognised,
}

impl Layout {
    /// For people: how planos read the file.
    pub fn describe(self) -> String {
        match self {
            Layout::Delimited { separator, code_last } => format!(
                "campos separados por «{}»; el código de error es el {} campo",
                match separator {
                    b'\t' => "tabulación".to_string(),
                    s => (s as char).to_string(),
                },
                if code_last { "último" } else { "primer" }
            ),
            Layout::Worded => "el código de error sigue a la palabra «error» o «código» en cada línea".into(),
            Layout::Unrecognised => {
                "planos no reconoce el formato de este .err: muestra cada línea tal como está, sin código".into()
            }
        }
    }
}

/// One rejected record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// 1-based line in the `.err`.
    pub line: u32,
    /// The error codes of the record (empty when none is recognised).
    pub codes: Vec<String>,
    /// The line as text, for display.
    pub text: String,
    /// The record to correct: the line's bytes without the code field.
    pub record: Vec<u8>,
}

/// An `.err` file read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrReading {
    pub layout: Layout,
    /// A first line that is a header (its code field holds no code while the others do).
    pub header: Option<String>,
    pub rejected: Vec<Rejected>,
    /// How many records carry each code, most frequent first.
    pub codes: Vec<(String, usize)>,
}

/// An upload's answer: its `.ok` and `.err`, matched by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The name without `.ok` / `.err` (`999998-201707`, `999998-P.txt`).
    pub stem: String,
    /// What the name says: "RNOS/RNEMP 999998, período 201707" or "…, archivo P.txt".
    pub about: Option<String>,
    pub ok_name: Option<String>,
    pub err_name: Option<String>,
    /// Records in the `.ok`.
    pub accepted: Option<usize>,
    pub err: Option<ErrReading>,
}

impl Answer {
    /// The rejected records to correct, one per line (CR+LF), as their original bytes.
    pub fn rejected_file(&self) -> Option<(String, Vec<u8>)> {
        let err = self.err.as_ref()?;
        let mut bytes = Vec::new();
        for r in &err.rejected {
            bytes.extend_from_slice(&r.record);
            bytes.extend_from_slice(b"\r\n");
        }
        Some((format!("{}.rechazados.txt", self.stem), bytes))
    }
}

/// Reads answer files (name, bytes) and pairs each `.ok` with its `.err`; a file of another
/// name is not read, and a finding says so (its name is the finding's value).
pub fn read_answers(files: &[(String, Vec<u8>)]) -> (Vec<Answer>, Vec<Diagnostic>) {
    let mut answers: Vec<Answer> = Vec::new();
    let mut others = Vec::new();
    for (name, bytes) in files {
        let Some((kind, stem)) = kind_of(name) else {
            let mut unread = Diagnostic::new(
                &codes::SSSALUD_RESPUESTA_NOMBRE,
                format!("{name}: no termina en .ok ni .err; no se leyó."),
            );
            unread.value = Some(name.clone());
            others.push(unread);
            continue;
        };
        let at = match answers.iter().position(|a| a.stem.eq_ignore_ascii_case(stem)) {
            Some(i) => i,
            None => {
                answers.push(Answer {
                    stem: stem.to_string(),
                    about: about(stem),
                    ok_name: None,
                    err_name: None,
                    accepted: None,
                    err: None,
                });
                answers.len() - 1
            }
        };
        let a = &mut answers[at];
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name).to_string();
        match kind {
            Kind::Ok => {
                a.ok_name = Some(base);
                a.accepted = Some(lines(bytes).len());
            }
            Kind::Err => {
                a.err_name = Some(base);
                a.err = Some(read_err(bytes));
            }
        }
    }
    (answers, others)
}

/// What an answer's name says (manual's examples: `999998-201707`, `999998-P.txt`).
fn about(stem: &str) -> Option<String> {
    let (number, rest) = stem.split_once('-')?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || rest.is_empty() {
        return None;
    }
    let is_month = rest.len() == 6
        && rest.bytes().all(|b| b.is_ascii_digit())
        && super::sites::Folders::Month.parse_folder(rest).is_some();
    Some(if is_month {
        format!("RNOS {number}, período {rest} (Padrón)")
    } else {
        format!("RNEMP {number}, archivo {rest} (Prepagas)")
    })
}

/// Non-empty lines with their 1-based numbers, without their line ends.
fn lines(bytes: &[u8]) -> Vec<(u32, &[u8])> {
    let split_on = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
    bytes
        .split(|b| *b == split_on)
        .enumerate()
        .map(|(i, l)| {
            (
                u32::try_from(i + 1).unwrap_or(u32::MAX),
                l.strip_suffix(b"\r").unwrap_or(l),
            )
        })
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .collect()
}

/// Reads an `.err` as the module's comment says.
pub fn read_err(bytes: &[u8]) -> ErrReading {
    let all = lines(bytes);
    let (layout, header) = detect(&all);
    let body = if header { &all[1..] } else { &all[..] };
    let rejected: Vec<Rejected> = body.iter().map(|&(line, l)| reject(layout, line, l)).collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rejected {
        for c in &r.codes {
            *counts.entry(c).or_default() += 1;
        }
    }
    let mut codes: Vec<(String, usize)> = counts.into_iter().map(|(c, n)| (c.to_string(), n)).collect();
    codes.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ErrReading {
        layout,
        header: header.then(|| decode(all[0].1).into_owned()),
        rejected,
        codes,
    }
}

/// Nearly every line: at least 90 %.
fn nearly_all(hits: usize, of: usize) -> bool {
    of > 0 && hits * 10 >= of * 9
}

/// The layout, and whether the first line is a header.
fn detect(all: &[(u32, &[u8])]) -> (Layout, bool) {
    if all.is_empty() {
        return (Layout::Unrecognised, false);
    }
    for sep in [b'|', b';', b'\t', b','] {
        let with = all.iter().filter(|(_, l)| l.contains(&sep)).count();
        if !nearly_all(with, all.len()) {
            continue;
        }
        for code_last in [true, false] {
            let layout = Layout::Delimited {
                separator: sep,
                code_last,
            };
            let coded: Vec<bool> = all.iter().map(|(_, l)| !codes_in(layout, l).0.is_empty()).collect();
            if let Some(header) = fits(&coded) {
                if !code_last && is_sequence(all, sep) {
                    continue;
                }
                return (layout, header);
            }
        }
    }
    let coded: Vec<bool> = all
        .iter()
        .map(|(_, l)| !codes_in(Layout::Worded, l).0.is_empty())
        .collect();
    match fits(&coded) {
        Some(header) => (Layout::Worded, header),
        None => (Layout::Unrecognised, false),
    }
}

/// Whether nearly every line has a code: `Some(true)` when the first line has none and is a
/// header, `Some(false)` when all lines are read as records, `None` when the layout does not fit.
fn fits(coded: &[bool]) -> Option<bool> {
    let hits = coded.iter().filter(|c| **c).count();
    if !coded[0] && coded.len() > 1 && nearly_all(hits, coded.len() - 1) {
        return Some(true);
    }
    nearly_all(hits, coded.len()).then_some(false)
}

/// The first fields count 1, 2, 3…: record numbers, not codes.
fn is_sequence(all: &[(u32, &[u8])], sep: u8) -> bool {
    all.len() > 2
        && all.windows(2).all(|w| {
            let n = |l: &[u8]| {
                std::str::from_utf8(l.split(|b| *b == sep).next().unwrap_or(b""))
                    .ok()?
                    .trim()
                    .parse::<u64>()
                    .ok()
            };
            matches!((n(w[0].1), n(w[1].1)), (Some(a), Some(b)) if b == a + 1)
        })
}

fn reject(layout: Layout, line: u32, l: &[u8]) -> Rejected {
    let (codes, record) = codes_in(layout, l);
    let record = if codes.is_empty() { l.to_vec() } else { record };
    Rejected {
        line,
        codes,
        text: decode(l).into_owned(),
        record,
    }
}

/// The codes of one line under `layout`, and the record without them (empty when no code).
fn codes_in(layout: Layout, l: &[u8]) -> (Vec<String>, Vec<u8>) {
    match layout {
        Layout::Delimited { separator, code_last } => {
            let fields: Vec<&[u8]> = l.split(|b| *b == separator).collect();
            if fields.len() < 2 {
                return (Vec::new(), Vec::new());
            }
            // A trailing separator leaves an empty last field: the code is the one before.
            let mut at = if code_last { fields.len() - 1 } else { 0 };
            if code_last && fields[at].iter().all(u8::is_ascii_whitespace) {
                at -= 1;
            }
            let Some(codes) = code_list(&decode(fields[at]), separator) else {
                return (Vec::new(), Vec::new());
            };
            let rest: Vec<&[u8]> = fields
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, f)| *f)
                .collect();
            (codes, rest.join(&separator))
        }
        Layout::Worded => {
            let text = decode(l).to_lowercase();
            for word in ["error", "código", "codigo", "cod."] {
                let Some(pos) = text.find(word) else { continue };
                // "error 103", "error: E07", "error nro. 103": one of the next two words.
                let after = &text[pos + word.len()..];
                let words = after.split(|c: char| c.is_whitespace() || matches!(c, ':' | '#' | '=' | '.' | ','));
                if let Some(code) = words.filter(|w| !w.is_empty()).take(2).find(|w| is_code(w)) {
                    return (vec![code.to_uppercase()], l.to_vec());
                }
            }
            (Vec::new(), Vec::new())
        }
        Layout::Unrecognised => (Vec::new(), Vec::new()),
    }
}

/// One or more codes in a field (`E01`, `103`, `E01 E05`, `03/15`), or `None`.
fn code_list(field: &str, separator: u8) -> Option<Vec<String>> {
    let splitters = |c: char| c == ' ' || c == '/' || c == '+' || (c == ',' && separator != b',');
    let codes: Vec<String> = field
        .split(splitters)
        .filter(|t| !t.is_empty())
        .map(str::to_uppercase)
        .collect();
    (!codes.is_empty() && codes.len() <= 10 && codes.iter().all(|c| is_code(c))).then_some(codes)
}

/// A short code: up to 4 letters, an optional `-`, then 1 to 4 digits.
fn is_code(token: &str) -> bool {
    let letters = token.bytes().take_while(u8::is_ascii_alphabetic).count();
    let rest = &token[letters..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    letters <= 4 && (1..=4).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &[u8])]) -> Vec<(String, Vec<u8>)> {
        list.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect()
    }

    #[test]
    fn names_of_the_manuals_examples() {
        assert_eq!(kind_of("999998-201707.err"), Some((Kind::Err, "999998-201707")));
        assert_eq!(kind_of("C:\\ftp\\999998-P.txt.OK"), Some((Kind::Ok, "999998-P.txt")));
        assert_eq!(kind_of("999998-P.txt"), None);
        assert_eq!(kind_of(".ok"), None);
        assert_eq!(
            about("999998-201707").as_deref(),
            Some("RNOS 999998, período 201707 (Padrón)")
        );
        assert_eq!(
            about("999998-P.txt").as_deref(),
            Some("RNEMP 999998, archivo P.txt (Prepagas)")
        );
        assert_eq!(about("respuesta"), None);
    }

    #[test]
    fn a_pair_counts_accepted_and_rejected_with_codes_last() {
        let ok: &[u8] = b"20123456789|PEREZ JUAN|1\r\n20234567890|GOMEZ ANA|1\r\n20345678901|DIAZ LUIS|1\r\n\r\n";
        let err: &[u8] = b"27111111111|SOSA MARIA|1|E01\r\n27222222222|RIOS JOSE|2|E05 E01\r\n";
        let (answers, others) = read_answers(&files(&[
            ("999998-201707.ok", ok),
            ("999998-201707.err", err),
            ("notas.txt", b"x"),
        ]));
        assert_eq!(others.len(), 1);
        assert_eq!(
            (
                others[0].code.as_ref(),
                others[0].message.as_str(),
                others[0].value.as_deref()
            ),
            (
                "SSSALUD-RESPUESTA-NOMBRE",
                "notas.txt: no termina en .ok ni .err; no se leyó.",
                Some("notas.txt")
            )
        );
        assert_eq!(answers.len(), 1);
        let a = &answers[0];
        assert_eq!(a.accepted, Some(3));
        let e = a.err.as_ref().unwrap();
        assert_eq!(
            e.layout,
            Layout::Delimited {
                separator: b'|',
                code_last: true
            }
        );
        assert_eq!(e.rejected.len(), 2);
        assert_eq!(e.rejected[1].codes, ["E05", "E01"]);
        assert_eq!(e.codes, [("E01".to_string(), 2), ("E05".to_string(), 1)]);
        let (name, bytes) = a.rejected_file().unwrap();
        assert_eq!(name, "999998-201707.rechazados.txt");
        assert_eq!(bytes, b"27111111111|SOSA MARIA|1\r\n27222222222|RIOS JOSE|2\r\n");
    }

    #[test]
    fn codes_first_a_header_and_a_trailing_separator() {
        let err = b"codigo;cuil;nombre\n103;20123456789;PE\xd1A\n104;20234567890;GOMEZ\n";
        let e = read_err(err);
        assert_eq!(
            e.layout,
            Layout::Delimited {
                separator: b';',
                code_last: false
            }
        );
        assert_eq!(e.header.as_deref(), Some("codigo;cuil;nombre"));
        assert_eq!(e.rejected[0].line, 2);
        assert_eq!(e.rejected[0].text, "103;20123456789;PEÑA");
        assert_eq!(e.rejected[0].record, b"20123456789;PE\xd1A", "original bytes kept");
        let e = read_err(b"a|b|E01|\nc|d|E02|\n");
        assert_eq!(e.rejected[0].codes, ["E01"]);
        assert_eq!(e.rejected[0].record, b"a|b|");
    }

    #[test]
    fn record_numbers_are_not_codes() {
        let e = read_err(b"1|20123456789|X\n2|20234567890|Y\n3|20345678901|Z\n");
        assert_eq!(e.layout, Layout::Unrecognised);
        assert_eq!(e.rejected.len(), 3);
        assert!(e.rejected.iter().all(|r| r.codes.is_empty()));
        assert_eq!(e.rejected[0].record, b"1|20123456789|X", "shown and kept as it is");
    }

    #[test]
    fn worded_codes_and_unknown_layouts() {
        let e = read_err(b"Registro 1: Error 103 - CUIL inexistente\nRegistro 2: error: E07 fecha\n");
        assert_eq!(e.layout, Layout::Worded);
        let codes: Vec<_> = e.rejected.iter().map(|r| r.codes.clone()).collect();
        assert_eq!(codes, [vec!["103".to_string()], vec!["E07".to_string()]]);
        let e = read_err(b"PEREZ JUAN 20123456789\nGOMEZ ANA 20234567890\n");
        assert_eq!(e.layout, Layout::Unrecognised);
        assert_eq!(e.rejected[1].text, "GOMEZ ANA 20234567890");
        assert!(e.codes.is_empty());
        let e = read_err(b"");
        assert_eq!((e.layout, e.rejected.len()), (Layout::Unrecognised, 0));
    }

    #[test]
    fn never_a_panic() {
        for bytes in [
            &b"\r\r\r"[..],
            b"|",
            b"||\n|",
            b"\xff\xfe|E1",
            b"error",
            b"cod.",
            b";;;;\n;;;E1\n",
            b"\n\n\n",
        ] {
            let _ = read_err(bytes);
        }
        assert!(is_code("ERR-12") && is_code("103") && !is_code("20123456789") && !is_code("ABCDE1") && !is_code("E"));
    }
}
