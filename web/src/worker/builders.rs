//! The builders, in the worker: each keeps the list file the user gave it (read once into a
//! [`Table`]) and the file it last built, until the page asks to save it
//! ([`super::downloads`]). Contract: a list file replaces the builder's last one (one that
//! cannot be read leaves none); a build replaces its last file, or leaves none when it made
//! none; a new check leaves the builders as they are.

use crate::protocol::{
    BuildOutcome, Builder, ListTable, Regimen, RnseOutcome, TablePreview, BUILD_LISTED, PREVIEW_ROWS,
};
use crate::reader::why;
use chrono::NaiveDate;
use planos_co::build::table::{fold, letter, Table};
use planos_co::build::{rnse, smcs};
use std::collections::HashMap;
use wasm_bindgen::JsValue;
use web_sys::{File, FileReaderSync};

/// The entity's data as typed: NIT, entity, date, start, end.
type QueryHeader = (String, String, String, String, String);

/// The entity's data as typed: NIT, EPS, start, end, régimen.
type ReportHeader = (String, String, String, String, Regimen);

#[derive(Default)]
pub struct Builders {
    tables: HashMap<Builder, Table>,
    built: HashMap<Builder, (String, Vec<u8>)>,
}

fn day(s: &str) -> Option<NaiveDate> {
    planos_co::build::parse_day(s)
}

fn elapsed(t0: f64) -> f64 {
    js_sys::Date::now() - t0
}

impl Builders {
    /// Reads `builder`'s list file and keeps its table (a file it cannot read leaves none).
    pub fn load(&mut self, builder: Builder, file: &File) -> TablePreview {
        self.tables.remove(&builder);
        let name = file.name();
        let read = (|| {
            let unreadable = |e: JsValue| format!("el navegador no pudo leer «{name}»: {}", why(&e));
            let reader = FileReaderSync::new().map_err(unreadable)?;
            let buffer = reader.read_as_array_buffer(file).map_err(unreadable)?;
            Table::read(&name, &js_sys::Uint8Array::new(&buffer).to_vec())
        })();
        let read = read.map(|table| {
            let guess: Vec<Option<u32>> = match builder {
                Builder::Smcs => {
                    let (t, n) = smcs::guess_columns(&table);
                    vec![Some(t as u32), Some(n as u32)]
                }
                Builder::Rnse => rnse::guess_mapping(&table)
                    .into_iter()
                    .map(|c| c.map(|c| c as u32))
                    .collect(),
            };
            // A row of titles names the columns and is not counted nor shown as data (the
            // report's list always has one; the query's, when its first row looks like one).
            let titled = match builder {
                Builder::Smcs => {
                    let column = |i: usize| guess.get(i).copied().flatten().unwrap_or(0) as usize;
                    smcs::titled(&table, (column(0), column(1)))
                }
                Builder::Rnse => true,
            };
            let skip = usize::from(titled && !table.is_empty());
            let shown = ListTable {
                rows: (table.len() - skip) as u64,
                labels: if titled {
                    table.column_labels()
                } else {
                    (0..table.width()).map(|c| format!("Columna {}", letter(c))).collect()
                },
                titles: (0..table.width()).map(|c| fold(table.cell(0, c))).collect(),
                preview: (skip..table.len().min(skip + PREVIEW_ROWS))
                    .map(|r| table.row(r).map(str::to_string).collect())
                    .collect(),
                guess,
            };
            self.tables.insert(builder, table);
            shown
        });
        TablePreview { builder, name, read }
    }

    /// The file `builder` last built: its name and bytes.
    pub fn built(&self, builder: Builder) -> Option<(&str, &[u8])> {
        let (name, bytes) = self.built.get(&builder)?;
        Some((name, bytes))
    }

    /// Builds a supervivencia query from the pasted `list`, or from the list file held with
    /// the chosen `columns`.
    pub fn smcs(
        &mut self,
        typed: QueryHeader,
        list: &str,
        columns: Option<(u32, u32)>,
        choices: (bool, bool),
    ) -> BuildOutcome {
        let t0 = js_sys::Date::now();
        let (nit, entity, date, start, end) = typed;
        self.built.remove(&Builder::Smcs);
        let (Some(date), Some(start), Some(end)) = (day(&date), day(&start), day(&end)) else {
            return BuildOutcome {
                header: vec!["Escriba las tres fechas: la de la consulta y las del período.".to_string()],
                millis: elapsed(t0),
                ..BuildOutcome::default()
            };
        };
        let header = smcs::Header {
            nit,
            entity,
            date,
            start,
            end,
        };
        let (drop_refused, drop_repeated) = choices;
        let choices = smcs::Choices {
            drop_refused,
            drop_repeated,
        };
        let built = match (columns, self.tables.get(&Builder::Smcs)) {
            (Some((t, n)), Some(table)) => smcs::build_table(&header, table, (t as usize, n as usize), choices),
            _ => smcs::build(&header, &smcs::parse_list(list), choices),
        };
        let outcome = BuildOutcome {
            name: built.file.as_ref().map(|(n, _)| n.clone()),
            people: built.people as u64,
            header: built.header,
            refused_count: built.refused.len() as u64,
            refused: built
                .refused
                .into_iter()
                .take(BUILD_LISTED)
                .map(|r| (r.row as u64, r.text, r.reason))
                .collect(),
            repeated_count: built.repeated.len() as u64,
            dropped_repeated: drop_repeated,
            repeated: built
                .repeated
                .into_iter()
                .take(BUILD_LISTED)
                .map(|r| (r.row as u64, r.document, r.first as u64))
                .collect(),
            millis: elapsed(t0),
        };
        if let Some(file) = built.file {
            self.built.insert(Builder::Smcs, file);
        }
        outcome
    }

    /// Builds a denied-services report from the list file held.
    pub fn rnse(&mut self, typed: ReportHeader, mapping: &[Option<u32>], drop_refused: bool) -> RnseOutcome {
        let t0 = js_sys::Date::now();
        let (nit, eps, start, end, regimen) = typed;
        self.built.remove(&Builder::Rnse);
        let mut outcome = RnseOutcome::default();
        let Some(table) = self.tables.get(&Builder::Rnse) else {
            outcome
                .header
                .push("Elija primero el archivo con la lista de servicios negados.".to_string());
            return outcome;
        };
        let (Some(start), Some(end)) = (day(&start), day(&end)) else {
            outcome.header.push("Escriba las dos fechas del período.".to_string());
            return outcome;
        };
        let header = rnse::Header {
            nit,
            eps,
            start,
            end,
            regimen: regimen.code().to_string(),
        };
        let mapping: Vec<Option<usize>> = mapping.iter().map(|c| c.map(|c| c as usize)).collect();
        let built = rnse::build(&header, table, &mapping, drop_refused);
        outcome = RnseOutcome {
            name: built.file.as_ref().map(|(n, _)| n.clone()),
            records: built.records as u64,
            header: built.header,
            refused: built
                .refused
                .into_iter()
                .map(|r| (r.row as u64, r.reasons.join(" ")))
                .collect(),
            refused_count: built.refused_count as u64,
            warnings: built.warnings.into_iter().map(|(r, w)| (r as u64, w)).collect(),
            warning_count: built.warning_count as u64,
            changes: built.changes.into_iter().map(|(l, n)| (l, n as u64)).collect(),
            cautions: built.cautions,
            millis: elapsed(t0),
        };
        if let Some(file) = built.file {
            self.built.insert(Builder::Rnse, file);
        }
        outcome
    }
}
