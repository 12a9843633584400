//! A FileZilla Site Manager file (`sitemanager.xml`) with the SSSalud sites, as the manual's
//! section "Configuración" sets each one up by hand: name, server, "Require explicit FTP over
//! TLS", logon type, the RNOS or RNEMP as user name.
//!
//! The format is FileZilla's own, checked against its source (FileZilla 3, GPL; read, not copied):
//! - `src/commonui/site_manager.cpp`, `site_manager::Load`: the root is `<FileZilla3>`, sites are
//!   under `<Servers>`, a `<Folder>`'s name is its own text, each site is a `<Server>`.
//! - `src/commonui/xml_file.cpp`, `GetServer`: a site needs `Host` and `Port` (1–65535);
//!   `Protocol`, `Type` and `Logontype` are numbers; `PasvMode` is `MODE_PASSIVE`,
//!   `MODE_ACTIVE` or `MODE_DEFAULT`; the name is `<Name>`; a site without a name is skipped.
//! - `src/commonui/xmlfunctions.cpp`, `SetServer`: the order FileZilla itself writes the elements
//!   in, and that `Pass` is only written for logon types "normal" and "account".
//! - `src/include/server.h`: `enum ServerProtocol { FTP, SFTP, HTTP, FTPS, FTPES, … }`, so
//!   FTPES ("Require explicit FTP over TLS") is 4; `enum ServerType { DEFAULT, … }`, so 0;
//!   `enum class LogonType { anonymous, normal, ask, … }`, so "Normal" is 1 and "Ask for
//!   password" is 2.
//!
//! The transfer type (binary) is not a site setting in FileZilla (it is the "Transfer → Transfer
//! type" menu, one choice for every site), so the file cannot carry it: the page and the CLI
//! remind it, as the manual's "IMPORTANTE" does. No password is ever written: with "Ask for
//! password" FileZilla asks at each connection; with "Normal" the user types it once in
//! FileZilla's Site Manager.

use super::sites::{Registry, Site, MANUAL, SITES};

/// FileZilla's `ServerProtocol::FTPES`: "Require explicit FTP over TLS".
pub(crate) const PROTOCOL_FTPES: u8 = 4;
/// FileZilla's `ServerType::DEFAULT` (server type detected automatically).
pub(crate) const SERVER_TYPE_DEFAULT: u8 = 0;
/// FileZilla's passive mode, as written in the file.
pub(crate) const PASSIVE: &str = "MODE_PASSIVE";
/// "Limit number of simultaneous connections": 1. The manual's error 1 ("Sorry, the maximum number
/// of clients (1) from your host are already connected": "El FTP permite solo una conexión por
/// usuario") is what FileZilla's default — extra connections for transfers — runs into; with 1,
/// FileZilla browses and transfers over the one connection (`GetServer` reads it as
/// `MaximumMultipleConnections`).
pub(crate) const MAX_CONNECTIONS: u8 = 1;
/// The Site Manager folder the sites are imported into.
pub const FOLDER: &str = "SSSalud";

/// FileZilla's logon types that make sense here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Logon {
    /// "Ask for password" (`LogonType::ask`, 2): no password stored anywhere. The default.
    #[default]
    Ask,
    /// "Normal" (`LogonType::normal`, 1), as the manual says; the password is typed in FileZilla.
    Normal,
}

impl Logon {
    pub fn code(self) -> u8 {
        match self {
            Logon::Normal => 1,
            Logon::Ask => 2,
        }
    }
}

/// What the user chose.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    /// The obra social's RNOS number, as typed (dashes, dots and spaces are ignored).
    pub rnos: String,
    /// The prepaga's RNEMP number, as typed.
    pub rnemp: String,
    /// Site keys (`padron`, …); empty means every site whose registry number was given.
    pub sites: Vec<String>,
    pub logon: Logon,
}

/// A site to write, with its user name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub site: &'static Site,
    pub user: String,
}

/// The registry number as the FTP user name: digits only, once separators are dropped.
pub(crate) fn registry_number(typed: &str, registry: Registry) -> Result<Option<String>, String> {
    let t = typed.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let digits: String = t.chars().filter(|c| !matches!(c, '-' | '.' | ' ')).collect();
    if digits.is_empty() || digits.len() > 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "El número de {} «{t}» debe tener solo dígitos (hasta 10; se ignoran guiones, puntos y espacios): es su nombre de usuario en el FTP.",
            registry.label()
        ));
    }
    Ok(Some(digits))
}

/// The sites to write and their user names, or what the user must fix (in Spanish).
pub fn plan(request: &Request) -> Result<Vec<Planned>, Vec<String>> {
    let mut problems = Vec::new();
    let rnos = registry_number(&request.rnos, Registry::Rnos).unwrap_or_else(|e| {
        problems.push(e);
        None
    });
    let rnemp = registry_number(&request.rnemp, Registry::Rnemp).unwrap_or_else(|e| {
        problems.push(e);
        None
    });
    if !problems.is_empty() {
        return Err(problems);
    }
    let number = |r: Registry| match r {
        Registry::Rnos => rnos.clone(),
        Registry::Rnemp => rnemp.clone(),
    };
    let mut asked: Vec<&'static Site> = Vec::new();
    for key in &request.sites {
        match super::sites::by_key(key) {
            Some(s) => asked.push(s),
            None => problems.push(format!(
                "No hay un sitio «{key}»; los sitios son: padron, prepagas, res331, res650, res83."
            )),
        }
    }
    // In SITES order, once each, whatever order they were asked in.
    let chosen: Vec<&'static Site> = SITES
        .iter()
        .filter(|s| {
            if request.sites.is_empty() {
                number(s.user).is_some()
            } else {
                asked.contains(s)
            }
        })
        .collect();
    if rnos.is_none() && rnemp.is_none() {
        problems.push("Escriba el número de RNOS (obra social) o de RNEMP (prepaga): es el usuario del FTP.".into());
    } else if chosen.is_empty() && problems.is_empty() {
        problems.push("Elija al menos un sitio.".into());
    }
    let mut planned = Vec::new();
    for site in chosen {
        match number(site.user) {
            Some(user) => planned.push(Planned { site, user }),
            None if rnos.is_some() || rnemp.is_some() => problems.push(format!(
                "«{}» usa como usuario el número de {}: escríbalo o quite ese sitio.",
                site.name,
                site.user.label()
            )),
            None => {}
        }
    }
    if problems.is_empty() {
        Ok(planned)
    } else {
        Err(problems)
    }
}

/// The `sitemanager.xml` for `sites`, UTF-8, CRLF-free (FileZilla reads either).
pub fn sitemanager_xml(sites: &[Planned], logon: Logon) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    x.push_str("<FileZilla3>\n\t<Servers>\n");
    x.push_str(&format!("\t\t<Folder expanded=\"1\">{FOLDER}\n"));
    for p in sites {
        let s = p.site;
        x.push_str("\t\t\t<Server>\n");
        let mut el = |name: &str, value: &str| {
            x.push_str(&format!("\t\t\t\t<{name}>"));
            planos_core::xlsx::escape(value, &mut x);
            x.push_str(&format!("</{name}>\n"));
        };
        el("Host", s.host);
        el("Port", &s.port.to_string());
        el("Protocol", &PROTOCOL_FTPES.to_string());
        el("Type", &SERVER_TYPE_DEFAULT.to_string());
        el("User", &p.user);
        el("Logontype", &logon.code().to_string());
        el("PasvMode", PASSIVE);
        el("MaximumMultipleConnections", &MAX_CONNECTIONS.to_string());
        el("EncodingType", "Auto");
        el("BypassProxy", "0");
        el("Name", s.name);
        el(
            "Comments",
            &format!(
                "Configurado por planos según el {MANUAL}. Usuario: {} {}. Antes de subir: Transferencia > Tipo de transferencia > Binario. Después: retirar el comprobante en el sitio web de SSSalud.",
                p.site.user.label(),
                p.user
            ),
        );
        el("SyncBrowsing", "0");
        el("DirectoryComparison", "0");
        x.push_str("\t\t\t</Server>\n");
    }
    x.push_str("\t\t</Folder>\n\t</Servers>\n</FileZilla3>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(rnos: &str, rnemp: &str, sites: &[&str], logon: Logon) -> Request {
        Request {
            rnos: rnos.into(),
            rnemp: rnemp.into(),
            sites: sites.iter().map(|s| s.to_string()).collect(),
            logon,
        }
    }

    /// One `<Server>` as FileZilla's `GetServer` reads it.
    #[derive(Debug, PartialEq)]
    struct Read {
        name: String,
        host: String,
        port: u16,
        protocol: u8,
        kind: u8,
        user: String,
        logon: u8,
        pasv: String,
        connections: u8,
        has_pass: bool,
    }

    fn read_back(xml: &str) -> (String, Vec<Read>) {
        let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "FileZilla3");
        let servers = root.children().find(|n| n.has_tag_name("Servers")).expect("<Servers>");
        let folder = servers.children().find(|n| n.has_tag_name("Folder")).expect("<Folder>");
        assert_eq!(folder.attribute("expanded"), Some("1"));
        let folder_name = folder
            .children()
            .find(|n| n.is_text())
            .and_then(|n| n.text())
            .unwrap_or("")
            .trim()
            .to_string();
        let text = |n: roxmltree::Node, tag: &str| {
            n.children()
                .find(|c| c.has_tag_name(tag))
                .and_then(|c| c.text())
                .unwrap_or("")
                .to_string()
        };
        let sites = folder
            .children()
            .filter(|n| n.has_tag_name("Server"))
            .map(|s| Read {
                name: text(s, "Name"),
                host: text(s, "Host"),
                port: text(s, "Port").parse().unwrap(),
                protocol: text(s, "Protocol").parse().unwrap(),
                kind: text(s, "Type").parse().unwrap(),
                user: text(s, "User"),
                logon: text(s, "Logontype").parse().unwrap(),
                pasv: text(s, "PasvMode"),
                connections: text(s, "MaximumMultipleConnections").parse().unwrap(),
                has_pass: s.children().any(|c| c.has_tag_name("Pass")),
            })
            .collect();
        (folder_name, sites)
    }

    #[test]
    fn the_five_sites_as_the_manual_sets_them_up() {
        let planned = plan(&request("999998", "1-2345", &[], Logon::Ask)).unwrap();
        let (folder, sites) = read_back(&sitemanager_xml(&planned, Logon::Ask));
        assert_eq!(folder, "SSSalud");
        let hosts: Vec<_> = sites
            .iter()
            .map(|s| (s.name.as_str(), s.host.as_str(), s.user.as_str()))
            .collect();
        assert_eq!(
            hosts,
            [
                ("SSSalud - Padrón", "padron.ftp.sssalud.gob.ar", "999998"),
                ("SSSalud - Prepagas", "rnemp.ftp.sssalud.gob.ar", "12345"),
                ("SSSalud - Res. 331", "res331.ftp.sssalud.gob.ar", "999998"),
                ("SSSalud - Res. 650", "res650.ftp.sssalud.gob.ar", "999998"),
                ("SSSalud - Res. 83", "res83.ftp.sssalud.gob.ar", "999998"),
            ]
        );
        for s in &sites {
            assert_eq!((s.port, s.protocol, s.kind), (21, 4, 0), "{}", s.name);
            assert_eq!(
                (s.logon, s.pasv.as_str(), s.connections, s.has_pass),
                (2, "MODE_PASSIVE", 1, false),
                "{}",
                s.name
            );
        }
    }

    #[test]
    fn normal_logon_and_a_choice_of_sites() {
        let planned = plan(&request("", "999998", &["prepagas"], Logon::Normal)).unwrap();
        let (_, sites) = read_back(&sitemanager_xml(&planned, Logon::Normal));
        assert_eq!(sites.len(), 1);
        assert_eq!(
            (sites[0].logon, sites[0].user.as_str(), sites[0].has_pass),
            (1, "999998", false)
        );
        // Only the sites whose number was given, when none is picked.
        let planned = plan(&request("400909", "", &[], Logon::Ask)).unwrap();
        assert_eq!(
            planned.iter().map(|p| p.site.key).collect::<Vec<_>>(),
            ["padron", "res331", "res650", "res83"]
        );
        // Asked in any order, written in the manual's.
        let planned = plan(&request("400909", "", &["res83", "padron", "res83"], Logon::Ask)).unwrap();
        assert_eq!(
            planned.iter().map(|p| p.site.key).collect::<Vec<_>>(),
            ["padron", "res83"]
        );
    }

    #[test]
    fn what_the_user_must_fix_is_said() {
        let e = plan(&request("", "", &[], Logon::Ask)).unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("Escriba el número de RNOS"), "{e:?}");
        let e = plan(&request("99A998", "", &[], Logon::Ask)).unwrap_err();
        assert!(e[0].contains("«99A998» debe tener solo dígitos"), "{e:?}");
        let e = plan(&request("999998", "", &["prepagas"], Logon::Ask)).unwrap_err();
        assert_eq!(
            e,
            ["«SSSalud - Prepagas» usa como usuario el número de RNEMP: escríbalo o quite ese sitio."]
        );
        let e = plan(&request("999998", "", &["res84"], Logon::Ask)).unwrap_err();
        assert!(e[0].starts_with("No hay un sitio «res84»"), "{e:?}");
    }
}
