//! Supervivencia queries (Res. 1537/2015, 1.2.1): the control record and one detail record per
//! person, CRLF-terminated, with the damages tests need (another total, name, entity or period;
//! a short control record; LF or CR line ends; no final line end; a BOM; an end-of-file byte;
//! detail records given as any bytes).

use std::fmt::Display;

/// The query's file name; its control record names it too.
pub const QUERY: &str = "RUA250SMCS20150601NI000860999123CO014-18.TXT";

/// The control record of a query of `total` people named [`QUERY`], without its line end:
/// `1,014-18,2015-05-01,2015-05-31,{total},RUA250SMCS…TXT`.
pub fn control(total: usize) -> String {
    Query::new().total(total).control_record()
}

/// A valid query asking about `people` ("CC,12345678"), CRLF-terminated.
pub fn query(people: &[&str]) -> Vec<u8> {
    Query::of(people).bytes()
}

/// A query file: its control record, then its detail records.
#[derive(Clone, Debug)]
pub struct Query {
    /// Fields 0–5 of the control record; the total (field 4) is the number of records when
    /// `None`.
    control: [Option<String>; 6],
    /// How many control fields are written.
    control_fields: usize,
    records: Vec<Vec<u8>>,
    end: &'static str,
    terminated: bool,
    bom: bool,
    eof: bool,
}

impl Default for Query {
    fn default() -> Self {
        Self::new()
    }
}

impl Query {
    /// No people yet: entity 014-18, May 2015, named [`QUERY`].
    pub fn new() -> Self {
        let field = |s: &str| Some(s.to_string());
        Query {
            control: [
                field("1"),
                field("014-18"),
                field("2015-05-01"),
                field("2015-05-31"),
                None,
                field(QUERY),
            ],
            control_fields: 6,
            records: Vec::new(),
            end: "\r\n",
            terminated: true,
            bom: false,
            eof: false,
        }
    }

    /// A query asking about `people` ("CC,12345678").
    pub fn of(people: &[&str]) -> Self {
        Self::new().people(people)
    }

    /// Asks about these people too ("CC,12345678"): a detail record `2,CC,12345678` each.
    pub fn people<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, people: I) -> Self {
        for p in people {
            self.records.push(format!("2,{}", p.as_ref()).into_bytes());
        }
        self
    }

    /// A detail record written as given, any bytes (counted in the total like any other).
    pub fn record(mut self, line: impl AsRef<[u8]>) -> Self {
        self.records.push(line.as_ref().to_vec());
        self
    }

    /// Control field `no` (0 = record type … 5 = file name) says `value`.
    pub fn control_field(mut self, no: usize, value: impl Display) -> Self {
        self.control[no] = Some(value.to_string());
        self
    }

    /// The entity code of the control record (field 1).
    pub fn entity(self, code: &str) -> Self {
        self.control_field(1, code)
    }

    /// The period of the control record (fields 2 and 3).
    pub fn period(self, start: &str, end: &str) -> Self {
        self.control_field(2, start).control_field(3, end)
    }

    /// The control record's total (field 4) instead of the number of detail records.
    pub fn total(self, total: impl Display) -> Self {
        self.control_field(4, total)
    }

    /// The file name the control record gives (field 5).
    pub fn name(self, name: &str) -> Self {
        self.control_field(5, name)
    }

    /// Only the first `n` fields of the control record are written.
    pub fn control_fields(mut self, n: usize) -> Self {
        self.control_fields = n;
        self
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

    /// The file starts with a UTF-8 byte order mark.
    pub fn bom(mut self) -> Self {
        self.bom = true;
        self
    }

    /// The file ends with an end-of-file character (0x1A), after the last line end.
    pub fn eof_char(mut self) -> Self {
        self.eof = true;
        self
    }

    /// The control record, without its line end.
    pub fn control_record(&self) -> String {
        let total = self.records.len().to_string();
        self.control[..self.control_fields]
            .iter()
            .enumerate()
            .map(|(no, f)| f.as_deref().unwrap_or(if no == 4 { &total } else { "" }))
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.bom {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        out.extend_from_slice(self.control_record().as_bytes());
        for r in &self.records {
            out.extend_from_slice(self.end.as_bytes());
            out.extend_from_slice(r);
        }
        if self.terminated {
            out.extend_from_slice(self.end.as_bytes());
        }
        if self.eof {
            out.push(0x1A);
        }
        out
    }

    /// The file as text (its records must be UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8(self.bytes()).expect("a query of UTF-8 records")
    }
}
