//! Denied-services reports (Res. 3539/2019, REC140RNSE): a control record and detail records
//! with sensible defaults (a denied medicine in Bogotá, contributory regime, January 2020), each
//! field overridable by its number as the annex numbers it (0 = record type).

use std::fmt::Display;

/// The report's file name for January 2020.
pub const NAME: &str = "REC140RNSE20200131NI000860999123.TXT";

/// Fields of a detail record.
pub const FIELDS: usize = 23;

/// The control record's fields; the total (field 6) is filled in.
const CONTROL: [&str; 8] = ["1", "NI", "860999123", "EPS001", "2020-01-01", "2020-01-31", "", "RC"];

/// A valid detail record: a medicine (M, ACIDO VALPROICO, POS) denied to CC 12345678 in Bogotá
/// (11001) by provider NI 900123456, cause 101, no other reasons.
const DETAIL: [&str; FIELDS] = [
    "2",
    "1",
    "EPS001",
    "NI",
    "900123456",
    "110010123401",
    "11001",
    "CC",
    "12345678",
    "RC",
    "M",
    "1980-05-17",
    "1",
    "J459",
    "",
    "",
    "M",
    "ACIDO VALPROICO",
    "1",
    "",
    "1",
    "101",
    "",
];

/// The control record of a report of `total` denials in January 2020, without its line end:
/// `1|NI|860999123|EPS001|2020-01-01|2020-01-31|{total}|RC`.
pub fn control(total: usize) -> String {
    Report::new().total(total).control_record()
}

/// The default detail record numbered `n` (field 1).
pub fn detail(n: usize) -> Detail {
    Detail::new(n)
}

/// A detail record, written with `|` by `Display`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    fields: Vec<String>,
}

impl Detail {
    /// The default record, numbered `n`.
    pub fn new(n: usize) -> Self {
        Detail {
            fields: DETAIL.iter().map(|f| f.to_string()).collect(),
        }
        .set(1, n)
    }

    /// Field `no` says `value`.
    pub fn set(mut self, no: usize, value: impl Display) -> Self {
        self.fields[no] = value.to_string();
        self
    }

    /// Each (field, value) applied in turn.
    pub fn edit(self, edits: &[(usize, &str)]) -> Self {
        edits.iter().fold(self, |d, (no, v)| d.set(*no, v))
    }
}

impl Display for Detail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.fields.join("|"))
    }
}

/// A report: its control record, then its detail records.
#[derive(Clone, Debug)]
pub struct Report {
    /// The control record's fields; the total (field 6) is the number of details when `None`.
    control: [Option<String>; 8],
    details: Vec<String>,
    end: &'static str,
    terminated: bool,
}

impl Default for Report {
    fn default() -> Self {
        Self::new()
    }
}

impl Report {
    /// No denials yet: NI 860999123, EPS001, January 2020, contributory regime.
    pub fn new() -> Self {
        Report {
            control: CONTROL.map(|f| (!f.is_empty()).then(|| f.to_string())),
            details: Vec::new(),
            end: "\r\n",
            terminated: true,
        }
    }

    /// A report of these detail records ([`Detail`]s or any text).
    pub fn of<I: IntoIterator<Item = D>, D: Display>(details: I) -> Self {
        Self::new().details(details)
    }

    /// These detail records too.
    pub fn details<I: IntoIterator<Item = D>, D: Display>(mut self, details: I) -> Self {
        self.details.extend(details.into_iter().map(|d| d.to_string()));
        self
    }

    /// Control field `no` (0 = record type … 7 = regime) says `value`.
    pub fn control_field(mut self, no: usize, value: impl Display) -> Self {
        self.control[no] = Some(value.to_string());
        self
    }

    /// The period of the control record (fields 4 and 5).
    pub fn period(self, start: &str, end: &str) -> Self {
        self.control_field(4, start).control_field(5, end)
    }

    /// The control record's total (field 6) instead of the number of detail records.
    pub fn total(self, total: impl Display) -> Self {
        self.control_field(6, total)
    }

    /// Every record ends with `end` ("\n", "\r") instead of CRLF.
    pub fn line_end(mut self, end: &'static str) -> Self {
        self.end = end;
        self
    }

    /// The last record has no line end.
    pub fn unterminated(mut self) -> Self {
        self.terminated = false;
        self
    }

    /// The control record, without its line end.
    pub fn control_record(&self) -> String {
        let total = self.details.len().to_string();
        self.control
            .iter()
            .map(|f| f.as_deref().unwrap_or(&total))
            .collect::<Vec<_>>()
            .join("|")
    }

    pub fn text(&self) -> String {
        let mut s = self.control_record();
        for d in &self.details {
            s.push_str(self.end);
            s.push_str(d);
        }
        if self.terminated {
            s.push_str(self.end);
        }
        s
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.text().into_bytes()
    }
}
