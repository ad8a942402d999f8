//! The `lkjip` command line.

use clap::{Args, CommandFactory, Parser, Subcommand};
use cli::{Format, JsonStyle, Looks};
use lkjip::pdf::Ocr;
use std::path::PathBuf;
use std::process::ExitCode;

mod cli;

/// The allocator: a report is millions of small allocations (cells, names, rows), and
/// mimalloc takes a fifth off the CPU of `extract`, `check` and `import` (README,
/// "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_destroy_on_exit`: its place in `mimalloc.h`'s `mi_option_e`,
/// which keeps retired options' places so that the numbers stay.
const DESTROY_ON_EXIT: libmimalloc_sys::mi_option_t = 22;

/// Lets the process exit without mimalloc first collecting every heap (purging its pages)
/// for the kernel to free at once anyway: at 2 its exit handler returns at its start.
/// 2-3% of the CPU of `extract` on a small PDF (README, "Performance").
fn exit_without_collecting() {
    // SAFETY: sets an option of the allocator, which takes any value for any option.
    unsafe { libmimalloc_sys::mi_option_set(DESTROY_ON_EXIT, 2) }
}

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
    /// Colour the output for a terminal: auto (when it is one and NO_COLOR is not set),
    /// always, or never.
    #[arg(long, value_enum, default_value_t = cli::ColorChoice::Auto, global = true)]
    color: cli::ColorChoice,
    /// Print nothing but errors: no progress bar, no summary, no notes or warnings (data
    /// asked for — JSON, extracted documents, text — is still printed).
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Extract reports into canonical JSON: metadata, headings, tables, indicators, budget lines.
    ///
    /// One JSON document per report. Without -o the documents go to standard output (one
    /// per line with --format json); with -o each is written to DIR/<report>.json.
    ///
    /// Examples:
    /// Inputs are what `import` takes — files, directories, glob patterns — and `-` for
    /// standard input; a file that is no report (.docx, .xlsx, .html, a README) is named
    /// as skipped.
    ///
    /// Examples:
    ///   lkjip extract corpus/lumajang-disnaker-lkj-tw2-2023.txt --format pretty
    ///   lkjip extract corpus/ -o out/
    ///   lkjip text report.pdf | lkjip extract - --format pretty
    #[command(verbatim_doc_comment)]
    Extract {
        /// Files, directories, glob patterns, or `-` for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// json: compact, one document per line; pretty: indented.
        #[arg(long, value_enum, default_value_t = JsonStyle::Json)]
        format: JsonStyle,
        /// Write DIR/<report>.json for each report instead of printing.
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: Option<PathBuf>,
        #[command(flatten)]
        reading: Reading,
    },
    /// Check reports: sums, ratios, differences, conflicts, malformed numbers.
    ///
    /// Every finding points to the source line and cell, says what was expected and found,
    /// and gives the likely repair when arithmetic shows one. A printed number stands for
    /// the interval its precision allows (94,54 is [94.535, 94.545)), and rounding or
    /// truncation at that precision is never an error.
    ///
    /// Inputs as for `extract`. `lkjip explain KIND` says what a kind of finding means.
    ///
    /// Exit code: 0 when no finding is an error, 1 when one is, 2 on usage or input errors.
    ///
    /// Examples:
    ///   lkjip check corpus/lamongan-disnaker-lkjip-2023.txt
    ///   lkjip check corpus/ --format json > findings.json
    ///   lkjip check 'reports/**/*.pdf' -q          # error findings only
    #[command(verbatim_doc_comment)]
    Check {
        /// Files, directories, glob patterns, or `-` for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// human: diagnostics with the source lines; json: {"reports":[{"source","discrepancies"}]}.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[command(flatten)]
        reading: Reading,
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
        /// Import only slice K of N of the inputs (every N-th file from the K-th, in
        /// import order), to run an import as N tasks and join them with `lkjip merge`.
        #[arg(long, value_name = "K/N")]
        shard: Option<String>,
        /// A region's own indicator names: lines `concept-id<TAB>printed name` (`#` starts
        /// a comment), which give `indikator_concept` before the built-in catalogue
        /// (data/indicator-concepts.tsv) is tried; an id not in the catalogue is your own.
        #[arg(long, value_name = "FILE")]
        aliases: Option<PathBuf>,
        #[command(flatten)]
        reading: Reading,
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
    ///   curl -s https://example.org/lkjip.pdf | lkjip text -
    #[command(verbatim_doc_comment)]
    Text {
        /// A report file: text dump (.txt, .md) or PDF; `-` for standard input.
        file: String,
        /// Mark where each PDF page starts: a form feed, then `-- page N --` on a line.
        #[arg(long)]
        pages: bool,
        /// human: the text; json: the text with every page's status.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[command(flatten)]
        reading: Reading,
    },
    /// Print the JSON Schema of the canonical report document.
    Schema,
    /// Show how table cells are read: value, printed precision, unit and convention.
    ///
    /// Examples:
    ///   lkjip cell "9.801.822.500" "94,54 %" "Rp. 4.753.553.212,-"
    ///   lkjip cell "10,730" "26.300,000" --format json
    #[command(verbatim_doc_comment)]
    Cell {
        /// Cell texts exactly as printed (quote each one).
        #[arg(required = true)]
        texts: Vec<String>,
        /// Output form: one line per cell for people, or JSON for programs.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Explain a kind of finding: what is compared, when it is an error, what to do, and
    /// an example report with what `check` says of it.
    ///
    /// Without KIND, lists the kinds.
    ///
    /// Examples:
    ///   lkjip explain sum_mismatch
    ///   lkjip explain                        # every kind, one line each
    ///   lkjip explain ratio_mismatch --format json
    #[command(verbatim_doc_comment)]
    Explain {
        /// A kind of finding, as `check` prints it (`sum_mismatch`).
        kind: Option<String>,
        /// human: text with the example's diagnostics; json: the same as one document.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print a shell completion script for lkjip.
    ///
    /// Examples:
    ///   lkjip completions bash > ~/.local/share/bash-completion/completions/lkjip
    ///   lkjip completions zsh > "${fpath[1]}/_lkjip"
    ///   lkjip completions fish > ~/.config/fish/completions/lkjip.fish
    #[command(verbatim_doc_comment)]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// How a PDF's pages are read.
#[derive(Args)]
struct Reading {
    /// Which pages are read by OCR (pdftoppm and Tesseract with Indonesian): auto, those
    /// without a text layer; always, every page (a poor OCR layer set aside); never.
    #[arg(long, value_enum, default_value_t = Ocr::Auto)]
    ocr: Ocr,
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
    /// The run's options.
    fn options(&self, looks: Looks) -> cli::Options {
        cli::Options {
            json: matches!(self.format, Format::Json),
            looks,
            strict: self.strict,
            // `merge` reads no PDF; `import` sets its own
            ocr: Ocr::Never,
        }
    }
}

fn main() -> ExitCode {
    exit_without_collecting();
    let cli = Cli::parse();
    let looks = Looks::new(cli.color, cli.quiet);
    let outcome = match cli.command {
        Command::Cell { texts, format } => cli::cell(&texts, format).map(|_| ExitCode::SUCCESS),
        Command::Extract {
            inputs,
            format,
            output,
            reading,
        } => cli::extract(&inputs, format, output.as_deref(), (reading.ocr, looks)),
        Command::Check {
            inputs,
            format,
            reading,
        } => cli::check(&inputs, format, (reading.ocr, looks)),
        Command::Text {
            file,
            pages,
            format,
            reading,
        } => cli::text(&file, pages, format, (reading.ocr, looks)),
        Command::Import {
            inputs,
            dataset,
            shard,
            aliases,
            reading,
        } => cli::import(
            &inputs,
            &dataset.output,
            shard.as_deref(),
            aliases.as_deref(),
            &cli::Options {
                ocr: reading.ocr,
                ..dataset.options(looks)
            },
        ),
        Command::Merge { dirs, dataset } => {
            cli::merge_outputs(&dirs, &dataset.output, &dataset.options(looks))
        }
        Command::Synth {
            inputs,
            count,
            faults,
            seed,
            output,
        } => cli::synth(&inputs, count, faults, seed, &output, looks).map(|_| ExitCode::SUCCESS),
        Command::Schema => {
            cli::print_json(&lkjip::report::schema(), JsonStyle::Pretty).map(|_| ExitCode::SUCCESS)
        }
        Command::Explain { kind, format } => cli::explain(kind.as_deref(), format, looks),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "lkjip", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
    };
    outcome.unwrap_or_else(|e| {
        eprintln!("{}: {e:#}", looks.err.paint(cli::Tone::Error, "error"));
        ExitCode::from(2)
    })
}
