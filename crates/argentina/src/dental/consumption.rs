//! Consuming an authorised budget ("Consumo de prestaciones Auditadas/Diferidas"): the provider
//! enters "la boca Ej “88” para Colegio de Odontólogos, serie “T” y el Número de transacción del
//! presupuesto autorizado, en campo “Número”", which the consumption ticket prints as
//! "Nº Preautorización: 88 - T - 128133242".

use crate::codes;
use planos_core::report::Diagnostic;

/// The reference of an authorised budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    pub boca: u16,
    pub number: u64,
}

/// The boca of the Colegio de Odontólogos, the document's example.
pub const BOCA_ODONTOLOGOS: u16 = 88;
/// The series of a budget's transaction.
pub const SERIE: &str = "T";
/// Every transaction number the document shows has this many digits (128183733, 128133242…).
const DIGITS_SEEN: usize = 9;

impl std::fmt::Display for Reference {
    /// As the consumption ticket prints it: "88 - T - 128133242".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} - {SERIE} - {}", self.boca, self.number)
    }
}

/// A checked reference and its warnings (a boca other than 88, a number of unusual length).
pub type Checked = (Reference, Vec<Diagnostic>);

/// The three fields of the consumption window: Boca, Serie, Número; or why not (errors).
pub fn parse_parts(boca: &str, serie: &str, number: &str) -> Result<Checked, Vec<Diagnostic>> {
    let (boca, serie, number) = (boca.trim(), serie.trim(), number.trim());
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let b = match boca.parse::<u16>() {
        Ok(b) if boca.len() <= 3 && b > 0 => b,
        _ => {
            errors.push(Diagnostic::new(
                &codes::INSSSEP_BOCA,
                format!(
                    "La boca es un número (88 para el Colegio de Odontólogos), no «{}».",
                    cut(boca)
                ),
            ));
            0
        }
    };
    if b != 0 && b != BOCA_ODONTOLOGOS {
        warnings.push(Diagnostic::new(
            &codes::INSSSEP_BOCA_OTRA,
            format!(
                "Boca {b}: el documento indica la boca {BOCA_ODONTOLOGOS} para el Colegio de Odontólogos; verifique la suya."
            ),
        ));
    }
    if !serie.eq_ignore_ascii_case(SERIE) {
        errors.push(Diagnostic::new(
            &codes::INSSSEP_SERIE,
            format!("La serie del presupuesto autorizado es «{SERIE}», no «{}».", cut(serie)),
        ));
    }
    let n = match number.parse::<u64>() {
        Ok(n) if n > 0 && number.len() <= 12 && number.bytes().all(|c| c.is_ascii_digit()) => n,
        _ if number.is_empty() => {
            errors.push(Diagnostic::new(
                &codes::INSSSEP_NUMERO_FALTA,
                "Falta el número de transacción del presupuesto autorizado.",
            ));
            0
        }
        _ => {
            errors.push(Diagnostic::new(
                &codes::INSSSEP_NUMERO,
                format!(
                    "El número de transacción es el del comprobante del presupuesto autorizado, solo dígitos (como 128183733), no «{}».",
                    cut(number)
                ),
            ));
            0
        }
    };
    if n != 0 && number.trim_start_matches('0').len() != DIGITS_SEEN {
        warnings.push(Diagnostic::new(
            &codes::INSSSEP_NUMERO_DIGITOS,
            format!(
                "El número {n} tiene {} dígitos; los números de transacción del documento tienen {DIGITS_SEEN}. Verifique que lo copió completo.",
                n.to_string().len()
            ),
        ));
    }
    if errors.is_empty() {
        Ok((Reference { boca: b, number: n }, warnings))
    } else {
        Err(errors)
    }
}

/// A reference written in one piece, as the ticket prints it ("88 - T - 128133242") or as
/// people write it ("88-T-128133242", "88 T 128133242", "88/t/128133242").
pub fn parse(text: &str) -> Result<Checked, Vec<Diagnostic>> {
    let parts: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    match parts[..] {
        [boca, serie, number] => parse_parts(boca, serie, number),
        _ => Err(vec![Diagnostic::new(
            &codes::INSSSEP_REFERENCIA,
            format!(
                "La referencia se escribe boca, serie y número, como «88 - T - 128133242», no «{}».",
                cut(text.trim())
            ),
        )]),
    }
}

fn cut(text: &str) -> String {
    text.chars().take(20).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_reference() {
        let (r, warnings) = parse("88 - T - 128133242").unwrap();
        assert_eq!(
            r,
            Reference {
                boca: 88,
                number: 128133242
            }
        );
        assert!(warnings.is_empty());
        assert_eq!(r.to_string(), "88 - T - 128133242");
        for text in ["88-T-128133242", "88 t 128133242", " 88/T/128133242 "] {
            assert_eq!(parse(text).unwrap().0, r, "{text}");
        }
        assert_eq!(parse_parts("88", "t", "128183733").unwrap().0.number, 128183733);
    }

    #[test]
    fn the_series_is_t() {
        let refused = parse_parts("88", "A", "128133242").unwrap_err();
        assert_eq!(
            (refused.len(), refused[0].code.as_ref(), refused[0].message.as_str()),
            (
                1,
                "INSSSEP-SERIE",
                "La serie del presupuesto autorizado es «T», no «A»."
            )
        );
    }

    #[test]
    fn boca_and_number_are_digits() {
        let codes: Vec<_> = parse_parts("8B", "T", "")
            .unwrap_err()
            .into_iter()
            .map(|d| d.code)
            .collect();
        assert_eq!(codes, ["INSSSEP-BOCA", "INSSSEP-NUMERO-FALTA"]);
        assert_eq!(
            parse_parts("88", "T", "12818-3733").unwrap_err()[0].code,
            "INSSSEP-NUMERO"
        );
        assert!(parse_parts("88", "T", "12818-3733").is_err());
        assert!(parse_parts("88", "T", "0").is_err());
        assert!(parse_parts("88", "T", "1234567890123").is_err());
        assert!(parse_parts("0", "T", "128133242").is_err());
        let refused = parse("88 T").unwrap_err();
        assert!(refused[0]
            .message
            .starts_with("La referencia se escribe boca, serie y número"));
        assert_eq!(refused[0].code, "INSSSEP-REFERENCIA");
        assert!(parse("").is_err());
    }

    #[test]
    fn unusual_boca_or_length_is_a_warning() {
        let (r, warnings) = parse_parts("12", "T", "12813324").unwrap();
        assert_eq!(r.to_string(), "12 - T - 12813324");
        assert_eq!(warnings.len(), 2);
        assert!(warnings[0]
            .message
            .starts_with("Boca 12: el documento indica la boca 88"));
        assert!(warnings[1].message.contains("tiene 8 dígitos"));
        assert_eq!(
            (warnings[0].code.as_ref(), warnings[1].code.as_ref()),
            ("INSSSEP-BOCA-OTRA", "INSSSEP-NUMERO-DIGITOS")
        );
        assert!(warnings
            .iter()
            .all(|w| w.severity == planos_core::report::Severity::Warning));
    }
}
