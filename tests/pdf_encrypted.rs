//! Encrypted PDFs (fixtures made with qpdf from a corpus PDF, see tests/fixtures/README.md).

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::pdf::{read, PdfError};
use lkjip::report::extract_file;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn a_pdf_that_needs_a_password_is_an_error_naming_file_and_reason() {
    let path = fixture("lumajang-password.pdf");
    let err = read(&path, &std::fs::read(&path).unwrap()).unwrap_err();
    assert!(matches!(err, PdfError::Encrypted { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("lumajang-password.pdf") && text.contains("encrypted"),
        "{text}"
    );
}

#[test]
fn a_pdf_encrypted_with_an_empty_user_password_reads_like_the_original() {
    let doc = extract_file(&fixture("lumajang-owner-only.pdf")).unwrap();
    let dump = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/lumajang-disnaker-lkj-tw2-2023.txt");
    let original = extract_file(&dump).unwrap();
    // six indicators, Tabel 2's three budget lines and the cost-per-outcome table's two
    // allocations, as the text dump gives them
    assert_eq!((doc.indicators.len(), doc.budget_lines.len()), (6, 5));
    let named = |d: &lkjip::report::ReportDocument| {
        d.budget_lines
            .iter()
            .map(|b| {
                (
                    b.name.clone(),
                    b.level,
                    b.anggaran.as_ref().map(|f| f.raw.clone()),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(named(&doc), named(&original));
    let jumlah = doc.budget_lines.iter().find(|b| b.name == "Jumlah").unwrap();
    let raw = jumlah.anggaran.as_ref().map(|f| &*f.raw);
    assert_eq!(raw, Some("26.300,000"));
}
