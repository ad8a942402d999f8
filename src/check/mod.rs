//! Reconciliation: every arithmetic relation a report states or implies, checked with the
//! printed precision of each figure, and each failure reported where it is printed.
//!
//! Stage input: the extracted [`ReportDocument`] and its [`Source`] (for prose and for
//! pointing at the source); output: a list of [`Finding`]s, sorted by line.

mod arith;
mod balance;
mod conflicts;
mod copies;
mod differences;
mod malformed;
mod means;
mod names;
mod prose;
mod ratios;
mod repair;
mod subitems;
mod sums;
mod uncertain;

use crate::findings::{Finding, Location};
use crate::model::{page_of, Column, Role, Row, Table};
use crate::records::{BudgetLine, Figure};
use crate::report::ReportDocument;
use crate::source::Source;
use rust_decimal::Decimal;
use std::collections::HashMap;

pub use arith::{admits, Span};

/// Everything a check needs: the document and the lines it came from.
pub struct Context<'a> {
    /// The extracted report.
    pub doc: &'a ReportDocument,
    /// The source lines; line `n` is at `n - 1`.
    pub lines: Vec<&'a str>,
    /// For the tables whose rows are not in line order, each row at each line (the first
    /// there), by table id; the others' rows are found by a binary search on the line.
    unordered_rows: HashMap<(&'a str, usize), &'a Row>,
    /// Each table's index by its id (the first table of an id).
    tables: HashMap<&'a str, usize>,
    /// The ids of the tables a program line (not an allocation) comes from.
    budget_tables: std::collections::HashSet<&'a str>,
    /// The data rows printing each amount (normalized), in table and row order; made the
    /// first time it is asked for.
    amounts: std::cell::OnceCell<HashMap<Decimal, Vec<(&'a str, &'a Row)>>>,
    /// The program lines in order with their names indexed for [`names::same`]; made the
    /// first time it is asked for.
    program_names: std::cell::OnceCell<(Vec<&'a BudgetLine>, names::NameIndex)>,
}

pub use prose::Prose;

/// Checks a report and returns its findings, sorted by line, kind and message.
pub fn check(doc: &ReportDocument, source: &Source) -> Vec<Finding> {
    check_with(doc, source, &read_prose(source))
}

/// What the report's prose states (budget statements, year-on-year changes, amounts in
/// no number format), read from its text alone: [`crate::analyze`] reads it before the
/// tables are rebuilt, so that the prose (the text once more) and the tables are never
/// held at once.
pub fn read_prose(source: &Source) -> Prose {
    prose::read(&source.lines())
}

/// [`check`], with the report's prose already read.
pub fn check_with(doc: &ReportDocument, source: &Source, prose: &Prose) -> Vec<Finding> {
    let cx = Context::new(doc, source);
    let statements = &prose.statements;
    let prose_findings = prose::check(&cx, prose);
    let mut findings = Vec::new();
    findings.extend(sums::budget_hierarchy(&cx, statements));
    findings.extend(sums::table_totals(&cx));
    findings.extend(ratios::budget_lines(&cx));
    findings.extend(ratios::allocation_rows(&cx));
    findings.extend(ratios::indicators(&cx));
    findings.extend(ratios::formulas(&cx));
    findings.extend(means::rows(&cx));
    findings.extend(subitems::parents(&cx));
    findings.extend(malformed::budget_amounts(&cx));
    findings.extend(differences::efficiency(&cx));
    findings.extend(differences::selisih(&cx));
    findings.extend(conflicts::indicators(&cx));
    findings.extend(conflicts::budgets(&cx));
    findings.extend(conflicts::duplicate_rows(&cx, statements));
    findings.extend(copies::copied_figures(&cx));
    findings.extend(prose_findings);
    uncertain::soften(&mut findings, source, &cx.lines);
    findings.sort_by(|a, b| (&a.locations, a.kind, &a.message).cmp(&(&b.locations, b.kind, &b.message)));
    findings.dedup();
    findings
}

/// Whether a budget line is of the program hierarchy (not a sasaran's or an indicator's
/// allocation).
fn is_program_line(b: &BudgetLine) -> bool {
    b.level != crate::nomenclature::Level::Allocation
}

impl<'a> Context<'a> {
    fn new(doc: &'a ReportDocument, source: &'a Source) -> Context<'a> {
        let mut unordered_rows = HashMap::new();
        let mut tables = HashMap::new();
        for (i, t) in doc.tables.iter().enumerate() {
            tables.entry(t.id.as_str()).or_insert(i);
            if !t.rows.is_sorted_by_key(|r| r.line) {
                for r in &t.rows {
                    unordered_rows.entry((t.id.as_str(), r.line)).or_insert(r);
                }
            }
        }
        let budget_tables = doc
            .budget_lines
            .iter()
            .filter(|b| is_program_line(b))
            .map(|b| b.table.as_str())
            .collect();
        Context {
            doc,
            lines: source.lines(),
            unordered_rows,
            tables,
            budget_tables,
            amounts: std::cell::OnceCell::new(),
            program_names: std::cell::OnceCell::new(),
        }
    }

    /// The budget lines of the program hierarchy: every line but a sasaran's or an
    /// indicator's allocation (those are checked as the rows of their tables).
    pub fn program_lines(&self) -> impl Iterator<Item = &'a BudgetLine> {
        self.doc.budget_lines.iter().filter(|b| is_program_line(b))
    }

    /// The first program line whose name is [`names::same`] as `name`.
    pub fn program_line_named(&self, name: &str) -> Option<&'a BudgetLine> {
        let (lines, index) = self.program_names.get_or_init(|| {
            let lines: Vec<&BudgetLine> = self.program_lines().collect();
            let mut index = names::NameIndex::default();
            for (i, l) in lines.iter().enumerate() {
                index.add(names::key(&l.name), i);
            }
            (lines, index)
        });
        lines.get(index.first_same(&names::key(name))?).copied()
    }

    /// The table with id `id`.
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.doc.tables.get(self.table_index(id)?)
    }

    /// The index in the document of the table with id `id`.
    pub fn table_index(&self, id: &str) -> Option<usize> {
        self.tables.get(id).copied()
    }

    /// The tables that are not budget tables (no budget line of a program, kegiatan or
    /// total comes from them; allocations per sasaran or indicator may), with their index.
    pub fn other_tables(&self) -> impl Iterator<Item = (usize, &'a Table)> + '_ {
        self.doc
            .tables
            .iter()
            .enumerate()
            .filter(move |(_, t)| !self.budget_tables.contains(t.id.as_str()))
    }

    /// Where `raw` is printed on `line` (or the lines after it, for slide text), preferring
    /// tab-separated cell `column` when the line has tabs.
    pub fn locate(
        &self,
        line: usize,
        raw: &str,
        column: Option<usize>,
        table: Option<&str>,
        label: String,
    ) -> Location {
        let needle = raw.trim();
        let found = (line..self.lines.len().min(line + 40) + 1).find_map(|l| {
            let text = self.lines.get(l.checked_sub(1)?)?;
            position(text, needle, column).map(|(col, len)| (l, col, len))
        });
        let (line, column, length) = match found {
            Some((l, c, n)) => (l, Some(c), Some(n)),
            None => (line, None, None),
        };
        Location {
            line,
            page: page_of(&self.doc.pages, line),
            column,
            length,
            table: table.map(str::to_string),
            bbox: None,
            label,
        }
    }

    /// The data rows (with their table's id) that print `value` in a cell, in table and
    /// row order.
    pub fn rows_printing(&self, value: Decimal) -> &[(&str, &Row)] {
        let index = self.amounts.get_or_init(|| {
            let mut index: HashMap<Decimal, Vec<(&str, &Row)>> = HashMap::new();
            for t in &self.doc.tables {
                for r in t.data_rows() {
                    let mut printed = amounts(r);
                    printed.sort();
                    printed.dedup();
                    for v in printed {
                        index.entry(v).or_default().push((t.id.as_str(), r));
                    }
                }
            }
            index
        });
        index.get(&value.normalize()).map_or(&[], Vec::as_slice)
    }

    /// The row of `table` at source line `line` (the first there).
    pub fn row_at<'t>(&'t self, table: &'t Table, line: usize) -> Option<&'t Row> {
        if let Some(row) = self.unordered_rows.get(&(table.id.as_str(), line)) {
            return Some(row);
        }
        let first = table.rows.partition_point(|r| r.line < line);
        table.rows.get(first).filter(|r| r.line == line)
    }

    /// Where a figure is printed.
    pub fn figure_location(
        &self,
        f: &Figure,
        column: Option<usize>,
        table: Option<&Table>,
        label: String,
    ) -> Location {
        let tabs = table.is_none_or(|t| t.layout.in_columns());
        let mut location = self.locate(
            f.line,
            &f.raw,
            column.filter(|_| tabs),
            table.map(|t| t.id.as_str()),
            label,
        );
        // a PDF cell: where the page prints it, for a reviewer holding the PDF
        let cell = table
            .zip(column)
            .and_then(|(t, c)| self.row_at(t, f.line)?.cell(c));
        location.bbox = cell
            .and_then(crate::model::Cell::bbox)
            .map(|b| crate::findings::CellBox::of(&b));
        location
    }
}

/// The numbers a table row prints, normalized (`1.000,00` and `1.000` are one amount).
pub(crate) fn amounts(row: &Row) -> Vec<Decimal> {
    let numbers = row.cells.iter().filter_map(crate::model::Cell::number);
    numbers.map(|n| n.value.normalize()).collect()
}

/// What a finding calls a table row: its indikator, else its sasaran, else the text in
/// `fallback`, else its line number.
fn row_label(table: &Table, row: &Row, fallback: Option<&Column>) -> String {
    table
        .column(Role::Indikator)
        .or(table.column(Role::Sasaran))
        .or(fallback)
        .map(|c| row.text(c.index))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| format!("line {}", row.line))
}

/// 1-based character column and length of `needle` in `text`: the tab cell `column` when it
/// holds it, else the first cell or substring that does.
fn position(text: &str, needle: &str, column: Option<usize>) -> Option<(usize, usize)> {
    let cells: Vec<&str> = text.split('\t').collect();
    let chars_before = |s: &str, needle: &str| s.split_once(needle).map(|(head, _)| head.chars().count());
    // the character each cell starts at, counted once (a row may have thousands of cells)
    let starts: Vec<usize> = cells
        .iter()
        .scan(0, |at, c| {
            let start = *at;
            *at += c.chars().count() + 1;
            Some(start)
        })
        .collect();
    let in_cell = |i: usize| {
        let (cell, start) = (cells.get(i)?, starts.get(i)?);
        chars_before(cell, needle).map(|at| start + at)
    };
    let at = column
        .and_then(in_cell)
        .or_else(|| (0..cells.len()).find_map(in_cell))
        .or_else(|| chars_before(text, needle))?;
    Some((at + 1, needle.chars().count().max(1)))
}

#[cfg(test)]
mod tests {
    use super::{position, Context};

    #[test]
    fn a_row_is_found_by_its_line_whether_or_not_its_table_is_in_line_order() {
        let text = "Tabel 3.1 Anggaran\nNo\tProgram\tAnggaran\n1\tProgram A\t100\n2\tProgram B\t200\n3\tProgram C\t300\n";
        let source = crate::source::from_bytes(std::path::Path::new("s.txt"), text.as_bytes()).unwrap();
        let mut doc = crate::report::extract(&source);
        let lines: Vec<usize> = doc.tables[0].rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5]);
        let names = |doc: &crate::report::ReportDocument| -> Vec<Option<String>> {
            let cx = Context::new(doc, &source);
            let table = &doc.tables[0];
            (1..=6)
                .map(|line| {
                    cx.row_at(table, line)
                        .and_then(|r| r.cell(1))
                        .map(|c| c.raw.to_string())
                })
                .collect()
        };
        let expected = vec![
            None,
            Some("Program".into()),
            Some("Program A".into()),
            Some("Program B".into()),
            Some("Program C".into()),
            None,
        ];
        assert_eq!(names(&doc), expected);
        // rows out of line order are indexed, not searched by halves
        doc.tables[0].rows.reverse();
        assert_eq!(names(&doc), expected);
    }

    #[test]
    fn positions_count_characters_and_prefer_the_column() {
        assert_eq!(position("a\t51,43 %\t51,43 %", "51,43 %", Some(2)), Some((11, 7)));
        assert_eq!(position("a\t51,43 %\t51,43 %", "51,43 %", None), Some((3, 7)));
        assert_eq!(position("Jl. Veteran – 72", "72", None), Some((15, 2)));
    }
}
