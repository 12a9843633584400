//! InSSSeP (Chaco, Argentina): the dental budget ("Carga de presupuesto odontológico", CPI cliente
//! web v1.1, `specs/insssep-presupuesto-odontologico.txt`) prepared and checked offline.
//!
//! A budget names the provider and the member, one CIE-10 diagnosis, and practices from the
//! nomenclador, each on FDI teeth and faces. Each module is one table or one rule set:
//! [`teeth`] (the FDI grid), [`faces`] (the eight faces and where each fits), [`nomenclador`] (the
//! practices and the CSV import), [`diagnosis`] (CIE-10 for a dentist), [`budget`] (adding a
//! practice: what the web client refuses and what is only suspicious), [`consumption`] (the
//! "Boca – Serie – Número" reference of an authorised budget), [`export`] (CSV and text) and
//! [`html`] (the display-only parts of the page).

pub mod budget;
pub mod consumption;
pub mod diagnosis;
pub mod export;
pub mod faces;
pub mod html;
pub mod nomenclador;
pub mod teeth;
