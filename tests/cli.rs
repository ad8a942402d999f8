//! The `lkjip` binary: outputs, exit codes and messages on bad input.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use common::{run as lkjip, scratch};
use std::path::{Path, PathBuf};

fn corpus(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn extract_writes_one_document_per_report() {
    let out = scratch("extract");
    let result = lkjip(&[
        "extract",
        &corpus("lumajang-disnaker-lkj-tw2-2023.txt"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let written = std::fs::read_to_string(out.join("lumajang-disnaker-lkj-tw2-2023.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(doc["report"]["pemerintah"], "Kabupaten Lumajang");
    assert_eq!(doc["budget_lines"][0]["anggaran"]["value"], "20000000");
}

#[test]
fn extract_to_stdout_prints_one_json_line_per_report() {
    let result = lkjip(&[
        "extract",
        &corpus("lumajang-disnaker-lkj-tw2-2023.txt"),
        &corpus("lamongan-disnaker-sakip-2024.txt"),
    ]);
    assert_eq!(result.status.code(), Some(0));
    let stdout = String::from_utf8(result.stdout).unwrap();
    let files: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]["file"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        files,
        vec![
            "lumajang-disnaker-lkj-tw2-2023.txt",
            "lamongan-disnaker-sakip-2024.txt"
        ]
    );
}

#[test]
fn bad_input_names_the_file_and_the_reason_and_exits_2() {
    let dir = scratch("bad");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, b"PK\x03\x04\0\0\x14").unwrap();
    let missing = dir.join("missing.txt");
    let good = corpus("lumajang-disnaker-lkj-tw2-2023.txt");
    let args = [
        "extract",
        empty.to_str().unwrap(),
        binary.to_str().unwrap(),
        missing.to_str().unwrap(),
        &good,
    ];
    let result = lkjip(&args);
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}: the file is empty", empty.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}:1: binary data", binary.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}: cannot read the file", missing.display())),
        "{stderr}"
    );
    // the good file is still extracted
    assert_eq!(String::from_utf8(result.stdout).unwrap().lines().count(), 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(lkjip(&["extract"]).status.code(), Some(2));
    assert_eq!(lkjip(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn cell_reads_as_json() {
    let result = lkjip(&["cell", "26.300,000", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&result.stdout).unwrap();
    assert_eq!(json["cells"][0]["value"]["quantity"]["status"], "malformed");
    assert_eq!(
        json["cells"][0]["value"]["quantity"]["readings"][1]["value"],
        "26300000"
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // 116,586 bytes of text: more than a pipe holds, so the writer meets the closed end.
    let mut child = common::lkjip()
        .args(["text", &corpus("lamongan-disnaker-lkjip-2023.txt")])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run lkjip");
    drop(child.stdout.take());
    let result = child.wait_with_output().expect("wait for lkjip");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(result.status.code(), Some(0), "{stderr}");
}

#[test]
fn synth_writes_the_same_corpus_from_the_same_seed_with_each_fault_where_truth_says() {
    let (a, b) = (scratch("synth-a"), scratch("synth-b"));
    for dir in [&a, &b] {
        let result = lkjip(&[
            "synth",
            &corpus(""),
            "-n",
            "10",
            "--faults",
            "2",
            "--seed",
            "5",
            "-o",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(
            result.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
    }
    let read = |dir: &Path, name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    assert_eq!(read(&a, "truth.jsonl"), read(&b, "truth.jsonl"));
    assert_eq!(read(&a, "reports.jsonl").lines().count(), 10);
    let truth: Vec<serde_json::Value> = read(&a, "truth.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(truth.len() >= 10, "{} faults", truth.len());
    for fault in &truth {
        let report = fault["report"].as_str().unwrap();
        let text = read(&a, &format!("reports/{report}"));
        assert_eq!(text, read(&b, &format!("reports/{report}")));
        let line = text
            .lines()
            .nth(fault["line"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let detail = fault["detail"].as_str().unwrap();
        if let Some((_, after)) = detail.split_once(" -> ") {
            assert!(
                line.contains(after),
                "{report}:{}: {line:?} lacks {after:?}",
                fault["line"]
            );
        }
    }
}
