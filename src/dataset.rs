//! The joined dataset: one flat row per indicator, budget line and finding, each carrying
//! its report's keys (regency, agency, kind, year, source file) and its source line, with
//! canonical names beside the raw text — what `import` writes as CSV and JSON lines.

use crate::canonical;
use crate::concepts::Concepts;
use crate::findings::{Finding, Location};
use crate::records::{BudgetLine, Figure, FigureStatus, Indicator};
use crate::report::ReportDocument;
pub use crate::table_cells::{table_cell_rows, TableCellRow};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// The keys of one report, carried by every row taken from it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReportKeys {
    /// Derived from the report's content: the same report read twice has one id.
    pub report_id: String,
    /// The regency or city (`Kabupaten Lamongan`).
    pub regency: Option<String>,
    /// The reporting agency (`Dinas Tenaga Kerja`).
    pub agency: Option<String>,
    /// `lkjip`, `lkj_triwulan` or `sakip_deck`.
    pub report_kind: String,
    /// The fiscal year reported on.
    pub report_year: Option<u16>,
    /// The file it was read from, as given.
    pub source_file: String,
}

/// One indicator for one year and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorRow {
    /// The report.
    #[serde(flatten)]
    pub keys: Arc<ReportKeys>,
    /// Source line of the row.
    pub line: usize,
    /// Table id and caption number.
    pub table: String,
    /// Caption number of the table (`3.1`).
    pub table_number: Option<String>,
    /// The strategic objective, as printed.
    pub sasaran: Option<String>,
    /// The indicator, as printed.
    pub indikator: String,
    /// The join key of the indicator across reports.
    pub indikator_key: String,
    /// The canonical indicator name.
    pub indikator_canonical: String,
    /// The concept of `data/indicator-concepts.tsv` (or an alias file) the indicator is,
    /// when one is: the key that joins it across agencies and regencies.
    pub indikator_concept: Option<String>,
    /// Unit, when printed.
    pub satuan: Option<String>,
    /// The year the figures are for.
    pub year: Option<u16>,
    /// `annual`, `S1`, `Q2` …
    pub period: String,
    /// Target: exact value (`.` decimal point), as printed, and how sure.
    pub target: Option<String>,
    pub target_raw: Option<String>,
    pub target_status: Option<String>,
    pub target_text: Option<String>,
    /// Realisasi: exact value, as printed, and how sure.
    pub realisasi: Option<String>,
    pub realisasi_raw: Option<String>,
    pub realisasi_status: Option<String>,
    pub realisasi_text: Option<String>,
    /// Capaian: exact value, as printed, and how sure.
    pub capaian: Option<String>,
    pub capaian_raw: Option<String>,
    pub capaian_status: Option<String>,
    pub capaian_text: Option<String>,
}

/// One budget line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetRow {
    /// The report.
    #[serde(flatten)]
    pub keys: Arc<ReportKeys>,
    /// Source line of the row.
    pub line: usize,
    /// Table id.
    pub table: String,
    /// Caption number of the table (`3.8`).
    pub table_number: Option<String>,
    /// The code printed (`4.2.3`).
    pub code: Option<String>,
    /// `total`, `program`, `kegiatan`, `sub_kegiatan` or `other`.
    pub level: String,
    /// The name as printed.
    pub name: String,
    /// The join key of the name across reports.
    pub name_key: String,
    /// The national nomenclature name where it matches, else the canonical form.
    pub name_canonical: String,
    /// The national nomenclature code (Permendagri 90/2019) where the name matches.
    pub nomenclature_code: Option<String>,
    /// Source line of the parent line.
    pub parent_line: Option<usize>,
    /// The year the figures are for.
    pub year: Option<u16>,
    /// `usulan`, `murni`, `perubahan` or `realisasi`: what the anggaran is.
    pub stage: String,
    /// Whether the line counts: one table per report and year is primary.
    pub primary: bool,
    /// Whether `persen` is the physical progress (`Fisik`) printed in place of the percent spent.
    pub persen_fisik: bool,
    /// Anggaran: exact value, as printed, and how sure.
    pub anggaran: Option<String>,
    pub anggaran_raw: Option<String>,
    pub anggaran_status: Option<String>,
    pub anggaran_text: Option<String>,
    /// Anggaran as first enacted, where the revised one is printed beside it.
    pub anggaran_murni: Option<String>,
    pub anggaran_murni_raw: Option<String>,
    pub anggaran_murni_status: Option<String>,
    pub anggaran_murni_text: Option<String>,
    /// Realisasi: exact value, as printed, and how sure.
    pub realisasi: Option<String>,
    pub realisasi_raw: Option<String>,
    pub realisasi_status: Option<String>,
    pub realisasi_text: Option<String>,
    /// Percent spent: exact value, as printed, and how sure.
    pub persen: Option<String>,
    pub persen_raw: Option<String>,
    pub persen_status: Option<String>,
    pub persen_text: Option<String>,
}

/// One finding, at its first location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiscrepancyRow {
    /// The report.
    #[serde(flatten)]
    pub keys: Arc<ReportKeys>,
    /// Source line of the offending cell.
    pub line: usize,
    /// For a PDF, the page of that line, as a viewer counts.
    pub page: Option<u32>,
    /// `sum_mismatch`, `ratio_mismatch`, `value_conflict` …
    pub kind: String,
    /// `error` or `warning`.
    pub severity: String,
    /// What is wrong.
    pub message: String,
    /// The value the other figures imply.
    pub expected: Option<String>,
    /// The value printed.
    pub found: Option<String>,
    /// `found - expected`.
    pub delta: Option<String>,
    /// The likely repair.
    pub help: Option<String>,
    /// Whether the finding compares two reports (found by `import`, not by `check`).
    pub across_reports: bool,
    /// Every place involved, with its source text.
    pub locations: Vec<PlaceRow>,
}

/// A place a finding points to, with the text of its source line. Fields in alphabetical
/// order: the order of the keys in `discrepancies.jsonl` and in the CSV's JSON cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceRow {
    /// For a cell of a PDF table, where its page prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<crate::findings::CellBox>,
    /// 1-based character column of the cell, when known.
    pub column: Option<usize>,
    /// What is there.
    pub label: String,
    /// Length in characters of the cell, when known.
    pub length: Option<usize>,
    /// 1-based line.
    pub line: usize,
    /// For a PDF, the page of that line, as a viewer counts.
    pub page: Option<u32>,
    /// The file, when another report's.
    pub source_file: String,
    /// The source line as printed.
    pub text: String,
}

/// Every row taken from one report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportRows {
    /// Indicator rows, in source order.
    pub indicators: Vec<IndicatorRow>,
    /// Budget rows, in source order.
    pub budget_lines: Vec<BudgetRow>,
    /// Findings, in check order.
    pub discrepancies: Vec<DiscrepancyRow>,
    /// Figures of tables no record carries, in source order.
    pub table_cells: Vec<TableCellRow>,
}

/// Where a report's rows go as they are made, one at a time, kind after kind: indicators,
/// budget lines, findings, table cells.
pub trait RowSink {
    /// What stops the rows.
    type Error;
    /// The next indicator row.
    fn indicator(&mut self, row: IndicatorRow) -> Result<(), Self::Error>;
    /// The next budget row.
    fn budget_line(&mut self, row: BudgetRow) -> Result<(), Self::Error>;
    /// The next finding.
    fn discrepancy(&mut self, row: DiscrepancyRow) -> Result<(), Self::Error>;
    /// The next table cell no record carries.
    fn table_cell(&mut self, row: TableCellRow) -> Result<(), Self::Error>;
}

/// The keys of a report: metadata, content id and source file.
pub fn report_keys(doc: &ReportDocument, source_file: &str) -> ReportKeys {
    ReportKeys {
        report_id: report_id(doc),
        regency: doc.report.pemerintah.clone(),
        agency: doc.report.perangkat_daerah.clone(),
        report_kind: snake(&doc.report.kind),
        report_year: doc.report.fiscal_year,
        source_file: source_file.to_string(),
    }
}

/// The rows of one report, handed to `to` as they are made (never all held at once);
/// `lines` are its source lines, for the findings' excerpts, and `concepts` the catalogue
/// its indicators are matched against.
pub fn report_rows<S: RowSink>(
    doc: &ReportDocument,
    findings: &[Finding],
    keys: &ReportKeys,
    lines: &[&str],
    concepts: &Concepts,
    to: &mut S,
) -> Result<(), S::Error> {
    // every row carries the keys: one copy, shared
    let keys = &Arc::new(keys.clone());
    // a name is printed for each year and figure: its key and concept are worked out once
    let context: Vec<&str> = [&keys.regency, &keys.agency]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let mut names: HashMap<&str, Naming> = HashMap::new();
    for i in &doc.indicators {
        let naming = names
            .entry(i.indikator.as_str())
            .or_insert_with(|| Naming::of(&i.indikator, &context, concepts));
        to.indicator(indicator_row(i, keys, naming))?;
    }
    for b in &doc.budget_lines {
        to.budget_line(budget_row(b, keys))?;
    }
    for f in findings {
        to.discrepancy(discrepancy_row(f, keys, lines))?;
    }
    table_cell_rows(doc, keys, |row| to.table_cell(row))
}

/// A report id from its content: a slug of who and when, and a hash of the metadata and
/// every record's names and values (not of line numbers or layout), so a report imported
/// twice — even once as PDF and once as text dump — is one report.
pub fn report_id(doc: &ReportDocument) -> String {
    let meta = &doc.report;
    let signed = meta.signed.as_ref().map(|s| (&s.place, &s.date));
    let mut content = format!(
        "{:?}|{:?}|{}|{:?}|{}|{signed:?}",
        meta.pemerintah,
        meta.perangkat_daerah,
        snake(&meta.kind),
        meta.fiscal_year,
        meta.period
    );
    for i in &doc.indicators {
        let figures = [&i.target, &i.realisasi, &i.capaian].map(|f| value(f).unwrap_or_default());
        content.push_str(&format!(
            "\ni|{}|{:?}|{}|{}",
            canonical::key(&i.indikator),
            i.year,
            i.period,
            figures.join("|")
        ));
    }
    for b in &doc.budget_lines {
        let figures = [&b.anggaran, &b.realisasi, &b.persen].map(|f| value(f).unwrap_or_default());
        let code = b.code.as_deref().unwrap_or("");
        content.push_str(&format!(
            "\nb|{code}|{}|{}",
            canonical::key(&b.name),
            figures.join("|")
        ));
    }
    let who = [
        meta.pemerintah.as_deref().unwrap_or("unknown"),
        meta.perangkat_daerah.as_deref().unwrap_or(""),
        &snake(&meta.kind),
        &meta.fiscal_year.map(|y| y.to_string()).unwrap_or_default(),
    ]
    .join(" ");
    let slug = canonical::key(&who).replace(' ', "-");
    format!("{slug}-{:016x}", fnv1a(content.as_bytes()))
}

/// The 64-bit FNV-1a hash: stable across platforms and releases, enough to tell reports apart.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What an indicator's printed name is joined by: its key, canonical name and concept.
struct Naming {
    key: String,
    canonical: String,
    concept: Option<String>,
}

impl Naming {
    fn of(name: &str, context: &[&str], concepts: &Concepts) -> Naming {
        let key = canonical::key(name);
        Naming {
            canonical: canonical::display(&key),
            concept: concepts.concept_of(name, context),
            key,
        }
    }
}

fn indicator_row(i: &Indicator, keys: &Arc<ReportKeys>, naming: &Naming) -> IndicatorRow {
    let [target, realisasi, capaian] = [&i.target, &i.realisasi, &i.capaian].map(columns);
    IndicatorRow {
        keys: keys.clone(),
        line: i.line,
        table: i.table.clone(),
        table_number: i.table_number.clone(),
        sasaran: i.sasaran.clone(),
        indikator: i.indikator.clone(),
        indikator_canonical: naming.canonical.clone(),
        indikator_key: naming.key.clone(),
        indikator_concept: naming.concept.clone(),
        satuan: i.satuan.clone(),
        year: i.year,
        period: i.period.clone(),
        target: target.0,
        target_raw: target.1,
        target_status: target.2,
        target_text: target.3,
        realisasi: realisasi.0,
        realisasi_raw: realisasi.1,
        realisasi_status: realisasi.2,
        realisasi_text: realisasi.3,
        capaian: capaian.0,
        capaian_raw: capaian.1,
        capaian_status: capaian.2,
        capaian_text: capaian.3,
    }
}

fn budget_row(b: &BudgetLine, keys: &Arc<ReportKeys>) -> BudgetRow {
    let key = canonical::key(&b.name);
    let [anggaran, anggaran_murni, realisasi, persen] =
        [&b.anggaran, &b.anggaran_murni, &b.realisasi, &b.persen].map(columns);
    BudgetRow {
        keys: keys.clone(),
        line: b.line,
        table: b.table.clone(),
        table_number: b.table_number.clone(),
        code: b.code.clone(),
        level: snake(&b.level),
        name: b.name.clone(),
        name_canonical: b
            .nomenclature
            .as_ref()
            .map_or_else(|| canonical::display(&key), |n| n.name.clone()),
        name_key: key,
        nomenclature_code: b.nomenclature.as_ref().map(|n| n.code.clone()),
        parent_line: b.parent,
        year: b.year,
        stage: snake(&b.stage),
        primary: b.primary,
        persen_fisik: b.persen_fisik,
        anggaran: anggaran.0,
        anggaran_raw: anggaran.1,
        anggaran_status: anggaran.2,
        anggaran_text: anggaran.3,
        anggaran_murni: anggaran_murni.0,
        anggaran_murni_raw: anggaran_murni.1,
        anggaran_murni_status: anggaran_murni.2,
        anggaran_murni_text: anggaran_murni.3,
        realisasi: realisasi.0,
        realisasi_raw: realisasi.1,
        realisasi_status: realisasi.2,
        realisasi_text: realisasi.3,
        persen: persen.0,
        persen_raw: persen.1,
        persen_status: persen.2,
        persen_text: persen.3,
    }
}

fn discrepancy_row(f: &Finding, keys: &Arc<ReportKeys>, lines: &[&str]) -> DiscrepancyRow {
    DiscrepancyRow {
        keys: keys.clone(),
        line: f.locations.first().map_or(0, |l| l.line),
        page: f.locations.first().and_then(|l| l.page),
        kind: f.kind.name().to_string(),
        severity: snake(&f.severity),
        message: f.message.clone(),
        expected: f.expected.clone(),
        found: f.found.clone(),
        delta: f.delta.clone(),
        help: f.help.clone(),
        across_reports: false,
        locations: f
            .locations
            .iter()
            .map(|l| place(l, &keys.source_file, lines))
            .collect(),
    }
}

/// A finding's location with the text of its line.
pub fn place(l: &Location, source_file: &str, lines: &[&str]) -> PlaceRow {
    PlaceRow {
        source_file: source_file.to_string(),
        line: l.line,
        page: l.page,
        bbox: l.bbox,
        column: l.column,
        length: l.length,
        label: l.label.clone(),
        text: lines.get(l.line.wrapping_sub(1)).unwrap_or(&"").to_string(),
    }
}

/// A figure as (value, raw text, status).
fn columns(f: &Option<Figure>) -> (Option<String>, Option<String>, Option<String>, Option<String>) {
    match f {
        None => (None, None, None, None),
        Some(f) => {
            // a number is a value; a grade or words are text, so the value column stays numeric
            let numeric = matches!(f.status, FigureStatus::Exact | FigureStatus::Settled);
            let text = match f.status {
                FigureStatus::Grade => f.value.map(|v| v.to_string()),
                FigureStatus::Text => Some(f.raw.to_string()),
                _ => None,
            };
            (
                f.value.filter(|_| numeric).map(|v| v.to_string()),
                Some(f.raw.to_string()),
                Some(snake(&f.status)),
                text,
            )
        }
    }
}

fn value(f: &Option<Figure>) -> Option<String> {
    f.as_ref().and_then(|f| f.value).map(|v| v.to_string())
}

/// The snake_case name serde gives a unit enum variant.
pub(crate) fn snake(v: &impl Serialize) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
