//! "Corregir": safe fixes only, each counted; a valid file with safe defects injected comes back
//! byte for byte, and the repaired file is clean of everything that was repaired.

use planos_co::repair::{repair, Fix};
use planos_core::report::DEFAULT_LIMIT;
use planos_testkit::query::{Query, QUERY};
use planos_testkit::rnse::{detail, Report, NAME as RNSE};
use proptest::prelude::*;

/// A valid query asking about these CC numbers.
fn query(numbers: &[u64]) -> String {
    Query::new().people(numbers.iter().map(|n| format!("CC,{n}"))).text()
}

/// A valid RNSE report of `n` denials, each with a reason to repair (field 22).
fn rnse(n: usize) -> String {
    Report::of((1..=n).map(|i| {
        detail(i)
            .set(6, "05001")
            .set(8, format!("1234567{i}"))
            .set(22, "NO SE ENTREGO, SE REPROGRAMA.")
    }))
    .text()
}

fn fixes(r: &planos_co::repair::Repaired) -> Vec<(Fix, u64)> {
    r.applied.iter().map(|a| (a.fix, a.count)).collect()
}

#[test]
fn a_defective_query_is_repaired_and_says_what_changed() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    let control = Query::new().total(9).name("OTRO.TXT").control_record();
    bytes.extend(format!("{control}\n2,cc, 12345678\r\n\r\n2,CC,\"87654321\"\n2,Pá,AB12\x1a").as_bytes());
    let r = repair(QUERY, &bytes).expect("a query");
    assert_eq!(
        String::from_utf8(r.bytes.clone()).unwrap(),
        Query::of(&["CC,12345678", "CC,87654321", "PA,AB12"]).text()
    );
    assert_eq!(
        fixes(&r),
        [
            (Fix::Bom, 1),
            (Fix::Encoding, 1),
            (Fix::LineEnds, 3),
            (Fix::Case, 2),
            (Fix::Padding, 1),
            (Fix::EmptyLines, 1),
            (Fix::Quotes, 1),
            (Fix::EofChar, 1),
            (Fix::Accents, 1),
            (Fix::Total, 1),
            (Fix::ControlName, 1),
        ]
    );
    let padding = &r.applied[4];
    assert_eq!(padding.examples, ["línea 2, campo 2: « 12345678» → «12345678»"]);
    assert!(planos_co::check_bytes(&r.name, &r.bytes, DEFAULT_LIMIT).valid);
}

/// An editor's UTF-8 byte-order mark before text saved in Windows-1252: the mark goes as a
/// mark, the text is read as what it is, and nothing is lost (the control record, the total).
#[test]
fn a_bom_before_ansi_text_is_removed_as_a_bom() {
    let fixture = planos_testkit::repo_root()
        .join("tests/fixtures/defectos-de-texto")
        .join(QUERY);
    let bytes = std::fs::read(fixture).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF") && std::str::from_utf8(&bytes).is_err());
    let r = repair(QUERY, &bytes).unwrap();
    assert!(r.bytes.starts_with(b"1,014-18,"), "{:?}", &r.bytes[..8]);
    assert!(fixes(&r).contains(&(Fix::Bom, 1)) && fixes(&r).contains(&(Fix::Total, 1)));
    assert!(!fixes(&r).iter().any(|(f, _)| *f == Fix::Encoding));
    let before = planos_co::check_bytes(QUERY, &bytes, DEFAULT_LIMIT);
    let after = planos_co::check_bytes(&r.name, &r.bytes, DEFAULT_LIMIT);
    assert_eq!(planos_co::repair::worse(&before, &r, &after), []);
    assert_eq!(after.records, before.records);
    let left: Vec<_> = after.counts.keys().map(|c| c.to_string()).collect();
    assert_eq!(left, ["TEXTO-SEPARADOR"]);
}

#[test]
fn an_rnse_report_is_renumbered_totalled_and_named_as_its_control_says() {
    let text = rnse(3)
        .replace("|2|EPS001", "|7|EPS001")
        .replace("|3|RC\r\n", "|5|RC\r\n");
    let r = repair("negaciones.txt", text.as_bytes()).expect("an RNSE report");
    assert_eq!(r.name, RNSE);
    assert_eq!(String::from_utf8(r.bytes.clone()).unwrap(), rnse(3));
    assert_eq!(fixes(&r), [(Fix::Consecutive, 1), (Fix::Total, 1), (Fix::FileName, 1)]);
    assert!(planos_co::check_bytes(&r.name, &r.bytes, DEFAULT_LIMIT).valid);
}

/// A signed file is never corrected: any change would break its signature. Even a file whose
/// content has fixable defects, under a `.p7z` name, is refused and offered no «Corregir».
#[test]
fn a_signed_file_is_never_repaired() {
    let defective = query(&[1, 2]).replace("\r\n", "\n").to_lowercase();
    let name = format!("{QUERY}.p7z");
    assert!(
        repair(QUERY, defective.as_bytes()).is_some(),
        "the plain file is repairable"
    );
    assert!(repair(&name, defective.as_bytes()).is_none());
    assert!(planos_co::repair::refusal(&name).is_some_and(|w| w.contains("firma")));
    let kept = planos_co::check::check_files(
        vec![planos_co::check::Input {
            path: name.clone(),
            size: defective.len() as u64,
            source: Box::new(std::io::Cursor::new(defective.clone().into_bytes())),
        }],
        &planos_co::check::Options::new(DEFAULT_LIMIT, 0),
        &mut |_| {},
    )
    .unwrap()
    .files
    .remove(0);
    assert!(!planos_co::repair::offered_for(&kept), "{:?}", kept.report.counts);
}

#[test]
fn what_is_not_safe_is_left_for_a_person() {
    // A letter in a CC, an unknown type: meaning, not form.
    let text = query(&[12345678]).replace("2,CC,12345678", "2,XX,1234A678");
    let r = repair(QUERY, text.as_bytes()).unwrap();
    assert!(r.applied.is_empty());
    assert_eq!(r.bytes, text.as_bytes());
    assert!(repair(
        "PUB200SMCS20150605NI000900474727NI000860999123CO014-18.DAT",
        b"PK\x03\x04"
    )
    .is_none());
}

/// A safe defect, applied to line `line` (0 = control) of a valid file.
#[derive(Debug, Clone)]
enum Defect {
    Bom,
    /// The text in UTF-8 (else Windows-1252, "ANSI"), whether or not a BOM precedes it.
    Utf8,
    Lf(usize),
    Cr(usize),
    EofChar,
    EmptyLine(usize),
    Lower(usize),
    Pad(usize),
    Quote(usize),
    WrongTotal,
    Accent(usize),
    /// An RNSE detail's consecutive (field 1) out of sequence.
    Consecutive(usize),
}

/// Damage only a person can undo (meaning, not form), applied to line `line` of a file.
#[derive(Debug, Clone)]
enum Damage {
    /// A letter inside a field.
    Letter(usize, usize),
    /// A field dropped.
    Dropped(usize, usize),
    /// A field added.
    Added(usize),
    /// A field emptied.
    Emptied(usize, usize),
    /// A line of text that is no record.
    Prose(usize),
}

fn inject(text: &str, sep: char, defects: &[Defect]) -> Vec<u8> {
    let mut lines: Vec<String> = text.split_terminator("\r\n").map(str::to_string).collect();
    let mut ends = vec!["\r\n".to_string(); lines.len()];
    let (mut bom, mut utf8, mut eof) = (false, false, false);
    let n = lines.len();
    for d in defects {
        match d {
            Defect::Bom => bom = true,
            Defect::Utf8 => utf8 = true,
            Defect::EofChar => eof = true,
            Defect::Lf(i) => ends[i % n] = "\n".into(),
            Defect::Cr(i) => ends[i % n] = "\r".into(),
            Defect::EmptyLine(i) => ends[i % n].push_str("   \r\n"),
            Defect::Lower(i) => {
                let l = &mut lines[1 + i % (n - 1)];
                *l = l.to_lowercase();
            }
            Defect::Pad(i) => {
                let l = &mut lines[1 + i % (n - 1)];
                *l = l.replacen(sep, &format!("{sep} "), 1);
            }
            Defect::Quote(i) => {
                let l = &mut lines[1 + i % (n - 1)];
                let mut f: Vec<String> = l.split(sep).map(str::to_string).collect();
                let last = f.len() - 1;
                f[last] = format!("\"{}\"", f[last]);
                *l = f.join(&sep.to_string());
            }
            Defect::WrongTotal => {
                let mut f: Vec<String> = lines[0].split(sep).map(str::to_string).collect();
                let k = if sep == ',' { 4 } else { 6 };
                if let Some(v) = f.get_mut(k) {
                    *v = "999".into();
                }
                lines[0] = f.join(&sep.to_string());
            }
            Defect::Accent(i) => {
                let l = &mut lines[1 + i % (n - 1)];
                *l = l.replacen("ACIDO", "ÁCIDO", 1).replacen("REPROGRAMA", "REPROGRAMÁ", 1);
            }
            Defect::Consecutive(i) if sep == '|' => {
                let l = &mut lines[1 + i % (n - 1)];
                if let Some((_, rest)) = l.split_once('|').and_then(|(t, r)| Some((t, r.split_once('|')?.1))) {
                    *l = format!("2|{}|{rest}", 90 + i);
                }
            }
            Defect::Consecutive(_) => {}
        }
    }
    let mut out = String::new();
    for (l, e) in lines.iter().zip(&ends) {
        out.push_str(l);
        out.push_str(e);
    }
    if eof {
        out.push('\u{1A}');
    }
    let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
    if utf8 {
        bytes.extend_from_slice(out.as_bytes());
    } else {
        bytes.extend_from_slice(&encoding_rs::WINDOWS_1252.encode(&out).0);
    }
    bytes
}

/// `text` with `damage` done to its lines (CRLF-ended; line 0 is the control record).
fn damage(text: &str, sep: char, damage: &[Damage]) -> String {
    let mut lines: Vec<String> = text.split_terminator("\r\n").map(str::to_string).collect();
    let n = lines.len();
    for d in damage {
        let line = |i: &usize| i % n;
        match d {
            Damage::Letter(i, f) | Damage::Dropped(i, f) | Damage::Emptied(i, f) => {
                let l = &mut lines[line(i)];
                let mut fields: Vec<String> = l.split(sep).map(str::to_string).collect();
                let k = f % fields.len();
                match d {
                    Damage::Letter(..) => {
                        let mid = fields[k].len() / 2;
                        fields[k].insert(mid, 'Q')
                    }
                    Damage::Dropped(..) => drop(fields.remove(k)),
                    _ => fields[k].clear(),
                }
                *l = fields.join(&sep.to_string());
            }
            Damage::Added(i) => lines[line(i)].push_str(&format!("{sep}X")),
            Damage::Prose(i) => lines.insert(line(i), "ESTE ARCHIVO ES DE PRUEBA".into()),
        }
    }
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

fn harm() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (0..100usize, 0..40usize).prop_map(|(i, f)| Damage::Letter(i, f)),
        (0..100usize, 0..40usize).prop_map(|(i, f)| Damage::Dropped(i, f)),
        (0..100usize, 0..40usize).prop_map(|(i, f)| Damage::Emptied(i, f)),
        (0..100usize).prop_map(Damage::Added),
        (0..100usize).prop_map(Damage::Prose),
    ]
}

fn defect() -> impl Strategy<Value = Defect> {
    prop_oneof![
        Just(Defect::Bom),
        Just(Defect::Utf8),
        Just(Defect::EofChar),
        Just(Defect::WrongTotal),
        (0..100usize).prop_map(Defect::Lf),
        (0..100usize).prop_map(Defect::Cr),
        (0..100usize).prop_map(Defect::EmptyLine),
        (0..100usize).prop_map(Defect::Lower),
        (0..100usize).prop_map(Defect::Pad),
        (0..100usize).prop_map(Defect::Quote),
        (0..100usize).prop_map(Defect::Accent),
        (0..100usize).prop_map(Defect::Consecutive),
    ]
}

proptest! {
    /// Any bytes as either format: the repair never panics nor makes the file worse; from
    /// plain ASCII, repairing its result again changes nothing. (Not from any bytes: a character the repair keeps, such as
    /// Æ followed by ©, can be read back as UTF-8.)
    #[test]
    fn any_bytes_are_repaired_once_and_for_all(
        bytes in proptest::collection::vec(prop_oneof![any::<u8>(), Just(b'|'), Just(b','), Just(b'\n'), Just(b'1'), Just(b'2')], 0..400),
        ascii in any::<bool>(),
        is_rnse in any::<bool>(),
    ) {
        let name = if is_rnse { RNSE } else { QUERY };
        let bytes: Vec<u8> = if ascii { bytes.iter().map(|b| b & 0x7F).collect() } else { bytes };
        let repaired = repair(name, &bytes);
        if let Some(r) = &repaired {
            let before = planos_co::check_bytes(name, &bytes, DEFAULT_LIMIT);
            let after = planos_co::check_bytes(&r.name, &r.bytes, DEFAULT_LIMIT);
            let worse = planos_co::repair::worse(&before, r, &after);
            prop_assert!(worse.is_empty(), "{:?} in\n{:?}\n→ {:?}", worse, String::from_utf8_lossy(&bytes), String::from_utf8_lossy(&r.bytes));
        }
        if let Some(r) = repaired.filter(|_| ascii) {
            let again = repair(&r.name, &r.bytes).expect("still a flat file");
            prop_assert_eq!(again.bytes, r.bytes);
        }
    }

    /// Any mix of safe defects on a valid query or RNSE report: the repair gives the valid
    /// file back, byte for byte, and planos' check finds it clean.
    #[test]
    fn safe_defects_are_undone_exactly(
        rows in 1usize..12,
        is_rnse in any::<bool>(),
        defects in proptest::collection::vec(defect(), 0..8),
    ) {
        let (name, valid, sep) = if is_rnse {
            (RNSE, rnse(rows), '|')
        } else {
            (QUERY, query(&(0..rows as u64).map(|i| 10_000_000 + i).collect::<Vec<_>>()), ',')
        };
        prop_assume!(planos_co::check_bytes(name, valid.as_bytes(), DEFAULT_LIMIT).valid);
        let bytes = inject(&valid, sep, &defects);
        let r = repair(name, &bytes).unwrap();
        prop_assert_eq!(String::from_utf8_lossy(&r.bytes), valid.as_str());
        let report = planos_co::check_bytes(&r.name, &r.bytes, DEFAULT_LIMIT);
        prop_assert!(report.valid && report.warning_count == 0, "{:?}", report.errors);
        prop_assert_eq!(r.applied.is_empty(), bytes == valid.as_bytes());
    }

    /// Any file "Corregir" takes — a valid one with safe defects and damage only a person can
    /// undo, under its right name or another — comes out with as many records and no finding
    /// the original did not have: a repair never makes a file worse.
    #[test]
    fn a_repair_never_makes_a_file_worse(
        rows in 1usize..10,
        is_rnse in any::<bool>(),
        renamed in any::<bool>(),
        defects in proptest::collection::vec(defect(), 0..8),
        harms in proptest::collection::vec(harm(), 0..4),
    ) {
        let (name, valid, sep) = if is_rnse {
            (RNSE, rnse(rows), '|')
        } else {
            (QUERY, query(&(0..rows as u64).map(|i| 10_000_000 + i).collect::<Vec<_>>()), ',')
        };
        let name = if renamed { "archivo_de_mayo.txt" } else { name };
        let bytes = inject(&damage(&valid, sep, &harms), sep, &defects);
        let Some(r) = repair(name, &bytes) else { return Ok(()) };
        let before = planos_co::check_bytes(name, &bytes, DEFAULT_LIMIT);
        let after = planos_co::check_bytes(&r.name, &r.bytes, DEFAULT_LIMIT);
        let worse = planos_co::repair::worse(&before, &r, &after);
        prop_assert!(worse.is_empty(), "{:?} in\n{:?}\n→ {:?}", worse, String::from_utf8_lossy(&bytes), String::from_utf8_lossy(&r.bytes));
        prop_assert_eq!(r.applied.is_empty(), r.bytes == bytes && r.name == name);
        // "Corregir" is offered exactly when it has something to do.
        let enie = || before.errors.iter().any(|f| f.value.as_deref().is_some_and(planos_co::repair::has_enie));
        let offered = planos_co::repair::offered(before.counts.keys().map(|c| &**c), enie);
        prop_assert!(offered || r.applied.is_empty() || r.applied.iter().all(|a| matches!(a.fix, Fix::LineEnds)), "{:?} {:?}", before.counts, r.applied);
    }
}
