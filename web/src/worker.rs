//! The Web Worker: takes the steps of the CLI's check ([`planos_co::check::Run`]), reading flat
//! files ahead on a helper worker ([`super::reader`]) and archives through `FileReaderSync`,
//! posting progress as it goes. It keeps the findings (up to a million per file) and the people of the answers
//! it checked, so the page can scroll through a million of either without holding them; it
//! makes the downloads.

use super::protocol::{
    FindingsPage, FromWorker, RepairOutcome, RowsPage, ToWorker, BLOB_MESSAGE, FINDINGS_KEPT, ROWS_PAGE, TABLE_MESSAGE,
};
use super::reader::{why, Reader};
use super::worker_build::Builders;
use planos_co::check::{Checked, Input, Options, Progress, Run};
use planos_co::formats::people::{rows_csv, rows_xlsx, PersonRow};
use planos_core::report::{FileReport, Report, Severity, DEFAULT_LIMIT};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{Read, Seek, SeekFrom};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

/// Bytes read at a time from flat files, the next slice while one is checked. On the 1M-record
/// query (tests/e2e/bench.mjs, best of 7): 8 MiB 160–182 ms, 2 MiB 147–154 ms, 1 MiB 142–205 ms.
const CHUNK: usize = 2 << 20;
/// Slices asked for ahead of the one being checked, so the reader always has one to read.
const AHEAD: usize = 2;

/// What the worker holds after a check, for the page to ask about.
#[derive(Default)]
struct Held {
    /// The reports, their people taken out, their findings kept (not listed).
    reports: Vec<FileReport>,
    people: Vec<Vec<PersonRow>>,
    /// The last filtered reading order asked for: (file, code, severity) and the positions.
    filtered: Option<((u32, String, String), Vec<u32>)>,
    /// The builders' list files and the files they built.
    builders: Builders,
    /// The files last checked, to repair them on request, and the repairs made.
    files: Vec<File>,
    repaired: Vec<Option<(String, Vec<u8>)>>,
}

impl Held {
    /// Positions of file `file`'s findings in reading order that pass the filter.
    fn order(&mut self, file: u32, code: &str, severity: &str) -> &[u32] {
        let key = (file, code.to_string(), severity.to_string());
        if self.filtered.as_ref().is_none_or(|(k, _)| *k != key) {
            let findings = self.reports.get(file as usize).map(|r| &r.findings);
            let order = findings.map_or_else(Vec::new, |f| {
                let keep = |i: &u32| {
                    f.kind(*i as usize).is_some_and(|(c, s)| {
                        (code.is_empty() || c == code)
                            && match severity {
                                "error" => s == Severity::Error,
                                "warning" => s == Severity::Warning,
                                _ => true,
                            }
                    })
                };
                f.reading_order(usize::MAX).into_iter().filter(keep).collect()
            });
            self.filtered = Some((key, order));
        }
        self.filtered.as_ref().map_or(&[], |(_, o)| o.as_slice())
    }

    /// Keeps a finished check's findings and people; what the page is told of it.
    fn keep(&mut self, array: &js_sys::Array, checked: Checked) -> FromWorker {
        let builders = std::mem::take(&mut self.builders);
        let files: Vec<File> = array.iter().filter_map(|f| f.dyn_into().ok()).collect();
        *self = Held {
            builders,
            repaired: vec![None; files.len()],
            files,
            ..Held::default()
        };
        let mut light = Report::default();
        let mut kept = Vec::new();
        for (mut f, people) in checked.report.files.into_iter().zip(checked.people) {
            self.people.push(people.unwrap_or_default());
            kept.push(f.findings.len() as u64);
            light.files.push(f.listed(0));
            self.reports.push(f);
        }
        FromWorker::Done {
            json: light.to_json(),
            kept,
        }
    }

    /// The reports as the CLI prints them, with its default number of findings listed.
    fn report(&mut self) -> Report {
        Report {
            files: self.reports.iter_mut().map(|r| r.listed(DEFAULT_LIMIT)).collect(),
        }
    }
}

pub fn run(scope: DedicatedWorkerGlobalScope) {
    let me = scope.clone();
    let held: Rc<RefCell<Held>> = Rc::default();
    // Started with the worker, as the worker is with the page: ready when the first file comes.
    let reader: Option<Rc<Reader>> = Reader::new().ok().map(Rc::new);
    let warm_reader = reader.clone();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        if data.is_array() {
            let (me, held, reader) = (me.clone(), held.clone(), reader.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let array: js_sys::Array = data.unchecked_into();
                let msg = match check_all(&array, reader.as_deref(), &|m| post(&me, m)).await {
                    Ok(report) => held.borrow_mut().keep(&array, report),
                    Err(message) => FromWorker::Failed {
                        message: format!("El navegador no pudo leer el archivo: {message}"),
                    },
                };
                post(&me, &msg);
            });
            return;
        }
        if js_sys::Reflect::get(&data, &"type".into())
            .ok()
            .and_then(|t| t.as_string())
            .as_deref()
            == Some(TABLE_MESSAGE)
        {
            let preview = held.borrow_mut().builders.load(&data);
            post(&me, &FromWorker::Table(preview));
            return;
        }
        let Ok(request) = serde_wasm_bindgen::from_value::<ToWorker>(data) else {
            return;
        };
        let mut h = held.borrow_mut();
        let msg = match request {
            ToWorker::Rows {
                file,
                filter,
                search,
                page,
            } => {
                let search = search.trim().to_uppercase();
                let rows_of = h.people.get(file as usize).map(Vec::as_slice).unwrap_or_default();
                let kept = rows_of.iter().filter(|r| filter.keeps(r, &search));
                let total = kept.clone().count() as u64;
                let rows = kept.skip(page as usize * ROWS_PAGE).take(ROWS_PAGE).cloned().collect();
                FromWorker::Rows(RowsPage {
                    file,
                    page,
                    total,
                    rows,
                })
            }
            ToWorker::Csv { file } => FromWorker::Save {
                name: format!("personas-{}.csv", h.stem(file)),
                mime: "text/csv".into(),
                text: rows_csv(h.people.get(file as usize).map(Vec::as_slice).unwrap_or_default()),
            },
            ToWorker::Xlsx { file } => {
                let rows = h.people.get(file as usize).map(Vec::as_slice).unwrap_or_default();
                let name = format!("personas-{}.xlsx", h.stem(file));
                let made = rows_xlsx(rows, std::io::Cursor::new(Vec::new())).map(std::io::Cursor::into_inner);
                let _ = me.post_message(&blob_message(&name, made, XLSX_TYPE));
                return;
            }
            ToWorker::Findings {
                file,
                code,
                severity,
                offset,
                count,
            } => {
                let order = h.order(file, &code, &severity);
                let total = order.len() as u32;
                let window: Vec<u32> = order
                    .iter()
                    .skip(offset as usize)
                    .take(count.min(1000) as usize)
                    .copied()
                    .collect();
                let findings = h.reports.get(file as usize).map(|r| &r.findings);
                let rows = window.iter().filter_map(|&i| findings?.get(i as usize)).collect();
                FromWorker::Findings(FindingsPage {
                    file,
                    code,
                    severity,
                    offset,
                    total,
                    rows,
                })
            }
            ToWorker::BuildSmcs {
                nit,
                entity,
                date,
                start,
                end,
                list,
                columns,
                drop_refused,
                drop_repeated,
            } => {
                let header = (nit, entity, date, start, end);
                let choices = (drop_refused, drop_repeated);
                FromWorker::Built(h.builders.smcs(header, &list, columns, choices))
            }
            ToWorker::BuildRnse {
                nit,
                eps,
                start,
                end,
                regimen,
                mapping,
                drop_refused,
            } => FromWorker::BuiltRnse(h.builders.rnse((nit, eps, start, end, regimen), &mapping, drop_refused)),
            ToWorker::SaveBuilt { builder } => {
                if let Some((name, bytes)) = h.builders.built.get(&builder) {
                    let _ = me.post_message(&blob_message(name, Ok(bytes.clone()), FLAT_TYPE));
                }
                return;
            }
            ToWorker::Repair { file } => FromWorker::Repaired(h.repair(file).unwrap_or_else(|error| RepairOutcome {
                file,
                error: Some(error),
                ..RepairOutcome::default()
            })),
            ToWorker::SaveRepaired { file } => {
                if let Some(Some((name, bytes))) = h.repaired.get(file as usize) {
                    let _ = me.post_message(&blob_message(name, Ok(bytes.clone()), FLAT_TYPE));
                }
                return;
            }
            ToWorker::Report { format } => {
                let report = h.report();
                match format.as_str() {
                    "csv" => FromWorker::Save {
                        name: "informe-planos.csv".into(),
                        mime: "text/csv".into(),
                        text: report.to_csv(),
                    },
                    _ => FromWorker::Save {
                        name: "informe-planos.json".into(),
                        mime: "application/json".into(),
                        text: report.to_json(),
                    },
                }
            }
        };
        post(&me, &msg);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The browser compiles the handler when it first runs: 40 ms that the user's first file
    // paid (measured from the page's postMessage to the handler). An empty event, which the
    // handler ignores, pays them now.
    if let Ok(empty) = MessageEvent::new("message") {
        let handler: &js_sys::Function = onmessage.as_ref().unchecked_ref();
        let _ = handler.call1(&JsValue::NULL, &empty);
    }
    onmessage.forget();
    wasm_bindgen_futures::spawn_local(async move {
        warm_up(warm_reader.as_deref()).await;
        post(&scope, &FromWorker::Ready);
    });
}

/// Checks a valid query and denied-services report (3 MB and 2 MB) before the worker says it is
/// ready, made into files and read the way a user's are (the helper reads them, a slice at a
/// time). The browser first runs wasm with its baseline compiler and optimises the functions it
/// sees run often; without this the user's first file is checked slower than the next (15.5 MB
/// query: 393 ms, then 245 ms). With 20,000 and 4,000 records the engine still took 100–135 ms
/// on the first 1M-record query against 84 ms on the next; with these, 98–100 against 89–95.
/// Warming the reading too, and not only the engine, took the whole 1M-record query from
/// 138–166 ms to 129–142 (tests/e2e/bench.mjs, best of 5, three rounds each way). About 200 ms,
/// once per worker, while the page opens.
async fn warm_up(reader: Option<&Reader>) {
    const QUERY: &str = "RUA250SMCS20150601NI000860999123CO014-18.TXT";
    const RNSE: &str = "REC140RNSE20200131NI000860999123.TXT";
    let n = 200_000;
    let mut query = format!("1,014-18,2015-05-01,2015-05-31,{n},{QUERY}\r\n");
    for i in 0..n {
        query.push_str(&format!("2,CC,{}\r\n", 10_000_000 + i));
    }
    let n = 20_000;
    let mut rnse = format!("1|NI|860999123|EPS001|2020-01-01|2020-01-31|{n}|RC\r\n");
    for i in 1..=n {
        rnse.push_str(&format!(
            "2|{i}|EPS001|NI|900123456|110010123401|05001|CC|{}|RC|M|1980-05-17|1|J459|||M|ACIDO VALPROICO|1||1|101|\r\n",
            10_000_000 + i
        ));
    }
    let files = js_sys::Array::new();
    for (name, text) in [(QUERY, query), (RNSE, rnse)] {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(text.as_bytes()));
        if let Ok(file) = File::new_with_u8_array_sequence(&parts, name) {
            files.push(&file);
        }
    }
    let _ = check_all(&files, reader, &|_| {}).await;
}

impl Held {
    /// An answer's name without its extension, for the names of its downloads.
    fn stem(&self, file: u32) -> String {
        let name = self.reports.get(file as usize).map_or("respuesta", |r| r.path.as_str());
        let name = planos_core::names::base_name(name);
        name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string()
    }
}

/// The media type of the flat files planos builds and repairs.
const FLAT_TYPE: &str = "text/plain;charset=windows-1252";

/// The media type of an Excel workbook.
const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `{type: "blob", name, blob}`, or `{type: "blob", name, error}` when the file could not be made.
pub(super) fn blob_message(name: &str, made: Result<Vec<u8>, String>, mime: &str) -> JsValue {
    let msg = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&msg, &k.into(), v);
    };
    set("type", &BLOB_MESSAGE.into());
    set("name", &name.into());
    match made {
        Ok(bytes) => {
            let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
            let options = web_sys::BlobPropertyBag::new();
            options.set_type(mime);
            match web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) {
                Ok(blob) => set("blob", &blob),
                Err(_) => set("error", &"el navegador no pudo crear el archivo".into()),
            }
        }
        Err(e) => set("error", &e.into()),
    }
    msg.into()
}

impl Held {
    /// Repairs checked file `file` (read again from the browser's `File`), keeps the result and
    /// says what was done, or why it could not.
    fn repair(&mut self, file: u32) -> Result<RepairOutcome, String> {
        let f = self
            .files
            .get(file as usize)
            .ok_or("el archivo ya no está: revíselo de nuevo")?;
        let unreadable = |e: JsValue| format!("el navegador no pudo leer el archivo: {}", why(&e));
        let reader = FileReaderSync::new().map_err(unreadable)?;
        let buffer = reader.read_as_array_buffer(f).map_err(unreadable)?;
        let bytes = js_sys::Uint8Array::new(&buffer.into()).to_vec();
        let r = planos_co::repair::repair(&f.name(), &bytes).ok_or("planos no corrige este tipo de archivo")?;
        let after = planos_co::check_bytes(&r.name, &r.bytes, 0);
        let outcome = RepairOutcome {
            file,
            name: r.name.clone(),
            applied: r
                .applied
                .iter()
                .map(|a| (a.fix.label().to_string(), a.count, a.examples.clone()))
                .collect(),
            errors_left: after.error_count,
            codes_left: after.counts.keys().map(|c| c.to_string()).collect(),
            error: None,
        };
        if let Some(slot) = self.repaired.get_mut(file as usize) {
            *slot = Some((r.name, r.bytes));
        }
        Ok(outcome)
    }
}

fn post(scope: &DedicatedWorkerGlobalScope, msg: &FromWorker) {
    if let Ok(v) = serde_wasm_bindgen::to_value(msg) {
        let _ = scope.post_message(&v);
    }
}

/// Checks the files as [`planos_co::check::check_files`] does, but reads each flat file ahead: the
/// browser reads its next slice while the engine checks the one before.
async fn check_all(
    files: &js_sys::Array,
    reader: Option<&Reader>,
    post: &dyn Fn(&FromWorker),
) -> Result<Checked, String> {
    let sync = FileReaderSync::new().map_err(|e| why(&e))?;
    let mut handles = Vec::new();
    let mut inputs = Vec::new();
    for value in files.iter() {
        let file: File = value.dyn_into().map_err(|_| "no es un archivo".to_string())?;
        let size = file.size() as u64;
        handles.push(file.clone());
        inputs.push(Input {
            path: file.name(),
            size,
            source: Box::new(FileSource {
                reader: &sync,
                file,
                pos: 0,
                size,
            }),
        });
    }
    let opts = Options {
        limit: FINDINGS_KEPT,
        chunk: CHUNK,
        threads: 1,
        query: None,
        people: true,
        browse: true,
    };
    let count = handles.len();
    let mut progress = |p: Progress<'_>| {
        let msg = FromWorker::Progress {
            file: p.file as u32,
            files: p.files as u32,
            name: planos_core::names::base_name(p.name).to_string(),
            done: p.done as f64,
            total: p.total as f64,
        };
        post(&msg);
    };
    // The first flat file's first slices are asked for now: the helper reads them while the
    // formats are told apart. An answer archive is read another way, so not one named as such
    // (the files before it are all such archives, which `run.start` skips).
    let early = handles
        .iter()
        .position(|f| !planos_co::formats::by_name(&f.name()).is_some_and(|f| f.is_archive()));
    let mut first = early.map(|i| (i, Ahead::new(&handles[i], reader)));
    if let Some((_, ahead)) = first.as_mut() {
        ahead.fill().map_err(|e| why(&e))?;
    }
    let mut run = Run::new(inputs, &opts).map_err(|e| e.to_string())?;
    for (i, file) in handles.iter().enumerate() {
        let Some(mut job) = run.start(i) else { continue };
        let ahead = match first.take() {
            Some((at, ahead)) if at == i => ahead,
            _ => Ahead::new(file, reader),
        };
        let name = file.name();
        let mut tell = |done: u64| {
            progress(Progress {
                file: i,
                files: count,
                name: &name,
                done,
                total: file.size() as u64,
            })
        };
        read_ahead(ahead, &mut tell, &mut |chunk| job.feed(chunk))
            .await
            .map_err(|e| why(&e))?;
        run.end(i, job);
    }
    Ok(run.finish(&mut progress))
}

/// The slices of a file asked of the reader (the browser's own `Blob.arrayBuffer` without
/// one, or once the reader has failed) and not yet checked, and where the next one starts.
struct Ahead<'f> {
    file: &'f File,
    reader: Option<&'f Reader>,
    /// Each slice's start and end, and whether the reader was asked for it.
    asked: VecDeque<(f64, f64, bool, js_sys::Promise)>,
    from: f64,
}

impl<'f> Ahead<'f> {
    fn new(file: &'f File, reader: Option<&'f Reader>) -> Self {
        Ahead {
            file,
            reader,
            asked: VecDeque::new(),
            from: 0.0,
        }
    }

    /// Asks for slices of [`CHUNK`] bytes until [`AHEAD`] are waiting or the file is all asked for.
    fn fill(&mut self) -> Result<(), JsValue> {
        let size = self.file.size();
        while self.asked.len() < AHEAD && self.from < size {
            let (from, to) = (self.from, size.min(self.from + CHUNK as f64));
            let helper = self.reader.and_then(|r| r.read(self.file, from, to).ok());
            let by_helper = helper.is_some();
            let promise = match helper {
                Some(p) => p,
                None => self.own(from, to)?,
            };
            self.asked.push_back((from, to, by_helper, promise));
            self.from = to;
        }
        Ok(())
    }

    /// Bytes `from..to` read by this worker, the reader set aside for the rest of the file.
    fn own(&mut self, from: f64, to: f64) -> Result<js_sys::Promise, JsValue> {
        self.reader = None;
        Ok(self.file.slice_with_f64_and_f64(from, to)?.array_buffer())
    }
}

/// Feeds a file to `feed` a slice at a time, [`AHEAD`] slices asked for ahead of the one being
/// checked, so the browser reads the next while the engine checks one. A slice the reader
/// failed to read is read again by this worker, and so is the rest of the file.
async fn read_ahead(
    mut ahead: Ahead<'_>,
    tell: &mut dyn FnMut(u64),
    feed: &mut dyn FnMut(&[u8]),
) -> Result<(), JsValue> {
    let mut done = 0u64;
    tell(0);
    loop {
        ahead.fill()?;
        let Some((from, to, by_helper, pending)) = ahead.asked.pop_front() else {
            break;
        };
        let bytes = match JsFuture::from(pending).await {
            Err(_) if by_helper => JsFuture::from(ahead.own(from, to)?).await?,
            read => read?,
        };
        let view = js_sys::Uint8Array::new(&bytes);
        SLICE.with_borrow_mut(|buf| {
            buf.resize(view.length() as usize, 0);
            view.copy_to(buf);
            feed(buf);
            done += buf.len() as u64;
        });
        tell(done);
    }
    Ok(())
}

thread_local! {
    /// Where each slice is copied into wasm memory to be checked; kept from one check to the
    /// next, so no check waits for its memory to grow.
    static SLICE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
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
    std::io::Error::other(why(&e))
}
