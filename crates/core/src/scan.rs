//! Reading bytes 16 at a time: where a line ends, where its fields are, and whether it holds
//! anything but the plain characters of section 2. The hot loops over every byte of a file.
//!
//! `wide` compiles each step to one vector instruction: SSE2 in the CLI, WebAssembly SIMD in
//! the page (`.cargo/config.toml` turns it on), a plain loop anywhere else.

use wide::u8x16;

/// The 16 bytes of `bytes` from `from` on, zeros past its end (a zero byte is neither a line
/// end nor a separator of any annex).
#[inline(always)]
fn load(bytes: &[u8], from: usize) -> u8x16 {
    match bytes.get(from..from + 16) {
        Some(b) => u8x16::new(b.try_into().unwrap_or_default()),
        None => {
            let mut tail = [0u8; 16];
            let rest = bytes.get(from..).unwrap_or_default();
            tail[..rest.len()].copy_from_slice(rest);
            u8x16::new(tail)
        }
    }
}

/// Lanes equal to `c`.
#[inline(always)]
fn eq(v: u8x16, c: u8) -> u8x16 {
    v.simd_eq(u8x16::splat(c))
}

/// Lanes from `lo` to `lo + len - 1`.
#[inline(always)]
fn within(v: u8x16, lo: u8, len: u8) -> u8x16 {
    let d = v - u8x16::splat(lo);
    d.min(u8x16::splat(len - 1)).simd_eq(d)
}

/// Bit `i` set for each of the first `n` (at most 16) lanes.
#[inline(always)]
fn first(n: usize) -> u32 {
    (1u32 << n.min(16)) - 1
}

/// Where the first line end (`\n` or `\r`) of `bytes` is. Lines of the annexes are short: the
/// first blocks are looked at here, the rest by memchr, whose setup costs more than a block.
#[inline(always)]
pub fn line_end(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while from < 64 && from < bytes.len() {
        let v = load(bytes, from);
        let ends = (eq(v, b'\n') | eq(v, b'\r')).to_bitmask() & first(bytes.len() - from);
        if ends != 0 {
            return Some(from + ends.trailing_zeros() as usize);
        }
        from += 16;
    }
    memchr::memchr2(b'\n', b'\r', bytes.get(from..)?).map(|i| from + i)
}

/// How many lines end in `bytes`: every `\n`, and every `\r` not followed by one (the line
/// ends [`line_end`] finds, a `\r\n` counted once). The parallel checker numbers its blocks
/// by it, so it must not cost what checking them does.
pub(crate) fn count_line_ends(bytes: &[u8]) -> u64 {
    let mut n = 0;
    let mut base = 0;
    while base < bytes.len() {
        let v = load(bytes, base);
        let keep = first(bytes.len() - base);
        let lf = eq(v, b'\n').to_bitmask() & keep;
        let cr = eq(v, b'\r').to_bitmask() & keep;
        // The byte after each lane: the next lane's, and for the last lane the next block's.
        let next_lf = (lf >> 1) | (u32::from(bytes.get(base + 16) == Some(&b'\n')) << 15);
        n += u64::from(lf.count_ones() + (cr & !next_lf).count_ones());
        base += 16;
    }
    n
}

/// Where the bytes of `line` that are neither plain nor `sep` are, in order (see [`Fields::plain`]).
pub(crate) fn odd_bytes(line: &[u8], sep: u8, mut f: impl FnMut(usize)) {
    let mut base = 0;
    while base < line.len() {
        let v = load(line, base);
        let mut odd = !plain_or(v, sep).to_bitmask() & first(line.len() - base);
        while odd != 0 {
            f(base + odd.trailing_zeros() as usize);
            odd &= odd - 1;
        }
        base += 16;
    }
}

/// Lanes that are an upper-case letter, a digit, a space, '-', '.' or `sep`.
#[inline(always)]
fn plain_or(v: u8x16, sep: u8) -> u8x16 {
    within(v, b'A', 26) | within(v, b'0', 10) | eq(v, b' ') | eq(v, sep) | eq(v, b'-') | eq(v, b'.')
}

/// What [`fields`] found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fields {
    /// How many fields the line has (one more than its separators).
    pub count: usize,
    /// Every byte is an upper-case letter, a digit, a space, '-', '.' or the separator.
    pub plain: bool,
    /// The line has a space.
    pub spaced: bool,
}

/// Splits the line made of the first `len` bytes of `window` at `sep`: stores where each field
/// starts and ends in `ranges` (as many as fit) and says whether the line is plain. The bytes
/// of `window` after the line are read, 16 at a time, but count for nothing.
#[inline(always)]
pub fn fields(window: &[u8], len: usize, sep: u8, ranges: &mut [(u32, u32)]) -> Fields {
    let len = len.min(window.len());
    let (mut count, mut start) = (0usize, 0usize);
    let (mut odd, mut spaced) = (0u32, 0u32);
    let mut base = 0;
    while base < len {
        let v = load(window, base);
        let keep = first(len - base);
        let (space, seps) = (eq(v, b' '), eq(v, sep));
        odd |= !plain_or(v, sep).to_bitmask() & keep;
        spaced |= space.to_bitmask() & keep;
        let mut at = seps.to_bitmask() & keep;
        while at != 0 {
            let i = base + at.trailing_zeros() as usize;
            at &= at - 1;
            if let Some(r) = ranges.get_mut(count) {
                *r = (start as u32, i as u32);
            }
            count += 1;
            start = i + 1;
        }
        base += 16;
    }
    if let Some(r) = ranges.get_mut(count) {
        *r = (start as u32, len as u32);
    }
    Fields {
        count: count + 1,
        plain: odd == 0,
        spaced: spaced != 0,
    }
}

/// Whether `v` holds only ASCII digits (an empty `v` does), 8 bytes at a time: numeric
/// fields and document numbers, checked on every record.
#[inline(always)]
pub fn all_digits(v: &[u8]) -> bool {
    // `x` holds 0–9 in each byte of a digit; any other byte has a high nibble, or carries into
    // it when 6 is added (a carry out of a byte comes only from a byte already found wrong).
    let digits = |w: u64| {
        let x = w ^ 0x3030_3030_3030_3030;
        (x | x.wrapping_add(0x0606_0606_0606_0606)) & 0xF0F0_F0F0_F0F0_F0F0 == 0
    };
    let word = |at: usize| {
        v.get(at..at + 8).map_or(0x3030_3030_3030_3030, |w| {
            u64::from_le_bytes(w.try_into().unwrap_or_default())
        })
    };
    if v.len() < 8 {
        return v.iter().all(u8::is_ascii_digit);
    }
    let mut at = 0;
    while at + 8 < v.len() {
        if !digits(word(at)) {
            return false;
        }
        at += 8;
    }
    // The last 8 bytes, overlapping the word before when the length is not a multiple of 8.
    digits(word(v.len() - 8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The vector split and flags agree with the plain byte-by-byte reading, whatever follows
        /// the line in its window.
        #[test]
        fn fields_agree_with_the_obvious_reading(
            bytes in proptest::collection::vec(prop_oneof![Just(b'|'), Just(b','), Just(b' '), b'A'..=b'Z', any::<u8>()], 0..300),
            after in proptest::collection::vec(any::<u8>(), 0..40),
            pipe in any::<bool>(),
        ) {
            let sep = if pipe { b'|' } else { b',' };
            let window = [bytes.as_slice(), after.as_slice()].concat();
            let mut ranges = [(0u32, 0u32); 64];
            let got = fields(&window, bytes.len(), sep, &mut ranges);
            let split: Vec<&[u8]> = bytes.split(|&b| b == sep).collect();
            prop_assert_eq!(got.count, split.len());
            for (i, f) in split.iter().enumerate().take(ranges.len()) {
                prop_assert_eq!(&bytes[ranges[i].0 as usize..ranges[i].1 as usize], *f);
            }
            // The scalar definition the character reports use, and the separator.
            let is_plain = |b: u8| crate::text::is_plain(b) || b == sep;
            prop_assert_eq!(got.plain, bytes.iter().all(|&b| is_plain(b)));
            prop_assert_eq!(got.spaced, bytes.contains(&b' '));
            let mut odd = Vec::new();
            odd_bytes(&bytes, sep, |i| odd.push(i));
            prop_assert_eq!(odd, (0..bytes.len()).filter(|&i| !is_plain(bytes[i])).collect::<Vec<_>>());
        }

        #[test]
        fn all_digits_is_every_byte_a_digit(
            v in proptest::collection::vec(prop_oneof![8 => b'0'..=b'9', 1 => any::<u8>()], 0..40),
        ) {
            prop_assert_eq!(all_digits(&v), v.iter().all(u8::is_ascii_digit));
        }

        #[test]
        fn count_line_ends_counts_each_lf_and_each_cr_not_before_one(
            bytes in proptest::collection::vec(prop_oneof![1 => Just(b'\n'), 1 => Just(b'\r'), 6 => b'A'..=b'Z'], 0..200),
        ) {
            let ends = (0..bytes.len())
                .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .count();
            prop_assert_eq!(count_line_ends(&bytes), ends as u64);
        }

        #[test]
        fn line_end_is_the_first_line_end(
            bytes in proptest::collection::vec(prop_oneof![1 => Just(b'\n'), 1 => Just(b'\r'), 60 => b'A'..=b'Z'], 0..200),
        ) {
            prop_assert_eq!(line_end(&bytes), bytes.iter().position(|&b| b == b'\n' || b == b'\r'));
        }
    }
}
