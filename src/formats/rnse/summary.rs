//! What a denied-services report says, for a manager: how many services were denied, of which
//! type, for which cause, where, and in which month. Filled by an annex version's rules from the
//! records' valid fields; independent of the annex version.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One line of a breakdown: a code, its meaning for people, and how many records carry it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Tally {
    pub code: String,
    pub label: String,
    pub count: u64,
}

/// The manager's summary of one RNSE file.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct DenialSummary {
    /// Detail records, that is denied services.
    pub denied: u64,
    /// The period of the control record, `AAAA-MM-DD a AAAA-MM-DD`, when it is valid.
    pub period: Option<String>,
    /// Per month of the period. The annex gives no date per record, so a file whose period is one
    /// month has one line; a longer period is one line for the whole period.
    pub by_month: Vec<Tally>,
    /// Per service type (field 16), in the annex's order; invalid values under `?`.
    pub by_service: Vec<Tally>,
    /// Per cause (field 21), most frequent first.
    pub by_cause: Vec<Tally>,
    /// The ten municipalities (field 6) with most denials, most frequent first.
    pub top_municipalities: Vec<Tally>,
    /// How many distinct municipalities appear.
    pub municipalities: u64,
}

/// Label of an entry whose value was not valid.
pub const INVALID: &str = "Valor no válido";

/// Room for the annex's service types; the last slot counts invalid values.
const SERVICE_SLOTS: usize = 16;

/// Counts records as they stream by; at the end it becomes a [`DenialSummary`].
#[derive(Default, Debug)]
pub struct Counter {
    pub denied: u64,
    /// Per service-type position in the annex's list; the last slot is "not valid".
    services: [u64; SERVICE_SLOTS],
    causes: HashMap<u32, u64>,
    municipalities: HashMap<u32, u64>,
    invalid_cause: u64,
    invalid_municipality: u64,
}

impl Counter {
    /// One denied service: its service-type position (`None` if invalid), cause and municipality.
    pub fn add(&mut self, service: Option<usize>, cause: Option<u32>, municipality: Option<u32>) {
        self.denied += 1;
        let slot = service.filter(|&s| s < SERVICE_SLOTS - 1).unwrap_or(SERVICE_SLOTS - 1);
        self.services[slot] += 1;
        match cause {
            Some(c) => *self.causes.entry(c).or_default() += 1,
            None => self.invalid_cause += 1,
        }
        match municipality {
            Some(m) => *self.municipalities.entry(m).or_default() += 1,
            None => self.invalid_municipality += 1,
        }
    }

    /// The summary. `services` are the annex's service types with their labels; `place` names
    /// a municipality code; `period` is the control record's.
    pub fn finish(
        self,
        services: &[(&str, &str)],
        place: impl Fn(u32) -> String,
        period: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    ) -> DenialSummary {
        let mut by_service: Vec<Tally> = services
            .iter()
            .zip(self.services)
            .map(|(&(code, label), count)| tally(code, label, count))
            .collect();
        let invalid_services = self.services[SERVICE_SLOTS - 1];
        if invalid_services > 0 {
            by_service.push(tally("?", INVALID, invalid_services));
        }
        let mut by_cause = ranked(self.causes, |c| (c.to_string(), String::new()));
        if self.invalid_cause > 0 {
            by_cause.push(tally("?", INVALID, self.invalid_cause));
        }
        let municipalities = self.municipalities.len() as u64;
        let mut top = ranked(self.municipalities, |m| (format!("{m:05}"), place(m)));
        top.truncate(10);
        let by_month = period
            .map(|(start, end)| vec![tally(&month_code(start, end), &month_label(start, end), self.denied)])
            .unwrap_or_default();
        DenialSummary {
            denied: self.denied,
            period: period.map(|(s, e)| format!("{s} a {e}")),
            by_month,
            by_service,
            by_cause,
            top_municipalities: top,
            municipalities,
        }
    }
}

fn tally(code: &str, label: &str, count: u64) -> Tally {
    Tally {
        code: code.to_string(),
        label: label.to_string(),
        count,
    }
}

/// Most frequent first, then by code.
fn ranked(counts: HashMap<u32, u64>, name: impl Fn(u32) -> (String, String)) -> Vec<Tally> {
    let mut v: Vec<(u32, u64)> = counts.into_iter().collect();
    v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter()
        .map(|(k, count)| {
            let (code, label) = name(k);
            Tally { code, label, count }
        })
        .collect()
}

const MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

fn month_name(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} de {}", MONTHS[d.month0() as usize], d.year())
}

fn same_month(a: chrono::NaiveDate, b: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    (a.year(), a.month()) == (b.year(), b.month())
}

/// `AAAA-MM` for a one-month period, `AAAA-MM a AAAA-MM` for a longer one.
fn month_code(start: chrono::NaiveDate, end: chrono::NaiveDate) -> String {
    let (s, e) = (start.format("%Y-%m"), end.format("%Y-%m"));
    if same_month(start, end) {
        s.to_string()
    } else {
        format!("{s} a {e}")
    }
}

fn month_label(start: chrono::NaiveDate, end: chrono::NaiveDate) -> String {
    if same_month(start, end) {
        month_name(start)
    } else {
        format!("de {} a {}", month_name(start), month_name(end))
    }
}
