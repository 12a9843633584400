//! The formats planos knows, and how a file's format is recognised.

pub mod smcs_consulta;

use crate::flat::{FileChecker, FlatChecker};
use crate::report::{At, FileReport, Sink};

/// A format planos can check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    SmcsConsulta,
}

impl Format {
    pub fn id(self) -> &'static str {
        match self {
            Format::SmcsConsulta => smcs_consulta::FORMAT.id,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::SmcsConsulta => smcs_consulta::FORMAT.name,
        }
    }

    /// A checker for a file of this format, to be fed in chunks.
    pub fn checker(self, path: &str, limit: usize) -> Box<dyn FileChecker> {
        match self {
            Format::SmcsConsulta => Box::new(FlatChecker::new(
                &smcs_consulta::FORMAT,
                smcs_consulta::Rules::default(),
                path,
                limit,
            )),
        }
    }
}

/// Recognises a format from the file name, or else from the first bytes of the content.
pub fn detect(path: &str, head: &[u8]) -> Option<Format> {
    let name = crate::flat::base_name(path).to_ascii_uppercase();
    if name.starts_with("RUA250SMCS") {
        return Some(Format::SmcsConsulta);
    }
    let head = head.strip_prefix(crate::text::UTF8_BOM).unwrap_or(head);
    let first = head.split(|&b| b == b'\n' || b == b'\r').next().unwrap_or_default();
    let fields: Vec<&[u8]> = first.split(|&b| b == b',').collect();
    if fields.len() == 6 && fields[0] == b"1" {
        return Some(Format::SmcsConsulta);
    }
    None
}

/// The report for a file whose format is not recognised.
pub fn unknown(path: &str) -> FileReport {
    let mut sink = Sink::new(1);
    sink.error("FORMATO-DESCONOCIDO", At::file(), || {
        "No se reconoce el formato del archivo ni por su nombre ni por su contenido. planos revisa la consulta masiva de supervivencia (RUA250SMCS…TXT, Res. 1537/2015).".to_string()
    });
    sink.into_report(path, None, 0)
}
