//! Building files from lists, with the same rules the checker applies.

pub mod rnse;
pub mod smcs;
pub mod table;
