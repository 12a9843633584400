//! The five FTP exchange sites of SSSalud, as one table.
//!
//! Source: «Manual de Intercambio de Datos FTP SSSalud», versión 4, junio 2024 — sections
//! "Configuración" (name, host, encryption, logon, user name), "Aspectos técnicos de la conexión"
//! (port 21 for FTP commands), and one section per site under "Envío de archivos al FTP SSSalud"
//! (folder structure, where to upload, extension, answer files). When SSSalud changes a host,
//! a folder rule or an extension, the change is one row of [`SITES`].

/// Which registry number is the FTP user name ("Completar en nombre de usuario el RNOS de su OS",
/// "… el RNEMP de su Entidad").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Registry {
    /// Registro Nacional de Obras Sociales.
    Rnos,
    /// Registro Nacional de Entidades de Medicina Prepaga.
    Rnemp,
}

impl Registry {
    pub fn label(self) -> &'static str {
        match self {
            Registry::Rnos => "RNOS",
            Registry::Rnemp => "RNEMP",
        }
    }
}

/// The extension of the file to upload ("Extensión del archivo a subir").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extension {
    Txt,
    Xml,
}

impl Extension {
    /// As the manual writes it, and the suffix it means (case-insensitive).
    pub fn label(self) -> &'static str {
        match self {
            Extension::Txt => "TXT",
            Extension::Xml => "XML",
        }
    }
}

/// How a site names the folder of a period ("Estructura de carpetas", and the example the manual
/// gives for each site).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folders {
    /// `AAAAMM`, a month: "el período activo es el 201707" (Padrón).
    Month,
    /// `padron/AAAA-N`: "acceder a la carpeta padron y luego a la del período activo … 2017-2"
    /// (Prepagas). The manual does not say what N counts; see docs/interpretations.md.
    PrepagasPadron,
    /// `AAAA-Trim-N`, a quarter: "2017-Trim-4", "3ro. trimestre del año 2017" (Res. 331).
    Quarter,
    /// `AAAA-Sem-N`, a half-year: "2017-Sem-2", "1er. semestre del año 2017" (Res. 83).
    Semester,
    /// One fixed folder, no periods: "En Recibidos" (Res. 650).
    Fixed(&'static str),
}

/// Answer files the site leaves beside the upload ("aparecerán 2 archivos procesados").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answers {
    /// `<RNOS>-<período>.err` and `.ok` (Padrón: "999998-201707.err").
    ByPeriod,
    /// `<RNEMP>-<archivo subido>.err` and `.ok` (Prepagas: "999998-P.txt.err").
    ByFile,
    /// The manual names none for this site: the file is listed when valid, and the comprobante.
    None,
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Site {
    /// Short key for the CLI, the page's controls and URLs: `padron`, `prepagas`, `res331`, …
    pub key: &'static str,
    /// The site's name in the Site Manager, exactly as the manual writes it.
    pub name: &'static str,
    pub host: &'static str,
    pub port: u16,
    pub user: Registry,
    pub extension: Extension,
    pub folders: Folders,
    /// The folder must hold a file of its own period, or the upload is rejected (Res. 331, 83:
    /// "En cada carpeta del FTP sólo se aceptarán archivos del período correspondiente").
    pub period_must_match: bool,
    pub answers: Answers,
    /// "530 Login incorrect" can mean a comprobante is pending ("(*): Sólo para Padrón").
    pub pending_receipt_blocks_login: bool,
    /// The application that must have made the file, when the manual names one.
    pub made_by: Option<&'static str>,
}

/// The table, in the manual's order. Hosts: section "Configuración"; the firewall table of
/// "Aspectos técnicos" writes "Res650.ftp…" with a capital R (host names ignore case) and the
/// Prepagas screenshot shows "prepagas.ftp…" while the steps say "rnemp.ftp…": the steps win
/// (docs/interpretations.md).
#[rustfmt::skip]
pub const SITES: [Site; 5] = [
    Site { key: "padron",   name: "SSSalud - Padrón",   host: "padron.ftp.sssalud.gob.ar", port: 21, user: Registry::Rnos,  extension: Extension::Txt, folders: Folders::Month,          period_must_match: false, answers: Answers::ByPeriod, pending_receipt_blocks_login: true,  made_by: None },
    Site { key: "prepagas", name: "SSSalud - Prepagas", host: "rnemp.ftp.sssalud.gob.ar",  port: 21, user: Registry::Rnemp, extension: Extension::Txt, folders: Folders::PrepagasPadron, period_must_match: false, answers: Answers::ByFile,   pending_receipt_blocks_login: false, made_by: None },
    Site { key: "res331",   name: "SSSalud - Res. 331", host: "res331.ftp.sssalud.gob.ar", port: 21, user: Registry::Rnos,  extension: Extension::Xml, folders: Folders::Quarter,        period_must_match: true,  answers: Answers::None,     pending_receipt_blocks_login: false, made_by: Some("el Sistema Res. 331/04 de la SSSalud") },
    Site { key: "res650",   name: "SSSalud - Res. 650", host: "res650.ftp.sssalud.gob.ar", port: 21, user: Registry::Rnos,  extension: Extension::Xml, folders: Folders::Fixed("Recibidos"), period_must_match: false, answers: Answers::None, pending_receipt_blocks_login: false, made_by: None },
    Site { key: "res83",    name: "SSSalud - Res. 83",  host: "res83.ftp.sssalud.gob.ar",  port: 21, user: Registry::Rnos,  extension: Extension::Xml, folders: Folders::Semester,       period_must_match: true,  answers: Answers::None,     pending_receipt_blocks_login: false, made_by: Some("el Sistema Res. 83/07 de la SSSalud") },
];

/// Which version of the manual the table follows (shown on the page and in the CLI's help).
pub const MANUAL: &str = "Manual de Intercambio de Datos FTP SSSalud, versión 4 (junio 2024)";

/// The passive-mode data ports the firewall must allow ("1900 a 2000 FTP Transfer").
pub const TRANSFER_PORTS: &str = "1900 a 2000";

/// The site with this key (`padron`, `prepagas`, `res331`, `res650`, `res83`), ignoring case,
/// accents and punctuation ("Padrón", "Res. 331" and "res-331" are found too).
pub fn by_key(key: &str) -> Option<&'static Site> {
    let k: String = key
        .to_lowercase()
        .replace('ó', "o")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    SITES.iter().find(|s| s.key == k)
}

/// A period: a year and its number within the year (month, quarter, half-year, or the
/// Prepagas period number).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub year: u16,
    pub number: u8,
}

impl Folders {
    /// How many periods a year has; 0 for a site without periods.
    pub fn periods_per_year(self) -> u8 {
        match self {
            Folders::Month | Folders::PrepagasPadron => 12,
            Folders::Quarter => 4,
            Folders::Semester => 2,
            Folders::Fixed(_) => 0,
        }
    }

    /// How the `n`-th period of a year is called in a list ("julio", "3.º trimestre",
    /// "período 2").
    pub fn period_name(self, n: u8) -> String {
        match self {
            Folders::Month => planos_core::text::MONTHS
                .get(usize::from(n).wrapping_sub(1))
                .copied()
                .unwrap_or_default()
                .to_string(),
            Folders::Quarter => format!("{n}.º trimestre"),
            Folders::Semester => format!("{n}.º semestre"),
            _ => format!("período {n}"),
        }
    }

    /// What the number of a period is called, for labels ("Mes", "Trimestre", …).
    pub fn unit(self) -> &'static str {
        match self {
            Folders::Month => "Mes",
            Folders::PrepagasPadron => "Período",
            Folders::Quarter => "Trimestre",
            Folders::Semester => "Semestre",
            Folders::Fixed(_) => "",
        }
    }

    /// The folder path for `period`, in the site's naming; `None` when the period does not
    /// exist for this site (month 13, quarter 5, a year before 2000 or after 2099) or the site
    /// has no periods.
    pub fn folder(self, period: Period) -> Option<String> {
        let Period { year, number } = period;
        if !(2000..=2099).contains(&year) || number == 0 || number > self.periods_per_year() {
            return match self {
                Folders::Fixed(name) => Some(name.to_string()),
                _ => None,
            };
        }
        Some(match self {
            Folders::Month => format!("{year}{number:02}"),
            Folders::PrepagasPadron => format!("padron/{year}-{number}"),
            Folders::Quarter => format!("{year}-Trim-{number}"),
            Folders::Semester => format!("{year}-Sem-{number}"),
            Folders::Fixed(name) => name.to_string(),
        })
    }

    /// A period written as its folder name ("201707", "2017-2" or "padron/2017-2",
    /// "2017-Trim-4", "2017-Sem-2"; case and spaces ignored).
    pub fn parse_folder(self, text: &str) -> Option<Period> {
        let t: String = text
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let t = t.strip_prefix("padron/").unwrap_or(&t);
        let (year, number) = match self {
            Folders::Month => (t.get(..4)?, t.get(4..).filter(|m| m.len() == 2)?),
            Folders::PrepagasPadron => t.split_once('-')?,
            Folders::Quarter => t.split_once("-trim-")?,
            Folders::Semester => t.split_once("-sem-")?,
            Folders::Fixed(_) => return None,
        };
        let period = Period {
            year: digits(year, 4)?.try_into().ok()?,
            number: digits(number, 2)?.try_into().ok()?,
        };
        self.folder(period).map(|_| period)
    }

    /// The period a file's name states in this site's naming, where it states one: "201707" in
    /// "novedades-201707.txt", "2017-Trim-3" or "2017_T3" in a Res. 331 file, "2017-Sem-1" or
    /// "2017_S1" in a Res. 83 file. The manual fixes no upload names, so this only looks.
    pub fn period_in_name(self, name: &str) -> Option<Period> {
        let lower = name.to_lowercase();
        let b = lower.as_bytes();
        let markers: &[&str] = match self {
            Folders::Quarter => &["-trim-", "_trim_", "trim", "-t", "_t", "t"],
            Folders::Semester => &["-sem-", "_sem_", "sem", "-s", "_s", "s"],
            Folders::PrepagasPadron => &["-"],
            Folders::Month => &[""],
            Folders::Fixed(_) => return None,
        };
        // Every run of four digits that is a plausible year, not inside a longer number.
        for start in 0..b.len().saturating_sub(3) {
            let four = &b[start..start + 4];
            if !four.iter().all(u8::is_ascii_digit) || (start > 0 && b[start - 1].is_ascii_digit()) {
                continue;
            }
            // ASCII digits: both ends are character boundaries.
            let Some(y) = digits(&lower[start..start + 4], 4).filter(|y| (2000..=2099).contains(y)) else {
                continue;
            };
            let rest = &lower[start + 4..];
            for marker in markers {
                let Some(after) = rest.strip_prefix(marker) else {
                    continue;
                };
                let n_len = after.bytes().take_while(u8::is_ascii_digit).count();
                let wanted = if self == Folders::Month { 2 } else { n_len.clamp(1, 2) };
                if n_len != wanted {
                    continue;
                }
                let period = Period {
                    year: y as u16,
                    number: digits(&after[..n_len], 2).and_then(|n| n.try_into().ok())?,
                };
                if self.folder(period).is_some() {
                    return Some(period);
                }
            }
        }
        None
    }
}

/// The value of `text` when it is 1 to `max` ASCII digits.
fn digits(text: &str, max: usize) -> Option<u32> {
    (!text.is_empty() && text.len() <= max && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

impl Site {
    /// The folder to upload to, from the FTP's root: the period's folder, or the fixed one.
    pub fn folder(&self, period: Option<Period>) -> Option<String> {
        match (self.folders, period) {
            (Folders::Fixed(name), _) => Some(name.to_string()),
            (f, Some(p)) => f.folder(p),
            (_, None) => None,
        }
    }

    /// Whether `file_name` has the site's extension.
    pub(crate) fn has_extension(&self, file_name: &str) -> bool {
        let suffix = format!(".{}", self.extension.label().to_lowercase());
        file_name.to_lowercase().ends_with(&suffix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(year: u16, number: u8) -> Period {
        Period { year, number }
    }

    #[test]
    fn the_table_is_the_manuals() {
        let names: Vec<_> = SITES.iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            [
                "SSSalud - Padrón",
                "SSSalud - Prepagas",
                "SSSalud - Res. 331",
                "SSSalud - Res. 650",
                "SSSalud - Res. 83"
            ]
        );
        for s in &SITES {
            assert_eq!(s.port, 21, "{}: FTP Command port", s.name);
            assert!(s.host.ends_with(".ftp.sssalud.gob.ar"), "{}", s.host);
            assert_eq!(by_key(s.key), Some(s));
        }
        let txt: Vec<_> = SITES
            .iter()
            .filter(|s| s.extension == Extension::Txt)
            .map(|s| s.key)
            .collect();
        assert_eq!(txt, ["padron", "prepagas"]);
        assert_eq!(by_key("prepagas").map(|s| s.user), Some(Registry::Rnemp));
        assert_eq!(by_key("Res. 331").map(|s| s.key), Some("res331"));
        assert_eq!(by_key("Padrón").map(|s| s.key), Some("padron"));
        assert_eq!(by_key("res84"), None);
        let strict: Vec<_> = SITES.iter().filter(|s| s.period_must_match).map(|s| s.key).collect();
        assert_eq!(strict, ["res331", "res83"]);
    }

    #[test]
    fn folders_are_named_as_in_the_manuals_examples() {
        let folder = |key: &str, period| by_key(key).and_then(|s| s.folder(period));
        assert_eq!(folder("padron", Some(p(2017, 7))).as_deref(), Some("201707"));
        assert_eq!(folder("prepagas", Some(p(2017, 2))).as_deref(), Some("padron/2017-2"));
        assert_eq!(folder("res331", Some(p(2017, 4))).as_deref(), Some("2017-Trim-4"));
        assert_eq!(folder("res83", Some(p(2017, 2))).as_deref(), Some("2017-Sem-2"));
        assert_eq!(folder("res650", None).as_deref(), Some("Recibidos"));
        assert_eq!(folder("res650", Some(p(2017, 9))).as_deref(), Some("Recibidos"));
        // Periods that do not exist.
        assert_eq!(folder("padron", Some(p(2017, 13))), None);
        assert_eq!(folder("res331", Some(p(2017, 5))), None);
        assert_eq!(folder("res83", Some(p(2017, 3))), None);
        assert_eq!(folder("res83", Some(p(2017, 0))), None);
        assert_eq!(folder("padron", Some(p(1999, 1))), None);
        assert_eq!(folder("padron", None), None);
    }

    #[test]
    fn a_folder_name_reads_back_as_its_period() {
        assert_eq!(Folders::Month.parse_folder("201707"), Some(p(2017, 7)));
        assert_eq!(Folders::Month.parse_folder("2017-07"), None);
        assert_eq!(Folders::Month.parse_folder("201713"), None);
        assert_eq!(Folders::PrepagasPadron.parse_folder("padron/2017-2"), Some(p(2017, 2)));
        assert_eq!(Folders::PrepagasPadron.parse_folder("2017-2"), Some(p(2017, 2)));
        assert_eq!(Folders::Quarter.parse_folder("2017-trim-4"), Some(p(2017, 4)));
        assert_eq!(Folders::Quarter.parse_folder("2017-Trim-5"), None);
        assert_eq!(Folders::Semester.parse_folder(" 2017-Sem-1 "), Some(p(2017, 1)));
        assert_eq!(Folders::Semester.parse_folder("2017-Sem-x"), None);
        assert_eq!(Folders::Fixed("Recibidos").parse_folder("Recibidos"), None);
        for s in &SITES {
            if let Folders::Fixed(_) = s.folders {
                continue;
            }
            let period = p(2024, 2);
            let name = s.folder(Some(period)).unwrap();
            assert_eq!(s.folders.parse_folder(&name), Some(period), "{name}");
        }
    }

    #[test]
    fn periods_are_read_from_file_names_where_they_are_written() {
        assert_eq!(Folders::Month.period_in_name("novedades_201707.txt"), Some(p(2017, 7)));
        assert_eq!(Folders::Month.period_in_name("999998-201707.txt"), Some(p(2017, 7)));
        assert_eq!(Folders::Month.period_in_name("P.txt"), None);
        assert_eq!(Folders::Month.period_in_name("20170712.txt"), None);
        assert_eq!(
            Folders::Quarter.period_in_name("r331_2017-Trim-3.xml"),
            Some(p(2017, 3))
        );
        assert_eq!(Folders::Quarter.period_in_name("R331_2017T3.XML"), Some(p(2017, 3)));
        assert_eq!(Folders::Quarter.period_in_name("R331_2017T7.XML"), None);
        assert_eq!(Folders::Semester.period_in_name("res83-2017_S1.xml"), Some(p(2017, 1)));
        assert_eq!(
            Folders::Semester.period_in_name("res83-2017-Sem-2.xml"),
            Some(p(2017, 2))
        );
        assert_eq!(Folders::Semester.period_in_name("res83.xml"), None);
        assert_eq!(
            Folders::PrepagasPadron.period_in_name("padron 2017-2.txt"),
            Some(p(2017, 2))
        );
        assert_eq!(Folders::Fixed("Recibidos").period_in_name("2017-1.xml"), None);
        // Never a panic on odd names.
        for name in ["", "2", "ñññ2017", "2017", "2017-", "2017-Trim-", "€2017T3"] {
            let _ = Folders::Quarter.period_in_name(name);
            let _ = Folders::Month.period_in_name(name);
        }
    }
}
