//! The budget as files the provider keeps (the document's "planilla de registro auxiliar"): a
//! CSV for a spreadsheet, one row per practice, and a text laid out like the web client's ticket.

use super::budget::Budget;
use super::consumption::Reference;
use super::faces;

/// The nomenclador column of the tickets ("ODONTOLOGICO").
pub(crate) const NOMENCLADOR: &str = "ODONTOLOGICO";

/// What the provider records about consumption: the authorised budget's reference and which
/// lines are done (same order as the budget's lines).
#[derive(Clone, Debug, Default)]
pub struct Consumption {
    pub reference: Option<Reference>,
    pub done: Vec<bool>,
}

impl Consumption {
    fn done(&self, i: usize) -> bool {
        self.done.get(i).copied().unwrap_or(false)
    }
}

/// A CSV field: in double quotes when it holds `;`, a quote or a line break.
fn field(value: &str) -> String {
    if value.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// One row per practice, `;`-separated (what a spreadsheet in Spanish opens), with a BOM so
/// Excel reads the accents as UTF-8.
pub fn to_csv(b: &Budget, c: &Consumption) -> String {
    let (kind, code, description) = match &b.diagnosis {
        Some((k, d)) => (k.label(), d.code.as_str(), d.description.unwrap_or("")),
        None => ("", "", ""),
    };
    let reference = c.reference.map(|r| r.to_string()).unwrap_or_default();
    let mut out = String::from(
        "\u{feff}Credencial;Afiliado;Edad;Prestador;Tipo de diagnóstico;Diagnóstico;Descripción del diagnóstico;Nomenclador;Código;Descripción;Diente;Caras;Cantidad;Preautorización;Consumida\r\n",
    );
    for (i, l) in b.lines.iter().enumerate() {
        let row = [
            b.member.credential.trim(),
            b.member.name.trim(),
            b.member.age.trim(),
            b.provider.name.trim(),
            kind,
            code,
            description,
            NOMENCLADOR,
            &l.code,
            &l.description,
            &l.tooth.map(|t| t.to_string()).unwrap_or_default(),
            &faces::letters(&l.faces),
            "1",
            &reference,
            if c.done(i) { "sí" } else { "no" },
        ];
        out.push_str(&row.iter().map(|v| field(v)).collect::<Vec<_>>().join(";"));
        out.push_str("\r\n");
    }
    out
}

/// The budget laid out like the web client's ticket, to print or keep as text. `date` is the
/// day it was prepared, as the page shows it (dd/mm/aaaa).
pub fn to_txt(b: &Budget, date: &str, c: &Consumption) -> String {
    let mut out = Vec::new();
    out.push("InSSSeP - PRESUPUESTO ODONTOLÓGICO (preparado con planos; no es el comprobante del InSSSeP)".to_string());
    out.push(format!("Fecha: {date}"));
    let p = &b.provider;
    out.push(format!(
        "Prestador: {} - Colegio: {} - Código de Facturación: {}",
        p.name.trim(),
        p.college.trim(),
        p.billing_code.trim()
    ));
    let m = &b.member;
    out.push(format!("Credencial: {}", m.credential.trim()));
    out.push(format!(
        "Afiliado: {} Edad: {} Sexo: {}",
        m.name.trim(),
        m.age.trim(),
        m.sex.trim()
    ));
    out.push(format!("Titular: {}", m.holder.trim()));
    out.push(match &b.diagnosis {
        Some((k, d)) => format!("Diagnóstico: {} {} {}", k.label(), d.code, d.description.unwrap_or(""))
            .trim_end()
            .to_string(),
        None => "Diagnóstico:".to_string(),
    });
    if let Some(r) = c.reference {
        out.push(format!("Nº Preautorización: {r}"));
    }
    out.push(String::new());
    out.push("Nomenclador\tCódigo\tDescripción\tCant\tConsumida".to_string());
    for (i, l) in b.lines.iter().enumerate() {
        out.push(format!(
            "{NOMENCLADOR}\t{}\t{}\t1\t{}",
            l.code,
            l.ticket_text(),
            if c.done(i) { "sí" } else { "no" }
        ));
    }
    out.push(String::new());
    out.push("Resumen clínico:".to_string());
    out.extend(b.summary.lines().map(str::to_string));
    out.push(String::new());
    out.push("Firma y Aclaración Afiliado".to_string());
    out.push("Firma y Aclaración Prestador".to_string());
    out.join("\r\n") + "\r\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dental::budget::{add, Member, Provider};
    use crate::dental::consumption;
    use crate::dental::diagnosis::{self, Kind};
    use crate::dental::faces::Face;
    use crate::dental::nomenclador::{find, shipped};

    fn budget() -> Budget {
        let table = shipped();
        let mut lines = add(
            &[],
            find(&table, "20900").unwrap(),
            &[17],
            &[Face::Oclusal, Face::Mesial],
        )
        .unwrap();
        lines.extend(add(&lines, find(&table, "50100").unwrap(), &[], &[]).unwrap());
        Budget {
            provider: Provider {
                name: "ODONTOLOGO DE PRUEBA".into(),
                college: "COLEGIO DE ODONTOLOGOS".into(),
                billing_code: "333".into(),
            },
            member: Member {
                credential: "354495".into(),
                name: "AFILIADO DE PRUEBA".into(),
                holder: "AFILIADO DE PRUEBA".into(),
                age: "58".into(),
                sex: "M".into(),
            },
            diagnosis: Some((Kind::Definitivo, diagnosis::parse("K029").unwrap())),
            lines,
            summary: "Dolor al frío.\nDiabético.".into(),
        }
    }

    #[test]
    fn csv_one_row_per_practice_quoted_where_needed() {
        let c = Consumption {
            reference: Some(consumption::parse("88-T-128133242").unwrap().0),
            done: vec![true],
        };
        let csv = to_csv(&budget(), &c);
        let rows: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(rows.len(), 4, "header, two practices, final empty");
        assert!(rows[0].starts_with("\u{feff}Credencial;Afiliado;"));
        assert_eq!(rows[1], "354495;AFILIADO DE PRUEBA;58;ODONTOLOGO DE PRUEBA;Definitivo;K029;Caries dental, no especificada;ODONTOLOGICO;20900;OBTURACIÓN CON RESINAS COMPOSITE CAVIDAD COMPUESTA;17;OM;1;88 - T - 128133242;sí");
        assert!(rows[2].contains(";50100;TARTRECTOMIA, CEPILLADO MECANICO Y FI-;;;1;88 - T - 128133242;no"));
        let mut b = budget();
        b.member.name = "PEREZ; \"JUAN\"".into();
        assert!(to_csv(&b, &Consumption::default()).contains("354495;\"PEREZ; \"\"JUAN\"\"\";58"));
    }

    #[test]
    fn text_like_the_ticket() {
        let txt = to_txt(&budget(), "25/06/2024", &Consumption::default());
        let lines: Vec<&str> = txt.lines().collect();
        assert!(lines.contains(
            &"Prestador: ODONTOLOGO DE PRUEBA - Colegio: COLEGIO DE ODONTOLOGOS - Código de Facturación: 333"
        ));
        assert!(lines.contains(&"Afiliado: AFILIADO DE PRUEBA Edad: 58 Sexo: M"));
        assert!(lines.contains(&"Diagnóstico: Definitivo K029 Caries dental, no especificada"));
        assert!(lines.contains(
            &"ODONTOLOGICO\t20900\tOBTURACIÓN CON RESINAS COMPOSITE CAVIDAD COMPUESTA - Diente:17 Cara:OM\t1\tno"
        ));
        assert!(lines.contains(&"Diabético."));
        assert!(!txt.contains("Preautorización"), "no reference given");
    }
}
