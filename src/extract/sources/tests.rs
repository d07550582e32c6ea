//! Tests of the source extractor. Each case names where it came from.

use super::*;
use crate::model::Seed;

fn run(text: &str) -> Vec<Source> {
    let x = crate::explain(Seed::from_text("t.txt", text), &crate::extract::Options::default());
    x.sources
}

fn names(v: &[Source]) -> Vec<String> {
    v.iter().map(|s| s.name.clone()).collect()
}

#[test]
fn said_that_and_trailing_he_said() {
    // Pattern from the seed (paragraphs 1, 6): an indirect "told Reuters that" and unquoted
    // direct speech ending in ", he said".
    let v = run("Headline here\n\nThe minister Ali Khan told Reuters that the plan was ready.\n\nWe are working on a map of the city, he said.\n");
    assert_eq!(names(&v), vec!["Ali Khan"]);
    assert_eq!(v[0].statements.len(), 2);
    assert_eq!(v[0].statements[0].kind, StatementKind::Indirect);
    assert_eq!(v[0].statements[0].text, "the plan was ready");
    assert_eq!(v[0].statements[1].kind, StatementKind::Direct);
}
