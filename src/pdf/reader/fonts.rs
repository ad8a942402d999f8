//! The fonts the page reader reads itself, each built once a document: what each code
//! shows (its Unicode text) and how far it advances. A font is read exactly as pdf-extract
//! reads it, or not at all: a kind of font left to pdf-extract (a `Differences` encoding,
//! a font program's own encoding, one of the standard fonts without widths, a Type 3 font)
//! is `None`, and so is any entry pdf-extract would fail on, so a page that uses one is
//! read by pdf-extract as before.

use super::super::{stream_bytes, unicode_maps};
use pdf_extract::{Dictionary, Document, Object};
use std::collections::HashMap;

/// A font as the text of a page is read with it.
#[derive(Debug)]
pub struct Font {
    /// Two bytes a code (`Identity-H` or `-V`), or one.
    two_byte: bool,
    /// The ToUnicode map: each code's text.
    unicode: Option<HashMap<u32, String>>,
    /// A one-byte font's encoding: each code's character.
    encoding: Option<[char; 256]>,
    /// Widths by code, in thousandths of the font size.
    widths: HashMap<u32, f64>,
    /// The width of a code the widths leave out.
    default_width: f64,
}

/// One code of a string shown.
pub struct Code {
    /// The code.
    pub code: u32,
    /// Whether it is one byte long (word spacing applies to a one-byte 32 only).
    pub one_byte: bool,
}

impl Font {
    /// The font of `dict`, or `None` where it is left to pdf-extract.
    pub fn read(doc: &Document, dict: &Dictionary) -> Option<Font> {
        match name(doc, dict, b"Subtype")? {
            b"Type0" => two_byte(doc, dict),
            b"TrueType" | b"Type1" => one_byte(doc, dict),
            _ => None,
        }
    }

    /// The codes of a shown string, in order (a lone last byte of a two-byte font is none).
    pub fn codes<'s>(&self, shown: &'s [u8]) -> impl Iterator<Item = Code> + 's {
        let step = if self.two_byte { 2 } else { 1 };
        shown.chunks_exact(step).map(move |pair| match *pair {
            [high, low] => Code {
                code: u32::from(high) << 8 | u32::from(low),
                one_byte: false,
            },
            _ => Code {
                code: pair.first().copied().map_or(0, u32::from),
                one_byte: true,
            },
        })
    }

    /// A code's width in thousandths of the font size.
    pub fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width)
    }

    /// A code's text; `None` where pdf-extract would fail (a one-byte font whose ToUnicode
    /// map lacks the code and that has no encoding to fall back on).
    pub fn text(&self, code: u32) -> Option<String> {
        if let Some(text) = self.unicode.as_ref().and_then(|map| map.get(&code)) {
            return Some(text.clone());
        }
        if self.two_byte {
            return Some(String::new());
        }
        let encoding = self.encoding.as_ref()?;
        encoding.get(usize::try_from(code).ok()?).map(|c| c.to_string())
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
    Some(Font {
        two_byte: true,
        unicode: unicode(doc, dict)?,
        encoding: None,
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

/// A `TrueType` or `Type1` font with the `WinAnsiEncoding` (by name, or a TrueType font's
/// by default) and its own widths, and no font program that carries an encoding.
fn one_byte(doc: &Document, dict: &Dictionary) -> Option<Font> {
    name(doc, dict, b"BaseFont")?;
    let true_type = name(doc, dict, b"Subtype") == Some(&b"TrueType"[..]);
    if let Some(descriptor) = get(doc, dict, b"FontDescriptor").and_then(|d| d.as_dict().ok()) {
        let program = |key: &[u8]| descriptor.get(key).is_ok();
        if (!true_type && program(b"FontFile")) || program(b"FontFile3") {
            return None;
        }
    }
    let encoding = match get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) if n == b"WinAnsiEncoding" => Some(win_ansi()),
        None if true_type => Some(win_ansi()),
        None => None,
        Some(_) => return None,
    };
    let unicode = unicode(doc, dict)?;
    if encoding.is_none() && unicode.is_none() {
        return None;
    }
    Some(Font {
        two_byte: false,
        unicode,
        encoding,
        widths: simple_widths(doc, dict)?,
        default_width: dict.get(b"MissingWidth").ok().and_then(number).unwrap_or(0.0),
    })
}

/// `FirstChar`, `LastChar` and `Widths`, which must agree; `None` without them (pdf-extract
/// then takes the widths of a standard font).
fn simple_widths(doc: &Document, dict: &Dictionary) -> Option<HashMap<u32, f64>> {
    let first = get(doc, dict, b"FirstChar")?.as_i64().ok()?;
    let last = get(doc, dict, b"LastChar")?.as_i64().ok()?;
    let widths = get(doc, dict, b"Widths")?.as_array().ok()?;
    let count = i64::try_from(widths.len()).ok()?;
    if first.checked_add(count)?.checked_sub(1)? != last {
        return None;
    }
    widths
        .iter()
        .zip(first..)
        .map(|(w, code)| Some((code as u32, number(w)?)))
        .collect()
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

/// `WinAnsiEncoding` (PDF 32000-1, annex D), each code's character.
fn win_ansi() -> [char; 256] {
    std::array::from_fn(|code| u8::try_from(code).map_or('\0', win_ansi_char))
}

/// A code's character in `WinAnsiEncoding`: Latin-1 with Windows' characters at
/// 0x80–0x9F, a bullet in their unused places and at 0x7F, a space at 0xA0, a hyphen at
/// 0xAD; no character (U+0000) below 0x20.
fn win_ansi_char(code: u8) -> char {
    const WINDOWS: [char; 32] = [
        '\u{20AC}', '\u{2022}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
        '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{2022}', '\u{017D}', '\u{2022}',
        '\u{2022}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
        '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{2022}', '\u{017E}', '\u{0178}',
    ];
    match code {
        0..=0x1F => '\0',
        0x7F => '\u{2022}',
        0x80..=0x9F => WINDOWS.get(usize::from(code - 0x80)).copied().unwrap_or('\0'),
        0xA0 => ' ',
        0xAD => '-',
        _ => char::from(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn win_ansi_follows_the_standard() {
        let table = win_ansi();
        assert_eq!(table[0x41], 'A');
        assert_eq!(table[0x80], '€');
        assert_eq!(table[0x81], '•');
        assert_eq!(table[0x96], '–');
        assert_eq!(table[0xA0], ' ');
        assert_eq!(table[0xAD], '-');
        assert_eq!(table[0xE9], 'é');
        assert_eq!(table[0x1F], '\0');
    }
}
