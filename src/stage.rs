//! Which budget figure counts. Reports print the same programs as first planned, as
//! revised and as realised; each budget line says which (its [`Stage`]), and one table per
//! year is marked primary so that a program counts once per report.

use crate::model::Table;
use crate::nomenclature::Level;
use crate::records::BudgetLine;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashMap;

/// What a budget line's anggaran is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// A plan or proposal (Renja, Renstra: `pagu indikatif`, `usulan`, `prakiraan maju`).
    Usulan,
    /// The budget as first enacted (APBD murni).
    Murni,
    /// The budget as revised (APBD perubahan).
    Perubahan,
    /// A budget printed with what was spent of it.
    Realisasi,
}

/// The stage of the lines a table budgets from `columns` (anggaran, realisasi, %): realised
/// where it prints a realisasi column, else what its title and anggaran header say.
pub fn stage_of(table: &Table, columns: [Option<usize>; 3]) -> Stage {
    let [anggaran, realisasi, _] = columns;
    if realisasi.is_some() {
        return Stage::Realisasi;
    }
    let header = anggaran
        .and_then(|i| table.columns.get(i))
        .map(|c| c.header.as_str())
        .unwrap_or_default();
    let words = format!("{} {header}", table.title.as_deref().unwrap_or_default()).to_lowercase();
    let says = |w: &[&str]| w.iter().any(|w| words.contains(w));
    if says(&["perubahan"]) {
        Stage::Perubahan
    } else if says(&["indikatif", "usulan", "rencana", "prakiraan", "kebutuhan dana"]) {
        Stage::Usulan
    } else {
        Stage::Murni
    }
}

/// Marks primary, for each year, the lines of the one table that counts: of the tables
/// whose lines are programs, kegiatan or totals, the one furthest along (realised over
/// revised over enacted over planned), then with the most lines, then the first. Its
/// figures are the year's budget; the other tables restate it.
pub fn mark_primary(lines: &mut [BudgetLine], tables: &[Table]) {
    let mut positions: HashMap<&str, usize> = HashMap::new();
    for (i, t) in tables.iter().enumerate() {
        positions.entry(t.id.as_str()).or_insert(i);
    }
    let position = |id: &str| positions.get(id).copied().unwrap_or(usize::MAX);
    let mut years: Vec<Option<u16>> = lines.iter().map(|l| l.year).collect();
    years.sort_unstable();
    years.dedup();
    for year in years {
        // the lines that may count in the year: not allocations
        let in_year = |l: &BudgetLine| l.year == year && l.level != Level::Allocation;
        let mut candidates: Vec<(&str, Stage)> = lines
            .iter()
            .filter(|l| in_year(l))
            .map(|l| (l.table.as_str(), l.stage))
            .collect();
        candidates.dedup();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for l in lines.iter().filter(|l| in_year(l)) {
            *counts.entry(l.table.as_str()).or_default() += 1;
        }
        let count = |id: &str| counts.get(id).copied().unwrap_or(0);
        let best = candidates
            .iter()
            .max_by_key(|(id, stage)| (*stage, count(id), std::cmp::Reverse(position(id))))
            .map(|(id, _)| id.to_string());
        let Some(best) = best else { continue };
        for l in lines.iter_mut().filter(|l| in_year(l)) {
            l.primary = l.table == best;
        }
    }
}
