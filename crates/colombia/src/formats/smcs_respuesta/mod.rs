//! Res. 1537/2015 — the supervivencia answer archive `PUB200SMCS…DAT` (1.1.2, 1.2.2): a ZIP
//! with the RNEC answer, the not-found answer and the `.INFO` control file. It is opened,
//! every member is checked against its table, the MD5 digests and totals of the `.INFO` are
//! verified, and, when the query is given, every person consulted is matched with one answer.

pub mod tables;

use super::people::{AnswerSummary, Consulted, Index, NewRow, Outcome, People, Person};
use super::{Body, Format};
use crate::codes;
use base64::Engine;
use md5::{Digest, Md5};
use planos_core::archive::{self, Limits, Member};
use planos_core::checker::FlatChecker;
use planos_core::flat::{CrossRules, FileChecker, Record};
use planos_core::names::base_name;
use planos_core::names::{check_name, NameParts};
use planos_core::report::{At, Kept, Sink};
use planos_core::rules::cite;
use planos_core::text::display;
use planos_sign::{Signature, Trust, TrustStore};
use std::io::{Read, Seek, SeekFrom};
use tables::SOURCE;

pub(crate) const ID: &str = "smcs-respuesta";
pub const NAME: &str = "Respuesta de supervivencia — Res. 1537/2015";

/// The registry's entry ([`crate::formats::ALL`]).
pub static FORMAT: Format = Format {
    id: ID,
    name: NAME,
    source: SOURCE,
    phrase: "su respuesta (PUB200SMCS…DAT)",
    file_name: &tables::NAME,
    body: Body::Archive {
        recognise: archive::looks_like_zip,
    },
};

/// The members the annex names (1.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// 1.2.2.1.1 `SMC<code><date>RNEC`.
    Rnec,
    /// 1.2.2.1.3.1 `SMC<code><date>MSPSNO`.
    NotFound,
    /// 1.2.2.1.4.1 `SMC<code><date>.INFO`.
    Info,
    /// The `.INFO` signed as CMS (`.P7Z`).
    SignedInfo,
    /// A ZIP inside the ZIP.
    Nested,
}

fn kind_of(name: &str) -> Option<Kind> {
    let n = name.to_ascii_uppercase();
    let stem = n.strip_suffix(".TXT").unwrap_or(&n);
    if stem.ends_with("RNEC") {
        Some(Kind::Rnec)
    } else if stem.ends_with("MSPSNO") {
        Some(Kind::NotFound)
    } else if stem.ends_with(".INFO") {
        Some(Kind::Info)
    } else if n.ends_with(".P7Z") {
        Some(Kind::SignedInfo)
    } else if n.ends_with(".ZIP") {
        Some(Kind::Nested)
    } else {
        None
    }
}

/// The control record of an answer file, as far as it could be read.
#[derive(Debug, Default, Clone)]
struct Control {
    line: u64,
    code: Option<String>,
    query_total: Option<u64>,
    answer_total: Option<u64>,
}

/// What one answer member turned out to hold.
#[derive(Debug)]
struct MemberResult {
    name: String,
    md5: String,
    details: u64,
    control: Option<Control>,
}

/// Matches answers with the people consulted (or, without the query, finds repeated answers).
#[derive(Default)]
struct Matcher {
    query: Option<Consulted>,
    /// Without the query: the people answered so far.
    seen: Index,
    summary: AnswerSummary,
    /// One row per answered person, when the caller wants the table.
    people: Option<People>,
}

impl Matcher {
    fn answer(&mut self, rec: &Record<'_>, sink: &mut Sink) {
        let (Some(t), Some(n)) = (rec.good(1), rec.good(2)) else {
            return;
        };
        let Some(p) = Person::new(t, n) else { return };
        let repeated = match self.query.as_mut() {
            Some(q) => match q.people.answer(&p) {
                Some(answered) => answered == 2,
                None => {
                    let path = q.path.clone();
                    sink.emit(&codes::SMCS_RESP_NO_CONSULTADO, rec.at(2), || {
                        format!(
                            "{p} tiene respuesta pero no está en la consulta «{}» {}.",
                            base_name(&path),
                            cite(SOURCE, "1.2.2")
                        )
                    });
                    false
                }
            },
            None => self.seen.seen(p) >= 2,
        };
        if repeated {
            sink.emit(&codes::SMCS_RESP_REPETIDO, rec.at(2), || {
                format!(
                    "{p} tiene más de una respuesta; cada persona consultada se responde una sola vez {}.",
                    cite(SOURCE, "1.2.2")
                )
            });
        }
    }
}

/// The rules of an answer file (RNEC or not found): one control record first, totals, people.
struct AnswerRules {
    kind: Kind,
    member: String,
    matcher: Matcher,
    control: Option<Control>,
    first_line: Option<u64>,
    details: u64,
    /// The answered person's name, joined here record after record.
    name: String,
}

impl CrossRules for AnswerRules {
    fn start(&mut self, _name: &str, _parts: &NameParts, _sink: &mut Sink) {}

    fn record(&mut self, rec: &Record<'_>, sink: &mut Sink) {
        let first = *self.first_line.get_or_insert(rec.line);
        if rec.spec.type_code == "1" {
            if self.control.is_some() || first != rec.line {
                sink.emit(&codes::SMCS_RESP_CONTROL, At::line(rec.line), || {
                    format!(
                        "El registro de control debe ser el primero y único del archivo {}.",
                        cite(SOURCE, rec.spec.section)
                    )
                });
                return;
            }
            let num = |no| rec.good(no).and_then(planos_core::rules::digits);
            self.control = Some(Control {
                line: rec.line,
                code: rec.good(1).map(|v| String::from_utf8_lossy(v).into_owned()),
                query_total: num(4),
                answer_total: num(6),
            });
            return;
        }
        self.details += 1;
        self.matcher.answer(rec, sink);
        let field = |no: usize| rec.field(no).unwrap_or_default();
        let text = |no: usize| String::from_utf8_lossy(field(no));
        let s = &mut self.matcher.summary;
        let name = &mut self.name;
        name.clear();
        let (outcome, state, death) = match (self.kind, rec.spec.type_code) {
            (Kind::NotFound, _) => {
                s.not_found += 1;
                (Outcome::NotFound, text(3), Default::default())
            }
            (_, "2") => {
                s.deceased_rcd += 1;
                if let Some(state) = rec.field(19).filter(|v| !v.is_empty()) {
                    sink.emit(&codes::SMCS_RESP_ESTADO_RCD, rec.at(19), || {
                        format!(
                            "El estado en RCDefuncion debe ir vacío (toda persona de este registro está fallecida) y vale «{}» {}.",
                            display(state),
                            cite(SOURCE, "1.2.2.1.2.2")
                        )
                    });
                }
                join_names(name, [9, 10, 11, 12].map(field));
                (Outcome::DeceasedRcd, Default::default(), text(18))
            }
            _ => {
                s.found_ani += 1;
                let state = text(11);
                let outcome = if state.contains("MUERTE") {
                    s.deceased_ani += 1;
                    Outcome::DeceasedAni
                } else {
                    Outcome::Alive
                };
                match s.ani_states.get_mut(&*state) {
                    Some(n) => *n += 1,
                    None => {
                        s.ani_states.insert(state.to_string(), 1);
                    }
                }
                join_names(name, [4, 5, 6, 7, 8].map(field));
                (outcome, state, text(12))
            }
        };
        if let Some(rows) = self.matcher.people.as_mut() {
            rows.push(NewRow {
                doc_type: field(1),
                number: field(2),
                outcome,
                state: &state,
                name,
                death_date: &death,
                member: &self.member,
                line: rec.line,
            });
        }
    }

    fn finish(&mut self, sink: &mut Sink) {
        let Some(c) = &self.control else {
            if self.first_line.is_some() {
                sink.emit(&codes::SMCS_RESP_CONTROL, At::line(1), || {
                    format!(
                        "Falta el registro de control (tipo 1) al comienzo del archivo {}.",
                        cite(SOURCE, "1.2.2.1.2")
                    )
                });
            }
            return;
        };
        if let Some(total) = c.answer_total.filter(|&t| t != self.details) {
            let details = self.details;
            let name = tables::RNEC.records[0].fields[6].name;
            sink.emit(&codes::SMCS_RESP_TOTAL, At::field(c.line, 6, name, total.to_string().as_bytes()), || {
                format!(
                    "El total de registros de respuesta ({total}) no coincide con los {details} registros de detalle del archivo {}.",
                    cite(SOURCE, "1.2.2.1.2.1")
                )
            });
        }
    }
}

/// Surnames and names (as text) joined into `out` with single spaces, the empty ones left out.
fn join_names<const N: usize>(out: &mut String, parts: [&[u8]; N]) {
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&String::from_utf8_lossy(part));
    }
}

/// One record of the `.INFO` file.
#[derive(Debug, Clone)]
struct InfoRecord {
    line: u64,
    file: String,
    query_total: Option<u64>,
    answer_total: Option<u64>,
    md5_rnec: String,
    md5_not_found: String,
}

#[derive(Default)]
struct InfoRules {
    records: Vec<InfoRecord>,
}

impl CrossRules for InfoRules {
    fn start(&mut self, _name: &str, _parts: &NameParts, _sink: &mut Sink) {}

    fn record(&mut self, rec: &Record<'_>, _sink: &mut Sink) {
        let text = |no| {
            rec.good(no)
                .map(|v| String::from_utf8_lossy(v).into_owned())
                .unwrap_or_default()
        };
        let num = |no| rec.good(no).and_then(planos_core::rules::digits);
        self.records.push(InfoRecord {
            line: rec.line,
            file: text(0),
            query_total: num(5),
            answer_total: num(7),
            md5_rnec: text(8),
            md5_not_found: text(9),
        });
    }

    fn finish(&mut self, _sink: &mut Sink) {}
}

/// Everything gathered while the archive's members are read.
struct Ctx {
    sink: Sink,
    limits: Limits,
    used: u64,
    matcher: Matcher,
    entity: Option<String>,
    records: u64,
    rnec: Option<MemberResult>,
    not_found: Option<MemberResult>,
    info: Option<(String, Vec<InfoRecord>)>,
    /// The roots a signature must reach, and the moment certificates are checked at when an
    /// envelope states none.
    trust: std::sync::Arc<TrustStore>,
    now: i64,
    /// The last signature that verified (the `.DAT`'s envelope or the `.INFO.P7Z`).
    signature: Option<Signature>,
}

/// Checks an answer archive read from `reader`; `query`, when given, is the query it answers.
/// Gives back, beside the report, one row per answered person when `opts.people` asks for them,
/// and the query (its `answered` counts filled) for the caller to reuse. Signatures are traced
/// to `opts.trust`'s roots.
pub fn check<R: Read + Seek>(
    path: &str,
    mut reader: R,
    query: Option<Consulted>,
    opts: &crate::check::Options,
) -> (Kept, Option<People>, Option<Consulted>) {
    let people = opts.people;
    let mut sink = Sink::new(opts.limit);
    let parts = check_name(&tables::NAME, base_name(path), &mut sink);
    let mut query = query;
    // The rows' columns are made for one row a consulted person.
    let mut expected = 0;
    if let Some(q) = query.as_mut() {
        q.people.reset_answers();
        expected = q.people.len();
    }
    let mut ctx = Ctx {
        sink,
        limits: Limits::default(),
        used: 0,
        matcher: Matcher {
            query,
            people: people.then(|| People::with_capacity(expected)),
            ..Default::default()
        },
        entity: parts.get(tables::NAME_ENTITY).map(str::to_string),
        records: 0,
        rnec: None,
        not_found: None,
        info: None,
        trust: opts.trust.clone(),
        now: opts.now,
        signature: None,
    };
    let mut head = [0u8; 4];
    let n = read_head(&mut reader, &mut head);
    if n == 0 {
        ctx.sink.emit(&planos_core::catalogue::ARCHIVO_VACIO, At::file(), || {
            "El archivo de respuesta está vacío.".to_string()
        });
    } else if planos_sign::looks_like_cms(&head[..n]) {
        match read_capped(&mut reader, ctx.limits.max_total)
            .map_err(|e| e.to_string())
            .and_then(|b| planos_sign::open(&b, &ctx.trust, ctx.now).map(|opened| (b, opened)))
        {
            Ok((bytes, envelope)) => {
                signature_verdict(&mut ctx, base_name(path), envelope.signature);
                let content = &bytes[envelope.content];
                if archive::looks_like_zip(content) {
                    match archive::open(std::io::Cursor::new(content)) {
                        Ok((mut zip, members)) => read_members(&mut zip, &members, &mut ctx, 0),
                        Err(why) => ctx.sink.emit(&codes::SMCS_RESP_ZIP, At::file(), || {
                            format!("El contenido firmado {why}.")
                        }),
                    }
                    cross_checks(&mut ctx);
                } else {
                    ctx.sink.emit(&codes::SMCS_RESP_NO_ZIP, At::file(), || {
                        "El contenido del sobre firmado no es un archivo ZIP.".to_string()
                    });
                }
            }
            Err(why) => ctx.sink.emit(&codes::SMCS_RESP_FIRMA, At::file(), || {
                format!("El archivo de respuesta {why}.")
            }),
        }
    } else if !archive::looks_like_zip(&head[..n]) {
        ctx.sink.emit(&codes::SMCS_RESP_NO_ZIP, At::file(), || {
            format!(
                "El archivo de respuesta no es un ZIP: el .DAT debe contener un archivo ZIP {}.",
                cite(SOURCE, "1.2.2")
            )
        });
    } else {
        match archive::open(reader) {
            Ok((mut zip, members)) => read_members(&mut zip, &members, &mut ctx, 0),
            Err(why) => ctx.sink.emit(&codes::SMCS_RESP_ZIP, At::file(), || {
                format!("El archivo de respuesta {why}.")
            }),
        }
        cross_checks(&mut ctx);
    }
    let Ctx {
        sink,
        matcher,
        records,
        signature,
        ..
    } = ctx;
    let mut report = sink.into_report(path, Some((ID, NAME)), records);
    if let Some(signature) = &signature {
        report.report.summaries.insert(crate::check::SIGNATURE, signature);
    }
    let Matcher {
        query, summary, people, ..
    } = matcher;
    report.report.summaries.insert(AnswerSummary::KEY, &summary);
    (report, people, query)
}

/// Reads a whole source into memory, refusing more than `cap` bytes.
fn read_capped<R: Read>(reader: &mut R, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    reader.take(cap + 1).read_to_end(&mut out)?;
    if out.len() as u64 > cap {
        return Err(std::io::Error::other(format!("supera {} GiB", cap >> 30)));
    }
    Ok(out)
}

fn read_head<R: Read + Seek>(reader: &mut R, head: &mut [u8; 4]) -> usize {
    let mut n = 0;
    while n < head.len() {
        match reader.read(&mut head[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    let _ = reader.seek(SeekFrom::Start(0));
    n
}

fn read_members<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, members: &[Member], ctx: &mut Ctx, depth: u8) {
    for m in members.iter().filter(|m| !m.is_dir) {
        ctx.sink.set_member(Some(m.name.clone()));
        let name = m.name.clone();
        if m.escapes() {
            ctx.sink.emit(&codes::SMCS_RESP_MIEMBRO_RUTA, At::file(), || {
                format!("El miembro «{name}» tiene una ruta que sale de la carpeta (.. o ruta absoluta); no se abre.")
            });
            continue;
        }
        if m.encrypted {
            ctx.sink.emit(&codes::SMCS_RESP_MIEMBRO_CIFRADO, At::file(), || {
                format!("El miembro «{name}» está cifrado con contraseña; planos no lo puede leer.")
            });
            continue;
        }
        match kind_of(m.base_name()) {
            Some(Kind::Nested) if depth == 0 => match archive::read_all(zip, m, ctx.limits, &mut ctx.used) {
                Ok(bytes) => match archive::open(std::io::Cursor::new(bytes)) {
                    Ok((mut inner, inner_members)) => read_members(&mut inner, &inner_members, ctx, depth + 1),
                    Err(why) => ctx.sink.emit(&codes::SMCS_RESP_ZIP, At::file(), || {
                        format!("El ZIP interno «{name}» {why}.")
                    }),
                },
                Err(why) => unreadable(ctx, &name, &why),
            },
            Some(kind @ (Kind::Rnec | Kind::NotFound)) => answer_member(zip, m, kind, ctx),
            Some(Kind::Info) => info_member(zip, m, ctx),
            Some(Kind::SignedInfo) => match small_member(zip, m, ctx) {
                Ok(bytes) => match planos_sign::open(&bytes, &ctx.trust, ctx.now) {
                    Ok(envelope) => {
                        signature_verdict(ctx, &name, envelope.signature);
                        info_content(&bytes[envelope.content], m.base_name(), ctx);
                    }
                    Err(why) => ctx.sink.emit(&codes::SMCS_RESP_FIRMA, At::file(), || {
                        format!("No se pudo abrir «{name}»: {why}.")
                    }),
                },
                Err(why) => unreadable(ctx, &name, &why),
            },
            _ => ctx.sink.emit(&codes::SMCS_RESP_MIEMBRO_INESPERADO, At::file(), || {
                format!(
                    "«{name}» no es ninguno de los archivos de la respuesta (…RNEC, …MSPSNO, ….INFO) {}.",
                    cite(SOURCE, "1.2.2")
                )
            }),
        }
    }
    ctx.sink.set_member(None);
}

fn unreadable(ctx: &mut Ctx, name: &str, why: &str) {
    ctx.sink.emit(&codes::SMCS_RESP_MIEMBRO_ILEGIBLE, At::file(), || {
        format!("No se pudo leer «{name}»: {why}.")
    });
}

/// 1.2.2.1.1, 1.2.2.1.3.1, 1.2.2.1.4.1: `SMC` + entity code + query date + source.
fn check_member_name(name: &str, ctx: &mut Ctx) {
    let b = name.as_bytes();
    let code = b.get(3..9);
    let date = b.get(9..17);
    let mut problems = Vec::new();
    if !name.starts_with("SMC") {
        problems.push("no empieza por «SMC»".to_string());
    }
    if let (Some(code), Some(entity)) = (code, ctx.entity.as_deref()) {
        if code != entity.as_bytes() {
            problems.push(format!(
                "el código de entidad «{}» no es el del .DAT «{entity}»",
                display(code)
            ));
        }
    }
    match date {
        Some(d) if planos_core::rules::parse_date8(d).is_some() => {
            let query_date = ctx.matcher.query.as_ref().and_then(|q| q.date.clone());
            if let Some(qd) = query_date.filter(|qd| qd.as_bytes() != d) {
                problems.push(format!("la fecha «{}» no es la de la consulta «{qd}»", display(d)));
            }
        }
        _ => problems.push("no tiene una fecha real AAAAMMDD tras el código de entidad".to_string()),
    }
    for p in problems {
        let name = name.to_string();
        ctx.sink.emit(&codes::SMCS_RESP_MIEMBRO_NOMBRE, At::file(), || {
            format!("El nombre del miembro «{name}» {p} {}.", cite(SOURCE, "1.2.2.1.1"))
        });
    }
}

fn answer_member<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, m: &Member, kind: Kind, ctx: &mut Ctx) {
    let name = m.base_name().to_string();
    let slot_taken = if kind == Kind::Rnec {
        ctx.rnec.is_some()
    } else {
        ctx.not_found.is_some()
    };
    if slot_taken {
        ctx.sink.emit(&codes::SMCS_RESP_MIEMBRO_REPETIDO, At::file(), || {
            format!("Hay más de un archivo de este tipo en la respuesta; «{name}» no se revisa.")
        });
        return;
    }
    check_member_name(&name, ctx);
    let format = if kind == Kind::Rnec {
        &tables::RNEC
    } else {
        &tables::NOT_FOUND
    };
    let rules = AnswerRules {
        kind,
        member: name.clone(),
        matcher: std::mem::take(&mut ctx.matcher),
        control: None,
        first_line: None,
        details: 0,
        name: String::new(),
    };
    let sink = std::mem::replace(&mut ctx.sink, Sink::new(0));
    let mut checker = FlatChecker::with_sink(format, rules, &name, sink);
    let mut md5 = Md5::new();
    let streamed = archive::stream(zip, m, ctx.limits, &mut ctx.used, &mut |chunk| {
        md5.update(chunk);
        checker.feed(chunk);
    });
    let (sink, rules, records) = checker.finish_parts();
    ctx.sink = sink;
    ctx.matcher = rules.matcher;
    ctx.records += records;
    if let Err(why) = streamed {
        unreadable(ctx, &name, &why);
    }
    let result = MemberResult {
        name,
        md5: base64::engine::general_purpose::STANDARD.encode(md5.finalize()),
        details: rules.details,
        control: rules.control,
    };
    if kind == Kind::Rnec {
        ctx.rnec = Some(result);
    } else {
        ctx.not_found = Some(result);
    }
}

/// Reads a member that must be small (the `.INFO`, plain or signed): at most 1 MiB.
fn small_member<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, m: &Member, ctx: &mut Ctx) -> Result<Vec<u8>, String> {
    let limits = Limits {
        max_total: ctx.used + (1 << 20),
        ..ctx.limits
    };
    archive::read_all(zip, m, limits, &mut ctx.used)
}

fn info_member<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, m: &Member, ctx: &mut Ctx) {
    match small_member(zip, m, ctx) {
        Ok(bytes) => info_content(&bytes, m.base_name(), ctx),
        Err(why) => unreadable(ctx, m.base_name(), &why),
    }
}

/// Checks the `.INFO`'s text (from the plain member or out of its signed envelope).
fn info_content(bytes: &[u8], name: &str, ctx: &mut Ctx) {
    if ctx.info.is_some() {
        let name = name.to_string();
        ctx.sink.emit(&codes::SMCS_RESP_MIEMBRO_REPETIDO, At::file(), || {
            format!("Hay más de un .INFO en la respuesta; «{name}» no se revisa.")
        });
        return;
    }
    check_member_name(name, ctx);
    let sink = std::mem::replace(&mut ctx.sink, Sink::new(0));
    let mut checker = FlatChecker::with_sink(&tables::INFO, InfoRules::default(), name, sink);
    checker.feed(bytes);
    let (sink, rules, records) = checker.finish_parts();
    ctx.sink = sink;
    ctx.records += records;
    ctx.info = Some((name.to_string(), rules.records));
}

/// Reports a signature's verdict: the signer, and whether a trusted root vouches for them; or
/// why the signature does not verify.
fn signature_verdict(ctx: &mut Ctx, what: &str, verdict: Result<Signature, String>) {
    match verdict {
        Ok(signature) => {
            if let Trust::Untrusted { why, .. } = &signature.trust {
                let (what, signer) = (what.to_string(), signature.signer.name.clone());
                ctx.sink.emit(&codes::FIRMA_NO_RECONOCIDA, At::file(), || {
                    format!(
                        "La firma de «{what}» está intacta, pero ninguna entidad de certificación de confianza respalda el certificado de «{signer}»: {why}. planos no puede asegurar que esta respuesta sea del Ministerio: descárguela de nuevo del FTPS del Ministerio y, si sigue igual, repórtelo a su mesa de ayuda."
                    )
                });
            }
            ctx.matcher.summary.signer = Some(signature.signer.name.clone());
            ctx.signature = Some(signature);
        }
        Err(why) => {
            let what = what.to_string();
            ctx.sink.emit(&codes::SMCS_RESP_FIRMA, At::file(), || {
                format!("La firma digital de «{what}» no es válida: {why}. El archivo pudo ser alterado después de firmado.")
            });
        }
    }
}

/// The rules that span members: presence, digests, totals, entity codes, and the query.
fn cross_checks(ctx: &mut Ctx) {
    let sink = &mut ctx.sink;
    sink.set_member(None);
    if ctx.rnec.is_none() {
        sink.emit(&codes::SMCS_RESP_RNEC_FALTA, At::file(), || {
            format!(
                "La respuesta no trae el archivo de la Registraduría (SMC…RNEC) {}.",
                cite(SOURCE, "1.2.2")
            )
        });
    }
    if ctx.info.is_none() {
        sink.emit(&codes::SMCS_RESP_INFO_FALTA, At::file(), || {
            format!(
                "La respuesta no trae el archivo de información de control (.INFO): su integridad no se puede comprobar {}.",
                cite(SOURCE, "1.2.2.1.4")
            )
        });
    }
    let answers: Vec<&MemberResult> = ctx.rnec.iter().chain(ctx.not_found.iter()).collect();
    for r in &answers {
        let Some(c) = &r.control else { continue };
        sink.set_member(Some(r.name.clone()));
        if let (Some(code), Some(entity)) = (&c.code, &ctx.entity) {
            if code != entity {
                let name = tables::RNEC.records[0].fields[1].name;
                sink.emit(
                    &codes::SMCS_RESP_ENTIDAD,
                    At::field(c.line, 1, name, code.as_bytes()),
                    || format!("El código de la entidad «{code}» no es el del nombre del .DAT «{entity}»."),
                );
            }
        }
        let query_total = ctx.matcher.query.as_ref().and_then(|q| q.total);
        if let (Some(mine), Some(theirs)) = (c.query_total, query_total) {
            if mine != theirs {
                let name = tables::RNEC.records[0].fields[4].name;
                sink.emit(
                    &codes::SMCS_RESP_TOTAL_CONSULTA,
                    At::field(c.line, 4, name, mine.to_string().as_bytes()),
                    || format!("La respuesta dice que la consulta tenía {mine} registros y la consulta dice {theirs}."),
                );
            }
        }
    }
    ctx.matcher.summary.consulted = answers.iter().find_map(|r| r.control.as_ref()?.query_total);
    if let Some((info_name, records)) = &ctx.info {
        sink.set_member(Some(info_name.clone()));
        if records.len() > 2 {
            sink.emit(&codes::SMCS_RESP_INFO_REGISTROS, At::file(), || {
                format!("El .INFO tiene {} registros; se esperaban uno o dos.", records.len())
            });
        }
        for rec in records {
            info_checks(
                sink,
                rec,
                ctx.rnec.as_ref(),
                ctx.not_found.as_ref(),
                ctx.matcher.summary.consulted,
            );
        }
    }
    sink.set_member(None);
    if let Some(q) = ctx.matcher.query.as_mut() {
        let missing = q.people.unanswered();
        let query = base_name(&q.path).to_string();
        for (line, p) in missing {
            sink.emit(&codes::SMCS_RESP_SIN_RESPUESTA, At::file(), || {
                format!(
                    "{p} (línea {line} de la consulta «{query}») no tiene respuesta: ni en el archivo de la Registraduría ni en el de no encontrados {}.",
                    cite(SOURCE, "1.2.2")
                )
            });
        }
    }
}

fn info_checks(
    sink: &mut Sink,
    rec: &InfoRecord,
    rnec: Option<&MemberResult>,
    not_found: Option<&MemberResult>,
    consulted: Option<u64>,
) {
    let field = |no: usize| tables::INFO.records[0].fields[no].name;
    let digest = |no: usize, member: Option<&MemberResult>, stated: &str, sink: &mut Sink| match member {
        Some(m) if m.md5 != stated => {
            let (name, md5) = (m.name.clone(), m.md5.clone());
            let stated = stated.to_string();
            sink.emit(&codes::SMCS_RESP_MD5, At::field(rec.line, no as u32, field(no), stated.as_bytes()), || {
                format!(
                    "El resumen MD5 de «{name}» es {md5} y el .INFO dice {stated}: el archivo no es el que firmó el Ministerio (alterado, incompleto o de otra respuesta) {}.",
                    cite(SOURCE, "1.2.2.1.4.2")
                )
            });
        }
        None if !stated.is_empty() => {
            sink.emit(
                &codes::SMCS_RESP_MIEMBRO_FALTA,
                At::field(rec.line, no as u32, field(no), stated.as_bytes()),
                || "El .INFO trae el resumen MD5 de un archivo que no está en la respuesta.".to_string(),
            );
        }
        _ => {}
    };
    digest(8, rnec, &rec.md5_rnec, sink);
    digest(9, not_found, &rec.md5_not_found, sink);
    let named = [rnec, not_found]
        .into_iter()
        .flatten()
        .find(|m| same_file(&m.name, &rec.file));
    let sum = rnec.map_or(0, |m| m.details) + not_found.map_or(0, |m| m.details);
    if let Some(total) = rec.answer_total {
        if named.map_or(total != sum, |m| total != m.details && total != sum) {
            sink.emit(
                &codes::SMCS_RESP_INFO_TOTAL,
                At::field(rec.line, 7, field(7), total.to_string().as_bytes()),
                || {
                    format!(
                        "El .INFO dice {total} registros de respuesta y los archivos traen {sum} {}.",
                        cite(SOURCE, "1.2.2.1.4.2")
                    )
                },
            );
        }
    }
    if let (Some(stated), Some(c)) = (rec.query_total, consulted) {
        if stated != c {
            sink.emit(&codes::SMCS_RESP_INFO_TOTAL, At::field(rec.line, 5, field(5), stated.to_string().as_bytes()), || {
                format!("El .INFO dice {stated} registros consultados y el registro de control de la respuesta dice {c}.")
            });
        }
    }
}

/// Whether a member name and the name an `.INFO` record gives are the same file (extensions aside).
fn same_file(member: &str, named: &str) -> bool {
    let stem = |s: &str| {
        let u = s.to_ascii_uppercase();
        u.strip_suffix(".TXT").unwrap_or(&u).to_string()
    };
    stem(member) == stem(named)
}
