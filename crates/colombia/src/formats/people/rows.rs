//! The answered people as compact columns, given back a row at a time.

use super::*;

/// Rows of [`People`] that share one base offset into its text.
pub(super) const CHUNK_BITS: u32 = 14;

/// One row per answered person, as compact columns: the outcome and member (a byte), the
/// state (interned), the line, the document as a packed key, and the rest — death date, name,
/// and a document that does not pack — in one shared text. About 21 bytes a person beside
/// the text (see [`People::heap_bytes`]). [`People::row`] gives a row back as a [`PersonRow`],
/// equal to the one it was made from.
#[derive(Debug, Default)]
pub struct People {
    types: Vec<[u8; 2]>,
    members: Vec<String>,
    states: Vec<String>,
    state_ids: HashMap<String, u32>,
    /// Outcome (bits 0..2) and member (bits 2..8) of each row.
    kind: Vec<u8>,
    state: Vec<u32>,
    /// The line, or `u32::MAX` for one in `long_lines`.
    line: Vec<u32>,
    long_lines: HashMap<u32, u64>,
    /// The packed document, 0 when it is in the text.
    doc: Vec<u64>,
    /// Where each row's text starts in its chunk's block of `text` (a block per 2^14 rows, so
    /// the text grows without ever being copied whole).
    start: Vec<u32>,
    /// Each row's text: the death date's length (LEB128) and the date; for a document that
    /// does not pack, the type and the number the same way; then the name, to the next row's.
    text: Vec<Vec<u8>>,
}

/// An answered person as [`People::push`] takes them.
pub struct NewRow<'a> {
    /// The document type and number as the answer writes them.
    pub doc_type: &'a [u8],
    pub number: &'a [u8],
    pub outcome: Outcome,
    pub state: &'a str,
    pub name: &'a str,
    pub death_date: &'a str,
    pub member: &'a str,
    pub line: u64,
}

pub(super) fn put_len(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A length-prefixed piece of `text` at `at`: the piece, and where the next begins.
pub(super) fn take<'t>(text: &'t [u8], at: &mut usize) -> &'t [u8] {
    let (mut n, mut shift) = (0usize, 0);
    while let Some(&b) = text.get(*at) {
        *at += 1;
        n |= usize::from(b & 0x7f) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            break;
        }
    }
    let end = (*at + n).min(text.len());
    let piece = &text[*at..end];
    *at = end;
    piece
}

pub(super) fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub(super) const OUTCOMES: [Outcome; 4] = [
    Outcome::DeceasedRcd,
    Outcome::DeceasedAni,
    Outcome::Alive,
    Outcome::NotFound,
];

impl People {
    /// Rows with room for `rows` of them before a column grows.
    pub fn with_capacity(rows: usize) -> People {
        People {
            kind: Vec::with_capacity(rows),
            state: Vec::with_capacity(rows),
            line: Vec::with_capacity(rows),
            doc: Vec::with_capacity(rows),
            start: Vec::with_capacity(rows),
            ..Default::default()
        }
    }

    /// Adds a row after the others.
    pub fn push(&mut self, r: NewRow<'_>) {
        let i = self.kind.len();
        if i >> CHUNK_BITS >= self.text.len() {
            if let Some(full) = self.text.last_mut() {
                full.shrink_to_fit();
            }
            self.text.push(Vec::new());
        }
        let text = self.text.last_mut().expect("a block for this row");
        self.start.push(text.len() as u32);
        let member = match self.members.iter().position(|m| m == r.member) {
            Some(m) => m,
            None => {
                self.members.push(r.member.to_string());
                self.members.len() - 1
            }
        };
        let outcome = OUTCOMES.iter().position(|&o| o == r.outcome).unwrap_or(0);
        // Six bits of member: an answer has two; a 64th and later share the last slot's name.
        self.kind.push((outcome | member.min(63) << 2) as u8);
        let state = match self.state_ids.get(r.state) {
            Some(&s) => s,
            None => {
                let s = self.states.len() as u32;
                self.states.push(r.state.to_string());
                self.state_ids.insert(r.state.to_string(), s);
                s
            }
        };
        self.state.push(state);
        match u32::try_from(r.line).ok().filter(|&l| l != u32::MAX) {
            Some(l) => self.line.push(l),
            None => {
                self.long_lines.insert(i as u32, r.line);
                self.line.push(u32::MAX);
            }
        }
        put_len(text, r.death_date.len());
        text.extend_from_slice(r.death_date.as_bytes());
        let key = match <[u8; 2]>::try_from(r.doc_type) {
            Ok(t) if type_slot(&mut self.types, t) => pack(&self.types, t, r.number),
            _ => None,
        };
        match key {
            Some(k) => self.doc.push(k),
            None => {
                self.doc.push(0);
                for piece in [r.doc_type, r.number] {
                    put_len(text, piece.len());
                    text.extend_from_slice(piece);
                }
            }
        }
        text.extend_from_slice(r.name.as_bytes());
        // A chunk's text stays under 4 GiB: a row is at most two cut lines (64 KiB each).
        debug_assert!(text.len() < u32::MAX as usize);
    }

    /// Rows held.
    pub fn len(&self) -> usize {
        self.kind.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kind.is_empty()
    }

    fn text_of(&self, i: usize) -> &[u8] {
        let text = &self.text[i >> CHUNK_BITS];
        let from = self.start[i] as usize;
        let to = if i + 1 < self.len() && (i + 1) >> CHUNK_BITS == i >> CHUNK_BITS {
            self.start[i + 1] as usize
        } else {
            text.len()
        };
        &text[from..to]
    }

    fn outcome(&self, i: usize) -> Outcome {
        OUTCOMES[usize::from(self.kind[i] & 3)]
    }

    /// Row `i`'s document number, written into `buf` when it is packed.
    fn number<'s>(&'s self, i: usize, buf: &'s mut [u8; 20]) -> &'s [u8] {
        match self.doc[i] {
            0 => {
                let text = self.text_of(i);
                let mut at = 0;
                take(text, &mut at);
                take(text, &mut at);
                take(text, &mut at)
            }
            k => unpack_number(k, buf),
        }
    }

    /// Row `i` (from 0), as it was pushed; `None` past the last.
    pub fn row(&self, i: usize) -> Option<PersonRow> {
        if i >= self.len() {
            return None;
        }
        let text = self.text_of(i);
        let mut at = 0;
        let death = take(text, &mut at);
        let (doc_type, number) = match self.doc[i] {
            0 => {
                let t = take(text, &mut at);
                (lossy(t), lossy(take(text, &mut at)))
            }
            k => {
                let mut buf = [0u8; 20];
                (lossy(&key_type(&self.types, k)), lossy(unpack_number(k, &mut buf)))
            }
        };
        let line = match self.line[i] {
            u32::MAX => self.long_lines.get(&(i as u32)).copied().unwrap_or(u64::from(u32::MAX)),
            l => u64::from(l),
        };
        Some(PersonRow {
            doc_type,
            number,
            outcome: self.outcome(i),
            state: self.states[self.state[i] as usize].clone(),
            name: lossy(&text[at..]),
            death_date: lossy(death),
            member: self.members[usize::from(self.kind[i] >> 2)].clone(),
            line,
        })
    }

    /// Every row, in order.
    pub fn rows(&self) -> impl Iterator<Item = PersonRow> + '_ {
        (0..self.len()).filter_map(|i| self.row(i))
    }

    /// Whether row `i` passes `filter` and its document number holds `search` (as
    /// [`RowFilter::keeps`] says of the row).
    pub fn keeps(&self, i: usize, filter: RowFilter, search: &str) -> bool {
        let outcome = self.outcome(i);
        let kind = match filter {
            RowFilter::All => true,
            RowFilter::Deceased => outcome.deceased(),
            RowFilter::Alive => outcome == Outcome::Alive,
            RowFilter::NotFound => outcome == Outcome::NotFound,
        };
        if !kind || search.is_empty() {
            return kind;
        }
        let mut buf = [0u8; 20];
        let number = self.number(i, &mut buf);
        match std::str::from_utf8(number) {
            Ok(n) => n.contains(search),
            Err(_) => lossy(number).contains(search),
        }
    }

    /// The positions of the rows [`People::keeps`], in order.
    pub fn filtered<'s>(&'s self, filter: RowFilter, search: &'s str) -> impl Iterator<Item = usize> + 's {
        (0..self.len()).filter(move |&i| self.keeps(i, filter, search))
    }

    /// Bytes held on the heap: the columns, the text, the interned states and members.
    pub fn heap_bytes(&self) -> usize {
        self.kind.capacity()
            + self.state.capacity() * 4
            + self.line.capacity() * 4
            + self.doc.capacity() * 8
            + self.start.capacity() * 4
            + self.text.iter().map(|t| t.capacity() + 24).sum::<usize>()
            + self.long_lines.capacity() * 13
            + self.states.iter().map(|s| 2 * s.capacity() + 40).sum::<usize>()
            + self.members.iter().map(|m| m.capacity() + 24).sum::<usize>()
    }

    /// Bytes of the text that are names (inherently variable, not counted as overhead).
    pub fn name_bytes(&self) -> usize {
        (0..self.len())
            .map(|i| {
                let text = self.text_of(i);
                let mut at = 0;
                take(text, &mut at);
                if self.doc[i] == 0 {
                    take(text, &mut at);
                    take(text, &mut at);
                }
                text.len() - at
            })
            .sum()
    }
}
