//! Reading slices of a browser `File` on a helper worker of its own, so the browser reads the
//! next slices while the checking worker checks one. (Within one worker, `Blob.arrayBuffer`
//! hands its bytes over only while the worker is idle: on a 56 MB report the checking worker
//! still waited 81–107 ms for its reads, with one, two or three slices asked for ahead.)
//!
//! The two speak two typed messages, [`Ask`] and [`Answer`], made and read by
//! `serde_wasm_bindgen` as the page's and worker's are ([`super::protocol`]): the `File` and
//! the bytes' `ArrayBuffer` cross as the objects themselves, and the `ArrayBuffer` is
//! transferred (moved, not copied) by the helper, as the last argument of its `postMessage`.

use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, File, MessageEvent, Url, Worker};

/// The helper: reads the slice an [`Ask`] asks for and hands its bytes over (transferred, not
/// copied) in an [`Answer`] with the number of the request.
const SCRIPT: &str = "onmessage = (e) => { const m = e.data; \
try { const b = new FileReaderSync().readAsArrayBuffer(m.file.slice(m.from, m.to)); postMessage({ Read: { id: m.id, bytes: b } }, [b]); } \
catch (err) { postMessage({ Failed: { id: m.id, error: String(err) } }); } };";

/// A read asked of the helper: bytes `from..to` of `file`, request number `id`.
#[derive(Serialize)]
struct Ask {
    id: u32,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    file: File,
    from: f64,
    to: f64,
}

/// The helper's answer to request `id`: the bytes, or the browser's error as text.
#[derive(Deserialize)]
enum Answer {
    Read {
        id: u32,
        #[serde(with = "serde_wasm_bindgen::preserve")]
        bytes: js_sys::ArrayBuffer,
    },
    Failed {
        id: u32,
        error: String,
    },
}

/// Why a read asked of a helper that failed did not happen (the worker then reads it itself).
const STOPPED: &str = "el lector de archivos se detuvo";

/// The promises of the slices asked for, by request number: an answer to a request given up
/// (a check that failed half-way) settles only its own promise.
type Waiting = Rc<RefCell<HashMap<u32, (js_sys::Function, js_sys::Function)>>>;

/// A helper worker that reads slices of files.
pub struct Reader {
    worker: Worker,
    url: String,
    waiting: Waiting,
    /// Set when the helper reported an error (it may not have started): it is asked no more.
    failed: Rc<Cell<bool>>,
    next: Cell<u32>,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::Event)>,
}

impl Reader {
    /// Starts the helper from a blob of [`SCRIPT`] (the page's policy allows workers from blobs).
    pub fn new() -> Result<Self, JsValue> {
        let options = BlobPropertyBag::new();
        options.set_type("text/javascript");
        let blob = Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&SCRIPT.into()), &options)?;
        let url = Url::create_object_url_with_blob(&blob)?;
        let worker = Worker::new(&url)?;
        let waiting: Waiting = Rc::default();
        let answers = waiting.clone();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Ok(answer) = serde_wasm_bindgen::from_value::<Answer>(e.data()) else {
                return;
            };
            let id = match &answer {
                Answer::Read { id, .. } | Answer::Failed { id, .. } => *id,
            };
            let waiting = answers.borrow_mut().remove(&id);
            if let Some((resolve, reject)) = waiting {
                let _ = match answer {
                    Answer::Read { bytes, .. } => resolve.call1(&JsValue::NULL, &bytes),
                    Answer::Failed { error, .. } => reject.call1(&JsValue::NULL, &error.into()),
                };
            }
        });
        // A helper that cannot start (or dies) fails every read asked of it, and every read
        // asked after, so none waits forever.
        let failed = Rc::new(Cell::new(false));
        let (dead, pending) = (failed.clone(), waiting.clone());
        let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            dead.set(true);
            for (_, (_, reject)) in pending.borrow_mut().drain() {
                let _ = reject.call1(&JsValue::NULL, &STOPPED.into());
            }
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(Reader {
            worker,
            url,
            waiting,
            failed,
            next: Cell::new(0),
            _onmessage: onmessage,
            _onerror: onerror,
        })
    }

    /// Asks for bytes `from..to` of `file`: a promise of their `ArrayBuffer`; an error when
    /// the helper has failed.
    pub fn read(&self, file: &File, from: f64, to: f64) -> Result<js_sys::Promise, JsValue> {
        if self.failed.get() {
            return Err(STOPPED.into());
        }
        let id = self.next.get();
        self.next.set(id.wrapping_add(1));
        let ask = Ask {
            id,
            file: file.clone(),
            from,
            to,
        };
        let message = serde_wasm_bindgen::to_value(&ask)?;
        let waiting = self.waiting.clone();
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            waiting.borrow_mut().insert(id, (resolve, reject));
        });
        if let Err(e) = self.worker.post_message(&message) {
            self.waiting.borrow_mut().remove(&id);
            return Err(e);
        }
        Ok(promise)
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        self.worker.terminate();
        let _ = Url::revoke_object_url(&self.url);
    }
}

/// Why the browser could not read a file, in words a user can act on. The browser reads a file
/// as it was when it was chosen: one changed, moved or deleted since is the usual cause.
pub fn why(e: &JsValue) -> String {
    let text = e
        .as_string()
        .or_else(|| js_sys::Reflect::get(e, &"name".into()).ok()?.as_string())
        .unwrap_or_default();
    // The browser's errors are named "…Error" (as a DOMException's name, or at the start of
    // the helper's "NotReadableError: …"); any other text is one of planos' own messages.
    let kind = text.split(':').next().unwrap_or_default();
    match kind {
        "NotReadableError" | "NotFoundError" => {
            "el archivo cambió, se movió o se borró después de elegirlo; vuelva a elegirlo".to_string()
        }
        _ if kind.ends_with("Error") || text.is_empty() => format!("el navegador no dio el motivo ({kind})"),
        _ => text,
    }
}
