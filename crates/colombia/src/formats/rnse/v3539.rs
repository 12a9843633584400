//! Res. 3539/2019, anexo técnico: the file name (literal a), the control record (b.1), the
//! detail record (b.2) and the characteristics of flat files (chapter 2), with the rules across
//! fields and records that the tables cannot say.

use super::summary::{Counter, DenialSummary, Diagnosed, Place};
use crate::codes;
use crate::formats::{Flat, Format, NameLink, Repair};
use crate::reference::{cie10, divipola, eapb, Tables};
use chrono::Datelike;
use planos_core::checker::FlatChecker;
use planos_core::flat::{ControlCodes, ControlCount, CrossRules, FlatFormat, Record};
use planos_core::names::{Component, NameParts, NameSpec, Part};
use planos_core::report::{At, FileReport, Severity, Sink};
use planos_core::rules::{cite, date8, digits, field, field_in, parse_date, parse_date8, FieldSpec, Kind, RecordSpec};
use planos_core::text::display;
use planos_core::text::PROSE_DATE;

pub(crate) const SOURCE: &str = "Res. 3539/2019";

/// Literal a — name of the file.
pub static NAME: NameSpec = NameSpec {
    source: SOURCE,
    section: "a",
    example: "REC140RNSE20200131NI000860999123.TXT",
    components: &[
        Component {
            name: "Módulo de información",
            part: Part::Literal("REC"),
        },
        Component {
            name: "Tipo de fuente",
            part: Part::Literal("140"),
        },
        Component {
            name: "Tema de información",
            part: Part::Literal("RNSE"),
        },
        Component {
            name: "Fecha de corte",
            part: Part::Date8,
        },
        Component {
            name: "Tipo de identificación de la entidad que reporta",
            part: Part::Literal("NI"),
        },
        Component {
            name: "Número de identificación de la entidad que reporta",
            part: Part::Digits(12),
        },
        Component {
            name: "Extensión del archivo",
            part: Part::Extension(".TXT"),
        },
    ],
};
const NAME_DATE: usize = 3;
const NAME_NIT: usize = 5;

/// Field 7: CN MS RC TI AS CC CE PA SC SI CD PE DE.
pub(crate) const USER_DOC_TYPES: &[&str] = &[
    "CN", "MS", "RC", "TI", "AS", "CC", "CE", "PA", "SC", "SI", "CD", "PE", "DE",
];

/// Field 16: the service types, with their meaning.
pub(crate) const SERVICE_TYPES: &[(&str, &str)] = &[
    ("M", "Medicamentos"),
    ("P", "Procedimientos"),
    ("D", "Dispositivos médicos cubiertos por la UPC"),
    ("N", "Sustancias y medicamentos para nutrición"),
    ("S", "Servicios específicos"),
    ("C", "Servicios no financiados con recursos de la salud"),
];

/// Field 10: in this annex M is *mujer* and H *hombre* (b.2, field 10).
pub(crate) const SEXES: &[(&str, &str)] = &[("M", "mujer"), ("H", "hombre")];

/// Field 12, the care setting, as the annex lists it (b.2, field 12).
pub(crate) const SETTINGS: &[(&str, &str)] = &[
    ("1", "ambulatorio no priorizado"),
    ("2", "ambulatorio priorizado"),
    ("3", "hospitalario domiciliario"),
    ("4", "hospitalario internación"),
    ("5", "urgencias"),
];

/// An optional numeric field with a closed list of values.
const fn optional_n(no: u32, name: &'static str, allowed: &'static [&'static str]) -> FieldSpec {
    FieldSpec {
        no,
        name,
        max_len: 1,
        kind: Kind::N,
        required: false,
        allowed,
        meanings: &[],
    }
}

pub(crate) static RECORDS: [RecordSpec; 2] = [
    RecordSpec {
        type_code: "1",
        name: "registro de control",
        section: "b.1",
        fields: &[
            field_in(0, "Tipo de registro", 1, &["1"]),
            field_in(1, "Tipo de identificación de la entidad que reporta", 2, &["NI"]),
            field(
                2,
                "Número de identificación de la entidad que reporta",
                12,
                Kind::N,
                true,
            ),
            field(3, "Código de la EPS", 6, Kind::A, true),
            field(
                4,
                "Fecha inicial del periodo de la información reportada",
                10,
                Kind::F,
                true,
            ),
            field(
                5,
                "Fecha final del periodo de la información reportada",
                10,
                Kind::F,
                true,
            ),
            field(
                6,
                "Número total de registros de detalle contenidos en el archivo",
                10,
                Kind::N,
                true,
            ),
            field_in(
                7,
                "Régimen de la entidad responsable del aseguramiento en salud RC o RS",
                2,
                &["RC", "RS"],
            ),
        ],
    },
    RecordSpec {
        type_code: "2",
        name: "registro de detalle",
        section: "b.2",
        fields: &[
            field_in(0, "Tipo de registro", 1, &["2"]),
            field(1, "Consecutivo de registro", 10, Kind::N, true),
            field(2, "Código entidad", 6, Kind::A, true),
            field_in(
                3,
                "Tipo de identificación del prestador donde se solicita el servicio",
                2,
                &["NI", "CC"],
            ),
            field(
                4,
                "Número de identificación del prestador donde se solicita el servicio",
                12,
                Kind::N,
                true,
            ),
            field(5, "Código de habilitación del prestador", 12, Kind::A, true),
            field(
                6,
                "Código del municipio donde se solicita el servicio",
                5,
                Kind::A,
                true,
            ),
            field_in(7, "Tipo de documento de identificación del usuario", 2, USER_DOC_TYPES),
            field(
                8,
                "Número de documento de identificación del usuario",
                17,
                Kind::A,
                true,
            ),
            field_in(
                9,
                "Determinar régimen del usuario (contributivo subsidiado o movilidad)",
                2,
                &["RC", "RS", "CM"],
            ),
            field_in(10, "Sexo del usuario", 1, &["M", "H"]).meaning(SEXES),
            field(11, "Fecha de nacimiento", 10, Kind::F, true),
            field_in(12, "Código ámbito de atención", 1, &["1", "2", "3", "4", "5"]).meaning(SETTINGS),
            field(13, "Código de diagnóstico principal", 4, Kind::A, true),
            field(14, "Código del diagnóstico relacionado 1", 4, Kind::A, false),
            field(15, "Código del diagnóstico relacionado 2", 4, Kind::A, false),
            field_in(16, "Tipo de servicio solicitado", 1, &["M", "P", "D", "N", "S", "C"]).meaning(SERVICE_TYPES),
            field(17, "Código del servicio o tecnología", 15, Kind::A, true),
            optional_n(18, "Tipo de medicamento", &["1", "2", "3"]),
            optional_n(19, "El dispositivo está incluido en un procedimiento", &["0", "1"]),
            optional_n(20, "Tipo de prestación", &["1", "2"]),
            field(21, "Causa de negación", 3, Kind::N, true),
            // "A" in the annex, but it is free text ("otros motivos"): see docs/interpretations.md.
            field(
                22,
                "Si no encontró la causa en ninguna de las anteriores mencione la razón (otros motivos)",
                200,
                Kind::T,
                false,
            ),
        ],
    },
];

pub(crate) static TABLES: FlatFormat = FlatFormat {
    id: "rnse",
    name: "Servicios y tecnologías negados (RNSE) — Res. 3539/2019",
    source: SOURCE,
    separator: b'|',
    separator_name: "barra vertical o pipe (|)",
    text_section: "2",
    text_severity: Severity::Error,
    file_name: Some(&NAME),
    type_field: 0,
    records: &RECORDS,
};

/// The registry's entry ([`crate::formats::ALL`]).
pub static FORMAT: Format = Format::flat_text(
    &TABLES,
    "el reporte de servicios negados (REC140RNSE…TXT)",
    Flat {
        tables: &TABLES,
        checker: |path, context| {
            let rules = Rules::new(context.tables.clone());
            Box::new(FlatChecker::new(&TABLES, rules, path, context.limit).threads(context.threads))
        },
        repair: Repair {
            total_field: 6,
            consecutive_field: Some(1),
            name: NameLink::ControlNamesFile(name_of),
        },
    },
);

/// The name a report's control record implies: the period's end (field 5) and the NIT (field
/// 2) in the name's grammar (literal a).
fn name_of(control: &[String]) -> Option<String> {
    let nit = control.get(2).filter(|n| !n.is_empty())?;
    let end = parse_date(control.get(5)?.as_bytes())?;
    NAME.render(&[&date8(end), nit])
}

/// The rules of the annex that span fields and records.
#[derive(Default)]
pub struct Rules {
    /// Cut date and NIT from the file name.
    cut: Option<chrono::NaiveDate>,
    nit: Option<u64>,
    count: ControlCount,
    entity: Option<Vec<u8>>,
    period: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// The period's end date as the control record writes it (`AAAA-MM-DD`), when it is a
    /// real date: such dates sort as they are written.
    period_end: Option<Vec<u8>>,
    summary: Counter,
    /// The name the control record's NIT and period end imply ([`name_of`]).
    implied: Option<String>,
    /// The reference tables codes are looked up in.
    tables: Tables,
}

/// Literal b: "un único registro de control", whose field 6 counts the detail records.
static CONTROL: ControlCodes = ControlCodes {
    missing: &codes::RNSE_CTL_FALTA,
    repeated: &codes::RNSE_CTL_REPETIDO,
    position: &codes::RNSE_CTL_POSICION,
    total: &codes::RNSE_CTL_TOTAL,
    source: SOURCE,
    section: "b",
    control: &RECORDS[0],
    total_field: 6,
};

impl CrossRules for Rules {
    fn start(&mut self, _name: &str, parts: &NameParts, sink: &mut Sink) {
        self.cut = parts.get(NAME_DATE).and_then(|d| parse_date8(d.as_bytes()));
        self.nit = parts.get(NAME_NIT).and_then(|n| digits(n.as_bytes()));
        if let Some(cut) = self.cut {
            if cut.succ_opt().is_some_and(|next| next.month() == cut.month()) {
                sink.emit(&codes::RNSE_NOMBRE_CORTE, At::file(), || {
                    format!("La fecha de corte del nombre ({}) debe ser el último día calendario del mes que se reporta {}.", cut.format(PROSE_DATE), cite(SOURCE, "a"))
                });
            }
        }
    }

    fn local(&self, rec: &Record<'_>, sink: &mut Sink) {
        if rec.spec.type_code != "1" {
            detail_alone(&self.tables, rec, sink);
        }
    }

    fn record(&mut self, rec: &Record<'_>, sink: &mut Sink) {
        if rec.spec.type_code == "1" {
            self.control(rec, sink);
        } else {
            let position = self.count.detail(rec);
            self.detail(rec, position, sink);
        }
    }

    fn finish(&mut self, sink: &mut Sink) {
        self.count.finish(&CONTROL, sink);
    }

    fn implied_name(&self) -> Option<String> {
        self.implied.clone()
    }

    fn complete(&mut self, report: &mut FileReport) {
        let summary = std::mem::take(&mut self.summary);
        let summary = summary.finish(SERVICE_TYPES, self.period, self.entity.as_deref(), &self.tables);
        report.summaries.insert(DenialSummary::KEY, &summary);
    }
}

impl Rules {
    /// The rules, looking codes up in `tables`.
    pub fn new(tables: Tables) -> Rules {
        Rules {
            tables,
            ..Rules::default()
        }
    }

    /// The rules of the (first and only) control record (literal b.1); one line of a file, out
    /// of the detail records' way.
    #[cold]
    #[inline(never)]
    fn control(&mut self, rec: &Record<'_>, sink: &mut Sink) {
        if !self.count.control(rec, &CONTROL, sink) {
            return;
        }
        if let (Some(nit), Some(own)) = (rec.good(2).and_then(digits), self.nit) {
            if nit != own {
                sink.emit(&codes::RNSE_CTL_NIT, rec.at(2), || {
                    format!(
                        "El NIT {nit} no es el del nombre del archivo ({own}) {}.",
                        cite(SOURCE, "a y b.1")
                    )
                });
            }
        }
        self.entity = rec.good(3).map(<[u8]>::to_vec);
        if let Some(code) = rec.good(3) {
            entity_in_table(self.tables.eapb(), code, rec, 3, sink);
        }
        let start = rec.good(4).and_then(parse_date);
        let end = rec.good(5).and_then(parse_date);
        self.period_end = end.and(rec.good(5)).map(<[u8]>::to_vec);
        let nit = rec.good(2).and_then(|n| std::str::from_utf8(n).ok());
        self.implied = nit.zip(end).and_then(|(nit, end)| NAME.render(&[&date8(end), nit]));
        if let (Some(end), Some(cut)) = (end, self.cut) {
            if end != cut {
                sink.emit(&codes::RNSE_CTL_FECHA_FINAL, rec.at(5), || {
                    format!("La fecha final del periodo ({}) debe concordar con la fecha de corte del nombre del archivo ({}) {}.", end.format(PROSE_DATE), cut.format(PROSE_DATE), cite(SOURCE, "b.1"))
                });
            }
        }
        if let (Some(start), Some(end)) = (start, end) {
            self.period = (start <= end).then_some((start, end));
            if start > end {
                sink.emit(&codes::RNSE_CTL_PERIODO, rec.at(4), || {
                    format!(
                        "La fecha inicial del periodo ({}) es posterior a la final ({}).",
                        start.format(PROSE_DATE),
                        end.format(PROSE_DATE)
                    )
                });
            }
        }
    }

    /// A detail record, the `want`-th of the file.
    fn detail(&mut self, rec: &Record<'_>, want: u64, sink: &mut Sink) {
        if let Some(n) = rec.good(1).and_then(digits) {
            if n != want {
                sink.emit(&codes::RNSE_CONSECUTIVO, rec.at(1), || {
                    format!(
                        "El consecutivo vale {n} y debería ser {want}: empieza en 1 y aumenta de 1 en 1, sin saltos ni repeticiones {}.",
                        cite(SOURCE, "b.2")
                    )
                });
            }
        }
        // A detail record's entity is looked up in the EAPB table when it is not the control
        // record's, which was looked up once (docs/interpretations.md).
        if let Some(code) = rec.good(2) {
            match self.entity.as_deref() {
                Some(entity) if code == entity => {}
                None => entity_in_table(self.tables.eapb(), code, rec, 2, sink),
                Some(entity) => {
                    entity_in_table(self.tables.eapb(), code, rec, 2, sink);
                    let entity = display(entity);
                    sink.emit(&codes::RNSE_ENTIDAD, rec.at(2), || {
                        format!(
                            "El código de entidad «{}» no coincide con el del registro de control («{entity}») {}.",
                            display(code),
                            cite(SOURCE, "b.2")
                        )
                    });
                }
            }
        }
        // Both dates are real (the birth date passed the generic checks) and written
        // AAAA-MM-DD, so they compare as written; they are read only to say them.
        let later = rec
            .good(11)
            .zip(self.period_end.as_deref())
            .filter(|(birth, end)| birth > end);
        if let Some((birth, end)) = later {
            if let (Some(birth), Some(end)) = (parse_date(birth), parse_date(end)) {
                sink.emit(&codes::RNSE_NACIMIENTO, rec.at(11), || {
                    format!(
                        "La fecha de nacimiento ({}) es posterior al final del periodo reportado ({}).",
                        birth.format(PROSE_DATE),
                        end.format(PROSE_DATE)
                    )
                });
            }
        }
        let principal = rec.good(13).filter(|c| !c.is_empty());
        let table = self.tables.cie10();
        let listed = principal.and_then(|c| table.get(c));
        if let (Some(birth), Some(end)) = (rec.good(11), self.period_end.as_deref()) {
            ages(table, rec, listed, birth, end, sink);
        }
        let municipality = rec.good(6).filter(|m| m.len() == 5).and_then(|m| {
            let listed = divipola::municipality_index(m).map(Place::Listed);
            listed.or(digits(m).map(|n| Place::Unlisted(n as u32)))
        });
        self.summary.add(
            rec.good(16)
                .and_then(|v| SERVICE_TYPES.iter().position(|(c, _)| c.as_bytes() == v)),
            rec.good(21).and_then(digits).map(|n| n as u32),
            municipality,
            match listed {
                Some(d) => Some(Diagnosed::Listed(d.position())),
                None => principal
                    .and_then(|c| <[u8; 4]>::try_from(c).ok())
                    .filter(|c| cie10::well_formed(c))
                    .map(Diagnosed::Unlisted),
            },
        );
    }
}

/// An entity code (control field 3, detail field 2) against SISPRO's EAPB table.
fn entity_in_table(eapb: &eapb::Table, code: &[u8], rec: &Record<'_>, no: usize, sink: &mut Sink) {
    match eapb.get(code) {
        None => sink.emit(&codes::RNSE_EPS_TABLA, rec.at(no), || {
            format!(
                "El código de EPS «{}» no está en la tabla {}; verifíquelo en la tabla de referencia códigos CCF y EPS de web.sispro.gov.co {}.",
                display(code),
                eapb.label(),
                cite(SOURCE, if no == 3 { "b.1, campo 3" } else { "b.2, campo 2" })
            )
        }),
        Some(e) if !e.enabled => sink.emit(&codes::RNSE_EPS_INHABILITADA, rec.at(no), || {
            format!(
                "El código de EPS {} ({}) está en la tabla {} pero no habilitado.",
                e.code,
                eapb.name(e),
                eapb.label()
            )
        }),
        Some(_) => {}
    }
}

/// Year, month and day of a date written `AAAA-MM-DD`.
fn ymd(date: &[u8]) -> Option<(u32, u32, u32)> {
    if date.len() != 10 {
        return None;
    }
    let n = |r: std::ops::Range<usize>| digits(&date[r]).map(|n| n as u32);
    Some((n(0..4)?, n(5..7)?, n(8..10)?))
}

/// Each diagnosis (fields 13 to 15) whose table entry limits the age, against the person's age
/// at the period's end (PISIS' content phase). Most codes limit nothing, so the age is worked
/// out only for one that does.
fn ages(
    table: &cie10::Table,
    rec: &Record<'_>,
    principal: Option<&cie10::Diagnosis>,
    birth: &[u8],
    end: &[u8],
    sink: &mut Sink,
) {
    let mut age = None;
    let related = |no| rec.good(no).filter(|c| !c.is_empty()).and_then(|c| table.get(c));
    for (no, d) in [(13, principal), (14, related(14)), (15, related(15))] {
        let Some(d) = d.filter(|d| d.limits_age()) else {
            continue;
        };
        let years = *age.get_or_insert_with(|| {
            let ((by, bm, bd), (ey, em, ed)) = (ymd(birth)?, ymd(end)?);
            let years = ey.checked_sub(by)?;
            // A birth after the period's end is RNSE-NACIMIENTO's, not an age.
            years.checked_sub(u32::from((em, ed) < (bm, bd)))
        });
        let Some(years) = years else { return };
        if !d.fits_age(years) {
            sink.emit(&codes::RNSE_CIE10_EDAD, rec.at(no), || {
                let age = match years {
                    0 => "menos de un año".to_string(),
                    1 => "1 año".to_string(),
                    n => format!("{n} años"),
                };
                format!(
                    "{} es para {}; la persona tenía {age} al final del periodo ({}), según la tabla {} {}.",
                    table.named(d),
                    d.rule(),
                    planos_core::text::day_month_year(std::str::from_utf8(end).unwrap_or("")),
                    table.label(),
                    cite(SOURCE, "b.2, campos 11 y 13 a 15")
                )
            });
        }
    }
}

/// «de una mujer», «de un hombre», from field 10.
fn person(woman: bool) -> &'static str {
    if woman {
        "de una mujer"
    } else {
        "de un hombre"
    }
}

/// The rules of a detail record that look at it alone (literal b.2): the municipality and the
/// diagnoses against their tables, the fields that depend on the type of service.
fn detail_alone(tables: &Tables, rec: &Record<'_>, sink: &mut Sink) {
    if let Some(m) = rec.good(6) {
        if m.len() != 5 || !m.iter().all(u8::is_ascii_digit) {
            sink.emit(&codes::RNSE_MUNICIPIO, rec.at(6), || {
                format!(
                    "El municipio «{}» debe ser un código DIVIPOLA de 5 dígitos (2 del departamento y 3 del municipio) {}.",
                    display(m),
                    cite(SOURCE, "b.2")
                )
            });
        } else if divipola::municipality_index(m).is_none() {
            sink.emit(&codes::RNSE_MUNICIPIO_TABLA, rec.at(6), || {
                let department = match divipola::department(&m[..2]) {
                    Some(d) => format!("el departamento {} ({d}) sí está", display(&m[..2])),
                    None => format!("tampoco está el departamento {}", display(&m[..2])),
                };
                format!(
                    "El municipio {} no está ni en la {}; {department}. Verifique el código en la tabla de referencia municipio de web.sispro.gov.co {}.",
                    display(m),
                    divipola::TABLE,
                    cite(SOURCE, "b.2, campo 6")
                )
            });
        }
    }
    // Field 10: M mujer, H hombre.
    let woman = rec.good(10).and_then(|s| match s {
        b"M" => Some(true),
        b"H" => Some(false),
        _ => None,
    });
    let cie10 = tables.cie10();
    for no in [13, 14, 15] {
        let Some(code) = rec.good(no).filter(|c| !c.is_empty()) else {
            continue;
        };
        if let Some(d) = cie10.get(code) {
            if let Some(woman) = woman.filter(|&w| !d.fits_sex(w)) {
                sink.emit(&codes::RNSE_CIE10_SEXO, rec.at(no), || {
                    format!(
                        "{} es para {}; el registro es {} (campo 10), según la tabla {} {}.",
                        cie10.named(d),
                        d.rule(),
                        person(woman),
                        cie10.label(),
                        cite(SOURCE, "b.2, campos 10 y 13 a 15")
                    )
                });
            }
            continue;
        }
        if !cie10::well_formed(code) {
            sink.emit(&codes::RNSE_CIE10, rec.at(no), || {
                format!(
                    "«{}» no es un código CIE-10: una letra, dos dígitos y un dígito o X (por ejemplo J459 o A09X) {}.",
                    display(code),
                    cite(SOURCE, "b.2")
                )
            });
        } else {
            sink.emit(&codes::RNSE_CIE10_TABLA, rec.at(no), || {
                format!(
                    "El código {} tiene la forma de la CIE-10 pero no está en la tabla {}; verifíquelo en la tabla de referencia CIE 10 de web.sispro.gov.co {}.",
                    display(code),
                    cie10.label(),
                    cite(SOURCE, "b.2")
                )
            });
        }
    }
    let service = rec.good(16);
    // Field 17 of a procedure (P) is a CUPS code.
    if let (Some(b"P"), Some(code)) = (service, rec.good(17).filter(|c| !c.is_empty())) {
        let cups = tables.cups();
        match cups.get(code) {
            None => sink.emit(&codes::RNSE_CUPS_TABLA, rec.at(17), || {
                format!(
                    "El procedimiento {} no está en la tabla {}; verifíquelo en la tabla de referencia CUPS de web.sispro.gov.co {}.",
                    display(code),
                    cups.label(),
                    cite(SOURCE, "b.2, campo 17")
                )
            }),
            Some(p) => {
                if let Some(woman) = woman.filter(|&w| !p.fits_sex(w)) {
                    sink.emit(&codes::RNSE_CUPS_SEXO, rec.at(17), || {
                        format!(
                            "El procedimiento {} ({}) es solo para {}; el registro es {} (campo 10), según la tabla {} {}.",
                            p.code,
                            cups.name(p),
                            if woman { "hombres" } else { "mujeres" },
                            person(woman),
                            cups.label(),
                            cite(SOURCE, "b.2, campos 10 y 17")
                        )
                    });
                }
            }
        }
    }
    for (no, when, what) in [
        (18usize, b"M", "medicamentos (M)"),
        (19, b"D", "dispositivos médicos (D)"),
    ] {
        let Some(kind) = service else { break };
        let filled = rec.field(no).is_some_and(|v| !v.is_empty());
        let applies = kind == when;
        let name = RECORDS[1].fields[no].name;
        if applies && !filled {
            sink.emit(&codes::RNSE_CONDICIONAL, rec.at(no), || {
                format!(
                    "El campo {no} ({name}) es obligatorio cuando el tipo de servicio (campo 16) es {what} {}.",
                    cite(SOURCE, "b.2")
                )
            });
        } else if !applies && filled {
            sink.emit_as(Severity::Warning, &codes::RNSE_CONDICIONAL, rec.at(no), || {
                format!(
                    "El campo {no} ({name}) solo se diligencia cuando el tipo de servicio (campo 16) es {what}, y aquí es «{}».",
                    display(kind)
                )
            });
        }
    }
}
