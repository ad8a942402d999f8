//! The reviewed canonical documents in `expected/` and the committed JSON Schema: any change
//! of output shows up here as a diff to review against the source report.
//!
//! After reading such a diff and judging the new output right, rewrite the files with
//! `LKJIP_BLESS=1 cargo test --test golden`.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::check::check;
use lkjip::report::{extract, extract_file, schema};
use lkjip::source::read;
mod common;

use common::root;
use std::path::Path;

/// Compares `actual` with the file at `path`, or rewrites the file when blessing.
fn compare(path: &Path, actual: &str) {
    if std::env::var_os("LKJIP_BLESS").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; create it with LKJIP_BLESS=1 after review",
            path.display()
        )
    });
    if expected == actual {
        return;
    }
    let (n, (want, got)) = expected
        .lines()
        .chain(std::iter::repeat(""))
        .zip(actual.lines().chain(std::iter::repeat("")))
        .enumerate()
        .find(|(_, (a, b))| a != b)
        .expect("the texts differ somewhere");
    panic!("{} differs at line {}:\n  expected: {want}\n  actual:   {got}\n(review, then LKJIP_BLESS=1 cargo test --test golden)", path.display(), n + 1);
}

/// The canonical document and the findings of one corpus report.
fn golden(report: &str) {
    let path = root().join("corpus").join(report);
    let doc = extract_file(&path).unwrap();
    let stem = report.trim_end_matches(".txt");
    let document = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    compare(&root().join("expected").join(format!("{stem}.json")), &document);
    let source = read(&path).unwrap();
    let findings = check(&extract(&source), &source);
    let json = serde_json::json!({ "source": format!("corpus/{report}"), "discrepancies": findings });
    compare(
        &root().join("expected").join(format!("{stem}.findings.json")),
        &(serde_json::to_string_pretty(&json).unwrap() + "\n"),
    );
}

#[test]
fn blitar() {
    golden("blitar-disnaker-lkjip-2022.txt");
}

#[test]
fn lamongan() {
    golden("lamongan-disnaker-lkjip-2023.txt");
}

#[test]
fn lamongan_sakip_deck() {
    golden("lamongan-disnaker-sakip-2024.txt");
}

#[test]
fn lumajang() {
    golden("lumajang-disnaker-lkj-tw2-2023.txt");
}

#[test]
fn sampang() {
    golden("sampang-disnaker-lkjip-2023.txt");
}

#[test]
fn json_schema_is_committed() {
    let text = serde_json::to_string_pretty(&schema()).unwrap() + "\n";
    compare(&root().join("schema").join("report.schema.json"), &text);
}
