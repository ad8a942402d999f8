//! `report.html` in headless Chromium (Debian package `chromium`; `.ci/run` installs it):
//! the page loads with no console message, shows the corpus findings, filters them, and
//! shows markup taken from a report as text.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use common::{root, scratch};
use std::path::Path;
use std::process::Command;

fn import(inputs: &str, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_lkjip"))
        .args(["import", inputs, "-o", out.to_str().unwrap(), "-q"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        run.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The page's DOM after its scripts ran, and Chromium's console messages.
fn load(page: &Path, hash: &str, profile: &Path) -> (String, Vec<String>) {
    let url = format!("file://{}{hash}", page.display());
    let run = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(["--dump-dom", &url])
        .output()
        .unwrap_or_else(|e| panic!("chromium is needed for this test (.ci/run installs it): {e}"));
    let console = String::from_utf8_lossy(&run.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&run.stdout).into_owned(), console)
}

fn attribute<'a>(dom: &'a str, name: &str) -> Option<&'a str> {
    let start = dom.find(&format!("{name}=\""))? + name.len() + 2;
    dom.get(start..)?.split('"').next()
}

#[test]
fn the_corpus_findings_load_without_a_console_message_and_filter() {
    let dir = scratch("corpus");
    let out = dir.join("out");
    import("corpus/", &out);
    let page = out.join("report.html");
    let (dom, console) = load(&page, "", &dir.join("profile"));
    assert!(console.is_empty(), "{console:?}");
    assert_eq!(attribute(&dom, "data-script-errors"), None);
    assert_eq!(attribute(&dom, "data-shown"), Some("64"));
    assert!(dom.contains("1.1 realisasi 86.130.282 is not the sum of its 2 parts (86.130.228)"));
    assert!(dom.contains("<mark>86.130.282</mark>"));
    let (errors, _) = load(&page, "#severity=error", &dir.join("profile"));
    assert_eq!(attribute(&errors, "data-shown"), Some("31"));
    let (sums, _) = load(&page, "#kind=sum_mismatch&severity=error", &dir.join("profile"));
    assert_eq!(attribute(&sums, "data-shown"), Some("5"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn markup_in_a_report_is_shown_as_text_and_never_runs() {
    let dir = scratch("markup");
    let out = dir.join("out");
    import("tests/fixtures/markup-injection.txt", &out);
    let (dom, console) = load(&out.join("report.html"), "", &dir.join("profile"));
    assert!(console.is_empty(), "{console:?}");
    assert_eq!(attribute(&dom, "data-pwned"), None, "report text ran as markup");
    assert_eq!(attribute(&dom, "data-shown"), Some("2"));
    assert!(dom.contains("&lt;script&gt;document.body.setAttribute"));
    assert!(dom.contains("&lt;img src=x onerror="));
    assert!(!dom.contains("<img"));
    let _ = std::fs::remove_dir_all(&dir);
}
