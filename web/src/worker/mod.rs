//! The Web Worker: it checks the files the page gives it, keeps what the page may ask about,
//! builds files, repairs them and makes the downloads, so the page never freezes and a million
//! rows never cross to it. One job per module:
//!
//! - [`dispatch`]: the message loop, the one place a [`ToWorker`] is read and answered, and
//!   where everything the worker holds lives, as one `Session`.
//! - [`check`]: a check, as the steps of the CLI's [`planos_co::check::Run`] over browser `File`s
//!   (archives read with random access through `FileReaderSync`); the warm-up before `Ready`.
//! - [`ahead`]: read-ahead: each flat file in slices asked of the helper reader
//!   ([`super::reader`]) before they are needed, the first file's while formats are told apart.
//! - [`store`]: the last check's reports, findings and people, answered a window at a time.
//! - [`builders`]: the builders' list files and the files they last built.
//! - [`repair`]: "Corregir": the checked files read again, repaired, the repairs kept.
//! - [`downloads`]: every file the page saves, made here as a `Blob`.
//! - [`sign`]: «Firmar»: the entity's `.p12` opened for one signature, the `.p7z` made as a
//!   `Blob` around the content; and the certification authorities a check trusts.
//!
//! Resetting: the worker has no reset message. All it holds is its `Session` and the slice
//! buffer of [`ahead`]; «Borrar todo» ends the worker, and its helper reader with it
//! ([`super::pool::restart`]), and starts another, which begins empty. Freed memory is not
//! wiped in WebAssembly; a worker that ended leaves none behind.
//!
//! [`ToWorker`]: super::protocol::ToWorker

mod ahead;
mod builders;
mod check;
mod dispatch;
mod downloads;
mod repair;
mod sign;
mod store;

pub use dispatch::run;
