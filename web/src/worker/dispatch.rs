//! The worker's message loop. Contract: each [`ToWorker`] gets at most one [`FromWorker`] in
//! answer, at once; a check posts its progress, then answers when it ends, and the page asks
//! nothing else meanwhile. All the worker holds is the [`Session`] here, which a new worker
//! starts empty.

use super::builders::Builders;
use super::repair::Repairs;
use super::sign::{self, Content};
use super::store::Store;
use super::{check, downloads};
use crate::protocol::{FromWorker, Signable, ToWorker};
use crate::reader::Reader;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Everything the worker holds.
#[derive(Default)]
struct Session {
    /// The last check's reports, findings and people.
    store: Store,
    /// The last check's files, to repair, and the repairs made.
    repairs: Repairs,
    /// The builders' list files and last files built, which a new check leaves as they are.
    builders: Builders,
    /// The certificate «Firmar» opened, and for what, until the user confirms or cancels.
    opened: Option<(Signable, planos_sign::Identity, crate::protocol::Signer)>,
}

/// The helper reader, started with the worker (as the worker is with the page), so it is
/// ready when the first file comes; `None` when it could not start.
type Helper = Option<Rc<Reader>>;

pub fn run(scope: DedicatedWorkerGlobalScope) {
    let me = scope.clone();
    let session: Rc<RefCell<Session>> = Rc::default();
    let reader: Helper = Reader::new().ok().map(Rc::new);
    let warm_reader = reader.clone();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if let Some(request) = ToWorker::read(e.data()) {
            answer(request, &me, &session, &reader);
        }
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
        check::warm_up(warm_reader.as_deref()).await;
        FromWorker::Ready.post(&scope);
    });
}

fn answer(request: ToWorker, me: &DedicatedWorkerGlobalScope, session: &Rc<RefCell<Session>>, reader: &Helper) {
    let mut s = session.borrow_mut();
    let msg = match request {
        ToWorker::Check { files, trusted, tables } => {
            // A certificate opened to sign the last check's files is of no use now.
            s.opened = None;
            // The check borrows the session only when it ends.
            drop(s);
            let (me, session, reader) = (me.clone(), session.clone(), reader.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let msg = match check::check(&files, &trusted, &tables, reader.as_deref(), &|m| m.post(&me)).await {
                    Ok(report) => {
                        let mut s = session.borrow_mut();
                        let (store, done) = Store::new(report);
                        s.store = store;
                        s.repairs = Repairs::new(files);
                        done
                    }
                    Err(why) => FromWorker::Failed {
                        message: format!("El navegador no pudo leer el archivo: {why}"),
                    },
                };
                msg.post(&me);
            });
            return;
        }
        ToWorker::Rows {
            file,
            filter,
            search,
            page,
        } => FromWorker::Rows(s.store.rows(file, filter, &search, page)),
        ToWorker::Findings {
            file,
            filter,
            offset,
            count,
        } => FromWorker::Findings(s.store.findings(file, filter, offset, count)),
        ToWorker::Table { builder, file } => FromWorker::Table(s.builders.load(builder, &file)),
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
            FromWorker::Built(s.builders.smcs(header, &list, columns, choices))
        }
        ToWorker::BuildRnse {
            nit,
            eps,
            start,
            end,
            regimen,
            mapping,
            drop_refused,
        } => FromWorker::BuiltRnse(s.builders.rnse((nit, eps, start, end, regimen), &mapping, drop_refused)),
        ToWorker::Repair { file } => FromWorker::Repaired {
            file,
            outcome: s.repairs.repair(file),
        },
        ToWorker::Download(what) => {
            let Session {
                store,
                repairs,
                builders,
                ..
            } = &mut *s;
            match downloads::make(what, store, builders, repairs) {
                Some(saved) => FromWorker::Save(saved),
                None => return,
            }
        }
        ToWorker::Sign { what, p12, password } => {
            s.opened = None;
            let outcome = sign::open(&p12, password).map(|(identity, signer)| {
                s.opened = Some((what, identity, signer.clone()));
                signer
            });
            FromWorker::SignReady { what, outcome }
        }
        ToWorker::SignCancel => {
            s.opened = None;
            return;
        }
        ToWorker::SignConfirm { what } => {
            let opened = s.opened.take().filter(|(w, _, _)| *w == what);
            let content = match what {
                Signable::Checked { file } => s
                    .repairs
                    .checked(file)
                    .filter(|_| s.store.valid(file))
                    .map(|f| (f.name(), Content::File(f))),
                Signable::Built(builder) => s
                    .builders
                    .built(builder)
                    .map(|(name, bytes)| (name.to_string(), Content::Bytes(bytes))),
                Signable::Repaired { file } => s
                    .repairs
                    .repaired(file)
                    .map(|(name, bytes)| (name.to_string(), Content::Bytes(bytes))),
            };
            let outcome = match (content, opened) {
                (Some((name, content)), Some((_, identity, signer))) => sign::sign(&name, content, identity, signer),
                (None, _) => Err("Ya no está el archivo que iba a firmar: revíselo o constrúyalo de nuevo".to_string()),
                (_, None) => {
                    Err("El certificado ya no está abierto: elíjalo y escriba su contraseña de nuevo".to_string())
                }
            };
            FromWorker::Signed { what, outcome }
        }
    };
    drop(s);
    msg.post(me);
}
