//! Checks that stay right — and linear — on tables far larger than the corpus's: a row of
//! thousands of cells (`../shared/repros/wide-row-16000.txt`, once ~40 s), a table of
//! thousands of columns, a budget table of tens of thousands of lines (a province's Renja).
//! The figures of their speed are in `benches/` and README; here, what they find.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use lkjip::check::check;
use lkjip::findings::{Finding, Kind};
use lkjip::report::extract;
use std::path::Path;

fn findings_of(text: &str) -> Vec<Finding> {
    let source = lkjip::source::from_bytes(Path::new("scale.txt"), text.as_bytes()).unwrap();
    check(&extract(&source), &source)
}

/// Indonesian thousands: `1234567` → `1.234.567`.
fn dotted(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[test]
fn a_row_of_sixteen_thousand_cells_is_checked_and_holds() {
    let path = common::shared("repros/wide-row-16000.txt");
    let source = lkjip::source::read(&path).unwrap();
    let findings = check(&extract(&source), &source);
    assert_eq!(findings.len(), 0, "{:?}", findings.first());
}

#[test]
fn one_wrong_total_among_four_thousand_columns_is_found_at_its_column() {
    let n: u64 = 4000;
    let cols: Vec<String> = (1..=n).map(|i| format!("Desa {i}")).collect();
    let row =
        |base: u64, step: u64| -> Vec<String> { (0..n).map(|i| (base + step * i).to_string()).collect() };
    let mut total: Vec<String> = (0..n).map(|i| (600_000 + 20 * i).to_string()).collect();
    total[2345] = (600_000 + 20 * 2345 + 9).to_string();
    let text = format!(
        "Tabel 2.1 Jumlah Pencari Kerja per Desa\n\nNo\tUraian\t{}\n1\tLaki-laki\t{}\n2\tPerempuan\t{}\n\tJUMLAH\t{}\n",
        cols.join("\t"),
        row(100_000, 7).join("\t"),
        row(500_000, 13).join("\t"),
        total.join("\t")
    );
    let findings = findings_of(&text);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f.kind, Kind::SumMismatch);
    assert_eq!(
        f.message,
        "JUMLAH Desa 2346 646.909 is not the sum of its 2 parts (646.900)"
    );
    assert_eq!((f.locations[0].line, f.locations[0].column), (6, Some(16424)));
}

#[test]
fn one_wrong_kegiatan_among_twenty_thousand_budget_lines_is_found_at_its_line() {
    let mut lines = vec![
        "LAPORAN KINERJA INSTANSI PEMERINTAH".to_string(),
        "DINAS TENAGA KERJA KABUPATEN CONTOH".into(),
        "TAHUN 2023".into(),
        String::new(),
        "Tabel 3.8 Realisasi Anggaran".into(),
        String::new(),
        "No\tProgram/Kegiatan\tAnggaran\tRealisasi".into(),
    ];
    let (programs, kegiatan) = (2000u64, 9u64);
    let mut wrong_line = 0;
    for p in 1..=programs {
        // every figure distinct, so no two lines print the same pair by chance
        let amount = |k: u64| 1_000_000_000 + (p * 10 + k) * 1_000_003;
        let spent = |k: u64| amount(k) - (p * 10 + k) * 7_001;
        let (a, r): (u64, u64) = ((1..=kegiatan).map(amount).sum(), (1..=kegiatan).map(spent).sum());
        let printed_r = if p == 1234 { r + 100_000 } else { r };
        if p == 1234 {
            wrong_line = lines.len() + 1;
        }
        lines.push(format!(
            "{p}\tProgram Nomor {p}\t{}\t{}",
            dotted(a),
            dotted(printed_r)
        ));
        for k in 1..=kegiatan {
            lines.push(format!(
                "{p}.{k}\tKegiatan {p}.{k}\t{}\t{}",
                dotted(amount(k)),
                dotted(spent(k))
            ));
        }
    }
    let findings = findings_of(&(lines.join("\n") + "\n"));
    let sums: Vec<&Finding> = findings.iter().filter(|f| f.kind == Kind::SumMismatch).collect();
    assert_eq!(
        sums.len(),
        1,
        "{:#?}",
        findings.iter().take(3).collect::<Vec<_>>()
    );
    assert_eq!(sums[0].locations[0].line, wrong_line);
    assert_eq!(sums[0].delta.as_deref(), Some("100000"));
    assert_eq!(sums[0].locations.len(), 1 + kegiatan as usize);
}
