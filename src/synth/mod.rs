//! A ground-truth corpus: synthetic reports made from real ones ([`vary`]: another
//! regency, other years, every amount rescaled so every relation still holds), with known
//! faults put in ([`faults`]) and written down — to measure how many of them `check` finds
//! and how fast the tool runs as the corpus grows. Deterministic from a seed.

#![allow(
    clippy::indexing_slicing,
    reason = "sources and fault kinds indexed modulo their length; not yet rewritten to checked access"
)]

pub mod faults;
pub mod vary;

use crate::analyze::{analyze, Through};
use crate::source::from_bytes;
use faults::{inject, targets, Fault, FaultKind};
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;
use vary::Variation;

/// Regency names a synthetic report takes (Jawa Timur kabupaten not in the corpus).
const REGENCIES: [&str; 12] = [
    "Tuban",
    "Gresik",
    "Jombang",
    "Kediri",
    "Madiun",
    "Ngawi",
    "Pacitan",
    "Ponorogo",
    "Trenggalek",
    "Bojonegoro",
    "Pasuruan",
    "Situbondo",
];

/// The faults put in, in turn.
const KINDS: [FaultKind; 5] = [
    FaultKind::DigitChanged,
    FaultKind::DigitsTransposed,
    FaultKind::RowDropped,
    FaultKind::PercentMistyped,
    FaultKind::CommaThousands,
];

/// A source report: its file name and text.
#[derive(Debug, Clone)]
pub struct SourceReport {
    /// File name (`lamongan-disnaker-lkjip-2023.txt`).
    pub name: String,
    /// Its text.
    pub text: String,
}

impl SourceReport {
    /// Reads a text dump.
    pub fn read(path: &Path) -> std::io::Result<SourceReport> {
        Ok(SourceReport {
            name: path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            text: std::fs::read_to_string(path)?,
        })
    }

    /// The text dumps (`.txt`, `.md`) of a directory, in name order.
    pub fn in_dir(dir: &Path) -> std::io::Result<Vec<SourceReport>> {
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            paths.push(entry?.path());
        }
        paths.retain(|p| is_text_dump(p));
        paths.sort();
        paths.iter().map(|p| SourceReport::read(p)).collect()
    }
}

/// Whether a file is a text dump by its name.
pub fn is_text_dump(path: &Path) -> bool {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    ext.is_some_and(|e| crate::source::TEXT_EXTENSIONS.contains(&e.as_str()))
}

/// One synthetic report.
#[derive(Debug, Clone, Serialize)]
pub struct Synthetic {
    /// Its file name.
    pub name: String,
    /// The source report's file name.
    pub source: String,
    /// The regency it is made out to be.
    pub regency: String,
    /// Years added.
    pub year_shift: u16,
    /// Factor every amount was multiplied by.
    pub scale: u128,
    /// Its text.
    #[serde(skip)]
    pub text: String,
    /// The faults put in.
    #[serde(skip)]
    pub faults: Vec<Fault>,
}

/// A small deterministic generator (SplitMix64): the same seed gives the same corpus.
pub struct Dice(u64);

impl Dice {
    /// Dice for one report of one seed.
    pub fn new(seed: u64, report: usize) -> Dice {
        Dice(seed ^ (report as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        if n == 0 {
            0
        } else {
            (z % n as u64) as usize
        }
    }
}

/// The `index`-th synthetic report of a corpus made from `sources` with `faults` faults.
pub fn synthetic(sources: &[SourceReport], index: usize, faults: usize, seed: u64) -> Synthetic {
    let source = &sources[index % sources.len()];
    let mut dice = Dice::new(seed, index);
    let from = regency_of(&source.text);
    let choices: Vec<&str> = REGENCIES.iter().copied().filter(|r| *r != from).collect();
    let variation = Variation {
        to: choices[dice.below(choices.len())].to_string(),
        from,
        year_shift: 1 + dice.below(3) as u16,
        // a power of ten: a digit slip the source prints stays a digit slip
        scale: 10u128.pow(1 + dice.below(3) as u32),
    };
    let name = format!("synth-{index:05}-{}.txt", variation.to.to_lowercase());
    let varied = vary::vary(&source.text, &variation);
    let (text, put) = put_faults(&varied, &name, faults, &mut dice);
    Synthetic {
        name,
        source: source.name.clone(),
        regency: variation.to,
        year_shift: variation.year_shift,
        scale: variation.scale,
        text,
        faults: put,
    }
}

/// Puts up to `count` faults into a report, each under a different parent, kinds in turn.
fn put_faults(text: &str, name: &str, count: usize, dice: &mut Dice) -> (String, Vec<Fault>) {
    if count == 0 {
        return (text.to_string(), Vec::new());
    }
    let Ok(source) = from_bytes(Path::new(name), text.as_bytes()) else {
        return (text.to_string(), Vec::new());
    };
    let doc = analyze(&source, Through::Records).doc;
    let mut candidates = targets(&doc.budget_lines, &doc.tables, &source.lines());
    let mut chosen = Vec::new();
    let (mut parents, mut used, mut rewritten) = (HashSet::new(), HashSet::new(), HashSet::new());
    while chosen.len() < count && !candidates.is_empty() {
        let target = candidates.swap_remove(dice.below(candidates.len()));
        let mut kind = KINDS[(dice.below(KINDS.len()) + chosen.len()) % KINDS.len()];
        // a rewritten table is compared line for line with the clean report: no line dropped
        let drops = chosen.iter().any(|(_, k)| *k == FaultKind::RowDropped);
        let rewrites = chosen.iter().any(|(_, k)| *k == FaultKind::CommaThousands);
        if (kind == FaultKind::CommaThousands && drops) || (kind == FaultKind::RowDropped && rewrites) {
            kind = FaultKind::DigitChanged;
        }
        // one fault per parent; a rewritten table holds no other fault
        let table = target.table_lines;
        let free = !parents.contains(&target.parent)
            && !rewritten.contains(&table)
            && (kind != FaultKind::CommaThousands || !used.contains(&table));
        if free {
            parents.insert(target.parent);
            used.insert(table);
            if kind == FaultKind::CommaThousands {
                rewritten.insert(table);
            }
            chosen.push((target, kind));
        }
    }
    // from the bottom up, so that each fault's line is still where the extraction saw it
    chosen.sort_by_key(|(t, _)| std::cmp::Reverse(t.line));
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut put: Vec<Fault> = Vec::new();
    let mut dropped: Vec<usize> = Vec::new();
    for (target, kind) in &chosen {
        if let Some((line, detail)) = inject(&mut lines, target, *kind, &mut |n| dice.below(n)) {
            if *kind == FaultKind::RowDropped {
                dropped.push(target.line);
            }
            let last_line = match kind {
                FaultKind::CommaThousands => target.table_lines[1],
                _ => line,
            };
            put.push(Fault {
                report: name.to_string(),
                line,
                last_line,
                fault: *kind,
                detail,
            });
        }
    }
    for f in &mut put {
        f.line -= dropped.iter().filter(|&&d| d < f.line).count();
        f.last_line -= dropped.iter().filter(|&&d| d < f.last_line).count();
    }
    put.sort_by_key(|f| f.line);
    (lines.join("\n"), put)
}

/// The regency a report names on its cover (`Kabupaten Lamongan` → `Lamongan`).
fn regency_of(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    crate::metadata::read_metadata(&lines)
        .pemerintah
        .and_then(|p| p.split_whitespace().last().map(str::to_string))
        .unwrap_or_default()
}
