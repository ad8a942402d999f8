//! Tesseract's TSV read into glyphs of the page model: each word one glyph, placed on its
//! line's baseline in points from the page's top left, sized by the page's median line
//! height.

use crate::pdf::layout::Glyph;

/// One word Tesseract read, in pixels of the rendered page.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Word {
    /// The line it is on: block, paragraph and line numbers.
    pub(super) line: (u32, u32, u32),
    left: f64,
    top: f64,
    width: f64,
    pub(super) height: f64,
    /// How sure Tesseract is of it, 0 to 100.
    pub(super) confidence: f64,
    pub(super) text: String,
}

impl Word {
    /// Its box in pixels: left, top, right, bottom.
    pub(super) fn bounds(&self) -> (f64, f64, f64, f64) {
        (
            self.left,
            self.top,
            self.left + self.width,
            self.top + self.height,
        )
    }

    /// The middle of its height, in pixels from the top.
    pub(super) fn middle(&self) -> f64 {
        self.top + self.height / 2.0
    }

    /// The blank between its right edge and `next`'s left edge, in pixels.
    pub(super) fn gap_to(&self, next: &Word) -> f64 {
        next.left - (self.left + self.width)
    }

    /// Takes `part` in: its box grows to cover both, its confidence is the lower.
    pub(super) fn absorb(&mut self, part: &Word) {
        let (left, top) = (self.left.min(part.left), self.top.min(part.top));
        let right = (self.left + self.width).max(part.left + part.width);
        let bottom = (self.top + self.height).max(part.top + part.height);
        (self.left, self.top, self.width, self.height) = (left, top, right - left, bottom - top);
        self.confidence = self.confidence.min(part.confidence);
    }
}

/// The words of a TSV (rows of level 5), skipping empty words (Tesseract gives a ruling
/// line as one) and rows that do not parse.
pub(super) fn words(tsv: &str) -> Vec<Word> {
    tsv.lines().skip(1).filter_map(word).collect()
}

/// A TSV row, when it is a word with text.
fn word(row: &str) -> Option<Word> {
    let f: Vec<&str> = row.split('\t').collect();
    let [level, _page, block, par, line, _word, left, top, width, height, conf, text] = f[..] else {
        return None;
    };
    let n = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    // a bar is a vertical rule crossing the line, read alone or with the word it touches
    // (`42.288.921.240|`), not text
    let text = text.trim().trim_matches('|');
    if level != "5" || text.is_empty() {
        return None;
    }
    Some(Word {
        line: (block.parse().ok()?, par.parse().ok()?, line.parse().ok()?),
        left: n(left)?,
        top: n(top)?,
        width: n(width)?,
        height: n(height)?,
        confidence: n(conf)?.clamp(0.0, 100.0),
        text: text.to_string(),
    })
}

/// A line's height over its font size: ascenders to descenders fill about nine tenths of
/// an em.
const LINE_HEIGHT_EMS: f64 = 0.9;

/// The words as glyphs in points (`scale` points a pixel), each line's words on one
/// baseline (the line's lowest word bottom), all of one size: the page's median line
/// height. A scan's lines differ in height by their letters (`dan` against `(APBD)`), not
/// by their type, and the layout compares lines by size.
pub(super) fn glyphs(words: &[Word], scale: f64) -> Vec<Glyph> {
    let lines: Vec<&[Word]> = words.chunk_by(|a, b| a.line == b.line).collect();
    let bounds = |line: &[Word]| {
        let top = line.iter().map(|w| w.top).fold(f64::INFINITY, f64::min);
        let bottom = line
            .iter()
            .map(|w| w.top + w.height)
            .fold(f64::NEG_INFINITY, f64::max);
        (top, bottom)
    };
    let mut heights: Vec<f64> = lines.iter().map(|l| bounds(l)).map(|(t, b)| b - t).collect();
    heights.sort_by(f64::total_cmp);
    let size = heights
        .get(heights.len() / 2)
        .map_or(0.0, |h| h / LINE_HEIGHT_EMS * scale);
    let mut glyphs = Vec::with_capacity(words.len());
    for line in lines {
        let (_, bottom) = bounds(line);
        glyphs.extend(line.iter().map(|w| Glyph {
            x: w.left * scale,
            y: bottom * scale,
            width: w.width * scale,
            size,
            text: w.text.clone(),
            run: 0,
        }));
    }
    glyphs
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str =
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
4\t1\t2\t1\t1\t0\t100\t200\t900\t40\t-1\t
5\t1\t2\t1\t1\t1\t100\t200\t150\t40\t96.5\tJumlah
5\t1\t2\t1\t1\t2\t700\t204\t300\t30\t11.2\t2.477.171|
5\t1\t2\t1\t1\t3\t1000\t200\t20\t56\t94\t|
5\t1\t3\t1\t1\t1\t180\t524\t2172\t12\t95\t 
5\t1\t4\t1\t1\t1\t100\t300\t80\t36\t90\tTarget
";

    #[test]
    fn words_keep_their_box_and_confidence_and_rules_are_dropped() {
        // the rule touching `2.477.171` is dropped from it too
        let w = words(TSV);
        let texts: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Jumlah", "2.477.171", "Target"]);
        assert_eq!(w[1].confidence, 11.2);
        assert_eq!(
            (w[1].left, w[1].top, w[1].width, w[1].height),
            (700.0, 204.0, 300.0, 30.0)
        );
    }

    #[test]
    fn a_lines_words_share_its_baseline_in_points() {
        // 300 dpi: 0.24 points a pixel
        let g = glyphs(&words(TSV), 0.24);
        assert_eq!(g.len(), 3);
        assert_eq!((g[0].y, g[1].y), (240.0 * 0.24, 240.0 * 0.24));
        assert_eq!(g[1].x, 700.0 * 0.24);
        assert_eq!(g[1].width, 300.0 * 0.24);
        // the median of the two lines' heights (40 and 36 px), for every glyph
        assert!((g[0].size - 40.0 / 0.9 * 0.24).abs() < 1e-9);
        assert_eq!(g[2].size, g[0].size);
        assert_eq!(g[2].y, 336.0 * 0.24);
    }

    #[test]
    fn rows_that_do_not_parse_are_skipped() {
        assert!(words("header\n5\t1\tx\n5\t1\t1\t1\t1\t1\tNaN\t1\t1\t1\t90\tw\n").is_empty());
    }
}
