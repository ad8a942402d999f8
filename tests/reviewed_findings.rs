//! The error findings on the real PDFs of `../shared/real-pdfs/`, each reviewed against the
//! page in `expected/real-pdfs/NAME.findings.json` (verdict true or false, and why). An
//! error the review does not hold, or a reviewed one that is gone, fails: the file is the
//! specification, changed only after reading the new finding on the page. A warning is a
//! finding the check is unsure of, and says why (its `help`).

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::findings::Severity;
use std::collections::BTreeSet;

mod common;

/// The reviewed errors of one PDF: (kind, message) and whether the review found it true.
fn reviewed(name: &str) -> Vec<(String, String, bool)> {
    let path = common::root().join(format!("expected/real-pdfs/{name}.findings.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let why = e["why"].as_str().unwrap_or_default();
            assert!(!why.is_empty(), "{name}: a verdict without its reason: {e}");
            (
                e["kind"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
                e["verdict"] == "true",
            )
        })
        .collect()
}

#[test]
fn every_error_on_the_real_pdfs_is_reviewed_nine_in_ten_true_and_every_warning_says_why() {
    let dir = common::shared("real-pdfs");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .into_string()
                .ok()?
                .strip_suffix(".pdf")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    assert_eq!(names.len(), 12);
    let (mut all, mut right, mut problems) = (0, 0, Vec::new());
    for name in &names {
        let (_, findings) = common::checked_real(name);
        let found: BTreeSet<(String, String)> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| (f.kind.name().to_string(), f.message.clone()))
            .collect();
        let review = reviewed(name);
        let held: BTreeSet<(String, String)> =
            review.iter().map(|(k, m, _)| (k.clone(), m.clone())).collect();
        for new in found.difference(&held) {
            problems.push(format!("{name}: error not reviewed: {new:?}"));
        }
        for gone in held.difference(&found) {
            problems.push(format!("{name}: reviewed error no longer found: {gone:?}"));
        }
        for f in findings.iter().filter(|f| f.severity == Severity::Warning) {
            if f.help.as_deref().is_none_or(str::is_empty) {
                problems.push(format!("{name}: a warning without its reason: {}", f.message));
            }
        }
        all += review.len();
        right += review.iter().filter(|(_, _, true_)| *true_).count();
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    println!("reviewed error findings on the real PDFs: {right} true of {all}");
    assert!(
        right * 10 >= all * 9,
        "{right} true of {all} errors: below nine in ten"
    );
}
