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

/// Chromium's arguments for a page at `hash`, with a profile of its own.
fn chromium(profile: &Path) -> Command {
    let mut command = Command::new("chromium");
    command
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}

fn url(page: &Path, hash: &str) -> String {
    format!("file://{}{hash}", page.display())
}

/// The page's DOM after its scripts ran, and Chromium's console messages.
fn load(page: &Path, hash: &str, profile: &Path) -> (String, Vec<String>) {
    let run = chromium(profile)
        .args(["--enable-logging=stderr", "--v=0", "--dump-dom", &url(page, hash)])
        .output()
        .unwrap_or_else(|e| panic!("chromium is needed for this test (.ci/run installs it): {e}"));
    let console = String::from_utf8_lossy(&run.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&run.stdout).into_owned(), console)
}

/// A screenshot of the page at `hash`, 1300 pixels wide; its size in pixels.
fn screenshot(page: &Path, hash: &str, profile: &Path, png: &Path) -> (u32, u32) {
    let run = chromium(profile)
        .args([
            "--window-size=1300,1400",
            &format!("--screenshot={}", png.display()),
            &url(page, hash),
        ])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let bytes = std::fs::read(png).unwrap();
    assert_eq!(bytes.get(1..4), Some(&b"PNG"[..]), "{} is no PNG", png.display());
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

fn attribute<'a>(dom: &'a str, name: &str) -> Option<&'a str> {
    let start = dom.find(&format!("{name}=\""))? + name.len() + 2;
    dom.get(start..)?.split('"').next()
}

/// The markup of the element with `id` (a table, a paragraph, the findings' division),
/// up to where it ends: what the script put there.
fn region<'a>(dom: &'a str, id: &str) -> &'a str {
    let start = dom
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let rest = dom.get(start..).unwrap_or_default();
    let end = match id {
        "findings" => "<nav",
        "by-kind" | "by-report" => "</table>",
        _ => "</p>",
    };
    rest.get(..rest.find(end).unwrap_or(rest.len()))
        .unwrap_or_default()
}

/// The rows of a summary table as text: `name error warning all` per row.
fn rows(table: &str) -> Vec<String> {
    table
        .split("<tr")
        .skip(2)
        .map(|row| {
            let mut text = String::new();
            // the rest of the `<tr …>` tag first
            let mut inside = true;
            for c in row.chars() {
                match c {
                    '<' => {
                        inside = true;
                        text.push(' ');
                    }
                    '>' => inside = false,
                    c if !inside => text.push(c),
                    _ => {}
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn the_corpus_findings_load_summarised_filtered_sorted_and_shareable() {
    let dir = scratch("corpus");
    let out = dir.join("out");
    import("corpus/", &out);
    let page = out.join("report.html");
    let profile = dir.join("profile");
    let (dom, console) = load(&page, "", &profile);
    assert!(console.is_empty(), "{console:?}");
    assert_eq!(attribute(&dom, "data-script-errors"), None);
    assert_eq!(attribute(&dom, "data-shown"), Some("64"));
    // the summary: kind × severity, each count a link to its view
    let kinds = rows(region(&dom, "by-kind"));
    assert_eq!(
        kinds.first().map(String::as_str),
        Some("difference_mismatch 3 0 3")
    );
    assert!(kinds.contains(&"sum_mismatch 5 0 5".to_string()), "{kinds:?}");
    assert!(
        kinds.contains(&"value_conflict 12 27 39".to_string()),
        "{kinds:?}"
    );
    assert_eq!(kinds.last().map(String::as_str), Some("all 31 33 64"));
    assert!(region(&dom, "by-kind").contains("href=\"#kind=sum_mismatch&amp;severity=error\""));
    let reports = rows(region(&dom, "by-report"));
    assert_eq!(
        reports.first().map(String::as_str),
        Some("Kabupaten Lamongan · lkjip 2023 · Dinas Tenaga Kerja 18 16 34")
    );
    // 50 to a page, the culprit marked apart from what it was compared with
    let shown = region(&dom, "findings");
    assert_eq!(shown.matches("<article").count(), 50);
    assert!(region(&dom, "shown").contains("64 of 64 findings, 50 to a page"));
    let (sums, _) = load(&page, "#kind=sum_mismatch&severity=error&sort=delta", &profile);
    assert_eq!(attribute(&sums, "data-shown"), Some("5"));
    assert_eq!(
        rows(region(&sums, "by-kind")),
        ["sum_mismatch 5 0 5", "all 5 0 5"]
    );
    let listed = region(&sums, "findings");
    assert!(
        listed.contains("<mark class=\"culprit\" title=\"realisasi of 1.1\">86.130.282</mark>"),
        "{listed}"
    );
    assert!(listed.contains("<mark class=\"compared\" title=\"Harga of 4.2.1 Mebel\">560.843.666,00</mark>"));
    assert!(listed.contains(
        "expected <b>891.642.449,00</b> · found <b>883.642.449,00</b> · delta <b>-8.000.000,00</b>"
    ));
    // sorted by |delta|: the two 8.000.000 slips before the 54 of 86.130.282
    let first = listed.find("883.642.449,00").unwrap();
    assert!(first < listed.find("86.130.282").unwrap());
    // every count links to its view with the other filters kept (the same writing of the
    // address the controls use)
    assert!(region(&sums, "by-report").contains("href=\"#kind=sum_mismatch&amp;severity=error&amp;report=kabupaten-lamongan-dinas-tenaga-kerja-lkjip-2023-"), "{}", region(&sums, "by-report"));
    assert!(region(&sums, "by-report").contains("&amp;sort=delta\""));
    let (searched, _) = load(&page, "#q=Alat%20Dapur", &profile);
    assert_eq!(attribute(&searched, "data-shown"), Some("1"));
    // an address the page cannot follow says so and shows nothing, never everything
    for hash in [
        "#colour=red",
        "#kind=sum",
        "#severity=fatal",
        "#sort=size",
        "#page=0",
    ] {
        let (bad, _) = load(&page, hash, &profile);
        assert_eq!(attribute(&bad, "data-shown"), Some("0"), "{hash}");
        assert_eq!(attribute(&bad, "data-problems"), Some("1"), "{hash}");
        assert!(region(&bad, "problem").contains("cannot show"), "{hash}");
    }
    // the summary and a filtered view as a reviewer sees them (target/screenshots/)
    let shots = common::root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let (w, h) = screenshot(&page, "", &profile, &shots.join("report-corpus-summary.png"));
    assert_eq!((w, h), (1300, 1400));
    screenshot(
        &page,
        "#kind=sum_mismatch&severity=error&sort=delta",
        &profile,
        &shots.join("report-corpus-sums.png"),
    );
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
    let shown = region(&dom, "findings");
    // the source lines, trimmed to the cells, show the markup as text
    assert!(
        shown.contains("('data-pwned','script')&lt;/script&gt; │ "),
        "{shown}"
    );
    assert!(shown.contains("('data-pwned','img')\"&gt; │ "), "{shown}");
    assert!(!shown.contains("<script") && !dom.contains("<img"));
    let _ = std::fs::remove_dir_all(&dir);
}
