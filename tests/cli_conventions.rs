//! The command line follows the conventions of its kind: colour on request (`--color`,
//! `NO_COLOR`), `-q` silent but for errors, `-` for standard input, directories and
//! patterns wherever reports are taken, files that are no report listed as skipped,
//! `explain`, help examples kept line by line, shell completions.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use common::{lkjip, run, scratch};
use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

const LUMAJANG: &str = "corpus/lumajang-disnaker-lkj-tw2-2023.txt";
const SAMPANG: &str = "corpus/sampang-disnaker-lkjip-2023.txt";
const LAMONGAN_DECK: &str = "corpus/lamongan-disnaker-sakip-2024.txt";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs lkjip with `input` on its standard input.
fn piped(args: &[&str], input: &[u8]) -> Output {
    let mut child = lkjip()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// The reports `check --format json` printed, by source.
fn checked_sources(output: &Output) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_string())
        .collect()
}

/// An analyst's folder: two reports, a README, a Word file, a workbook and a web page.
fn analyst_folder(dir: &Path) -> std::path::PathBuf {
    let folder = dir.join("laporan");
    std::fs::create_dir_all(&folder).unwrap();
    for report in [LUMAJANG, SAMPANG] {
        let name = Path::new(report).file_name().unwrap();
        std::fs::copy(common::root().join(report), folder.join(name)).unwrap();
    }
    std::fs::write(
        folder.join("README.md"),
        "# Laporan kinerja 2023\n\nDiunduh dari portal e-SAKIP pada 1 Desember.\n",
    )
    .unwrap();
    std::fs::write(folder.join("catatan.docx"), b"PK\x03\x04 word").unwrap();
    std::fs::write(folder.join("rekap.xlsx"), b"PK\x03\x04 sheet").unwrap();
    std::fs::write(folder.join("index.html"), "<html><body>daftar</body></html>").unwrap();
    folder
}

#[test]
fn an_import_of_an_analysts_folder_lists_what_is_no_report_as_skipped_and_exits_0() {
    let dir = scratch("folder");
    let folder = analyst_folder(&dir);
    let out = dir.join("out");
    let result = run(&["import", folder.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let stdout = text(&result.stdout);
    assert_eq!(result.status.code(), Some(0), "{stdout}{}", text(&result.stderr));
    assert!(stdout.starts_with("imported 2 reports from 2 files"), "{stdout}");
    let line = |name: &str| {
        stdout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not listed: {stdout}"))
            .trim()
            .to_string()
    };
    assert_eq!(
        line("README.md"),
        format!(
            "skipped: {}: not a report: no table, indicator or budget line in its text",
            folder.join("README.md").display()
        )
    );
    assert!(line("catatan.docx").ends_with("not a report file (a word-processor document, .docx); lkjip reads PDFs and text dumps (.pdf, .txt, .md)"));
    assert!(line("rekap.xlsx").contains("(a spreadsheet, .xlsx)"));
    assert!(line("index.html").contains("(a web page, .html)"));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["counts"]["files"], 2);
    assert_eq!(summary["counts"]["failed"], 0);
    let skipped: Vec<&str> = summary["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, ["not_a_report"; 4]);
    // the same folder through check and extract: the same two reports, the rest noted
    let checked = run(&["check", folder.to_str().unwrap(), "--format", "json"]);
    assert_eq!(checked.status.code(), Some(1), "Sampang's errors");
    let sources = checked_sources(&checked);
    assert_eq!(sources.len(), 2);
    assert!(
        sources[0].ends_with("lumajang-disnaker-lkj-tw2-2023.txt")
            && sources[1].ends_with("sampang-disnaker-lkjip-2023.txt")
    );
    assert!(text(&checked.stderr).contains("README.md: skipped: not a report"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_and_extract_take_directories_and_patterns_as_import_does() {
    let dir = scratch("patterns");
    let folder = analyst_folder(&dir);
    let extracted = run(&[
        "extract",
        folder.to_str().unwrap(),
        "-o",
        dir.join("docs").to_str().unwrap(),
    ]);
    assert_eq!(extracted.status.code(), Some(0), "{}", text(&extracted.stderr));
    let mut written: Vec<String> = std::fs::read_dir(dir.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "lumajang-disnaker-lkj-tw2-2023.json",
            "sampang-disnaker-lkjip-2023.json"
        ]
    );
    // a pattern lkjip expands itself (quoted from the shell)
    let checked = run(&["check", "corpus/l*-disnaker-*.txt", "--format", "json"]);
    assert_eq!(
        checked_sources(&checked),
        [
            "corpus/lamongan-disnaker-lkjip-2023.txt",
            "corpus/lamongan-disnaker-sakip-2024.txt",
            "corpus/lumajang-disnaker-lkj-tw2-2023.txt"
        ]
    );
    let none = run(&["check", "corpus/*.nothing"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(text(&none.stderr).contains("corpus/*.nothing: the pattern matches no file"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_dash_reads_standard_input_as_a_text_dump_or_a_pdf() {
    let dump = std::fs::read(common::root().join(LUMAJANG)).unwrap();
    let checked = piped(&["check", "-"], &dump);
    let stdout = text(&checked.stdout);
    assert!(stdout.contains("--> <stdin>:"), "{stdout}");
    assert!(stdout.ends_with("<stdin>: 0 errors, 1 warning\n"), "{stdout}");
    let extracted = piped(&["extract", "-"], &dump);
    let doc: serde_json::Value = serde_json::from_slice(&extracted.stdout).unwrap();
    assert_eq!(doc["budget_lines"][0]["anggaran"]["value"], "20000000");
    assert_eq!(doc["source"]["file"], "<stdin>");
    let pdf = "corpus/lumajang-disnaker-lkj-tw2-2023.pdf";
    let from_file = run(&["text", pdf]);
    let from_stdin = piped(&["text", "-"], &std::fs::read(common::root().join(pdf)).unwrap());
    assert_eq!(from_stdin.status.code(), Some(0), "{}", text(&from_stdin.stderr));
    assert!(!from_file.stdout.is_empty());
    assert_eq!(from_stdin.stdout, from_file.stdout);
}

#[test]
fn quiet_prints_nothing_but_errors() {
    let dir = scratch("quiet");
    let imported = run(&["import", LUMAJANG, "-o", dir.join("out").to_str().unwrap(), "-q"]);
    assert_eq!(imported.status.code(), Some(0));
    assert_eq!(
        (text(&imported.stdout), text(&imported.stderr)),
        (String::new(), String::new())
    );
    let checked = run(&["check", SAMPANG, "-q"]);
    assert_eq!(checked.status.code(), Some(1));
    let stdout = text(&checked.stdout);
    let heads: Vec<&str> = stdout.lines().filter(|l| l.contains("]: ")).collect();
    assert_eq!(heads.len(), 6, "{stdout}");
    assert!(heads.iter().all(|h| h.starts_with("error[")), "{stdout}");
    assert!(
        !stdout.contains("errors,"),
        "the closing count is not printed: {stdout}"
    );
    let missing = run(&["check", "-q", "nowhere.txt", LUMAJANG]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).starts_with("error: nowhere.txt: cannot read the file"));
    assert_eq!(text(&missing.stdout), "", "Lumajang has a warning only");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn colour_is_asked_for_or_left_out_and_no_color_is_obeyed() {
    let always = run(&["check", LAMONGAN_DECK, "--color", "always"]);
    let stdout = text(&always.stdout);
    assert!(
        stdout.starts_with("\u{1b}[1;31merror\u{1b}[0m[ratio_mismatch]: "),
        "{stdout}"
    );
    assert!(stdout.contains("\u{1b}[1;31m^^^^^^"));
    let plain = run(&["check", LAMONGAN_DECK, "--color", "never"]);
    assert!(!plain.stdout.contains(&0x1b));
    assert!(text(&plain.stdout).starts_with("error[ratio_mismatch]: "));
    // not a terminal: auto gives none; NO_COLOR yields to an explicit --color always
    let auto = lkjip().args(["check", LAMONGAN_DECK]).output().unwrap();
    assert_eq!(auto.stdout, plain.stdout);
    let no_color = lkjip()
        .args(["check", LAMONGAN_DECK, "--color", "always"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(no_color.stdout, always.stdout);
    let bad = run(&["check", LAMONGAN_DECK, "--color", "sometimes"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn explain_says_what_a_kind_means_with_an_example_checked_live() {
    let result = run(&["explain", "sum_mismatch"]);
    assert_eq!(result.status.code(), Some(0));
    let stdout = text(&result.stdout);
    assert!(
        stdout.starts_with("sum_mismatch\n\nWhat is compared:\n  A parent row or a total"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n  12 |  │ JUMLAH │ 150.000.000 │ 131.000.000 │ 87,33\n"),
        "{stdout}"
    );
    assert!(stdout.contains(
        "error[sum_mismatch]: JUMLAH realisasi 131.000.000 is not the sum of its 2 parts (130.000.000)\n  --> example.txt:12:21 (T1)\n"
    ), "{stdout}");
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["explain", "missing-row", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["kind"], "missing_row");
    assert_eq!(json["findings"][0]["kind"], "missing_row");
    assert_eq!(json["findings"][0]["found"], "105000000");
    let list = text(&run(&["explain"]).stdout);
    assert_eq!(
        list.lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .count(),
        9,
        "{list}"
    );
    let unknown = run(&["explain", "sum_mismatches"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("no kind of finding is called `sum_mismatches`"));
}

#[test]
fn help_keeps_its_examples_one_to_a_line() {
    for (command, example) in [
        ("extract", "\n  lkjip extract corpus/ -o out/\n"),
        ("check", "\n  lkjip check corpus/ --format json > findings.json\n"),
        ("cell", "\n  lkjip cell \"10,730\" \"26.300,000\" --format json\n"),
        ("explain", "\n  lkjip explain sum_mismatch\n"),
    ] {
        let help = text(&run(&[command, "--help"]).stdout);
        assert!(help.contains(example), "{command} --help:\n{help}");
    }
}

#[test]
fn completions_are_written_for_each_shell() {
    let bash = text(&run(&["completions", "bash"]).stdout);
    assert!(
        bash.contains("_lkjip()") && bash.contains("complete -F _lkjip"),
        "{bash}"
    );
    assert!(bash.contains("explain") && bash.contains("--color"));
    let zsh = text(&run(&["completions", "zsh"]).stdout);
    assert!(zsh.starts_with("#compdef lkjip"), "{zsh}");
    let fish = text(&run(&["completions", "fish"]).stdout);
    assert!(fish.contains("complete -c lkjip"), "{fish}");
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}
