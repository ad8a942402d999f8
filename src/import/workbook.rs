//! `dataset.xlsx`: the four tables as sheets of one Excel workbook for analysts (behind the
//! `xlsx` feature): codes and table numbers as text (`39.10` stays so), figures, years and
//! lines as numbers, the header row frozen. Written from the JSON lines the import has
//! just written, a row at a time into sheets kept on disk (rust_xlsxwriter's constant
//! memory mode): memory stays flat however many rows. The CSV and JSON lines stay the
//! exact record (a sheet's numbers are Excel's doubles, and a cell holds at most 32,767
//! characters).

use super::output::{cell_text, write_error};
use super::schema::{column_type, ColumnType, TABLES};
use super::ImportError;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use serde_json::Value;
use std::io::BufRead;
use std::path::Path;

/// Most rows of a sheet, its header included (Excel's limit); a longer table goes on in a
/// sheet `name 2`, `name 3` ….
const SHEET_ROWS: usize = 1_048_576;

/// Most characters of a cell (Excel's limit).
const CELL_CHARS: usize = 32_767;

/// Writes `out/dataset.xlsx` from `out/<table>.jsonl`.
pub fn write(out: &Path) -> Result<(), ImportError> {
    let path = out.join("dataset.xlsx");
    let mut workbook = Workbook::new();
    // the sheets wait on disk beside the outputs, not in a temporary folder that may be memory
    workbook.set_tempdir(out).map_err(|e| write_error(&path, e))?;
    // a fixed creation time, so the same input gives the same bytes
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(|e| write_error(&path, e))?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    // a faster deflate than the default (6): the workbook is written alone after the
    // parallel part; at 1,000 reports level 3 took the import from 7.7 s to 6.8 s for a
    // file 15% larger (level 1: 6.5 s, 55% larger)
    workbook.set_zip_compression_level(3);
    for (name, columns) in TABLES {
        table(&mut workbook, out, name, columns)?;
    }
    workbook.save(&path).map_err(|e| write_error(&path, e))
}

/// One table's rows, read a line at a time, into sheets of at most [`SHEET_ROWS`] rows.
fn table(workbook: &mut Workbook, out: &Path, name: &str, columns: &[&str]) -> Result<(), ImportError> {
    let source = out.join(format!("{name}.jsonl"));
    let file = std::fs::File::open(&source).map_err(|e| write_error(&source, e))?;
    let mut lines = std::io::BufReader::new(file).lines().peekable();
    let bold = Format::new().set_bold();
    for n in 1.. {
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(|e| write_error(&source, e))?;
        let title = match n {
            1 => name.to_string(),
            n => format!("{name} {n}"),
        };
        header(sheet, &title, columns, &bold).map_err(|e| write_error(&source, e))?;
        for r in 1..SHEET_ROWS {
            let Some(line) = lines.next() else { break };
            let line = line.map_err(|e| write_error(&source, e))?;
            let row: Value = serde_json::from_str(&line).map_err(|e| write_error(&source, e))?;
            let r = u32::try_from(r).unwrap_or(u32::MAX);
            fill(sheet, r, columns, &row).map_err(|e| write_error(&source, e))?;
        }
        if lines.peek().is_none() {
            break;
        }
    }
    Ok(())
}

fn header(sheet: &mut Worksheet, title: &str, columns: &[&str], bold: &Format) -> Result<(), XlsxError> {
    sheet.set_name(title)?;
    for (c, column) in (0u16..).zip(columns) {
        sheet.write_string_with_format(0, c, *column, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn fill(sheet: &mut Worksheet, r: u32, columns: &[&str], row: &Value) -> Result<(), XlsxError> {
    for (c, column) in (0u16..).zip(columns) {
        match row.get(*column) {
            None | Some(Value::Null) => {}
            Some(v) => write_cell(sheet, r, c, column, v)?,
        }
    }
    Ok(())
}

fn write_cell(sheet: &mut Worksheet, r: u32, c: u16, column: &str, v: &Value) -> Result<(), XlsxError> {
    let number = match (column_type(column), v) {
        (ColumnType::Integer, Value::Number(n)) => n.as_f64(),
        (ColumnType::Decimal, Value::String(s)) => s.parse::<Decimal>().ok().and_then(|d| d.to_f64()),
        (ColumnType::Boolean, Value::Bool(b)) => {
            sheet.write_boolean(r, c, *b)?;
            return Ok(());
        }
        _ => None,
    };
    match number {
        Some(n) => sheet.write_number(r, c, n)?,
        None => sheet.write_string(r, c, cut(&cell_text(v)))?,
    };
    Ok(())
}

/// A text cut to what a cell holds, ending in `…` when cut.
fn cut(text: &str) -> String {
    match text.char_indices().nth(CELL_CHARS - 1) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or_default()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_to_a_cell() {
        assert_eq!(cut("abc"), "abc");
        let long = "é".repeat(CELL_CHARS + 5);
        assert_eq!(cut(&long).chars().count(), CELL_CHARS);
        assert!(cut(&long).ends_with('…'));
    }
}
