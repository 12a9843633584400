//! "Corregir": the fixes that cannot change what a flat file says, each counted with examples
//! so the user sees them before accepting. Everything else stays a finding for a person.
//!
//! Fixes (section 2 of both annexes, and the totals and numbering their tables define):
//! UTF-8 to Windows-1252, byte-order mark, end-of-file character, line ends to CRLF, empty
//! lines, upper case, accents (Á→A, Ñ→N), spaces and quotes around fields; the control record's
//! total; the RNSE consecutive (Res. 3539/2019, b.2 field 1); the query's control record file
//! name (Res. 1537/2015, 1.2.1.1 field 5), or the file's name when that is the one wrong; the
//! RNSE file name its control record implies.

use crate::codes;
use crate::formats::{by_id, detect, NameLink, Repair};
use planos_core::catalogue::{self, Code};
use planos_core::names::NameSpec;
use planos_core::report::{FileReport, Kept};
use planos_core::text::plain;

/// One kind of fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    Encoding,
    Bom,
    EofChar,
    LineEnds,
    EmptyLines,
    Padding,
    Quotes,
    Accents,
    Case,
    Consecutive,
    Total,
    ControlName,
    FileName,
}

impl Fix {
    /// What the fix does, for people.
    pub fn label(self) -> &'static str {
        match self {
            Fix::Encoding => "Pasar de UTF-8 a ANSI (Windows-1252)",
            Fix::Bom => "Quitar la marca de orden de bytes (BOM) del principio",
            Fix::EofChar => "Quitar el carácter de fin de archivo (Ctrl-Z)",
            Fix::LineEnds => "Terminar cada línea con CRLF",
            Fix::EmptyLines => "Quitar las líneas vacías",
            Fix::Padding => "Quitar los espacios alrededor de los campos",
            Fix::Quotes => "Quitar las comillas alrededor de los campos",
            Fix::Accents => "Quitar tildes y diéresis, Ñ por N",
            Fix::Case => "Pasar a mayúsculas",
            Fix::Consecutive => "Renumerar el consecutivo (1, 2, 3…)",
            Fix::Total => "Poner en el registro de control el total real de registros de detalle",
            Fix::ControlName => "Poner en el registro de control el nombre del archivo",
            Fix::FileName => "Nombrar el archivo como dice su registro de control",
        }
    }
}

/// The findings some fix undoes: "Corregir" is offered for a file that has one of them.
const UNDONE: &[&Code] = &[
    &catalogue::TEXTO_BOM,
    &catalogue::TEXTO_FIN_ARCHIVO,
    &catalogue::TEXTO_LINEA_VACIA,
    &catalogue::TEXTO_RELLENO,
    &catalogue::TEXTO_CODIFICACION,
    &catalogue::TEXTO_MINUSCULAS,
    &catalogue::TEXTO_TILDES,
    &catalogue::TEXTO_COMILLAS,
    &catalogue::NOMBRE_ARCHIVO,
    &codes::SMCS_CTL_TOTAL,
    &codes::SMCS_CTL_NOMBRE,
    &codes::RNSE_CTL_TOTAL,
    &codes::RNSE_CONSECUTIVO,
];

/// Whether "Corregir" has something to correct in a flat file whose findings have `codes`:
/// one that a fix undoes, or a special character (`TEXTO-ESPECIAL`) that is an Ñ — which
/// `enie` says, asked only then, from the findings' values.
pub fn offered<'a>(codes: impl IntoIterator<Item = &'a str>, enie: impl FnOnce() -> bool) -> bool {
    let mut special = false;
    for code in codes {
        if UNDONE.iter().any(|c| c.code == code) {
            return true;
        }
        special |= code == catalogue::TEXTO_ESPECIAL.code;
    }
    special && enie()
}

/// Whether a finding's value holds an Ñ, which "Corregir" writes as N.
pub fn has_enie(value: &str) -> bool {
    value.contains(['Ñ', 'ñ'])
}

/// Whether "Corregir" has something to correct in a checked file: a flat file with a finding
/// a fix undoes (an Ñ among its special characters, by the kept findings' values). The page
/// offers the button by it; `planos firmar` suggests `planos corregir` by it.
pub fn offered_for(f: &Kept) -> bool {
    let flat = f
        .report
        .format
        .as_deref()
        .and_then(by_id)
        .is_some_and(|f| f.flat().is_some());
    let enie = || {
        (0..f.findings.len()).any(|i| {
            f.findings
                .kind(i)
                .is_some_and(|(c, _)| c == catalogue::TEXTO_ESPECIAL.code)
                && f.findings.get(i).and_then(|d| d.value).is_some_and(|v| has_enie(&v))
        })
    };
    flat && refusal(&f.report.path).is_none() && offered(f.report.counts.keys().map(|c| &**c), enie)
}

/// A fix that applied: how often, and the first examples.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub fix: Fix,
    pub count: u64,
    pub examples: Vec<String>,
}

/// The repaired file.
#[derive(Debug, Clone)]
pub struct Repaired {
    pub name: String,
    pub bytes: Vec<u8>,
    pub applied: Vec<Applied>,
    /// For each line of `bytes`, the line of the original it was made from (1-based): lines
    /// are never split, joined or reordered, only blank ones dropped.
    pub origin: Vec<u32>,
}

const EXAMPLES: usize = 3;

#[derive(Default)]
struct Log(Vec<Applied>);

impl Log {
    fn note(&mut self, fix: Fix, example: impl FnOnce() -> String) {
        let i = match self.0.iter().position(|a| a.fix == fix) {
            Some(i) => i,
            None => {
                self.0.push(Applied {
                    fix,
                    count: 0,
                    examples: Vec::new(),
                });
                self.0.len() - 1
            }
        };
        let a = &mut self.0[i];
        a.count += 1;
        if a.examples.len() < EXAMPLES {
            a.examples.push(example());
        }
    }
}

/// Why a file is never repaired, whatever it holds: a signed one (`.p7z`), whose signature any
/// change would break.
pub fn refusal(path: &str) -> Option<&'static str> {
    crate::check::signed_name(path).map(|_| {
        "es un archivo firmado (.p7z): corregirlo rompería su firma. Corrija el archivo original y fírmelo de nuevo"
    })
}

/// Repairs the flat file `path` holding `bytes`; `None` for what is not a flat file planos knows,
/// and for what it must not change ([`refusal`]).
/// One line at a time: besides `bytes`, it holds the text decoded (when it was not UTF-8), the
/// repaired file and the control record, whose total is known only at the end.
pub fn repair(path: &str, bytes: &[u8]) -> Option<Repaired> {
    if refusal(path).is_some() {
        return None;
    }
    let name = planos_core::names::base_name(path);
    let head = &bytes[..bytes.len().min(4096)];
    let format = detect(name, head)?;
    let (flat, file_name) = (format.flat()?, format.file_name);
    let separator = char::from(flat.tables.separator);
    let mut log = Log::default();
    // A byte-order mark is removed as one whatever the encoding of the text after it (an
    // editor may write the UTF-8 mark, then the text in Windows-1252); that text is decoded
    // by what it is.
    let body = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(after) => {
            log.note(Fix::Bom, || "al principio del archivo".to_string());
            after
        }
        None => bytes,
    };
    let text = planos_core::text::decode(body);
    if std::str::from_utf8(body).is_ok() && !text.is_ascii() {
        log.note(Fix::Encoding, || "el archivo estaba grabado en UTF-8".to_string());
    }
    let mut rest: &str = &text;
    let mut file = Lines {
        control_type: flat.tables.records.first().map(|r| (r.type_code, r.fields.len())),
        detail_type: flat.tables.records.get(1).map(|r| (r.type_code, r.fields.len())),
        repair: &flat.repair,
        sep: separator,
        out: Vec::with_capacity(rest.len() + rest.len() / 8),
        origin: Vec::new(),
        control: None,
        details: 0,
    };
    // The fixes that look across records are noted after those of the fields, as the user
    // reads them: the consecutive as it goes, the control record's at the end.
    let mut late = Log::default();
    let mut line_no = 0usize;
    let mut fields: Vec<String> = Vec::new();
    while !rest.is_empty() {
        line_no += 1;
        let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        let (line, tail) = rest.split_at(end);
        rest = if let Some(t) = tail.strip_prefix("\r\n") {
            t
        } else {
            if !tail.is_empty() || !line.trim_end_matches('\u{1A}').is_empty() {
                log.note(Fix::LineEnds, || format!("línea {line_no}"));
            }
            &tail[tail.len().min(1)..]
        };
        // Blank as the check sees it: spaces only, once the end-of-file characters that end
        // it are gone. A blank line is no record and is dropped; any other line stays a record.
        let blank = line.trim_end_matches('\u{1A}').bytes().all(|b| b == b' ');
        let cleaned = line.replace('\u{1A}', "");
        // A record that the fixes would leave empty (`""`, `' '`) stays as it is: emptying it
        // would make a blank line of a record.
        let hollow = !blank
            && cleaned
                .split(separator)
                .all(|v| v.trim_matches([' ', '"', '\'']).is_empty());
        fields.clear();
        if hollow {
            fields.extend(line.split(separator).map(str::to_string));
        } else {
            if cleaned.len() != line.len() {
                log.note(Fix::EofChar, || format!("línea {line_no}"));
            }
            if blank {
                if !cleaned.is_empty() || !rest.is_empty() {
                    log.note(Fix::EmptyLines, || format!("línea {line_no}"));
                }
                continue;
            }
            fields.extend(
                cleaned
                    .split(separator)
                    .enumerate()
                    .map(|(f, v)| field(v, line_no, f, &mut log)),
            );
        }
        file.add(&mut fields, line_no, &mut late);
    }
    let mut name = name.to_string();
    if let Some((_, line, control)) = file.control.as_mut() {
        let (line, details) = (*line, file.details.to_string());
        if let Some(v) = control
            .get_mut(flat.repair.total_field)
            .filter(|v| **v != details && is_count(v))
        {
            late.note(Fix::Total, || format!("línea {line}: {v} → {details}"));
            *v = details;
        }
        match flat.repair.name {
            NameLink::ControlHoldsName(field) => {
                if let Some(written) = control_name(control, field, file_name, &name, &mut late) {
                    late.note(Fix::FileName, || format!("«{name}» → «{written}»"));
                    name = written;
                }
            }
            NameLink::ControlNamesFile(implied) => {
                if let Some(implied) = implied(control).filter(|n| *n != name) {
                    late.note(Fix::FileName, || format!("«{name}» → «{implied}»"));
                    name = implied;
                }
            }
        }
    }
    log.0.append(&mut late.0);
    let (bytes, origin) = file.finish();
    Some(Repaired {
        name,
        bytes,
        applied: log.0,
        origin,
    })
}

/// The repaired file as it is written, a record at a time, in Windows-1252.
struct Lines {
    /// The record types of the control record and the detail records (the tables' first two).
    /// Each with its number of fields: a record of another shape is written as it is, since
    /// which of its fields is the total or the consecutive cannot be known.
    control_type: Option<(&'static str, usize)>,
    detail_type: Option<(&'static str, usize)>,
    repair: &'static Repair,
    sep: char,
    out: Vec<u8>,
    /// The original line of each line of `out`.
    origin: Vec<u32>,
    /// The first control record (type 1): where it goes in `out`, its line and its fields.
    control: Option<(usize, usize, Vec<String>)>,
    /// Detail records (type 2) so far.
    details: u64,
}

impl Lines {
    /// One record's repaired fields: a detail's consecutive renumbered (the RNSE's, Res.
    /// 3539/2019, b.2 field 1), the first control record kept for the end, any other written.
    fn add(&mut self, fields: &mut Vec<String>, line: usize, log: &mut Log) {
        let record = Some((fields[0].as_str(), fields.len()));
        if record == self.control_type && self.control.is_none() {
            self.control = Some((self.out.len(), line, std::mem::take(fields)));
            self.origin.push(line as u32);
            return;
        }
        let detail = self.detail_type.map(|(t, _)| t);
        if Some(fields[0].as_str()) == detail {
            self.details += 1;
        }
        if record == self.detail_type {
            let want = self.details.to_string();
            if let Some(v) = self
                .repair
                .consecutive_field
                .and_then(|f| fields.get_mut(f))
                .filter(|v| **v != want && is_count(v))
            {
                log.note(Fix::Consecutive, || format!("línea {line}: {v} → {want}"));
                *v = want;
            }
        }
        write_record(&mut self.out, fields, self.sep);
        self.origin.push(line as u32);
    }

    /// The file, its control record put back where it was; and each line's origin.
    fn finish(mut self) -> (Vec<u8>, Vec<u32>) {
        if let Some((at, _, fields)) = self.control {
            let mut record = Vec::new();
            write_record(&mut record, &fields, self.sep);
            self.out.splice(at..at, record);
        }
        (self.out, self.origin)
    }
}

/// Whether a total or a consecutive holds a count, perhaps wrong, rather than nothing or
/// another field's value shifted into its place (then it is left for a person).
fn is_count(v: &str) -> bool {
    !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())
}

/// `fields` joined by `sep` and ended with CRLF, in Windows-1252.
fn write_record(out: &mut Vec<u8>, fields: &[String], sep: char) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(sep as u8);
        }
        planos_core::text::push_ansi(out, f);
    }
    out.extend_from_slice(b"\r\n");
}

/// One field without padding, quotes, accents and lower case.
fn field(value: &str, line: usize, no: usize, log: &mut Log) -> String {
    let at = |v: &str, w: &str| format!("línea {line}, campo {no}: «{v}» → «{w}»");
    let mut v = value.to_string();
    let trimmed = v.trim_matches(' ');
    if trimmed.len() != v.len() {
        let t = trimmed.to_string();
        log.note(Fix::Padding, || at(&v, &t));
        v = t;
    }
    let quoted = |v: &str| {
        ['"', '\'']
            .iter()
            .any(|&q| v.len() >= 2 && v.starts_with(q) && v.ends_with(q))
    };
    if quoted(&v) {
        let mut t = v.as_str();
        while quoted(t) {
            t = t[1..t.len() - 1].trim_matches(' ');
        }
        let t = t.to_string();
        log.note(Fix::Quotes, || at(&v, &t));
        v = t;
    }
    if v.chars().any(|c| plain(c) != c) {
        let t: String = v.chars().map(plain).collect();
        log.note(Fix::Accents, || at(&v, &t));
        v = t;
    }
    if v.chars().any(|c| c.is_lowercase()) {
        let t = v.to_uppercase();
        log.note(Fix::Case, || at(&v, &t));
        v = t;
    }
    v
}

/// The control record's `field` set to the file's name (the query's field 5, Res. 1537/2015,
/// 1.2.1.1), when that name is well formed; when it is not and the field holds a well-formed
/// name, that is the name the file must have, and it is returned.
fn control_name(control: &mut [String], field: usize, grammar: &NameSpec, name: &str, log: &mut Log) -> Option<String> {
    if grammar.parse(name).is_none() {
        return control.get(field).filter(|v| grammar.parse(v).is_some()).cloned();
    }
    // An empty one is left for a person, like an empty total: "Corregir" corrects, it does
    // not fill in.
    // A value the check cannot read as a name (too long, odd characters) is left for a person
    // too: it may be another field shifted into this place.
    let readable = |v: &String| {
        !v.is_empty()
            && v.len() <= name.len()
            && v.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || " -.".contains(c))
    };
    if let Some(v) = control.get_mut(field).filter(|v| readable(v)) {
        if v != name {
            log.note(Fix::ControlName, || format!("«{v}» → «{name}»"));
            *v = name.to_string();
        }
    }
    None
}

/// A finding of the repaired file that the original did not have: "Corregir" made it worse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worse {
    /// The repaired file's line (0: the file as a whole).
    pub line: u64,
    pub code: String,
}

/// The findings of `after` (the report of `repaired`) that `before` (the original's, both
/// listing every finding) did not have: a code about the file the original's report lacks, or
/// a code at a line whose original line did not carry it, or a different record count. A line
/// whose original had a section-2 finding (`TEXTO-*`) is not compared: the check looks no
/// further into a line whose characters are wrong, so fixing them can only show what was there.
/// A finding about the whole file may move to another line when lines are dropped (a control
/// record's total): it only has to be one the original had somewhere.
/// For the same reason, when the original had a line the check did not look into (a control
/// record, say), the format's rules across records (a second control record, a detail's entity
/// against the control's) may show once it is readable: then only the generic checks of each
/// line (`TEXTO-*`, `REGISTRO-*`, `CAMPO-*`) are compared.
pub fn worse(before: &FileReport, repaired: &Repaired, after: &FileReport) -> Vec<Worse> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut had: BTreeMap<u64, BTreeSet<&str>> = BTreeMap::new();
    for f in &before.errors {
        had.entry(f.line).or_default().insert(&f.code);
    }
    let anywhere: BTreeSet<&str> = had.values().flatten().copied().collect();
    let masked = had
        .iter()
        .any(|(&l, codes)| l > 0 && codes.iter().any(|c| c.starts_with("TEXTO-")));
    let none = BTreeSet::new();
    let mut out = Vec::new();
    if before.records != after.records {
        out.push(Worse {
            line: 0,
            code: "REGISTROS".to_string(),
        });
    }
    for f in &after.errors {
        let line = match f.line {
            0 => 0,
            l => repaired.origin.get(l as usize - 1).map_or(0, |&o| u64::from(o)),
        };
        let at = had.get(&line).unwrap_or(&none);
        if line > 0 && at.iter().any(|c| c.starts_with("TEXTO-")) {
            continue;
        }
        let moved = line > 0 && !at.is_empty() && anywhere.contains(&*f.code);
        let generic = ["TEXTO-", "REGISTRO-", "CAMPO-"].iter().any(|p| f.code.starts_with(p));
        if !at.contains(&*f.code) && !moved && (generic || !masked) {
            out.push(Worse {
                line: f.line,
                code: f.code.to_string(),
            });
        }
    }
    out
}
