//! The results of the last check, kept in the worker: each file's report with its findings
//! (up to [`crate::protocol::FINDINGS_KEPT`]) and an answer's people, so the page scrolls
//! through a million of either without holding them. Contract: the page gets the reports
//! without their findings listed ([`FromWorker::Done`]), then windows of findings and pages of
//! people by file number (the report's order); a number no file has gets an empty window. A
//! new check replaces the whole store.

use crate::protocol::{CodeLines, FindingsFilter, FindingsPage, FromWorker, RowsPage, CODE_LINES, ROWS_PAGE};
use planos_co::check::Checked;
use planos_co::formats::people::{People, RowFilter};
use planos_core::report::{Kept, Report, DEFAULT_LIMIT};

/// Findings sent at most in one window.
const WINDOW_MAX: u32 = 1000;

#[derive(Default)]
pub struct Store {
    /// The reports, each with its findings kept beside it (not listed).
    reports: Vec<Kept>,
    people: Vec<People>,
    /// The last filtered reading order asked for: file and filter, and the positions.
    filtered: Option<((u32, FindingsFilter), Vec<u32>)>,
    /// The last people's filter and search asked for (not all rows): file, filter, search, and
    /// the rows' positions.
    kept: Option<((u32, RowFilter, String), Vec<u32>)>,
}

impl Store {
    /// Keeps a finished check's findings and people; and what the page is told of it.
    pub fn new(checked: Checked) -> (Store, FromWorker) {
        let mut store = Store::default();
        let mut light = Report::default();
        let mut kept = Vec::new();
        let (mut lines, mut repairable) = (Vec::new(), Vec::new());
        for (f, people) in checked.files.into_iter().zip(checked.people) {
            repairable.push(planos_co::repair::offered_for(&f));
            store.people.push(people.unwrap_or_default());
            kept.push(f.findings.len() as u64);
            lines.push(code_lines(&f));
            light.files.push(f.listed(0));
            store.reports.push(f);
        }
        let done = FromWorker::Done {
            json: light.to_json(),
            kept,
            lines,
            repairable,
        };
        (store, done)
    }

    /// Page `page` of file `file`'s people that pass the filter and whose document holds
    /// `search` (any case, spaces around ignored).
    pub fn rows(&mut self, file: u32, filter: RowFilter, search: &str, page: u32) -> RowsPage {
        let search = search.trim().to_uppercase();
        let from = page as usize * ROWS_PAGE;
        let (total, rows) = if filter == RowFilter::All && search.is_empty() {
            let people = self.people(file);
            let to = people.len().min(from.saturating_add(ROWS_PAGE));
            (people.len() as u64, (from..to).filter_map(|i| people.row(i)).collect())
        } else {
            let key = (file, filter, search);
            if self.kept.as_ref().is_none_or(|(k, _)| *k != key) {
                let people = self.people(file);
                let positions = people.filtered(key.1, &key.2).map(|i| i as u32).collect();
                self.kept = Some((key, positions));
            }
            let positions = self.kept.as_ref().map_or(&[][..], |(_, p)| p.as_slice());
            let people = self.people(file);
            let rows = positions
                .iter()
                .skip(from)
                .take(ROWS_PAGE)
                .filter_map(|&i| people.row(i as usize))
                .collect();
            (positions.len() as u64, rows)
        };
        RowsPage {
            file,
            page,
            total,
            rows,
        }
    }

    /// Findings `offset..offset + count` (at most [`WINDOW_MAX`]) of file `file` in reading
    /// order, of those the filter keeps.
    pub fn findings(&mut self, file: u32, filter: FindingsFilter, offset: u32, count: u32) -> FindingsPage {
        let order = self.order(file, &filter);
        let total = order.len() as u32;
        let window: Vec<u32> = order
            .iter()
            .skip(offset as usize)
            .take(count.min(WINDOW_MAX) as usize)
            .copied()
            .collect();
        let findings = self.reports.get(file as usize).map(|r| &r.findings);
        let rows = window.iter().filter_map(|&i| findings?.get(i as usize)).collect();
        FindingsPage {
            file,
            filter,
            offset,
            total,
            rows,
        }
    }

    /// Positions of file `file`'s findings in reading order that pass the filter (the last
    /// asked for is kept, as scrolling asks for the same again and again).
    fn order(&mut self, file: u32, filter: &FindingsFilter) -> &[u32] {
        if self
            .filtered
            .as_ref()
            .is_none_or(|((f, k), _)| *f != file || k != filter)
        {
            let findings = self.reports.get(file as usize).map(|r| &r.findings);
            let order = findings.map_or_else(Vec::new, |f| {
                let keep = |i: &u32| {
                    f.kind(*i as usize).is_some_and(|(c, s)| {
                        filter.code.as_deref().is_none_or(|code| c == code)
                            && filter.severity.is_none_or(|severity| s == severity)
                    })
                };
                f.reading_order(usize::MAX).into_iter().filter(keep).collect()
            });
            self.filtered = Some(((file, filter.clone()), order));
        }
        self.filtered.as_ref().map_or(&[], |(_, o)| o.as_slice())
    }

    /// The people of file `file` (none when it is not an answer).
    pub fn people(&self, file: u32) -> &People {
        static NONE: std::sync::OnceLock<People> = std::sync::OnceLock::new();
        self.people
            .get(file as usize)
            .unwrap_or_else(|| NONE.get_or_init(People::default))
    }

    /// File `file`'s name without its folder and extension, for the names of its downloads.
    pub fn stem(&self, file: u32) -> String {
        let name = self
            .reports
            .get(file as usize)
            .map_or("respuesta", |r| r.report.path.as_str());
        let name = planos_core::names::base_name(name);
        name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string()
    }

    /// Whether file `file` was found valid (no finding of severity error).
    pub fn valid(&self, file: u32) -> bool {
        self.reports.get(file as usize).is_some_and(|r| r.report.valid)
    }

    /// The reports as the CLI prints them, with its default number of findings listed.
    pub fn report(&self) -> Report {
        Report {
            files: self.reports.iter().map(|r| r.listed(DEFAULT_LIMIT)).collect(),
        }
    }
}

/// Where each code's findings of a file are, in one pass over its kept findings: per code, the
/// [`CODE_LINES`] lowest lines (each once), and whether it is on another line too (a line
/// passed over, or findings counted beyond those kept). In the order of the codes' first lines.
fn code_lines(kept: &Kept) -> Vec<CodeLines> {
    let findings = &kept.findings;
    let mut by_code: Vec<(&'static str, Vec<u64>, bool, u64)> = Vec::new();
    for i in 0..findings.len() {
        let (Some((code, _)), Some(line)) = (findings.kind(i), findings.line(i)) else {
            continue;
        };
        let at = match by_code.iter().position(|(c, ..)| *c == code) {
            Some(at) => at,
            None => {
                by_code.push((code, Vec::with_capacity(CODE_LINES), false, 0));
                by_code.len() - 1
            }
        };
        let (_, lines, more, seen) = &mut by_code[at];
        *seen += 1;
        if let Err(place) = lines.binary_search(&line) {
            if lines.len() < CODE_LINES {
                lines.insert(place, line);
            } else {
                *more = true;
                if place < CODE_LINES {
                    lines.pop();
                    lines.insert(place, line);
                }
            }
        }
    }
    let mut out: Vec<CodeLines> = by_code
        .into_iter()
        .map(|(code, lines, more, seen)| {
            let counted = kept.report.counts.get(code).copied().unwrap_or(seen);
            CodeLines {
                code: code.to_string(),
                lines,
                more: more || counted > seen,
            }
        })
        .collect();
    out.sort_by_key(|c| (c.lines.first().copied().unwrap_or(u64::MAX), c.code.clone()));
    out
}
