//! planos-ar — Argentina: SSSalud's FTP data exchange ([`sssalud`]) and InSSSeP's dental
//! budget ([`dental`]).

pub mod catalogue;
pub mod codes;
pub mod dental;
pub mod sssalud;
