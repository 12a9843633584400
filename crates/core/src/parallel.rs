//! Checking a chunk's whole lines on several threads, with the report a single thread makes.
//!
//! The lines are cut at line ends into one block per thread. Each thread numbers its block's
//! lines (the blocks before it are counted first) and applies the generic checks to them with
//! a sink of its own: characters, field count, every field against its table row, and the
//! format's rules that look at one record alone ([`CrossRules::local`]). Then, on the
//! caller's thread and in line order, each block's findings join the file's sink and each of
//! its records goes to the format's cross-record rules, so findings are found in the same
//! order, kept or only counted the same way, as when one thread reads the file.

use crate::flat::{CrossRules, FlatFormat, LineState, Record};
use crate::rules::RecordSpec;
use crate::scan::count_line_ends;
use crate::text::LineSplitter;
use std::sync::Mutex;

/// Fewer bytes than this per thread are not worth a thread.
#[cfg(not(test))]
const BLOCK_MIN: usize = 256 << 10;
#[cfg(test)]
const BLOCK_MIN: usize = 16;

/// A record a thread checked, waiting for the rules: where its line and fields are.
struct Pending {
    line: u64,
    ok: u64,
    spec: &'static RecordSpec,
    /// Its bytes in the block.
    start: u32,
    len: u32,
    /// Where its fields start in [`Block::ranges`].
    fields: u32,
}

/// What a thread made of its block; its lists are kept from chunk to chunk for their memory.
pub(crate) struct Block {
    state: LineState,
    pending: Vec<Pending>,
    ranges: Vec<(u32, u32)>,
}

/// Cuts `chunk` into what ends the line the last chunk left open (up to its first `\n`), the
/// whole lines after it, and what follows the last `\n`; `None` when the whole lines are too
/// few bytes to share among `threads`.
pub fn cut(chunk: &[u8], threads: usize) -> Option<(&[u8], &[u8], &[u8])> {
    if chunk.len() < 2 * BLOCK_MIN || threads < 2 {
        return None;
    }
    let first = memchr::memchr(b'\n', chunk)?;
    let last = memchr::memrchr(b'\n', chunk)?;
    (last - first >= 2 * BLOCK_MIN).then(|| (&chunk[..=first], &chunk[first + 1..=last], &chunk[last + 1..]))
}

/// Checks `lines` (whole lines ending with `\n`, the first of them line `first`) on up to
/// `threads` threads, then runs `rules` over their records in order. Returns how many lines.
/// `spare` holds the blocks of the last chunk, for their memory.
pub fn check<R: CrossRules + Sync>(
    format: &'static FlatFormat,
    rules: &mut R,
    state: &mut LineState,
    first: u64,
    lines: &[u8],
    threads: usize,
    spare: &mut Vec<Block>,
) -> u64 {
    let cuts = blocks(lines, threads);
    // Counted here, not on the threads: a thread took longer to start (about 1 ms on a 2-core
    // VM) than this count of a 2 MiB chunk (0.7 ms).
    let counts: Vec<u64> = cuts.iter().map(|b| count_line_ends(b)).collect();
    let mut old = std::mem::take(spare).into_iter();
    let mut start = first;
    let work: Vec<_> = cuts
        .iter()
        .zip(&counts)
        .map(|(&bytes, &n)| {
            let (pending, ranges) = old.next().map_or_else(Default::default, |b| (b.pending, b.ranges));
            let block = Block {
                state: LineState::new(state.sink.sibling()),
                pending,
                ranges,
            };
            start += n;
            (bytes, start - n, block)
        })
        .collect();
    let shared: &R = rules;
    *spare = on_threads(work, |(bytes, start, block)| {
        check_block(format, shared, bytes, start, block)
    });
    for (block, bytes) in spare.iter().zip(cuts) {
        let theirs = &block.state;
        let mut next = 0;
        for (i, p) in block.pending.iter().enumerate() {
            next = state.sink.replay(&theirs.sink, next, p.line);
            let end = block
                .pending
                .get(i + 1)
                .map_or(block.ranges.len(), |q| q.fields as usize);
            let start = p.start as usize;
            let rec = Record::new(
                p.line,
                p.spec,
                &bytes[start..start + p.len as usize],
                &block.ranges[p.fields as usize..end],
                p.ok,
            );
            rules.record(&rec, &mut state.sink);
        }
        state.sink.replay(&theirs.sink, next, u64::MAX);
        state.sink.absorb_counts(&theirs.sink);
        state.records += theirs.records;
    }
    counts.iter().sum()
}

/// `lines` cut after a `\n` into up to `threads` blocks of about the same size.
fn blocks(lines: &[u8], threads: usize) -> Vec<&[u8]> {
    let n = threads.min(lines.len() / BLOCK_MIN).max(1);
    let mut out = Vec::with_capacity(n);
    let mut rest = lines;
    for k in (1..n).rev() {
        let target = rest.len() / (k + 1);
        let Some(i) = memchr::memchr(b'\n', &rest[target..]) else {
            break;
        };
        let (block, after) = rest.split_at(target + i + 1);
        out.push(block);
        rest = after;
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The generic checks and the rules of one record alone ([`CrossRules::local`]) of one
/// block's lines, numbered from `first`, into `block`.
fn check_block<R: CrossRules>(
    format: &'static FlatFormat,
    rules: &R,
    bytes: &[u8],
    first: u64,
    mut block: Block,
) -> Block {
    block.pending.clear();
    block.ranges.clear();
    let state = &mut block.state;
    let base = bytes.as_ptr() as usize;
    // The block ends with `\n`: every line is a slice of it and none is left for `finish`.
    LineSplitter::starting_at(first).feed(bytes, &mut |line| {
        let n = line.number;
        if let Some(c) = state.alone(format, rules, line) {
            block.pending.push(Pending {
                line: n,
                ok: c.ok,
                spec: c.spec,
                start: (c.bytes.as_ptr() as usize - base) as u32,
                len: c.bytes.len() as u32,
                fields: block.ranges.len() as u32,
            });
            block.ranges.extend_from_slice(state.ranges(c.kept));
        }
    });
    block
}

/// `f` of every item, each on a thread of its own (the first on the caller's); an item whose
/// thread cannot be started is done on the caller's too.
fn on_threads<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|item| Mutex::new(Some(item))).collect();
    let take = |slot: &Mutex<Option<T>>| slot.lock().ok()?.take().map(&f);
    std::thread::scope(|s| {
        let take = &take;
        let threads: Vec<_> = slots
            .iter()
            .skip(1)
            .map(|slot| std::thread::Builder::new().spawn_scoped(s, move || take(slot)))
            .collect();
        let mut out: Vec<U> = slots.first().and_then(take).into_iter().collect();
        for (slot, thread) in slots.iter().skip(1).zip(threads) {
            let done = thread
                .ok()
                .and_then(|t| t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
            out.extend(done.or_else(|| take(slot)));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_large_chunk_is_shared_among_the_threads() {
        let lines: Vec<u8> = b"2,CC,12345678\r\n".repeat(100);
        let blocks = super::blocks(&lines, 4);
        assert_eq!(blocks.len(), 4);
        assert!(blocks.iter().all(|b| b.ends_with(b"\n")));
        assert_eq!(blocks.concat(), lines);
    }
}
