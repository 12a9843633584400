//! "Preparar envío": a file checked before it goes to an SSSalud site, and the exact place and
//! steps to upload it (manual, "Envío de archivos al FTP SSSalud" and each site's section).

use super::sites::{Extension, Folders, Period, Site};
use super::xml;
use crate::codes;
use planos_core::catalogue::Code;
use planos_core::report::{Diagnostic, Severity};

/// How people read a finding's severity here: "Error", "Advertencia", "Verifique" (a
/// [`Severity::Note`]: something to verify by hand).
pub fn label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Advertencia",
        Severity::Note => "Verifique",
    }
}

/// A finding about the whole file.
fn finding(code: &'static Code, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(code, message)
}

/// A finding at `line` (and `column`).
fn finding_at(code: &'static Code, line: u32, column: Option<u32>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(code, message).at(u64::from(line), column)
}

/// The outcome of "Preparar envío".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preparation {
    pub site: &'static Site,
    /// The period used: the one chosen, else the one in the file's name.
    pub period: Option<Period>,
    /// The period the file's name states, when it states one.
    pub period_in_name: Option<Period>,
    /// Where to upload, from the FTP's root (`201707`, `padron/2017-2`, `Recibidos`, …).
    pub folder: Option<String>,
    /// Errors first, then warnings, then what to verify by hand; each in the order found.
    pub findings: Vec<Diagnostic>,
    /// What to do, in order.
    pub steps: Vec<String>,
}

impl Preparation {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    /// No error and a folder to upload to.
    pub fn ready(&self) -> bool {
        self.errors() == 0 && self.folder.is_some()
    }
}

/// Checks `bytes`, the file `file_name`, for `site`, with the period the user chose (if any).
pub fn prepare(site: &'static Site, chosen: Option<Period>, file_name: &str, bytes: &[u8]) -> Preparation {
    let mut findings = Vec::new();
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    if !site.has_extension(name) {
        findings.push(finding(
            &codes::SSSALUD_ENVIO_EXTENSION,
            format!(
                "«{name}» no termina en .{}: «{}» solo recibe archivos {} (manual, «Extensión del archivo a subir»).",
                site.extension.label(),
                site.name,
                site.extension.label()
            ),
        ));
    }
    if bytes.is_empty() {
        findings.push(finding(&codes::SSSALUD_ENVIO_VACIO, "El archivo está vacío."));
    } else {
        match site.extension {
            Extension::Txt => text_findings(bytes, &mut findings),
            Extension::Xml => match xml::check(bytes) {
                Ok(_) => {}
                Err(e) => findings.push(finding_at(
                    &codes::SSSALUD_ENVIO_XML,
                    e.line,
                    Some(e.column),
                    format!("El XML no está bien formado: {}.", e.message),
                )),
            },
        }
    }
    if let Some(app) = site.made_by {
        findings.push(finding(
            &codes::SSSALUD_ENVIO_APLICATIVO,
            format!(
                "«{}» solo acepta archivos .XML generados con {app} (manual).",
                site.name
            ),
        ));
    }
    let period_in_name = site.folders.period_in_name(name);
    let period = chosen.or(period_in_name);
    period_findings(site, chosen, period_in_name, &mut findings);
    // Errors first, then warnings, then notes; each in the order found.
    findings.sort_by_key(|f| f.severity);
    let folder = site.folder(period);
    let steps = steps(site, folder.as_deref());
    Preparation {
        site,
        period,
        period_in_name,
        folder,
        findings,
        steps,
    }
}

/// The period chosen, the one in the name, and the rule of Res. 331 and 83 that a folder only
/// takes its own period.
fn period_findings(site: &Site, chosen: Option<Period>, in_name: Option<Period>, findings: &mut Vec<Diagnostic>) {
    let folders = site.folders;
    if let Folders::Fixed(_) = folders {
        return;
    }
    let show = |p: Period| folders.folder(p).unwrap_or_default();
    match (chosen, in_name) {
        (None, None) => findings.push(finding(
            &codes::SSSALUD_ENVIO_PERIODO_FALTA,
            format!(
                "Elija el período activo ({}): lo publica el cronograma de envío de SSSalud (manual, «Cronograma de envío»).",
                folders.unit().to_lowercase()
            ),
        )),
        (Some(c), Some(n)) if c != n => {
            let (severity, consequence) = if site.period_must_match {
                (Severity::Error, "esa carpeta solo acepta archivos de su período y rechazaría la recepción (manual, «En cada carpeta del FTP sólo se aceptarán archivos del período correspondiente»)")
            } else {
                (Severity::Warning, "verifique cuál es el período activo")
            };
            findings.push(
                finding(
                    &codes::SSSALUD_ENVIO_PERIODO,
                    format!(
                        "El nombre del archivo indica el período {} pero eligió {}: {consequence}.",
                        show(n),
                        show(c)
                    ),
                )
                .with_severity(severity),
            );
        }
        (Some(c), None) if site.period_must_match => findings.push(finding(
            &codes::SSSALUD_ENVIO_PERIODO_NOMBRE,
            format!(
                "planos no encontró el período en el nombre del archivo: confirme que el archivo sea del período {}; esa carpeta solo acepta archivos de su período.",
                show(c)
            ),
        )),
        _ => {}
    }
}

/// Plain-text rules for the TXT sites: text, not a renamed binary; no UTF-8 BOM; one kind of line end;
/// ANSI rather than UTF-8.
fn text_findings(bytes: &[u8], findings: &mut Vec<Diagnostic>) {
    if bytes.starts_with(b"PK\x03\x04") {
        findings.push(finding(
            &codes::SSSALUD_ENVIO_ZIP,
            "El archivo es un ZIP con otro nombre: suba el .TXT que contiene, no el comprimido.",
        ));
        return;
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        let line = line_of(bytes, at);
        findings.push(finding_at(
            &codes::SSSALUD_ENVIO_BINARIO,
            line,
            None,
            "El archivo tiene bytes nulos: no es un archivo de texto (¿es una planilla u otro formato con extensión .TXT?).",
        ));
        return;
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        findings.push(finding_at(
            &codes::SSSALUD_ENVIO_BOM,
            1,
            Some(1),
            "El archivo empieza con la marca BOM de UTF-8 (bytes EF BB BF): los aplicativos de SSSalud esperan texto ANSI, y esos bytes quedarían pegados al primer campo. Guárdelo como ANSI.",
        ));
    }
    let ends = LineEnds::count(bytes);
    if let Some(line) = ends.first_different {
        findings.push(finding_at(
            &codes::SSSALUD_ENVIO_FINES_LINEA,
            line,
            None,
            format!(
                "Los fines de línea están mezclados ({}): desde la línea {line} cambian. Use uno solo (CR+LF, el de Windows).",
                ends.summary()
            ),
        ));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if !body.is_ascii() && std::str::from_utf8(body).is_ok() {
        let at = body.iter().position(|b| !b.is_ascii()).unwrap_or(0);
        findings.push(finding_at(
            &codes::SSSALUD_ENVIO_UTF8,
            line_of(body, at),
            None,
            "El texto está en UTF-8 (las «ñ» y tildes ocupan dos bytes): los aplicativos de SSSalud trabajan con texto ANSI (Windows-1252). Si el sitio rechaza registros con esos caracteres, guárdelo como ANSI.",
        ));
    }
}

/// 1-based line of byte `at`.
fn line_of(bytes: &[u8], at: usize) -> u32 {
    let n = memchr::memchr_iter(b'\n', &bytes[..at.min(bytes.len())]).count() + 1;
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How many lines end in CR+LF, LF alone and CR alone, and the first line whose end differs
/// from the first line's.
struct LineEnds {
    crlf: usize,
    lf: usize,
    cr: usize,
    first_different: Option<u32>,
}

impl LineEnds {
    fn count(bytes: &[u8]) -> Self {
        let mut ends = LineEnds {
            crlf: 0,
            lf: 0,
            cr: 0,
            first_different: None,
        };
        let mut first: Option<u8> = None;
        let mut line = 1u32;
        let mut i = 0;
        while let Some(off) = memchr::memchr2(b'\r', b'\n', &bytes[i..]) {
            let at = i + off;
            let kind = match (bytes[at], bytes.get(at + 1)) {
                (b'\r', Some(b'\n')) => {
                    ends.crlf += 1;
                    i = at + 2;
                    0
                }
                (b'\r', _) => {
                    ends.cr += 1;
                    i = at + 1;
                    1
                }
                _ => {
                    ends.lf += 1;
                    i = at + 1;
                    2
                }
            };
            line = line.saturating_add(1);
            match first {
                None => first = Some(kind),
                Some(f) if f != kind && ends.first_different.is_none() => ends.first_different = Some(line - 1),
                _ => {}
            }
        }
        ends
    }

    fn summary(&self) -> String {
        [(self.crlf, "CR+LF"), (self.lf, "solo LF"), (self.cr, "solo CR")]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} con {what}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What to do, step by step, as the manual says it.
fn steps(site: &Site, folder: Option<&str>) -> Vec<String> {
    let mut steps = vec![
        format!(
            "En FileZilla (o el programa «SSSalud FTP»), abra el Gestor de sitios y conéctese a «{}» ({}).",
            site.name, site.host
        ),
        "Antes de subir: menú Transferencia → Tipo de transferencia → Binario (manual, «IMPORTANTE»).".to_string(),
    ];
    steps.push(match folder {
        Some(f) => {
            let path = f.replace('/', "», luego «");
            format!("Abra la carpeta «{path}» con doble clic y arrastre el archivo desde su PC.")
        }
        None => "Abra la carpeta del período activo y arrastre el archivo desde su PC.".to_string(),
    });
    steps.push(
        "Espere: la subida puede durar varios minutos, porque el sitio controla el archivo al recibirlo. Si es válido, aparece en la ventana del FTP."
            .to_string(),
    );
    if site.answers != super::sites::Answers::None {
        steps.push("Descargue a su PC los archivos .err (registros con errores) y .ok (registros válidos) que aparecen, y léalos en «Leer respuesta»; corrija y vuelva a subir las veces que haga falta: vale el último enviado al cerrar el período.".to_string());
    }
    steps.push("Por último, retire el comprobante en el sitio web de SSSalud: «Obras Sociales – Descargas para obras sociales – FTP-Comprobantes».".to_string());
    steps
}

#[cfg(test)]
mod tests {
    use super::super::sites::by_key;
    use super::*;

    fn site(key: &str) -> &'static Site {
        by_key(key).unwrap()
    }

    fn p(year: u16, number: u8) -> Option<Period> {
        Some(Period { year, number })
    }

    fn messages(p: &Preparation) -> Vec<(Severity, &str)> {
        p.findings.iter().map(|f| (f.severity, f.message.as_str())).collect()
    }

    #[test]
    fn a_good_padron_file_goes_to_its_month() {
        let r = prepare(site("padron"), p(2017, 7), "novedades.txt", b"a|b\r\nc|d\r\n");
        assert_eq!(r.findings, []);
        assert_eq!(r.folder.as_deref(), Some("201707"));
        assert!(r.ready());
        assert!(r.steps.iter().any(|s| s.contains("Binario")));
        assert!(r.steps.iter().any(|s| s.contains("comprobante")));
        assert!(r.steps.iter().any(|s| s.contains(".err")));
        // The period from the name when none is chosen.
        let r = prepare(site("padron"), None, "NOV-201707.TXT", b"a\r\n");
        assert_eq!((r.folder.as_deref(), r.ready()), (Some("201707"), true));
        let r = prepare(site("prepagas"), p(2017, 2), "P.txt", b"a\r\n");
        assert_eq!(r.folder.as_deref(), Some("padron/2017-2"));
        assert!(r.steps[2].contains("«padron», luego «2017-2»"), "{:?}", r.steps);
    }

    #[test]
    fn extension_per_site() {
        let r = prepare(site("padron"), p(2017, 7), "novedades.xml", b"<a/>");
        assert_eq!(r.errors(), 1);
        assert!(r.findings[0].message.starts_with("«novedades.xml» no termina en .TXT"));
        let r = prepare(site("res650"), None, "form.txt", b"<a/>");
        assert!(
            r.findings[0].message.contains("solo recibe archivos XML"),
            "{:?}",
            r.findings
        );
        let r = prepare(site("res650"), None, "C:\\datos\\form.XML", b"<a/>");
        assert_eq!((r.findings.len(), r.folder.as_deref()), (0, Some("Recibidos")));
    }

    #[test]
    fn xml_must_be_well_formed() {
        let r = prepare(site("res331"), p(2017, 4), "r331-2017T4.xml", b"<a>\n<b></a>");
        let e = &r.findings[0];
        assert_eq!(
            (e.severity, e.code.as_ref(), e.line, e.column),
            (Severity::Error, "SSSALUD-ENVIO-XML", 2, Some(4))
        );
        assert_eq!(e.title, codes::SSSALUD_ENVIO_XML.title);
        assert!(
            e.message
                .starts_with("El XML no está bien formado: se esperaba cerrar </b>"),
            "{e:?}"
        );
        assert!(!r.ready());
    }

    #[test]
    fn res_331_and_83_folders_take_only_their_period() {
        let r = prepare(site("res331"), p(2017, 4), "r331_2017-Trim-3.xml", b"<a/>");
        assert_eq!(r.errors(), 1);
        let (_, m) = messages(&r).into_iter().find(|(l, _)| *l == Severity::Error).unwrap();
        assert!(
            m.starts_with("El nombre del archivo indica el período 2017-Trim-3 pero eligió 2017-Trim-4"),
            "{m}"
        );
        assert_eq!(r.folder.as_deref(), Some("2017-Trim-4"));
        let r = prepare(site("res83"), None, "r83_2017_S2.xml", b"<a/>");
        assert_eq!((r.errors(), r.folder.as_deref()), (0, Some("2017-Sem-2")));
        // No period in the name: verify by hand.
        let r = prepare(site("res83"), p(2017, 1), "r83.xml", b"<a/>");
        assert!(messages(&r)
            .iter()
            .any(|(l, m)| *l == Severity::Note && m.contains("2017-Sem-1")));
        // Padrón: a mismatch is only a warning.
        let r = prepare(site("padron"), p(2017, 8), "nov-201707.txt", b"a\r\n");
        assert_eq!((r.errors(), r.findings[0].severity), (0, Severity::Warning));
        assert_eq!(r.findings[0].code, "SSSALUD-ENVIO-PERIODO");
        // No period at all.
        let r = prepare(site("res83"), None, "r83.xml", b"<a/>");
        assert_eq!((r.errors(), r.folder), (1, None));
    }

    #[test]
    fn plain_text_rules() {
        let r = prepare(site("padron"), p(2017, 7), "a.txt", b"\xEF\xBB\xBFa\r\nb\nc\r\n");
        let found = messages(&r);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].1.contains("BOM"));
        assert!(
            found[1]
                .1
                .starts_with("Los fines de línea están mezclados (2 con CR+LF, 1 con solo LF): desde la línea 2"),
            "{found:?}"
        );
        let r = prepare(site("padron"), p(2017, 7), "a.txt", "x\r\nPeña\r\n".as_bytes());
        assert_eq!(r.findings[0].line, 2);
        assert!(r.findings[0].message.starts_with("El texto está en UTF-8"));
        let r = prepare(site("padron"), p(2017, 7), "a.txt", b"x\r\nPe\xf1a\r\n");
        assert_eq!(r.findings, [], "ANSI is what the sites expect");
        let r = prepare(site("padron"), p(2017, 7), "a.txt", b"PK\x03\x04rest");
        assert_eq!(r.errors(), 1);
        let r = prepare(site("padron"), p(2017, 7), "a.txt", b"ab\n\0");
        assert_eq!(r.findings[0].line, 2);
        let r = prepare(site("padron"), p(2017, 7), "a.txt", b"");
        assert_eq!(r.findings[0].message, "El archivo está vacío.");
    }
}
