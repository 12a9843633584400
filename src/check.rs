//! Checking a set of files together. Each file's format is recognised; queries are read first,
//! so the answers given with them are matched against them. The CLI and the page's worker both
//! call [`check_files`], so they cannot drift apart.

use crate::formats::people::Consulted;
use crate::formats::{self, smcs_consulta, smcs_respuesta, Format};
use crate::names::check_name;
use crate::report::{FileReport, Report, Sink};
use std::io::{BufReader, Read, Seek, SeekFrom};

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

#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Findings listed in full per file.
    pub limit: usize,
    /// Bytes read at a time from flat files.
    pub chunk: usize,
    /// Threads each chunk of a flat file is checked on (1 in the page: WebAssembly has none).
    pub threads: usize,
    /// The input that is the query the answers answer (`--query`), when the user said so.
    pub query: Option<usize>,
    /// Keep one row per answered person in each answer's report (`FileReport::people`).
    pub people: bool,
    /// Leave the kept findings in `FileReport::findings` for browsing, unlisted (the page's
    /// worker, which lists a window at a time); otherwise they are listed in `errors`.
    pub browse: bool,
}

/// Where the work is, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub file: usize,
    pub files: usize,
    pub name: &'a str,
    pub done: u64,
    pub total: u64,
}

/// Checks every input; the reports come in the inputs' order.
pub fn check_files(
    mut inputs: Vec<Input<'_>>,
    opts: &Options,
    progress: &mut dyn FnMut(Progress<'_>),
) -> std::io::Result<Report> {
    let files = inputs.len();
    let mut detected = Vec::with_capacity(files);
    for input in inputs.iter_mut() {
        let mut head = vec![0u8; 4096];
        let n = read_full(&mut input.source, &mut head)?;
        input.source.seek(SeekFrom::Start(0))?;
        detected.push(formats::detect(&input.path, &head[..n]));
    }
    let answers = detected.contains(&Some(Format::SmcsRespuesta));
    let mut reports: Vec<Option<FileReport>> = (0..files).map(|_| None).collect();
    let mut queries: Vec<(usize, Option<Consulted>)> = Vec::new();

    // Flat files first: a query read with its answer also yields the people consulted.
    for (i, input) in inputs.iter_mut().enumerate() {
        let mut tell = |done: u64| {
            progress(Progress {
                file: i,
                files,
                name: &input.path,
                done,
                total: input.size,
            });
        };
        let report = match detected[i] {
            None => formats::unknown(&input.path),
            Some(Format::SmcsRespuesta) => continue,
            Some(Format::SmcsConsulta) if answers => {
                let rules = smcs_consulta::Rules::collecting();
                let mut checker = crate::flat::FlatChecker::new(&smcs_consulta::FORMAT, rules, &input.path, opts.limit)
                    .threads(opts.threads);
                feed_all(&mut input.source, opts.chunk, &mut tell, &mut |c| {
                    crate::flat::FileChecker::feed(&mut checker, c)
                })?;
                let (sink, rules, records) = checker.finish_parts();
                queries.push((i, rules.into_consulted(&input.path)));
                let f = &smcs_consulta::FORMAT;
                sink.into_report(&input.path, Some((f.id, f.name)), records)
            }
            Some(format) => {
                let Some(mut checker) = format.checker(&input.path, opts.limit, opts.threads) else {
                    continue;
                };
                feed_all(&mut input.source, opts.chunk, &mut tell, &mut |c| checker.feed(c))?;
                checker.finish()
            }
        };
        reports[i] = Some(report);
    }

    // Then the answers, each with the query it answers.
    for (i, input) in inputs.into_iter().enumerate() {
        if detected[i] != Some(Format::SmcsRespuesta) {
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
        let (report, query) = smcs_respuesta::check(&input.path, reader, query, opts.limit, opts.people);
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
    }
    let mut files: Vec<FileReport> = reports.into_iter().flatten().collect();
    if !opts.browse {
        files.iter_mut().for_each(FileReport::list_all);
    }
    Ok(Report { files })
}

/// The query an answer answers: the one the user named, else the one with the answer's entity
/// code, else the only one.
fn pick_query(queries: &[(usize, Option<Consulted>)], named: Option<usize>, answer: &str) -> Option<usize> {
    if let Some(n) = named {
        return queries.iter().position(|(i, _)| *i == n);
    }
    let parts = check_name(
        &smcs_respuesta::tables::NAME,
        crate::flat::base_name(answer),
        &mut Sink::new(0),
    );
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
