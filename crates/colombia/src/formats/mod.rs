//! The formats planos knows, and how a file's format is recognised.

pub mod people;
pub mod rnse;
pub mod smcs_consulta;
pub mod smcs_respuesta;

use crate::codes;
use planos_core::flat::{FileChecker, FlatChecker};
use planos_core::report::{At, FileReport, Sink};

/// A format planos can check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Res. 1537/2015 query file (flat text).
    SmcsConsulta,
    /// Res. 1537/2015 answer archive (ZIP).
    SmcsRespuesta,
    /// Res. 3539/2019 denied-services report (flat text, `|`).
    Rnse3539,
}

impl Format {
    pub fn id(self) -> &'static str {
        match self {
            Format::SmcsConsulta => smcs_consulta::FORMAT.id,
            Format::SmcsRespuesta => smcs_respuesta::ID,
            Format::Rnse3539 => rnse::v3539::FORMAT.id,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::SmcsConsulta => smcs_consulta::FORMAT.name,
            Format::SmcsRespuesta => smcs_respuesta::NAME,
            Format::Rnse3539 => rnse::v3539::FORMAT.name,
        }
    }

    /// A checker for a flat file of this format, to be fed in chunks, each checked on up to
    /// `threads` threads; `None` for archives, which [`crate::check`] reads with random access.
    pub fn checker(self, path: &str, limit: usize, threads: usize) -> Option<Box<dyn FileChecker>> {
        match self {
            Format::SmcsConsulta => Some(Box::new(
                FlatChecker::new(&smcs_consulta::FORMAT, smcs_consulta::Rules::default(), path, limit).threads(threads),
            )),
            Format::Rnse3539 => Some(Box::new(
                FlatChecker::new(&rnse::v3539::FORMAT, rnse::v3539::Rules::default(), path, limit).threads(threads),
            )),
            Format::SmcsRespuesta => None,
        }
    }
}

/// Recognises a format from the file name, or else from the first bytes of the content.
pub fn detect(path: &str, head: &[u8]) -> Option<Format> {
    if let Some(format) = by_name(path) {
        return Some(format);
    }
    if planos_core::archive::looks_like_zip(head) {
        return Some(Format::SmcsRespuesta);
    }
    let head = head.strip_prefix(planos_core::text::UTF8_BOM).unwrap_or(head);
    let first = head.split(|&b| b == b'\n' || b == b'\r').next().unwrap_or_default();
    let fields: Vec<&[u8]> = first.split(|&b| b == b',').collect();
    if fields.len() == 6 && fields[0] == b"1" {
        return Some(Format::SmcsConsulta);
    }
    let piped: Vec<&[u8]> = first.split(|&b| b == b'|').collect();
    if piped.len() == 8 && piped[0] == b"1" && piped[1] == b"NI" {
        return Some(Format::Rnse3539);
    }
    None
}

/// The format the file name alone says (the annexes' prefixes), before any byte is read.
pub fn by_name(path: &str) -> Option<Format> {
    let name = planos_core::flat::base_name(path).to_ascii_uppercase();
    [
        ("RUA250SMCS", Format::SmcsConsulta),
        ("REC140RNSE", Format::Rnse3539),
        ("PUB200SMCS", Format::SmcsRespuesta),
    ]
    .into_iter()
    .find_map(|(prefix, format)| name.starts_with(prefix).then_some(format))
}

/// The report for a file whose format is not recognised.
pub fn unknown(path: &str) -> FileReport {
    let mut sink = Sink::new(1);
    sink.emit(&codes::FORMATO_DESCONOCIDO, At::file(), || {
        "No se reconoce el formato del archivo ni por su nombre ni por su contenido. planos revisa la consulta masiva de supervivencia (RUA250SMCS…TXT) y su respuesta (PUB200SMCS…DAT), Res. 1537/2015, y el reporte de servicios negados (REC140RNSE…TXT), Res. 3539/2019.".to_string()
    });
    sink.into_report(path, None, 0)
}
