//! PDF input: the text layer of a PDF laid out as lines (table rows with tab-separated
//! cells), so that every later stage reads it like a text dump.
//!
//! Each page is read on its own (pages in parallel) and a panic inside the PDF library is
//! caught and turned into an error for that page; a document with no text at all is an error that says OCR
//! is needed, never an empty success.

mod layout;
mod rules;
mod tags;

pub use layout::{CellOf, Glyph, LinePitch, PageLines, TextLine};
pub use rules::{Beam, Rules, Wall};

use crate::model::Layout;
use pdf_extract::content::Content;
use pdf_extract::{Document, MediaBox, ObjectId, OutputDev, OutputError, Transform};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// More pages than any performance report has; beyond it a file is refused.
pub const MAX_PAGES: usize = 3000;

/// The text of a PDF, with where each page's lines are.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfText {
    /// The lines, pages separated by a blank line.
    pub text: String,
    /// For each page with text: its number and its first and last line in `text` (1-based).
    pub pages: Vec<PageSpan>,
    /// Pages without any text (scanned images), and pages the library could not read.
    pub unread: Vec<UnreadPage>,
    /// For each table row line (1-based): how its cells were found.
    pub table_layouts: BTreeMap<usize, Layout>,
}

/// Where a page's lines are in the extracted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSpan {
    /// 1-based page number.
    pub page: u32,
    /// First line of the page in the extracted text.
    pub first_line: usize,
    /// Last line of the page in the extracted text.
    pub last_line: usize,
    /// Characters (other than white space) the page's text layer gave, before running
    /// headers and page numbers were dropped: to compare with other extractors.
    pub chars: usize,
}

/// A page that gave no text, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadPage {
    /// 1-based page number.
    pub page: u32,
    /// `no text layer`, or what failed.
    pub reason: String,
}

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The bytes are not a PDF.
    #[error("{path}: not a PDF (it does not start with %PDF-)")]
    NotPdf {
        /// The file.
        path: PathBuf,
    },
    /// The PDF structure could not be read (truncated file, broken cross-reference table…).
    #[error("{path}: cannot read the PDF structure: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What the PDF library said.
        reason: String,
    },
    /// The PDF is encrypted with a password.
    #[error("{path}: the PDF is encrypted; decrypt it first (a password is needed)")]
    Encrypted {
        /// The file.
        path: PathBuf,
    },
    /// The PDF has no pages.
    #[error("{path}: the PDF has no pages")]
    NoPages {
        /// The file.
        path: PathBuf,
    },
    /// The PDF has more pages than a report can have.
    #[error("{path}: the PDF has {pages} pages, more than {MAX_PAGES}; refusing to read it")]
    TooManyPages {
        /// The file.
        path: PathBuf,
        /// Its page count.
        pages: usize,
    },
    /// No page has a text layer.
    #[error("{path}: no text layer on pages {pages} — OCR needed (the PDF holds only images)")]
    NoTextLayer {
        /// The file.
        path: PathBuf,
        /// The pages, as ranges: `1-142`.
        pages: String,
    },
}

/// Reads the text layer of a PDF.
pub fn read(path: &Path, bytes: &[u8]) -> Result<PdfText, PdfError> {
    let p = || path.to_path_buf();
    if !bytes.starts_with(b"%PDF-") {
        return Err(PdfError::NotPdf { path: p() });
    }
    let loaded = catch_unwind(AssertUnwindSafe(|| Document::load_mem(bytes)));
    let mut doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => {
            return Err(PdfError::Unreadable {
                path: p(),
                reason: e.to_string(),
            })
        }
        Err(_) => {
            return Err(PdfError::Unreadable {
                path: p(),
                reason: "the PDF library failed on it".into(),
            })
        }
    };
    if doc.is_encrypted() && catch_unwind(AssertUnwindSafe(|| doc.decrypt(""))).map_or(true, |r| r.is_err()) {
        return Err(PdfError::Encrypted { path: p() });
    }
    // streams are inflated once here, not once per pass (text, then rules)
    if catch_unwind(AssertUnwindSafe(|| doc.decompress())).is_err() {
        return Err(PdfError::Unreadable {
            path: p(),
            reason: "a compressed stream cannot be inflated".into(),
        });
    }
    let ids = doc.get_pages();
    let pages: Vec<u32> = ids.keys().copied().collect();
    match pages.len() {
        0 => return Err(PdfError::NoPages { path: p() }),
        n if n > MAX_PAGES => return Err(PdfError::TooManyPages { path: p(), pages: n }),
        _ => {}
    }
    let mut read_pages: Vec<(u32, Vec<TextLine>)> = Vec::new();
    let mut chars: HashMap<u32, usize> = HashMap::new();
    let mut unread = Vec::new();
    let tag_cells =
        catch_unwind(AssertUnwindSafe(|| tags::mcid_cells(&tags::tag_tables(&doc)))).unwrap_or_default();
    let laid: Vec<(u32, Result<Option<LaidOut>, String>)> = pages
        .par_iter()
        .map(|&page| (page, lay_out(&doc, page, ids.get(&page).copied(), &tag_cells)))
        .collect();
    let gaps: Vec<(f64, f64)> = laid
        .iter()
        .filter_map(|(_, l)| l.as_ref().ok()?.as_ref())
        .flat_map(|l| l.lines.gaps())
        .collect();
    let pitch = LinePitch::learn(&gaps);
    for (page, outcome) in laid {
        match outcome {
            Ok(Some(l)) => {
                chars.insert(page, l.chars);
                read_pages.push((page, l.lines.text_lines(&pitch)));
            }
            Ok(None) => unread.push(UnreadPage {
                page,
                reason: "no text layer".into(),
            }),
            Err(reason) => unread.push(UnreadPage { page, reason }),
        }
    }
    if read_pages.is_empty() {
        let numbers: Vec<u32> = unread.iter().map(|u| u.page).collect();
        return Err(PdfError::NoTextLayer {
            path: p(),
            pages: ranges(&numbers),
        });
    }
    Ok(assemble(drop_running_lines(read_pages), &chars, unread))
}

/// A page with text, laid out as lines.
struct LaidOut {
    /// How many visible characters it draws.
    chars: usize,
    lines: PageLines,
}

/// The glyphs and ruling lines of one page laid out as lines; `None` when it draws no
/// visible text. Where the document's structure tree has tables and its marked content
/// covers this page's text runs, the tags build the tables.
fn lay_out(
    doc: &Document,
    page: u32,
    id: Option<ObjectId>,
    tag_cells: &HashMap<(ObjectId, i64), CellOf>,
) -> Result<Option<LaidOut>, String> {
    let (glyphs, height, runs) = page_glyphs(doc, page)?;
    if glyphs.iter().all(|g| g.text.trim().is_empty()) {
        return Ok(None);
    }
    // the content stream is decoded once, for the rules and the marked content
    let content = id.and_then(|id| {
        let decode = || Content::decode(&doc.get_page_content(id).ok()?).ok();
        Some((id, catch_unwind(AssertUnwindSafe(decode)).ok()??))
    });
    let rules = content.as_ref().map_or_else(Rules::default, |(_, content)| {
        catch_unwind(AssertUnwindSafe(|| rules::rules(content, height))).unwrap_or_default()
    });
    let chars = glyphs
        .iter()
        .map(|g| g.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    let cells = content
        .as_ref()
        .filter(|_| !tag_cells.is_empty())
        .and_then(|(id, content)| {
            catch_unwind(AssertUnwindSafe(|| {
                tagged_cells(doc, *id, content, tag_cells, &glyphs, runs)
            }))
            .ok()?
        });
    let lines = match cells {
        Some(cells) => PageLines::tagged(&glyphs, rules, &cells),
        None => PageLines::new(&glyphs, rules),
    };
    Ok(Some(LaidOut { chars, lines }))
}

/// The table cell of each glyph, when the page's marked content numbers as many text runs
/// as the text extractor met (so run `i` is the same run for both).
fn tagged_cells(
    doc: &Document,
    id: ObjectId,
    content: &Content,
    tag_cells: &HashMap<(ObjectId, i64), CellOf>,
    glyphs: &[Glyph],
    runs: usize,
) -> Option<Vec<Option<CellOf>>> {
    let mcids = tags::run_mcids(doc, id, content).filter(|m| m.len() == runs)?;
    let cell = |g: &Glyph| {
        tag_cells
            .get(&(id, mcids.get(g.run).copied().flatten()?))
            .copied()
    };
    Some(glyphs.iter().map(cell).collect())
}

/// The glyphs of one page, the page's height and how many text runs drew them; a failure
/// or panic of the PDF library is this page's error.
fn page_glyphs(doc: &Document, page: u32) -> Result<(Vec<Glyph>, f64, usize), String> {
    let mut collector = Collector::default();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc_page(doc, &mut collector, page)
    }));
    match outcome {
        Ok(Ok(())) => Ok((collector.glyphs, collector.height, collector.runs)),
        Ok(Err(e)) => Err(format!("unreadable: {e}")),
        Err(_) => Err("the PDF library failed on this page".into()),
    }
}

/// Collects positioned glyphs from the content stream interpreter.
#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
    height: f64,
    /// Text runs begun so far (the interpreter begins a "word" for each string shown).
    runs: usize,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let scale = ((trm.m11 + trm.m21) * (trm.m12 + trm.m22)).abs().sqrt();
        let size = font_size * scale;
        self.glyphs.push(Glyph {
            x: trm.m31,
            y: self.height - trm.m32,
            width: width * size,
            size,
            text: text.to_string(),
            run: self.runs.saturating_sub(1),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.runs += 1;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// How many printed lines at the top and at the foot of a page may be running ones.
const EDGE_LINES: usize = 3;

/// Drops page numbers and running headers and footers: lines at the top or foot of a page
/// that are only a number, or that recur among the top or foot lines of at least three
/// pages and a quarter of them (a report title, then the agency and the year under it).
/// The first showing of a running line stays (a letterhead names the document); table
/// rows are never taken for running lines.
fn drop_running_lines(pages: Vec<(u32, Vec<TextLine>)>) -> Vec<(u32, Vec<TextLine>)> {
    let recurring = recurring_edges(&pages);
    let mut shown: HashSet<String> = HashSet::new();
    pages
        .into_iter()
        .map(|(page, mut lines)| {
            trim_page(&mut lines, &|line: &TextLine| {
                is_page_number(&line.0) || shown.contains(&line.0)
            });
            shown.extend(
                lines
                    .iter()
                    .filter(|l| recurring.contains(&l.0))
                    .map(|l| l.0.clone()),
            );
            (page, lines)
        })
        .collect()
}

/// The texts (table rows aside) among the top or foot lines of enough pages to be running.
fn recurring_edges(pages: &[(u32, Vec<TextLine>)]) -> HashSet<String> {
    let mut edges: HashMap<&String, usize> = HashMap::new();
    for (_, lines) in pages {
        let printed: Vec<&String> = lines
            .iter()
            .map(|l| &l.0)
            .filter(|t| !t.trim().is_empty() && !t.contains('\t'))
            .collect();
        let ends = printed
            .iter()
            .take(EDGE_LINES)
            .chain(printed.iter().rev().take(EDGE_LINES));
        for text in ends.collect::<HashSet<_>>() {
            *edges.entry(*text).or_default() += 1;
        }
    }
    let enough = pages.len().div_ceil(4).max(3);
    edges
        .into_iter()
        .filter(|&(_, n)| n >= enough)
        .map(|(text, _)| text.clone())
        .collect()
}

fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || "ivxlIVXL -–".contains(c))
}

/// Strips the blank lines and the running lines at a page's top and foot: a page starts
/// and ends with a printed line (the page break itself is one blank line).
fn trim_page(lines: &mut Vec<TextLine>, running: &impl Fn(&TextLine) -> bool) {
    let printed = |l: &TextLine| !l.0.trim().is_empty();
    loop {
        let top = lines.iter().position(printed).unwrap_or(lines.len());
        lines.drain(..top);
        if !lines.first().is_some_and(running) {
            break;
        }
        lines.remove(0);
    }
    loop {
        let end = lines.iter().rposition(printed).map_or(0, |p| p + 1);
        lines.truncate(end);
        if !lines.last().is_some_and(running) {
            break;
        }
        lines.pop();
    }
}

fn assemble(
    pages: Vec<(u32, Vec<TextLine>)>,
    chars: &HashMap<u32, usize>,
    unread: Vec<UnreadPage>,
) -> PdfText {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut table_layouts = BTreeMap::new();
    let mut line = 0;
    for (page, lines) in pages {
        if !text.is_empty() {
            text.push('\n');
            line += 1;
        }
        let first_line = line + 1;
        for (k, (l, how)) in lines.iter().enumerate() {
            text.push_str(l);
            text.push('\n');
            if let Some(how) = how {
                table_layouts.insert(first_line + k, *how);
            }
        }
        line += lines.len();
        let chars = chars.get(&page).copied().unwrap_or(0);
        spans.push(PageSpan {
            page,
            first_line,
            last_line: line.max(first_line),
            chars,
        });
    }
    PdfText {
        text,
        pages: spans,
        unread,
        table_layouts,
    }
}

/// `1 2 3 5 7 8` → `1-3, 5, 7-8`.
pub fn ranges(pages: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        out.push(if i == j {
            pages[i].to_string()
        } else {
            format!("{}-{}", pages[i], pages[j])
        });
        i = j + 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ranges() {
        assert_eq!(ranges(&[1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8");
        assert_eq!(ranges(&[4]), "4");
    }

    #[test]
    fn not_a_pdf_and_garbage_are_errors_not_panics() {
        let p = Path::new("x.pdf");
        assert!(matches!(read(p, b"hello"), Err(PdfError::NotPdf { .. })));
        assert!(matches!(
            read(p, b"%PDF-1.4\n garbage"),
            Err(PdfError::Unreadable { .. })
        ));
    }
}
