//! planos-core — the engine: pure functions over bytes, no I/O, no web types, no format.
//!
//! A file goes bytes → lines ([`text`], read 16 bytes at a time by [`scan`]) → records and
//! fields checked against a format's tables ([`rules`], [`flat`], names by [`names`]) → findings
//! in a [`report::Sink`] → a [`report::FileReport`]. A format is data given to these from
//! outside (Colombia's in `planos-co`); this crate never names one.

pub mod archive;
pub mod catalogue;
pub mod checker;
mod diagnostic;
mod findings;
pub mod flat;
pub mod names;
mod parallel;
pub mod report;
pub mod rules;
pub mod scan;
pub mod text;
pub mod xlsx;
mod zipout;
