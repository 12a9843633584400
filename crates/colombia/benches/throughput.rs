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
//! The files are planos-testkit's (`generate`).

use planos_testkit::{generate, DAT, QUERY};
use std::time::Instant;

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
        let (query, answer) = generate::answer(n);
        std::fs::create_dir_all(dir).expect("create the folder");
        std::fs::write(dir.join(QUERY), query).expect("write the query");
        std::fs::write(dir.join(DAT), answer).expect("write the answer");
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--generate-rnse") {
        let path = args.get(i + 1).expect("--generate-rnse PATH [N]");
        let n = args.get(i + 2).and_then(|s| s.parse().ok()).unwrap_or(500_000);
        std::fs::write(path, generate::rnse(n)).expect("write the generated file");
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        let path = args.get(i + 1).expect("--generate PATH [N]");
        let n = args.get(i + 2).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
        std::fs::write(path, generate::query(n)).expect("write the generated file");
        return;
    }
    let n = 1_000_000;
    engine("smcs-consulta 1e6 rec", QUERY, &generate::query(n), n as u64 + 1);
    let n = 500_000;
    engine("rnse 5e5 rec", generate::RNSE, &generate::rnse(n), n as u64 + 1);
}
