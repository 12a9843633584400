//! Argentina, SSSalud: the FTP data exchange of the «Manual de Intercambio de Datos FTP SSSalud»
//! (versión 4, junio 2024) — five sites (Padrón, Prepagas, Res. 331, Res. 650, Res. 83).
//!
//! - [`sites`]: the one table of sites (host, port, user, extension, folder naming, answers).
//! - [`filezilla`]: the FileZilla `sitemanager.xml` that sets the sites up.
//! - [`upload`]: "Preparar envío" — checks before an upload, and where to upload.
//! - [`xml`]: XML well-formedness with the line and column of the first error.
//! - [`answer`]: "Leer respuesta" — the `.ok` / `.err` files a site returns.
//! - [`errors`]: "Errores comunes" — the manual's table of connection errors.

pub mod answer;
pub mod errors;
pub mod filezilla;
pub mod sites;
pub mod upload;
pub mod xml;
