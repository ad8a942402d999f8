//! The corpus reports rendered to PDF (`scripts/corpus-pdf.py`, committed as `corpus/*.pdf`)
//! against their text dumps: the same budget lines and indicators, value for value.
//!
//! Parity holds in full: the same records, value for value, and the same check findings.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::report::{extract_file, ReportDocument};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn doc(name: &str) -> ReportDocument {
    extract_file(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

type Key = (
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Budget lines as (code, name, anggaran, realisasi, persen), counted.
fn budget(d: &ReportDocument) -> BTreeMap<Key, usize> {
    let v = |f: &Option<lkjip::records::Figure>| f.as_ref().and_then(|f| f.value).map(|v| v.to_string());
    let mut out = BTreeMap::new();
    for b in &d.budget_lines {
        let key = (
            b.code.clone(),
            b.name.split_whitespace().collect::<Vec<_>>().join(" "),
            v(&b.anggaran),
            v(&b.realisasi),
            v(&b.persen),
        );
        *out.entry(key).or_insert(0) += 1;
    }
    out
}

/// Indicators as (indikator with year and period, target, realisasi, capaian), counted.
fn indicators(d: &ReportDocument) -> BTreeMap<Key, usize> {
    let v = |f: &Option<lkjip::records::Figure>| f.as_ref().and_then(|f| f.value).map(|v| v.to_string());
    let mut out = BTreeMap::new();
    for i in &d.indicators {
        let name = format!(
            "{} {:?} {}",
            i.indikator.split_whitespace().collect::<Vec<_>>().join(" "),
            i.year,
            i.period
        );
        *out.entry((None, name, v(&i.target), v(&i.realisasi), v(&i.capaian)))
            .or_insert(0) += 1;
    }
    out
}

/// How many records of the text dump the PDF gives identically, of how many.
fn matched(stem: &str, records: fn(&ReportDocument) -> BTreeMap<Key, usize>) -> (usize, usize) {
    let (text, pdf) = (
        records(&doc(&format!("{stem}.txt"))),
        records(&doc(&format!("{stem}.pdf"))),
    );
    let same = text
        .iter()
        .map(|(k, n)| (*n).min(pdf.get(k).copied().unwrap_or(0)))
        .sum();
    (same, text.values().sum())
}

fn budget_matches(stem: &str) -> (usize, usize) {
    matched(stem, budget)
}

/// The five corpus reports: every budget line and indicator of the text dump comes out of
/// its PDF with the same values, and nothing more.
const STEMS: [(&str, usize, usize); 5] = [
    ("lumajang-disnaker-lkj-tw2-2023", 5, 6),
    ("sampang-disnaker-lkjip-2023", 49, 10),
    ("blitar-disnaker-lkjip-2022", 53, 58),
    ("lamongan-disnaker-lkjip-2023", 76, 147),
    ("lamongan-disnaker-sakip-2024", 7, 54),
];

#[test]
fn every_corpus_pdf_gives_the_budget_lines_and_indicators_of_its_text() {
    for (stem, budget_lines, indicator_rows) in STEMS {
        assert_eq!(
            budget_matches(stem),
            (budget_lines, budget_lines),
            "{stem} budget lines"
        );
        assert_eq!(
            matched(stem, indicators),
            (indicator_rows, indicator_rows),
            "{stem} indicators"
        );
        let pdf = doc(&format!("{stem}.pdf"));
        assert_eq!(
            (pdf.budget_lines.len(), pdf.indicators.len()),
            (budget_lines, indicator_rows),
            "{stem}: no extra records from the PDF"
        );
    }
}

#[test]
fn the_pdf_gives_the_same_malformed_jumlah_and_the_same_check_finding() {
    let pdf = doc("lumajang-disnaker-lkj-tw2-2023.pdf");
    let jumlah = pdf.budget_lines.iter().find(|b| b.name == "Jumlah").unwrap();
    let readings: Vec<String> = jumlah
        .anggaran
        .as_ref()
        .unwrap()
        .readings
        .iter()
        .map(|r| r.number.value.to_string())
        .collect();
    assert_eq!(readings, vec!["26300.000", "26300000"]);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/lumajang-disnaker-lkj-tw2-2023.pdf");
    let source = lkjip::source::read(&path).unwrap();
    let findings = lkjip::analyze::analyze(&source, lkjip::analyze::Through::Findings).findings;
    let kinds: Vec<(&str, Option<&str>)> = findings
        .iter()
        .map(|f| (f.kind.name(), f.expected.as_deref()))
        .collect();
    assert_eq!(kinds, vec![("malformed_number", Some("26300000"))]);
}

/// The findings of a report as (kind, expected, found), counted.
fn findings(name: &str) -> BTreeMap<(String, Option<String>, Option<String>), usize> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name);
    let source = lkjip::source::read(&path).unwrap();
    let mut out = BTreeMap::new();
    for f in lkjip::analyze::analyze(&source, lkjip::analyze::Through::Findings).findings {
        *out.entry((f.kind.name().to_string(), f.expected, f.found))
            .or_insert(0) += 1;
    }
    out
}

#[test]
fn check_finds_the_same_in_every_corpus_pdf_as_in_its_text() {
    for (stem, count) in [
        ("lumajang-disnaker-lkj-tw2-2023", 1),
        ("sampang-disnaker-lkjip-2023", 13),
        ("blitar-disnaker-lkjip-2022", 14),
        ("lamongan-disnaker-lkjip-2023", 34),
        ("lamongan-disnaker-sakip-2024", 2),
    ] {
        let (text, pdf) = (findings(&format!("{stem}.txt")), findings(&format!("{stem}.pdf")));
        assert_eq!(text.values().sum::<usize>(), count, "{stem}");
        assert_eq!(text, pdf, "{stem}");
    }
}

/// The deck tells its slides apart by blank lines only; in the PDF they are vertical space,
/// read back as blank lines one per empty line pitch.
#[test]
fn the_slide_deck_pdf_gives_every_target_and_budget_of_its_text() {
    let stem = "lamongan-disnaker-sakip-2024";
    assert_eq!(matched(stem, indicators), (54, 54));
    assert_eq!(budget_matches(stem), (7, 7));
    let pdf = doc(&format!("{stem}.pdf"));
    assert_eq!(pdf.budget_lines.len(), 7);
    let total = pdf.budget_lines.iter().find(|b| b.name == "TOTAL").unwrap();
    let anggaran = total
        .anggaran
        .as_ref()
        .and_then(|f| f.value)
        .map(|v| v.to_string());
    assert_eq!(anggaran.map(|v| v.to_string()).as_deref(), Some("7454074768"));
}

/// Text line 1079-1082: sub kegiatan 4.3.2's name spills past a page break and a repeated
/// header. In the PDF the two tables touch; the gap between their rules keeps them apart,
/// so the spill joins 4.3.2 and the header is not read as a program.
#[test]
fn a_name_spilling_past_a_repeated_header_joins_its_row_in_the_pdf() {
    let pdf = doc("lamongan-disnaker-lkjip-2023.pdf");
    let line = pdf
        .budget_lines
        .iter()
        .find(|b| b.code.as_deref() == Some("4.3.2"))
        .unwrap();
    assert_eq!(line.name, "Penyediaan Layanan Terpadu pada Calon Pekerja Migran");
    let anggaran = line
        .anggaran
        .as_ref()
        .and_then(|f| f.value)
        .map(|v| v.to_string());
    assert_eq!(anggaran.map(|v| v.to_string()).as_deref(), Some("26310000"));
    assert!(pdf
        .budget_lines
        .iter()
        .all(|b| !b.name.contains("Program dan kegiatan")));
}
