//! Messages between the page and its worker. The page sends the worker either a plain array of
//! `File`s to check, a list file for a builder ([`TABLE_MESSAGE`]), or a [`ToWorker`] request
//! (about what it checked, or to build a file).

use planos_co::formats::people::{PersonRow, RowFilter};
use planos_core::report::Diagnostic;
use serde::{Deserialize, Serialize};

/// Rows of the people table sent at a time.
pub const ROWS_PAGE: usize = 100;

/// Findings the worker keeps per file for the page to scroll through; the JSON report lists
/// the first [`planos_core::report::DEFAULT_LIMIT`], as the CLI does.
pub const FINDINGS_KEPT: usize = 1_000_000;

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
    /// The people of file `file` as an Excel workbook; the answer is a [`BLOB_MESSAGE`].
    Xlsx { file: u32 },
    /// Findings `offset..offset + count` of file `file` in reading order, only those of `code`
    /// and `severity` (`error`, `warning`) when not empty.
    Findings {
        file: u32,
        code: String,
        severity: String,
        offset: u32,
        count: u32,
    },
    /// The report of every file as the CLI prints it: `json` or `csv`.
    Report { format: String },
    /// Build a supervivencia query from a pasted list; dates are `AAAA-MM-DD`.
    BuildSmcs {
        nit: String,
        entity: String,
        date: String,
        start: String,
        end: String,
        list: String,
        /// The columns of type and number in the list file the worker holds, when the list is
        /// a file; `None` to build from `list`.
        columns: Option<(u32, u32)>,
        drop_refused: bool,
        drop_repeated: bool,
    },
    /// Build a denied-services report from the list file the worker holds, detail field `no`
    /// from column `mapping[no]`.
    BuildRnse {
        nit: String,
        eps: String,
        start: String,
        end: String,
        regimen: String,
        mapping: Vec<Option<u32>>,
        drop_refused: bool,
    },
    /// The file `builder` last built, to save.
    SaveBuilt { builder: Builder },
    /// The safe repairs of checked file `file` (a flat file).
    Repair { file: u32 },
    /// The repaired file `file`, to save; the answer is a [`BLOB_MESSAGE`].
    SaveRepaired { file: u32 },
}

/// The builders, each with its own list file and its own last file built.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Builder {
    Smcs,
    Rnse,
}

/// The `type` of the page's message with a list file for a builder, built by hand so the `File`
/// crosses as it is: `{type: "table", builder: "smcs" | "rnse", file}`.
pub const TABLE_MESSAGE: &str = "table";

/// What the worker read of a list file: its size, its columns, its first rows, and which
/// column it takes for each field (the query's type and number; the report's fields 0…22).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct TablePreview {
    pub builder: Builder,
    pub name: String,
    pub rows: u64,
    pub labels: Vec<String>,
    /// Each column's title, folded, to remember a mapping by.
    pub titles: Vec<String>,
    pub preview: Vec<Vec<String>>,
    pub guess: Vec<Option<u32>>,
    pub error: Option<String>,
}

/// Rows of a list file shown as a preview.
pub const PREVIEW_ROWS: usize = 4;

/// What the page shows of a denied-services report build; the worker keeps the file.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct RnseOutcome {
    pub name: Option<String>,
    pub records: u64,
    pub header: Vec<String>,
    /// Rows with errors: (row, what is wrong), the first [`BUILD_LISTED`].
    pub refused: Vec<(u64, String)>,
    pub refused_count: u64,
    pub warnings: Vec<(u64, String)>,
    pub warning_count: u64,
    /// Safe changes made to values: what, how many.
    pub changes: Vec<(String, u64)>,
    pub millis: f64,
}

/// What "Corregir" did to a file, for the page; the worker keeps the repaired bytes.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct RepairOutcome {
    pub file: u32,
    /// The repaired file's name (its content may imply another name than the original's).
    pub name: String,
    /// Each fix: what it does, how often, and examples.
    pub applied: Vec<(String, u64, Vec<String>)>,
    /// The check of the repaired file: errors left, and their codes.
    pub errors_left: u64,
    pub codes_left: Vec<String>,
    /// Why the file could not be repaired, when it could not.
    pub error: Option<String>,
}

/// What the page shows of a build; the worker keeps the file until it is saved.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct BuildOutcome {
    /// The file's name, when it was built.
    pub name: Option<String>,
    pub people: u64,
    /// Problems with the entity's data or the dates.
    pub header: Vec<String>,
    /// Rows left out or to fix: (row, text, reason), the first [`BUILD_LISTED`].
    pub refused: Vec<(u64, String, String)>,
    pub refused_count: u64,
    /// Repeated documents: (row, document, first row), the first [`BUILD_LISTED`].
    pub repeated: Vec<(u64, String, u64)>,
    pub repeated_count: u64,
    /// Milliseconds the build took in the worker.
    pub millis: f64,
}

/// Rows of each list a build outcome carries to the page.
pub const BUILD_LISTED: usize = 1000;

/// The `type` of the worker's message with a file to save: `{type, name, blob}` or
/// `{type, name, error}`, built by hand so the bytes cross as a `Blob`, not as numbers.
pub const BLOB_MESSAGE: &str = "blob";

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
    /// The report, without the findings listed (the page asks for them a window at a time);
    /// `kept` says how many findings the worker holds per file.
    Done { json: String, kept: Vec<u64> },
    /// The browser could not read a file.
    Failed { message: String },
    /// A page of people: `total` rows pass the filter.
    Rows(RowsPage),
    /// A file for the user to save.
    Save { name: String, mime: String, text: String },
    /// A window of findings.
    Findings(FindingsPage),
    /// What a build made.
    Built(BuildOutcome),
    /// What a denied-services report build made.
    BuiltRnse(RnseOutcome),
    /// What the worker read of a list file.
    Table(TablePreview),
    /// What a repair did.
    Repaired(RepairOutcome),
}

/// A window of a file's findings: `total` pass the filter; `rows` start at `offset`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct FindingsPage {
    pub file: u32,
    pub code: String,
    pub severity: String,
    pub offset: u32,
    pub total: u32,
    pub rows: Vec<Diagnostic>,
}

/// A page of the people table.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct RowsPage {
    pub file: u32,
    pub page: u32,
    pub total: u64,
    pub rows: Vec<PersonRow>,
}
