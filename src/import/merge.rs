//! `merge`: the outputs of sharded imports joined into what one import of all their
//! inputs gives — files in import order, each report kept once, the checks across reports
//! run again over the whole. (It reads the shards' rows into memory.)

use super::inputs::order_key;
use super::output::{remove_stale, write_error, Summary};
use super::sink::{Printout, Sink};
use super::{FileEntry, FileStatus, ImportError};
use crate::dataset::{BudgetRow, DiscrepancyRow, IndicatorRow, ReportRows};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One import output read back.
struct Shard {
    dir: PathBuf,
    files: Vec<FileEntry>,
    indicators: Vec<IndicatorRow>,
    budget_lines: Vec<BudgetRow>,
    discrepancies: Vec<DiscrepancyRow>,
}

/// Joins import outputs into `out`: copies the kept reports' documents into
/// `out/reports/` and writes every other output as one import would.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<Summary, ImportError> {
    let shards: Vec<Shard> = dirs.iter().map(|d| read_shard(d)).collect::<Result<_, _>>()?;
    let mut files: Vec<(&Shard, &FileEntry)> = shards
        .iter()
        .flat_map(|s| s.files.iter().map(move |f| (s, f)))
        .collect();
    files.sort_by_key(|(_, f)| order_key(Path::new(&f.source_file)));
    let reports = out.join("reports");
    std::fs::create_dir_all(&reports).map_err(|e| write_error(&reports, e))?;
    let mut kept: HashMap<String, String> = HashMap::new();
    let mut sink = Sink::create(out)?;
    for (shard, file) in files {
        let mut file = file.clone();
        let id = file.report_id.clone().unwrap_or_default();
        let printout = match (file.status, kept.get(&id)) {
            (FileStatus::Failed, _) => None,
            (_, Some(first)) => {
                file.status = FileStatus::Duplicate;
                file.duplicate_of = Some(first.clone());
                None
            }
            (_, None) => {
                copy_report(&shard.dir, &reports, &id)?;
                kept.insert(id, file.source_file.clone());
                file.status = FileStatus::Imported;
                file.duplicate_of = None;
                let rows = rows_of(shard, &file.source_file);
                let printout = Printout::of(
                    &file.source_file,
                    file.report_id.as_deref().unwrap_or_default(),
                    rows,
                );
                Some(printout.map_err(|e| write_error(out, e))?)
            }
        };
        sink.add(file, printout)?;
    }
    remove_stale(&reports, &kept)?;
    sink.finish()
}

/// The rows one file gave, in their order (findings across reports are found again).
fn rows_of(shard: &Shard, source_file: &str) -> ReportRows {
    let of = |k: &crate::dataset::ReportKeys| k.source_file == source_file;
    ReportRows {
        indicators: shard.indicators.iter().filter(|r| of(&r.keys)).cloned().collect(),
        budget_lines: shard
            .budget_lines
            .iter()
            .filter(|r| of(&r.keys))
            .cloned()
            .collect(),
        discrepancies: shard
            .discrepancies
            .iter()
            .filter(|r| of(&r.keys) && !r.across_reports)
            .cloned()
            .collect(),
    }
}

fn copy_report(from: &Path, reports: &Path, id: &str) -> Result<(), ImportError> {
    let source = from.join("reports").join(format!("{id}.json"));
    let bytes = std::fs::read(&source).map_err(|e| not_output(from, format!("{}: {e}", source.display())))?;
    super::output::write_atomic(&reports.join(format!("{id}.json")), &bytes)
}

fn read_shard(dir: &Path) -> Result<Shard, ImportError> {
    let text = |name: &str| {
        std::fs::read_to_string(dir.join(name)).map_err(|e| not_output(dir, format!("{name}: {e}")))
    };
    let summary: Summary = serde_json::from_str(&text("summary.json")?)
        .map_err(|e| not_output(dir, format!("summary.json: {e}")))?;
    Ok(Shard {
        dir: dir.to_path_buf(),
        files: summary.files,
        indicators: json_lines(dir, "indicators.jsonl", &text("indicators.jsonl")?)?,
        budget_lines: json_lines(dir, "budget_lines.jsonl", &text("budget_lines.jsonl")?)?,
        discrepancies: json_lines(dir, "discrepancies.jsonl", &text("discrepancies.jsonl")?)?,
    })
}

fn json_lines<T: DeserializeOwned>(dir: &Path, name: &str, text: &str) -> Result<Vec<T>, ImportError> {
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| not_output(dir, format!("{name}:{}: {e}", i + 1)))
        })
        .collect()
}

fn not_output(dir: &Path, reason: String) -> ImportError {
    ImportError::NotOutput {
        path: dir.display().to_string(),
        reason,
    }
}
