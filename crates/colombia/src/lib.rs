//! planos-co — Colombia: the PISIS/SISPRO formats as data for `planos-core` ([`formats`]), the
//! reference tables they point to ([`reference`]), the driver that checks files together
//! ([`check`]), the safe repairs ([`repair`]) and the builders ([`build`]).

pub mod build;
pub mod check;
pub mod codes;
pub mod formats;
pub mod reference;
pub mod repair;

use planos_core::report::{FileReport, Report};

/// Checks a whole file held in memory. `path` is reported as given; its last component is the
/// file name the annexes govern.
pub fn check_bytes(path: &str, bytes: &[u8], limit: usize) -> FileReport {
    let report = check_all_bytes(&[(path, bytes)], None, limit);
    report
        .files
        .into_iter()
        .next()
        .unwrap_or_else(|| formats::unknown(path).into_listed())
}

/// Checks files held in memory together (a query with its answer); `query` names the query.
/// There is no clock here: a signed envelope that states no signing time has its certificates
/// checked at 1970 (and so is not trusted); [`check::check_files`] takes the caller's clock.
pub fn check_all_bytes(files: &[(&str, &[u8])], query: Option<usize>, limit: usize) -> Report {
    let inputs = files
        .iter()
        .map(|(path, bytes)| check::Input {
            path: path.to_string(),
            size: bytes.len() as u64,
            source: Box::new(std::io::Cursor::new(*bytes)),
        })
        .collect();
    let opts = check::Options {
        query,
        ..check::Options::new(limit, 0)
    };
    // Reading from memory cannot fail.
    check::check_files(inputs, &opts, &mut |_| {})
        .map(|c| Report::listed(c.files))
        .unwrap_or_default()
}
