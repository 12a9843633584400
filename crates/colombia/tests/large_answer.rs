//! A query of 2,000,000 people and its answer archive, written for the browser test that needs
//! the compact people of a large answer (tests/e2e/answer-large.test.mjs), with what its answer
//! says of them (`expected.json`): the test holds the page's counts, search and downloads to it.

use planos_testkit::generate::answer_with_outcomes;
use planos_testkit::{repo_root, DAT, QUERY};

/// People in the large answer.
const PEOPLE: usize = 2_000_000;

#[test]
fn write_the_large_answer_for_the_browser_test() {
    let dir = repo_root().join("target").join("e2e-fixtures").join("respuesta-2m");
    std::fs::create_dir_all(&dir).unwrap();
    let (query, answer, o) = answer_with_outcomes(PEOPLE);
    assert_eq!(o.rcd + o.ani + o.not_found, PEOPLE);
    assert!(o.rcd > 0 && o.ani_deceased > 0 && o.not_found > 0);
    std::fs::write(dir.join(QUERY), &query).unwrap();
    std::fs::write(dir.join(DAT), &answer).unwrap();
    let expected = serde_json::json!({
        "query": QUERY,
        "answer": DAT,
        "consulted": PEOPLE,
        "rcd": o.rcd,
        "ani": o.ani,
        "ani_deceased": o.ani_deceased,
        "not_found": o.not_found,
        "first_rcd": o.first_rcd,
        "first_ani_deceased": o.first_ani_deceased,
    });
    std::fs::write(dir.join("expected.json"), expected.to_string()).unwrap();
}
