//! Builds the denied-services report (Res. 3539/2019, anexo técnico) from a list with one row
//! per denied service and a row of titles: the user says which column holds each detail field
//! (b.2, fields 3 to 22); planos writes the control record (b.1) with the total, the
//! consecutive numbers and the entity code (b.2 fields 1 and 2), and the name from the NIT and
//! the cut date (literal a). Values get only the changes that cannot alter their meaning (case,
//! accents, spaces, date layout, Excel's lost leading zero of a municipality); then the file is
//! checked with planos' own checker, and each error is told by the list's row.

use super::table::{fold, Table};
use crate::formats::rnse::v3539::{NAME, RECORDS, SOURCE};
use chrono::{Datelike, NaiveDate};
use planos_core::report::{Diagnostic, Severity};
use planos_core::rules::cite;

/// Detail fields the list gives (b.2): 0 (record type), 1 (consecutive) and 2 (entity code)
/// are planos' to write.
pub const FIRST_MAPPED: usize = 3;
/// Fields of a detail record.
pub const FIELDS: usize = 23;
/// Rows of each list an outcome carries in full.
const LISTED: usize = 1000;

/// What the user fills in: the entity and the period.
#[derive(Debug, Clone)]
pub struct Header {
    /// NIT without the check digit.
    pub nit: String,
    /// The EPS code (b.1 field 3), also each detail's field 2.
    pub eps: String,
    pub start: NaiveDate,
    /// The end of the period: the cut date of the name.
    pub end: NaiveDate,
    /// RC or RS (b.1 field 7).
    pub regimen: String,
}

/// The annex's name of detail field `no`.
pub fn field_name(no: usize) -> &'static str {
    RECORDS[1].fields.get(no).map_or("", |f| f.name)
}

/// Whether detail field `no` must have a value.
pub fn required(no: usize) -> bool {
    RECORDS[1].fields.get(no).is_some_and(|f| f.required)
}

/// Words in a column's title that say which field it holds, when it is not the annex's name:
/// each alternative lists fragments that must all be in the title (folded: lower case, no
/// accents or spaces).
const TITLES: [&[&[&str]]; FIELDS] = [
    &[],
    &[],
    &[],
    &[&["tipo", "prestador"]],
    &[&["prestador", "numero"], &["prestador", "nit"], &["nitprestador"]],
    &[&["habilitacion"]],
    &[&["municipio"], &["divipola"]],
    &[
        &["tipo", "usuario"],
        &["tipo", "afiliado"],
        &["tipo", "paciente"],
        &["tipodoc"],
    ],
    &[
        &["documento", "usuario"],
        &["documento", "afiliado"],
        &["documento", "paciente"],
        &["numerodoc"],
    ],
    &[&["regimen"]],
    &[&["sexo"]],
    &[&["nacimiento"]],
    &[&["ambito"]],
    &[&["principal"], &["diagnostico"], &["cie10"]],
    &[&["relacionado1"]],
    &[&["relacionado2"]],
    &[&["tipo", "servicio"]],
    &[&["codigo", "servicio"], &["tecnologia"], &["cups"]],
    &[&["tipo", "medicamento"]],
    &[&["dispositivo"]],
    &[&["prestacion"]],
    &[&["causa"]],
    &[&["otros"], &["razon"], &["motivo"]],
];

/// The column of each detail field, by the titles of the list's first row: the annex's own
/// name first, then the usual words. A column serves one field only.
pub fn guess_mapping(table: &Table) -> Vec<Option<usize>> {
    let titles: Vec<String> = (0..table.width()).map(|c| fold(table.cell(0, c))).collect();
    let mut mapping = vec![None; FIELDS];
    let mut used = vec![false; titles.len()];
    let mut take = |no: usize, found: &dyn Fn(&str) -> bool, mapping: &mut Vec<Option<usize>>| {
        if mapping[no].is_none() {
            if let Some(c) = (0..titles.len()).find(|&c| !used[c] && !titles[c].is_empty() && found(&titles[c])) {
                used[c] = true;
                mapping[no] = Some(c);
            }
        }
    };
    for no in FIRST_MAPPED..FIELDS {
        let name = fold(field_name(no));
        take(no, &|t| t == name, &mut mapping);
    }
    for (no, words) in TITLES.iter().enumerate().skip(FIRST_MAPPED) {
        let found = |t: &str| words.iter().any(|all| all.iter().all(|w| t.contains(w)));
        take(no, &found, &mut mapping);
    }
    mapping
}

/// A row of the list left out or to fix: its row, and the annex's complaints about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub row: usize,
    pub reasons: Vec<String>,
}

/// What the build made, and everything said about the rows.
#[derive(Debug, Clone, Default)]
pub struct Built {
    /// The file's name and bytes; `None` while the header is wrong, a required field has no
    /// column, or rows have errors the user did not choose to leave out.
    pub file: Option<(String, Vec<u8>)>,
    /// Problems with what the user filled in or chose, one sentence each.
    pub header: Vec<String>,
    /// Detail records written.
    pub records: usize,
    /// Rows with errors (the first [`LISTED`]), and how many in all.
    pub refused: Vec<Refused>,
    pub refused_count: usize,
    /// Warnings of the check (values missing from a reference table), by row; the first [`LISTED`].
    pub warnings: Vec<(usize, String)>,
    pub warning_count: usize,
    /// Safe changes made to the values: what, and how many.
    pub changes: Vec<(String, usize)>,
    /// What the list suggests it means other than the annex does, one sentence each (a sex
    /// column that writes F: in this annex M is *mujer*).
    pub cautions: Vec<String>,
}

/// The header as the annex wants it; each problem a sentence.
fn check_header(h: &Header, mapping: &[Option<usize>]) -> (String, String, Vec<String>) {
    let mut problems = Vec::new();
    let nit = super::check_nit(&h.nit, SOURCE, "b.1", &mut problems);
    let eps = h.eps.trim().to_uppercase();
    if eps.is_empty() || eps.chars().count() > 6 || !eps.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        problems.push(format!(
            "El código de la EPS «{}» debe tener hasta 6 letras o dígitos (por ejemplo EPS001) {}.",
            h.eps,
            cite(SOURCE, "b.1")
        ));
    }
    super::check_period(h.start, h.end, &mut problems);
    if h.end.succ_opt().is_some_and(|next| next.month() == h.end.month()) {
        problems.push(format!(
            "La fecha final del período ({}) es la fecha de corte del nombre: debe ser el último día del mes {}.",
            h.end,
            cite(SOURCE, "a")
        ));
    }
    if !matches!(h.regimen.as_str(), "RC" | "RS") {
        problems.push(format!(
            "Elija el régimen de la entidad: RC o RS {}.",
            cite(SOURCE, "b.1")
        ));
    }
    for no in (FIRST_MAPPED..FIELDS).filter(|&no| required(no) && mapping.get(no).copied().flatten().is_none()) {
        problems.push(format!(
            "Elija la columna del campo {no}, «{}»: es obligatorio {}.",
            field_name(no),
            cite(SOURCE, "b.2")
        ));
    }
    (nit, eps, problems)
}

/// Counts the safe changes made to a row's values, one count per [`CHANGE_LABELS`].
#[derive(Default, Clone, Copy)]
struct Changes([u8; 4]);

/// A row of the list as a detail record: its row (1-based), fields 3…22, what was changed.
struct Detail {
    row: usize,
    fields: Vec<String>,
    changes: Changes,
}

const CHANGE_LABELS: [&str; 4] = [
    "Mayúsculas, sin tildes ni espacios sobrantes",
    "Fechas escritas como AAAA-MM-DD",
    "Código de municipio completado con el cero inicial que Excel quita",
    "Separadores de miles quitados de números",
];

/// A date as the annex writes it (AAAA-MM-DD), from what spreadsheets show: AAAA-MM-DD,
/// DD/MM/AAAA, AAAA/MM/DD or AAAAMMDD. Anything else stays as it is, for the check to refuse.
fn annex_date(v: &str) -> Option<String> {
    planos_core::rules::parse_sheet_date(v).map(|d| d.to_string())
}

/// One value made safe for the field: trimmed, upper case, no accents; dates, municipality
/// and numbers written as the annex wants.
fn value(no: usize, raw: &str, changes: &mut Changes) -> String {
    let mut v: String = raw
        .trim()
        .chars()
        .map(planos_core::text::plain)
        .collect::<String>()
        .to_uppercase();
    if v != raw {
        changes.0[0] = changes.0[0].saturating_add(1);
    }
    if matches!(no, 11) {
        if let Some(d) = annex_date(&v).filter(|d| *d != v) {
            changes.0[1] = changes.0[1].saturating_add(1);
            v = d;
        }
    }
    if no == 6 && v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()) {
        changes.0[2] = changes.0[2].saturating_add(1);
        v.insert(0, '0');
    }
    if no == 4 && v.contains(['.', ',']) && v.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        changes.0[3] = changes.0[3].saturating_add(1);
        v.retain(|c| c.is_ascii_digit());
    }
    v
}

/// A sex column that holds F (femenino) may write M for *masculino*; in this annex M is
/// *mujer* and H *hombre* (b.2, field 10), so such a list would report men as women.
fn cautions(table: &Table, mapping: &[Option<usize>]) -> Vec<String> {
    let Some(column) = mapping.get(10).copied().flatten() else {
        return Vec::new();
    };
    let f = (1..table.len())
        .filter(|&i| table.cell(i, column).trim().eq_ignore_ascii_case("F"))
        .count() as u64;
    if f == 0 {
        return Vec::new();
    }
    vec![format!(
        "La columna de sexo trae «F» en {}: en este anexo M significa mujer y H hombre (Res. 3539/2019, anexo técnico, numeral b.2, campo 10). Si su lista escribe M para masculino y F para femenino, cámbiela antes de construir: así como está, los hombres quedarían reportados como mujeres.",
        planos_core::report::plural(f, "fila", "filas")
    )]
}

/// Builds the report from `table` (a first row of titles, then one denied service a row), with
/// detail field `no` taken from column `mapping[no]`. With `drop_refused`, rows with errors are
/// left out (and the rest renumbered); otherwise they are listed and nothing is built.
pub fn build(header: &Header, table: &Table, mapping: &[Option<usize>], drop_refused: bool) -> Built {
    let (nit, eps, problems) = check_header(header, mapping);
    let mut built = Built {
        header: problems,
        ..Built::default()
    };
    if !built.header.is_empty() {
        return built;
    }
    built.cautions = cautions(table, mapping);
    let mut details: Vec<Detail> = Vec::with_capacity(table.len());
    for i in 1..table.len() {
        if table.row(i).all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut changes = Changes::default();
        let fields = (FIRST_MAPPED..FIELDS)
            .map(|no| match mapping.get(no).copied().flatten() {
                Some(c) => value(no, table.cell(i, c), &mut changes),
                None => String::new(),
            })
            .collect();
        details.push(Detail {
            row: i + 1,
            fields,
            changes,
        });
    }
    let end = planos_core::rules::date8(header.end);
    let Some(name) = NAME.render(&[&end, &nit]) else {
        built.header.push(format!(
            "La fecha final {end} no cabe en el nombre del archivo (AAAAMMDD)."
        ));
        return built;
    };
    loop {
        let bytes = write(header, &nit, &eps, &details);
        let report = crate::check_bytes(&name, &bytes, usize::MAX);
        // Line 1 is the control record; line k + 1 is detail k.
        let row_of = |d: &Diagnostic| {
            (d.line as usize)
                .checked_sub(2)
                .and_then(|k| details.get(k))
                .map(|d| d.row)
        };
        let mut bad: Vec<Refused> = Vec::new();
        let (mut warnings, mut warning_count) = (Vec::new(), 0);
        for d in &report.errors {
            let Some(row) = row_of(d) else {
                built.header.push(d.message.clone());
                continue;
            };
            if d.severity == Severity::Warning {
                warning_count += 1;
                if warnings.len() < LISTED {
                    warnings.push((row, d.message.clone()));
                }
                continue;
            }
            bad.push(Refused {
                row,
                reasons: vec![d.message.clone()],
            });
        }
        if !built.header.is_empty() {
            return built;
        }
        // One entry per row, its reasons in the order they were found.
        bad.sort_by_key(|r| r.row);
        bad.dedup_by(|b, a| {
            let same = a.row == b.row;
            if same {
                a.reasons.append(&mut b.reasons);
            }
            same
        });
        if bad.is_empty() {
            built.records = details.len();
            built.changes = changes_made(&details);
            built.warnings = warnings;
            built.warning_count = warning_count;
            if !details.is_empty() {
                built.file = Some((name, bytes));
            }
            return built;
        }
        built.refused_count += bad.len();
        let room = LISTED.saturating_sub(built.refused.len());
        let rows: std::collections::HashSet<usize> = bad.iter().map(|r| r.row).collect();
        built.refused.extend(bad.into_iter().take(room));
        if !drop_refused {
            built.records = details.len();
            built.changes = changes_made(&details);
            return built;
        }
        // Errors are of one row each (the cross-record rules are planos' to keep), so once the
        // refused rows are out the next check finds none; the loop ends then.
        details.retain(|d| !rows.contains(&d.row));
    }
}

/// The safe changes made to the rows written: what, and how many values.
fn changes_made(details: &[Detail]) -> Vec<(String, usize)> {
    CHANGE_LABELS
        .iter()
        .enumerate()
        .map(|(i, label)| {
            (
                label.to_string(),
                details.iter().map(|d| usize::from(d.changes.0[i])).sum(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// The file: control record, then the details numbered from 1, pipe-separated, CRLF.
fn write(h: &Header, nit: &str, eps: &str, details: &[Detail]) -> Vec<u8> {
    let mut text = format!(
        "1|NI|{nit}|{eps}|{}|{}|{}|{}\r\n",
        h.start,
        h.end,
        details.len(),
        h.regimen
    );
    for (k, Detail { fields, .. }) in details.iter().enumerate() {
        text.push_str(&format!("2|{}|{eps}|", k + 1));
        text.push_str(&fields.join("|"));
        text.push_str("\r\n");
    }
    // Plain ASCII after `value`, but for characters the check refuses: Windows-1252 as the annex asks.
    planos_core::text::to_ansi(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_values_are_made_safe() {
        let mut c = Changes::default();
        assert_eq!(value(11, " 31/01/1980 ", &mut c), "1980-01-31");
        assert_eq!(value(6, "5001", &mut c), "05001");
        assert_eq!(value(4, "860.999.123", &mut c), "860999123");
        assert_eq!(value(22, "Más de una razón", &mut c), "MAS DE UNA RAZON");
        assert_eq!(c.0, [2, 1, 1, 1]);
        assert_eq!(annex_date("1980-02-30"), None);
    }
}
