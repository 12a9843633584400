//! The Web Worker: reads the files through `FileReaderSync` and runs the same driver as the
//! CLI ([`crate::check::check_files`]), posting progress as it goes. It keeps the people of the
//! answers it checked, so the page can page through a million of them without holding them.

use super::protocol::{FromWorker, RowsPage, ToWorker, ROWS_PAGE, XLSX_MESSAGE};
use crate::check::{check_files, Input, Options};
use crate::formats::people::{rows_csv, rows_xlsx, PersonRow};
use crate::report::{Report, DEFAULT_LIMIT};
use std::cell::RefCell;
use std::io::{Read, Seek, SeekFrom};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

/// People an Excel workbook made in the browser may hold: the writer keeps every cell in memory
/// (about 1.8 KB a person), and a tab's memory is limited.
const XLSX_PAGE_MAX: usize = 250_000;

/// Bytes read at a time from flat files: large enough to be fast, small enough to keep memory flat.
const CHUNK: usize = 8 << 20;

pub fn run(scope: DedicatedWorkerGlobalScope) {
    let me = scope.clone();
    let people: Rc<RefCell<Vec<Vec<PersonRow>>>> = Rc::default();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        if data.is_array() {
            let msg = match check_all(&me, data.unchecked_ref()) {
                Ok(mut report) => {
                    *people.borrow_mut() = report
                        .files
                        .iter_mut()
                        .map(|f| f.people.take().unwrap_or_default())
                        .collect();
                    FromWorker::Done { json: report.to_json() }
                }
                Err(message) => FromWorker::Failed {
                    message: format!("El navegador no pudo leer el archivo: {message}"),
                },
            };
            post(&me, &msg);
            return;
        }
        let Ok(request) = serde_wasm_bindgen::from_value::<ToWorker>(data) else {
            return;
        };
        let people = people.borrow();
        let rows_of = |file: u32| people.get(file as usize).map(Vec::as_slice).unwrap_or_default();
        let msg = match request {
            ToWorker::Rows {
                file,
                filter,
                search,
                page,
            } => {
                let search = search.trim().to_uppercase();
                let kept = rows_of(file).iter().filter(|r| filter.keeps(r, &search));
                let total = kept.clone().count() as u64;
                let rows = kept.skip(page as usize * ROWS_PAGE).take(ROWS_PAGE).cloned().collect();
                FromWorker::Rows(RowsPage {
                    file,
                    page,
                    total,
                    rows,
                })
            }
            ToWorker::Csv { file } => FromWorker::Csv {
                file,
                text: rows_csv(rows_of(file)),
            },
            ToWorker::Xlsx { file } => {
                let _ = me.post_message(&xlsx_message(file, rows_of(file)));
                return;
            }
        };
        post(&me, &msg);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    post(&scope, &FromWorker::Ready);
}

/// `{type: "xlsx", file, blob}`, or `{type: "xlsx", file, error}` when the workbook cannot be made.
fn xlsx_message(file: u32, rows: &[PersonRow]) -> JsValue {
    let msg = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&msg, &k.into(), v);
    };
    set("type", &XLSX_MESSAGE.into());
    set("file", &file.into());
    let made = if rows.len() > XLSX_PAGE_MAX {
        Err(format!(
            "en el navegador el Excel se limita a {XLSX_PAGE_MAX} personas y esta respuesta tiene {}; descargue el CSV, que Excel también abre",
            rows.len()
        ))
    } else {
        rows_xlsx(rows)
    };
    match made {
        Ok(bytes) => {
            let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
            let options = web_sys::BlobPropertyBag::new();
            options.set_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            match web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) {
                Ok(blob) => set("blob", &blob),
                Err(_) => set("error", &"el navegador no pudo crear el archivo".into()),
            }
        }
        Err(e) => set("error", &e.into()),
    }
    msg.into()
}

fn post(scope: &DedicatedWorkerGlobalScope, msg: &FromWorker) {
    if let Ok(v) = serde_wasm_bindgen::to_value(msg) {
        let _ = scope.post_message(&v);
    }
}

fn check_all(scope: &DedicatedWorkerGlobalScope, files: &js_sys::Array) -> Result<Report, String> {
    let reader = FileReaderSync::new().map_err(|e| format!("{e:?}"))?;
    let mut inputs = Vec::new();
    for value in files.iter() {
        let file: File = value.dyn_into().map_err(|_| "no es un archivo".to_string())?;
        let size = file.size() as u64;
        inputs.push(Input {
            path: file.name(),
            size,
            source: Box::new(FileSource {
                reader: &reader,
                file,
                pos: 0,
                size,
            }),
        });
    }
    let opts = Options {
        limit: DEFAULT_LIMIT,
        chunk: CHUNK,
        query: None,
        people: true,
    };
    check_files(inputs, &opts, &mut |p| {
        let msg = FromWorker::Progress {
            file: p.file as u32,
            files: p.files as u32,
            name: crate::flat::base_name(p.name).to_string(),
            done: p.done as f64,
            total: p.total as f64,
        };
        post(scope, &msg);
    })
    .map_err(|e| e.to_string())
}

/// A browser `File` read with random access, a slice at a time.
struct FileSource<'a> {
    reader: &'a FileReaderSync,
    file: File,
    pos: u64,
    size: u64,
}

impl Read for FileSource<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let end = self.size.min(self.pos + buf.len() as u64);
        if end <= self.pos {
            return Ok(0);
        }
        let blob = self
            .file
            .slice_with_f64_and_f64(self.pos as f64, end as f64)
            .map_err(js_error)?;
        let bytes = self.reader.read_as_array_buffer(&blob).map_err(js_error)?;
        let view = js_sys::Uint8Array::new(&bytes);
        let n = (view.length() as usize).min(buf.len());
        view.subarray(0, n as u32).copy_to(&mut buf[..n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for FileSource<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.size.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = pos.ok_or_else(|| std::io::Error::other("posición fuera del archivo"))?;
        Ok(self.pos)
    }
}

fn js_error(e: JsValue) -> std::io::Error {
    std::io::Error::other(e.as_string().unwrap_or_else(|| format!("{e:?}")))
}
