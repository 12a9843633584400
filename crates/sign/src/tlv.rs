//! The outer framing of an attached envelope, as X.690 § 8.1 writes it: a DER element's header
//! (tag, definite length). `der` caps lengths at 256 MiB and decodes into owned values; a file
//! to sign or an envelope to open may be larger, and its content is never copied. So the framing
//! around the content is written and read here, and everything inside the framing (certificates,
//! signer infos, attributes) is left to `der`/`cms`.

/// A DER header: short length form below 128, long form above.
pub fn header(tag: u8, len: u64) -> Vec<u8> {
    let mut out = vec![tag];
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (8 - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out
}

/// An element read at some position: its tag, where its value starts and ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element {
    pub tag: u8,
    pub start: usize,
    pub value: usize,
    pub end: usize,
}

/// Reads the header of the element at `at` in `bytes` (which may be only the first part of the
/// whole: the value is not read); the element must end by `limit`. Indefinite lengths (BER) and
/// lengths past the limit are refused, in words.
pub fn element(bytes: &[u8], at: usize, limit: usize) -> Result<Element, String> {
    let short = || "el sobre está incompleto o dañado".to_string();
    let tag = *bytes.get(at).ok_or_else(short)?;
    let first = *bytes.get(at + 1).ok_or_else(short)?;
    let (len, value) = if first < 0x80 {
        (first as u64, at + 2)
    } else if first == 0x80 {
        return Err("el sobre usa longitudes indefinidas (BER), no DER".to_string());
    } else {
        let n = (first & 0x7f) as usize;
        if n > 8 {
            return Err(short());
        }
        let digits = bytes.get(at + 2..at + 2 + n).ok_or_else(short)?;
        (digits.iter().fold(0u64, |acc, &d| (acc << 8) | d as u64), at + 2 + n)
    };
    let end = usize::try_from(len)
        .ok()
        .and_then(|l| value.checked_add(l))
        .filter(|&e| e <= limit)
        .ok_or_else(short)?;
    Ok(Element {
        tag,
        start: at,
        value,
        end,
    })
}

/// Reads the element at `at` and requires its tag.
pub fn expect(bytes: &[u8], at: usize, limit: usize, tag: u8, what: &str) -> Result<Element, String> {
    let e = element(bytes, at, limit)?;
    if e.tag != tag {
        return Err(format!("el sobre no tiene la forma de un CMS firmado ({what})"));
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_round_trip_at_every_length_form() {
        for len in [1u64, 127, 128, 255, 256, 65_535, 65_536, 300 << 20, 5 << 30] {
            let h = header(0x04, len);
            let mut bytes = h.clone();
            let end = h.len() + len as usize;
            let e = element(&bytes, 0, end).unwrap();
            assert_eq!((e.tag, e.value, e.end), (0x04, h.len(), end));
            assert!(element(&bytes, 0, end - 1).is_err(), "past the limit");
            bytes.truncate(1);
            assert!(element(&bytes, 0, end).is_err(), "a header cut short");
        }
        assert!(element(&[0x30, 0x80, 0, 0], 0, 4).is_err(), "indefinite");
        assert!(element(&[0x30, 0x89, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0, 11).is_err());
        assert!(element(&[0x30], 0, 1).is_err());
    }
}
