//! A finding as the report lists it: [`Diagnostic`], and its [`Severity`].

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The regulator's platform would reject the file.
    Error,
    /// Suspicious, but not a reason for rejection.
    Warning,
    /// Something planos cannot check, to verify by hand (SSSalud's "Preparar envío" only);
    /// counted with the warnings where a report counts.
    Note,
}

/// One finding. `line` is the 1-based physical line (0 for the file name or the whole file);
/// `field` is the field number as the annex's "No" column numbers it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Cow<'static, str>,
    /// The catalogue's title of the code, for people ([`crate::catalogue::Code::title`]).
    #[serde(default)]
    pub title: Cow<'static, str>,
    pub line: u64,
    /// The 1-based column, for the findings that have one (an XML file's first error); never
    /// in a checked file's report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    pub field: Option<u32>,
    pub member: Option<String>,
    pub message: String,
    /// The annex's name of the field, when there is a field.
    pub field_name: Option<Cow<'static, str>>,
    /// The value found, as the user would see it (shortened when very long).
    pub value: Option<String>,
}
