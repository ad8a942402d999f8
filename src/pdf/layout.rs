//! From positioned glyphs to lines of text, the "stream" way: glyphs on one baseline make a
//! line; a gap wider than a word space splits a line into segments; consecutive lines with
//! several segments form a table, whose columns are the x-intervals its rows' segments
//! occupy. Every line of a table is written as a tab-separated row with one cell per column
//! (empty where the line prints nothing), so a cell that wraps onto the next line becomes a
//! continuation row exactly as in a text dump, and the table stage joins it.

#![allow(
    clippy::indexing_slicing,
    reason = "lines and columns indexed by positions found in the same vectors; the layout is being rebuilt on the page model (#14), with checked access"
)]

use super::stacked::{self, complete_figure, cut_in_group, CellLine};
use super::tagged::{self, TagCells};
use crate::model::{union_of, BBox, Layout, RowGeometry, Span};
use std::collections::BTreeMap;

pub use super::rules::{Beam, Rules, Wall};

/// One glyph with its position on the page (points, origin top left).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge.
    pub x: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    /// Advance width.
    pub width: f64,
    /// Font size after the text matrix.
    pub size: f64,
    /// The text it shows (one character, or a ligature's letters).
    pub text: String,
    /// Which text run (string of a `Tj` or `TJ`) of the page drew it, counted from 0.
    pub run: usize,
}

/// A gap wider than this many ems separates two segments of a line.
const CELL_GAP_EMS: f64 = 0.45;
/// Glyphs whose baselines differ by less than this many ems share a line.
const BASELINE_EMS: f64 = 0.5;
/// Rules further apart than this many ems with no text between them close one table and open the next.
const TABLE_GAP_EMS: f64 = 0.8;
/// The most blank lines one vertical gap between prose lines is read as.
const MAX_BLANK_LINES: usize = 3;
/// How often a baseline distance must occur in a document to be its line pitch.
const PITCH_SEEN: usize = 3;
/// A gap between prose lines reads as blank lines only when wider than this many times the usual.
const WIDER_THAN_USUAL: f64 = 1.3;
/// A gap wider than this many ems between glyphs is a space.
const SPACE_EMS: f64 = 0.15;
/// An implied cell edge closer than this many ems to a glyph runs through a word.
const INK_MARGIN_EMS: f64 = 0.1;
/// Unruled lines further apart than this many ems are not rows of one table.
const APART_EMS: f64 = 4.5;
/// A table ends after this many lines that hold a single cell (wrapped cell text).
const MAX_STRAY_LINES: usize = 8;
/// Wall pieces closer than this (points) across, and apart by no more than this down, are
/// one wall.
const WALL_SAME: f64 = 1.5;

/// A run of glyphs with no wide gap: a cell, or a piece of one.
#[derive(Debug, Clone, PartialEq)]
struct Segment {
    x0: f64,
    x1: f64,
    text: String,
}

/// A line of a page.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    segments: Vec<Segment>,
    /// The line's font size.
    pub(super) em: f64,
    /// The x of each vertical ruling line crossing the line.
    walls: Vec<f64>,
    /// The leftmost and rightmost ruling lines crossing the line, when two do: the frame
    /// of the table it is in.
    frame: Option<(Wall, Wall)>,
    /// Baseline.
    pub(super) y: f64,
    /// Whether its page sets each word apart (no space glyph anywhere, words placed one by
    /// one, as a scan's text layer does): a gap as wide as a cell's may part two words.
    word_by_word: bool,
}

/// A page's lines cut into segments, ready to be written out as text once the document's
/// line spacing is known.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLines {
    lines: Vec<Line>,
    beams: Vec<Beam>,
    /// Tables whose cells the structure tree gave.
    tagged: Vec<TaggedTable>,
    /// Whether tables are found from geometry (not on a page the structure tree describes).
    find_tables: bool,
}

/// A table of a tagged page: its top and its rows as tab rows.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TaggedTable {
    pub(super) y: f64,
    pub(super) rows: Vec<TabRow>,
}

/// A table row: its cells as a tab-separated line, the cells that span columns, and where
/// each cell is printed (empty when not known).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TabRow {
    pub(super) text: String,
    pub(super) spans: Vec<Span>,
    pub(super) boxes: Vec<Option<BBox>>,
}

/// A line of output text, and for a table row how its cells were found.
pub type TextLine = (String, Option<RowGeometry>);

/// Where a tagged page puts a glyph: (table, row, column) of the structure tree.
pub type CellOf = (usize, usize, usize);

impl PageLines {
    /// Groups a page's glyphs into lines and segments, split at its vertical rules.
    pub fn new(glyphs: &[Glyph], rules: Rules) -> PageLines {
        PageLines {
            lines: lines_of(glyphs, &rules.walls),
            beams: rules.beams,
            tagged: Vec::new(),
            find_tables: true,
        }
    }

    /// A page whose structure tree says which glyphs are in which table cell (`cells[i]`
    /// for `glyphs[i]`): those tables are built from the tags, the other glyphs are prose.
    pub fn tagged(glyphs: &[Glyph], rules: Rules, cells: &[Option<CellOf>]) -> PageLines {
        let mut tables: BTreeMap<usize, TagCells> = BTreeMap::new();
        let mut prose = Vec::new();
        for (g, cell) in glyphs.iter().zip(cells) {
            match cell {
                Some((t, r, c)) => tables
                    .entry(*t)
                    .or_default()
                    .entry((*r, *c))
                    .or_default()
                    .push(g.clone()),
                None => prose.push(g.clone()),
            }
        }
        let drawn: Vec<Wall> = rules.walls.iter().filter(|w| w.drawn).copied().collect();
        let tagged = tagged::tables(tables.into_values().collect(), &prose, &drawn);
        PageLines {
            lines: lines_of(&prose, &rules.walls),
            beams: rules.beams,
            tagged,
            find_tables: false,
        }
    }

    /// Consecutive lines set in the same font size, as (size, baseline distance): what
    /// [`LinePitch::learn`] learns from.
    pub fn gaps(&self) -> impl Iterator<Item = (f64, f64)> + '_ {
        self.lines
            .windows(2)
            .filter(|w| same_size(&w[0], &w[1]))
            .map(|w| (w[1].em, w[1].y - w[0].y))
    }

    /// The lines top to bottom (table rows with their cells separated by tabs), each table
    /// row with how its cells were found.
    pub fn text_lines(&self, pitch: &LinePitch) -> Vec<TextLine> {
        let lines = &self.lines;
        let mut out: Vec<TextLine> = Vec::new();
        let mut tagged = self.tagged.iter().peekable();
        let mut i = 0;
        while i < lines.len() {
            while let Some(table) = tagged.next_if(|t| t.y <= lines[i].y) {
                push_table(&mut out, table.rows.clone(), Layout::PdfTags);
            }
            match table_end(lines, i).filter(|_| self.find_tables) {
                Some(end) => {
                    let how = if ruled(&lines[i..end]) {
                        Layout::PdfRules
                    } else {
                        Layout::PdfStream
                    };
                    push_table(&mut out, table_rows(&lines[i..end], &self.beams), how);
                    // a line set apart below the table (a signature under it) stays apart
                    if lines
                        .get(end)
                        .is_some_and(|next| set_apart(&lines[end - 1], next))
                    {
                        out.extend(std::iter::repeat_n((String::new(), None), MAX_BLANK_LINES - 1));
                    }
                    i = end;
                }
                None => {
                    if i > 0 && out.last().is_some_and(|l| !l.0.is_empty()) {
                        let (above, below) = (&lines[i - 1], &lines[i]);
                        let blanks = if same_size(above, below) {
                            pitch.blank_lines(below.y - above.y, below.em)
                        } else {
                            0
                        };
                        out.extend(std::iter::repeat_n((String::new(), None), blanks));
                    }
                    out.push((line_text(&lines[i]), None));
                    i += 1;
                }
            }
        }
        for table in tagged {
            push_table(&mut out, table.rows.clone(), Layout::PdfTags);
        }
        out
    }
}

/// Appends a table's rows with a blank line before (unless there is one) and after.
fn push_table(out: &mut Vec<TextLine>, rows: Vec<TabRow>, layout: Layout) {
    if out.last().is_some_and(|l| !l.0.is_empty()) {
        out.push((String::new(), None));
    }
    out.extend(rows.into_iter().map(|r| {
        let geometry = RowGeometry {
            layout,
            spans: r.spans,
            boxes: r.boxes,
        };
        (r.text, Some(geometry))
    }));
    out.push((String::new(), None));
}

/// A line's segments joined by spaces.
pub(super) fn line_text(line: &Line) -> String {
    line.segments
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The glyphs of a page as lines of segments, split at the vertical rules.
pub(super) fn lines_of(glyphs: &[Glyph], walls: &[Wall]) -> Vec<Line> {
    let walls = joined(confirmed(walls, glyphs), padding(glyphs));
    let word_by_word = !glyphs.iter().any(|g| g.text.trim().is_empty());
    baselines(glyphs)
        .iter()
        .map(|l| segments(l, &walls, word_by_word))
        .filter(|l| !l.segments.is_empty())
        .collect()
}

/// The walls the page draws, and the cell edges the horizontal rules imply that its text
/// confirms: text on both sides of the edge between the rules, and no word across it.
fn confirmed(walls: &[Wall], glyphs: &[Glyph]) -> Vec<Wall> {
    let confirms = |w: &Wall| {
        let band = glyphs
            .iter()
            .filter(|g| !g.text.trim().is_empty() && g.y > w.top && g.y - g.size * 0.3 < w.bottom);
        let (mut left, mut right) = (false, false);
        for g in band {
            let margin = g.size * INK_MARGIN_EMS;
            if g.x - margin < w.x && w.x < g.x + g.width + margin {
                return false;
            }
            left |= g.x < w.x;
            right |= g.x > w.x;
        }
        left && right
    };
    walls.iter().filter(|w| w.drawn || confirms(w)).copied().collect()
}

/// Walls drawn in pieces one under the other (a border drawn cell by cell, pieces touching
/// or parted by a cell's padding, less than `gap`) as one wall each: a line set across the
/// point where two pieces meet is crossed by the wall, and the rows of one table share it.
fn joined(mut walls: Vec<Wall>, gap: f64) -> Vec<Wall> {
    walls.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.top.total_cmp(&b.top)));
    let mut out: Vec<Wall> = Vec::with_capacity(walls.len());
    for w in walls {
        let near = out
            .iter_mut()
            .rev()
            .take_while(|o| w.x - o.x < WALL_SAME)
            .find(|o| w.top <= o.bottom + gap && o.top <= w.bottom + gap);
        match near {
            Some(o) => {
                o.top = o.top.min(w.top);
                o.bottom = o.bottom.max(w.bottom);
                o.drawn |= w.drawn;
            }
            None => out.push(w),
        }
    }
    out
}

/// How far apart two pieces of one wall may be drawn: half the page's usual font size
/// (at least [`WALL_SAME`]); tables one under the other stand further apart.
fn padding(glyphs: &[Glyph]) -> f64 {
    let mut sizes: Vec<f64> = glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .map(|g| g.size)
        .collect();
    sizes.sort_by(f64::total_cmp);
    let usual = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
    (usual * 0.5).max(WALL_SAME)
}

/// A document's line spacing for each font size, learnt from the baseline distances (to
/// half a point) between lines of that size: per size, so a double-spaced body is not
/// measured against its tables' tighter lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinePitch(BTreeMap<i64, Spacing>);

/// The line spacing of one font size.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Spacing {
    /// The smallest distance seen at least [`PITCH_SEEN`] times (a stray superscript's
    /// baseline does not set it): one line.
    pitch: f64,
    /// The distance seen most often: how far apart the lines of a paragraph usually are.
    usual: f64,
}

impl LinePitch {
    /// Learns the spacing from the (size, baseline distance) pairs of [`PageLines::gaps`].
    pub fn learn(gaps: &[(f64, f64)]) -> LinePitch {
        let mut seen: BTreeMap<i64, BTreeMap<i64, usize>> = BTreeMap::new();
        for (size, gap) in gaps
            .iter()
            .filter(|(s, g)| s.is_finite() && g.is_finite() && *g > 0.0)
        {
            *seen
                .entry(half_points(*size))
                .or_default()
                .entry(half_points(*gap))
                .or_insert(0) += 1;
        }
        let spacing = |counts: &BTreeMap<i64, usize>| {
            let pitch = counts.iter().find(|(gap, n)| **n >= PITCH_SEEN && **gap > 0)?.0;
            let usual = counts.iter().max_by_key(|(gap, n)| (**n, -**gap))?.0;
            Some(Spacing {
                pitch: *pitch as f64 / 2.0,
                usual: *usual as f64 / 2.0,
            })
        };
        LinePitch(
            seen.iter()
                .filter_map(|(size, counts)| Some((*size, spacing(counts)?)))
                .collect(),
        )
    }

    /// The blank lines a vertical gap between two prose lines of this size stands for: none
    /// within the usual spacing, else one per empty line pitch, at most [`MAX_BLANK_LINES`].
    fn blank_lines(&self, gap: f64, size: f64) -> usize {
        let Some(s) = self.0.get(&half_points(size)) else {
            return 0;
        };
        if gap <= s.usual * WIDER_THAN_USUAL {
            return 0;
        }
        ((gap / s.pitch).round() - 1.0).clamp(0.0, MAX_BLANK_LINES as f64) as usize
    }
}

/// Whether two lines are set in the same font size (to half a point).
fn same_size(a: &Line, b: &Line) -> bool {
    half_points(a.em) == half_points(b.em)
}

/// A length to the nearest half point, as a whole number of half points.
fn half_points(x: f64) -> i64 {
    (x * 2.0).round() as i64
}

/// The font size of a line: its largest glyph's (at least 1).
fn line_em(glyphs: &[&Glyph]) -> f64 {
    glyphs.iter().map(|g| g.size).fold(0.0, f64::max).max(1.0)
}

/// Glyphs grouped by baseline, top to bottom, each line left to right.
fn baselines(glyphs: &[Glyph]) -> Vec<Vec<&Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| g.size > 0.0 && g.x.is_finite() && g.y.is_finite())
        .collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in sorted {
        match lines.last_mut() {
            Some(line) if (g.y - line[0].y).abs() < BASELINE_EMS * g.size.max(line[0].size) => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

/// A line cut into segments at gaps wider than a word space and at vertical rules.
fn segments(glyphs: &[&Glyph], all_walls: &[Wall], word_by_word: bool) -> Line {
    let mut segs: Vec<Segment> = Vec::new();
    let mut end = f64::NEG_INFINITY;
    // where the last visible glyph ends: a space drawn across a rule does not join the cells
    let mut ink_end = f64::NEG_INFINITY;
    let em = line_em(glyphs);
    let y = glyphs.first().map_or(0.0, |g| g.y);
    let mut crossing: Vec<Wall> = all_walls.iter().filter(|w| crosses(w, y, em)).copied().collect();
    crossing.sort_by(|a, b| a.x.total_cmp(&b.x));
    let frame = match (crossing.first(), crossing.last()) {
        (Some(left), Some(right)) if crossing.len() >= 2 => Some((*left, *right)),
        _ => None,
    };
    let walls: Vec<f64> = crossing.iter().map(|w| w.x).collect();
    for g in glyphs {
        let gap = g.x - end;
        let blank = g.text.trim().is_empty();
        let walled = !blank && walls.iter().any(|&x| x > ink_end - 0.5 && x < g.x + 0.5);
        match segs.last_mut() {
            Some(s) if gap <= CELL_GAP_EMS * em && !walled => {
                if (gap > SPACE_EMS * em || blank) && !s.text.ends_with(' ') {
                    s.text.push(' ');
                }
                if !blank {
                    s.text.push_str(&g.text);
                }
                s.x1 = s.x1.max(g.x + g.width);
            }
            _ if blank => {}
            _ => segs.push(Segment {
                x0: g.x,
                x1: g.x + g.width,
                text: g.text.clone(),
            }),
        }
        end = end.max(g.x + g.width);
        if !blank {
            ink_end = ink_end.max(g.x + g.width);
        }
    }
    for s in &mut segs {
        s.text = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    Line {
        segments: segs.into_iter().filter(|s| !s.text.is_empty()).collect(),
        em,
        walls,
        frame,
        y,
        word_by_word,
    }
}

/// Where a table starting at line `start` ends (exclusive), if one starts there: a line with
/// several segments (or a line inside ruled cells), then lines that have several segments
/// or fit inside one column; at least two such rows, or any inside ruled cells.
fn table_end(lines: &[Line], start: usize) -> Option<usize> {
    // rules drawing its cells make a line a table row even with one cell filled (a lone
    // header at a page foot, a wrapped cell carried over to the next page)
    let ruled_cells = lines[start].walls.len() > 2;
    if lines[start].segments.len() < 2 && !ruled_cells {
        return None;
    }
    let mut end = start + 1;
    let mut stray = 0;
    let mut k = start + 1;
    while k < lines.len() && stray <= MAX_STRAY_LINES {
        if !same_walls(&lines[start], &lines[k]) || set_apart(&lines[k - 1], &lines[k]) {
            break;
        }
        if lines[k].segments.len() >= 2 {
            end = k + 1;
            stray = 0;
        } else if inside_one_cell(&lines[k], &column_intervals(&lines[start..end])) {
            stray += 1;
        } else {
            break;
        }
        k += 1;
    }
    // trailing single-segment lines belong to the table only when a row follows them
    let rows = (start..end).filter(|&i| lines[i].segments.len() >= 2).count();
    (rows >= 2 || ruled_cells).then_some(end.max(last_fitting(lines, end, start)))
}

/// Whether an unruled line stands so far below the line above (several empty lines) that
/// they are not rows of one table: a title set above a table, a table after a paragraph.
fn set_apart(above: &Line, line: &Line) -> bool {
    line.walls.is_empty() && line.y - above.y > APART_EMS * above.em.max(line.em)
}

/// Whether two lines sit in the same frame of vertical rules (or `a` has none to compare):
/// between the very same outer walls, whatever the walls between (a spanning header cell or
/// a row whose cells merge draws fewer). Another frame, or the same x drawn again after a
/// break, is another table.
fn same_walls(a: &Line, b: &Line) -> bool {
    let same = |x: &Wall, y: &Wall| (x.x - y.x).abs() < 2.0 && (x.top - y.top).abs() < 2.0;
    match (&a.frame, &b.frame) {
        (None, _) => true,
        (Some((al, ar)), Some((bl, br))) => same(al, bl) && same(ar, br),
        (Some(_), None) => false,
    }
}

/// Continuation lines right after the last row that still fit in one column.
fn last_fitting(lines: &[Line], end: usize, start: usize) -> usize {
    let columns = column_intervals(&lines[start..end]);
    let mut e = end;
    while e < lines.len()
        && same_walls(&lines[start], &lines[e])
        && lines[e].segments.len() == 1
        && inside_one_cell(&lines[e], &columns)
        && e < end + MAX_STRAY_LINES
    {
        e += 1;
    }
    e
}

/// Whether a line of one segment is a cell's wrapped text: it touches one column, or sits
/// between walls inside the table's frame (a cell spanning columns); a prose line crosses
/// several columns with no walls beside it.
fn inside_one_cell(line: &Line, columns: &[(f64, f64)]) -> bool {
    line.segments.first().is_some_and(|s| {
        fits_one_column(s, columns, line.em)
            || (line.walls.len() > 2 && walls_beside(line.walls.iter().copied(), s.x0, s.x1).is_some())
    })
}

/// A single cell's wrapped text touches one column; a prose line crosses several.
fn fits_one_column(s: &Segment, columns: &[(f64, f64)], em: f64) -> bool {
    overlapped(s, columns, em).count() == 1
}

/// The columns (index and extent) a segment runs into by more than a fifth of an em.
fn overlapped<'a>(
    s: &'a Segment,
    columns: &'a [(f64, f64)],
    em: f64,
) -> impl Iterator<Item = (usize, &'a (f64, f64))> + 'a {
    let slack = em * 0.2;
    columns
        .iter()
        .enumerate()
        .filter(move |(_, (a, b))| s.x0 < *b - slack && s.x1 > *a + slack)
}

/// Whether most lines of a table sit between vertical rules.
fn ruled(lines: &[Line]) -> bool {
    lines.iter().filter(|l| l.walls.len() >= 2).count() * 2 > lines.len()
}

/// The x-intervals of a table's columns: between its vertical rules when it draws them,
/// else the segments of its fullest rows, overlapping ones merged.
fn column_intervals(lines: &[Line]) -> Vec<(f64, f64)> {
    if ruled(lines) {
        let mut xs: Vec<f64> = lines.iter().flat_map(|l| l.walls.iter().copied()).collect();
        xs.sort_by(f64::total_cmp);
        xs.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        if xs.len() >= 2 {
            return xs.windows(2).map(|w| (w[0], w[1])).collect();
        }
    }
    if let Some(columns) = river_columns(lines) {
        return columns;
    }
    let most = lines.iter().map(|l| l.segments.len()).max().unwrap_or(0);
    let full: Vec<&Line> = lines
        .iter()
        .filter(|l| l.segments.len() + 1 >= most && l.segments.len() >= 2)
        .collect();
    let mut spans: Vec<(f64, f64)> = full
        .iter()
        .flat_map(|l| l.segments.iter().map(|s| (s.x0, s.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let slack = lines.first().map_or(1.0, |l| l.em * 0.2);
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a < last.1 + slack => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    if merged.is_empty() {
        // no line has two cells (a frame with only its outer rules): one column over all
        let segments = lines.iter().flat_map(|l| &l.segments);
        let left = segments.clone().map(|s| s.x0).fold(f64::INFINITY, f64::min);
        let right = segments.map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
        merged.push((left.min(right), right.max(left)));
    }
    merged
}

/// The columns of a table on a page that sets each word apart ([`Line::word_by_word`]), where
/// a justified cell's word gaps are as wide as the gaps between cells: the stretches of ink
/// between the white that runs down all its lines below the first (the header's labels go
/// to the column they overlap, or lie nearest). `None` elsewhere, or with too few lines to
/// tell.
fn river_columns(lines: &[Line]) -> Option<Vec<(f64, f64)>> {
    if !lines.iter().all(|l| l.word_by_word) {
        return None;
    }
    let body = lines.get(1..).filter(|b| b.len() >= 2)?;
    let em = body.iter().map(|l| l.em).fold(0.0, f64::max);
    let mut ink: Vec<(f64, f64)> = body
        .iter()
        .flat_map(|l| l.segments.iter().map(|s| (s.x0, s.x1)))
        .collect();
    ink.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut columns: Vec<(f64, f64)> = Vec::new();
    for (a, b) in ink {
        match columns.last_mut() {
            Some(last) if a < last.1 + CELL_GAP_EMS * em => last.1 = last.1.max(b),
            _ => columns.push((a, b)),
        }
    }
    (columns.len() >= 2).then_some(columns)
}

/// The lines of a table as tab rows, one cell per column. Where rules part the rows, each
/// piece of text goes to the row of the cell it is printed in ([`place_in_bands`]); where
/// they do not (a table ruling only its columns, or its header and frame), a line joins the
/// row above when it fills only that row's empty or cut-off cells (a name over two lines
/// with its figures beside the second); a stream table gives each line a row.
fn table_rows(lines: &[Line], beams: &[Beam]) -> Vec<TabRow> {
    let columns = column_intervals(lines);
    let width = columns.len();
    let inside = table_beams(lines, beams, &columns);
    let ruling = Ruling::of(lines, &inside);
    let mut rows: Vec<RuledRow> = Vec::new();
    let mut open = 0;
    for (k, line) in lines.iter().enumerate() {
        if k > 0 && tables_apart(&lines[k - 1], line, &inside) {
            rows.push(RuledRow::default());
            open = rows.len();
        }
        let placed = placed_segments(line, &columns);
        let full = match k.checked_sub(1).and_then(|p| lines.get(p)) {
            Some(above) => filled_columns(above, &columns),
            None => Vec::new(),
        };
        if ruling.banded(k) {
            let in_body = k >= ruling.body;
            place_in_bands(&mut rows, (open, width), line, &placed, &inside, in_body, &full);
            continue;
        }
        let mine: Vec<&Placed> = placed.iter().collect();
        let fresh = rows.get_mut(open..).unwrap_or_default();
        match joining_row(fresh, line, &mine, width, ruling.unruled_body) {
            Some(row) => row.take(line, &mine, &full),
            None => rows.push(RuledRow::new(f64::NAN, width).with(line, &mine, &full)),
        }
    }
    let em = lines.iter().map(|l| l.em).fold(0.0, f64::max);
    let mut out = Vec::new();
    for row in rows {
        match stacked_entries(&row.lines, row.cells.len(), em) {
            Some(entries) => out.extend(entries),
            None => out.push(TabRow {
                text: row.cells.join("\t"),
                spans: row.spans,
                boxes: row.boxes,
            }),
        }
    }
    out
}

/// How a table's rules part its rows.
struct Ruling {
    /// Its first body line (the lines above are its header).
    body: usize,
    /// Columns ruled but not the rows of a body of several entries (only the header's, or
    /// none): the body is read by cells.
    unruled_body: bool,
    /// Rules part its rows somewhere (or box a ruled header of words alone, one row); a
    /// table without walls is read line by line whatever rules cross it.
    rows_ruled: bool,
}

impl Ruling {
    /// The ruling of a table's `lines` with the horizontal rules `inside` it.
    fn of(lines: &[Line], inside: &[Beam]) -> Ruling {
        let body = body_start(lines);
        let body_lines = lines.get(body..).unwrap_or_default();
        let entries = body_lines.iter().filter(|l| has_figure(l)).count();
        let walled = ruled(lines);
        Ruling {
            body,
            unruled_body: walled && entries >= 2 && !rules_between(body_lines, inside),
            rows_ruled: walled
                && (rules_between(lines, inside) || (body == lines.len() && !inside.is_empty())),
        }
    }

    /// Whether line `k` is placed by the rules above its cells.
    fn banded(&self, k: usize) -> bool {
        self.rows_ruled && !(self.unruled_body && k >= self.body)
    }
}

/// A line's segments, those of one walled cell joined, each with its column and span.
fn placed_segments(line: &Line, columns: &[(f64, f64)]) -> Vec<Placed> {
    walled_cells(line, columns)
        .into_iter()
        .map(|s| Placed {
            column: ruled_column(&s, line, columns),
            span: ruled_span(&s, line, columns),
            segment: s,
        })
        .collect()
}

/// A segment of a table line with the column it goes in and the columns its cell spans.
struct Placed {
    column: usize,
    span: Option<Span>,
    segment: Segment,
}

/// Where the line's placed segments print in each of `width` cells.
fn line_boxes(placed: &[&Placed], width: usize, line: &Line) -> Vec<Option<BBox>> {
    let mut boxes = vec![None; width];
    for p in placed {
        if let Some(b) = boxes.get_mut(p.column) {
            let ink = BBox::of_line(p.segment.x0, p.segment.x1, line.y, line.em);
            *b = union_of([*b, Some(ink)]);
        }
    }
    boxes
}

/// The cells a line's placed segments fill, `width` in all.
fn line_cells(placed: &[&Placed], width: usize) -> Vec<String> {
    let mut cells = vec![String::new(); width];
    for p in placed {
        if let Some(cell) = cells.get_mut(p.column) {
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&p.segment.text);
        }
    }
    cells
}

/// The last row, when a line of a table without rules between its rows goes on in it: read
/// by cells, it fills only that row's empty or cut-off cells, and it is not a budget code
/// under a coded row (`39.06` / `39.07`, `66.02` / `101`); read by its white rivers (a
/// page setting each word apart), it prints only the figures of a named row that has none.
fn joining_row<'a>(
    rows: &'a mut [RuledRow],
    line: &Line,
    placed: &[&Placed],
    width: usize,
    by_cells: bool,
) -> Option<&'a mut RuledRow> {
    let cells = line_cells(placed, width);
    // a row placed by its rules (a header over an unruled body) takes no line read by cells
    let row = rows.last_mut().filter(|r| r.top.is_nan())?;
    let read_by_cells = by_cells && !next_code(&row.cells, &cells) && completes(&row.cells, &cells);
    let by_rivers = line.word_by_word && figures_below(&row.cells, &cells);
    (read_by_cells || by_rivers).then_some(row)
}

/// Whether a line holds nothing but numbers, under a named row that prints none: the
/// figures of an entry whose name runs over several lines, set at the middle or foot of its
/// tall cells (a scanned form's). Under a row with figures of its own (a total without a
/// label under its last part), a row of figures is a row.
fn figures_below(row: &[String], cells: &[String]) -> bool {
    let number =
        |c: &str| complete_figure(c) && c.chars().all(|ch| ch.is_ascii_digit() || ".,%".contains(ch));
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    let named = row.iter().any(|c| c.chars().any(char::is_alphabetic));
    !filled.is_empty() && filled.iter().all(|c| number(c)) && named && !row.iter().any(|c| complete_figure(c))
}

/// Whether `cells` start a budget code under a row whose cells start one, one of them
/// dotted: a row of its own, drawn rule or not (bare numbers may be a cell's lines).
fn next_code(above: &[String], cells: &[String]) -> bool {
    let code = |row: &[String]| {
        row.first()
            .filter(|c| c.starts_with(|d: char| d.is_ascii_digit()) && crate::parsers::is_code(c))
            .cloned()
    };
    match (code(above), code(cells)) {
        (Some(a), Some(b)) => a.contains('.') || b.contains('.'),
        _ => false,
    }
}

/// Places a line of a table whose rules part its rows: each segment goes to the row of the
/// cell it is printed in — the cell starts at the nearest rule above it over its column, so
/// a cell spanning several rows (a sasaran beside its indicators, a header label over
/// sub-labels) stays one cell, in its first row. In the body, a line printing a new row
/// key in the first column is one entry: its segments go to the key's row (a text layer set
/// off its rules does not part an entry), and a budget code under a coded row starts a row,
/// ruled or not.
fn place_in_bands(
    rows: &mut Vec<RuledRow>,
    (open, width): (usize, usize),
    line: &Line,
    placed: &[Placed],
    beams: &[Beam],
    body: bool,
    full: &[bool],
) {
    let top = |s: &Segment| {
        beams
            .iter()
            .filter(|b| b.y < line.y && b.left < s.x1 && b.right > s.x0)
            .map(|b| b.y)
            .fold(f64::MIN, f64::max)
    };
    let row_at = |rows: &[RuledRow], t: f64| {
        let fresh = rows.get(open..).unwrap_or_default();
        fresh
            .iter()
            .rposition(|r| (r.top - t).abs() < WALL_SAME)
            .map(|i| i + open)
    };
    // a key that goes on in a row already open (a spanning first cell) starts nothing
    let key = placed.iter().find(|p| p.column == 0 && body).and_then(|p| {
        let t = top(&p.segment);
        let cells = line_cells(&[p], width);
        match row_at(rows, t).filter(|&r| !next_code(&rows[r].cells, &cells)) {
            Some(_) => None,
            None => {
                rows.push(RuledRow::new(t, width));
                Some(rows.len() - 1)
            }
        }
    });
    let mut by_row: BTreeMap<usize, Vec<&Placed>> = BTreeMap::new();
    for p in placed {
        let r = match key {
            Some(r) => r,
            None => {
                let t = top(&p.segment);
                row_at(rows, t).unwrap_or_else(|| {
                    rows.push(RuledRow::new(t, width));
                    rows.len() - 1
                })
            }
        };
        by_row.entry(r).or_default().push(p);
    }
    for (r, mine) in by_row {
        if let Some(row) = rows.get_mut(r) {
            row.take(line, &mine, full);
        }
    }
}

/// A row of a table as its lines are placed in it.
#[derive(Debug, Default)]
struct RuledRow {
    /// The rule its first cell starts under (`NaN` in a table without rules between rows).
    top: f64,
    /// Its cells, each line's text joined in.
    cells: Vec<String>,
    /// Its cells that span columns.
    spans: Vec<Span>,
    /// Where each of its cells is printed.
    boxes: Vec<Option<BBox>>,
    /// Each line placed in it.
    lines: Vec<RowLine>,
}

/// A line as placed in a row: its baseline, and its text and ink in each cell.
#[derive(Debug)]
struct RowLine {
    y: f64,
    cells: Vec<String>,
    boxes: Vec<Option<BBox>>,
}

impl RuledRow {
    /// An empty row of `width` cells starting under the rule at `top`.
    fn new(top: f64, width: usize) -> RuledRow {
        RuledRow {
            top,
            cells: vec![String::new(); width],
            spans: Vec::new(),
            boxes: vec![None; width],
            lines: Vec::new(),
        }
    }

    /// The row with the segments `placed` of `line` placed in it.
    fn with(mut self, line: &Line, placed: &[&Placed], full: &[bool]) -> RuledRow {
        self.take(line, placed, full);
        self
    }

    /// Places the segments `placed` of `line` in the row: each cell's text goes on after
    /// what it holds (`full`: which columns the line above fills to their edge, where a
    /// number may have wrapped), and its box grows over the new ink.
    fn take(&mut self, line: &Line, placed: &[&Placed], full: &[bool]) {
        let width = self.cells.len();
        let cells = line_cells(placed, width);
        let boxes = line_boxes(placed, width, line);
        self.spans.extend(placed.iter().filter_map(|p| p.span));
        for (c, (cell, more)) in self
            .cells
            .iter_mut()
            .zip(&cells)
            .enumerate()
            .filter(|(_, (_, m))| !m.is_empty())
        {
            append_wrapped(cell, more, full.get(c).copied().unwrap_or(false));
        }
        for (have, more) in self.boxes.iter_mut().zip(&boxes) {
            *have = union_of([*have, *more]);
        }
        self.lines.push(RowLine {
            y: line.y,
            cells,
            boxes,
        });
    }
}

/// The entries stacked in a ruled row made of `lines`, each a row of `width` cells with
/// the boxes of the lines it took ([`stacked::entries`]); `None` when nothing is stacked.
fn stacked_entries(lines: &[RowLine], width: usize, em: f64) -> Option<Vec<TabRow>> {
    let cells: Vec<(usize, Vec<CellLine>)> = (0..width)
        .map(|c| {
            let texts = lines
                .iter()
                .filter_map(|l| l.cells.get(c).filter(|t| !t.is_empty()).map(|t| (l.y, t.clone())));
            (c, texts.collect())
        })
        .collect();
    let entries = stacked::entries(&cells, em, |cell, more| append_wrapped(cell, more, false))?;
    let ink = |c: usize, y: f64| {
        lines
            .iter()
            .find(|l| l.y == y)
            .and_then(|l| l.boxes.get(c).copied().flatten())
    };
    let row = |entry: stacked::Entry| {
        let mut boxes = vec![None; width];
        for (c, _, baselines) in &entry {
            if let Some(b) = boxes.get_mut(*c) {
                *b = union_of(baselines.iter().map(|y| ink(*c, *y)));
            }
        }
        let text = cells_at(width, entry.into_iter().map(|(c, t, _)| (c, t))).join("\t");
        TabRow {
            text,
            spans: Vec::new(),
            boxes,
        }
    };
    Some(entries.into_iter().map(row).collect())
}

/// A ruled line's segments with those sharing one walled cell joined when one of them runs
/// over a column edge the line does not draw (a bold program name spaced out across a cell
/// that spans a number column and a name column): the walls say they are one cell. Labels
/// each inside a column of their own stay apart, and two figures are never joined.
fn walled_cells(line: &Line, columns: &[(f64, f64)]) -> Vec<Segment> {
    let mut out: Vec<(Option<(f64, f64)>, Segment)> = Vec::new();
    for s in &line.segments {
        let cell = walls_beside(line.walls.iter().copied(), s.x0, s.x1);
        let across = |s: &Segment| !fits_one_column(s, columns, line.em);
        match out.last_mut() {
            Some((Some(walls), last))
                if Some(*walls) == cell
                    && (across(last) || across(s))
                    && !complete_figure(&last.text)
                    && !complete_figure(&s.text) =>
            {
                last.text.push(' ');
                last.text.push_str(&s.text);
                last.x1 = last.x1.max(s.x1);
            }
            _ => out.push((cell, s.clone())),
        }
    }
    out.into_iter().map(|(_, s)| s).collect()
}

/// The column a ruled line's segment goes in: the one it overlaps most, but for text that
/// runs over a column edge inside a cell spanning several columns, the widest of those it
/// overlaps (the name column beside a narrow number or code column). Text that seems to run
/// over a wall (glyphs whose widths run past their ink) goes where it starts.
fn ruled_column(s: &Segment, line: &Line, columns: &[(f64, f64)]) -> usize {
    let walled_off = line.walls.iter().any(|&x| x > s.x0 + 1.0 && x < s.x1 - 1.0);
    if walled_off {
        // its glyphs are drawn where it starts: only their widths run past the wall
        return column_of(s.x0, s.x0 + 1.0, columns);
    }
    if line.walls.len() < 2 || fits_one_column(s, columns, line.em) {
        return column_of(s.x0, s.x1, columns);
    }
    let widest = overlapped(s, columns, line.em).max_by(|(_, x), (_, y)| (x.1 - x.0).total_cmp(&(y.1 - y.0)));
    widest.map_or_else(|| column_of(s.x0, s.x1, columns), |(c, _)| c)
}

/// The columns a segment of a ruled line covers, when more than one: those between the
/// walls on either side of it (a merged cell, as a spanning header's, draws none between).
fn ruled_span(s: &Segment, line: &Line, columns: &[(f64, f64)]) -> Option<Span> {
    let (left, right) = walls_beside(line.walls.iter().copied(), s.x0, s.x1)?;
    let inside: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, (a, b))| (a + b) / 2.0 > left && (a + b) / 2.0 < right)
        .map(|(c, _)| c)
        .collect();
    let (&first, &last) = (inside.first()?, inside.last()?);
    (last > first).then_some(Span { first, last })
}

/// Whether a wall crosses a line of font size `em` set on baseline `y`.
pub(super) fn crosses(w: &Wall, y: f64, em: f64) -> bool {
    w.top <= y - em * 0.3 && w.bottom >= y
}

/// The nearest of the walls at `xs` on either side of ink from `x0` to `x1`, when there are
/// walls on both sides.
pub(super) fn walls_beside(xs: impl Iterator<Item = f64> + Clone, x0: f64, x1: f64) -> Option<(f64, f64)> {
    let left = xs.clone().filter(|&x| x <= x0 + 1.0).reduce(f64::max)?;
    let right = xs.filter(|&x| x >= x1 - 1.0).reduce(f64::min)?;
    Some((left, right))
}

/// A row of `width` cells holding each (column, text) given, empty elsewhere.
pub(super) fn cells_at(width: usize, filled: impl IntoIterator<Item = (usize, String)>) -> Vec<String> {
    let mut row = vec![String::new(); width];
    for (c, text) in filled {
        if let Some(cell) = row.get_mut(c) {
            *cell = text;
        }
    }
    row
}

/// Whether a line completes a row: its cells fall only where the row is empty or cut off
/// mid-text; or, under a coded row, it prints no code and figures only where the row has
/// none (the rest of the row's name, with the figures set beside its last line).
fn completes(row: &[String], cells: &[String]) -> bool {
    let fills = |have: &String, more: &String| more.is_empty() || have.is_empty();
    let cut_or_fills = row
        .iter()
        .zip(cells)
        .all(|(have, more)| fills(have, more) || crate::parsers::cut_off(have));
    let figure = |t: &String| t.chars().any(|c| c.is_ascii_digit()) && !t.chars().any(char::is_alphabetic);
    let coded = |cells: &[String]| cells.first().is_some_and(|c| !c.is_empty());
    let rest_of_name = coded(row)
        && !coded(cells)
        && cells.iter().any(figure)
        && row
            .iter()
            .zip(cells)
            .all(|(have, more)| !figure(more) || have.is_empty());
    cut_or_fills || rest_of_name
}

/// For each column, whether the line's text in it reaches (within an em) the column's right
/// edge, as a line that had to wrap does.
fn filled_columns(line: &Line, columns: &[(f64, f64)]) -> Vec<bool> {
    let mut full = vec![false; columns.len()];
    for s in &line.segments {
        let c = column_of(s.x0, s.x1, columns);
        if let (Some(filled), Some(column)) = (full.get_mut(c), columns.get(c)) {
            *filled |= column.1 - s.x1 < line.em;
        }
    }
    full
}

/// Appends the next line of a cell whose width is not known (a tagged table's): with a
/// space between words, but a number cut inside a thousands group (`13.000.0` / `00`, a
/// narrow cell's wrap) runs on.
pub(super) fn join_cell_line(cell: &mut String, more: &str) {
    let cut = cut_in_group(cell);
    append_wrapped(cell, more, cut);
}

/// Appends the next line of a wrapped cell: with a space between words, but a number that
/// wrapped inside a narrow column (`104,7` / `5%`, `10.368.000.00` / `0`) — its first line
/// filling the column — is rejoined whole.
fn append_wrapped(cell: &mut String, more: &str, filled: bool) {
    if let Some(rejoined) = label_between_pieces(cell, more) {
        *cell = rejoined;
        return;
    }
    let numeric = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || ".,%".contains(c));
    let whole = numeric(cell.rsplit(' ').next().unwrap_or("")) && numeric(more);
    let number_split = filled
        && cell.ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        && (whole || cut_in_group(cell))
        && more.starts_with(|c: char| c.is_ascii_digit() || c == '%');
    if !cell.is_empty() && !number_split {
        cell.push(' ');
    }
    cell.push_str(more);
}

/// A number broken inside a thousands group with a label set between its pieces, as a
/// currency sits vertically centred beside an amount that wrapped (`1.506.190.00` / `Rp` /
/// `0`): the label before the number, the pieces rejoined (`Rp 1.506.190.000`).
fn label_between_pieces(cell: &str, more: &str) -> Option<String> {
    let (before, label) = cell.rsplit_once(' ')?;
    let is_label = (1..=4).contains(&label.len()) && label.chars().all(|c| c.is_alphabetic() || c == '.');
    if !is_label || !cut_in_group(before) || !more.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (head, number) = before.rsplit_once(' ').unwrap_or(("", before));
    let head = if head.is_empty() {
        String::new()
    } else {
        format!("{head} ")
    };
    Some(format!("{head}{label} {number}{more}"))
}

/// The horizontal rules within a table's extent.
fn table_beams(lines: &[Line], beams: &[Beam], columns: &[(f64, f64)]) -> Vec<Beam> {
    let (Some(first), Some(last), Some(left), Some(right)) =
        (lines.first(), lines.last(), columns.first(), columns.last())
    else {
        return Vec::new();
    };
    let (top, bottom) = (first.y - first.em * 1.5, last.y + last.em);
    beams
        .iter()
        .filter(|b| b.y > top && b.y < bottom && b.right > left.0 && b.left < right.1)
        .copied()
        .collect()
}

/// Where a table's body starts: its first line with a figure (the lines above are its
/// header); a table without figures is all header.
fn body_start(lines: &[Line]) -> usize {
    lines.iter().position(has_figure).unwrap_or(lines.len())
}

/// Whether a line prints a complete figure in one of its cells.
fn has_figure(line: &Line) -> bool {
    line.segments.iter().any(|s| complete_figure(&s.text))
}

/// Whether rules part some of `lines` (a table may rule only its header and its frame, or
/// only a box around it): a rule runs between two of them.
fn rules_between(lines: &[Line], beams: &[Beam]) -> bool {
    lines
        .windows(2)
        .any(|w| beams.iter().any(|b| b.y > w[0].y && b.y < w[1].y))
}

/// Whether the rules between two lines are the bottom of one table and the top of the next:
/// rules more than an em apart with no text between them.
fn tables_apart(above: &Line, below: &Line, beams: &[Beam]) -> bool {
    let between = beams
        .iter()
        .filter(|b| b.y > above.y && b.y < below.y)
        .map(|b| b.y);
    let (top, bottom) = between.fold((f64::INFINITY, f64::NEG_INFINITY), |(t, b), y| {
        (t.min(y), b.max(y))
    });
    bottom - top > TABLE_GAP_EMS * above.em.max(below.em)
}

/// The column ink from `x0` to `x1` overlaps most (or lies nearest to).
fn column_of(x0: f64, x1: f64, columns: &[(f64, f64)]) -> usize {
    let overlap = |(a, b): &(f64, f64)| (x1.min(*b) - x0.max(*a)).max(0.0);
    let distance = |(a, b): &(f64, f64)| {
        if x1 < *a {
            a - x1
        } else if x0 > *b {
            x0 - b
        } else {
            0.0
        }
    };
    let best = (0..columns.len()).max_by(|&i, &j| {
        overlap(&columns[i])
            .total_cmp(&overlap(&columns[j]))
            .then(distance(&columns[j]).total_cmp(&distance(&columns[i])))
    });
    best.unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page's lines without their layouts, read with no learnt line pitch.
    fn text(page: PageLines) -> Vec<String> {
        page.text_lines(&LinePitch::default())
            .into_iter()
            .map(|(text, _)| text)
            .collect()
    }

    fn word(text: &str, x: f64, y: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * 5.0,
                y,
                width: 5.0,
                size: 10.0,
                text: c.to_string(),
                run: 0,
            })
            .collect()
    }

    #[test]
    fn table_rows_get_one_cell_per_column_and_prose_stays_prose() {
        let mut glyphs = word(
            "Sebuah kalimat pembuka yang panjang sekali di atas tabel",
            0.0,
            80.0,
        );
        glyphs.extend(word("1.", 0.0, 100.0));
        glyphs.extend(word("Persentase", 30.0, 100.0));
        glyphs.extend(word("0,53%", 120.0, 100.0));
        glyphs.extend(word("pencari", 30.0, 112.0));
        glyphs.extend(word("2.", 0.0, 124.0));
        glyphs.extend(word("Jumlah", 30.0, 124.0));
        glyphs.extend(word("30 LPK", 120.0, 124.0));
        assert_eq!(
            text(PageLines::new(&glyphs, Rules::default())),
            vec![
                "Sebuah kalimat pembuka yang panjang sekali di atas tabel",
                "",
                "1.\tPersentase\t0,53%",
                "\tpencari\t",
                "2.\tJumlah\t30 LPK",
                ""
            ]
        );
    }

    #[test]
    fn a_title_set_well_above_a_table_is_not_its_first_row() {
        // a scan's text layer places each word on its own, so a centred title has gaps
        // wide as cells; set 6 ems above the header, it is not a row of the table
        let mut glyphs = word("PERJANJIAN", 60.0, 40.0);
        glyphs.extend(word("KINERJA", 120.0, 40.0));
        for (y, cells) in [
            (100.0, ["No", "Indikator", "Target"]),
            (112.0, ["1.", "Daging", "768.495"]),
        ] {
            for (x, text) in [0.0, 30.0, 150.0].into_iter().zip(cells) {
                glyphs.extend(word(text, x, y));
            }
        }
        assert_eq!(
            text(PageLines::new(&glyphs, Rules::default())),
            vec![
                "PERJANJIAN KINERJA",
                "",
                "No\tIndikator\tTarget",
                "1.\tDaging\t768.495",
                ""
            ]
        );
    }

    #[test]
    fn rules_an_em_apart_with_nothing_between_split_two_touching_tables() {
        let mut glyphs = Vec::new();
        for (y, cells) in [
            (100.0, ["1.", "Satu", "10"]),
            (120.0, ["2.", "Dua", "20"]),
            (150.0, ["No", "Uraian", "Nilai"]),
        ] {
            for (x, text) in [0.0, 30.0, 120.0].into_iter().zip(cells) {
                glyphs.extend(word(text, x, y));
            }
        }
        let beam = |y| Beam {
            y,
            left: -2.0,
            right: 200.0,
        };
        let rules = Rules {
            walls: Vec::new(),
            beams: vec![beam(90.0), beam(110.0), beam(125.0), beam(137.0), beam(155.0)],
        };
        assert_eq!(
            text(PageLines::new(&glyphs, rules)),
            vec!["1.\tSatu\t10", "2.\tDua\t20", "", "No\tUraian\tNilai", ""]
        );
    }

    /// A table drawn like diskimrum's: its frame drawn cell by cell with a little padding
    /// between the pieces, a header label over a number and a name column that only the
    /// kegiatan rows part, a sasaran cell spanning its program and kegiatan rows.
    #[test]
    fn a_ruled_table_is_read_by_its_frame_and_each_cell_by_the_rules_above_it() {
        let mut glyphs = Vec::new();
        for (x, y, text) in [
            (5.0, 100.0, "Sasaran"),
            (85.0, 100.0, "Kegiatan"),
            (145.0, 100.0, "Anggaran"),
            (5.0, 120.0, "Naik"),
            (65.0, 120.0, "Program"),
            (150.0, 120.0, "500"),
            (5.0, 132.0, "akses"),
            (65.0, 132.0, "1"),
            (85.0, 132.0, "Kegiatan"),
            (150.0, 132.0, "300"),
            (65.0, 144.0, "2"),
            (85.0, 144.0, "Kegiatan"),
            (150.0, 144.0, "200"),
        ] {
            glyphs.extend(word(text, x, y));
        }
        let wall = |x, top, bottom| Wall {
            x,
            top,
            bottom,
            drawn: true,
        };
        let mut walls = Vec::new();
        for x in [0.0, 200.0] {
            // the frame, drawn row by row with 2pt between the pieces
            walls.extend([wall(x, 90.0, 108.0), wall(x, 110.0, 124.0), wall(x, 126.0, 150.0)]);
        }
        walls.extend([
            wall(60.0, 90.0, 150.0),
            wall(140.0, 90.0, 150.0),
            wall(80.0, 126.0, 150.0),
        ]);
        let beam = |y, left| Beam {
            y,
            left,
            right: 200.0,
        };
        let rules = Rules {
            walls,
            beams: vec![
                beam(90.0, 0.0),
                beam(110.0, 0.0),
                beam(126.0, 60.0),
                beam(138.0, 60.0),
                beam(150.0, 0.0),
            ],
        };
        let page = PageLines::new(&glyphs, rules);
        assert_eq!(
            text(page.clone()),
            vec![
                "Sasaran\t\tKegiatan\tAnggaran",
                "Naik akses\t\tProgram\t500",
                "\t1\tKegiatan\t300",
                "\t2\tKegiatan\t200",
                ""
            ]
        );
        // each cell knows where it is printed: the sasaran over its two lines (glyphs 5pt
        // wide, size 10: 8pt above the baseline, 2 below), the anggaran on one
        let lines = page.text_lines(&LinePitch::default());
        let boxes = &lines[1].1.as_ref().unwrap().boxes;
        let at = |x0, top, x1, bottom| Some(BBox { x0, top, x1, bottom });
        assert_eq!(boxes[0], at(5.0, 112.0, 30.0, 134.0));
        assert_eq!(boxes[1], None);
        assert_eq!(boxes[3], at(150.0, 112.0, 165.0, 122.0));
    }

    #[test]
    fn gaps_wider_than_usual_are_blank_lines_one_per_line_pitch() {
        // size 7, a slide deck: one line is 16.35 apart, most lines have a blank one between
        // (32.7), slides three (65.4); a 4pt gap occurs once (a superscript) and sets nothing
        let deck = [
            (7.0, 4.0),
            (7.0, 16.3),
            (7.0, 16.4),
            (7.0, 16.35),
            (7.0, 32.7),
            (7.0, 32.7),
            (7.0, 32.7),
            (7.0, 32.7),
            (7.0, 65.4),
        ];
        // size 12, a double-spaced body (27) with paragraphs 54 apart and a tight block (13.5)
        let body = [
            (12.0, 27.0),
            (12.0, 27.1),
            (12.0, 26.9),
            (12.0, 27.0),
            (12.0, 54.0),
            (12.0, 13.5),
            (12.0, 13.5),
            (12.0, 13.5),
        ];
        let pitch = LinePitch::learn(&[&deck[..], &body[..]].concat());
        let blanks = |gap, size| pitch.blank_lines(gap, size);
        assert_eq!(
            (
                blanks(16.3, 7.0),
                blanks(32.7, 7.0),
                blanks(65.4, 7.0),
                blanks(400.0, 7.0)
            ),
            (0, 0, 3, MAX_BLANK_LINES)
        );
        assert_eq!(
            (blanks(13.5, 12.0), blanks(27.0, 12.0), blanks(54.0, 12.0)),
            (0, 0, 3)
        );
        assert_eq!(blanks(65.4, 10.0), 0, "no spacing learnt for size 10");
    }

    #[test]
    fn a_number_wrapped_in_a_narrow_column_is_rejoined_and_words_keep_their_space() {
        let joined = |a: &str, b: &str| {
            let mut cell = a.to_string();
            append_wrapped(&mut cell, b, true);
            cell
        };
        assert_eq!(joined("104,7", "5%"), "104,75%");
        assert_eq!(joined("10.368.000.00", "0"), "10.368.000.000");
        assert_eq!(joined("Rp 1.200.", "000"), "Rp 1.200.000");
        assert_eq!(
            joined("Persentase lulusan", "pelatihan"),
            "Persentase lulusan pelatihan"
        );
        assert_eq!(joined("Tahun 2022", "70 %"), "Tahun 2022 70 %");
        assert_eq!(joined("", "5%"), "5%");
        // a number cut inside a thousands group within a formula cell
        assert_eq!(
            joined("$\\ frac{30.709.1", "81,1} {780.417}"),
            "$\\ frac{30.709.181,1} {780.417}"
        );
        assert_eq!(joined("versi 1.5", "0 unit"), "versi 1.5 0 unit");
        // the currency beside an amount that wrapped sits between its pieces
        assert_eq!(joined("1.506.190.00 Rp", "0"), "Rp 1.506.190.000");
        assert_eq!(
            joined("Alokasi 23.284.140.0 Rp", "00"),
            "Alokasi Rp 23.284.140.000"
        );
        assert_eq!(
            joined("1.506.190.000 Rp", "0"),
            "1.506.190.000 Rp 0",
            "a whole number"
        );
        // two figures stacked in a wide column: the first did not wrap
        let mut stacked = "70".to_string();
        append_wrapped(&mut stacked, "70,83", false);
        assert_eq!(stacked, "70 70,83");
        // a tagged cell, whose width is not known: only a number cut inside a group runs on
        let tagged = |a: &str, b: &str| {
            let mut cell = a.to_string();
            join_cell_line(&mut cell, b);
            cell
        };
        assert_eq!(tagged("9.218.67", "1"), "9.218.671");
        assert_eq!(tagged("13.000.0", "00"), "13.000.000");
        assert_eq!(tagged("70", "70,83"), "70 70,83");
        assert_eq!(tagged("Tahun 2016", "2017"), "Tahun 2016 2017");
    }
}
