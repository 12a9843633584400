//! Supervivencia answer archives (Res. 1537/2015, 1.1.2 and 1.2.2): the RNEC and not-found
//! members, the `.INFO` with their MD5s in base 64, plain or signed as `.INFO.P7Z`, in a ZIP
//! written as the Ministry writes it (no binary fixture is committed).

use crate::query::query;
use crate::signed::sign;
use base64::Engine;
use md5::{Digest, Md5};
use std::io::Write;

/// The answer archive's name, for [`crate::QUERY`].
pub const DAT: &str = "PUB200SMCS20150605NI000900474727NI000860999123CO014-18.DAT";
/// The member with the civil register's and the identification archive's answers.
pub const RNEC: &str = "SMC014-1820150601RNEC";
/// The member with the people not found.
pub const NOT_FOUND: &str = "SMC014-1820150601MSPSNO";
/// The control member, plain…
pub const INFO: &str = "SMC014-1820150601.INFO";
/// …or signed (a CMS envelope).
pub const INFO_P7Z: &str = "SMC014-1820150601.INFO.P7Z";

/// A civil-death-register answer (type 2, 21 fields) for `doc` ("CC,12345678").
pub fn rcd(doc: &str) -> String {
    format!("2,{doc},0012345678,2015-03-02,NOTARIA,NOTARIA 1 BOGOTA,CC,12345678,PEREZ,GOMEZ,JUAN,,1950-01-01,M,COLOMBIA,BOGOTA,BOGOTA D.C.,2015-03-01,,RCDEFUNCION")
}

/// An identification-archive answer (type 3, 16 fields) for `doc` ("CC,12345678") with `state`,
/// the number found being the one asked about.
pub fn ani(doc: &str, state: &str) -> String {
    ani_record(doc, doc.split(',').nth(1).unwrap_or(""), state)
}

/// An identification-archive answer (type 3, 16 fields) for `doc`, with `number` as the number
/// found (may be empty) and `state`.
pub fn ani_record(doc: &str, number: &str, state: &str) -> String {
    format!("3,{doc},{number},,,,,,,,{state},,,,ANI")
}

/// A not-found answer (type 2, 4 fields).
pub fn not_found(doc: &str) -> String {
    format!("2,{doc},NO ENCONTRADO")
}

/// The content of an answer member: its control record (`consulted` people, the records'
/// count, `name`), then `records`, CRLF-terminated.
pub fn answer_file(name: &str, consulted: usize, records: &[String]) -> Vec<u8> {
    let mut s = format!(
        "1,014-18,2015-05-01,2015-05-31,{consulted},2015-06-05,{},{name}\r\n",
        records.len()
    );
    for r in records {
        s.push_str(r);
        s.push_str("\r\n");
    }
    s.into_bytes()
}

/// MD5 in base 64, as the `.INFO` gives it.
pub fn md5_b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(bytes))
}

/// The `.INFO` record naming the RNEC answer, with the digests of both answers.
pub fn info(consulted: usize, rnec: &[u8], rnec_records: usize, not_found: Option<&[u8]>) -> Vec<u8> {
    format!(
        "{RNEC},1,014-18,2015-05-01,2015-05-31,{consulted},2015-06-05,{rnec_records},{},{}\r\n",
        md5_b64(rnec),
        not_found.map(md5_b64).unwrap_or_default()
    )
    .into_bytes()
}

/// A ZIP with these members, deflated.
pub fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// An answer to a query of `consulted` people: the RNEC member's records ([`rcd`], [`ani`]) and
/// the not-found member's ([`not_found`]).
#[derive(Clone, Debug)]
pub struct Answer {
    pub consulted: usize,
    pub rnec: Vec<String>,
    pub not_found: Vec<String>,
}

impl Answer {
    /// The RNEC member, the not-found member and the `.INFO` with both digests.
    pub fn members(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let r = answer_file(RNEC, self.consulted, &self.rnec);
        let n = answer_file(NOT_FOUND, self.consulted, &self.not_found);
        let i = info(self.consulted, &r, self.rnec.len(), Some(&n));
        (r, n, i)
    }

    /// The archive with a plain `.INFO`.
    pub fn zip(&self) -> Vec<u8> {
        let (r, n, i) = self.members();
        zip(&[(RNEC, &r), (NOT_FOUND, &n), (INFO, &i)])
    }

    /// The archive with the `.INFO` signed, as `.INFO.P7Z`.
    pub fn signed_zip(&self) -> Vec<u8> {
        let (r, n, i) = self.members();
        zip(&[(RNEC, &r), (NOT_FOUND, &n), (INFO_P7Z, &sign(&i))])
    }
}

/// The standard case: four people consulted; one deceased in the civil register, one whose
/// identity card was cancelled by death, one alive, one not found.
pub fn standard() -> (Vec<u8>, Answer) {
    let q = query(&["CC,12345678", "CC,87654321", "TI,1002003004", "CC,55555555"]);
    let a = Answer {
        consulted: 4,
        rnec: vec![
            rcd("CC,12345678"),
            ani("CC,87654321", "CANCELADA POR MUERTE"),
            ani("TI,1002003004", "VIGENTE"),
        ],
        not_found: vec![not_found("CC,55555555")],
    };
    (q, a)
}
