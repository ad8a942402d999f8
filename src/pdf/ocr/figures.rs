//! A second reading of a scan's figures. Each word of the page's reading that holds a digit
//! (with the words a narrow gap parts it from, as one figure) is cut from the rendered
//! page, the cuts are stacked one under another on a white image,
//! and Tesseract reads that image again knowing only digits, `.`, `,` and `%`: a table's
//! rules, letters and neighbours no longer pull its reading of a figure astray. A word
//! takes the second reading where that is a number in a printed format and its first is
//! not the same number.

use super::words::Word;
use super::OcrError;
use crate::parsers::{parse_quantity, Amount};

/// Pixels kept around a word's box when it is cut out.
const MARGIN: usize = 8;
/// White pixels between two cuts, and left of each.
const GAP: usize = 24;
/// Most words read again on one image (a tall image is slow to read).
const CUTS_AT_ONCE: usize = 150;
/// Largest cut read again, in pixels (at 300 dpi two thirds of an inch tall, five inches
/// wide): no printed figure is larger, and a box that is, from a stamp or a drawing,
/// would make the stacked image huge.
const MAX_CUT: (usize, usize) = (1500, 200);

/// A page rendered as a binary PGM (`P5`, 8-bit grey): its size and pixels, row by row.
pub(super) struct Grey<'a> {
    width: usize,
    height: usize,
    pixels: &'a [u8],
}

impl<'a> Grey<'a> {
    /// The image pdftoppm writes with `-gray`, or `None` for anything else.
    pub(super) fn parse(pgm: &'a [u8]) -> Option<Grey<'a>> {
        let mut fields = pgm.splitn(4, |b| b.is_ascii_whitespace());
        let (magic, width, height, max) = (fields.next()?, fields.next()?, fields.next()?, fields.next()?);
        let number = |f: &[u8]| std::str::from_utf8(f).ok()?.parse::<usize>().ok();
        let (width, height) = (number(width)?, number(height)?);
        // the maximum grey value, one whitespace, then the pixels
        let cut = max.iter().position(u8::is_ascii_whitespace)?;
        let pixels = max.get(cut + 1..)?;
        let (b"P5", Some(b"255")) = (magic, max.get(..cut)) else {
            return None;
        };
        (pixels.len() == width.checked_mul(height)?).then_some(Grey {
            width,
            height,
            pixels,
        })
    }

    /// The pixels of row `y`, columns `left..right`, clipped to the image.
    fn row(&self, y: usize, left: usize, right: usize) -> &[u8] {
        let start = y * self.width;
        self.pixels
            .get(start + left..start + right.min(self.width))
            .unwrap_or_default()
    }
}

/// Reads the figures of `words` again from `page` and puts the better reading in each. A
/// figure the first reading split into words (`401 070.543 528`: its dots lost, each a
/// narrow gap) is read again whole, and becomes one word where the reading is better.
pub(super) fn reread(page: &Grey, words: &mut Vec<Word>, dpi: &str) -> Result<(), OcrError> {
    let figures = figures(words);
    let mut merged = vec![false; words.len()];
    for chunk in figures.chunks(CUTS_AT_ONCE) {
        let readings = read_again(page, words, chunk, dpi)?;
        for (group, second) in chunk.iter().zip(readings) {
            let first: Vec<&str> = group
                .iter()
                .filter_map(|&i| Some(words.get(i)?.text.as_str()))
                .collect();
            if !better(&second, &first.join(" ")) {
                continue;
            }
            let Some((&head, rest)) = group.split_first() else {
                continue;
            };
            for &i in rest {
                let Some(part) = words.get(i).cloned() else {
                    continue;
                };
                if let Some(w) = words.get_mut(head) {
                    w.absorb(&part);
                }
                if let Some(m) = merged.get_mut(i) {
                    *m = true;
                }
            }
            if let Some(w) = words.get_mut(head) {
                w.text = second;
            }
        }
    }
    let mut keep = merged.iter().map(|m| !m);
    words.retain(|_| keep.next().unwrap_or(true));
    Ok(())
}

/// The words holding a digit, in order, those of a line parted by a gap narrower than
/// half the taller's height grouped as one figure.
fn figures(words: &[Word]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if !word.text.contains(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let previous = groups
            .last()
            .and_then(|g| g.last())
            .filter(|&&p| p + 1 == i)
            .and_then(|&p| words.get(p));
        match previous
            .is_some_and(|p| p.line == word.line && p.gap_to(word) < p.height.max(word.height) / 2.0)
        {
            true => groups.last_mut().into_iter().for_each(|g| g.push(i)),
            false => groups.push(vec![i]),
        }
    }
    groups
}

/// The second reading of each group of words: cut out whole, stacked on one image, read
/// knowing only digits and separators.
fn read_again(
    page: &Grey,
    words: &[Word],
    groups: &[Vec<usize>],
    dpi: &str,
) -> Result<Vec<String>, OcrError> {
    let cuts: Vec<Option<Cut>> = groups
        .iter()
        .map(|g| Cut::around(page, g.iter().filter_map(|&i| words.get(i))))
        .collect();
    let present: Vec<&Cut> = cuts.iter().flatten().collect();
    let (stack, bands) = stacked(page, &present);
    let options = ["--psm", "6", "-c", "tessedit_char_whitelist=0123456789.,%"];
    let again = super::tesseract(&stack, dpi, &options)?;
    let mut bands = bands.into_iter();
    Ok(cuts
        .iter()
        .map(|cut| match cut.as_ref().and_then(|_| bands.next()) {
            Some(band) => again
                .iter()
                .filter(|w| band.contains(&(w.middle() as usize)))
                .map(|w| w.text.as_str())
                .collect(),
            None => String::new(),
        })
        .collect())
}

/// Whether `second` is a number in a printed format that `first` does not read as.
fn better(second: &str, first: &str) -> bool {
    let exact = |t: &str| match parse_quantity(t).map(|q| q.amount) {
        Some(Amount::Exact(r)) => Some(r.number),
        _ => None,
    };
    exact(second).is_some_and(|n| exact(first) != Some(n))
}

/// The box of a figure's words on the page, with a margin, clipped to the page.
struct Cut {
    left: usize,
    top: usize,
    right: usize,
    bottom: usize,
}

impl Cut {
    /// The box around `words`, with a margin, clipped to the page.
    fn around<'w>(page: &Grey, words: impl Iterator<Item = &'w Word>) -> Option<Cut> {
        let (mut left, mut top, mut right, mut bottom) = (f64::INFINITY, f64::INFINITY, 0.0f64, 0.0f64);
        for w in words {
            let (l, t, r, b) = w.bounds();
            (left, top, right, bottom) = (left.min(l), top.min(t), right.max(r), bottom.max(b));
        }
        let pixel = |v: f64| (v.is_finite() && v >= 0.0).then_some(v as usize);
        Some(Cut {
            left: pixel(left)?.saturating_sub(MARGIN),
            top: pixel(top)?.saturating_sub(MARGIN),
            right: (pixel(right)? + MARGIN).min(page.width),
            bottom: (pixel(bottom)? + MARGIN).min(page.height),
        })
        .filter(|c| c.left < c.right && c.top < c.bottom)
        .filter(|c| c.right - c.left <= MAX_CUT.0 && c.bottom - c.top <= MAX_CUT.1)
    }
}

/// The cuts one under another on a white PGM, and the rows each occupies there.
fn stacked(page: &Grey, cuts: &[&Cut]) -> (Vec<u8>, Vec<std::ops::Range<usize>>) {
    let width = cuts.iter().map(|c| c.right - c.left).max().unwrap_or(0) + 2 * GAP;
    let height = cuts.iter().map(|c| c.bottom - c.top + GAP).sum::<usize>() + GAP;
    let mut pixels = vec![u8::MAX; width * height];
    let mut bands = Vec::with_capacity(cuts.len());
    let mut y = GAP;
    for cut in cuts {
        for (row, source) in (cut.top..cut.bottom).enumerate() {
            let from = page.row(source, cut.left, cut.right);
            let at = (y + row) * width + GAP;
            if let Some(to) = pixels.get_mut(at..at + from.len()) {
                to.copy_from_slice(from);
            }
        }
        let rows = cut.bottom - cut.top;
        bands.push(y..y + rows);
        y += rows + GAP;
    }
    let mut pgm = format!("P5\n{width} {height}\n255\n").into_bytes();
    pgm.extend_from_slice(&pixels);
    (pgm, bands)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::ocr::words;

    #[test]
    fn a_pgm_is_read_and_its_cuts_stacked_in_bands() {
        // 4 x 3 pixels, a black pixel at (1, 1) and (2, 2)
        let mut pgm = b"P5\n4 3\n255\n".to_vec();
        pgm.extend_from_slice(&[255, 255, 255, 255, 255, 0, 255, 255, 255, 255, 0, 255]);
        let page = Grey::parse(&pgm).unwrap();
        assert_eq!((page.width, page.height), (4, 3));
        assert_eq!(page.row(1, 0, 9), &[255, 0, 255, 255]);
        let cuts = [
            Cut {
                left: 1,
                top: 1,
                right: 3,
                bottom: 3,
            },
            Cut {
                left: 0,
                top: 0,
                right: 1,
                bottom: 1,
            },
        ];
        let (stack, bands) = stacked(&page, &[&cuts[0], &cuts[1]]);
        assert_eq!(bands, [GAP..GAP + 2, 2 * GAP + 2..2 * GAP + 3]);
        let (width, header) = (2 + 2 * GAP, format!("P5\n{} {}\n255\n", 2 + 2 * GAP, 3 * GAP + 3));
        assert!(stack.starts_with(header.as_bytes()));
        let pixels = &stack[header.len()..];
        // the first cut's two rows: (1,1) black, then (2,2) black, GAP pixels from the left
        assert_eq!(&pixels[GAP * width + GAP..GAP * width + GAP + 2], &[0, 255]);
        assert_eq!(
            &pixels[(GAP + 1) * width + GAP..(GAP + 1) * width + GAP + 2],
            &[255, 0]
        );
        assert!(Grey::parse(b"P6\n1 1\n255\n\0\0\0").is_none());
        assert!(Grey::parse(b"P5\n2 2\n255\n\0").is_none());
    }

    #[test]
    fn the_words_of_a_figure_split_at_narrow_gaps_are_read_as_one() {
        let row = |left: u32, width: u32, line: u32, text: &str| {
            format!("5\t1\t1\t1\t{line}\t1\t{left}\t10\t{width}\t40\t90\t{text}")
        };
        let tsv = [
            "level".to_string(),
            row(100, 60, 1, "401"),
            row(172, 120, 1, "070.543"), // 12 px after it: under half the height (40)
            row(308, 60, 1, "528"),      // 16 px
            row(408, 90, 1, "93.013"),   // 40 px: the next column
            row(520, 40, 1, "Rp"),       // no digit
            row(560, 60, 1, "1"),        // after a word without a digit
            row(100, 60, 2, "7"),        // the next line
        ]
        .join("\n");
        let mut words = words::words(&tsv);
        assert_eq!(figures(&words), [vec![0, 1, 2], vec![3], vec![5], vec![6]]);
        let part = words[1].clone();
        words[0].absorb(&part);
        assert_eq!(words[0].bounds(), (100.0, 10.0, 292.0, 50.0));
        // a box larger than any printed figure is not cut out
        let mut pgm = b"P5\n3000 400\n255\n".to_vec();
        pgm.resize(pgm.len() + 3000 * 400, u8::MAX);
        let page = Grey::parse(&pgm).unwrap();
        assert!(Cut::around(&page, words.iter().take(1)).is_some());
        let tall = words::words(
            &[
                "level".to_string(),
                row(10, 60, 1, "9").replace("\t40\t90", "\t300\t90"),
            ]
            .join("\n"),
        );
        assert!(Cut::around(&page, tall.iter()).is_none());
    }

    #[test]
    fn a_second_reading_is_taken_only_when_it_is_another_well_formed_number() {
        assert!(better("42.288.921.240", "422889212401"));
        assert!(better("82,53", "8253"));
        assert!(better("45.955.396.559", "45.955.3965,559"));
        assert!(!better("45,965.396,559", "45.955.396.559"));
        assert!(!better("92,02", "92,02"));
        assert!(!better("", "B6,77"));
    }
}
