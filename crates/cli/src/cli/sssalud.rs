//! `planos sssalud …`: the SSSalud FTP tools of [`planos_ar::sssalud`] on the command line.

use super::{failed, io_text, Failure};
use clap::{Args, Subcommand};
use planos_ar::sssalud::answer::{read_answers, Answer};
use planos_ar::sssalud::errors::search;
use planos_ar::sssalud::filezilla::{plan, sitemanager_xml, Logon, Request};
use planos_ar::sssalud::sites::{by_key, Period, MANUAL};
use planos_ar::sssalud::upload::{label, prepare};
use planos_core::report::plural;
use std::io::Write;

/// `planos sssalud filezilla`, in its help and in `planos sssalud --help`.
macro_rules! filezilla_usage {
    () => {
        "  planos sssalud filezilla [--rnos N] [--rnemp N] [--sitios S,S…] [--clave-guardada]
      Escribe en la salida un sitemanager.xml para FileZilla (Archivo → Importar) con los
      sitios elegidos (predeterminado: todos los que corresponden a los números dados):
      servidor, puerto 21, «Require explicit FTP over TLS», modo pasivo, una conexión a
      la vez y su RNOS o RNEMP como usuario. Sin --clave-guardada, FileZilla pide la
      contraseña al conectar (no se guarda en ningún lado); con ella, el tipo de acceso es
      «Normal» y la contraseña se escribe después en FileZilla.
"
    };
}

/// `planos sssalud filezilla`'s example.
macro_rules! filezilla_example {
    () => {
        "  planos sssalud filezilla --rnos 999998 > sitemanager.xml\n"
    };
}

/// `planos sssalud preparar`, in its help and in `planos sssalud --help`.
macro_rules! preparar_usage {
    () => {
        "  planos sssalud preparar --sitio S [--periodo P] ARCHIVO
      Revisa el archivo antes de subirlo (extensión, XML bien formado, texto) y dice en qué
      carpeta subirlo. P se escribe como la carpeta: 201707 (padron), 2017-2 (prepagas),
      2017-Trim-4 (res331), 2017-Sem-2 (res83); res650 no usa período (carpeta Recibidos).
      Si falta, se toma del nombre del archivo cuando lo indica.
"
    };
}

/// `planos sssalud preparar`'s example.
macro_rules! preparar_example {
    () => {
        "  planos sssalud preparar --sitio res331 --periodo 2017-Trim-4 r331.xml\n"
    };
}

/// `planos sssalud respuesta`, in its help and in `planos sssalud --help`.
macro_rules! respuesta_usage {
    () => {
        "  planos sssalud respuesta [--rechazados CARPETA] ARCHIVO.ok ARCHIVO.err …
      Cuenta los registros aceptados (.ok) y rechazados (.err) con sus códigos de error; con
      --rechazados escribe en CARPETA los registros rechazados, listos para corregir.
"
    };
}

/// `planos sssalud respuesta`'s example.
macro_rules! respuesta_example {
    () => {
        "  planos sssalud respuesta 999998-201707.ok 999998-201707.err\n"
    };
}

/// `planos sssalud errores`, in its help and in `planos sssalud --help`.
macro_rules! errores_usage {
    () => {
        "  planos sssalud errores [TEXTO]
      Los errores comunes de conexión del manual y su solución; TEXTO filtra (puede pegar la
      línea del registro de FileZilla).
"
    };
}

/// `planos sssalud errores`'s example.
macro_rules! errores_example {
    () => {
        "  planos sssalud errores 530 Login incorrect\n"
    };
}

/// Where the SSSalud rules come from.
macro_rules! manual {
    () => {
        "según el\nManual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024).\n"
    };
}

/// The five sites' keys.
macro_rules! sites {
    () => {
        "Sitios: padron, prepagas, res331, res650, res83.\n"
    };
}

/// The exit statuses of `planos sssalud`.
macro_rules! status {
    () => {
        "Estado de salida: 0 todo en orden, 1 hay errores en el archivo, 2 no se pudo ejecutar.\n"
    };
}

pub const HELP: &str = concat!(
    "planos sssalud — el intercambio de datos por FTP con la SSSalud (Argentina), ",
    manual!(),
    "\nUso:\n",
    filezilla_usage!(),
    preparar_usage!(),
    respuesta_usage!(),
    errores_usage!(),
    "\n",
    sites!(),
    "\n",
    status!(),
    "\nEjemplos:\n",
    filezilla_example!(),
    preparar_example!(),
    respuesta_example!(),
);

/// The help of `planos sssalud NAME`: what it does, its usage, the sites if it takes one, the
/// exit statuses and an example.
macro_rules! sub_help {
    ($about:literal, $usage:ident, $example:ident $(, $sites:ident)?) => {
        concat!(
            $about,
            manual!(),
            "\nUso:\n",
            $usage!(),
            $("\n", $sites!(),)?
            "\n",
            status!(),
            "\nEjemplo:\n",
            $example!(),
        )
    };
}

const FILEZILLA_HELP: &str = sub_help!(
    "planos sssalud filezilla — los sitios de la SSSalud (Argentina) para FileZilla, ",
    filezilla_usage,
    filezilla_example,
    sites
);
const PREPARAR_HELP: &str = sub_help!(
    "planos sssalud preparar — revisa un archivo antes de subirlo al FTP de la SSSalud (Argentina), ",
    preparar_usage,
    preparar_example,
    sites
);
const RESPUESTA_HELP: &str = sub_help!(
    "planos sssalud respuesta — lee las respuestas .ok y .err del FTP de la SSSalud (Argentina), ",
    respuesta_usage,
    respuesta_example
);
const ERRORES_HELP: &str = sub_help!(
    "planos sssalud errores — los errores comunes de conexión al FTP de la SSSalud (Argentina), ",
    errores_usage,
    errores_example
);

/// `planos sssalud`'s arguments: which tool; none, the help.
#[derive(Args, Debug)]
pub struct SssaludArgs {
    #[command(subcommand)]
    tool: Option<Tool>,
}

#[derive(Subcommand, Debug)]
enum Tool {
    #[command(override_help = FILEZILLA_HELP)]
    Filezilla(FilezillaArgs),
    #[command(override_help = PREPARAR_HELP)]
    Preparar(PrepararArgs),
    #[command(override_help = RESPUESTA_HELP)]
    Respuesta(RespuestaArgs),
    #[command(override_help = ERRORES_HELP)]
    Errores(ErroresArgs),
}

#[derive(Args, Debug)]
struct FilezillaArgs {
    #[arg(long = "rnos", value_name = "N")]
    rnos: Option<String>,
    #[arg(long = "rnemp", value_name = "N")]
    rnemp: Option<String>,
    #[arg(long = "sitios", value_name = "S,S…")]
    sites: Option<String>,
    #[arg(long = "clave-guardada")]
    saved_password: bool,
}

#[derive(Args, Debug)]
struct PrepararArgs {
    #[arg(long = "sitio", value_name = "S")]
    site: Option<String>,
    #[arg(long = "periodo", value_name = "P")]
    period: Option<String>,
    #[arg(value_name = "ARCHIVO")]
    files: Vec<String>,
}

#[derive(Args, Debug)]
struct RespuestaArgs {
    #[arg(long = "rechazados", value_name = "CARPETA")]
    rejected: Option<String>,
    #[arg(value_name = "ARCHIVO")]
    files: Vec<String>,
}

#[derive(Args, Debug)]
struct ErroresArgs {
    // Words to search for, as pasted from FileZilla's log: after the first, anything goes.
    #[arg(value_name = "TEXTO", trailing_var_arg = true, allow_hyphen_values = true)]
    text: Vec<String>,
}

pub fn run(args: SssaludArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (path, result) = match args.tool {
        Some(Tool::Filezilla(a)) => ("sssalud filezilla", filezilla(a, out)),
        Some(Tool::Preparar(a)) => ("sssalud preparar", preparar(a, out)),
        Some(Tool::Respuesta(a)) => ("sssalud respuesta", respuesta(a, out)),
        Some(Tool::Errores(a)) => ("sssalud errores", errores(a, out)),
        None => (
            "sssalud",
            out.write_all(HELP.as_bytes()).map(|_| 0).map_err(|e| written_error(&e)),
        ),
    };
    match result {
        Ok(status) => status,
        Err(failure) => failed(err, path, failure),
    }
}

fn written_error(e: &std::io::Error) -> Failure {
    Failure::Run(format!("no se pudo escribir la salida: {}", io_text(e)))
}

fn written(r: std::io::Result<()>) -> Result<(), Failure> {
    r.map_err(|e| written_error(&e))
}

/// A file's bytes, or why not.
fn read(path: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::Run(format!("no se pudo leer «{path}»: {}", io_text(&e))))
}

fn filezilla(a: FilezillaArgs, out: &mut dyn Write) -> Result<i32, Failure> {
    let logon = if a.saved_password { Logon::Normal } else { Logon::Ask };
    let request = Request {
        rnos: a.rnos.unwrap_or_default(),
        rnemp: a.rnemp.unwrap_or_default(),
        sites: a
            .sites
            .map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
        logon,
    };
    let planned = plan(&request).map_err(|e| Failure::Usage(e.join("\n")))?;
    written(out.write_all(sitemanager_xml(&planned, logon).as_bytes()))?;
    Ok(0)
}

fn preparar(a: PrepararArgs, out: &mut dyn Write) -> Result<i32, Failure> {
    let key = a.site.ok_or(Failure::Usage(
        "indique el sitio con --sitio (padron, prepagas, res331, res650, res83)".into(),
    ))?;
    let site = by_key(&key).ok_or(Failure::Usage(format!(
        "no hay un sitio «{key}»; los sitios son padron, prepagas, res331, res650, res83"
    )))?;
    let period = match a.period {
        Some(p) => Some(site.folders.parse_folder(&p).ok_or(Failure::Usage(format!(
            "«{p}» no es un período de «{}»; escríbalo como su carpeta (p. ej. {})",
            site.name,
            site.folder(Some(Period { year: 2017, number: 2 })).unwrap_or_default()
        )))?),
        None => None,
    };
    let [path] = a.files.as_slice() else {
        return Err(Failure::Usage("indique un archivo, uno solo".into()));
    };
    let bytes = read(path)?;
    let r = prepare(site, period, path, &bytes);
    let mut text = format!("{path} → {}\n", site.name);
    for f in &r.findings {
        let place = match (f.line, f.column) {
            (0, _) => String::new(),
            (l, Some(c)) => format!(" (línea {l}, columna {c})"),
            (l, None) => format!(" (línea {l})"),
        };
        text.push_str(&format!("  {}{place}: {} [{}]\n", label(f.severity), f.message, f.code));
    }
    match &r.folder {
        Some(folder) if r.ready() => text.push_str(&format!("Listo para subir a la carpeta «{folder}».\n")),
        Some(folder) => text.push_str(&format!("Carpeta: «{folder}», pero corrija antes los errores.\n")),
        None => text.push_str("No se puede decir la carpeta sin el período.\n"),
    }
    text.push_str("Pasos:\n");
    for (i, s) in r.steps.iter().enumerate() {
        text.push_str(&format!("  {}. {s}\n", i + 1));
    }
    written(out.write_all(text.as_bytes()))?;
    Ok(if r.errors() > 0 { 1 } else { 0 })
}

fn respuesta(a: RespuestaArgs, out: &mut dyn Write) -> Result<i32, Failure> {
    if a.files.is_empty() {
        return Err(Failure::Usage("indique los archivos .ok y .err".into()));
    }
    let mut files = Vec::new();
    for path in &a.files {
        files.push((path.clone(), read(path)?));
    }
    let (answers, others) = read_answers(&files);
    let mut text = String::new();
    for unread in &others {
        text.push_str(&format!("{} [{}]\n", unread.message, unread.code));
    }
    let mut status = 0;
    for answer in &answers {
        text.push_str(&answer_text(answer));
        if answer.err.as_ref().is_some_and(|e| !e.rejected.is_empty()) {
            status = 1;
        }
        if let (Some(folder), Some((name, bytes))) = (&a.rejected, answer.rejected_file()) {
            std::fs::create_dir_all(folder)
                .map_err(|e| Failure::Run(format!("no se pudo crear la carpeta «{folder}»: {}", io_text(&e))))?;
            let target = std::path::Path::new(folder).join(name);
            std::fs::write(&target, bytes)
                .map_err(|e| Failure::Run(format!("no se pudo escribir «{}»: {}", target.display(), io_text(&e))))?;
            text.push_str(&format!("  Registros rechazados escritos en {}\n", target.display()));
        }
    }
    written(out.write_all(text.as_bytes()))?;
    Ok(status)
}

fn answer_text(a: &Answer) -> String {
    let mut t = format!(
        "{}{}\n",
        a.stem,
        a.about.as_ref().map(|s| format!(" — {s}")).unwrap_or_default()
    );
    match a.accepted {
        Some(n) => t.push_str(&format!(
            "  Aceptados (.ok): {}\n",
            plural(n as u64, "registro", "registros")
        )),
        None => t.push_str("  Falta el archivo .ok.\n"),
    }
    let Some(e) = &a.err else {
        t.push_str("  Falta el archivo .err.\n");
        return t;
    };
    t.push_str(&format!(
        "  Rechazados (.err): {}\n",
        plural(e.rejected.len() as u64, "registro", "registros")
    ));
    t.push_str(&format!("  Lectura: {}.\n", e.layout.describe()));
    for (code, n) in &e.codes {
        t.push_str(&format!(
            "    código {code}: {}\n",
            plural(*n as u64, "registro", "registros")
        ));
    }
    for r in &e.rejected {
        let codes = if r.codes.is_empty() {
            "—".to_string()
        } else {
            r.codes.join(" ")
        };
        t.push_str(&format!("    línea {}: [{codes}] {}\n", r.line, r.text));
    }
    t
}

fn errores(a: ErroresArgs, out: &mut dyn Write) -> Result<i32, Failure> {
    let query = a.text.join(" ");
    let found = search(&query);
    let mut t = format!("Errores comunes de conexión ({MANUAL}, «Errores comunes»):\n");
    if found.is_empty() {
        t.push_str(&format!("Ninguno coincide con «{query}».\n"));
    }
    for e in found {
        t.push_str(&format!(
            "\n{}. {}\n   Qué significa: {}\n   Solución: {}\n",
            e.number, e.message, e.meaning, e.fix
        ));
        if let Some(note) = e.note {
            t.push_str(&format!("   Nota: {note}\n"));
        }
    }
    written(out.write_all(t.as_bytes()))?;
    Ok(0)
}
