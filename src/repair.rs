//! "Corregir": the fixes that cannot change what a flat file says, each counted with examples
//! so the user sees them before accepting. Everything else stays a finding for a person.
//!
//! Fixes (section 2 of both annexes, and the totals and numbering their tables define):
//! UTF-8 to Windows-1252, byte-order mark, end-of-file character, line ends to CRLF, empty
//! lines, upper case, accents (Á→A, Ñ→N), spaces and quotes around fields; the control record's
//! total; the RNSE consecutive (Res. 3539/2019, b.2 field 1); the query's control record file
//! name (Res. 1537/2015, 1.2.1.1 field 5); the RNSE file name its control record implies.

use crate::formats::{detect, Format};
use crate::text::plain;

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

/// Repairs the flat file `path` holding `bytes`; `None` for what is not a flat file planos knows.
pub fn repair(path: &str, bytes: &[u8]) -> Option<Repaired> {
    let name = crate::flat::base_name(path);
    let head = &bytes[..bytes.len().min(4096)];
    let (separator, format) = match detect(name, head)? {
        Format::SmcsConsulta => (',', Format::SmcsConsulta),
        Format::Rnse3539 => ('|', Format::Rnse3539),
        Format::SmcsRespuesta => return None,
    };
    let mut log = Log::default();
    let mut text = crate::text::decode(bytes).into_owned();
    if std::str::from_utf8(bytes).is_ok() && !text.trim_start_matches('\u{FEFF}').is_ascii() {
        log.note(Fix::Encoding, || "el archivo estaba grabado en UTF-8".to_string());
    }
    if let Some(rest) = text.strip_prefix('\u{FEFF}') {
        text = rest.to_string();
        log.note(Fix::Bom, || "al principio del archivo".to_string());
    }
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut numbers: Vec<usize> = Vec::new();
    let mut rest = text.as_str();
    let mut line_no = 0usize;
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
        let mut line = line.to_string();
        if line.contains('\u{1A}') {
            line.retain(|c| c != '\u{1A}');
            log.note(Fix::EofChar, || format!("línea {line_no}"));
        }
        if line.trim().is_empty() {
            if !line.is_empty() || !rest.is_empty() {
                log.note(Fix::EmptyLines, || format!("línea {line_no}"));
            }
            continue;
        }
        let fields = line
            .split(separator)
            .enumerate()
            .map(|(f, v)| field(v, line_no, f, &mut log))
            .collect();
        lines.push(fields);
        numbers.push(line_no);
    }
    let mut name = name.to_string();
    match format {
        Format::SmcsConsulta => totals(&mut lines, &numbers, 4, &mut log),
        Format::Rnse3539 => {
            renumber(&mut lines, &numbers, &mut log);
            totals(&mut lines, &numbers, 6, &mut log);
        }
        Format::SmcsRespuesta => {}
    }
    match format {
        Format::SmcsConsulta => control_name(&mut lines, &name, &mut log),
        Format::Rnse3539 => {
            if let Some(implied) = rnse_name(&lines).filter(|n| *n != name) {
                log.note(Fix::FileName, || format!("«{name}» → «{implied}»"));
                name = implied;
            }
        }
        Format::SmcsRespuesta => {}
    }
    let mut out = String::with_capacity(text.len() + lines.len());
    for fields in &lines {
        out.push_str(&fields.join(&separator.to_string()));
        out.push_str("\r\n");
    }
    Some(Repaired {
        name,
        bytes: crate::text::to_ansi(&out),
        applied: log.0,
    })
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

/// The control record (type 1) first field `total` set to the number of detail records (type 2).
fn totals(lines: &mut [Vec<String>], numbers: &[usize], total: usize, log: &mut Log) {
    let details = lines.iter().filter(|f| f[0] == "2").count().to_string();
    if let Some((i, control)) = lines.iter_mut().enumerate().find(|(_, f)| f[0] == "1") {
        if let Some(v) = control.get_mut(total).filter(|v| **v != details) {
            log.note(Fix::Total, || format!("línea {}: {v} → {details}", numbers[i]));
            *v = details;
        }
    }
}

/// RNSE detail records numbered 1, 2, 3… in field 1.
fn renumber(lines: &mut [Vec<String>], numbers: &[usize], log: &mut Log) {
    let mut n = 0u64;
    for (i, f) in lines.iter_mut().enumerate().filter(|(_, f)| f[0] == "2") {
        n += 1;
        let want = n.to_string();
        if let Some(v) = f.get_mut(1).filter(|v| **v != want) {
            log.note(Fix::Consecutive, || format!("línea {}: {v} → {want}", numbers[i]));
            *v = want;
        }
    }
}

/// The query's control record field 5 set to the file's name, when that name is well formed.
fn control_name(lines: &mut [Vec<String>], name: &str, log: &mut Log) {
    let mut sink = crate::report::Sink::new(0);
    crate::names::check_name(&crate::formats::smcs_consulta::NAME, name, &mut sink);
    if sink.error_count() > 0 {
        return;
    }
    if let Some(v) = lines.iter_mut().find(|f| f[0] == "1").and_then(|f| f.get_mut(5)) {
        if v != name {
            log.note(Fix::ControlName, || format!("«{v}» → «{name}»"));
            *v = name.to_string();
        }
    }
}

/// `REC140RNSE` + the period's end + `NI` + the NIT in 12 digits + `.TXT`, from the control record.
fn rnse_name(lines: &[Vec<String>]) -> Option<String> {
    let control = lines.iter().find(|f| f[0] == "1")?;
    let nit = control
        .get(2)
        .filter(|n| !n.is_empty() && n.len() <= 12 && n.bytes().all(|b| b.is_ascii_digit()))?;
    let end = crate::rules::parse_date(control.get(5)?.as_bytes())?;
    Some(format!("REC140RNSE{}NI{nit:0>12}.TXT", crate::rules::date8(end)))
}
