//! `planos corregir ARCHIVO…`: the safe fixes (`planos_co::repair`), written beside, then checked again.

use super::{io_text, usage};
use clap::Args;
use planos_co::repair::repair;
use planos_core::report::{plural, DEFAULT_LIMIT};
use std::io::Write;

pub const HELP: &str = "\
planos corregir — aplica a archivos planos solo las correcciones que no cambian lo que dicen.

Uso:
  planos corregir [--carpeta CARPETA] ARCHIVO...

Corrige: UTF-8 a ANSI, marca BOM, carácter de fin de archivo, fines de línea (CRLF), líneas
vacías, espacios y comillas alrededor de los campos, tildes y Ñ, minúsculas, el total del
registro de control, el consecutivo (RNSE), el nombre del archivo en el registro de control
(consulta de supervivencia) y el nombre del archivo que indica su registro de control (RNSE).
Lo demás queda como hallazgo para que una persona lo decida.

  --carpeta C   Dónde escribir los archivos corregidos (predeterminado: ./corregidos; si no
                existe, se crea). El original no se modifica.

Estado de salida: 0 los archivos corregidos son válidos, 1 queda algo por corregir a mano,
2 no se pudo ejecutar.

Ejemplo:
  planos corregir --carpeta listos REC140RNSE20200131NI000860999123.TXT
";

/// `planos corregir`'s arguments, as typed.
#[derive(Args, Debug)]
pub struct RepairArgs {
    #[arg(long = "carpeta", value_name = "C", default_value = "corregidos")]
    folder: String,
    #[arg(value_name = "ARCHIVO")]
    files: Vec<String>,
}

pub fn run(args: RepairArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let RepairArgs { folder, files } = args;
    if files.is_empty() {
        return usage(err, "corregir", "indique al menos un archivo");
    }
    if let Err(e) = std::fs::create_dir_all(&folder) {
        let _ = writeln!(err, "planos: no se pudo crear la carpeta «{folder}»: {}", io_text(&e));
        return 2;
    }
    let mut status = 0;
    for path in files {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                let _ = writeln!(err, "planos: no se pudo leer «{path}»: {}", io_text(&e));
                return 2;
            }
        };
        let Some(r) = repair(&path, &bytes) else {
            let why = planos_co::repair::refusal(&path).unwrap_or("no es un archivo plano que planos sepa corregir");
            let _ = writeln!(out, "{path}: {why}.");
            status = status.max(1);
            continue;
        };
        let target = std::path::Path::new(&folder).join(&r.name);
        if let Err(e) = std::fs::write(&target, &r.bytes) {
            let _ = writeln!(
                err,
                "planos: no se pudo escribir «{}»: {}",
                target.display(),
                io_text(&e)
            );
            return 2;
        }
        let _ = writeln!(out, "{path} → {}", target.display());
        if r.applied.is_empty() {
            let _ = writeln!(out, "  Nada que corregir sin cambiar el contenido.");
        }
        for a in &r.applied {
            let _ = writeln!(
                out,
                "  {}: {} (p. ej. {})",
                a.fix.label(),
                a.count,
                a.examples.join("; ")
            );
        }
        let report = planos_co::check_bytes(&r.name, &r.bytes, DEFAULT_LIMIT);
        if report.valid {
            let _ = writeln!(out, "  El archivo corregido es válido.");
        } else {
            status = 1;
            let _ = writeln!(
                out,
                "  Queda por corregir a mano: {}.",
                plural(report.error_count, "error", "errores")
            );
            for p in report.problems(5) {
                let _ = writeln!(out, "    {} [{}]: {}", p.headline(), p.code, p.message);
            }
        }
    }
    status
}
