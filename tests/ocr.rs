//! Scanned pages read by OCR: a page of a corpus PDF rendered to an image and wrapped as an
//! image-only PDF (a scan made here), read back through pdftoppm and Tesseract into the
//! same records a text layer gives. Needs poppler-utils, tesseract-ocr and
//! tesseract-ocr-ind (`.ci/run` installs them).

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A budget table as a report prints it, in Helvetica: its realisasi total 100.000.000 too
/// high (240 + 1.350 + 600 million is 2.190.000.000, not 2.290.000.000).
const TABLE: [[&str; 5]; 5] = [
    ["No", "Program", "Anggaran (Rp)", "Realisasi (Rp)", "%"],
    [
        "1",
        "Program Pelayanan Administrasi Perkantoran",
        "250.000.000",
        "240.000.000",
        "96,00",
    ],
    [
        "2",
        "Program Peningkatan Kualitas Tenaga Kerja",
        "1.500.000.000",
        "1.350.000.000",
        "90,00",
    ],
    [
        "3",
        "Program Perluasan Kesempatan Kerja",
        "800.000.000",
        "600.000.000",
        "75,00",
    ],
    ["", "Jumlah", "2.550.000.000", "2.290.000.000", "85,88"],
];

/// The table's page as a text PDF: a title, then each cell at its column's left edge.
fn text_page() -> Vec<u8> {
    let mut content =
        String::from("BT /F1 12 Tf 50 760 Td (Tabel 3.1 Realisasi Anggaran Tahun 2023) Tj ET\n");
    for (r, row) in TABLE.iter().enumerate() {
        for (cell, x) in row.iter().zip([50, 75, 300, 400, 500]) {
            let y = 730 - 24 * r;
            content.push_str(&format!("BT /F1 10 Tf {x} {y} Td ({cell}) Tj ET\n"));
        }
    }
    common::pdf_of(&[
        "<</Type/Catalog/Pages 2 0 R>>".into(),
        "<</Type/Pages/Kids[3 0 R]/Count 1>>".into(),
        "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>"
            .into(),
        format!("<</Length {}>>stream\n{content}\nendstream", content.len() + 1),
        "<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>".into(),
    ])
}

/// The page scanned: rendered at 200 dpi in grey levels and wrapped as an image-only PDF.
fn scan_of_page(dir: &Path) -> Vec<u8> {
    let text = dir.join("text.pdf");
    std::fs::write(&text, text_page()).unwrap();
    let out = Command::new("pdftoppm")
        .args(["-r", "200", "-gray"])
        .arg(&text)
        .output()
        .expect("pdftoppm (poppler-utils) is needed for this test; .ci/run installs it");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (width, height, pixels) = pgm(&out.stdout);
    let image = [
        format!("<</Type/XObject/Subtype/Image/Width {width}/Height {height}/ColorSpace/DeviceGray/BitsPerComponent 8/Length {}>>stream\n", pixels.len()).into_bytes(),
        pixels.to_vec(),
        b"\nendstream".to_vec(),
    ]
    .concat();
    let draw = "q 595 0 0 842 0 0 cm /Im0 Do Q";
    common::pdf_of_bytes(&[
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>".to_vec(),
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</XObject<</Im0 4 0 R>>>>/Contents 5 0 R>>".to_vec(),
        image,
        format!("<</Length {}>>stream\n{draw}\nendstream", draw.len() + 1).into_bytes(),
    ])
}

/// A binary PGM's width, height and pixels (`P5 W H 255`, then one byte a pixel).
fn pgm(bytes: &[u8]) -> (usize, usize, &[u8]) {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..at]).unwrap().to_string());
    }
    assert_eq!((fields[0].as_str(), fields[3].as_str()), ("P5", "255"));
    let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &bytes[at + 1..];
    assert_eq!(pixels.len(), width * height);
    (width, height, pixels)
}

/// The scan written to a fresh folder (removed when the folder is dropped), and its path.
fn scan_file(name: &str) -> (common::Scratch, PathBuf) {
    let dir = common::scratch(&format!("ocr-{name}"));
    let path = dir.join("scan.pdf");
    std::fs::write(&path, scan_of_page(&dir)).unwrap();
    (dir, path)
}

fn lkjip(args: &[&str], path: &Path) -> Output {
    common::lkjip().args(args).arg(path).output().unwrap()
}

/// What lkjip prints as JSON for `args` and the file, which must exit with `code`.
fn lkjip_json(args: &[&str], path: &Path, code: i32) -> Value {
    let out = lkjip(args, path);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn value(figure: &Value) -> &str {
    figure["value"].as_str().unwrap_or("")
}

#[test]
fn a_scanned_page_is_read_by_ocr_into_budget_lines() {
    let (_dir, path) = scan_file("extract");
    let doc = lkjip_json(&["extract", "--format", "json"], &path, 0);
    let page = &doc["pages"][0];
    assert_eq!(page["status"], "read");
    assert!(page["ocr"]["words"].as_u64().unwrap() >= 40, "{page}");
    assert!(page["ocr"]["confidence"].as_u64().unwrap() >= 80, "{page}");
    let lines: Vec<[&str; 4]> = doc["budget_lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let name = b["name"].as_str().unwrap();
            [
                name,
                value(&b["anggaran"]),
                value(&b["realisasi"]),
                value(&b["persen"]),
            ]
        })
        .collect();
    assert_eq!(
        lines,
        [
            [
                "Program Pelayanan Administrasi Perkantoran",
                "250000000",
                "240000000",
                "96.00"
            ],
            [
                "Program Peningkatan Kualitas Tenaga Kerja",
                "1500000000",
                "1350000000",
                "90.00"
            ],
            [
                "Program Perluasan Kesempatan Kerja",
                "800000000",
                "600000000",
                "75.00"
            ],
            ["Jumlah", "2550000000", "2290000000", "85.88"],
        ]
    );
    // each figure says how sure OCR is of it
    let anggaran = &doc["budget_lines"][0]["anggaran"];
    assert!(anggaran["confidence"].as_u64().unwrap() >= 80, "{anggaran}");
    assert!(anggaran.get("uncertain").is_none(), "{anggaran}");
}

#[test]
fn a_total_that_does_not_sum_on_a_scan_read_surely_is_an_error() {
    let (_dir, path) = scan_file("check");
    let report = lkjip_json(&["check", "--format", "json"], &path, 1);
    let findings = report["reports"][0]["discrepancies"].as_array().unwrap();
    let sum = findings
        .iter()
        .find(|f| f["kind"] == "sum_mismatch" && f["found"] == "2290000000")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(sum["severity"], "error");
    assert_eq!(sum["expected"], "2190000000");
    assert_eq!(sum["locations"][0]["page"], 1);
}

#[test]
fn without_ocr_the_scan_is_refused_saying_how_to_read_it() {
    let (_dir, path) = scan_file("never");
    let out = lkjip(&["extract", "--ocr", "never"], &path);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no text layer on pages 1 — OCR needed") && err.contains("--ocr auto"),
        "{err}"
    );
}

#[test]
fn never_does_not_so_much_as_look_for_the_ocr_programs() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = scan_file("never-looks");
    // stand-ins that leave a mark when they are run
    let bin = dir.join("bin");
    std::fs::create_dir(&bin).unwrap();
    for program in ["pdftoppm", "tesseract"] {
        let stand_in = bin.join(program);
        std::fs::write(&stand_in, "#!/bin/sh\necho > \"$0.ran\"\n").unwrap();
        std::fs::set_permissions(&stand_in, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = common::lkjip()
        .args(["extract", "--ocr", "never"])
        .arg(&path)
        .env("PATH", &bin)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read it with --ocr auto"));
    for program in ["pdftoppm", "tesseract"] {
        assert!(!bin.join(format!("{program}.ran")).exists(), "{program} was run");
    }
}

#[test]
fn ocr_without_its_programs_says_what_to_install() {
    let (_dir, path) = scan_file("missing");
    let out = common::lkjip()
        .args(["extract", "--ocr", "auto"])
        .arg(&path)
        .env("PATH", "")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("it cannot run: pdftoppm is not installed"), "{err}");
    assert!(
        err.contains("apt-get install poppler-utils tesseract-ocr tesseract-ocr-ind"),
        "{err}"
    );
}

/// A text PDF of the corpus, four pages.
const SOURCE: &str = "corpus/lumajang-disnaker-lkj-tw2-2023.pdf";

#[test]
fn always_sets_a_text_layer_aside_and_marks_the_pages_read_by_ocr() {
    let path = common::root().join(SOURCE);
    let text = lkjip::pdf::read_with(&path, &std::fs::read(&path).unwrap(), lkjip::pdf::Ocr::Always).unwrap();
    assert_eq!(text.pages.len(), 4);
    assert!(
        text.pages.iter().all(|p| p.ocr.is_some_and(|o| o.words > 0)),
        "{:?}",
        text.pages
    );
    assert!(text
        .text
        .contains("Konsultasi produktifitas pada perusahaan kecil"));
    // every word is on a line of the page that printed it
    assert!(text.ocr_words.iter().all(|(line, words)| {
        let printed = text.text.lines().nth(line - 1).unwrap();
        words.iter().all(|(w, _)| printed.contains(w.as_str()))
    }));
}
