//! `malformed_number` for budget amounts a table prints in no number format but whose row
//! settles them (`1403.419.201` beside its anggaran and 96,59 %): read, and reported.

use super::arith::id_format;
use super::Context;
use crate::findings::{Finding, Kind, Severity};
use crate::model::Role;
use crate::parsers::{parse_cell, Amount, CellValue};
use crate::records::{Figure, FigureStatus, FigureValue};

/// Every budget amount read from a malformed print, as a warning with its reading.
pub fn budget_amounts(cx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for line in cx.program_lines() {
        let table = cx.table(&line.table);
        for (role, word, figure) in [
            (Role::Anggaran, "anggaran", &line.anggaran),
            (Role::RealisasiAnggaran, "realisasi", &line.realisasi),
        ] {
            let Some(f) = figure.as_ref().filter(|f| was_malformed(f)) else {
                continue;
            };
            let Some(reading) = f.value.and_then(FigureValue::number) else {
                continue;
            };
            let read = id_format(reading.value, reading.decimals);
            let why = f.reason.clone().unwrap_or_default();
            let label = format!("{word} of {}", line.name);
            let column = table.and_then(|t| t.column_of(role, line.year)).map(|c| c.index);
            let location = cx.figure_location(f, column, table, label.clone());
            let message = format!(
                "`{}` ({label}) fits no number format; read as {read}: {why}",
                f.raw
            );
            let mut finding = Finding::new(Kind::MalformedNumber, Severity::Warning, message, vec![location]);
            (finding.expected, finding.found) = (Some(reading.value.to_string()), Some(f.raw.to_string()));
            out.push(finding.help(Some(format!("print {read}"))));
        }
    }
    out
}

/// Whether a figure was settled from a print that fits no number format.
fn was_malformed(f: &Figure) -> bool {
    f.status == FigureStatus::Settled
        && matches!(parse_cell(&f.raw), CellValue::Quantity(q) if matches!(q.amount, Amount::Malformed(_)))
}
