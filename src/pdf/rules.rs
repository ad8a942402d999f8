//! Ruling lines: the horizontal and vertical lines a page draws (stroked paths, or thin
//! filled rectangles as Word draws table borders), in page coordinates with the origin top
//! left. Table cells sit between them.

use pdf_extract::content::{Content, Operation};

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
}

/// A rule thinner than this (points) is a line, not a box.
const THIN: f64 = 2.0;
/// A rule shorter than this (points) is a mark, not a border.
const SHORT: f64 = 5.0;

use super::frame::{apply, multiply, Matrix};

/// The ruling lines a page's decoded content draws, in the reading frame `frame` maps
/// user space to (see [`super::frame::reading_frame`]).
pub fn rules(content: &Content, frame: Matrix) -> Rules {
    let mut state = Painter::new(frame);
    for op in &content.operations {
        state.step(op);
    }
    state.rules
}

/// Follows the graphics operators that build and paint paths.
struct Painter {
    ctm: Matrix,
    stack: Vec<Matrix>,
    /// Segments of the path being built, in page space.
    path: Vec<((f64, f64), (f64, f64))>,
    current: Option<(f64, f64)>,
    rules: Rules,
}

impl Painter {
    /// A painter at the start of a page: the CTM is the reading frame, no path, no rules.
    fn new(frame: Matrix) -> Painter {
        Painter {
            ctm: frame,
            stack: Vec::new(),
            path: Vec::new(),
            current: None,
            rules: Rules::default(),
        }
    }

    fn step(&mut self, op: &Operation) {
        let n: Vec<f64> = op
            .operands
            .iter()
            .filter_map(|o| o.as_float().ok().map(f64::from))
            .collect();
        match (op.operator.as_str(), n.as_slice()) {
            ("q", _) => self.stack.push(self.ctm),
            ("Q", _) => self.ctm = self.stack.pop().unwrap_or(self.ctm),
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
            ("S" | "s", _) => self.paint(false),
            ("f" | "F" | "f*" | "B" | "B*" | "b" | "b*", _) => self.paint(true),
            ("n", _) => self.path.clear(),
            _ => {}
        }
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
        let (xs, ys): (Vec<f64>, Vec<f64>) = path.iter().flat_map(|(a, b)| [*a, *b]).unzip();
        let low = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
        let high = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (lo_x, hi_x, lo_y, hi_y) = (low(&xs), high(&xs), low(&ys), high(&ys));
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
        });
    }

    fn beam(&mut self, y: f64, left: f64, right: f64) {
        self.rules.beams.push(Beam { y, left, right });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::Object;

    fn op(operator: &str, operands: &[f64]) -> Operation {
        Operation {
            operator: operator.into(),
            operands: operands.iter().map(|&v| Object::Real(v as f32)).collect(),
        }
    }

    #[test]
    fn strokes_and_thin_boxes_become_walls() {
        let mut p = Painter::new(super::super::frame::reading_frame(0, (0.0, 0.0, 600.0, 800.0)));
        for o in [
            op("q", &[]),
            op("cm", &[1.0, 0.0, 0.0, 1.0, 10.0, 0.0]),
            op("m", &[100.0, 700.0]),
            op("l", &[100.0, 600.0]),
            op("S", &[]),
            op("Q", &[]),
        ] {
            p.step(&o);
        }
        for o in [
            op("re", &[200.0, 600.0, 0.5, 100.0]),
            op("f", &[]),
            op("re", &[300.0, 600.0, 50.0, 50.0]),
            op("f", &[]),
        ] {
            p.step(&o);
        }
        let xs: Vec<(f64, f64, f64)> = p.rules.walls.iter().map(|w| (w.x, w.top, w.bottom)).collect();
        assert_eq!(xs, vec![(110.0, 100.0, 200.0), (200.25, 100.0, 200.0)]);
        for o in [op("re", &[50.0, 500.0, 200.0, 0.5]), op("f", &[])] {
            p.step(&o);
        }
        assert_eq!(
            p.rules.beams,
            vec![Beam {
                y: 299.75,
                left: 50.0,
                right: 250.0
            }]
        );
    }
}
