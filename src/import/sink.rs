//! The outputs written as reports arrive, in import order: rows go straight to the CSV
//! and JSON-lines files and each report's findings to the HTML page, so memory holds only
//! counts, the list of files and what the check across years needs — not the reports.
//! Files are written under temporary names and renamed into place at the end.

use super::html;
use super::inputs::Skipped;
use super::output::{
    sha256_hex, write_atomic, write_error, write_timings, Counts, DataFile, Failure, Summary, OUTPUT_VERSION,
};
use super::output::{BUDGET_COLUMNS, DISCREPANCY_COLUMNS, INDICATOR_COLUMNS, TABLE_CELL_COLUMNS};
use super::{FileEntry, FileStatus, ImportError};
use crate::dataset::{DiscrepancyRow, ReportKeys, ReportRows};
use crate::source::FailureKind;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One kind of row written as CSV and JSON lines.
struct TableWriter {
    /// The table's name (`indicators` …), which names its sheet of the workbook.
    #[cfg(feature = "xlsx")]
    name: &'static str,
    csv: Spool,
    jsonl: Spool,
}

/// A file written under a temporary name, renamed into place when done, its size, lines
/// and checksum counted as it is written.
struct Spool {
    temporary: PathBuf,
    path: PathBuf,
    writer: BufWriter<File>,
    sha256: Sha256,
    bytes: u64,
    lines: u64,
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
            sha256: Sha256::new(),
            bytes: 0,
            lines: 0,
        })
    }

    fn write(&mut self, text: &str) -> Result<(), ImportError> {
        self.write_bytes(text.as_bytes())
    }

    fn write_bytes(&mut self, bytes: &[u8]) -> Result<(), ImportError> {
        self.sha256.update(bytes);
        self.bytes += bytes.len() as u64;
        self.lines += bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        self.writer
            .write_all(bytes)
            .map_err(|e| write_error(&self.temporary, e))
    }

    /// Writes the file out to the disk under its name, and says what it holds.
    fn commit(self) -> Result<(String, DataFile), ImportError> {
        let file = self
            .writer
            .into_inner()
            .map_err(|e| write_error(&self.temporary, e.error()))?;
        file.sync_all().map_err(|e| write_error(&self.temporary, e))?;
        std::fs::rename(&self.temporary, &self.path).map_err(|e| write_error(&self.path, e))?;
        let name = self
            .path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        Ok((
            name,
            DataFile {
                bytes: self.bytes,
                lines: self.lines,
                sha256: sha256_hex(self.sha256),
            },
        ))
    }
}

impl TableWriter {
    fn create(
        out: &Path,
        name: &'static str,
        columns: &'static [&'static str],
    ) -> Result<TableWriter, ImportError> {
        let mut csv = Spool::create(out.join(format!("{name}.csv")))?;
        csv.write(&super::output::csv_line(columns.iter().map(|c| c.to_string())))?;
        Ok(TableWriter {
            #[cfg(feature = "xlsx")]
            name,
            csv,
            jsonl: Spool::create(out.join(format!("{name}.jsonl")))?,
        })
    }

    fn write(&mut self, lines: &Lines) -> Result<(), ImportError> {
        self.csv.write(&lines.csv)?;
        self.jsonl.write_bytes(&lines.jsonl)
    }

    fn commit(self, into: &mut BTreeMap<String, DataFile>) -> Result<(), ImportError> {
        for spool in [self.csv, self.jsonl] {
            let (name, file) = spool.commit()?;
            into.insert(name, file);
        }
        Ok(())
    }
}

/// Rows of one kind as the CSV and JSON-lines files print them.
struct Lines {
    csv: String,
    jsonl: Vec<u8>,
}

impl Lines {
    fn of<T: Serialize>(rows: &[T], columns: &[&str]) -> Result<Lines, serde_json::Error> {
        let mut lines = Lines {
            csv: String::new(),
            jsonl: Vec::new(),
        };
        for row in rows {
            let mut fields = super::csv_fields::fields(row)?;
            // the fields come in the columns' order: each is looked for from the last found
            let mut next = 0;
            let cells = columns.iter().map(|c| {
                let at = (next..fields.len())
                    .chain(0..next)
                    .find(|&i| fields.get(i).is_some_and(|(name, _)| name == c));
                at.and_then(|i| {
                    next = i + 1;
                    fields.get_mut(i).map(|(_, text)| std::mem::take(text))
                })
                .unwrap_or_default()
            });
            lines.csv.push_str(&super::output::csv_line(cells));
            // the row's fields are the columns, in order (a test in output holds it so)
            serde_json::to_writer(&mut lines.jsonl, row)?;
            lines.jsonl.push(b'\n');
        }
        Ok(lines)
    }
}

/// A report's rows with the text each output prints for them, made where the report was
/// read (in parallel), so the sink only appends.
pub struct Printout {
    rows: ReportRows,
    indicators: Lines,
    budget_lines: Lines,
    discrepancies: Lines,
    table_cells: Lines,
    /// Its findings as lines of `report.html`'s data.
    records: String,
    /// The report as `report.html` names it.
    entry: html::ReportEntry,
}

impl Printout {
    /// The outputs' text for the rows of report `id`, read from `source_file`.
    pub fn of(source_file: &str, id: &str, rows: ReportRows) -> Result<Printout, serde_json::Error> {
        let keys = rows.keys().cloned().unwrap_or_else(|| {
            std::sync::Arc::new(ReportKeys {
                report_id: id.to_string(),
                source_file: source_file.to_string(),
                ..ReportKeys::default()
            })
        });
        Ok(Printout {
            indicators: Lines::of(&rows.indicators, INDICATOR_COLUMNS)?,
            budget_lines: Lines::of(&rows.budget_lines, BUDGET_COLUMNS)?,
            discrepancies: Lines::of(&rows.discrepancies, DISCREPANCY_COLUMNS)?,
            table_cells: Lines::of(&rows.table_cells, TABLE_CELL_COLUMNS)?,
            records: html::records(&rows.discrepancies),
            entry: html::ReportEntry::of(&keys),
            rows,
        })
    }

    /// The rows it prints.
    pub fn rows(&self) -> &ReportRows {
        &self.rows
    }

    /// How many indicator rows, budget lines and findings it holds.
    pub fn counts(&self) -> (usize, usize, usize) {
        let r = &self.rows;
        (r.indicators.len(), r.budget_lines.len(), r.discrepancies.len())
    }
}

/// The outputs of an import or merge, filled report by report in import order.
pub struct Sink {
    out: PathBuf,
    indicators: TableWriter,
    budget_lines: TableWriter,
    discrepancies: TableWriter,
    table_cells: TableWriter,
    /// The findings' lines of `report.html`'s data.
    records: Spool,
    /// The reports imported, as `report.html` names them.
    reports: Vec<html::ReportEntry>,
    files: Vec<FileEntry>,
    counts: Counts,
    /// Input entries not read.
    skipped: Vec<Skipped>,
    by_kind: BTreeMap<String, BTreeMap<String, usize>>,
    /// `dataset.xlsx`, filled as the rows are written.
    #[cfg(feature = "xlsx")]
    sheets: super::workbook::Sheets,
}

impl Sink {
    /// Starts the outputs in `out`, of an import that passed over the `skipped` entries.
    pub fn create(out: &Path, skipped: Vec<Skipped>) -> Result<Sink, ImportError> {
        std::fs::create_dir_all(out).map_err(|e| write_error(out, e))?;
        Ok(Sink {
            out: out.to_path_buf(),
            indicators: TableWriter::create(out, "indicators", INDICATOR_COLUMNS)?,
            budget_lines: TableWriter::create(out, "budget_lines", BUDGET_COLUMNS)?,
            discrepancies: TableWriter::create(out, "discrepancies", DISCREPANCY_COLUMNS)?,
            table_cells: TableWriter::create(out, "table_cells", TABLE_CELL_COLUMNS)?,
            records: Spool::create(out.join("report-findings.jsonl"))?,
            reports: Vec::new(),
            files: Vec::new(),
            counts: Counts::default(),
            skipped,
            by_kind: BTreeMap::new(),
            #[cfg(feature = "xlsx")]
            sheets: super::workbook::Sheets::start(out),
        })
    }

    /// Lists a file read but passed over (not a report).
    pub fn skip(&mut self, skipped: Skipped) {
        self.skipped.push(skipped);
    }

    /// Adds the next file: its outcome, and its report's rows when it was imported.
    pub fn add(&mut self, file: FileEntry, printout: Option<Printout>) -> Result<(), ImportError> {
        self.count_file(file.status);
        if let Some(mut p) = printout {
            for (table, lines) in [
                (&mut self.indicators, &mut p.indicators),
                (&mut self.budget_lines, &mut p.budget_lines),
                (&mut self.discrepancies, &mut p.discrepancies),
                (&mut self.table_cells, &mut p.table_cells),
            ] {
                table.write(lines)?;
                // the lines written go on to the workbook, moved, not copied
                #[cfg(feature = "xlsx")]
                self.sheets.add(table.name, std::mem::take(&mut lines.jsonl));
            }
            let rows = &p.rows;
            self.count_findings(&rows.discrepancies);
            self.records.write(&p.records)?;
            self.reports.push(p.entry);
            self.counts.indicators += rows.indicators.len();
            self.counts.budget_lines += rows.budget_lines.len();
            self.counts.table_cells += rows.table_cells.len();
        }
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

    fn count_findings(&mut self, findings: &[DiscrepancyRow]) {
        for d in findings {
            *self
                .by_kind
                .entry(d.kind.clone())
                .or_default()
                .entry(d.severity.clone())
                .or_default() += 1;
            self.counts.findings += 1;
        }
    }

    /// Adds findings across reports (one agency and year).
    pub fn add_across(&mut self, across: Vec<DiscrepancyRow>) -> Result<(), ImportError> {
        if across.is_empty() {
            return Ok(());
        }
        let lines = Lines::of(&across, DISCREPANCY_COLUMNS).map_err(|e| write_error(&self.out, e))?;
        self.discrepancies.write(&lines)?;
        #[cfg(feature = "xlsx")]
        self.sheets.add(self.discrepancies.name, lines.jsonl);
        self.count_findings(&across);
        self.records.write(&html::records(&across))
    }

    /// Writes the data files, `summary.json` (with their checksums), `datapackage.json`
    /// (their declared types), `report.html` and `timings.json` (the time since `started`).
    pub fn finish(mut self, started: Instant) -> Result<Summary, ImportError> {
        let mut summary = self.summary();
        let records_path = self.records.temporary.clone();
        self.records
            .writer
            .flush()
            .map_err(|e| write_error(&records_path, e))?;
        self.write_page(&summary, &records_path)?;
        std::fs::remove_file(&records_path).map_err(|e| write_error(&records_path, e))?;
        for table in [
            self.indicators,
            self.budget_lines,
            self.discrepancies,
            self.table_cells,
        ] {
            table.commit(&mut summary.data_files)?;
        }
        let json = serde_json::to_string_pretty(&summary).map_err(|e| write_error(&self.out, e))? + "\n";
        write_atomic(&self.out.join("summary.json"), json.as_bytes())?;
        let package = serde_json::to_string_pretty(&super::schema::datapackage())
            .map_err(|e| write_error(&self.out, e))?
            + "\n";
        write_atomic(&self.out.join("datapackage.json"), package.as_bytes())?;
        #[cfg(feature = "parquet")]
        super::parquet::write(&self.out)?;
        #[cfg(feature = "xlsx")]
        self.sheets.finish()?;
        write_timings(&self.out, &summary, started.elapsed())?;
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
                        kind: f.failure.unwrap_or(FailureKind::Internal),
                        reason: f.reason.clone()?,
                    })
                })
                .collect(),
            files: self.files.clone(),
            skipped: self.skipped.clone(),
            data_files: BTreeMap::new(),
        }
    }

    /// `report.html`: the head with counts and the view's controls, the findings' data,
    /// the reports, the failures and the script.
    fn write_page(&self, summary: &Summary, records: &Path) -> Result<(), ImportError> {
        let mut page = Spool::create(self.out.join("report.html"))?;
        page.write(&html::head(summary))?;
        let mut body = File::open(records).map_err(|e| write_error(records, e))?;
        std::io::copy(&mut body, &mut page.writer).map_err(|e| write_error(&page.temporary, e))?;
        page.write(&html::foot(summary, &self.reports))?;
        page.commit().map(drop)
    }
}
