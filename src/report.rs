//! The canonical report document and the extract pipeline that builds it:
//! source → headings → tables → records.

use crate::deck::{is_deck, slide_tables};
use crate::metadata::{read_metadata, Metadata};
use crate::model::{page_of, Heading, PageReport, Table};
use crate::records::{budget_lines, indicators, BudgetLine, Indicator};
use crate::segment::headings;
use crate::source::{read, Source, SourceError};
use crate::tables::rebuild;
use schemars::JsonSchema;
use serde::Serialize;
use std::path::Path;

/// Version of the canonical document layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// One report, extracted: its metadata, document model and records.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ReportDocument {
    /// Version of this layout.
    pub schema_version: u32,
    /// The file the report was read from.
    pub source: SourceInfo,
    /// Who reported what, for when.
    pub report: Metadata,
    /// Chapters, sections and table captions, in reading order.
    pub headings: Vec<Heading>,
    /// Every table, with every cell as printed and as read.
    pub tables: Vec<Table>,
    /// Indicator rows: target, realisasi, capaian per year.
    pub indicators: Vec<Indicator>,
    /// Budget lines: anggaran, realisasi, % with their program hierarchy.
    pub budget_lines: Vec<BudgetLine>,
    /// For a PDF, every page: read (with its lines), without text, or failed and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PageReport>,
}

/// The file a report was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SourceInfo {
    /// File name.
    pub file: String,
    /// Number of lines.
    pub lines: usize,
    /// Size in bytes.
    pub bytes: usize,
}

/// Reads and extracts one report file.
pub fn extract_file(path: &Path) -> Result<ReportDocument, SourceError> {
    read(path).map(|s| extract(&s))
}

/// Extracts a report already read into memory.
pub fn extract(source: &Source) -> ReportDocument {
    let lines = source.lines();
    let report = read_metadata(&lines);
    let (headings, mut tables) = match is_deck(&lines) {
        true => (Vec::new(), slide_tables(&lines)),
        false => {
            let headings = headings(&lines);
            let mut tables = rebuild(&lines, &headings, &source.table_rows);
            for table in &mut tables {
                if let Some(row) = source.table_rows.get(&table.lines[0]) {
                    table.layout = row.layout;
                }
            }
            (headings, tables)
        }
    };
    for row in tables.iter_mut().flat_map(|t| t.rows.iter_mut()) {
        row.page = page_of(&source.pages, row.line);
    }
    let mut indicators = indicators(&tables, report.fiscal_year, &report.period);
    let mut budget_lines = budget_lines(&tables, report.fiscal_year);
    note_ocr_confidence(source, &mut indicators, &mut budget_lines);
    ReportDocument {
        schema_version: SCHEMA_VERSION,
        source: SourceInfo {
            file: source.name.clone(),
            lines: lines.len(),
            bytes: source.text.len(),
        },
        indicators,
        budget_lines,
        report,
        headings,
        tables,
        pages: source.pages.clone(),
    }
}

/// Notes on each figure OCR read how sure the reading is (a low one makes it uncertain).
fn note_ocr_confidence(source: &Source, indicators: &mut [Indicator], budget_lines: &mut [BudgetLine]) {
    if !source.read_by_ocr() {
        return;
    }
    let figures = indicators.iter_mut().flat_map(Indicator::figures_mut);
    let figures = figures.chain(budget_lines.iter_mut().flat_map(BudgetLine::figures_mut));
    for f in figures.flatten() {
        if let Some(confidence) = source.ocr_confidence(f.line, &f.raw) {
            f.read_by_ocr(confidence);
        }
    }
}

/// The JSON Schema of [`ReportDocument`].
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(ReportDocument)
}
