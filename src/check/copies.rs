//! `duplicate_row` for figures copied between lines: two or more programs or kegiatan of
//! one table, under different names, that print the very same anggaran and realisasi.

use super::arith::{id_format, known};
use super::names::{key, same};
use super::Context;
use crate::findings::{Finding, Kind, Location, Severity};
use crate::model::Role;
use crate::nomenclature::Level;
use crate::parsers::Number;
use crate::records::BudgetLine;
use std::collections::BTreeMap;

/// Lines of one table, year and level printing one anggaran and one realisasi whose
/// realisasi has digits enough not to recur by chance (`937.820.000`, not `500.000.000`).
pub fn copied_figures(cx: &Context) -> Vec<Finding> {
    let mut groups: BTreeMap<Printed, Vec<&BudgetLine>> = BTreeMap::new();
    // a total restates the lines it closes, and may be printed twice
    for line in cx.program_lines().filter(|l| l.level != Level::Total) {
        let (Some(a), Some(r)) = (known(line.anggaran.as_ref()), known(line.realisasi.as_ref())) else {
            continue;
        };
        if significant_digits(r) < SIGNIFICANT {
            continue;
        }
        let level = format!("{:?}", line.level);
        let k = (
            line.table.clone(),
            line.year,
            level,
            a.value.normalize().to_string(),
            r.value.normalize().to_string(),
        );
        groups.entry(k).or_default().push(line);
    }
    groups
        .into_values()
        .filter_map(|lines| finding(cx, &distinct(&lines)))
        .collect()
}

/// Table, year, level, anggaran and realisasi of a line.
type Printed = (String, Option<u16>, String, String, String);

/// The least significant digits of a realisasi two lines share only by copying.
const SIGNIFICANT: usize = 4;

/// Digits of a number without its trailing zeros (`937.820.000` → 5).
fn significant_digits(n: Number) -> usize {
    let digits = n.value.normalize().abs().to_string().replace('.', "");
    digits.trim_end_matches('0').trim_start_matches('0').len()
}

/// The lines of a group under names of their own, none the parent of another.
fn distinct<'a>(lines: &[&'a BudgetLine]) -> Vec<&'a BudgetLine> {
    let mut out: Vec<&BudgetLine> = Vec::new();
    for &l in lines {
        let related = |o: &&BudgetLine| o.parent == Some(l.line) || l.parent == Some(o.line);
        if !out
            .iter()
            .any(|o| same(&key(&o.name), &key(&l.name)) || related(o))
        {
            out.push(l);
        }
    }
    out
}

fn finding(cx: &Context, lines: &[&BudgetLine]) -> Option<Finding> {
    let (first, rest) = lines.split_first()?;
    if rest.is_empty() {
        return None;
    }
    let (a, r) = (known(first.anggaran.as_ref())?, known(first.realisasi.as_ref())?);
    let table = cx.table(&first.table);
    let column = table
        .and_then(|t| t.column_of(Role::RealisasiAnggaran, first.year))
        .map(|c| c.index);
    let locations: Vec<Location> = lines
        .iter()
        .filter_map(|l| {
            let f = l.realisasi.as_ref()?;
            Some(cx.figure_location(f, column, table, format!("realisasi of {}", l.name)))
        })
        .collect();
    let level = match first.level {
        Level::Program => "program ",
        Level::Kegiatan => "kegiatan ",
        Level::SubKegiatan => "sub kegiatan ",
        _ => "",
    };
    let message = format!(
        "{} {level}lines under different names print the same anggaran {} and realisasi {} ({})",
        lines.len(),
        id_format(a.value, a.decimals),
        id_format(r.value, r.decimals),
        lines
            .iter()
            .map(|l| format!("\"{}\"", short(&l.name)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let help = format!(
        "two budgets spent to the rupiah alike do not recur by chance: the figures of \"{}\" were likely copied onto the others; print each line's own",
        short(&first.name)
    );
    Some(Finding::new(Kind::DuplicateRow, Severity::Error, message, locations).help(Some(help)))
}

fn short(name: &str) -> String {
    name.chars().take(50).collect()
}
