//! `merge`: the outputs of sharded imports joined into what one import of all their
//! inputs gives — files in import order, each report kept once, the checks across reports
//! run again over the whole. (It reads the shards' rows into memory, and
//! checks each shard's data files against the sizes and checksums its summary records.)

use super::folder::{dataset_of, OutputFolder};
use super::inputs::order_key;
use super::inputs::Skipped;
use super::output::{sha256_hex, write_error, DataFile, Summary, OUTPUT_VERSION};
use super::sink::{Printout, Sink};
use super::{FileEntry, FileStatus, ImportError};
use crate::crossyear::Years;
use crate::dataset::{BudgetRow, DiscrepancyRow, IndicatorRow, ReportRows, TableCellRow};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One import output read back, its rows grouped by the file they came from.
struct Shard {
    dir: PathBuf,
    files: Vec<FileEntry>,
    skipped: Vec<Skipped>,
    rows: HashMap<String, ReportRows>,
}

/// Joins import outputs into the folder `out`, as an import does (the whole dataset built
/// beside the one `out` holds, then put in its place): copies the kept reports' documents
/// and writes every other output. An input whose data files differ from what its summary
/// records (cut, changed) is refused.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<Summary, ImportError> {
    let started = std::time::Instant::now();
    let mut shards: Vec<Shard> = dirs.iter().map(|d| read_shard(d)).collect::<Result<_, _>>()?;
    let folder = OutputFolder::lock(out)?;
    let build = folder.build()?;
    let mut files: Vec<(usize, FileEntry)> = shards
        .iter_mut()
        .enumerate()
        .flat_map(|(s, shard)| std::mem::take(&mut shard.files).into_iter().map(move |f| (s, f)))
        .collect();
    files.sort_by_key(|(_, f)| order_key(Path::new(&f.source_file)));
    let mut skipped: Vec<Skipped> = shards
        .iter_mut()
        .flat_map(|s| std::mem::take(&mut s.skipped))
        .collect();
    skipped.sort_by(|a, b| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
    skipped.dedup();
    let reports = build.dir().join("reports");
    std::fs::create_dir_all(&reports).map_err(|e| write_error(&reports, e))?;
    let mut kept: HashMap<String, String> = HashMap::new();
    let mut sink = Sink::create(build.dir(), skipped)?;
    let mut years = Years::default();
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
                Some(Printout::of(&file.source_file, &id, rows)?)
            }
        };
        years.add(printout.as_ref().map(Printout::recent));
        sink.add(file, printout)?;
    }
    let summary = super::finish(sink, &years, started)?;
    build.publish()?;
    Ok(summary)
}

fn copy_report(from: &Path, reports: &Path, id: &str) -> Result<(), ImportError> {
    let source = from.join("reports").join(format!("{id}.json"));
    let bytes = std::fs::read(&source).map_err(|e| not_output(from, format!("{}: {e}", source.display())))?;
    super::output::write_atomic(&reports.join(format!("{id}.json")), &bytes)
}

/// An import output read back: the dataset its folder publishes, each data file checked
/// against the size and checksum its summary records, and its rows against the counts.
fn read_shard(folder: &Path) -> Result<Shard, ImportError> {
    let dir = dataset_of(folder);
    let text = |name: &str| {
        std::fs::read_to_string(dir.join(name)).map_err(|e| not_output(folder, format!("{name}: {e}")))
    };
    let summary: Summary = serde_json::from_str(&text("summary.json")?)
        .map_err(|e| not_output(folder, format!("summary.json: {e}")))?;
    if summary.output_version != OUTPUT_VERSION {
        let reason = format!(
            "written by another lkjip (output version {}, this one writes {OUTPUT_VERSION}): import it again",
            summary.output_version
        );
        return Err(not_output(folder, reason));
    }
    for (name, recorded) in &summary.data_files {
        check_file(folder, &dir.join(name), name, recorded)?;
    }
    let indicators: Vec<IndicatorRow> = json_lines(folder, "indicators.jsonl", &text("indicators.jsonl")?)?;
    let budget_lines: Vec<BudgetRow> =
        json_lines(folder, "budget_lines.jsonl", &text("budget_lines.jsonl")?)?;
    let discrepancies: Vec<DiscrepancyRow> =
        json_lines(folder, "discrepancies.jsonl", &text("discrepancies.jsonl")?)?;
    let table_cells: Vec<TableCellRow> = match summary.data_files.contains_key("table_cells.jsonl") {
        true => json_lines(folder, "table_cells.jsonl", &text("table_cells.jsonl")?)?,
        false => Vec::new(),
    };
    let c = &summary.counts;
    for (name, rows, counted) in [
        ("indicators.jsonl", indicators.len(), c.indicators),
        ("budget_lines.jsonl", budget_lines.len(), c.budget_lines),
        ("discrepancies.jsonl", discrepancies.len(), c.findings),
        ("table_cells.jsonl", table_cells.len(), c.table_cells),
    ] {
        if rows != counted {
            let reason = format!("{name} holds {rows} rows where summary.json counts {counted}: the file was cut or changed after the import");
            return Err(not_output(folder, reason));
        }
    }
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
    for r in table_cells {
        rows.entry(r.keys.source_file.clone())
            .or_default()
            .table_cells
            .push(r);
    }
    for r in discrepancies.into_iter().filter(|r| !r.across_reports) {
        rows.entry(r.keys.source_file.clone())
            .or_default()
            .discrepancies
            .push(r);
    }
    Ok(Shard {
        dir,
        files: summary.files,
        skipped: summary.skipped,
        rows,
    })
}

/// Refuses a data file whose size or SHA-256 is not what the summary records.
fn check_file(folder: &Path, path: &Path, name: &str, recorded: &DataFile) -> Result<(), ImportError> {
    let mut file = std::fs::File::open(path).map_err(|e| not_output(folder, format!("{name}: {e}")))?;
    let mut sha256 = Sha256::new();
    let bytes =
        std::io::copy(&mut file, &mut sha256).map_err(|e| not_output(folder, format!("{name}: {e}")))?;
    let found = sha256_hex(sha256);
    if bytes != recorded.bytes || found != recorded.sha256 {
        let reason = format!(
            "{name} is {bytes} bytes with SHA-256 {found}, where summary.json records {} bytes with {}: the file was cut or changed after the import; import its inputs again",
            recorded.bytes, recorded.sha256
        );
        return Err(not_output(folder, reason));
    }
    Ok(())
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
