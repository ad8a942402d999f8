//! The reading frame of a page: PDF user space (origin bottom left, y up) turned so that
//! the text runs left to right and lines go down, origin top left. Upright text keeps its
//! x and gets y from the top; a table set sideways on the page (text running up or down)
//! is turned a quarter so it reads as rows, as a viewer's rotate button would show it.

/// An affine matrix `[a b c d e f]` as PDF writes them: `(x, y)` maps to
/// `(a·x + c·y + e, b·x + d·y + f)`.
pub type Matrix = [f64; 6];

/// Applies a matrix to a point.
pub fn apply(m: Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// `m` then `n`.
pub fn multiply(m: Matrix, n: Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// Which way a glyph's baseline runs, in quarter turns counter-clockwise from left to
/// right: 0 upright, 1 running up the page, 2 upside down, 3 running down.
pub fn quarter_turns(dx: f64, dy: f64) -> u8 {
    let turns = (dy.atan2(dx) / std::f64::consts::FRAC_PI_2).round();
    // `rem_euclid` keeps it in 0..4; a NaN direction counts as upright
    (turns.rem_euclid(4.0) as u8) % 4
}

/// The matrix from user space to the reading frame of text turned `turns` quarter turns,
/// on a page whose box is `(llx, lly, urx, ury)`: the box's top left corner, as the text
/// reads, is the origin.
pub fn reading_frame(turns: u8, media_box: (f64, f64, f64, f64)) -> Matrix {
    // the baseline b and the line-down vector -u, u being b turned a quarter left
    let (bx, by) = match turns % 4 {
        0 => (1.0, 0.0),
        1 => (0.0, 1.0),
        2 => (-1.0, 0.0),
        _ => (0.0, -1.0),
    };
    let (ux, uy) = (-by, bx);
    let turn: Matrix = [bx, -ux, by, -uy, 0.0, 0.0];
    let (llx, lly, urx, ury) = media_box;
    let corners = [(llx, lly), (llx, ury), (urx, lly), (urx, ury)].map(|(x, y)| apply(turn, x, y));
    let left = corners.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
    let top = corners.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
    [turn[0], turn[1], turn[2], turn[3], -left, -top]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_put_the_text_start_top_left() {
        let page = (0.0, 0.0, 600.0, 800.0);
        // upright: x kept, y from the top
        assert_eq!(apply(reading_frame(0, page), 50.0, 700.0), (50.0, 100.0));
        // running up the page (a landscape table on a portrait page): the page's bottom
        // edge is the reading top, y up the page is x across
        assert_eq!(apply(reading_frame(1, page), 50.0, 700.0), (700.0, 50.0));
        // running down: the right edge is the top
        assert_eq!(apply(reading_frame(3, page), 550.0, 700.0), (100.0, 50.0));
        assert_eq!(apply(reading_frame(2, page), 550.0, 700.0), (50.0, 700.0));
        assert_eq!(quarter_turns(1.0, 0.0), 0);
        assert_eq!(quarter_turns(0.0, 2.0), 1);
        assert_eq!(quarter_turns(-1.0, 0.01), 2);
        assert_eq!(quarter_turns(0.0, -1.0), 3);
        assert_eq!(quarter_turns(f64::NAN, 0.0), 0);
    }
}
