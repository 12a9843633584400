//! What a denied-services report says, for a manager: how many services were denied, of which
//! type, for which cause, where, and in which month. Filled by an annex version's rules from the
//! records' valid fields; independent of the annex version.

use crate::reference::divipola::{self, Lists};
use crate::reference::Tables;
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
    /// The ten principal diagnoses (field 13) most frequent, with their CIE10 names.
    #[serde(default)]
    pub top_diagnoses: Vec<Tally>,
    /// How many distinct principal diagnoses appear.
    #[serde(default)]
    pub diagnoses: u64,
    /// The control record's EPS (field 3) with its name in the EAPB table, counting the
    /// denied services.
    #[serde(default)]
    pub eps: Option<Tally>,
    /// The reference tables the check looked codes up in, each with its export and count
    /// («CIE10 de SISPRO (exportación del 23/11/2025, 12 634 códigos)»).
    #[serde(default)]
    pub tables: Vec<String>,
}

impl DenialSummary {
    /// Its key in the file's report (`FileReport::summaries`, the JSON's `denials`).
    pub const KEY: &'static str = "denials";

    /// The denied-services summary of a file's report, if it has one.
    pub fn of(report: &planos_core::report::FileReport) -> Option<DenialSummary> {
        report.summaries.get(Self::KEY)
    }

    /// The period as people write it in prose, «01/01/2020 a 31/01/2020».
    pub fn period_in_prose(&self) -> Option<String> {
        let days = self.period.as_deref()?.split(" a ");
        Some(
            days.map(planos_core::text::day_month_year)
                .collect::<Vec<_>>()
                .join(" a "),
        )
    }
}

/// Label of an entry whose value was not valid.
pub(crate) const INVALID: &str = "Valor no válido";

/// The largest cause number: the field has at most 3 digits.
const MAX_CAUSE: usize = 999;

/// Where a denied service was asked for: a municipality of the DIVIPOLA table (its position),
/// or a well-formed code the table lacks.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Place {
    Listed(usize),
    Unlisted(u32),
}

/// A principal diagnosis: a code of the CIE10 table (its position), or a well-formed code the
/// table lacks.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Diagnosed {
    Listed(usize),
    Unlisted([u8; 4]),
}

/// Room for the annex's service types; the last slot counts invalid values.
const SERVICE_SLOTS: usize = 16;

/// Counts records as they stream by; at the end it becomes a [`DenialSummary`].
#[derive(Default, Debug)]
pub(crate) struct Counter {
    pub denied: u64,
    /// Per service-type position in the annex's list; the last slot is "not valid".
    services: [u64; SERVICE_SLOTS],
    /// Per cause number (at most 3 digits).
    causes: Vec<u64>,
    /// Per municipality of the DIVIPOLA table, by position; codes the table lacks apart.
    places: Vec<u64>,
    unlisted_places: HashMap<u32, u64>,
    invalid_cause: u64,
    invalid_municipality: u64,
    /// Per code of the CIE10 table, by position; codes the table lacks apart.
    diagnoses: Vec<u64>,
    unlisted_diagnoses: HashMap<[u8; 4], u64>,
    invalid_diagnosis: u64,
}

impl Counter {
    /// One denied service: its service-type position (`None` if invalid), cause and municipality.
    pub fn add(
        &mut self,
        service: Option<usize>,
        cause: Option<u32>,
        place: Option<Place>,
        diagnosis: Option<Diagnosed>,
    ) {
        if self.causes.is_empty() {
            self.causes = vec![0; MAX_CAUSE + 1];
            self.places = vec![0; divipola::municipality_count()];
        }
        match diagnosis {
            Some(Diagnosed::Listed(i)) => {
                if i >= self.diagnoses.len() {
                    self.diagnoses.resize(i + 1, 0);
                }
                self.diagnoses[i] += 1;
            }
            Some(Diagnosed::Unlisted(code)) => *self.unlisted_diagnoses.entry(code).or_default() += 1,
            _ => self.invalid_diagnosis += 1,
        }
        self.denied += 1;
        let slot = service.filter(|&s| s < SERVICE_SLOTS - 1).unwrap_or(SERVICE_SLOTS - 1);
        self.services[slot] += 1;
        match cause.and_then(|c| self.causes.get_mut(c as usize)) {
            Some(n) => *n += 1,
            None => self.invalid_cause += 1,
        }
        match place {
            Some(Place::Listed(i)) if i < self.places.len() => self.places[i] += 1,
            Some(Place::Unlisted(code)) => *self.unlisted_places.entry(code).or_default() += 1,
            _ => self.invalid_municipality += 1,
        }
    }

    /// The summary. `services` are the annex's service types with their labels; `period` is
    /// the control record's; `tables` the ones the diagnoses were counted by.
    pub fn finish(
        self,
        services: &[(&str, &str)],
        period: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
        eps: Option<&[u8]>,
        tables: &Tables,
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
        let causes = self.causes.iter().enumerate().filter(|(_, &n)| n > 0);
        let mut by_cause = ranked(causes.map(|(c, &n)| (c as u32, n)), |c| (c.to_string(), String::new()));
        if self.invalid_cause > 0 {
            by_cause.push(tally("?", INVALID, self.invalid_cause));
        }
        let listed = self.places.iter().enumerate().filter(|(_, &n)| n > 0);
        let listed = listed.filter_map(|(i, &n)| Some((divipola::municipality_at(i)?.0, n)));
        let all: Vec<(u32, u64)> = listed.chain(self.unlisted_places).collect();
        let municipalities = all.len() as u64;
        let mut top = ranked(all.into_iter(), |m| (format!("{m:05}"), place(m)));
        top.truncate(10);
        let cie10 = tables.cie10();
        let listed = self.diagnoses.iter().enumerate().filter(|(_, &n)| n > 0);
        let listed = listed.filter_map(|(i, &n)| Some((cie10.all().get(i)?.code, n)));
        let all: Vec<([u8; 4], u64)> = listed.chain(self.unlisted_diagnoses).collect();
        let diagnoses = all.len() as u64;
        let mut ordered = all;
        ordered.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ordered.truncate(10);
        let mut top_diagnoses: Vec<Tally> = ordered
            .into_iter()
            .map(|(code, count)| {
                let label = cie10
                    .get(&code)
                    .map_or("No está en la tabla CIE10 de SISPRO", |d| cie10.name(d));
                tally(std::str::from_utf8(&code).unwrap_or("?"), label, count)
            })
            .collect();
        if self.invalid_diagnosis > 0 && top_diagnoses.len() < 10 {
            top_diagnoses.push(tally("?", INVALID, self.invalid_diagnosis));
        }
        let eps = eps.map(|code| {
            let eapb = tables.eapb();
            let label = match eapb.get(code) {
                Some(e) if e.enabled => eapb.name(e).to_string(),
                Some(e) => format!("{} (no habilitada en la tabla CodigoEAPByNit)", eapb.name(e)),
                None => "No está en la tabla CodigoEAPByNit de SISPRO".to_string(),
            };
            tally(&String::from_utf8_lossy(code), &label, self.denied)
        });
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
            top_diagnoses,
            diagnoses,
            eps,
            tables: tables.labels(),
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

/// A municipality for people: "MEDELLÍN (ANTIOQUIA)", and the list that has it when only one
/// does: "BELÉN DE BAJIRÁ (CHOCÓ), solo en la DIVIPOLA del Ministerio de Salud".
fn place(code: u32) -> String {
    let code = format!("{code:05}");
    let name = match (
        divipola::municipality(code.as_bytes()),
        divipola::department(&code.as_bytes()[..2]),
    ) {
        (Some(m), Some(d)) if m != d => format!("{m} ({d})"),
        (Some(m), _) => m.to_string(),
        _ => return "No está en la tabla DIVIPOLA".to_string(),
    };
    match divipola::lists(code.as_bytes()) {
        Some(Lists::DaneOnly) => format!("{name}, solo en la DIVIPOLA del DANE"),
        Some(Lists::MinistryOnly) => format!("{name}, solo en la DIVIPOLA del Ministerio de Salud"),
        _ => name,
    }
}

/// Most frequent first, then by code.
fn ranked(counts: impl Iterator<Item = (u32, u64)>, name: impl Fn(u32) -> (String, String)) -> Vec<Tally> {
    let mut v: Vec<(u32, u64)> = counts.collect();
    v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter()
        .map(|(k, count)| {
            let (code, label) = name(k);
            Tally { code, label, count }
        })
        .collect()
}

fn month_name(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} de {}", planos_core::text::MONTHS[d.month0() as usize], d.year())
}

fn same_month(a: chrono::NaiveDate, b: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    (a.year(), a.month()) == (b.year(), b.month())
}

/// `AAAA-MM` for a one-month period, `AAAA-MM a AAAA-MM` for a longer one.
fn month_code(start: chrono::NaiveDate, end: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let code = |d: chrono::NaiveDate| format!("{:04}-{:02}", d.year(), d.month());
    let (s, e) = (code(start), code(end));
    if same_month(start, end) {
        s
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
