//! The check on real PDFs of `../shared/real-pdfs/` (read from there, never copied into the
//! repository): a finding is an error only where the reading it rests on is sure, and the
//! relations the reports print (means, a row's own %) confirm or settle what is read.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::findings::{Finding, Kind, Severity};

mod common;

fn with<'a>(findings: &'a [Finding], kind: Kind, text: &str) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| f.kind == kind && f.message.contains(text))
        .collect()
}

/// Dishub's Tabel 3.1 closes nine capaian with `RATA-RATA 105,59`; their mean is 104,48
/// (the truth note's own figure). BP3IPTEK's `Rata-Rata` rows are the means of their
/// columns (182,23 and 95,86) and give nothing; nor does BP3AKB's indicator `Rata-Rata Usia
/// Kawin Pertama Wanita`, which prints its own target and realisasi.
#[test]
fn a_mean_row_is_the_mean_of_the_rows_it_closes() {
    let (_, findings) = common::checked_real("jabar-dishub-lkip-bab3-2016");
    let mean = with(&findings, Kind::MeanMismatch, "105,59");
    assert_eq!(mean.len(), 1, "{findings:#?}");
    assert_eq!(mean[0].severity, Severity::Error);
    assert_eq!(mean[0].expected.as_deref(), Some("104.48"));
    assert_eq!(mean[0].locations[0].page, Some(3));
    assert_eq!(mean[0].locations.len(), 10, "the mean and its nine parts");
    for name in ["jabar-bp3iptek-lkip-2016", "jabar-bp3akb-lkip-2016"] {
        let (_, findings) = common::checked_real(name);
        assert!(
            with(&findings, Kind::MeanMismatch, "").is_empty(),
            "{name}: {findings:#?}"
        );
    }
}

/// Biro Adpem's Tabel III.4 prints `1403.419.201` and `1,011.080.000`: its row's % (96,59%
/// and 99,97%) is realisasi / anggaran × 100 with one reading each, which settles them (two
/// warnings say so). With them the Jumlah's realisasi is 45.000 off its ten kegiatan, the
/// report's own error; its number column counts sasaran, so the sum is over all ten lines.
#[test]
fn a_row_percent_settles_a_malformed_amount_and_the_total_is_checked() {
    let (doc, findings) = common::checked_real("jabar-biro-adpem-lakip-2016");
    let line = doc
        .budget_lines
        .iter()
        .find(|b| b.name.starts_with("Kegiatan Pelayanan Administrasi Perkantoran") && b.realisasi.is_some())
        .unwrap();
    assert_eq!(
        line.realisasi
            .as_ref()
            .unwrap()
            .value
            .map(|v| v.to_string())
            .as_deref(),
        Some("1403419201")
    );
    let malformed = with(&findings, Kind::MalformedNumber, "1403.419.201");
    assert_eq!(malformed.len(), 1);
    assert_eq!(malformed[0].severity, Severity::Warning);
    assert!(malformed[0].message.contains("96,59%"), "{:#?}", malformed[0]);
    let jumlah = with(&findings, Kind::SumMismatch, "Jumlah realisasi");
    assert_eq!(jumlah.len(), 1, "{findings:#?}");
    assert_eq!(jumlah[0].severity, Severity::Error);
    assert_eq!(jumlah[0].expected.as_deref(), Some("6604403991"));
    assert_eq!(jumlah[0].delta.as_deref(), Some("-45000"));
    assert_eq!(jumlah[0].locations[0].page, Some(30));
    // where the page prints 6.604.358.991 (pdftotext -bbox: 408,67–479,13 × 632,70–642,92)
    let b = jumlah[0].locations[0].bbox.unwrap();
    assert_eq!((b.x0, b.x1), (4087, 4791));
    assert!(
        (6310..=6330).contains(&b.top) && (6420..=6432).contains(&b.bottom),
        "{b:?}"
    );
    assert!(
        with(&findings, Kind::SumMismatch, "anggaran").is_empty(),
        "{findings:#?}"
    );
}

/// Disbun's Tabel 2.5 prints its TOTAL APBD above urusan subtotals, programs and kegiatan
/// numbered apart: read flat, the parts add up to 2,4 times the total. That is a doubt about
/// the reading, a warning that says so, never an error.
#[test]
fn parts_far_from_their_total_are_a_warning_about_the_reading() {
    let (_, findings) = common::checked_real("jabar-disbun-lkip-2016");
    let total = with(&findings, Kind::SumMismatch, "TOTAL APBD anggaran 44.495.611.842");
    assert_eq!(total.len(), 1, "{findings:#?}");
    assert_eq!(total[0].severity, Severity::Warning);
    assert!(
        total[0].help.as_deref().unwrap().contains("2,4 times the total"),
        "{:#?}",
        total[0]
    );
    // the report's own errors stay errors: a program 205.500.000 over its four kegiatan
    let program = with(
        &findings,
        Kind::SumMismatch,
        "Program Pemeliharaan Sarana dan Prasarana Aparatur anggaran",
    );
    assert_eq!(program.len(), 1);
    assert_eq!(program[0].severity, Severity::Error);
    assert_eq!(program[0].delta.as_deref(), Some("205500000"));
}

/// Biro Adpem's staff tables total different breakdowns (all staff by sex, 56; the echelon
/// holders only, 13): totals of two tables that differ beyond a slip are a warning.
#[test]
fn totals_of_different_tables_differ_as_a_warning() {
    let (_, findings) = common::checked_real("jabar-biro-adpem-lakip-2016");
    let totals = with(&findings, Kind::ValueConflict, "total: printed as");
    assert_eq!(totals.len(), 3, "{findings:#?}");
    for f in totals {
        assert_eq!(f.severity, Severity::Warning);
        assert!(
            f.help.as_deref().unwrap().contains("its own table's rows"),
            "{f:#?}"
        );
    }
}

/// Dispenda's table of tax potential goes on from page 8 to page 9 under a header that
/// sets `URAIAN POTENSI` in one cell where page 8 has two: one table, whose `Jumlah
/// Potensi PKB` adds up (15.822.611 = five vehicle kinds over both pages).
#[test]
fn a_header_repeated_with_other_cell_breaks_continues_the_table() {
    let (doc, findings) = common::checked_real("jabar-dispenda-lkip-bab3-2016");
    assert!(
        with(&findings, Kind::SumMismatch, "Potensi PKB").is_empty(),
        "{findings:#?}"
    );
    let table = doc
        .tables
        .iter()
        .find(|t| {
            t.rows
                .iter()
                .any(|r| r.first_text().contains("Jumlah Potensi PKB"))
        })
        .unwrap();
    assert!(table.rows.iter().any(|r| r.text(1).starts_with("Sedan, Jeep")));
}

/// Dispenda prints `82.029` (%) in a column of `16.13` and `8.75`: read as 82,029 the
/// capaian 100,04 holds, so no ratio finding; BP3IPTEK's efisiensi 68,01 under a
/// penyerapan cell the page spans over two rows is not `168 − 0`.
#[test]
fn a_relation_another_reading_or_a_spanned_cell_explains_is_no_finding() {
    let (_, findings) = common::checked_real("jabar-dispenda-lkip-bab3-2016");
    assert!(
        with(&findings, Kind::RatioMismatch, "82.029").is_empty(),
        "{findings:#?}"
    );
    let (_, findings) = common::checked_real("jabar-bp3iptek-lkip-2016");
    assert!(
        with(&findings, Kind::DifferenceMismatch, "68,01").is_empty(),
        "{findings:#?}"
    );
}

/// A target is set, not measured: Dispenda's S2 target `17,7` is exact, so 21,00 / 17,7 ×
/// 100 = 118,64 cannot print as 119,00 (the truth note's error), where a target read as
/// [17,65; 17,75) would have let it pass. A realisasi `9,1` stays a rounded measurement:
/// 100,89 against target 9 is no error.
#[test]
fn a_target_is_exact_as_printed() {
    let (_, findings) = common::checked_real("jabar-dispenda-lkip-bab3-2016");
    let s2 = with(&findings, Kind::RatioMismatch, "S2: capaian 119,00");
    assert_eq!(s2.len(), 2, "Tabel 3 and Tabel 3,4: {findings:#?}");
    assert!(s2
        .iter()
        .all(|f| f.severity == Severity::Error && f.expected.as_deref() == Some("118.64")));
    assert!(with(&findings, Kind::RatioMismatch, "100,89").is_empty());
}

/// Dishub's TABEL 3.7 prints 945.965.000,00 / 937.820.000,00 for seven kegiatan of other
/// names, and TABEL 3.8 gives Program Pengendalian the amounts of Program Rehabilitasi: the
/// truth notes' copy errors, one error each with every copy marked. Totals printed twice
/// (Sampang's `BELANJA LANGSUNG` and its `TOTAL`) are no copy.
#[test]
fn figures_copied_onto_lines_of_other_names_are_an_error() {
    let (_, findings) = common::checked_real("jabar-dishub-lkip-bab3-2016");
    let copies = with(&findings, Kind::DuplicateRow, "under different names");
    assert_eq!(copies.len(), 2, "{findings:#?}");
    assert!(copies[0].message.starts_with("7 lines"), "{:#?}", copies[0]);
    assert_eq!(copies[0].locations.len(), 7);
    assert!(copies[0].locations.iter().all(|l| l.page == Some(26)));
    assert!(
        copies[1].message.contains("12.797.147.084,00"),
        "{:#?}",
        copies[1]
    );
    assert!(copies.iter().all(|f| f.severity == Severity::Error));
    let source = lkjip::source::read(&common::root().join("corpus/sampang-disnaker-lkjip-2023.txt")).unwrap();
    let findings = lkjip::check::check(&lkjip::report::extract(&source), &source);
    assert!(with(&findings, Kind::DuplicateRow, "under different names").is_empty());
}

/// Dishub's `Keuangan Realisasi %` column is the ratio on 8 of its 9 rows and its header
/// says `%`: the ninth row's 82,30 against 79,62 is an error (the truth's), not a doubt.
#[test]
fn a_percent_column_its_header_and_most_rows_confirm_makes_an_error() {
    let (_, findings) = common::checked_real("jabar-dishub-lkip-bab3-2016");
    let ratio = with(&findings, Kind::RatioMismatch, "% is 82,30");
    assert_eq!(ratio.len(), 1, "{findings:#?}");
    assert_eq!(ratio[0].severity, Severity::Error);
    assert_eq!(ratio[0].expected.as_deref(), Some("79.62"));
    assert_eq!(ratio[0].locations[0].page, Some(29));
}

/// BP3AKB's `Pemeliharaan Sarana dan Prasarana Kantor BP3AKB` is a kegiatan named under
/// its program with no level word: 1.553.730.600 in Tabel 2.3c (p. 31) and 1.553.730.000
/// in Tabel 3.2 (p. 66), one digit apart, the truth's error. Kegiatan so named whose tables
/// differ beyond a slip are not reported (the tables may count other scopes).
#[test]
fn a_kegiatan_named_under_its_program_is_compared_for_slips() {
    let (_, findings) = common::checked_real("jabar-bp3akb-lkip-2016");
    let conflict = with(
        &findings,
        Kind::ValueConflict,
        "Pemeliharaan sarana dan prasarana kantor",
    );
    assert_eq!(conflict.len(), 1, "{findings:#?}");
    assert_eq!(conflict[0].severity, Severity::Error);
    let pages: Vec<Option<u32>> = conflict[0].locations.iter().map(|l| l.page).collect();
    assert_eq!(pages, [Some(66), Some(31)]);
    assert!(with(&findings, Kind::ValueConflict, "Gerakan Pengarusutamaan Gender").is_empty());
}

/// BP3IPTEK's prose (p. 50) gives the anggaran `Rp 7.514.213.400.000,00` beside a
/// realisasi of 7.273.431.900,00 and 96,80%: the percent is right, the anggaran has three
/// zeros too many, and the help says so.
#[test]
fn a_prose_anggaran_with_zeros_too_many_is_named_as_the_culprit() {
    let (_, findings) = common::checked_real("jabar-bp3iptek-lkip-2016");
    let ratio = with(&findings, Kind::RatioMismatch, "the prose gives 96,80%");
    assert_eq!(ratio.len(), 1, "{findings:#?}");
    assert_eq!(ratio[0].locations[0].page, Some(50));
    assert_eq!(
        ratio[0].help.as_deref(),
        Some("the anggaran has zeros too many: with Rp 7.514.213.400 the 96,80% holds")
    );
}

/// Dispenda's `proporsi aparatur yang telah mengikuti pendidikan formal` is numbered, its
/// `S1` and `S2` rows below it are not: in 2016 its capaian is the mean of theirs (112,50 =
/// (106,00 + 119,00) / 2, and in 2014), so its 2015 107,45 is held to the mean of theirs, 101,24 (their
/// realisasi / target, as the truth note computes it).
#[test]
fn a_parent_indicator_keeps_the_mean_of_its_sub_items() {
    let (_, findings) = common::checked_real("jabar-dispenda-lkip-bab3-2016");
    let parent = with(&findings, Kind::MeanMismatch, "capaian 2015 107,45");
    assert_eq!(parent.len(), 1, "{findings:#?}");
    assert_eq!(parent[0].severity, Severity::Error);
    assert_eq!(parent[0].expected.as_deref(), Some("101.24"));
    assert!(parent[0]
        .help
        .as_deref()
        .unwrap()
        .contains("in 2014, 2016: 101,24 fits"));
    // the 2016 mean holds, so no finding for it
    assert!(with(&findings, Kind::MeanMismatch, "capaian 2016 112,50").is_empty());
}

/// Dispenda's `Jumlah Potensi Wajib Pajak` 2016 prints 100,03 over sub-items printing
/// 100,53, 100 and 100: beside figures of two decimals a bare `100` is 100,00 (a spreadsheet
/// dropped its zeros), so the mean is 100,18 (the truth note's, and the narrative's) and
/// 100,03 is an error, on p.3 and again in Tabel 3,2 on p.8 — whose rows keep the rule in no
/// year of their own, but the p.3 table printing the same rows keeps it in 2014.
#[test]
fn a_whole_number_among_decimals_is_read_at_their_precision() {
    let (_, findings) = common::checked_real("jabar-dispenda-lkip-bab3-2016");
    let found = with(&findings, Kind::MeanMismatch, "capaian 2016 100,03");
    let pages: Vec<Option<u32>> = found.iter().map(|f| f.locations[0].page).collect();
    assert_eq!(pages, [Some(3), Some(8)], "{findings:#?}");
    for f in &found {
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.expected.as_deref(), Some("100.18"));
    }
    assert!(
        found[1].help.as_deref().unwrap().contains("2014 (table T3)"),
        "{:#?}",
        found[1]
    );
    let p8 = with(&findings, Kind::MeanMismatch, "capaian 2015 118,74");
    assert_eq!(p8.len(), 1, "{findings:#?}");
}

/// A ratio printed as `1:284` (one sentra layanan to 284 wajib pajak) is the number 284:
/// Dispenda's 2014 capaian 142,46 is 284 / 200 = 142,00 as the truth note says, and its
/// 2016 capaian 157 fits neither 192 / 400 nor 400 / 192 (208,33, the formula of the row's
/// 2015 capaian, 300 / 233 = 128,75, which holds).
#[test]
fn a_ratio_to_one_is_its_second_term() {
    let (doc, findings) = common::checked_real("jabar-dispenda-lkip-bab3-2016");
    let row = doc
        .indicators
        .iter()
        .find(|i| i.indikator.starts_with("Rasio cakupan sentra") && i.year == Some(2014))
        .unwrap();
    let target = row.target.as_ref().unwrap();
    assert_eq!(
        (&*target.raw, target.value.map(|v| v.to_string()).as_deref()),
        ("1:200", Some("200"))
    );
    assert_eq!(target.unit.as_deref(), Some("1:n"));
    let ratio = with(&findings, Kind::RatioMismatch, "Rasio cakupan sentra");
    let got: Vec<(Option<&str>, Option<&str>)> = ratio
        .iter()
        .map(|f| (f.found.as_deref(), f.expected.as_deref()))
        .collect();
    assert_eq!(
        got,
        [(Some("142.46"), Some("142.00")), (Some("157"), Some("208"))],
        "{ratio:#?}"
    );
}

/// BP3AKB's Tabel 3.2b runs over pp.65–66, the second page under a sub-heading (`Program
/// Pendukung Pemerintahan`) and the header again, its programs going on from `G` to `H`:
/// one table. Programs E and H–M print their amounts on their kegiatan only, so BELANJA
/// LANGSUNG is held to 45.281.466.800, 100.000.000 short of what it prints (the program the
/// table omits, as the truth note says).
#[test]
fn a_table_goes_on_under_a_sub_heading_and_a_silent_program_gives_its_kegiatan() {
    let (doc, findings) = common::checked_real("jabar-bp3akb-lkip-2016");
    let total = doc
        .budget_lines
        .iter()
        .find(|b| b.name == "BELANJA LANGSUNG")
        .unwrap();
    let iklan = doc
        .budget_lines
        .iter()
        .find(|b| b.name.starts_with("Iklan Layanan masyarakat"))
        .unwrap();
    assert_eq!(iklan.table, total.table, "p.66 continues the table of p.65");
    let sum = with(&findings, Kind::SumMismatch, "BELANJA LANGSUNG anggaran");
    assert_eq!(sum.len(), 1, "{findings:#?}");
    assert_eq!(sum[0].severity, Severity::Error);
    assert_eq!(sum[0].expected.as_deref(), Some("45281466800"));
    assert_eq!(sum[0].found.as_deref(), Some("45381466800"));
    assert_eq!(sum[0].locations[0].page, Some(65));
}

/// Disnakertrans's kegiatan 39.01 prints its name over two lines and its amounts on the
/// second (413.345.500 / 406.845.500), which is read as a line under it: the kegiatan that
/// prints no amount gives the line under it, and program 39 (15.124.767.700) sums.
#[test]
fn a_kegiatan_with_its_amounts_on_a_line_below_still_sums() {
    let (_, findings) = common::checked("pdf-samples/jabar-disnakertrans-lkip-2016.pdf");
    assert!(
        with(&findings, Kind::SumMismatch, "15.124.767.700").is_empty(),
        "{findings:#?}"
    );
    assert!(
        with(&findings, Kind::SumMismatch, "14.787.225.100").is_empty(),
        "{findings:#?}"
    );
}
