//! The native command line: `planos check [--query QUERY_FILE] [--format text|json] FILE...`,
//! `planos build …` ([`build`]), `planos corregir …` ([`repair`]), `planos firmar …` ([`sign`])
//! and `planos sssalud …` ([`sssalud`]).
//!
//! The arguments are parsed by clap (derive); what the user reads is Spanish: every command's
//! help is its text here ([`help`], [`build::HELP`]…) and clap's errors are told again in
//! [`usage_message`]. Usage errors exit 2 with one line and where to find the help, never the
//! whole help.

mod build;
mod repair;
mod sign;
mod sssalud;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use planos_ar::catalogue;
use planos_co::check::{check_files, Checked, Input, Options as CheckOptions, SIGNATURE};
use planos_co::formats::people::{rows_csv, rows_xlsx, AnswerSummary, People};
use planos_co::formats::rnse::summary::{DenialSummary, Tally};
use planos_co::reference::{export, Kind, Tables};
use planos_core::catalogue::severity_label;
use planos_core::report::{plural, FileReport, Report, DEFAULT_LIMIT};
use planos_core::text::thousands;
use planos_sign::{prose_date, Signature, TrustStore};
use std::ffi::OsString;
use std::io::{Read, Seek, Write};

const CHUNK: usize = 2 << 20;

const HELP_TEMPLATE: &str = "\
planos — valida archivos planos de salud sin enviarlos a ningún servidor.

Uso:
  planos check [--format text|json] [--query ARCHIVO_CONSULTA] [--max-errores N] [--hilos N]
               [--confiar CERTIFICADO]... [--tabla EXPORTACION]... ARCHIVO...
  planos build smcs|rnse …   (construye un archivo; «planos build --help» lo explica)
  planos corregir …     (aplica las correcciones seguras; «planos corregir --help»)
  planos firmar --p12 CERTIFICADO.p12 ARCHIVO...
                        (revisa y firma los archivos válidos como .p7z; «planos firmar --help»)
  planos sssalud …      (FTP de la SSSalud, Argentina: FileZilla, envíos, respuestas .ok/.err;
                         «planos sssalud --help»)

Opciones:
  --format text    Informe para personas (predeterminado).
  --format json    Un único documento JSON (el mismo que descarga la página).
                   (-f y --formato son lo mismo que --format.)
  --query ARCHIVO  El archivo de consulta que responde un archivo de respuesta; se revisa también.
                   (--consulta es lo mismo que --query.)
  --personas F     Escribe una fila por persona respondida (resultado, estado, nombre, fecha de
                   defunción) de los archivos de respuesta: en Excel si F termina en .xlsx,
                   si no en CSV.
  --max-errores N  Cuántos hallazgos listar por archivo (predeterminado 100000); los conteos
                   por código son siempre exactos.
  --confiar CERT   Confía además en la entidad de certificación de CERT (.cer, .crt o .pem, en
                   DER o PEM) para las firmas de los archivos firmados (.p7z) y de las
                   respuestas; sin esta opción, solo en las entidades acreditadas en Colombia.
                   Se puede repetir. Vale solo para esta revisión.
  --tabla T        Usa la exportación T de una tabla de referencia de SISPRO (CIE10, CUPS o
                   CodigoEAPByNit, en .xlsx o .csv, como la descarga web.sispro.gov.co) en
                   lugar de la que trae planos; dice qué cambia («12 634 → 12 650 códigos,
                   16 nuevos, 0 retirados»). Se puede repetir, una por tabla. Vale solo para
                   esta revisión; el informe nombra las tablas que usó.
  --hilos N        En cuántos hilos revisar cada archivo plano (predeterminado: uno por núcleo
                   si el equipo tiene 4 o más, si no 1); el informe es el mismo con cualquier
                   número de hilos.
  -h, --help       Muestra esta ayuda (también después de cada orden: «planos build smcs --help»).
  -V, --version    Muestra la versión.

Formatos:
{formats}

Estado de salida: 0 todos los archivos son válidos, 1 hay errores, 2 no se pudo ejecutar.

Ejemplo:
  planos check --format json RUA250SMCS20150601NI000860999123CO014-18.TXT
";

/// The help of `planos` and `planos check`: [`HELP_TEMPLATE`] with the formats of the registry.
fn help() -> String {
    let formats: Vec<String> = planos_co::formats::ALL
        .iter()
        .map(|f| {
            format!(
                "  {:<16} {} ({}…{})",
                f.id,
                f.name,
                f.file_name.prefix(),
                f.file_name.extension()
            )
        })
        .collect();
    HELP_TEMPLATE.replace("{formats}", &formats.join("\n"))
}

/// Runs the CLI with `args` (without the program name); returns the exit status.
pub fn main(args: Vec<OsString>) -> i32 {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run(args, &mut stdout.lock(), &mut stderr.lock())
}

/// `planos …`; with no command, its help.
#[derive(Parser, Debug)]
#[command(name = "planos", version, override_help = help())]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    #[command(override_help = help())]
    Check(CheckArgs),
    #[command(override_help = build::HELP)]
    Build(build::BuildArgs),
    #[command(override_help = repair::HELP)]
    Corregir(repair::RepairArgs),
    #[command(override_help = sign::HELP)]
    Firmar(sign::SignArgs),
    #[command(override_help = sssalud::HELP)]
    Sssalud(sssalud::SssaludArgs),
}

/// `planos check`'s arguments, as typed.
#[derive(Args, Debug)]
struct CheckArgs {
    #[arg(short = 'f', long = "format", visible_alias = "formato", value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    #[arg(long = "query", visible_alias = "consulta", value_name = "ARCHIVO")]
    query: Option<String>,
    #[arg(long = "personas", value_name = "F")]
    people: Option<String>,
    #[arg(long = "max-errores", alias = "max-errors", value_name = "N", default_value_t = DEFAULT_LIMIT,
          value_parser = count, allow_negative_numbers = true)]
    limit: usize,
    #[arg(long = "hilos", value_name = "N", value_parser = positive, allow_negative_numbers = true)]
    threads: Option<usize>,
    #[arg(long = "confiar", value_name = "CERT", action = ArgAction::Append)]
    trust: Vec<String>,
    #[arg(long = "tabla", value_name = "T", action = ArgAction::Append)]
    tables: Vec<String>,
    #[arg(value_name = "ARCHIVO")]
    files: Vec<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum ReportFormat {
    Text,
    Json,
}

/// A count option's value (`--max-errores`); clap's error adds the option and the value.
fn count(v: &str) -> Result<usize, String> {
    v.parse().map_err(|_| "debe ser un número".to_string())
}

/// A count above zero (`--hilos`).
fn positive(v: &str) -> Result<usize, String> {
    v.parse()
        .ok()
        .filter(|&n| n > 0)
        .ok_or("debe ser un número mayor que cero".to_string())
}

/// `planos check`'s options, once understood.
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
    /// `--confiar CERT`…: certificates trusted beside the accredited roots.
    trust: Vec<String>,
    /// `--tabla T`…: SISPRO exports used instead of the compiled-in tables.
    tables: Vec<String>,
    files: Vec<String>,
}

impl CheckArgs {
    fn options(self) -> Result<Options, String> {
        let mut files = self.files;
        files.splice(0..0, self.query.iter().cloned());
        if files.is_empty() {
            return Err("indique al menos un archivo".to_string());
        }
        Ok(Options {
            json: self.format == ReportFormat::Json,
            limit: self.limit,
            query: self.query.is_some(),
            people: self.people,
            threads: self.threads,
            trust: self.trust,
            tables: self.tables,
            files,
        })
    }
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

/// The whole command line as clap sees it: [`Cli`] with Spanish `-h/--help` on every command
/// and `-V/--version` on `planos`; an option given twice keeps its last value, as before clap.
fn command() -> clap::Command {
    fn spanish(cmd: clap::Command) -> clap::Command {
        cmd.disable_help_flag(true)
            .disable_version_flag(true)
            .args_override_self(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help("Muestra esta ayuda."),
            )
            .mut_subcommands(spanish)
    }
    spanish(Cli::command()).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Muestra la versión."),
    )
}

/// The arguments understood, or clap's error (also for `--help` and `--version`, which it
/// answers as errors of their own kinds).
fn parse(args: &[String]) -> Result<Cli, clap::Error> {
    let matches = command().try_get_matches_from(std::iter::once("planos").chain(args.iter().map(String::as_str)))?;
    Cli::from_arg_matches(&matches)
}

fn run(args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let cli = match parse(&args) {
        Ok(cli) => cli,
        Err(e) => return clap_failure(&e, &args, out, err),
    };
    match cli.command {
        None => {
            let _ = out.write_all(help().as_bytes());
            0
        }
        Some(Command::Check(a)) => match a.options() {
            Ok(opts) => check(&opts, out, err),
            Err(why) => usage(err, "check", &why),
        },
        Some(Command::Build(a)) => build::run(a, out, err),
        Some(Command::Corregir(a)) => repair::run(a, out, err),
        Some(Command::Firmar(a)) => sign::run(a, out, err),
        Some(Command::Sssalud(a)) => sssalud::run(a, out, err),
    }
}

/// Help and version on `out` (exit 0); a usage error in Spanish on `err` (exit 2).
fn clap_failure(e: &clap::Error, args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = write!(out, "{}", e.render());
            0
        }
        _ => {
            let path = command_path(args);
            usage(err, &path, &usage_message(e, &path))
        }
    }
}

/// The (sub)commands `args` start with, as typed in the help: "", "build smcs", "sssalud errores".
fn command_path(args: &[String]) -> String {
    let mut cmd = command();
    let mut path = Vec::new();
    for a in args {
        let Some(sub) = cmd.find_subcommand(a).cloned() else {
            break;
        };
        path.push(sub.get_name().to_string());
        cmd = sub;
    }
    path.join(" ")
}

/// Why a command could not run (exit 2).
enum Failure {
    /// The arguments: told with where the help is ([`usage`]).
    Usage(String),
    /// Anything else (a file that cannot be read, a column the list does not have): told alone.
    Run(String),
}

/// `failure` on `err`, for the command `path` ([`command_path`]); exit 2.
fn failed(err: &mut dyn Write, path: &str, failure: Failure) -> i32 {
    match failure {
        Failure::Usage(why) => usage(err, path, &why),
        Failure::Run(why) => {
            let _ = writeln!(err, "{}: {why}", prefix(path));
            2
        }
    }
}

/// What messages start with: `planos sssalud` under `planos sssalud`, else `planos`.
fn prefix(path: &str) -> &'static str {
    if path.starts_with("sssalud") {
        "planos sssalud"
    } else {
        "planos"
    }
}

/// A usage error on `err`: what is wrong and where the help is (not the whole help); exit 2.
fn usage(err: &mut dyn Write, path: &str, why: &str) -> i32 {
    let help = format!("planos {path} --help").replace("  ", " ");
    let _ = writeln!(err, "{}: {why}\nPara ver la ayuda: {help}", prefix(path));
    2
}

/// clap's error told in Spanish, as the messages were before clap. `path` is where it happened
/// ([`command_path`]).
fn usage_message(e: &clap::Error, path: &str) -> String {
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        _ => String::new(),
    };
    let list = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    // "--format <FORMAT>" → "--format"; "<ARCHIVO>" stays.
    let arg = text(ContextKind::InvalidArg);
    let option = arg.split([' ', '=']).next().unwrap_or_default().to_string();
    let value = text(ContextKind::InvalidValue);
    // clap's guess, when it is close: «--hilo» → «--hilos», not «--x» → «--max-errors».
    let suggestion = |kind, typed: &str, m: &mut String| {
        let bare = |s: &str| s.trim_start_matches('-').chars().take(4).collect::<String>();
        if let Some(s) = list(kind).first().filter(|s| bare(s) == bare(typed)) {
            m.push_str(&format!("; ¿quiso decir «{s}»?"));
        }
    };
    match e.kind() {
        ErrorKind::UnknownArgument => {
            let mut m = if arg.starts_with('-') && arg.len() > 1 {
                format!("opción desconocida «{option}»")
            } else {
                format!("argumento de más «{arg}»")
            };
            suggestion(ContextKind::SuggestedArg, &option, &mut m);
            m
        }
        ErrorKind::InvalidSubcommand => {
            let what = text(ContextKind::InvalidSubcommand);
            let mut m = match path {
                "" => format!(
                    "orden desconocida «{what}»; use «planos check ARCHIVO…», «planos build …», «planos corregir …» o «planos firmar …»"
                ),
                "build" => format!("formato desconocido «{what}»; use smcs o rnse"),
                _ => format!("orden desconocida «{what}»"),
            };
            suggestion(ContextKind::SuggestedSubcommand, &what, &mut m);
            m
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("falta el valor de {option}"),
        ErrorKind::InvalidValue => {
            let valid = list(ContextKind::ValidValue);
            format!("{option} debe ser {}, no «{value}»", or_list(&valid))
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map_or(String::new(), |s| s.to_string());
            format!("{option} {why}, no «{value}»")
        }
        ErrorKind::NoEquals => format!("{option} va con su valor después de «=»"),
        ErrorKind::TooManyValues => format!("{option} no lleva el valor «{value}»"),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => format!("{option} no lleva ese número de valores"),
        ErrorKind::ArgumentConflict => format!("{option} no se puede usar aquí"),
        ErrorKind::MissingRequiredArgument => format!("falta {}", or_list(&list(ContextKind::InvalidArg))),
        ErrorKind::MissingSubcommand => "falta la orden".to_string(),
        ErrorKind::InvalidUtf8 => "un argumento no es texto UTF-8".to_string(),
        _ => "no se entendieron los argumentos".to_string(),
    }
}

/// "a", "a o b", "a, b o c".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} o {last}", rest.join(", ")),
    }
}

/// An I/O error in Spanish, to follow «no se pudo leer «RUTA»: » and the like: the operating
/// system's own text is English ("No such file or directory (os error 2)").
pub(crate) fn io_text(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let text = match e.kind() {
        K::NotFound => "no existe el archivo o la carpeta",
        K::PermissionDenied => "no tiene permiso",
        K::AlreadyExists => "ya existe",
        K::IsADirectory => "es una carpeta, no un archivo",
        K::NotADirectory => "una parte de la ruta es un archivo, no una carpeta",
        K::DirectoryNotEmpty => "la carpeta no está vacía",
        K::InvalidFilename => "el nombre no es válido (demasiado largo o con caracteres no permitidos)",
        K::InvalidInput => "la ruta no es válida",
        K::StorageFull => "no queda espacio en el disco",
        K::QuotaExceeded => "se superó la cuota de disco",
        K::ReadOnlyFilesystem => "el disco es de solo lectura",
        K::FileTooLarge => "el archivo es demasiado grande",
        K::ResourceBusy | K::ExecutableFileBusy => "el archivo está en uso",
        K::Deadlock => "el archivo está bloqueado",
        K::CrossesDevices => "no se puede mover a otro disco",
        K::TooManyLinks => "demasiados enlaces",
        K::StaleNetworkFileHandle | K::NetworkDown | K::NetworkUnreachable | K::HostUnreachable => {
            "falló la conexión con la carpeta de red"
        }
        K::ConnectionReset | K::ConnectionAborted | K::NotConnected => "se cortó la conexión",
        K::TimedOut => "se agotó el tiempo de espera",
        K::Interrupted => "se interrumpió",
        K::UnexpectedEof => "el archivo terminó antes de lo esperado",
        K::WriteZero => "no se pudo escribir nada",
        K::BrokenPipe => "se cerró la salida",
        K::OutOfMemory => "no hay memoria suficiente",
        K::Unsupported => "el sistema no lo permite",
        K::InvalidData => "los datos no son válidos",
        _ => "",
    };
    let inner = e.get_ref().map(|i| i.to_string());
    match (text, inner, e.raw_os_error()) {
        ("", Some(inner), _) => inner,
        ("", None, Some(code)) => format!("error {code} del sistema operativo"),
        ("", None, None) => "error de entrada o salida".to_string(),
        (text, Some(inner), _) => format!("{text} ({inner})"),
        (text, None, _) => text.to_string(),
    }
}

/// Checks the files of `opts`; the report on `out`.
fn check(opts: &Options, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let trust = match trust_store(&opts.trust) {
        Ok(store) => std::sync::Arc::new(store),
        Err(why) => return failed(err, "check", Failure::Run(why)),
    };
    let tables = match reference_tables(&opts.tables, err) {
        Ok(tables) => tables,
        Err(why) => return failed(err, "check", Failure::Run(why)),
    };
    let check_opts = CheckOptions {
        threads: opts.threads.unwrap_or_else(default_threads),
        query: opts.query.then_some(0),
        people: opts.people.is_some(),
        trust,
        tables,
        ..check_options(opts.limit)
    };
    let Ok(Checked { files, people }) = check_paths(&opts.files, &check_opts, err) else {
        return 2;
    };
    let report = Report::listed(files);
    if let Some(path) = &opts.people {
        let people: Vec<People> = people.into_iter().flatten().collect();
        let count: usize = people.iter().map(People::len).sum();
        let rows = people.iter().flat_map(People::rows);
        let file = std::fs::File::create(path).map(|f| std::io::BufWriter::with_capacity(1 << 20, f));
        let written = match file {
            Err(e) => Err(io_text(&e)),
            Ok(file) if path.to_ascii_lowercase().ends_with(".xlsx") => {
                rows_xlsx(rows, count, file).map(|(_, sheets)| {
                    if sheets > 1 {
                        let _ = writeln!(
                        err,
                        "planos: «{path}» lleva las {} personas en {sheets} hojas (Excel admite {} filas por hoja).",
                        thousands(count as u64),
                        thousands(planos_co::formats::people::ROWS_PER_SHEET as u64)
                    );
                    }
                })
            }
            Ok(file) => rows_csv(rows, file).map(drop).map_err(|e| io_text(&e)),
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

/// How `planos check` checks by default: `limit` findings listed, [`CHUNK`]s, one thread per
/// core ([`default_threads`]), the accredited roots, now.
fn check_options(limit: usize) -> CheckOptions {
    CheckOptions {
        chunk: CHUNK,
        threads: default_threads(),
        ..CheckOptions::new(limit, unix_now())
    }
}

/// The accredited roots, and the certificates of each of `paths` (`--confiar`).
fn trust_store(paths: &[String]) -> Result<TrustStore, String> {
    let mut store = TrustStore::accredited();
    for path in paths {
        let bytes =
            std::fs::read(path).map_err(|e| format!("no se pudo leer el certificado «{path}»: {}", io_text(&e)))?;
        store
            .add(&bytes)
            .map_err(|why| format!("no se puede confiar en «{path}»: {why}"))?;
    }
    Ok(store)
}

/// The compiled-in reference tables with each SISPRO export of `paths` (`--tabla`) in place of
/// its kind's, saying on `err` what each changes.
fn reference_tables(paths: &[String], err: &mut dyn Write) -> Result<Tables, String> {
    let mut tables = Tables::default();
    let mut given: Vec<(Kind, &str)> = Vec::new();
    for path in paths {
        let bytes = std::fs::read(path).map_err(|e| format!("no se pudo leer la tabla «{path}»: {}", io_text(&e)))?;
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let export = export::read(name, &bytes).map_err(|why| format!("no se usó la tabla: {why}"))?;
        if let Some((_, first)) = given.iter().find(|(k, _)| *k == export.kind) {
            return Err(format!(
                "se dieron dos tablas {} («{first}» y «{path}»): dé una sola",
                export.kind.sispro_name()
            ));
        }
        given.push((export.kind, path));
        let _ = writeln!(
            err,
            "planos: tabla {} de «{name}»: {}. Se usa en esta revisión: {}.",
            export.kind.sispro_name(),
            export.change(&tables).prose(),
            export.label()
        );
        for note in &export.notes {
            let _ = writeln!(err, "planos: {note}");
        }
        tables.set(export.into_table());
    }
    Ok(tables)
}

/// The files at `paths` checked together as `planos check` checks them; why not on `err`.
fn check_paths(paths: &[String], opts: &CheckOptions, err: &mut dyn Write) -> Result<Checked, ()> {
    let mut inputs = Vec::new();
    for path in paths {
        match open(path) {
            Ok(input) => inputs.push(input),
            Err(e) => {
                let _ = writeln!(err, "planos: no se pudo leer «{path}»: {}", io_text(&e));
                return Err(());
            }
        }
    }
    check_files(inputs, opts, &mut |_| {}).map_err(|e| {
        let _ = match e.get_ref().and_then(|i| i.downcast_ref::<ReadError>()) {
            Some(named) => writeln!(err, "planos: {named}"),
            None => writeln!(err, "planos: error de lectura: {}", io_text(&e)),
        };
    })
}

/// Opens a file on disk for checking.
fn open(path: &str) -> std::io::Result<Input<'static>> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(std::io::ErrorKind::IsADirectory.into());
    }
    Ok(Input {
        path: path.to_string(),
        size: meta.len(),
        source: Box::new(Named {
            path: path.to_string(),
            file,
        }),
    })
}

/// A file being checked that names itself in its read errors ([`ReadError`]).
struct Named {
    path: String,
    file: std::fs::File,
}

/// A read error during the check, with the file's path.
#[derive(Debug)]
struct ReadError {
    path: String,
    error: std::io::Error,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no se pudo leer «{}»: {}", self.path, io_text(&self.error))
    }
}

impl std::error::Error for ReadError {}

impl Named {
    fn named(&self, error: std::io::Error) -> std::io::Error {
        let kind = error.kind();
        let path = self.path.clone();
        std::io::Error::new(kind, ReadError { path, error })
    }
}

impl Read for Named {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.file.read(buf).map_err(|e| self.named(e))
    }
}

impl Seek for Named {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.file.seek(pos).map_err(|e| self.named(e))
    }
}

/// A signed file's signature ([`SIGNATURE`]): who signed, when, and who vouches for them.
fn write_signature(f: &FileReport, out: &mut dyn Write) -> std::io::Result<()> {
    let Some(s) = f.summaries.get::<Signature>(SIGNATURE) else {
        return Ok(());
    };
    writeln!(out, "  Firmado por: {}", s.signer.describe())?;
    if let Some(at) = s.signed_at {
        writeln!(out, "  Fecha de la firma: {}", prose_date(at))?;
    }
    writeln!(out, "  {}", s.trust.line())
}

/// A denied-services report's summary, a line per breakdown.
fn write_denials(s: &DenialSummary, out: &mut dyn Write) -> std::io::Result<()> {
    let line = |v: &[Tally]| {
        v.iter()
            .filter(|t| t.count > 0)
            .map(|t| match t.label.as_str() {
                "" => format!("{} ×{}", t.code, thousands(t.count)),
                label => format!("{} {label} ×{}", t.code, thousands(t.count)),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "  Servicios negados: {}", thousands(s.denied))?;
    if let Some(p) = s.period_in_prose() {
        writeln!(out, "  Periodo: {p}")?;
    }
    if let Some(eps) = &s.eps {
        writeln!(out, "  EPS: {} {}", eps.code, eps.label)?;
    }
    writeln!(out, "  Por tipo de servicio: {}", line(&s.by_service))?;
    writeln!(out, "  Por causa de negación: {}", line(&s.by_cause))?;
    writeln!(
        out,
        "  Municipios con más negaciones (de {}): {}",
        thousands(s.municipalities),
        line(&s.top_municipalities)
    )?;
    if !s.top_diagnoses.is_empty() {
        writeln!(
            out,
            "  Diagnósticos principales más frecuentes (de {}): {}",
            thousands(s.diagnoses),
            line(&s.top_diagnoses)
        )?;
    }
    if !s.tables.is_empty() {
        writeln!(out, "  Tablas de referencia: {}", s.tables.join("; "))?;
    }
    Ok(())
}

/// The report for people.
pub fn write_text(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    report.files.iter().try_for_each(|f| write_file(f, out))
}

/// One file's report for people: its verdict, summaries, counts and findings.
fn write_file(f: &FileReport, out: &mut dyn Write) -> std::io::Result<()> {
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
    write_signature(f, out)?;
    if let Some(s) = &AnswerSummary::of(f) {
        let consulted = s.consulted.map_or("—".to_string(), thousands);
        writeln!(out, "  Personas consultadas: {consulted}")?;
        writeln!(
            out,
            "  Fallecidas según el Registro Civil de Defunción: {}",
            thousands(s.deceased_rcd)
        )?;
        writeln!(
            out,
            "  Encontradas en el Archivo Nacional de Identificación: {} (con cédula cancelada por muerte: {})",
            thousands(s.found_ani),
            thousands(s.deceased_ani)
        )?;
        writeln!(out, "  No encontradas: {}", thousands(s.not_found))?;
    }
    if let Some(s) = &DenialSummary::of(f) {
        write_denials(s, out)?;
    }
    if !f.counts.is_empty() {
        let counts: Vec<String> = f
            .counts
            .iter()
            .map(|(c, n)| format!("{} ×{} ({c})", catalogue::title(c), thousands(*n)))
            .collect();
        writeln!(out, "  Por tipo de hallazgo: {}", counts.join(", "))?;
    }
    for d in &f.errors {
        let kind = severity_label(d.severity);
        let title = match d.title.as_ref() {
            "" => catalogue::title(&d.code),
            title => title,
        };
        let place = match (d.line, d.field) {
            (0, _) => "el archivo".to_string(),
            (l, Some(n)) => match d.field_name.as_deref() {
                Some(name) if !name.is_empty() => format!("línea {l}, campo {n} ({name})"),
                _ => format!("línea {l}, campo {n}"),
            },
            (l, None) => format!("línea {l}"),
        };
        writeln!(out, "  {place}: {kind}: {title} — {} [{}]", d.message, d.code)?;
    }
    if f.truncated {
        writeln!(
            out,
            "  (Se listan {} de {} hallazgos; los conteos por tipo de hallazgo son exactos.)",
            f.errors.len(),
            f.error_count + f.warning_count
        )?;
    }
    Ok(())
}

/// Now, in seconds since 1970: the clock certificates are checked at.
fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    /// `planos check …`'s options; `Ok(None)` for the help; else the Spanish message.
    fn parse_check(a: &[&str]) -> Result<Option<Options>, String> {
        match parse(&args(a)) {
            Ok(Cli {
                command: Some(Command::Check(c)),
            }) => c.options().map(Some),
            Ok(other) => Err(format!("no es check: {other:?}")),
            Err(e) if e.kind() == ErrorKind::DisplayHelp => Ok(None),
            Err(e) => Err(usage_message(&e, &command_path(&args(a)))),
        }
    }

    /// The Spanish message of the usage error `a` makes.
    fn message(a: &[&str]) -> String {
        let e = parse(&args(a)).expect_err("a usage error");
        usage_message(&e, &command_path(&args(a)))
    }

    #[test]
    fn options() {
        let o = parse_check(&["check", "--format=json", "--query", "q.TXT", "--hilos", "3", "a.DAT"])
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
                trust: Vec::new(),
                tables: Vec::new(),
                files: vec!["q.TXT".into(), "a.DAT".into()]
            }
        );
        assert!(parse_check(&["check", "--format", "xml", "a"]).is_err());
        assert!(parse_check(&["check", "--hilos", "0", "a"]).is_err());
        assert!(parse_check(&["check"]).is_err());
        assert!(parse_check(&["borrar", "a"]).is_err());
        assert_eq!(parse_check(&["--help"]), Ok(None));
    }

    #[test]
    fn spellings_and_repeats() {
        let o = parse_check(&[
            "check",
            "-f",
            "json",
            "--max-errors",
            "5",
            "--query=q",
            "a",
            "--format",
            "text",
            "--max-errores=7",
            "b",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(
            (o.json, o.limit, o.files),
            (false, 7, vec!["q".into(), "a".into(), "b".into()])
        );
        let o = parse_check(&[
            "check",
            "--formato",
            "json",
            "--consulta",
            "q",
            "--personas",
            "p.csv",
            "-",
        ])
        .unwrap()
        .unwrap();
        assert_eq!((o.json, o.query, o.people.as_deref()), (true, true, Some("p.csv")));
        assert_eq!(o.files, ["q", "-"]);
        assert_eq!(parse_check(&["check", "a", "-h"]), Ok(None));
    }

    #[test]
    fn usage_errors_are_spanish() {
        assert_eq!(message(&["check", "--x", "a"]), "opción desconocida «--x»");
        assert_eq!(message(&["check", "--x=1", "a"]), "opción desconocida «--x»");
        assert_eq!(message(&["check", "a", "--format"]), "falta el valor de --format");
        assert_eq!(
            message(&["check", "--format", "xml", "a"]),
            "--format debe ser text o json, no «xml»"
        );
        assert_eq!(
            message(&["check", "-f", "xml", "a"]),
            "--format debe ser text o json, no «xml»"
        );
        assert_eq!(
            message(&["check", "--hilos", "0", "a"]),
            "--hilos debe ser un número mayor que cero, no «0»"
        );
        assert_eq!(
            message(&["check", "--hilos", "-1", "a"]),
            "--hilos debe ser un número mayor que cero, no «-1»"
        );
        assert_eq!(
            message(&["check", "--max-errors", "x", "a"]),
            "--max-errores debe ser un número, no «x»"
        );
        assert!(
            message(&["check", "--hilo", "2", "a"]).starts_with("opción desconocida «--hilo»; ¿quiso decir «--hilos»?")
        );
        assert!(message(&["borrar", "a"]).starts_with("orden desconocida «borrar»; use «planos check ARCHIVO…»"));
        assert_eq!(message(&["build", "xyz"]), "formato desconocido «xyz»; use smcs o rnse");
        assert_eq!(message(&["corregir", "--carpeta"]), "falta el valor de --carpeta");
        assert_eq!(
            message(&["sssalud", "filezilla", "de-mas"]),
            "argumento de más «de-mas»"
        );
        assert_eq!(
            message(&["sssalud", "filezilla", "--clave-guardada=si"]),
            "--clave-guardada no lleva el valor «si»"
        );
        assert_eq!(message(&["check", "--x", "a"]), "opción desconocida «--x»");
        assert_eq!(message(&["sssalud", "enviar"]), "orden desconocida «enviar»");
        assert_eq!(
            message(&["build", "smcs", "--fecha", "2015-02-30"]),
            "--fecha debe ser una fecha AAAA-MM-DD, no «2015-02-30»"
        );
        assert_eq!(
            message(&["build", "rnse", "--columna", "2=B"]),
            "--columna va como CAMPO=COLUMNA, con CAMPO de 3 a 22, no «2=B»"
        );
        assert_eq!(command_path(&args(&["sssalud", "errores", "530"])), "sssalud errores");
    }

    /// Every command's help is its Spanish text, and it names each of the command's options.
    #[test]
    fn every_help_is_spanish_and_names_its_options() {
        fn walk(cmd: &mut clap::Command, path: &str, seen: &mut Vec<String>) {
            seen.push(path.to_string());
            let help = cmd.render_long_help().to_string();
            assert!(help.starts_with("planos"), "{path}:\n{help}");
            assert!(help.contains("Uso:"), "{path}:\n{help}");
            for english in ["Usage:", "Options:", "Print help", "[OPTIONS]"] {
                assert!(!help.contains(english), "{path}: «{english}» in\n{help}");
            }
            // (-h/--help is on every command, said once in `planos --help`.)
            for arg in cmd.get_arguments().filter(|a| a.get_id() != "help") {
                for long in arg.get_long_and_visible_aliases().into_iter().flatten() {
                    if long != "version" || path.is_empty() {
                        assert!(help.contains(&format!("--{long}")), "{path}: --{long} not in\n{help}");
                    }
                }
            }
            // (clap's own `help` subcommand takes no --help: «planos help build» is build's help.)
            for sub in cmd.get_subcommands_mut().filter(|s| s.get_name() != "help") {
                let sub_path = format!("{path} {}", sub.get_name()).trim().to_string();
                walk(sub, &sub_path, seen);
            }
        }
        let mut cmd = command();
        cmd.build();
        let mut seen = Vec::new();
        walk(&mut cmd, "", &mut seen);
        for path in [
            "",
            "check",
            "build smcs",
            "build rnse",
            "corregir",
            "firmar",
            "sssalud filezilla",
            "sssalud errores",
        ] {
            assert!(seen.iter().any(|p| p == path), "{path} in {seen:?}");
        }
    }

    #[test]
    fn os_errors_are_spanish() {
        let e = std::fs::read("/no/existe/nada.txt").unwrap_err();
        assert_eq!(io_text(&e), "no existe el archivo o la carpeta");
        assert_eq!(
            io_text(&std::io::ErrorKind::IsADirectory.into()),
            "es una carpeta, no un archivo"
        );
        assert_eq!(io_text(&std::io::Error::other("otra cosa")), "otra cosa");
    }
}
