//! Large valid files for the benchmark and tools/bench (engine, CLI and page timed on the same
//! bytes): a query of any size, its answer archive, a denied-services report.

use crate::answer::{ani_record, not_found, rcd, Answer};
use crate::query::Query;
use crate::rnse::{Detail, Report};

/// The name of [`rnse`]'s report (January 2024).
pub const RNSE: &str = "REC140RNSE20240131NI000860999123.TXT";

/// `n` people of every document type ("CC,10000000").
fn people(n: usize) -> impl Iterator<Item = String> {
    (0..n).map(|i| match i % 6 {
        0 => format!("CC,{}", 10_000_000 + i % 89_999_999),
        1 => format!("TI,{}", 1_000_000_000 + i),
        2 => format!("RC,{}", 10_000_000 + i % 89_999_999),
        // A CE has fewer than 7 digits: past those, the same place holds a CD, so that ten
        // million people are ten million documents.
        3 if i < 899_999 * 6 => format!("CE,{}", 100_000 + i % 899_999),
        3 => format!("CD,{}", 2_000_000_000 + i),
        4 => format!("PA,AB{}", 1_000_000 + i),
        _ => format!("CC,{}", 1_000_000_000 + i),
    })
}

/// A valid query ([`crate::QUERY`]) with `n` detail records of every document type.
pub fn query(n: usize) -> Vec<u8> {
    Query::new().people(people(n)).bytes()
}

/// What [`answer_with_outcomes`]'s answer says of its people.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcomes {
    /// In the civil death register.
    pub rcd: usize,
    /// In the identification archive, and of those cancelled by death.
    pub ani: usize,
    pub ani_deceased: usize,
    pub not_found: usize,
    /// The first person in the civil death register and the first cancelled by death
    /// ("CC,10000000").
    pub first_rcd: String,
    pub first_ani_deceased: String,
}

/// A query of `n` people and its valid answer archive: 5% in the civil death register, 60% in
/// the identification archive (3% cancelled by death), the rest not found.
pub fn answer(n: usize) -> (Vec<u8>, Vec<u8>) {
    let (query, answer, _) = answer_with_outcomes(n);
    (query, answer)
}

/// [`answer`], and what its answer says of its people.
pub fn answer_with_outcomes(n: usize) -> (Vec<u8>, Vec<u8>, Outcomes) {
    let mut a = Answer {
        consulted: n,
        rnec: Vec::new(),
        not_found: Vec::new(),
    };
    let mut o = Outcomes::default();
    for doc in people(n) {
        let h = doc.bytes().fold(0u32, |a, b| a.wrapping_mul(31).wrapping_add(b as u32)) % 100;
        if h < 5 {
            o.rcd += 1;
            if o.first_rcd.is_empty() {
                o.first_rcd = doc.clone();
            }
            a.rnec.push(rcd(&doc));
        } else if h < 65 {
            o.ani += 1;
            let state = if h < 8 { "CANCELADA POR MUERTE" } else { "VIGENTE" };
            if h < 8 {
                o.ani_deceased += 1;
                if o.first_ani_deceased.is_empty() {
                    o.first_ani_deceased = doc.clone();
                }
            }
            a.rnec.push(ani_record(&doc, "", state));
        } else {
            o.not_found += 1;
            a.not_found.push(not_found(&doc));
        }
    }
    (query(n), a.zip(), o)
}

/// A valid denied-services report ([`RNSE`]) of `n` records, mixing service types, places and
/// diagnoses.
pub fn rnse(n: usize) -> Vec<u8> {
    const PLACES: [&str; 12] = [
        "11001", "05001", "76001", "08001", "13001", "68001", "54001", "66001", "17001", "73001", "52001", "50001",
    ];
    const DIAGNOSES: [&str; 8] = ["J459", "E119", "I10X", "K359", "C509", "M545", "F329", "N390"];
    const DOCS: [&str; 4] = ["CC", "TI", "RC", "CE"];
    let details = (1..=n).map(|i| {
        let (service, code, medicine, device) = match i % 4 {
            0 => ("M", "ACIDO VALPROICO", "1", ""),
            1 => ("P", "890201", "", ""),
            2 => ("D", "DM0012345", "", "0"),
            _ => ("S", "S01001", "", ""),
        };
        let reason = if i % 10 == 0 {
            "NO CUMPLE CRITERIOS DEL COMITE, SE ORIENTA AL USUARIO."
        } else {
            ""
        };
        let related = if i % 3 == 0 {
            DIAGNOSES[(i / 3) % DIAGNOSES.len()]
        } else {
            ""
        };
        let birth = format!("19{:02}-0{}-1{}", 30 + i % 70, 1 + i % 9, i % 10);
        Detail::new(i)
            .set(5, format!("{:012}", 110_010_000_000u64 + (i % 5000) as u64))
            .set(6, PLACES[i % PLACES.len()])
            .set(7, DOCS[i % DOCS.len()])
            .set(8, 10_000_000 + i)
            .set(9, "RS")
            .set(10, if i % 2 == 0 { "M" } else { "H" })
            .set(11, birth)
            .set(12, 1 + i % 5)
            .set(13, DIAGNOSES[i % DIAGNOSES.len()])
            .set(14, related)
            .set(16, service)
            .set(17, code)
            .set(18, medicine)
            .set(19, device)
            .set(20, 1 + i % 2)
            .set(21, [1, 2, 7, 101, 205][i % 5])
            .set(22, reason)
    });
    Report::of(details).period("2024-01-01", "2024-01-31").bytes()
}
