//! `difference_mismatch` in tables: efisiensi = capaian kinerja − capaian anggaran, and
//! selisih = later year − earlier year.

use super::arith::{admits, id_format, value, Span, Value};
use super::repair::typo;
use super::{row_label, Context};
use crate::findings::{Finding, Kind, Severity};
use crate::model::{Column, Role, Row, Table};
use crate::parsers::Number;
use crate::records::figure;
use rust_decimal::Decimal;

/// A value for differences: a printed nil (`-`) counts as zero; an empty cell (often under a
/// span the page draws over several rows), words and competing readings do not count.
fn number(table: &Table, row: &Row, column: &Column) -> Option<Number> {
    let printed = figure(table, row, column.index)?;
    match value(Some(&printed)) {
        Value::Known(n) => Some(n),
        Value::Nil => Some(Number {
            value: Decimal::ZERO,
            decimals: 0,
        }),
        _ => None,
    }
}

/// The whole a percent is of.
const HUNDRED: Number = Number {
    value: Decimal::ONE_HUNDRED,
    decimals: 0,
};

/// Checks `stated = minuend − subtrahend` on every data row (no `minuend` column: 100, the
/// whole); `what` words the relation.
fn row_differences(
    cx: &Context,
    table: &Table,
    stated: &Column,
    minuend: Option<&Column>,
    subtrahend: &Column,
    what: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for row in table.data_rows() {
        let stated_figure = figure(table, row, stated.index);
        let (Some(s), Some(a), Some(b)) = (
            stated_figure.as_ref().and_then(|f| match value(Some(f)) {
                Value::Known(n) => Some(n),
                _ => None,
            }),
            minuend.map_or(Some(HUNDRED), |m| number(table, row, m)),
            number(table, row, subtrahend),
        ) else {
            continue;
        };
        let whole = |n: Number| {
            if minuend.is_some() {
                Span::of(n, false)
            } else {
                Span::exact(n.value)
            }
        };
        let diff = whole(a).minus(Span::of(b, false));
        if admits(s, diff) {
            continue;
        }
        let expected = (a.value - b.value).round_dp(s.decimals);
        let added = admits(s, whole(a).plus(Span::of(b, false)));
        let help = match added {
            true => Some(format!(
                "{} is {} + {}: added instead of subtracted",
                id_format(s.value, s.decimals),
                id_format(a.value, a.decimals),
                id_format(b.value, b.decimals)
            )),
            false => typo(s.value, expected),
        };
        let name = row_label(table, row, table.columns.first());
        let message = format!(
            "{name}: {what} {} but {} − {} is {}",
            id_format(s.value, s.decimals),
            id_format(a.value, a.decimals),
            id_format(b.value, b.decimals),
            id_format(expected, s.decimals)
        );
        let place = |c: &Column| {
            figure(table, row, c.index).map(|f| {
                cx.figure_location(&f, Some(c.index), Some(table), format!("{} of {name}", c.header))
            })
        };
        let locs = [place(stated), minuend.and_then(place), place(subtrahend)]
            .into_iter()
            .flatten()
            .collect();
        out.push(
            Finding::new(Kind::DifferenceMismatch, Severity::Error, message, locs)
                .values(expected, s.value, s.decimals)
                .help(help),
        );
    }
    out
}

/// Efisiensi = capaian kinerja − capaian anggaran, or, in a table that defines it so on
/// most rows, 100 − capaian anggaran (the share of the budget not spent).
pub fn efficiency(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &cx.doc.tables {
        let (Some(e), Some(c), Some(p)) = (
            t.column(Role::Efisiensi),
            t.column(Role::Capaian),
            t.column(Role::PersenAnggaran),
        ) else {
            continue;
        };
        let broken = |minuend: Option<&Column>| row_differences(cx, t, e, minuend, p, "efisiensi is");
        let (of_capaian, of_whole) = (broken(Some(c)), broken(None));
        out.extend(if of_whole.len() < of_capaian.len() {
            of_whole
        } else {
            of_capaian
        });
    }
    out
}

/// Selisih = the later year's column − the earlier year's.
pub fn selisih(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &cx.doc.tables {
        let Some(s) = t.column(Role::Selisih) else {
            continue;
        };
        let mut years: Vec<&Column> = t
            .columns
            .iter()
            .filter(|c| c.year.is_some() && c.index != s.index)
            .collect();
        years.sort_by_key(|c| c.year);
        if let [earlier, later] = years.as_slice() {
            out.extend(row_differences(cx, t, s, Some(later), earlier, "selisih is"));
        }
    }
    out
}
