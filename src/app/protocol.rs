//! Messages between the page and its worker. The page sends the worker either a plain array of
//! `File`s to check, or a [`ToWorker`] request about the people of an answer it already checked.

use crate::formats::people::{PersonRow, RowFilter};
use serde::{Deserialize, Serialize};

/// Rows of the people table sent at a time.
pub const ROWS_PAGE: usize = 100;

#[derive(Serialize, Deserialize, Debug, Clone)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ToWorker {
    /// One page of the people of file `file`, filtered.
    Rows {
        file: u32,
        filter: RowFilter,
        search: String,
        page: u32,
    },
    /// The people of file `file` as CSV.
    Csv { file: u32 },
    /// The people of file `file` as an Excel workbook; the answer is [`XLSX_MESSAGE`].
    Xlsx { file: u32 },
}

/// The `type` of the worker's answer to [`ToWorker::Xlsx`]: `{type, file, blob}` or
/// `{type, file, error}`, built by hand so the workbook crosses as a `Blob`, not as numbers.
pub const XLSX_MESSAGE: &str = "xlsx";

#[derive(Serialize, Deserialize, Debug, Clone)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum FromWorker {
    /// The worker's wasm is running and it takes files.
    Ready,
    /// Bytes read so far of file `file` (0-based) of `files`.
    Progress {
        file: u32,
        files: u32,
        name: String,
        done: f64,
        total: f64,
    },
    /// The report, as the exact JSON the CLI prints.
    Done { json: String },
    /// The browser could not read a file.
    Failed { message: String },
    /// A page of people: `total` rows pass the filter.
    Rows(RowsPage),
    /// The people of an answer as CSV.
    Csv { file: u32, text: String },
}

/// A page of the people table.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct RowsPage {
    pub file: u32,
    pub page: u32,
    pub total: u64,
    pub rows: Vec<PersonRow>,
}
