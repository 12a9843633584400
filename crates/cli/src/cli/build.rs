//! `planos build smcs|rnse …`: builds a file from a list, with the same engine as the page.

use chrono::NaiveDate;
use planos_co::build::rnse;
use planos_co::build::smcs::{build_table, guess_columns, Choices, Header};
use planos_co::build::table::{column_named, Table};
use planos_core::report::plural;
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

  planos build rnse --nit NIT --eps CODIGO --desde AAAA-MM-DD --hasta AAAA-MM-DD
                    --regimen RC|RS [--columna CAMPO=COL]... [--omitir-invalidas]
                    [--carpeta CARPETA] LISTA

  rnse             Servicios negados (anexo técnico de la Res. 3539/2019): registro de
                   control con el total, consecutivos, código de la EPS en cada registro,
                   nombre REC140RNSE con la fecha de corte y el NIT, separador |, CRLF, ANSI.
  LISTA            Libro de Excel o CSV con una fila de títulos y un servicio negado por fila.
                   planos reconoce cada columna por su título (el nombre del campo en el
                   anexo, o palabras como «Municipio», «Sexo», «Causa»); lo que no reconozca
                   se indica con --columna.
  --eps COD        Código de la EPS (campo 3 del registro de control).
  --desde F, --hasta F
                   Período reportado; --hasta es la fecha de corte (último día del mes).
  --regimen R      Régimen de la entidad: RC o RS.
  --columna N=COL  El campo N del registro de detalle (3 a 22) está en la columna COL
                   (letra, número o título). Se puede repetir.
  --omitir-invalidas
                   Construye el archivo sin las filas con errores (renumera las demás).
  Se corrige sin preguntar solo lo que no cambia el sentido: mayúsculas, tildes, espacios,
  fechas DD/MM/AAAA, el cero inicial del municipio que Excel quita, separadores de miles.

Estado de salida: 0 construido, 1 hay filas o datos por corregir, 2 no se pudo ejecutar.

Ejemplo:
  planos build smcs --nit 860999123 --entidad 014-18 --fecha 2015-06-01 \\
      --desde 2015-05-01 --hasta 2015-05-31 personas.csv
  planos build smcs --nit 860999123 --entidad 014-18 --fecha 2015-06-01 \\
      --desde 2015-05-01 --hasta 2015-05-31 --col-tipo C --col-numero D afiliados.xlsx
  planos build rnse --nit 860999123 --eps EPS001 --desde 2020-01-01 --hasta 2020-01-31 \\
      --regimen RC --columna 22=Observaciones negaciones-enero.xlsx
";

/// Runs `planos build` with the arguments after `build`.
pub fn run(args: Vec<String>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let run = match args.first().map(String::as_str) {
        Some("smcs") => smcs,
        Some("rnse") => rnse,
        None | Some("-h" | "--help" | "help") => {
            let _ = out.write_all(HELP.as_bytes());
            return 0;
        }
        Some(other) => {
            let _ = writeln!(err, "planos: formato desconocido «{other}»; use smcs o rnse\n\n{HELP}");
            return 2;
        }
    };
    match run(&args[1..], out) {
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
    let header = Header {
        nit: need(nit, "--nit")?,
        entity: need(entity, "--entidad")?,
        date: need(date, "--fecha")?,
        start: need(start, "--desde")?,
        end: need(end, "--hasta")?,
    };
    let table = read_table(list, "la LISTA de personas")?;
    let (guessed_type, guessed_number) = guess_columns(&table);
    let column = |given: Option<String>, guessed: usize| match given {
        None => Ok(guessed),
        Some(c) => column_named(&table, &c).ok_or(format!("la LISTA no tiene la columna «{c}»")),
    };
    let (type_col, number_col) = (column(type_col, guessed_type)?, column(number_col, guessed_number)?);
    let built = build_table(&header, &table, (type_col, number_col), choices);
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
                    plural(built.refused.len() as u64, "fila", "filas")
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
    save(
        &folder,
        &name,
        &bytes,
        plural(built.people as u64, "persona", "personas"),
        out,
    )
}

/// A date option's value, `AAAA-MM-DD`.
fn day(v: String, what: &str) -> Result<NaiveDate, String> {
    planos_core::rules::parse_date(v.as_bytes())
        .ok_or_else(|| format!("{what} debe ser una fecha AAAA-MM-DD, no «{v}»"))
}

fn need<T>(v: Option<T>, what: &str) -> Result<T, String> {
    v.ok_or(format!("falta {what}"))
}

/// Reads the list file into a table.
fn read_table(list: Option<String>, what: &str) -> Result<Table, String> {
    let list = need(list, what)?;
    let bytes = std::fs::read(&list).map_err(|e| format!("no se pudo leer «{list}»: {e}"))?;
    Table::read(&list, &bytes)
}

/// Writes the built file into `folder`; says where.
fn save(folder: &str, name: &str, bytes: &[u8], what: String, out: &mut dyn Write) -> Result<i32, String> {
    let path = std::path::Path::new(folder).join(name);
    std::fs::write(&path, bytes).map_err(|e| format!("no se pudo escribir «{}»: {e}", path.display()))?;
    let _ = writeln!(out, "Construido {}: {what}.", path.display());
    Ok(0)
}

fn rnse(args: &[String], out: &mut dyn Write) -> Result<i32, String> {
    let (mut nit, mut eps, mut start, mut end, mut regimen) = (None, None, None, None, None);
    let (mut drop_refused, mut folder, mut list) = (false, ".".to_string(), None);
    let mut columns: Vec<(usize, String)> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |what: &str| it.next().cloned().ok_or(format!("falta el valor de {what}"));
        match a.as_str() {
            "--nit" => nit = Some(value("--nit")?),
            "--eps" => eps = Some(value("--eps")?),
            "--desde" => start = Some(day(value("--desde")?, "--desde")?),
            "--hasta" => end = Some(day(value("--hasta")?, "--hasta")?),
            "--regimen" => regimen = Some(value("--regimen")?.trim().to_uppercase()),
            "--carpeta" => folder = value("--carpeta")?,
            "--columna" => {
                let v = value("--columna")?;
                let (no, col) = v
                    .split_once('=')
                    .and_then(|(n, c)| Some((n.trim().parse::<usize>().ok()?, c.to_string())))
                    .filter(|(n, _)| (rnse::FIRST_MAPPED..rnse::FIELDS).contains(n))
                    .ok_or(format!(
                        "--columna va como CAMPO=COLUMNA, con CAMPO de 3 a 22, no «{v}»"
                    ))?;
                columns.push((no, col));
            }
            "--omitir-invalidas" => drop_refused = true,
            "-h" | "--help" => return Err("ayuda".to_string()),
            k if k.starts_with('-') => return Err(format!("opción desconocida «{k}»")),
            _ => list = Some(a.clone()),
        }
    }
    let header = rnse::Header {
        nit: need(nit, "--nit")?,
        eps: need(eps, "--eps")?,
        start: need(start, "--desde")?,
        end: need(end, "--hasta")?,
        regimen: need(regimen, "--regimen")?,
    };
    let table = read_table(list, "la LISTA de servicios negados")?;
    let mut mapping = rnse::guess_mapping(&table);
    for (no, col) in columns {
        let c = column_named(&table, &col).ok_or(format!("la LISTA no tiene la columna «{col}»"))?;
        mapping[no] = Some(c);
    }
    let built = rnse::build(&header, &table, &mapping, drop_refused);
    let mut w = |s: String| {
        let _ = writeln!(out, "{s}");
    };
    let labels = table.column_labels();
    for (no, column) in mapping.iter().enumerate().skip(rnse::FIRST_MAPPED) {
        let from = column.and_then(|c| labels.get(c)).map_or("(vacío)", String::as_str);
        w(format!("Campo {no:>2} {}: {from}", rnse::field_name(no)));
    }
    for problem in &built.header {
        w(format!("Dato por corregir: {problem}"));
    }
    for (what, n) in &built.changes {
        w(format!(
            "Corregido sin cambiar el sentido: {what} ({}).",
            plural(*n as u64, "valor", "valores")
        ));
    }
    for r in &built.refused {
        let what = if drop_refused { "se omitió" } else { "por corregir" };
        w(format!("Fila {} ({what}): {}", r.row, r.reasons.join(" ")));
    }
    for (row, warning) in &built.warnings {
        w(format!("Fila {row} (advertencia): {warning}"));
    }
    let Some((name, bytes)) = built.file else {
        if built.refused_count > 0 && !drop_refused {
            w(format!(
                "No se construyó el archivo: corrija {} o use --omitir-invalidas.",
                plural(built.refused_count as u64, "fila", "filas")
            ));
        } else if built.header.is_empty() {
            w("No se construyó el archivo: la lista no tiene ningún servicio negado válido.".to_string());
        }
        return Ok(1);
    };
    save(
        &folder,
        &name,
        &bytes,
        plural(built.records as u64, "servicio negado", "servicios negados"),
        out,
    )
}
