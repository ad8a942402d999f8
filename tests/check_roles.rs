//! Column roles the arithmetic names where the header does not
//! (`tests/fixtures/unnamed-realisasi.txt`: a realisasi column headed `Terserap (Rp)`).

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use lkjip::check::check;
use lkjip::findings::{Kind, Severity};
use lkjip::model::Role;
use lkjip::report::extract;

/// The percent spent is the ratio of the unnamed column to the anggaran on two rows of
/// three: the column is the realisasi, every line carries it, and the third row's percent,
/// which fits no reading, is a warning that says how the column was read.
#[test]
fn a_column_its_percent_spent_is_of_is_read_as_the_realisasi() {
    let source = lkjip::source::read(&common::root().join("tests/fixtures/unnamed-realisasi.txt")).unwrap();
    let doc = extract(&source);
    let column = &doc.tables[0].columns[3];
    assert_eq!(
        (column.header.as_str(), column.role),
        ("Terserap (Rp)", Role::RealisasiAnggaran)
    );
    let realisasi: Vec<String> = doc
        .budget_lines
        .iter()
        .map(|b| b.realisasi.as_ref().unwrap().value.unwrap().to_string())
        .collect();
    assert_eq!(realisasi, ["18542811100", "93013848568", "143686419145"]);
    let findings = check(&doc, &source);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(
        (f.kind, f.severity, f.locations[0].line),
        (Kind::RatioMismatch, Severity::Warning, 10)
    );
    assert_eq!(
        (f.expected.as_deref(), f.found.as_deref()),
        (Some("82.53"), Some("92.53"))
    );
    assert!(f
        .help
        .as_deref()
        .unwrap()
        .contains("`Terserap (Rp)` is read as the figure this percent is of"));
}
