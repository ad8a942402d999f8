//! A page's glyphs and marks read in one pass over its content stream: the text as
//! pdf-extract reads it (the same glyphs, positions, sizes and runs, handed to the same
//! [`OutputDev`]), and the operations the rules and the marked content read
//! ([`content::Marks`]), from one decoding of the stream where pdf-extract and the rules
//! each decoded it. Fonts are built once a document, not once a page.
//!
//! It reads what pdf-extract reads the same way (images aside, which pdf-extract reads as
//! content streams, and text shown with `'` or `"`, which it ignores), or gives the page
//! up: anything pdf-extract would fail on (a missing operand, a colour space it does not
//! know, a font without a character for a code: [`fonts`]) makes it `None`, and the page is
//! read by pdf-extract as before, failing as it did.

mod fonts;
mod probe;
mod twin;

use super::content::{self, Marks};
use super::{stream_bytes, Drawing};
use fonts::{deref, get, number, Font};
use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, MediaBox, Object, ObjectId, OutputDev, Transform};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Forms drawn inside forms deeper than this draw nothing.
const DEEP: usize = 16;

/// Parents followed up the page tree for an inherited entry.
const TREE: usize = 64;

/// The fonts of a document, each built the first time a page uses it (`None`: left to
/// pdf-extract), shared by the pages read in parallel.
pub struct Fonts<'d> {
    doc: &'d Document,
    built: Mutex<HashMap<ObjectId, Option<Arc<Font>>>>,
    texts: twin::Texts,
}

impl<'d> Fonts<'d> {
    /// No font built yet.
    pub fn new(doc: &'d Document) -> Self {
        Fonts {
            doc,
            built: Mutex::new(HashMap::new()),
            texts: twin::Texts::default(),
        }
    }

    /// The document.
    pub fn doc(&self) -> &'d Document {
        self.doc
    }

    /// The font a resource dictionary's entry names, built once for the document.
    fn font(&self, entry: &Object) -> Option<Arc<Font>> {
        let Object::Reference(id) = entry else {
            return Font::read(self.doc, entry, entry.as_dict().ok()?, &self.texts).map(Arc::new);
        };
        if let Some(built) = self.built.lock().ok()?.get(id) {
            return built.clone();
        }
        let dict = deref(self.doc, entry)?.as_dict().ok()?;
        let font = Font::read(self.doc, entry, dict, &self.texts).map(Arc::new);
        self.built.lock().ok()?.insert(*id, font.clone());
        font
    }
}

/// Page `number` (object `id`): what it draws, and the marks of its own content stream;
/// `None` where it is left to pdf-extract.
pub fn page(fonts: &Fonts, number: u32, id: ObjectId) -> Option<(Drawing, Marks)> {
    let doc = fonts.doc;
    let dict = doc.get_object(id).ok()?.as_dict().ok()?;
    let empty = Dictionary::new();
    let resources = inherited(doc, dict, b"Resources", |o| o.as_dict().ok())?.unwrap_or(&empty);
    let media_box = numbers(inherited(doc, dict, b"MediaBox", |o| o.as_array().ok())??)?;
    let art_box = match dict.get(b"ArtBox") {
        Ok(entry) => match deref(doc, entry)? {
            Object::Array(items) => Some(numbers(items)?),
            _ => None,
        },
        Err(_) => None,
    };
    let [llx, lly, urx, ury] = media_box;
    let mut drawing = Drawing::default();
    drawing
        .begin_page(
            number,
            &MediaBox { llx, lly, urx, ury },
            art_box.map(|[a, b, c, d]| (a, b, c, d)),
        )
        .ok()?;
    let mut marks = Marks::default();
    let mut page = Page {
        fonts,
        named: HashMap::new(),
        out: &mut drawing,
        forms: Vec::new(),
    };
    page.stream(&doc.get_page_content(id).ok()?, resources, 0, Some(&mut marks))?;
    Some((drawing, marks))
}

/// Whether a form the page can draw may draw itself, directly or through others (a form
/// without resources of its own names what the resources it is drawn with name), or nest
/// deeper than [`DEEP`]: pdf-extract would recurse until the stack overflows. Asked of a
/// page the reader gives up, before pdf-extract reads it.
pub fn forms_may_recurse(doc: &Document, id: ObjectId) -> bool {
    let Some(Some(resources)) = doc
        .get_object(id)
        .ok()
        .and_then(|page| page.as_dict().ok())
        .and_then(|page| inherited(doc, page, b"Resources", |o| o.as_dict().ok()))
    else {
        return false;
    };
    let mut budget = 10_000usize;
    recurses(doc, resources, &mut Vec::new(), &mut budget)
}

/// Whether a form named in `resources` is on `path` (being drawn), or the path grows past
/// [`DEEP`] or the budget of forms visited runs out.
fn recurses(doc: &Document, resources: &Dictionary, path: &mut Vec<ObjectId>, budget: &mut usize) -> bool {
    let Some(xobjects) = xobjects_of(doc, resources) else {
        return false;
    };
    for (_, entry) in xobjects.iter() {
        let Ok(id) = entry.as_reference() else { continue };
        let Some(form) = doc.get_object(id).ok().and_then(|f| f.as_stream().ok()) else {
            continue;
        };
        if !super::name_is(&form.dict, b"Subtype", b"Form") {
            continue;
        }
        *budget = budget.saturating_sub(1);
        if path.contains(&id) || path.len() >= DEEP || *budget == 0 {
            return true;
        }
        let own = get(doc, &form.dict, b"Resources").and_then(|r| r.as_dict().ok());
        path.push(id);
        let deeper = recurses(doc, own.unwrap_or(resources), path, budget);
        path.pop();
        if deeper {
            return true;
        }
    }
    false
}

/// The XObjects (forms, images) a resource dictionary names.
fn xobjects_of<'a>(doc: &'a Document, resources: &'a Dictionary) -> Option<&'a Dictionary> {
    get(doc, resources, b"XObject")?.as_dict().ok()
}

/// An entry of a page or of the first of its ancestors that has it as `read` takes it
/// (`Some(None)`: none has it); `None` where pdf-extract would fail.
fn inherited<'a, T>(
    doc: &'a Document,
    mut dict: &'a Dictionary,
    key: &[u8],
    read: impl Fn(&'a Object) -> Option<T>,
) -> Option<Option<T>> {
    for _ in 0..TREE {
        if let Ok(entry) = dict.get(key) {
            if let Some(value) = read(deref(doc, entry)?) {
                return Some(Some(value));
            }
        }
        match dict.get(b"Parent").and_then(Object::as_reference) {
            Ok(parent) => match doc.get_dictionary(parent) {
                Ok(parent) => dict = parent,
                Err(_) => return Some(None),
            },
            Err(_) => return Some(None),
        }
    }
    None
}

/// The first four numbers of a box; `None` where an item is not a number or fewer are given.
fn numbers(items: &[Object]) -> Option<[f64; 4]> {
    let all: Vec<f64> = items.iter().map(number).collect::<Option<_>>()?;
    match all[..] {
        [a, b, c, d, ..] => Some([a, b, c, d]),
        _ => None,
    }
}

/// The text state (PDF 32000-1, 9.3).
#[derive(Clone)]
struct TextState {
    font: Option<Arc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scaling: f64,
    leading: f64,
    rise: f64,
    matrix: Transform,
}

/// The graphics state as the text reads it, with whether each colour space is `Pattern`
/// (whose colour operands are names).
#[derive(Clone)]
struct State {
    ctm: Transform,
    text: TextState,
    fill_pattern: bool,
    stroke_pattern: bool,
}

impl State {
    fn new() -> State {
        State {
            ctm: Transform::identity(),
            text: TextState {
                font: None,
                size: f64::NAN,
                char_spacing: 0.0,
                word_spacing: 0.0,
                scaling: 1.0,
                leading: 0.0,
                rise: 0.0,
                matrix: Transform::identity(),
            },
            fill_pattern: false,
            stroke_pattern: false,
        }
    }
}

/// How the current path ends, for `v`, which starts from its current point.
#[derive(Clone, Copy, PartialEq)]
enum PathEnd {
    Empty,
    Point,
    Closed,
}

/// One page being read: its fonts by resource name (the first font a name is set to on
/// the page, forms included, as pdf-extract keeps them) and where its glyphs go.
struct Page<'p, 'd> {
    fonts: &'p Fonts<'d>,
    named: HashMap<Vec<u8>, Arc<Font>>,
    out: &'p mut Drawing,
    /// The forms being drawn, outermost first.
    forms: Vec<ObjectId>,
}

/// One content stream being read: the page's or a form's.
struct Stream<'r> {
    resources: &'r Dictionary,
    state: State,
    saved: Vec<State>,
    line: Transform,
    path: PathEnd,
    depth: usize,
}

impl<'r> Stream<'r> {
    /// `T*`: to the start of the next line, one leading down.
    fn next_line(&mut self) {
        self.line = self
            .line
            .pre_transform(&Transform::create_translation(0.0, -self.state.text.leading));
        self.state.text.matrix = self.line;
    }

    fn new(resources: &'r Dictionary, depth: usize) -> Self {
        Stream {
            resources,
            state: State::new(),
            saved: Vec::new(),
            line: Transform::identity(),
            path: PathEnd::Empty,
            depth,
        }
    }
}

impl<'p, 'd: 'p> Page<'p, 'd> {
    /// Reads a content stream with `resources`, from a fresh graphics state, each operation
    /// as it is decoded (and into `marks`, for the page's own stream). A stream the decoder
    /// here leaves to lopdf is read again from its start with lopdf's operations.
    fn stream(
        &mut self,
        bytes: &[u8],
        resources: &'p Dictionary,
        depth: usize,
        mut marks: Option<&mut Marks>,
    ) -> Option<()> {
        let drawn = (self.out.glyphs.len(), self.out.runs);
        let mut stream = Stream::new(resources, depth);
        let mut read = Some(());
        let whole = content::read_each(bytes, |operator, operands| {
            if read.is_some() {
                if let Some(marks) = marks.as_deref_mut() {
                    marks.push(operator, operands);
                }
                read = self.operation(&mut stream, operator, operands);
            }
        });
        if whole {
            return read;
        }
        self.out.glyphs.truncate(drawn.0);
        self.out.runs = drawn.1;
        let mut stream = Stream::new(resources, depth);
        let mut marks = marks.map(|marks| {
            *marks = Marks::default();
            marks
        });
        for op in Content::decode(bytes).ok()?.operations {
            if let Some(marks) = marks.as_deref_mut() {
                marks.push(&op.operator, &op.operands);
            }
            self.operation(&mut stream, &op.operator, &op.operands)?;
        }
        Some(())
    }

    fn operation(&mut self, s: &mut Stream<'p>, operator: &str, operands: &[Object]) -> Option<()> {
        let num = |i: usize| operands.get(i).and_then(number);
        match operator {
            "BT" | "ET" => {
                s.line = Transform::identity();
                s.state.text.matrix = s.line;
            }
            "cm" => s.state.ctm = s.state.ctm.pre_transform(&matrix(operands)?),
            "CS" => s.state.stroke_pattern = self.pattern(s.resources, operands.first()?.as_name().ok()?)?,
            "cs" => s.state.fill_pattern = self.pattern(s.resources, operands.first()?.as_name().ok()?)?,
            "SC" | "SCN" if !s.state.stroke_pattern => all_numbers(operands)?,
            "sc" | "scn" if !s.state.fill_pattern => all_numbers(operands)?,
            "TJ" => self.show_array(&mut s.state, operands.first()?)?,
            "Tj" => match operands.first()? {
                Object::String(shown, _) => self.show(&mut s.state, shown)?,
                _ => return None,
            },
            "Tc" => s.state.text.char_spacing = num(0)?,
            "Tw" => s.state.text.word_spacing = num(0)?,
            "Tz" => s.state.text.scaling = num(0)? / 100.0,
            "TL" => s.state.text.leading = num(0)?,
            "Ts" => s.state.text.rise = num(0)?,
            "Tf" => {
                s.state.text.font = Some(self.font(s.resources, operands.first()?.as_name().ok()?)?);
                s.state.text.size = num(1)?;
            }
            "Tm" => {
                s.line = matrix(operands)?;
                s.state.text.matrix = s.line;
            }
            "Td" | "TD" => {
                let [tx, ty] = pair(operands)?;
                if operator == "TD" {
                    s.state.text.leading = -ty;
                }
                s.line = s.line.pre_transform(&Transform::create_translation(tx, ty));
                s.state.text.matrix = s.line;
            }
            // pdf-extract ignores these two, the line's move with their text: lines then
            // fall on the one above and interleave with it
            "'" | "\"" => {
                let shown = match operands {
                    [Object::String(shown, _)] if operator == "'" => shown,
                    [word, character, Object::String(shown, _)] if operator == "\"" => {
                        s.state.text.word_spacing = number(word)?;
                        s.state.text.char_spacing = number(character)?;
                        shown
                    }
                    _ => return None,
                };
                s.next_line();
                self.show(&mut s.state, shown)?;
            }
            "T*" => s.next_line(),
            "q" => s.saved.push(s.state.clone()),
            "Q" => {
                if let Some(state) = s.saved.pop() {
                    s.state = state;
                }
            }
            "gs" => self.graphics_state(s.resources, operands.first()?.as_name().ok()?)?,
            "w" => {
                num(0)?;
            }
            "m" | "l" | "c" | "v" | "y" | "re" | "h" => s.path = path(s.path, operator, operands)?,
            "S" | "F" | "f" | "n" => s.path = PathEnd::Empty,
            "Do" => self.form(s, operands.first()?.as_name().ok()?)?,
            _ => {}
        }
        Some(())
    }

    /// Whether the colour space `name` is `Pattern`; `None` for one pdf-extract fails on or
    /// that this reader leaves to it.
    fn pattern(&self, resources: &Dictionary, name: &[u8]) -> Option<bool> {
        match name {
            b"DeviceGray" | b"DeviceRGB" | b"DeviceCMYK" => return Some(false),
            b"Pattern" => return Some(true),
            _ => {}
        }
        let doc = self.fonts.doc;
        let spaces = deref(doc, resources.get(b"ColorSpace").ok()?)?.as_dict().ok()?;
        match deref(doc, spaces.get(name).ok()?)? {
            Object::Array(space) => match space.first()?.as_name().ok()? {
                b"ICCBased" => deref(doc, space.get(1)?)?.as_stream().ok().map(|_| false),
                b"Pattern" => Some(true),
                b"DeviceGray" | b"DeviceRGB" | b"DeviceCMYK" | b"DeviceN" => Some(false),
                _ => None,
            },
            Object::Name(n) if n == b"DeviceRGB" || n == b"DeviceGray" => Some(false),
            _ => None,
        }
    }

    /// `gs`: the state's entries pdf-extract checks (a soft mask, the type).
    fn graphics_state(&self, resources: &Dictionary, name: &[u8]) -> Option<()> {
        let doc = self.fonts.doc;
        let states = deref(doc, resources.get(b"ExtGState").ok()?)?.as_dict().ok()?;
        let state = deref(doc, states.get(name).ok()?)?.as_dict().ok()?;
        for (key, value) in state.iter() {
            match key.as_slice() {
                b"SMask" => match deref(doc, value)? {
                    Object::Name(n) if n == b"None" => {}
                    Object::Dictionary(_) => {}
                    _ => return None,
                },
                b"Type" => match value {
                    Object::Name(n) if n == b"ExtGState" => {}
                    _ => return None,
                },
                _ => {}
            }
        }
        Some(())
    }

    /// The font a name sets on this page (the font dictionary of `resources` must exist).
    fn font(&mut self, resources: &Dictionary, name: &[u8]) -> Option<Arc<Font>> {
        let doc = self.fonts.doc;
        let table = deref(doc, resources.get(b"Font").ok()?)?.as_dict().ok()?;
        if let Some(font) = self.named.get(name) {
            return Some(font.clone());
        }
        let font = self.fonts.font(table.get(name).ok()?)?;
        self.named.insert(name.to_vec(), font.clone());
        Some(font)
    }

    /// `Do`: a form's content, read with its resources (or the ones it is drawn with) from
    /// a fresh graphics state. An image is not read: pdf-extract reads its bytes as content
    /// too, where they can only show glyphs that are not there or fail the page (on none
    /// of the shared PDFs' 1,826 pages did they change what is read). A form drawn inside
    /// itself, or deeper than [`DEEP`], draws nothing more (pdf-extract recurses until the
    /// stack overflows and the process aborts).
    fn form(&mut self, s: &Stream<'p>, name: &[u8]) -> Option<()> {
        let doc = self.fonts.doc;
        let entry = xobjects_of(doc, s.resources)?.get(name).ok()?;
        let form = deref(doc, entry)?.as_stream().ok()?;
        let id = entry.as_reference().ok();
        let inside_itself = id.is_some_and(|id| self.forms.contains(&id));
        if super::name_is(&form.dict, b"Subtype", b"Image") || inside_itself || s.depth >= DEEP {
            return Some(());
        }
        let resources = match form.dict.get(b"Resources") {
            Ok(entry) => deref(doc, entry)?.as_dict().unwrap_or(s.resources),
            Err(_) => s.resources,
        };
        self.forms.extend(id);
        let read = self.stream(&stream_bytes(form), resources, s.depth + 1, None);
        if id.is_some() {
            self.forms.pop();
        }
        read
    }

    /// `TJ`: strings shown, numbers moving the next one back (thousandths of the size).
    fn show_array(&mut self, state: &mut State, operand: &Object) -> Option<()> {
        let Object::Array(items) = operand else {
            return Some(());
        };
        for item in items {
            match item {
                Object::String(shown, _) => self.show(state, shown)?,
                Object::Integer(_) | Object::Real(_) => {
                    let text = &mut state.text;
                    let adjust = number(item)?;
                    let tx = text.scaling * ((0.0 - adjust / 1000.0) * text.size);
                    text.matrix = text.matrix.pre_transform(&Transform::create_translation(tx, 0.0));
                }
                _ => {}
            }
        }
        Some(())
    }

    /// Shows a string: each code's glyph where the text matrix puts it, then the matrix
    /// moved past it (PDF 32000-1, 9.4.4).
    fn show(&mut self, state: &mut State, shown: &[u8]) -> Option<()> {
        let text = &mut state.text;
        let font = text.font.clone()?;
        self.out.begin_word().ok()?;
        for code in font.codes(shown) {
            let scale = Transform::row_major(text.scaling, 0.0, 0.0, 1.0, 0.0, text.rise);
            let rendering = scale.post_transform(&text.matrix.post_transform(&state.ctm));
            let (glyph, w0) = font.glyph(code.code)?;
            let mut spacing = text.char_spacing;
            if code.code == 32 && code.one_byte {
                spacing += text.word_spacing;
            }
            self.out
                .output_character(&rendering, w0, spacing, text.size, glyph)
                .ok()?;
            let tx = text.scaling * ((w0 - 0.0 / 1000.0) * text.size + spacing);
            text.matrix = text.matrix.pre_transform(&Transform::create_translation(tx, 0.0));
        }
        self.out.end_word().ok()
    }
}

/// Six numbers as a matrix (`cm`, `Tm`); `None` unless there are exactly six.
fn matrix(operands: &[Object]) -> Option<Transform> {
    match operands {
        [a, b, c, d, e, f] => Some(Transform::row_major(
            number(a)?,
            number(b)?,
            number(c)?,
            number(d)?,
            number(e)?,
            number(f)?,
        )),
        _ => None,
    }
}

/// Exactly two numbers (`Td`, `TD`).
fn pair(operands: &[Object]) -> Option<[f64; 2]> {
    match operands {
        [x, y] => Some([number(x)?, number(y)?]),
        _ => None,
    }
}

/// `Some` when every operand is a number (a colour's components).
fn all_numbers(operands: &[Object]) -> Option<()> {
    operands.iter().try_for_each(|o| number(o).map(drop))
}

/// The path after a construction operator, whose operands must be numbers (`v` needs a
/// current point).
fn path(end: PathEnd, operator: &str, operands: &[Object]) -> Option<PathEnd> {
    let needs = match operator {
        "m" | "l" => 2,
        "c" => 6,
        "v" | "y" | "re" => 4,
        _ => 0,
    };
    if operator == "v" && end != PathEnd::Point {
        return None;
    }
    all_numbers(operands.get(..needs)?)?;
    Some(match operator {
        "h" | "re" => PathEnd::Closed,
        _ => PathEnd::Point,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{guard, page_glyphs, page_marks, prepare, shared_pdfs};
    use super::*;
    use std::path::Path;

    /// How the pages of the shared PDFs were read: by this reader (with how many glyphs),
    /// or left to pdf-extract.
    #[derive(Default, Debug)]
    struct Tally {
        ours: usize,
        left: usize,
        glyphs: usize,
        /// Pages showing text with `'` or `"` (not compared).
        quoted: usize,
    }

    fn compare(path: &Path, tally: &mut Tally) {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let Ok(doc) = prepare(path, &bytes) else {
            return;
        };
        let fonts = Fonts::new(&doc);
        for (number, id) in doc.get_pages() {
            let place = format!("{} page {number}", path.display());
            let Some((drawing, marks)) = guard::isolate(|| page(&fonts, number, id)).ok().flatten() else {
                tally.left += 1;
                continue;
            };
            tally.ours += 1;
            tally.glyphs += drawing.glyphs.len();
            assert!(
                Some(&marks) == page_marks(&doc, id).as_ref(),
                "{place}: marks differ"
            );
            // a page that shows text with `'` or `"`, which pdf-extract ignores, is read
            // otherwise (and so are its glyphs' runs)
            if marks.iter().any(|op| op.operator == "'" || op.operator == "\"") {
                tally.quoted += 1;
                continue;
            }
            let theirs =
                page_glyphs(&doc, number).unwrap_or_else(|e| panic!("{place}: pdf-extract fails ({e})"));
            // Debug prints each float's exact value (and NaN as NaN)
            assert_eq!(
                format!("{drawing:?}"),
                format!("{theirs:?}"),
                "{place}: glyphs differ"
            );
        }
    }

    /// A document of one page drawing `content` with Helvetica as `/F1`; the page's number
    /// and id.
    fn helvetica_page(content: &[u8]) -> (Document, u32, ObjectId) {
        use super::super::made::{dict, name, one_page, stream};
        let mut doc = Document::with_version("1.5");
        let font = doc.add_object(dict(vec![
            ("Type", name("Font")),
            ("Subtype", name("Type1")),
            ("BaseFont", name("Helvetica")),
        ]));
        let fonts = dict(vec![("F1", Object::Reference(font))]);
        let resources = dict(vec![("Font", Object::Dictionary(fonts))]);
        one_page(&mut doc, resources, stream(vec![], content));
        let (number, id) = doc.get_pages().into_iter().next().expect("a page");
        (doc, number, id)
    }

    #[test]
    fn a_stream_left_to_lopdf_midway_is_read_again_from_its_start() {
        // the decoder here hands over the text, then leaves the escaped name to lopdf
        let (doc, number, id) = helvetica_page(b"BT /F1 12 Tf 10 20 Td (AB) Tj ET /A#20B BMC EMC");
        let fonts = Fonts::new(&doc);
        let (drawing, marks) = page(&fonts, number, id).expect("read");
        let texts: Vec<&str> = drawing.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["A", "B"]);
        assert_eq!(drawing.runs, 1);
        let theirs = page_glyphs(&doc, number).expect("pdf-extract reads it");
        assert_eq!(format!("{drawing:?}"), format!("{theirs:?}"));
        assert!(Some(marks) == page_marks(&doc, id));
    }

    #[test]
    fn a_quote_moves_to_the_next_line_and_shows_its_text() {
        // `'` moves down one leading and shows B; `"` sets word spacing 3 and character
        // spacing 1, moves down and shows `C D`
        let (doc, number, id) = helvetica_page(b"BT /F1 10 Tf 12 TL 72 700 Td (A) Tj (B) ' 3 1 (C D) \" ET");
        let (drawing, _) = page(&Fonts::new(&doc), number, id).expect("read");
        let placed: Vec<(&str, f64, f64)> = drawing
            .glyphs
            .iter()
            .map(|g| (g.text.as_str(), g.x, g.y))
            .collect();
        // Helvetica: C 722 thousandths wide, the space 278
        let space = 72.0 + 7.22 + 1.0;
        let d = space + 2.78 + 1.0 + 3.0;
        let expected = [
            ("A", 72.0, 700.0),
            ("B", 72.0, 688.0),
            ("C", 72.0, 676.0),
            (" ", space, 676.0),
            ("D", d, 676.0),
        ];
        assert_eq!(placed.len(), expected.len(), "{placed:?}");
        for ((text, x, y), (want, wx, wy)) in placed.iter().zip(expected) {
            assert_eq!(*text, want);
            assert!((x - wx).abs() < 1e-9 && (y - wy).abs() < 1e-9, "{placed:?}");
        }
        // pdf-extract shows A alone
        let theirs = page_glyphs(&doc, number).expect("pdf-extract reads it");
        assert_eq!(theirs.glyphs.len(), 1);
    }

    #[test]
    fn every_page_of_the_shared_pdfs_it_reads_is_read_as_pdf_extract_reads_it() {
        let mut tally = Tally::default();
        for path in shared_pdfs() {
            compare(&path, &mut tally);
        }
        // all 1,826 pages, 3.0 million glyphs; 22 pages of 5 files show text with `'`
        let pages = tally.ours + tally.left;
        assert!(tally.ours * 100 >= pages * 99, "{tally:?}");
        assert!(tally.glyphs > 2_900_000, "{tally:?}");
        assert!(tally.quoted * 20 < pages, "{tally:?}");
    }
}
