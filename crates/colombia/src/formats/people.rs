//! People consulted in a supervivencia query, and the bookkeeping that matches them with the
//! answers (Res. 1537/2015, 1.2.1.2 and 1.2.2).

use planos_core::report::FileReport;
use std::collections::HashMap;
use std::fmt;

/// A document: its type (2 letters) and number (at most 17 characters), packed so a million of
/// them fit in a few tens of megabytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Person {
    bytes: [u8; 19],
    len: u8,
}

impl Person {
    /// `None` when the type is not 2 bytes or the number is empty or longer than 17.
    pub fn new(doc_type: &[u8], number: &[u8]) -> Option<Self> {
        if doc_type.len() != 2 || number.is_empty() || number.len() > 17 {
            return None;
        }
        let mut bytes = [0u8; 19];
        bytes[..2].copy_from_slice(doc_type);
        bytes[2..2 + number.len()].copy_from_slice(number);
        Some(Person {
            bytes,
            len: (2 + number.len()) as u8,
        })
    }

    fn doc_type(&self) -> [u8; 2] {
        [self.bytes[0], self.bytes[1]]
    }

    fn number(&self) -> &[u8] {
        &self.bytes[2..self.len as usize]
    }
}

impl fmt::Display for Person {
    /// "CC 12345678", as messages name a person.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = String::from_utf8_lossy(&self.bytes[..2]);
        let n = planos_core::text::display(&self.bytes[2..self.len as usize]);
        write!(f, "{t} {n}")
    }
}

impl fmt::Debug for Person {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// What a checked query tells about the answer that must come back.
#[derive(Debug, Default)]
pub struct Consulted {
    /// The query file's path, for messages.
    pub path: String,
    /// Entity code from the query's name.
    pub entity: Option<String>,
    /// The query's date (`AAAAMMDD`, from its name): the answer members carry it.
    pub date: Option<String>,
    /// Field 4 of the query's control record.
    pub total: Option<u64>,
    /// The people consulted, each with the line that first names them.
    pub people: Index,
}

/// A person's packed key: bits 58..64 the document type's place in a table of types, bits
/// 0..58 the number as `10^len + number` (so leading zeros count). Only all-digit numbers of
/// 1 to 17 digits pack (2·10^17 < 2^58); a key is never 0.
fn pack(types: &[[u8; 2]], doc_type: [u8; 2], number: &[u8]) -> Option<u64> {
    if number.is_empty() || number.len() > 17 || !number.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let t = types.iter().position(|&t| t == doc_type)? as u64;
    let n = number.iter().fold(1u64, |v, d| v * 10 + u64::from(d - b'0'));
    Some(t << 58 | n)
}

/// Whether `doc_type` has a place in `types` (one is made while there are fewer than 64).
fn type_slot(types: &mut Vec<[u8; 2]>, doc_type: [u8; 2]) -> bool {
    if types.contains(&doc_type) {
        return true;
    }
    if types.len() < 64 {
        types.push(doc_type);
        return true;
    }
    false
}

/// A packed key's number, its digits written at the end of `buf`.
fn unpack_number(key: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut v = key & ((1 << 58) - 1);
    let mut at = buf.len();
    while v > 0 {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    // The leading 1 marks the length; it is no digit of the number.
    &buf[at + 1..]
}

fn key_type(types: &[[u8; 2]], key: u64) -> [u8; 2] {
    types[(key >> 58) as usize]
}

/// A key a [`Table`] holds, hashed so runs of consecutive numbers spread over the table;
/// `NONE` is no key it is given (a place cleared).
trait TableKey: Copy + Eq {
    const NONE: Self;
    fn slot(&self) -> u64;
}

/// MurmurHash3's 64-bit finaliser.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

impl TableKey for u64 {
    const NONE: u64 = 0;
    fn slot(&self) -> u64 {
        mix(*self)
    }
}

impl TableKey for Person {
    const NONE: Person = Person { bytes: [0; 19], len: 0 };
    fn slot(&self) -> u64 {
        let mut h = u64::from(self.len);
        for chunk in self.bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            h = mix(h ^ u64::from_le_bytes(word));
        }
        h
    }
}

/// People in the order their query names them (`keys`, `vals`: line in bits 0..30, answers
/// counted up to 3 in bits 30..32), and an open-addressed table from key to that order, built
/// when first looked in. A person named again is kept once, at the first line: the later
/// places are cleared (`K::NONE`). An answer is looked for first just after the last one found —
/// answers come in the query's order, so that look costs no cache miss —, then in the table.
#[derive(Debug)]
struct Table<K> {
    keys: Vec<K>,
    vals: Vec<u32>,
    /// Place + 1 in `keys`, 0 where a slot is empty; empty until built.
    slots: Vec<u32>,
    /// Places in `keys` the table holds (those before it were added when it was built).
    built: usize,
    /// The place of the last person found.
    cursor: usize,
}

impl<K> Default for Table<K> {
    fn default() -> Self {
        Table {
            keys: Vec::new(),
            vals: Vec::new(),
            slots: Vec::new(),
            built: 0,
            cursor: 0,
        }
    }
}

/// How far after the last person found the next answer is looked for before the table.
const NEAR: usize = 8;

impl<K: TableKey> Table<K> {
    fn push(&mut self, key: K, line: u32) {
        self.keys.push(key);
        self.vals.push(line);
    }

    /// Brings the table up to date with every person pushed (a slot for each, half to two
    /// thirds full), clearing the repeated.
    fn build(&mut self) {
        if self.built == self.keys.len() {
            return;
        }
        let want = (self.keys.len() + self.keys.len() / 2).next_power_of_two().max(1024);
        if want > self.slots.len() {
            self.slots = vec![0; want];
            self.built = 0;
        }
        let mask = self.slots.len() - 1;
        for place in self.built..self.keys.len() {
            let key = self.keys[place];
            if key == K::NONE {
                continue;
            }
            let mut i = key.slot() as usize & mask;
            loop {
                match self.slots[i] {
                    0 => {
                        self.slots[i] = place as u32 + 1;
                        break;
                    }
                    s if self.keys[s as usize - 1] == key => {
                        if s as usize - 1 != place {
                            self.keys[place] = K::NONE;
                        }
                        break;
                    }
                    _ => i = (i + 1) & mask,
                }
            }
        }
        self.built = self.keys.len();
    }

    fn find(&mut self, key: K) -> Option<usize> {
        let near = self.cursor + 1..(self.cursor + 1 + NEAR).min(self.built);
        if let Some(place) = near.clone().find(|&p| self.keys[p] == key) {
            self.cursor = place;
            return Some(place);
        }
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = key.slot() as usize & mask;
        loop {
            match self.slots[i] {
                0 => return None,
                s if self.keys[s as usize - 1] == key => {
                    self.cursor = s as usize - 1;
                    return Some(self.cursor);
                }
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Counts an answer for `key`: how many it has now (up to 3), or `None` when not held.
    fn answer(&mut self, key: K) -> Option<u32> {
        self.build();
        let place = self.find(key)?;
        let v = self.vals[place];
        let answered = ((v >> LINE_BITS) + 1).min(3);
        self.vals[place] = (v & LINE_MASK) | answered << LINE_BITS;
        Some(answered)
    }

    fn reset_answers(&mut self) {
        self.vals.iter_mut().for_each(|v| *v &= LINE_MASK);
    }

    /// The people held and never answered, with their lines, in line order.
    fn unanswered(&mut self) -> impl Iterator<Item = (u64, K)> + '_ {
        self.build();
        self.keys
            .iter()
            .zip(&self.vals)
            .filter(|(&k, &v)| k != K::NONE && v >> LINE_BITS == 0)
            .map(|(&k, &v)| (u64::from(v & LINE_MASK), k))
    }

    fn len(&mut self) -> usize {
        self.build();
        self.keys.iter().filter(|&&k| k != K::NONE).count()
    }

    fn heap_bytes(&self) -> usize {
        self.keys.capacity() * std::mem::size_of::<K>() + self.vals.capacity() * 4 + self.slots.capacity() * 4
    }
}

/// A query's people and how often each was answered. A document whose number is all digits
/// (1 to 17 of them) of one of the first 64 document types is held as a packed `u64` key —
/// 8 bytes, and 4 of its line and answers, and 4 to 8 of table —; any other (a number with
/// letters, say) as its [`Person`]; one named past line 2^30 in a map. A person is kept with
/// the first line that names them.
#[derive(Debug, Default)]
pub struct Index {
    types: Vec<[u8; 2]>,
    packed: Table<u64>,
    other: Table<Person>,
    far: HashMap<Person, Entry>,
}

/// A consulted person named past line 2^30.
#[derive(Debug, Clone, Copy)]
struct Entry {
    line: u64,
    answered: u32,
}

const LINE_BITS: u32 = 30;
const LINE_MASK: u32 = (1 << LINE_BITS) - 1;

impl Index {
    fn key(&self, p: &Person) -> Option<u64> {
        pack(&self.types, p.doc_type(), p.number())
    }

    /// Room for `people` more of all-digit documents before the index grows.
    pub fn reserve(&mut self, people: usize) {
        self.packed.keys.reserve(people);
        self.packed.vals.reserve(people);
    }

    /// Adds `p`, named on `line` (lines come in order), unless it is there already.
    pub fn insert(&mut self, p: Person, line: u64) {
        let Some(line) = u32::try_from(line).ok().filter(|&l| l <= LINE_MASK) else {
            self.far.entry(p).or_insert(Entry { line, answered: 0 });
            return;
        };
        type_slot(&mut self.types, p.doc_type());
        match self.key(&p) {
            Some(key) => self.packed.push(key, line),
            None => self.other.push(p, line),
        }
    }

    /// Counts one answer for `p`: how many it has now (counted up to 3), or `None` when `p` is
    /// not held.
    pub fn answer(&mut self, p: &Person) -> Option<u32> {
        let found = match self.key(p) {
            Some(key) => self.packed.answer(key),
            None => self.other.answer(*p),
        };
        if found.is_some() {
            return found;
        }
        let e = self.far.get_mut(p)?;
        e.answered = (e.answered + 1).min(3);
        Some(e.answered)
    }

    /// Counts an answer for `p`, adding it (at line 0) when it is not held: how many it has
    /// now (up to 3).
    pub fn seen(&mut self, p: Person) -> u32 {
        if let Some(n) = self.answer(&p) {
            return n;
        }
        self.insert(p, 0);
        self.answer(&p).unwrap_or(1)
    }

    /// Forgets every answer counted.
    pub fn reset_answers(&mut self) {
        self.packed.reset_answers();
        self.other.reset_answers();
        self.far.values_mut().for_each(|e| e.answered = 0);
    }

    /// The people no answer was counted for, with their lines, in line order.
    pub fn unanswered(&mut self) -> Vec<(u64, Person)> {
        let types = self.types.clone();
        let mut out: Vec<(u64, Person)> = self
            .packed
            .unanswered()
            .filter_map(|(line, k)| {
                let mut buf = [0u8; 20];
                Some((line, Person::new(&key_type(&types, k), unpack_number(k, &mut buf))?))
            })
            .collect();
        out.extend(self.other.unanswered());
        out.extend(
            self.far
                .iter()
                .filter(|(_, e)| e.answered == 0)
                .map(|(p, e)| (e.line, *p)),
        );
        out.sort_by_key(|&(line, _)| line);
        out
    }

    /// People held.
    pub fn len(&mut self) -> usize {
        self.packed.len() + self.other.len() + self.far.len()
    }

    pub fn is_empty(&mut self) -> bool {
        self.len() == 0
    }

    /// Bytes held on the heap (the map's entries at their size, its overhead aside).
    pub fn heap_bytes(&self) -> usize {
        self.packed.heap_bytes()
            + self.other.heap_bytes()
            + self.far.capacity() * (std::mem::size_of::<(Person, Entry)>() + 1)
    }
}

/// What an answer archive says, for people: how many were consulted and what became of them.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Default)]
pub struct AnswerSummary {
    /// Field 4 of the answer's control record: people in the query.
    pub consulted: Option<u64>,
    /// Found in the civil death register (RNEC type 2): deceased.
    pub deceased_rcd: u64,
    /// Found in the national identification archive (RNEC type 3).
    pub found_ani: u64,
    /// Of those, with a state that means death ("CANCELADA POR MUERTE", …).
    pub deceased_ani: u64,
    /// In the not-found answer.
    pub not_found: u64,
    /// Count per state in the identification archive.
    pub ani_states: std::collections::BTreeMap<String, u64>,
    /// Who signed the `.INFO` (or the archive), when a signature was verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
}

impl AnswerSummary {
    /// Its key in the file's report (`FileReport::summaries`, the JSON's `summary`).
    pub const KEY: &'static str = "summary";

    /// The answer summary of a file's report, if it has one.
    pub fn of(report: &FileReport) -> Option<AnswerSummary> {
        report.summaries.get(Self::KEY)
    }
}

/// What the answer says of one person.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// In the civil death register (RNEC type 2).
    DeceasedRcd,
    /// In the identification archive with a state that means death.
    DeceasedAni,
    /// In the identification archive with any other state.
    Alive,
    /// In the not-found answer.
    NotFound,
}

impl Outcome {
    /// How the page and the CSV name it.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::DeceasedRcd => "FALLECIDA (REGISTRO CIVIL DE DEFUNCION)",
            Outcome::DeceasedAni => "FALLECIDA (ARCHIVO NACIONAL DE IDENTIFICACION)",
            Outcome::Alive => "VIGENTE U OTRO ESTADO",
            Outcome::NotFound => "NO ENCONTRADA",
        }
    }

    pub fn deceased(self) -> bool {
        matches!(self, Outcome::DeceasedRcd | Outcome::DeceasedAni)
    }
}

/// One answered person, for the table and the CSV.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq)]
pub struct PersonRow {
    pub doc_type: String,
    pub number: String,
    pub outcome: Outcome,
    /// The identification archive's state, or "NO ENCONTRADO".
    pub state: String,
    /// Surnames and names as the Registraduría gives them (when it gives them).
    pub name: String,
    pub death_date: String,
    /// Where the answer is: member and line.
    pub member: String,
    pub line: u64,
}

/// Which rows a table shows.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RowFilter {
    #[default]
    All,
    Deceased,
    Alive,
    NotFound,
}

impl RowFilter {
    pub fn keeps(self, row: &PersonRow, search: &str) -> bool {
        let kind = match self {
            RowFilter::All => true,
            RowFilter::Deceased => row.outcome.deceased(),
            RowFilter::Alive => row.outcome == Outcome::Alive,
            RowFilter::NotFound => row.outcome == Outcome::NotFound,
        };
        kind && (search.is_empty() || row.number.contains(search))
    }
}

/// Rows of [`People`] that share one base offset into its text.
const CHUNK_BITS: u32 = 14;

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

fn put_len(out: &mut Vec<u8>, mut n: usize) {
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
fn take<'t>(text: &'t [u8], at: &mut usize) -> &'t [u8] {
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

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const OUTCOMES: [Outcome; 4] = [
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

/// The header of the CSV of people.
const CSV_HEADER: &str =
    "\u{FEFF}tipo_documento;numero_documento;resultado;estado;nombre;fecha_defuncion;archivo;linea\r\n";

/// Writes the rows into `out` as CSV for spreadsheets (`;`-separated, UTF-8 with BOM, every
/// text quoted), a row at a time; gives `out` back.
pub fn rows_csv<W: std::io::Write>(rows: impl IntoIterator<Item = PersonRow>, mut out: W) -> std::io::Result<W> {
    fn quoted(s: &str, line: &mut String) {
        line.push('"');
        for c in s.chars() {
            if c == '"' {
                line.push('"');
            }
            line.push(c);
        }
        line.push('"');
    }
    out.write_all(CSV_HEADER.as_bytes())?;
    let mut line = String::new();
    for r in rows {
        line.clear();
        for cell in [
            &r.doc_type,
            &r.number,
            r.outcome.label(),
            &r.state,
            &r.name,
            &r.death_date,
            &r.member,
        ] {
            quoted(cell, &mut line);
            line.push(';');
        }
        line.push_str(&r.line.to_string());
        line.push_str("\r\n");
        out.write_all(line.as_bytes())?;
    }
    out.flush()?;
    Ok(out)
}

/// Rows of people an Excel sheet takes (its own limit, less the header).
pub const ROWS_PER_SHEET: usize = planos_core::xlsx::MAX_ROWS - 1;

/// The sheets `rows` people take in [`rows_xlsx`].
pub fn xlsx_sheets(rows: usize) -> usize {
    planos_core::xlsx::sheets_for(rows, ROWS_PER_SHEET)
}

/// Writes `count` rows into `out` as an Excel workbook: a bold header kept in view, the rows
/// on sheets «Personas», «Personas 2»… of [`ROWS_PER_SHEET`] rows each, the header on each.
/// Gives `out` back, and the number of sheets ([`xlsx_sheets`]).
pub fn rows_xlsx<W: std::io::Write>(
    rows: impl IntoIterator<Item = PersonRow>,
    count: usize,
    out: W,
) -> Result<(W, usize), String> {
    rows_xlsx_in(rows, count, ROWS_PER_SHEET, out)
}

fn rows_xlsx_in<W: std::io::Write>(
    rows: impl IntoIterator<Item = PersonRow>,
    count: usize,
    per_sheet: usize,
    out: W,
) -> Result<(W, usize), String> {
    use planos_core::xlsx::{Book, Cell};
    let columns = [
        ("Tipo de documento", 10.0),
        ("Número de documento", 20.0),
        ("Resultado", 46.0),
        ("Estado", 24.0),
        ("Nombre", 40.0),
        ("Fecha de defunción", 14.0),
        ("Archivo", 26.0),
        ("Línea", 8.0),
    ];
    let sheets = planos_core::xlsx::sheets_for(count, per_sheet);
    let mut book = Book::new(out, "Personas", &columns, sheets, per_sheet)?;
    for r in rows {
        book.row(&[
            Cell::Text(&r.doc_type),
            Cell::Text(&r.number),
            Cell::Text(r.outcome.label()),
            Cell::Text(&r.state),
            Cell::Text(&r.name),
            Cell::Text(&r.death_date),
            Cell::Text(&r.member),
            Cell::Number(r.line),
        ])?;
    }
    Ok((book.finish()?, sheets))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(t: &str, n: &str) -> Person {
        Person::new(t.as_bytes(), n.as_bytes()).unwrap()
    }

    #[test]
    fn packed_keys_keep_leading_zeros_and_types_apart() {
        let types = vec![*b"CC", *b"TI"];
        let key = |t: &[u8; 2], n: &str| pack(&types, *t, n.as_bytes());
        assert_ne!(key(b"CC", "0123"), key(b"CC", "123"));
        assert_ne!(key(b"CC", "123"), key(b"TI", "123"));
        assert_eq!(key(b"PA", "123"), None, "a type not in the table does not pack");
        assert_eq!(key(b"PA", "AB12345"), None);
        for n in ["0", "7", "0000", "12345678901234567", "99999999999999999"] {
            let k = key(b"TI", n).unwrap();
            let mut buf = [0u8; 20];
            assert_eq!(unpack_number(k, &mut buf), n.as_bytes());
            assert_eq!(key_type(&types, k), *b"TI");
        }
    }

    #[test]
    fn the_index_holds_packed_and_fallback_people_alike() {
        let mut ix = Index::default();
        let people = [
            ("CC", "12345678"),
            ("CC", "012345678"),
            ("PA", "AB123456"),          // a passport with letters: the map
            ("CE", "12345678901234567"), // 17 digits: packed
            ("PE", "1234567890ABCDEFG"), // 17 characters with letters: the map
        ];
        for (line, (t, n)) in people.iter().enumerate() {
            ix.insert(person(t, n), line as u64 + 2);
        }
        ix.insert(person("CC", "12345678"), 99); // repeated: the first line stays
        assert_eq!(ix.len(), people.len());
        assert_eq!(ix.other.len(), 2, "{:?}", ix.other);
        assert_eq!(ix.answer(&person("CC", "1234567")), None);
        assert_eq!(ix.answer(&person("TI", "12345678")), None);
        assert_eq!(ix.answer(&person("PA", "AB123456")), Some(1));
        assert_eq!(ix.answer(&person("CE", "12345678901234567")), Some(1));
        assert_eq!(ix.answer(&person("CE", "12345678901234567")), Some(2));
        for _ in 0..5 {
            ix.answer(&person("CE", "12345678901234567"));
        }
        assert_eq!(
            ix.answer(&person("CE", "12345678901234567")),
            Some(3),
            "counted up to 3"
        );
        let missing: Vec<(u64, String)> = ix.unanswered().into_iter().map(|(l, p)| (l, p.to_string())).collect();
        assert_eq!(
            missing,
            [
                (2, "CC 12345678".to_string()),
                (3, "CC 012345678".to_string()),
                (6, "PE 1234567890ABCDEFG".to_string())
            ]
        );
        ix.reset_answers();
        assert_eq!(ix.unanswered().len(), people.len());
    }

    #[test]
    fn a_line_past_the_packed_range_and_a_65th_type_go_to_the_map() {
        let mut ix = Index::default();
        ix.insert(person("CC", "1"), 1 << 31);
        for t in 0..70u8 {
            ix.insert(
                Person::new(&[b'A' + t / 26, b'A' + t % 26], b"5").unwrap(),
                u64::from(t),
            );
        }
        assert_eq!(ix.len(), 71);
        assert_eq!(
            (ix.other.len(), ix.far.len()),
            (70 - 64, 1),
            "64 types pack; a line past 2^30 goes to the map"
        );
        assert_eq!(ix.unanswered()[70].0, 1 << 31);
        let mut seen = Index::default();
        assert_eq!(seen.seen(person("CC", "1")), 1);
        assert_eq!(seen.seen(person("PA", "X1")), 1);
        assert_eq!(seen.seen(person("CC", "1")), 2);
        assert_eq!(seen.seen(person("PA", "X1")), 2);
    }

    fn sample() -> Vec<PersonRow> {
        let row = |t: &str, n: &str, outcome, state: &str, name: &str, death: &str, member: &str, line| PersonRow {
            doc_type: t.into(),
            number: n.into(),
            outcome,
            state: state.into(),
            name: name.into(),
            death_date: death.into(),
            member: member.into(),
            line,
        };
        vec![
            row("CC", "0012", Outcome::Alive, "VIGENTE", "PÉREZ ÑOÑO", "", "SMC1RNEC", 2),
            row(
                "PA",
                "AB12\"3",
                Outcome::DeceasedRcd,
                "",
                "A \"B\"",
                "20150101",
                "SMC1RNEC",
                3,
            ),
            row(
                "CE",
                "12345678901234567",
                Outcome::DeceasedAni,
                "CANCELADA POR MUERTE",
                "",
                "20140101",
                "SMC1RNEC",
                4,
            ),
            row("C", "1", Outcome::NotFound, "NO ENCONTRADO", "", "", "SMC1MSPSNO", 5),
            row(
                "TI",
                "",
                Outcome::NotFound,
                "NO ENCONTRADO",
                "",
                "",
                "SMC1MSPSNO",
                u64::from(u32::MAX) + 7,
            ),
            row("\u{FFFD}", "9", Outcome::Alive, "VIGENTE", "X", "", "SMC1RNEC", 9),
        ]
    }

    fn columns(rows: &[PersonRow]) -> People {
        let mut people = People::default();
        for r in rows {
            people.push(NewRow {
                doc_type: r.doc_type.as_bytes(),
                number: r.number.as_bytes(),
                outcome: r.outcome,
                state: &r.state,
                name: &r.name,
                death_date: &r.death_date,
                member: &r.member,
                line: r.line,
            });
        }
        people
    }

    #[test]
    fn the_columns_give_back_every_row_as_it_was() {
        let rows = sample();
        let people = columns(&rows);
        assert_eq!(people.len(), rows.len());
        assert_eq!(people.rows().collect::<Vec<_>>(), rows);
        assert_eq!(people.row(rows.len()), None);
        for filter in [
            RowFilter::All,
            RowFilter::Deceased,
            RowFilter::Alive,
            RowFilter::NotFound,
        ] {
            for search in ["", "12", "AB", "0012", "9"] {
                let want: Vec<usize> = (0..rows.len()).filter(|&i| filter.keeps(&rows[i], search)).collect();
                assert_eq!(
                    people.filtered(filter, search).collect::<Vec<_>>(),
                    want,
                    "{filter:?} {search}"
                );
            }
        }
    }

    #[test]
    fn many_rows_cross_the_text_chunks() {
        let mut people = People::default();
        let n = 3 << CHUNK_BITS;
        for i in 0..n {
            let number = format!("{:08}", i);
            let name = "N".repeat(i % 7);
            people.push(NewRow {
                doc_type: b"CC",
                number: number.as_bytes(),
                outcome: Outcome::Alive,
                state: if i % 2 == 0 { "VIGENTE" } else { "OTRO" },
                name: &name,
                death_date: "",
                member: "M",
                line: i as u64 + 2,
            });
        }
        for i in [0, 1, (1 << CHUNK_BITS) - 1, 1 << CHUNK_BITS, n - 1] {
            let r = people.row(i).unwrap();
            assert_eq!(r.number, format!("{:08}", i));
            assert_eq!(r.name, "N".repeat(i % 7));
            assert_eq!(r.line, i as u64 + 2);
        }
        assert!(people.heap_bytes() < n * 40, "{} bytes", people.heap_bytes());
    }

    #[test]
    fn the_csv_is_written_row_by_row() {
        let csv = String::from_utf8(rows_csv(sample(), Vec::new()).unwrap()).unwrap();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), sample().len() + 2);
        assert!(lines[0].starts_with("\u{FEFF}tipo_documento;"));
        assert_eq!(
            lines[2],
            "\"PA\";\"AB12\"\"3\";\"FALLECIDA (REGISTRO CIVIL DE DEFUNCION)\";\"\";\"A \"\"B\"\"\";\"20150101\";\"SMC1RNEC\";3"
        );
    }

    #[test]
    fn people_past_a_sheet_go_on_further_sheets_with_the_header() {
        use calamine::{Data, Reader, Xlsx};
        let rows = sample();
        let (book, sheets) = rows_xlsx_in(rows.clone(), rows.len(), 4, std::io::Cursor::new(Vec::new())).unwrap();
        assert_eq!(sheets, 2);
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(book.into_inner())).unwrap();
        assert_eq!(book.sheet_names(), ["Personas", "Personas 2"]);
        let first = book.worksheet_range("Personas").unwrap();
        let second = book.worksheet_range("Personas 2").unwrap();
        assert_eq!(first.height(), 5);
        assert_eq!(second.height(), 3);
        for sheet in [&first, &second] {
            assert_eq!(sheet.get((0, 0)), Some(&Data::String("Tipo de documento".into())));
        }
        assert_eq!(second.get((2, 0)), Some(&Data::String("\u{FFFD}".into())));
        assert_eq!(xlsx_sheets(0), 1);
        assert_eq!(xlsx_sheets(ROWS_PER_SHEET), 1);
        assert_eq!(xlsx_sheets(ROWS_PER_SHEET + 1), 2);
        assert_eq!(xlsx_sheets(10_000_000), 10);
    }

    /// The bytes a person costs, as `cargo test -p planos-co --release --lib bytes_a_person --
    /// --ignored --nocapture` prints them (`PLANOS_PEOPLE` people, 1,000,000 unless told; the
    /// benchmark generator's mix of documents, a name of 25 characters a person, not counted).
    #[test]
    #[ignore]
    fn bytes_a_person() {
        let n: usize = std::env::var("PLANOS_PEOPLE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1_000_000);
        let doc = |i: usize| match i % 6 {
            0 => ("CC", format!("{}", 10_000_000 + i % 89_999_999)),
            1 => ("TI", format!("{}", 1_000_000_000 + i)),
            2 => ("RC", format!("{}", 10_000_000 + i % 89_999_999)),
            3 if i < 899_999 * 6 => ("CE", format!("{}", 100_000 + i % 899_999)),
            3 => ("CD", format!("{}", 2_000_000_000 + i)),
            4 => ("PA", format!("AB{}", 1_000_000 + i)),
            _ => ("CC", format!("{}", 1_000_000_000 + i)),
        };
        // As a check makes them: the index's room from the query's total, a row a person.
        let mut ix = Index::default();
        ix.reserve(n);
        let mut people = People::with_capacity(n);
        for i in 0..n {
            let (t, number) = doc(i);
            ix.insert(person(t, &number), i as u64 + 2);
        }
        for i in 0..n {
            let (t, number) = doc(i);
            ix.answer(&person(t, &number));
            let (outcome, state, death) = match i % 20 {
                0 => (Outcome::DeceasedRcd, "", "20150101"),
                1..=12 => (Outcome::Alive, "VIGENTE", ""),
                _ => (Outcome::NotFound, "NO ENCONTRADO", ""),
            };
            people.push(NewRow {
                doc_type: t.as_bytes(),
                number: number.as_bytes(),
                outcome,
                state,
                name: "PEREZ GOMEZ JUAN CARLOS X",
                death_date: death,
                member: "SMC000001201506010RNEC",
                line: i as u64 + 2,
            });
        }
        assert!(ix.unanswered().is_empty());
        let (index, rows, names) = (ix.heap_bytes(), people.heap_bytes(), people.name_bytes());
        println!(
            "{n} people: index {:.1} bytes a person, rows {:.1} (names aside; {:.1} with them), together {:.1}",
            index as f64 / n as f64,
            (rows - names) as f64 / n as f64,
            rows as f64 / n as f64,
            (index + rows - names) as f64 / n as f64
        );
    }
}
