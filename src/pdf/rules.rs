//! Ruling lines: the horizontal and vertical lines a page draws (stroked paths, or thin
//! filled rectangles as Word draws table borders), in page coordinates with the origin top
//! left. Table cells sit between them.

use super::content::{Marks, Op};
use std::collections::HashSet;

/// A horizontal ruling line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Beam {
    /// Its y (from the top of the page).
    pub y: f64,
    /// Its left end.
    pub left: f64,
    /// Its right end.
    pub right: f64,
}

/// The ruling lines of a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    /// Vertical lines.
    pub walls: Vec<Wall>,
    /// Horizontal lines.
    pub beams: Vec<Beam>,
}

/// A vertical ruling line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wall {
    /// Its x.
    pub x: f64,
    /// Its top.
    pub top: f64,
    /// Its bottom.
    pub bottom: f64,
    /// Drawn on the page (else a cell edge the horizontal rules imply).
    pub drawn: bool,
}

/// A rule thinner than this (points) is a line, not a box.
const THIN: f64 = 2.0;
/// A rule shorter than this (points) is a mark, not a border.
const SHORT: f64 = 5.0;

use super::frame::{apply, multiply, Matrix};

/// The ruling lines a page's content (its [`Marks`]) draws, in the reading frame `frame` maps
/// user space to (see [`super::frame::reading_frame`]), with the cell edges that
/// horizontal rules drawn cell by cell imply. A rule an image named in `opaque` is painted
/// over is hidden, and left out.
pub fn rules(content: &Marks, frame: Matrix, opaque: &HashSet<Vec<u8>>) -> Rules {
    let mut state = Painter::new(frame, opaque);
    for op in content.iter() {
        state.step(op);
    }
    let mut rules = state.rules;
    let edges = cell_edges(&rules.beams, &rules.walls);
    rules.walls.extend(edges);
    rules
}

/// Rules closer than this (points) are one.
const SAME: f64 = 1.5;
/// Beyond this many rules a page is not searched for cell edges (the search is quadratic).
const MAX_RULES: usize = 5000;

/// Vertical cell edges no wall draws but the horizontal rules show: a rule drawn cell by
/// cell is split where one cell ends and the next begins, and where the next rule below
/// over that point is split at the same x (or is the table's closing rule, often drawn
/// whole), the cells between share that edge. Only on a page that draws no column rule of
/// its own (no wall meets a horizontal rule inside its extent): a table that draws its
/// columns is read by them (a spreadsheet's hidden grid splits its rules too, and a
/// scan's text layer does not sit where its rules are).
fn cell_edges(beams: &[Beam], walls: &[Wall]) -> Vec<Wall> {
    if beams.len() > MAX_RULES || walls.len() > MAX_RULES {
        return Vec::new();
    }
    let rows = beam_rows(beams);
    let columns_drawn = walls.iter().any(|w| rows.iter().any(|r| r.meets_inside(w)));
    if columns_drawn {
        return Vec::new();
    }
    let mut edges = Vec::new();
    for (i, upper) in rows.iter().enumerate() {
        let later = rows.get(i + 1..).unwrap_or_default();
        for &x in &upper.splits {
            let Some((k, lower)) = later.iter().enumerate().find(|(_, r)| r.covers(x)) else {
                continue;
            };
            let closing = !later.iter().skip(k + 1).any(|r| r.covers(x));
            let split_below = lower.splits.iter().any(|b| (b - x).abs() < SAME);
            if split_below || closing {
                edges.push(Wall {
                    x,
                    top: upper.y,
                    bottom: lower.y,
                    drawn: false,
                });
            }
        }
    }
    edges
}

/// The horizontal rules at one height: their pieces left to right, where they are split
/// and how far they reach.
struct BeamRow {
    y: f64,
    pieces: Vec<(f64, f64)>,
    /// Where the rule is split: a piece ends where the next begins.
    splits: Vec<f64>,
    /// Its leftmost and rightmost end.
    span: (f64, f64),
}

impl BeamRow {
    /// The row of rules at height `y` made of `pieces`.
    fn new(y: f64, mut pieces: Vec<(f64, f64)>) -> BeamRow {
        pieces.sort_by(|a, b| a.0.total_cmp(&b.0));
        let splits = pieces
            .windows(2)
            .filter_map(|w| match w {
                [(_, end), (start, _)] if (start - end).abs() < SAME => Some((start + end) / 2.0),
                _ => None,
            })
            .collect();
        let left = pieces.first().map_or(f64::INFINITY, |p| p.0);
        let right = pieces.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        BeamRow {
            y,
            pieces,
            splits,
            span: (left, right),
        }
    }

    /// Whether a wall meets the rule somewhere inside its extent (not at its ends).
    fn meets_inside(&self, w: &Wall) -> bool {
        let (left, right) = self.span;
        w.x > left + SAME
            && w.x < right - SAME
            && w.top <= self.y + SAME
            && w.bottom >= self.y - SAME
            && self.covers(w.x)
    }

    /// Whether a piece runs over `x`.
    fn covers(&self, x: f64) -> bool {
        self.pieces.iter().any(|(l, r)| l - SAME <= x && x <= r + SAME)
    }
}

/// The horizontal rules grouped by height, top to bottom.
fn beam_rows(beams: &[Beam]) -> Vec<BeamRow> {
    let mut sorted: Vec<&Beam> = beams.iter().collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut heights: Vec<(f64, Vec<(f64, f64)>)> = Vec::new();
    for b in sorted {
        match heights.last_mut() {
            Some((y, pieces)) if b.y - *y < SAME => pieces.push((b.left, b.right)),
            _ => heights.push((b.y, vec![(b.left, b.right)])),
        }
    }
    heights
        .into_iter()
        .map(|(y, pieces)| BeamRow::new(y, pieces))
        .collect()
}

/// The least and greatest x, then y, of `points`: (left, right, top, bottom).
fn extent(points: impl IntoIterator<Item = (f64, f64)>) -> (f64, f64, f64, f64) {
    let far = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
    points.into_iter().fold(far, |(x0, x1, y0, y1), (x, y)| {
        (x0.min(x), x1.max(x), y0.min(y), y1.max(y))
    })
}

/// Follows the graphics operators that build and paint paths.
struct Painter<'a> {
    ctm: Matrix,
    stack: Vec<Matrix>,
    /// Segments of the path being built, in page space.
    path: Vec<((f64, f64), (f64, f64))>,
    current: Option<(f64, f64)>,
    /// Whether the path has a curve: then it outlines a shape (a logo, a watermark's
    /// letters), and its straight pieces are not rules.
    curved: bool,
    rules: Rules,
    /// The names of the page's opaque images.
    opaque: &'a HashSet<Vec<u8>>,
}

impl<'a> Painter<'a> {
    /// A painter at the start of a page: the CTM is the reading frame, no path, no rules.
    fn new(frame: Matrix, opaque: &'a HashSet<Vec<u8>>) -> Painter<'a> {
        Painter {
            opaque,
            ctm: frame,
            stack: Vec::new(),
            path: Vec::new(),
            current: None,
            curved: false,
            rules: Rules::default(),
        }
    }

    fn step(&mut self, op: Op) {
        match op.operator {
            "q" => self.stack.push(self.ctm),
            "Q" => self.ctm = self.stack.pop().unwrap_or(self.ctm),
            "cm" | "m" | "l" | "re" | "c" | "v" | "y" => self.build(op),
            "S" | "s" => self.paint(false),
            "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => self.paint(true),
            "n" => {
                self.path.clear();
                self.curved = false;
            }
            "Do" if op.name(0).is_some_and(|n| self.opaque.contains(n)) => self.cover(),
            _ => {}
        }
    }

    /// Follows an operator that moves the CTM or builds the path, by its numeric operands
    /// (read only for these: most operators of a page show text).
    fn build(&mut self, op: Op) {
        let n: Vec<f64> = op.numbers().collect();
        match (op.operator, n.as_slice()) {
            ("cm", [a, b, c, d, e, f]) => self.ctm = multiply([*a, *b, *c, *d, *e, *f], self.ctm),
            ("m", [x, y]) => self.current = Some(apply(self.ctm, *x, *y)),
            ("l", [x, y]) => {
                let to = apply(self.ctm, *x, *y);
                if let Some(from) = self.current {
                    self.path.push((from, to));
                }
                self.current = Some(to);
            }
            ("re", [x, y, w, h]) => self.rectangle(*x, *y, *w, *h),
            ("c", [.., x, y]) | ("v", [.., x, y]) | ("y", [.., x, y]) => {
                self.curved = true;
                self.current = Some(apply(self.ctm, *x, *y));
            }
            _ => {}
        }
    }

    /// Drops the rules painted so far under an opaque image: it fills the unit square the
    /// CTM maps to the page. An image as thin as a rule (a border drawn as a picture over
    /// its own rule) is a rule to the eye, and hides none.
    fn cover(&mut self) {
        let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| apply(self.ctm, x, y));
        let (lo_x, hi_x, lo_y, hi_y) = extent(corners);
        if hi_x - lo_x < THIN || hi_y - lo_y < THIN {
            return;
        }
        let (left, right) = (lo_x - SAME, hi_x + SAME);
        let (top, bottom) = (lo_y - SAME, hi_y + SAME);
        let inside = |x: f64, y0: f64, y1: f64| x >= left && x <= right && y0 >= top && y1 <= bottom;
        self.rules.walls.retain(|w| !inside(w.x, w.top, w.bottom));
        self.rules
            .beams
            .retain(|b| !(inside(b.left, b.y, b.y) && inside(b.right, b.y, b.y)));
    }

    fn rectangle(&mut self, x: f64, y: f64, w: f64, h: f64) {
        let corners = [
            apply(self.ctm, x, y),
            apply(self.ctm, x + w, y),
            apply(self.ctm, x + w, y + h),
            apply(self.ctm, x, y + h),
        ];
        let next = corners.iter().cycle().skip(1);
        self.path.extend(corners.iter().copied().zip(next.copied()));
    }

    /// Keeps the vertical and horizontal segments of the path (a thin filled box becomes
    /// its middle line).
    fn paint(&mut self, filled: bool) {
        let path = std::mem::take(&mut self.path);
        if std::mem::replace(&mut self.curved, false) {
            return;
        }
        let (lo_x, hi_x, lo_y, hi_y) = extent(path.iter().flat_map(|(a, b)| [*a, *b]));
        if filled {
            if hi_x - lo_x < THIN && hi_y - lo_y >= SHORT {
                self.wall((lo_x + hi_x) / 2.0, lo_y, hi_y);
            } else if hi_y - lo_y < THIN && hi_x - lo_x >= SHORT {
                self.beam((lo_y + hi_y) / 2.0, lo_x, hi_x);
            }
            return;
        }
        for ((x0, y0), (x1, y1)) in path {
            if (x0 - x1).abs() < 0.5 && (y0 - y1).abs() >= SHORT {
                self.wall(x0, y0.min(y1), y0.max(y1));
            } else if (y0 - y1).abs() < 0.5 && (x0 - x1).abs() >= SHORT {
                self.beam(y0, x0.min(x1), x0.max(x1));
            }
        }
    }

    fn wall(&mut self, x: f64, lo: f64, hi: f64) {
        self.rules.walls.push(Wall {
            x,
            top: lo,
            bottom: hi,
            drawn: true,
        });
    }

    fn beam(&mut self, y: f64, left: f64, right: f64) {
        self.rules.beams.push(Beam { y, left, right });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The painter after `stream`, a content stream, has been followed.
    fn paint(p: &mut Painter, stream: &str) {
        let marks = super::super::content::marks(stream.as_bytes()).expect("a content stream");
        for op in marks.iter() {
            p.step(op);
        }
    }

    #[test]
    fn strokes_and_thin_boxes_become_walls() {
        let none = HashSet::new();
        let mut p = Painter::new(page(), &none);
        paint(&mut p, "q 1 0 0 1 10 0 cm 100 700 m 100 600 l S Q");
        paint(&mut p, "200 600 0.5 100 re f 300 600 50 50 re f");
        let xs: Vec<(f64, f64, f64)> = p.rules.walls.iter().map(|w| (w.x, w.top, w.bottom)).collect();
        assert_eq!(xs, vec![(110.0, 100.0, 200.0), (200.25, 100.0, 200.0)]);
        paint(&mut p, "50 500 200 .5 re f");
        assert_eq!(
            p.rules.beams,
            vec![Beam {
                y: 299.75,
                left: 50.0,
                right: 250.0
            }]
        );
    }

    fn page() -> Matrix {
        super::super::frame::reading_frame(0, (0.0, 0.0, 600.0, 800.0))
    }

    #[test]
    fn rules_an_opaque_image_is_painted_over_are_hidden() {
        // a scan's page: the scanner's software strokes its own grid first, then paints the
        // page image over the whole page; a logo painted later over a corner hides nothing
        // it does not cover, and rules drawn after the image stay; nor does a picture as
        // thin as a rule
        let opaque = HashSet::from([b"img0".to_vec(), b"logo".to_vec()]);
        let mut p = Painter::new(page(), &opaque);
        paint(
            &mut p,
            "100 100 m 100 400 l S q 600 0 0 800 0 0 cm /img0 Do Q \
             300 100 m 300 400 l S q 50 0 0 50 0 0 cm /logo Do Q \
             50 700 m 450 700 l S /form Do",
        );
        // a border drawn as a thin picture over its own rule
        paint(&mut p, "q 400 0 0 0.5 50 99.75 cm /logo Do Q");
        let xs: Vec<f64> = p.rules.walls.iter().map(|w| w.x).collect();
        assert_eq!(xs, vec![300.0]);
        assert_eq!(p.rules.beams, vec![beam(100.0, 50.0, 450.0)]);
    }

    fn beam(y: f64, left: f64, right: f64) -> Beam {
        Beam { y, left, right }
    }

    #[test]
    fn rules_drawn_cell_by_cell_give_the_column_edges_between_them() {
        // two rows of three cells: each rule in three pieces, split at 100 and 200; the
        // closing rule drawn whole
        let mut beams = Vec::new();
        for y in [10.0, 30.0] {
            beams.extend([beam(y, 0.0, 100.0), beam(y, 100.0, 200.0), beam(y, 200.0, 300.0)]);
        }
        beams.push(beam(50.0, 0.0, 300.0));
        let edges: Vec<(f64, f64, f64)> = cell_edges(&beams, &[])
            .iter()
            .map(|w| (w.x, w.top, w.bottom))
            .collect();
        assert_eq!(
            edges,
            vec![
                (100.0, 10.0, 30.0),
                (200.0, 10.0, 30.0),
                (100.0, 30.0, 50.0),
                (200.0, 30.0, 50.0)
            ]
        );
        // the page draws a column rule of its own between them: its rules are the columns
        let drawn = Wall {
            x: 150.0,
            top: 10.0,
            bottom: 50.0,
            drawn: true,
        };
        assert!(cell_edges(&beams, &[drawn]).is_empty());
        // a rule split under one cell only, over a whole rule that is not the last: no edge
        let lone = [
            beam(10.0, 0.0, 100.0),
            beam(10.0, 100.0, 300.0),
            beam(30.0, 0.0, 300.0),
            beam(50.0, 0.0, 300.0),
        ];
        assert!(cell_edges(&lone, &[]).is_empty());
    }

    #[test]
    fn the_straight_pieces_of_a_curved_path_are_not_rules() {
        let none = HashSet::new();
        let mut p = Painter::new(page(), &none);
        // a letter's outline stroked: a stem and a bowl; then a rule
        paint(
            &mut p,
            "100 700 m 100 600 l 120 600 140 620 140 650 c 100 700 l S 200 700 m 200 600 l S",
        );
        let xs: Vec<f64> = p.rules.walls.iter().map(|w| w.x).collect();
        assert_eq!(xs, vec![200.0]);
    }
}
