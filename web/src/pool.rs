//! The Web Worker that checks files, seen from the page: started with the page, fed the files
//! the user picks, and reporting progress and the result through Leptos signals.

use super::download::{save, save_blob};
use super::protocol::{
    BuildOutcome, Builder, FindingsPage, FromWorker, RepairOutcome, RnseOutcome, RowsPage, TablePreview, ToWorker,
    BLOB_MESSAGE, TABLE_MESSAGE,
};
use leptos::prelude::*;
use planos_core::report::Report;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use web_sys::{File, MessageEvent, Worker, WorkerOptions, WorkerType};

/// What the page shows about the check in progress.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    Working {
        file: u32,
        files: u32,
        name: String,
        done: f64,
        total: f64,
    },
    Done,
    Failed(String),
}

/// The finished check: the report to show (its findings stay in the worker) and how many
/// findings the worker keeps per file.
pub struct Outcome {
    pub report: Report,
    pub kept: Vec<u64>,
}

/// What the worker sent about a finished check, a window at a time, per file.
#[derive(Clone, Copy)]
pub struct Windows {
    pub people: RwSignal<HashMap<u32, RowsPage>>,
    pub findings: RwSignal<HashMap<u32, FindingsPage>>,
    /// What the last build made.
    pub built: RwSignal<Option<BuildOutcome>>,
    /// What "Corregir" did, per file.
    pub repaired: RwSignal<HashMap<u32, RepairOutcome>>,
    /// What the worker read of each builder's list file (it holds the rows).
    pub tables: RwSignal<HashMap<Builder, TablePreview>>,
    /// What the last denied-services report build made.
    pub built_rnse: RwSignal<Option<RnseOutcome>>,
}

impl Windows {
    pub fn new() -> Self {
        Windows {
            people: RwSignal::new(HashMap::new()),
            findings: RwSignal::new(HashMap::new()),
            built: RwSignal::new(None),
            repaired: RwSignal::new(HashMap::new()),
            tables: RwSignal::new(HashMap::new()),
            built_rnse: RwSignal::new(None),
        }
    }

    pub fn clear(&self) {
        self.people.set(HashMap::new());
        self.findings.set(HashMap::new());
        self.repaired.set(HashMap::new());
    }
}

/// The worker that checks files: started with the page, so every script is loaded before the
/// user drops a file, and replaced only when a check is cancelled.
pub struct Pool {
    job: Option<Job>,
    ready: bool,
    busy: bool,
    pending: Option<js_sys::Array>,
    set_phase: WriteSignal<Phase>,
    set_ready: WriteSignal<bool>,
    outcome: RwSignal<Option<Arc<Outcome>>, LocalStorage>,
    windows: Windows,
}

/// A running worker and its handlers, dropped together.
struct Job {
    worker: Worker,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

pub type SharedPool = Rc<RefCell<Pool>>;

/// Creates the pool and starts its first worker.
pub fn start_pool(
    set_phase: WriteSignal<Phase>,
    set_ready: WriteSignal<bool>,
    outcome: RwSignal<Option<Arc<Outcome>>, LocalStorage>,
    windows: Windows,
) -> SharedPool {
    let pool = Rc::new(RefCell::new(Pool {
        job: None,
        ready: false,
        busy: false,
        pending: None,
        set_phase,
        set_ready,
        outcome,
        windows,
    }));
    respawn(&pool);
    pool
}

/// Starts a fresh worker in the pool.
pub fn respawn(pool: &SharedPool) {
    let set_phase = {
        let mut p = pool.borrow_mut();
        p.job = None;
        // The list files the builders gave went with the old worker.
        p.windows.tables.set(HashMap::new());
        p.ready = false;
        p.busy = false;
        p.set_ready.set(false);
        p.set_phase
    };
    match spawn(pool.clone()) {
        Ok(job) => pool.borrow_mut().job = Some(job),
        Err(e) => set_phase.set(Phase::Failed(format!(
            "No se pudo iniciar la revisión: {}",
            super::reader::why(&e)
        ))),
    }
}

/// Asks the worker about the files it checked (when it is idle).
pub fn ask(pool: &SharedPool, request: &ToWorker) {
    let p = pool.borrow();
    if let (true, false, Some(job)) = (p.ready, p.busy, p.job.as_ref()) {
        if let Ok(v) = serde_wasm_bindgen::to_value(request) {
            let _ = job.worker.post_message(&v);
        }
    }
}

/// Gives `builder`'s list file to the worker, which reads it and answers with a preview.
pub fn send_table(pool: &SharedPool, builder: Builder, file: &File) {
    let p = pool.borrow();
    if let (true, false, Some(job)) = (p.ready, p.busy, p.job.as_ref()) {
        let msg = js_sys::Object::new();
        let name = if builder == Builder::Rnse { "rnse" } else { "smcs" };
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &TABLE_MESSAGE.into());
        let _ = js_sys::Reflect::set(&msg, &"builder".into(), &name.into());
        let _ = js_sys::Reflect::set(&msg, &"file".into(), file);
        let _ = job.worker.post_message(&msg);
    }
}

/// Sends the pending files when the worker is ready and idle.
fn dispatch(p: &mut Pool) {
    if !p.ready || p.busy {
        return;
    }
    if let (Some(files), Some(job)) = (p.pending.take(), p.job.as_ref()) {
        p.busy = true;
        let _ = job.worker.post_message(&files);
    }
}

pub fn check_files(pool: &SharedPool, files: Vec<File>) {
    if files.is_empty() {
        return;
    }
    let busy = pool.borrow().busy;
    if busy {
        respawn(pool);
    }
    let mut p = pool.borrow_mut();
    p.outcome.set(None);
    p.set_phase.set(Phase::Working {
        file: 0,
        files: files.len() as u32,
        name: files[0].name(),
        done: 0.0,
        total: 1.0,
    });
    p.pending = Some(files.iter().collect());
    dispatch(&mut p);
}

/// The worker's script: a blob of the page's own script, which the page left in
/// `planosWorkerUrl` (tools/postbuild.mjs), so a worker starts without asking the network.
fn worker_url() -> Result<String, JsValue> {
    js_sys::Reflect::get(&js_sys::global(), &"planosWorkerUrl".into())?
        .as_string()
        .ok_or_else(|| JsValue::from_str("la página no trae el script de su trabajador"))
}

/// Whether the page was opened from disk (the kept copy, `planos.html`): it needs no link to
/// download itself.
pub fn from_disk() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:")
}

fn spawn(pool: SharedPool) -> Result<Job, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Classic);
    let worker = Worker::new_with_options(&worker_url()?, &options)?;
    let (set_phase, outcome, windows) = {
        let p = pool.borrow();
        (p.set_phase, p.outcome, p.windows)
    };
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        let field = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
        if field("type").as_string().as_deref() == Some(BLOB_MESSAGE) {
            let name = field("name").as_string().unwrap_or_default();
            match field("blob").dyn_into::<web_sys::Blob>() {
                Ok(blob) => save_blob(&name, &blob),
                Err(_) => {
                    let why = field("error").as_string().unwrap_or_default();
                    if let Some(w) = web_sys::window() {
                        let _ = w.alert_with_message(&format!("No se pudo crear «{name}»: {why}."));
                    }
                }
            }
            return;
        }
        let Ok(msg) = serde_wasm_bindgen::from_value::<FromWorker>(data) else {
            return;
        };
        match msg {
            FromWorker::Ready => {
                let mut p = pool.borrow_mut();
                p.ready = true;
                p.set_ready.set(true);
                dispatch(&mut p);
            }
            FromWorker::Progress {
                file,
                files,
                name,
                done,
                total,
            } => set_phase.set(Phase::Working {
                file,
                files,
                name,
                done,
                total,
            }),
            FromWorker::Done { json, kept } => {
                pool.borrow_mut().busy = false;
                windows.clear();
                match serde_json::from_str::<Report>(&json) {
                    Ok(report) => {
                        outcome.set(Some(Arc::new(Outcome { report, kept })));
                        set_phase.set(Phase::Done);
                    }
                    Err(e) => set_phase.set(Phase::Failed(format!("Informe ilegible: {e}"))),
                }
                dispatch(&mut pool.borrow_mut());
            }
            FromWorker::Failed { message } => {
                pool.borrow_mut().busy = false;
                set_phase.set(Phase::Failed(message));
            }
            FromWorker::Rows(page) => windows.people.update(|m| {
                m.insert(page.file, page);
            }),
            FromWorker::Findings(page) => windows.findings.update(|m| {
                m.insert(page.file, page);
            }),
            FromWorker::Save { name, mime, text } => save(&name, &mime, &text),
            FromWorker::Built(outcome) => windows.built.set(Some(outcome)),
            FromWorker::BuiltRnse(outcome) => windows.built_rnse.set(Some(outcome)),
            FromWorker::Table(preview) => windows.tables.update(|m| {
                m.insert(preview.builder, preview);
            }),
            FromWorker::Repaired(outcome) => windows.repaired.update(|m| {
                m.insert(outcome.file, outcome);
            }),
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        set_phase.set(Phase::Failed(
            "La revisión se detuvo por un error interno. Recargue la página e intente de nuevo.".into(),
        ))
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    Ok(Job {
        worker,
        _onmessage: onmessage,
        _onerror: onerror,
    })
}
