//! Wide ToUnicode maps cut to the codes the document shows. pdf-extract builds a font's map
//! anew on every page it is used on (the page reader, once a document); a map over the
//! whole two-byte code space (`<0000> <FFFF> <0000>`, which some writers give every font)
//! is 65,536 entries a font a page, most of a long document's reading time (and, read
//! once, still a third more CPU for such a document than cutting it). Cut to the codes
//! shown in the content of the pages and of what they draw (`Do`), the map reads every
//! shown glyph as before.
//!
//! Only the maps of two-byte fonts (`Type0` with `Identity-H` or `Identity-V`) are cut: their
//! codes are the byte pairs of the strings shown, so the codes shown are known without
//! knowing which font shows them. A cut map is written only once it is read back as the
//! original's entries for those codes.

use super::{name_is, stream_bytes};
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

/// A map whose ranges span more codes than this is cut (a one-byte font's has at most 256).
const WIDE: u64 = 4096;

/// Entries in one `beginbfchar` block, the most a CMap may hold.
const BLOCK: usize = 100;

/// Cuts every wide ToUnicode map of a two-byte font to the codes the document shows.
pub fn narrow(doc: &mut Document) {
    let dicts = dictionaries(doc);
    let wide: Vec<ObjectId> = two_byte_maps(&dicts)
        .into_iter()
        .filter(|&id| stream_of(doc, id).is_some_and(|s| range_codes(&stream_bytes(s)) > WIDE))
        .collect();
    if wide.is_empty() {
        return;
    }
    let shown = shown_codes(doc, &xobjects(doc, &dicts));
    drop(dicts);
    for id in wide {
        let Some(map) = unicode_map(doc, id) else {
            continue;
        };
        let kept: BTreeMap<u32, Vec<u8>> = map.into_iter().filter(|(code, _)| shown.has(*code)).collect();
        let cut = cmap(&kept);
        let same = read_map(&cut)
            .is_some_and(|read| read.len() == kept.len() && kept.iter().all(|(k, v)| read.get(k) == Some(v)));
        if let (true, Some(Object::Stream(stream))) = (same, doc.objects.get_mut(&id)) {
            stream.set_plain_content(cut.into_bytes());
        }
    }
}

/// Every dictionary of the document, a stream's among them, however deep it is nested.
fn dictionaries(doc: &Document) -> Vec<&Dictionary> {
    let mut found = Vec::new();
    let mut stack: Vec<&Object> = doc.objects.values().collect();
    while let Some(object) = stack.pop() {
        let dict = match object {
            Object::Dictionary(dict) => dict,
            Object::Stream(stream) => &stream.dict,
            Object::Array(items) => {
                stack.extend(items);
                continue;
            }
            _ => continue,
        };
        stack.extend(dict.iter().map(|(_, value)| value));
        found.push(dict);
    }
    found
}

/// The ToUnicode streams whose every font is a two-byte one (a stream another kind of font
/// also uses is left whole).
fn two_byte_maps(dicts: &[&Dictionary]) -> Vec<ObjectId> {
    let mut two_byte: BTreeMap<ObjectId, bool> = BTreeMap::new();
    for dict in dicts {
        if let Ok(&Object::Reference(id)) = dict.get(b"ToUnicode") {
            let identity = name_is(dict, b"Subtype", b"Type0")
                && (name_is(dict, b"Encoding", b"Identity-H") || name_is(dict, b"Encoding", b"Identity-V"));
            *two_byte.entry(id).or_insert(true) &= identity;
        }
    }
    two_byte
        .into_iter()
        .filter_map(|(id, all)| all.then_some(id))
        .collect()
}

/// The streams a page may draw with `Do`: every one an `XObject` resource names (pdf-extract
/// reads an image's bytes as content too).
fn xobjects<'d>(doc: &'d Document, dicts: &[&'d Dictionary]) -> Vec<&'d Stream> {
    let resources = dicts.iter().filter_map(|dict| match dict.get(b"XObject").ok()? {
        Object::Reference(id) => doc.get_object(*id).ok()?.as_dict().ok(),
        Object::Dictionary(named) => Some(named),
        _ => None,
    });
    let ids: BTreeSet<ObjectId> = resources
        .flat_map(|named| named.iter().filter_map(|(_, o)| o.as_reference().ok()))
        .collect();
    ids.into_iter().filter_map(|id| stream_of(doc, id)).collect()
}

/// The map a ToUnicode stream gives, read as pdf-extract reads it; `None` when it cannot be
/// read (pdf-extract then fails on it as before).
fn unicode_map(doc: &Document, id: ObjectId) -> Option<HashMap<u32, Vec<u8>>> {
    read_map(stream_bytes(stream_of(doc, id)?))
}

fn stream_of(doc: &Document, id: ObjectId) -> Option<&Stream> {
    doc.get_object(id).ok()?.as_stream().ok()
}

/// How many codes the `bfrange` lines of a CMap span, read from its text without building
/// the map (a rough reading: it only decides which maps are read in full).
fn range_codes(cmap: &[u8]) -> u64 {
    let mut total = 0u64;
    let mut rest = cmap;
    while let Some(section) = after(rest, b"beginbfrange") {
        let end = section
            .windows(10)
            .position(|w| w == b"endbfrange")
            .unwrap_or(section.len());
        let (lines, tail) = section.split_at(end);
        let tokens = range_tokens(lines);
        for triple in tokens.chunks(3) {
            if let [Some(lo), Some(hi), _] = *triple {
                total = total.saturating_add(hi.saturating_sub(lo).saturating_add(1));
            }
        }
        rest = tail;
    }
    total
}

/// What follows the first `word` in `text`.
fn after<'t>(text: &'t [u8], word: &[u8]) -> Option<&'t [u8]> {
    let at = text.windows(word.len()).position(|w| w == word)?;
    text.get(at + word.len()..)
}

/// The hex strings (their value) and arrays (`None`) of a `bfrange` section, in order.
fn range_tokens(lines: &[u8]) -> Vec<Option<u64>> {
    let mut tokens = Vec::new();
    let mut bytes = lines.iter();
    while let Some(&b) = bytes.next() {
        match b {
            b'<' => {
                let digits = bytes
                    .by_ref()
                    .take_while(|&&c| c != b'>')
                    .filter(|c| c.is_ascii_hexdigit());
                let digit = |c: u8| u64::from(char::from(c).to_digit(16).unwrap_or(0));
                let value = digits.fold(0u64, |v, &c| (v << 4 | digit(c)) & 0xFFFF_FFFF);
                tokens.push(Some(value));
            }
            b'[' => {
                bytes.by_ref().take_while(|&&c| c != b']').for_each(drop);
                tokens.push(None);
            }
            _ => {}
        }
    }
    tokens
}

/// A ToUnicode CMap's entries as adobe-cmap-parser reads them (code → UTF-16BE bytes);
/// `None` where it fails on the map.
pub(super) fn read_map(cmap: impl AsRef<[u8]>) -> Option<HashMap<u32, Vec<u8>>> {
    super::guard::isolate(|| adobe_cmap_parser::get_unicode_map(cmap.as_ref()).ok())
        .ok()
        .flatten()
}

/// Every two-byte code, as a set of 65,536 bits.
struct Codes(Vec<u64>);

impl Codes {
    fn new() -> Self {
        Codes(vec![0; 1 << 10])
    }

    fn add(&mut self, code: u16) {
        if let Some(word) = self.0.get_mut(usize::from(code >> 6)) {
            *word |= 1 << (code & 63);
        }
    }

    fn has(&self, code: u32) -> bool {
        let Ok(code) = u16::try_from(code) else {
            return false;
        };
        self.0
            .get(usize::from(code >> 6))
            .is_some_and(|word| word & (1 << (code & 63)) != 0)
    }

    fn union(mut self, other: Codes) -> Codes {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
        self
    }
}

/// The byte pairs of every string in the content of every page and of `xobjects`: each code
/// a two-byte font can show.
fn shown_codes(doc: &Document, xobjects: &[&Stream]) -> Codes {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let of_pages = pages
        .par_iter()
        .filter_map(|&page| doc.get_page_content(page).ok())
        .map(|content| strings_of(&content));
    let of_xobjects = xobjects.par_iter().map(|x| strings_of(&stream_bytes(x)));
    of_pages.chain(of_xobjects).reduce(Codes::new, Codes::union)
}

/// The byte pairs of the strings a content stream's operators take.
fn strings_of(content: &[u8]) -> Codes {
    let mut codes = Codes::new();
    let Ok(Some(content)) = super::guard::isolate(|| super::content::decode(content)) else {
        return codes;
    };
    let mut stack: Vec<&Object> = content.operations.iter().flat_map(|op| &op.operands).collect();
    while let Some(operand) = stack.pop() {
        match operand {
            Object::String(bytes, _) => {
                for pair in bytes.chunks_exact(2) {
                    if let [hi, lo] = *pair {
                        codes.add(u16::from_be_bytes([hi, lo]));
                    }
                }
            }
            Object::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    codes
}

/// A ToUnicode CMap of `entries`: a `bfrange` line for each run of codes whose two-byte
/// values run alongside them (within one last byte, as a CMap's ranges must), a `bfchar`
/// line for each other code.
fn cmap(entries: &BTreeMap<u32, Vec<u8>>) -> String {
    let mut ranges: Vec<(u32, u32, &[u8])> = Vec::new();
    let mut chars: Vec<(u32, &[u8])> = Vec::new();
    for (&code, unicode) in entries {
        match ranges.last_mut() {
            Some((lo, hi, first)) if follows((*lo, *hi, first), code, unicode) => *hi = code,
            _ => ranges.push((code, code, unicode)),
        }
    }
    ranges.retain(|&(lo, hi, unicode)| {
        if lo == hi {
            chars.push((lo, unicode));
        }
        lo != hi
    });
    let mut out = String::from("begincmap\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for block in chars.chunks(BLOCK) {
        let _ = writeln!(out, "{} beginbfchar", block.len());
        for (code, unicode) in block {
            let _ = writeln!(out, "<{code:04X}> <{}>", hex(unicode));
        }
        out.push_str("endbfchar\n");
    }
    for block in ranges.chunks(BLOCK) {
        let _ = writeln!(out, "{} beginbfrange", block.len());
        for (lo, hi, unicode) in block {
            let _ = writeln!(out, "<{lo:04X}> <{hi:04X}> <{}>", hex(unicode));
        }
        out.push_str("endbfrange\n");
    }
    out.push_str("endcmap\n");
    out
}

/// Whether `code` with `unicode` extends the range `lo..=hi` whose values start at `first`:
/// the next code, the same high byte, a two-byte value as far from `first` as it from `lo`.
fn follows((lo, hi, first): (u32, u32, &[u8]), code: u32, unicode: &[u8]) -> bool {
    let value = |bytes: &[u8]| match *bytes {
        [a, b] => Some(u32::from(u16::from_be_bytes([a, b]))),
        _ => None,
    };
    let along = || {
        let step = code.checked_sub(lo)?;
        Some(value(first)?.checked_add(step)? == value(unicode)?)
    };
    hi.checked_add(1) == Some(code) && code >> 8 == lo >> 8 && along() == Some(true)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02X}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::super::made::{dict, name, one_page, stream};
    use super::*;

    /// The map some writers give every font: each two-byte code its own Unicode value.
    const WHOLE: &[u8] = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
        1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n\
        1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nend\nend";

    /// A one-page document: the page shows `AB` in a two-byte font and draws a form that
    /// shows `C`; a one-byte font elsewhere has a wide map of its own.
    fn document() -> (Document, ObjectId, ObjectId) {
        let mut doc = Document::with_version("1.5");
        let two_byte_map = doc.add_object(stream(vec![], WHOLE));
        let one_byte_map = doc.add_object(stream(vec![], WHOLE));
        let font = doc.add_object(dict(vec![
            ("Type", name("Font")),
            ("Subtype", name("Type0")),
            ("Encoding", name("Identity-H")),
            ("ToUnicode", Object::Reference(two_byte_map)),
        ]));
        doc.add_object(dict(vec![
            ("Type", name("Font")),
            ("Subtype", name("TrueType")),
            ("ToUnicode", Object::Reference(one_byte_map)),
        ]));
        let form = doc.add_object(stream(
            vec![("Subtype", name("Form"))],
            b"BT /F1 9 Tf <0043> Tj ET",
        ));
        let resources = dict(vec![
            (
                "Font",
                Object::Dictionary(dict(vec![("F1", Object::Reference(font))])),
            ),
            (
                "XObject",
                Object::Dictionary(dict(vec![("X1", Object::Reference(form))])),
            ),
        ]);
        one_page(
            &mut doc,
            resources,
            stream(vec![], b"BT /F1 12 Tf [<0041> -20 <0042>] TJ ET /X1 Do"),
        );
        (doc, two_byte_map, one_byte_map)
    }

    #[test]
    fn a_wide_map_keeps_the_codes_shown_on_pages_and_in_forms() {
        let (mut doc, two_byte_map, one_byte_map) = document();
        narrow(&mut doc);
        let cut = unicode_map(&doc, two_byte_map).expect("the cut map reads");
        let expected: HashMap<u32, Vec<u8>> = [0x41, 0x42, 0x43].map(|c| (c, vec![0, c as u8])).into();
        assert_eq!(cut, expected);
        // a map a one-byte font also reads is left whole
        assert_eq!(unicode_map(&doc, one_byte_map).map(|m| m.len()), Some(65_536));
    }

    #[test]
    fn a_cut_map_is_written_in_ranges_where_values_run_along() {
        let mut entries: BTreeMap<u32, Vec<u8>> = (0xF0..0x110)
            .map(|c: u32| (c, (c as u16 + 0x20).to_be_bytes().to_vec()))
            .collect();
        // a ligature (two characters) and a value off the run
        entries.insert(0x200, vec![0, b'f', 0, b'i']);
        entries.insert(0x201, vec![0, b'z']);
        let written = cmap(&entries);
        // the run is split where the code's high byte changes
        assert!(written.contains("<00F0> <00FF> <0110>"), "{written}");
        assert!(written.contains("<0100> <010F> <0120>"), "{written}");
        assert!(written.contains("<0200> <00660069>"), "{written}");
        let read: BTreeMap<u32, Vec<u8>> = read_map(&written).expect("reads").into_iter().collect();
        assert_eq!(read, entries);
    }

    #[test]
    fn the_codes_a_map_spans_are_counted_without_building_it() {
        assert_eq!(range_codes(WHOLE), 65_536);
        let mixed = b"2 beginbfchar\n<01> <0041>\n<02> <0042>\nendbfchar\n\
            2 beginbfrange\n<0010> <001F> <0030>\n<0020> <0021> [<0041> <0042>]\nendbfrange\n";
        assert_eq!(range_codes(mixed), 18);
        assert_eq!(range_codes(b"begincmap endcmap"), 0);
    }
}
