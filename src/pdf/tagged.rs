//! The tables of a tagged page: the glyphs of each structure-tree cell joined into its text,
//! the tables an exporter split (a header row written as a table of its own, right above
//! the rest) joined again, and the cells placed among the columns by where they are printed
//! ([`grid::place`]).

use super::grid::{self, Printed};
use super::layout::{
    cells_at, crosses, join_cell_line, line_text, lines_of, walls_beside, Glyph, Line, TabRow, TaggedTable,
    Wall,
};
use super::stacked::{self, CellLine};
use crate::model::BBox;
use std::collections::BTreeMap;

/// The glyphs of each cell of one tagged table, by (row, column) of the structure tree.
pub type TagCells = BTreeMap<(usize, usize), Vec<Glyph>>;

/// Tables whose top is less than this many ems below the bottom of the table above (or
/// beside a cell of it that spans their rows), with no other text between, continue it.
const JOIN_EMS: f64 = 2.5;
/// The most rows a header written as a table of its own has.
const HEADER_ROWS: usize = 3;

/// The tagged tables of a page, top to bottom, with the `prose` glyphs around them and the
/// page's drawn `walls`.
pub fn tables(tables: Vec<TagCells>, prose: &[Glyph], walls: &[Wall]) -> Vec<TaggedTable> {
    let mut out: Vec<TaggedTable> = joined(tables, prose)
        .iter()
        .map(|t| tagged_table(t, walls))
        .collect();
    out.sort_by(|a, b| a.y.total_cmp(&b.y));
    out
}

/// Where a table's glyphs are: (top baseline, bottom baseline, left, right, largest size).
type Extent = (f64, f64, f64, f64, f64);

/// The [`Extent`] of a table's glyphs.
fn extent(cells: &TagCells) -> Extent {
    cells.values().flatten().fold(
        (
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
        ),
        |(t, b, l, r, s), g| {
            (
                t.min(g.y),
                b.max(g.y),
                l.min(g.x),
                r.max(g.x + g.width),
                s.max(g.size),
            )
        },
    )
}

/// Joins each table to the one above it when that is a header on its own (a few rows of
/// words, no figure) and the table starts right under it, over the same stretch of the
/// page, with no prose between: its rows go on after the header's.
fn joined(tables: Vec<TagCells>, prose: &[Glyph]) -> Vec<TagCells> {
    let mut placed: Vec<(Extent, TagCells)> = tables.into_iter().map(|t| (extent(&t), t)).collect();
    placed.sort_by(|a, b| a.0 .0.total_cmp(&b.0 .0));
    let mut out: Vec<(Extent, TagCells)> = Vec::new();
    for (here, table) in placed {
        let (top, _, left, right, _) = here;
        let goes_on = out.last().is_some_and(|((_, bottom, l, r, size), above)| {
            let shared = right.min(*r) - left.max(*l);
            let between = prose
                .iter()
                .any(|g| g.y > *bottom && g.y < top && !g.text.trim().is_empty());
            let near = top - bottom < JOIN_EMS * size;
            near && shared > 0.5 * (right - left).min(r - l) && !between && header_alone(above)
        });
        match out.last_mut() {
            Some((extent, above)) if goes_on => {
                let next = above.keys().map(|(r, _)| r + 1).max().unwrap_or(0);
                for ((r, c), glyphs) in table {
                    above.insert((next + r, c), glyphs);
                }
                *extent = join_extents(*extent, here);
            }
            _ => out.push((here, table)),
        }
    }
    out.into_iter().map(|(_, t)| t).collect()
}

/// The extent of two tables joined.
fn join_extents(a: Extent, b: Extent) -> Extent {
    (
        a.0.min(b.0),
        a.1.max(b.1),
        a.2.min(b.2),
        a.3.max(b.3),
        a.4.max(b.4),
    )
}

/// Whether a table is a header written apart: at most [`HEADER_ROWS`] rows, and no figure
/// in its cells but years and column numbers.
fn header_alone(cells: &TagCells) -> bool {
    let rows = cells.keys().map(|(r, _)| r + 1).max().unwrap_or(0);
    let label = |glyphs: &Vec<Glyph>| {
        let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        let numbers = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty());
        numbers
            .into_iter()
            .all(|n| n.len() <= 2 || (n.len() == 4 && (n.starts_with("19") || n.starts_with("20"))))
    };
    rows <= HEADER_ROWS && cells.values().all(label)
}

/// A cell of a tagged row: its column in the tags, where it is printed, and its lines.
struct TagCell {
    column: usize,
    printed: Printed,
    lines: Vec<CellLine>,
    em: f64,
}

/// The cell in column `column` made of `glyphs`, unless it prints nothing.
fn tag_cell(column: usize, glyphs: &[Glyph], walls: &[Wall]) -> Option<TagCell> {
    let lines = lines_of(glyphs, &[]);
    let ink = glyphs.iter().filter(|g| !g.text.trim().is_empty());
    let x0 = ink.clone().map(|g| g.x).fold(f64::INFINITY, f64::min);
    let x1 = ink.map(|g| g.x + g.width).fold(f64::NEG_INFINITY, f64::max);
    let texts: Vec<CellLine> = lines.iter().map(|l| (l.y, line_text(l))).collect();
    let text = texts.iter().fold(String::new(), |mut cell, (_, line)| {
        join_cell_line(&mut cell, line);
        cell
    });
    let walled = lines.first().and_then(|l| walls_around(l, x0, x1, walls));
    let em = lines.iter().map(|l| l.em).fold(0.0, f64::max);
    let ink = BBox::over_lines(x0, x1, lines.iter().map(|l| (l.y, l.em)));
    (!text.is_empty()).then_some(TagCell {
        column,
        printed: Printed {
            x0,
            x1,
            walled,
            ink,
            text,
        },
        lines: texts,
        em,
    })
}

/// A tagged row as the rows of the entries stacked in it ([`stacked::entries`]), each cell
/// printed where the row's cell is; the row itself when nothing is stacked.
fn split_stacked(row: &[TagCell]) -> Vec<Vec<(usize, Printed)>> {
    let whole = || row.iter().map(|c| (c.column, c.printed.clone())).collect();
    let lines: Vec<(usize, &[CellLine])> = row.iter().map(|c| (c.column, c.lines.as_slice())).collect();
    let em = row.iter().map(|c| c.em).fold(0.0, f64::max);
    let Some(entries) = stacked::entries(&lines, em, join_cell_line) else {
        return vec![whole()];
    };
    let printed = |column: usize| row.iter().find(|c| c.column == column).map(|c| &c.printed);
    entries
        .into_iter()
        .map(|entry| {
            entry
                .into_iter()
                .filter_map(|(column, text, baselines)| {
                    let whole = printed(column)?;
                    let ink = BBox::over_lines(whole.x0, whole.x1, baselines.iter().map(|y| (*y, em)));
                    Some((
                        column,
                        Printed {
                            text,
                            ink,
                            ..whole.clone()
                        },
                    ))
                })
                .collect()
        })
        .collect()
}

/// A tagged table's rows from the glyphs of its cells: each cell's lines joined by spaces,
/// placed among the columns by [`grid::place`] (with the drawn `walls` beside each cell),
/// as many cells per row as the table has columns.
fn tagged_table(cells: &TagCells, walls: &[Wall]) -> TaggedTable {
    let y = cells
        .values()
        .flatten()
        .map(|g| g.y)
        .fold(f64::INFINITY, f64::min);
    let mut by_row: BTreeMap<usize, Vec<TagCell>> = BTreeMap::new();
    for ((r, c), glyphs) in cells {
        if let Some(cell) = tag_cell(*c, glyphs, walls) {
            by_row.entry(*r).or_default().push(cell);
        }
    }
    let rows: BTreeMap<usize, Vec<(usize, Printed)>> = by_row
        .values()
        .flat_map(|r| split_stacked(r))
        .enumerate()
        .collect();
    let placed = grid::place(&rows);
    let width = placed
        .values()
        .flatten()
        .map(|(s, _, _)| s.last + 1)
        .max()
        .unwrap_or(0);
    let rows = placed.into_values().map(|row| {
        let spans = row
            .iter()
            .map(|(s, _, _)| *s)
            .filter(|s| s.last > s.first)
            .collect();
        let mut boxes = vec![None; width];
        for (s, _, ink) in &row {
            if let Some(b) = boxes.get_mut(s.first) {
                *b = *ink;
            }
        }
        let texts = cells_at(width, row.into_iter().map(|(s, text, _)| (s.first, text)));
        TabRow {
            text: texts.join("\t"),
            spans,
            boxes,
        }
    });
    TaggedTable {
        y,
        rows: rows.collect(),
    }
}

/// The drawn walls on either side of ink from `x0` to `x1` on a line, when both are.
fn walls_around(line: &Line, x0: f64, x1: f64, walls: &[Wall]) -> Option<(f64, f64)> {
    let crossing = walls.iter().filter(|w| crosses(w, line.y, line.em)).map(|w| w.x);
    walls_beside(crossing, x0, x1)
}
