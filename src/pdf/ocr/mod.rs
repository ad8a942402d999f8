//! Scanned pages read by OCR: the page rendered by poppler's `pdftoppm`, its words read
//! by Tesseract with the Indonesian model, with their boxes and confidences
//! ([`words`]), and made glyphs of the page model a text layer gives — so lines, tables,
//! records and checks read a scan as they read a text PDF.

mod command;
mod figures;
mod words;

use crate::pdf::layout::{Glyph, TextLine};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use pdf_extract::{Document, ObjectId};
use std::collections::BTreeMap;
use std::sync::{Once, OnceLock};

/// Which pages are read by OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Ocr {
    /// Pages without a text layer (a scan): the text layer of the others is read.
    #[default]
    Auto,
    /// No page: a page without a text layer is reported as such.
    Never,
    /// Every page, its text layer (a poor OCR layer, say) set aside.
    Always,
}

/// A word read with a confidence below this (0-100) is uncertain: Tesseract gives the
/// words of a clean print 90 or more.
pub const UNCERTAIN_BELOW: u8 = 80;

/// Why a page could not be read by OCR.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OcrError {
    /// A program OCR needs is not installed.
    #[error("{program} is not installed; OCR needs poppler's pdftoppm and Tesseract with its Indonesian data (Debian: apt-get install poppler-utils tesseract-ocr tesseract-ocr-ind)")]
    Missing {
        /// The program.
        program: String,
    },
    /// Tesseract has no Indonesian model.
    #[error(
        "Tesseract has no Indonesian data (ind); install it (Debian: apt-get install tesseract-ocr-ind)"
    )]
    NoIndonesian,
    /// A program failed on the page.
    #[error("{program} failed{}: {said}", status.map(|c| format!(" (exit code {c})")).unwrap_or_default())]
    Failed {
        /// The program.
        program: String,
        /// Its exit code, when it exited.
        status: Option<i32>,
        /// The last thing it printed, or why it could not run.
        said: String,
    },
    /// A program ran past the time limit on the page and was stopped.
    #[error("{program} took more than {seconds} s on the page and was stopped")]
    TimedOut {
        /// The program.
        program: String,
        /// The limit.
        seconds: u64,
    },
}

/// A page read by OCR.
#[derive(Debug, Clone, PartialEq)]
pub struct Scanned {
    /// Its words as glyphs, in points from the page's top left.
    pub glyphs: Vec<Glyph>,
    /// Every word read and its confidence (0-100), in reading order.
    pub words: Vec<(String, u8)>,
}

impl Scanned {
    /// The mean confidence of its words (0-100), or 0 when it has none.
    pub fn confidence(&self) -> u8 {
        let sum: u64 = self.words.iter().map(|w| u64::from(w.1)).sum();
        u8::try_from(sum / (self.words.len() as u64).max(1)).unwrap_or(100)
    }
}

/// Rendering resolution: Tesseract reads a print best at about 300 dots an inch.
const DPI: f64 = 300.0;
/// Most pixels along a rendered page's longer side (a poster-sized page is rendered coarser).
const MAX_PIXELS: f64 = 6000.0;

/// Whether OCR can run here: pdftoppm and Tesseract installed, Tesseract with Indonesian.
/// Asked once a process.
pub fn available() -> Result<(), OcrError> {
    static AVAILABLE: OnceLock<Result<(), OcrError>> = OnceLock::new();
    AVAILABLE
        .get_or_init(|| {
            command::run("pdftoppm", &["-v"], b"")?;
            let langs = command::run("tesseract", &["--list-langs"], b"")?;
            let langs = String::from_utf8_lossy(&langs);
            match langs.lines().any(|l| l.trim() == "ind") {
                true => Ok(()),
                false => Err(OcrError::NoIndonesian),
            }
        })
        .clone()
}

/// Reads page `page` (1-based) of the PDF `pdf` by OCR; `longest` is the page's longer
/// side in points, which sets the resolution.
pub fn read_page(pdf: &[u8], page: u32, longest: f64) -> Result<Scanned, OcrError> {
    available()?;
    let dpi = DPI.min(MAX_PIXELS / (longest / 72.0)).max(1.0).floor();
    let (page, dpi_arg) = (page.to_string(), format!("{dpi}"));
    // grey levels as a PGM image: no compression on either side of the pipe
    let image = command::run(
        "pdftoppm",
        &["-f", &page, "-l", &page, "-r", &dpi_arg, "-gray", "-"],
        pdf,
    )?;
    // one column of text of varying sizes: a table's row stays one line, its cells parted
    // by their gaps for the layout to place, and a lone figure in a cell is kept (the
    // automatic page layout dropped some)
    let mut words = tesseract(&image, &dpi_arg, &["--psm", "4"])?;
    // the figures read again, alone and as figures; should that fail, the first reading stands
    if let Some(grey) = figures::Grey::parse(&image) {
        let _ = figures::reread(&grey, &mut words, &dpi_arg);
    }
    Ok(Scanned {
        glyphs: words::glyphs(&words, 72.0 / dpi),
        words: words
            .into_iter()
            .map(|w| (w.text, w.confidence.round() as u8))
            .collect(),
    })
}

/// The words Tesseract reads, with the Indonesian model, in `image` rendered at `dpi`,
/// with `options` (the page segmentation, a character list).
fn tesseract(image: &[u8], dpi: &str, options: &[&str]) -> Result<Vec<words::Word>, OcrError> {
    let args = [&["stdin", "stdout", "-l", "ind", "--dpi", dpi], options, &["tsv"]].concat();
    let tsv = command::run("tesseract", &args, image)?;
    Ok(words::words(&String::from_utf8_lossy(&tsv)))
}

/// The longer side of a page taken when its media box cannot be read: a US letter's.
pub(super) const DEFAULT_SIDE: f64 = 792.0;

/// The longer side of a page's media box (inherited from its parents), in points.
pub(super) fn longest_side(doc: &Document, id: ObjectId) -> f64 {
    let mut dict = doc.get_dictionary(id).ok();
    // a page tree deeper than this is broken (or a loop)
    for _ in 0..32 {
        let Some(d) = dict else { break };
        if let Ok(media) = d
            .get(b"MediaBox")
            .and_then(|m| doc.dereference(m))
            .and_then(|(_, m)| m.as_array())
        {
            let n: Vec<f64> = media
                .iter()
                .filter_map(|v| v.as_float().ok().map(f64::from))
                .collect();
            if let [x0, y0, x1, y1] = n[..] {
                let side = (x1 - x0).abs().max((y1 - y0).abs());
                return if side.is_finite() && side >= 1.0 {
                    side
                } else {
                    DEFAULT_SIDE
                };
            }
        }
        dict = d
            .get(b"Parent")
            .and_then(|p| doc.dereference(p))
            .and_then(|(_, p)| p.as_dict())
            .ok();
    }
    DEFAULT_SIDE
}

/// The words OCR read on a page (top to bottom) by the index of the line that prints
/// each: among the next lines from the previous word's (a word printed where the layout
/// joined or parted it may be met again further down: it does not carry the rest along),
/// else the first line of the page that holds it; a word of a running line dropped is on
/// none.
pub(super) fn words_on_lines(
    words: &[(String, u8)],
    lines: &[TextLine],
) -> BTreeMap<usize, Vec<(String, u8)>> {
    let mut placed: BTreeMap<usize, Vec<(String, u8)>> = BTreeMap::new();
    let mut next = 0;
    for word in words {
        let holds = |line: &TextLine| line.0.contains(word.0.as_str());
        let near = lines
            .iter()
            .enumerate()
            .skip(next)
            .filter(|(_, l)| !l.0.is_empty());
        match near.take(NEAR_LINES).find(|(_, l)| holds(l)) {
            Some((k, _)) => {
                placed.entry(k).or_default().push(word.clone());
                next = k;
            }
            None => {
                if let Some(k) = lines.iter().position(holds) {
                    placed.entry(k).or_default().push(word.clone());
                }
            }
        }
    }
    placed
}

/// How many printed lines from the previous word's a word is looked for first.
const NEAR_LINES: usize = 3;

/// The progress bar counting the pages read by OCR, once [`show_progress`] made it.
static PROGRESS: OnceLock<ProgressBar> = OnceLock::new();

/// Shows, on standard error when it is a terminal, a progress bar counting the pages read
/// by OCR from now on; OCR takes a second or more a page.
pub fn show_progress() {
    let bar = PROGRESS.get_or_init(|| {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("OCR {bar:30} {pos}/{len} pages {elapsed}") {
            bar.set_style(style);
        }
        bar
    });
    // a bar shown before (the previous file's) counts again from no page
    if bar.is_finished() {
        bar.reset();
        bar.set_length(0);
    }
}

/// Where the progress bar goes once a page is read by OCR: beside another (an import's).
static BESIDE: OnceLock<MultiProgress> = OnceLock::new();

/// Whether the progress bar was put beside the other.
static PUT_BESIDE: Once = Once::new();

/// Like [`show_progress`], the bar shown under those of `multi` from the first page OCR
/// reads (an import of text files shows none).
pub fn show_progress_beside(multi: &MultiProgress) {
    let _ = BESIDE.set(multi.clone());
    show_progress();
}

/// Clears the progress bar, when one is shown.
pub fn hide_progress() {
    if let Some(bar) = PROGRESS.get() {
        bar.finish_and_clear();
    }
}

/// Runs `read` (the OCR of one page), counted on the progress bar.
pub(super) fn counted<T>(read: impl FnOnce() -> T) -> T {
    let bar = PROGRESS.get();
    if let (Some(bar), Some(multi)) = (bar, BESIDE.get()) {
        PUT_BESIDE.call_once(|| {
            multi.add(bar.clone());
        });
    }
    bar.inspect(|b| b.inc_length(1));
    let read = read();
    bar.inspect(|b| b.inc(1));
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<TextLine> {
        texts.iter().map(|t| (t.to_string(), None)).collect()
    }

    fn words(pairs: &[(&str, u8)]) -> Vec<(String, u8)> {
        pairs.iter().map(|&(w, c)| (w.to_string(), c)).collect()
    }

    #[test]
    fn each_word_is_put_on_the_line_near_the_last_that_prints_it() {
        let page = lines(&[
            "Program\tAnggaran",
            "Pelatihan\t5",
            "",
            "Pengawasan\t5",
            "Jumlah\t10",
        ]);
        let read = words(&[
            ("Program", 96),
            ("Anggaran", 95),
            ("Pelatihan", 96),
            ("5", 91),
            ("Pengawasan", 93),
            ("5", 26),
            ("Jumlah", 96),
            ("10", 90),
        ]);
        let placed = words_on_lines(&read, &page);
        // the unsure `5` is the second row's, not the first's
        assert_eq!(placed[&1], words(&[("Pelatihan", 96), ("5", 91)]));
        assert_eq!(placed[&3], words(&[("Pengawasan", 93), ("5", 26)]));
        // a word the layout printed elsewhere goes to the first line that holds it
        let placed = words_on_lines(&words(&[("Jumlah", 96), ("Program", 90)]), &page);
        assert_eq!(placed.keys().copied().collect::<Vec<_>>(), [0, 4]);
    }
}
