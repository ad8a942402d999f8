//! The outputs written as reports arrive, in import order: rows go straight to the CSV
//! and JSON-lines files and each report's findings to the HTML page, so memory holds only
//! counts, the list of files and what the check across years needs — not the reports.
//! Files are written under temporary names and renamed into place at the end.

use super::html;
use super::output::{write_atomic, write_error, Counts, Failure, Summary, OUTPUT_VERSION};
use super::output::{BUDGET_COLUMNS, DISCREPANCY_COLUMNS, INDICATOR_COLUMNS};
use super::{FileEntry, FileStatus, ImportError};
use crate::crossyear::{check_years, printed, Printed};
use crate::dataset::{DiscrepancyRow, ReportKeys, ReportRows};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// One kind of row written as CSV and JSON lines.
struct TableWriter {
    columns: &'static [&'static str],
    csv: Spool,
    jsonl: Spool,
}

/// A file written under a temporary name, renamed into place when done.
struct Spool {
    temporary: PathBuf,
    path: PathBuf,
    writer: BufWriter<File>,
}

impl Spool {
    fn create(path: PathBuf) -> Result<Spool, ImportError> {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let temporary = path.with_file_name(format!(".{name}.lkjip-tmp"));
        let file = File::create(&temporary).map_err(|e| write_error(&temporary, e))?;
        Ok(Spool {
            temporary,
            path,
            writer: BufWriter::new(file),
        })
    }

    fn write(&mut self, text: &str) -> Result<(), ImportError> {
        self.writer
            .write_all(text.as_bytes())
            .map_err(|e| write_error(&self.temporary, e))
    }

    fn commit(mut self) -> Result<(), ImportError> {
        self.writer.flush().map_err(|e| write_error(&self.temporary, e))?;
        std::fs::rename(&self.temporary, &self.path).map_err(|e| write_error(&self.path, e))
    }
}

impl TableWriter {
    fn create(out: &Path, name: &str, columns: &'static [&'static str]) -> Result<TableWriter, ImportError> {
        let mut csv = Spool::create(out.join(format!("{name}.csv")))?;
        csv.write(&super::output::csv_line(columns.iter().map(|c| c.to_string())))?;
        Ok(TableWriter {
            columns,
            csv,
            jsonl: Spool::create(out.join(format!("{name}.jsonl")))?,
        })
    }

    fn write<T: Serialize>(&mut self, row: &T) -> Result<(), ImportError> {
        let value = serde_json::to_value(row).map_err(|e| write_error(&self.csv.path, e))?;
        let columns = self.columns;
        self.csv.write(&super::output::csv_line(
            columns.iter().map(|c| super::output::csv_cell(&value[*c])),
        ))?;
        self.jsonl.write(&super::output::jsonl_line(&value, columns))
    }

    fn commit(self) -> Result<(), ImportError> {
        self.csv.commit()?;
        self.jsonl.commit()
    }
}

/// The outputs of an import or merge, filled report by report in import order.
pub struct Sink {
    out: PathBuf,
    indicators: TableWriter,
    budget_lines: TableWriter,
    discrepancies: TableWriter,
    /// The report sections of `report.html`.
    sections: Spool,
    files: Vec<FileEntry>,
    /// The keys of each file's report (`None` for duplicates and failures).
    keys: Vec<Option<ReportKeys>>,
    counts: Counts,
    by_kind: BTreeMap<String, BTreeMap<String, usize>>,
    /// What the check across years needs of each report.
    printed: Vec<Printed>,
}

impl Sink {
    /// Starts the outputs in `out`.
    pub fn create(out: &Path) -> Result<Sink, ImportError> {
        std::fs::create_dir_all(out).map_err(|e| write_error(out, e))?;
        Ok(Sink {
            out: out.to_path_buf(),
            indicators: TableWriter::create(out, "indicators", INDICATOR_COLUMNS)?,
            budget_lines: TableWriter::create(out, "budget_lines", BUDGET_COLUMNS)?,
            discrepancies: TableWriter::create(out, "discrepancies", DISCREPANCY_COLUMNS)?,
            sections: Spool::create(out.join("report-sections.html"))?,
            files: Vec::new(),
            keys: Vec::new(),
            counts: Counts::default(),
            by_kind: BTreeMap::new(),
            printed: Vec::new(),
        })
    }

    /// Adds the next file: its outcome, and the rows of its report when it was imported.
    pub fn add(&mut self, file: FileEntry, rows: Option<ReportRows>) -> Result<(), ImportError> {
        let index = self.files.len();
        self.count_file(file.status);
        let mut keys = None;
        if let Some(rows) = rows {
            for r in &rows.indicators {
                self.indicators.write(r)?;
            }
            for r in &rows.budget_lines {
                self.budget_lines.write(r)?;
            }
            self.write_findings(&rows.discrepancies)?;
            let id = file.report_id.as_deref().unwrap_or_default();
            let found: Vec<&DiscrepancyRow> = rows.discrepancies.iter().collect();
            self.sections
                .write(&html::report_section(&file.source_file, id, &found))?;
            self.counts.indicators += rows.indicators.len();
            self.counts.budget_lines += rows.budget_lines.len();
            self.printed.extend(printed(&rows.indicators, index));
            keys = rows
                .indicators
                .first()
                .map(|r| r.keys.clone())
                .or_else(|| rows.budget_lines.first().map(|r| r.keys.clone()));
        }
        self.keys.push(keys);
        self.files.push(file);
        Ok(())
    }

    fn count_file(&mut self, status: FileStatus) {
        self.counts.files += 1;
        match status {
            FileStatus::Imported => self.counts.reports += 1,
            FileStatus::Duplicate => self.counts.duplicates += 1,
            FileStatus::Failed => self.counts.failed += 1,
        }
    }

    fn write_findings(&mut self, findings: &[DiscrepancyRow]) -> Result<(), ImportError> {
        for d in findings {
            self.discrepancies.write(d)?;
            *self
                .by_kind
                .entry(d.kind.clone())
                .or_default()
                .entry(d.severity.clone())
                .or_default() += 1;
            self.counts.findings += 1;
        }
        Ok(())
    }

    /// Runs the check across years, writes `summary.json` and `report.html`, and puts
    /// every file in place.
    pub fn finish(mut self) -> Result<Summary, ImportError> {
        let across = check_years(&self.printed, &self.keys);
        self.write_findings(&across)?;
        let found: Vec<&DiscrepancyRow> = across.iter().collect();
        if !found.is_empty() {
            self.sections.write(&html::across_section(&found))?;
        }
        let summary = self.summary();
        let json = serde_json::to_string_pretty(&summary).map_err(|e| write_error(&self.out, e))? + "\n";
        write_atomic(&self.out.join("summary.json"), json.as_bytes())?;
        let sections_path = self.sections.temporary.clone();
        self.sections
            .writer
            .flush()
            .map_err(|e| write_error(&sections_path, e))?;
        self.write_page(&summary, &sections_path)?;
        std::fs::remove_file(&sections_path).map_err(|e| write_error(&sections_path, e))?;
        self.indicators.commit()?;
        self.budget_lines.commit()?;
        self.discrepancies.commit()?;
        Ok(summary)
    }

    fn summary(&self) -> Summary {
        let mut by_severity: BTreeMap<String, usize> = BTreeMap::new();
        for per in self.by_kind.values() {
            for (severity, n) in per {
                *by_severity.entry(severity.clone()).or_default() += n;
            }
        }
        Summary {
            output_version: OUTPUT_VERSION,
            counts: self.counts,
            findings_by_kind: self.by_kind.clone(),
            findings_by_severity: by_severity,
            failures: self
                .files
                .iter()
                .filter_map(|f| {
                    Some(Failure {
                        source_file: f.source_file.clone(),
                        reason: f.reason.clone()?,
                    })
                })
                .collect(),
            files: self.files.clone(),
        }
    }

    /// `report.html`: the head with counts and filters, the report sections, the failures.
    fn write_page(&self, summary: &Summary, sections: &Path) -> Result<(), ImportError> {
        let kinds: BTreeSet<&str> = self.by_kind.keys().map(String::as_str).collect();
        let reports: Vec<&str> = self
            .files
            .iter()
            .filter(|f| f.status == FileStatus::Imported)
            .filter_map(|f| f.report_id.as_deref())
            .collect();
        let mut page = Spool::create(self.out.join("report.html"))?;
        page.write(&html::head(
            summary,
            &kinds.into_iter().collect::<Vec<_>>(),
            &reports,
        ))?;
        let mut body = File::open(sections).map_err(|e| write_error(sections, e))?;
        std::io::copy(&mut body, &mut page.writer).map_err(|e| write_error(&page.temporary, e))?;
        page.write(&html::foot(summary))?;
        page.commit()
    }
}
