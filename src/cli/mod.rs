//! The commands: `import` and `merge` here (run, show progress, print the summary);
//! `extract`, `check`, `text` in [`reports`]; `explain` and `cell` in [`explain`];
//! `synth`; how output looks (colour, quiet) in [`looks`].

mod explain;
mod looks;
mod reports;
mod stdout;
mod synth;
pub use explain::{cell, explain};
pub use looks::{ColorChoice, Looks, Tone};
pub use reports::{check, extract, print_json, text};
pub use stdout::emit;
pub use synth::synth;

/// Output form of a command.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// Lines for people.
    Human,
    /// One JSON document.
    Json,
}

/// Layout of JSON output.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum JsonStyle {
    /// Compact, one document per line.
    Json,
    /// Indented for reading.
    Pretty,
}

use anyhow::Result;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use lkjip::concepts::Concepts;
use lkjip::import::inputs::{expand, shard, Shard, SkipKind};
use lkjip::import::merge::merge;
use lkjip::import::output::Summary;
use lkjip::import::{run, FileStatus};
use lkjip::model::PageStatus;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How an import or merge ends.
pub struct Options {
    /// Print summary.json instead of the human summary.
    pub json: bool,
    /// Colour and quiet (no progress bar, no human summary, no notes).
    pub looks: Looks,
    /// Exit 1 also when a finding has error severity.
    pub strict: bool,
    /// Which pages of a PDF are read by OCR.
    pub ocr: lkjip::pdf::Ocr,
}

/// `lkjip import`: expands the inputs, imports them in parallel, writes the outputs.
pub fn import(
    inputs: &[String],
    out: &Path,
    shard_arg: Option<&str>,
    aliases: Option<&Path>,
    options: &Options,
) -> Result<ExitCode> {
    let started = Instant::now();
    let shard_of = shard_arg.map(str::parse::<Shard>).transpose()?;
    let concepts = match aliases {
        Some(path) => Concepts::with_aliases(path)?,
        None => Concepts::builtin().clone(),
    };
    let mut inputs = expand(inputs)?;
    // the entries passed over by design are listed in the summary
    for s in inputs.skipped.iter().filter(|s| s.kind == SkipKind::Unreadable) {
        options
            .looks
            .error(&format!("{}: not read: {}", s.path, s.reason));
    }
    if inputs.files.is_empty() && shard_of.is_none() {
        return Err(lkjip::import::ImportError::NoInputs.into());
    }
    inputs.files = shard(inputs.files, shard_of);
    let (bar, total) = (progress(&inputs.files, options.looks.quiet), inputs.files.len());
    // the pages OCR reads counted on a bar of their own under the files' bar
    let bars = MultiProgress::new();
    let bar = match bar.is_hidden() {
        true => bar,
        false => bars.add(bar),
    };
    if !bar.is_hidden() && options.ocr != lkjip::pdf::Ocr::Never {
        lkjip::pdf::ocr::show_progress_beside(&bars);
    }
    let finished = AtomicUsize::new(0);
    let summary = run(inputs, out, (&concepts, options.ocr), &|bytes| {
        let n = finished.fetch_add(1, Ordering::Relaxed) + 1;
        bar.inc(bytes);
        bar.set_message(format!("{n}/{total} files"));
    })?;
    bar.finish_and_clear();
    lkjip::pdf::ocr::hide_progress();
    finish(&summary, out, started, options)
}

/// `lkjip merge`: joins import outputs into one.
pub fn merge_outputs(dirs: &[PathBuf], out: &Path, options: &Options) -> Result<ExitCode> {
    let started = Instant::now();
    let summary = merge(dirs, out)?;
    finish(&summary, out, started, options)
}

/// Writes the outputs and the timings, prints the summary, names failures on stderr.
fn finish(summary: &Summary, out: &Path, started: Instant, options: &Options) -> Result<ExitCode> {
    let elapsed = started.elapsed();
    for f in &summary.failures {
        options.looks.error(&f.reason);
    }
    if options.json {
        emit(&(serde_json::to_string_pretty(summary)? + "\n"))?;
    } else if !options.looks.quiet {
        emit(&human(summary, out, elapsed))?;
    }
    let unreadable = summary.skipped.iter().any(|s| s.kind == SkipKind::Unreadable);
    let failed = summary.counts.failed > 0 || unreadable || (options.strict && summary.errors() > 0);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The progress bar: files, bytes and ETA on a terminal; hidden otherwise or with --quiet.
fn progress(files: &[PathBuf], quiet: bool) -> ProgressBar {
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    if quiet || !std::io::stdout().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {msg} ETA {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(format!("0/{} files", files.len()));
    bar
}

/// A failure kind as `summary.json` spells it.
fn kind_name(kind: lkjip::source::FailureKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The summary for people.
fn human(summary: &Summary, out: &Path, elapsed: Duration) -> String {
    let c = &summary.counts;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut s = format!(
        "imported {} from {} into {} in {:.1} s ({} duplicates, {} failed)\n",
        plural(c.reports, "report"),
        plural(c.files, "file"),
        out.display(),
        elapsed.as_secs_f64(),
        c.duplicates,
        c.failed
    );
    s.push_str(&format!(
        "  indicators    {:>6}\n  budget lines  {:>6}\n  table cells   {:>6}\n",
        c.indicators, c.budget_lines, c.table_cells
    ));
    let severities: Vec<String> = summary
        .findings_by_severity
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    s.push_str(&format!(
        "  findings      {:>6}  ({})\n",
        c.findings,
        severities.join(", ")
    ));
    for (kind, by) in &summary.findings_by_kind {
        let counts: Vec<String> = by.iter().map(|(k, n)| format!("{n} {k}")).collect();
        s.push_str(&format!("    {kind:<20} {}\n", counts.join(", ")));
    }
    for f in summary.files.iter().filter(|f| f.status == FileStatus::Duplicate) {
        let of = f.duplicate_of.as_deref().unwrap_or("");
        s.push_str(&format!("  same report: {} (kept {of})\n", f.source_file));
    }
    for f in &summary.failures {
        s.push_str(&format!("  failed ({}): {}\n", kind_name(f.kind), f.reason));
    }
    for f in summary.files.iter().filter(|f| !f.pages_not_read.is_empty()) {
        let pages: Vec<u32> = f.pages_not_read.iter().map(|p| p.page).collect();
        let failed = f
            .pages_not_read
            .iter()
            .filter(|p| p.status == PageStatus::Failed)
            .count();
        s.push_str(&format!(
            "  pages not read: {} pages {} ({failed} failed, the others without text; reasons in summary.json)\n",
            f.source_file,
            lkjip::pdf::ranges(&pages)
        ));
    }
    if !summary.skipped.is_empty() {
        s.push_str(&format!(
            "  inputs not read: {} (not reports, unreadable, not regular files, or met again through a link; in summary.json)\n",
            summary.skipped.len()
        ));
        for skipped in &summary.skipped {
            let what = match skipped.kind {
                SkipKind::Unreadable => "unreadable",
                SkipKind::NotAReport => "skipped",
                SkipKind::NotAFile | SkipKind::Repeated => continue,
            };
            s.push_str(&format!("  {what}: {}: {}\n", skipped.path, skipped.reason));
        }
    }
    let workbook = if cfg!(feature = "xlsx") {
        ", dataset.xlsx"
    } else {
        ""
    };
    let parquet = if cfg!(feature = "parquet") {
        ", parquet/"
    } else {
        ""
    };
    s.push_str(&format!("  outputs: reports/, indicators, budget_lines, table_cells, discrepancies (.csv, .jsonl), summary.json, datapackage.json{workbook}{parquet}, report.html\n"));
    s
}
