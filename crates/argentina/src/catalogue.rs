//! The whole findings catalogue: the generic checks' codes (`planos_core::catalogue`),
//! Colombia's (`planos_co::codes`) and Argentina's ([`crate::codes`]), group by group.
//!
//! It lives here because planos-ar is the one library crate that sees the three groups (it
//! depends on planos-co, which depends on planos-core): the CLI and the page look a code's
//! title up with [`get`]. `docs/codes.md` is [`markdown`]'s output; a unit test keeps it current
//! (`PLANOS_BLESS=1 cargo test -p planos-ar catalogue` rewrites it), another fails on a
//! code-shaped string literal of `crates/*/src` that is not catalogued, or an entry no source
//! names.

use planos_core::catalogue::{Code, Group};

/// The groups, in the order `docs/codes.md` gives them.
pub(crate) static GROUPS: [&Group; 3] = [
    &planos_core::catalogue::GROUP,
    &planos_co::codes::GROUP,
    &crate::codes::GROUP,
];

/// Every code of the catalogue, group by group.
pub fn all() -> impl Iterator<Item = &'static Code> {
    GROUPS.iter().flat_map(|g| g.codes.iter().copied())
}

/// The catalogue's entry for `code`.
pub fn get(code: &str) -> Option<&'static Code> {
    GROUPS.iter().find_map(|g| g.get(code))
}

/// The title of `code` for people; the code itself when it is not catalogued.
pub fn title(code: &str) -> &str {
    get(code).map_or(code, |c| c.title)
}

/// `docs/codes.md`.
pub fn markdown() -> String {
    planos_core::catalogue::markdown(
        &GROUPS,
        "crates/argentina/src/catalogue.rs: PLANOS_BLESS=1 cargo test -p planos-ar catalogue",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use planos_core::report::Severity;
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    /// Code-shaped string literals of `crates/*/src` that are not finding codes.
    const NOT_CODES: &[&str] = &[
        // Encoding names (XML declarations of the workbooks, SSSalud's XML check).
        "UTF-8",
        "UTF-16LE",
        // An SSSalud `.err` error code in a test of its reader: the regulator's, not planos'.
        "ERR-12",
        // Member names of a supervivencia answer (the ZIP reader's test, the test fixtures).
        "SMC014-1820150601RNEC",
        "SMC014-1820150601MSPSNO",
    ];

    /// The files that define the catalogue: their literals and constants are its entries.
    const CATALOGUE_FILES: &[&str] = &[
        "core/src/catalogue.rs",
        "colombia/src/codes.rs",
        "argentina/src/codes.rs",
        "argentina/src/catalogue.rs",
    ];

    /// `crates/`, from this crate's folder.
    fn crates_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") && !CATALOGUE_FILES.iter().any(|c| path.ends_with(c))
            {
                out.push(path);
            }
        }
    }

    /// Every `.rs` file of `crates/*/src` but the catalogue's, with its text.
    fn sources() -> Vec<(PathBuf, String)> {
        let mut files = Vec::new();
        let mut crates: Vec<PathBuf> = std::fs::read_dir(crates_dir())
            .expect("crates/")
            .map(|e| e.expect("directory entry").path().join("src"))
            .filter(|p| p.is_dir())
            .collect();
        crates.sort();
        assert!(crates.len() >= 5, "too few crates: {crates:?}");
        for src in crates {
            rust_files(&src, &mut files);
        }
        assert!(files.len() > 40, "too few sources under crates/*/src");
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
                (p, text)
            })
            .collect()
    }

    /// `[A-Z][A-Z0-9]+(-[A-Z0-9]+)+`: what a finding code looks like.
    fn code_shaped(s: &str) -> bool {
        let mut parts = s.split('-');
        let first = parts.next().unwrap_or_default();
        let part_ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        first.len() >= 2
            && first.as_bytes()[0].is_ascii_uppercase()
            && part_ok(first)
            && s.contains('-')
            && parts.all(part_ok)
    }

    /// Every `"…"` in `text` whose whole content is code-shaped, wherever it is: an emission
    /// site that went back to a string, a table, a test.
    fn code_literals(text: &str) -> Vec<&str> {
        text.match_indices('"')
            .filter_map(|(i, _)| {
                let rest = &text[i + 1..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'))
                    .unwrap_or(rest.len());
                (rest[end..].starts_with('"') && code_shaped(&rest[..end])).then(|| &rest[..end])
            })
            .collect()
    }

    /// Whether `text` holds `word` as a whole identifier.
    fn has_identifier(text: &str, word: &str) -> bool {
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        text.match_indices(word)
            .any(|(i, _)| !ident(text[..i].chars().next_back()) && !ident(text[i + word.len()..].chars().next()))
    }

    /// An entry's constant, as `codes!` makes sure it is named.
    fn constant(c: &Code) -> String {
        c.code.replace('-', "_")
    }

    #[test]
    fn code_shape() {
        assert!(code_shaped("SMCS-CTL-TOTAL") && code_shaped("RNSE-CIE10") && code_shaped("UTF-8"));
        assert!(!code_shaped("SMCS") && !code_shaped("A-B") && !code_shaped("AB-") && !code_shaped("AB-c"));
        assert!(!code_shaped("1A-B") && !code_shaped("AB--C"));
        let text = r#"sink.emit("CAMPO-VALOR", at); x = "a" "B-C"; "AAAA-MM-DD" "ab-CD""#;
        assert_eq!(code_literals(text), ["CAMPO-VALOR", "AAAA-MM-DD"]);
        assert!(has_identifier("codes::SMCS_CTL_TOTAL.code", "SMCS_CTL_TOTAL"));
        assert!(!has_identifier("SMCS_CTL_TOTAL_X", "SMCS_CTL_TOTAL"));
    }

    /// Findings name their entries (`Sink::emit(&codes::X, …)`), so the compiler checks that
    /// every entry they name exists; this keeps code strings from coming back beside them: any
    /// code-shaped literal of `crates/*/src` is a catalogued code or listed in [`NOT_CODES`].
    #[test]
    fn every_emitted_code_is_catalogued() {
        let mut missing = BTreeSet::new();
        for (path, text) in sources() {
            for code in code_literals(&text) {
                if get(code).is_none() && !NOT_CODES.contains(&code) {
                    missing.insert(format!("{code} ({})", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "not catalogued:\n{}",
            missing.into_iter().collect::<Vec<_>>().join("\n")
        );
    }

    /// The other way round: an entry whose constant no source names is stale.
    #[test]
    fn every_catalogued_code_is_emitted() {
        let sources = sources();
        let stale: Vec<&str> = all()
            .filter(|c| !sources.iter().any(|(_, text)| has_identifier(text, &constant(c))))
            .map(|c| c.code)
            .collect();
        assert!(stale.is_empty(), "catalogued but never emitted: {stale:?}");
        for c in NOT_CODES {
            assert!(get(c).is_none(), "{c} is both a code and not one");
        }
    }

    #[test]
    fn codes_are_unique() {
        let mut seen = BTreeSet::new();
        for c in all() {
            assert!(seen.insert(c.code), "{} is catalogued twice", c.code);
        }
        assert_eq!(get("SMCS-CTL-TOTAL"), Some(&planos_co::codes::SMCS_CTL_TOTAL));
        assert_eq!(get("TEXTO-BOM").map(|c| c.severity), Some(Severity::Error));
        assert_eq!(get("NO-EXISTE"), None);
        assert_eq!(title("CAMPO-VALOR"), "Valor no permitido en el campo");
        assert_eq!(title("NO-EXISTE"), "NO-EXISTE");
    }

    #[test]
    fn entries_are_written_for_people() {
        for c in all() {
            let chars = c.title.chars().count();
            assert!((1..=60).contains(&chars), "{}: title of {chars} characters", c.code);
            assert!(!c.title.ends_with('.'), "{}: a title has no final period", c.code);
            assert!(c.explanation.ends_with('.'), "{}: an explanation is sentences", c.code);
            assert!(c.explanation.chars().count() >= 60, "{}: explanation too short", c.code);
            assert!(
                !c.section.is_empty() && !c.section.ends_with('.'),
                "{}: section",
                c.code
            );
            for text in [c.title, c.explanation, c.section] {
                assert!(
                    !text.contains(['|', '*', '`', '\n']),
                    "{}: markdown in {text:?}",
                    c.code
                );
                assert_eq!(text.trim(), text, "{}: spaces around {text:?}", c.code);
                assert!(!text.contains("  "), "{}: double space in {text:?}", c.code);
            }
        }
    }

    /// `PLANOS_BLESS=1 cargo test -p planos-ar catalogue` rewrites `docs/codes.md`.
    #[test]
    fn docs_codes_md_is_current() {
        let path = crates_dir().join("../docs/codes.md");
        let want = markdown();
        if std::env::var_os("PLANOS_BLESS").is_some_and(|v| v == "1") {
            std::fs::write(&path, &want).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            return;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/codes.md is stale: PLANOS_BLESS=1 cargo test -p planos-ar catalogue rewrites it"
        );
    }
}
