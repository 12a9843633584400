//! Engine throughput on a valid supervivencia query of 1,000,000 records.
//!
//! `cargo bench --bench throughput` prints MB/s of the engine in-process.
//! `cargo bench --bench throughput -- --generate PATH [N]` only writes the file (tools/bench
//! uses it to time the CLI and the page on the same bytes).
//! `cargo bench --bench throughput -- --generate-answer DIR [N]` writes a query of N people and
//! its answer archive (5% in the civil death register, 60% in the identification archive, the
//! rest not found) into DIR.

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
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        let path = args.get(i + 1).expect("--generate PATH [N]");
        let n = args.get(i + 2).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
        std::fs::write(path, generate(n)).expect("write the generated file");
        return;
    }
    let n = 1_000_000;
    let bytes = generate(n);
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let r = planos::check_bytes(NAME, &bytes, planos::report::DEFAULT_LIMIT);
        let s = t.elapsed().as_secs_f64();
        assert!(
            r.valid,
            "the generated file must be valid: {:?}",
            &r.errors[..r.errors.len().min(3)]
        );
        assert_eq!(r.records, n as u64 + 1);
        best = best.min(s);
    }
    let mb = bytes.len() as f64 / 1e6;
    println!(
        "smcs-consulta 1e6 rec {mb:.1} MB  engine {:.0} MB/s ({:.1} ms)",
        mb / best,
        best * 1e3
    );
}
