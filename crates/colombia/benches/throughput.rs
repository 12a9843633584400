//! Engine throughput on a valid supervivencia query of 1,000,000 records and a valid
//! denied-services report of 500,000.
//!
//! `cargo bench --bench throughput` prints MB/s of the engine in-process.
//! `cargo bench --bench throughput -- --generate PATH [N]` only writes the file (tools/bench
//! uses it to time the CLI and the page on the same bytes).
//! `cargo bench --bench throughput -- --generate-answer DIR [N]` writes a query of N people and
//! its answer archive (5% in the civil death register, 60% in the identification archive, the
//! rest not found) into DIR.
//! `cargo bench --bench throughput -- --generate-rnse PATH [N]` writes a valid Res. 3539/2019
//! report of N denied services.

use base64::Engine;
use md5::{Digest, Md5};
use std::io::Write;
use std::time::Instant;

const NAME: &str = "RUA250SMCS20150601NI000860999123CO014-18.TXT";

/// A valid query with `n` detail records of every document type.
fn generate(n: usize) -> Vec<u8> {
    let mut out = format!("1,014-18,2015-05-01,2015-05-31,{n},{NAME}\r\n").into_bytes();
    for i in 0..n {
        let line = match i % 6 {
            0 => format!("2,CC,{}\r\n", 10_000_000 + i % 89_999_999),
            1 => format!("2,TI,{}\r\n", 1_000_000_000 + i),
            2 => format!("2,RC,{}\r\n", 10_000_000 + i % 89_999_999),
            3 => format!("2,CE,{}\r\n", 100_000 + i % 899_999),
            4 => format!("2,PA,AB{}\r\n", 1_000_000 + i),
            _ => format!("2,CC,{}\r\n", 1_000_000_000 + i),
        };
        out.extend_from_slice(line.as_bytes());
    }
    out
}

const DAT: &str = "PUB200SMCS20150605NI000900474727NI000860999123CO014-18.DAT";

/// A query of `n` people and its valid answer archive.
fn generate_answer(n: usize) -> (Vec<u8>, Vec<u8>) {
    let query = generate(n);
    let (rnec_name, nf_name) = ("SMC014-1820150601RNEC", "SMC014-1820150601MSPSNO");
    let mut rnec = Vec::new();
    let mut nf = Vec::new();
    let (mut rnec_n, mut nf_n) = (0, 0);
    for line in query.split(|&b| b == b'\n').skip(1).filter(|l| l.len() > 2) {
        let doc = std::str::from_utf8(&line[2..line.len() - 1]).unwrap();
        let h = doc.bytes().fold(0u32, |a, b| a.wrapping_mul(31).wrapping_add(b as u32)) % 100;
        if h < 5 {
            rnec.extend(format!("2,{doc},0012345678,2015-03-02,NOTARIA,NOTARIA 1 BOGOTA,CC,12345678,PEREZ,GOMEZ,JUAN,,1950-01-01,M,COLOMBIA,BOGOTA,BOGOTA D.C.,2015-03-01,,RCDEFUNCION\r\n").bytes());
            rnec_n += 1;
        } else if h < 65 {
            let state = if h < 8 { "CANCELADA POR MUERTE" } else { "VIGENTE" };
            rnec.extend(format!("3,{doc},,,,,,,,,{state},,,,ANI\r\n").bytes());
            rnec_n += 1;
        } else {
            nf.extend(format!("2,{doc},NO ENCONTRADO\r\n").bytes());
            nf_n += 1;
        }
    }
    let control =
        |name: &str, records: usize| format!("1,014-18,2015-05-01,2015-05-31,{n},2015-06-05,{records},{name}\r\n");
    let rnec = [control(rnec_name, rnec_n).into_bytes(), rnec].concat();
    let nf = [control(nf_name, nf_n).into_bytes(), nf].concat();
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(Md5::digest(b));
    let info = format!(
        "{rnec_name},1,014-18,2015-05-01,2015-05-31,{n},2015-06-05,{rnec_n},{},{}\r\n",
        b64(&rnec),
        b64(&nf)
    );
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in [
        (rnec_name, &rnec),
        (nf_name, &nf),
        ("SMC014-1820150601.INFO", &info.into_bytes()),
    ] {
        w.start_file(name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    (query, w.finish().unwrap().into_inner())
}
const RNSE: &str = "REC140RNSE20240131NI000860999123.TXT";

/// A valid denied-services report of `n` records, mixing service types, places and diagnoses.
fn generate_rnse(n: usize) -> Vec<u8> {
    const PLACES: [&str; 12] = [
        "11001", "05001", "76001", "08001", "13001", "68001", "54001", "66001", "17001", "73001", "52001", "50001",
    ];
    const DIAGNOSES: [&str; 8] = ["J459", "E119", "I10X", "K359", "C509", "M545", "F329", "N390"];
    const DOCS: [&str; 4] = ["CC", "TI", "RC", "CE"];
    let mut out = format!("1|NI|860999123|EPS001|2024-01-01|2024-01-31|{n}|RC\r\n").into_bytes();
    for i in 1..=n {
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
        let line = format!(
            "2|{i}|EPS001|NI|900123456|{:012}|{}|{}|{}|RS|{}|19{:02}-0{}-1{}|{}|{}|{}||{service}|{code}|{medicine}|{device}|{}|{}|{reason}\r\n",
            110_010_000_000u64 + (i % 5000) as u64,
            PLACES[i % PLACES.len()],
            DOCS[i % DOCS.len()],
            10_000_000 + i,
            if i % 2 == 0 { "M" } else { "H" },
            30 + i % 70,
            1 + i % 9,
            i % 10,
            1 + i % 5,
            DIAGNOSES[i % DIAGNOSES.len()],
            if i % 3 == 0 { DIAGNOSES[(i / 3) % DIAGNOSES.len()] } else { "" },
            1 + i % 2,
            [1, 2, 7, 101, 205][i % 5],
        );
        out.extend_from_slice(line.as_bytes());
    }
    out
}

/// Best of five in-process checks of `bytes`, printed as MB/s.
fn engine(label: &str, name: &str, bytes: &[u8], records: u64) {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let r = planos_co::check_bytes(name, bytes, planos_core::report::DEFAULT_LIMIT);
        let s = t.elapsed().as_secs_f64();
        assert!(
            r.valid && r.warning_count == 0,
            "the generated file must be clean: {:?}",
            &r.errors[..r.errors.len().min(3)]
        );
        assert_eq!(r.records, records);
        best = best.min(s);
    }
    let mb = bytes.len() as f64 / 1e6;
    println!(
        "{label} {mb:.1} MB  engine {:.0} MB/s ({:.1} ms)",
        mb / best,
        best * 1e3
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--generate-answer") {
        let dir = std::path::Path::new(args.get(i + 1).expect("--generate-answer DIR [N]"));
        let n = args.get(i + 2).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
        let (query, answer) = generate_answer(n);
        std::fs::create_dir_all(dir).expect("create the folder");
        std::fs::write(dir.join(NAME), query).expect("write the query");
        std::fs::write(dir.join(DAT), answer).expect("write the answer");
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--generate-rnse") {
        let path = args.get(i + 1).expect("--generate-rnse PATH [N]");
        let n = args.get(i + 2).and_then(|s| s.parse().ok()).unwrap_or(500_000);
        std::fs::write(path, generate_rnse(n)).expect("write the generated file");
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        let path = args.get(i + 1).expect("--generate PATH [N]");
        let n = args.get(i + 2).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
        std::fs::write(path, generate(n)).expect("write the generated file");
        return;
    }
    let n = 1_000_000;
    engine("smcs-consulta 1e6 rec", NAME, &generate(n), n as u64 + 1);
    let n = 500_000;
    engine("rnse 5e5 rec", RNSE, &generate_rnse(n), n as u64 + 1);
}
