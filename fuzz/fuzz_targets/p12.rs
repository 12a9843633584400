//! Any bytes as the entity's `.p12`, with any password (the first line of the input): opening it,
//! checking its certificate and signing with it must never panic. Seed the corpus with real
//! `.p12` files (`target/test-pki/*.p12`, password «Prueba-2026») to reach the decryption paths.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planos_sign::Identity;

fuzz_target!(|data: &[u8]| {
    let (password, p12) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (String::from_utf8_lossy(&data[..i]).into_owned(), &data[i + 1..]),
        None => ("Prueba-2026".to_string(), data),
    };
    for bytes in [p12, data] {
        if let Ok(id) = Identity::from_pkcs12(bytes, &password) {
            let _ = id.usable_at(1_800_000_000);
            let _ = id.sign(b"contenido", 1_800_000_000);
        }
    }
});
