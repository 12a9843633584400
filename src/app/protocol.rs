//! Messages from the worker to the page. The page sends the worker a plain array of `File`s.

use serde::{Deserialize, Serialize};

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
}
