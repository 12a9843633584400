//! planos-testkit — the files tests, benches and fuzz targets are made of, one module each:
//! supervivencia queries ([`query`]), their answer archives ([`answer`]: ZIP and MD5 made here,
//! so no binary fixture is committed), denied-services reports ([`rnse`]), signed envelopes with
//! a throwaway key ([`signed`]) and the benchmark's large files ([`generate`]).
//!
//! Dev-only: no product crate depends on it, and it depends on no planos crate (planos-co's own
//! unit tests use it, so depending on planos-co or planos-core would make a cycle and a second
//! copy of their types): everything here is plain bytes and strings.

pub mod answer;
pub mod generate;
pub mod pki;
pub mod query;
pub mod rnse;
pub mod signed;

pub use answer::{
    ani, ani_record, answer_file, info, md5_b64, not_found, rcd, standard, zip, Answer, DAT, INFO, INFO_P7Z, NOT_FOUND,
    RNEC,
};
pub use query::{query, Query, QUERY};
pub use signed::sign;

/// The repository's root folder (where `tests/fixtures/` and `target/` are).
pub fn repo_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `program` with `args` (in `dir` when given): its exit status (-1 when a signal ended
/// it), stdout and stderr, which must be UTF-8.
pub fn run(program: &str, args: &[&str], dir: Option<&std::path::Path>) -> (i32, String, String) {
    let mut command = std::process::Command::new(program);
    command.args(args);
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let out = command.output().expect("the program runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}
