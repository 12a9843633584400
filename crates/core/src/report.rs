//! The report: every finding about a file, in the shape the CLI prints and the page downloads.
//!
//! `Sink` collects findings while a file is read. It keeps exact counts per code for every
//! finding, and the full text of the first `limit` ones, so a defect repeated a million times
//! costs a counter, not a million messages.

use crate::catalogue::Code;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// How many findings a file's report lists in full unless the caller says otherwise.
pub const DEFAULT_LIMIT: usize = 100_000;

pub use crate::diagnostic::{Diagnostic, Severity};
pub use crate::findings::Findings;

impl Diagnostic {
    /// A finding of `code` outside a file's report (a tool's own list of findings): the
    /// entry's severity and title, about the whole file (line 0) until [`Diagnostic::at`] says
    /// where.
    pub fn new(code: &'static Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity,
            code: Cow::Borrowed(code.code),
            title: Cow::Borrowed(code.title),
            line: 0,
            column: None,
            field: None,
            member: None,
            message: message.into(),
            field_name: None,
            value: None,
        }
    }

    /// The same finding with the severity the tool decides (for the entries emitted with two).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The same finding at 1-based `line` (and `column`).
    pub fn at(mut self, line: u64, column: Option<u32>) -> Self {
        self.line = line;
        self.column = column;
        self
    }
}

/// The report of one file.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FileReport {
    pub path: String,
    /// The format's identifier (e.g. `smcs-consulta`), `null` when not recognised.
    pub format: Option<Cow<'static, str>>,
    /// The format's name for people.
    pub format_name: Option<Cow<'static, str>>,
    pub valid: bool,
    /// Records read (non-empty lines).
    pub records: u64,
    pub error_count: u64,
    pub warning_count: u64,
    /// Exact number of findings per code, including those not listed.
    pub counts: BTreeMap<Cow<'static, str>, u64>,
    /// True when `errors` lists fewer findings than the counts add up to.
    pub truncated: bool,
    /// The findings, errors and warnings, in the order they were found.
    pub errors: Vec<Diagnostic>,
    /// What the format says about the file's content for people (an answer's people, a
    /// report's denials), each under its own key of the JSON, after `errors`.
    #[serde(flatten)]
    pub summaries: Summaries,
}

/// One kind of finding of a file, for people: its catalogue entry, how many there are, the
/// first lines where, and the first one's message (which says what to do there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub code: String,
    pub title: String,
    pub severity: Severity,
    pub count: u64,
    /// The first lines where it is, in order, without repeats (0: the file as a whole).
    pub lines: Vec<u64>,
    /// Whether it is found on other lines too.
    pub more: bool,
    pub message: String,
}

impl Problem {
    /// «Tipo de documento no permitido — líneas 5 y 6».
    pub fn headline(&self) -> String {
        format!("{} — {}", self.title, lines_phrase(self.count, &self.lines, self.more))
    }
}

/// Where `count` findings of a kind are, in words: «línea 4», «líneas 5 y 6», «1234 veces:
/// líneas 4, 9, 12 y más» — `lines` the first lines in order, each once, `more` when there are
/// others; line 0 is the file as a whole (its name, its being empty, its archive).
pub fn lines_phrase(count: u64, lines: &[u64], more: bool) -> String {
    let numbers: Vec<String> = lines
        .iter()
        .filter(|&&l| l > 0)
        .map(|&l| crate::text::thousands(l))
        .collect();
    let mut places = String::new();
    if lines.first() == Some(&0) {
        places.push_str("el archivo");
    }
    if !numbers.is_empty() {
        let noun = if numbers.len() == 1 && !more {
            "línea"
        } else {
            "líneas"
        };
        if !places.is_empty() {
            places.push_str(", ");
        }
        places.push_str(&format!("{noun} {}", in_words(&numbers, more)));
    } else if more && !places.is_empty() {
        places.push_str(" y otras líneas");
    }
    let each_once = !more && count == lines.len() as u64;
    match (places.is_empty(), each_once) {
        (true, _) => plural(count, "vez", "veces"),
        (false, true) => places,
        (false, false) => format!("{}: {places}", plural(count, "vez", "veces")),
    }
}

/// «4», «5 y 6», «4, 9 y 12»; «4, 9, 12 y más» when there are more.
fn in_words(items: &[String], more: bool) -> String {
    match (items, more) {
        (_, true) => format!("{} y más", items.join(", ")),
        ([], false) => String::new(),
        ([one], false) => one.clone(),
        ([rest @ .., last], false) => format!("{} y {last}", rest.join(", ")),
    }
}

impl FileReport {
    /// What is wrong with the file, a [`Problem`] per code in the order first found, each with
    /// up to `lines` lines; from the findings listed in `errors` and the exact `counts`.
    pub fn problems(&self, lines: usize) -> Vec<Problem> {
        let mut out: Vec<Problem> = Vec::new();
        for d in &self.errors {
            let i = match out.iter().position(|p| p.code == d.code) {
                Some(i) => i,
                None => {
                    out.push(Problem {
                        code: d.code.to_string(),
                        title: d.title.to_string(),
                        severity: d.severity,
                        count: self.counts.get(&d.code).copied().unwrap_or(0),
                        lines: Vec::new(),
                        more: false,
                        message: d.message.clone(),
                    });
                    out.len() - 1
                }
            };
            let p = &mut out[i];
            if !p.lines.contains(&d.line) {
                if p.lines.len() < lines {
                    p.lines.push(d.line);
                } else {
                    p.more = true;
                }
            }
        }
        for p in &mut out {
            let listed = self.errors.iter().filter(|d| d.code == p.code).count() as u64;
            p.more |= p.count > listed;
        }
        out
    }
}

/// A file's report and, beside it, every finding its sink kept (compactly, in the order
/// found). None of them is listed in the report's `errors` until [`Kept::listed`] or
/// [`Kept::into_listed`] says how many.
#[derive(Debug, Clone)]
pub struct Kept {
    pub report: FileReport,
    pub findings: Findings,
}

impl Kept {
    /// Adds a finding about the file as a whole, found after its check (e.g. of the signed
    /// envelope it came in): counted, kept, and the verdict updated.
    pub fn add(&mut self, code: &'static Code, message: &str) {
        let r = &mut self.report;
        *r.counts.entry(Cow::Borrowed(code.code)).or_insert(0) += 1;
        match code.severity {
            Severity::Error => {
                r.error_count += 1;
                r.valid = false;
            }
            Severity::Warning | Severity::Note => r.warning_count += 1,
        }
        self.findings.push(code.severity, code, 0, None, None, message, None);
    }

    /// The first `cap` findings found (all that were kept, at most), in reading order.
    fn first(&self, cap: usize) -> Vec<Diagnostic> {
        let f = &self.findings;
        f.reading_order(cap)
            .into_iter()
            .filter_map(|i| f.get(i as usize))
            .collect()
    }

    /// A copy of the report that lists its first `cap` findings, and says whether that is
    /// fewer than were found; `self` is left as it was.
    pub fn listed(&self, cap: usize) -> FileReport {
        let mut copy = self.report.clone();
        copy.errors = self.first(cap);
        copy.truncated = (copy.errors.len() as u64) < copy.error_count + copy.warning_count;
        copy
    }

    /// The report listing every kept finding, the compact copy let go: the report as the CLI
    /// prints it.
    pub fn into_listed(self) -> FileReport {
        let errors = self.first(usize::MAX);
        let mut report = self.report;
        report.truncated = (errors.len() as u64) < report.error_count + report.warning_count;
        report.errors = errors;
        report
    }
}

/// A format's summaries of a file, as plain data: each a key of the file's JSON report (e.g.
/// `summary`, `denials`) and its value, in the order they were added. The report carries them
/// without knowing their types; the format that wrote one reads it back with [`Summaries::get`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summaries(Vec<(Cow<'static, str>, serde_json::Value)>);

impl Summaries {
    /// Adds (or replaces) the summary under `key`.
    pub fn insert<T: Serialize>(&mut self, key: &'static str, value: &T) {
        let Ok(value) = serde_json::to_value(value) else {
            return;
        };
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((Cow::Borrowed(key), value)),
        }
    }

    /// The summary under `key`, as the type that wrote it.
    pub fn get<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
        let (_, value) = self.0.iter().find(|(k, _)| k == key)?;
        T::deserialize(value).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Summaries {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Summaries {
    /// Every key of the file's report that is not one of its own fields.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = Summaries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of summaries")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Summaries, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, serde_json::Value>()? {
                    if !v.is_null() {
                        out.push((Cow::Owned(k), v));
                    }
                }
                Ok(Summaries(out))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// The whole document `planos check --format json` prints.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
}

impl Report {
    /// The JSON document, exactly as the CLI prints it and the page downloads it (with a final newline).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string(self).unwrap_or_else(|_| String::from("{\"files\":[]}"));
        s.push('\n');
        s
    }

    pub fn all_valid(&self) -> bool {
        self.files.iter().all(|f| f.valid)
    }
}

/// "1 error", "3 errores", "500 000 registros": a count with its noun, for people (the
/// number as [`crate::text::thousands`] writes it).
pub fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", crate::text::thousands(n))
    }
}

/// Where a finding is: line, and field number with its annex name.
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    pub line: u64,
    pub field: Option<(u32, &'static str)>,
    pub value: Option<&'a [u8]>,
}

impl<'a> At<'a> {
    pub fn file() -> Self {
        At {
            line: 0,
            field: None,
            value: None,
        }
    }
    pub fn line(line: u64) -> Self {
        At {
            line,
            field: None,
            value: None,
        }
    }
    pub fn field(line: u64, no: u32, name: &'static str, value: &'a [u8]) -> Self {
        At {
            line,
            field: Some((no, name)),
            value: Some(value),
        }
    }
    pub fn with_value(mut self, value: &'a [u8]) -> Self {
        self.value = Some(value);
        self
    }
}

/// Collects findings with exact counts and a cap on how many are kept in full.
#[derive(Debug)]
pub struct Sink {
    limit: usize,
    member: Option<String>,
    findings: Findings,
    counts: BTreeMap<&'static str, u64>,
    errors: u64,
    warnings: u64,
}

impl Sink {
    pub fn new(limit: usize) -> Self {
        Sink {
            limit,
            member: None,
            findings: Default::default(),
            counts: BTreeMap::new(),
            errors: 0,
            warnings: 0,
        }
    }

    /// Records a finding of `code`, with the severity its catalogue entry says; `message` is
    /// only built when the finding is kept in full.
    pub fn emit(&mut self, code: &'static Code, at: At<'_>, message: impl FnOnce() -> String) {
        self.emit_as(code.severity, code, at, message);
    }

    /// Records a finding of `code` with a severity the format decides (the section-2 rules are
    /// warnings in the files the Ministry sends back; see the entry's explanation).
    pub fn emit_as(&mut self, severity: Severity, code: &'static Code, at: At<'_>, message: impl FnOnce() -> String) {
        *self.counts.entry(code.code).or_insert(0) += 1;
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning | Severity::Note => self.warnings += 1,
        }
        if self.findings.len() < self.limit {
            let value = at.value.map(crate::text::display);
            let member = self.member.as_deref();
            self.findings
                .push(severity, code, at.line, at.field, member, &message(), value.as_deref());
        }
    }

    /// Errors found so far.
    pub fn error_count(&self) -> u64 {
        self.errors
    }

    /// An empty sink that keeps as many findings in full and names the same member.
    pub(crate) fn sibling(&self) -> Sink {
        let mut sink = Sink::new(self.limit);
        sink.member = self.member.clone();
        sink
    }

    /// Finds again, in order, the findings `other` kept from its `from`-th on, up to those
    /// of line `line`; returns where it stopped. Their counts are [`Sink::absorb_counts`]'s.
    pub(crate) fn replay(&mut self, other: &Sink, mut from: usize, line: u64) -> usize {
        while other.findings.line(from).is_some_and(|l| l <= line) {
            if self.findings.len() < self.limit {
                self.findings.push_from(&other.findings, from);
            }
            from += 1;
        }
        from
    }

    /// Adds the counts of every finding of `other`, kept or not.
    pub(crate) fn absorb_counts(&mut self, other: &Sink) {
        for (&code, &n) in &other.counts {
            *self.counts.entry(code).or_insert(0) += n;
        }
        self.errors += other.errors;
        self.warnings += other.warnings;
    }

    /// Names the archive member that the findings to come concern.
    pub fn set_member(&mut self, member: Option<String>) {
        self.member = member;
    }

    /// Closes the sink into a file's report, its findings kept beside it but not yet listed
    /// ([`Kept::listed`]).
    pub fn into_report(self, path: &str, format: Option<(&'static str, &'static str)>, records: u64) -> Kept {
        let report = FileReport {
            path: path.to_string(),
            format: format.map(|(id, _)| Cow::Borrowed(id)),
            format_name: format.map(|(_, name)| Cow::Borrowed(name)),
            valid: self.errors == 0,
            records,
            error_count: self.errors,
            warning_count: self.warnings,
            counts: self.counts.into_iter().map(|(k, v)| (Cow::Borrowed(k), v)).collect(),
            truncated: false,
            errors: Vec::new(),
            summaries: Summaries::default(),
        };
        Kept {
            report,
            findings: self.findings,
        }
    }
}

impl Report {
    /// The report of `files` with every finding they kept listed: the report as the CLI
    /// prints it.
    pub fn listed(files: impl IntoIterator<Item = Kept>) -> Report {
        Report {
            files: files.into_iter().map(Kept::into_listed).collect(),
        }
    }

    /// The findings as CSV for spreadsheets: `;`-separated (the list separator of Spanish
    /// locales), every value quoted, UTF-8 with BOM so Excel shows accents.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{FEFF}archivo;linea;campo;nombre_campo;valor;severidad;codigo;mensaje\r\n");
        let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        for f in &self.files {
            for d in &f.errors {
                let severity = crate::catalogue::severity_label(d.severity);
                let row = [
                    q(&f.path),
                    d.line.to_string(),
                    d.field.map(|n| n.to_string()).unwrap_or_default(),
                    q(d.field_name.as_deref().unwrap_or("")),
                    q(d.value.as_deref().unwrap_or("")),
                    severity.to_string(),
                    d.code.to_string(),
                    q(&d.message),
                ];
                out.push_str(&row.join(";"));
                out.push_str("\r\n");
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_findings_are_in_words() {
        assert_eq!(lines_phrase(1, &[4], false), "línea 4");
        assert_eq!(lines_phrase(2, &[5, 6], false), "líneas 5 y 6");
        assert_eq!(lines_phrase(3, &[4, 9, 12], false), "líneas 4, 9 y 12");
        assert_eq!(
            lines_phrase(1234, &[4, 9, 12_345], true),
            "1234 veces: líneas 4, 9, 12\u{A0}345 y más"
        );
        assert_eq!(lines_phrase(2, &[6], false), "2 veces: línea 6");
        assert_eq!(lines_phrase(1, &[0], false), "el archivo");
        assert_eq!(lines_phrase(2, &[0, 3], false), "el archivo, línea 3");
    }

    #[test]
    fn problems_group_findings_by_code_in_the_order_found() {
        let mut sink = Sink::new(DEFAULT_LIMIT);
        let at = |line| At::line(line);
        for line in [5, 6, 6, 9] {
            sink.emit(&crate::catalogue::CAMPO_VALOR, at(line), || {
                format!("valor de la línea {line}")
            });
        }
        sink.emit(&crate::catalogue::TEXTO_BOM, at(1), || "BOM".to_string());
        let report = sink.into_report("f", None, 9).into_listed();
        let p = report.problems(2);
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].code.as_str(), p[0].count, p[0].lines.as_slice()),
            ("TEXTO-BOM", 1, &[1][..])
        );
        assert_eq!(
            p[1].headline(),
            "Valor no permitido en el campo — 4 veces: líneas 5, 6 y más"
        );
        assert_eq!(p[1].message, "valor de la línea 5");
    }
}
