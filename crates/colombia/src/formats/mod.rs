//! The formats planos knows: [`ALL`], one entry each, and how a file's format is recognised.
//!
//! A format is a file of its own beside this one (its name grammar, its tables, the rules
//! tables cannot say) that defines a [`Format`]; adding one is that file and a line in
//! [`ALL`]. Recognising it, checking it, repairing it and naming it in the CLI and the page all
//! follow from its entry.

pub mod people;
pub mod rnse;
pub mod smcs_consulta;
pub mod smcs_respuesta;

use crate::codes;
use planos_core::flat::{FileChecker, FlatFormat};
use planos_core::names::base_name;
use planos_core::names::NameSpec;
use planos_core::report::{At, Kept, Sink};
use planos_core::text::UTF8_BOM;

/// Every format, in the order content recognition tries them and messages list them.
pub static ALL: [&Format; 3] = [&smcs_consulta::FORMAT, &smcs_respuesta::FORMAT, &rnse::v3539::FORMAT];

/// One format: what it is called, how its files are named, and how they are read.
#[derive(Debug)]
pub struct Format {
    /// Stable identifier in the JSON report (`smcs-consulta`).
    pub id: &'static str,
    /// The name people know it by.
    pub name: &'static str,
    /// The resolution whose annex defines it ("Res. 1537/2015").
    pub source: &'static str,
    /// What it is, in a sentence, with the shape of its files' names: "la consulta masiva de
    /// supervivencia (RUA250SMCS…TXT)"; a format that goes with the one before it in [`ALL`]
    /// under the same resolution may say so ("su respuesta (PUB200SMCS…DAT)").
    pub phrase: &'static str,
    /// The file-name grammar.
    pub file_name: &'static NameSpec,
    pub body: Body,
}

/// How a format's files are read.
#[derive(Debug)]
pub enum Body {
    /// Delimited flat text, checked by planos-core's generic checker.
    Flat(Flat),
    /// An archive of flat files read by its own reader ([`smcs_respuesta::check`], which
    /// [`crate::check`] gives the query it answers).
    Archive {
        /// Whether the first bytes of a file look like one.
        recognise: fn(&[u8]) -> bool,
    },
}

/// A flat format: its tables, its cross rules, and what "Corregir" and the builders need.
#[derive(Debug)]
pub struct Flat {
    /// The annex's tables (separator, record types, fields).
    pub tables: &'static FlatFormat,
    /// A checker of `path` with the format's cross rules, made with `context`.
    pub checker: fn(path: &str, context: &Context) -> Box<dyn FileChecker>,
    pub repair: Repair,
}

/// What a flat format's checker is made with.
#[derive(Clone, Debug)]
pub struct Context {
    /// Findings listed in full.
    pub limit: usize,
    /// Threads each chunk is checked on.
    pub threads: usize,
    /// The reference tables codes are looked up in.
    pub tables: crate::reference::Tables,
}

impl Context {
    /// `limit` findings listed in full, one thread, the compiled-in tables.
    pub fn new(limit: usize) -> Context {
        Context {
            limit,
            threads: 1,
            tables: Default::default(),
        }
    }
}

/// What "Corregir" needs beyond the tables. The control record is the tables' first record
/// type, the detail records their second.
#[derive(Debug)]
pub struct Repair {
    /// The control record's field (numbered from 0) that counts the detail records.
    pub total_field: usize,
    /// A detail record's field numbered 1, 2, 3… in the file's order, when there is one.
    pub consecutive_field: Option<usize>,
    /// How the file's name and its control record agree.
    pub name: NameLink,
}

/// How a flat file's name and its control record agree.
#[derive(Debug)]
pub enum NameLink {
    /// This field of the control record holds the file's own name (the query's field 5).
    ControlHoldsName(usize),
    /// The file's name follows from its control record (the RNSE report's NIT and period).
    ControlNamesFile(fn(control: &[String]) -> Option<String>),
}

impl PartialEq for Format {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Format {
    /// The entry of a flat format: its id, name, resolution and name grammar are its tables'
    /// own (tables without a name grammar are no format of their own: a compile-time error).
    pub const fn flat_text(tables: &'static FlatFormat, phrase: &'static str, flat: Flat) -> Format {
        let Some(file_name) = tables.file_name else {
            panic!("a format's tables name its file-name grammar");
        };
        Format {
            id: tables.id,
            name: tables.name,
            source: tables.source,
            phrase,
            file_name,
            body: Body::Flat(flat),
        }
    }

    /// The format's flat-file description, `None` for archives.
    pub fn flat(&self) -> Option<&Flat> {
        match &self.body {
            Body::Flat(flat) => Some(flat),
            Body::Archive { .. } => None,
        }
    }

    /// Whether it is an archive, read whole with random access rather than fed in chunks.
    pub fn is_archive(&self) -> bool {
        matches!(self.body, Body::Archive { .. })
    }

    /// A checker for a flat file of this format, to be fed in chunks; `None` for archives,
    /// which [`crate::check`] reads with random access.
    pub fn checker(&self, path: &str, context: &Context) -> Option<Box<dyn FileChecker>> {
        self.flat().map(|flat| (flat.checker)(path, context))
    }

    /// Whether `head`, a file's first bytes, looks like this format: an archive by its own
    /// test; a flat file when its first line is shaped as the tables' first record (the
    /// control record): as many fields, and each field with a single allowed value holding it.
    pub(crate) fn recognises(&self, head: &[u8]) -> bool {
        let flat = match &self.body {
            Body::Archive { recognise } => return recognise(head),
            Body::Flat(flat) => flat.tables,
        };
        let Some(control) = flat.records.first() else {
            return false;
        };
        let head = head.strip_prefix(UTF8_BOM).unwrap_or(head);
        let first = head.split(|&b| b == b'\n' || b == b'\r').next().unwrap_or_default();
        let fields: Vec<&[u8]> = first.split(|&b| b == flat.separator).collect();
        fields.len() == control.fields.len()
            && control.fields.iter().zip(&fields).all(|(spec, v)| match spec.allowed {
                [only] => only.as_bytes() == *v,
                _ => true,
            })
    }
}

/// The format with identifier `id`.
pub fn by_id(id: &str) -> Option<&'static Format> {
    ALL.iter().copied().find(|f| f.id == id)
}

/// Recognises a format from the file name, or else from the first bytes of the content.
pub fn detect(path: &str, head: &[u8]) -> Option<&'static Format> {
    by_name(path).or_else(|| ALL.iter().copied().find(|f| f.recognises(head)))
}

/// The format the file name alone says (its grammar's leading literals, such as `RUA250SMCS`),
/// before any byte is read.
pub fn by_name(path: &str) -> Option<&'static Format> {
    let name = base_name(path).to_ascii_uppercase();
    ALL.iter().copied().find(|f| name.starts_with(&f.file_name.prefix()))
}

/// The formats planos knows, in a sentence: each one's phrase, grouped by resolution ("la
/// consulta … (RUA250SMCS…TXT) y su respuesta (PUB200SMCS…DAT), Res. 1537/2015, y el reporte …").
pub fn known() -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for f in ALL {
        match groups.last_mut() {
            Some((source, phrases)) if *source == f.source => phrases.push(f.phrase),
            _ => groups.push((f.source, vec![f.phrase])),
        }
    }
    let groups: Vec<String> = groups
        .into_iter()
        .map(|(source, phrases)| format!("{}, {source}", phrases.join(" y ")))
        .collect();
    groups.join(", y ")
}

/// The report for a file whose format is not recognised.
pub fn unknown(path: &str) -> Kept {
    let mut sink = Sink::new(1);
    sink.emit(&codes::FORMATO_DESCONOCIDO, At::file(), || {
        format!(
            "No se reconoce el formato del archivo ni por su nombre ni por su contenido. planos revisa {}.",
            known()
        )
    });
    sink.into_report(path, None, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_formats_read_as_a_sentence() {
        assert_eq!(
            known(),
            "la consulta masiva de supervivencia (RUA250SMCS…TXT) y su respuesta (PUB200SMCS…DAT), Res. 1537/2015, y el reporte de servicios negados (REC140RNSE…TXT), Res. 3539/2019"
        );
    }

    #[test]
    fn names_and_first_lines_say_the_format() {
        let id = |path: &str, head: &[u8]| detect(path, head).map(|f| f.id);
        assert_eq!(id("x/rua250smcs.txt", b""), Some("smcs-consulta"));
        assert_eq!(id("PUB200SMCS.DAT", b""), Some("smcs-respuesta"));
        assert_eq!(id("REC140RNSE", b""), Some("rnse"));
        assert_eq!(id("a.txt", b"PK\x03\x04"), Some("smcs-respuesta"));
        assert_eq!(
            id("a.txt", b"\xEF\xBB\xBF1,014-18,a,b,3,c\r\n2,CC,1"),
            Some("smcs-consulta")
        );
        assert_eq!(id("a.txt", b"1,014-18,a,b,3\r\n"), None, "five fields");
        assert_eq!(
            id("a.txt", b"1|NI|860999123|EPS001|2020-01-01|2020-01-31|2|RC\n"),
            Some("rnse")
        );
        assert_eq!(id("a.txt", b"1|CC|860999123|EPS001|2020-01-01|2020-01-31|2|RC\n"), None);
        assert_eq!(id("a.txt", b"2,CC,1"), None);
    }
}
