//! Argentina's entries of the findings catalogue (`planos_core::catalogue`): SSSalud's
//! "Preparar envío" and InSSSeP's dental budget.

use planos_core::catalogue::Group;
use planos_core::codes;

/// The Argentine tools' codes, as `docs/codes.md` heads them.
pub const GROUP: Group = Group {
    heading: "Argentina: SSSalud e InSSSeP",
    codes: ALL,
};

codes! {}
