//! The worker's side of "Corregir": the last check's `File`s, kept to read them again, and the
//! repaired bytes of each, kept until the page saves them ([`super::downloads`]). Contract:
//! files are numbered as the check's report numbers them; a repair replaces the file's last
//! one; a new check replaces them all.

use crate::protocol::RepairOutcome;
use crate::reader::why;
use wasm_bindgen::JsValue;
use web_sys::{File, FileReaderSync};

#[derive(Default)]
pub struct Repairs {
    files: Vec<File>,
    /// Each file's repaired name and bytes, once repaired.
    repaired: Vec<Option<(String, Vec<u8>)>>,
}

impl Repairs {
    /// The files a check read, none repaired yet.
    pub fn new(files: Vec<File>) -> Self {
        Repairs {
            repaired: vec![None; files.len()],
            files,
        }
    }

    /// Repairs checked file `file` (read again from the browser's `File`), keeps the result and
    /// says what was done, or why it could not.
    pub fn repair(&mut self, file: u32) -> Result<RepairOutcome, String> {
        let f = self
            .files
            .get(file as usize)
            .ok_or("el archivo ya no está: revíselo de nuevo")?;
        let unreadable = |e: JsValue| format!("el navegador no pudo leer el archivo: {}", why(&e));
        let reader = FileReaderSync::new().map_err(unreadable)?;
        let buffer = reader.read_as_array_buffer(f).map_err(unreadable)?;
        let bytes = js_sys::Uint8Array::new(&buffer.into()).to_vec();
        let r = planos_co::repair::repair(&f.name(), &bytes).ok_or_else(|| {
            let why = planos_co::repair::refusal(&f.name()).unwrap_or("planos no corrige este tipo de archivo");
            format!("el archivo {why}")
        })?;
        // The first findings are enough to say where each kind is; the counts stay exact.
        let after = planos_co::check_bytes(&r.name, &r.bytes, 1000);
        let outcome = RepairOutcome {
            name: r.name.clone(),
            applied: r
                .applied
                .iter()
                .map(|a| (a.fix.label().to_string(), a.count, a.examples.clone()))
                .collect(),
            errors_left: after.error_count,
            left: after.problems(5),
        };
        if let Some(slot) = self.repaired.get_mut(file as usize) {
            *slot = Some((r.name, r.bytes));
        }
        Ok(outcome)
    }

    /// Checked file `file`, as the browser gave it.
    pub fn checked(&self, file: u32) -> Option<&File> {
        self.files.get(file as usize)
    }

    /// The repaired file `file`, its name and bytes, once repaired.
    pub fn repaired(&self, file: u32) -> Option<(&str, &[u8])> {
        let (name, bytes) = self.repaired.get(file as usize)?.as_ref()?;
        Some((name, bytes))
    }
}
