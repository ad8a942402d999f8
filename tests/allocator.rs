//! The binary's allocator (mimalloc) lets the process exit without collecting its heaps
//! first (`destroy_on_exit` at 2): no work at exit, and nothing of the output lost.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use common::lkjip;

/// mimalloc, asked to be verbose, says so as it starts and says `process done` when its
/// exit handler runs to the end: the option set by its number in `mimalloc.h` is the one
/// that handler returns on.
#[test]
fn the_process_exits_without_the_allocator_collecting_and_prints_everything() {
    let out = lkjip()
        .args(["cell", "1", "94,54%"])
        .env("MIMALLOC_VERBOSE", "1")
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr.contains("mimalloc: "),
        "the allocator is mimalloc: {stderr}"
    );
    assert!(!stderr.contains("process done"), "{stderr}");
    assert_eq!(
        stdout,
        "\"1\" → 1 (plain digits)\n\"94,54%\" → 94.54%, 2 decimals (Indonesian: . thousands, , decimals)\n"
    );

    let report = lkjip()
        .args(["extract", "corpus/lumajang-disnaker-lkj-tw2-2023.txt"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let lines = doc["budget_lines"].as_array().unwrap();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[1]["line"], 54);
    assert_eq!(lines[1]["anggaran"]["value"], "6300000");
}
