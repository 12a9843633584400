//! The messages between the page and its worker, both ways: [`ToWorker`] and [`FromWorker`],
//! two serde enums, and nothing else crosses. Each is posted as the JavaScript value
//! `serde_wasm_bindgen` makes of it ([`ToWorker::post`], [`FromWorker::post`]) and read back
//! the same way ([`ToWorker::read`], [`FromWorker::read`]); a value that is not one is ignored.
//!
//! Browser objects travel inside these messages as they are: the `File`s to check, a builder's
//! list `File`, the entity's `.p12` `File` to sign with, the `Blob` of a download and of a signed
//! `.p7z`. They are the fields marked
//! `#[serde(with = "serde_wasm_bindgen::preserve")]` (or [`files`], for a list of files), which
//! put the object itself in the message; `postMessage`'s structured clone then passes the
//! handle, so a file's bytes are neither copied into a message nor read by the page. Nothing is
//! transferred (a `File` or `Blob` is a handle, cheap to clone). The contract of those fields:
//! they work only with `serde_wasm_bindgen` (another serializer refuses them), and only in
//! externally tagged enums (`{"Variant": {…}}`, serde's default, as every enum here is):
//! `#[serde(tag = …)]` would buffer the fields before reading them, and a buffered `File` is
//! no longer one.
//!
//! Before any of these, the page posts a new worker one message outside the protocol: the
//! `WebAssembly.Module` the page compiled, which the worker's script (tools/postbuild.mjs)
//! starts its wasm with; no Rust runs in the worker before it. The worker and its helper reader
//! speak their own two messages, typed the same way ([`super::reader`]).

use planos_co::formats::people::{PersonRow, RowFilter};
use planos_core::report::{Diagnostic, Severity};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use web_sys::{Blob, DedicatedWorkerGlobalScope, File, Worker};

/// Rows of the people table sent at a time.
pub const ROWS_PAGE: usize = 100;

/// Findings the worker keeps per file for the page to scroll through; the JSON report lists
/// the first [`planos_core::report::DEFAULT_LIMIT`], as the CLI does.
pub const FINDINGS_KEPT: usize = 1_000_000;

/// Rows of a list file shown as a preview.
pub const PREVIEW_ROWS: usize = 4;

/// Rows of each list a build outcome carries to the page.
pub const BUILD_LISTED: usize = 1000;

/// What the page asks of the worker.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub enum ToWorker {
    /// Check these files; when done, what the worker held of the last check is replaced.
    Check {
        #[serde(with = "files")]
        files: Vec<File>,
        /// The certificates (DER) the user added to the trusted certification authorities, on
        /// top of the accredited ones planos ships.
        trusted: Vec<Vec<u8>>,
        /// The reference tables the user updated, as kept ([`planos_co::reference::export::Export::saved`]).
        tables: Vec<Vec<u8>>,
    },
    /// One page of the people of file `file`, filtered.
    Rows {
        file: u32,
        filter: RowFilter,
        search: String,
        page: u32,
    },
    /// Findings `offset..offset + count` of file `file` in reading order, those the filter keeps.
    Findings {
        file: u32,
        filter: FindingsFilter,
        offset: u32,
        count: u32,
    },
    /// The list file of `builder`: the worker reads it, keeps its table and answers with a
    /// [`FromWorker::Table`].
    Table {
        builder: Builder,
        #[serde(with = "serde_wasm_bindgen::preserve")]
        file: File,
    },
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
        regimen: Regimen,
        mapping: Vec<Option<u32>>,
        drop_refused: bool,
    },
    /// The safe repairs of checked file `file` (a flat file).
    Repair { file: u32 },
    /// A file to save, which the worker makes: the answer is a [`FromWorker::Save`] (none when
    /// there is nothing to save, as a build that made no file).
    Download(Download),
    /// Open the entity's `.p12` (the `File` itself) with its password, to sign `what`: the
    /// worker checks the certificate may sign now and answers with who would sign
    /// ([`FromWorker::SignReady`]), holding the opened certificate (never the password) until
    /// [`ToWorker::SignConfirm`] or [`ToWorker::SignCancel`], a new check or another `Sign`.
    Sign {
        what: Signable,
        #[serde(with = "serde_wasm_bindgen::preserve")]
        p12: File,
        password: String,
    },
    /// Sign `what` with the certificate the last `Sign` opened for it, then drop it: the answer
    /// is a [`FromWorker::Signed`].
    SignConfirm { what: Signable },
    /// Drop the certificate the last `Sign` opened, unused.
    SignCancel,
}

/// What can be signed: a valid checked file, a file a builder made, a repaired file.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signable {
    /// Checked file `file` (its browser `File`, read again in slices).
    Checked { file: u32 },
    /// The file the builder last built.
    Built(Builder),
    /// The repaired file `file`.
    Repaired { file: u32 },
}

/// The files the page downloads, all made by the worker.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download {
    /// The report of every file as the CLI prints it.
    Report(ReportFormat),
    /// The people of answer `file`.
    People { file: u32, format: PeopleFormat },
    /// The file the builder last built.
    Built(Builder),
    /// The repaired file `file`.
    Repaired { file: u32 },
}

/// The report's formats, as `planos check --format` prints them.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
    Csv,
}

/// The formats of an answer's table of people.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeopleFormat {
    Csv,
    Xlsx,
}

/// Which of a file's findings a window shows: those of `code` and of `severity`, each when
/// given.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
pub struct FindingsFilter {
    pub code: Option<String>,
    pub severity: Option<Severity>,
}

/// The builders, each with its own list file and its own last file built.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builder {
    Smcs,
    Rnse,
}

/// The entity's régimen in a denied-services report (field 8 of its control record).
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Regimen {
    /// Contributivo.
    #[default]
    Rc,
    /// Subsidiado.
    Rs,
}

impl Regimen {
    /// As the annex writes it.
    pub fn code(self) -> &'static str {
        match self {
            Regimen::Rc => "RC",
            Regimen::Rs => "RS",
        }
    }

    pub fn from_code(code: &str) -> Self {
        if code == "RS" {
            Regimen::Rs
        } else {
            Regimen::Rc
        }
    }
}

/// What the worker tells the page.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub enum FromWorker {
    /// The worker's wasm is running, warmed up, and it takes files.
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
    /// `kept` says how many findings the worker holds per file, `lines`, per file, where
    /// each code's findings are, and `repairable` whether "Corregir" is offered.
    Done {
        json: String,
        kept: Vec<u64>,
        lines: Vec<Vec<CodeLines>>,
        /// Per file: whether "Corregir" has something to correct in it.
        repairable: Vec<bool>,
    },
    /// The browser could not read a file.
    Failed { message: String },
    /// A page of people: `total` rows pass the filter.
    Rows(RowsPage),
    /// A window of findings.
    Findings(FindingsPage),
    /// What the worker read of a list file.
    Table(TablePreview),
    /// What a supervivencia query build made.
    Built(BuildOutcome),
    /// What a denied-services report build made.
    BuiltRnse(RnseOutcome),
    /// What "Corregir" did to checked file `file`, or why it could not.
    Repaired {
        file: u32,
        outcome: Result<RepairOutcome, String>,
    },
    /// A file for the user to save.
    Save(Saved),
    /// Who would sign `what` with the certificate just opened, or why it cannot sign.
    SignReady {
        what: Signable,
        outcome: Result<Signer, String>,
    },
    /// What signing `what` did: who signed and the `.p7z` to save, or why it could not sign.
    Signed {
        what: Signable,
        outcome: Result<Signing, String>,
    },
}

/// Who a certificate names (as [`planos_sign::Holder::describe`] says it), for how long it is
/// valid, and a warning when it expires soon.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Signer {
    pub signer: String,
    pub validity: String,
    pub warning: Option<String>,
}

/// A file signed: who signed (as the certificate says), for how long the certificate is valid,
/// a warning (it expires soon), and the `.p7z` (`header ‖ content ‖ trailer`) to save as `name`.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Signing {
    pub signer: String,
    pub validity: String,
    pub warning: Option<String>,
    pub name: String,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub blob: Blob,
}

/// A file the worker made for the page to save, under `name`.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub struct Saved {
    pub name: String,
    pub made: Made,
}

/// A download's bytes, or why they could not be made.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub enum Made {
    /// The file, with its media type: the page saves it as it is.
    File(#[serde(with = "serde_wasm_bindgen::preserve")] Blob),
    Failed(String),
}

/// Where a file's findings of one code are: the first [`CODE_LINES`] lines (0 is the file's
/// name) in reading order, each once, and whether the code is found on other lines too.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct CodeLines {
    pub code: String,
    pub lines: Vec<u64>,
    pub more: bool,
}

/// Lines of each code the page is told of.
pub const CODE_LINES: usize = 5;

/// A window of a file's findings: `total` pass the filter; `rows` start at `offset`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct FindingsPage {
    pub file: u32,
    pub filter: FindingsFilter,
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

/// A builder's list file: its name, and what was read of it or why it could not be read.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct TablePreview {
    pub builder: Builder,
    pub name: String,
    pub read: Result<ListTable, String>,
}

/// What the worker read of a list file: its size, its columns, its first rows, and which
/// column it takes for each field (the query's type and number; the report's fields 0…22).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct ListTable {
    pub rows: u64,
    pub labels: Vec<String>,
    /// Each column's title, folded, to remember a mapping by.
    pub titles: Vec<String>,
    /// The first [`PREVIEW_ROWS`] rows.
    pub preview: Vec<Vec<String>>,
    pub guess: Vec<Option<u32>>,
}

/// What the page shows of a supervivencia query build; the worker keeps the file until it is
/// saved.
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
    /// Whether the repeated documents were left out of the file built.
    pub dropped_repeated: bool,
    /// Milliseconds the build took in the worker.
    pub millis: f64,
}

/// What the page shows of a denied-services report build; the worker keeps the file.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct RnseOutcome {
    /// The file's name, when it was built.
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
    /// What the list may mean other than the annex does (a sex column with F).
    pub cautions: Vec<String>,
    pub millis: f64,
}

/// What "Corregir" did to a file, for the page; the worker keeps the repaired bytes.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct RepairOutcome {
    /// The repaired file's name (its content may imply another name than the original's).
    pub name: String,
    /// Each fix: what it does, how often, and examples.
    pub applied: Vec<(String, u64, Vec<String>)>,
    /// The check of the repaired file: errors left, and what they are (by code, with lines
    /// and what to do).
    pub errors_left: u64,
    pub left: Vec<planos_core::report::Problem>,
}

impl ToWorker {
    /// Posts the message to the worker.
    pub fn post(&self, worker: &Worker) {
        if let Ok(v) = serde_wasm_bindgen::to_value(self) {
            let _ = worker.post_message(&v);
        }
    }

    /// The message the worker received, if `data` is one.
    pub fn read(data: JsValue) -> Option<Self> {
        serde_wasm_bindgen::from_value(data).ok()
    }
}

impl FromWorker {
    /// Posts the message to the page, from the worker.
    pub fn post(&self, scope: &DedicatedWorkerGlobalScope) {
        if let Ok(v) = serde_wasm_bindgen::to_value(self) {
            let _ = scope.post_message(&v);
        }
    }

    /// The message the page received, if `data` is one.
    pub fn read(data: JsValue) -> Option<Self> {
        serde_wasm_bindgen::from_value(data).ok()
    }
}

/// A list of `File`s as one JavaScript array of the objects themselves (see the module's
/// contract); reading it, anything in the array that is not a `File` is refused.
mod files {
    use serde::de::Error;
    use serde::{Deserializer, Serializer};
    use serde_wasm_bindgen::preserve;
    use wasm_bindgen::JsCast;
    use web_sys::File;

    pub fn serialize<S: Serializer>(files: &[File], s: S) -> Result<S::Ok, S::Error> {
        preserve::serialize(&files.iter().collect::<js_sys::Array>(), s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<File>, D::Error> {
        let array: js_sys::Array = preserve::deserialize(d)?;
        array
            .iter()
            .map(|v| v.dyn_into::<File>().map_err(|_| D::Error::custom("no es un archivo")))
            .collect()
    }
}
