//! `lkjip extract` on the corpus: the records users rely on, checked against the source.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::metadata::ReportKind;
use lkjip::model::{HeadingKind, Layout, RowKind};
use lkjip::nomenclature::Level;
use lkjip::records::{BudgetLine, Figure, FigureStatus, Indicator};
use lkjip::report::{extract_file, ReportDocument};
use std::path::PathBuf;

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

fn doc(name: &str) -> ReportDocument {
    extract_file(&corpus(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// A figure's value as the outputs print it, its text kept for the test's life (the tests
/// compare many of them with the text they expect).
fn value(f: &Option<Figure>) -> Option<&'static str> {
    let text = f.as_ref()?.value?.to_string();
    Some(Box::leak(text.into_boxed_str()))
}

fn budget_table<'a>(d: &'a ReportDocument, number: &str) -> Vec<&'a BudgetLine> {
    d.budget_lines
        .iter()
        .filter(|b| b.table_number.as_deref() == Some(number))
        .collect()
}

fn line_of<'a>(lines: &[&'a BudgetLine], code: &str) -> &'a BudgetLine {
    lines
        .iter()
        .find(|b| b.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("no line {code}"))
}

#[test]
fn lamongan_tabel_3_8_has_68_budget_lines_with_parents() {
    let d = doc("lamongan-disnaker-lkjip-2023.txt");
    let lines = budget_table(&d, "3.8");
    assert_eq!(lines.len(), 68);
    let total = lines[0];
    assert_eq!(
        (total.name.as_str(), total.level, total.line),
        ("KETENAGAKERJAAN", Level::Total, 1021)
    );
    assert_eq!(value(&total.anggaran), Some("9801822500"));
    assert_eq!(lines.iter().filter(|b| b.code.is_some()).count(), 67);
    let job_fair = line_of(&lines, "4.2.3");
    assert_eq!(job_fair.name, "Job Fair/Bursa Kerja");
    assert_eq!(job_fair.level, Level::SubKegiatan);
    assert_eq!(value(&job_fair.anggaran), Some("250000000"));
    assert_eq!(value(&job_fair.realisasi), Some("242958240"));
    assert_eq!(value(&job_fair.persen), Some("97.18"));
    assert_eq!(job_fair.line, 1076);
    let kegiatan = line_of(&lines, "4.2");
    let program = line_of(&lines, "4");
    assert_eq!(job_fair.parent, Some(kegiatan.line));
    assert_eq!(
        (kegiatan.parent, kegiatan.level),
        (Some(program.line), Level::Kegiatan)
    );
    assert_eq!((program.parent, program.level), (Some(1021), Level::Program));
    assert_eq!(
        job_fair.nomenclature.as_ref().map(|e| e.code.as_str()),
        Some("2.07.04.2.03.0003")
    );
    // continuation after the page break: "Klaster Kompetensi" joins row 3.1.1
    assert!(line_of(&lines, "3.1.1")
        .name
        .ends_with("berdasarkan Klaster Kompetensi"));
    // a nil budget is nil, not zero
    let nil = line_of(&lines, "1.3.2");
    assert_eq!(nil.anggaran.as_ref().map(|f| f.status), Some(FigureStatus::Nil));
}

#[test]
fn lamongan_tabel_3_1_has_nine_indicators() {
    let d = doc("lamongan-disnaker-lkjip-2023.txt");
    let rows: Vec<&Indicator> = d
        .indicators
        .iter()
        .filter(|i| i.table_number.as_deref() == Some("3.1"))
        .collect();
    assert_eq!(rows.len(), 9);
    assert!(rows
        .iter()
        .all(|i| i.target.is_some() && i.realisasi.is_some() && i.capaian.is_some()));
    let first = rows[0];
    assert_eq!(first.indikator, "Persentase Penduduk yang Bekerja");
    assert_eq!(
        (
            value(&first.target),
            value(&first.realisasi),
            value(&first.capaian)
        ),
        (Some("94.87"), Some("94.54"), Some("99.66"))
    );
    // the merged sasaran cell is resolved for rows after the page break
    let ikm = rows[8];
    assert_eq!(ikm.line, 680);
    assert_eq!(
        ikm.sasaran.as_deref(),
        Some("Meningkatnya Manajemen Internal Perangkat Daerah")
    );
    assert_eq!(
        rows[3].sasaran.as_deref(),
        Some("Meningkatnya Penduduk yang Bekerja")
    );
}

#[test]
fn lamongan_shared_budget_and_shifted_row() {
    let d = doc("lamongan-disnaker-lkjip-2023.txt");
    // Tabel 3.6: Tingkat Produktifitas shares the budget printed for the row above (line 833)
    let t = d
        .tables
        .iter()
        .find(|t| t.number.as_deref() == Some("3.6"))
        .unwrap();
    let row = t.rows.iter().find(|r| r.line == 834).unwrap();
    assert_eq!(row.cell(2).and_then(|c| c.merged_from()), Some(833));
    // the converter shifted line 1172 one cell right; it is read back in place
    let sakip = d.indicators.iter().find(|i| i.line == 1172).unwrap();
    assert_eq!(sakip.indikator, "Nilai SAKIP DISNAKER");
    assert_eq!(
        (value(&sakip.target), value(&sakip.realisasi)),
        (Some("86.50"), Some("88.30"))
    );
    // a formula cell gives its stated result
    let bekerja = d.indicators.iter().find(|i| i.line == 1165).unwrap();
    assert_eq!(value(&bekerja.realisasi), Some("94.54"));
}

#[test]
fn sampang_tabel_3_7_programs_are_parents_and_belanja_langsung_the_total() {
    let d = doc("sampang-disnaker-lkjip-2023.txt");
    let lines = budget_table(&d, "3.7");
    assert_eq!(lines.len(), 32);
    let total = lines[0];
    assert_eq!(
        (total.name.as_str(), total.level, total.code.as_deref()),
        ("BELANJA LANGSUNG", Level::Total, Some("A"))
    );
    let programs: Vec<&&BudgetLine> = lines.iter().filter(|l| l.level == Level::Program).collect();
    assert_eq!(programs.len(), 4);
    assert!(programs.iter().all(|p| p.parent == Some(total.line)));
    let logistik = lines
        .iter()
        .find(|l| l.name == "Penyediaan Bahan Logistik Kantor")
        .unwrap();
    assert_eq!((logistik.line, logistik.parent), (495, Some(483)));
    assert_eq!(
        (
            value(&logistik.anggaran),
            value(&logistik.realisasi),
            value(&logistik.persen)
        ),
        (Some("22982271"), Some("20763200"), Some("93.27"))
    );
    assert_eq!(lines.last().unwrap().name, "TOTAL BELANJA LANGSUNG (BL)");
    assert_eq!(lines.last().unwrap().level, Level::Total);
    // every other line sits under a program
    let others = lines
        .iter()
        .filter(|l| !matches!(l.level, Level::Total | Level::Program));
    assert!(others
        .into_iter()
        .all(|l| programs.iter().any(|p| Some(p.line) == l.parent)));
}

#[test]
fn blitar_tabel_3_7_six_programs_and_integer_unemployment_table() {
    let d = doc("blitar-disnaker-lkjip-2022.txt");
    let lines = budget_table(&d, "3.7");
    assert_eq!(lines.iter().filter(|l| l.level == Level::Program).count(), 6);
    let jumlah = lines.iter().find(|l| l.level == Level::Total).unwrap();
    assert_eq!(
        (jumlah.line, value(&jumlah.anggaran), value(&jumlah.realisasi)),
        (733, Some("8251284892"), Some("7891881259"))
    );
    // the comma-thousands table (lines 641-649) is read as integers, column by column
    let t = d.tables.iter().find(|t| t.lines[0] == 641).unwrap();
    let settled = |line: usize, col: usize| {
        let row = t.rows.iter().find(|r| r.line == line).unwrap();
        let cell = row.cell(col).unwrap();
        cell.settled().map(|s| s.reading.number.value.to_string())
    };
    assert_eq!(settled(643, 1).as_deref(), Some("10730"));
    assert_eq!(settled(648, 3).as_deref(), Some("-1046"));
    assert_eq!(settled(649, 2).as_deref(), Some("37219"));
    let reason = &t.rows.iter().find(|r| r.line == 643).unwrap().cells[1]
        .settled()
        .unwrap()
        .reason;
    assert!(reason.contains("whole numbers (0)"), "{reason}");
}

#[test]
fn lumajang_indicators_and_budget_lines() {
    let d = doc("lumajang-disnaker-lkj-tw2-2023.txt");
    let capaian: Vec<&Indicator> = d
        .indicators
        .iter()
        .filter(|i| i.realisasi.is_some() && i.line == 68)
        .collect();
    let produktivitas = capaian[0];
    assert_eq!(
        produktivitas.target.as_ref().map(|f| &*f.raw),
        Some("70 perusahaan")
    );
    assert_eq!(
        produktivitas.target.as_ref().and_then(|f| f.unit.as_deref()),
        Some("perusahaan")
    );
    assert_eq!(
        (
            value(&produktivitas.target),
            value(&produktivitas.realisasi),
            value(&produktivitas.capaian)
        ),
        (Some("70"), Some("36"), Some("51.43"))
    );
    assert_eq!(
        d.indicators
            .iter()
            .filter(|i| i.line == 67 || i.line == 68)
            .count(),
        2
    );
    let lines: Vec<&BudgetLine> = d.budget_lines.iter().collect();
    let kegiatan: Vec<(&str, Option<&str>)> = lines
        .iter()
        .filter(|l| l.level == Level::Kegiatan)
        .map(|l| (l.name.as_str(), value(&l.anggaran)))
        .collect();
    assert_eq!(
        kegiatan,
        vec![
            ("Konsultasi produktifitas pada perusahaan kecil", Some("20000000")),
            (
                "Pengukuran produktivitas tingkat daerah Kabupaten/Kota",
                Some("6300000")
            ),
        ]
    );
    let jumlah = lines.iter().find(|l| l.level == Level::Total).unwrap();
    let f = jumlah.anggaran.as_ref().unwrap();
    assert_eq!((f.status, f.value, f.line), (FigureStatus::Malformed, None, 55));
    let readings: Vec<String> = f.readings.iter().map(|r| r.number.value.to_string()).collect();
    assert_eq!(readings, vec!["26300.000", "26300000"]);
}

#[test]
fn sakip_deck_program_budgets_and_iku_targets() {
    let d = doc("lamongan-disnaker-sakip-2024.txt");
    assert_eq!(d.report.kind, ReportKind::SakipDeck);
    assert!(d.tables.iter().all(|t| t.layout == Layout::Slides));
    let hi = d
        .budget_lines
        .iter()
        .find(|b| b.name == "Program Hubungan Industrial")
        .unwrap();
    assert_eq!(
        (value(&hi.anggaran), hi.line, hi.level),
        (Some("85000000"), 222, Level::Program)
    );
    assert_eq!(
        d.budget_lines
            .iter()
            .filter(|b| b.level == Level::Program)
            .count(),
        6
    );
    let total = d.budget_lines.iter().find(|b| b.level == Level::Total).unwrap();
    assert_eq!(value(&total.anggaran), Some("7454074768"));
    let target_tables: Vec<&str> = d
        .tables
        .iter()
        .filter(|t| {
            t.title
                .as_deref()
                .is_some_and(|x| x.starts_with("INDIKATOR KINERJA"))
        })
        .map(|t| t.id.as_str())
        .collect();
    let iku: Vec<&Indicator> = d
        .indicators
        .iter()
        .filter(|i| target_tables.contains(&i.table.as_str()))
        .collect();
    let targets: Vec<(Option<u16>, Option<&str>)> = iku
        .iter()
        .filter(|i| i.indikator == "Persentase Penduduk yang Bekerja")
        .map(|i| (i.year, value(&i.target)))
        .collect();
    assert_eq!(
        targets,
        vec![(Some(2023), Some("94.87")), (Some(2024), Some("95.23"))]
    );
    assert_eq!(iku.iter().filter(|i| i.year == Some(2024)).count(), 9);
    // the achievement slides: 2024 semester II of the same indicator (line 590)
    let s2 = d
        .indicators
        .iter()
        .find(|i| i.indikator == "Persentase Penduduk yang Bekerja" && i.period == "S2")
        .unwrap();
    assert_eq!(
        (value(&s2.target), value(&s2.realisasi), value(&s2.capaian)),
        (Some("95.23"), Some("95.23"), Some("100.45"))
    );
}

#[test]
fn metadata_of_each_report() {
    let d = doc("lamongan-disnaker-lkjip-2023.txt");
    assert_eq!(d.report.pemerintah.as_deref(), Some("Kabupaten Lamongan"));
    assert_eq!(d.report.perangkat_daerah.as_deref(), Some("Dinas Tenaga Kerja"));
    assert_eq!(
        (d.report.kind, d.report.fiscal_year),
        (ReportKind::Lkjip, Some(2023))
    );
    let s = doc("sampang-disnaker-lkjip-2023.txt").report;
    let signed = s.signed.unwrap();
    assert_eq!(
        (signed.place.as_str(), signed.date.as_str(), signed.line),
        ("Sampang", "2024-01-29", 25)
    );
    let l = doc("lumajang-disnaker-lkj-tw2-2023.txt").report;
    assert_eq!(
        (l.kind, l.period.as_str(), l.fiscal_year),
        (ReportKind::LkjTriwulan, "Q2", Some(2023))
    );
    assert_eq!(
        doc("blitar-disnaker-lkjip-2022.txt").report.fiscal_year,
        Some(2022)
    );
}

#[test]
fn headings_and_captions() {
    let d = doc("lamongan-disnaker-lkjip-2023.txt");
    let babs: Vec<(&str, usize)> = d
        .headings
        .iter()
        .filter(|h| h.kind == HeadingKind::Bab)
        .map(|h| (h.title.as_str(), h.line))
        .collect();
    assert_eq!(
        babs,
        vec![
            ("PENDAHULUAN", 151),
            ("PERENCANAAN DAN PERJANJIAN KINERJA", 501),
            ("AKUNTABILITAS KINERJA", 637),
            ("PENUTUP", 1098)
        ]
    );
    let t = d
        .tables
        .iter()
        .find(|t| t.number.as_deref() == Some("3.8"))
        .unwrap();
    assert_eq!(
        t.title.as_deref(),
        Some("Data Realisasi Fisik dan Keuangan Tahun 2023")
    );
    assert_eq!(
        t.section.map(|s| d.headings[s].title.as_str()),
        Some("Realisasi Anggaran")
    );
    // blitar's outline of chapters (lines 315-350) is not taken for headings
    let b = doc("blitar-disnaker-lkjip-2022.txt");
    assert!(
        b.headings.iter().all(|h| !(315..=350).contains(&h.line)),
        "{:?}",
        b.headings
    );
    assert_eq!(
        b.headings.iter().filter(|h| h.kind == HeadingKind::Bab).count(),
        4
    );
}

/// Every tab-separated line of every report is exactly one row of exactly one table, with
/// its cells exactly as printed: no cell lost, none duplicated.
#[test]
fn no_table_cell_is_lost_or_duplicated() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut checked = 0;
    let dumps = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"));
    for path in dumps {
        let text = std::fs::read_to_string(&path).unwrap();
        let d = extract_file(&path).unwrap();
        let tab_lines: Vec<(usize, &str)> = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| l.contains('\t'))
            .map(|(i, l)| (i + 1, l))
            .collect();
        let rows: Vec<(usize, String)> = d
            .tables
            .iter()
            .filter(|t| t.layout == Layout::Tabs)
            .flat_map(|t| {
                t.rows.iter().map(|r| {
                    (
                        r.line,
                        r.cells.iter().map(|c| &*c.raw).collect::<Vec<_>>().join("\t"),
                    )
                })
            })
            .collect();
        assert_eq!(rows.len(), tab_lines.len(), "{}", path.display());
        for ((line, source), (row_line, printed)) in tab_lines.iter().zip(&rows) {
            assert_eq!(
                (line, *source),
                (row_line, printed.as_str()),
                "{}",
                path.display()
            );
        }
        let cells: usize = tab_lines.iter().map(|(_, l)| l.split('\t').count()).sum();
        checked += cells;
    }
    assert_eq!(checked, 4_227, "tab-separated cells in the corpus");
}

#[test]
fn continuation_rows_point_to_their_row() {
    let d = doc("lamongan-disnaker-lkjip-2023.txt");
    let kinds: Vec<(usize, RowKind)> = d
        .tables
        .iter()
        .flat_map(|t| t.rows.iter())
        .filter(|r| matches!(r.kind, RowKind::Continuation { .. }))
        .map(|r| (r.line, r.kind))
        .collect();
    let expect = |line, of_line| (line, RowKind::Continuation { of_line });
    assert!(kinds.contains(&expect(1060, 1057)));
    assert!(kinds.contains(&expect(1082, 1079)));
    assert!(kinds.contains(&expect(631, 628)));
}

/// Blitar's Tabel 3.8 measures its sasaran and programs (no indicator column, no program
/// column) with target, realisasi, capaian and anggaran, realisasi, %: its ten rows with
/// figures are ten indicators named by that column, and ten allocations.
#[test]
fn blitar_tabel_3_8_rows_are_indicators_and_allocations() {
    let d = doc("blitar-disnaker-lkjip-2022.txt");
    let indicators: Vec<&Indicator> = d
        .indicators
        .iter()
        .filter(|i| i.table_number.as_deref() == Some("3.8"))
        .collect();
    assert_eq!(indicators.len(), 10);
    let transmigrasi = indicators
        .iter()
        .find(|i| i.indikator == "Program Pembangunan Kawasan Transmigrasi")
        .unwrap();
    assert_eq!(
        [
            &transmigrasi.target,
            &transmigrasi.realisasi,
            &transmigrasi.capaian
        ]
        .map(value),
        [Some("100"), Some("60"), Some("60")]
    );
    assert_eq!(transmigrasi.sasaran, None);
    let allocations = budget_table(&d, "3.8");
    assert_eq!(allocations.len(), 10);
    assert!(allocations
        .iter()
        .all(|b| b.level == Level::Allocation && b.parent.is_none()));
    let sakip = allocations
        .iter()
        .find(|b| b.name == "Nilai SAKIP perangkat daerah")
        .unwrap();
    assert_eq!(
        [&sakip.anggaran, &sakip.realisasi, &sakip.persen].map(value),
        [Some("5232810892"), Some("5060179133"), Some("96.70")]
    );
}

/// Blitar prints its six programs as enacted (Tabel 2.3), revised (2.5) and realised (3.7):
/// each line says which, and only the realised table's lines are primary, so summing
/// primary programs gives the report's JUMLAH once.
#[test]
fn blitar_programs_count_once_from_the_realised_table() {
    use lkjip::stage::Stage;
    let d = doc("blitar-disnaker-lkjip-2022.txt");
    let stages = |number: &str| {
        let lines = budget_table(&d, number);
        (lines[0].stage, lines.iter().all(|b| b.primary))
    };
    assert_eq!(stages("2.3"), (Stage::Murni, false));
    assert_eq!(stages("2.5"), (Stage::Perubahan, false));
    assert_eq!(stages("3.7"), (Stage::Realisasi, true));
    let programs: rust_decimal::Decimal = d
        .budget_lines
        .iter()
        .filter(|b| b.primary && b.level == Level::Program)
        .map(|b| {
            value(&b.anggaran)
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(programs.to_string(), "8251284892");
}

/// A unit printed with the value is the indicator's satuan where the table has no unit
/// column (`3 Kasus`, `70%`); a value printed bare leaves it empty.
#[test]
fn satuan_comes_from_the_printed_value() {
    let d = doc("blitar-disnaker-lkjip-2022.txt");
    let satuan = |line: usize| {
        d.indicators
            .iter()
            .find(|i| i.line == line)
            .map(|i| i.satuan.clone())
            .unwrap()
    };
    assert_eq!(satuan(749), Some("%".to_string()));
    assert_eq!(satuan(753), Some("Kasus".to_string()));
    assert_eq!(satuan(755), None);
}

/// Lumajang's second-quarter LKj: the realisasi of January to June is the quarter's (Q2);
/// the Perjanjian Kinerja's targets printed alone are the year's.
#[test]
fn a_quarterly_reports_realisasi_is_the_quarters() {
    let d = doc("lumajang-disnaker-lkj-tw2-2023.txt");
    let period = |line: usize| {
        d.indicators
            .iter()
            .find(|i| i.line == line)
            .unwrap()
            .period
            .clone()
    };
    assert_eq!(period(49), "annual");
    assert_eq!(period(67), "Q2");
    let measured = d.indicators.iter().find(|i| i.line == 68).unwrap();
    assert_eq!(value(&measured.realisasi), Some("36"));
}
