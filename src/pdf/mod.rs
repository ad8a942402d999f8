//! PDF input: the text layer of a PDF laid out as lines (table rows with tab-separated
//! cells), so that every later stage reads it like a text dump; with each table row, which
//! of its cells span several columns and where each cell is printed
//! ([`PdfText::table_rows`]), as the page draws them.
//!
//! Glyphs and the operations the rules read come from one pass over a page's content
//! (`reader`: text read as pdf-extract reads it, fonts built once a document); a page the
//! reader gives up (where pdf-extract would fail) is read by pdf-extract, and its rules
//! from the content stream as `content` decodes it. Rules an opaque image covers, which
//! `images` names, are hidden and dropped (`rules`);
//! `layout` makes lines and finds tables by rules or alignment, `tagged` reads the tables
//! a structure tree gives (`tags`) and places their cells by where they are printed
//! (`grid`); entries stacked in one row are split by `stacked`. Before any page is read,
//! `sanitize` repairs what the PDF library cannot take and `unicode_maps` cuts the font
//! maps it would build too slowly.
//!
//! Each page is read on its own (pages in parallel) and a panic inside the PDF library is
//! caught and turned into an error for that page; a document with no text at all is an error that says OCR
//! is needed, never an empty success.

mod content;
mod frame;
mod grid;
mod guard;
mod images;
mod inflate;
mod layout;
mod made;
pub mod ocr;
mod overprint;
mod reader;
mod rules;
mod sanitize;
mod stacked;
mod tagged;
mod tags;
mod unicode_maps;

pub use guard::{isolate, panics_caught};

pub use layout::{CellOf, Glyph, LinePitch, PageLines, TextLine};
pub use ocr::Ocr;
pub use rules::{Beam, Rules, Wall};

use crate::model::{PageOcr, PageReport, PageStatus, RowGeometry};
use pdf_extract::{Document, MediaBox, ObjectId, OutputDev, OutputError, Transform};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// More pages than any performance report has; beyond it a file is refused.
pub const MAX_PAGES: usize = 3000;

/// Pages up to which a document is read on the calling thread, not on rayon's pool:
/// starting the pool (its threads, their heaps) costs more CPU than a few pages take.
const SERIAL_PAGES: usize = 8;

/// The text of a PDF, with what became of each page.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfText {
    /// The lines, pages separated by a blank line.
    pub text: String,
    /// Every page: read (with its lines in `text`), without text, or failed and why.
    pub pages: Vec<PageReport>,
    /// For each table row line (1-based): how its cells were found, which span columns.
    pub table_rows: BTreeMap<usize, RowGeometry>,
    /// For each line (1-based) of a page read by OCR: the words read there and how sure
    /// the reading is (0-100).
    pub ocr_words: BTreeMap<usize, Vec<(String, u8)>>,
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
    /// A stream inflates past the budget for the file's size (a decompression bomb).
    #[error("{path}: too large: stream {object} inflates past {} MB, the most a PDF of this size may hold; refusing to read it", budget / 1_000_000)]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The stream, as `12 0 R`.
        object: String,
        /// The file's budget of inflated bytes.
        budget: u64,
    },
    /// No page could be read: the first failure says why.
    #[error("{path}: no page could be read (pages {pages}); page {page}: {reason}")]
    NoPageRead {
        /// The file.
        path: PathBuf,
        /// Its pages, as ranges.
        pages: String,
        /// The first page that failed.
        page: u32,
        /// Why it failed.
        reason: String,
    },
    /// No page has a text layer.
    #[error("{path}: no text layer on pages {pages} — OCR needed (the PDF holds only images){ocr}")]
    NoTextLayer {
        /// The file.
        path: PathBuf,
        /// The pages, as ranges: `1-142`.
        pages: String,
        /// Why OCR did not read them: how to ask for it, or what it needs.
        ocr: String,
    },
}

/// Reads the text layer of a PDF, no page by OCR: [`read_with`] with [`Ocr::Never`].
pub fn read(path: &Path, bytes: &[u8]) -> Result<PdfText, PdfError> {
    read_with(path, bytes, Ocr::Never)
}

/// Reads a PDF: each page's text layer, or its image by OCR where `ocr` says. Each page
/// is read on its own: a page the PDF libraries (or OCR) fail on is reported in
/// [`PdfText::pages`] with the reason, and the others are read.
pub fn read_with(path: &Path, bytes: &[u8], ocr: Ocr) -> Result<PdfText, PdfError> {
    let p = || path.to_path_buf();
    let doc = prepare(path, bytes)?;
    let ids = doc.get_pages();
    let pages: Vec<u32> = ids.keys().copied().collect();
    match pages.len() {
        0 => return Err(PdfError::NoPages { path: p() }),
        n if n > MAX_PAGES => return Err(PdfError::TooManyPages { path: p(), pages: n }),
        _ => {}
    }
    let tag_cells = guard::isolate(|| tags::mcid_cells(&tags::tag_tables(&doc))).unwrap_or_default();
    let fonts = reader::Fonts::new(&doc);
    // each page's text layer; with `always` none is read, OCR reads every page
    let lay_out_page = |&page: &u32| {
        let id = ids.get(&page).copied();
        if ocr == Ocr::Always {
            return (page, Ok(None));
        }
        // the library calls inside are isolated one by one: a panic reaching here is ours
        let laid = guard::isolate(|| lay_out(&fonts, page, id, &tag_cells));
        (page, laid.unwrap_or_else(|panic| Err(ours(&panic))))
    };
    // a short document is read on this thread: the pool's threads cost more than they save
    let mut laid: Vec<(u32, PageOutcome)> = match pages.len() <= SERIAL_PAGES {
        true => pages.iter().map(lay_out_page).collect(),
        false => pages.par_iter().map(lay_out_page).collect(),
    };
    scan_pages(&doc, bytes, &ids, ocr, &mut laid);
    let gaps: Vec<(f64, f64)> = laid
        .iter()
        .filter_map(|(_, l)| l.as_ref().ok()?.as_ref())
        .flat_map(|l| l.lines.iter().flat_map(PageLines::gaps))
        .collect();
    let pitch = LinePitch::learn(&gaps);
    let mut reports = Vec::new();
    let mut read_pages = Vec::new();
    let mut page_words = BTreeMap::new();
    for (page, outcome) in laid {
        let text = outcome.and_then(|laid| laid.map(|l| l.text_lines(&pitch).map(|t| (l, t))).transpose());
        reports.push(match text {
            Ok(Some((l, lines))) => {
                let report = PageReport {
                    ocr: l.ocr.as_ref().map(PageOcr::of),
                    ..PageReport::read(page, l.chars, l.unmapped)
                };
                if let Some(scanned) = l.ocr {
                    page_words.insert(page, scanned.words);
                }
                read_pages.push((page, lines));
                report
            }
            Ok(None) => PageReport::not_read(page, PageStatus::NoText, no_text(ocr)),
            Err(reason) => PageReport::not_read(page, PageStatus::Failed, reason),
        });
    }
    if read_pages.is_empty() {
        return Err(none_read(p(), &reports, ocr));
    }
    Ok(assemble(drop_running_lines(read_pages), reports, &page_words))
}

/// A page's text layer laid out, none, or why it could not be.
type PageOutcome = Result<Option<LaidOut>, String>;

/// Reads by OCR the pages `ocr` says — every page with `always`; with `auto` those without
/// text, where OCR can run (a page it cannot read stays without text, saying why) — on the
/// pool: a page takes a second or more.
fn scan_pages(
    doc: &Document,
    bytes: &[u8],
    ids: &BTreeMap<u32, ObjectId>,
    ocr: Ocr,
    laid: &mut [(u32, PageOutcome)],
) {
    let scanned = |outcome: &PageOutcome| match ocr {
        Ocr::Always => true,
        Ocr::Auto => matches!(outcome, Ok(None)) && ocr::available().is_ok(),
        Ocr::Never => false,
    };
    let mut to_scan: Vec<&mut (u32, PageOutcome)> =
        laid.iter_mut().filter(|(_, outcome)| scanned(outcome)).collect();
    if to_scan.is_empty() {
        return;
    }
    to_scan.par_iter_mut().for_each(|entry| {
        let (page, outcome) = &mut **entry;
        let id = ids.get(page).copied();
        // a panic of lkjip's own while a page is read by OCR is that page's failure
        let read = ocr::counted(|| guard::isolate(|| scan(doc, bytes, *page, id)));
        *outcome = read.unwrap_or_else(|panic| Err(ours(&panic)));
    });
}

/// A PDF loaded and made ready for its pages to be read: decrypted (an empty password),
/// the streams the pages read inflated within the file's budget, and repaired.
fn prepare(path: &Path, bytes: &[u8]) -> Result<Document, PdfError> {
    let p = || path.to_path_buf();
    let unreadable = |reason: String| PdfError::Unreadable { path: p(), reason };
    if !bytes.starts_with(b"%PDF-") {
        return Err(PdfError::NotPdf { path: p() });
    }
    let refused = |t: inflate::TooLarge| PdfError::TooLarge {
        path: p(),
        object: t.object,
        budget: t.budget,
    };
    let budget = inflate::budget(bytes.len());
    inflate::object_streams_within(bytes, budget).map_err(refused)?;
    let mut doc = match guard::isolate(|| Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(unreadable(e.to_string())),
        Err(panic) => return Err(unreadable(format!("the PDF library failed on it: {panic}"))),
    };
    if doc.is_encrypted() && !matches!(guard::isolate(|| doc.decrypt("")), Ok(Ok(()))) {
        return Err(PdfError::Encrypted { path: p() });
    }
    // the streams the pages read are inflated once here, not once per pass (text, then
    // rules), within the budget for the file's size
    match guard::isolate(|| inflate::inflate_read(&mut doc, budget)) {
        Ok(Ok(())) => {}
        Ok(Err(too_large)) => return Err(refused(too_large)),
        Err(panic) => {
            return Err(unreadable(format!(
                "a compressed stream cannot be inflated: {panic}"
            )))
        }
    }
    // our own repairs; should they fail, the pages are read as they are
    let _ = guard::isolate(|| sanitize::sanitize(&mut doc));
    // and a font map the PDF library would build on every page, cut to what is shown
    let _ = guard::isolate(|| unicode_maps::narrow(&mut doc));
    Ok(doc)
}

/// The reason given for a page without a text layer when OCR was not asked for.
pub const NO_TEXT_LAYER: &str = "no text layer";

/// Why pages without a text layer are still without text after OCR was or was not asked.
enum Unread {
    /// OCR was not asked for.
    NotAsked,
    /// OCR cannot run here.
    CannotRun(ocr::OcrError),
    /// OCR read no word.
    NoWord,
}

impl Unread {
    fn of(ocr: Ocr) -> Unread {
        // OCR is looked for (pdftoppm and Tesseract run) only when it was asked for
        if ocr == Ocr::Never {
            return Unread::NotAsked;
        }
        match ocr::available() {
            Err(why) => Unread::CannotRun(why),
            Ok(()) => Unread::NoWord,
        }
    }
}

/// Why a page without a text layer was not read by OCR, or found no word when it was.
fn no_text(ocr: Ocr) -> String {
    match Unread::of(ocr) {
        Unread::NotAsked => NO_TEXT_LAYER.into(),
        Unread::CannotRun(why) => format!("{NO_TEXT_LAYER}, and OCR cannot run: {why}"),
        Unread::NoWord => format!("{NO_TEXT_LAYER}, and OCR read no word there"),
    }
}

/// The error for a PDF none of whose pages could be read: no text layer anywhere, or
/// the first failure.
fn none_read(path: PathBuf, reports: &[PageReport], ocr: Ocr) -> PdfError {
    let numbers: Vec<u32> = reports.iter().map(|r| r.page).collect();
    match reports.iter().find(|r| r.status == PageStatus::Failed) {
        Some(first) => PdfError::NoPageRead {
            path,
            pages: ranges(&numbers),
            page: first.page,
            reason: first.reason.clone().unwrap_or_default(),
        },
        None => PdfError::NoTextLayer {
            path,
            pages: ranges(&numbers),
            ocr: match Unread::of(ocr) {
                Unread::NotAsked => "; read it with --ocr auto".into(),
                Unread::CannotRun(e) => format!(", and it cannot run: {e}"),
                Unread::NoWord => ", and OCR read no word on them".into(),
            },
        },
    }
}

/// The reason given for a page the PDF library failed on.
fn failed(message: &str) -> String {
    format!("the PDF library failed on this page: {message}")
}

/// The reason given for a page lkjip's own layout failed on.
fn ours(message: &str) -> String {
    format!("lkjip failed on this page (a bug; please report it): {message}")
}

/// A page with text, laid out as lines.
struct LaidOut {
    /// How many visible characters it draws.
    chars: usize,
    /// How many of its glyphs have no Unicode value.
    unmapped: usize,
    /// The page's lines, one part per direction its text runs in (upright first).
    lines: Vec<PageLines>,
    /// For a page read by OCR, what it read.
    ocr: Option<ocr::Scanned>,
}

impl LaidOut {
    /// The page's lines as text, once the document's line pitch is known.
    fn text_lines(&self, pitch: &LinePitch) -> Result<Vec<TextLine>, String> {
        guard::isolate(|| self.lines.iter().flat_map(|p| p.text_lines(pitch)).collect()).map_err(|e| ours(&e))
    }
}

/// The glyphs and ruling lines of one page laid out as lines; `None` when it draws no
/// visible text. Text that runs up or down the page (a table set sideways) is laid out
/// in its own reading frame. Where the document's structure tree has tables and its
/// marked content covers this page's text runs, the tags build the tables.
fn lay_out(
    fonts: &reader::Fonts,
    page: u32,
    id: Option<ObjectId>,
    tag_cells: &HashMap<(ObjectId, i64), CellOf>,
) -> Result<Option<LaidOut>, String> {
    let doc = fonts.doc();
    let (drawing, content) = match read_page(fonts, page, id) {
        Some((drawing, marks)) => (drawing, id.map(|id| (id, marks))),
        None if id.is_some_and(|id| reader::forms_may_recurse(doc, id)) => return Err(FORM_LOOP.into()),
        None => (
            page_glyphs(doc, page)?,
            id.and_then(|id| Some((id, page_marks(doc, id)?))),
        ),
    };
    let Drawing {
        glyphs,
        media_box,
        runs,
    } = drawing;
    let glyphs = overprint::visible(glyphs);
    if glyphs.is_empty() {
        return Ok(None);
    }
    let opaque = id.map(|id| images::opaque_images(doc, id)).unwrap_or_default();
    let chars = glyphs
        .iter()
        .map(|g| g.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    let unmapped = glyphs.iter().filter(|g| g.text.contains(UNMAPPED)).count();
    let mut lines = Vec::new();
    for (turns, group) in by_direction(glyphs) {
        let frame = frame::reading_frame(turns, media_box);
        let placed: Vec<Glyph> = group.into_iter().map(|g| g.placed(frame)).collect();
        let rules = content.as_ref().map_or_else(Rules::default, |(_, content)| {
            guard::isolate(|| rules::rules(content, frame, &opaque)).unwrap_or_default()
        });
        let cells = content
            .as_ref()
            .filter(|_| !tag_cells.is_empty() && turns == 0)
            .and_then(|(id, content)| {
                guard::isolate(|| tagged_cells(doc, *id, content, tag_cells, &placed, runs)).ok()?
            });
        lines.push(match cells {
            Some(cells) => PageLines::tagged(&placed, rules, &cells),
            None => PageLines::new(&placed, rules),
        });
    }
    Ok(Some(LaidOut {
        chars,
        unmapped,
        lines,
        ocr: None,
    }))
}

/// A page read by OCR, its words laid out as lines (a scan draws no rules); `None` when
/// OCR reads no word on it.
fn scan(doc: &Document, pdf: &[u8], page: u32, id: Option<ObjectId>) -> Result<Option<LaidOut>, String> {
    let longest = id.map_or(ocr::DEFAULT_SIDE, |id| ocr::longest_side(doc, id));
    let mut scanned = ocr::read_page(pdf, page, longest).map_err(|e| format!("OCR failed: {e}"))?;
    if scanned.glyphs.is_empty() {
        return Ok(None);
    }
    let glyphs = std::mem::take(&mut scanned.glyphs);
    let lines = guard::isolate(|| PageLines::new(&glyphs, Rules::default())).map_err(|e| ours(&e))?;
    Ok(Some(LaidOut {
        chars: glyphs.iter().map(|g| g.text.chars().count()).sum(),
        unmapped: 0,
        lines: vec![lines],
        ocr: Some(scanned),
    }))
}

/// A page's glyphs by the direction their text runs in, the direction with the most
/// glyphs first (upright first on a tie).
fn by_direction(glyphs: Vec<Drawn>) -> Vec<(u8, Vec<Drawn>)> {
    let mut groups: Vec<(u8, Vec<Drawn>)> = (0..4).map(|turns| (turns, Vec::new())).collect();
    for g in glyphs {
        if let Some((_, group)) = groups.get_mut(usize::from(g.turns)) {
            group.push(g);
        }
    }
    groups.retain(|(_, group)| !group.is_empty());
    // a stable sort keeps the lower turn first among equals
    groups.sort_by_key(|(_, group)| std::cmp::Reverse(group.len()));
    groups
}

/// Why a page the reader gives up is not handed to pdf-extract when a form on it may draw
/// itself.
const FORM_LOOP: &str = "a form on this page draws itself (or nests too deep) and the PDF \
    library, which would recurse without end, is not asked to read it";

/// A page's glyphs and marks by lkjip's own reader, in one pass; `None` where the page is
/// left to pdf-extract (or, should the reader fail, read by pdf-extract after all).
fn read_page(fonts: &reader::Fonts, page: u32, id: Option<ObjectId>) -> Option<(Drawing, content::Marks)> {
    guard::isolate(|| reader::page(fonts, page, id?)).ok()?
}

/// The marks of a page's content stream, decoded for the rules and the marked content.
fn page_marks(doc: &Document, id: ObjectId) -> Option<content::Marks> {
    guard::isolate(|| content::marks(&doc.get_page_content(id).ok()?)).ok()?
}

/// The table cell of each glyph, when the page's marked content numbers as many text runs
/// as the text extractor met (so run `i` is the same run for both).
fn tagged_cells(
    doc: &Document,
    id: ObjectId,
    content: &content::Marks,
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

/// What the content stream interpreter drew on one page.
#[derive(Debug, Default)]
struct Drawing {
    glyphs: Vec<Drawn>,
    /// The page's media box: llx, lly, urx, ury.
    media_box: (f64, f64, f64, f64),
    /// Text runs begun (the interpreter begins a "word" for each string shown).
    runs: usize,
}

/// A glyph as drawn, in user space.
#[derive(Debug, Clone)]
struct Drawn {
    /// Origin.
    x: f64,
    y: f64,
    /// Which way its baseline runs ([`frame::quarter_turns`]).
    turns: u8,
    width: f64,
    size: f64,
    text: String,
    run: usize,
}

impl Drawn {
    /// The glyph in a reading frame.
    fn placed(self, frame: frame::Matrix) -> Glyph {
        let (x, y) = frame::apply(frame, self.x, self.y);
        Glyph {
            x,
            y,
            width: self.width,
            size: self.size,
            text: self.text,
            run: self.run,
        }
    }
}

/// Whether `dict`'s entry `key` is the name `name`.
fn name_is(dict: &pdf_extract::Dictionary, key: &[u8], name: &[u8]) -> bool {
    dict.get(key)
        .and_then(pdf_extract::Object::as_name)
        .is_ok_and(|n| n == name)
}

/// A stream's bytes as pdf-extract takes them: decoded, or as stored when they cannot be.
fn stream_bytes(stream: &pdf_extract::Stream) -> std::borrow::Cow<'_, [u8]> {
    match stream.filters() {
        Ok(_) => std::borrow::Cow::Owned(
            stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone()),
        ),
        Err(_) => std::borrow::Cow::Borrowed(&stream.content),
    }
}

/// What a glyph with no Unicode value is shown as.
const UNMAPPED: char = char::REPLACEMENT_CHARACTER;

/// The glyphs of one page, in user space; a failure or panic of the PDF library is this
/// page's error.
fn page_glyphs(doc: &Document, page: u32) -> Result<Drawing, String> {
    let mut collector = Drawing::default();
    match guard::isolate(|| pdf_extract::output_doc_page(doc, &mut collector, page)) {
        Ok(Ok(())) => Ok(collector),
        Ok(Err(e)) => Err(format!("unreadable: {e}")),
        Err(panic) => Err(failed(&panic)),
    }
}

impl OutputDev for Drawing {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.media_box = (media_box.llx, media_box.lly, media_box.urx, media_box.ury);
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
        // a glyph the font maps to no character comes as NUL (or another control)
        let text: String = text
            .chars()
            .map(|c| {
                if c.is_control() && !c.is_whitespace() {
                    UNMAPPED
                } else {
                    c
                }
            })
            .collect();
        self.glyphs.push(Drawn {
            x: trm.m31,
            y: trm.m32,
            turns: frame::quarter_turns(trm.m11, trm.m12),
            width: width * size,
            size,
            text,
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

/// The pages' lines as one text, each page's report given its lines, and the words OCR
/// read (`page_words`, by page) put on the lines that print them.
fn assemble(
    pages: Vec<(u32, Vec<TextLine>)>,
    mut reports: Vec<PageReport>,
    page_words: &BTreeMap<u32, Vec<(String, u8)>>,
) -> PdfText {
    let mut text = String::new();
    let mut table_rows = BTreeMap::new();
    let mut ocr_words = BTreeMap::new();
    let mut line = 0;
    for (page, lines) in pages {
        let words = page_words.get(&page).map_or(&[][..], Vec::as_slice);
        let mut placed = ocr::words_on_lines(words, &lines);
        if !text.is_empty() {
            text.push('\n');
            line += 1;
        }
        let first_line = line + 1;
        let count = lines.len();
        for (k, (l, geometry)) in lines.into_iter().enumerate() {
            if let Some(on_line) = placed.remove(&k) {
                ocr_words.insert(first_line + k, on_line);
            }
            text.push_str(&l);
            text.push('\n');
            if let Some(geometry) = geometry {
                table_rows.insert(first_line + k, geometry);
            }
        }
        line += count;
        if let Some(report) = reports.iter_mut().find(|r| r.page == page) {
            report.lines = Some([first_line, line.max(first_line)]);
        }
    }
    PdfText {
        text,
        pages: reports,
        table_rows,
        ocr_words,
    }
}

/// `1 2 3 5 7 8` → `1-3, 5, 7-8`.
pub fn ranges(pages: &[u32]) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &page in pages {
        match runs.last_mut() {
            Some((_, last)) if last.checked_add(1) == Some(page) => *last = page,
            _ => runs.push((page, page)),
        }
    }
    let shown: Vec<String> = runs
        .iter()
        .map(|&(a, b)| match a == b {
            true => a.to_string(),
            false => format!("{a}-{b}"),
        })
        .collect();
    shown.join(", ")
}

/// The PDFs of `../shared` (real, samples, wild), in order: what the tests of the PDF
/// stages read.
#[cfg(test)]
fn shared_pdfs() -> Vec<PathBuf> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut all = Vec::new();
    for folder in ["real-pdfs", "pdf-samples", "wild-pdfs"] {
        let dir = shared.join(folder);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (the tests read ../shared)", dir.display()))
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        files.sort();
        all.extend(files);
    }
    all
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
