//! Across reports: the realisasi of year N-1 that a year-N report prints again, against
//! the same agency's report for year N-1 (`value_conflict`).

use crate::dataset::{DiscrepancyRow, IndicatorRow, PlaceRow, ReportKeys};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashSet};
use std::str::FromStr;
use std::sync::Arc;

/// What the check across years keeps of an import's reports as they arrive, file by file.
#[derive(Debug, Default)]
pub struct Years {
    /// The realisasi each report prints for its own year and the year before.
    printed: Vec<Printed>,
    /// The keys of each file's report (`None` for duplicates and failures).
    keys: Vec<Option<Arc<ReportKeys>>>,
    /// The text of those entries, each kept once.
    texts: Interner,
}

impl Years {
    /// The next file of the import: what the check keeps of its report, when it was
    /// imported.
    pub fn add(&mut self, recent: Option<&Recent>) {
        let file = self.keys.len();
        let keys = recent.and_then(|recent| {
            let texts = &mut self.texts;
            self.printed.extend(recent.realisasi.iter().map(|r| Printed {
                file,
                year: r.year,
                key: texts.get(&r.key),
                value: texts.get(&r.value),
                raw: texts.get(&r.raw),
                line: r.line,
                indikator: texts.get(&r.indikator),
            }));
            recent.keys.clone()
        });
        self.keys.push(keys);
    }

    /// Runs the check over every report added (see `check_years`).
    pub fn check<E>(&self, found: impl FnMut(Vec<DiscrepancyRow>) -> Result<(), E>) -> Result<(), E> {
        check_years(&self.printed, &self.keys, found)
    }
}

/// What the check across years needs of one report, gathered from its rows as they are
/// printed: its keys and the realisasi it prints for its own year and the year before.
#[derive(Debug, Default)]
pub struct Recent {
    /// The keys its first indicator or budget row carries.
    keys: Option<Arc<ReportKeys>>,
    /// One per indicator, year and value, in source order.
    realisasi: Vec<Realisasi>,
    /// (year, indicator key, value) of those kept.
    seen: HashSet<(u16, String, String)>,
}

/// A realisasi a report prints for its own year or the year before.
#[derive(Debug)]
struct Realisasi {
    year: u16,
    key: String,
    value: String,
    raw: String,
    line: usize,
    indikator: String,
}

impl Recent {
    /// Notes an indicator row: an annual realisasi of the report's year or the year before.
    pub fn indicator(&mut self, r: &IndicatorRow) {
        self.keys.get_or_insert_with(|| r.keys.clone());
        if r.period != "annual" {
            return;
        }
        let (Some(year), Some(report_year), Some(value)) = (r.year, r.keys.report_year, &r.realisasi) else {
            return;
        };
        let recent = year == report_year || year + 1 == report_year;
        if recent && self.seen.insert((year, r.indikator_key.clone(), value.clone())) {
            self.realisasi.push(Realisasi {
                year,
                key: r.indikator_key.clone(),
                value: value.clone(),
                raw: r.realisasi_raw.clone().unwrap_or_default(),
                line: r.line,
                indikator: r.indikator.clone(),
            });
        }
    }

    /// Notes a budget row: its keys, when no indicator row came first.
    pub fn budget_line(&mut self, keys: &Arc<ReportKeys>) {
        self.keys.get_or_insert_with(|| keys.clone());
    }
}

/// An agency: regency and agency names, reduced to keys.
type Agency = (String, String);

/// A realisasi a report prints for its own year or the year before: what the check across
/// years keeps of a report (one per indicator, year and value), its text shared with every
/// other report that prints the same, so memory stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Printed {
    /// Index of the report's file in the import.
    pub file: usize,
    /// The year the realisasi is for.
    pub year: u16,
    /// The indicator's join key.
    pub key: Arc<str>,
    /// Its exact value.
    pub value: Arc<str>,
    /// As printed.
    pub raw: Arc<str>,
    /// Source line.
    pub line: usize,
    /// The indicator as printed.
    pub indikator: Arc<str>,
}

/// Text kept once, however many reports print it.
#[derive(Debug, Default)]
struct Interner(HashSet<Arc<str>>);

impl Interner {
    /// The shared copy of `text`.
    fn get(&mut self, text: &str) -> Arc<str> {
        if let Some(kept) = self.0.get(text) {
            return kept.clone();
        }
        let kept: Arc<str> = text.into();
        self.0.insert(kept.clone());
        kept
    }
}

/// Compares every year-N report with its agency's year-N-1 reports, handing `found` the
/// findings of one agency and year at a time (so they need not all be held at once);
/// `keys[file]` are the keys of each imported file's report.
fn check_years<E>(
    printed: &[Printed],
    keys: &[Option<Arc<ReportKeys>>],
    mut found: impl FnMut(Vec<DiscrepancyRow>) -> Result<(), E>,
) -> Result<(), E> {
    // (agency, report year) → the realisasi its reports print; a quarterly report's
    // realisasi is for part of the year only
    let agencies: Vec<Option<(Agency, u16)>> = keys
        .iter()
        .map(|k| {
            let k = k.as_ref().filter(|k| k.report_kind != "lkj_triwulan")?;
            Some((agency(k)?, k.report_year?))
        })
        .collect();
    let mut reports: BTreeMap<&(Agency, u16), Vec<&Printed>> = BTreeMap::new();
    for p in printed {
        if let Some(Some(at)) = agencies.get(p.file) {
            reports.entry(at).or_default().push(p);
        }
    }
    for ((agency, year), later) in &reports {
        if let Some(earlier) = year
            .checked_sub(1)
            .and_then(|y| reports.get(&(agency.clone(), y)))
        {
            found(compare(later, earlier, year - 1, keys))?;
        }
    }
    Ok(())
}

/// The realisasi for `year` in `later` that no realisasi for `year` in `earlier` matches.
fn compare(
    later: &[&Printed],
    earlier: &[&Printed],
    year: u16,
    keys: &[Option<Arc<ReportKeys>>],
) -> Vec<DiscrepancyRow> {
    let of_year = |ps: &[&Printed]| -> BTreeMap<Arc<str>, Vec<Printed>> {
        let mut by_key: BTreeMap<Arc<str>, Vec<Printed>> = BTreeMap::new();
        for p in ps.iter().filter(|p| p.year == year) {
            by_key.entry(p.key.clone()).or_default().push((*p).clone());
        }
        by_key
    };
    let (now, then) = (of_year(later), of_year(earlier));
    let mut out = Vec::new();
    for (key, printed) in &now {
        let Some(reference) = then.get(key) else {
            continue;
        };
        for p in printed {
            if let (false, Some(first)) = (
                reference.iter().any(|r| same(&p.value, &r.value)),
                reference.first(),
            ) {
                out.extend(finding(p, first, year, keys));
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

fn finding(
    p: &Printed,
    reference: &Printed,
    year: u16,
    keys: &[Option<Arc<ReportKeys>>],
) -> Option<DiscrepancyRow> {
    let (mine, theirs) = (keys.get(p.file)?.as_ref()?, keys.get(reference.file)?.as_ref()?);
    let delta = match (Decimal::from_str(&p.value), Decimal::from_str(&reference.value)) {
        (Ok(f), Ok(e)) => Some((f - e).to_string()),
        _ => None,
    };
    let place = |q: &Printed, k: &ReportKeys| PlaceRow {
        source_file: k.source_file.clone(),
        line: q.line,
        page: None,
        bbox: None,
        column: None,
        length: None,
        label: format!("realisasi {year} of {}", q.indikator),
        text: q.raw.to_string(),
    };
    Some(DiscrepancyRow {
        keys: mine.clone(),
        line: p.line,
        page: None,
        kind: "value_conflict".to_string(),
        severity: "warning".to_string(),
        message: format!(
            "realisasi {year} of {}: printed as {} here (line {}) but as {} in the {year} report ({} line {})",
            p.indikator, p.raw, p.line, reference.raw, theirs.source_file, reference.line
        ),
        expected: Some(reference.value.to_string()),
        found: Some(p.value.to_string()),
        delta,
        help: Some(format!(
            "one of the two is mistyped, or the {year} figure was revised after its report: a revision should say so"
        )),
        across_reports: true,
        locations: vec![place(p, mine), place(reference, theirs)],
    })
}

fn agency(k: &ReportKeys) -> Option<Agency> {
    let key = |s: &Option<String>| s.as_deref().map(crate::canonical::key);
    Some((key(&k.regency)?, key(&k.agency)?))
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
            keys: Arc::new(ReportKeys {
                report_id: id.to_string(),
                regency: Some("Kabupaten Lamongan".to_string()),
                agency: Some("Dinas Tenaga Kerja".to_string()),
                report_kind: "lkjip".to_string(),
                report_year: Some(report_year),
                source_file: format!("{id}.txt"),
            }),
            line,
            table: "T1".to_string(),
            table_number: None,
            sasaran: None,
            indikator: indikator.to_string(),
            indikator_key: crate::canonical::key(indikator),
            indikator_canonical: String::new(),
            indikator_concept: None,
            satuan: None,
            year: Some(year),
            period: "annual".to_string(),
            target: None,
            target_raw: None,
            target_status: None,
            target_text: None,
            realisasi: Some(realisasi.to_string()),
            realisasi_raw: Some(realisasi.replace('.', ",")),
            realisasi_status: None,
            realisasi_text: None,
            capaian: None,
            capaian_raw: None,
            capaian_status: None,
            capaian_text: None,
        }
    }

    #[test]
    fn a_past_realisasi_printed_differently_is_a_conflict_and_rounding_is_not() {
        let rows = [
            row("a", 2023, "Nilai SAKIP DISNAKER", 2023, "88.30", 679),
            row("a", 2023, "Persentase Penduduk yang Bekerja", 2023, "94.54", 669),
            row("b", 2024, "Nilai Sakip Dinas Tenaga Kerja", 2023, "83.80", 592),
            row("b", 2024, "Persentase Penduduk yang Bekerja", 2023, "94.5", 576),
            row("b", 2024, "Persentase Penduduk yang Bekerja", 2024, "90.00", 580),
        ];
        let mut years = Years::default();
        for report in [&rows[..2], &rows[2..]] {
            let mut recent = Recent::default();
            report.iter().for_each(|r| recent.indicator(r));
            years.add(Some(&recent));
        }
        let mut found = Vec::new();
        let outcome: Result<(), ()> = years.check(|f| {
            found.extend(f);
            Ok(())
        });
        assert_eq!(outcome, Ok(()));
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
