//! Read-ahead: a flat file is read in slices of [`CHUNK`] bytes, [`AHEAD`] of them asked for
//! before the one being checked, so the browser reads the next while the engine checks one.
//! The slices are asked of the helper reader ([`Reader`], another worker: within one worker,
//! `Blob.arrayBuffer` delivers its bytes only while the worker is idle); without one, or once it
//! has failed, this worker reads them itself with `Blob.arrayBuffer`, for the slice it failed
//! to read and the rest of the file. Contract: `feed` gets every byte of the file once, in
//! order; a file the browser cannot read (changed on disk since it was chosen) is an error.

use crate::reader::Reader;
use std::cell::RefCell;
use std::collections::VecDeque;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

/// Bytes read at a time from flat files, the next slice while one is checked. On the 1M-record
/// query (tests/e2e/bench.mjs, best of 7): 8 MiB 160–182 ms, 2 MiB 147–154 ms, 1 MiB 142–205 ms.
pub const CHUNK: usize = 2 << 20;
/// Slices asked for ahead of the one being checked, so the reader always has one to read.
const AHEAD: usize = 2;

/// The slices of a file asked for and not yet checked, and where the next one starts.
pub struct Ahead<'f> {
    file: &'f File,
    reader: Option<&'f Reader>,
    /// Each slice's start and end, whether the reader was asked for it, and its bytes to come.
    asked: VecDeque<(f64, f64, bool, js_sys::Promise)>,
    from: f64,
}

impl<'f> Ahead<'f> {
    pub fn new(file: &'f File, reader: Option<&'f Reader>) -> Self {
        Ahead {
            file,
            reader,
            asked: VecDeque::new(),
            from: 0.0,
        }
    }

    /// Asks for slices until [`AHEAD`] are waiting or the file is all asked for. Called early,
    /// before the check needs the file, the first slices are read meanwhile.
    pub fn fill(&mut self) -> Result<(), JsValue> {
        let size = self.file.size();
        while self.asked.len() < AHEAD && self.from < size {
            let (from, to) = (self.from, size.min(self.from + CHUNK as f64));
            let helper = self.reader.and_then(|r| r.read(self.file, from, to).ok());
            let by_helper = helper.is_some();
            let promise = match helper {
                Some(p) => p,
                None => self.own(from, to)?,
            };
            self.asked.push_back((from, to, by_helper, promise));
            self.from = to;
        }
        Ok(())
    }

    /// Bytes `from..to` read by this worker, the reader set aside for the rest of the file.
    fn own(&mut self, from: f64, to: f64) -> Result<js_sys::Promise, JsValue> {
        self.reader = None;
        Ok(self.file.slice_with_f64_and_f64(from, to)?.array_buffer())
    }

    /// Feeds the file to `feed` a slice at a time, telling `tell` the bytes done after each. A
    /// slice the reader failed to read is read again by this worker, and so is the rest.
    pub async fn feed(mut self, tell: &mut dyn FnMut(u64), feed: &mut dyn FnMut(&[u8])) -> Result<(), JsValue> {
        let mut done = 0u64;
        tell(0);
        loop {
            self.fill()?;
            let Some((from, to, by_helper, pending)) = self.asked.pop_front() else {
                break;
            };
            let bytes = match JsFuture::from(pending).await {
                Err(_) if by_helper => JsFuture::from(self.own(from, to)?).await?,
                read => read?,
            };
            let view = js_sys::Uint8Array::new(&bytes);
            SLICE.with_borrow_mut(|buf| {
                buf.resize(view.length() as usize, 0);
                view.copy_to(buf);
                feed(buf);
                done += buf.len() as u64;
            });
            tell(done);
        }
        Ok(())
    }
}

thread_local! {
    /// Where each slice is copied into wasm memory to be checked; kept from one check to the
    /// next, so no check waits for its memory to grow.
    static SLICE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}
