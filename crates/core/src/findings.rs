//! The findings a report keeps in full, stored compactly: a million of them cost tens of
//! megabytes, not hundreds. Each is a small record; its message, value and archive member are
//! strings kept once however often they repeat (a defect repeated on many lines usually has
//! the same message). [`Findings::get`] gives a finding back as a [`Diagnostic`].

use crate::catalogue::Code;
use crate::diagnostic::{Diagnostic, Severity};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// One kept finding; strings are indexes into [`Findings::strings`].
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    line: u64,
    code: &'static Code,
    field: Option<(u32, &'static str)>,
    severity: Severity,
    member: Option<u32>,
    message: u32,
    value: Option<u32>,
}

/// Findings in the order they were found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Findings {
    entries: Vec<Entry>,
    strings: Vec<Arc<str>>,
    index: HashMap<Arc<str>, u32>,
}

impl Findings {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.strings.len() as u32;
        let s: Arc<str> = Arc::from(s);
        self.strings.push(s.clone());
        self.index.insert(s, i);
        i
    }

    /// Keeps a finding.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        severity: Severity,
        code: &'static Code,
        line: u64,
        field: Option<(u32, &'static str)>,
        member: Option<&str>,
        message: &str,
        value: Option<&str>,
    ) {
        let entry = Entry {
            line,
            code,
            field,
            severity,
            member: member.map(|m| self.intern(m)),
            message: self.intern(message),
            value: value.map(|v| self.intern(v)),
        };
        self.entries.push(entry);
    }

    /// Keeps the `i`-th finding of `other` too.
    pub(crate) fn push_from(&mut self, other: &Findings, i: usize) {
        let Some(e) = other.entries.get(i) else {
            return;
        };
        let s = |k: u32| &*other.strings[k as usize];
        let entry = Entry {
            member: e.member.map(|k| self.intern(s(k))),
            message: self.intern(s(e.message)),
            value: e.value.map(|k| self.intern(s(k))),
            ..e.clone()
        };
        self.entries.push(entry);
    }

    /// The line of the `i`-th finding.
    pub fn line(&self, i: usize) -> Option<u64> {
        self.entries.get(i).map(|e| e.line)
    }

    /// The `i`-th finding in the order found.
    pub fn get(&self, i: usize) -> Option<Diagnostic> {
        let e = self.entries.get(i)?;
        let s = |k: u32| self.strings[k as usize].to_string();
        Some(Diagnostic {
            severity: e.severity,
            code: Cow::Borrowed(e.code.code),
            title: Cow::Borrowed(e.code.title),
            line: e.line,
            column: None,
            field: e.field.map(|(no, _)| no),
            member: e.member.map(s),
            message: s(e.message),
            field_name: e.field.map(|(_, name)| Cow::Borrowed(name)),
            value: e.value.map(s),
        })
    }

    /// Positions of the first `n` findings found, in reading order: by line, then field. Stable,
    /// so within a line the order found stays (cross-record findings such as totals are found
    /// last but belong to their line).
    pub fn reading_order(&self, n: usize) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.entries.len().min(n) as u32).collect();
        order.sort_by_key(|&i| {
            let e = &self.entries[i as usize];
            (e.line, e.field.map(|(no, _)| no))
        });
        order
    }

    /// The code and severity of the `i`-th finding, for filtering without building it.
    pub fn kind(&self, i: usize) -> Option<(&'static str, Severity)> {
        self.entries.get(i).map(|e| (e.code.code, e.severity))
    }

    /// The catalogue entry of the `i`-th finding.
    pub fn code(&self, i: usize) -> Option<&'static Code> {
        self.entries.get(i).map(|e| e.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{CAMPO_VALOR, REGISTRO_CAMPOS};

    #[test]
    fn strings_are_kept_once_and_findings_come_back_whole() {
        let mut f = Findings::default();
        for line in [5, 3, 5] {
            f.push(
                Severity::Error,
                &CAMPO_VALOR,
                line,
                Some((2, "Campo")),
                Some("M.TXT"),
                "igual",
                Some("v"),
            );
        }
        f.push(Severity::Warning, &REGISTRO_CAMPOS, 3, None, None, "otro", None);
        assert_eq!(
            (f.len(), f.strings.len()),
            (4, 4),
            "M.TXT, igual, v and otro, each once"
        );
        let d = f.get(3).unwrap();
        assert_eq!(
            (d.code.as_ref(), d.title.as_ref(), d.line, d.field, d.member, d.value),
            ("REGISTRO-CAMPOS", REGISTRO_CAMPOS.title, 3, None, None, None)
        );
        let d = f.get(0).unwrap();
        assert_eq!(
            (d.field_name.as_deref(), d.member.as_deref(), d.message.as_str()),
            (Some("Campo"), Some("M.TXT"), "igual")
        );
        // Reading order: by line, then field (none first), stable among equals.
        assert_eq!(f.reading_order(usize::MAX), [3, 1, 0, 2]);
        assert_eq!(f.reading_order(2), [1, 0], "only the first two found");
        assert_eq!(f.kind(3), Some(("REGISTRO-CAMPOS", Severity::Warning)));
        assert_eq!(f.code(0), Some(&CAMPO_VALOR));
        assert!(f.get(4).is_none());
    }
}
