//! Amounts of the prose printed in no number format, each reported with its reading
//! (`tests/fixtures/prose-malformed.txt`).

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::check::check;
use lkjip::findings::{Kind, Severity};
use lkjip::report::extract;

mod common;

/// `Rp 48. 592.221.203,-` (a stray space) reads as the 48.592.221.203 its table prints;
/// `Rp 163.305..000,-` (a separator typed twice) as 163.305.000. Both warnings, at their
/// line and column.
#[test]
fn a_malformed_prose_amount_is_reported_with_its_likely_reading() {
    let source = lkjip::source::read(&common::root().join("tests/fixtures/prose-malformed.txt")).unwrap();
    let findings = check(&extract(&source), &source);
    let malformed: Vec<_> = findings
        .iter()
        .filter(|f| f.kind == Kind::MalformedNumber)
        .collect();
    assert_eq!(malformed.len(), 2, "{findings:#?}");
    let spaced = malformed[0];
    assert_eq!(spaced.severity, Severity::Warning);
    assert_eq!(
        (spaced.locations[0].line, spaced.locations[0].column),
        (8, Some(55))
    );
    assert_eq!(spaced.found.as_deref(), Some("48. 592.221.203"));
    assert_eq!(spaced.expected.as_deref(), Some("48592221203"));
    assert!(spaced
        .help
        .as_deref()
        .unwrap()
        .contains("a table prints 48.592.221.203"));
    let doubled = malformed[1];
    assert_eq!(doubled.locations[0].line, 9);
    assert_eq!(doubled.help.as_deref(), Some("print 163.305.000"));
}
