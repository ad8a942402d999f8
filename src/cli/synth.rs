//! The `synth` command: writes a ground-truth corpus of synthetic reports.

use anyhow::{Context, Result};
use lkjip::import::inputs::expand;
use lkjip::import::output::write_atomic;
use lkjip::synth::{is_text_dump, synthetic, SourceReport};
use rayon::prelude::*;
use std::path::Path;

/// Writes `count` synthetic reports made from `inputs` into `out/reports/`, with
/// `out/truth.jsonl` (one line per fault put in) and `out/reports.jsonl` (one line per
/// report: its source, regency, year shift and scale).
pub fn synth(
    inputs: &[String],
    count: usize,
    faults: usize,
    seed: u64,
    out: &Path,
    looks: super::Looks,
) -> Result<()> {
    let sources: Vec<SourceReport> = expand(inputs)?
        .files
        .into_iter()
        .filter(|p| is_text_dump(p))
        .map(|p| SourceReport::read(&p).with_context(|| format!("{}: cannot read", p.display())))
        .collect::<Result<_>>()?;
    anyhow::ensure!(!sources.is_empty(), "no text dumps (.txt, .md) among the inputs");
    let reports = out.join("reports");
    std::fs::create_dir_all(&reports).with_context(|| format!("{}: cannot create", reports.display()))?;
    let lines: Vec<(String, String)> = (0..count)
        .into_par_iter()
        .map(|i| {
            let s = synthetic(&sources, i, faults, seed);
            write_atomic(&reports.join(&s.name), s.text.as_bytes())?;
            let truth: String = s
                .faults
                .iter()
                .map(|f| Ok(serde_json::to_string(f)? + "\n"))
                .collect::<Result<_>>()?;
            Ok((serde_json::to_string(&s)? + "\n", truth))
        })
        .collect::<Result<_>>()?;
    let (reports, truth): (String, String) = lines.into_iter().unzip();
    write_atomic(&out.join("reports.jsonl"), reports.as_bytes())?;
    write_atomic(&out.join("truth.jsonl"), truth.as_bytes())?;
    if looks.quiet {
        return Ok(());
    }
    super::emit(&format!(
        "wrote {count} synthetic reports and {} faults into {}\n",
        truth.lines().count(),
        out.display()
    ))?;
    Ok(())
}
