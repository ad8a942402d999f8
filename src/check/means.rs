//! `mean_mismatch`: a `Rata-rata` row that is not the mean of the rows it closes.

use super::arith::{id_format, mean};
use super::Context;
use crate::findings::{Finding, Kind, Location, Severity};
use crate::model::{is_mean_label, is_total_label, Role, Row, Table};
use crate::parsers::{is_mean_of, Number};
use crate::records::figure;

/// Every mean row of every table against the rows above it, column by column.
pub fn rows(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in cx.doc.tables.iter().filter(|t| t.layout.in_columns()) {
        let rows: Vec<&Row> = table.data_rows().collect();
        let (mut start, mut closed) = (0, 0..0);
        for (at, row) in rows.iter().enumerate() {
            // a summary right under another (`Rata-rata` under `Jumlah`) closes the same rows
            let span = if start == at { closed.clone() } else { start..at };
            let above = rows.get(span.clone()).unwrap_or_default();
            if !is_summary(table, row, above) {
                continue;
            }
            (start, closed) = (at + 1, span);
            if is_mean_label(&row.first_text()) && prints_no_quantity(table, row) {
                let understood = table.columns.iter().filter(|c| c.role.is_value());
                out.extend(understood.filter_map(|c| mean_finding(cx, table, row, above, c.index)));
            }
        }
    }
    out
}

/// A row that closes the rows above it: labelled as a mean or a total, and either that
/// word alone or printing only what it aggregates (an indicator named `Jumlah …` or
/// `Rata-rata …` prints its target, realisasi and capaian like the rows around it).
fn is_summary(table: &Table, row: &Row, above: &[&Row]) -> bool {
    let label = row.first_text();
    let letters: String = label
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    let bare = ["jumlah", "total", "jumlahtotal", "ratarata", "rerata"].contains(&letters.as_str());
    (is_mean_label(&label) || is_total_label(&label)) && (bare || leaves_a_column_empty(table, row, above))
}

/// Whether a row prints no target and no realisasi: a mean of indicators averages their
/// capaian, never quantities in their own units.
fn prints_no_quantity(table: &Table, row: &Row) -> bool {
    let quantity = |c: &&crate::model::Column| matches!(c.role, Role::Target | Role::Realisasi);
    table
        .columns
        .iter()
        .filter(quantity)
        .all(|c| known(table, row, c.index).is_none())
}

/// Whether the row leaves empty a value column that the rows above fill.
fn leaves_a_column_empty(table: &Table, row: &Row, above: &[&Row]) -> bool {
    table.columns.iter().filter(|c| c.role.is_value()).any(|c| {
        known(table, row, c.index).is_none() && above.iter().any(|r| known(table, r, c.index).is_some())
    })
}

/// Whether a row names what it prints (a label outside the value columns): a row of bare
/// figures is a fragment of something else (a header's numbering wrapped onto a line).
fn is_labelled(table: &Table, row: &Row) -> bool {
    let labels = table.columns.iter().filter(|c| !c.role.is_value());
    labels.map(|c| row.text(c.index)).any(|t| !t.is_empty())
}

fn known(table: &Table, row: &Row, column: usize) -> Option<Number> {
    super::arith::known(figure(table, row, column).as_ref())
}

/// The finding for one column of a mean row, when its printed value is not the mean of the
/// values printed above it (two at least).
fn mean_finding(cx: &Context, table: &Table, row: &Row, above: &[&Row], column: usize) -> Option<Finding> {
    let printed = known(table, row, column)?;
    let parts: Vec<(&Row, Number)> = above
        .iter()
        .filter(|r| is_labelled(table, r))
        .filter_map(|r| Some((*r, known(table, r, column)?)))
        .collect();
    let numbers: Vec<Number> = parts.iter().map(|(_, n)| *n).collect();
    if numbers.len() < 2 || is_mean_of(printed, &numbers) {
        return None;
    }
    let mean = mean(&numbers)?;
    let header = table
        .columns
        .get(column)
        .map(|c| c.header.clone())
        .unwrap_or_default();
    let label = |r: &Row| format!("{header} of {}", r.first_text());
    let at = |r: &Row| -> Option<Location> {
        let f = figure(table, r, column)?;
        Some(cx.figure_location(&f, Some(column), Some(table), label(r)))
    };
    let locations = std::iter::once(row)
        .chain(parts.iter().map(|(r, _)| *r))
        .filter_map(at)
        .collect();
    let decimals = printed.decimals;
    let message = format!(
        "{} {header} {} is not the mean of the {} values above it ({})",
        row.first_text(),
        id_format(printed.value, decimals),
        numbers.len(),
        id_format(mean, decimals)
    );
    let help = format!(
        "the {} values printed above it average {}; print that, or say which rows the mean is over",
        numbers.len(),
        id_format(mean, decimals)
    );
    Some(
        Finding::new(Kind::MeanMismatch, Severity::Error, message, locations)
            .values(mean, printed.value, decimals)
            .help(Some(help)),
    )
}
