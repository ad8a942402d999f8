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

/// One import output read back, its rows grouped by the file they came from.
struct Shard {
    dir: PathBuf,
    files: Vec<FileEntry>,
    rows: HashMap<String, ReportRows>,
}

/// Joins import outputs into `out`: copies the kept reports' documents into
/// `out/reports/` and writes every other output as one import would.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<Summary, ImportError> {
    let mut shards: Vec<Shard> = dirs.iter().map(|d| read_shard(d)).collect::<Result<_, _>>()?;
    let mut files: Vec<(usize, FileEntry)> = shards
        .iter_mut()
        .enumerate()
        .flat_map(|(s, shard)| std::mem::take(&mut shard.files).into_iter().map(move |f| (s, f)))
        .collect();
    files.sort_by_key(|(_, f)| order_key(Path::new(&f.source_file)));
    let reports = out.join("reports");
    std::fs::create_dir_all(&reports).map_err(|e| write_error(&reports, e))?;
    let mut kept: HashMap<String, String> = HashMap::new();
    let mut sink = Sink::create(out)?;
    for (s, mut file) in files {
        let id = file.report_id.clone().unwrap_or_default();
        let printout = match (file.status, kept.get(&id)) {
            (FileStatus::Failed, _) => None,
            (_, Some(first)) => {
                file.status = FileStatus::Duplicate;
                file.duplicate_of = Some(first.clone());
                None
            }
            (_, None) => {
                let Some(shard) = shards.get_mut(s) else { continue };
                copy_report(&shard.dir, &reports, &id)?;
                kept.insert(id.clone(), file.source_file.clone());
                file.status = FileStatus::Imported;
                file.duplicate_of = None;
                let rows = shard.rows.remove(&file.source_file).unwrap_or_default();
                Some(Printout::of(&file.source_file, &id, rows).map_err(|e| write_error(out, e))?)
            }
        };
        sink.add(file, printout)?;
    }
    remove_stale(&reports, &kept)?;
    sink.finish()
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
    let indicators: Vec<IndicatorRow> = json_lines(dir, "indicators.jsonl", &text("indicators.jsonl")?)?;
    let budget_lines: Vec<BudgetRow> = json_lines(dir, "budget_lines.jsonl", &text("budget_lines.jsonl")?)?;
    let discrepancies: Vec<DiscrepancyRow> =
        json_lines(dir, "discrepancies.jsonl", &text("discrepancies.jsonl")?)?;
    // the rows one file gave, in their order (findings across reports are found again)
    let mut rows: HashMap<String, ReportRows> = HashMap::new();
    for r in indicators {
        rows.entry(r.keys.source_file.clone())
            .or_default()
            .indicators
            .push(r);
    }
    for r in budget_lines {
        rows.entry(r.keys.source_file.clone())
            .or_default()
            .budget_lines
            .push(r);
    }
    for r in discrepancies.into_iter().filter(|r| !r.across_reports) {
        rows.entry(r.keys.source_file.clone())
            .or_default()
            .discrepancies
            .push(r);
    }
    Ok(Shard {
        dir: dir.to_path_buf(),
        files: summary.files,
        rows,
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
