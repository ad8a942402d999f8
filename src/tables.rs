//! Table rebuilding: tab-separated rows → tables.
//!
//! A table is a run of tab rows; runs separated by at most two blank lines are one table
//! when the later run repeats the header (a page break) or does not start like a header.
//! The first rows are a banner, header rows and a column-numbering row; text that spilled
//! onto a row of its own is joined to the row it belongs to; cells left empty under a
//! merged span point to the row whose value they share.

#![allow(
    clippy::indexing_slicing,
    reason = "rows and lines indexed by positions found in the same vectors; the table stage is being rebuilt on the page model (#14), with checked access"
)]

use crate::columns::{headerless_list, name_columns, numbering_columns};
use crate::confirm::{confirm_counted_anggaran, confirm_part_columns, confirm_ratio_columns};
use crate::model::{
    is_total_label, Cell, Column, Heading, HeadingKind, Layout, Role, Row, RowGeometry, RowKind, Span, Table,
};
use crate::parsers::cut_off;
use crate::parsers::{parse_cell, CellValue, NilMarker};
use crate::settle::{settle_by_ratio, settle_columns};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Most blank lines a table may span at a page break.
const MAX_GAP: usize = 2;

/// How many times a line of text must recur to be page furniture.
const FURNITURE_PAGES: usize = 3;

/// Most blank lines a table may span at a page break where the next page repeats its header.
const MAX_GAP_REPEATED: usize = 6;

/// Most lines of text (a sub-heading) between a table and the run that repeats its header
/// and goes on with its numbering.
const MAX_SUB_HEADING: usize = 2;

/// How far above a table its title lines are looked for, when a page repeats them.
const TITLE_LINES: usize = 8;
/// Most header rows a table has.
const MAX_HEADER_ROWS: usize = 3;

/// Rebuilds every tab-separated table of a report; `geometry` says, for the table rows of a
/// PDF (by 1-based line), which cells span several columns.
pub fn rebuild(lines: &[&str], headings: &[Heading], geometry: &BTreeMap<usize, RowGeometry>) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    for (n, group) in group_blocks(lines, &blocks(lines)).iter().enumerate() {
        let mut table = build(lines, group, format!("T{}", n + 1), geometry);
        let previous_end = tables.last().map_or(0, |t| t.lines[1]);
        bind_caption(&mut table, lines, headings, previous_end);
        tables.push(table);
    }
    tables
}

/// Runs of consecutive tab rows, as 0-based inclusive line ranges.
fn blocks(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for i in (0..lines.len()).filter(|&i| lines[i].contains('\t')) {
        match out.last_mut() {
            Some(last) if last.1 + 1 == i => last.1 = i,
            _ => out.push((i, i)),
        }
    }
    out
}

/// Joins runs of tab rows into tables: a run continues the table above when only blank
/// lines, or the title lines printed above the table's start repeated on a new page,
/// stand between them, and it looks like a continuation.
fn group_blocks(lines: &[&str], blocks: &[(usize, usize)]) -> Vec<Vec<(usize, usize)>> {
    let furniture = page_furniture(lines);
    let mut groups: Vec<Vec<(usize, usize)>> = Vec::new();
    for &block in blocks {
        if let Some(group) = groups.last_mut() {
            let gap = &lines[group[group.len() - 1].1 + 1..block.0];
            let title: Vec<String> = lines[group[0].0.saturating_sub(TITLE_LINES)..group[0].0]
                .iter()
                .map(|l| without_digits(l))
                .collect();
            let blanks = gap.iter().filter(|l| l.trim().is_empty()).count();
            // a title repeated on the next page may count its pages (`Hlm. 3 dari 4`); a
            // running footer (`Bab III – Akuntabilitas Kinerja | 42`) ends every page
            let passable = gap.iter().all(|l| {
                let plain = without_digits(l);
                l.trim().is_empty() || title.contains(&plain) || furniture.contains(plain.trim())
            });
            // a page that repeats the header may stand further off
            let repeats = leading_rows(group).any(|i| normalized(lines[i]) == normalized(lines[block.0]));
            // and under a sub-heading, where its numbering goes on (`G` above, `H` below)
            let sub_heading =
                repeats && gap.len() - blanks <= MAX_SUB_HEADING && outline_goes_on(lines, group, block);
            if (blanks <= MAX_GAP || repeats && blanks <= MAX_GAP_REPEATED)
                && (passable || sub_heading)
                && continues(lines, group, block.0)
                && !new_header(lines, group, block)
            {
                group.push(block);
                continue;
            }
        }
        groups.push(vec![block]);
    }
    groups
}

/// Whether a run starting at `first` continues the table made of `group` so far: it
/// repeats one of the table's first rows (its header), starts with data, starts in lower
/// case (a cell's text carried over the page break), or goes on with a header that a blank
/// line parted.
fn continues(lines: &[&str], group: &[(usize, usize)], first: usize) -> bool {
    let start = normalized(lines[first]);
    let repeats = leading_rows(group).any(|i| normalized(lines[i]) == start);
    let spill = lines[first].starts_with(char::is_lowercase);
    repeats
        || spill
        || header_goes_on(lines, group, first)
        || group
            .last()
            .is_some_and(|&(_, last)| rest_of_cell(&cells_of(lines[last]), &cells_of(lines[first])))
        || !header_like(&cells_of(lines[first]))
}

/// Whether a run heads a table of its own: one of its first two rows is a header (labels
/// only, not one of the table's header rows repeated) as wide as the run's rows, which are
/// all narrower or wider than the table's (`II. ALOKASI ANGGARAN` / `No | Kegiatan |
/// Anggaran (Rp.)` under an indicator table of six columns).
fn new_header(lines: &[&str], group: &[(usize, usize)], (start, end): (usize, usize)) -> bool {
    let width = |i: usize| lines[i].split('\t').count();
    let table_width = leading_rows(group).map(width).max().unwrap_or(0);
    let same_width = (start..=end).all(|i| width(i) == width(start));
    // a header of other cells is a new table's even where its words repeat (a page that
    // lays its columns out anew)
    let repeated =
        |i: usize| leading_rows(group).any(|h| normalized_cells(lines[h]) == normalized_cells(lines[i]));
    let heads = (start..=end.min(start + 1)).any(|i| {
        let cells = cells_of(lines[i]);
        header_like(&cells) && non_empty(&cells) >= 2 && !is_rule(&cells) && !repeated(i)
    });
    same_width && width(start) != table_width && heads
}

/// Whether a run's first numbered row follows, in the first column, the last number of its
/// kind in the table above (`H` after `G`, `13` after `12`): a list going on, not a new one.
fn outline_goes_on(lines: &[&str], group: &[(usize, usize)], (start, end): (usize, usize)) -> bool {
    let header: HashSet<String> = leading_rows(group).map(|i| normalized(lines[i])).collect();
    let first = (start..=end)
        .filter(|&i| !header.contains(&normalized(lines[i])))
        .find_map(|i| outline_number(lines[i]));
    let Some((kind, n)) = first else {
        return false;
    };
    let above = group
        .iter()
        .rev()
        .flat_map(|&(s, e)| (s..=e).rev())
        .filter_map(|i| outline_number(lines[i]))
        .find(|(k, _)| *k == kind);
    above.is_some_and(|(_, m)| m.checked_add(1) == Some(n))
}

/// The outline number of a row's first cell (`G`, `G.`, `12`, `12)`): whether it is a
/// letter, and its place in the list.
fn outline_number(line: &str) -> Option<(bool, u32)> {
    let first = line.split('\t').next()?.trim().trim_end_matches(['.', ')']);
    let mut chars = first.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_uppercase() => Some((true, u32::from(c))),
        _ => first
            .parse::<u32>()
            .ok()
            .filter(|_| first.len() <= 3)
            .map(|n| (false, n)),
    }
}

/// Whether a row (`cells`) is the rest of a cell a page break cut: it fills one cell only,
/// with text, under a text in the same column of the row `above` (`7. Program Peningkatan
/// Sarana dan Prasarana` / `Aparatur`).
fn rest_of_cell(above: &[Cell], cells: &[Cell]) -> bool {
    let text = |c: Option<&Cell>| c.is_some_and(|c| matches!(c.value, CellValue::Text(_)));
    matches!(filled(cells)[..], [(j, c)] if cells.len() > 1 && text(Some(c)) && text(above.get(j)))
}

/// The cells that print something, with their columns.
fn filled(cells: &[Cell]) -> Vec<(usize, &Cell)> {
    cells.iter().enumerate().filter(|(_, c)| !c.is_empty()).collect()
}

/// The first rows of a table, where its header is.
fn leading_rows(group: &[(usize, usize)]) -> impl Iterator<Item = usize> + '_ {
    group.iter().flat_map(|&(s, e)| s..=e).take(MAX_HEADER_ROWS + 1)
}

/// Whether the row at `first` goes on with a header that a blank line parted: the table so
/// far is one header-like row as wide as it, give or take an empty last cell (`KODE … /
/// REKE NING PROGRAM/KEGIATAN …`).
fn header_goes_on(lines: &[&str], group: &[(usize, usize)], first: usize) -> bool {
    let width = |i: usize| lines[i].split('\t').count();
    let leading: Vec<usize> = leading_rows(group).collect();
    matches!(leading[..], [only] if header_like(&cells_of(lines[only]))
        && header_like(&cells_of(lines[first]))
        && width(only).abs_diff(width(first)) <= 1)
}

/// A line's cells, held in no more room than they take (a table holds millions of them).
fn cells_of(line: &str) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(line.bytes().filter(|&b| b == b'\t').count() + 1);
    cells.extend(line.split('\t').map(Cell::read));
    cells
}

/// A row's text for comparing headers: lower case, no spaces, trailing empty cells dropped.
/// Lines of text (not table rows) printed on three pages or more, digits aside: running
/// headers and footers, which a table continued on the next page passes.
fn page_furniture(lines: &[&str]) -> HashSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for l in lines.iter().filter(|l| !l.contains('\t') && !l.trim().is_empty()) {
        *seen.entry(without_digits(l).trim().to_string()).or_default() += 1;
    }
    seen.into_iter()
        .filter(|(_, n)| *n >= FURNITURE_PAGES)
        .map(|(l, _)| l)
        .collect()
}

/// A line with its digits left out: a running title whatever page it counts.
fn without_digits(line: &str) -> String {
    line.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// A header line as compared with another: its letters and digits, case aside, wherever
/// the cells break (a page may set `URAIAN POTENSI` in one cell that another splits).
fn normalized(line: &str) -> String {
    line.chars()
        .filter(|ch| !ch.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A header line cell by cell: [`normalized`] within each cell, the cells kept apart.
fn normalized_cells(line: &str) -> String {
    let cells: Vec<String> = line.split('\t').map(normalized).collect();
    let keep = cells.iter().rposition(|c| !c.is_empty()).map_or(0, |p| p + 1);
    cells.get(..keep).unwrap_or_default().join("\t")
}

/// A row that starts with a label and holds no number.
fn header_like(cells: &[Cell]) -> bool {
    let first = cells.first().is_some_and(|c| !c.is_empty());
    first && cells.iter().all(|c| !matches!(c.value, CellValue::Quantity(_)))
}

fn non_empty(cells: &[Cell]) -> usize {
    cells.iter().filter(|c| !c.is_empty()).count()
}

/// `1 2 3 4`, `(1) (2) … (9)=(5)-(8)`, `1 2 3 4 5=4/3 6`: consecutive column numbers from 1;
/// in a row of six or more, one number may be missing (`1 3 4 5 6 7`: a narrow column's
/// number lost, or one printed over two columns), which no row of figures does by chance.
fn is_numbering(cells: &[Cell]) -> bool {
    let numbers: Option<Vec<u32>> = cells
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| crate::parsers::column_number(c.raw.trim()))
        .collect();
    numbers.is_some_and(|ns| {
        let rising = ns.windows(2).all(|w| matches!(w, [a, b] if b > a && b - a <= 2));
        // numbers from 1 rising by one or two: the last tells how many were left out
        let missing = ns.last().map_or(0, |&n| n as usize).saturating_sub(ns.len());
        ns.first() == Some(&1) && rising && (ns.len() >= 3 && missing == 0 || ns.len() >= 6 && missing == 1)
    })
}

/// A further header row: starts empty and holds only short labels or years.
fn continues_header(cells: &[Cell]) -> bool {
    let starts_empty = cells.first().is_none_or(Cell::is_empty);
    let label = |c: &Cell| match &c.value {
        CellValue::Text(t) => t.chars().count() <= 40,
        CellValue::Quantity(q) => q
            .amount
            .exact()
            .is_some_and(|n| n.decimals == 0 && (1900..2100).contains(&n.value.mantissa())),
        CellValue::Nil(_) => true,
        _ => false,
    };
    starts_empty && non_empty(cells) > 0 && cells.iter().all(label)
}

/// A row of dashes (a markdown rule; a PDF may wrap the dashes of a narrow cell).
fn is_rule(cells: &[Cell]) -> bool {
    cells
        .iter()
        .all(|c| c.is_empty() || c.raw.trim().chars().all(|ch| ch == '-' || ch == ' '))
}

/// Kinds of the leading rows of a table: banner, header rows, numbering row. Rows above a
/// numbering row near the top are all header rows (a PDF prints a multi-line header with
/// labels at different heights).
fn header_kinds(rows: &[Vec<Cell>]) -> Vec<RowKind> {
    if let Some(n) = (1..rows.len().min(MAX_HEADER_ROWS + 2)).find(|&k| is_numbering(&rows[k])) {
        let mut kinds = vec![RowKind::Header; n];
        kinds.push(RowKind::Numbering);
        return kinds;
    }
    let mut kinds = Vec::new();
    if rows.len() > 1 && non_empty(&rows[0]) == 1 && rows[0].len() >= 3 {
        kinds.push(RowKind::Title);
    }
    // a table whose first row prints an amount of rupiah has no header: its first row is data
    if rows
        .get(kinds.len())
        .is_some_and(|r| r.iter().any(Cell::is_rupiah))
    {
        return kinds;
    }
    if kinds.len() < rows.len() {
        kinds.push(RowKind::Header);
    }
    while let Some(row) = rows.get(kinds.len()) {
        if is_numbering(row) {
            kinds.push(RowKind::Numbering);
            break;
        }
        let headers = kinds.iter().filter(|k| **k == RowKind::Header).count();
        if headers >= MAX_HEADER_ROWS || !continues_header(row) {
            break;
        }
        kinds.push(RowKind::Header);
    }
    kinds
}

fn build(
    lines: &[&str],
    group: &[(usize, usize)],
    id: String,
    geometry: &BTreeMap<usize, RowGeometry>,
) -> Table {
    // a table of a large report holds hundreds of thousands of rows: no room to spare
    let mut rows: Vec<Row> = Vec::with_capacity(
        group
            .iter()
            .map(|&(start, end)| (end + 1).saturating_sub(start))
            .sum(),
    );
    let mut header_keys: Vec<String> = Vec::new();
    // the header may run on past the first block (a header row left alone at a page foot)
    let first_rows: Vec<Vec<Cell>> = group
        .iter()
        .flat_map(|&(start, end)| start..=end)
        .take(MAX_HEADER_ROWS + 2)
        .map(|i| cells_of(lines[i]))
        .collect();
    let mut top = header_kinds(&first_rows);
    if let [(start, end), (next, _), ..] = group {
        // a header parted by a blank line: its first part is a header row too
        if start == end && header_goes_on(lines, &group[..1], *next) {
            top = header_kinds(&first_rows[1..]);
            top.insert(0, RowKind::Header);
        }
    }
    let mut seen = 0;
    for &(start, end) in group {
        let cells: Vec<Vec<Cell>> = (start..=end).map(|i| cells_of(lines[i])).collect();
        let leading = match seen {
            0 => top.clone(),
            n if n < top.len() => top[n..].to_vec(),
            _ => repeated_header(lines, start, end, &header_keys),
        };
        let in_top = seen < top.len();
        seen += cells.len();
        for (k, mut row_cells) in cells.into_iter().enumerate() {
            let line = start + k + 1;
            if let Some(g) = geometry.get(&line) {
                for (cell, bbox) in row_cells.iter_mut().zip(&g.boxes) {
                    cell.set_bbox(*bbox);
                }
            }
            let kind = leading.get(k).copied().unwrap_or(if is_rule(&row_cells) {
                RowKind::Rule
            } else {
                RowKind::Data
            });
            if in_top && matches!(kind, RowKind::Header | RowKind::Numbering) {
                header_keys.push(normalized(lines[start + k]));
            }
            rows.push(Row {
                page: None,
                line,
                kind,
                cells: row_cells,
                realigned: None,
            });
        }
    }
    let mut columns = name_columns(header_paths(&rows, geometry));
    numbering_columns(&mut columns, &rows);
    headerless_list(&mut columns, &rows);
    let width = named_width(&rows, &columns);
    realign(&mut rows, width);
    join_continuations(&mut rows, &columns);
    resolve_merged(&mut rows, &columns);
    settle_columns(&mut rows, &columns);
    confirm_ratio_columns(&mut columns, &rows);
    confirm_part_columns(&mut columns, &rows);
    confirm_counted_anggaran(&mut columns, &rows);
    settle_by_ratio(&mut rows, &columns);
    let first = group[0].0 + 1;
    let last = group[group.len() - 1].1 + 1;
    Table {
        id,
        number: None,
        title: None,
        section: None,
        lines: [first, last],
        layout: Layout::Tabs,
        columns,
        rows,
    }
}

/// How many leading rows of a later run repeat header rows of the table (a blank line may
/// part a repeated header, so a run can start with its second or third row).
fn repeated_header(lines: &[&str], start: usize, end: usize, header_keys: &[String]) -> Vec<RowKind> {
    (start..=end)
        .take_while(|&i| header_keys.contains(&normalized(lines[i])))
        .map(|_| RowKind::RepeatedHeader)
        .collect()
}

/// The header path of each column: its header rows' texts top to bottom (`Indikator
/// Sasaran` › `Target`), a spanning label repeated over the columns it spans. Where the page says which cells span (`geometry`),
/// that decides; elsewhere a label with a sub-label right under it is carried right over
/// the empty cells whose next header row names sub-columns.
fn header_paths(rows: &[Row], geometry: &BTreeMap<usize, RowGeometry>) -> Vec<Vec<String>> {
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let header: Vec<&Row> = rows.iter().filter(|r| r.kind == RowKind::Header).collect();
    let mut grid: Vec<Vec<String>> = header
        .iter()
        .map(|r| {
            (0..width)
                .map(|c| r.text(c).split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        })
        .collect();
    let spans = |r: &Row| {
        geometry
            .get(&r.line)
            .map(|g| g.spans.as_slice())
            .unwrap_or_default()
    };
    for (cells, row) in grid.iter_mut().zip(&header) {
        for span in spans(row) {
            spread(cells, *span);
        }
    }
    for r in 0..grid.len().saturating_sub(1) {
        if header.get(r).is_some_and(|row| !spans(row).is_empty()) {
            continue;
        }
        let mut carry: Option<String> = None;
        for c in 0..width {
            let right_below = !grid[r + 1][c].is_empty();
            let below = (r + 1..grid.len()).any(|q| !grid[q][c].is_empty());
            match (grid[r][c].is_empty(), &carry) {
                (false, _) => carry = right_below.then(|| grid[r][c].clone()),
                (true, Some(label)) if below => grid[r][c] = label.clone(),
                (true, _) => carry = None,
            }
        }
    }
    (0..width)
        .map(|c| {
            grid.iter()
                .map(|row| row[c].clone())
                .filter(|t| !t.is_empty())
                .collect()
        })
        .collect()
}

/// Repeats the label of a spanning cell over the empty cells of the columns it covers.
fn spread(cells: &mut [String], span: Span) {
    let label = cells
        .get(span.first..=span.last)
        .and_then(|covered| covered.iter().find(|t| !t.is_empty()))
        .cloned();
    if let (Some(label), Some(covered)) = (label, cells.get_mut(span.first..=span.last)) {
        covered
            .iter_mut()
            .filter(|t| t.is_empty())
            .for_each(|t| t.clone_from(&label));
    }
}

/// How many columns the header names: up to the last named column or numbered column.
fn named_width(rows: &[Row], columns: &[Column]) -> usize {
    let named = columns
        .iter()
        .rposition(|c| !c.header.is_empty())
        .map_or(0, |p| p + 1);
    let numbered = rows
        .iter()
        .filter(|r| r.kind == RowKind::Numbering)
        .map(|r| non_empty(&r.cells))
        .max()
        .unwrap_or(0);
    named.max(numbered)
}

/// Reads back data rows whose filled cells run past the named columns because the converter
/// put extra empty cells before them: only when few rows do, so that a column the header
/// merely left unnamed is not taken for a shift.
fn realign(rows: &mut [Row], width: usize) {
    let data = rows.iter().filter(|r| r.kind == RowKind::Data);
    let past = |r: &Row| r.cells.iter().skip(width).any(|c| !c.is_empty());
    let (overflowing, total) = data.fold((0, 0), |(o, t), r| (o + usize::from(past(r)), t + 1));
    if overflowing * 2 >= total {
        return;
    }
    for row in rows.iter_mut().filter(|r| r.kind == RowKind::Data) {
        let (Some(first), Some(last)) = (
            row.cells.iter().position(|c| !c.is_empty()),
            row.cells.iter().rposition(|c| !c.is_empty()),
        ) else {
            continue;
        };
        if width > 0 && last >= width && first >= last + 1 - width {
            let by = last + 1 - width;
            if let (Ok(from_column), Ok(by)) = (u32::try_from(first - by), u32::try_from(by)) {
                row.realigned = Some(crate::model::Realigned { from_column, by });
            }
        }
    }
}

/// The column of row codes, when most data rows print one.
fn code_column(rows: &[Row], columns: &[Column]) -> Option<usize> {
    let col = columns.iter().find(|c| c.role == Role::No)?.index;
    let data: Vec<&Row> = rows.iter().filter(|r| r.kind == RowKind::Data).collect();
    let coded = data
        .iter()
        .filter(|r| crate::parsers::is_code(r.text(col).trim()))
        .count();
    (coded * 2 >= data.len()).then_some(col)
}

/// The column that names each row: the fullest indicator column, else name, else sasaran,
/// else any label column.
fn key_column(rows: &[Row], columns: &[Column]) -> Option<usize> {
    let filled = |c: usize| {
        rows.iter()
            .filter(|r| r.kind == RowKind::Data && !r.text(c).is_empty())
            .count()
    };
    [Role::Indikator, Role::Uraian, Role::Sasaran, Role::Other]
        .iter()
        .find_map(|role| {
            let candidates = columns.iter().filter(|c| c.role == *role).map(|c| c.index);
            candidates.max_by_key(|&c| (filled(c), std::cmp::Reverse(c)))
        })
}

/// Marks rows of spilled-over text as continuations and joins their text to their row.
fn join_continuations(rows: &mut [Row], columns: &[Column]) {
    let code = code_column(rows, columns);
    let key = key_column(rows, columns);
    let mut last_data: Option<usize> = None;
    for r in 0..rows.len() {
        if rows[r].kind != RowKind::Data {
            continue;
        }
        let after_break =
            r > 0 && (rows[r - 1].kind == RowKind::RepeatedHeader || rows[r].line > rows[r - 1].line + 1);
        match last_data {
            Some(target)
                if (is_continuation(&rows[r], code, key)
                    && !numbered(&rows[r], columns)
                    && !own_figures(&rows[target], &rows[r], columns))
                    || finishes(&rows[target], &rows[r])
                    || (after_break && rest_of_cell(&rows[target].cells, &rows[r].cells)) =>
            {
                rows[r].kind = RowKind::Continuation {
                    of_line: rows[target].line,
                };
                let pieces: Vec<(usize, String)> = rows[r]
                    .cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !c.is_empty())
                    .map(|(j, c)| (j, c.raw.trim().to_string()))
                    .collect();
                for (j, piece) in pieces {
                    if let Some(cell) = rows[target].cell_mut(j) {
                        let joined = format!("{} {piece}", cell.joined().unwrap_or(&cell.raw).trim());
                        if matches!(cell.value, CellValue::Text(_) | CellValue::Nil(_)) {
                            cell.value = parse_cell(&joined);
                        }
                        cell.set_joined(joined);
                    }
                }
            }
            _ => last_data = Some(r),
        }
    }
}

/// Whether a row prints a row number or code in the numbering column: a new entry, never
/// the rest of the row above (`2.` / `3.` of a list whose names wrap).
fn numbered(row: &Row, columns: &[Column]) -> bool {
    let number = columns
        .iter()
        .find(|c| c.role == Role::No)
        .map(|c| row.text(c.index));
    number.is_some_and(|n| crate::parsers::is_code(n.trim()))
}

fn is_continuation(row: &Row, code: Option<usize>, key: Option<usize>) -> bool {
    let filled = filled(&row.cells);
    let all_text = filled.iter().all(|(_, c)| matches!(c.value, CellValue::Text(_)));
    let only_code = filled.iter().all(|(j, _)| Some(*j) == code);
    let empty_at = |col: Option<usize>| col.is_some_and(|c| row.text(c).is_empty());
    let starts_lower = filled.first().is_some_and(|(_, c)| {
        c.raw
            .trim()
            .starts_with(|ch: char| ch.is_lowercase() || ch == '(')
    });
    !filled.is_empty() && all_text && !only_code && (empty_at(code) || empty_at(key) || starts_lower)
}

/// Whether a row prints its own figures: text in a figure column (target, realisasi,
/// anggaran …) under a complete figure of the row above (`7.201 Koleksi dan 28 Naskah` /
/// `43.000 Orang dan 6 Jenis Promosi`), as rows under a merged number cell do.
fn own_figures(above: &Row, row: &Row, columns: &[Column]) -> bool {
    columns.iter().filter(|c| c.role.is_value()).any(|c| {
        let (mine, theirs) = (row.text(c.index), above.text(c.index));
        !mine.is_empty() && !theirs.is_empty() && !cut_off(&theirs)
    })
}

/// Whether a row finishes cells the row above left unfinished, as a row split at a page
/// break prints (`… Ekonomi dan` / `Sosialnya`, `$\frac{533,35}` / `{6} \times 100 = 88,89$`):
/// it continues at least one such cell and holds nothing but text besides.
fn finishes(above: &Row, row: &Row) -> bool {
    let unfinished = |j: usize| cut_off(&above.text(j));
    let filled = filled(&row.cells);
    filled.iter().any(|(j, _)| unfinished(*j))
        && filled
            .iter()
            .all(|(j, c)| unfinished(*j) || matches!(c.value, CellValue::Text(_)))
}

/// Points empty cells under merged spans to the row whose value they share: a sasaran
/// printed once for several indicators, a budget printed once for indicators that share it.
fn resolve_merged(rows: &mut [Row], columns: &[Column]) {
    let indikator = key_column(rows, columns).filter(|&k| columns[k].role == Role::Indikator);
    let sasaran: Vec<usize> = columns
        .iter()
        .filter(|c| c.role == Role::Sasaran)
        .map(|c| c.index)
        .collect();
    let budget: Vec<usize> = columns
        .iter()
        .filter(|c| c.role.is_budget())
        .map(|c| c.index)
        .collect();
    let uraian: Vec<usize> = columns
        .iter()
        .filter(|c| c.role == Role::Uraian)
        .map(|c| c.index)
        .collect();
    let data: Vec<usize> = (0..rows.len())
        .filter(|&r| rows[r].kind == RowKind::Data)
        .collect();
    for pair in data.windows(2) {
        let (prev, r) = (pair[0], pair[1]);
        if is_total_row(&rows[r]) {
            continue;
        }
        for &c in &sasaran {
            share_from(rows, prev, r, c);
        }
        let named = indikator.is_some_and(|k| !rows[r].text(k).is_empty());
        let unbudgeted = budget.iter().all(|&c| {
            rows[r]
                .cell(c)
                .is_none_or(|x| x.value == CellValue::Nil(NilMarker::Empty))
        });
        // a row naming its own program or kegiatan is its own budget item, merged or not
        let own_item = uraian.iter().any(|&c| !rows[r].text(c).is_empty());
        if named && unbudgeted && !own_item && !budget.is_empty() {
            for &c in &budget {
                share_from(rows, prev, r, c);
            }
        }
    }
}

/// A row of totals (`Jumlah`, `J U M L A H`, `TOTAL`): it shares nothing with the rows above.
fn is_total_row(row: &Row) -> bool {
    is_total_label(&row.first_text())
}

/// Makes the empty cell `(r, c)` share the value of `(prev, c)` (or what that one shares).
fn share_from(rows: &mut [Row], prev: usize, r: usize, c: usize) {
    let Some(source) = rows[prev].cell(c) else { return };
    let origin = source
        .merged_from()
        .or((!source.is_empty()).then_some(rows[prev].line));
    if let (Some(cell), Some(origin)) = (rows[r].cell_mut(c), origin) {
        if cell.is_empty() {
            cell.set_merged_from(origin);
        }
    }
}

/// Binds the caption (`Tabel 3.8 …`) or the title printed just above the table.
fn bind_caption(table: &mut Table, lines: &[&str], headings: &[Heading], previous_end: usize) {
    let first = table.lines[0];
    // the headings above the table (they come in line order): a search, not a pass over
    // every heading for every table
    let above = headings
        .get(..headings.partition_point(|h| h.line < first))
        .unwrap_or_default();
    let caption = above
        .iter()
        .rev()
        .take_while(|h| h.line > previous_end)
        .find(|h| h.kind == HeadingKind::Caption);
    table.section = above.iter().rposition(|h| h.kind != HeadingKind::Caption);
    match caption {
        Some(c) => {
            table.number = c.number.clone();
            table.title = Some(c.title.clone()).filter(|t| !t.is_empty());
        }
        None => table.title = title_above(lines, first - 1, previous_end),
    }
}

/// The short paragraph directly above line index `first` (blank lines skipped), unless it
/// is a sentence leading into the table (ending with `:`).
fn title_above(lines: &[&str], first: usize, previous_end: usize) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for i in (previous_end..first).rev() {
        let text = crate::parsers::strip_markup(lines[i].trim_start_matches(['➤', '•', '▪', ' ']));
        match (text.is_empty(), parts.is_empty()) {
            (true, true) => continue,
            (true, false) => break,
            _ if parts.len() == 3 => break,
            _ if text.chars().count() > 150 || lines[i].contains('\t') => return None,
            _ => parts.insert(0, text.into_owned()),
        }
    }
    let title = parts.join(" ");
    (!title.is_empty() && !title.ends_with(':')).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Column numbers from 1; in a row of six or more one may be missing (a Renja's `1 3 4
    /// … 11`), never in a short row, where `1 3 4` is a row's number and two figures.
    #[test]
    fn numbering_rows_may_miss_one_number_when_long() {
        let cells = |t: &str| t.split(' ').map(Cell::read).collect::<Vec<_>>();
        assert!(is_numbering(&cells("1 2 3 4")));
        assert!(is_numbering(&cells("1 3 4 5 6 7 8 9 10 11")));
        assert!(!is_numbering(&cells("1 3 4")));
        assert!(!is_numbering(&cells("1 3 4 5 7 8")));
        assert!(!is_numbering(&cells("2 3 4 5 6 7")));
    }

    fn kinds(table: &Table) -> Vec<RowKind> {
        table.rows.iter().map(|r| r.kind).collect()
    }

    /// The one table the lines make.
    fn one_table(lines: &[&str]) -> Table {
        let mut tables = rebuild(lines, &[], &BTreeMap::new());
        assert_eq!(tables.len(), 1, "{} tables", tables.len());
        tables.remove(0)
    }

    /// A Perjanjian Kinerja lists its programs with their budgets under no header.
    #[test]
    fn a_list_of_programs_with_rupiah_and_no_header_is_read_as_anggaran() {
        let table = one_table(&[
            "1.\tPeningkatan Produksi Pertanian (APBD)\tRp.30.903.396.770,-",
            "2.\tPemberdayaan Sumber Daya Pertanian (APBD)\tRp. 2.208.100.000,-",
            "\tdan Ikan (APBD)\t",
            "3.\tPenyediaan Prasarana dan Sarana Pertanian (APBN)\tRp.410.100.000,-",
        ]);
        assert_eq!(kinds(&table)[..2], [RowKind::Data, RowKind::Data]);
        let roles: Vec<Role> = table.columns.iter().map(|c| c.role).collect();
        assert_eq!(roles, [Role::No, Role::Uraian, Role::Anggaran]);
        // a header of words over figures stays a header; rupiah in it would not
        let headed = one_table(&[
            "Program\tAnggaran",
            "Pelatihan Kerja\tRp. 2.208.100.000,-",
            "Pengawasan\tRp. 1.000.000,-",
        ]);
        assert_eq!(kinds(&headed)[0], RowKind::Header);
    }

    #[test]
    fn a_header_left_alone_before_a_page_break_heads_the_rows_after_it() {
        let lines = [
            "No\tSasaran\tIndikator\tTarget\tRealisasi\t% Capaian",
            "",
            "1\t2\t3\t4\t5\t6",
            "1\tMeningkatnya angkatan kerja\tPersentase lulusan\t70 %\t70,83%\t101%",
        ];
        let table = one_table(&lines);
        assert_eq!(
            kinds(&table),
            vec![RowKind::Header, RowKind::Numbering, RowKind::Data]
        );
    }

    /// Disnakertrans LKIP 2016, Tabel 3.2: each page repeats the agency and year above the
    /// table, then its header rows, the years row parted from the header by a blank line.
    #[test]
    fn a_table_goes_on_past_repeated_title_lines_and_a_parted_header() {
        let page = |row| {
            [
                "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat",
                "Tahun 2016",
                "",
                "No\tSasaran\tIndikator\tTahun Awal\tTarget",
                "",
                "\t\t\t2013\t2018",
                row,
                "",
            ]
        };
        let lines: Vec<&str> =
            page("1.\tMeningkatnya kualitas tenaga kerja\tPersentase pencari kerja\t0,14\t0,57")
                .into_iter()
                .chain(page(
                    "2.\tMeningkatnya penempatan tenaga kerja\tSerapan tenaga kerja\t22,05\t88,21",
                ))
                .collect();
        let table = one_table(&lines);
        use RowKind::{Data, Header, RepeatedHeader};
        assert_eq!(
            kinds(&table),
            vec![Header, Header, Data, RepeatedHeader, RepeatedHeader, Data]
        );
    }

    /// Disnakertrans LKIP 2016, Tabel 2.2: program 7's name ends on the next page.
    #[test]
    fn a_name_cut_at_a_page_break_goes_on_in_the_next_part() {
        let lines = [
            "Program\tAnggaran (Rp)",
            "7. Program Peningkatan Sarana dan Prasarana\t6,340,877,900",
            "",
            "Aparatur\t",
            "8. Program Pemeliharaan Sarana dan Prasarana Aparatur\t3,401,713,000",
        ];
        let table = one_table(&lines);
        assert_eq!(table.rows[2].kind, RowKind::Continuation { of_line: 2 });
        assert_eq!(
            table.rows[1].cells[0].joined(),
            Some("7. Program Peningkatan Sarana dan Prasarana Aparatur")
        );
        assert_eq!(table.rows[3].kind, RowKind::Data);
    }

    /// A Perjanjian Kinerja's program list after its indicator table, parted by a blank
    /// line: a section label, then a header of its own over fewer columns. It is a table of
    /// its own; rows as wide as the table above, or a rule row, go on in it.
    #[test]
    fn a_run_under_a_header_of_its_own_is_a_new_table() {
        let lines = [
            "No\tSasaran\tKode\tIndikator\tTarget",
            "1.2\tMeningkatnya kualitas\t1.2.2\tJumlah unit usaha\t5",
            "",
            "\tII. ALOKASI ANGGARAN\t",
            "No\tKegiatan\tAnggaran (Rp.)",
            "1.\tKantes Ternak\t700.000.000",
        ];
        let tables = rebuild(&lines, &[], &BTreeMap::new());
        let spans: Vec<[usize; 2]> = tables.iter().map(|t| t.lines).collect();
        assert_eq!(spans, [[1, 2], [4, 6]]);
        let mut wide = lines;
        wide[3] = "\tII. ALOKASI ANGGARAN\t\t\t";
        wide[4] = "No\tKegiatan\t\t\tAnggaran (Rp.)";
        wide[5] = "1.\tKantes Ternak\t\t\t700.000.000";
        assert_eq!(rebuild(&wide, &[], &BTreeMap::new()).len(), 1);
    }

    /// A program list under an indicator table with no header of its own: its rows are as
    /// narrow as the list, the indicator column is empty in them and an amount misread by a
    /// scan's text layer is text; each numbered row is still an entry of its own.
    #[test]
    fn a_numbered_row_is_an_entry_even_with_its_name_column_empty() {
        let lines = [
            "No\tSasaran\tStrategis\tIndikator\tTarget",
            "1.\tMeningkatnya\tproduksi\tJumlah produksi (ton)\t768.495",
            "2.\tPemberdayaan Sumber Daya Pertanian\tRp. 2.208.100.000,-",
            "3.\tPencegahan dan Penanggulangan Penyakit\tRpA.868.180.000,-",
            "\tdan Ikan (APBD)",
        ];
        let table = one_table(&lines);
        use RowKind::{Continuation, Data, Header};
        assert_eq!(
            kinds(&table),
            vec![Header, Data, Data, Data, Continuation { of_line: 4 }]
        );
    }

    #[test]
    fn a_row_split_at_a_page_break_is_joined_where_its_text_was_cut_off() {
        let lines = [
            "Sasaran\tIndikator\tTarget\tRealisasi\tCapaian",
            "Meningkatnya Penduduk\tPresentase Transmigran Yang Berhasil Meningkatkan Taraf Ekonomi dan\t64,73%\t67,19%\t103,80%",
            "",
            "\tSosialnya\t\t\t",
            "\tNilai IKM Internal DISNAKER\t80\t87,61\t109,51%",
        ];
        let table = one_table(&lines);
        let rows = &table.rows;
        assert_eq!(rows[2].kind, RowKind::Continuation { of_line: 2 });
        assert_eq!(
            rows[1].cells[1].joined(),
            Some("Presentase Transmigran Yang Berhasil Meningkatkan Taraf Ekonomi dan Sosialnya")
        );
        assert_eq!(rows[3].kind, RowKind::Data);
    }
}
