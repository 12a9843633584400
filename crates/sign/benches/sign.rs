//! Signing and opening throughput on a 200 MB content (`cargo bench -p planos-sign`): the
//! content hashed in 2 MiB chunks and framed, as the CLI and the page sign; then the whole
//! envelope opened and verified. Best of 5; the test PKI is made with openssl in target/.

use planos_sign::{open, Identity, TrustStore};
use planos_testkit::pki::{Pki, PASSWORD};
use std::time::Instant;

fn best<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = None;
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed().as_secs_f64());
        out = Some(r);
    }
    (best, out.unwrap())
}

fn main() {
    let mb: usize = std::env::var("MB").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let pki = Pki::make(&planos_testkit::repo_root().join("target/test-pki"));
    let content: Vec<u8> = (0..mb * 1_000_000)
        .map(|i| b"0123456789|ABCDEFGH\r\n"[i % 21])
        .collect();
    for p12 in ["modern.p12", "ec.p12"] {
        let id = Identity::from_pkcs12(&pki.bytes(p12), PASSWORD).unwrap();
        let (secs, frame) = best(|| {
            let mut h = id.content_hasher();
            for chunk in content.chunks(2 << 20) {
                h.update(chunk);
            }
            id.frame(&h.finish(), content.len() as u64, 1_800_000_000).unwrap()
        });
        println!(
            "sign {p12}: {mb} MB in {:.0} ms ({:.0} MB/s), frame {} + {} bytes",
            secs * 1000.0,
            mb as f64 / secs,
            frame.header.len(),
            frame.trailer.len()
        );
        let mut whole = frame.header.clone();
        whole.extend_from_slice(&content);
        whole.extend_from_slice(&frame.trailer);
        let store = TrustStore::accredited();
        let (secs, opened) = best(|| open(&whole, &store, 1_800_000_000).unwrap());
        assert!(opened.signature.is_ok());
        println!(
            "open and verify {p12}: {mb} MB in {:.0} ms ({:.0} MB/s)",
            secs * 1000.0,
            mb as f64 / secs
        );
    }
}
