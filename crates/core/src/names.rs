//! File-name grammars: the annexes' "Estructura y especificación del nombre del archivo" tables
//! as data, and one checker that reports each component that does not fit (always `line: 0`).

use crate::report::{At, Sink};
use crate::rules::{cite, parse_date8};
use crate::text::display;

/// The file name a path ends with (either kind of slash): the name the annexes govern.
pub fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

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

    /// Whether `v` is what this part may hold.
    fn fits(&self, v: &[u8]) -> bool {
        match *self {
            Part::Literal(s) => v == s.as_bytes(),
            Part::Extension(s) => v.eq_ignore_ascii_case(s.as_bytes()),
            Part::Date8 => v.len() == 8 && parse_date8(v).is_some(),
            Part::Digits(n) => v.len() == n && v.iter().all(u8::is_ascii_digit),
            Part::Code(n) => {
                v.len() == n
                    && v.iter()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'-')
            }
        }
    }

    /// Fixed by the grammar: the same text in every name.
    fn is_fixed(&self) -> bool {
        matches!(self, Part::Literal(_) | Part::Extension(_))
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
    pub(crate) fn name_len(&self) -> usize {
        self.components.iter().map(|c| c.part.len()).sum()
    }

    /// What every correct name starts with: its leading literal components ("RUA250SMCS").
    pub fn prefix(&self) -> String {
        self.components
            .iter()
            .map_while(|c| match c.part {
                Part::Literal(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    /// The components of a correct `name`, by index in `components`; `None` when any
    /// component does not fit (then [`check_name`] says which).
    pub fn parse(&self, name: &str) -> Option<NameParts> {
        let bytes = name.as_bytes();
        if bytes.len() != self.name_len() {
            return None;
        }
        let mut pos = 0;
        let mut parts = Vec::with_capacity(self.components.len());
        for c in self.components {
            let v = &bytes[pos..pos + c.part.len()];
            pos += c.part.len();
            if !c.part.fits(v) {
                return None;
            }
            parts.push(Some(String::from_utf8_lossy(v).into_owned()));
        }
        Some(NameParts(parts))
    }

    /// The name made of `values`, one for each component that is not fixed (literals and the
    /// extension are the grammar's own), in order; digits are padded with zeros on the left.
    /// `None` when a value does not fit its component or the count is wrong.
    pub fn render(&self, values: &[&str]) -> Option<String> {
        let mut values = values.iter();
        let mut name = String::with_capacity(self.name_len());
        for c in self.components {
            let v = match c.part {
                Part::Literal(s) | Part::Extension(s) => s.to_string(),
                Part::Digits(n) => format!("{:0>n$}", values.next()?),
                _ => values.next()?.to_string(),
            };
            if !c.part.fits(v.as_bytes()) {
                return None;
            }
            name.push_str(&v);
        }
        values.next().is_none().then_some(name)
    }

    /// The extension a correct name ends with, without its dot ("TXT").
    pub fn extension(&self) -> &'static str {
        self.components
            .iter()
            .rev()
            .find_map(|c| match c.part {
                Part::Extension(s) => Some(s.trim_start_matches('.')),
                _ => None,
            })
            .unwrap_or("")
    }

    /// How many values [`NameSpec::render`] takes.
    pub fn variable_parts(&self) -> usize {
        self.components.iter().filter(|c| !c.part.is_fixed()).count()
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

/// Checks `name` against `spec`, reporting every defect at line 0; gives back the components
/// that fit ([`NameSpec::read`]).
pub fn check_name(spec: &NameSpec, name: &str, sink: &mut Sink) -> NameParts {
    let bytes = name.as_bytes();
    let want = spec.name_len();
    let src = cite(spec.source, spec.section);
    if bytes.len() != want {
        sink.emit(&crate::catalogue::NOMBRE_LONGITUD, At::file().with_value(bytes), || {
            format!(
                "El nombre del archivo tiene {} caracteres y debe tener {want}, como {} {src}.",
                name.chars().count(),
                spec.example
            )
        });
    }
    spec.walk(name, &mut |c, v| {
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
    })
}

impl NameSpec {
    /// The components of `name` that fit, even when others do not (`None` there): what
    /// [`check_name`] reads, without reporting.
    pub fn read(&self, name: &str) -> NameParts {
        self.walk(name, &mut |_, _| {})
    }

    /// Reads each component of `name` at its place, calling `defect` for each that does not fit.
    fn walk(&self, name: &str, defect: &mut dyn FnMut(&Component, &[u8])) -> NameParts {
        let bytes = name.as_bytes();
        let want = self.name_len();
        let mut parts = NameParts(vec![None; self.components.len()]);
        // Components are read at fixed positions from the left; when the length is wrong only
        // those before the first variable-looking mismatch are trusted, and the extension is
        // read from the right.
        let last = self.components.len() - 1;
        let mut pos = 0;
        for (i, c) in self.components.iter().enumerate() {
            let len = c.part.len();
            let range = if i == last && bytes.len() != want {
                bytes.len().saturating_sub(len)..bytes.len()
            } else {
                pos..pos + len
            };
            pos += len;
            if bytes.len() != want
                && i != last
                && range.end > bytes.len().saturating_sub(self.components[last].part.len())
            {
                continue;
            }
            let Some(v) = bytes.get(range) else { continue };
            if c.part.fits(v) {
                parts.0[i] = Some(String::from_utf8_lossy(v).into_owned());
            } else {
                defect(c, v);
            }
        }
        parts
    }
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
        let report = sink.into_report("f", None, 0).into_listed();
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
    fn a_name_is_parsed_into_its_components_and_rendered_from_them() {
        assert_eq!(SPEC.prefix(), "AB");
        let parts = SPEC.parse("AB20150601NI000000000001.txt").expect("a correct name");
        assert_eq!((parts.get(1), parts.get(3)), (Some("20150601"), Some("000000000001")));
        assert!(SPEC.parse("AB20150631NI000000000001.TXT").is_none(), "no 31 June");
        assert!(SPEC.parse("AB20150601NI0001.TXT").is_none());
        assert_eq!(SPEC.variable_parts(), 2);
        assert_eq!(
            SPEC.render(&["20150601", "860999123"]).as_deref(),
            Some("AB20150601NI000860999123.TXT")
        );
        assert_eq!(SPEC.render(&["20150631", "1"]), None, "not a date");
        assert_eq!(SPEC.render(&["20150601", "1234567890123"]), None, "13 digits");
        assert_eq!(SPEC.render(&["20150601"]), None, "a value missing");
        assert_eq!(SPEC.render(&["20150601", "1", "x"]), None, "a value too many");
    }

    #[test]
    fn wrong_length_still_checks_extension_and_prefix() {
        let m = messages("AB20150601NI0001.CSV");
        assert!(m[0].contains("debe tener 28"), "{m:?}");
        assert!(m.iter().any(|s| s.contains("Extensión")), "{m:?}");
    }
}
