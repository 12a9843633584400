//! Reading ZIP archives defensively: every defect becomes a Spanish message, never a panic;
//! members are streamed in chunks with a cap on their total size and their compression ratio
//! (ZIP bombs), and nothing is ever written to disk.

use std::io::{Read, Seek};
use zip::ZipArchive;

/// Bytes handed to the caller at a time.
const CHUNK: usize = 1 << 20;

/// How much an archive may expand.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Total uncompressed bytes of all members read.
    pub max_total: u64,
    /// Uncompressed / compressed ratio of one member (text compresses about 10:1).
    pub max_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_total: 4 << 30,
            max_ratio: 1000,
        }
    }
}

/// What the central directory says about a member.
#[derive(Debug, Clone)]
pub struct Member {
    pub index: usize,
    pub name: String,
    pub size: u64,
    pub compressed: u64,
    pub encrypted: bool,
    pub is_dir: bool,
}

impl Member {
    /// The name tries to leave the folder it would be extracted to (`..`, absolute paths).
    pub fn escapes(&self) -> bool {
        let n = self.name.replace('\\', "/");
        n.starts_with('/') || n.split('/').any(|p| p == "..") || n.as_bytes().get(1) == Some(&b':')
    }

    /// The last component of the member's name.
    pub fn base_name(&self) -> &str {
        crate::names::base_name(&self.name)
    }
}

/// True when `head` starts like a ZIP archive (a local file header or an empty archive).
pub fn looks_like_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06")
}

/// Opens an archive and lists its members.
pub fn open<R: Read + Seek>(reader: R) -> Result<(ZipArchive<R>, Vec<Member>), String> {
    let mut zip = ZipArchive::new(reader).map_err(|e| format!("no se pudo abrir como ZIP: {}", describe(&e)))?;
    let mut members = Vec::with_capacity(zip.len());
    for index in 0..zip.len() {
        let f = zip
            .by_index_raw(index)
            .map_err(|e| format!("el miembro n.º {} está dañado: {}", index + 1, describe(&e)))?;
        members.push(Member {
            index,
            name: f
                .name()
                .map(|n| n.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(f.name_raw()).into_owned()),
            size: f.size(),
            compressed: f.compressed_size(),
            encrypted: f.encrypted(),
            is_dir: f.is_dir(),
        });
    }
    Ok((zip, members))
}

/// Streams a member's uncompressed bytes to `f` in chunks; stops with an error past the limits.
/// `used` is the running total of uncompressed bytes already read from this archive.
pub fn stream<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    member: &Member,
    limits: Limits,
    used: &mut u64,
    f: &mut dyn FnMut(&[u8]),
) -> Result<(), String> {
    if member.encrypted {
        return Err("está cifrado con contraseña; planos no abre miembros cifrados".to_string());
    }
    let mut file = zip.by_index(member.index).map_err(|e| describe(&e))?;
    let ratio_cap = member.compressed.max(1).saturating_mul(limits.max_ratio);
    let mut buf = vec![0u8; CHUNK];
    let mut read = 0u64;
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| format!("no se pudo descomprimir: {e}"))?;
        if n == 0 {
            return Ok(());
        }
        read += n as u64;
        *used += n as u64;
        if read > ratio_cap && read > CHUNK as u64 {
            return Err(format!(
                "se expande más de {} veces su tamaño comprimido ({} bytes): parece una «bomba ZIP» y no se sigue leyendo",
                limits.max_ratio, member.compressed
            ));
        }
        if *used > limits.max_total {
            return Err(format!(
                "el archivo descomprimido supera {} GiB: no se sigue leyendo",
                limits.max_total >> 30
            ));
        }
        f(&buf[..n]);
    }
}

/// Reads a whole member into memory (for small members and nested archives), within the limits.
pub fn read_all<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    member: &Member,
    limits: Limits,
    used: &mut u64,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    stream(zip, member, limits, used, &mut |b| out.extend_from_slice(b))?;
    Ok(out)
}

fn describe(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError::*;
    match e {
        Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "el archivo está truncado (se acaba antes de tiempo)".to_string()
        }
        Io(io) => format!("error de lectura: {io}"),
        InvalidArchive(why) => format!("no es un ZIP válido o está truncado ({why})"),
        UnsupportedArchive(why) => format!("ZIP no soportado ({why})"),
        CompressionMethodNotSupported(m) => format!("método de compresión {m} no soportado"),
        InvalidPassword => "contraseña incorrecta".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn zip_of(name: &str, bytes: &[u8]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        w.start_file(name, opts).unwrap();
        w.write_all(bytes).unwrap();
        w.finish().unwrap().into_inner()
    }

    fn stream_with(limits: Limits, bytes: &[u8]) -> Result<u64, String> {
        let (mut zip, members) = open(Cursor::new(zip_of("a.txt", bytes)))?;
        let mut used = 0;
        let mut got = 0u64;
        stream(&mut zip, &members[0], limits, &mut used, &mut |b| got += b.len() as u64)?;
        Ok(got)
    }

    /// Text-like bytes that compress as real records do, not as a bomb.
    fn text(len: usize) -> Vec<u8> {
        let mut x = 12345u32;
        (0..len)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                b"ABCDEFGHIJ0123456789,\n"[(x >> 16) as usize % 22]
            })
            .collect()
    }

    #[test]
    fn members_stream_whole() {
        assert_eq!(stream_with(Limits::default(), &text(3 << 20)), Ok(3 << 20));
    }

    #[test]
    fn a_zip_bomb_is_stopped_by_its_ratio() {
        let zeros = vec![0u8; 4 << 20];
        let err = stream_with(
            Limits {
                max_ratio: 50,
                ..Limits::default()
            },
            &zeros,
        )
        .unwrap_err();
        assert!(err.contains("bomba ZIP"), "{err}");
    }

    #[test]
    fn the_total_size_is_capped() {
        let err = stream_with(
            Limits {
                max_total: 1 << 20,
                ..Limits::default()
            },
            &text(3 << 20),
        )
        .unwrap_err();
        assert!(err.contains("supera"), "{err}");
    }

    #[test]
    fn escaping_names() {
        let m = |name: &str| Member {
            index: 0,
            name: name.into(),
            size: 0,
            compressed: 0,
            encrypted: false,
            is_dir: false,
        };
        assert!(m("../x").escapes() && m("/etc/x").escapes() && m("a\\..\\x").escapes() && m("C:\\x").escapes());
        assert!(!m("SMC014-1820150601RNEC").escapes() && !m("dir/SMC.INFO").escapes());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(open(Cursor::new(b"PK\x03\x04garbage".to_vec())).is_err());
        assert!(open(Cursor::new(Vec::new())).is_err());
    }
}
