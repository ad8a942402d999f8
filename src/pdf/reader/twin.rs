//! A one-byte font with plain widths read without a probe of its own. pdf-extract reads a
//! code's width from `FirstChar`, `LastChar` and `Widths` alone when all three are there,
//! and its text from what the widths do not touch: the subtype, the encoding, the
//! ToUnicode map and the descriptor's Type 1 programs and character set. So the widths are
//! read here, as pdf-extract reads them, and the text is asked of pdf-extract once for all
//! the fonts of a document that share those entries: on a twin font holding them, a fixed
//! name and plain widths of its own. A document's regular, bold and italic faces of one
//! encoding (most fonts of most reports) then cost one probe, not one each.
//!
//! A font whose widths pdf-extract would read otherwise (a standard font's metrics), or
//! fail on, is not read here; nor one whose name pdf-extract reads the text by (a name
//! with `FontAwesome` in it).

use super::fonts::{deref, get, name, number};
use super::probe;
use crate::pdf::made;
use pdf_extract::{Dictionary, Document, Object};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The entries in which twins differ: what pdf-extract reads a code's text from.
const VARYING: [&[u8]; 4] = [b"Subtype", b"Encoding", b"ToUnicode", b"FontDescriptor"];

/// The texts of a document's twins, by twin (its varying entries, printed), probed once each.
#[derive(Default)]
pub struct Texts {
    probed: Mutex<HashMap<String, Option<Arc<Vec<String>>>>>,
}

/// The font's 256 codes' text and width (in text space units per unit of font size), or
/// `None` where the font's widths are not plain or its twin is not read (it is then
/// probed whole).
pub fn codes(doc: &Document, dict: &Dictionary, texts: &Texts) -> Option<Vec<(String, f64)>> {
    let widths = Widths::of(doc, dict)?;
    let twin = twin(doc, dict)?;
    let shown = texts.of(doc, twin)?;
    let codes = shown
        .iter()
        .zip(0u32..)
        .map(|(text, code)| (text.clone(), widths.width(code) / 1000.0))
        .collect();
    Some(codes)
}

impl Texts {
    /// The text of each code of `twin`, probed the first time.
    fn of(&self, doc: &Document, twin: Dictionary) -> Option<Arc<Vec<String>>> {
        // every twin's type, name, first and last codes and widths are the same: the key
        // is what differs (formatting the 256 widths was a tenth of a small file's probing)
        let key = format!("{:?}", VARYING.map(|k| twin.get(k).ok()));
        if let Some(known) = self.probed.lock().ok()?.get(&key) {
            return known.clone();
        }
        let codes = probe::codes(doc, &Object::Dictionary(twin));
        let shown = codes.map(|codes| Arc::new(codes.into_iter().map(|(text, _)| text).collect()));
        self.probed.lock().ok()?.insert(key, shown.clone());
        shown
    }
}

/// A font's widths as pdf-extract reads them when `FirstChar`, `LastChar` and `Widths` are
/// all there: `Widths[i]` for code `FirstChar + i`, `MissingWidth` (or 0) for the others.
struct Widths {
    first: i64,
    widths: Vec<f64>,
    missing: f64,
}

impl Widths {
    /// The widths of `dict`, or `None` where pdf-extract would read them otherwise or fail
    /// (a width that is a reference, a count that disagrees with `LastChar`) or where the
    /// first code is not one byte's.
    fn of(doc: &Document, dict: &Dictionary) -> Option<Widths> {
        let integer = |key: &[u8]| get(doc, dict, key)?.as_i64().ok();
        let (first, last) = (integer(b"FirstChar")?, integer(b"LastChar")?);
        // codes past 255, or below 0, pdf-extract keys by a wrapping cast: left to it
        if !(0..=255).contains(&first) {
            return None;
        }
        let items = get(doc, dict, b"Widths")?.as_array().ok()?;
        let widths: Vec<f64> = items.iter().map(number).collect::<Option<_>>()?;
        let count = i64::try_from(widths.len()).ok()?;
        if first.checked_add(count)?.checked_sub(1)? != last {
            return None;
        }
        // pdf-extract takes `MissingWidth` as it stands, not through a reference
        let missing = dict.get(b"MissingWidth").ok().and_then(number).unwrap_or(0.0);
        Some(Widths {
            first,
            widths,
            missing,
        })
    }

    /// The width of `code`, in thousandths of the font size.
    fn width(&self, code: u32) -> f64 {
        let at = i64::from(code).checked_sub(self.first);
        let width = at
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.widths.get(i));
        width.copied().unwrap_or(self.missing)
    }
}

/// The twin of `dict`: the entries pdf-extract reads a code's text from, under a fixed
/// name, with plain widths (`None` where the name or descriptor may change the text or
/// fail).
fn twin(doc: &Document, dict: &Dictionary) -> Option<Dictionary> {
    let subtype = name(doc, dict, b"Subtype")?;
    let base_font = name(doc, dict, b"BaseFont")?;
    let plain_name = |n: &[u8]| n.iter().all(|b| b.is_ascii_graphic());
    let awesome = memchr::memmem::find(base_font, b"FontAwesome").is_some();
    if subtype == b"Type3" || !plain_name(base_font) || awesome {
        return None;
    }
    let mut twin = made::dict(vec![
        ("Type", made::name("Font")),
        ("Subtype", Object::Name(subtype.to_vec())),
        ("BaseFont", made::name("Twin")),
        ("FirstChar", Object::Integer(0)),
        ("LastChar", Object::Integer(255)),
        ("Widths", Object::Array(vec![Object::Integer(0); 256])),
    ]);
    for key in [b"Encoding".as_slice(), b"ToUnicode"] {
        if let Ok(entry) = dict.get(key) {
            twin.set(key, entry.clone());
        }
    }
    if let Ok(entry) = dict.get(b"FontDescriptor") {
        if let Ok(descriptor) = deref(doc, entry)?.as_dict() {
            twin.set(
                "FontDescriptor",
                Object::Dictionary(text_entries(doc, descriptor)?),
            );
        }
    }
    Some(twin)
}

/// The entries of a font descriptor pdf-extract reads a code's text from: the Type 1
/// programs and the character set. A TrueType program (`FontFile2`) is read and set aside;
/// it must only lead somewhere.
fn text_entries(doc: &Document, descriptor: &Dictionary) -> Option<Dictionary> {
    if let Ok(program) = descriptor.get(b"FontFile2") {
        deref(doc, program)?;
    }
    let mut entries = Dictionary::new();
    for key in [b"FontFile".as_slice(), b"FontFile3", b"CharSet"] {
        if let Ok(entry) = descriptor.get(key) {
            entries.set(key, entry.clone());
        }
    }
    Some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use made::{dict, name};
    use Object::{Array, Integer, Real, Reference};

    /// A TrueType font of the WinAnsi encoding named `base`, its widths from code 32.
    fn truetype(doc: &mut Document, base: &str, widths: Vec<Object>, more: Vec<(&str, Object)>) -> Object {
        let last = 31 + i64::try_from(widths.len()).expect("a few widths");
        let mut entries = vec![
            ("Type", name("Font")),
            ("Subtype", name("TrueType")),
            ("BaseFont", name(base)),
            ("Encoding", name("WinAnsiEncoding")),
            ("FirstChar", Integer(32)),
            ("LastChar", Integer(last)),
            ("Widths", Array(widths)),
        ];
        entries.extend(more);
        Reference(doc.add_object(dict(entries)))
    }

    /// The font's codes as read here, with `texts`.
    fn read(doc: &Document, font: &Object, texts: &Texts) -> Option<Vec<(String, f64)>> {
        let dict = deref(doc, font).and_then(|f| f.as_dict().ok()).expect("a font");
        codes(doc, dict, texts)
    }

    #[test]
    fn two_faces_of_one_encoding_read_as_their_own_probes_with_one_probe() {
        let mut doc = Document::with_version("1.5");
        let missing = doc.add_object(Integer(500));
        let regular = truetype(&mut doc, "ArialMT", vec![Integer(278); 40], vec![]);
        let bold = truetype(
            &mut doc,
            "Arial-BoldMT",
            vec![Real(277.5); 40],
            // taken as it stands by pdf-extract: a reference is no width, so 0
            vec![("MissingWidth", Reference(missing))],
        );
        let italic = truetype(
            &mut doc,
            "Arial-ItalicMT",
            vec![Integer(300); 34],
            vec![("MissingWidth", Integer(750))],
        );
        let texts = Texts::default();
        for font in [&regular, &bold, &italic] {
            let ours = read(&doc, font, &texts).expect("plain widths");
            assert_eq!(Some(ours), probe::codes(&doc, font));
        }
        assert_eq!(texts.probed.lock().expect("not poisoned").len(), 1);
        let italic = read(&doc, &italic, &texts).expect("plain widths");
        assert_eq!(italic.get(65), Some(&("A".to_string(), 0.3)));
        assert_eq!(italic.get(0x96), Some(&("\u{2013}".to_string(), 0.75)));
    }

    #[test]
    fn widths_pdf_extract_reads_otherwise_or_fails_on_are_left_to_the_probe() {
        let mut doc = Document::with_version("1.5");
        let width = doc.add_object(Integer(278));
        let fonts = [
            // a count that disagrees with LastChar: pdf-extract asserts
            truetype(
                &mut doc,
                "ArialMT",
                vec![Integer(278)],
                vec![("LastChar", Integer(40))],
            ),
            // a width that is a reference: pdf-extract takes it for the wrong type
            truetype(&mut doc, "ArialMT", vec![Reference(width)], vec![]),
            // codes from 300: keyed by pdf-extract through a wrapping cast
            truetype(
                &mut doc,
                "ArialMT",
                vec![],
                vec![("FirstChar", Integer(300)), ("LastChar", Integer(299))],
            ),
            // a name pdf-extract reads glyph names by
            truetype(&mut doc, "FontAwesome", vec![Integer(278)], vec![]),
        ];
        let texts = Texts::default();
        for font in &fonts {
            assert_eq!(read(&doc, font, &texts), None);
        }
        assert!(texts.probed.lock().expect("not poisoned").is_empty());
    }
}
