//! "Errores comunes": the manual's table of connection errors (section "Errores comunes"), with
//! its fixes, and a search that also finds an entry from a line pasted from FileZilla's log.

/// One row of the manual's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommonError {
    /// The row's number in the manual.
    pub number: u8,
    /// The message FileZilla shows, as the manual writes it.
    pub message: &'static str,
    /// "Descripción".
    pub meaning: &'static str,
    /// "Solución".
    pub fix: &'static str,
    /// The row's "(*): Sólo para Padrón" note, where it has one.
    pub note: Option<&'static str>,
}

/// The table, in the manual's order and words.
pub(crate) const COMMON_ERRORS: [CommonError; 4] = [
    CommonError {
        number: 1,
        message: "Sorry, the maximum number of clients (1) from your host are already connected.",
        meaning: "El FTP permite solo una conexión por usuario.",
        fix: "Cierre todos los programas Filezilla e intente nuevamente. (El sitemanager.xml de planos limita cada sitio a una conexión a la vez.)",
        note: None,
    },
    CommonError {
        number: 2,
        message: "Can't establish SSL connection",
        meaning: "No puede establecerse una conexión SSL.",
        fix: "Verifique los permisos en su firewall: puertos 20, 21 y 1900 a 2000 hacia el servidor, y el modo SSL habilitado (manual, «Aspectos técnicos de la conexión»).",
        note: None,
    },
    CommonError {
        number: 3,
        message: "530 Login incorrect",
        meaning: "No valida al usuario.",
        fix: "Este error puede ser por 2 motivos: a) La clave o el usuario son incorrectos. b) Tiene pendiente un comprobante en el sitio web que debe retirar. Una vez retirado, podrá conectarse.",
        note: Some("El motivo b) es solo para Padrón."),
    },
    CommonError {
        number: 4,
        message: "500 illegal PORT command — Error: No se pudo recuperar la lista de contenidos del Directorio",
        meaning: "El cliente intenta conectarse de modo Activo.",
        fix: "En el Filezilla, «Edición», «Configuración», «Configuración del cortafuegos», debe estar chequeada la opción «Passive Mode». (El sitemanager.xml de planos ya configura cada sitio en modo pasivo.)",
        note: None,
    },
];

/// Lower case, without accents, punctuation as spaces: what the search compares.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match planos_core::text::fold_char(c) {
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect()
}

/// The rows that match `query`: every word of it appears in the row (message, meaning or fix),
/// or the row's message (its first words) appears in it — so a line copied from FileZilla's
/// log ("Respuesta: 530 Login incorrect.") finds its row. An empty query gives every row.
pub fn search(query: &str) -> Vec<&'static CommonError> {
    let q = fold(query);
    let words: Vec<&str> = q.split_whitespace().collect();
    COMMON_ERRORS
        .iter()
        .filter(|e| {
            let all = fold(&format!(
                "{} {} {} {}",
                e.message,
                e.meaning,
                e.fix,
                e.note.unwrap_or("")
            ));
            let key: Vec<String> = fold(e.message).split_whitespace().take(4).map(String::from).collect();
            let in_query = !key.is_empty() && words.windows(key.len()).any(|w| w == key.as_slice());
            in_query || words.iter().all(|w| all.split_whitespace().any(|a| a.contains(w)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(query: &str) -> Vec<u8> {
        search(query).iter().map(|e| e.number).collect()
    }

    #[test]
    fn the_manuals_four_rows() {
        assert_eq!(numbers(""), [1, 2, 3, 4]);
        assert!(COMMON_ERRORS[2].fix.contains("comprobante"));
    }

    #[test]
    fn search_by_words_accents_or_a_pasted_log_line() {
        assert_eq!(numbers("530"), [3]);
        assert_eq!(numbers("conexion"), [1, 2]);
        assert_eq!(numbers("PASIVO"), [4]);
        assert_eq!(numbers("passive"), [4]);
        assert_eq!(numbers("Respuesta: 530 Login incorrect."), [3]);
        assert_eq!(numbers("Error: Can't establish SSL connection"), [2]);
        assert_eq!(numbers("firewall"), [2]);
        assert_eq!(numbers("zzz"), Vec::<u8>::new());
    }
}
