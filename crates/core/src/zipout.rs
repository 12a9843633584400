//! A ZIP archive written as it streams (APPNOTE 6.3.10: local headers, deflated data, data
//! descriptors, central directory), for the Excel workbooks planos writes. The `zip` crate reads
//! the archives planos opens; its writer is not used because, with the features `calamine`
//! turns on, it brings the Zopfli compressor along (about 100 kB of the page's wasm) that a
//! workbook of a few parts never needs. Compression is `flate2`'s, the checksum `crc32fast`'s.

use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::io::{self, Write};

/// A writer that counts what went through it: member offsets and sizes.
struct Counted<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// What the central directory says of a member.
struct Member {
    name: String,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// The member being written.
struct Open<W: Write> {
    deflate: DeflateEncoder<Counted<W>>,
    crc: crc32fast::Hasher,
    size: u64,
    start: u64,
    name: String,
}

enum State<W: Write> {
    Between(Counted<W>),
    In(Box<Open<W>>),
    /// Only while moving from one state to the other, or after a failure.
    Gone,
}

/// A ZIP archive being written: [`ZipOut::start`] a member, write its bytes, start the next,
/// then [`ZipOut::finish`].
pub(crate) struct ZipOut<W: Write> {
    state: State<W>,
    members: Vec<Member>,
}

/// Flags: bit 3, sizes and checksum follow the data (they are known only then).
const FLAGS: u16 = 1 << 3;
/// Version 2.0: deflate.
const VERSION: u16 = 20;
const DEFLATE: u16 = 8;
/// 1980-01-01 00:00 in MS-DOS date and time.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

fn too_big() -> io::Error {
    io::Error::other("el archivo pasa de 4 GB")
}

fn u32_of(n: u64) -> io::Result<u32> {
    u32::try_from(n).map_err(|_| too_big())
}

impl<W: Write> ZipOut<W> {
    pub fn new(out: W) -> Self {
        ZipOut {
            state: State::Between(Counted { inner: out, written: 0 }),
            members: Vec::new(),
        }
    }

    /// Ends the open member, if any: its data descriptor, and its entry for the directory.
    fn close(&mut self) -> io::Result<()> {
        if let State::In(_) = self.state {
            let State::In(open) = std::mem::replace(&mut self.state, State::Gone) else {
                return Ok(());
            };
            let mut out = open.deflate.finish()?;
            let crc = open.crc.finalize();
            let compressed = u32_of(out.written - open.start - 30 - open.name.len() as u64)?;
            let size = u32_of(open.size)?;
            let mut d = Vec::with_capacity(16);
            for v in [0x0807_4b50, crc, compressed, size] {
                d.extend_from_slice(&v.to_le_bytes());
            }
            out.write_all(&d)?;
            self.members.push(Member {
                name: open.name,
                crc,
                compressed,
                size,
                offset: u32_of(open.start)?,
            });
            self.state = State::Between(out);
        }
        Ok(())
    }

    /// Starts member `name`; what is written next is its content.
    pub fn start(&mut self, name: &str) -> io::Result<()> {
        self.close()?;
        let State::Between(mut out) = std::mem::replace(&mut self.state, State::Gone) else {
            return Err(io::Error::other("archivo ZIP ya cerrado"));
        };
        let start = out.written;
        let mut h = Vec::with_capacity(30 + name.len());
        h.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        for v in [VERSION, FLAGS, DEFLATE, DOS_TIME, DOS_DATE] {
            h.extend_from_slice(&v.to_le_bytes());
        }
        h.extend_from_slice(&[0; 12]); // checksum and sizes: in the data descriptor
        h.extend_from_slice(&(name.len() as u16).to_le_bytes());
        h.extend_from_slice(&0u16.to_le_bytes());
        h.extend_from_slice(name.as_bytes());
        out.write_all(&h)?;
        self.state = State::In(Box::new(Open {
            deflate: DeflateEncoder::new(out, Compression::default()),
            crc: crc32fast::Hasher::new(),
            size: 0,
            start,
            name: name.to_string(),
        }));
        Ok(())
    }

    /// Ends the last member and writes the central directory; gives the writer back.
    pub fn finish(mut self) -> io::Result<W> {
        self.close()?;
        let State::Between(mut out) = std::mem::replace(&mut self.state, State::Gone) else {
            return Err(io::Error::other("archivo ZIP ya cerrado"));
        };
        let directory = out.written;
        for m in &self.members {
            let mut e = Vec::with_capacity(46 + m.name.len());
            e.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            for v in [VERSION, VERSION, FLAGS, DEFLATE, DOS_TIME, DOS_DATE] {
                e.extend_from_slice(&v.to_le_bytes());
            }
            for v in [m.crc, m.compressed, m.size] {
                e.extend_from_slice(&v.to_le_bytes());
            }
            // Name length, no extra field, no comment, disk 0, no attributes.
            for v in [m.name.len() as u16, 0, 0, 0, 0] {
                e.extend_from_slice(&v.to_le_bytes());
            }
            e.extend_from_slice(&0u32.to_le_bytes());
            e.extend_from_slice(&m.offset.to_le_bytes());
            e.extend_from_slice(m.name.as_bytes());
            out.write_all(&e)?;
        }
        let count = u16::try_from(self.members.len()).map_err(|_| too_big())?;
        let mut end = Vec::with_capacity(22);
        end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        for v in [0, 0, count, count] {
            end.extend_from_slice(&v.to_le_bytes());
        }
        end.extend_from_slice(&u32_of(out.written - directory)?.to_le_bytes());
        end.extend_from_slice(&u32_of(directory)?.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        out.write_all(&end)?;
        out.flush()?;
        Ok(out.inner)
    }
}

impl<W: Write> Write for ZipOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let State::In(open) = &mut self.state else {
            return Err(io::Error::other("ningún miembro abierto en el archivo ZIP"));
        };
        let n = open.deflate.write(buf)?;
        open.crc.update(&buf[..n]);
        open.size += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.state {
            State::In(open) => open.deflate.flush(),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_zip_crate_reads_back_every_member() {
        let mut z = ZipOut::new(Vec::new());
        z.start("a.txt").unwrap();
        z.write_all(b"hola").unwrap();
        z.start("dir/b.xml").unwrap();
        let big = "<r>fila</r>".repeat(100_000);
        z.write_all(big.as_bytes()).unwrap();
        z.start("empty").unwrap();
        let bytes = z.finish().unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 3);
        let mut read = |name: &str| {
            let mut s = String::new();
            archive.by_name(name).unwrap().read_to_string(&mut s).unwrap();
            s
        };
        assert_eq!(read("a.txt"), "hola");
        assert_eq!(read("dir/b.xml"), big);
        assert_eq!(read("empty"), "");
    }
}
