//! The people of a query as packed keys: what an answer is matched against.

use super::*;

/// A person's packed key: bits 58..64 the document type's place in a table of types, bits
/// 0..58 the number as `10^len + number` (so leading zeros count). Only all-digit numbers of
/// 1 to 17 digits pack (2·10^17 < 2^58); a key is never 0.
pub(super) fn pack(types: &[[u8; 2]], doc_type: [u8; 2], number: &[u8]) -> Option<u64> {
    if number.is_empty() || number.len() > 17 || !number.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let t = types.iter().position(|&t| t == doc_type)? as u64;
    let n = number.iter().fold(1u64, |v, d| v * 10 + u64::from(d - b'0'));
    Some(t << 58 | n)
}

/// Whether `doc_type` has a place in `types` (one is made while there are fewer than 64).
pub(super) fn type_slot(types: &mut Vec<[u8; 2]>, doc_type: [u8; 2]) -> bool {
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
pub(super) fn unpack_number(key: u64, buf: &mut [u8; 20]) -> &[u8] {
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

pub(super) fn key_type(types: &[[u8; 2]], key: u64) -> [u8; 2] {
    types[(key >> 58) as usize]
}

/// A key a [`Table`] holds, hashed so runs of consecutive numbers spread over the table;
/// `NONE` is no key it is given (a place cleared).
pub(super) trait TableKey: Copy + Eq {
    const NONE: Self;
    fn slot(&self) -> u64;
}

/// MurmurHash3's 64-bit finaliser.
pub(super) fn mix(mut h: u64) -> u64 {
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
pub(super) struct Table<K> {
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
pub(super) const NEAR: usize = 8;

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
    pub(super) other: Table<Person>,
    pub(super) far: HashMap<Person, Entry>,
}

/// A consulted person named past line 2^30.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    line: u64,
    answered: u32,
}

pub(super) const LINE_BITS: u32 = 30;
pub(super) const LINE_MASK: u32 = (1 << LINE_BITS) - 1;

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
}
