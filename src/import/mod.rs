//! Bulk import: many reports in, one joined, checked dataset out.
//!
//! [`inputs`] names the files in a stable order → batches of files are read, extracted and
//! checked in parallel ([`run`]), each canonical document staged → in input order, each
//! report is kept once (by content id) and its rows streamed into the outputs ([`sink`]) →
//! at the end, reports of one agency for consecutive years are compared
//! ([`crate::crossyear`]) and the summary and HTML page written — all in a run directory
//! of its own, published whole by [`folder`]. [`merge`] joins the outputs of sharded
//! imports into the same files.

mod csv_fields;
pub mod folder;
pub mod html;
pub mod inputs;
pub mod merge;
pub mod output;
#[cfg(feature = "parquet")]
pub mod parquet;
pub mod schema;
pub mod sink;
mod spill;
#[cfg(feature = "xlsx")]
pub mod workbook;

use crate::analyze::{analyze, Analysis, Through};
use crate::concepts::Concepts;
use crate::crossyear::Years;
use crate::dataset::{report_keys, report_rows, ReportKeys};
use crate::model::{PageReport, PageStatus};
use crate::pdf::Ocr;
use crate::source::FailureKind;
use serde::{Deserialize, Serialize};
use sink::{Printer, Printout};
use std::collections::HashMap;
use std::io::Write;
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
    /// No input file at all.
    #[error("no report files in the inputs given")]
    NoInputs,
    /// An output cannot be written.
    #[error("{path}: cannot write: {reason}")]
    Write { path: String, reason: String },
    /// A row that does not print (a bug in lkjip; within an import, its file's failure).
    #[error("a row could not be printed: {reason}")]
    Unprintable { reason: String },
    /// A staging file (a large report's rows, printed ahead) cannot be read back.
    #[error("{path}: cannot read back the staging file: {reason}")]
    ReadBack { path: String, reason: String },
    /// A merge input is not the output of an import.
    #[error("{path}: not an import output: {reason}")]
    NotOutput { path: String, reason: String },
    /// `--shard` is not K/N.
    #[error("--shard {given}: expected K/N with 1 <= K <= N, e.g. 2/8")]
    BadShard { given: String },
    /// The output folder holds files that are not an lkjip output.
    #[error("{path}: holds files that are not an lkjip output (first: {first}); lkjip writes only into a new or empty folder, or one it wrote before (with .lkjip/ in it)")]
    Foreign { path: String, first: String },
    /// Another run is writing the output folder.
    #[error("{path}: another lkjip run is writing this folder ({holder}); wait for it to finish or choose another folder")]
    Locked { path: String, holder: String },
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
    /// For a failure: its kind (`encrypted`, `no_text_layer`, `broken`, …).
    #[serde(default)]
    pub failure: Option<FailureKind>,
    /// PDF pages that were not read (no text layer, or failed), with the reason: the rest
    /// of the file is in the dataset.
    #[serde(default)]
    pub pages_not_read: Vec<PageReport>,
    /// PDF pages read by OCR (their image, not a text layer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages_read_by_ocr: Vec<u32>,
    /// Indicator rows, budget lines and findings taken from it.
    pub indicators: usize,
    pub budget_lines: usize,
    pub findings: usize,
}

/// One file read, extracted and checked, its document staged for `reports/`.
struct Processed {
    source_file: String,
    bytes: u64,
    outcome: Outcome,
}

/// What reading one file came to.
enum Outcome {
    /// A report, staged.
    Staged(Box<Staged>),
    /// Read, but not a report (a README): listed as skipped.
    NotAReport(String),
    /// Not read, of this kind, for this reason.
    Failed(FailureKind, String),
}

/// A report read and checked, its document written to a staging file, its rows printed.
struct Staged {
    pages_not_read: Vec<PageReport>,
    pages_read_by_ocr: Vec<u32>,
    keys: ReportKeys,
    printout: Printout,
    document: PathBuf,
}

/// How many files are read in parallel before their rows are written out: memory holds
/// one batch of reports, however many there are.
const BATCH: usize = 64;

/// Imports `inputs` into the folder `out`: builds the whole dataset (`reports/<id>.json`
/// for every report kept, and every other output) beside the one `out` holds, then puts
/// it in its place in one step ([`folder`]), and returns the summary. `done` is called
/// with each file's size as it finishes (for a progress bar); `concepts` names the
/// indicators' concepts, `ocr` says which pages of a PDF are read by OCR. An error of the run (an
/// output that cannot be written: a full disk, a lock held) leaves `out` as it was.
pub fn run(
    inputs: inputs::Inputs,
    out: &Path,
    (concepts, ocr): (&Concepts, Ocr),
    done: &(dyn Fn(u64) + Sync),
) -> Result<output::Summary, ImportError> {
    use rayon::prelude::*;
    let started = std::time::Instant::now();
    let folder = folder::OutputFolder::lock(out)?;
    let build = folder.build()?;
    let dir = build.dir();
    let reports = dir.join("reports");
    let staging = dir.join(".staging");
    for d in [&reports, &staging] {
        std::fs::create_dir_all(d).map_err(|e| output::write_error(d, e))?;
    }
    let walked = inputs.walked;
    let mut sink = sink::Sink::create(dir, inputs.skipped)?;
    let mut years = Years::default();
    let mut kept: HashMap<String, String> = HashMap::new();
    for (b, batch) in inputs.files.chunks(BATCH).enumerate() {
        let processed: Vec<Processed> = batch
            .par_iter()
            .enumerate()
            .map(|(i, path)| {
                let staged = staging.join(format!("{}.json", b * BATCH + i));
                let p = process(path, &staged, (concepts, ocr), walked.contains(path));
                done(p.as_ref().map_or(0, |p| p.bytes));
                p
            })
            .collect::<Result<_, _>>()?;
        for p in processed {
            let outcome = match p.outcome {
                Outcome::NotAReport(reason) => {
                    sink.skip(inputs::Skipped {
                        path: p.source_file,
                        kind: inputs::SkipKind::NotAReport,
                        reason,
                    });
                    continue;
                }
                Outcome::Staged(staged) => Ok(*staged),
                Outcome::Failed(kind, reason) => Err((kind, reason)),
            };
            let (file, printout) = settle((p.source_file, p.bytes), outcome, &reports, &mut kept)?;
            years.add(printout.as_ref().map(Printout::recent));
            sink.add(file, printout)?;
        }
    }
    std::fs::remove_dir_all(&staging).map_err(|e| output::write_error(&staging, e))?;
    let summary = finish(sink, &years, started)?;
    build.publish()?;
    Ok(summary)
}

/// Runs the check across years over every report, then writes the remaining outputs.
fn finish(
    mut sink: sink::Sink,
    years: &Years,
    started: std::time::Instant,
) -> Result<output::Summary, ImportError> {
    years.check(|across| sink.add_across(across))?;
    sink.finish(started)
}

/// Reads, extracts and checks one file, staging its canonical document; a panic anywhere
/// in that becomes this file's failure. Staging that cannot be written is an error of the
/// run, not of the file. A file met in a directory (`walked`) that holds no report is
/// passed over.
fn process(
    path: &Path,
    staged: &Path,
    (concepts, ocr): (&Concepts, Ocr),
    walked: bool,
) -> Result<Processed, ImportError> {
    let source_file = path.to_string_lossy().into_owned();
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    let internal = |e: &dyn std::fmt::Display| Failed::File(FailureKind::Internal, e.to_string());
    let work = || -> Result<Result<Staged, String>, Failed> {
        let source =
            crate::source::read_with(path, ocr).map_err(|e| Failed::File(e.kind(), e.to_string()))?;
        let analysis = analyze(&source, Through::Findings);
        if let Some(reason) = analysis.not_a_report(&source).filter(|_| walked) {
            return Ok(Err(reason));
        }
        let Analysis { doc, findings } = analysis;
        let keys = report_keys(&doc, &source_file);
        stage_document(&doc, staged)?;
        // the rows are printed as they are made, a large report's text to staging files
        let mut printer = Printer::new(Some(staged));
        report_rows(&doc, &findings, &keys, &source.lines(), concepts, &mut printer).map_err(
            |e| match e {
                ImportError::Unprintable { reason } => internal(&reason),
                e => Failed::Staging(e),
            },
        )?;
        let printout = printer.finish(&source_file, &keys.report_id);
        let pages_not_read = source
            .pages
            .iter()
            .filter(|p| p.status != PageStatus::Read)
            .cloned()
            .collect();
        let pages_read_by_ocr = source.pages_read_by_ocr().collect();
        Ok(Ok(Staged {
            pages_not_read,
            pages_read_by_ocr,
            keys,
            printout,
            document: staged.to_path_buf(),
        }))
    };
    let outcome = crate::pdf::isolate(work).unwrap_or_else(|panic| {
        Err(Failed::File(
            FailureKind::Internal,
            format!("{source_file}: internal error while reading this file (a bug in lkjip; please report it): {panic}"),
        ))
    });
    let outcome = match outcome {
        Ok(Ok(staged)) => Outcome::Staged(Box::new(staged)),
        Ok(Err(reason)) => Outcome::NotAReport(reason),
        Err(Failed::File(kind, reason)) => Outcome::Failed(kind, reason),
        Err(Failed::Staging(e)) => return Err(e),
    };
    Ok(Processed {
        source_file,
        bytes,
        outcome,
    })
}

/// Why a file's work stopped: the file itself, or its staging file (an error of the run).
enum Failed {
    File(FailureKind, String),
    Staging(ImportError),
}

/// Writes a report's canonical document to its staging file, as one line of JSON.
fn stage_document(doc: &crate::report::ReportDocument, staged: &Path) -> Result<(), Failed> {
    let staging = |e: &dyn std::fmt::Display| Failed::Staging(output::write_error(staged, e));
    let file = std::fs::File::create(staged).map_err(|e| staging(&e))?;
    let mut out = std::io::BufWriter::new(file);
    serde_json::to_writer(&mut out, doc).map_err(|e| match e.is_io() {
        true => staging(&e),
        false => Failed::File(FailureKind::Internal, e.to_string()),
    })?;
    out.write_all(b"\n").map_err(|e| staging(&e))?;
    out.flush().map_err(|e| staging(&e))
}

/// Keeps a processed file's report unless an earlier file holds the same one.
fn settle(
    (source_file, bytes): (String, u64),
    outcome: Result<Staged, (FailureKind, String)>,
    reports: &Path,
    kept: &mut HashMap<String, String>,
) -> Result<(FileEntry, Option<Printout>), ImportError> {
    let mut file = FileEntry {
        source_file,
        bytes,
        status: FileStatus::Failed,
        report_id: None,
        duplicate_of: None,
        reason: None,
        failure: None,
        pages_not_read: Vec::new(),
        pages_read_by_ocr: Vec::new(),
        indicators: 0,
        budget_lines: 0,
        findings: 0,
    };
    let Staged {
        pages_not_read,
        pages_read_by_ocr,
        keys,
        printout,
        document,
    } = match outcome {
        Ok(staged) => staged,
        Err((kind, reason)) => {
            file.failure = Some(kind);
            file.reason = Some(reason);
            return Ok((file, None));
        }
    };
    file.pages_not_read = pages_not_read;
    file.pages_read_by_ocr = pages_read_by_ocr;
    let id = keys.report_id;
    file.report_id = Some(id.clone());
    (file.indicators, file.budget_lines, file.findings) = printout.counts();
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
    Ok((file, Some(printout)))
}
