//! `planos sssalud …`: the SSSalud FTP tools of [`planos_ar::sssalud`] on the command line.

use planos_ar::sssalud::answer::{read_answers, Answer};
use planos_ar::sssalud::errors::search;
use planos_ar::sssalud::filezilla::{plan, sitemanager_xml, Logon, Request};
use planos_ar::sssalud::sites::{by_key, Period, MANUAL};
use planos_ar::sssalud::upload::{prepare, Level};
use planos_core::report::plural;
use std::io::Write;

pub const HELP: &str = "\
planos sssalud — el intercambio de datos por FTP con la SSSalud (Argentina), según el
Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024).

Uso:
  planos sssalud filezilla [--rnos N] [--rnemp N] [--sitios S,S…] [--clave-guardada]
      Escribe en la salida un sitemanager.xml para FileZilla (Archivo → Importar) con los
      sitios elegidos (predeterminado: todos los que corresponden a los números dados):
      servidor, puerto 21, «Require explicit FTP over TLS», modo pasivo, una conexión a
      la vez y su RNOS o RNEMP como usuario. Sin --clave-guardada, FileZilla pide la contraseña al conectar (no se
      guarda en ningún lado); con ella, el tipo de acceso es «Normal» y la contraseña se
      escribe después en FileZilla.
  planos sssalud preparar --sitio S [--periodo P] ARCHIVO
      Revisa el archivo antes de subirlo (extensión, XML bien formado, texto) y dice en qué
      carpeta subirlo. P se escribe como la carpeta: 201707 (padron), 2017-2 (prepagas),
      2017-Trim-4 (res331), 2017-Sem-2 (res83); res650 no usa período (carpeta Recibidos).
      Si falta, se toma del nombre del archivo cuando lo indica.
  planos sssalud respuesta [--rechazados CARPETA] ARCHIVO.ok ARCHIVO.err …
      Cuenta los registros aceptados (.ok) y rechazados (.err) con sus códigos de error; con
      --rechazados escribe en CARPETA los registros rechazados, listos para corregir.
  planos sssalud errores [TEXTO]
      Los errores comunes de conexión del manual y su solución; TEXTO filtra (puede pegar la
      línea del registro de FileZilla).

Sitios: padron, prepagas, res331, res650, res83.

Estado de salida: 0 todo en orden, 1 hay errores en el archivo, 2 no se pudo ejecutar.

Ejemplos:
  planos sssalud filezilla --rnos 999998 > sitemanager.xml
  planos sssalud preparar --sitio res331 --periodo 2017-Trim-4 r331.xml
  planos sssalud respuesta 999998-201707.ok 999998-201707.err
";

pub fn run(args: Vec<String>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut it = args.into_iter();
    let result = match it.next().as_deref() {
        Some("filezilla") => filezilla(it.collect(), out),
        Some("preparar") => preparar(it.collect(), out),
        Some("respuesta") => respuesta(it.collect(), out),
        Some("errores") => errores(it.collect(), out),
        Some("-h" | "--help") | None => out.write_all(HELP.as_bytes()).map(|_| 0).map_err(|e| e.to_string()),
        Some(other) => Err(format!("orden desconocida «{other}»")),
    };
    match result {
        Ok(status) => status,
        Err(e) => {
            let _ = writeln!(err, "planos sssalud: {e}\n\n{HELP}");
            2
        }
    }
}

/// Options `--name value` / `--name=value` and the remaining arguments.
struct Args {
    options: Vec<(String, String)>,
    flags: Vec<String>,
    rest: Vec<String>,
}

fn parse(args: Vec<String>, with_value: &[&str], flags: &[&str]) -> Result<Args, String> {
    let mut parsed = Args {
        options: Vec::new(),
        flags: Vec::new(),
        rest: Vec::new(),
    };
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        if with_value.contains(&key.as_str()) {
            let v = inline.or_else(|| it.next()).ok_or(format!("falta el valor de {key}"))?;
            parsed.options.push((key, v));
        } else if flags.contains(&key.as_str()) {
            parsed.flags.push(key);
        } else if key.starts_with("--") {
            return Err(format!("opción desconocida «{key}»"));
        } else {
            parsed.rest.push(a);
        }
    }
    Ok(parsed)
}

impl Args {
    fn get(&self, key: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn written(r: std::io::Result<()>) -> Result<(), String> {
    r.map_err(|e| format!("no se pudo escribir la salida: {e}"))
}

fn filezilla(args: Vec<String>, out: &mut dyn Write) -> Result<i32, String> {
    let a = parse(args, &["--rnos", "--rnemp", "--sitios"], &["--clave-guardada"])?;
    if let Some(extra) = a.rest.first() {
        return Err(format!("argumento de más «{extra}»"));
    }
    let logon = if a.flags.is_empty() { Logon::Ask } else { Logon::Normal };
    let request = Request {
        rnos: a.get("--rnos").unwrap_or("").to_string(),
        rnemp: a.get("--rnemp").unwrap_or("").to_string(),
        sites: a
            .get("--sitios")
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
    let planned = plan(&request).map_err(|e| e.join("\n"))?;
    written(out.write_all(sitemanager_xml(&planned, logon).as_bytes()))?;
    Ok(0)
}

fn preparar(args: Vec<String>, out: &mut dyn Write) -> Result<i32, String> {
    let a = parse(args, &["--sitio", "--periodo"], &[])?;
    let key = a
        .get("--sitio")
        .ok_or("indique el sitio con --sitio (padron, prepagas, res331, res650, res83)")?;
    let site = by_key(key).ok_or(format!(
        "no hay un sitio «{key}»; los sitios son padron, prepagas, res331, res650, res83"
    ))?;
    let period = match a.get("--periodo") {
        Some(p) => Some(site.folders.parse_folder(p).ok_or(format!(
            "«{p}» no es un período de «{}»; escríbalo como su carpeta (p. ej. {})",
            site.name,
            site.folder(Some(Period { year: 2017, number: 2 })).unwrap_or_default()
        ))?),
        None => None,
    };
    let [path] = a.rest.as_slice() else {
        return Err("indique un archivo, uno solo".into());
    };
    let bytes = std::fs::read(path).map_err(|e| format!("no se pudo leer «{path}»: {e}"))?;
    let r = prepare(site, period, path, &bytes);
    let mut text = format!("{path} → {}\n", site.name);
    for f in &r.findings {
        let place = match (f.line, f.column) {
            (Some(l), Some(c)) => format!(" (línea {l}, columna {c})"),
            (Some(l), None) => format!(" (línea {l})"),
            _ => String::new(),
        };
        text.push_str(&format!("  {}{place}: {}\n", f.level.label(), f.message));
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
    Ok(if r.findings.iter().any(|f| f.level == Level::Error) {
        1
    } else {
        0
    })
}

fn respuesta(args: Vec<String>, out: &mut dyn Write) -> Result<i32, String> {
    let a = parse(args, &["--rechazados"], &[])?;
    if a.rest.is_empty() {
        return Err("indique los archivos .ok y .err".into());
    }
    let mut files = Vec::new();
    for path in &a.rest {
        let bytes = std::fs::read(path).map_err(|e| format!("no se pudo leer «{path}»: {e}"))?;
        files.push((path.clone(), bytes));
    }
    let (answers, others) = read_answers(&files);
    let mut text = String::new();
    for name in &others {
        text.push_str(&format!("{name}: no termina en .ok ni .err; no se leyó.\n"));
    }
    let mut status = 0;
    for answer in &answers {
        text.push_str(&answer_text(answer));
        if answer.err.as_ref().is_some_and(|e| !e.rejected.is_empty()) {
            status = 1;
        }
        if let (Some(folder), Some((name, bytes))) = (a.get("--rechazados"), answer.rejected_file()) {
            std::fs::create_dir_all(folder).map_err(|e| format!("no se pudo crear «{folder}»: {e}"))?;
            let target = std::path::Path::new(folder).join(name);
            std::fs::write(&target, bytes).map_err(|e| format!("no se pudo escribir «{}»: {e}", target.display()))?;
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

fn errores(args: Vec<String>, out: &mut dyn Write) -> Result<i32, String> {
    let query = args.join(" ");
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
