//! Bulk import: many reports in, one joined, checked dataset out.
//!
//! [`inputs`] names the files in a stable order → each file is read, extracted and checked
//! in parallel ([`run`]), its canonical document staged → in input order, each report is
//! kept once (by content id) and its rows joined into a [`Dataset`] → reports of one agency
//! for consecutive years are compared ([`crate::crossyear`]) → [`output`] writes the files.
//! [`merge`] joins the outputs of sharded imports into the same dataset.

pub mod html;
pub mod inputs;
pub mod merge;
pub mod output;

use crate::dataset::{
    report_keys, report_rows, BudgetRow, DiscrepancyRow, IndicatorRow, ReportKeys, ReportRows,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What can stop an import or merge as a whole (a bad report file does not: it is listed).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A named input does not exist.
    #[error("{path}: no such file or directory")]
    Missing { path: String },
    /// A glob pattern matches no file.
    #[error("{pattern}: the pattern matches no file")]
    NoMatch { pattern: String },
    /// A glob pattern does not parse.
    #[error("{pattern}: not a valid pattern: {reason}")]
    BadPattern { pattern: String, reason: String },
    /// A directory cannot be listed.
    #[error("{path}: cannot read the directory: {reason}")]
    Walk { path: String, reason: String },
    /// No input file at all.
    #[error("no report files in the inputs given")]
    NoInputs,
    /// An output cannot be written.
    #[error("{path}: cannot write: {reason}")]
    Write { path: String, reason: String },
    /// A merge input is not the output of an import.
    #[error("{path}: not an import output: {reason}")]
    NotOutput { path: String, reason: String },
    /// `--shard` is not K/N.
    #[error("--shard {given}: expected K/N with 1 <= K <= N, e.g. 2/8")]
    BadShard { given: String },
}

/// What became of one input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Its report is in the dataset.
    Imported,
    /// Its report is the same as an earlier file's (same content id).
    Duplicate,
    /// It could not be read: see the reason.
    Failed,
}

/// One input file and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// The file, as given.
    pub source_file: String,
    /// Its size.
    pub bytes: u64,
    /// Imported, duplicate or failed.
    pub status: FileStatus,
    /// The report it holds.
    pub report_id: Option<String>,
    /// For a duplicate: the file whose report it repeats.
    pub duplicate_of: Option<String>,
    /// For a failure: why.
    pub reason: Option<String>,
    /// Indicator rows, budget lines and findings taken from it.
    pub indicators: usize,
    pub budget_lines: usize,
    pub findings: usize,
}

/// The joined dataset: every input file's outcome and every row, in input order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// Every input file, in import order.
    pub files: Vec<FileEntry>,
    /// Indicator rows of the imported reports.
    pub indicators: Vec<IndicatorRow>,
    /// Budget rows of the imported reports.
    pub budget_lines: Vec<BudgetRow>,
    /// Findings: each report's own, then those across reports.
    pub discrepancies: Vec<DiscrepancyRow>,
}

/// One file read, extracted and checked, its document staged for `reports/`.
struct Processed {
    source_file: String,
    bytes: u64,
    outcome: Result<Staged, String>,
}

/// A report read and checked, its document written to a staging file.
struct Staged {
    keys: ReportKeys,
    rows: ReportRows,
    document: PathBuf,
}

impl Dataset {
    /// Adds a file's report, or records it as a duplicate or a failure.
    fn add(&mut self, file: FileEntry, rows: Option<ReportRows>) {
        if let Some(rows) = rows {
            self.indicators.extend(rows.indicators);
            self.budget_lines.extend(rows.budget_lines);
            self.discrepancies.extend(rows.discrepancies);
        }
        self.files.push(file);
    }

    /// Appends the findings across reports, in file order.
    fn check_across_reports(&mut self) {
        let order: HashMap<&str, usize> = self
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.source_file.as_str(), i))
            .collect();
        let mut across = crate::crossyear::check_years(&self.indicators);
        across.sort_by_key(|d| (order.get(d.keys.source_file.as_str()).copied(), d.line));
        self.discrepancies.extend(across);
    }
}

/// Imports `files` (already in import order) into `out`: writes `reports/<id>.json` for
/// every report kept and returns the dataset. `done` is called with each file's size as it
/// finishes (for a progress bar).
pub fn run(files: &[PathBuf], out: &Path, done: &(dyn Fn(u64) + Sync)) -> Result<Dataset, ImportError> {
    use rayon::prelude::*;
    let reports = out.join("reports");
    let staging = out.join(".lkjip-staging");
    for dir in [&reports, &staging] {
        std::fs::create_dir_all(dir).map_err(|e| output::write_error(dir, e))?;
    }
    let processed: Vec<Processed> = files
        .par_iter()
        .enumerate()
        .map(|(i, path)| {
            let p = process(path, &staging.join(format!("{i}.json")));
            done(p.bytes);
            p
        })
        .collect();
    let mut dataset = Dataset::default();
    let mut kept: HashMap<String, String> = HashMap::new();
    for p in processed {
        let (file, rows) = settle(p, &reports, &mut kept)?;
        dataset.add(file, rows);
    }
    output::remove_stale(&reports, &kept)?;
    std::fs::remove_dir_all(&staging).map_err(|e| output::write_error(&staging, e))?;
    dataset.check_across_reports();
    Ok(dataset)
}

/// Reads, extracts and checks one file, staging its canonical document; a panic anywhere
/// in that becomes this file's failure.
fn process(path: &Path, staged: &Path) -> Processed {
    let source_file = path.to_string_lossy().into_owned();
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    let work = || -> Result<Staged, String> {
        let source = crate::source::read(path).map_err(|e| e.to_string())?;
        let doc = crate::report::extract(&source);
        let findings = crate::check::check(&doc, &source);
        let keys = report_keys(&doc, &source_file);
        let rows = report_rows(&doc, &findings, &keys, &source.lines());
        let json = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n";
        std::fs::write(staged, json).map_err(|e| format!("{}: cannot stage: {e}", staged.display()))?;
        Ok(Staged {
            keys,
            rows,
            document: staged.to_path_buf(),
        })
    };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
        Err(format!(
            "{source_file}: internal error while reading this file (a bug in lkjip; please report it)"
        ))
    });
    Processed {
        source_file,
        bytes,
        outcome,
    }
}

/// Keeps a processed file's report unless an earlier file holds the same one.
fn settle(
    p: Processed,
    reports: &Path,
    kept: &mut HashMap<String, String>,
) -> Result<(FileEntry, Option<ReportRows>), ImportError> {
    let mut file = FileEntry {
        source_file: p.source_file,
        bytes: p.bytes,
        status: FileStatus::Failed,
        report_id: None,
        duplicate_of: None,
        reason: None,
        indicators: 0,
        budget_lines: 0,
        findings: 0,
    };
    let Staged { keys, rows, document } = match p.outcome {
        Ok(staged) => staged,
        Err(reason) => {
            file.reason = Some(reason);
            return Ok((file, None));
        }
    };
    let id = keys.report_id;
    file.report_id = Some(id.clone());
    (file.indicators, file.budget_lines, file.findings) = (
        rows.indicators.len(),
        rows.budget_lines.len(),
        rows.discrepancies.len(),
    );
    if let Some(first) = kept.get(&id) {
        file.status = FileStatus::Duplicate;
        file.duplicate_of = Some(first.clone());
        std::fs::remove_file(&document).map_err(|e| output::write_error(&document, e))?;
        return Ok((file, None));
    }
    let target = reports.join(format!("{id}.json"));
    std::fs::rename(&document, &target).map_err(|e| output::write_error(&target, e))?;
    kept.insert(id, file.source_file.clone());
    file.status = FileStatus::Imported;
    Ok((file, Some(rows)))
}
