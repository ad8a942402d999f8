//! Every real PDF of `../shared/` (wild-pdfs, real-pdfs, pdf-samples) is read or refused
//! with its reason: no page fails, no PDF that poppler's `pdftotext` finds text in is
//! called a scan, no page with text comes out empty, and the characters read per page
//! match `pdftotext -layout` within 3% on at least 95% of the pages with text.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::model::PageStatus;
use lkjip::pdf::{read, PdfError};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn pdfs() -> Vec<PathBuf> {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut all = Vec::new();
    for dir in ["wild-pdfs", "real-pdfs", "pdf-samples"] {
        let entries = std::fs::read_dir(shared.join(dir))
            .unwrap_or_else(|e| panic!("../shared/{dir}: {e} (the tests read the shared PDFs)"));
        all.extend(
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "pdf")),
        );
    }
    all.sort();
    assert!(all.len() >= 100, "only {} PDFs found under ../shared", all.len());
    all
}

/// Non-white-space characters per page of `pdftotext -layout` (empty when it fails).
fn poppler_pages(path: &Path) -> Vec<usize> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed for this test; .ci/run installs it");
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(|page| page.chars().filter(|c| !c.is_whitespace()).count())
        .collect()
}

/// What one PDF gave: pages with text (theirs, ours) and what went wrong.
struct Outcome {
    pages: Vec<(usize, usize)>,
    problems: Vec<String>,
}

fn measure(path: &Path) -> Outcome {
    let theirs = poppler_pages(path);
    let poppler = |page: u32| theirs.get(page as usize - 1).copied().unwrap_or(0);
    let name = path.file_name().unwrap().to_string_lossy();
    let mut problems = Vec::new();
    let mut pages = Vec::new();
    match read(path, &std::fs::read(path).unwrap()) {
        Ok(text) => {
            for p in &text.pages {
                match p.status {
                    PageStatus::Failed => {
                        problems.push(format!("{name} p{}: failed: {:?}", p.page, p.reason))
                    }
                    PageStatus::NoText if poppler(p.page) > 0 => {
                        problems.push(format!(
                            "{name} p{}: no text, pdftotext {}",
                            p.page,
                            poppler(p.page)
                        ));
                    }
                    _ => {}
                }
                if poppler(p.page) > 0 {
                    pages.push((poppler(p.page), p.chars));
                }
            }
        }
        Err(PdfError::NoTextLayer { .. }) if theirs.iter().all(|&n| n == 0) => {}
        Err(PdfError::Unreadable { .. }) if theirs.iter().all(|&n| n == 0) => {}
        Err(e) => problems.push(format!(
            "{name}: refused ({e}) but pdftotext reads {} characters",
            theirs.iter().sum::<usize>()
        )),
    }
    Outcome { pages, problems }
}

#[test]
fn every_shared_pdf_is_read_or_refused_with_its_reason() {
    let outcomes: Vec<Outcome> = pdfs().par_iter().map(|p| measure(p)).collect();
    let problems: Vec<&String> = outcomes.iter().flat_map(|o| &o.problems).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    // not even a panic caught and turned into a degraded reading (no rules, no tags)
    assert_eq!(lkjip::pdf::panics_caught(), 0, "panics inside the PDF libraries");
    let pages: Vec<(usize, usize)> = outcomes.into_iter().flat_map(|o| o.pages).collect();
    let close = pages
        .iter()
        .filter(|(theirs, ours)| ours.abs_diff(*theirs) <= (*theirs as f64 * 0.03).ceil() as usize)
        .count();
    let share = close as f64 / pages.len() as f64;
    eprintln!(
        "{close} of {} pages with text within 3% of pdftotext -layout ({:.1}%)",
        pages.len(),
        share * 100.0
    );
    assert!(share >= 0.95, "{close} of {} pages within 3%", pages.len());
}
