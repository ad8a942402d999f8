//! Across reports: the realisasi of year N-1 that a year-N report prints again, against
//! the same agency's report for year N-1 (`value_conflict`).

use crate::dataset::{DiscrepancyRow, IndicatorRow, PlaceRow};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

/// An agency: regency and agency names, reduced to keys.
type Agency = (String, String);

/// The findings of comparing every year-N report with its agency's year N-1 report.
pub fn check_years(rows: &[IndicatorRow]) -> Vec<DiscrepancyRow> {
    // (agency, report year) → the rows of its reports; a quarterly report's realisasi is
    // for part of the year only
    let mut reports: BTreeMap<(Agency, u16), Vec<&IndicatorRow>> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.keys.report_kind != "lkj_triwulan") {
        if let (Some(agency), Some(year)) = (agency(row), row.keys.report_year) {
            reports.entry((agency, year)).or_default().push(row);
        }
    }
    let mut out = Vec::new();
    for ((agency, year), later) in &reports {
        if let Some(earlier) = year
            .checked_sub(1)
            .and_then(|y| reports.get(&(agency.clone(), y)))
        {
            out.extend(compare(later, earlier, year - 1));
        }
    }
    out
}

/// The realisasi for `year` in `later` that no realisasi for `year` in `earlier` matches.
fn compare(later: &[&IndicatorRow], earlier: &[&IndicatorRow], year: u16) -> Vec<DiscrepancyRow> {
    let realisasi = |rows: &[&IndicatorRow]| -> BTreeMap<String, Vec<IndicatorRow>> {
        let mut by_key: BTreeMap<String, Vec<IndicatorRow>> = BTreeMap::new();
        for r in rows
            .iter()
            .filter(|r| r.year == Some(year) && r.period == "annual" && r.realisasi.is_some())
        {
            by_key
                .entry(r.indikator_key.clone())
                .or_default()
                .push((*r).clone());
        }
        by_key
    };
    let (now, then) = (realisasi(later), realisasi(earlier));
    let mut out = Vec::new();
    for (key, printed) in &now {
        let Some(reference) = then.get(key) else {
            continue;
        };
        let mut seen = BTreeSet::new();
        for row in printed {
            let value = row.realisasi.as_deref().unwrap_or_default();
            let agrees = reference
                .iter()
                .any(|r| same(value, r.realisasi.as_deref().unwrap_or_default()));
            if !agrees && seen.insert(value.to_string()) {
                out.push(finding(row, &reference[0], year));
            }
        }
    }
    out
}

/// Whether two printed values are equal within the coarser one's printed precision.
fn same(a: &str, b: &str) -> bool {
    let (Ok(x), Ok(y)) = (Decimal::from_str(a), Decimal::from_str(b)) else {
        return a == b;
    };
    let scale = x.scale().min(y.scale());
    (x - y).abs() * Decimal::from(2) <= Decimal::new(1, scale)
}

fn finding(row: &IndicatorRow, reference: &IndicatorRow, year: u16) -> DiscrepancyRow {
    let found = row.realisasi.clone().unwrap_or_default();
    let expected = reference.realisasi.clone().unwrap_or_default();
    let delta = match (Decimal::from_str(&found), Decimal::from_str(&expected)) {
        (Ok(f), Ok(e)) => Some((f - e).to_string()),
        _ => None,
    };
    let raw = |r: &IndicatorRow| r.realisasi_raw.clone().unwrap_or_default();
    let place = |r: &IndicatorRow, label: String| PlaceRow {
        source_file: r.keys.source_file.clone(),
        line: r.line,
        column: None,
        length: None,
        label,
        text: raw(r),
    };
    DiscrepancyRow {
        keys: row.keys.clone(),
        line: row.line,
        kind: "value_conflict".to_string(),
        severity: "warning".to_string(),
        message: format!(
            "realisasi {year} of {}: printed as {} here (line {}) but as {} in the {year} report ({} line {})",
            row.indikator,
            raw(row),
            row.line,
            raw(reference),
            reference.keys.source_file,
            reference.line
        ),
        expected: Some(expected),
        found: Some(found),
        delta,
        help: Some(format!(
            "one of the two is mistyped, or the {year} figure was revised after its report: a revision should say so"
        )),
        across_reports: true,
        locations: vec![
            place(row, format!("realisasi {year} of {}", row.indikator)),
            place(reference, format!("realisasi {year} of {}", reference.indikator)),
        ],
    }
}

fn agency(row: &IndicatorRow) -> Option<Agency> {
    let key = |s: &Option<String>| s.as_deref().map(crate::canonical::key);
    Some((key(&row.keys.regency)?, key(&row.keys.agency)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::ReportKeys;

    fn row(
        id: &str,
        report_year: u16,
        indikator: &str,
        year: u16,
        realisasi: &str,
        line: usize,
    ) -> IndicatorRow {
        IndicatorRow {
            keys: ReportKeys {
                report_id: id.to_string(),
                regency: Some("Kabupaten Lamongan".to_string()),
                agency: Some("Dinas Tenaga Kerja".to_string()),
                report_kind: "lkjip".to_string(),
                report_year: Some(report_year),
                source_file: format!("{id}.txt"),
            },
            line,
            table: "T1".to_string(),
            table_number: None,
            sasaran: None,
            indikator: indikator.to_string(),
            indikator_key: crate::canonical::key(indikator),
            indikator_canonical: String::new(),
            satuan: None,
            year: Some(year),
            period: "annual".to_string(),
            target: None,
            target_raw: None,
            target_status: None,
            realisasi: Some(realisasi.to_string()),
            realisasi_raw: Some(realisasi.replace('.', ",")),
            realisasi_status: None,
            capaian: None,
            capaian_raw: None,
            capaian_status: None,
        }
    }

    #[test]
    fn a_past_realisasi_printed_differently_is_a_conflict_and_rounding_is_not() {
        let rows = vec![
            row("a", 2023, "Nilai SAKIP DISNAKER", 2023, "88.30", 679),
            row("a", 2023, "Persentase Penduduk yang Bekerja", 2023, "94.54", 669),
            row("b", 2024, "Nilai Sakip Dinas Tenaga Kerja", 2023, "83.80", 592),
            row("b", 2024, "Persentase Penduduk yang Bekerja", 2023, "94.5", 576),
            row("b", 2024, "Persentase Penduduk yang Bekerja", 2024, "90.00", 580),
        ];
        let found = check_years(&rows);
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!(
            (f.line, f.expected.as_deref(), f.found.as_deref()),
            (592, Some("88.30"), Some("83.80"))
        );
        assert_eq!(f.locations[1].line, 679);
        assert_eq!(f.keys.report_id, "b");
    }
}
