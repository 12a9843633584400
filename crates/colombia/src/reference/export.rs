//! A SISPRO reference-table export the user gives, to be used instead of the table compiled
//! into planos: its CIE10, CUPS or CodigoEAPByNit table, as web.sispro.gov.co exports it (XLSX or
//! CSV).
//!
//! SISPRO writes an export in one of two shapes, and both are read:
//! - the generic one, `Tabla, Codigo, Nombre, Descripcion, Habilitado, Aplicacion, Extra_I…Extra_X`
//!   (an `Extra_` column may carry its meaning after a colon, `Extra_I:AplicaASexo`); the `Tabla`
//!   column says which table it is;
//! - the table's own columns (`Codigo, Nombre, …, AplicaASexo, Sexo, EdadMinima, EdadMaxima, …,
//!   Fecha_Actualizacion` for CIE10; `Sexo_ZFM` for CUPS; `NIT`, `TipoRegimen` for EAPB), which
//!   say which table it is.
//!
//! An export is checked whole before it is used: every code well formed and once, every sex and
//! age a value SISPRO uses, at least one row. A file that is not such an export is refused with
//! the reason, and nothing changes. [`Export::saved`] is the table as a compact export of the same
//! shape, deflated, for the page to keep; [`read_saved`] reads it back.

use super::{cie10, cups, eapb, given_label, Code, Kind, Names, Tables};
use crate::build::table::{fold, Table as Cells};
use chrono::NaiveDate;
use std::io::{Read, Write};

/// A table read from an export, ready for [`Tables::set`].
pub enum Table {
    Cie10(cie10::Table),
    Cups(cups::Table),
    Eapb(eapb::Table),
}

/// A SISPRO export, read and checked.
pub struct Export {
    pub kind: Kind,
    /// The export's date: the latest `Fecha_Actualizacion` of its rows, when it has them.
    pub date: Option<NaiveDate>,
    /// The codes the table has, sorted.
    codes: Vec<Code>,
    /// Rows SISPRO marks not enabled (`Habilitado` NO), left out of a CIE10 or CUPS table (an
    /// EAPB table keeps them, marked: a disabled EPS code is a warning of its own).
    pub disabled: usize,
    /// What the export does not say that planos' checks would read, in words.
    pub notes: Vec<String>,
    /// The compact export [`Export::saved`] deflates.
    compact: String,
    table: Table,
}

/// What an export changes against the table in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub before: usize,
    pub after: usize,
    /// Codes the export has that the table in use lacks.
    pub added: usize,
    /// Codes the table in use has that the export lacks.
    pub removed: usize,
}

impl Change {
    /// «12 634 → 12 650 códigos, 16 nuevos, 0 retirados».
    pub fn prose(&self) -> String {
        let n = |n: usize| planos_core::text::thousands(n as u64);
        format!(
            "{} → {} códigos, {} {}, {} {}",
            n(self.before),
            n(self.after),
            n(self.added),
            if self.added == 1 { "nuevo" } else { "nuevos" },
            n(self.removed),
            if self.removed == 1 { "retirado" } else { "retirados" }
        )
    }
}

impl Export {
    /// How many codes the table has.
    pub fn count(&self) -> usize {
        self.codes.len()
    }

    /// The table's name, export and count, as messages and reports will name it.
    pub fn label(&self) -> String {
        given_label(self.kind, self.date, self.codes.len())
    }

    /// What using this export changes against the table of its kind in `tables`.
    pub fn change(&self, tables: &Tables) -> Change {
        let before = tables.codes(self.kind);
        let (mut i, mut j, mut common) = (0, 0, 0);
        while i < before.len() && j < self.codes.len() {
            match before[i].cmp(&self.codes[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        Change {
            before: before.len(),
            after: self.codes.len(),
            added: self.codes.len() - common,
            removed: before.len() - common,
        }
    }

    /// The table as a compact export (a CSV of the columns planos reads), deflated: what the
    /// page keeps, a tenth of the export's size. [`read_saved`] reads it back as this export.
    pub fn saved(&self) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing into memory cannot fail.
        let _ = z.write_all(self.compact.as_bytes());
        z.finish().unwrap_or_default()
    }

    /// The table, for [`Tables::set`].
    pub fn into_table(self) -> Table {
        self.table
    }
}

/// A saved table ([`Export::saved`]) is refused beyond this size inflated.
const MAX_SAVED: u64 = 64 << 20;

/// Reads back a table [`Export::saved`] gave.
pub fn read_saved(bytes: &[u8]) -> Result<Export, String> {
    let mut text = Vec::new();
    flate2::read::ZlibDecoder::new(bytes)
        .take(MAX_SAVED)
        .read_to_end(&mut text)
        .map_err(|_| "la tabla guardada está dañada; vuelva a darla".to_string())?;
    read("la tabla guardada", &text)
}

/// The columns of an export, found by their titles.
struct Columns {
    code: usize,
    name: usize,
    table: Option<usize>,
    enabled: Option<usize>,
    date: Option<usize>,
    /// CIE10: `AplicaASexo`, `Sexo` (the letter), `EdadMinima`, `EdadMaxima`.
    sex: Option<usize>,
    letter: Option<usize>,
    min_age: Option<usize>,
    max_age: Option<usize>,
    /// CUPS: `Sexo_ZFM`.
    zfm: Option<usize>,
}

/// A title as compared: what follows a colon (`Extra_I:AplicaASexo` is `AplicaASexo`), folded.
fn title(cell: &str) -> String {
    fold(cell.rsplit_once(':').map_or(cell, |(_, meaning)| meaning))
}

/// Reads the SISPRO export `bytes` (XLSX or CSV); `name` is how messages call the file.
pub fn read(name: &str, bytes: &[u8]) -> Result<Export, String> {
    let cells = Cells::read(name, bytes)?;
    let titles: Vec<String> = cells.row(0).map(title).collect();
    let raw: Vec<String> = cells.row(0).map(fold).collect();
    let find = |names: &[&str]| {
        names.iter().find_map(|n| {
            titles
                .iter()
                .position(|t| t == n)
                .or_else(|| raw.iter().position(|t| t == n))
        })
    };
    let (Some(code), Some(name_col)) = (find(&["codigo"]), find(&["nombre"])) else {
        return Err(format!(
            "«{name}» no es una tabla de referencia de SISPRO: su primera fila no tiene las columnas Codigo y Nombre"
        ));
    };
    let mut cols = Columns {
        code,
        name: name_col,
        table: find(&["tabla"]),
        enabled: find(&["habilitado"]),
        date: find(&["fechaactualizacion"]),
        sex: find(&["aplicaasexo"]),
        letter: find(&["sexo"]),
        min_age: find(&["edadminima"]),
        max_age: find(&["edadmaxima"]),
        zfm: find(&["sexozfm"]),
    };
    let kind = kind(name, &cells, &cols, &find)?;
    if kind == Kind::Cie10 && cols.sex.is_none() {
        // The generic export without the meanings in its titles: SISPRO's CIE10 puts the sex,
        // the minimum and the maximum age in its first three extra columns
        // (docs/interpretations.md).
        (cols.sex, cols.min_age, cols.max_age) = (find(&["extrai"]), find(&["extraii"]), find(&["extraiii"]));
    }
    if kind == Kind::Cie10 {
        let missing: Vec<&str> = [
            (cols.sex, "AplicaASexo"),
            (cols.min_age, "EdadMinima"),
            (cols.max_age, "EdadMaxima"),
        ]
        .iter()
        .filter(|c| c.0.is_none())
        .map(|c| c.1)
        .collect();
        if !missing.is_empty() {
            return Err(format!(
                "«{name}» es la tabla CIE10 de SISPRO pero le faltan las columnas {}, que planos lee para ver si un diagnóstico es del sexo y la edad de la persona",
                missing.join(", ")
            ));
        }
    }
    let rows = Rows::read(name, kind, &cells, &cols)?;
    Ok(rows.into_export(kind))
}

/// Which table an export is: its `Tabla` column, or the columns only that table has.
fn kind(name: &str, cells: &Cells, cols: &Columns, find: &dyn Fn(&[&str]) -> Option<usize>) -> Result<Kind, String> {
    if let Some(t) = cols.table {
        let said = cells.cell(1, t);
        return match fold(said).as_str() {
            "cie10" => Ok(Kind::Cie10),
            "cups" => Ok(Kind::Cups),
            "codigoeapbynit" => Ok(Kind::Eapb),
            "" => Err(format!("«{name}» no tiene filas: la tabla que usa planos no se cambió")),
            _ => Err(format!(
                "«{name}» es la tabla «{said}» de SISPRO; planos puede actualizar las tablas CIE10, CUPS y CodigoEAPByNit"
            )),
        };
    }
    if cols.sex.is_some() || cols.min_age.is_some() {
        Ok(Kind::Cie10)
    } else if cols.zfm.is_some() {
        Ok(Kind::Cups)
    } else if find(&["nit", "tiporegimen"]).is_some() {
        Ok(Kind::Eapb)
    } else {
        Err(format!(
            "no se reconoce qué tabla de SISPRO es «{name}»: no tiene la columna Tabla ni las columnas propias de CIE10 (AplicaASexo, EdadMinima), CUPS (Sexo_ZFM) o CodigoEAPByNit (NIT, TipoRegimen)"
        ))
    }
}

/// One enabled row of an export: its code, name, and what the checks read of it.
struct Row {
    code: Code,
    name: String,
    /// CIE10: AplicaASexo (1, 2, 3) and the ages; CUPS: `F`, `M` or `Z`; EAPB: enabled.
    sex: u8,
    ages: (u16, u16),
    enabled: bool,
}

/// The rows of an export, checked.
struct Rows {
    rows: Vec<Row>,
    date: Option<NaiveDate>,
    disabled: usize,
    notes: Vec<String>,
    /// Whether a CUPS export says each procedure's sex.
    zfm: bool,
}

/// More codes than this are more than a table's positions hold (and than any SISPRO table has).
const MAX_CODES: usize = u16::MAX as usize - 1;

impl Rows {
    fn read(name: &str, kind: Kind, cells: &Cells, cols: &Columns) -> Result<Rows, String> {
        let mut out = Rows {
            rows: Vec::new(),
            date: None,
            disabled: 0,
            notes: Vec::new(),
            zfm: cols.zfm.is_some(),
        };
        let table = kind.sispro_name();
        for r in 1..cells.len() {
            let at = |what: String| {
                format!(
                    "la fila {} de «{name}»: {what}; la tabla que usa planos no se cambió",
                    r + 1
                )
            };
            let cell = |c: Option<usize>| c.map_or("", |c| cells.cell(r, c));
            if cells.row(r).all(|c| c.trim().is_empty()) {
                continue;
            }
            if let Some(t) = cols.table.map(|t| cells.cell(r, t)).filter(|t| fold(t) != fold(table)) {
                return Err(at(format!("es de la tabla «{t}», no de {table}")));
            }
            let written = cells.cell(r, cols.code);
            let code = match kind {
                Kind::Cie10 => Some(written)
                    .filter(|c| cie10::well_formed(c.as_bytes()))
                    .and_then(Code::new),
                Kind::Cups | Kind::Eapb => Code::new(written),
            };
            let Some(code) = code else {
                return Err(at(match kind {
                    Kind::Cie10 => {
                        format!("«{written}» no es un código CIE10 (una letra, dos dígitos y un dígito o X)")
                    }
                    _ => format!("«{written}» no es un código de {table} (de 1 a 8 letras y dígitos)"),
                }));
            };
            let title = cells
                .cell(r, cols.name)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if title.is_empty() {
                return Err(at(format!("el código {code} no tiene nombre")));
            }
            let enabled = fold(cell(cols.enabled)) != "no";
            if let Some(d) = date(cell(cols.date)) {
                out.date = out.date.max(Some(d));
            }
            let (mut sex, mut ages) = (0u8, (0u16, 999u16));
            match kind {
                Kind::Cie10 => {
                    sex = match cell(cols.sex) {
                        "1" => 1,
                        "2" => 2,
                        "3" => 3,
                        other => return Err(at(format!("el sexo (AplicaASexo) de {code} es «{other}»: SISPRO escribe 1 (hombres), 2 (mujeres) o 3 (ambos)"))),
                    };
                    // The letter, where there is one, must say the same; where it does not, the
                    // code is read as for both (in the user's favour, as O93X in the table of
                    // 2025-11-23: docs/interpretations.md).
                    let letter = cell(cols.letter);
                    if !letter.is_empty() && letter != ["M", "F", "A"][usize::from(sex - 1)] {
                        sex = 3;
                    }
                    let age = |c: Option<usize>, what: &str| {
                        cell(c).parse::<u16>().ok().filter(|&a| a <= 999).ok_or_else(|| {
                            at(format!(
                                "la {what} de {code} es «{}»: debe ser un número de años de 0 a 999",
                                cell(c)
                            ))
                        })
                    };
                    ages = (age(cols.min_age, "edad mínima")?, age(cols.max_age, "edad máxima")?);
                    if ages.0 > ages.1 {
                        return Err(at(format!(
                            "la edad mínima de {code} ({}) es mayor que la máxima ({})",
                            ages.0, ages.1
                        )));
                    }
                }
                Kind::Cups => {
                    sex = match cell(cols.zfm) {
                        "F" => b'F',
                        "M" => b'M',
                        _ => b'Z',
                    }
                }
                Kind::Eapb => {}
            }
            if !enabled && kind != Kind::Eapb {
                out.disabled += 1;
                continue;
            }
            out.rows.push(Row {
                code,
                name: title,
                sex,
                ages,
                enabled,
            });
            if out.rows.len() > MAX_CODES {
                return Err(format!(
                    "«{name}» tiene más de {} códigos, más de los que tiene cualquier tabla de SISPRO",
                    planos_core::text::thousands(MAX_CODES as u64)
                ));
            }
        }
        if out.rows.is_empty() {
            return Err(format!(
                "«{name}» no tiene filas de la tabla {table}: la tabla que usa planos no se cambió"
            ));
        }
        out.rows.sort_unstable_by_key(|r| r.code);
        if let Some(w) = out.rows.windows(2).find(|w| w[0].code == w[1].code) {
            return Err(format!(
                "el código {} está más de una vez en «{name}»; la tabla que usa planos no se cambió",
                w[0].code
            ));
        }
        if kind == Kind::Cups && cols.zfm.is_none() {
            out.notes.push(
                "Esta exportación no dice a qué sexo aplica cada procedimiento (columna Sexo_ZFM): con ella no se revisa el sexo de los procedimientos."
                    .to_string(),
            );
        }
        Ok(out)
    }

    /// The export: its table, its codes, and its compact form.
    fn into_export(self, kind: Kind) -> Export {
        let label = given_label(kind, self.date, self.rows.len());
        let codes: Vec<Code> = self.rows.iter().map(|r| r.code).collect();
        let names = Names::owned(self.rows.iter().map(|r| r.name.as_str()));
        let compact = compact(kind, self.date, &self.rows, self.zfm);
        let table = match kind {
            Kind::Cie10 => Table::Cie10(cie10::Table::new(
                label,
                self.rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| cie10::Diagnosis {
                        code: r.code.as_bytes().try_into().unwrap_or([0; 4]),
                        sex: match r.sex {
                            1 => cie10::Sex::Male,
                            2 => cie10::Sex::Female,
                            _ => cie10::Sex::Both,
                        },
                        min_age: r.ages.0,
                        max_age: r.ages.1,
                        position: i as u16,
                    })
                    .collect(),
                names,
            )),
            Kind::Cups => Table::Cups(cups::Table::new(
                label,
                self.rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| cups::Procedure {
                        code: r.code,
                        woman: match r.sex {
                            b'F' => Some(true),
                            b'M' => Some(false),
                            _ => None,
                        },
                        position: i as u16,
                    })
                    .collect(),
                names,
            )),
            Kind::Eapb => Table::Eapb(eapb::Table::new(
                label,
                self.rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| eapb::Entity {
                        code: r.code,
                        enabled: r.enabled,
                        position: i as u16,
                    })
                    .collect(),
                names,
            )),
        };
        Export {
            kind,
            date: self.date,
            codes,
            disabled: self.disabled,
            notes: self.notes,
            compact,
            table,
        }
    }
}

/// A date as an export writes it: `2025-11-23 04:08:45 PM`, `2025-11-23`, or `23/11/2025`.
fn date(cell: &str) -> Option<NaiveDate> {
    let day = cell.get(..10)?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(day, "%d/%m/%Y"))
        .ok()
}

/// The rows as an export in SISPRO's generic shape with the meanings in the titles, only the
/// columns planos reads (a CUPS export's sex only when it said it, `zfm`): read back by
/// [`read`] as the same table.
fn compact(kind: Kind, date: Option<NaiveDate>, rows: &[Row], zfm: bool) -> String {
    let date = date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from("Tabla,Codigo,Nombre,Habilitado,Fecha_Actualizacion");
    out.push_str(match kind {
        Kind::Cie10 => ",Extra_I:AplicaASexo,Extra_II:EdadMinima,Extra_III:EdadMaxima\n",
        Kind::Cups if zfm => ",Sexo_ZFM\n",
        Kind::Cups => "\n",
        Kind::Eapb => "\n",
    });
    for r in rows {
        let enabled = if r.enabled { "SI" } else { "NO" };
        out.push_str(&format!(
            "{},{},{},{enabled},{date}",
            kind.sispro_name(),
            r.code,
            quoted(&r.name)
        ));
        match kind {
            Kind::Cie10 => out.push_str(&format!(",{},{},{}\n", r.sex, r.ages.0, r.ages.1)),
            Kind::Cups if zfm => out.push_str(&format!(",{}\n", char::from(r.sex))),
            Kind::Cups => out.push('\n'),
            Kind::Eapb => out.push('\n'),
        }
    }
    out
}
