//! The display-only parts of the budget page as HTML text: the printable budget, the list of
//! practices, the nomenclador and the message lists. Built here as text (every value escaped)
//! rather than as Leptos views, because each distinct view costs the page's wasm kilobytes and
//! these parts only show data; the page sets them with `inner_html` and handles their few
//! buttons by delegation (`data-` attributes).

use super::budget::{self, Budget, Line};
use super::diagnosis::{Code, Kind};
use super::export::NOMENCLADOR;
use super::faces;
use super::nomenclador::Practice;
use planos_core::report::Diagnostic;
use planos_core::xlsx::escape;

/// `<tag attrs>text</tag>`, the text escaped.
fn element(out: &mut String, tag: &str, attrs: &str, text: &str) {
    out.push('<');
    out.push_str(tag);
    out.push_str(attrs);
    out.push('>');
    escape(text, out);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// A table row of cells, each escaped.
fn row(out: &mut String, tag: &str, cells: &[&str]) {
    out.push_str("<tr>");
    for c in cells {
        element(out, tag, "", c);
    }
    out.push_str("</tr>");
}

/// A table with a header row; `body` writes the rows.
fn table(out: &mut String, attrs: &str, head: &[&str], body: impl FnOnce(&mut String)) {
    out.push_str(&format!("<table{attrs}><thead>"));
    out.push_str("<tr>");
    for h in head {
        element(out, "th", " scope=\"col\"", h);
    }
    out.push_str("</tr></thead><tbody>");
    body(out);
    out.push_str("</tbody></table>");
}

/// A list of messages (`<ul class="…">`), each with `prefix`; nothing when there are none.
pub fn list(class: &str, prefix: &str, items: &[String]) -> String {
    let mut out = String::new();
    if items.is_empty() {
        return out;
    }
    out.push_str(&format!("<ul class=\"{class}\">"));
    for i in items {
        element(&mut out, "li", "", &format!("{prefix}{i}"));
    }
    out.push_str("</ul>");
    out
}

/// Findings as a list (`<ul class="…">`): each its message with `prefix`, and the catalogue's
/// title and code on hover; nothing when there are none.
pub fn findings(class: &str, prefix: &str, found: &[Diagnostic]) -> String {
    let mut out = String::new();
    if found.is_empty() {
        return out;
    }
    out.push_str(&format!("<ul class=\"{class}\">"));
    for d in found {
        let mut title = String::new();
        escape(&format!("{} ({})", d.title, d.code), &mut title);
        element(
            &mut out,
            "li",
            &format!(" title=\"{title}\""),
            &format!("{prefix}{}", d.message),
        );
    }
    out.push_str("</ul>");
    out
}

/// A paragraph of class `class`.
pub fn para(class: &str, text: &str) -> String {
    let mut out = String::new();
    element(&mut out, "p", &format!(" class=\"{class}\""), text);
    out
}

/// The budget laid out like the web client's ticket (what "Imprimir / Guardar PDF" prints).
pub fn receipt(b: &Budget, date: &str) -> String {
    let (p, m) = (&b.provider, &b.member);
    let diagnosis = b
        .diagnosis
        .as_ref()
        .map(|(k, d)| format!("{} {} {}", k.label(), d.code, d.description.unwrap_or("")))
        .unwrap_or_default();
    let mut out = String::new();
    element(&mut out, "h3", "", "InSSSeP — Presupuesto odontológico");
    out.push_str(&para(
        "d-receipt-note",
        "Preparado con planos para cargar en el cliente web del InSSSeP; no es el comprobante del InSSSeP.",
    ));
    out.push_str("<dl>");
    let heading = [
        ("Fecha", date.to_string()),
        (
            "Prestador",
            format!(
                "{} - Colegio: {} - Código de Facturación: {}",
                p.name.trim(),
                p.college.trim(),
                p.billing_code.trim()
            ),
        ),
        ("Credencial", m.credential.trim().to_string()),
        (
            "Afiliado",
            format!("{}   Edad: {}   Sexo: {}", m.name.trim(), m.age.trim(), m.sex.trim()),
        ),
        ("Titular", m.holder.trim().to_string()),
        ("Diagnóstico", diagnosis),
    ];
    for (k, v) in heading {
        element(&mut out, "dt", "", k);
        element(&mut out, "dd", "", &v);
    }
    out.push_str("</dl>");
    table(
        &mut out,
        " class=\"d-receipt-lines\"",
        &["Nomenclador", "Código", "Descripción", "Diente", "Cara", "Cant"],
        |out| {
            for l in &b.lines {
                let tooth = l.tooth.map(|t| t.to_string()).unwrap_or_default();
                row(
                    out,
                    "td",
                    &[
                        NOMENCLADOR,
                        &l.code,
                        &l.description,
                        &tooth,
                        &faces::letters(&l.faces),
                        "1",
                    ],
                );
            }
        },
    );
    element(&mut out, "h4", "", "Resumen clínico");
    out.push_str(&para("d-receipt-summary", &b.summary));
    out.push_str(
        "<div class=\"d-signatures\"><p>Firma y Aclaración Afiliado</p><p>Firma y Aclaración Prestador</p></div>",
    );
    out
}

/// The list "Carga Práctica Odontológica" with each line's warnings and a "Quitar" button
/// (`data-quitar` holds the line's index).
pub fn lines(lines: &[Line], age: Option<u8>) -> String {
    let mut out = String::new();
    if lines.is_empty() {
        return para("hint", "Todavía no cargó ninguna práctica.");
    }
    table(
        &mut out,
        " id=\"d-lista\" class=\"d-table\"",
        &["Código", "Descripción", "Diente", "Caras", "Avisos", ""],
        |out| {
            for (i, l) in lines.iter().enumerate() {
                let warned: Vec<String> = budget::warnings(l, age).into_iter().map(|d| d.message).collect();
                let warned = warned.join(" ");
                out.push_str(if warned.is_empty() {
                    "<tr>"
                } else {
                    "<tr class=\"d-warned-row\">"
                });
                let tooth = l.tooth.map(|t| t.to_string()).unwrap_or_default();
                for cell in [l.code.as_str(), &l.description, &tooth, &faces::letters(&l.faces)] {
                    element(out, "td", "", cell);
                }
                element(out, "td", " class=\"d-warn\"", &warned);
                let mut label = String::new();
                escape(&format!("Quitar {} {}", l.code, l.ticket_text()), &mut label);
                out.push_str(&format!(
                "<td><button type=\"button\" class=\"d-quitar\" data-quitar=\"{i}\" aria-label=\"{label}\">Quitar</button></td></tr>"
            ));
            }
        },
    );
    out
}

/// The diagnosis chosen, as the document's table shows it (Tipo, Código, Descripción).
pub fn diagnosis(chosen: Option<&(Kind, Code)>) -> String {
    let mut out = String::new();
    table(
        &mut out,
        " class=\"d-table d-diag-chosen\"",
        &["Tipo", "Código", "Descripción"],
        |out| match chosen {
            Some((k, c)) => {
                out.push_str("<tr id=\"d-diag-elegido\">");
                for cell in [k.label(), &c.code, c.description.unwrap_or("")] {
                    element(out, "td", "", cell);
                }
                out.push_str("</tr>");
            }
            None => out.push_str(
                "<tr id=\"d-diag-elegido\"><td colspan=\"3\">Sin diagnóstico: búsquelo arriba y elíjalo.</td></tr>",
            ),
        },
    );
    out
}

/// The codes found, each a button (`data-code`).
pub fn found(codes: &[Code]) -> String {
    let mut out = String::from("<ul class=\"d-diag-results\" aria-label=\"Diagnósticos encontrados\">");
    for c in codes {
        let label = format!(
            "{} — {}",
            c.code,
            c.description
                .unwrap_or("(código válido; planos no tiene su descripción)")
        );
        out.push_str("<li>");
        element(
            &mut out,
            "button",
            &format!(" type=\"button\" data-code=\"{}\"", c.code),
            &label,
        );
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// The practices as the options of a `<select>`, after a first empty "elija" option.
pub fn options(table_rows: &[Practice]) -> String {
    let mut out = String::from("<option value=\"\">— elija la práctica —</option>");
    for p in table_rows {
        element(
            &mut out,
            "option",
            &format!(" value=\"{}\"", p.code),
            &format!("{} — {}", p.code, p.description),
        );
    }
    out
}

/// The consumption checklist: a checkbox per line (`data-hecho` holds its index), checked as
/// `done` says.
pub fn checklist(lines: &[Line], done: &[bool]) -> String {
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        let checked = if done.get(i).copied().unwrap_or(false) {
            " checked"
        } else {
            ""
        };
        out.push_str(&format!(
            "<li><label><input type=\"checkbox\" data-hecho=\"{i}\"{checked}> "
        ));
        escape(&format!("{} {}", l.code, l.ticket_text()), &mut out);
        out.push_str("</label></li>");
    }
    out
}

/// The nomenclador in use.
pub fn nomenclador(table_rows: &[Practice]) -> String {
    let mut out = String::new();
    let yes_no = |b| if b { "sí" } else { "no" };
    table(
        &mut out,
        " class=\"d-table d-nomenclador-tabla\"",
        &["Código", "Descripción", "Requiere diente", "Requiere cara"],
        |out| {
            for p in table_rows {
                row(
                    out,
                    "td",
                    &[&p.code, &p.description, yes_no(p.needs_tooth), yes_no(p.needs_face)],
                );
            }
        },
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dental::budget::{add, Member};
    use crate::dental::diagnosis;
    use crate::dental::faces::Face;
    use crate::dental::nomenclador::{find, shipped};

    fn budget() -> Budget {
        let t = shipped();
        Budget {
            member: Member {
                credential: "354495".into(),
                name: "<script>alert(1)</script>".into(),
                age: "58".into(),
                ..Default::default()
            },
            diagnosis: Some((Kind::Definitivo, diagnosis::parse("K029").unwrap())),
            lines: add(&[], find(&t, "20800").unwrap(), &[17], &[Face::Oclusal, Face::Mesial]).unwrap(),
            summary: "Dolor & \"frío\"".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_receipt_escapes_what_was_typed() {
        let html = receipt(&budget(), "25/06/2024");
        assert!(html.contains("<dt>Afiliado</dt><dd>&lt;script&gt;alert(1)&lt;/script&gt;   Edad: 58   Sexo: </dd>"));
        assert!(!html.contains("<script>"));
        assert!(html.contains(
            "<tr><td>ODONTOLOGICO</td><td>20800</td><td>COMPOSITE</td><td>17</td><td>OM</td><td>1</td></tr>"
        ));
        assert!(html.contains("<dd>Definitivo K029 Caries dental, no especificada</dd>"));
        assert!(html.contains("Dolor &amp; &quot;frío&quot;"));
    }

    #[test]
    fn the_list_has_a_button_per_line_and_the_warnings() {
        let mut b = budget();
        b.lines
            .extend(add(&b.lines, find(&shipped(), "70604").unwrap(), &[55], &[Face::Oclusal]).unwrap());
        let html = lines(&b.lines, Some(58));
        assert!(html.contains("data-quitar=\"0\" aria-label=\"Quitar 20800 COMPOSITE - Diente:17 Cara:OM\""));
        assert!(html.contains("<tr class=\"d-warned-row\"><td>70604</td>"));
        assert!(html.contains("data-quitar=\"1\""));
        assert_eq!(
            lines(&[], None),
            "<p class=\"hint\">Todavía no cargó ninguna práctica.</p>"
        );
    }

    #[test]
    fn lists_and_tables() {
        assert_eq!(list("d-warned", "Atención: ", &[]), "");
        assert_eq!(
            list("d-warned", "Atención: ", &["a<b".to_string()]),
            "<ul class=\"d-warned\"><li>Atención: a&lt;b</li></ul>"
        );
        assert_eq!(findings("d-warned", "Atención: ", &[]), "");
        let face = Diagnostic::new(&crate::codes::INSSSEP_CARA_DIENTE, "Diente 13, cara <O>.");
        assert_eq!(
            findings("d-warned", "Atención: ", &[face]),
            "<ul class=\"d-warned\"><li title=\"Cara que ese diente no tiene (INSSSEP-CARA-DIENTE)\">Atención: Diente 13, cara &lt;O&gt;.</li></ul>"
        );
        assert!(diagnosis(None).contains("Sin diagnóstico"));
        assert!(found(&diagnosis::search("K029", 3))
            .contains("data-code=\"K029\">K029 — Caries dental, no especificada</button>"));
        assert!(nomenclador(&shipped())
            .contains("<tr><td>50100</td><td>TARTRECTOMIA, CEPILLADO MECANICO Y FI-</td><td>no</td><td>no</td></tr>"));
    }
}
