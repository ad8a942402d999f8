//! `mean_mismatch` for an indicator over its sub-items: a numbered row whose unnumbered rows
//! below (`a.`, `b.`, `S1`, `S2`) break it down, its capaian the mean of theirs, where the
//! report keeps that rule in another year of the same rows.

use super::arith::{id_format, known, mean};
use super::names::key;
use super::Context;
use crate::findings::{Finding, Kind, Severity};
use crate::model::{Role, Table};
use crate::parsers::{is_mean_of, Number};
use crate::records::Indicator;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Every parent indicator whose capaian in some year is the mean of its sub-items' and in
/// another (in this table or another printing the same indicator) is not.
pub fn parents(cx: &Context) -> Vec<Finding> {
    let mut at: HashMap<(&str, usize), Vec<&Indicator>> = HashMap::new();
    for i in &cx.doc.indicators {
        at.entry((i.table.as_str(), i.line)).or_default().push(i);
    }
    let all: Vec<Group<'_>> = cx
        .doc
        .tables
        .iter()
        .flat_map(|table| groups(table).into_iter().map(move |(p, kids)| (table, p, kids)))
        .filter_map(|(table, parent, kids)| group(&at, table, parent, &kids))
        .collect();
    let mut alike: HashMap<(&str, usize), Vec<&Group>> = HashMap::new();
    for g in &all {
        alike.entry((g.key.as_str(), g.parts)).or_default().push(g);
    }
    all.iter()
        .filter(|g| !g.years.iter().all(Group::holds))
        .flat_map(|g| {
            let others = alike
                .get(&(g.key.as_str(), g.parts))
                .map_or(&[][..], Vec::as_slice);
            let kept = kept_in(g, others);
            match kept.is_empty() {
                true => Vec::new(),
                false => broken(cx, g, &kept),
            }
        })
        .collect()
}

/// A parent row (its name reduced, how many sub-items it has) and, year by year, its
/// printed capaian and its sub-items'.
struct Group<'a> {
    table: &'a Table,
    key: String,
    parts: usize,
    years: Vec<(&'a Indicator, Number, Vec<Number>)>,
}

impl Group<'_> {
    fn holds(y: &(&Indicator, Number, Vec<Number>)) -> bool {
        is_mean_of(y.1, &y.2)
    }
}

/// Numbered rows with the unnumbered rows under them (two at least), by line.
fn groups(table: &Table) -> Vec<(usize, Vec<usize>)> {
    let Some(no) = table.column(Role::No).map(|c| c.index) else {
        return Vec::new();
    };
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for row in table.data_rows() {
        let numbered = !row.text(no).is_empty();
        match out.last_mut() {
            Some((_, kids)) if !numbered => kids.push(row.line),
            _ if numbered => out.push((row.line, Vec::new())),
            _ => {}
        }
    }
    out.retain(|(_, kids)| kids.len() >= 2);
    out
}

/// The group of a parent row and its sub-items, from the indicators of each line.
fn group<'a>(
    at: &HashMap<(&str, usize), Vec<&'a Indicator>>,
    table: &'a Table,
    parent: usize,
    kids: &[usize],
) -> Option<Group<'a>> {
    let of = |line: usize| at.get(&(table.id.as_str(), line)).into_iter().flatten().copied();
    // (year, parent's printed capaian, the sub-items' capaian) where all are known
    let years: Vec<(&Indicator, Number, Vec<Number>)> = of(parent)
        .filter_map(|p| {
            let printed = known(p.capaian.as_ref())?;
            let parts: Option<Vec<Number>> = kids
                .iter()
                .map(|k| of(*k).find(|i| i.year == p.year).and_then(capaian))
                .collect();
            Some((p, printed, at_shared_precision(printed, parts?)))
        })
        .collect();
    let first = years.first()?.0;
    Some(Group {
        table,
        key: key(&first.indikator),
        parts: kids.len(),
        years,
    })
}

/// The years (with the table, when another) where the report gives this parent row the mean
/// of its sub-items, among the groups of its name and number of sub-items.
fn kept_in(g: &Group<'_>, alike: &[&Group<'_>]) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for other in alike {
        for (p, _, _) in other.years.iter().filter(|y| Group::holds(y)) {
            let year = p.year.map(|y| y.to_string()).unwrap_or_default();
            let text = match std::ptr::eq(other.table, g.table) {
                true => year,
                false => format!("{year} ({})", table_name(other.table)),
            };
            if !kept.contains(&text) {
                kept.push(text);
            }
        }
    }
    kept
}

fn table_name(t: &Table) -> String {
    t.number
        .as_ref()
        .map_or_else(|| format!("table {}", t.id), |n| format!("Tabel {n}"))
}

fn broken(cx: &Context, g: &Group<'_>, kept: &[String]) -> Vec<Finding> {
    g.years
        .iter()
        .filter(|y| !Group::holds(y))
        .filter_map(|(p, printed, parts)| {
            let mean = mean(parts)?;
            let f = p.capaian.as_ref()?;
            let column = g
                .table
                .columns
                .iter()
                .find(|c| c.role == Role::Capaian && c.year == p.year)
                .map(|c| c.index);
            let location = cx.figure_location(
                f,
                column,
                Some(g.table),
                format!("capaian {} of {}", p.year.unwrap_or_default(), p.indikator),
            );
            let message = format!(
                "{}: capaian {} {} is not the mean of its {} sub-items' ({})",
                p.indikator,
                p.year.unwrap_or_default(),
                id_format(printed.value, printed.decimals),
                parts.len(),
                id_format(mean, printed.decimals)
            );
            let help = format!(
                "the report gives this row the mean of its sub-items in {}: {} fits",
                kept.join(", "),
                id_format(mean, printed.decimals)
            );
            Some(
                Finding::new(Kind::MeanMismatch, Severity::Error, message, vec![location])
                    .values(mean, printed.value, printed.decimals)
                    .help(Some(help)),
            )
        })
        .collect()
}

/// Sub-items' capaian with a whole number printed among figures with decimals taken at
/// their precision: a spreadsheet's general format drops trailing zeros (`100` beside
/// `100,53` and `100,03` is 100,00, not anything from 99,5 to 100,5).
fn at_shared_precision(parent: Number, parts: Vec<Number>) -> Vec<Number> {
    let decimals = parts.iter().map(|n| n.decimals).fold(parent.decimals, u32::max);
    parts
        .into_iter()
        .map(|n| match n.decimals {
            0 => Number { decimals, ..n },
            _ => n,
        })
        .collect()
}

/// A sub-item's capaian: printed, else its realisasi / target × 100.
fn capaian(i: &Indicator) -> Option<Number> {
    if let Some(c) = known(i.capaian.as_ref()) {
        return Some(c);
    }
    let (t, r) = (known(i.target.as_ref())?, known(i.realisasi.as_ref())?);
    let value = r.value.checked_div(t.value)?.checked_mul(Decimal::ONE_HUNDRED)?;
    Some(Number {
        value: value.round_dp(2),
        decimals: 2,
    })
}
