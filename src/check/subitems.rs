//! `mean_mismatch` for an indicator over its sub-items: a numbered row whose unnumbered rows
//! below (`a.`, `b.`, `S1`, `S2`) break it down, its capaian the mean of theirs, where the
//! report keeps that rule in another year of the same rows.

use super::arith::{id_format, known, mean};
use super::Context;
use crate::findings::{Finding, Kind, Severity};
use crate::model::{Role, Table};
use crate::parsers::{is_mean_of, Number};
use crate::records::Indicator;
use rust_decimal::Decimal;

/// Every parent indicator whose capaian in some year is the mean of its sub-items' and in
/// another is not.
pub fn parents(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in &cx.doc.tables {
        for (parent, kids) in groups(table) {
            out.extend(check_group(cx, table, parent, &kids));
        }
    }
    out
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

fn check_group(cx: &Context, table: &Table, parent: usize, kids: &[usize]) -> Vec<Finding> {
    let of = |line: usize| {
        cx.doc
            .indicators
            .iter()
            .filter(move |i| i.table == table.id && i.line == line)
    };
    // (year, parent's printed capaian, the sub-items' capaian) where all are known
    let years: Vec<(&Indicator, Number, Vec<Number>)> = of(parent)
        .filter_map(|p| {
            let printed = known(p.capaian.as_ref())?;
            let parts: Option<Vec<Number>> = kids
                .iter()
                .map(|k| of(*k).find(|i| i.year == p.year).and_then(capaian))
                .collect();
            Some((p, printed, parts?))
        })
        .collect();
    let holds = |(_, printed, parts): &&(&Indicator, Number, Vec<Number>)| is_mean_of(*printed, parts);
    if !years.iter().any(|y| holds(&y)) {
        // the report does not keep the rule on these rows: nothing to hold them to
        return Vec::new();
    }
    let kept: Vec<String> = years
        .iter()
        .filter(|y| holds(y))
        .filter_map(|(p, _, _)| p.year.map(|y| y.to_string()))
        .collect();
    years
        .iter()
        .filter(|y| !holds(y))
        .filter_map(|(p, printed, parts)| {
            let mean = mean(parts)?;
            let f = p.capaian.as_ref()?;
            let column = table
                .columns
                .iter()
                .find(|c| c.role == Role::Capaian && c.year == p.year)
                .map(|c| c.index);
            let location = cx.figure_location(
                f,
                column,
                Some(table),
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
