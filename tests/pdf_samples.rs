//! PDF input on the real sample PDFs of `../shared/pdf-samples/` (read from there, never
//! copied into the repository): their text layer, tables, and bad input.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::pdf::{read, PdfError};
use lkjip::records::{BudgetLine, Figure};
use lkjip::report::{extract_file, ReportDocument};
use std::path::PathBuf;

mod common;

fn sample(name: &str) -> PathBuf {
    common::shared(&format!("pdf-samples/{name}"))
}

/// A figure's value as the outputs print it, its text kept for the test's life (the tests
/// compare many of them with the text they expect).
fn value(f: &Option<Figure>) -> Option<&'static str> {
    let text = f.as_ref()?.value?.to_string();
    Some(Box::leak(text.into_boxed_str()))
}

/// The first budget line `pick` takes; `what` names it when there is none.
fn budget_line<'a>(
    doc: &'a ReportDocument,
    what: &str,
    pick: impl Fn(&BudgetLine) -> bool,
) -> &'a BudgetLine {
    doc.budget_lines
        .iter()
        .find(|b| pick(b))
        .unwrap_or_else(|| panic!("no budget line {what}"))
}

#[test]
fn disnakertrans_lkip_yields_its_indicator_rows_with_exact_values() {
    let doc = extract_file(&sample("jabar-disnakertrans-lkip-2016.pdf")).unwrap();
    let summary: Vec<_> = doc
        .indicators
        .iter()
        .filter(|i| i.table == "T1" || i.table == "T2")
        .collect();
    assert_eq!(summary.len(), 11);
    let first = summary[0];
    assert!(
        first
            .indikator
            .starts_with("Persentase pencari kerja terdaftar yang memiliki sertifikat kompetensi"),
        "{}",
        first.indikator
    );
    assert_eq!(
        first.sasaran.as_deref(),
        Some("Meningkatnya kualitas tenaga kerja")
    );
    assert_eq!(
        (
            value(&first.target),
            value(&first.realisasi),
            value(&first.capaian)
        ),
        (Some("0.53"), Some("0.34"), Some("63.36"))
    );
    let kk = summary.last().unwrap();
    assert_eq!(
        (value(&kk.target), value(&kk.realisasi), value(&kk.capaian)),
        (Some("180"), Some("206"), Some("114.44"))
    );
    assert_eq!(kk.target.as_ref().and_then(|f| f.unit.as_deref()), Some("KK"));
    let kecelakaan = summary
        .iter()
        .find(|i| i.indikator.contains("kecelakaan kerja"))
        .unwrap();
    assert_eq!(
        (value(&kecelakaan.realisasi), value(&kecelakaan.capaian)),
        (Some("-7.20"), Some("-37.60"))
    );
}

/// Tabel 2.2 (Pagu Anggaran APBD 2016): in rows 4, 6 and 7 the program name and its pagu
/// share a line with a space glyph drawn across the column rule between them; the rule
/// still splits the cells, so every pagu is read whole, comma thousands and all.
#[test]
fn disnakertrans_lkip_yields_its_pagu_per_program_with_exact_values() {
    let doc = extract_file(&sample("jabar-disnakertrans-lkip-2016.pdf")).unwrap();
    let first = doc
        .budget_lines
        .iter()
        .position(|b| b.name.starts_with("Program Perencanaan, Pengendalian"))
        .unwrap();
    // the table goes on over the page break: program 7's name ends there ("Aparatur")
    let pagu: Vec<(Option<&str>, &str, Option<&str>)> = doc.budget_lines[first..first + 10]
        .iter()
        .map(|b| (b.code.as_deref(), b.name.as_str(), value(&b.anggaran)))
        .collect();
    assert_eq!(
        pagu[3],
        (
            Some("4"),
            "Program Peningkatan Kesempatan Kerja",
            Some("5500085000")
        )
    );
    assert_eq!(
        pagu[5],
        (
            Some("6"),
            "Program Pelayanan Administrasi Perkantoran",
            Some("2577207000")
        )
    );
    assert_eq!(
        pagu[6],
        (
            Some("7"),
            "Program Peningkatan Sarana dan Prasarana Aparatur",
            Some("6340877900")
        )
    );
    assert_eq!(
        pagu[9],
        (
            Some("10"),
            "Program Pengembangan Transmigrasi",
            Some("2107767500")
        )
    );
    assert_eq!(pagu[1].2, Some("15124767700"));
}

#[test]
fn scanned_pdf_says_ocr_is_needed() {
    let path = sample("scanned-image-only-lkip-2016.pdf");
    let err = read(&path, &std::fs::read(&path).unwrap()).unwrap_err();
    assert!(
        matches!(err, PdfError::NoTextLayer { ref pages, .. } if pages == "1-142"),
        "{err}"
    );
    assert!(err.to_string().ends_with(
        "no text layer on pages 1-142 — OCR needed (the PDF holds only images); read it with --ocr auto"
    ));
    let exit = std::process::Command::new(env!("CARGO_BIN_EXE_lkjip"))
        .arg("extract")
        .arg(&path)
        .args(["--ocr", "never"])
        .output()
        .unwrap();
    assert_eq!(exit.status.code(), Some(2));
    assert!(exit.stdout.is_empty(), "no empty success");
}

/// Every page gives as many characters as poppler's pdftotext finds there (within 3%):
/// text lost silently (a font without a Unicode map) fails here.
#[test]
fn no_page_loses_text_against_pdftotext() {
    let Ok(probe) = std::process::Command::new("pdftotext").arg("-v").output() else {
        panic!("pdftotext (poppler-utils) is needed for this test; .ci/run installs it");
    };
    assert!(probe.status.success() || !probe.stderr.is_empty());
    for name in [
        "jabar-disnakertrans-lkip-2016.pdf",
        "jabar-museum-perjanjian-kinerja-2016.pdf",
        "jabar-disnak-iku-2016.pdf",
    ] {
        let path = sample(name);
        let text = read(&path, &std::fs::read(&path).unwrap()).unwrap();
        for span in &text.pages {
            let out = std::process::Command::new("pdftotext")
                .args([
                    "-f",
                    &span.page.to_string(),
                    "-l",
                    &span.page.to_string(),
                    "-layout",
                ])
                .arg(&path)
                .arg("-")
                .output()
                .unwrap();
            let theirs = String::from_utf8_lossy(&out.stdout)
                .chars()
                .filter(|c| !c.is_whitespace())
                .count();
            let tolerance = (theirs as f64 * 0.03).ceil() as usize;
            assert!(
                span.chars.abs_diff(theirs) <= tolerance,
                "{name} page {}: {} characters, pdftotext {theirs}",
                span.page,
                span.chars
            );
        }
    }
}

#[test]
fn truncated_and_corrupted_pdfs_are_errors_not_panics() {
    let path = sample("jabar-museum-perjanjian-kinerja-2016.pdf");
    let bytes = std::fs::read(&path).unwrap();
    for cut in [10, 100, 1000, bytes.len() / 3, bytes.len() / 2] {
        let err = read(&path, &bytes[..cut]).map(|t| t.text.len()).unwrap_err();
        assert!(matches!(err, PdfError::Unreadable { .. }), "cut at {cut}: {err}");
        assert!(err.to_string().starts_with(&path.display().to_string()), "{err}");
    }
    // only the end-of-file marker cut off: the cross-reference table is whole, the text read
    let text = read(&path, &bytes[..bytes.len() - 6]).unwrap().text;
    for anggaran in ["3.582.684.500", "1.674.900.000", "1.907.784.500"] {
        assert!(text.contains(anggaran), "{anggaran} lost");
    }
    for step in [97, 997, 4999] {
        let mut flipped = bytes.clone();
        for i in (step..flipped.len()).step_by(step) {
            flipped[i] ^= 0xA5;
        }
        // some flips leave a readable file, others not: either way an answer, no panic
        let _ = read(&path, &flipped);
    }
    // 200 mutations more, the same each run: a few bytes changed, then maybe a cut
    let mut dice = lkjip::synth::Dice::new(5, 0);
    for _ in 0..200 {
        let mut mutated = bytes.clone();
        for _ in 0..1 + dice.below(8) {
            let i = dice.below(mutated.len());
            mutated[i] = dice.below(256) as u8;
        }
        mutated.truncate(mutated.len() - dice.below(2) * dice.below(mutated.len()));
        let _ = read(&path, &mutated);
    }
    let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap();
    let mut broken_xref = bytes[..at].to_vec();
    broken_xref.extend_from_slice(b"startxref\n999999999\n%%EOF\n");
    assert!(matches!(
        read(&path, &broken_xref),
        Err(PdfError::Unreadable { .. })
    ));
    assert!(matches!(read(&path, b"just text"), Err(PdfError::NotPdf { .. })));
}

/// A PDF of `n` empty A4 pages with a correct cross-reference table.
fn empty_pages(n: usize) -> Vec<u8> {
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", i + 3)).collect();
    let mut objects = vec![
        "<</Type/Catalog/Pages 2 0 R>>".to_string(),
        format!("<</Type/Pages/Kids[{}]/Count {n}>>", kids.join(" ")),
    ];
    objects.extend((0..n).map(|_| "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>".to_string()));
    common::pdf_of(&objects)
}

#[test]
fn zero_pages_blank_pages_and_too_many_pages_are_named() {
    let path = PathBuf::from("made.pdf");
    assert!(matches!(
        read(&path, &empty_pages(0)),
        Err(PdfError::NoPages { .. })
    ));
    match read(&path, &empty_pages(3)) {
        Err(PdfError::NoTextLayer { pages, .. }) => assert_eq!(pages, "1-3"),
        other => panic!("expected no text layer, got {:?}", other.map(|t| t.text)),
    }
    let err = read(&path, &empty_pages(lkjip::pdf::MAX_PAGES + 1)).unwrap_err();
    assert!(matches!(err, PdfError::TooManyPages { pages: 3001, .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "made.pdf: the PDF has 3001 pages, more than 3000; refusing to read it"
    );
}

/// The Word-made Perjanjian Kinerja is tagged: its nine tables (three per page) come from
/// the structure tree, each cell whole — a target written on two lines of one cell stays
/// one value, the program and its number one cell.
#[test]
fn a_tagged_pdf_gets_its_tables_from_the_structure_tree() {
    use lkjip::model::Layout;
    let doc = extract_file(&sample("jabar-museum-perjanjian-kinerja-2016.pdf")).unwrap();
    assert_eq!(doc.tables.len(), 9);
    assert!(doc.tables.iter().all(|t| t.layout == Layout::PdfTags));
    // the title and letterhead every page repeats are kept once, and name the report
    assert_eq!(
        (doc.report.perangkat_daerah.as_deref(), doc.report.fiscal_year),
        (Some("Dinas Pariwisata Dan Kebudayaan"), Some(2016))
    );
    let targets: Vec<(&str, Option<&str>)> = doc
        .indicators
        .iter()
        .take(2)
        .map(|i| (i.indikator.as_str(), i.target.as_ref().map(|f| &*f.raw)))
        .collect();
    assert_eq!(
        targets,
        vec![
            (
                "Tercapainya Perlindungan dan Pendokumentasian Koleksi Museum",
                Some("7.201 Koleksi dan 28 Naskah")
            ),
            (
                "Tercapainya Pemanfaatan, Pelayanan dan Promosi Koleksi Museum",
                Some("43.000 Orang dan 6 Jenis Promosi")
            ),
        ]
    );
    let budgets: Vec<Option<&str>> = doc.budget_lines.iter().map(|b| value(&b.anggaran)).collect();
    assert_eq!(
        budgets,
        vec![Some("3582684500"), Some("1674900000"), Some("1907784500")]
    );
}

/// The IKU's identity block ("Tugas Pokok : …", justified wide) is a three-column table in
/// the structure tree; by geometry alone its justified words became cells.
#[test]
fn tags_keep_justified_text_in_one_cell() {
    let text = lkjip::source::read(&sample("jabar-disnak-iku-2016.pdf"))
        .unwrap()
        .text;
    assert!(text.contains(
        "Tugas Pokok\t:\tMelaksanakan Urusan Pemerintah Daerah Bidang Peternakan Berdasarkan Asas Ekonomi, Dekonsentrasi, dan Tugas Pembantuan\n"
    ));
}

/// An untagged PDF says which method found each table's cells. (The Pagu DIPA table, printed
/// twice, is one table each time with its `JUMLAH I`, `JUMLAH II` and `JUMLAH I + II` rows,
/// now that the programs stacked in its rows are rows of their own; it and Tabel 3.4, 3.5
/// and 3.6 are one table each with their header rows, whose walls differ from the body's
/// within one frame — 6 ruled pieces fewer; two formula lines of the capaian rumus are
/// prose now, not one-row stream tables.)
#[test]
fn an_untagged_pdf_says_rules_or_stream_for_each_table() {
    use lkjip::model::Layout;
    let doc = extract_file(&sample("jabar-disnakertrans-lkip-2016.pdf")).unwrap();
    let count = |l: Layout| doc.tables.iter().filter(|t| t.layout == l).count();
    assert_eq!(
        (
            count(Layout::PdfRules),
            count(Layout::PdfStream),
            count(Layout::PdfTags)
        ),
        (16, 14, 0)
    );
}

/// Tables that go on over pages are one table: the agency and year printed at the top of
/// every page are running lines, dropped after their first showing, and each page's repeated header rows are known
/// again. Tabel 2.1 keeps its 11 indicator rows in one table; the rencana aksi under Tabel
/// 3.4 is one table over seven pages, so a page's first kegiatan is no longer read as a
/// total over the sasaran numbers, nor a program row as sharing the anggaran above it.
#[test]
fn tables_continued_over_pages_are_one_table() {
    use lkjip::model::RowKind;
    let doc = extract_file(&sample("jabar-disnakertrans-lkip-2016.pdf")).unwrap();
    let count = |t: &lkjip::model::Table, kind: RowKind| t.rows.iter().filter(|r| r.kind == kind).count();
    let t21 = doc
        .tables
        .iter()
        .find(|t| t.number.as_deref() == Some("2.1"))
        .unwrap();
    assert_eq!(
        (count(t21, RowKind::Data), count(t21, RowKind::RepeatedHeader)),
        (11, 2)
    );
    let aksi = doc
        .tables
        .iter()
        .find(|t| t.columns.iter().any(|c| c.header == "RENCANA AKSI"))
        .unwrap();
    // six pages repeat its header, each its two rows (`Target Kinerja sasaran` over `Trw I`
    // … `Trw IV`)
    assert_eq!(count(aksi, RowKind::RepeatedHeader), 12);
    let text = lkjip::source::read(&sample("jabar-disnakertrans-lkip-2016.pdf")).unwrap();
    // 53 pages print it at their top; the first showing stays
    let running = "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat\nTahun 2016\n";
    assert_eq!(text.text.matches(running).count(), 1);
    let findings = lkjip::check::check(&doc, &text);
    let in_aksi: Vec<_> = findings
        .iter()
        .filter(|f| {
            f.locations
                .iter()
                .any(|l| l.table.as_deref() == Some(aksi.id.as_str()))
        })
        .map(|f| f.kind.name())
        .collect();
    // Bimtek Produktivitas, Pelatihan bagi Purna TKI and MTU, each printed under two
    // indicators (a program's name, read whole now, is no longer a near-duplicate row)
    assert_eq!(
        in_aksi,
        vec!["duplicate_row"; 3],
        "a kegiatan printed under two indicators"
    );
}

/// Tabel 3.6 rules its columns but not its rows, and sets each kegiatan's figures beside the
/// last line of its name: the lines of one row are those that fill only its empty or cut-off
/// cells, so each name gets its own anggaran and percent.
#[test]
fn a_table_with_ruled_columns_only_keeps_each_name_with_its_figures() {
    let doc = extract_file(&sample("jabar-disnakertrans-lkip-2016.pdf")).unwrap();
    let line = |name: &str| {
        let b = budget_line(&doc, name, |b| b.name == name);
        (value(&b.anggaran), value(&b.persen))
    };
    assert_eq!(
        line("Penyebaran Informasi Ketenagakerjaan Dan Ketransmigrasian"),
        (Some("360032000"), Some("99.14"))
    );
    assert_eq!(
        line("Perencanaan Program Dan Kegiatan UPTD Balai Pelatihan Ketenagakerjaan Bekasi"),
        (Some("216217000"), Some("99.96"))
    );
    assert_eq!(
        line("Pengembangan Perencanaan Pelatihan Tenaga Kerja Luar Negeri"),
        (Some("139077350"), Some("98.29"))
    );
}

/// Tabel 3.6 sets its rows without rules between them on some pages: a kegiatan code under a
/// coded row starts a row of its own (39.06 … 39.12 were one row; 66.02 and program 101
/// too); its code column is headed `KODE` / `REKE NING` over a blank line, the header parted
/// in two, and repeated so on every page; `REALISASI` over `KEUANGAN (Rp)` is the realisasi,
/// the `%` beside it the percent, `FISIK (%)` no money at all.
#[test]
fn tabel_3_6_gives_each_coded_kegiatan_its_own_figures_and_parent() {
    let doc = extract_file(&sample("jabar-disnakertrans-lkip-2016.pdf")).unwrap();
    let by_code = |code: &str| {
        let b = budget_line(&doc, code, |b| b.code.as_deref() == Some(code));
        let parent = doc.budget_lines.iter().find(|p| Some(p.line) == b.parent);
        (
            value(&b.anggaran),
            value(&b.realisasi),
            value(&b.persen),
            parent.and_then(|p| p.code.as_deref()),
        )
    };
    let expect = |a, r, p, parent| (Some(a), Some(r), p, parent);
    assert_eq!(
        by_code("39.06"),
        expect("995890000", "987810550", Some("99.19"), Some("39"))
    );
    assert_eq!(
        by_code("39.07"),
        expect("168675000", "144895000", Some("85.90"), Some("39"))
    );
    assert_eq!(
        by_code("39.12"),
        expect("2397332500", "2381814450", Some("99.35"), Some("39"))
    );
    assert_eq!(
        by_code("66.02"),
        expect("90000000", "89852322", Some("99.84"), Some("66"))
    );
    assert_eq!(by_code("101"), expect("2107767500", "1992863253", None, None));
    assert_eq!(
        by_code("101.06"),
        expect("391750000", "389732000", Some("99.48"), Some("101"))
    );
}

/// The Pagu DIPA table prints `JUMLAH I`, `JUMLAH II` and `JUMLAH I + II` in one column:
/// three quantities, not one total printed three ways. What check still finds in the
/// Disnakertrans LKIP is listed here so a change shows: no sum_mismatch (program 39 of
/// Tabel 3.6 has two kegiatan whose figures stand on a later line of their names, read as a
/// line under them; a kegiatan printing no figure gives the line under it, and the program
/// sums — two false errors before), three duplicate_row
/// warnings for kegiatan the rencana aksi lists under two indicators (Bimtek Produktivitas,
/// Pelatihan bagi Purna TKI, MTU), and a value_conflict warning between the JUMLAH of Tabel
/// 2.2 (programs) and of Tabel 3.6 (all spending). Tabel 3.6 is one table over its pages
/// now, so the page whose rows are set off-centre no longer parts it before its JUMLAH (a
/// third sum_mismatch before); its `51` is the code of `BELANJA TIDAK LANGSUNG`, the line
/// it is printed on, and `BELANJA LANGSUNG` beside it a sibling, not a part.
#[test]
fn subtotals_of_one_column_are_not_printings_of_one_total() {
    let path = sample("jabar-disnakertrans-lkip-2016.pdf");
    let doc = extract_file(&path).unwrap();
    let source = lkjip::source::read(&path).unwrap();
    let mut kinds: Vec<&str> = lkjip::check::check(&doc, &source)
        .iter()
        .map(|f| f.kind.name())
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        ["duplicate_row"; 3]
            .into_iter()
            .chain(["value_conflict"])
            .collect::<Vec<_>>()
    );
}
