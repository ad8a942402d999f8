//! Settling ambiguous numbers by their column: `10,730` is 10730 in a column that prints
//! integers (`0`, `822`, `-658`) and 10.73 in one that prints decimal commas (`94,54`).
//! The decision is per column, never per number, and says what evidence it used.

use crate::model::{Column, Row, RowKind, Settled};
use crate::parsers::{Amount, CellValue, Convention, Reading};

/// Settles the ambiguous numbers of each column from the exact numbers beside them.
pub fn settle_columns(rows: &mut [Row], columns: &[Column]) {
    for column in columns {
        let Some((convention, reason)) = column_evidence(rows, column) else {
            continue;
        };
        for row in rows.iter_mut().filter(|r| r.kind == RowKind::Data) {
            let Some(cell) = row.cell_mut(column.index) else {
                continue;
            };
            if let CellValue::Quantity(q) = &cell.value {
                if let Amount::Ambiguous(readings) = &q.amount {
                    cell.settled = pick(readings, convention).map(|reading| Settled {
                        reading,
                        reason: reason.clone(),
                    });
                }
            }
        }
    }
}

fn pick(readings: &[Reading], convention: Convention) -> Option<Reading> {
    readings.iter().copied().find(|r| r.convention == convention)
}

/// Which convention the exact numbers of a column speak for, with the reason in words.
fn column_evidence(rows: &[Row], column: &Column) -> Option<(Convention, String)> {
    let exact: Vec<(&str, Reading)> = rows
        .iter()
        .filter(|r| r.kind == RowKind::Data)
        .filter_map(|r| r.cell(column.index))
        .filter_map(|c| match &c.value {
            CellValue::Quantity(q) => match &q.amount {
                Amount::Exact(reading) => Some((c.raw.trim(), *reading)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let examples = |keep: &dyn Fn(&Reading) -> bool| -> Vec<&str> {
        exact
            .iter()
            .filter(|(_, r)| keep(r))
            .map(|(raw, _)| *raw)
            .take(3)
            .collect()
    };
    let decimal_commas = examples(&|r| r.convention == Convention::IdId && r.number.decimals > 0);
    let decimal_points = examples(&|r| r.convention == Convention::EnUs && r.number.decimals > 0);
    let integers = examples(&|r| r.number.decimals == 0);
    let name = if column.header.is_empty() {
        format!("column {}", column.index + 1)
    } else {
        format!("column \"{}\"", column.header)
    };
    if !decimal_commas.is_empty() && decimal_points.is_empty() {
        let reason = format!("{name} prints decimal commas ({})", decimal_commas.join(", "));
        return Some((Convention::IdId, reason));
    }
    if decimal_commas.is_empty() && !integers.is_empty() {
        let reason = format!(
            "{name} prints whole numbers ({}), so a comma before three digits groups thousands",
            integers.join(", ")
        );
        return Some((Convention::EnUs, reason));
    }
    None
}
