//! Known faults put into a synthetic report, each where a check can see it: in the anggaran
//! or percent of a budget line whose parent sums it, or the whole line dropped; and one
//! variant that is no fault at all — a budget table rewritten with comma thousands, which
//! must read to the same values.

#![allow(
    clippy::indexing_slicing,
    reason = "lines and digits of a report the generator itself chose positions in; not yet rewritten to checked access"
)]

use super::vary::rewrite_numbers;
use crate::records::{BudgetLine, FigureValue};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The kinds of fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// One digit of an anggaran changed.
    DigitChanged,
    /// Two neighbouring digits of an anggaran swapped.
    DigitsTransposed,
    /// A budget line left out.
    RowDropped,
    /// One digit of a printed percent changed.
    PercentMistyped,
    /// A budget table printed with comma thousands and decimal points (not an error: the
    /// values must read the same).
    CommaThousands,
}

/// One fault as the ground truth records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// The synthetic report's file name.
    pub report: String,
    /// The line a finding must point to (for a dropped row, its parent's line).
    pub line: usize,
    /// The last line the fault touched (a rewritten table's last line; else `line`).
    pub last_line: usize,
    /// What was done.
    pub fault: FaultKind,
    /// The cell before and after, or what was rewritten.
    pub detail: String,
}

/// A candidate place: a budget line under a parent, with its figures read exactly.
#[derive(Debug, Clone)]
pub struct Target {
    /// 1-based line of the budget line.
    pub line: usize,
    /// 1-based line of its parent.
    pub parent: usize,
    /// The anggaran as printed.
    pub anggaran: String,
    /// The percent as printed, when the line prints one.
    pub persen: Option<String>,
    /// The lines of the table it sits in.
    pub table_lines: [usize; 2],
    /// Whether it can be dropped where a sum shows it: no line hangs under it (their sum
    /// would stand in its place) and it has a sibling (else its parent sums nothing).
    pub leaf: bool,
}

/// Budget lines a fault can go into: a table row printing its exact anggaran on its own
/// line, under a parent with an exact anggaran.
pub fn targets(lines: &[BudgetLine], tables: &[crate::model::Table], text: &[&str]) -> Vec<Target> {
    let exact = |b: &BudgetLine| {
        b.anggaran
            .as_ref()
            .filter(|f| {
                f.value.is_some_and(|v| v != FigureValue::Number(Decimal::ZERO)) && f.readings.is_empty()
            })
            .map(|f| f.raw.to_string())
    };
    lines
        .iter()
        .filter_map(|b| {
            let parent = lines.iter().find(|p| Some(p.line) == b.parent)?;
            exact(parent)?;
            let table = tables.iter().find(|t| t.id == b.table)?;
            let anggaran = exact(b)?;
            let row = text.get(b.line - 1)?;
            if !row.split('\t').any(|c| c.trim() == anggaran) {
                return None;
            }
            Some(Target {
                line: b.line,
                parent: parent.line,
                anggaran,
                persen: b
                    .persen
                    .as_ref()
                    .filter(|f| f.value.is_some())
                    .map(|f| f.raw.to_string()),
                table_lines: table.lines,
                leaf: !lines.iter().any(|c| c.parent == Some(b.line))
                    && lines.iter().filter(|s| s.parent == b.parent).count() >= 2,
            })
        })
        .collect()
}

/// Puts one fault of `kind` at `target` into `lines`; `pick` chooses among digit positions.
/// Returns the fault's line and detail, or `None` when the target cannot take it.
pub fn inject(
    lines: &mut Vec<String>,
    target: &Target,
    kind: FaultKind,
    pick: &mut impl FnMut(usize) -> usize,
) -> Option<(usize, String)> {
    let row = target.line - 1;
    match kind {
        FaultKind::DigitChanged | FaultKind::DigitsTransposed => {
            let new = match kind {
                FaultKind::DigitChanged => change_digit(&target.anggaran, Digits::NotFirst, pick)?,
                _ => transpose_digits(&target.anggaran, pick)?,
            };
            replace_cell(&mut lines[row], &target.anggaran, &new)?;
            Some((target.line, format!("anggaran {} -> {new}", target.anggaran)))
        }
        FaultKind::PercentMistyped => {
            let printed = target.persen.as_ref()?;
            let new = change_digit(printed, Digits::NotLast, pick)?;
            replace_cell(&mut lines[row], printed, &new)?;
            Some((target.line, format!("percent {printed} -> {new}")))
        }
        FaultKind::RowDropped if target.leaf => {
            let dropped = lines.remove(row);
            Some((target.parent, format!("dropped line {}: {dropped}", target.line)))
        }
        FaultKind::RowDropped => None,
        FaultKind::CommaThousands => {
            let [first, last] = target.table_lines;
            for line in &mut lines[first - 1..last] {
                *line = comma_thousands(line);
            }
            Some((first, format!("lines {first}-{last} in comma thousands")))
        }
    }
}

/// Replaces the cell holding exactly `old` (tab-separated) with `new`.
fn replace_cell(line: &mut String, old: &str, new: &str) -> Option<()> {
    let cells: Vec<&str> = line.split('\t').collect();
    let at = cells.iter().position(|c| c.trim() == old)?;
    let mut out: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
    out[at] = out[at].replace(old, new);
    *line = out.join("\t");
    Some(())
}

/// Which digits a change may hit.
#[derive(Clone, Copy)]
enum Digits {
    /// All but the first (an amount keeps its length).
    NotFirst,
    /// All but the last (a percent moves by more than its printed precision).
    NotLast,
}

/// One digit changed to another.
fn change_digit(text: &str, which: Digits, pick: &mut impl FnMut(usize) -> usize) -> Option<String> {
    let all = digit_positions(text);
    let positions: Vec<usize> = match which {
        Digits::NotFirst => all.into_iter().skip(1).collect(),
        Digits::NotLast => all[..all.len().saturating_sub(1)].to_vec(),
    };
    let at = *positions.get(pick(positions.len().max(1)))?;
    let mut chars: Vec<char> = text.chars().collect();
    let old = chars[at].to_digit(10)?;
    chars[at] = char::from_digit((old + 1 + pick(9) as u32) % 10, 10)?;
    Some(chars.into_iter().collect())
}

/// Two neighbouring, different digits swapped (across a group separator too).
fn transpose_digits(text: &str, pick: &mut impl FnMut(usize) -> usize) -> Option<String> {
    let digits = digit_positions(text);
    let chars: Vec<char> = text.chars().collect();
    let pairs: Vec<(usize, usize)> = digits
        .windows(2)
        .map(|w| (w[0], w[1]))
        .filter(|(a, b)| chars[*a] != chars[*b])
        .collect();
    let (a, b) = *pairs.get(pick(pairs.len().max(1)))?;
    let mut chars = chars;
    chars.swap(a, b);
    Some(chars.into_iter().collect())
}

fn digit_positions(text: &str) -> Vec<usize> {
    text.chars()
        .enumerate()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
        .collect()
}

/// A line's Indonesian numbers written the English way: `9.801.822.500` → `9,801,822,500`,
/// `95,70` → `95.70`.
fn comma_thousands(line: &str) -> String {
    rewrite_numbers(line, |token, _| {
        let swapped: String = token
            .chars()
            .map(|c| match c {
                '.' => ',',
                ',' => '.',
                c => c,
            })
            .collect();
        (token.contains(',')
            || token.matches('.').count() >= 1 && token.split('.').skip(1).all(|g| g.len() == 3))
        .then_some(swapped)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_change_and_swap_and_tables_turn_english() {
        let mut first = |_n: usize| 0;
        assert_eq!(
            change_digit("250.000.000", Digits::NotFirst, &mut first).as_deref(),
            Some("260.000.000")
        );
        assert_eq!(
            change_digit("95,75", Digits::NotLast, &mut first).as_deref(),
            Some("05,75")
        );
        assert_eq!(
            transpose_digits("242.958.240", &mut first).as_deref(),
            Some("422.958.240")
        );
        assert_eq!(
            comma_thousands("4.2.3\tJob Fair\t250.000.000\t242.958.240\t97,18"),
            "4.2.3\tJob Fair\t250,000,000\t242,958,240\t97.18"
        );
    }
}
