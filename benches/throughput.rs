//! Engine throughput on a valid supervivencia query of 1,000,000 records.
//!
//! `cargo bench --bench throughput` prints MB/s of the engine in-process.
//! `cargo bench --bench throughput -- --generate PATH [N]` only writes the file (tools/bench
//! uses it to time the CLI and the page on the same bytes).

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

fn main() {
    let args: Vec<String> = std::env::args().collect();
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
