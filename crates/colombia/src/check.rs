//! Checking a set of files together. Each file's format is recognised; queries are read first,
//! so the answers given with them are matched against them. The CLI calls [`check_files`]; the
//! page's worker takes the same steps of a [`Run`], so they cannot drift apart.

use crate::codes;
use crate::formats::people::{Consulted, People};
use crate::formats::{self, smcs_consulta, smcs_respuesta, Format};
use crate::reference::Tables;
use planos_core::checker::FlatChecker;
use planos_core::flat::FileChecker;
use planos_core::report::Kept;
#[cfg(doc)]
use planos_core::report::Report;
use planos_sign::{Signature, Trust, TrustStore};
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::sync::Arc;

/// Anything a file can be read from with random access: a file on disk, a browser `File`, bytes.
pub trait Source: Read + Seek {}
impl<T: Read + Seek> Source for T {}

/// One file to check.
pub struct Input<'a> {
    /// Reported as given; its last component is the name the annexes govern.
    pub path: String,
    pub size: u64,
    pub source: Box<dyn Source + 'a>,
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Findings listed in full per file.
    pub limit: usize,
    /// Bytes read at a time from flat files.
    pub chunk: usize,
    /// Threads each chunk of a flat file is checked on (1 in the page: WebAssembly has none).
    pub threads: usize,
    /// The input that is the query the answers answer (`--query`), when the user said so.
    pub query: Option<usize>,
    /// Keep one row per answered person of each answer ([`Checked::people`]).
    pub people: bool,
    /// Now, in seconds since 1970, from the caller's clock (WebAssembly has none): certificates
    /// are checked at an envelope's signing time, or now when it states none.
    pub now: i64,
    /// The certification authorities a signature's chain must reach to be trusted.
    pub trust: Arc<TrustStore>,
    /// The reference tables codes are looked up in (the compiled-in ones, or exports the user
    /// gave).
    pub tables: Tables,
}

impl Options {
    /// `limit` findings listed in full, 1 MiB chunks, one thread, no people, the accredited
    /// roots, and `now` from the caller.
    pub fn new(limit: usize, now: i64) -> Options {
        Options {
            limit,
            chunk: 1 << 20,
            threads: 1,
            query: None,
            people: false,
            now,
            trust: Arc::new(TrustStore::accredited()),
            tables: Tables::default(),
        }
    }
}

/// The key of a signed file's summary in its report ([`planos_core::report::Summaries`]): a
/// [`planos_sign::Signature`], for a `.p7z` and for the answer's signed `.INFO`.
pub const SIGNATURE: &str = "signature";

/// Where the work is, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub file: usize,
    pub files: usize,
    pub name: &'a str,
    pub done: u64,
    pub total: u64,
}

/// What a check gives: each file's report, and beside them what is too large to be part of
/// one (the findings kept, not yet listed; an answer's people).
#[derive(Debug, Default)]
pub struct Checked {
    /// Each input's report with the findings it kept, in the inputs' order
    /// ([`Report::listed`] lists them all).
    pub files: Vec<Kept>,
    /// For each file, in the same order: one row per answered person, when
    /// [`Options::people`] asked for them and the file is an answer.
    pub people: Vec<Option<People>>,
}

/// Checks every input; the reports come in the inputs' order.
pub fn check_files(
    inputs: Vec<Input<'_>>,
    opts: &Options,
    progress: &mut dyn FnMut(Progress<'_>),
) -> std::io::Result<Checked> {
    let mut run = Run::new(inputs, opts)?;
    for i in 0..run.len() {
        if let Some(mut job) = run.start(i) {
            run.feed(i, &mut job, progress)?;
            run.end(i, job);
        }
    }
    Ok(run.finish(progress))
}

/// One check of a set of files, a step at a time: [`check_files`] takes every step; the page's
/// worker feeds the flat files itself, reading the next slice of a file while it checks one.
pub struct Run<'a> {
    inputs: Vec<Input<'a>>,
    opts: Options,
    detected: Vec<Option<&'static Format>>,
    /// An answer archive is among the inputs: the queries gather the people they consult.
    answers: bool,
    reports: Vec<Option<Kept>>,
    people: Vec<Option<People>>,
    queries: Vec<(usize, Option<Consulted>)>,
    /// For an input that came as a signed envelope (`.p7z`): its name as given and what its
    /// signature says. The input itself is then the envelope's content, under the name it
    /// signs (the `.p7z`'s name without that extension).
    envelopes: Vec<Option<Envelope>>,
}

#[derive(Debug)]
struct Envelope {
    given: String,
    signature: Result<Signature, String>,
    /// Nothing could be taken out of it.
    empty: bool,
}

impl Envelope {
    fn broken(&self) -> bool {
        self.empty && self.signature.is_err()
    }
}

/// A flat file being checked: fed its bytes in chunks, then handed back to [`Run::end`].
pub enum Job {
    Flat(Box<dyn FileChecker>),
    /// A query given with its answer, which gathers the people it consults.
    Query(Box<FlatChecker<smcs_consulta::Rules>>),
}

impl Job {
    pub fn feed(&mut self, chunk: &[u8]) {
        match self {
            Job::Flat(c) => c.feed(chunk),
            Job::Query(c) => c.feed(chunk),
        }
    }
}

impl<'a> Run<'a> {
    /// Recognises each input's format from its name and first bytes.
    /// A `.p7z` is opened here: its signature verified, and its content checked as the file
    /// it names (a `.p7z` that is no envelope is reported as such, and nothing else).
    pub fn new(mut inputs: Vec<Input<'a>>, opts: &Options) -> std::io::Result<Self> {
        let mut detected = Vec::with_capacity(inputs.len());
        let mut envelopes = Vec::with_capacity(inputs.len());
        for input in inputs.iter_mut() {
            let mut head = vec![0u8; 4096];
            let n = read_full(&mut input.source, &mut head)?;
            input.source.seek(SeekFrom::Start(0))?;
            let envelope = match signed_name(&input.path) {
                Some(inner) => Some(unwrap(input, inner, opts)?),
                _ => None,
            };
            let n = if envelope.is_some() {
                let n = read_full(&mut input.source, &mut head)?;
                input.source.seek(SeekFrom::Start(0))?;
                n
            } else {
                n
            };
            let broken = envelope.as_ref().is_some_and(Envelope::broken);
            detected.push(if broken {
                None
            } else {
                formats::detect(&input.path, &head[..n])
            });
            envelopes.push(envelope);
        }
        Ok(Run {
            envelopes,
            answers: detected.iter().flatten().any(|f| f.is_archive()),
            reports: inputs.iter().map(|_| None).collect(),
            people: inputs.iter().map(|_| None).collect(),
            inputs,
            opts: opts.clone(),
            detected,
            queries: Vec::new(),
        })
    }

    /// How many inputs there are.
    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    /// Whether there are no inputs.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// Whether input `i` came in a signed envelope: its content is then in memory, and is fed
    /// with [`Run::feed`] rather than read again from where the envelope was.
    pub fn opened(&self, i: usize) -> bool {
        self.envelopes.get(i).is_some_and(Option::is_some)
    }

    /// Feeds input `i` whole to `job`, from its own source, telling `progress` how far it got.
    pub fn feed(&mut self, i: usize, job: &mut Job, progress: &mut dyn FnMut(Progress<'_>)) -> std::io::Result<()> {
        let files = self.inputs.len();
        let (input, chunk) = (&mut self.inputs[i], self.opts.chunk);
        let mut tell = |done: u64| {
            progress(Progress {
                file: i,
                files,
                name: &input.path,
                done,
                total: input.size,
            });
        };
        feed_all(&mut input.source, chunk, &mut tell, &mut |c| job.feed(c))
    }

    /// Input `i`'s flat-file checker, to be fed the whole file and given to [`Run::end`];
    /// `None` for a file that is not a flat file (an unrecognised one is reported here, an
    /// answer archive by [`Run::finish`]).
    pub fn start(&mut self, i: usize) -> Option<Job> {
        let (input, opts) = (self.inputs.get(i)?, &self.opts);
        match self.detected[i] {
            None if self.envelopes[i].as_ref().is_some_and(Envelope::broken) => {
                // Nothing came out of the envelope: its finding is all there is to say.
                self.reports[i] = Some(planos_core::report::Sink::new(0).into_report(&input.path, None, 0));
                None
            }
            None => {
                self.reports[i] = Some(formats::unknown(&input.path));
                None
            }
            Some(format) if format.is_archive() => None,
            Some(format) if *format == smcs_consulta::FORMAT && self.answers => {
                let rules = smcs_consulta::Rules::collecting();
                let checker = FlatChecker::new(&smcs_consulta::TABLES, rules, &input.path, opts.limit);
                Some(Job::Query(Box::new(checker.threads(opts.threads))))
            }
            Some(format) => {
                let context = formats::Context {
                    limit: opts.limit,
                    threads: opts.threads,
                    tables: opts.tables.clone(),
                };
                format.checker(&input.path, &context).map(Job::Flat)
            }
        }
    }

    /// Ends input `i`'s flat file, fed whole to `job`.
    pub fn end(&mut self, i: usize, job: Job) {
        let report = match job {
            Job::Flat(checker) => checker.finish(),
            Job::Query(checker) => {
                let path = &self.inputs[i].path;
                let (sink, rules, records) = checker.finish_parts();
                self.queries.push((i, rules.into_consulted(path)));
                let f = &smcs_consulta::TABLES;
                sink.into_report(path, Some((f.id, f.name)), records)
            }
        };
        self.reports[i] = Some(report);
    }

    /// Checks the answer archives, each with the query it answers, and returns every report.
    pub fn finish(self, progress: &mut dyn FnMut(Progress<'_>)) -> Checked {
        let (opts, files) = (self.opts, self.inputs.len());
        let envelopes = self.envelopes;
        let (mut reports, mut people, mut queries) = (self.reports, self.people, self.queries);
        for (i, input) in self.inputs.into_iter().enumerate() {
            if !self.detected[i].is_some_and(Format::is_archive) {
                continue;
            }
            progress(Progress {
                file: i,
                files,
                name: &input.path,
                done: 0,
                total: input.size,
            });
            let slot = pick_query(&queries, opts.query, &input.path);
            let query = slot.and_then(|s| queries[s].1.take());
            let reader = BufReader::with_capacity(1 << 20, input.source);
            let (report, rows, query) = smcs_respuesta::check(&input.path, reader, query, &opts);
            if let Some(s) = slot {
                queries[s].1 = query;
            }
            progress(Progress {
                file: i,
                files,
                name: &input.path,
                done: input.size,
                total: input.size,
            });
            reports[i] = Some(report);
            people[i] = rows;
        }
        for (report, envelope) in reports.iter_mut().zip(envelopes) {
            if let (Some(report), Some(envelope)) = (report.as_mut(), envelope) {
                seal(report, envelope);
            }
        }
        let (files, people) = reports
            .into_iter()
            .zip(people)
            .filter_map(|(report, rows)| Some((report?, rows)))
            .unzip();
        Checked { files, people }
    }
}

/// The name a `.p7z` signs: its own without that extension (`X.TXT.p7z` → `X.TXT`).
pub fn signed_name(path: &str) -> Option<String> {
    let cut = path.len().checked_sub(4)?;
    let (inner, ext) = (path.get(..cut)?, path.get(cut..)?);
    (ext.eq_ignore_ascii_case(".p7z") && !planos_core::names::base_name(inner).is_empty()).then(|| inner.to_string())
}

/// Opens a signed envelope: the input becomes its content under the name it signs, read where
/// it lies in the envelope (never loaded whole: its digest is taken as it streams, then the
/// check reads it again). An envelope that cannot be opened leaves an empty input behind, and
/// its reason.
fn unwrap(input: &mut Input<'_>, inner: String, opts: &Options) -> std::io::Result<Envelope> {
    let given = std::mem::replace(&mut input.path, inner);
    let (content, signature) = match planos_sign::open_from(&mut input.source, input.size, &opts.trust, opts.now)? {
        Ok(opened) => (opened.content, opened.signature),
        Err(why) => (0..0, Err(why)),
    };
    let source = std::mem::replace(&mut input.source, Box::new(std::io::empty()));
    input.source = Box::new(Window {
        inner: source,
        start: content.start as u64,
        len: content.len() as u64,
        pos: 0,
    });
    input.size = content.len() as u64;
    Ok(Envelope {
        given,
        signature,
        empty: content.is_empty(),
    })
}

/// A range of another source, read and sought as a source of its own.
struct Window<'a> {
    inner: Box<dyn Source + 'a>,
    start: u64,
    len: u64,
    pos: u64,
}

impl Read for Window<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.len.saturating_sub(self.pos);
        if left == 0 || buf.is_empty() {
            return Ok(0);
        }
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        self.inner.seek(SeekFrom::Start(self.start + self.pos))?;
        let n = self.inner.read(&mut buf[..want])?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for Window<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let at = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
        };
        self.pos =
            at.ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "posición antes del comienzo"))?;
        Ok(self.pos)
    }
}

/// Gives a report of an envelope's content its envelope: the name as given, the signature's
/// summary, and a finding when the signature does not verify or no trusted root vouches for it.
fn seal(kept: &mut Kept, envelope: Envelope) {
    let signed = std::mem::replace(&mut kept.report.path, envelope.given.clone());
    let name = planos_core::names::base_name(&envelope.given).to_string();
    match envelope.signature {
        Ok(signature) => {
            if let Trust::Untrusted { why, .. } = &signature.trust {
                kept.add(
                    &codes::FIRMA_NO_RECONOCIDA,
                    &format!(
                        "La firma de «{name}» está intacta, pero ninguna entidad de certificación de confianza respalda el certificado de «{}»: {why}.",
                        signature.signer.name
                    ),
                );
            }
            kept.report.summaries.insert(SIGNATURE, &signature);
        }
        Err(why) => kept.add(
            &codes::FIRMA_NO_VALIDA,
            &format!(
                "La firma digital de «{name}» no es válida: {why}. No se puede saber si «{}» es lo que se firmó.",
                planos_core::names::base_name(&signed)
            ),
        ),
    }
}

/// The query an answer answers: the one the user named, else the one with the answer's entity
/// code, else the only one.
fn pick_query(queries: &[(usize, Option<Consulted>)], named: Option<usize>, answer: &str) -> Option<usize> {
    if let Some(n) = named {
        return queries.iter().position(|(i, _)| *i == n);
    }
    let parts = smcs_respuesta::tables::NAME.read(planos_core::names::base_name(answer));
    let entity = parts.get(smcs_respuesta::tables::NAME_ENTITY);
    let same = |q: &Option<Consulted>| {
        q.as_ref()
            .is_some_and(|q| q.entity.as_deref() == entity && entity.is_some())
    };
    queries
        .iter()
        .position(|(_, q)| same(q))
        .or(if queries.len() == 1 { Some(0) } else { None })
}

/// Reads `source` to its end in chunks of `chunk` bytes, telling how far it got.
fn feed_all(
    source: &mut Box<dyn Source + '_>,
    chunk: usize,
    tell: &mut dyn FnMut(u64),
    feed: &mut dyn FnMut(&[u8]),
) -> std::io::Result<()> {
    let mut buf = vec![0u8; chunk.max(1)];
    let mut done = 0u64;
    tell(0);
    loop {
        let n = read_full(source, &mut buf)?;
        if n == 0 {
            break;
        }
        feed(&buf[..n]);
        done += n as u64;
        tell(done);
    }
    Ok(())
}

/// Fills `buf` as far as the source allows; returns how many bytes were read.
fn read_full(source: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match source.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}
