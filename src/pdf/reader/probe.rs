//! A one-byte font's 256 codes as pdf-extract reads them, asked of pdf-extract itself: the
//! font (with the objects it refers to) is put on a page of a document of its own that
//! shows every code once, and what pdf-extract draws there is each code's text and width.
//! Encodings by glyph name (`Differences`, a font program's own), the standard fonts'
//! metrics and every quirk of pdf-extract's reading come out exactly as it reads them on
//! a real page, once a document rather than once a page.

use super::super::{guard, made};
use pdf_extract::{Document, MediaBox, Object, ObjectId, OutputDev, OutputError, Transform};
use std::collections::BTreeSet;

/// Objects a font may refer to (descriptor, program, maps, a Type 3 font's glyphs); past
/// this it is not probed.
const REACH: usize = 2000;

/// Each code's text and width (in text space units per unit of font size), or `None`
/// where pdf-extract fails on the font or on one of its codes.
pub fn codes(doc: &Document, entry: &Object) -> Option<Vec<(String, f64)>> {
    let probe = page_of(doc, entry)?;
    let mut drawn = Drawn::default();
    match guard::isolate(|| pdf_extract::output_doc_page(&probe, &mut drawn, 1)) {
        Ok(Ok(())) if drawn.codes.len() == 256 => Some(drawn.codes),
        _ => None,
    }
}

/// A document whose one page shows codes 0 to 255 in the font `entry` (a reference, or a
/// font dictionary written in place), with the objects the font refers to under their ids.
fn page_of(doc: &Document, entry: &Object) -> Option<Document> {
    let mut probe = Document::with_version("1.5");
    let mut seen = BTreeSet::new();
    let mut to_copy = Vec::new();
    references(entry, &mut to_copy);
    while let Some(id) = to_copy.pop() {
        if !seen.insert(id) {
            continue;
        }
        if seen.len() > REACH {
            return None;
        }
        // what the document lacks, the probe lacks too
        let Some(object) = doc.objects.get(&id) else {
            continue;
        };
        references(object, &mut to_copy);
        probe.objects.insert(id, object.clone());
    }
    // the page's own objects are numbered past every object copied
    probe.max_id = seen.iter().map(|id| id.0).fold(doc.max_id, u32::max);
    let fonts = made::dict(vec![("F", entry.clone())]);
    let resources = made::dict(vec![("Font", Object::Dictionary(fonts))]);
    let shown: String = (0..=255u8).map(|code| format!("{code:02X}")).collect();
    let content = format!("BT /F 1 Tf <{shown}> Tj ET");
    made::one_page(&mut probe, resources, made::stream(vec![], content.as_bytes()));
    Some(probe)
}

/// Every reference inside `object`, however deep.
fn references(object: &Object, found: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => found.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, found)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| references(o, found)),
        Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| references(o, found)),
        _ => {}
    }
}

/// What pdf-extract draws on the probe page: each code's text and width, in order.
#[derive(Default)]
struct Drawn {
    codes: Vec<(String, f64)>,
}

impl OutputDev for Drawn {
    fn begin_page(
        &mut self,
        _: u32,
        _: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        _: &Transform,
        width: f64,
        _: f64,
        _: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.codes.push((text.to_owned(), width));
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use made::{dict, name, stream};

    /// Helvetica without widths (a standard font), its 0x80 made an en dash by name.
    fn helvetica(doc: &mut Document) -> Object {
        let differences = dict(vec![(
            "Differences",
            Object::Array(vec![Object::Integer(128), name("endash")]),
        )]);
        let font = doc.add_object(dict(vec![
            ("Type", name("Font")),
            ("Subtype", name("Type1")),
            ("BaseFont", name("Helvetica")),
            ("Encoding", Object::Dictionary(differences)),
        ]));
        Object::Reference(font)
    }

    #[test]
    fn a_font_s_codes_are_read_as_pdf_extract_reads_them() {
        let mut doc = Document::with_version("1.5");
        let font = helvetica(&mut doc);
        let codes = codes(&doc, &font).expect("probed");
        assert_eq!(codes.len(), 256);
        // the standard font's metrics: A is 667 thousandths wide, the space 278
        assert_eq!(codes[usize::from(b'A')], ("A".to_string(), 0.667));
        assert_eq!(codes[32], (" ".to_string(), 0.278));
        assert_eq!(codes[0x80].0, "\u{2013}");
    }

    #[test]
    fn a_font_pdf_extract_fails_on_is_none() {
        // a ToUnicode map without code 0 and no encoding to fall back on: pdf-extract panics
        let mut doc = Document::with_version("1.5");
        let map = doc.add_object(stream(
            vec![],
            b"begincmap\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n\
              1 beginbfchar\n<41> <0041>\nendbfchar\nendcmap",
        ));
        let font = doc.add_object(dict(vec![
            ("Type", name("Font")),
            ("Subtype", name("Type1")),
            ("BaseFont", name("Custom")),
            ("ToUnicode", Object::Reference(map)),
        ]));
        assert_eq!(codes(&doc, &Object::Reference(font)), None);
    }
}
