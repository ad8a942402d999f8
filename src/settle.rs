//! Settling ambiguous numbers by their column: `10,730` is 10730 in a column that prints
//! integers (`0`, `822`, `-658`) and 10.73 in one that prints decimal commas (`94,54`).
//! The decision is per column, never per number, and says what evidence it used. A
//! malformed amount of a budget row (`1403.419.201`) is settled by its row instead: the
//! one reading whose ratio to the other amount is the % the row prints.

use crate::model::{Cell, Column, Role, Row, RowKind, Settled};
use crate::parsers::{is_percent_of, Amount, CellValue, Convention, Number, Reading};

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
                    let settled = pick(readings, convention).map(|reading| Settled {
                        reading,
                        reason: reason.clone(),
                    });
                    cell.set_settled(settled);
                }
            }
        }
    }
}

/// Settles a budget row's malformed or ambiguous anggaran or realisasi by the row's own
/// percent: the one reading with which realisasi / anggaran × 100 is the % printed.
pub fn settle_by_ratio(rows: &mut [Row], columns: &[Column]) {
    let index = |role: Role| columns.iter().find(|c| c.role == role).map(|c| c.index);
    let (Some(anggaran), Some(realisasi), Some(persen)) = (
        index(Role::Anggaran),
        index(Role::RealisasiAnggaran),
        index(Role::PersenAnggaran),
    ) else {
        return;
    };
    for row in rows.iter_mut().filter(|r| r.kind == RowKind::Data) {
        let Some((p, printed)) = row
            .cell(persen)
            .and_then(|c| Some((c.number()?, c.raw.trim().to_string())))
        else {
            continue;
        };
        let (a, r) = (
            row.cell(anggaran).and_then(unsure),
            row.cell(realisasi).and_then(unsure),
        );
        let exact = |i: usize| row.cell(i).and_then(Cell::number);
        let (at, fits) = match (a, r) {
            (Some(readings), None) => {
                let Some(r) = exact(realisasi) else { continue };
                (anggaran, fitting(&readings, |n| is_percent_of(p, r, n, true)))
            }
            (None, Some(readings)) => {
                let Some(a) = exact(anggaran) else { continue };
                (realisasi, fitting(&readings, |n| is_percent_of(p, n, a, true)))
            }
            _ => continue,
        };
        let [reading] = fits.as_slice() else { continue };
        let reason = format!("the row's {printed} is realisasi / anggaran × 100 with this reading");
        if let Some(cell) = row.cell_mut(at) {
            cell.set_settled(Some(Settled {
                reading: *reading,
                reason,
            }));
        }
    }
}

/// The readings of a number not read exactly and not yet settled.
fn unsure(cell: &Cell) -> Option<Vec<Reading>> {
    match &cell.value {
        CellValue::Quantity(q) if cell.settled().is_none() => match &q.amount {
            Amount::Ambiguous(rs) | Amount::Malformed(rs) => Some(rs.to_vec()),
            Amount::Exact(_) => None,
        },
        _ => None,
    }
}

/// The readings that make `holds` true.
fn fitting(readings: &[Reading], holds: impl Fn(Number) -> bool) -> Vec<Reading> {
    readings.iter().copied().filter(|r| holds(r.number)).collect()
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
