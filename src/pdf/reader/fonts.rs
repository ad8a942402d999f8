//! The fonts the page reader reads with, each built once a document: what each code shows
//! (its Unicode text) and how far it advances, exactly as pdf-extract reads them. A
//! two-byte font (`Type0`, `Identity-H` or `-V`) is read here; a one-byte font's 256 codes
//! are asked of pdf-extract itself ([`probe`](super::probe)), once for all the fonts of one
//! encoding when their widths are plain ([`twin`](super::twin)). A font pdf-extract would fail
//! on (an entry of a kind it does not take, a code it has no character for) is `None`, and
//! a page that uses one is read by pdf-extract as before.

use super::super::{stream_bytes, unicode_maps};
use super::probe;
use super::twin::{self, Texts};
use pdf_extract::{Dictionary, Document, Object};
use std::collections::HashMap;

/// A font as the text of a page is read with it.
#[derive(Debug)]
pub enum Font {
    /// One byte a code: each of the 256 codes' text and width (in text space units per
    /// unit of font size).
    OneByte(Vec<(String, f64)>),
    /// Two bytes a code, the code the glyph's CID.
    TwoByte {
        /// The ToUnicode map: each code's text (a code it lacks shows nothing).
        unicode: Option<HashMap<u32, String>>,
        /// Widths by code, in thousandths of the font size.
        widths: HashMap<u32, f64>,
        /// The width of a code the widths leave out.
        default_width: f64,
    },
}

/// One code of a string shown.
pub struct Code {
    /// The code.
    pub code: u32,
    /// Whether it is one byte long (word spacing applies to a one-byte 32 only).
    pub one_byte: bool,
}

impl Font {
    /// The font a resource dictionary's entry (`entry`, dereferenced `dict`) names, or
    /// `None` where pdf-extract would fail on it; `texts` keeps the document's twins.
    pub fn read(doc: &Document, entry: &Object, dict: &Dictionary, texts: &Texts) -> Option<Font> {
        match name(doc, dict, b"Subtype")? {
            b"Type0" => two_byte(doc, dict),
            _ => twin::codes(doc, dict, texts)
                .or_else(|| probe::codes(doc, entry))
                .map(Font::OneByte),
        }
    }

    /// The codes of a shown string, in order (a lone last byte of a two-byte font is none).
    pub fn codes<'s>(&self, shown: &'s [u8]) -> impl Iterator<Item = Code> + 's {
        let one_byte = matches!(self, Font::OneByte(_));
        shown
            .chunks_exact(if one_byte { 1 } else { 2 })
            .map(move |bytes| Code {
                code: bytes.iter().fold(0, |code, &b| code << 8 | u32::from(b)),
                one_byte,
            })
    }

    /// A code's text and width (in text space units per unit of font size); `None` where
    /// the font has no such code.
    pub fn glyph(&self, code: u32) -> Option<(&str, f64)> {
        match self {
            Font::OneByte(codes) => codes
                .get(usize::try_from(code).ok()?)
                .map(|(text, width)| (text.as_str(), *width)),
            Font::TwoByte {
                unicode,
                widths,
                default_width,
            } => {
                let text = unicode.as_ref().and_then(|map| map.get(&code));
                let width = widths.get(&code).copied().unwrap_or(*default_width);
                Some((text.map_or("", String::as_str), width / 1000.0))
            }
        }
    }
}

/// A `Type0` font with an identity encoding and one descendant.
fn two_byte(doc: &Document, dict: &Dictionary) -> Option<Font> {
    name(doc, dict, b"BaseFont")?;
    name(doc, dict, b"Encoding").filter(|n| matches!(*n, b"Identity-H" | b"Identity-V"))?;
    let descendants = get(doc, dict, b"DescendantFonts")?.as_array().ok()?;
    let cid = deref(doc, descendants.first()?)?.as_dict().ok()?;
    get(doc, cid, b"FontDescriptor")?.as_dict().ok()?;
    // `DW` is read as pdf-extract reads it: not through a reference
    let default_width = match cid.get(b"DW") {
        Ok(Object::Integer(w)) => *w as f64,
        _ => 1000.0,
    };
    // a `W` that is no array gives no widths
    let widths = match present(doc, cid, b"W")?.map(Object::as_array) {
        Some(Ok(w)) => cid_widths(doc, w)?,
        _ => HashMap::new(),
    };
    Some(Font::TwoByte {
        unicode: unicode(doc, dict)?,
        widths,
        default_width,
    })
}

/// The `W` array of a CID font as pdf-extract reads it: `c [w1 w2 …]` gives widths from
/// `c` on; a `c_first c_last w` triple gives none.
fn cid_widths(doc: &Document, w: &[Object]) -> Option<HashMap<u32, f64>> {
    let items: Vec<&Object> = w.iter().map(|o| deref(doc, o)).collect::<Option<_>>()?;
    let mut widths = HashMap::new();
    let mut i = 0;
    while i < items.len() {
        let first = items.get(i)?.as_i64().ok()?;
        match items.get(i + 1)? {
            Object::Array(each) => {
                for (j, width) in each.iter().enumerate() {
                    let code = first.checked_add(i64::try_from(j).ok()?)?;
                    widths.insert(code as u32, number(width)?);
                }
                i += 2;
            }
            _ => i += 3,
        }
    }
    Some(widths)
}

/// The ToUnicode map, `Some(None)` for none (or `Identity-H`), `None` where pdf-extract
/// would fail on it.
fn unicode(doc: &Document, dict: &Dictionary) -> Option<Option<HashMap<u32, String>>> {
    match present(doc, dict, b"ToUnicode")? {
        None => Some(None),
        Some(Object::Name(n)) if n == b"Identity-H" => Some(None),
        Some(Object::Stream(stream)) => {
            let map = unicode_maps::read_map(stream_bytes(stream))?;
            let mut texts = HashMap::with_capacity(map.len());
            for (code, utf16) in map {
                if utf16.len() % 2 != 0 {
                    return None;
                }
                let units: Vec<u16> = utf16
                    .chunks_exact(2)
                    .map(|pair| pair.iter().fold(0u16, |unit, &b| unit << 8 | u16::from(b)))
                    .collect();
                if let [0xd800..=0xdfff] = units[..] {
                    continue;
                }
                texts.insert(code, String::from_utf16(&units).ok()?);
            }
            Some(Some(texts))
        }
        Some(_) => None,
    }
}

/// `dict[key]`, a reference followed; `None` when absent or a reference leads nowhere.
pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    deref(doc, dict.get(key).ok()?)
}

/// `dict[key]`, a reference followed: `Some(None)` when absent, `None` when a reference
/// leads nowhere (where pdf-extract fails).
fn present<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<Option<&'a Object>> {
    match dict.get(key) {
        Ok(entry) => deref(doc, entry).map(Some),
        Err(_) => Some(None),
    }
}

/// `object`, or what it refers to (lopdf's `dereference`, `None` where it leads nowhere).
pub fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, object)| object)
}

/// `dict[key]` when it is a name.
pub fn name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    get(doc, dict, key)?.as_name().ok()
}

/// An integer or a real, as a float.
pub fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::made::{dict, name, one_page, stream};
    use super::super::super::page_glyphs;
    use super::super::{page, Fonts};
    use super::*;

    /// A two-byte font: widths 500 and 600 from CID 1, a `5 10 700` range, default 900.
    fn two_byte_font(doc: &mut Document, to_unicode: Object) -> Dictionary {
        let widths = vec![
            Object::Integer(1),
            Object::Array(vec![Object::Integer(500), Object::Real(600.0)]),
            Object::Integer(5),
            Object::Integer(10),
            Object::Integer(700),
        ];
        let descriptor = doc.add_object(dict(vec![("Type", name("FontDescriptor"))]));
        let cid = dict(vec![
            ("Subtype", name("CIDFontType2")),
            ("FontDescriptor", Object::Reference(descriptor)),
            ("DW", Object::Integer(900)),
            ("W", Object::Array(widths)),
        ]);
        dict(vec![
            ("Type", name("Font")),
            ("Subtype", name("Type0")),
            ("BaseFont", name("Arial")),
            ("Encoding", name("Identity-H")),
            ("DescendantFonts", Object::Array(vec![Object::Dictionary(cid)])),
            ("ToUnicode", to_unicode),
        ])
    }

    /// The two-byte font with a ToUnicode map of CIDs 1 and 2.
    fn mapped_font(doc: &mut Document) -> Dictionary {
        let map = doc.add_object(stream(
            vec![],
            b"begincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n\
              2 beginbfchar\n<0001> <0041>\n<0002> <0042>\nendbfchar\nendcmap",
        ));
        two_byte_font(doc, Object::Reference(map))
    }

    #[test]
    fn a_two_byte_font_reads_widths_and_text_as_pdf_extract_does() {
        let mut doc = Document::with_version("1.5");
        let font = mapped_font(&mut doc);
        let font =
            Font::read(&doc, &Object::Dictionary(font.clone()), &font, &Texts::default()).expect("read");
        let codes: Vec<u32> = font.codes(&[0, 1, 0, 2, 0]).map(|c| c.code).collect();
        // a lone last byte is no code
        assert_eq!(codes, [1, 2]);
        assert_eq!(font.glyph(1), Some(("A", 0.5)));
        assert_eq!(font.glyph(2), Some(("B", 0.6)));
        // the `5 10 700` range gives no width (as pdf-extract reads it): the default
        assert_eq!(font.glyph(7), Some(("", 0.9)));
    }

    #[test]
    fn a_page_in_a_two_byte_font_is_drawn_as_pdf_extract_draws_it() {
        let mut doc = Document::with_version("1.5");
        let font = mapped_font(&mut doc);
        let fonts = dict(vec![("F1", Object::Dictionary(font))]);
        let resources = dict(vec![("Font", Object::Dictionary(fonts))]);
        let content = b"BT /F1 10 Tf 2 Tc 72 700 Td <0001000200070001> Tj ET";
        one_page(&mut doc, resources, stream(vec![], content));
        let (number, id) = doc.get_pages().into_iter().next().expect("a page");
        let (ours, _) = page(&Fonts::new(&doc), number, id).expect("read");
        let theirs = page_glyphs(&doc, number).expect("pdf-extract reads it");
        assert_eq!(ours.glyphs.len(), 4);
        assert_eq!(format!("{ours:?}"), format!("{theirs:?}"));
    }

    #[test]
    fn a_map_that_is_not_there_leaves_the_font_to_pdf_extract() {
        let mut doc = Document::with_version("1.5");
        let font = two_byte_font(&mut doc, Object::Reference((999, 0)));
        assert!(Font::read(&doc, &Object::Dictionary(font.clone()), &font, &Texts::default()).is_none());
    }
}
