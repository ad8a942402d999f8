//! Tables as the page draws them, on real PDFs of `../shared/real-pdfs/` (read from there,
//! never copied into the repository): header cells that span columns, and entries stacked
//! in one row.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::model::{Role, Table};
use lkjip::records::Figure;
use lkjip::report::{extract_file, ReportDocument};

mod common;

fn real(name: &str) -> ReportDocument {
    extract_file(&common::shared(&format!("real-pdfs/{name}.pdf"))).unwrap()
}

/// The table whose rows include source line `line`.
fn table_at(doc: &ReportDocument, line: usize) -> &Table {
    doc.tables
        .iter()
        .find(|t| t.lines[0] <= line && line <= t.lines[1])
        .unwrap_or_else(|| panic!("no table at line {line}"))
}

/// The printed text of a figure.
fn raw(f: &Option<Figure>) -> Option<&str> {
    f.as_ref().map(|f| &*f.raw)
}

fn headers(table: &Table) -> Vec<(&str, Role, Option<u16>)> {
    table
        .columns
        .iter()
        .map(|c| (c.header.as_str(), c.role, c.year))
        .collect()
}

/// Inspektorat's Lampiran 1b: each year printed once over its `TARGET | REALISASI` pair,
/// the tags (Word's, without column spans) numbering the years 3, 4, 5 … one by one. The
/// year goes over both columns of its pair, so 2015's realisasi is 2015's, not 2017's;
/// `EKSISTING 2013`, the level 2013 reached, is 2013's realisasi.
#[test]
fn a_year_over_a_target_and_realisasi_pair_names_both() {
    let doc = real("jabar-inspektorat-iku-2016");
    let eppd = doc
        .indicators
        .iter()
        .find(|i| i.indikator.starts_with("Hasil penilaian EPPD") && i.year == Some(2015))
        .unwrap();
    let table = table_at(&doc, eppd.line);
    assert_eq!(
        headers(table)[2..7],
        [
            ("EKSISTING 2013", Role::Realisasi, Some(2013)),
            ("2014 TARGE T", Role::Target, Some(2014)),
            ("2014 REALISASI", Role::Realisasi, Some(2014)),
            ("2015 TARGET", Role::Target, Some(2015)),
            ("2015 REALISASI", Role::Realisasi, Some(2015)),
        ]
    );
    assert_eq!(table.columns.len(), 13);
    assert_eq!(
        (raw(&eppd.target), raw(&eppd.realisasi)),
        (Some("2,950"), Some("2,920"))
    );
}

/// Dispenda's Tabel 3.5: `Kode Rekening` over five code columns, `Belanja` over four money
/// columns, `Realisasi` over `Keu (Rp,) | %`; the first header row is a tagged table of its
/// own right above the rest (the exporter split it), on each page the table runs over.
#[test]
fn a_header_split_from_its_table_spans_the_columns_below_it() {
    let doc = real("jabar-dispenda-lkip-bab3-2016");
    let line = doc
        .budget_lines
        .iter()
        .find(|b| b.name.starts_with("Optimalisasi Perangkat IT Samsat"))
        .unwrap();
    let table = table_at(&doc, line.line);
    let named: Vec<(&str, Role)> = headers(table).iter().map(|(h, r, _)| (*h, *r)).collect();
    assert_eq!(
        named,
        [
            ("Kode Rekening", Role::No),
            ("Kode Rekening", Role::No),
            ("Kode Rekening", Role::No),
            ("Kode Rekening", Role::No),
            ("Kode Rekening", Role::No),
            ("PROGRAM/KEGIATAN", Role::Uraian),
            ("Belanja Anggaran Murni", Role::AnggaranMurni),
            ("Belanja Anggaran Perubahan", Role::Anggaran),
            ("Belanja Realisasi Keu (Rp,)", Role::RealisasiAnggaran),
            ("Belanja Realisasi %", Role::PersenAnggaran),
        ]
    );
    assert_eq!(raw(&line.realisasi), Some("335,847,500,00"));
    assert_eq!(raw(&line.persen), Some("99,41"));
    // the table goes on over the next pages, its header repeated there the same way
    let later = doc
        .budget_lines
        .iter()
        .find(|b| {
            b.name
                .starts_with("Penyusunan Aplikasi Pembayaran Pajak Kendaraan")
        })
        .unwrap();
    assert_eq!(table_at(&doc, later.line).id, table.id);
    assert_eq!(raw(&later.persen), Some("95,02"));
}

/// The figures of an indicator row: target, realisasi, capaian as printed (the first row
/// of that name and year that prints a realisasi: a plan's table of targets alone may name
/// it first).
fn printed(doc: &ReportDocument, name: &str, year: Option<u16>) -> [Option<String>; 3] {
    let i = doc
        .indicators
        .iter()
        .find(|i| i.indikator == name && (year.is_none() || i.year == year) && i.realisasi.is_some())
        .unwrap_or_else(|| panic!("no indicator {name:?} of {year:?}"));
    [&i.target, &i.realisasi, &i.capaian].map(|f| raw(f).map(str::to_string))
}

/// The first indicator row of that name that prints a realisasi.
fn indicator<'a>(doc: &'a ReportDocument, name: &str) -> &'a lkjip::records::Indicator {
    doc.indicators
        .iter()
        .find(|i| i.indikator == name && i.realisasi.is_some())
        .unwrap_or_else(|| panic!("no indicator {name:?}"))
}

/// The first indicator row of that name.
fn named<'a>(doc: &'a ReportDocument, name: &str) -> &'a lkjip::records::Indicator {
    doc.indicators
        .iter()
        .find(|i| i.indikator == name)
        .unwrap_or_else(|| panic!("no indicator {name:?}"))
}

fn some(values: [&str; 3]) -> [Option<String>; 3] {
    values.map(|v| (!v.is_empty()).then(|| v.to_string()))
}

/// BP3AKB's Tabel 3.1.3a rules one row for three indicators, each name beside its figures
/// (the third name on two lines around them): three records, the real swap of IDG's and
/// IPG's capaian (99.36 and 94.55, the truth notes it) kept as printed.
#[test]
fn indicators_stacked_in_one_ruled_row_are_records_of_their_own() {
    let doc = real("jabar-bp3akb-lkip-2016");
    assert_eq!(
        printed(&doc, "Indeks Pemberdayaan Gender (IDG)", None),
        some(["73 poin", "69.02poin", "99.36"])
    );
    assert_eq!(
        printed(&doc, "Indeks Pembangunan Gender (IPG)", None),
        some(["89.68%", "89.11%", "94.55"])
    );
    assert_eq!(
        printed(&doc, "Penghargaan Presiden Anugerah Parahita Ekapraya", None),
        some(["9 buah", "13 buah", "144.44"])
    );
}

/// Dispenda's p4 table stacks a parent indicator and its S1 and S2 parts in one tagged row,
/// each cell centring its own lines: the parts are counted from the bottom of each cell (the
/// parent's lone capaian of 2014 and 2015 stays the parent's).
#[test]
fn parts_stacked_in_one_tagged_row_are_counted_from_the_bottom() {
    let doc = real("jabar-dispenda-lkip-bab3-2016");
    assert_eq!(printed(&doc, "S1", Some(2014)), some(["38,69", "39,54", ""]));
    assert_eq!(printed(&doc, "S2", Some(2015)), some(["16,1", "16,36", ""]));
    assert_eq!(printed(&doc, "S2", Some(2016)), some(["17,7", "21,00", "119,00"]));
}

/// Diskimrum's capaian table, rotated on its pages: its frame is drawn cell by cell and its
/// header draws fewer walls than its body (`Dukungan program dan Kegiatan` over a kegiatan's
/// number and name, `Realisasi` over `Keuangan` and `Fisik`), yet it is one table with an
/// eleven-column header; a sasaran spans its program's and kegiatan's rows; a bold program
/// name runs across the number column.
#[test]
fn a_table_whose_rows_draw_different_walls_in_one_frame_is_one_table() {
    let doc = real("jabar-diskimrum-lkip-part2-2016");
    let name = "Cakupan Pelayanan Air Limbah Domestik";
    assert_eq!(printed(&doc, name, None), some(["65", "65,64", "100,98"]));
    let i = indicator(&doc, name);
    assert_eq!(
        i.sasaran.as_deref(),
        Some("Meningkatnya akses masyarakat terhadap sarana dan prasarana sanitasi yang layak")
    );
    let table = table_at(&doc, i.line);
    let roles: Vec<Role> = table.columns.iter().map(|c| c.role).collect();
    assert_eq!(
        roles,
        [
            Role::Other,
            Role::Sasaran,
            Role::Indikator,
            Role::Satuan,
            Role::Target,
            Role::Realisasi,
            Role::Capaian,
            Role::No,
            Role::Uraian,
            Role::Anggaran,
            Role::RealisasiAnggaran,
            Role::Fisik
        ]
    );
    let line = |name: &str| {
        let b = doc.budget_lines.iter().find(|b| b.name == name).unwrap();
        (b.code.clone(), raw(&b.anggaran), raw(&b.realisasi))
    };
    assert_eq!(
        line("Program Pembinaan dan Pengembangan Infrastruktur Permukiman"),
        (None, Some("7.106.103.750,00"), Some("6.598.512.733,00"))
    );
    assert_eq!(
        line("METR-Penyusunan Review Rencana Induk Drainase dan Air Limbah Perkotaan di Metropolitan Bandung Raya"),
        (Some("1".to_string()), Some("1.487.101.000,00"), Some("1.484.721.000,00"))
    );
}

/// BP3AKB's Tabel 3.1.3a: sasaran 2 spans two indicators, its words beside both; a rule
/// parts the indicators but not the sasaran, so each indicator is a row of its own with the
/// whole sasaran.
#[test]
fn a_cell_spanning_rows_stays_whole_and_the_rows_beside_it_apart() {
    let doc = real("jabar-bp3akb-lkip-2016");
    let name = "Pemberdayaan perempuan melalui Program PEKKA /Jumlah Kelompok PEKKA";
    assert_eq!(
        printed(&doc, name, None),
        some(["545 kelompok", "501 kelompok", "91.93"])
    );
    assert_eq!(
        indicator(&doc, name).sasaran.as_deref(),
        Some("Meningkatnya kualitas hidup dan perlindungan perempuan dan anak")
    );
}

/// Binamarga's Tabel III.2: `Indikator Sasaran` spans `Uraian | Satuan | Target |
/// Realisasi` and `Keuangan (Rp)` spans `Anggaran | Realisasi`; each column keeps the role
/// its own label names.
#[test]
fn a_group_label_over_figures_leaves_each_column_its_role() {
    let doc = real("jabar-binamarga-lkip-bab3-2016");
    let name = "Tingkat kemantapan jalan";
    assert_eq!(printed(&doc, name, None), some(["98.00", "98,01", "100,01"]));
    assert_eq!(indicator(&doc, name).satuan.as_deref(), Some("%"));
}

/// Biro HPU's capaian table gives sasaran 3 two indicators, each beside its program's
/// budget; the second row, unnumbered, prints the first's program name with its own
/// figures: a sibling, not a part (a line is never a part of one printing its own name).
#[test]
fn a_row_repeating_the_program_above_is_its_sibling_not_its_part() {
    let doc = real("jabar-biro-hpu-lkip-2016");
    let name = "Pengembangan Komunikasi, Informasi, Media Massa dan Pemanfaatan Teknologi Informasi";
    let rows: Vec<_> = doc
        .budget_lines
        .iter()
        .filter(|b| {
            b.name == name
                && raw(&b.anggaran)
                    .is_some_and(|a| a.contains("2.162.300.000") || a.contains("23.284.140.000"))
        })
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(raw(&rows[1].anggaran), Some("Rp 23.284.140.000"));
    assert_ne!(rows[1].parent, Some(rows[0].line));
}

/// Disnak's Perjanjian Kinerja is a scan with a text layer: the scanner's software strokes
/// a grid that does not match the page, then paints the page image over it. The hidden
/// grid is not read; each part under `1.2. Jumlah Populasi ternak (ekor)` is a row of its
/// own beside its target, and the title above the table does not hide its header.
#[test]
fn rules_a_page_image_hides_do_not_cut_the_rows_beside_them() {
    let doc = real("jabar-disnak-pk-kadis-2016");
    let perah = named(&doc, "Jumlah Populasi ternak (ekor) - Sapi perah");
    assert_eq!(raw(&perah.target), Some("143.774"));
    let table = table_at(&doc, perah.line);
    let roles: Vec<Role> = headers(table).iter().map(|h| h.1).collect();
    assert_eq!(roles.first(), Some(&Role::No));
    assert_eq!(roles.last(), Some(&Role::Target));
    let parts: Vec<(&str, Option<&str>)> = doc
        .indicators
        .iter()
        .filter(|i| i.table == perah.table && (perah.line - 1..perah.line + 6).contains(&i.line))
        .map(|i| (i.indikator.as_str(), raw(&i.target)))
        .collect();
    assert_eq!(
        parts,
        [
            ("Jumlah Populasi ternak (ekor) - Sapi potong", Some("466.272")),
            ("Jumlah Populasi ternak (ekor) - Sapi perah", Some("143.774")),
            ("Jumlah Populasi ternak (ekor) - Kerbau", Some("143.594")),
            ("Jumlah Populasi ternak (ekor) - Domba", Some("12.285.690")),
            ("Jumlah Populasi ternak (ekor) - Kambing", Some("2.477.171")),
            (
                "Jumlah Populasi ternak (ekor) - Ayam ras petelur",
                Some("13.941.114")
            ),
            (
                "Jumlah Populasi ternak (ekor) - Ayam ras pedaging",
                Some("131.860.302")
            ),
        ]
    );
}

/// Every row of a PDF's table and every place a finding points to names the page a
/// reviewer turns to, and each cell where it is printed: BP3AKB's TOTAL ALOKASI ANGGARAN
/// (45,381,466,800, which is not the sum of its parts) is printed on page 28 of 75, its
/// words from x 159.26 to 287.77 between y 840.84 and 849.16 (`pdftotext -bbox`).
#[test]
fn rows_and_findings_in_a_pdf_name_their_page() {
    let path = common::shared("real-pdfs/jabar-bp3akb-lkip-2016.pdf");
    let source = lkjip::source::read(&path).unwrap();
    let analysis = lkjip::analyze::analyze(&source, lkjip::analyze::Through::Findings);
    let total = analysis
        .doc
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .find(|r| r.cells.iter().any(|c| &*c.raw == "TOTAL ALOKASI ANGGARAN"))
        .unwrap();
    assert_eq!(total.page, Some(28));
    let label = total
        .cells
        .iter()
        .find(|c| &*c.raw == "TOTAL ALOKASI ANGGARAN")
        .unwrap();
    let b = label.bbox().unwrap();
    assert!(
        (b.x0 - 159.26).abs() < 0.5 && (287.77..292.0).contains(&b.x1),
        "{b:?}"
    );
    assert!(
        b.top <= 840.84 + 0.5 && b.bottom >= 849.16 - 0.5 && b.bottom - b.top < 12.0,
        "{b:?}"
    );
    let finding = analysis
        .findings
        .iter()
        .find(|f| f.found.as_deref() == Some("45381466800"))
        .unwrap();
    assert_eq!(finding.locations[0].line, total.line);
    assert_eq!(finding.locations[0].page, Some(28));
}

/// The same scan's text layer places each word on its own, and its justified cells part
/// their words as widely as the cells are parted (`Meningkatnya       Produksi    dan`):
/// its columns are the white that runs down the body, so the header reads as printed, and
/// a target set at the foot of a tall cell (3.1's `5`, under its name's last line) is in
/// that entry's row.
#[test]
fn a_scan_text_layer_is_read_by_the_rivers_between_its_columns() {
    let doc = real("jabar-disnak-pk-kadis-2016");
    let perah = named(&doc, "Jumlah Populasi ternak (ekor) - Sapi perah");
    let table = table_at(&doc, perah.line);
    let header: Vec<&str> = table.rows[0].cells.iter().map(|c| &*c.raw).collect();
    assert_eq!(header, ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"]);
    let first = &table.rows[1];
    let cells: Vec<&str> = first.cells.iter().map(|c| &*c.raw).collect();
    assert_eq!(
        cells,
        [
            "1.",
            "Meningkatnya Produksi dan",
            "1.1. Jumlah produksi yang dihasilkan (ton) :",
            ""
        ]
    );
    let pasar = named(
        &doc,
        "Jumlah pelaku usaha yang bisa mengakses pasar regional dan nasional (unit)",
    );
    assert_eq!(raw(&pasar.target), Some("5"));
}

/// Dishub's Tabel 3.7 names each kegiatan beside its figures under a program cell spanning
/// them (`Indikator | Program | Kegiatan | Pagu Anggaran (Rp) | Realisasi Keuangan (Rp) |
/// Realisasi Keuangan (%)`): a budget line is named by the most specific name it prints,
/// and the header ending in `(%)` heads its percent.
#[test]
fn a_kegiatan_beside_its_program_cell_is_a_budget_line_with_its_percent() {
    let doc = real("jabar-dishub-lkip-bab3-2016");
    let cctv = doc
        .budget_lines
        .iter()
        .find(|b| b.name == "Pemeliharaan dan Pengoperasian CCTV")
        .unwrap();
    assert_eq!(
        [&cctv.anggaran, &cctv.realisasi, &cctv.persen].map(raw),
        [Some("698,000,000.00"), Some("641,018,223.00"), Some("91.84")]
    );
    assert!(
        !cctv.persen_fisik,
        "the percent spent, not the Fisik column beside it"
    );
}

/// Dispenda's p3 table (tagged, no spans) wraps its amounts inside narrow cells
/// (`13.000.0` / `00`): each cell's lines rejoin into the printed number.
#[test]
fn an_amount_a_tagged_cell_wraps_is_read_whole() {
    let doc = real("jabar-dispenda-lkip-bab3-2016");
    let pkb = doc
        .indicators
        .iter()
        .find(|i| i.indikator == "Pajak Kendaraan Bermotor" && i.year == Some(2014))
        .unwrap();
    assert_eq!(
        [&pkb.target, &pkb.realisasi].map(raw),
        [Some("13.000.000"), Some("9.218.671")]
    );
}

/// Disbun's Renja Tabel 3.2 budgets the plan year and its prakiraan maju in two `pagu
/// indikatif` columns: each kegiatan is a budget line for 2016 and one for 2017.
#[test]
fn a_budget_per_year_is_a_budget_line_per_year() {
    let doc = real("jabar-disbun-renja-bab3-2016");
    let pagu = |year: u16| {
        doc.budget_lines
            .iter()
            .filter(|b| b.name == "Kegiatan Penyelenggaraan Administrasi Perkantoran UPTD BPTP")
            .filter(|b| b.year == Some(year))
            .map(|b| raw(&b.anggaran))
            .collect::<Vec<_>>()
    };
    assert_eq!(pagu(2016), [Some("473.800.000")]);
    assert_eq!(pagu(2017), [Some("521.180.000")]);
}

/// bp3iptek's Tabel 3.2: `Kinerja` over `Target | Realisasi | % Realisasi` and `Keuangan`
/// over `Pagu | Realisasi | % Realisasi`: each `% Realisasi` is the percent of its group.
#[test]
fn a_percent_under_a_group_label_is_that_groups_ratio() {
    let doc = real("jabar-bp3iptek-lkip-2016");
    let roles: Vec<Role> = table_at(&doc, 1556).columns.iter().map(|c| c.role).collect();
    assert_eq!(
        roles[3..],
        [
            Role::Target,
            Role::Realisasi,
            Role::Capaian,
            Role::Uraian,
            Role::Anggaran,
            Role::RealisasiAnggaran,
            Role::PersenAnggaran
        ]
    );
}

/// Binamarga's Tabel III.2 budgets each indicator (`Keuangan (Rp)` over `Anggaran |
/// Realisasi` beside the indicator's figures, no program column): allocations.
#[test]
fn an_indicators_budget_is_an_allocation() {
    let doc = real("jabar-binamarga-lkip-bab3-2016");
    let jalan = doc
        .budget_lines
        .iter()
        .find(|b| b.name.starts_with("Tingkat kemantapan jalan"))
        .unwrap();
    assert_eq!(jalan.level, lkjip::nomenclature::Level::Allocation);
    assert_eq!(
        [&jalan.anggaran, &jalan.realisasi, &jalan.persen].map(raw),
        [
            Some("770.817.722.898,00"),
            Some("765.521.614.135,00"),
            Some("99,31")
        ]
    );
}

/// Diskimrum's budget tables print `Anggaran | Realisasi Keuangan | Fisik` and no percent
/// spent: a line's percent is its physical progress, said so, and never checked as
/// realisasi / anggaran (Sanitasi's 99,84% of work done beside 55,8% of money spent).
#[test]
fn a_physical_progress_printed_alone_is_the_lines_percent_and_said_so() {
    let (doc, findings) = common::checked_real("jabar-diskimrum-lkip-part2-2016");
    let sanitasi = doc
        .budget_lines
        .iter()
        .find(|b| b.name == "SANI-Monitoring dan Evaluasi Teknis Pembangunan Sanitasi Jawa Barat")
        .unwrap();
    assert_eq!(
        [&sanitasi.anggaran, &sanitasi.realisasi, &sanitasi.persen].map(raw),
        [Some("566.970.000,00"), Some("316.170.733,00"), Some("99.84%")]
    );
    assert!(sanitasi.persen_fisik);
    let on_its_row = findings
        .iter()
        .filter(|f| f.kind == lkjip::findings::Kind::RatioMismatch)
        .find(|f| f.locations.iter().any(|l| l.line == sanitasi.line));
    assert_eq!(on_its_row, None);
}

/// Dispenda's Tabel 3.5: `Kode Rekening` spans five sub-columns (`1 | 20 | 05 | 57 | 01`),
/// and `Anggaran Murni | Anggaran Perubahan` stand side by side. The code is the pieces
/// joined, the kegiatan sits under its program by it (`1.20.5.59.02` under `1.20.05.59`
/// too), and the line counts the revised anggaran its percent is of, the enacted one kept.
#[test]
fn a_code_over_sub_columns_is_joined_and_the_revised_anggaran_counts() {
    let doc = real("jabar-dispenda-lkip-bab3-2016");
    let line = |name: &str| doc.budget_lines.iter().find(|b| b.name == name).unwrap();
    let program = line("Program Pemantapan Otonomi Daerah dan Sistem Administrasi Daerah");
    let depok = line(
        "Intensifikasi Pemungutan Pajak Di Cabang Pelayanan Dinas Pendapatan Daerah Provinsi Wilayah Kota Depok I",
    );
    assert_eq!(program.code.as_deref(), Some("1.20.05.57"));
    assert_eq!(depok.code.as_deref(), Some("1.20.05.57.01"));
    assert_eq!(
        (depok.level, depok.parent),
        (lkjip::nomenclature::Level::Kegiatan, Some(program.line))
    );
    assert_eq!(
        [&depok.anggaran_murni, &depok.anggaran, &depok.persen].map(raw),
        [Some("910,096,700,00"), Some("528,001,700,00"), Some("92,62")]
    );
    let aparatur = doc
        .budget_lines
        .iter()
        .find(|b| b.code.as_deref() == Some("1.20.5.59.02"))
        .unwrap();
    assert_eq!(
        aparatur.parent,
        Some(line("Program Peningkatan Kapasitas Sumber Daya Aparatur").line)
    );
}

/// Disbun's Tabel 3.3 prints `Realisasi s.d Tahun 2016 (2014+2015+2016)` and Tabel 3.4 a
/// national figure to compare with: neither is 2016's realisasi or capaian, so the
/// indicator's 2016 figures are those of Tabel 3.1 alone, and no conflict is read.
#[test]
fn a_running_total_and_a_national_figure_are_not_the_years_figures() {
    let doc = real("jabar-disbun-lkip-2016");
    let of_2016: Vec<[Option<&str>; 2]> = doc
        .indicators
        .iter()
        .filter(|i| i.indikator.starts_with("Prosentase Peningkatan Produksi rata"))
        .filter(|i| i.year == Some(2016))
        .map(|i| [raw(&i.realisasi), raw(&i.capaian)])
        .filter(|figures| figures.iter().any(Option::is_some))
        .collect();
    assert!(
        of_2016.iter().all(|[r, _]| r.is_none_or(|r| r == "2,23")),
        "{of_2016:?}"
    );
    assert!(
        of_2016.iter().all(|[_, c]| c.is_none_or(|c| c == "96,95")),
        "{of_2016:?}"
    );
    assert!(of_2016.contains(&[Some("2,23"), Some("96,95")]));
}

/// bp3iptek's Tabel 3.2 runs from page 41 onto 42 past the running footer `Bab III –
/// Akuntabilitas Kinerja | 42`, repeating its header: one table, so program 2's kegiatan on
/// the next page is its part (a kegiatan first on a page is no total) and the program sums.
#[test]
fn a_table_continues_past_a_running_footer_and_its_program_sums() {
    let (doc, findings) = common::checked_real("jabar-bp3iptek-lkip-2016");
    let dewan = doc
        .budget_lines
        .iter()
        .find(|b| b.name.starts_with("Kegiatan Penguatan Peran Dewan Riset Daerah"))
        .unwrap();
    let program = doc
        .budget_lines
        .iter()
        .find(|b| Some(b.line) == dewan.parent)
        .unwrap();
    assert_eq!(dewan.level, lkjip::nomenclature::Level::Kegiatan);
    assert_eq!(
        (program.code.as_deref(), raw(&program.anggaran)),
        (Some("2"), Some("1.367.000.000,00"))
    );
    let on_program = findings
        .iter()
        .filter(|f| f.kind == lkjip::findings::Kind::SumMismatch)
        .find(|f| f.locations.first().is_some_and(|l| l.line == program.line));
    assert_eq!(on_program, None);
}

/// Dispenda's Tabel 3.2 scores its lower-is-better indicators as target / realisasi × 100
/// (`Jumlah temuan SPI` 2016: 350 / 333 = 105,10): the report's own formula sets the
/// polarity, so those capaian stand, while one that fits neither way is an error measured
/// against the formula the row uses (`Defiasi` 2015: 353,33 where 15 / 6 × 100 = 250,00).
#[test]
fn a_capaian_of_target_over_realisasi_scores_an_indicator_where_less_is_better() {
    let (_, findings) = common::checked_real("jabar-dispenda-lkip-bab3-2016");
    let ratio = |line: usize| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.kind == lkjip::findings::Kind::RatioMismatch)
            .filter(|f| f.locations.first().is_some_and(|l| l.line == line))
            .map(|f| f.message.clone())
            .collect()
    };
    assert!(ratio(86).iter().all(|m| !m.contains("105,10")), "{:?}", ratio(86));
    assert_eq!(
        ratio(84),
        ["Defiasi pelaksanaan SOP dan SP: capaian 353,33 but target / realisasi × 100 is 250,00 (15 / 6)"]
    );
}

/// Dispenda's efficiency table defines efisiensi as 100 − penyerapan (`10,13` beside
/// `89,87`), not capaian − penyerapan: the definition its rows keep is the one it is
/// checked by, so none of its nine rows is a difference error.
#[test]
fn efisiensi_is_checked_by_the_definition_its_table_keeps() {
    let (_, findings) = common::checked_real("jabar-dispenda-lkip-bab3-2016");
    let differences: Vec<&str> = findings
        .iter()
        .filter(|f| f.kind == lkjip::findings::Kind::DifferenceMismatch)
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        differences.iter().all(|m| !m.contains("efisiensi")),
        "{differences:#?}"
    );
}
