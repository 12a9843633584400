//! The findings catalogue: every code a report can carry, described once — its severity, a
//! short title for people, what it means and what to do, and the annex section it applies.
//!
//! The entries are data: each crate that emits findings defines its own with [`codes!`] (this
//! module holds the generic checks', [`GROUP`]; Colombia's are `planos_co::codes`, Argentina's
//! `planos_ar::codes`). A finding names its entry ([`crate::report::Sink::emit`]), never a
//! string, and its report carries the entry's code and title. The whole catalogue, the three
//! groups together, is `planos_ar::catalogue` (the one library crate that sees them all): it
//! looks a title up by code for the CLI and the page, renders `docs/codes.md`, and its tests
//! fail when that file is stale or when a code-shaped literal of `crates/*/src` is not catalogued.

use crate::diagnostic::Severity;

/// One kind of finding, as the catalogue describes it once.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// The stable code in the JSON, e.g. `"SMCS-CTL-TOTAL"`.
    pub code: &'static str,
    /// The severity it is emitted with (the usual one, for the few whose severity the format
    /// decides: [`crate::report::Sink::emit_as`]).
    pub severity: Severity,
    /// Short Spanish title a person understands.
    pub title: &'static str,
    /// One paragraph, Spanish: what it means and what to do.
    pub explanation: &'static str,
    /// The annex section, e.g. "Res. 1537/2015, anexo técnico, numeral 1.2.1.1, campo 4".
    pub section: &'static str,
}

/// The codes one crate emits, with the heading `docs/codes.md` gives them.
#[derive(Debug)]
pub struct Group {
    pub heading: &'static str,
    pub codes: &'static [&'static Code],
}

impl Group {
    /// The entry of this group for `code`.
    pub fn get(&self, code: &str) -> Option<&'static Code> {
        self.codes.iter().copied().find(|c| c.code == code)
    }
}

/// Whether `name` is `code` with each `-` written `_` (what [`codes!`] checks of every entry
/// while compiling).
#[doc(hidden)]
pub const fn named_after(name: &str, code: &str) -> bool {
    let (n, c) = (name.as_bytes(), code.as_bytes());
    if n.len() != c.len() {
        return false;
    }
    let mut i = 0;
    while i < n.len() {
        let want = if c[i] == b'-' { b'_' } else { c[i] };
        if n[i] != want {
            return false;
        }
        i += 1;
    }
    true
}

/// `codes! { NAME = ("CODE", Error, "title", "explanation", "section"), ... }` defines each as a
/// `pub const NAME: Code` and `pub const ALL: &[&Code]` listing them in order. An entry may carry
/// doc comments (`/// …`) before its name. `NAME` must be the code with `-` written `_` (a
/// compile-time check), so a code's constant is found from the code.
#[macro_export]
macro_rules! codes {
    ($($(#[$meta:meta])* $name:ident = ($code:literal, $severity:ident, $title:literal, $explanation:literal, $section:literal $(,)?)),* $(,)?) => {
        $(
            $(#[$meta])*
            #[doc = concat!("`", $code, "` — ", $title)]
            pub const $name: $crate::catalogue::Code = $crate::catalogue::Code {
                code: $code,
                severity: $crate::report::Severity::$severity,
                title: $title,
                explanation: $explanation,
                section: $section,
            };
            const _: () = assert!(
                $crate::catalogue::named_after(stringify!($name), $code),
                concat!("the constant of ", $code, " must be named after it")
            );
        )*
        /// Every code of this group, in the catalogue's order.
        pub const ALL: &[&$crate::catalogue::Code] = &[$(&$name),*];
    };
}

/// The severity as the report's CSV and the CLI say it.
pub fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "advertencia",
        Severity::Note => "verifique",
    }
}

/// `docs/codes.md`: every code of `groups`, group by group, with its severity, section and
/// explanation; `generator` says what writes it.
pub fn markdown(groups: &[&Group], generator: &str) -> String {
    use std::fmt::Write;
    let mut out = String::from("# Códigos de los hallazgos\n\n");
    out.push_str(
        "Cada hallazgo de planos (en el informe JSON y CSV, en la línea de comandos y en la página) lleva uno de estos códigos. \
         «error»: la plataforma rechazaría el archivo (o, en el presupuesto odontológico, no se podría cargar o enviar); \
         «advertencia»: conviene revisarlo, pero no es motivo de rechazo; «verifique»: planos no puede comprobarlo, compruébelo a mano.\n\n",
    );
    let _ = writeln!(out, "<!-- Generado por {generator} -->");
    for group in groups {
        let _ = write!(out, "\n## {}\n\n", group.heading);
        if group.codes.is_empty() {
            out.push_str("Todavía sin códigos.\n");
            continue;
        }
        out.push_str("| Código | Severidad | Título |\n| --- | --- | --- |\n");
        for c in group.codes {
            let _ = writeln!(out, "| `{}` | {} | {} |", c.code, severity_label(c.severity), c.title);
        }
        for c in group.codes {
            let _ = write!(
                out,
                "\n### {} — {}\n\n**Severidad:** {}. **Referencia:** {}.\n\n{}\n",
                c.code,
                c.title,
                severity_label(c.severity),
                c.section,
                c.explanation
            );
        }
    }
    out
}

/// The generic checks: section 2's characters and file-level text, the record tables (record
/// type, field count, each field against its row), file-name grammars. Formats name the rule's
/// resolution and section in each message; the section here names both annexes.
pub const GROUP: Group = Group {
    heading: "Generales: todos los archivos planos",
    codes: ALL,
};

codes! {
    /// Mixed severity: a warning in the answer archive's members (their `text_severity`).
    TEXTO_BOM = (
        "TEXTO-BOM",
        Error,
        "El archivo tiene la marca BOM de UTF-8",
        "El archivo empieza con la marca de orden de bytes (BOM) que algunos programas ponen al guardar en UTF-8. Los anexos piden texto ANSI (Windows-1252) sin esa marca. «Corregir» la quita sin cambiar lo que dice el archivo; si el archivo sale de un sistema, configúrelo para guardar en ANSI. En los archivos de la respuesta del Ministerio es solo una advertencia.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literal b",
    ),
    TEXTO_LINEA_LARGA = (
        "TEXTO-LINEA-LARGA",
        Error,
        "Línea demasiado larga para ser un registro",
        "La línea tiene más de 65 536 caracteres: ningún registro de los anexos se acerca a esa longitud, así que no se revisa como registro. Suele pasar cuando el archivo elegido no es un archivo plano, o cuando perdió los fines de línea y todos los registros quedaron en una sola línea. Verifique que eligió el archivo correcto y que cada registro termina con un fin de línea.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literal l (límite de planos: 64 KiB por línea)",
    ),
    /// Mixed severity: a warning in the answer archive's members.
    TEXTO_FIN_ARCHIVO = (
        "TEXTO-FIN-ARCHIVO",
        Error,
        "Carácter de fin de archivo (Ctrl-Z)",
        "El archivo trae el carácter de fin de archivo 0x1A (Ctrl-Z), que agregan algunos programas antiguos, casi siempre al final. Los archivos planos no deben traer ningún carácter especial de fin de archivo. «Corregir» lo quita sin cambiar lo que dice el archivo. En los archivos de la respuesta del Ministerio es solo una advertencia.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literal l",
    ),
    /// Mixed severity: a warning in the answer archive's members.
    TEXTO_LINEA_VACIA = (
        "TEXTO-LINEA-VACIA",
        Error,
        "Línea vacía",
        "Hay una línea en blanco (o solo con espacios): cada línea del archivo debe ser un registro. Suele quedar al final por un fin de línea de más, o en medio al unir archivos. «Corregir» quita las líneas vacías sin cambiar lo que dice el archivo. En los archivos de la respuesta del Ministerio es solo una advertencia.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literal l",
    ),
    /// Mixed severity: a warning in the answer archive's members.
    TEXTO_RELLENO = (
        "TEXTO-RELLENO",
        Error,
        "Espacios al principio o al final de un campo",
        "Un campo empieza o termina con espacios. Los valores no se justifican ni se completan con espacios (los ceros a la izquierda de documentos y códigos sí se aceptan). «Corregir» quita esos espacios sin cambiar lo que dice el archivo. En los archivos de la respuesta del Ministerio es solo una advertencia.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literal j",
    ),
    /// Mixed severity: a warning in the answer archive's members.
    TEXTO_CODIFICACION = (
        "TEXTO-CODIFICACION",
        Error,
        "Archivo guardado en UTF-8 y no en ANSI",
        "El campo tiene una letra o un símbolo guardado en UTF-8 (por ejemplo una Ñ o una tilde de un archivo guardado como «CSV UTF-8»). Los archivos se graban en ANSI (Windows-1252) y, además, sin tildes ni caracteres especiales. «Corregir» pasa el archivo a ANSI y quita tildes y Ñ sin cambiar lo que dice; cualquier otro carácter especial queda señalado para corregirlo a mano. En los archivos de la respuesta del Ministerio es solo una advertencia.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literales b y c",
    ),
    /// Mixed severity: a warning in the answer archive's members.
    TEXTO_MINUSCULAS = (
        "TEXTO-MINUSCULAS",
        Error,
        "Letras minúsculas",
        "Los datos se graban en letras MAYÚSCULAS y el campo tiene minúsculas. «Corregir» pasa todo a mayúsculas sin cambiar lo que dice el archivo. En los archivos de la respuesta del Ministerio es solo una advertencia.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literal c",
    ),
    /// Mixed severity: a warning in the answer archive's members.
    TEXTO_TILDES = (
        "TEXTO-TILDES",
        Error,
        "Letra con tilde",
        "Los datos van sin tildes ni diéresis (Á, É, Ü…) y el campo tiene una letra acentuada. «Corregir» las quita (Á → A) sin cambiar lo que dice el archivo. En los archivos de la respuesta del Ministerio es solo una advertencia.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literal c",
    ),
    /// Mixed severity: a warning in the answer archive's members.
    TEXTO_COMILLAS = (
        "TEXTO-COMILLAS",
        Error,
        "Comillas en un campo",
        "Ningún dato va encerrado entre comillas, ni lleva comillas de ningún tipo (rectas, tipográficas o «»). Suelen aparecer al exportar desde Excel. «Corregir» quita las comillas rectas que encierran un campo completo; las que quedan dentro del valor corríjalas en el sistema de origen. En los archivos de la respuesta del Ministerio es solo una advertencia.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literal f",
    ),
    /// Mixed severity: a warning in the answer archive's members.
    TEXTO_SEPARADOR = (
        "TEXTO-SEPARADOR",
        Error,
        "Separador no permitido dentro de un campo",
        "El campo tiene un tabulador, un punto y coma o una barra vertical. Solo el separador del anexo separa campos (la coma en la consulta de supervivencia, la barra vertical en el reporte de servicios negados) y ningún otro se usa. Suele pasar al exportar desde Excel con otro separador: vuelva a generar el archivo con el separador correcto. En los archivos de la respuesta del Ministerio es solo una advertencia.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literal d",
    ),
    /// Mixed severity: a warning in the answer archive's members.
    TEXTO_ESPECIAL = (
        "TEXTO-ESPECIAL",
        Error,
        "Carácter especial no permitido",
        "El campo tiene un carácter que no es letra mayúscula, dígito, espacio, guion ni punto: una Ñ, un símbolo como / # @ o un carácter de control. Los datos van sin caracteres especiales; escriba N en lugar de Ñ. «Corregir» cambia la Ñ por N sin cambiar lo que dice el archivo; los demás caracteres corríjalos en el sistema de origen. En los archivos de la respuesta del Ministerio es solo una advertencia.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literal c",
    ),
    ARCHIVO_VACIO = (
        "ARCHIVO-VACIO",
        Error,
        "Archivo vacío",
        "El archivo no tiene ningún registro (o el .DAT de la respuesta no tiene ningún byte). Todo archivo lleva por lo menos su registro de control. Verifique que eligió el archivo correcto y vuelva a generarlo o a descargarlo.",
        "Res. 1537/2015, anexo técnico, numerales 1.2.1 y 1.2.2; Res. 3539/2019, anexo técnico, numeral b",
    ),
    REGISTRO_TIPO = (
        "REGISTRO-TIPO",
        Error,
        "Tipo de registro desconocido",
        "El campo que dice el tipo de registro (el primero de la línea; en el .INFO, el segundo) no es ninguno de los tipos que define el anexo para este archivo, como 1 (control) o 2 (detalle). La línea no se revisa. Suele ser una fila de títulos o de totales que quedó de una hoja de cálculo, o un registro tipo 3 del reporte de servicios negados, que el anexo menciona pero no define. Quítela o corríjala en el sistema de origen.",
        "Res. 1537/2015, anexo técnico, numeral 1.2 (campo 0 de cada registro); Res. 3539/2019, anexo técnico, numerales b, b.1 y b.2",
    ),
    REGISTRO_CAMPOS = (
        "REGISTRO-CAMPOS",
        Error,
        "Número de campos incorrecto",
        "La línea tiene más o menos campos de los que la tabla del anexo define para su tipo de registro (por ejemplo 6 en el control de la consulta de supervivencia y 3 en su detalle; 8 y 23 en el reporte de servicios negados). Suele deberse a un separador de más o de menos, a un separador dentro de un dato, o a un campo opcional omitido: un campo vacío se deja entre dos separadores. Corríjalo en el sistema de origen y vuelva a generar el archivo.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, tabla de cada registro y numeral 2, literal e",
    ),
    CAMPO_OBLIGATORIO = (
        "CAMPO-OBLIGATORIO",
        Error,
        "Campo obligatorio vacío",
        "El campo está vacío y la tabla del anexo lo marca como requerido. Complete el dato en el sistema de origen y vuelva a generar el archivo.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, tabla de cada registro, columna «Requerido»",
    ),
    CAMPO_LONGITUD = (
        "CAMPO-LONGITUD",
        Error,
        "Campo más largo de lo permitido",
        "El valor tiene más caracteres que la longitud máxima que el anexo da al campo. Las longitudes son máximas: un valor puede ser más corto, nunca más largo. Revise que el dato sea el correcto (por ejemplo, que un NIT no traiga el dígito de verificación o que no se hayan unido dos datos) y corríjalo en el sistema de origen.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, tabla de cada registro, columna «Longitud máxima del campo», y numeral 2, literal i",
    ),
    CAMPO_NUMERICO = (
        "CAMPO-NUMERICO",
        Error,
        "Campo numérico con caracteres que no son dígitos",
        "El campo es numérico y tiene algo distinto de dígitos: puntos o comas de miles, signos, espacios o letras (por ejemplo una O en lugar de un cero). Escriba solo dígitos, sin formato. Si el archivo sale de una hoja de cálculo, quite el formato de número a la columna.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literales g y k",
    ),
    CAMPO_DECIMAL = (
        "CAMPO-DECIMAL",
        Error,
        "Número decimal mal escrito",
        "El campo es decimal y debe llevar solo dígitos, con punto como separador decimal y sin separador de miles (1500.50, no 1.500,50). Corríjalo en el sistema de origen o quite el formato de número a la columna de la hoja de cálculo.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literal g",
    ),
    CAMPO_FECHA = (
        "CAMPO-FECHA",
        Error,
        "Fecha inválida o que no está en formato AAAA-MM-DD",
        "El campo es una fecha y debe ser una fecha real escrita AAAA-MM-DD, con guiones: 2015-06-01, no 01/06/2015, ni 20150601, ni 2015-02-30. Las hojas de cálculo suelen cambiar el formato de las fechas al guardar; fije el formato AAAA-MM-DD en la columna o corrija la fecha en el sistema de origen.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, numeral 2, literal h",
    ),
    CAMPO_VALOR = (
        "CAMPO-VALOR",
        Error,
        "Valor no permitido en el campo",
        "El valor no está en la lista de valores permitidos que el anexo da para el campo (por ejemplo, un tipo de documento que no es RC, TI, CC, CE, PA ni CD en la consulta de supervivencia, o un sexo que no es M ni H en el reporte de servicios negados). El mensaje dice los valores aceptados: use uno de ellos.",
        "Res. 1537/2015 y Res. 3539/2019, anexo técnico, tabla de cada registro, columna de valores permitidos",
    ),
    NOMBRE_LONGITUD = (
        "NOMBRE-LONGITUD",
        Error,
        "Nombre del archivo con longitud incorrecta",
        "El nombre del archivo no tiene los caracteres que fija el anexo, con la extensión: 44 la consulta de supervivencia, 58 su respuesta .DAT, 36 el reporte de servicios negados. Suele faltar o sobrar un cero en el NIT o en el código de la entidad, o el archivo se renombró al descargarlo (por ejemplo con «(1)»). Renómbrelo como indica el anexo; el mensaje trae un ejemplo de nombre correcto.",
        "Res. 1537/2015, anexo técnico, numerales 1.1.1 y 1.1.2; Res. 3539/2019, anexo técnico, numeral a",
    ),
    NOMBRE_ARCHIVO = (
        "NOMBRE-ARCHIVO",
        Error,
        "El archivo no se llama como indica su registro de control",
        "El nombre del archivo no sigue el anexo, y su registro de control dice cuál debe ser (la consulta de supervivencia lo escribe en su campo 5; el reporte de servicios negados lo deriva del NIT y de la fecha final del período). Pasa cuando el archivo se guardó con otro nombre («consulta_mayo.txt») o el navegador le añadió « (1)» al descargarlo. Renómbrelo exactamente como dice el mensaje; «Corregir» lo entrega con ese nombre.",
        "Res. 1537/2015, anexo técnico, numerales 1.1.1 y 1.2.1.1; Res. 3539/2019, anexo técnico, numerales a y b.1",
    ),
    NOMBRE_COMPONENTE = (
        "NOMBRE-COMPONENTE",
        Error,
        "Parte del nombre del archivo no válida",
        "Un componente del nombre del archivo no cumple el anexo: un prefijo distinto (RUA250SMCS, PUB200SMCS, REC140RNSE), una fecha de corte que no es una fecha real AAAAMMDD, un NIT que no tiene 12 dígitos con ceros a la izquierda, un código de entidad con minúsculas o la extensión equivocada. El mensaje dice qué componente falla y qué debe tener: renombre el archivo.",
        "Res. 1537/2015, anexo técnico, numerales 1.1.1 y 1.1.2; Res. 3539/2019, anexo técnico, numeral a",
    ),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_named_after_their_codes() {
        assert!(named_after("SMCS_CTL_TOTAL", "SMCS-CTL-TOTAL") && named_after("A", "A"));
        assert!(!named_after("SMCS_CTL_TOTA", "SMCS-CTL-TOTAL") && !named_after("A_B", "A-C"));
        assert!(!named_after("A-B", "A-B"), "a constant has no '-'");
        assert_eq!(GROUP.get("CAMPO-VALOR"), Some(&CAMPO_VALOR));
        assert_eq!(GROUP.get("SMCS-CTL-TOTAL"), None, "Colombia's");
        assert_eq!(ALL.len(), 23);
    }

    #[test]
    fn markdown_lists_each_group() {
        const EMPTY: Group = Group {
            heading: "Vacío",
            codes: &[],
        };
        let md = markdown(&[&GROUP, &EMPTY], "una prueba");
        assert!(md.contains("<!-- Generado por una prueba -->\n"));
        assert!(md.contains("| `CAMPO-VALOR` | error | Valor no permitido en el campo |\n"));
        assert!(md.contains("\n### TEXTO-BOM — El archivo tiene la marca BOM de UTF-8\n\n**Severidad:** error."));
        assert!(md.ends_with("\n## Vacío\n\nTodavía sin códigos.\n"));
    }
}
