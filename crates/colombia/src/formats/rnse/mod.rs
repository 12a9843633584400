//! Res. 3539/2019 — the monthly report of denied health services, `REC140RNSEAAAAMMDDNI<12>.TXT`.
//!
//! The tables of this annex version live in [`v3539`]; a new version of the annex (Res. 1632 of
//! 2025 replaced this one) is a new table set beside it, not an edit of this one.

pub mod summary;
pub mod v3539;
