//! Hostile and damaged input through the whole pipeline (read, extract, check, render):
//! real PDFs with bytes flipped, streams cut and objects swapped, and text dumps made of
//! arbitrary Unicode lines with tabs, numbers and prose. Nothing panics; a file that
//! cannot be read is an error naming it; a PDF page that cannot be read is named with
//! its reason.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::model::PageStatus;
use lkjip::source::{from_bytes, from_pdf, Source};
use lkjip::synth::Dice;
use proptest::prelude::*;
use std::path::Path;

mod common;

/// Extracts, checks and renders a source, as `lkjip check` does.
fn through_the_pipeline(source: &Source) -> usize {
    let findings = lkjip::analyze::analyze(source, lkjip::analyze::Through::Findings).findings;
    let shown = lkjip::render::render(&findings, "x", &source.lines(), lkjip::render::Colour(false));
    assert!(shown.ends_with('\n'));
    findings.len()
}

/// The object number of each `N G obj` header at the start of a line.
fn object_numbers(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let header = regex::bytes::Regex::new(r"(?m)(?:^|\r)([0-9]+) [0-9]+ obj").unwrap();
    header
        .captures_iter(bytes)
        .filter_map(|c| c.get(1))
        .map(|m| m.range())
        .collect()
}

/// One of three damages: bytes flipped, a stretch inside a stream cut out, or the
/// headers of two objects swapped (each then holds the other's number).
fn mutate(bytes: &[u8], dice: &mut Dice) -> Vec<u8> {
    let mut out = bytes.to_vec();
    match dice.below(3) {
        0 => {
            for _ in 0..1 + dice.below(16) {
                let i = dice.below(out.len());
                out[i] = dice.below(256) as u8;
            }
        }
        1 => {
            let streams: Vec<usize> = out
                .windows(6)
                .enumerate()
                .filter(|(_, w)| *w == b"stream")
                .map(|(i, _)| i)
                .collect();
            if let Some(&at) = streams.get(dice.below(streams.len().max(1))) {
                let from = (at + 8).min(out.len());
                let to = (from + 1 + dice.below(400)).min(out.len());
                out.drain(from..to);
            }
        }
        _ => {
            let numbers = object_numbers(&out);
            let (a, b) = (dice.below(numbers.len().max(1)), dice.below(numbers.len().max(1)));
            if let (Some(a), Some(b)) = (numbers.get(a).cloned(), numbers.get(b).cloned()) {
                if a.len() == b.len() {
                    let (na, nb) = (out[a.clone()].to_vec(), out[b.clone()].to_vec());
                    out[a].copy_from_slice(&nb);
                    out[b].copy_from_slice(&na);
                }
            }
        }
    }
    out
}

#[test]
fn damaged_real_pdfs_are_read_or_refused_never_a_panic() {
    let files = [
        "real-pdfs/jabar-binamarga-lkip-bab3-2016.pdf",
        "wild-pdfs/datalakip__KATA_PENGANTAR.pdf",
        "wild-pdfs/datarenja__Tabel_III-3.pdf",
        "wild-pdfs/datalakip__12._lampiran_3_RKT_Tahun_2016.pdf",
        "pdf-samples/jabar-museum-perjanjian-kinerja-2016.pdf",
    ];
    let mut dice = Dice::new(12, 0);
    let (mut read, mut refused, mut pages_failed) = (0, 0, 0);
    for file in files {
        let path = common::shared(file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for _ in 0..60 {
            let damaged = mutate(&bytes, &mut dice);
            match from_pdf(Path::new("damaged.pdf"), &damaged, lkjip::pdf::Ocr::Never) {
                Ok(source) => {
                    read += 1;
                    for p in source.pages.iter().filter(|p| p.status != PageStatus::Read) {
                        assert!(
                            p.reason.as_deref().is_some_and(|r| !r.is_empty()),
                            "page {} without a reason",
                            p.page
                        );
                        pages_failed += usize::from(p.status == PageStatus::Failed);
                    }
                    through_the_pipeline(&source);
                }
                Err(e) => {
                    refused += 1;
                    assert!(e.to_string().starts_with("damaged.pdf"), "{e}");
                }
            }
        }
    }
    eprintln!("300 damaged PDFs: {read} read ({pages_failed} pages failed, each with its reason), {refused} refused");
    assert_eq!(read + refused, 300);
}

/// A line of a hostile text dump: prose, tab rows of numbers, markers and odd characters.
fn line() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[0-9]{1,4}([.,][0-9]{1,3}){0,4}",
        "Rp\\.? ?[0-9.,]{1,20}",
        "(sebesar|realisasi|anggaran|Jumlah|Program|Kegiatan|atau|Tabel 3\\.[0-9]|BAB [IVX]{1,3}|%|-|–|”|\u{200b}|\u{202e})",
        "\\PC{0,12}",
        "[0-9]{30,60}",
    ];
    proptest::collection::vec((piece, prop_oneof!["\t", " ", "\t\t", ""]), 0..14)
        .prop_map(|parts| parts.into_iter().map(|(p, sep)| p + &sep).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_dump_goes_through_the_pipeline(lines in proptest::collection::vec(line(), 1..60)) {
        let text = lines.join("\n");
        match from_bytes(Path::new("any.txt"), text.as_bytes()) {
            Ok(source) => { through_the_pipeline(&source); }
            Err(e) => prop_assert!(e.to_string().starts_with("any.txt"), "{}", e),
        }
    }
}
