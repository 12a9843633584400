//! The practices a budget may carry: code, description, and whether the web client requires a
//! tooth and a face for it ("En caso de no haber especificado diente o cara (y ser requerido
//! obligatoriamente por la práctica seleccionada)…"). The document shows five codes; a provider
//! imports the rest of the nomenclador as CSV.

use planos_core::text;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Practice {
    pub code: String,
    pub description: String,
    pub needs_tooth: bool,
    pub needs_face: bool,
}

/// The codes the document shows, with their descriptions as printed there (the tickets and the
/// report cut some of them: "COMPOSITE", "FRACTURA AMELOD", "…Y FI-"). Whether each needs a
/// tooth and a face is read from the document's examples (`docs/interpretations.md`).
const SHOWN: [(&str, &str, bool, bool); 5] = [
    (
        "100100",
        "EXTRACCIÓN DENTARIA SIMPLE DE DIENTES UNI O MULTIRAD.Y/O RESTOS RADIC.",
        true,
        false,
    ),
    ("20800", "COMPOSITE", true, true),
    (
        "20900",
        "OBTURACIÓN CON RESINAS COMPOSITE CAVIDAD COMPUESTA",
        true,
        true,
    ),
    ("50100", "TARTRECTOMIA, CEPILLADO MECANICO Y FI-", false, false),
    ("70604", "FRACTURA AMELOD", true, true),
];

/// The table planos ships: the codes the document shows.
pub fn shipped() -> Vec<Practice> {
    SHOWN
        .iter()
        .map(|&(code, description, needs_tooth, needs_face)| Practice {
            code: code.to_string(),
            description: description.to_string(),
            needs_tooth,
            needs_face,
        })
        .collect()
}

/// The practice with `code` in `table`.
pub fn find<'a>(table: &'a [Practice], code: &str) -> Option<&'a Practice> {
    table.iter().find(|p| p.code == code.trim())
}

const MAX_BYTES: usize = 2 << 20;
const MAX_LINE: usize = 1000;
const MAX_PRACTICES: usize = 20_000;
const MAX_CODE: usize = 8;
const MAX_DESCRIPTION: usize = 200;
/// At most this many problems are listed; a file with more is surely not a nomenclador.
const MAX_PROBLEMS: usize = 20;

/// Reads a nomenclador from a CSV file (UTF-8 or Windows-1252, as Excel saves it): one practice
/// per line, `código, descripción, requiere diente, requiere cara`, separated by `;`, `,` or tab
/// (the first line decides), fields in double quotes where they hold the separator, an optional
/// header line. Yes is `sí`, `si`, `s`, `x`, `1`, `verdadero`; no is `no`, `n`, `0`, `falso` or
/// empty. Either every line is good and the table is returned, or the problems are, each with its
/// line number, in Spanish.
pub fn parse_csv(bytes: &[u8]) -> Result<Vec<Practice>, Vec<String>> {
    if bytes.len() > MAX_BYTES {
        return Err(vec![format!(
            "El archivo tiene {} bytes; un nomenclador en CSV no pasa de {} MB. ¿Es el archivo correcto?",
            bytes.len(),
            MAX_BYTES >> 20
        )]);
    }
    let decoded = text::decode(bytes);
    let body = decoded.strip_prefix('\u{feff}').unwrap_or(&decoded);
    let mut lines = body
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .peekable();
    let Some(&(_, first)) = lines.peek() else {
        return Err(vec!["El archivo está vacío: no tiene ninguna práctica.".to_string()]);
    };
    let separator = [';', '\t', ','].into_iter().find(|&s| first.contains(s)).unwrap_or(',');
    let mut table: Vec<Practice> = Vec::new();
    let mut first_line: Vec<usize> = Vec::new();
    let mut problems = Vec::new();
    let start = lines_start(body);
    for (i, line) in lines {
        let n = i + 1;
        if problems.len() >= MAX_PROBLEMS {
            problems.push("Hay más problemas; corrija los anteriores y vuelva a importar.".to_string());
            break;
        }
        match practice(line, separator) {
            Ok(p) => {
                if let Some(k) = table.iter().position(|q| q.code == p.code) {
                    problems.push(format!(
                        "Línea {n}: el código {} ya está en la línea {}.",
                        p.code, first_line[k]
                    ));
                } else if table.len() == MAX_PRACTICES {
                    problems.push(format!(
                        "Línea {n}: el nomenclador no puede tener más de {MAX_PRACTICES} prácticas."
                    ));
                    break;
                } else {
                    table.push(p);
                    first_line.push(n);
                }
            }
            Err(Problem::Header) if n == start => {}
            Err(Problem::Header) => problems.push(format!(
                "Línea {n}: el código debe ser un número (como 20800), no «{}».",
                shown(
                    &fields(line, separator)
                        .unwrap_or_default()
                        .first()
                        .cloned()
                        .unwrap_or_default()
                )
            )),
            Err(Problem::Other(why)) => problems.push(format!("Línea {n}: {why}.")),
        }
    }
    if problems.is_empty() && table.is_empty() {
        problems.push("El archivo no tiene ninguna práctica, solo el encabezado.".to_string());
    }
    if problems.is_empty() {
        Ok(table)
    } else {
        Err(problems)
    }
}

/// The 1-based number of the first non-empty line.
fn lines_start(body: &str) -> usize {
    body.lines().position(|l| !l.trim().is_empty()).map_or(0, |i| i + 1)
}

enum Problem {
    /// The code is not a number: a header line, if it is the first.
    Header,
    Other(String),
}

fn practice(line: &str, separator: char) -> Result<Practice, Problem> {
    if line.chars().count() > MAX_LINE {
        return Err(Problem::Other(format!("la línea tiene más de {MAX_LINE} caracteres")));
    }
    let f = fields(line, separator).map_err(Problem::Other)?;
    if f.len() != 4 {
        return Err(Problem::Other(format!(
            "se esperaban 4 columnas (código, descripción, requiere diente, requiere cara) separadas por «{}», hay {}",
            if separator == '\t' {
                "tabulador".to_string()
            } else {
                separator.to_string()
            },
            f.len()
        )));
    }
    let code = f[0].trim();
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Header);
    }
    if code.len() > MAX_CODE {
        return Err(Problem::Other(format!(
            "el código {code} tiene más de {MAX_CODE} dígitos"
        )));
    }
    let description = f[1].split_whitespace().collect::<Vec<_>>().join(" ");
    if description.is_empty() {
        return Err(Problem::Other(format!("falta la descripción del código {code}")));
    }
    if description.chars().count() > MAX_DESCRIPTION {
        return Err(Problem::Other(format!(
            "la descripción del código {code} tiene más de {MAX_DESCRIPTION} caracteres"
        )));
    }
    if description.chars().any(char::is_control) {
        return Err(Problem::Other(format!(
            "la descripción del código {code} tiene caracteres de control"
        )));
    }
    Ok(Practice {
        code: code.to_string(),
        description,
        needs_tooth: yes(&f[2])
            .map_err(|v| Problem::Other(format!("«requiere diente» debe ser sí o no, no «{}»", shown(&v))))?,
        needs_face: yes(&f[3])
            .map_err(|v| Problem::Other(format!("«requiere cara» debe ser sí o no, no «{}»", shown(&v))))?,
    })
}

fn yes(value: &str) -> Result<bool, String> {
    match value.trim().to_lowercase().as_str() {
        "sí" | "si" | "s" | "x" | "1" | "verdadero" | "true" => Ok(true),
        "no" | "n" | "0" | "falso" | "false" | "" => Ok(false),
        _ => Err(value.trim().to_string()),
    }
}

/// A value as a message shows it: at most 40 characters.
fn shown(value: &str) -> String {
    let mut s: String = value.trim().chars().take(40).collect();
    if value.trim().chars().count() > 40 {
        s.push('…');
    }
    s
}

/// The fields of one CSV line; a field in double quotes may hold the separator, `""` is a quote.
fn fields(line: &str, separator: char) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut started = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if started && field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            c if c == separator && !quoted => {
                out.push(std::mem::take(&mut field));
                started = true;
                continue;
            }
            c => field.push(c),
        }
        started = false;
    }
    if quoted {
        return Err("hay comillas sin cerrar".to_string());
    }
    out.push(field);
    Ok(out)
}

/// The table as CSV, as [`parse_csv`] reads it back (what the page keeps in the browser).
pub fn to_csv(table: &[Practice]) -> String {
    let mut out = String::from("código;descripción;requiere diente;requiere cara\n");
    for p in table {
        let yes_no = |b| if b { "sí" } else { "no" };
        out.push_str(&format!(
            "{};\"{}\";{};{}\n",
            p.code,
            p.description.replace('"', "\"\""),
            yes_no(p.needs_tooth),
            yes_no(p.needs_face)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ships_the_codes_the_document_shows() {
        let t = shipped();
        let codes: Vec<&str> = t.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["100100", "20800", "20900", "50100", "70604"]);
        let extraction = find(&t, "100100").unwrap();
        assert_eq!(
            extraction.description,
            "EXTRACCIÓN DENTARIA SIMPLE DE DIENTES UNI O MULTIRAD.Y/O RESTOS RADIC."
        );
        assert!(extraction.needs_tooth && !extraction.needs_face);
        assert_eq!(
            find(&t, "20900").unwrap().description,
            "OBTURACIÓN CON RESINAS COMPOSITE CAVIDAD COMPUESTA"
        );
        assert!(find(&t, " 20800 ").unwrap().needs_face);
        assert!(!find(&t, "50100").unwrap().needs_tooth);
        assert_eq!(find(&t, "99999"), None);
    }

    #[test]
    fn reads_excel_csv_with_header_quotes_and_windows_1252() {
        let csv = b"C\xf3digo;Descripci\xf3n;Diente;Cara\r\n20800;\"COMPOSITE; SIMPLE\";s\xed;S\xcd\r\n\r\n50100;TARTRECTOMIA;no;\r\n";
        let t = parse_csv(csv).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(
            t[0],
            Practice {
                code: "20800".into(),
                description: "COMPOSITE; SIMPLE".into(),
                needs_tooth: true,
                needs_face: true
            }
        );
        assert!(!t[1].needs_tooth && !t[1].needs_face);
        // Commas, no header, UTF-8 with BOM, a quoted description with a comma and a quote.
        let t = parse_csv("\u{feff}100100,\"EXTRACCIÓN, \"\"SIMPLE\"\"\",1,0\n".as_bytes()).unwrap();
        assert_eq!(t[0].description, "EXTRACCIÓN, \"SIMPLE\"");
        assert!(t[0].needs_tooth && !t[0].needs_face);
    }

    #[test]
    fn round_trips_through_what_the_page_keeps() {
        let t = shipped();
        assert_eq!(parse_csv(to_csv(&t).as_bytes()).unwrap(), t);
    }

    #[test]
    fn problems_name_their_line() {
        let csv = "código;descripción;diente;cara\n20800;COMPOSITE;sí\n2O900;X;sí;sí\n20800;OTRA;sí;quizás\n70604;;sí;sí\n50100;\"SIN CERRAR;no;no\n100100;A;no;no\n100100;B;no;no\n123456789;C;no;no\n";
        assert_eq!(
            parse_csv(csv.as_bytes()).unwrap_err(),
            [
                "Línea 2: se esperaban 4 columnas (código, descripción, requiere diente, requiere cara) separadas por «;», hay 3.",
                "Línea 3: el código debe ser un número (como 20800), no «2O900».",
                "Línea 4: «requiere cara» debe ser sí o no, no «quizás».",
                "Línea 5: falta la descripción del código 70604.",
                "Línea 6: hay comillas sin cerrar.",
                "Línea 8: el código 100100 ya está en la línea 7.",
                "Línea 9: el código 123456789 tiene más de 8 dígitos.",
            ]
        );
    }

    #[test]
    fn empty_huge_and_random_input_give_messages() {
        assert_eq!(
            parse_csv(b"").unwrap_err(),
            ["El archivo está vacío: no tiene ninguna práctica."]
        );
        assert_eq!(
            parse_csv(b"codigo;descripcion;diente;cara\n").unwrap_err(),
            ["El archivo no tiene ninguna práctica, solo el encabezado."]
        );
        assert!(parse_csv(&vec![b'1'; 3 << 20]).unwrap_err()[0].contains("bytes"));
        let long = format!("1;{};no;no", "A".repeat(2000));
        assert_eq!(
            parse_csv(long.as_bytes()).unwrap_err(),
            ["Línea 1: la línea tiene más de 1000 caracteres."]
        );
        let noise: Vec<u8> = (0..5000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let problems = parse_csv(&noise).unwrap_err();
        assert!(!problems.is_empty() && problems.len() <= MAX_PROBLEMS + 1);
    }
}
