//! The native command line: `planos check [--query QUERY_FILE] [--format text|json] FILE...`,
//! and `planos build …` ([`build`]).

mod build;
mod repair;
mod sssalud;

use planos_co::check::{check_files, Checked, Input, Options as CheckOptions};
use planos_co::formats::people::{rows_csv, rows_xlsx, AnswerSummary};
use planos_co::formats::rnse::summary::{DenialSummary, Tally};
use planos_core::report::{plural, Report, Severity, DEFAULT_LIMIT};
use std::ffi::OsString;
use std::io::Write;

const CHUNK: usize = 2 << 20;

const HELP: &str = "\
planos — valida archivos planos de salud sin enviarlos a ningún servidor.

Uso:
  planos check [--format text|json] [--query ARCHIVO_CONSULTA] [--max-errores N] [--hilos N] ARCHIVO...
  planos build smcs|rnse …   (construye un archivo; «planos build --help» lo explica)
  planos corregir …     (aplica las correcciones seguras; «planos corregir --help»)
  planos sssalud …      (FTP de la SSSalud, Argentina: FileZilla, envíos, respuestas .ok/.err;
                         «planos sssalud --help»)

Opciones:
  --format text    Informe para personas (predeterminado).
  --format json    Un único documento JSON (el mismo que descarga la página).
  --query ARCHIVO  El archivo de consulta que responde un archivo de respuesta; se revisa también.
  --personas F     Escribe una fila por persona respondida (resultado, estado, nombre, fecha de
                   defunción) de los archivos de respuesta: en Excel si F termina en .xlsx,
                   si no en CSV.
  --max-errores N  Cuántos hallazgos listar por archivo (predeterminado 100000); los conteos
                   por código son siempre exactos.
  --hilos N        En cuántos hilos revisar cada archivo plano (predeterminado: uno por núcleo
                   si el equipo tiene 4 o más, si no 1); el informe es el mismo con cualquier
                   número de hilos.
  -h, --help       Muestra esta ayuda.
  -V, --version    Muestra la versión.

Formatos:
  smcs-consulta    Consulta masiva de supervivencia, Res. 1537/2015 (RUA250SMCS…TXT)
  smcs-respuesta   Respuesta de supervivencia, Res. 1537/2015 (PUB200SMCS…DAT)
  rnse             Servicios negados, anexo de la Res. 3539/2019 (REC140RNSE…TXT);
                   la Res. 1632 de 2025 la reemplazó

Estado de salida: 0 todos los archivos son válidos, 1 hay errores, 2 no se pudo ejecutar.

Ejemplo:
  planos check --format json RUA250SMCS20150601NI000860999123CO014-18.TXT
";

/// Runs the CLI with `args` (without the program name); returns the exit status.
pub fn main(args: Vec<OsString>) -> i32 {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run(args, &mut stdout.lock(), &mut stderr.lock())
}

#[derive(Debug, PartialEq)]
struct Options {
    json: bool,
    limit: usize,
    /// `--query` was given: it is `files[0]`.
    query: bool,
    /// `--personas FILE`: where to write one row per answered person (CSV).
    people: Option<String>,
    /// `--hilos N`: threads per flat file (`None`: [`default_threads`]).
    threads: Option<usize>,
    files: Vec<String>,
}

/// One thread per core on a machine with 4 or more; else 1. On 2 logical CPUs (often one
/// physical core) the threads' extra work (counting lines, replaying findings) cost more than
/// they saved: 1M-record query, 75 ms on one thread, 100–122 ms on two (`tools/bench`).
fn default_threads() -> usize {
    match std::thread::available_parallelism().map_or(1, usize::from) {
        cores if cores >= 4 => cores,
        _ => 1,
    }
}

fn parse(args: Vec<OsString>) -> Result<Option<Options>, String> {
    let mut args = args.into_iter().map(|a| a.to_string_lossy().into_owned());
    match args.next().as_deref() {
        Some("check") => {}
        Some("-h" | "--help" | "help") | None => return Ok(None),
        Some(other) => {
            return Err(format!(
                "orden desconocida «{other}»; use «planos check ARCHIVO…», «planos build …» o «planos corregir …»"
            ))
        }
    }
    let mut opts = Options {
        json: false,
        limit: DEFAULT_LIMIT,
        query: false,
        people: None,
        threads: None,
        files: Vec::new(),
    };
    let mut query = None;
    while let Some(a) = args.next() {
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or(format!("falta el valor de {what}"))
        };
        match key.as_str() {
            "--format" | "-f" => match value("--format")?.as_str() {
                "json" => opts.json = true,
                "text" => opts.json = false,
                v => return Err(format!("--format debe ser text o json, no «{v}»")),
            },
            "--query" => query = Some(value("--query")?),
            "--personas" => opts.people = Some(value("--personas")?),
            "--max-errores" | "--max-errors" => {
                let v = value("--max-errores")?;
                opts.limit = v
                    .parse()
                    .map_err(|_| format!("--max-errores debe ser un número, no «{v}»"))?;
            }
            "--hilos" => {
                let v = value("--hilos")?;
                opts.threads = Some(
                    v.parse()
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or(format!("--hilos debe ser un número mayor que cero, no «{v}»"))?,
                );
            }
            "-h" | "--help" => return Ok(None),
            k if k.starts_with('-') && k.len() > 1 => return Err(format!("opción desconocida «{k}»")),
            _ => opts.files.push(a),
        }
    }
    opts.query = query.is_some();
    opts.files.splice(0..0, query);
    if opts.files.is_empty() {
        return Err("indique al menos un archivo".to_string());
    }
    Ok(Some(opts))
}

fn run(args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    if args.first().is_some_and(|a| a == "-V" || a == "--version") {
        let _ = writeln!(out, "planos {}", env!("CARGO_PKG_VERSION"));
        return 0;
    }
    let rest = || args.iter().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    match args.first().and_then(|a| a.to_str()) {
        Some("build") => return build::run(rest(), out, err),
        Some("corregir") => return repair::run(rest(), out, err),
        Some("sssalud") => return sssalud::run(rest(), out, err),
        _ => {}
    }
    let opts = match parse(args) {
        Ok(Some(o)) => o,
        Ok(None) => {
            let _ = out.write_all(HELP.as_bytes());
            return 0;
        }
        Err(e) => {
            let _ = writeln!(err, "planos: {e}\n\n{HELP}");
            return 2;
        }
    };
    let mut inputs = Vec::new();
    for path in &opts.files {
        match open(path) {
            Ok(input) => inputs.push(input),
            Err(e) => {
                let _ = writeln!(err, "planos: no se pudo leer «{path}»: {e}");
                return 2;
            }
        }
    }
    let check_opts = CheckOptions {
        limit: opts.limit,
        chunk: CHUNK,
        threads: opts.threads.unwrap_or_else(default_threads),
        query: opts.query.then_some(0),
        people: opts.people.is_some(),
        browse: false,
    };
    let Checked { report, people } = match check_files(inputs, &check_opts, &mut |_| {}) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "planos: error de lectura: {e}");
            return 2;
        }
    };
    if let Some(path) = &opts.people {
        let rows: Vec<_> = people.into_iter().flatten().flatten().collect();
        let written = if path.to_ascii_lowercase().ends_with(".xlsx") {
            std::fs::File::create(path)
                .map_err(|e| e.to_string())
                .and_then(|f| rows_xlsx(&rows, std::io::BufWriter::new(f)).map(drop))
        } else {
            std::fs::write(path, rows_csv(&rows)).map_err(|e| e.to_string())
        };
        if let Err(e) = written {
            let _ = writeln!(err, "planos: no se pudo escribir «{path}»: {e}");
            return 2;
        }
    }
    let written = if opts.json {
        out.write_all(report.to_json().as_bytes())
    } else {
        write_text(&report, out)
    };
    if written.is_err() {
        return 2;
    }
    if report.all_valid() {
        0
    } else {
        1
    }
}

/// Opens a file on disk for checking.
fn open(path: &str) -> std::io::Result<Input<'static>> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::other("es una carpeta"));
    }
    Ok(Input {
        path: path.to_string(),
        size: meta.len(),
        source: Box::new(file),
    })
}

/// A denied-services report's summary, a line per breakdown.
fn write_denials(s: &DenialSummary, out: &mut dyn Write) -> std::io::Result<()> {
    let line = |v: &[Tally]| {
        v.iter()
            .filter(|t| t.count > 0)
            .map(|t| match t.label.as_str() {
                "" => format!("{} ×{}", t.code, t.count),
                label => format!("{} {label} ×{}", t.code, t.count),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "  Servicios negados: {}", s.denied)?;
    if let Some(p) = &s.period {
        writeln!(out, "  Periodo: {p}")?;
    }
    writeln!(out, "  Por tipo de servicio: {}", line(&s.by_service))?;
    writeln!(out, "  Por causa de negación: {}", line(&s.by_cause))?;
    writeln!(
        out,
        "  Municipios con más negaciones (de {}): {}",
        s.municipalities,
        line(&s.top_municipalities)
    )?;
    Ok(())
}

/// The report for people.
pub fn write_text(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for f in &report.files {
        writeln!(out, "{}", f.path)?;
        writeln!(out, "  Formato: {}", f.format_name.as_deref().unwrap_or("desconocido"))?;
        let records = plural(f.records, "registro", "registros");
        let warnings = plural(f.warning_count, "advertencia", "advertencias");
        if f.valid {
            writeln!(out, "  VÁLIDO: {records}, {warnings}")?;
        } else {
            let errors = plural(f.error_count, "error", "errores");
            writeln!(out, "  NO VÁLIDO: {errors}, {warnings} en {records}")?;
        }
        if let Some(s) = &AnswerSummary::of(f) {
            let consulted = s.consulted.map_or("—".to_string(), |n| n.to_string());
            writeln!(out, "  Personas consultadas: {consulted}")?;
            writeln!(
                out,
                "  Fallecidas según el Registro Civil de Defunción: {}",
                s.deceased_rcd
            )?;
            writeln!(
                out,
                "  Encontradas en el Archivo Nacional de Identificación: {} (con cédula cancelada por muerte: {})",
                s.found_ani, s.deceased_ani
            )?;
            writeln!(out, "  No encontradas: {}", s.not_found)?;
        }
        if let Some(s) = &DenialSummary::of(f) {
            write_denials(s, out)?;
        }
        if !f.counts.is_empty() {
            let counts: Vec<String> = f.counts.iter().map(|(c, n)| format!("{c} ×{n}")).collect();
            writeln!(out, "  Por código: {}", counts.join(", "))?;
        }
        for d in &f.errors {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "advertencia",
            };
            let place = match (d.line, d.field) {
                (0, _) => "nombre del archivo".to_string(),
                (l, Some(n)) => match d.field_name.as_deref() {
                    Some(name) if !name.is_empty() => format!("línea {l}, campo {n} ({name})"),
                    _ => format!("línea {l}, campo {n}"),
                },
                (l, None) => format!("línea {l}"),
            };
            writeln!(out, "  {place}: {kind} {}: {}", d.code, d.message)?;
        }
        if f.truncated {
            writeln!(
                out,
                "  (Se listan {} de {} hallazgos; los conteos por código son exactos.)",
                f.errors.len(),
                f.error_count + f.warning_count
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn options() {
        let o = parse(args(&[
            "check",
            "--format=json",
            "--query",
            "q.TXT",
            "--hilos",
            "3",
            "a.DAT",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(
            o,
            Options {
                json: true,
                limit: DEFAULT_LIMIT,
                query: true,
                people: None,
                threads: Some(3),
                files: vec!["q.TXT".into(), "a.DAT".into()]
            }
        );
        assert!(parse(args(&["check", "--format", "xml", "a"])).is_err());
        assert!(parse(args(&["check", "--hilos", "0", "a"])).is_err());
        assert!(parse(args(&["check"])).is_err());
        assert!(parse(args(&["borrar", "a"])).is_err());
        assert_eq!(parse(args(&["--help"])), Ok(None));
    }
}
