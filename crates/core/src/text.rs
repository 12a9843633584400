//! Bytes → lines, and the character rules of section 2 ("Características de los archivos planos").
//!
//! Files are read as bytes and never decoded whole: valid files are plain ASCII, and only a
//! byte that breaks a rule is decoded (Windows-1252, or UTF-8 when it forms a UTF-8 sequence)
//! to name it in the message. CRLF, LF and CR alone all end a line (section 2, rule l).

use encoding_rs::WINDOWS_1252;

/// The UTF-8 byte-order mark.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// The MS-DOS end-of-file character (Ctrl-Z).
pub(crate) const EOF_CHAR: u8 = 0x1A;
/// A line longer than this is not kept whole; no record of any annex comes close.
pub const MAX_LINE: usize = 64 * 1024;

/// One physical line, without its terminator.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// 1-based physical line number.
    pub number: u64,
    pub bytes: &'a [u8],
    /// `bytes` and what follows them in the same buffer, so the line can be read 16 bytes at a
    /// time ([`crate::scan`]) without a copy.
    pub window: &'a [u8],
    /// The line was longer than [`MAX_LINE`]; `bytes` holds its beginning.
    pub overflow: bool,
}

/// Splits a stream of chunks into lines, whatever the chunk boundaries.
#[derive(Debug, Default)]
pub(crate) struct LineSplitter {
    carry: Vec<u8>,
    carry_overflow: bool,
    next_line: u64,
    after_cr: bool,
}

impl LineSplitter {
    pub fn new() -> Self {
        Self::starting_at(1)
    }

    /// A splitter whose first line is line `number` (a block cut from the middle of a file).
    pub(crate) fn starting_at(number: u64) -> Self {
        LineSplitter {
            next_line: number,
            ..Default::default()
        }
    }

    /// The number the next line will get.
    pub(crate) fn next_line(&self) -> u64 {
        self.next_line
    }

    /// Skips `lines` lines that were read elsewhere (in blocks), between two chunks fed here.
    pub fn skip(&mut self, lines: u64) {
        self.next_line += lines;
    }

    /// Feeds the next chunk; calls `f` for every line it completes.
    pub fn feed(&mut self, mut chunk: &[u8], f: &mut impl FnMut(Line<'_>)) {
        if chunk.is_empty() {
            return;
        }
        if self.after_cr {
            self.after_cr = false;
            if chunk[0] == b'\n' {
                chunk = &chunk[1..];
            }
        }
        while let Some(i) = crate::scan::line_end(chunk) {
            if self.carry.is_empty() && !self.carry_overflow {
                let number = self.next_line;
                self.next_line += 1;
                let overflow = i > MAX_LINE;
                f(Line {
                    number,
                    bytes: &chunk[..i.min(MAX_LINE)],
                    window: chunk,
                    overflow,
                });
            } else {
                self.push_carry(&chunk[..i]);
                self.emit_carry(f);
            }
            let crlf = chunk[i] == b'\r';
            chunk = &chunk[i + 1..];
            if crlf {
                match chunk.first() {
                    Some(b'\n') => chunk = &chunk[1..],
                    None => self.after_cr = true,
                    _ => {}
                }
            }
        }
        self.push_carry(chunk);
    }

    /// Ends the stream: a last line without terminator is still a line.
    pub fn finish(&mut self, f: &mut impl FnMut(Line<'_>)) {
        if !self.carry.is_empty() || self.carry_overflow {
            self.emit_carry(f);
        }
    }

    /// Hands the carried line to `f` and starts a new one.
    fn emit_carry(&mut self, f: &mut impl FnMut(Line<'_>)) {
        let number = self.next_line;
        self.next_line += 1;
        f(Line {
            number,
            bytes: &self.carry,
            window: &self.carry,
            overflow: self.carry_overflow,
        });
        self.carry.clear();
        self.carry_overflow = false;
    }

    fn push_carry(&mut self, bytes: &[u8]) {
        let room = MAX_LINE.saturating_sub(self.carry.len());
        if bytes.len() > room {
            self.carry_overflow = true;
        }
        self.carry.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }
}

/// A character that breaks section 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CharProblem {
    /// A non-ASCII character written as UTF-8 (rule b: the file must be ANSI).
    Utf8(char),
    /// A lower-case letter (rule c).
    Lowercase(char),
    /// An accented letter (rule c: "sin tildes").
    Accent(char),
    /// A quote of any kind (rule f).
    Quote(char),
    /// A tab or another common separator where only the annex's separator may separate (rule d).
    Separator(char),
    /// The end-of-file character (rule l).
    EofChar,
    /// A control character or another special character (rule c).
    Special(char),
}

/// How a byte is classed, decided once per byte value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Upper-case letter, digit, space, '-', '.'.
    Plain,
    /// Other printable ASCII punctuation: special, except in free text or where a field's type judges it.
    Punct,
    Other,
}

/// Upper-case letter, digit, space, '-' or '.': the bytes a line of an annex file is made of.
#[inline(always)]
pub const fn is_plain(c: u8) -> bool {
    (c.wrapping_sub(b'A') < 26) | (c.wrapping_sub(b'0') < 10) | (c == b' ') | (c == b'-') | (c == b'.')
}

const fn class_table() -> [Class; 256] {
    let mut t = [Class::Other; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if is_plain(c) {
            Class::Plain
        } else if c.is_ascii_punctuation() && c != b'"' && c != b'\'' && c != b';' && c != b'|' && c != b'`' {
            Class::Punct
        } else {
            Class::Other
        };
        b += 1;
    }
    t
}

static CLASS: [Class; 256] = class_table();

/// The character problems of one field, each kind reported once, in order of appearance.
/// `punct_ok`: ASCII punctuation such as '/' or ',' is left to the field's type check
/// (dates, numbers) or allowed (free text).
pub(crate) fn char_problems(field: &[u8], punct_ok: bool) -> Vec<CharProblem> {
    let mut out: Vec<CharProblem> = Vec::new();
    let mut push = |p: CharProblem| {
        if !out
            .iter()
            .any(|q| std::mem::discriminant(q) == std::mem::discriminant(&p))
        {
            out.push(p);
        }
    };
    let mut i = 0;
    while i < field.len() {
        let b = field[i];
        if b < 0x80 {
            let c = b as char;
            match CLASS[b as usize] {
                Class::Plain => {}
                Class::Punct if punct_ok => {}
                _ => push(match b {
                    b'a'..=b'z' => CharProblem::Lowercase(c),
                    b'"' | b'\'' | b'`' => CharProblem::Quote(c),
                    b'\t' | b';' | b'|' => CharProblem::Separator(c),
                    EOF_CHAR => CharProblem::EofChar,
                    _ => CharProblem::Special(c),
                }),
            }
            i += 1;
            continue;
        }
        if let Some((c, len)) = utf8_char(&field[i..]) {
            push(CharProblem::Utf8(c));
            i += len;
            continue;
        }
        let c = cp1252_char(b);
        push(match c {
            'Á' | 'É' | 'Í' | 'Ó' | 'Ú' | 'À' | 'È' | 'Ì' | 'Ò' | 'Ù' | 'Ä' | 'Ë' | 'Ï' | 'Ö' | 'Ü' | 'Â' | 'Ê'
            | 'Î' | 'Ô' | 'Û' => CharProblem::Accent(c),
            c if c.is_lowercase() => CharProblem::Lowercase(c),
            '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '«' | '»' => CharProblem::Quote(c),
            _ => CharProblem::Special(c),
        });
        i += 1;
    }
    out
}

/// A multi-byte UTF-8 character at the start of `bytes`, with its length.
fn utf8_char(bytes: &[u8]) -> Option<(char, usize)> {
    let len = match bytes[0] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let s = std::str::from_utf8(bytes.get(..len)?).ok()?;
    s.chars().next().map(|c| (c, len))
}

/// The character a single Windows-1252 byte stands for.
pub(crate) fn cp1252_char(b: u8) -> char {
    let (s, _) = WINDOWS_1252.decode_without_bom_handling(std::slice::from_ref(&b));
    s.chars().next().unwrap_or('\u{FFFD}')
}

/// Text as Windows-1252 bytes, the ANSI the annexes ask for (section 2, literal b); a character
/// Windows-1252 lacks becomes '?', which the checks then name. The 32 characters of 0x80–0x9F
/// come from encoding_rs's own decoder: its generic encoder would bring every encoding's tables
/// into the page (10 kB of gzip).
pub fn to_ansi(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    push_ansi(&mut out, text);
    out
}

/// [`to_ansi`] at the end of `out`.
pub fn push_ansi(out: &mut Vec<u8>, text: &str) {
    static HIGH: std::sync::OnceLock<[char; 32]> = std::sync::OnceLock::new();
    if text.is_ascii() {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    let high = HIGH.get_or_init(|| std::array::from_fn(|i| cp1252_char(0x80 + i as u8)));
    let byte = |c: char| match u32::from(c) {
        n @ (0..0x80 | 0xA0..0x100) => n as u8,
        _ => high.iter().position(|&h| h == c).map_or(b'?', |i| 0x80 + i as u8),
    };
    out.extend(text.chars().map(byte));
}

/// Text from bytes: UTF-8 when they are valid UTF-8, else Windows-1252 (the annexes' ANSI, and
/// what Excel writes as "CSV" on Spanish Windows).
pub fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// Letters with accents and what they become without them.
const PLAIN: &[(&str, char)] = &[
    ("ÁÀÂÄ", 'A'),
    ("ÉÈÊË", 'E'),
    ("ÍÌÎÏ", 'I'),
    ("ÓÒÔÖ", 'O'),
    ("ÚÙÛÜ", 'U'),
    ("Ñ", 'N'),
    ("áàâä", 'a'),
    ("éèêë", 'e'),
    ("íìîï", 'i'),
    ("óòôö", 'o'),
    ("úùûü", 'u'),
    ("ñ", 'n'),
];

/// The character without its accent (`Á` → `A`, `ñ` → `n`), or itself.
pub fn plain(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    PLAIN
        .iter()
        .find(|(with, _)| with.contains(c))
        .map_or(c, |&(_, without)| without)
}

/// A character as searches and titles compare it: without its accent, in lower case.
pub fn fold_char(c: char) -> char {
    plain(c).to_ascii_lowercase()
}

/// How to show a value to a person: [`decode`]d, control characters made visible, shortened
/// past 80 characters.
pub fn display(bytes: &[u8]) -> String {
    let text = decode(bytes);
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == 80 {
            out.push('…');
            break;
        }
        match c {
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// How to name a character in a message.
pub fn describe(c: char) -> String {
    match c {
        '\t' => "tabulación".to_string(),
        ' ' => "espacio".to_string(),
        c if c.is_control() => format!("carácter de control 0x{:02X}", c as u32),
        c => format!("«{c}»"),
    }
}

/// The months' names in Spanish, for people (January first).
pub const MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// A count as people write it in Colombia and Argentina: groups of three digits split by a
/// no-break space from five digits on (`12 345`, `500 000`; `2500` stays whole, as the RAE
/// writes four-digit numbers), so neither reading of `.` and `,` can mistake it.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    if digits.len() < 5 {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{A0}');
        }
        out.push(d);
    }
    out
}

/// The `chrono` format of a date in prose, `31/01/2020` (ISO stays in files and the JSON).
pub const PROSE_DATE: &str = "%d/%m/%Y";

/// An ISO date (`2020-01-31`) as people write it in prose (`31/01/2020`); anything else as
/// it is.
pub fn day_month_year(iso: &str) -> std::borrow::Cow<'_, str> {
    let b = iso.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if shaped {
        std::borrow::Cow::Owned(format!("{}/{}/{}", &iso[8..10], &iso[5..7], &iso[..4]))
    } else {
        std::borrow::Cow::Borrowed(iso)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn counts_and_dates_as_people_write_them() {
        let cases = [
            (0, "0"),
            (2500, "2500"),
            (12_345, "12\u{A0}345"),
            (500_000, "500\u{A0}000"),
        ];
        for (n, want) in cases {
            assert_eq!(thousands(n), want);
        }
        assert_eq!(thousands(10_000_000), "10\u{A0}000\u{A0}000");
        assert_eq!(day_month_year("2020-01-31"), "31/01/2020");
        assert_eq!(day_month_year("2020-1-31"), "2020-1-31");
    }
    use super::*;

    fn lines(chunks: &[&[u8]]) -> Vec<(u64, Vec<u8>)> {
        let mut out = Vec::new();
        let mut s = LineSplitter::new();
        let mut f = |l: Line<'_>| out.push((l.number, l.bytes.to_vec()));
        for c in chunks {
            s.feed(c, &mut f);
        }
        s.finish(&mut f);
        out
    }

    #[test]
    fn ansi_is_what_encoding_rs_writes_for_every_windows_1252_character() {
        let every: Vec<u8> = (0..=255).collect();
        let text = WINDOWS_1252.decode_without_bom_handling(&every).0;
        assert_eq!(to_ansi(&text), every);
        assert_eq!(to_ansi(&text), WINDOWS_1252.encode(&text).0.as_ref());
        assert_eq!(to_ansi("PEÑA €5 😀"), b"PE\xD1A \x805 ?");
    }

    #[test]
    fn crlf_lf_and_cr_all_end_a_line() {
        let got = lines(&[b"a\r\nb\nc\rd"]);
        let want: Vec<(u64, Vec<u8>)> = vec![
            (1, b"a".to_vec()),
            (2, b"b".to_vec()),
            (3, b"c".to_vec()),
            (4, b"d".to_vec()),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn crlf_split_across_chunks_is_one_terminator() {
        assert_eq!(lines(&[b"ab\r", b"\ncd\r\n"]), lines(&[b"ab\r\ncd\r\n"]));
        assert_eq!(lines(&[b"a", b"b", b"\r", b"\n", b"c"]).len(), 2);
    }

    #[test]
    fn a_final_terminator_adds_no_line_but_two_add_an_empty_one() {
        assert_eq!(lines(&[b"a\r\n"]).len(), 1);
        assert_eq!(lines(&[b"a\r\n\r\n"]), vec![(1, b"a".to_vec()), (2, vec![])]);
    }

    #[test]
    fn huge_lines_are_cut_not_kept() {
        let big = vec![b'A'; MAX_LINE * 3];
        let mut s = LineSplitter::new();
        let mut seen = Vec::new();
        s.feed(&big, &mut |l: Line<'_>| seen.push((l.bytes.len(), l.overflow)));
        s.feed(b"\nB", &mut |l: Line<'_>| seen.push((l.bytes.len(), l.overflow)));
        s.finish(&mut |l: Line<'_>| seen.push((l.bytes.len(), l.overflow)));
        assert_eq!(seen, vec![(MAX_LINE, true), (1, false)]);
    }

    #[test]
    fn character_classes() {
        assert_eq!(char_problems(b"ABC 12-3.", false), vec![]);
        assert_eq!(char_problems(b"abc", false), vec![CharProblem::Lowercase('a')]);
        assert_eq!(char_problems(b"P\xC9REZ", false), vec![CharProblem::Accent('É')]);
        assert_eq!(char_problems("PÉREZ".as_bytes(), false), vec![CharProblem::Utf8('É')]);
        assert_eq!(char_problems(b"PE\xD1A", false), vec![CharProblem::Special('Ñ')]);
        assert_eq!(char_problems(b"\"CC\"", false), vec![CharProblem::Quote('"')]);
        assert_eq!(char_problems(b"A\tB", false), vec![CharProblem::Separator('\t')]);
        assert_eq!(char_problems(b"A;B", false), vec![CharProblem::Separator(';')]);
        assert_eq!(char_problems(b"A\x1A", false), vec![CharProblem::EofChar]);
        assert_eq!(char_problems(b"A/B", false), vec![CharProblem::Special('/')]);
        assert_eq!(char_problems(b"A/B", true), vec![]);
    }

    #[test]
    fn display_shows_what_a_person_would_see() {
        assert_eq!(display(b"P\xC9REZ"), "PÉREZ");
        assert_eq!(display("PÉREZ".as_bytes()), "PÉREZ");
        assert_eq!(display(b"A\tB"), "A\\tB");
    }

    proptest::proptest! {
        /// The count the parallel checker numbers its blocks by is the splitter's own.
        #[test]
        fn count_line_ends_counts_what_the_splitter_splits(
            mut bytes in proptest::collection::vec(proptest::prop_oneof![1 => proptest::strategy::Just(b'\n'), 1 => proptest::strategy::Just(b'\r'), 8 => b'A'..=b'Z'], 0..200),
        ) {
            bytes.push(b'\n');
            let mut splitter = LineSplitter::new();
            let mut lines = 0u64;
            splitter.feed(&bytes, &mut |_| lines += 1);
            splitter.finish(&mut |_| lines += 1);
            proptest::prop_assert_eq!(crate::scan::count_line_ends(&bytes), lines);
            proptest::prop_assert_eq!(splitter.next_line(), lines + 1);
        }
    }
}
