//! The worker's side of «Firmar»: the entity's `.p12` opened with its password and its certificate
//! checked at the browser's clock ([`open`]: who would sign, told before anything is signed);
//! then, once the user confirms ([`sign`]), the content hashed in slices and the `.p7z` made as a `Blob`
//! of `header ‖ content ‖ trailer` (a checked file's `File` goes in as itself, never copied; a
//! built or repaired file's bytes once, out of wasm memory, as every download). Contract: the
//! identity, the `.p12`'s bytes and the password live only for the call, and are overwritten
//! before they are freed; each failure is a Spanish sentence a user can act on.

use crate::protocol::{Signer, Signing};
use crate::reader::why;
use planos_sign::{Identity, TrustStore};
use wasm_bindgen::JsValue;
use web_sys::{Blob, BlobPropertyBag, File, FileReaderSync};

/// Bytes of a checked file read at a time to hash it.
const SLICE: u64 = 4 << 20;

/// A `.p12` larger than this is not one (they are a few kB).
const MAX_P12: f64 = 1_048_576.0;

/// What is signed: a browser `File` (read in slices), or bytes the worker holds.
pub enum Content<'a> {
    File(&'a File),
    Bytes(&'a [u8]),
}

/// The browser's clock, in seconds since 1970 (WebAssembly has no `SystemTime::now`).
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Opens the `.p12` `p12` with `password` and checks that it may sign now: the identity, and
/// who it names. The password and the `.p12`'s bytes are overwritten before this returns.
pub fn open(p12: &File, password: String) -> Result<(Identity, Signer), String> {
    let mut password = password.into_bytes();
    let mut bytes = read_p12(p12);
    let identity = match &bytes {
        Ok(b) => {
            Identity::from_pkcs12(b, std::str::from_utf8(&password).unwrap_or_default()).map_err(|e| e.to_string())
        }
        Err(why) => Err(why.clone()),
    };
    wipe(&mut password);
    if let Ok(b) = bytes.as_mut() {
        wipe(b);
    }
    let identity = identity?;
    let warning = identity.usable_at(now()).map_err(|e| e.to_string())?;
    let holder = identity.holder();
    let signer = Signer {
        signer: holder.describe(),
        validity: holder.validity_in_prose(),
        warning,
    };
    Ok((identity, signer))
}

/// Signs `content`, saved as `name`.p7z, with `identity` (dropped when done).
pub fn sign(name: &str, content: Content<'_>, identity: Identity, signer: Signer) -> Result<Signing, String> {
    let at = now();
    identity.usable_at(at).map_err(|e| e.to_string())?;
    let mut hasher = identity.content_hasher();
    let len = match content {
        Content::Bytes(b) => {
            hasher.update(b);
            b.len() as u64
        }
        Content::File(f) => {
            let unreadable = |e: JsValue| format!("El navegador no pudo leer «{name}»: {}", why(&e));
            let reader = FileReaderSync::new().map_err(unreadable)?;
            let size = f.size() as u64;
            let mut chunk = Vec::new();
            let mut at = 0;
            while at < size {
                let end = size.min(at + SLICE);
                let slice = f.slice_with_f64_and_f64(at as f64, end as f64).map_err(unreadable)?;
                let buffer = reader.read_as_array_buffer(&slice).map_err(unreadable)?;
                let view = js_sys::Uint8Array::new(&buffer);
                chunk.resize(view.length() as usize, 0);
                view.copy_to(&mut chunk);
                hasher.update(&chunk);
                at = end;
            }
            size
        }
    };
    let frame = identity
        .frame(&hasher.finish(), len, at)
        .map_err(|e| format!("No se pudo firmar: {e}"))?;
    drop(identity);
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(frame.header.as_slice()));
    match content {
        Content::Bytes(b) => parts.push(&js_sys::Uint8Array::from(b)),
        Content::File(f) => parts.push(f),
    };
    parts.push(&js_sys::Uint8Array::from(frame.trailer.as_slice()));
    let options = BlobPropertyBag::new();
    options.set_type("application/pkcs7-mime");
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "El navegador no pudo crear el archivo firmado".to_string())?;
    Ok(Signing {
        signer: signer.signer,
        validity: signer.validity,
        warning: signer.warning,
        name: format!("{name}.p7z"),
        blob,
    })
}

/// The `.p12`'s bytes, or why they cannot be read.
fn read_p12(p12: &File) -> Result<Vec<u8>, String> {
    if p12.size() > MAX_P12 {
        return Err(format!(
            "«{}» no parece un certificado .p12 o .pfx: pesa demasiado",
            p12.name()
        ));
    }
    let unreadable = |e: JsValue| format!("El navegador no pudo leer el certificado: {}", why(&e));
    let reader = FileReaderSync::new().map_err(unreadable)?;
    let buffer = reader.read_as_array_buffer(p12).map_err(unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Overwrites a secret before it is freed (freed memory is not wiped in WebAssembly).
fn wipe(secret: &mut [u8]) {
    secret.fill(0);
    std::hint::black_box(secret);
}

/// The certification authorities a check trusts: the accredited ones and those the user added
/// (a certificate that no longer reads is left out).
pub fn trust_store(added: &[Vec<u8>]) -> TrustStore {
    let mut store = TrustStore::accredited();
    for der in added {
        let _ = store.add(der);
    }
    store
}
