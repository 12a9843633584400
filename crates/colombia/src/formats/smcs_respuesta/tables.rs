//! Res. 1537/2015 — the answer archive's tables: its name (1.1.2), the RNEC answer
//! (1.2.2.1.2), the not-found answer (1.2.2.1.3) and the `.INFO` control file (1.2.2.1.4).

use planos_core::flat::FlatFormat;
use planos_core::names::{Component, NameSpec, Part};
use planos_core::report::Severity;
use planos_core::rules::{field, field_in, FieldSpec, Kind, RecordSpec};

pub(crate) const SOURCE: &str = "Res. 1537/2015";

/// 1.1.2 — name of the answer archive.
pub static NAME: NameSpec = NameSpec {
    source: SOURCE,
    section: "1.1.2",
    example: "PUB200SMCS20150605NI000900474727NI000860999123CO014-18.DAT",
    components: &[
        Component {
            name: "Módulo de información",
            part: Part::Literal("PUB"),
        },
        Component {
            name: "Tipo de fuente",
            part: Part::Literal("200"),
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
            part: Part::Literal("000900474727"),
        },
        Component {
            name: "Tipo de identificación de la entidad destino",
            part: Part::Literal("NI"),
        },
        Component {
            name: "Número de identificación de la entidad destino",
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
            part: Part::Extension(".DAT"),
        },
    ],
};
pub(crate) const NAME_ENTITY: usize = 9;

/// An optional field with a closed list of values.
const fn optional_in(no: u32, name: &'static str, max_len: usize, allowed: &'static [&'static str]) -> FieldSpec {
    FieldSpec {
        no,
        name,
        max_len,
        kind: Kind::A,
        required: false,
        allowed,
        meanings: &[],
    }
}

/// The control record shared by both answer files (1.2.2.1.2.1 and 1.2.2.1.3.2.1). Field 7's
/// length is 58 in one table and 17 in the other, and no real member name fits 17: see
/// docs/interpretations.md.
const fn control(section: &'static str) -> RecordSpec {
    RecordSpec {
        type_code: "1",
        name: "registro de control",
        section,
        fields: CONTROL_FIELDS,
    }
}

const CONTROL_FIELDS: &[FieldSpec] = &[
    field_in(0, "Tipo de registro", 1, &["1"]),
    field(1, "Código de la entidad", 6, Kind::A, true),
    field(2, "Fecha inicial del período de la información", 10, Kind::F, true),
    field(3, "Fecha final del período de la información", 10, Kind::F, true),
    field(
        4,
        "Total de registros relacionados en el archivo de consulta de supervivencia",
        8,
        Kind::N,
        true,
    ),
    field(5, "Fecha de procesamiento de la información", 10, Kind::F, true),
    field(
        6,
        "Total de registros relacionados en el archivo de respuesta",
        8,
        Kind::N,
        true,
    ),
    field(
        7,
        "Nombre del archivo de respuesta (Sin extensión .TXT)",
        58,
        Kind::A,
        true,
    ),
];

pub(crate) const SEXES: &[&str] = &["M", "F", "S"];

static RNEC_RECORDS: [RecordSpec; 3] = [
    control("1.2.2.1.2.1"),
    RecordSpec {
        type_code: "2",
        name: "registro de respuesta del Registro Civil de Defunción",
        section: "1.2.2.1.2.2",
        fields: &[
            field_in(0, "Tipo de registro", 1, &["2"]),
            field(1, "Tipo de identificación de la persona a consultar", 2, Kind::A, true),
            field(
                2,
                "Número de identificación de la persona a consultar",
                17,
                Kind::A,
                true,
            ),
            field(3, "Serial", 10, Kind::A, false),
            field(
                4,
                "Fecha de expedición del registro civil de defunción",
                10,
                Kind::F,
                false,
            ),
            field(5, "Descripción clase tipo de oficina", 150, Kind::A, false),
            field(6, "Descripción código de la oficina", 150, Kind::A, false),
            field(7, "Tipo de identificación encontrado en RCDefuncion", 2, Kind::A, false),
            field(
                8,
                "Número de identificación encontrado en RCDefuncion",
                30,
                Kind::A,
                false,
            ),
            field(9, "Primer apellido encontrado en RCDefuncion", 60, Kind::A, false),
            field(10, "Segundo apellido encontrado en RCDefuncion", 60, Kind::A, false),
            field(11, "Primer nombre encontrado en RCDefuncion", 60, Kind::A, false),
            field(12, "Segundo nombre encontrado en RCDefuncion", 60, Kind::A, false),
            field(13, "Fecha de nacimiento encontrada en RCDefuncion", 10, Kind::F, false),
            optional_in(14, "Sexo", 1, SEXES).meaning(&[
                ("M", "masculino"),
                ("F", "femenino"),
                ("S", "sin información"),
            ]),
            field(15, "Descripción del país de defunción", 60, Kind::A, false),
            field(16, "Descripción del departamento de la defunción", 50, Kind::A, false),
            field(17, "Descripción del municipio de la defunción", 150, Kind::A, false),
            field(18, "Fecha de la defunción", 10, Kind::F, false),
            field(19, "Estado en RCDefuncion", 30, Kind::A, false),
            field_in(
                20,
                "Origen de la información de Registraduría Nacional del Estado Civil RNEC",
                20,
                &["RCDEFUNCION"],
            ),
        ],
    },
    RecordSpec {
        type_code: "3",
        name: "registro de respuesta del Archivo Nacional de Identificación",
        section: "1.2.2.1.2.3",
        fields: &[
            field_in(0, "Tipo de registro", 1, &["3"]),
            field(1, "Tipo de identificación de la persona a consultar", 2, Kind::A, true),
            field(
                2,
                "Número de identificación de la persona a consultar",
                17,
                Kind::A,
                true,
            ),
            field(3, "NUIP", 10, Kind::A, false),
            field(4, "Primer apellido encontrado en ANI", 60, Kind::A, false),
            field(5, "Descripción de la partícula del nombre", 30, Kind::A, false),
            field(6, "Segundo apellido encontrado en ANI", 60, Kind::A, false),
            field(7, "Primer nombre encontrado en ANI", 60, Kind::A, false),
            field(8, "Segundo nombre encontrado en ANI", 60, Kind::A, false),
            field(9, "Nombre del lugar de expedición", 200, Kind::A, false),
            field(10, "Fecha de expedición", 10, Kind::F, false),
            field(11, "Estado en ANI", 30, Kind::A, true),
            field(12, "Fecha de la defunción", 10, Kind::F, false),
            field(13, "Número de la resolución", 10, Kind::A, false),
            field(14, "Fecha de expedición de la resolución", 10, Kind::F, false),
            field_in(
                15,
                "Origen de la información de Registraduría Nacional del Estado Civil RNEC",
                20,
                &["ANI"],
            ),
        ],
    },
];

/// 1.2.2.1.2 — the RNEC answer.
pub static RNEC: FlatFormat = FlatFormat {
    id: "smcs-respuesta",
    name: "Respuesta de la Registraduría (RNEC)",
    source: SOURCE,
    separator: b',',
    separator_name: "coma (,)",
    text_section: "2",
    text_severity: Severity::Warning,
    file_name: None,
    type_field: 0,
    records: &RNEC_RECORDS,
};

pub(crate) const DOC_TYPES: &[&str] = &["TI", "RC", "CC", "PA", "CE", "CD"];

static NOT_FOUND_RECORDS: [RecordSpec; 2] = [
    control("1.2.2.1.3.2.1"),
    RecordSpec {
        type_code: "2",
        name: "registro de respuesta de no encontrados",
        section: "1.2.2.1.3.2.2",
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
            field_in(3, "Estado de los registros no encontrados", 30, &["NO ENCONTRADO"]),
        ],
    },
];

/// 1.2.2.1.3 — the not-found answer.
pub static NOT_FOUND: FlatFormat = FlatFormat {
    id: "smcs-respuesta",
    name: "Respuesta de registros no encontrados",
    source: SOURCE,
    separator: b',',
    separator_name: "coma (,)",
    text_section: "2",
    text_severity: Severity::Warning,
    file_name: None,
    type_field: 0,
    records: &NOT_FOUND_RECORDS,
};

static INFO_RECORDS: [RecordSpec; 1] = [RecordSpec {
    type_code: "1",
    name: "registro de información de control",
    section: "1.2.2.1.4.2",
    fields: &[
        // 24 in the annex; the members it names are 21 to 27 characters long.
        field(0, "Nombre del archivo al que corresponde", 40, Kind::A, true),
        field_in(1, "Tipo de registro", 1, &["1"]),
        field(2, "Código de la entidad", 6, Kind::A, true),
        field(3, "Fecha inicial del período de la información", 10, Kind::F, true),
        field(4, "Fecha final del período de la información", 10, Kind::F, true),
        field(
            5,
            "Total de registros relacionados en el archivo de consulta de supervivencia",
            8,
            Kind::N,
            true,
        ),
        field(6, "Fecha de procesamiento de la información", 10, Kind::F, true),
        field(
            7,
            "Total de registros relacionados en el archivo de respuesta",
            8,
            Kind::N,
            true,
        ),
        field(
            8,
            "Codificación de resumen del mensaje MD5 en base 64 del archivo respuesta RNEC",
            24,
            Kind::B64,
            true,
        ),
        field(
            9,
            "Codificación de resumen del mensaje MD5 en base 64 del archivo no encontrado",
            24,
            Kind::B64,
            false,
        ),
    ],
}];

/// 1.2.2.1.4 — the `.INFO` control file; its record type is field 1.
pub static INFO: FlatFormat = FlatFormat {
    id: "smcs-respuesta",
    name: "Información de control (.INFO)",
    source: SOURCE,
    separator: b',',
    separator_name: "coma (,)",
    text_section: "2",
    text_severity: Severity::Warning,
    file_name: None,
    type_field: 1,
    records: &INFO_RECORDS,
};
