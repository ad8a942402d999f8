//! The fonts the page reader reads with, each built once a document: what each code shows
//! (its Unicode text) and how far it advances, exactly as pdf-extract reads them. A
//! two-byte font (`Type0`, `Identity-H` or `-V`) is read here; a one-byte font's 256 codes
//! are asked of pdf-extract itself ([`probe`](super::probe)). A font pdf-extract would fail
//! on (an entry of a kind it does not take, a code it has no character for) is `None`, and
//! a page that uses one is read by pdf-extract as before.

use super::super::{stream_bytes, unicode_maps};
use super::probe;
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
    /// `None` where pdf-extract would fail on it.
    pub fn read(doc: &Document, entry: &Object, dict: &Dictionary) -> Option<Font> {
        match name(doc, dict, b"Subtype")? {
            b"Type0" => two_byte(doc, dict),
            _ => probe::codes(doc, entry).map(Font::OneByte),
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
    // `DW` and `MissingWidth` are read as pdf-extract reads them: not through a reference
    let default_width = match cid.get(b"DW") {
        Ok(Object::Integer(w)) => *w as f64,
        _ => 1000.0,
    };
    let widths = match get(doc, cid, b"W") {
        None => HashMap::new(),
        Some(w) => cid_widths(doc, w.as_array().ok()?)?,
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
            _ => {
                number(items.get(i)?)?;
                i += 3;
            }
        }
    }
    Some(widths)
}

/// The ToUnicode map, `Some(None)` for none (or `Identity-H`), `None` where pdf-extract
/// would fail on it.
fn unicode(doc: &Document, dict: &Dictionary) -> Option<Option<HashMap<u32, String>>> {
    match get(doc, dict, b"ToUnicode") {
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
fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    deref(doc, dict.get(key).ok()?)
}

/// `object`, or what it refers to.
pub fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        _ => Some(object),
    }
}

/// `dict[key]` when it is a name.
fn name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
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
