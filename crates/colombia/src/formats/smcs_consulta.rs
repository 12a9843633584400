//! Res. 1537/2015 — the supervivencia query file `RUA250SMCSAAAAMMDDNI<12>CO<6>.TXT`
//! (anexo técnico, numerales 1.1.1, 1.2.1 and 2).

use super::people::{Consulted, Person};
use super::{Flat, Format, NameLink, Repair};
use crate::codes;
use planos_core::checker::FlatChecker;
use planos_core::flat::{ControlCodes, ControlCount, CrossRules, FlatFormat, Record};
use planos_core::names::{Component, NameParts, NameSpec, Part};
use planos_core::report::{Severity, Sink};
use planos_core::rules::{cite, field, field_in, parse_date, Kind, RecordSpec};
use planos_core::text::display;
use planos_core::text::PROSE_DATE;

pub(crate) const SOURCE: &str = "Res. 1537/2015";

/// 1.1.1 — name of the query file.
pub static NAME: NameSpec = NameSpec {
    source: SOURCE,
    section: "1.1.1",
    example: "RUA250SMCS20150601NI000860999123CO014-18.TXT",
    components: &[
        Component {
            name: "Módulo de información",
            part: Part::Literal("RUA"),
        },
        Component {
            name: "Tipo de fuente",
            part: Part::Literal("250"),
        },
        Component {
            name: "Tema de información",
            part: Part::Literal("SMCS"),
        },
        Component {
            name: "Fecha de corte",
            part: Part::Date8,
        },
        Component {
            name: "Tipo de identificación de la entidad reportadora",
            part: Part::Literal("NI"),
        },
        Component {
            name: "Número de identificación de la entidad reportadora",
            part: Part::Digits(12),
        },
        Component {
            name: "Indicador de código",
            part: Part::Literal("CO"),
        },
        Component {
            name: "Código de la entidad",
            part: Part::Code(6),
        },
        Component {
            name: "Extensión del archivo",
            part: Part::Extension(".TXT"),
        },
    ],
};
const NAME_DATE: usize = 3;
const NAME_ENTITY: usize = 7;

/// 1.2.1.2 — document types of the person consulted.
pub(crate) const DOC_TYPES: &[&str] = &["RC", "TI", "CC", "CE", "PA", "CD"];

/// 1.2.1.1 — control record; 1.2.1.2 — detail record.
pub(crate) static RECORDS: [RecordSpec; 2] = [
    RecordSpec {
        type_code: "1",
        name: "registro de control",
        section: "1.2.1.1",
        fields: &[
            field_in(0, "Tipo de registro", 1, &["1"]),
            field(1, "Código de la entidad", 6, Kind::A, true),
            field(2, "Fecha inicial del período de la información", 10, Kind::F, true),
            field(3, "Fecha final del período de la información", 10, Kind::F, true),
            field(4, "Total de registros relacionados en el archivo", 8, Kind::N, true),
            field(
                5,
                "Nombre del archivo de consulta (Con extensión .TXT)",
                44,
                Kind::A,
                true,
            ),
        ],
    },
    RecordSpec {
        type_code: "2",
        name: "registro de detalle",
        section: "1.2.1.2",
        fields: &[
            field_in(0, "Tipo de registro", 1, &["2"]),
            field_in(1, "Tipo de identificación de la persona a consultar", 2, DOC_TYPES),
            field(
                2,
                "Número de identificación de la persona a consultar",
                17,
                Kind::A,
                true,
            ),
        ],
    },
];

pub(crate) static TABLES: FlatFormat = FlatFormat {
    id: "smcs-consulta",
    name: "Consulta masiva de supervivencia — Res. 1537/2015",
    source: SOURCE,
    separator: b',',
    separator_name: "coma (,)",
    text_section: "2",
    text_severity: Severity::Error,
    file_name: Some(&NAME),
    type_field: 0,
    records: &RECORDS,
};

/// The registry's entry ([`crate::formats::ALL`]).
pub static FORMAT: Format = Format::flat_text(
    &TABLES,
    "la consulta masiva de supervivencia (RUA250SMCS…TXT)",
    Flat {
        tables: &TABLES,
        checker: |path, context| {
            Box::new(FlatChecker::new(&TABLES, Rules::default(), path, context.limit).threads(context.threads))
        },
        repair: Repair {
            total_field: 4,
            consecutive_field: None,
            name: NameLink::ControlHoldsName(5),
        },
    },
);

/// 1.2.1.2 — "No se permiten letras en documentos diferentes a Registro Civil o Pasaporte.
/// Longitudes válidas: CC Entre 3 y 8 o 10, RC 8, 10 u 11, TI Entre 10 y 11, PA Menor de 17,
/// CE Menor de 7". CD has no length rule beyond the field's 17.
pub(crate) fn document_rule(doc_type: &[u8]) -> Option<DocRule> {
    let (letters, valid_len, lengths): (bool, fn(usize) -> bool, &'static str) = match doc_type {
        b"CC" => (false, |n| (3..=8).contains(&n) || n == 10, "entre 3 y 8 dígitos, o 10"),
        b"RC" => (true, |n| n == 8 || n == 10 || n == 11, "8, 10 u 11 caracteres"),
        b"TI" => (false, |n| n == 10 || n == 11, "10 u 11 dígitos"),
        b"PA" => (true, |n| n < 17, "menos de 17 caracteres"),
        b"CE" => (false, |n| n < 7, "menos de 7 dígitos"),
        b"CD" => (false, |n| n <= 17, "hasta 17 dígitos"),
        _ => return None,
    };
    Some(DocRule {
        letters,
        valid_len,
        lengths,
    })
}

/// What 1.2.1.2 allows in the number of one document type.
pub(crate) struct DocRule {
    /// Letters allowed (RC and PA only).
    pub letters: bool,
    pub valid_len: fn(usize) -> bool,
    /// The valid lengths, as the message says them.
    pub lengths: &'static str,
}

/// 1.2.1: "un único registro de control", whose field 4 counts the detail records.
static CONTROL: ControlCodes = ControlCodes {
    missing: &codes::SMCS_CTL_FALTA,
    repeated: &codes::SMCS_CTL_REPETIDO,
    position: &codes::SMCS_CTL_POSICION,
    total: &codes::SMCS_CTL_TOTAL,
    source: SOURCE,
    section: "1.2.1",
    control: &RECORDS[0],
    total_field: 4,
};

/// The rules of 1.2.1 that cross fields and records.
#[derive(Default)]
pub struct Rules {
    name: String,
    /// The control record's field 5, when it is a name the grammar takes: what the file must
    /// be called.
    written_name: Option<String>,
    entity: Option<String>,
    count: ControlCount,
    /// The people consulted, when the query is checked together with its answer.
    consulted: Option<Consulted>,
}

impl Rules {
    /// Rules that also gather the people consulted, to match the answer against them.
    pub(crate) fn collecting() -> Self {
        Rules {
            consulted: Some(Consulted::default()),
            ..Default::default()
        }
    }

    /// What the query says about its answer (`None` unless built with [`Rules::collecting`]).
    pub(crate) fn into_consulted(self, path: &str) -> Option<Consulted> {
        let mut c = self.consulted?;
        c.path = path.to_string();
        c.total = self.count.total();
        Some(c)
    }
}

impl CrossRules for Rules {
    fn start(&mut self, name: &str, parts: &NameParts, _sink: &mut Sink) {
        self.name = name.to_string();
        self.entity = parts.get(NAME_ENTITY).map(str::to_string);
        if let Some(c) = self.consulted.as_mut() {
            c.entity = self.entity.clone();
            c.date = parts.get(NAME_DATE).map(str::to_string);
        }
    }

    fn local(&self, rec: &Record<'_>, sink: &mut Sink) {
        if rec.spec.type_code != "1" {
            detail(rec, sink);
        }
    }

    fn record(&mut self, rec: &Record<'_>, sink: &mut Sink) {
        if rec.spec.type_code == "1" {
            self.control(rec, sink);
            return;
        }
        self.count.detail(rec);
        if let (Some(c), Some(t), Some(n)) = (self.consulted.as_mut(), rec.good(1), rec.good(2)) {
            if let Some(p) = Person::new(t, n) {
                c.people.insert(p, rec.line);
            }
        }
    }

    fn finish(&mut self, sink: &mut Sink) {
        self.count.finish(&CONTROL, sink);
    }

    fn implied_name(&self) -> Option<String> {
        self.written_name.clone()
    }
}

impl Rules {
    /// The rules of the (first and only) control record (1.2.1.1); one line of a file, out of
    /// the detail records' way.
    #[cold]
    #[inline(never)]
    fn control(&mut self, rec: &Record<'_>, sink: &mut Sink) {
        if !self.count.control(rec, &CONTROL, sink) {
            return;
        }
        if let (Some(c), Some(total)) = (self.consulted.as_mut(), self.count.total()) {
            // Room for the people the control record announces (a total beyond reason is not
            // taken at its word).
            c.people.reserve(total.min(16_000_000) as usize);
        }
        if let (Some(code), Some(entity)) = (rec.good(1), self.entity.as_deref()) {
            if code != entity.as_bytes() {
                sink.emit(&codes::SMCS_CTL_ENTIDAD, rec.at(1), || {
                    format!(
                        "El código de la entidad «{}» no coincide con el del nombre del archivo «{entity}» {}.",
                        display(code),
                        cite(SOURCE, "1.1.1 y 1.2.1.1")
                    )
                });
            }
        }
        if let (Some(start), Some(end)) = (rec.good(2).and_then(parse_date), rec.good(3).and_then(parse_date)) {
            if end < start {
                sink.emit(&codes::SMCS_CTL_PERIODO, rec.at(3), || {
                    format!(
                        "La fecha final del período ({}) es anterior a la fecha inicial ({}).",
                        end.format(PROSE_DATE),
                        start.format(PROSE_DATE)
                    )
                });
            }
        }
        if let Some(name) = rec.good(5) {
            let written = std::str::from_utf8(name).ok().filter(|n| NAME.parse(n).is_some());
            self.written_name = written.map(str::to_string);
            if self.written_name.is_some() && NAME.parse(&self.name).is_none() {
                // The file's own name is wrong, and the one written here is right: one finding
                // about the file's name says so (NOMBRE-ARCHIVO).
                return;
            }
            let own = self.name.as_bytes();
            let same = name.len() == own.len() && name.len() >= 4 && {
                let (stem, ext) = name.split_at(name.len() - 4);
                stem == &own[..stem.len()] && ext.eq_ignore_ascii_case(&own[stem.len()..])
            };
            if !same {
                let own = self.name.clone();
                sink.emit(&codes::SMCS_CTL_NOMBRE, rec.at(5), || {
                    format!(
                        "El nombre del archivo en el registro de control «{}» no es el nombre del archivo «{own}» {}.",
                        display(name),
                        cite(SOURCE, "1.2.1.1")
                    )
                });
            }
        }
    }
}

fn detail(rec: &Record<'_>, sink: &mut Sink) {
    let (Some(doc_type), Some(number)) = (rec.good(1), rec.good(2)) else {
        return;
    };
    let Some(DocRule {
        letters,
        valid_len,
        lengths,
    }) = document_rule(doc_type)
    else {
        return;
    };
    let t = || display(doc_type);
    if letters {
        if !number.iter().all(u8::is_ascii_alphanumeric) {
            sink.emit(&codes::SMCS_DOC_CARACTERES, rec.at(2), || {
                format!(
                    "El número de documento {} «{}» solo puede tener letras y dígitos {}.",
                    t(),
                    display(number),
                    cite(SOURCE, "1.2.1.2")
                )
            });
            return;
        }
    } else if !planos_core::scan::all_digits(number) {
        sink.emit(&codes::SMCS_DOC_LETRAS, rec.at(2), || {
            format!(
                "El número de documento {} «{}» tiene caracteres que no son dígitos; solo el registro civil (RC) y el pasaporte (PA) admiten letras {}.",
                t(),
                display(number),
                cite(SOURCE, "1.2.1.2")
            )
        });
        return;
    }
    let n = number.len();
    if !valid_len(n) {
        let t = t();
        sink.emit(&codes::SMCS_DOC_LONGITUD, rec.at(2), || {
            format!(
                "El número de documento {t} «{}» tiene {n} caracteres; para {t} la longitud válida es {lengths} {}.",
                display(number),
                cite(SOURCE, "1.2.1.2")
            )
        });
    }
}
