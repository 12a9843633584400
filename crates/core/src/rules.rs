//! The annex tables as data, and the one generic check every field goes through.
//!
//! A format describes each record type as a [`RecordSpec`]: its fields in the annex's order,
//! each with the annex's number, name, maximum length, data type (section 2, rule a) and
//! allowed values. [`check_field`] applies what such a row says; nothing here knows a format.

use crate::catalogue;
use crate::report::{At, Sink};
use crate::text::display;

/// The data types of section 2, rule a.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A — alphanumeric: upper-case letters, digits, space, '-' and '.'.
    A,
    /// N — numeric: digits only, no thousands separators (rule g).
    N,
    /// D — decimal: digits with '.' as the decimal separator (rule g).
    D,
    /// F — date `AAAA-MM-DD` (rule h).
    F,
    /// T — text that may hold special characters (Res. 3539/2019, rule a).
    T,
    /// A digest in base 64 (the `.INFO` file's MD5s, 1.2.2.1.4.2): upper and lower case, `+/=`.
    B64,
}

/// One row of an annex's record table.
#[derive(Debug)]
pub struct FieldSpec {
    /// The annex's "No" column.
    pub no: u32,
    /// The annex's "Nombre del campo".
    pub name: &'static str,
    /// The annex's "Longitud máxima del campo".
    pub max_len: usize,
    pub kind: Kind,
    pub required: bool,
    /// The annex's "Valores permitidos" when it is a closed list; empty otherwise.
    pub allowed: &'static [&'static str],
    /// What the allowed values mean, where the annex says (`("M", "mujer")`): messages write
    /// a value with its meaning, «M (mujer)».
    pub meanings: &'static [(&'static str, &'static str)],
}

impl FieldSpec {
    /// The same field, its values' meanings given.
    pub const fn meaning(mut self, meanings: &'static [(&'static str, &'static str)]) -> Self {
        self.meanings = meanings;
        self
    }

    /// `value` with its meaning when the annex gives one («M (mujer)»), else as it is.
    pub fn labelled(&self, value: &str) -> String {
        match self.meanings.iter().find(|(v, _)| *v == value) {
            Some((v, m)) => format!("{v} ({m})"),
            None => value.to_string(),
        }
    }
}

/// One record type of an annex.
#[derive(Debug)]
pub struct RecordSpec {
    /// The value of field 0 ("Tipo de registro") that marks this record type.
    pub type_code: &'static str,
    /// How people call it ("registro de control").
    pub name: &'static str,
    /// The annex section that defines it (e.g. "1.2.1.1").
    pub section: &'static str,
    pub fields: &'static [FieldSpec],
}

/// Shorthand for the annex tables.
pub const fn field(no: u32, name: &'static str, max_len: usize, kind: Kind, required: bool) -> FieldSpec {
    FieldSpec {
        no,
        name,
        max_len,
        kind,
        required,
        allowed: &[],
        meanings: &[],
    }
}

/// Shorthand for a field with a closed list of values.
pub const fn field_in(no: u32, name: &'static str, max_len: usize, allowed: &'static [&'static str]) -> FieldSpec {
    FieldSpec {
        no,
        name,
        max_len,
        kind: Kind::A,
        required: true,
        allowed,
        meanings: &[],
    }
}

/// Citation appended to messages: the resolution and the annex section.
pub fn cite(source: &str, section: &str) -> String {
    format!("({source}, anexo técnico, numeral {section})")
}

/// Applies the row `spec` to `value`; reports each defect and returns whether the value passed.
#[inline(always)]
pub(crate) fn check_field(
    spec: &FieldSpec,
    value: &[u8],
    line: u64,
    source: &str,
    section: &str,
    sink: &mut Sink,
) -> bool {
    field_ok(spec, value) || report_field(spec, value, line, source, section, sink)
}

/// Whether `value` passes the row `spec`: the fast path of every field of a file.
#[inline(always)]
fn field_ok(spec: &FieldSpec, value: &[u8]) -> bool {
    if value.is_empty() {
        return !spec.required;
    }
    value.len() <= spec.max_len
        && kind_ok(spec.kind, value)
        && (spec.allowed.is_empty() || spec.allowed.iter().any(|a| same(a, value)))
}

#[inline(always)]
fn kind_ok(kind: Kind, value: &[u8]) -> bool {
    match kind {
        Kind::A | Kind::T => true,
        Kind::N => crate::scan::all_digits(value),
        Kind::D => is_decimal(value),
        Kind::F => parse_date(value).is_some(),
        Kind::B64 => is_base64(value),
    }
}

/// Reports the first defect of a value that [`field_ok`] refused; returns whether it passed.
#[cold]
#[inline(never)]
fn report_field(spec: &FieldSpec, value: &[u8], line: u64, source: &str, section: &str, sink: &mut Sink) -> bool {
    let at = At::field(line, spec.no, spec.name, value);
    let name = spec.name;
    let no = spec.no;
    if value.is_empty() {
        if spec.required {
            sink.emit(&catalogue::CAMPO_OBLIGATORIO, at, || {
                format!(
                    "El campo {no} ({name}) es obligatorio y está vacío {}.",
                    cite(source, section)
                )
            });
            return false;
        }
        return true;
    }
    let len = value.len();
    if len > spec.max_len {
        let max = spec.max_len;
        sink.emit(&catalogue::CAMPO_LONGITUD, at, || {
            format!(
                "El campo {no} ({name}) tiene {len} caracteres y su longitud máxima es {max} {}.",
                cite(source, section)
            )
        });
        return false;
    }
    if !kind_ok(spec.kind, value) {
        let (code, what) = match spec.kind {
            Kind::N => (
                &catalogue::CAMPO_NUMERICO,
                "debe ser numérico: solo dígitos, sin separadores de miles (sección 2, literal g)",
            ),
            Kind::D => (
                &catalogue::CAMPO_DECIMAL,
                "debe ser un número con punto decimal, sin separadores de miles (sección 2, literal g)",
            ),
            // F, and B64 too: a digest that is not base 64 is reported as a date (a known
            // oddity, docs/interpretations.md, answer archive, 13), kept until it has a code.
            _ => (
                &catalogue::CAMPO_FECHA,
                "debe ser una fecha real en formato AAAA-MM-DD (sección 2, literal h)",
            ),
        };
        sink.emit(code, at, || {
            format!(
                "El campo {no} ({name}) vale «{}» y {what} {}.",
                display(value),
                cite(source, section)
            )
        });
        return false;
    }
    if !spec.allowed.is_empty() && !spec.allowed.iter().any(|a| same(a, value)) {
        let list: Vec<String> = spec.allowed.iter().map(|a| spec.labelled(a)).collect();
        let list = list.join(", ");
        sink.emit(&catalogue::CAMPO_VALOR, at, || {
            format!(
                "El campo {no} ({name}) vale «{}»; los valores permitidos son {list} {}.",
                display(value),
                cite(source, section)
            )
        });
        return false;
    }
    true
}

/// `a == b` for the short codes of the annexes, without a call to `memcmp` per comparison.
#[inline(always)]
pub fn same(a: &str, b: &[u8]) -> bool {
    let a = a.as_bytes();
    // The first byte tells most codes of a list apart.
    a.len() == b.len() && a.first() == b.first() && a.iter().zip(b).all(|(x, y)| x == y)
}

fn is_base64(v: &[u8]) -> bool {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(v).is_ok()
}

fn is_decimal(v: &[u8]) -> bool {
    let mut parts = v.split(|&b| b == b'.');
    let int = parts.next().unwrap_or_default();
    let frac = parts.next();
    parts.next().is_none()
        && !int.is_empty()
        && int.iter().all(u8::is_ascii_digit)
        && frac.is_none_or(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit))
}

/// A real calendar date written `AAAA-MM-DD`.
pub fn parse_date(v: &[u8]) -> Option<chrono::NaiveDate> {
    if v.len() != 10 || v[4] != b'-' || v[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| digits(&v[r]).map(|n| n as u32);
    chrono::NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// The value of a non-empty run of at most 19 ASCII digits, `None` for anything else.
pub fn digits(v: &[u8]) -> Option<u64> {
    if v.is_empty() || v.len() > 19 {
        return None;
    }
    v.iter()
        .try_fold(0u64, |n, &d| d.is_ascii_digit().then(|| n * 10 + u64::from(d - b'0')))
}

/// `date` written `AAAAMMDD` (file names). planos writes and reads dates itself, not with
/// chrono's `format` and `parse_from_str`, whose format-string machinery was 12 kB of the page's gzip.
pub fn date8(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// A real calendar date as spreadsheets show it: `AAAA-MM-DD`, `AAAA/MM/DD`, `DD/MM/AAAA`,
/// `DD-MM-AAAA` (day and month of one or two digits) or `AAAAMMDD`.
pub fn parse_sheet_date(v: &str) -> Option<chrono::NaiveDate> {
    if v.len() == 8 && !v.contains(['-', '/']) {
        return parse_date8(v.as_bytes());
    }
    let sep = if v.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = v.split(sep).collect();
    let [a, b, c] = parts[..] else { return None };
    let (y, m, d) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    let short = |s: &str| (1..=2).contains(&s.len());
    if y.len() != 4 || !short(m) || !short(d) {
        return None;
    }
    let num = |s: &str| digits(s.as_bytes()).map(|n| n as u32);
    chrono::NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
}

/// A real calendar date written `AAAAMMDD` (file names).
pub fn parse_date8(v: &[u8]) -> Option<chrono::NaiveDate> {
    if v.len() != 8 {
        return None;
    }
    let mut dashed = [b'-'; 10];
    dashed[..4].copy_from_slice(&v[..4]);
    dashed[5..7].copy_from_slice(&v[4..6]);
    dashed[8..].copy_from_slice(&v[6..]);
    parse_date(&dashed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DEFAULT_LIMIT;

    fn codes(spec: &FieldSpec, v: &str) -> Vec<String> {
        let mut sink = Sink::new(DEFAULT_LIMIT);
        check_field(spec, v.as_bytes(), 3, "Res. X", "1.2", &mut sink);
        let report = sink.into_report("f", None, 0).into_listed();
        report.errors.into_iter().map(|d| d.code.into_owned()).collect()
    }

    #[test]
    fn required_length_type_and_values() {
        let n = field(4, "Total", 8, Kind::N, true);
        assert_eq!(codes(&n, ""), ["CAMPO-OBLIGATORIO"]);
        assert_eq!(codes(&n, "123456789"), ["CAMPO-LONGITUD"]);
        assert_eq!(codes(&n, "1.000"), ["CAMPO-NUMERICO"]);
        assert!(codes(&n, "1000").is_empty());
        let opt = field(4, "Opcional", 8, Kind::N, false);
        assert!(codes(&opt, "").is_empty());
        let f = field(2, "Fecha", 10, Kind::F, true);
        assert_eq!(codes(&f, "2015-02-29"), ["CAMPO-FECHA"]);
        assert_eq!(codes(&f, "2015/02/28"), ["CAMPO-FECHA"]);
        assert!(codes(&f, "2016-02-29").is_empty());
        let d = field(1, "Valor", 10, Kind::D, true);
        assert!(codes(&d, "12.50").is_empty());
        assert_eq!(codes(&d, "12,50"), ["CAMPO-DECIMAL"]);
        let v = field_in(1, "Tipo", 2, &["CC", "TI"]);
        assert_eq!(codes(&v, "XX"), ["CAMPO-VALOR"]);
        assert!(codes(&v, "TI").is_empty());
    }

    #[test]
    fn dates_in_names() {
        assert!(parse_date8(b"20150601").is_some());
        assert!(parse_date8(b"20150631").is_none());
        assert!(parse_date8(b"2015061").is_none());
        let d = parse_date8(b"20150601").unwrap();
        assert_eq!(date8(d), "20150601");
        assert_eq!(d.to_string(), "2015-06-01");
    }

    #[test]
    fn dates_as_spreadsheets_show_them() {
        assert_eq!(
            parse_sheet_date("1/2/1980").map(|d| d.to_string()).as_deref(),
            Some("1980-02-01")
        );
        for v in [
            "1980-01-31",
            "1980/01/31",
            "31/01/1980",
            "31-01-1980",
            "19800131",
            "31/1/1980",
            "1980-1-31",
        ] {
            assert_eq!(
                parse_sheet_date(v).map(|d| d.to_string()).as_deref(),
                Some("1980-01-31"),
                "{v}"
            );
        }
        for v in [
            "1980-02-30",
            "31/01/80",
            "1980-01/31",
            "31.01.1980",
            "1980-001-31",
            "",
            "a/b/c",
            "1980-01-31-1",
            "+980-01-31",
        ] {
            assert_eq!(parse_sheet_date(v), None, "{v}");
        }
    }
}
