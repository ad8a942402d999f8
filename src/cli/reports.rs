//! `extract`, `check` and `text`: reports read one by one, from files, directories, glob
//! patterns or standard input (`-`).

use super::{Format, JsonStyle, Looks};
use anyhow::{Context, Result};
use lkjip::analyze::{analyze, Analysis, Through};
use lkjip::import::inputs::{expand, SkipKind};
use lkjip::pdf::Ocr;
use lkjip::report::ReportDocument;
use lkjip::source::{Source, SourceError};
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The name standard input goes by in outputs and messages.
const STDIN: &str = "<stdin>";

/// One input to read.
enum Input {
    /// A file, and whether it was met in a directory or through a pattern (passed over
    /// when it holds no report) rather than named.
    File(PathBuf, bool),
    /// Standard input (`-`).
    Stdin,
}

/// The inputs the arguments name, in order: `-` is standard input; a directory or pattern
/// gives its report files as `import` does (files of other kinds are noted as skipped); a
/// path that does not exist is kept, to fail with its reason where it is read. `false`
/// when a pattern matched nothing or an entry could not be read.
fn inputs(args: &[String], looks: Looks) -> (Vec<Input>, bool) {
    let (mut out, mut ok) = (Vec::new(), true);
    for arg in args {
        if arg == "-" {
            out.push(Input::Stdin);
            continue;
        }
        if !Path::new(arg).exists() && !arg.contains(['*', '?', '[']) {
            out.push(Input::File(PathBuf::from(arg), false));
            continue;
        }
        match expand(std::slice::from_ref(arg)) {
            Ok(found) => {
                for s in &found.skipped {
                    match s.kind {
                        SkipKind::Unreadable => {
                            ok = false;
                            looks.error(&format!("{}: not read: {}", s.path, s.reason));
                        }
                        _ => looks.note(&format!("{}: skipped: {}", s.path, s.reason)),
                    }
                }
                let walked = found.walked;
                out.extend(found.files.into_iter().map(|f| {
                    let met = walked.contains(&f);
                    Input::File(f, met)
                }));
            }
            Err(e) => {
                ok = false;
                looks.error(&e.to_string());
            }
        }
    }
    (out, ok)
}

/// Reads one input (a text dump or a PDF, standard input by its first bytes), naming
/// its unread pages.
fn read(input: &Input, ocr: Ocr, looks: Looks) -> Result<Source, SourceError> {
    let source = match input {
        Input::File(path, _) => lkjip::source::read_with(path, ocr)?,
        Input::Stdin => {
            let path = Path::new(STDIN);
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|reason| SourceError::Unreadable {
                    path: path.to_path_buf(),
                    reason,
                })?;
            match bytes.starts_with(b"%PDF") {
                true => lkjip::source::from_pdf(path, &bytes, ocr)?,
                false => lkjip::source::from_bytes(path, &bytes)?,
            }
        }
    };
    for line in lkjip::render::unread_pages(&source) {
        looks.warning(&line);
    }
    Ok(source)
}

/// Each input read and analysed as far as `through`, handed to `each`; a text file met in
/// a directory that is no report is noted and passed over. Returns whether every input
/// was read.
fn each_report(
    args: &[String],
    through: Through,
    (ocr, looks): (Ocr, Looks),
    mut each: impl FnMut(&Source, Analysis) -> Result<()>,
) -> Result<bool> {
    let (inputs, mut ok) = inputs(args, looks);
    for input in &inputs {
        let source = match ocr_progress(ocr, looks, || read(input, ocr, looks)) {
            Ok(source) => source,
            Err(e) => {
                looks.error(&e.to_string());
                ok = false;
                continue;
            }
        };
        let analysis = analyze(&source, through);
        let walked = matches!(input, Input::File(_, true));
        if let Some(reason) = analysis.not_a_report(&source).filter(|_| walked) {
            looks.note(&format!("{}: skipped: {reason}", source.path.display()));
            continue;
        }
        each(&source, analysis)?;
    }
    Ok(ok)
}

/// `lkjip extract`: each report's canonical document; exit 2 when an input cannot be read.
pub fn extract(
    args: &[String],
    style: JsonStyle,
    output: Option<&Path>,
    reading: (Ocr, Looks),
) -> Result<ExitCode> {
    if let Some(dir) = output {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the output directory", dir.display()))?;
    }
    let ok = each_report(args, Through::Records, reading, |_, analysis| match output {
        Some(dir) => write_document(dir, &analysis.doc, style),
        None => print_json(&analysis.doc, style),
    })?;
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// `lkjip check`: exit 1 when a finding is an error, 2 when an input cannot be read. With
/// -q, only the findings of error severity are printed.
pub fn check(args: &[String], format: Format, reading: (Ocr, Looks)) -> Result<ExitCode> {
    use lkjip::findings::Severity;
    let looks = reading.1;
    let mut reports = Vec::new();
    let mut errors = false;
    let ok = each_report(args, Through::Findings, reading, |source, analysis| {
        let mut findings = analysis.findings;
        errors |= findings.iter().any(|f| f.severity == Severity::Error);
        let file = source.path.display().to_string();
        match format {
            Format::Human if looks.quiet => {
                findings.retain(|f| f.severity == Severity::Error);
                super::emit(&lkjip::render::diagnostics(
                    &findings,
                    &file,
                    &source.lines(),
                    looks.out,
                ))?;
            }
            Format::Human => super::emit(&lkjip::render::render(
                &findings,
                &file,
                &source.lines(),
                looks.out,
            ))?,
            Format::Json => reports.push(serde_json::json!({ "source": file, "discrepancies": findings })),
        }
        Ok(())
    })?;
    if let Format::Json = format {
        print_json(&serde_json::json!({ "reports": reports }), JsonStyle::Pretty)?;
    }
    Ok(match (ok, errors) {
        (false, _) => ExitCode::from(2),
        (true, true) => ExitCode::from(1),
        (true, false) => ExitCode::SUCCESS,
    })
}

/// `lkjip text`: the text a file is read as; exit 2 when it cannot be read.
pub fn text(file: &str, marked: bool, format: Format, (ocr, looks): (Ocr, Looks)) -> Result<ExitCode> {
    let input = match file {
        "-" => Input::Stdin,
        path => Input::File(PathBuf::from(path), false),
    };
    let source = match ocr_progress(ocr, looks, || read(&input, ocr, looks)) {
        Ok(source) => source,
        Err(e) => {
            looks.error(&e.to_string());
            return Ok(ExitCode::from(2));
        }
    };
    match format {
        Format::Json => print_json(
            &serde_json::json!({ "source": source.path.display().to_string(), "pages": source.pages, "text": source.text }),
            JsonStyle::Json,
        )?,
        Format::Human if marked => super::emit(&lkjip::render::with_page_marks(&source))?,
        Format::Human => super::emit(&source.text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `read` with a progress bar counting the pages OCR reads, unless OCR is off or the
/// run is quiet.
fn ocr_progress<T>(ocr: Ocr, looks: Looks, read: impl FnOnce() -> T) -> T {
    if ocr == Ocr::Never || looks.quiet {
        return read();
    }
    lkjip::pdf::ocr::show_progress();
    let read = read();
    lkjip::pdf::ocr::hide_progress();
    read
}

fn render(value: &impl Serialize, style: JsonStyle) -> Result<String> {
    Ok(match style {
        JsonStyle::Json => serde_json::to_string(value)?,
        JsonStyle::Pretty => serde_json::to_string_pretty(value)?,
    })
}

/// Prints one JSON document and a newline.
pub fn print_json(value: &impl Serialize, style: JsonStyle) -> Result<()> {
    super::emit(&(render(value, style)? + "\n"))?;
    Ok(())
}

/// Writes DIR/<stem>.json atomically: a temporary file, then a rename (`stdin.json` for
/// standard input).
fn write_document(dir: &Path, doc: &ReportDocument, style: JsonStyle) -> Result<()> {
    let stem = match doc.source.file.as_str() {
        STDIN => "stdin".to_string(),
        file => Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let json = render(doc, style)? + "\n";
    lkjip::import::output::write_atomic(&dir.join(format!("{stem}.json")), json.as_bytes())?;
    Ok(())
}
