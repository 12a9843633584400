//! `planos build smcs …`: builds a file from a list, with the same engine as the page.

use crate::build::smcs::{build, guess_columns, rows_from_table, Choices, Header};
use crate::build::table::{column_named, Table};
use chrono::NaiveDate;
use std::io::Write;

pub const HELP: &str = "\
planos build — construye un archivo plano correcto a partir de una lista.

Uso:
  planos build smcs --nit NIT --entidad CODIGO --fecha AAAA-MM-DD --desde AAAA-MM-DD
                    --hasta AAAA-MM-DD [--omitir-invalidas] [--quitar-duplicados]
                    [--col-tipo COL] [--col-numero COL] [--carpeta CARPETA] LISTA

  smcs             Consulta masiva de supervivencia (Res. 1537/2015): nombre de 44 caracteres,
                   registro de control con el total y el nombre, CRLF, ANSI.
  LISTA            Libro de Excel (.xlsx, .xls, .ods: su primera hoja) o archivo de texto o CSV
                   con una persona por fila: tipo y número de documento en columnas separadas
                   por tabulador, coma, punto y coma o espacios (como se copian de Excel). Se
                   omiten las filas vacías y una primera fila de títulos.
  --col-tipo COL, --col-numero COL
                   Columnas del tipo y del número de documento: letra (B), número (2) o
                   título de la primera fila. Sin ellas, planos las reconoce por sus títulos
                   («Tipo…», «Número…», «Documento…») o por su contenido.
  --nit NIT        NIT de la entidad, sin dígito de verificación (hasta 12 dígitos).
  --entidad COD    Código de la entidad asignado por el Ministerio (6 caracteres).
  --fecha F        Fecha de la consulta (da nombre al archivo).
  --desde F, --hasta F
                   Período de la información.
  --omitir-invalidas
                   Construye el archivo sin las filas que no se pueden corregir (sin esta
                   opción, se listan y no se construye nada).
  --quitar-duplicados
                   Quita los documentos repetidos (sin esta opción, se avisan y se dejan).
  --carpeta C      Dónde escribir el archivo (predeterminado: la carpeta actual).

Estado de salida: 0 construido, 1 hay filas o datos por corregir, 2 no se pudo ejecutar.

Ejemplo:
  planos build smcs --nit 860999123 --entidad 014-18 --fecha 2015-06-01 \\
      --desde 2015-05-01 --hasta 2015-05-31 personas.csv
  planos build smcs --nit 860999123 --entidad 014-18 --fecha 2015-06-01 \\
      --desde 2015-05-01 --hasta 2015-05-31 --col-tipo C --col-numero D afiliados.xlsx
";

/// Runs `planos build` with the arguments after `build`.
pub fn run(args: Vec<String>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match args.first().map(String::as_str) {
        Some("smcs") => {}
        None | Some("-h" | "--help" | "help") => {
            let _ = out.write_all(HELP.as_bytes());
            return 0;
        }
        Some(other) => {
            let _ = writeln!(err, "planos: formato desconocido «{other}»; por ahora: smcs\n\n{HELP}");
            return 2;
        }
    }
    match smcs(&args[1..], out) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "planos: {e}\n\n{HELP}");
            2
        }
    }
}

fn smcs(args: &[String], out: &mut dyn Write) -> Result<i32, String> {
    let (mut nit, mut entity, mut date, mut start, mut end) = (None, None, None, None, None);
    let (mut choices, mut folder, mut list) = (Choices::default(), ".".to_string(), None);
    let (mut type_col, mut number_col) = (None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |what: &str| it.next().cloned().ok_or(format!("falta el valor de {what}"));
        let day = |v: String, what: &str| {
            NaiveDate::parse_from_str(&v, "%Y-%m-%d")
                .map_err(|_| format!("{what} debe ser una fecha AAAA-MM-DD, no «{v}»"))
        };
        match a.as_str() {
            "--nit" => nit = Some(value("--nit")?),
            "--entidad" => entity = Some(value("--entidad")?),
            "--fecha" => date = Some(day(value("--fecha")?, "--fecha")?),
            "--desde" => start = Some(day(value("--desde")?, "--desde")?),
            "--hasta" => end = Some(day(value("--hasta")?, "--hasta")?),
            "--carpeta" => folder = value("--carpeta")?,
            "--col-tipo" => type_col = Some(value("--col-tipo")?),
            "--col-numero" => number_col = Some(value("--col-numero")?),
            "--omitir-invalidas" => choices.drop_refused = true,
            "--quitar-duplicados" => choices.drop_repeated = true,
            "-h" | "--help" => return Err("ayuda".to_string()),
            k if k.starts_with('-') => return Err(format!("opción desconocida «{k}»")),
            _ => list = Some(a.clone()),
        }
    }
    fn need<T>(v: Option<T>, what: &str) -> Result<T, String> {
        v.ok_or(format!("falta {what}"))
    }
    let header = Header {
        nit: need(nit, "--nit")?,
        entity: need(entity, "--entidad")?,
        date: need(date, "--fecha")?,
        start: need(start, "--desde")?,
        end: need(end, "--hasta")?,
    };
    let list = need(list, "la LISTA de personas")?;
    let bytes = std::fs::read(&list).map_err(|e| format!("no se pudo leer «{list}»: {e}"))?;
    let table = Table::read(&list, &bytes)?;
    let (guessed_type, guessed_number) = guess_columns(&table);
    let column = |given: Option<String>, guessed: usize| match given {
        None => Ok(guessed),
        Some(c) => column_named(&table, &c).ok_or(format!("la LISTA no tiene la columna «{c}»")),
    };
    let (type_col, number_col) = (column(type_col, guessed_type)?, column(number_col, guessed_number)?);
    let built = build(&header, &rows_from_table(&table, type_col, number_col), choices);
    let w = |out: &mut dyn Write, s: String| {
        let _ = writeln!(out, "{s}");
    };
    for problem in &built.header {
        w(out, format!("Dato por corregir: {problem}"));
    }
    for r in &built.refused {
        w(out, format!("Fila {} («{}»): {}.", r.row, r.text, r.reason));
    }
    for r in &built.repeated {
        let what = if choices.drop_repeated { "se quitó" } else { "se deja" };
        w(
            out,
            format!("Fila {}: {} ya está en la fila {}; {what}.", r.row, r.document, r.first),
        );
    }
    let Some((name, bytes)) = built.file else {
        if !built.refused.is_empty() && !choices.drop_refused {
            w(
                out,
                format!(
                    "No se construyó el archivo: corrija {} o use --omitir-invalidas.",
                    crate::report::plural(built.refused.len() as u64, "fila", "filas")
                ),
            );
        } else if built.people == 0 && built.header.is_empty() {
            w(
                out,
                "No se construyó el archivo: la lista no tiene ninguna persona válida.".to_string(),
            );
        }
        return Ok(1);
    };
    let path = std::path::Path::new(&folder).join(&name);
    std::fs::write(&path, bytes).map_err(|e| format!("no se pudo escribir «{}»: {e}", path.display()))?;
    w(
        out,
        format!(
            "Construido {}: {}.",
            path.display(),
            crate::report::plural(built.people as u64, "persona", "personas")
        ),
    );
    Ok(0)
}
