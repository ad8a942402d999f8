//! `table_cells`: every figure a table prints that no indicator or budget line carries
//! (an asset list, placements by country, job seekers by education; a baseline or an
//! efficiency column beside an indicator), one long row per cell, so nothing printed is
//! lost from the dataset.

use crate::dataset::{snake, ReportKeys};
use crate::model::{Role, Row, Table};
use crate::parsers::CellValue;
use crate::records::{figure, FigureStatus};
use crate::report::ReportDocument;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::Arc;

/// One printed figure of a table, with the row and column it stands in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableCellRow {
    /// The report.
    #[serde(flatten)]
    pub keys: Arc<ReportKeys>,
    /// Source line of the row.
    pub line: usize,
    /// For a PDF, the page of the row.
    pub page: Option<u32>,
    /// Table id.
    pub table: String,
    /// Caption number of the table (`3.2`).
    pub table_number: Option<String>,
    /// Caption of the table.
    pub table_title: Option<String>,
    /// What the row is about: its first printed words (`Kendaraan Bermotor Beroda Dua`).
    pub row_label: String,
    /// 0-based column.
    pub column: usize,
    /// The column's header path, labels joined by ` › ` (`Pencari Kerja › SLTP`).
    pub header: String,
    /// The column's role (`other`, `baseline`, `jumlah`, …).
    pub role: String,
    /// Exact value (`.` decimal point), when one reading holds (a number: a grade is in `raw`).
    pub value: Option<String>,
    /// The cell as printed.
    pub raw: String,
    /// How sure the value is (`exact`, `settled`, `ambiguous`, `grade`, …).
    pub status: String,
    /// `percent`, `rupiah` or a counted unit, when printed.
    pub unit: Option<String>,
}

/// Roles whose figures an indicator carries, on the rows indicators come from.
const INDICATOR_ROLES: [Role; 3] = [Role::Target, Role::Realisasi, Role::Capaian];

/// The figures of `doc`'s tables that no record carries, each handed to `each` in source
/// order.
pub fn table_cell_rows<E>(
    doc: &ReportDocument,
    keys: &Arc<ReportKeys>,
    mut each: impl FnMut(TableCellRow) -> Result<(), E>,
) -> Result<(), E> {
    let indicator_rows: BTreeSet<(&str, usize)> = doc
        .indicators
        .iter()
        .map(|i| (i.table.as_str(), i.line))
        .collect();
    let budget_rows: BTreeSet<(&str, usize)> = doc
        .budget_lines
        .iter()
        .map(|b| (b.table.as_str(), b.line))
        .collect();
    for table in &doc.tables {
        let budget_roles = [
            Role::Anggaran,
            Role::AnggaranMurni,
            Role::RealisasiAnggaran,
            table.persen_role(),
        ];
        for row in table.data_rows() {
            let at = (table.id.as_str(), row.line);
            let recorded = |role: Role| {
                indicator_rows.contains(&at) && INDICATOR_ROLES.contains(&role)
                    || budget_rows.contains(&at) && budget_roles.contains(&role)
            };
            for cell in row_cells(table, row, recorded, keys) {
                each(cell)?;
            }
        }
    }
    Ok(())
}

/// The figures of one row that no record carries (`recorded` says which roles records of
/// this row read).
fn row_cells(
    table: &Table,
    row: &Row,
    recorded: impl Fn(Role) -> bool,
    keys: &Arc<ReportKeys>,
) -> Vec<TableCellRow> {
    let label = row_label(table, row);
    table
        .columns
        .iter()
        .filter(|c| !recorded(c.role))
        .filter(|c| c.role != Role::No)
        .filter(|c| {
            row.cell(c.index)
                .is_some_and(|cell| cell.merged_from().is_none() && is_figure(&cell.value))
        })
        .filter_map(|c| {
            let f = figure(table, row, c.index)?;
            // a number only, so the column stays numeric: a grade is in `raw` and `status`
            let numeric = matches!(f.status, FigureStatus::Exact | FigureStatus::Settled);
            Some(TableCellRow {
                keys: keys.clone(),
                line: row.line,
                page: row.page,
                table: table.id.clone(),
                table_number: table.number.clone(),
                table_title: table.title.clone(),
                row_label: label.clone(),
                column: c.index,
                header: header_of(&c.header_path, &c.header),
                role: snake(&c.role),
                value: f.value.filter(|_| numeric).map(|v| v.to_string()),
                raw: f.raw.into(),
                status: snake(&f.status),
                unit: f.unit.map(std::borrow::Cow::into_owned),
            })
        })
        .collect()
}

/// Whether a cell prints a figure (a number, a grade, a formula), not words or nothing.
fn is_figure(value: &CellValue) -> bool {
    matches!(
        value,
        CellValue::Quantity(_) | CellValue::Grade(_) | CellValue::Formula(_)
    )
}

/// The first words the row prints outside its numbering column.
fn row_label(table: &Table, row: &Row) -> String {
    table
        .columns
        .iter()
        .filter(|c| c.role != Role::No)
        .filter_map(|c| row.cell(c.index))
        .find(|c| matches!(c.value, CellValue::Text(_)) && !c.is_empty())
        .map(|c| c.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// A header path as one text: its labels joined by ` › `, or the header when it has one.
fn header_of(path: &[String], header: &str) -> String {
    let labels: Vec<&str> = path.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    match labels.len() {
        0 | 1 => header.to_string(),
        _ => labels.join(" › "),
    }
}
