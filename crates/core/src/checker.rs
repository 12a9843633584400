//! The one generic checker for delimited flat files, as a stream.
//!
//! [`FlatChecker::feed`] takes chunks of any size, so memory stays bounded by the longest line
//! and the report: whole lines go to [`crate::flat::LineState`] on this thread, or to
//! [`crate::parallel`] on several, with the same report.

use crate::catalogue;
use crate::flat::{CrossRules, FileChecker, FlatFormat, LineState};
use crate::names::{base_name, check_name, NameParts, NameSpec};
use crate::report::{At, Kept, Sink};
use crate::rules::cite;
use crate::text::LineSplitter;

pub struct FlatChecker<R: CrossRules + Sync> {
    format: &'static FlatFormat,
    rules: R,
    path: String,
    splitter: LineSplitter,
    state: LineState,
    /// Threads a chunk's lines are checked on ([`crate::parallel`]); 1 is the caller's alone.
    threads: usize,
    /// The threads' work on the last chunk, kept for its memory.
    blocks: Vec<crate::parallel::Block>,
    /// The file name, when it does not follow the format's grammar: reported at the end, by
    /// the name the records imply if they imply one ([`CrossRules::implied_name`]).
    misnamed: Option<(&'static NameSpec, String)>,
}

impl<R: CrossRules + Sync> FlatChecker<R> {
    /// `path` is reported as given; its last component is the file name the annex governs.
    pub fn new(format: &'static FlatFormat, rules: R, path: &str, limit: usize) -> Self {
        Self::with_sink(format, rules, path, Sink::new(limit))
    }

    /// A checker that adds its findings to `sink` (an archive's members share one report).
    pub fn with_sink(format: &'static FlatFormat, mut rules: R, path: &str, mut sink: Sink) -> Self {
        let name = base_name(path);
        let (parts, misnamed) = match format.file_name.map(|spec| (spec, spec.parse(name))) {
            Some((_, Some(parts))) => (parts, None),
            Some((spec, None)) => (spec.read(name), Some((spec, name.to_string()))),
            None => (NameParts::default(), None),
        };
        rules.start(name, &parts, &mut sink);
        FlatChecker {
            format,
            rules,
            path: path.to_string(),
            splitter: LineSplitter::new(),
            state: LineState::new(sink),
            threads: 1,
            blocks: Vec::new(),
            misnamed,
        }
    }

    /// Checks each large chunk's lines on up to `threads` threads (never in WebAssembly, which
    /// has none); the report is the same finding for finding.
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = if cfg!(target_arch = "wasm32") {
            1
        } else {
            threads.max(1)
        };
        self
    }

    /// Feeds lines to the generic checks and the rules on this thread.
    fn feed_here(&mut self, chunk: &[u8]) {
        let (format, rules, state) = (self.format, &mut self.rules, &mut self.state);
        self.splitter.feed(chunk, &mut |line| state.line(format, rules, line));
    }
}

impl<R: CrossRules + Sync> FileChecker for FlatChecker<R> {
    fn feed(&mut self, chunk: &[u8]) {
        // The line the last chunk left open is ended here; the whole lines after it go to
        // the threads; what follows the last line end waits for the next chunk.
        if self.threads > 1 {
            if let Some((head, lines, tail)) = crate::parallel::cut(chunk, self.threads) {
                self.feed_here(head);
                let first = self.splitter.next_line();
                let (format, threads) = (self.format, self.threads);
                let n = crate::parallel::check(
                    format,
                    &mut self.rules,
                    &mut self.state,
                    first,
                    lines,
                    threads,
                    &mut self.blocks,
                );
                self.splitter.skip(n);
                self.feed_here(tail);
                return;
            }
        }
        self.feed_here(chunk);
    }

    fn finish(self: Box<Self>) -> Kept {
        let (format, path) = (self.format, self.path.clone());
        let (sink, mut rules, records) = self.finish_parts();
        let mut kept = sink.into_report(&path, Some((format.id, format.name)), records);
        rules.complete(&mut kept.report);
        kept
    }
}

impl<R: CrossRules + Sync> FlatChecker<R> {
    /// Ends the file: its last line, the empty-file rule and the format's closing rules.
    /// Returns the sink, the rules (with what they gathered) and the number of records.
    pub fn finish_parts(mut self) -> (Sink, R, u64) {
        let (format, rules, state) = (self.format, &mut self.rules, &mut self.state);
        self.splitter.finish(&mut |line| state.line(format, rules, line));
        if self.state.records == 0 {
            self.state.sink.emit(&catalogue::ARCHIVO_VACIO, At::file(), || {
                "El archivo no contiene ningún registro.".to_string()
            });
        }
        self.rules.finish(&mut self.state.sink);
        if let Some((spec, name)) = self.misnamed.take() {
            let sink = &mut self.state.sink;
            if let Some(right) = self.rules.implied_name().filter(|n| spec.parse(n).is_some()) {
                sink.emit(
                    &catalogue::NOMBRE_ARCHIVO,
                    At::file().with_value(name.as_bytes()),
                    || {
                        format!(
                            "El archivo debe llamarse exactamente {right} (así lo indica su registro de control) {}.",
                            cite(spec.source, spec.section)
                        )
                    },
                );
            } else {
                check_name(spec, &name, sink);
            }
        }
        (self.state.sink, self.rules, self.state.records)
    }
}
