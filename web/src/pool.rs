//! The Web Worker, seen from the page: started with the page, fed the files the user picks,
//! asked about what it holds, and restarted ([`restart`]) on cancel, for a new check while one
//! runs, and by «Borrar todo». What it tells the page is kept in Leptos signals, [`Held`].

use super::download::save_blob;
use super::protocol::{
    BuildOutcome, Builder, CodeLines, FindingsPage, FromWorker, Made, RepairOutcome, RnseOutcome, RowsPage, Saved,
    Signable, Signer, TablePreview, ToWorker,
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

/// The finished check: the report to show (its findings stay in the worker), how many
/// findings the worker keeps per file, and where each file's codes are.
pub struct Outcome {
    pub report: Report,
    pub kept: Vec<u64>,
    pub lines: Vec<Vec<CodeLines>>,
    /// Per file: whether "Corregir" is offered ([`planos_co::repair::offered`]).
    pub repairable: Vec<bool>,
}

/// What the page was told of what the worker holds: the last check's report and the windows of
/// its findings and people, the builders' list files and outcomes, the repairs. It mirrors the
/// worker's state, so it goes when the worker does ([`Held::reset`]).
#[derive(Clone, Copy)]
pub struct Held {
    /// The last check's report.
    pub outcome: RwSignal<Option<Arc<Outcome>>, LocalStorage>,
    /// The window of findings and the page of people last sent, per file.
    pub findings: RwSignal<HashMap<u32, FindingsPage>>,
    pub people: RwSignal<HashMap<u32, RowsPage>>,
    /// What "Corregir" did, per file, or why it could not.
    pub repaired: RwSignal<HashMap<u32, Result<RepairOutcome, String>>>,
    /// What the worker read of each builder's list file (it holds the rows).
    pub tables: RwSignal<HashMap<Builder, TablePreview>>,
    /// What the last supervivencia query build made.
    pub built: RwSignal<Option<BuildOutcome>>,
    /// What the last denied-services report build made.
    pub built_rnse: RwSignal<Option<RnseOutcome>>,
    /// Where «Firmar» is for each file.
    pub signed: RwSignal<HashMap<Signable, SignState>>,
}

/// Where «Firmar» is for a file: the worker opening the certificate or signing; the
/// certificate open, who would sign shown and the user asked to confirm; signed (the `.p7z`
/// already saved); or why it could not.
#[derive(Clone, Debug, PartialEq)]
pub enum SignState {
    Working,
    Ready(Signer),
    Done(Signed),
    Failed(String),
}

/// A signature made, as the page shows it (the `.p7z` itself is saved, not kept).
#[derive(Clone, Debug, PartialEq)]
pub struct Signed {
    pub signer: String,
    pub validity: String,
    pub warning: Option<String>,
    pub name: String,
}

impl Held {
    pub fn new() -> Self {
        Held {
            outcome: RwSignal::new_local(None),
            findings: RwSignal::new(HashMap::new()),
            people: RwSignal::new(HashMap::new()),
            repaired: RwSignal::new(HashMap::new()),
            tables: RwSignal::new(HashMap::new()),
            built: RwSignal::new(None),
            built_rnse: RwSignal::new(None),
            signed: RwSignal::new(HashMap::new()),
        }
    }

    /// Forgets all of it, as the worker it mirrors ended. Every field is named here, so one
    /// added cannot be forgotten.
    fn reset(self) {
        let Held {
            outcome,
            findings,
            people,
            repaired,
            tables,
            built,
            built_rnse,
            signed,
        } = self;
        outcome.set(None);
        findings.set(HashMap::new());
        people.set(HashMap::new());
        repaired.set(HashMap::new());
        tables.set(HashMap::new());
        built.set(None);
        built_rnse.set(None);
        signed.set(HashMap::new());
    }

    /// A check's report, in place of the last check's results (the builders' stay, as they do
    /// in the worker).
    fn checked(self, outcome: Outcome) {
        self.findings.set(HashMap::new());
        self.people.set(HashMap::new());
        self.repaired.set(HashMap::new());
        self.signed.update(|m| m.retain(|w, _| matches!(w, Signable::Built(_))));
        self.outcome.set(Some(Arc::new(outcome)));
    }
}

/// The worker that checks files: started with the page, so every script is loaded before the
/// user drops a file, and replaced only by [`restart`].
pub struct Pool {
    job: Option<Job>,
    ready: bool,
    busy: bool,
    pending: Option<Vec<File>>,
    set_phase: WriteSignal<Phase>,
    set_ready: WriteSignal<bool>,
    held: Held,
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
pub fn start_pool(set_phase: WriteSignal<Phase>, set_ready: WriteSignal<bool>, held: Held) -> SharedPool {
    let pool = Rc::new(RefCell::new(Pool {
        job: None,
        ready: false,
        busy: false,
        pending: None,
        set_phase,
        set_ready,
        held,
    }));
    restart(&pool);
    pool
}

/// Ends the worker, if one runs, and starts a new one. This is how the worker's state is reset:
/// all it held goes with it (see [`crate::worker`]), and so does all the page was told of it
/// ([`Held::reset`]). The phase is the caller's to say.
pub fn restart(pool: &SharedPool) {
    let (set_phase, held) = {
        let mut p = pool.borrow_mut();
        p.job = None;
        p.ready = false;
        p.busy = false;
        p.set_ready.set(false);
        (p.set_phase, p.held)
    };
    held.reset();
    match spawn(pool.clone()) {
        Ok(job) => pool.borrow_mut().job = Some(job),
        Err(e) => set_phase.set(Phase::Failed(format!(
            "No se pudo iniciar la revisión: {}",
            super::reader::why(&e)
        ))),
    }
}

/// Asks the worker something (when it is ready and not checking; else nothing is asked).
pub fn ask(pool: &SharedPool, request: &ToWorker) {
    asked(pool, request);
}

/// [`ask`], saying whether it was asked.
pub fn asked(pool: &SharedPool, request: &ToWorker) -> bool {
    let p = pool.borrow();
    if let (true, false, Some(job)) = (p.ready, p.busy, p.job.as_ref()) {
        request.post(&job.worker);
        return true;
    }
    false
}

/// Sends the pending files when the worker is ready and idle.
fn dispatch(p: &mut Pool) {
    if !p.ready || p.busy {
        return;
    }
    if let (Some(files), Some(job)) = (p.pending.take(), p.job.as_ref()) {
        p.busy = true;
        let (trusted, tables) = (super::trust::stored(), super::tables::stored());
        ToWorker::Check { files, trusted, tables }.post(&job.worker);
    }
}

pub fn check_files(pool: &SharedPool, files: Vec<File>) {
    if files.is_empty() {
        return;
    }
    let busy = pool.borrow().busy;
    if busy {
        restart(pool);
    }
    let mut p = pool.borrow_mut();
    p.held.outcome.set(None);
    p.set_phase.set(Phase::Working {
        file: 0,
        files: files.len() as u32,
        name: files[0].name(),
        done: 0.0,
        total: 1.0,
    });
    p.pending = Some(files);
    dispatch(&mut p);
}

/// The worker's script: a blob of the page's own script (the wasm is not in it), which the page
/// left in `planosWorkerUrl` (tools/postbuild.mjs), so a worker starts without asking the
/// network.
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
    // Its first message, before the protocol's: the module this page compiled, which the
    // worker's script starts its wasm with (tools/postbuild.mjs), instead of decoding and
    // compiling the page's wasm again.
    worker.post_message(&wasm_bindgen::module())?;
    let (set_phase, held) = {
        let p = pool.borrow();
        (p.set_phase, p.held)
    };
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let Some(msg) = FromWorker::read(e.data()) else {
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
            FromWorker::Done {
                json,
                kept,
                lines,
                repairable,
            } => {
                pool.borrow_mut().busy = false;
                match serde_json::from_str::<Report>(&json) {
                    Ok(report) => {
                        held.checked(Outcome {
                            report,
                            kept,
                            lines,
                            repairable,
                        });
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
            FromWorker::Rows(page) => held.people.update(|m| {
                m.insert(page.file, page);
            }),
            FromWorker::Findings(page) => held.findings.update(|m| {
                m.insert(page.file, page);
            }),
            FromWorker::Table(preview) => held.tables.update(|m| {
                m.insert(preview.builder, preview);
            }),
            FromWorker::Built(outcome) => {
                held.signed.update(|m| drop(m.remove(&Signable::Built(Builder::Smcs))));
                held.built.set(Some(outcome))
            }
            FromWorker::BuiltRnse(outcome) => {
                held.signed.update(|m| drop(m.remove(&Signable::Built(Builder::Rnse))));
                held.built_rnse.set(Some(outcome))
            }
            FromWorker::Repaired { file, outcome } => {
                held.signed.update(|m| drop(m.remove(&Signable::Repaired { file })));
                held.repaired.update(|m| {
                    m.insert(file, outcome);
                })
            }
            FromWorker::SignReady { what, outcome } => {
                let state = match outcome {
                    Ok(signer) => SignState::Ready(signer),
                    Err(why) => SignState::Failed(why),
                };
                held.signed.update(|m| {
                    m.insert(what, state);
                })
            }
            FromWorker::Signed { what, outcome } => {
                let state = match outcome {
                    Ok(s) => {
                        save_blob(&s.name, &s.blob);
                        SignState::Done(Signed {
                            signer: s.signer,
                            validity: s.validity,
                            warning: s.warning,
                            name: s.name,
                        })
                    }
                    Err(why) => SignState::Failed(why),
                };
                held.signed.update(|m| {
                    m.insert(what, state);
                })
            }
            FromWorker::Save(Saved { name, made }) => match made {
                Made::File(blob) => save_blob(&name, &blob),
                Made::Failed(why) => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.alert_with_message(&format!("No se pudo crear «{name}»: {why}."));
                    }
                }
            },
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

/// What the page's parts that talk to the worker need: the worker, and what it told the page
/// of what it holds.
#[derive(Clone, Copy)]
pub struct WorkerCtx {
    pub pool: StoredValue<SharedPool, LocalStorage>,
    pub held: Held,
}
