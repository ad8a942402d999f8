//! Total rows the sum check must read right: a percentage column is not summed, a total
//! read out of line with its columns (the sum printed in the next cell) is no error of the
//! report, and a total that is wrong is still found (`tests/fixtures/total-rows.txt`).

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use lkjip::check::check;
use lkjip::findings::{Kind, Severity};
use lkjip::report::extract;

#[test]
fn only_the_total_that_is_wrong_is_a_sum_mismatch() {
    let source = lkjip::source::read(&common::root().join("tests/fixtures/total-rows.txt")).unwrap();
    let findings = check(&extract(&source), &source);
    let sums: Vec<_> = findings.iter().filter(|f| f.kind == Kind::SumMismatch).collect();
    assert_eq!(sums.len(), 1, "{sums:#?}");
    let f = sums[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.locations[0].line, 29, "Tabel 3.3's JUMLAH");
    assert_eq!(
        (f.expected.as_deref(), f.found.as_deref(), f.delta.as_deref()),
        (Some("3000000"), Some("3100000"), Some("100000"))
    );
}

/// A subtotal read as a sibling of its own parts (`tests/fixtures/doubled-parts.txt`: an
/// urusan line over its two lines, no code or word to tell them apart) makes the parts add
/// up to twice the total: the reading is in doubt, not the report, so a warning that says so.
#[test]
fn parts_adding_up_to_twice_the_total_are_a_warning_about_the_reading() {
    let source = lkjip::source::read(&common::root().join("tests/fixtures/doubled-parts.txt")).unwrap();
    let findings = check(&extract(&source), &source);
    let sums: Vec<_> = findings.iter().filter(|f| f.kind == Kind::SumMismatch).collect();
    assert!(!sums.is_empty());
    for f in sums {
        assert_eq!(f.severity, Severity::Warning, "{f:#?}");
        assert_eq!(f.locations[0].line, 14, "the JUMLAH row");
        assert!(f.help.as_deref().unwrap().contains("2 times the total"), "{f:#?}");
    }
}
