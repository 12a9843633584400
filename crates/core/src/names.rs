//! File-name grammars: the annexes' "Estructura y especificación del nombre del archivo" tables
//! as data, and one checker that reports each component that does not fit (always `line: 0`).

use crate::report::{At, Sink};
use crate::rules::{cite, parse_date8};
use crate::text::display;

/// What a component of a file name may hold.
#[derive(Debug, Clone, Copy)]
pub enum Part {
    /// Exactly this text.
    Literal(&'static str),
    /// A real date `AAAAMMDD`.
    Date8,
    /// Exactly `n` digits.
    Digits(usize),
    /// Exactly `n` upper-case letters, digits or '-'.
    Code(usize),
    /// The extension, upper or lower case.
    Extension(&'static str),
}

impl Part {
    fn len(&self) -> usize {
        match *self {
            Part::Literal(s) | Part::Extension(s) => s.len(),
            Part::Date8 => 8,
            Part::Digits(n) | Part::Code(n) => n,
        }
    }
}

/// One row of a name table: the component's name and what it may hold.
#[derive(Debug)]
pub struct Component {
    pub name: &'static str,
    pub part: Part,
}

/// A file-name grammar.
#[derive(Debug)]
pub struct NameSpec {
    pub source: &'static str,
    pub section: &'static str,
    pub components: &'static [Component],
    /// An example of a correct name, for messages.
    pub example: &'static str,
}

impl NameSpec {
    /// The length of a correct name.
    pub fn name_len(&self) -> usize {
        self.components.iter().map(|c| c.part.len()).sum()
    }
}

/// The components read from a name, by index in `components` (`None` where it did not fit).
#[derive(Debug, Default, Clone)]
pub struct NameParts(pub Vec<Option<String>>);

impl NameParts {
    pub fn get(&self, i: usize) -> Option<&str> {
        self.0.get(i).and_then(|p| p.as_deref())
    }
}

/// Checks `name` against `spec`, reporting every defect at line 0.
pub fn check_name(spec: &NameSpec, name: &str, sink: &mut Sink) -> NameParts {
    let bytes = name.as_bytes();
    let want = spec.name_len();
    let src = cite(spec.source, spec.section);
    let mut parts = NameParts(vec![None; spec.components.len()]);
    if bytes.len() != want {
        sink.emit(&crate::catalogue::NOMBRE_LONGITUD, At::file().with_value(bytes), || {
            format!(
                "El nombre del archivo tiene {} caracteres y debe tener {want}, como {} {src}.",
                name.chars().count(),
                spec.example
            )
        });
    }
    // Components are read at fixed positions from the left; when the length is wrong only
    // those before the first variable-looking mismatch are trusted, and the extension is read
    // from the right.
    let last = spec.components.len() - 1;
    let mut pos = 0;
    for (i, c) in spec.components.iter().enumerate() {
        let len = c.part.len();
        let range = if i == last && bytes.len() != want {
            bytes.len().saturating_sub(len)..bytes.len()
        } else {
            pos..pos + len
        };
        pos += len;
        if bytes.len() != want && i != last && range.end > bytes.len().saturating_sub(spec.components[last].part.len())
        {
            continue;
        }
        let Some(v) = bytes.get(range) else { continue };
        let ok = match c.part {
            Part::Literal(s) => v == s.as_bytes(),
            Part::Extension(s) => v.eq_ignore_ascii_case(s.as_bytes()),
            Part::Date8 => parse_date8(v).is_some(),
            Part::Digits(_) => v.iter().all(u8::is_ascii_digit),
            Part::Code(_) => v
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'-'),
        };
        if ok {
            parts.0[i] = Some(String::from_utf8_lossy(v).into_owned());
            continue;
        }
        let what = match c.part {
            Part::Literal(s) => format!("debe ser «{s}»"),
            Part::Extension(s) => format!("debe ser «{s}»"),
            Part::Date8 => "debe ser una fecha real AAAAMMDD, sin separadores".to_string(),
            Part::Digits(n) => {
                format!("debe tener {n} dígitos, con ceros a la izquierda si hace falta")
            }
            Part::Code(n) => {
                format!("debe tener {n} caracteres: letras mayúsculas, dígitos o guion")
            }
        };
        let name = c.name;
        sink.emit(&crate::catalogue::NOMBRE_COMPONENTE, At::file().with_value(v), || {
            format!(
                "En el nombre del archivo, el componente «{name}» vale «{}» y {what} {src}.",
                display(v)
            )
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DEFAULT_LIMIT;

    static SPEC: NameSpec = NameSpec {
        source: "Res. X",
        section: "1.1",
        example: "AB20150601NI000000000001.TXT",
        components: &[
            Component {
                name: "Módulo",
                part: Part::Literal("AB"),
            },
            Component {
                name: "Fecha",
                part: Part::Date8,
            },
            Component {
                name: "Tipo",
                part: Part::Literal("NI"),
            },
            Component {
                name: "Número",
                part: Part::Digits(12),
            },
            Component {
                name: "Extensión",
                part: Part::Extension(".TXT"),
            },
        ],
    };

    fn messages(name: &str) -> Vec<String> {
        let mut sink = Sink::new(DEFAULT_LIMIT);
        check_name(&SPEC, name, &mut sink);
        let mut report = sink.into_report("f", None, 0);
        report.list_all();
        report.errors.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn good_names_pass_with_either_case_of_extension() {
        assert!(messages("AB20150601NI000000000001.TXT").is_empty());
        assert!(messages("AB20150601NI000000000001.txt").is_empty());
    }

    #[test]
    fn each_bad_component_is_named() {
        let m = messages("AB20150631NI00000000000X.TXT");
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].contains("Fecha"));
        assert!(m[1].contains("Número"));
    }

    #[test]
    fn wrong_length_still_checks_extension_and_prefix() {
        let m = messages("AB20150601NI0001.CSV");
        assert!(m[0].contains("debe tener 28"), "{m:?}");
        assert!(m.iter().any(|s| s.contains("Extensión")), "{m:?}");
    }
}
