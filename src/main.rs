//! The `lkjip` command line.

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use lkjip::analyze::{analyze, Through};
use lkjip::explain::describe;
use lkjip::parsers::parse_cell;
use lkjip::report::ReportDocument;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod cli;

/// Turn Indonesian government performance reports (LKjIP) into a canonical, checked dataset.
///
/// Every number is read exactly as printed (`9.801.822.500`, `94,54%`, `Rp 20.000.000,-`),
/// with its printed precision; numbers that more than one convention could mean
/// (`10,730`) or that fit none (`26.300,000`) carry all their readings.
#[derive(Parser)]
#[command(name = "lkjip", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract reports into canonical JSON: metadata, headings, tables, indicators, budget lines.
    ///
    /// One JSON document per report. Without -o the documents go to standard output (one
    /// per line with --format json); with -o each is written to DIR/<report>.json.
    ///
    /// Examples:
    ///   lkjip extract corpus/lumajang-disnaker-lkj-tw2-2023.txt --format pretty
    ///   lkjip extract corpus/*.txt -o out/
    Extract {
        /// Report files: text dumps (.txt, .md) or PDFs (.pdf).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// json: compact, one document per line; pretty: indented.
        #[arg(long, value_enum, default_value_t = JsonStyle::Json)]
        format: JsonStyle,
        /// Write DIR/<report>.json for each report instead of printing.
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Check reports: sums, ratios, differences, conflicts, malformed numbers.
    ///
    /// Every finding points to the source line and cell, says what was expected and found,
    /// and gives the likely repair when arithmetic shows one. A printed number stands for
    /// the interval its precision allows (94,54 is [94.535, 94.545)), and rounding or
    /// truncation at that precision is never an error.
    ///
    /// Exit code: 0 when no finding is an error, 1 when one is, 2 on usage or input errors.
    ///
    /// Examples:
    ///   lkjip check corpus/lamongan-disnaker-lkjip-2023.txt
    ///   lkjip check corpus/*.txt --format json > findings.json
    Check {
        /// Report files: text dumps (.txt, .md) or PDFs (.pdf).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// human: diagnostics with the source lines; json: {"reports":[{"source","discrepancies"}]}.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Import many reports into one joined, checked dataset: the main job.
    ///
    /// Inputs are files, directories (read recursively; hidden files skipped; links
    /// followed, each directory and file read once) and glob patterns; text dumps (.txt,
    /// .md) and PDFs (.pdf), read in parallel. A file that cannot be read is listed with
    /// its reason and the others complete; so is an unreadable entry of a directory. The
    /// same report read twice (e.g. as PDF and as text dump) is kept once, from the first
    /// file in import order (by path; a text dump before the PDF of the same name).
    ///
    /// Writes into DIR: reports/<report-id>.json (canonical documents), indicators.csv,
    /// budget_lines.csv, discrepancies.csv and the same as .jsonl (one row per record, with
    /// report keys regency, agency, report_kind, report_year, source_file, line),
    /// summary.json, datapackage.json (every column's type, as a Frictionless data
    /// package), dataset.xlsx (a sheet per table), report.html (findings with their source
    /// lines, filterable), timings.json, and, built with the `parquet` feature, parquet/
    /// (each table partitioned by report_year and regency). Every file but timings.json is
    /// byte-identical on a rerun.
    ///
    /// The dataset is one unit: it is built whole beside the one DIR holds and swapped in
    /// by one rename (DIR/current, which each name links through). Killed, out of disk or
    /// failing, a run leaves DIR with its earlier dataset. DIR must be new, empty or an
    /// earlier output; one run at a time writes it (a second is refused, naming the first).
    ///
    /// Exit code: 0 when every file was imported, 1 when a file or directory entry could
    /// not be read (with --strict also when a finding is an error), 2 on usage errors and
    /// when the outputs cannot be written.
    ///
    /// Examples:
    ///   lkjip import corpus/ -o out/
    ///   lkjip import 'reports/**/*.pdf' extra.txt -o out/ --quiet --format json
    ///   lkjip import corpus/ -o out-1/ --shard 1/2 && lkjip import corpus/ -o out-2/ --shard 2/2
    #[command(verbatim_doc_comment)]
    Import {
        /// Files, directories and glob patterns (quote a pattern to let lkjip expand it).
        #[arg(required = true)]
        inputs: Vec<String>,
        #[command(flatten)]
        dataset: DatasetArgs,
        /// No progress bar (it is also hidden when standard output is not a terminal).
        #[arg(short, long)]
        quiet: bool,
        /// Import only slice K of N of the inputs (every N-th file from the K-th, in
        /// import order), to run an import as N tasks and join them with `lkjip merge`.
        #[arg(long, value_name = "K/N")]
        shard: Option<String>,
        /// A region's own indicator names: lines `concept-id<TAB>printed name` (`#` starts
        /// a comment), which give `indikator_concept` before the built-in catalogue
        /// (data/indicator-concepts.tsv) is tried; an id not in the catalogue is your own.
        #[arg(long, value_name = "FILE")]
        aliases: Option<PathBuf>,
    },
    /// Join the outputs of sharded imports into one, as a single import would have written.
    ///
    /// Each input is checked against its summary.json (each data file's size and SHA-256,
    /// and its row counts) and refused when it was cut or changed. The output is written
    /// as `lkjip import` writes it: whole, or not at all.
    ///
    /// Example:
    ///   lkjip merge out-1/ out-2/ -o out/
    #[command(verbatim_doc_comment)]
    Merge {
        /// Output directories of `lkjip import`.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        #[command(flatten)]
        dataset: DatasetArgs,
    },
    /// Write a ground-truth corpus: synthetic reports made from real ones, with known faults.
    ///
    /// Each report is a source report (cycled in order) made over as another regency's:
    /// its regency renamed, every year shifted by 1-3, every dot-grouped amount and Rp
    /// figure multiplied by 10, 100 or 1000 (so every sum, ratio and digit slip it prints
    /// still holds); then up to --faults faults put into its budget tables (a digit
    /// changed, two digits swapped, a row dropped, a percent mistyped, a table rewritten
    /// with comma thousands). Writes DIR/reports/synth-NNNNN-<regency>.txt, DIR/truth.jsonl
    /// (report, line, fault, detail) and DIR/reports.jsonl. The same seed writes the same
    /// corpus.
    ///
    /// Example:
    ///   lkjip synth corpus/ -n 2000 --faults 3 --seed 7 -o synth/
    ///   lkjip import synth/reports/ -o synth-out/
    #[command(verbatim_doc_comment)]
    Synth {
        /// Source reports: text dumps, directories or glob patterns.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// How many reports to write.
        #[arg(short = 'n', long, default_value_t = 100)]
        count: usize,
        /// Faults per report (at most; fewer where a report has fewer budget lines to take them).
        #[arg(long, default_value_t = 0)]
        faults: usize,
        /// Seed of the variations and faults.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The output directory.
        #[arg(short = 'o', long = "output", value_name = "DIR", required = true)]
        output: PathBuf,
    },
    /// Print the text lkjip reads from a file: for a PDF, its text layer laid out as lines,
    /// table cells separated by tabs (what extract and check then read).
    ///
    /// A PDF page that could not be read is named on standard error with the reason; the
    /// other pages are printed. With --format json: {"source", "pages", "text"}, where each
    /// page has its status (read, no_text, failed), reason, lines in the text, characters
    /// and unmapped glyphs (shown as U+FFFD).
    ///
    /// Examples:
    ///   lkjip text report.pdf | less
    ///   lkjip text report.pdf --pages        # a form feed and the page number before each page
    ///   lkjip text report.pdf --format json | jq '.pages[] | select(.status != "read")'
    #[command(verbatim_doc_comment)]
    Text {
        /// A report file: text dump (.txt, .md) or PDF.
        file: PathBuf,
        /// Mark where each PDF page starts: a form feed, then `-- page N --` on a line.
        #[arg(long)]
        pages: bool,
        /// human: the text; json: the text with every page's status.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the JSON Schema of the canonical report document.
    Schema,
    /// Show how table cells are read: value, printed precision, unit and convention.
    ///
    /// Examples:
    ///   lkjip cell "9.801.822.500" "94,54 %" "Rp. 4.753.553.212,-"
    ///   lkjip cell "10,730" "26.300,000" --format json
    Cell {
        /// Cell texts exactly as printed (quote each one).
        #[arg(required = true)]
        texts: Vec<String>,
        /// Output form: one line per cell for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

/// Layout of JSON output.
#[derive(Clone, Copy, ValueEnum)]
enum JsonStyle {
    /// Compact, one document per line.
    Json,
    /// Indented for reading.
    Pretty,
}

/// Where and how `import` and `merge` write the dataset.
#[derive(Args)]
struct DatasetArgs {
    /// The output directory (created if needed).
    #[arg(short = 'o', long = "output", value_name = "DIR", required = true)]
    output: PathBuf,
    /// human: a summary for people; json: summary.json on standard output.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 also when any finding has error severity.
    #[arg(long)]
    strict: bool,
}

impl DatasetArgs {
    /// The run's options, with or without a progress bar.
    fn options(&self, quiet: bool) -> cli::Options {
        cli::Options {
            json: matches!(self.format, Format::Json),
            quiet,
            strict: self.strict,
        }
    }
}

/// Output form of a command.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Lines for people.
    Human,
    /// One JSON document.
    Json,
}

#[derive(Serialize)]
struct CellReading<'a> {
    text: &'a str,
    value: lkjip::parsers::CellValue,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Cell { texts, format } => cell(&texts, format).map(|_| ExitCode::SUCCESS),
        Command::Extract {
            files,
            format,
            output,
        } => extract(&files, format, output.as_deref()),
        Command::Check { files, format } => check(&files, format),
        Command::Text { file, pages, format } => text(&file, pages, format),
        Command::Import {
            inputs,
            dataset,
            quiet,
            shard,
            aliases,
        } => cli::import(
            &inputs,
            &dataset.output,
            shard.as_deref(),
            aliases.as_deref(),
            &dataset.options(quiet),
        ),
        Command::Merge { dirs, dataset } => {
            cli::merge_outputs(&dirs, &dataset.output, &dataset.options(true))
        }
        Command::Synth {
            inputs,
            count,
            faults,
            seed,
            output,
        } => cli::synth(&inputs, count, faults, seed, &output).map(|_| ExitCode::SUCCESS),
        Command::Schema => print_json(&lkjip::report::schema(), JsonStyle::Pretty).map(|_| ExitCode::SUCCESS),
    };
    outcome.unwrap_or_else(|e| {
        eprintln!("error: {e:#}");
        ExitCode::from(2)
    })
}

/// Extracts each file; a file that cannot be read is reported and makes the exit code 2.
fn extract(files: &[PathBuf], style: JsonStyle, output: Option<&Path>) -> Result<ExitCode> {
    if let Some(dir) = output {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the output directory", dir.display()))?;
    }
    let mut failed = 0;
    for file in files {
        let doc = match lkjip::source::read(file) {
            Ok(source) => {
                warn_unread_pages(&source);
                analyze(&source, Through::Records).doc
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
                continue;
            }
        };
        match output {
            Some(dir) => write_document(dir, &doc, style)?,
            None => print_json(&doc, style)?,
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Checks each file; exit 1 when a finding is an error, 2 when a file cannot be read.
fn check(files: &[PathBuf], format: Format) -> Result<ExitCode> {
    let mut reports = Vec::new();
    let (mut failed, mut errors) = (false, false);
    for file in files {
        let source = match lkjip::source::read(file) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                continue;
            }
        };
        warn_unread_pages(&source);
        let findings = analyze(&source, Through::Findings).findings;
        errors |= findings
            .iter()
            .any(|f| f.severity == lkjip::findings::Severity::Error);
        if let Format::Human = format {
            cli::emit(&lkjip::render::render(
                &findings,
                &file.display().to_string(),
                &source.lines(),
            ))?;
        }
        reports.push(serde_json::json!({ "source": file.display().to_string(), "discrepancies": findings }));
    }
    if let Format::Json = format {
        print_json(&serde_json::json!({ "reports": reports }), JsonStyle::Pretty)?;
    }
    Ok(match (failed, errors) {
        (true, _) => ExitCode::from(2),
        (false, true) => ExitCode::from(1),
        (false, false) => ExitCode::SUCCESS,
    })
}

/// `lkjip text`: the text a file is read as; exit 2 when it cannot be read.
fn text(file: &Path, marked: bool, format: Format) -> Result<ExitCode> {
    let source = match lkjip::source::read(file) {
        Ok(source) => source,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    warn_unread_pages(&source);
    match format {
        Format::Json => print_json(
            &serde_json::json!({ "source": file.display().to_string(), "pages": source.pages, "text": source.text }),
            JsonStyle::Json,
        )?,
        Format::Human if marked => cli::emit(&lkjip::render::with_page_marks(&source))?,
        Format::Human => cli::emit(&source.text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Names on standard error each PDF page that was not read, with the reason.
fn warn_unread_pages(source: &lkjip::source::Source) {
    for line in lkjip::render::unread_pages(source) {
        eprintln!("{line}");
    }
}

fn render(value: &impl Serialize, style: JsonStyle) -> Result<String> {
    Ok(match style {
        JsonStyle::Json => serde_json::to_string(value)?,
        JsonStyle::Pretty => serde_json::to_string_pretty(value)?,
    })
}

fn print_json(value: &impl Serialize, style: JsonStyle) -> Result<()> {
    cli::emit(&(render(value, style)? + "\n"))?;
    Ok(())
}

/// Writes DIR/<stem>.json atomically: a temporary file, then a rename.
fn write_document(dir: &Path, doc: &ReportDocument, style: JsonStyle) -> Result<()> {
    let stem = Path::new(&doc.source.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let json = render(doc, style)? + "\n";
    lkjip::import::output::write_atomic(&dir.join(format!("{stem}.json")), json.as_bytes())?;
    Ok(())
}

fn cell(texts: &[String], format: Format) -> Result<()> {
    let readings: Vec<CellReading> = texts
        .iter()
        .map(|t| CellReading {
            text: t,
            value: parse_cell(t),
        })
        .collect();
    match format {
        Format::Human => {
            let lines: String = readings
                .iter()
                .map(|r| format!("{:?} → {}\n", r.text, describe(&r.value)))
                .collect();
            cli::emit(&lines)?;
        }
        Format::Json => print_json(&serde_json::json!({ "cells": readings }), JsonStyle::Pretty)?,
    }
    Ok(())
}
