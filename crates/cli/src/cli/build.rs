//! `planos build smcs|rnse …`: builds a file from a list, with the same engine as the page.

use super::{failed, io_text, Failure};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use planos_co::build::rnse;
use planos_co::build::smcs::{build_table, guess_columns, Choices, Header};
use planos_co::build::table::{column_named, Table};
use planos_core::report::plural;
use std::io::Write;

/// The help of `planos build smcs`, also in `planos build --help`.
macro_rules! smcs_usage {
    () => {
        "  planos build smcs --nit NIT --entidad CODIGO --fecha AAAA-MM-DD --desde AAAA-MM-DD
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
  --carpeta C      Dónde escribir el archivo (predeterminado: la carpeta actual); si no existe,
                   se crea.
"
    };
}

/// The help of `planos build rnse`, also in `planos build --help`.
macro_rules! rnse_usage {
    () => {
        "  planos build rnse --nit NIT --eps CODIGO --desde AAAA-MM-DD --hasta AAAA-MM-DD
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
"
    };
}

/// The exit statuses of `planos build`.
macro_rules! status {
    () => {
        "Estado de salida: 0 construido, 1 hay filas o datos por corregir, 2 no se pudo ejecutar.\n"
    };
}

/// `planos build smcs` examples.
macro_rules! smcs_examples {
    () => {
        "  planos build smcs --nit 860999123 --entidad 014-18 --fecha 2015-06-01 \\
      --desde 2015-05-01 --hasta 2015-05-31 personas.csv
  planos build smcs --nit 860999123 --entidad 014-18 --fecha 2015-06-01 \\
      --desde 2015-05-01 --hasta 2015-05-31 --col-tipo C --col-numero D afiliados.xlsx
"
    };
}

/// `planos build rnse` examples.
macro_rules! rnse_examples {
    () => {
        "  planos build rnse --nit 860999123 --eps EPS001 --desde 2020-01-01 --hasta 2020-01-31 \\
      --regimen RC --columna 22=Observaciones negaciones-enero.xlsx
"
    };
}

pub const HELP: &str = concat!(
    "planos build — construye un archivo plano correcto a partir de una lista.\n\nUso:\n",
    smcs_usage!(),
    "\n",
    rnse_usage!(),
    "\n",
    status!(),
    "\nEjemplo:\n",
    smcs_examples!(),
    rnse_examples!(),
);

const SMCS_HELP: &str = concat!(
    "planos build smcs — construye una consulta masiva de supervivencia a partir de una lista de personas.\n\nUso:\n",
    smcs_usage!(),
    "\n",
    status!(),
    "\nEjemplo:\n",
    smcs_examples!(),
);

const RNSE_HELP: &str = concat!(
    "planos build rnse — construye un archivo de servicios negados a partir de una lista.\n\nUso:\n",
    rnse_usage!(),
    "\n",
    status!(),
    "\nEjemplo:\n",
    rnse_examples!(),
);

/// `planos build`'s arguments: which file; none, the help.
#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(subcommand)]
    format: Option<Format>,
}

#[derive(Subcommand, Debug)]
enum Format {
    #[command(override_help = SMCS_HELP)]
    Smcs(SmcsArgs),
    #[command(override_help = RNSE_HELP)]
    Rnse(RnseArgs),
}

/// `planos build smcs`'s arguments, as typed; what is required is checked by [`smcs`], to say
/// what is missing in its words.
#[derive(Args, Debug)]
struct SmcsArgs {
    #[arg(long = "nit", value_name = "NIT")]
    nit: Option<String>,
    #[arg(long = "entidad", value_name = "COD")]
    entity: Option<String>,
    #[arg(long = "fecha", value_name = "F", value_parser = day)]
    date: Option<NaiveDate>,
    #[arg(long = "desde", value_name = "F", value_parser = day)]
    start: Option<NaiveDate>,
    #[arg(long = "hasta", value_name = "F", value_parser = day)]
    end: Option<NaiveDate>,
    #[arg(long = "carpeta", value_name = "C", default_value = ".")]
    folder: String,
    #[arg(long = "col-tipo", value_name = "COL")]
    type_col: Option<String>,
    #[arg(long = "col-numero", value_name = "COL")]
    number_col: Option<String>,
    #[arg(long = "omitir-invalidas")]
    drop_refused: bool,
    #[arg(long = "quitar-duplicados")]
    drop_repeated: bool,
    #[arg(value_name = "LISTA")]
    list: Option<String>,
}

/// `planos build rnse`'s arguments, as typed.
#[derive(Args, Debug)]
struct RnseArgs {
    #[arg(long = "nit", value_name = "NIT")]
    nit: Option<String>,
    #[arg(long = "eps", value_name = "COD")]
    eps: Option<String>,
    #[arg(long = "desde", value_name = "F", value_parser = day)]
    start: Option<NaiveDate>,
    #[arg(long = "hasta", value_name = "F", value_parser = day)]
    end: Option<NaiveDate>,
    #[arg(long = "regimen", value_name = "R")]
    regimen: Option<String>,
    #[arg(long = "carpeta", value_name = "C", default_value = ".")]
    folder: String,
    #[arg(long = "columna", value_name = "N=COL", value_parser = field_column)]
    columns: Vec<FieldColumn>,
    #[arg(long = "omitir-invalidas")]
    drop_refused: bool,
    #[arg(value_name = "LISTA")]
    list: Option<String>,
}

/// `--columna N=COL`: detail field `field` is in the list's column `column`.
#[derive(Clone, Debug)]
struct FieldColumn {
    field: usize,
    column: String,
}

fn field_column(v: &str) -> Result<FieldColumn, String> {
    v.split_once('=')
        .and_then(|(n, c)| Some((n.trim().parse::<usize>().ok()?, c.to_string())))
        .filter(|(n, _)| (rnse::FIRST_MAPPED..rnse::FIELDS).contains(n))
        .map(|(field, column)| FieldColumn { field, column })
        .ok_or("va como CAMPO=COLUMNA, con CAMPO de 3 a 22".to_string())
}

/// A date option's value, `AAAA-MM-DD`; clap's error adds the option and the value.
fn day(v: &str) -> Result<NaiveDate, String> {
    planos_co::build::parse_day(v).ok_or("debe ser una fecha AAAA-MM-DD".to_string())
}

/// Runs `planos build` with its arguments.
pub fn run(args: BuildArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (path, result) = match args.format {
        Some(Format::Smcs(a)) => ("build smcs", smcs(a, out)),
        Some(Format::Rnse(a)) => ("build rnse", rnse(a, out)),
        None => {
            let _ = out.write_all(HELP.as_bytes());
            return 0;
        }
    };
    match result {
        Ok(code) => code,
        Err(failure) => failed(err, path, failure),
    }
}

fn smcs(a: SmcsArgs, out: &mut dyn Write) -> Result<i32, Failure> {
    let choices = Choices {
        drop_refused: a.drop_refused,
        drop_repeated: a.drop_repeated,
    };
    let header = Header {
        nit: need(a.nit, "--nit")?,
        entity: need(a.entity, "--entidad")?,
        date: need(a.date, "--fecha")?,
        start: need(a.start, "--desde")?,
        end: need(a.end, "--hasta")?,
    };
    let table = read_table(a.list, "la LISTA de personas")?;
    let (guessed_type, guessed_number) = guess_columns(&table);
    let column = |given: Option<String>, guessed: usize| match given {
        None => Ok(guessed),
        Some(c) => column_named(&table, &c).ok_or(Failure::Run(format!("la LISTA no tiene la columna «{c}»"))),
    };
    let (type_col, number_col) = (column(a.type_col, guessed_type)?, column(a.number_col, guessed_number)?);
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
        &a.folder,
        &name,
        &bytes,
        plural(built.people as u64, "persona", "personas"),
        out,
    )
}

/// A required option's value, or the usage error that says it is missing.
fn need<T>(v: Option<T>, what: &str) -> Result<T, Failure> {
    v.ok_or(Failure::Usage(format!("falta {what}")))
}

/// Reads the list file into a table.
fn read_table(list: Option<String>, what: &str) -> Result<Table, Failure> {
    let list = need(list, what)?;
    let bytes = std::fs::read(&list).map_err(|e| Failure::Run(format!("no se pudo leer «{list}»: {}", io_text(&e))))?;
    Table::read(&list, &bytes).map_err(Failure::Run)
}

/// Writes the built file into `folder`, made if it is not there; says where.
fn save(folder: &str, name: &str, bytes: &[u8], what: String, out: &mut dyn Write) -> Result<i32, Failure> {
    std::fs::create_dir_all(folder)
        .map_err(|e| Failure::Run(format!("no se pudo crear la carpeta «{folder}»: {}", io_text(&e))))?;
    let path = std::path::Path::new(folder).join(name);
    std::fs::write(&path, bytes)
        .map_err(|e| Failure::Run(format!("no se pudo escribir «{}»: {}", path.display(), io_text(&e))))?;
    let _ = writeln!(out, "Construido {}: {what}.", path.display());
    Ok(0)
}

fn rnse(a: RnseArgs, out: &mut dyn Write) -> Result<i32, Failure> {
    let drop_refused = a.drop_refused;
    let header = rnse::Header {
        nit: need(a.nit, "--nit")?,
        eps: need(a.eps, "--eps")?,
        start: need(a.start, "--desde")?,
        end: need(a.end, "--hasta")?,
        regimen: need(a.regimen, "--regimen")?.trim().to_uppercase(),
    };
    let table = read_table(a.list, "la LISTA de servicios negados")?;
    let mut mapping = rnse::guess_mapping(&table);
    for FieldColumn { field, column } in a.columns {
        let c =
            column_named(&table, &column).ok_or(Failure::Run(format!("la LISTA no tiene la columna «{column}»")))?;
        mapping[field] = Some(c);
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
    for caution in &built.cautions {
        w(format!("Atención: {caution}"));
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
        &a.folder,
        &name,
        &bytes,
        plural(built.records as u64, "servicio negado", "servicios negados"),
        out,
    )
}
