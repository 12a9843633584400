//! Delimited flat files: a format's tables ([`FlatFormat`]), the rules a format adds
//! ([`CrossRules`]), and the per-line work of the generic checker ([`LineState`], driven by
//! [`crate::checker::FlatChecker`], or by [`crate::parallel`] on several threads).
//!
//! For each line it applies section 2 (characters, separator, empty lines, end-of-file
//! character, byte-order mark), finds the record type from field 0, checks the field count,
//! runs every field through [`check_field`], and hands the record to the format's
//! [`CrossRules`] for what no table can say (totals, names, per-type rules).

use crate::catalogue::{self, Code};
use crate::names::{NameParts, NameSpec};
use crate::report::{At, FileReport, Kept, Severity, Sink};
use crate::rules::{check_field, cite, Kind, RecordSpec};
use crate::scan::{fields, Fields};
use crate::text::{char_problems, describe, CharProblem, Line, EOF_CHAR, UTF8_BOM};

/// More fields than this in one line are counted but not looked at one by one.
const MAX_FIELDS: usize = 64;

/// A delimited flat-file format: its annex tables as data.
#[derive(Debug)]
pub struct FlatFormat {
    /// Stable identifier used in the JSON report (e.g. `smcs-consulta`).
    pub id: &'static str,
    /// The name people know it by.
    pub name: &'static str,
    /// The resolution, for citations ("Res. 1537/2015").
    pub source: &'static str,
    pub separator: u8,
    /// The separator as the annex names it, for messages ("coma (,)").
    pub separator_name: &'static str,
    /// The section with the characteristics of flat files ("2").
    pub text_section: &'static str,
    /// How the section-2 character rules weigh: errors in files the user sends, warnings in
    /// files the Ministry sends back (the user cannot fix those; integrity is what counts there).
    pub text_severity: Severity,
    /// The file-name grammar, when the file's own name is governed by it.
    pub file_name: Option<&'static NameSpec>,
    /// The field that says the record type (0 in every annex but the `.INFO` control file).
    pub type_field: usize,
    pub records: &'static [RecordSpec],
}

impl FlatFormat {
    /// Citation of a rule of the section on flat-file characteristics ("literal b").
    fn text_rule(&self, literal: &str) -> String {
        cite(self.source, &format!("{}, literal {literal}", self.text_section))
    }

    fn record_spec(&self, type_value: &[u8]) -> Option<&'static RecordSpec> {
        self.records
            .iter()
            .find(|r| crate::rules::same(r.type_code, type_value))
    }
}

/// A record that went through the generic checks, as the format's cross-record rules see it.
pub struct Record<'a> {
    pub line: u64,
    pub spec: &'static RecordSpec,
    bytes: &'a [u8],
    /// Start and end of each field found in `bytes` (possibly more or fewer than the spec has).
    ranges: &'a [(u32, u32)],
    /// Bit `i`: spec field `i` is present and free of any defect already reported.
    ok: u64,
}

impl<'a> Record<'a> {
    pub(crate) fn new(
        line: u64,
        spec: &'static RecordSpec,
        bytes: &'a [u8],
        ranges: &'a [(u32, u32)],
        ok: u64,
    ) -> Self {
        Record {
            line,
            spec,
            bytes,
            ranges,
            ok,
        }
    }

    /// Field `no` as found, when present.
    pub fn field(&self, no: usize) -> Option<&'a [u8]> {
        self.ranges.get(no).map(|&(a, b)| &self.bytes[a as usize..b as usize])
    }

    /// The value of field `no` when it passed the generic checks.
    pub fn good(&self, no: usize) -> Option<&'a [u8]> {
        if no < MAX_FIELDS && self.ok & (1 << no) != 0 {
            self.field(no)
        } else {
            None
        }
    }

    /// Where field `no` is, for a finding.
    pub fn at(&self, no: usize) -> At<'a> {
        let name = self.spec.fields.get(no).map_or("", |f| f.name);
        At::field(self.line, no as u32, name, self.field(no).unwrap_or_default())
    }
}

/// What a format adds to the tables: rules across fields and records.
pub trait CrossRules {
    /// Called once, before any record, with the file name's components.
    fn start(&mut self, name: &str, parts: &NameParts, sink: &mut Sink);
    /// The rules that look at one record alone, called for every record whose type is known,
    /// before [`CrossRules::record`]. They only read the rules (the tables they were made
    /// with), so [`crate::parallel`] runs them on the checking threads while no record is being
    /// given to [`CrossRules::record`]; their findings must be at the record's line.
    fn local(&self, _rec: &Record<'_>, _sink: &mut Sink) {}
    /// Called for every record whose type is known, in the file's order.
    fn record(&mut self, rec: &Record<'_>, sink: &mut Sink);
    /// Called once at the end.
    fn finish(&mut self, sink: &mut Sink);
    /// The name the file must have by what its records say (the one its control record
    /// writes or implies), once they have been read; `None` when they say none. A file whose
    /// own name does not follow the grammar gets one finding naming this name instead of one
    /// per component.
    fn implied_name(&self) -> Option<String> {
        None
    }
    /// Adds what the rules gathered (a summary) to the finished report.
    fn complete(&mut self, _report: &mut FileReport) {}
}

/// Checks one file, fed in chunks.
pub trait FileChecker {
    fn feed(&mut self, chunk: &[u8]);
    /// Ends the file: its report, its findings kept beside it.
    fn finish(self: Box<Self>) -> Kept;
}

/// Everything the per-line work mutates, apart from the splitter that lends the lines.
pub(crate) struct LineState {
    pub(crate) sink: Sink,
    pub(crate) records: u64,
    /// Where the fields of the current line are; kept here so no line pays to clear it.
    ranges: [(u32, u32); MAX_FIELDS],
}

/// A line that passed through the generic checks and whose record type is known: what the
/// format's rules are told about it.
pub(crate) struct Checked<'a> {
    pub(crate) spec: &'static RecordSpec,
    /// The line without a byte-order mark or end-of-file characters.
    pub(crate) bytes: &'a [u8],
    /// How many of [`LineState::ranges`] hold its fields.
    pub(crate) kept: usize,
    pub(crate) ok: u64,
}

impl LineState {
    pub(crate) fn new(sink: Sink) -> Self {
        LineState {
            sink,
            records: 0,
            ranges: [(0, 0); MAX_FIELDS],
        }
    }

    /// Where the fields of the last line checked are.
    pub(crate) fn ranges(&self, kept: usize) -> &[(u32, u32)] {
        &self.ranges[..kept]
    }

    /// One line: the generic checks, then the format's rules.
    pub(crate) fn line<R: CrossRules>(&mut self, format: &'static FlatFormat, rules: &mut R, line: Line<'_>) {
        let n = line.number;
        if let Some(c) = self.alone(format, rules, line) {
            rules.record(
                &Record::new(n, c.spec, c.bytes, &self.ranges[..c.kept], c.ok),
                &mut self.sink,
            );
        }
    }

    /// The generic checks of one line and the rules that look at its record alone
    /// ([`CrossRules::local`]); what [`CrossRules::record`] will need to know of it.
    pub(crate) fn alone<'a, R: CrossRules>(
        &mut self,
        format: &'static FlatFormat,
        rules: &R,
        line: Line<'a>,
    ) -> Option<Checked<'a>> {
        let n = line.number;
        let c = self.generic(format, line)?;
        rules.local(
            &Record::new(n, c.spec, c.bytes, &self.ranges[..c.kept], c.ok),
            &mut self.sink,
        );
        Some(c)
    }

    /// Everything section 2 and the record tables say about one line; what the format's rules
    /// need to know when its record type is known. Its findings all carry the line's number.
    /// Kept small for the common line; what is rare is done out of line.
    #[inline(always)]
    fn generic<'a>(&mut self, format: &'static FlatFormat, line: Line<'a>) -> Option<Checked<'a>> {
        let n = line.number;
        let (mut bytes, mut window) = (line.bytes, line.window);
        let usual =
            n > 1 && !line.overflow && bytes.first().is_some_and(|&b| b != b' ') && bytes.last() != Some(&EOF_CHAR);
        if !usual {
            (bytes, window) = self.unusual(format, line)?;
        }
        self.records += 1;

        let sep = format.separator;
        let Fields { count, plain, spaced } = fields(window, bytes.len(), sep, &mut self.ranges);
        let kept = count.min(MAX_FIELDS);
        let ranges = &self.ranges[..kept];
        let field = |i: usize| ranges.get(i).map_or(&[][..], |&(a, b)| &bytes[a as usize..b as usize]);
        let tf = format.type_field;
        let spec = if tf < kept { format.record_spec(field(tf)) } else { None };

        // Section 2: characters (rules b, c, d, f, l) and padding (rule j), field by field,
        // only for lines that have anything but plain characters or have a space.
        let bad = if !plain || (spaced && padded(bytes, sep)) {
            report_chars(&mut self.sink, format, spec, n, bytes, ranges, plain)
        } else {
            0
        };
        let Some(spec) = spec else {
            if tf < kept && bad & (1 << tf) == 0 {
                unknown_type(&mut self.sink, format, n, field(tf));
            }
            return None;
        };
        if count != spec.fields.len() {
            wrong_count(&mut self.sink, format, spec, n, count);
        }
        let mut ok = 0u64;
        for (i, (fspec, &(a, b))) in spec.fields.iter().zip(ranges).enumerate() {
            let value = bytes.get(a as usize..b as usize).unwrap_or_default();
            if bad & (1 << i) == 0 && check_field(fspec, value, n, format.source, spec.section, &mut self.sink) {
                ok |= 1 << i;
            }
        }
        Some(Checked { spec, bytes, kept, ok })
    }

    /// The first line, and any line that is too long, blank, starts with a space or ends with
    /// the end-of-file character: reports what section 2 says of it, and returns the line
    /// without its byte-order mark and end-of-file characters when it is still a record.
    #[cold]
    #[inline(never)]
    fn unusual<'a>(&mut self, format: &'static FlatFormat, line: Line<'a>) -> Option<(&'a [u8], &'a [u8])> {
        let sink = &mut self.sink;
        let n = line.number;
        let (mut bytes, mut window) = (line.bytes, line.window);
        if n == 1 && bytes.starts_with(UTF8_BOM) {
            bytes = &bytes[UTF8_BOM.len()..];
            window = &window[UTF8_BOM.len()..];
            sink.emit_as(format.text_severity, &catalogue::TEXTO_BOM, At::line(1), || {
                format!(
                    "El archivo empieza con la marca de orden de bytes de UTF-8 (BOM); debe grabarse en ANSI (Windows-1252) sin BOM {}.",
                    format.text_rule("b")
                )
            });
        }
        if line.overflow {
            sink.emit(&catalogue::TEXTO_LINEA_LARGA, At::line(n), || {
                format!(
                    "La línea tiene más de {} caracteres: no es un registro de este archivo.",
                    crate::text::MAX_LINE
                )
            });
            return None;
        }
        if bytes.last() == Some(&EOF_CHAR) {
            while bytes.last() == Some(&EOF_CHAR) {
                bytes = &bytes[..bytes.len() - 1];
            }
            sink.emit_as(format.text_severity, &catalogue::TEXTO_FIN_ARCHIVO, At::line(n), || {
                format!(
                    "La línea {n} tiene el carácter de fin de archivo (0x1A, Ctrl-Z); los archivos planos no deben traer carácter de fin de archivo {}.",
                    format.text_rule("l")
                )
            });
            if bytes.is_empty() {
                return None;
            }
        }
        if bytes.iter().all(|&b| b == b' ') {
            sink.emit_as(format.text_severity, &catalogue::TEXTO_LINEA_VACIA, At::line(n), || {
                format!(
                    "La línea {n} está vacía; cada línea debe ser un registro y el archivo no debe tener líneas en blanco {}.",
                    format.text_rule("l")
                )
            });
            return None;
        }
        Some((bytes, window))
    }
}

/// Section 2's character rules (b, c, d, f, l) and padding (rule j), field by field, for a line
/// that has more than plain characters or a space at a field's edge. Returns the fields found
/// wrong, as bits.
#[cold]
#[inline(never)]
fn report_chars(
    sink: &mut Sink,
    format: &FlatFormat,
    spec: Option<&RecordSpec>,
    n: u64,
    bytes: &[u8],
    ranges: &[(u32, u32)],
    plain: bool,
) -> u64 {
    // The fields that hold a byte that is not plain: only they can break a character rule.
    let mut odd = 0u64;
    if !plain {
        let mut field = 0;
        crate::scan::odd_bytes(bytes, format.separator, |at| {
            while ranges.get(field).is_some_and(|&(_, end)| (end as usize) < at) {
                field += 1;
            }
            odd |= 1u64.checked_shl(field as u32).unwrap_or(0);
        });
    }
    let mut bad = 0u64;
    for (i, &(a, b)) in ranges.iter().enumerate() {
        let f = &bytes[a as usize..b as usize];
        let fspec = spec.and_then(|s| s.fields.get(i));
        let (no, name) = (i as u32, fspec.map_or("", |s| s.name));
        if odd & (1 << i) != 0 && fspec.is_none_or(|s| s.kind != Kind::B64) {
            let punct_ok = fspec.is_some_and(|s| s.kind != Kind::A);
            for p in char_problems(f, punct_ok) {
                bad |= 1 << i;
                report_char(sink, format, At::field(n, no, name, f), p);
            }
        }
        if f.first() == Some(&b' ') || f.last() == Some(&b' ') {
            bad |= 1 << i;
            sink.emit_as(format.text_severity, &catalogue::TEXTO_RELLENO, At::field(n, no, name, f), || {
                format!(
                    "El campo {no} tiene espacios al principio o al final; los valores no se completan con espacios {}.",
                    format.text_rule("j")
                )
            });
        }
    }
    bad
}

/// Field 0 (or the format's type field) names no record type of the annex.
#[cold]
#[inline(never)]
fn unknown_type(sink: &mut Sink, format: &FlatFormat, n: u64, first: &[u8]) {
    let tf = format.type_field;
    sink.emit(
        &catalogue::REGISTRO_TIPO,
        At::field(n, tf as u32, "Tipo de registro", first),
        || {
            let types: Vec<String> = format
                .records
                .iter()
                .map(|r| format!("{} ({})", r.type_code, r.name))
                .collect();
            format!(
                "El tipo de registro «{}» no existe en este archivo; debe ser {}.",
                crate::text::display(first),
                types.join(" o ")
            )
        },
    );
}

/// The record has more or fewer fields than its table.
#[cold]
#[inline(never)]
fn wrong_count(sink: &mut Sink, format: &FlatFormat, spec: &RecordSpec, n: u64, count: usize) {
    let want = spec.fields.len();
    sink.emit(&catalogue::REGISTRO_CAMPOS, At::line(n), || {
        format!(
            "El {} (tipo {}) debe tener {want} campos separados por {} y esta línea tiene {count} {}.",
            spec.name,
            spec.type_code,
            format.separator_name,
            cite(format.source, spec.section)
        )
    });
}

/// Whether a space of the line touches a field's edge (the line's ends or a separator): only
/// then can a field be padded (section 2, literal j).
fn padded(bytes: &[u8], sep: u8) -> bool {
    memchr::memchr_iter(b' ', bytes)
        .any(|i| i == 0 || i + 1 == bytes.len() || bytes[i - 1] == sep || bytes[i + 1] == sep)
}

fn report_char(sink: &mut Sink, format: &FlatFormat, at: At<'_>, p: CharProblem) {
    let no = at.field.map_or(0, |f| f.0);
    let src = |lit: &str| format.text_rule(lit);
    let sev = format.text_severity;
    match p {
        CharProblem::Utf8(c) => sink.emit_as(sev, &catalogue::TEXTO_CODIFICACION, at, || {
            format!(
                "El campo {no} tiene el carácter {} codificado en UTF-8; el archivo debe grabarse en ANSI (Windows-1252), en mayúsculas y sin tildes ni caracteres especiales {}.",
                describe(c),
                src("b")
            )
        }),
        CharProblem::Lowercase(c) => sink.emit_as(sev, &catalogue::TEXTO_MINUSCULAS, at, || {
            format!("El campo {no} tiene la minúscula {}; los datos deben ir en MAYÚSCULAS {}.", describe(c), src("c"))
        }),
        CharProblem::Accent(c) => sink.emit_as(sev, &catalogue::TEXTO_TILDES, at, || {
            format!("El campo {no} tiene la letra con tilde {}; los datos van sin tildes {}.", describe(c), src("c"))
        }),
        CharProblem::Quote(c) => sink.emit_as(sev, &catalogue::TEXTO_COMILLAS, at, || {
            format!("El campo {no} tiene comillas ({}); ningún dato va encerrado entre comillas {}.", describe(c), src("f"))
        }),
        CharProblem::Separator(c) => sink.emit_as(sev, &catalogue::TEXTO_SEPARADOR, at, || {
            format!(
                "El campo {no} tiene {}; el único separador de campos es la {} {}.",
                describe(c),
                format.separator_name,
                src("d")
            )
        }),
        CharProblem::EofChar => sink.emit_as(format.text_severity, &catalogue::TEXTO_FIN_ARCHIVO, at, || {
            format!("El campo {no} tiene el carácter de fin de archivo (0x1A, Ctrl-Z) {}.", src("l"))
        }),
        CharProblem::Special(c) => sink.emit_as(sev, &catalogue::TEXTO_ESPECIAL, at, || {
            let hint = if c == 'Ñ' || c == 'ñ' { " (escriba N en lugar de Ñ)" } else { "" };
            format!(
                "El campo {no} tiene el carácter especial {}{hint}; los datos van sin caracteres especiales {}.",
                describe(c),
                src("c")
            )
        }),
    }
}

/// Feeds `bytes` to `checker` as a stream would, cut after each length of `cuts` in turn and
/// the rest in one piece: the tests and the fuzz targets show that no cut changes a report.
pub fn feed_cut(checker: &mut dyn FileChecker, bytes: &[u8], cuts: &[usize]) {
    let mut pos = 0;
    for &cut in cuts {
        let end = (pos + cut).min(bytes.len());
        checker.feed(&bytes[pos..end]);
        pos = end;
    }
    checker.feed(&bytes[pos..]);
}

/// How a format names the control-record findings, and where its annex states the rule.
#[derive(Debug)]
pub struct ControlCodes {
    pub missing: &'static Code,
    pub repeated: &'static Code,
    pub position: &'static Code,
    pub total: &'static Code,
    pub source: &'static str,
    /// The section that describes the file's structure ("un único registro de control").
    pub section: &'static str,
    /// The control record's table, and the number of its total field.
    pub control: &'static RecordSpec,
    pub total_field: usize,
}

/// The rule every annex states for its control record: exactly one, first, with a total equal
/// to the number of detail records. A format keeps one and tells it about every record.
#[derive(Debug, Default)]
pub struct ControlCount {
    first: Option<u64>,
    control: Option<u64>,
    total: Option<(u64, u64)>,
    /// Detail records seen so far.
    pub details: u64,
}

impl ControlCount {
    /// A control record: reports it when it is not the first record or not the only one.
    /// Returns whether its fields should be read (false for a repeated one).
    pub fn control(&mut self, rec: &Record<'_>, codes: &ControlCodes, sink: &mut Sink) -> bool {
        let line = rec.line;
        let first = *self.first.get_or_insert(line);
        if let Some(prev) = self.control {
            sink.emit(codes.repeated, At::line(line), || {
                format!(
                    "Hay otro registro de control en la línea {prev}; el archivo lleva un único registro de control {}.",
                    cite(codes.source, codes.section)
                )
            });
            return false;
        }
        self.control = Some(line);
        if first != line {
            sink.emit(codes.position, At::line(line), || {
                format!(
                    "El registro de control está en la línea {line}; debe ser el primer registro del archivo {}.",
                    cite(codes.source, codes.section)
                )
            });
        }
        if let Some(total) = rec.good(codes.total_field).and_then(crate::rules::digits) {
            self.total = Some((line, total));
        }
        true
    }

    /// A detail record; returns its 1-based position among the detail records.
    pub fn detail(&mut self, rec: &Record<'_>) -> u64 {
        self.first.get_or_insert(rec.line);
        self.details += 1;
        self.details
    }

    /// The control record's total, when it was a number.
    pub fn total(&self) -> Option<u64> {
        self.total.map(|(_, t)| t)
    }

    /// At the end of the file: a missing control record, a total that does not match.
    pub fn finish(&self, codes: &ControlCodes, sink: &mut Sink) {
        if let (Some(first), None) = (self.first, self.control) {
            sink.emit(codes.missing, At::line(first), || {
                format!(
                    "Falta el registro de control (tipo 1): el archivo debe empezar con un único registro de control {}.",
                    cite(codes.source, codes.section)
                )
            });
        }
        if let Some((line, total)) = self.total.filter(|&(_, t)| t != self.details) {
            let details = self.details;
            let name = codes.control.fields[codes.total_field].name;
            let no = codes.total_field as u32;
            sink.emit(codes.total, At::field(line, no, name, total.to_string().as_bytes()), || {
                format!(
                    "El total de registros ({total}) no coincide con los {details} registros de detalle (tipo 2) del archivo {}.",
                    cite(codes.source, codes.control.section)
                )
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A space touches a field's edge exactly when a field starts or ends with one.
        #[test]
        fn padded_is_a_space_at_a_fields_edge(
            bytes in proptest::collection::vec(prop_oneof![Just(b'|'), Just(b','), Just(b' '), b'A'..=b'Z'], 0..100),
            pipe in any::<bool>(),
        ) {
            let sep = if pipe { b'|' } else { b',' };
            let edge = bytes.split(|&b| b == sep).any(|f| f.first() == Some(&b' ') || f.last() == Some(&b' '));
            prop_assert_eq!(padded(&bytes, sep), edge);
        }
    }
}
