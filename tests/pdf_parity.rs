//! The corpus reports rendered to PDF (`scripts/corpus-pdf.py`, committed as `corpus/*.pdf`)
//! against their text dumps: the same budget lines and indicators, value for value.
//!
//! Parity holds in full for some reports and tables and not yet for others; each assertion
//! pins what holds today (measured counts), so progress is kept and losses fail.

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
    let v = |f: &Option<lkjip::records::Figure>| f.as_ref().and_then(|f| f.value.clone());
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
    let v = |f: &Option<lkjip::records::Figure>| f.as_ref().and_then(|f| f.value.clone());
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

#[test]
fn lumajang_and_sampang_match_in_full_blitar_budget_too() {
    for stem in ["lumajang-disnaker-lkj-tw2-2023", "sampang-disnaker-lkjip-2023"] {
        let (m, of) = budget_matches(stem);
        assert_eq!(m, of, "{stem} budget lines");
        let (m, of) = matched(stem, indicators);
        assert_eq!(m, of, "{stem} indicators");
    }
    assert_eq!(budget_matches("blitar-disnaker-lkjip-2022"), (35, 35));
    assert_eq!(budget_matches("sampang-disnaker-lkjip-2023"), (37, 37));
    // and nothing more: the repeated "URAIAN" header of the next table is not a budget line
    assert_eq!(doc("sampang-disnaker-lkjip-2023.pdf").budget_lines.len(), 37);
    assert_eq!(matched("lumajang-disnaker-lkj-tw2-2023", indicators), (6, 6));
}

#[test]
fn lamongan_and_blitar_indicators_match_mostly() {
    let (m, of) = budget_matches("lamongan-disnaker-lkjip-2023");
    assert!(m >= 70 && of == 74, "lamongan budget lines {m}/{of}");
    let (m, of) = matched("lamongan-disnaker-lkjip-2023", indicators);
    assert!(m >= 116 && of == 147, "lamongan indicators {m}/{of}");
    let (m, of) = matched("blitar-disnaker-lkjip-2022", indicators);
    assert!(m >= 44 && of == 48, "blitar indicators {m}/{of}");
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
    let findings = lkjip::check::check(&lkjip::report::extract(&source), &source);
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
    for f in lkjip::check::check(&lkjip::report::extract(&source), &source) {
        *out.entry((f.kind.name().to_string(), f.expected, f.found))
            .or_insert(0) += 1;
    }
    out
}

#[test]
fn check_finds_the_same_in_sampang_and_the_deck_pdf_as_in_their_text() {
    for (stem, count) in [
        ("sampang-disnaker-lkjip-2023", 13),
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
    let anggaran = total.anggaran.as_ref().and_then(|f| f.value.clone());
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
    let anggaran = line.anggaran.as_ref().and_then(|f| f.value.clone());
    assert_eq!(anggaran.map(|v| v.to_string()).as_deref(), Some("26310000"));
    assert!(pdf
        .budget_lines
        .iter()
        .all(|b| !b.name.contains("Program dan kegiatan")));
}
