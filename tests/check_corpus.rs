//! `lkjip check` on the corpus: the findings the issue names, at the right line and with the
//! right values, and no error where rounding explains the numbers.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::check::check;
use lkjip::findings::{Finding, Kind, Severity};
use lkjip::report::extract;
use lkjip::source::read;
use std::path::PathBuf;

fn findings(name: &str) -> Vec<Finding> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name);
    let source = read(&path).unwrap();
    check(&extract(&source), &source)
}

/// The finding of `kind` whose first location is `line`.
fn at(fs: &[Finding], kind: Kind, line: usize) -> Finding {
    fs.iter()
        .find(|f| f.kind == kind && f.locations[0].line == line)
        .unwrap_or_else(|| {
            panic!(
                "no {kind:?} at line {line}: {:#?}",
                fs.iter()
                    .map(|f| (f.kind, f.locations[0].line))
                    .collect::<Vec<_>>()
            )
        })
        .clone()
}

fn lines(f: &Finding) -> Vec<usize> {
    f.locations.iter().map(|l| l.line).collect()
}

#[test]
fn lamongan_row_1_1_against_its_sub_kegiatan() {
    let fs = findings("lamongan-disnaker-lkjip-2023.txt");
    let f = at(&fs, Kind::SumMismatch, 1023);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(lines(&f), vec![1023, 1024, 1025]);
    assert_eq!(
        (f.expected.as_deref(), f.found.as_deref(), f.delta.as_deref()),
        (Some("86130228"), Some("86130282"), Some("54"))
    );
    assert!(f.help.unwrap().contains("67.440.282 balances"));
    // the prose prints the transposed figure
    let c = at(&fs, Kind::ValueConflict, 1025);
    assert_eq!(lines(&c), vec![1025, 873]);
    assert!(c.help.unwrap().starts_with("two digits swapped"));
}

#[test]
fn lamongan_row_4_1_misses_a_line_the_prose_lists() {
    let fs = findings("lamongan-disnaker-lkjip-2023.txt");
    let f = at(&fs, Kind::MissingRow, 1070);
    assert_eq!(
        (f.expected.as_deref(), f.found.as_deref(), f.delta.as_deref()),
        (Some("52850000"), Some("72850000"), Some("20000000"))
    );
    assert!(lines(&f).contains(&951), "{:?}", lines(&f));
    assert!(f.help.unwrap().contains("Perluasan Kesempatan Kerja"));
}

#[test]
fn ratio_errors_of_the_budget_tables() {
    let fs = findings("lamongan-disnaker-lkjip-2023.txt");
    let f = at(&fs, Kind::RatioMismatch, 1086);
    assert_eq!(
        (f.expected.as_deref(), f.found.as_deref()),
        (Some("95.37"), Some("95.93"))
    );
    assert_eq!(f.locations[0].column, Some(54));
    let s = findings("sampang-disnaker-lkjip-2023.txt");
    let f = at(&s, Kind::RatioMismatch, 495);
    assert_eq!(
        (f.expected.as_deref(), f.found.as_deref()),
        (Some("90.34"), Some("93.27"))
    );
    let copied = at(&s, Kind::RatioMismatch, 514);
    assert!(copied
        .help
        .unwrap()
        .contains("PROGRAM HUBUNGAN INDUSTRIAL (line 513)"));
}

#[test]
fn lumajang_malformed_jumlah_is_read_by_arithmetic() {
    let fs = findings("lumajang-disnaker-lkj-tw2-2023.txt");
    assert_eq!(fs.len(), 1);
    let f = at(&fs, Kind::MalformedNumber, 55);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        (f.expected.as_deref(), f.found.as_deref()),
        (Some("26300000"), Some("26.300,000"))
    );
    assert!(f.message.contains("read as 26.300.000"));
}

#[test]
fn rounding_and_comma_thousands_are_not_errors() {
    let lamongan = findings("lamongan-disnaker-lkjip-2023.txt");
    // 183,86 at line 671 is 2,50 / 1,36 with 2,50 rounded from 676 / 27.035: no ratio finding,
    // and no finding starts there (the line is only cited as where the 1,36 target is printed)
    assert!(!lamongan
        .iter()
        .any(|f| f.kind == Kind::RatioMismatch && f.locations.iter().any(|l| l.line == 671)));
    assert!(!lamongan.iter().any(|f| f.locations[0].line == 671));
    let blitar = findings("blitar-disnaker-lkjip-2022.txt");
    assert!(!blitar
        .iter()
        .any(|f| f.locations.iter().any(|l| (641..=649).contains(&l.line))));
    // blitar line 625: 100 / 96 = 104,1666… printed truncated as 104,16
    assert!(!blitar
        .iter()
        .any(|f| f.kind == Kind::RatioMismatch && f.locations[0].line == 625));
}

#[test]
fn more_real_errors_of_the_corpus() {
    let lamongan = findings("lamongan-disnaker-lkjip-2023.txt");
    // TPT is lower-is-better; its capaian 114,47% was computed as realisasi / target
    assert_eq!(
        at(&lamongan, Kind::Polarity, 737).expected.as_deref(),
        Some("85.53")
    );
    // efisiensi 168,18 is capaian kinerja + capaian anggaran, not their difference
    assert!(at(&lamongan, Kind::DifferenceMismatch, 849)
        .help
        .unwrap()
        .contains("added instead of subtracted"));
    // IKM's year-on-year change copies the paragraph above
    assert_eq!(
        at(&lamongan, Kind::DifferenceMismatch, 722).expected.as_deref(),
        Some("0.36")
    );
    // the capaian 99,66 beside target 94,57 belongs to target 94,87
    let f = at(&lamongan, Kind::RatioMismatch, 789);
    assert_eq!(f.expected.as_deref(), Some("99.97"));
    // the prose states 93,35% where 39.739.600 / 40.000.000 is 99,35%
    assert_eq!(
        at(&lamongan, Kind::RatioMismatch, 975).expected.as_deref(),
        Some("99.35")
    );
    // the assets table: Jumlah leaves out 5.3, which 5 also forgets
    assert_eq!(
        at(&lamongan, Kind::SumMismatch, 445).delta.as_deref(),
        Some("7977500.00")
    );
    // 4.3.3 carries 4.3.2's name; the prose names its figures
    assert!(at(&lamongan, Kind::DuplicateRow, 1083)
        .help
        .unwrap()
        .contains("Pemberdayaan Pekerja Migran Indonesia Purna Penempatan"));
    let sampang = findings("sampang-disnaker-lkjip-2023.txt");
    let f = at(&sampang, Kind::ValueConflict, 320);
    assert_eq!(
        f.help.as_deref(),
        Some("88,73 is the realisasi of 2022 printed in Tabel 3.2 (line 394)")
    );
    // 90.802.691 is printed three times (Tabel 3.6 and Tabel 3.7's program and kegiatan,
    // beside the same realisasi 85.722.792), 90.802.291 twice: the hint points to the
    // former, and Tabel 3.4's JUMLAH, apart by the same 400, follows it
    let part = at(&sampang, Kind::ValueConflict, 453);
    assert_eq!(part.severity, Severity::Error);
    assert_eq!(
        (part.expected.as_deref(), part.found.as_deref()),
        (Some("90802691"), Some("90802291"))
    );
    assert!(part.help.unwrap().contains("line 511, 512"));
    let total = at(&sampang, Kind::ValueConflict, 455);
    assert_eq!(total.expected.as_deref(), Some("91682691"));
    let blitar = findings("blitar-disnaker-lkjip-2022.txt");
    assert_eq!(at(&blitar, Kind::ValueConflict, 239).found.as_deref(), Some("17"));
    let deck = findings("lamongan-disnaker-sakip-2024.txt");
    assert_eq!(
        at(&deck, Kind::RatioMismatch, 590).found.as_deref(),
        Some("100.45")
    );
}

#[test]
fn revised_budgets_and_pk_targets_are_warnings_with_the_reason() {
    let blitar = findings("blitar-disnaker-lkjip-2022.txt");
    let f = at(&blitar, Kind::ValueConflict, 442);
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.help.unwrap().contains("revised (Perubahan)"));
    let lamongan = findings("lamongan-disnaker-lkjip-2023.txt");
    let pk = at(&lamongan, Kind::ValueConflict, 617);
    assert_eq!(pk.severity, Severity::Warning);
    assert!(pk.help.unwrap().contains("PK vs Renstra/report"));
    // the Renstra matrix (line 1155) names it "Nilai SAKIP Dinas Tenaga Kerja": one indicator
    assert!(pk.locations.iter().any(|l| l.line == 1155));
}

/// Lamongan's prose (line 824) names no line: `sumber daya biaya yang tersedia sebesar Rp
/// 9.962.543.000,- … hanya sebesar Rp 9.404.882.248,- atau 94,40%`. Its realisasi is the
/// KETENAGAKERJAAN total of Tabel 3.8 (line 1021), whose anggaran is 9.801.822.500: the two
/// anggaran are compared, a warning (one may be of another stage).
#[test]
fn an_unnamed_prose_budget_statement_is_compared_with_the_table_total() {
    let fs = findings("lamongan-disnaker-lkjip-2023.txt");
    let f = at(&fs, Kind::ValueConflict, 1021);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(lines(&f), [1021, 824]);
    assert_eq!(f.expected.as_deref(), Some("9962543000"));
    assert_eq!(f.found.as_deref(), Some("9801822500"));
    assert!(f.help.unwrap().contains("realisasi 9.404.882.248"));
}
