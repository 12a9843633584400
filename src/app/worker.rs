//! The Web Worker: reads each file in chunks (`FileReaderSync`), feeds the engine, reports progress.

use super::protocol::FromWorker;
use crate::formats;
use crate::report::{FileReport, Report, DEFAULT_LIMIT};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

/// Bytes read at a time: large enough to be fast, small enough to keep memory flat.
const CHUNK: f64 = 8.0 * 1024.0 * 1024.0;

pub fn run(scope: DedicatedWorkerGlobalScope) {
    let me = scope.clone();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let files: js_sys::Array = e.data().unchecked_into();
        let msg = match check_all(&me, &files) {
            Ok(report) => FromWorker::Done { json: report.to_json() },
            Err(e) => FromWorker::Failed {
                message: format!(
                    "El navegador no pudo leer el archivo: {}",
                    e.as_string().unwrap_or_default()
                ),
            },
        };
        post(&me, &msg);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    post(&scope, &FromWorker::Ready);
}

fn post(scope: &DedicatedWorkerGlobalScope, msg: &FromWorker) {
    if let Ok(v) = serde_wasm_bindgen::to_value(msg) {
        let _ = scope.post_message(&v);
    }
}

fn check_all(scope: &DedicatedWorkerGlobalScope, files: &js_sys::Array) -> Result<Report, JsValue> {
    let reader = FileReaderSync::new()?;
    let count = files.length();
    let mut report = Report::default();
    for i in 0..count {
        let file: File = files.get(i).dyn_into()?;
        report.files.push(check_file(scope, &reader, &file, i, count)?);
    }
    Ok(report)
}

/// Reads bytes `start..end` of `file` into `into` (reused, so chunks cost no allocation).
fn read(reader: &FileReaderSync, file: &File, start: f64, end: f64, into: &mut Vec<u8>) -> Result<(), JsValue> {
    let blob = file.slice_with_f64_and_f64(start, end)?;
    let buf = reader.read_as_array_buffer(&blob)?;
    let view = js_sys::Uint8Array::new(&buf);
    into.resize(view.length() as usize, 0);
    view.copy_to(into);
    Ok(())
}

fn check_file(
    scope: &DedicatedWorkerGlobalScope,
    reader: &FileReaderSync,
    file: &File,
    index: u32,
    count: u32,
) -> Result<FileReport, JsValue> {
    let name = file.name();
    let total = file.size();
    let progress = |done: f64| {
        let msg = FromWorker::Progress {
            file: index,
            files: count,
            name: name.clone(),
            done,
            total,
        };
        post(scope, &msg);
    };
    progress(0.0);
    let mut chunk = Vec::new();
    read(reader, file, 0.0, total.min(CHUNK), &mut chunk)?;
    let Some(format) = formats::detect(&name, &chunk[..chunk.len().min(4096)]) else {
        return Ok(formats::unknown(&name));
    };
    let mut checker = format.checker(&name, DEFAULT_LIMIT);
    checker.feed(&chunk);
    let mut offset = chunk.len() as f64;
    while offset < total {
        progress(offset);
        let end = (offset + CHUNK).min(total);
        read(reader, file, offset, end, &mut chunk)?;
        if chunk.is_empty() {
            break;
        }
        checker.feed(&chunk);
        offset += chunk.len() as f64;
    }
    progress(total);
    Ok(checker.finish())
}
