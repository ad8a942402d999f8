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
use super::spill::Spill;
use super::{FileEntry, FileStatus, ImportError};
use crate::crossyear::Recent;
use crate::dataset::{
    BudgetRow, DiscrepancyRow, IndicatorRow, ReportKeys, ReportRows, RowSink, TableCellRow,
};
use crate::source::FailureKind;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
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

    /// Appends a report's lines, the JSON lines going on to the workbook as well.
    fn write(
        &mut self,
        lines: Lines,
        #[cfg(feature = "xlsx")] sheets: &super::workbook::Sheets,
    ) -> Result<(), ImportError> {
        let csv = &mut self.csv;
        lines.csv.drain(|text| csv.write_bytes(&text), read_back)?;
        let jsonl = &mut self.jsonl;
        lines.jsonl.drain(
            |text| {
                jsonl.write_bytes(&text)?;
                // the lines written go on to the workbook, moved, not copied
                #[cfg(feature = "xlsx")]
                sheets.add(self.name, text);
                Ok(())
            },
            read_back,
        )
    }

    fn commit(self, into: &mut BTreeMap<String, DataFile>) -> Result<(), ImportError> {
        for spool in [self.csv, self.jsonl] {
            let (name, file) = spool.commit()?;
            into.insert(name, file);
        }
        Ok(())
    }
}

/// The error of a staging file that cannot be read back.
fn read_back(path: &Path, e: std::io::Error) -> ImportError {
    ImportError::ReadBack {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// Rows of one kind as the CSV and JSON-lines files print them.
struct Lines {
    csv: Spill,
    jsonl: Spill,
    /// The columns, in order.
    columns: &'static [&'static str],
    rows: usize,
    /// A row's JSON line, made here and written in one piece.
    line: Vec<u8>,
}

impl Lines {
    /// Lines of rows with `columns`, moved to files named from `spill` and `name` once large.
    fn new(spill: Option<&Path>, name: &str, columns: &'static [&'static str]) -> Lines {
        let at = |kind: &str| spill.map(|p| p.with_extension(format!("{name}.{kind}")));
        Lines {
            csv: Spill::new(at("csv")),
            jsonl: Spill::new(at("jsonl")),
            columns,
            rows: 0,
            line: Vec::new(),
        }
    }

    fn push<T: Serialize>(&mut self, row: &T) -> Result<(), ImportError> {
        let mut fields = super::csv_fields::fields(row).map_err(unprintable)?;
        // the fields come in the columns' order: each is looked for from the last found
        let mut next = 0;
        let cells = self.columns.iter().map(|c| {
            let at = (next..fields.len())
                .chain(0..next)
                .find(|&i| fields.get(i).is_some_and(|(name, _)| name == c));
            at.and_then(|i| {
                next = i + 1;
                fields.get_mut(i).map(|(_, text)| std::mem::take(text))
            })
            .unwrap_or_default()
        });
        let line = super::output::csv_line(cells);
        self.csv
            .write_all(line.as_bytes())
            .map_err(|e| spill_error(&self.csv, e))?;
        // the row's fields are the columns, in order (a test in output holds it so)
        self.line.clear();
        serde_json::to_writer(&mut self.line, row).map_err(unprintable)?;
        self.line.push(b'\n');
        self.jsonl
            .write_all(&self.line)
            .map_err(|e| spill_error(&self.jsonl, e))?;
        self.rows += 1;
        Ok(())
    }
}

/// A row that does not print (a bug in lkjip).
fn unprintable(e: serde_json::Error) -> ImportError {
    ImportError::Unprintable {
        reason: e.to_string(),
    }
}

/// A spill that cannot be written.
fn spill_error(spill: &Spill, e: std::io::Error) -> ImportError {
    write_error(spill.path().unwrap_or(Path::new(".")), e)
}

/// A report's rows printed as they are made, where the report was read (in parallel), so
/// the sink only appends; what the summary and the check across years need of them is
/// kept beside.
pub struct Printer {
    indicators: Lines,
    budget_lines: Lines,
    discrepancies: Lines,
    table_cells: Lines,
    /// The findings as lines of `report.html`'s data.
    records: Spill,
    by_kind: FindingCounts,
    recent: Recent,
    /// The keys of the first row of each kind, in the order the report's keys are taken
    /// from: indicators, budget lines, table cells, findings.
    keys: [Option<Arc<ReportKeys>>; 4],
}

/// Findings counted by kind, then severity.
type FindingCounts = BTreeMap<String, BTreeMap<String, usize>>;

impl Printer {
    /// A printer whose text moves to files named from `spill` once large (never, given `None`).
    pub fn new(spill: Option<&Path>) -> Printer {
        Printer {
            indicators: Lines::new(spill, "indicators", INDICATOR_COLUMNS),
            budget_lines: Lines::new(spill, "budget_lines", BUDGET_COLUMNS),
            discrepancies: Lines::new(spill, "discrepancies", DISCREPANCY_COLUMNS),
            table_cells: Lines::new(spill, "table_cells", TABLE_CELL_COLUMNS),
            records: Spill::new(spill.map(|p| p.with_extension("records.jsonl"))),
            by_kind: FindingCounts::new(),
            recent: Recent::default(),
            keys: Default::default(),
        }
    }

    /// The rows printed, as report `id` of `source_file` (keys from its first row, if any).
    pub fn finish(self, source_file: &str, id: &str) -> Printout {
        let keys = self.keys.iter().flatten().next().cloned().unwrap_or_else(|| {
            Arc::new(ReportKeys {
                report_id: id.to_string(),
                source_file: source_file.to_string(),
                ..ReportKeys::default()
            })
        });
        Printout {
            entry: html::ReportEntry::of(&keys),
            printer: self,
        }
    }

    fn first_keys(&mut self, kind: usize, keys: &Arc<ReportKeys>) {
        if let Some(first) = self.keys.get_mut(kind) {
            first.get_or_insert_with(|| keys.clone());
        }
    }
}

impl RowSink for Printer {
    type Error = ImportError;

    fn indicator(&mut self, row: IndicatorRow) -> Result<(), ImportError> {
        self.first_keys(0, &row.keys);
        self.recent.indicator(&row);
        self.indicators.push(&row)
    }

    fn budget_line(&mut self, row: BudgetRow) -> Result<(), ImportError> {
        self.first_keys(1, &row.keys);
        self.recent.budget_line(&row.keys);
        self.budget_lines.push(&row)
    }

    fn table_cell(&mut self, row: TableCellRow) -> Result<(), ImportError> {
        self.first_keys(2, &row.keys);
        self.table_cells.push(&row)
    }

    fn discrepancy(&mut self, row: DiscrepancyRow) -> Result<(), ImportError> {
        self.first_keys(3, &row.keys);
        *self
            .by_kind
            .entry(row.kind.clone())
            .or_default()
            .entry(row.severity.clone())
            .or_default() += 1;
        let record = html::record_line(&row);
        self.records
            .write_all(record.as_bytes())
            .map_err(|e| spill_error(&self.records, e))?;
        self.discrepancies.push(&row)
    }
}

/// A report's rows as each output prints them, ready to be appended in import order.
pub struct Printout {
    printer: Printer,
    /// The report as `report.html` names it.
    entry: html::ReportEntry,
}

impl Printout {
    /// The outputs' text for the rows of report `id`, read from `source_file`, in memory.
    pub fn of(source_file: &str, id: &str, rows: ReportRows) -> Result<Printout, ImportError> {
        let mut printer = Printer::new(None);
        rows.indicators
            .into_iter()
            .try_for_each(|r| printer.indicator(r))?;
        rows.budget_lines
            .into_iter()
            .try_for_each(|r| printer.budget_line(r))?;
        rows.discrepancies
            .into_iter()
            .try_for_each(|r| printer.discrepancy(r))?;
        rows.table_cells
            .into_iter()
            .try_for_each(|r| printer.table_cell(r))?;
        Ok(printer.finish(source_file, id))
    }

    /// What the check across years keeps of the report.
    pub fn recent(&self) -> &Recent {
        &self.printer.recent
    }

    /// How many indicator rows, budget lines and findings it holds.
    pub fn counts(&self) -> (usize, usize, usize) {
        let p = &self.printer;
        (p.indicators.rows, p.budget_lines.rows, p.discrepancies.rows)
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
    by_kind: FindingCounts,
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
        if let Some(Printout { printer, entry }) = printout {
            self.append(printer)?;
            self.reports.push(entry);
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

    fn count_findings(&mut self, by_kind: FindingCounts) {
        for (kind, per) in by_kind {
            for (severity, n) in per {
                *self
                    .by_kind
                    .entry(kind.clone())
                    .or_default()
                    .entry(severity)
                    .or_default() += n;
                self.counts.findings += n;
            }
        }
    }

    /// Adds findings across reports (one agency and year).
    pub fn add_across(&mut self, across: Vec<DiscrepancyRow>) -> Result<(), ImportError> {
        if across.is_empty() {
            return Ok(());
        }
        let mut printer = Printer::new(None);
        for row in across {
            printer.discrepancy(row)?;
        }
        self.append(printer)
    }

    /// Appends what a printer printed: its rows to the data files and the workbook (an
    /// empty kind writes nothing), its findings to the counts and the page's data.
    fn append(&mut self, p: Printer) -> Result<(), ImportError> {
        self.counts.indicators += p.indicators.rows;
        self.counts.budget_lines += p.budget_lines.rows;
        self.counts.table_cells += p.table_cells.rows;
        for (table, lines) in [
            (&mut self.indicators, p.indicators),
            (&mut self.budget_lines, p.budget_lines),
            (&mut self.discrepancies, p.discrepancies),
            (&mut self.table_cells, p.table_cells),
        ] {
            #[cfg(feature = "xlsx")]
            table.write(lines, &self.sheets)?;
            #[cfg(not(feature = "xlsx"))]
            table.write(lines)?;
        }
        self.count_findings(p.by_kind);
        let records = &mut self.records;
        p.records.drain(|text| records.write_bytes(&text), read_back)
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
