//! Text drawn twice over itself (a shadow, or bold faked by printing twice a hair apart)
//! read once.

use super::Drawn;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Two glyphs of one text nearer than this (points, in either direction) are one glyph
/// drawn twice; it is also the height of the bands glyphs are looked up in.
const OVERPRINT_BAND: f64 = 4.0;

/// The glyphs a reader sees: a glyph drawn again over itself kept once; empty when none
/// is visible (spaces only).
pub(super) fn visible(glyphs: Vec<Drawn>) -> Vec<Drawn> {
    if glyphs.iter().all(|g| g.text.trim().is_empty()) {
        return Vec::new();
    }
    let keep = first_drawings(&glyphs);
    glyphs
        .into_iter()
        .zip(keep)
        .filter_map(|(g, k)| k.then_some(g))
        .collect()
}

/// Where a text was drawn: the text, its direction, its band of baselines.
type DrawnAt<'a> = (&'a str, u8, i64);

/// For each glyph, whether it is the first drawing of its text at its place.
fn first_drawings(glyphs: &[Drawn]) -> Vec<bool> {
    let mut seen: FxHashMap<DrawnAt, Kept> = FxHashMap::default();
    let mut keep = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let text = g.text.as_str();
        // a glyph not placed on the page (an infinite or undefined origin) is near nothing
        if text.trim().is_empty() || !(g.x.is_finite() && g.y.is_finite()) {
            keep.push(true);
            continue;
        }
        let near = (g.width.abs() * 0.3)
            .max(g.size.abs() * 0.05)
            .clamp(0.1, OVERPRINT_BAND);
        // a glyph nearer than `near` has its baseline in a band within `near` of this one's
        let over = near.is_finite()
            && (band_of(g.y - near)..=band_of(g.y + near))
                .filter_map(|b| seen.get(&(text, g.turns, b)))
                .any(|kept| kept.has_near(g.x, g.y, near));
        if !over {
            seen.entry((text, g.turns, band_of(g.y)))
                .or_insert_with(|| Kept::Few(Vec::new()))
                .add(g.x, g.y);
        }
        keep.push(!over);
    }
    keep
}

/// The band of [`OVERPRINT_BAND`] points a coordinate is in.
fn band_of(at: f64) -> i64 {
    (at / OVERPRINT_BAND).floor() as i64
}

/// The origins kept of one text in one band: a few in a list, more sorted across (a line
/// of ten thousand dot leaders is not compared dot with dot).
enum Kept {
    Few(Vec<(f64, f64)>),
    Many(BTreeMap<i64, Vec<(f64, f64)>>),
}

/// The most origins kept in a list.
const FEW: usize = 32;

impl Kept {
    /// Whether an origin is kept nearer than `near` (in both directions) to `x`, `y`.
    fn has_near(&self, x: f64, y: f64, near: f64) -> bool {
        let close = |&(kx, ky): &(f64, f64)| (kx - x).abs() < near && (ky - y).abs() < near;
        match self {
            Kept::Few(list) => list.iter().any(close),
            Kept::Many(across) => across
                .range(in_order(x - near)..=in_order(x + near))
                .flat_map(|(_, at)| at)
                .any(close),
        }
    }

    fn add(&mut self, x: f64, y: f64) {
        match self {
            Kept::Few(list) if list.len() < FEW => list.push((x, y)),
            Kept::Few(list) => {
                let mut across: BTreeMap<i64, Vec<(f64, f64)>> = BTreeMap::new();
                for (kx, ky) in list.drain(..).chain([(x, y)]) {
                    across.entry(in_order(kx)).or_default().push((kx, ky));
                }
                *self = Kept::Many(across);
            }
            Kept::Many(across) => across.entry(in_order(x)).or_default().push((x, y)),
        }
    }
}

/// A finite coordinate as an integer in the same order (the key of a sorted map).
fn in_order(at: f64) -> i64 {
    let bits = at.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_keep_their_order_as_integers() {
        let xs = [-1e300, -4.0, -0.1, -0.0, 0.0, 0.1, 3.999, 4.0, 1e300];
        for pair in xs.windows(2) {
            assert!(in_order(pair[0]) <= in_order(pair[1]), "{pair:?}");
        }
        assert!(in_order(-0.1) < in_order(0.1));
    }
}
