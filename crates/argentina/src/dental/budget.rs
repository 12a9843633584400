//! Adding a practice to the budget ("Cargar Práctica") and reviewing the budget before sending.
//!
//! Refused, as the web client refuses (the document: "En caso de no haber especificado diente o
//! cara (y ser requerido obligatoriamente por la práctica seleccionada), la práctica seleccionada,
//! no se incorporará a la lista y visualizará un mensaje informativo"): a missing tooth or face
//! the practice requires, a tooth number outside the FDI grid, and the same tooth and face twice
//! for the same practice. Only warned: a face the tooth does not have, a deciduous tooth at an
//! age when none is left (`docs/interpretations.md` says why these are warnings).

use super::diagnosis;
use super::faces::{self, Face};
use super::nomenclador::Practice;
use super::teeth;
use crate::codes;
use planos_core::report::Diagnostic;

/// One line of the list "Carga Práctica Odontológica": a practice on one tooth (or on none),
/// with its faces. The tickets print one tooth per line ("Diente:17 Cara:OM").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub code: String,
    pub description: String,
    pub tooth: Option<u8>,
    pub faces: Vec<Face>,
}

impl Line {
    /// As the tickets print it: "COMPOSITE - Diente:25 Cara:O", or the description alone.
    pub fn ticket_text(&self) -> String {
        match self.tooth {
            Some(t) => format!("{} - Diente:{t} Cara:{}", self.description, faces::letters(&self.faces)),
            None => self.description.clone(),
        }
    }
}

/// The refusal when the practice requires a tooth and none is selected.
pub(crate) fn missing_tooth(p: &Practice) -> Diagnostic {
    let message = format!(
        "Falta el diente: la práctica {} ({}) requiere seleccionar uno o más dientes. No se incorporó a la lista; el presupuesto no podrá autorizarse hasta que proporcione el dato faltante.",
        p.code, p.description
    );
    Diagnostic::new(&codes::INSSSEP_DIENTE_FALTA, message)
}

/// The refusal when the practice requires a face and none is selected.
pub(crate) fn missing_face(p: &Practice) -> Diagnostic {
    let message = format!(
        "Falta la cara: la práctica {} ({}) requiere seleccionar una o más caras. No se incorporó a la lista; el presupuesto no podrá autorizarse hasta que proporcione el dato faltante.",
        p.code, p.description
    );
    Diagnostic::new(&codes::INSSSEP_CARA_FALTA, message)
}

/// The lines that "Cargar Práctica" adds to `lines` for `practice` on the selected teeth and
/// faces (one line per tooth, each with all the faces), or why nothing is added (errors).
pub fn add(
    lines: &[Line],
    practice: &Practice,
    teeth_selected: &[u8],
    faces_selected: &[Face],
) -> Result<Vec<Line>, Vec<Diagnostic>> {
    let mut refusals = Vec::new();
    if practice.needs_tooth && teeth_selected.is_empty() {
        refusals.push(missing_tooth(practice));
    }
    if practice.needs_face && faces_selected.is_empty() {
        refusals.push(missing_face(practice));
    }
    for &n in teeth_selected.iter().filter(|&&n| teeth::tooth(n).is_none()) {
        refusals.push(Diagnostic::new(
            &codes::INSSSEP_DIENTE_FDI,
            format!("El diente {n} no existe en la numeración FDI (11 a 48 permanentes, 51 a 85 temporarios)."),
        ));
    }
    let mut chosen: Vec<u8> = Vec::new();
    for &n in teeth_selected {
        if !chosen.contains(&n) {
            chosen.push(n);
        }
    }
    let mut face_list = faces_selected.to_vec();
    face_list.sort_unstable();
    face_list.dedup();
    let targets: Vec<Option<u8>> = if chosen.is_empty() {
        vec![None]
    } else {
        chosen.into_iter().map(Some).collect()
    };
    for &tooth in &targets {
        if let Some(why) = repeated(lines, &practice.code, tooth, &face_list) {
            refusals.push(why);
        }
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    Ok(targets
        .into_iter()
        .map(|tooth| Line {
            code: practice.code.clone(),
            description: practice.description.clone(),
            tooth,
            faces: face_list.clone(),
        })
        .collect())
}

/// Why `code` on `tooth` with `faces` repeats a line already in the list: the same tooth (or no
/// tooth) with a face in common, or with no face on either.
fn repeated(lines: &[Line], code: &str, tooth: Option<u8>, faces_new: &[Face]) -> Option<Diagnostic> {
    let same = lines.iter().find(|l| {
        l.code == code
            && l.tooth == tooth
            && (l.faces.iter().any(|f| faces_new.contains(f)) || (l.faces.is_empty() && faces_new.is_empty()))
    })?;
    let common: Vec<Face> = same.faces.iter().copied().filter(|f| faces_new.contains(f)).collect();
    let message = match (tooth, common.is_empty()) {
        (Some(t), false) => format!(
            "La práctica {code} ya está cargada en el diente {t}, cara {}: no se carga dos veces el mismo diente y la misma cara.",
            faces::letters(&common)
        ),
        (Some(t), true) => format!("La práctica {code} ya está cargada en el diente {t}: no se carga dos veces el mismo diente."),
        (None, _) => format!("La práctica {code} ya está en la lista."),
    };
    Some(Diagnostic::new(&codes::INSSSEP_REPETIDA, message))
}

/// What is suspicious in a line, given the member's age: faces the tooth does not have, a
/// deciduous tooth past the age when they are shed. Warnings: the budget can still be sent.
pub fn warnings(line: &Line, age: Option<u8>) -> Vec<Diagnostic> {
    let Some(tooth) = line.tooth.and_then(teeth::tooth) else {
        return Vec::new();
    };
    let mut out: Vec<Diagnostic> = line
        .faces
        .iter()
        .filter_map(|f| {
            f.misfit(&tooth).map(|why| {
                Diagnostic::new(
                    &codes::INSSSEP_CARA_DIENTE,
                    format!("Diente {}, cara {}: {why}.", tooth.number, f.name()),
                )
            })
        })
        .collect();
    if let Some(age) = age.filter(|&a| tooth.deciduous && teeth::deciduous_implausible(a)) {
        out.push(Diagnostic::new(
            &codes::INSSSEP_TEMPORARIO_EDAD,
            format!(
                "Diente {}: es temporario y el afiliado tiene {age} años; los temporarios se recambian a más tardar a los {} años. Verifique el número del diente.",
                tooth.number,
                teeth::DECIDUOUS_SHED_BY
            ),
        ));
    }
    out
}

/// The provider, as the document's header names it ("Prestador: … - Colegio: … - Codigo de
/// Facturación 333").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Provider {
    pub name: String,
    pub college: String,
    pub billing_code: String,
}

/// The member, as the document's budget window shows it ("Afiliado: … Edad: 58 Sexo: M",
/// "Credencial: 354495", "Titular: …").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Member {
    pub credential: String,
    pub name: String,
    pub holder: String,
    pub age: String,
    pub sex: String,
}

/// The whole budget, as the page holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Budget {
    pub provider: Provider,
    pub member: Member,
    pub diagnosis: Option<(diagnosis::Kind, diagnosis::Code)>,
    pub lines: Vec<Line>,
    pub summary: String,
}

/// The member's age in years from what was typed: `Ok(None)` when empty.
pub fn age(text: &str) -> Result<Option<u8>, Box<Diagnostic>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u8>() {
        Ok(a) if a <= 120 => Ok(Some(a)),
        _ => Err(Box::new(Diagnostic::new(
            &codes::INSSSEP_EDAD,
            format!(
                "La edad debe ser un número de años entre 0 y 120, no «{}».",
                t.chars().take(20).collect::<String>()
            ),
        ))),
    }
}

/// What stops the budget from being sent (errors), then the warnings: the same checks the web
/// client makes before "Enviar", and each line's warnings.
pub fn review(b: &Budget) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut missing = Vec::new();
    if b.provider.name.trim().is_empty() {
        missing.push(Diagnostic::new(
            &codes::INSSSEP_PRESTADOR_FALTA,
            "Falta el nombre del prestador.",
        ));
    }
    let credential = b.member.credential.trim();
    if credential.is_empty() {
        missing.push(Diagnostic::new(
            &codes::INSSSEP_CREDENCIAL_FALTA,
            "Falta el número de credencial del afiliado.",
        ));
    } else if !credential.bytes().all(|c| c.is_ascii_digit()) || credential.len() > 12 {
        missing.push(Diagnostic::new(
            &codes::INSSSEP_CREDENCIAL,
            format!(
                "La credencial es un número (como 054498), no «{}».",
                credential.chars().take(20).collect::<String>()
            ),
        ));
    }
    if b.member.name.trim().is_empty() {
        missing.push(Diagnostic::new(
            &codes::INSSSEP_AFILIADO_FALTA,
            "Falta el nombre del afiliado.",
        ));
    }
    let age = age(&b.member.age).unwrap_or_else(|why| {
        missing.push(*why);
        None
    });
    if b.diagnosis.is_none() {
        missing.push(Diagnostic::new(
            &codes::INSSSEP_DIAGNOSTICO_FALTA,
            "Falta el diagnóstico CIE-10 (tipo y código).",
        ));
    }
    if b.lines.is_empty() {
        missing.push(Diagnostic::new(
            &codes::INSSSEP_SIN_PRACTICAS,
            "El presupuesto no tiene ninguna práctica cargada.",
        ));
    }
    let warned = b.lines.iter().flat_map(|l| warnings(l, age)).collect();
    (missing, warned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dental::nomenclador::{find, shipped};

    fn practice(code: &str) -> Practice {
        find(&shipped(), code).unwrap().clone()
    }

    /// The findings' messages.
    fn said(found: Vec<Diagnostic>) -> Vec<String> {
        found.into_iter().map(|d| d.message).collect()
    }

    /// The findings' codes.
    fn codes_of(found: &[Diagnostic]) -> Vec<&str> {
        found.iter().map(|d| d.code.as_ref()).collect::<Vec<_>>()
    }

    #[test]
    fn a_practice_that_needs_a_face_is_refused_without_one() {
        let composite = practice("20800");
        let refused = add(&[], &composite, &[17], &[]).unwrap_err();
        assert_eq!(codes_of(&refused), ["INSSSEP-CARA-FALTA"]);
        assert_eq!(
            said(refused),
            ["Falta la cara: la práctica 20800 (COMPOSITE) requiere seleccionar una o más caras. No se incorporó a la lista; el presupuesto no podrá autorizarse hasta que proporcione el dato faltante."]
        );
        let added = add(&[], &composite, &[17], &[Face::Mesial, Face::Oclusal]).unwrap();
        assert_eq!(added[0].ticket_text(), "COMPOSITE - Diente:17 Cara:OM");
    }

    #[test]
    fn a_practice_that_needs_a_tooth_is_refused_without_one() {
        let extraction = practice("100100");
        let refused = add(&[], &extraction, &[], &[]).unwrap_err();
        assert_eq!(refused, [missing_tooth(&extraction)]);
        assert!(refused[0].message.starts_with("Falta el diente: la práctica 100100"));
        assert_eq!(
            (refused[0].code.as_ref(), refused[0].severity),
            ("INSSSEP-DIENTE-FALTA", planos_core::report::Severity::Error)
        );
        // The face is not required: the ticket prints "Diente:18 Cara:" with no face.
        let added = add(&[], &extraction, &[18], &[]).unwrap();
        assert!(added[0].ticket_text().ends_with(" - Diente:18 Cara:"));
        // Both missing: both said.
        assert_eq!(add(&[], &practice("70604"), &[], &[]).unwrap_err().len(), 2);
    }

    #[test]
    fn a_practice_without_teeth_is_one_line() {
        let scaling = practice("50100");
        let added = add(&[], &scaling, &[], &[]).unwrap();
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].tooth, None);
        assert_eq!(added[0].ticket_text(), "TARTRECTOMIA, CEPILLADO MECANICO Y FI-");
        let refused = add(&added, &scaling, &[], &[]).unwrap_err();
        assert_eq!(codes_of(&refused), ["INSSSEP-REPETIDA"]);
        assert_eq!(said(refused), ["La práctica 50100 ya está en la lista."]);
    }

    #[test]
    fn one_line_per_tooth() {
        let added = add(&[], &practice("20900"), &[15, 13, 15], &[Face::Distal, Face::Oclusal]).unwrap();
        let shown: Vec<String> = added.iter().map(Line::ticket_text).collect();
        assert_eq!(
            shown,
            [
                "OBTURACIÓN CON RESINAS COMPOSITE CAVIDAD COMPUESTA - Diente:15 Cara:OD",
                "OBTURACIÓN CON RESINAS COMPOSITE CAVIDAD COMPUESTA - Diente:13 Cara:OD",
            ]
        );
    }

    #[test]
    fn tooth_numbers_must_be_fdi() {
        let refused = add(&[], &practice("100100"), &[19], &[]).unwrap_err();
        assert_eq!(codes_of(&refused), ["INSSSEP-DIENTE-FDI"]);
        assert_eq!(
            said(refused),
            ["El diente 19 no existe en la numeración FDI (11 a 48 permanentes, 51 a 85 temporarios)."]
        );
    }

    #[test]
    fn the_same_tooth_and_face_not_twice_for_the_same_practice() {
        let composite = practice("20800");
        let first = add(&[], &composite, &[25], &[Face::Oclusal, Face::Mesial]).unwrap();
        assert_eq!(
            said(add(&first, &composite, &[24, 25], &[Face::Oclusal]).unwrap_err()),
            ["La práctica 20800 ya está cargada en el diente 25, cara O: no se carga dos veces el mismo diente y la misma cara."]
        );
        // Another face of the same tooth, the same face of another tooth, another practice: fine.
        assert!(add(&first, &composite, &[25], &[Face::Distal]).is_ok());
        assert!(add(&first, &composite, &[24], &[Face::Oclusal]).is_ok());
        assert!(add(&first, &practice("20900"), &[25], &[Face::Oclusal]).is_ok());
        // A practice without faces on the same tooth twice.
        let extraction = add(&[], &practice("100100"), &[18], &[]).unwrap();
        assert_eq!(
            said(add(&extraction, &practice("100100"), &[18], &[]).unwrap_err()),
            ["La práctica 100100 ya está cargada en el diente 18: no se carga dos veces el mismo diente."]
        );
    }

    #[test]
    fn faces_the_tooth_does_not_have_are_warned() {
        // The document's own report has "Diente:13 Cara:OVG": accepted, so only a warning.
        let line = &add(
            &[],
            &practice("20900"),
            &[13],
            &[Face::Oclusal, Face::Vestibular, Face::Gingival],
        )
        .unwrap()[0];
        assert_eq!(codes_of(&warnings(line, None)), ["INSSSEP-CARA-DIENTE"]);
        assert_eq!(
            said(warnings(line, None)),
            ["Diente 13, cara Oclusal: la cara oclusal es de premolares y molares."]
        );
        let line = &add(&[], &practice("20800"), &[36], &[Face::Palatino, Face::Incisal]).unwrap()[0];
        assert_eq!(warnings(line, None).len(), 2);
        let line = &add(&[], &practice("20800"), &[16], &[Face::Lingual]).unwrap()[0];
        assert_eq!(
            said(warnings(line, None)),
            ["Diente 16, cara Lingual: la cara lingual es de los dientes inferiores."]
        );
    }

    #[test]
    fn deciduous_teeth_are_warned_past_the_age_they_are_shed() {
        let line = &add(&[], &practice("70604"), &[55], &[Face::Oclusal]).unwrap()[0];
        assert!(warnings(line, None).is_empty(), "no age, no warning");
        assert!(warnings(line, Some(8)).is_empty());
        assert!(warnings(line, Some(12)).is_empty());
        assert_eq!(codes_of(&warnings(line, Some(58))), ["INSSSEP-TEMPORARIO-EDAD"]);
        assert_eq!(
            said(warnings(line, Some(58))),
            ["Diente 55: es temporario y el afiliado tiene 58 años; los temporarios se recambian a más tardar a los 12 años. Verifique el número del diente."]
        );
        let permanent = &add(&[], &practice("70604"), &[16], &[Face::Oclusal]).unwrap()[0];
        assert!(warnings(permanent, Some(58)).is_empty());
    }

    #[test]
    fn ages() {
        assert_eq!(age(""), Ok(None));
        assert_eq!(age(" 58 "), Ok(Some(58)));
        assert!(age("121").is_err());
        assert!(age("-1").is_err());
        let why = age("cincuenta").unwrap_err();
        assert!(why.message.contains("«cincuenta»"));
        assert_eq!(why.code, "INSSSEP-EDAD");
    }

    #[test]
    fn review_lists_what_stops_the_budget() {
        let (missing, warned) = review(&Budget::default());
        assert_eq!(
            codes_of(&missing),
            [
                "INSSSEP-PRESTADOR-FALTA",
                "INSSSEP-CREDENCIAL-FALTA",
                "INSSSEP-AFILIADO-FALTA",
                "INSSSEP-DIAGNOSTICO-FALTA",
                "INSSSEP-SIN-PRACTICAS",
            ]
        );
        assert_eq!(
            said(missing),
            [
                "Falta el nombre del prestador.",
                "Falta el número de credencial del afiliado.",
                "Falta el nombre del afiliado.",
                "Falta el diagnóstico CIE-10 (tipo y código).",
                "El presupuesto no tiene ninguna práctica cargada.",
            ]
        );
        assert!(warned.is_empty());
        let b = Budget {
            provider: Provider {
                name: "Odontologo de prueba".into(),
                ..Default::default()
            },
            member: Member {
                credential: "354495".into(),
                name: "AFILIADO DE PRUEBA".into(),
                age: "58".into(),
                ..Default::default()
            },
            diagnosis: Some((diagnosis::Kind::Definitivo, diagnosis::parse("K029").unwrap())),
            lines: add(&[], &practice("70604"), &[52], &[Face::Gingival]).unwrap(),
            summary: String::new(),
        };
        let (missing, warned) = review(&b);
        assert!(missing.is_empty(), "{missing:?}");
        assert_eq!(warned.len(), 1);
        let bad = Budget {
            member: Member {
                credential: "35-44".into(),
                age: "x".into(),
                ..b.member.clone()
            },
            ..b
        };
        assert_eq!(codes_of(&review(&bad).0), ["INSSSEP-CREDENCIAL", "INSSSEP-EDAD"]);
    }
}
