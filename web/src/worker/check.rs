//! A check in the worker: the steps of [`planos_co::check::Run`], as the CLI's
//! [`planos_co::check::check_files`] takes them, over browser `File`s. Flat files are fed through
//! [`super::ahead`]; archives are read with random access ([`FileSource`], `FileReaderSync`).
//! Contract: the report is the CLI's for the same files; progress goes to `post` as
//! [`FromWorker::Progress`]; an error is a file the browser could not read, in words a user can
//! act on ([`why`]).

use super::ahead::{Ahead, CHUNK};
use crate::protocol::{FromWorker, FINDINGS_KEPT};
use crate::reader::{why, Reader};
use planos_co::check::{Checked, Input, Options, Progress, Run};
use planos_co::formats::by_name;
use planos_co::reference::Tables;
use std::io::{Read, Seek, SeekFrom};
use wasm_bindgen::JsValue;
use web_sys::{File, FileReaderSync};

/// Checks the files as [`planos_co::check::check_files`] does, but reads each flat file ahead: the
/// browser reads its next slice while the engine checks the one before.
pub async fn check(
    files: &[File],
    trusted: &[Vec<u8>],
    tables: &[Vec<u8>],
    reader: Option<&Reader>,
    post: &dyn Fn(&FromWorker),
) -> Result<Checked, String> {
    let sync = FileReaderSync::new().map_err(|e| why(&e))?;
    let inputs = files
        .iter()
        .map(|file| {
            let size = file.size() as u64;
            Input {
                path: file.name(),
                size,
                source: Box::new(FileSource {
                    reader: &sync,
                    file: file.clone(),
                    pos: 0,
                    size,
                }),
            }
        })
        .collect();
    // The browser's clock, the accredited roots with those the user added, and the reference
    // tables with those the user updated.
    let opts = Options {
        chunk: CHUNK,
        people: true,
        trust: std::sync::Arc::new(super::sign::trust_store(trusted)),
        tables: Tables::with_saved(tables.iter().map(Vec::as_slice)),
        ..Options::new(FINDINGS_KEPT, super::sign::now())
    };
    let mut progress = |p: Progress<'_>| {
        post(&FromWorker::Progress {
            file: p.file as u32,
            files: p.files as u32,
            name: planos_core::names::base_name(p.name).to_string(),
            done: p.done as f64,
            total: p.total as f64,
        })
    };
    // The first flat file's first slices are asked for now: the helper reads them while the
    // formats are told apart. An answer archive is read another way, so not one named as such
    // (the files before it are all such archives, which `run.start` skips).
    let early = files.iter().position(|f| {
        !by_name(&f.name()).is_some_and(|f| f.is_archive()) && !f.name().to_ascii_lowercase().ends_with(".p7z")
    });
    let mut first = early.map(|i| (i, Ahead::new(&files[i], reader)));
    if let Some((_, ahead)) = first.as_mut() {
        ahead.fill().map_err(|e| why(&e))?;
    }
    let mut run = Run::new(inputs, &opts).map_err(|e| e.to_string())?;
    for (i, file) in files.iter().enumerate() {
        let Some(mut job) = run.start(i) else { continue };
        if run.opened(i) {
            // A signed envelope's content is in memory, not in the file it came in.
            run.feed(i, &mut job, &mut progress).map_err(|e| e.to_string())?;
            run.end(i, job);
            continue;
        }
        let ahead = match first.take() {
            Some((at, ahead)) if at == i => ahead,
            _ => Ahead::new(file, reader),
        };
        let name = file.name();
        let mut tell = |done: u64| {
            progress(Progress {
                file: i,
                files: files.len(),
                name: &name,
                done,
                total: file.size() as u64,
            })
        };
        ahead
            .feed(&mut tell, &mut |chunk| job.feed(chunk))
            .await
            .map_err(|e| why(&e))?;
        run.end(i, job);
    }
    Ok(run.finish(&mut progress))
}

/// Checks a valid query and denied-services report (3 MB and 2 MB) before the worker says it is
/// ready, made into files and read the way a user's are (the helper reads them, a slice at a
/// time). The browser first runs wasm with its baseline compiler and optimises the functions it
/// sees run often; without this the user's first file is checked slower than the next (15.5 MB
/// query: 393 ms, then 245 ms). With 20,000 and 4,000 records the engine still took 100–135 ms
/// on the first 1M-record query against 84 ms on the next; with these, 98–100 against 89–95.
/// Warming the reading too, and not only the engine, took the whole 1M-record query from
/// 138–166 ms to 129–142 (tests/e2e/bench.mjs, best of 5, three rounds each way). About 200 ms,
/// once per worker, while the page opens. The files are written a piece at a time ([`decimal`]):
/// a `format!` per record took 100–160 ms of the worker's start on a busy machine, this 55–80
/// (the browser has not optimised either yet).
pub async fn warm_up(reader: Option<&Reader>) {
    const QUERY: &str = "RUA250SMCS20150601NI000860999123CO014-18.TXT";
    const RNSE: &str = "REC140RNSE20200131NI000860999123.TXT";
    let n: u32 = 200_000;
    let mut query = format!("1,014-18,2015-05-01,2015-05-31,{n},{QUERY}\r\n").into_bytes();
    for i in 0..n {
        query.extend_from_slice(b"2,CC,");
        decimal(&mut query, 10_000_000 + i);
        query.extend_from_slice(b"\r\n");
    }
    let n: u32 = 20_000;
    let mut rnse = format!("1|NI|860999123|EPS001|2020-01-01|2020-01-31|{n}|RC\r\n").into_bytes();
    for i in 1..=n {
        rnse.extend_from_slice(b"2|");
        decimal(&mut rnse, i);
        rnse.extend_from_slice(b"|EPS001|NI|900123456|110010123401|05001|CC|");
        decimal(&mut rnse, 10_000_000 + i);
        rnse.extend_from_slice(b"|RC|M|1980-05-17|1|J459|||M|ACIDO VALPROICO|1||1|101|\r\n");
    }
    let mut files = Vec::new();
    for (name, bytes) in [(QUERY, query), (RNSE, rnse)] {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
        if let Ok(file) = File::new_with_u8_array_sequence(&parts, name) {
            files.push(file);
        }
    }
    let _ = check(&files, &[], &[], reader, &|_| {}).await;
}

/// Writes `n` in decimal.
fn decimal(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
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
