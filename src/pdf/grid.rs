//! Where the cells of a tagged table sit among its columns. The structure tree numbers the
//! cells of a row one by one; an exporter that writes no column spans (Word's) thus puts a
//! header's `2015`, printed over the two columns `Target | Realisasi`, in the column of
//! `2014`'s second half. The rows whose cells sit over the columns their numbers say (the
//! data rows) set each column's x-extent; the cells of any other row are placed by where
//! they are printed, each covering the columns it is printed over.

use crate::model::{union_of, BBox, Span};
use std::collections::BTreeMap;

/// A cell's text and where it is printed across the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    /// Left edge of its ink.
    pub x0: f64,
    /// Right edge of its ink.
    pub x1: f64,
    /// The drawn rules left and right of it, when the table draws them.
    pub walled: Option<(f64, f64)>,
    /// Where its text is printed.
    pub ink: Option<BBox>,
    /// Its lines joined by spaces.
    pub text: String,
}

/// A row laid out: each filled cell with the columns it covers and where it is printed,
/// left to right.
pub type PlacedRow = Vec<(Span, String, Option<BBox>)>;

/// Places the rows of a tagged table (`rows[r]`: each cell with its column in the tags)
/// among the table's columns; a row whose tag numbering its print contradicts is placed by
/// geometry, its text in the first column each cell covers.
pub fn place(rows: &BTreeMap<usize, Vec<(usize, Printed)>>) -> BTreeMap<usize, PlacedRow> {
    let width = rows.values().flatten().map(|(c, _)| c + 1).max().unwrap_or(0);
    let mut bands: Vec<Option<(f64, f64)>> = vec![None; width];
    let mut order: Vec<(&usize, &Vec<(usize, Printed)>)> = rows.iter().collect();
    order.sort_by_key(|(r, cells)| (std::cmp::Reverse(cells.len()), **r));
    let mut astray = Vec::new();
    let mut placed = BTreeMap::new();
    for (r, cells) in order {
        if !cells.iter().all(|(c, p)| sits_in(p, *c, &bands)) {
            astray.push((r, cells));
            continue;
        }
        for (c, p) in cells {
            if let Some(band) = bands.get_mut(*c) {
                *band = Some(band.map_or((p.x0, p.x1), |(a, b)| (a.min(p.x0), b.max(p.x1))));
            }
        }
        let row = cells
            .iter()
            .map(|(c, p)| (Span { first: *c, last: *c }, p.text.clone(), p.ink));
        placed.insert(*r, row.collect());
    }
    let regions = regions(&bands);
    for (r, cells) in astray {
        placed.insert(*r, by_geometry(cells, &regions, &bands));
    }
    placed
}

/// Whether a cell printed at `p` sits in column `c` as far as the columns' extents known so
/// far tell: it overlaps that column more than any other (or, that column's extent not yet
/// known, overlaps no other).
fn sits_in(p: &Printed, c: usize, bands: &[Option<(f64, f64)>]) -> bool {
    let overlap = |(a, b): (f64, f64)| (p.x1.min(b) - p.x0.max(a)).max(0.0);
    let own = bands.get(c).copied().flatten().map(overlap);
    let most_elsewhere = bands
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != c)
        .filter_map(|(_, b)| b.map(overlap))
        .fold(0.0, f64::max);
    match own {
        Some(own) => own > 0.0 && own >= most_elsewhere,
        None => most_elsewhere == 0.0,
    }
}

/// The stretch of the page each column owns: from the middle of the gap to the column
/// before to the middle of the gap to the next (columns no row fills own none).
fn regions(bands: &[Option<(f64, f64)>]) -> Vec<(usize, f64, f64)> {
    let known: Vec<(usize, (f64, f64))> = bands
        .iter()
        .enumerate()
        .filter_map(|(c, b)| b.map(|b| (c, b)))
        .collect();
    let mut out = Vec::new();
    for (k, &(c, (a, b))) in known.iter().enumerate() {
        let left = k
            .checked_sub(1)
            .and_then(|p| known.get(p))
            .map_or(f64::NEG_INFINITY, |(_, (_, pb))| (pb + a) / 2.0);
        let right = known
            .get(k + 1)
            .map_or(f64::INFINITY, |(_, (na, _))| (b + na) / 2.0);
        out.push((c, left, right));
    }
    out
}

/// A row placed by where its cells are printed: each covers the columns between the rules
/// drawn on either side of it, or without rules those whose stretch it reaches into (by
/// more than a tenth of its width), or else the nearest one; cells landing in one column
/// share it.
fn by_geometry(
    cells: &[(usize, Printed)],
    regions: &[(usize, f64, f64)],
    bands: &[Option<(f64, f64)>],
) -> PlacedRow {
    let mut row: PlacedRow = Vec::new();
    for (_, p) in cells {
        let slack = (p.x1 - p.x0) * 0.1;
        let covered: Vec<usize> = match p.walled {
            Some((left, right)) => bands
                .iter()
                .enumerate()
                .filter(|(_, b)| b.is_some_and(|(a, b)| (a + b) / 2.0 > left && (a + b) / 2.0 < right))
                .map(|(c, _)| c)
                .collect(),
            None => regions
                .iter()
                .filter(|(_, a, b)| p.x1.min(*b) - p.x0.max(*a) > slack)
                .map(|(c, _, _)| *c)
                .collect(),
        };
        let span = match (covered.first(), covered.last()) {
            (Some(&first), Some(&last)) => Span { first, last },
            _ => match nearest(p, regions) {
                Some(c) => Span { first: c, last: c },
                None => continue,
            },
        };
        match row.iter_mut().find(|(s, _, _)| s.first == span.first) {
            Some((s, text, ink)) => {
                s.last = s.last.max(span.last);
                text.push(' ');
                text.push_str(&p.text);
                *ink = union_of([*ink, p.ink]);
            }
            None => row.push((span, p.text.clone(), p.ink)),
        }
    }
    row.sort_by_key(|(s, _, _)| *s);
    row
}

/// The column whose stretch lies nearest a cell's print.
fn nearest(p: &Printed, regions: &[(usize, f64, f64)]) -> Option<usize> {
    let middle = (p.x0 + p.x1) / 2.0;
    let distance = |(_, a, b): &&(usize, f64, f64)| (a - middle).max(middle - b).max(0.0);
    regions
        .iter()
        .min_by(|x, y| distance(x).total_cmp(&distance(y)))
        .map(|(c, _, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x0: f64, x1: f64, text: &str) -> Printed {
        Printed {
            x0,
            x1,
            walled: None,
            ink: None,
            text: text.to_string(),
        }
    }

    fn span(first: usize, last: usize) -> Span {
        Span { first, last }
    }

    /// `NO | INDIKATOR | 2014 (over T, R) | 2015 (over T, R)`, the years numbered 2 and 3 by
    /// the tags, over data rows of six cells.
    #[test]
    fn a_header_numbered_cell_by_cell_is_placed_over_the_columns_it_spans() {
        let mut rows = BTreeMap::new();
        rows.insert(
            0,
            vec![
                (0, at(10.0, 20.0, "NO")),
                (1, at(40.0, 75.0, "INDIKATOR")),
                (2, at(130.0, 150.0, "2014")),
                (3, at(210.0, 230.0, "2015")),
            ],
        );
        rows.insert(
            1,
            vec![
                (2, at(105.0, 135.0, "TARGET")),
                (3, at(145.0, 175.0, "REALISASI")),
                (4, at(185.0, 215.0, "TARGET")),
                (5, at(225.0, 255.0, "REALISASI")),
            ],
        );
        let data = |name: &str| {
            let cells = [
                (0, 12.0),
                (1, 40.0),
                (2, 110.0),
                (3, 150.0),
                (4, 190.0),
                (5, 230.0),
            ];
            cells
                .iter()
                .map(|&(c, x)| (c, at(x, x + 20.0, name)))
                .collect::<Vec<_>>()
        };
        rows.insert(2, data("a"));
        rows.insert(3, data("b"));
        let placed = place(&rows);
        let header: Vec<(Span, &str)> = placed[&0].iter().map(|(s, t, _)| (*s, t.as_str())).collect();
        assert_eq!(
            header,
            vec![
                (span(0, 0), "NO"),
                (span(1, 1), "INDIKATOR"),
                (span(2, 3), "2014"),
                (span(4, 5), "2015")
            ]
        );
        assert_eq!(placed[&1][0].0, span(2, 2), "the sub-header row keeps its tags");
        assert_eq!(placed[&3][5], (span(5, 5), "b".to_string(), None));
        // between drawn rules a label covers the columns inside them, wherever it sits
        let walled = |x0, x1, text, walls| {
            (
                3,
                Printed {
                    walled: Some(walls),
                    ..at(x0, x1, text)
                },
            )
        };
        rows.insert(
            0,
            vec![
                (0, at(10.0, 20.0, "NO")),
                walled(182.0, 200.0, "2014", (100.0, 260.0)),
            ],
        );
        assert_eq!(place(&rows)[&0][1], (span(2, 5), "2014".to_string(), None));
    }
}
