//! Streams inflated within a budget, and only those the pages can read: a small PDF whose
//! stream inflates to gigabytes (a decompression bomb) fails alone as `too large`, naming
//! the object, instead of taking the memory of the whole import.
//!
//! The streams inflated are those reachable from the pages (content, forms, fonts,
//! resources), images left out: pdf-extract draws no image. TrueType font programs are
//! emptied instead: pdf-extract reads no glyph outlines, yet decodes each one again on
//! every page its font is used on. A stream FlateDecode alone encodes (nearly all) is
//! inflated once, stopping just past what the budget leaves; any other is first measured
//! by inflating into nothing, then decoded by lopdf if it fits.

use pdf_extract::{Document, Object, ObjectId};
use std::collections::BTreeSet;
use std::io::Read;

/// Inflated bytes any PDF may hold, whatever its size.
const BASE_BUDGET: u64 = 64 << 20;
/// Inflated bytes allowed per byte of the file, beyond the base.
const RATIO: u64 = 64;

/// A stream that would take the file past its budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    /// The stream, as `12 0 R`.
    pub object: String,
    /// The budget of the file, in bytes.
    pub budget: u64,
}

/// The inflated bytes a file of `size` bytes may hold.
pub fn budget(size: usize) -> u64 {
    BASE_BUDGET.saturating_add(RATIO.saturating_mul(size as u64))
}

/// Inflates every stream the pages can reach, within `budget` bytes in all; empties the
/// TrueType font programs they name.
pub fn inflate_read(doc: &mut Document, budget: u64) -> Result<(), TooLarge> {
    let Reachable { streams, programs } = reachable(doc);
    let mut left = budget;
    for id in streams {
        let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) else {
            continue;
        };
        if stream.dict.get(b"Filter").is_err() {
            continue;
        }
        let over = || TooLarge {
            object: format!("{} {} R", id.0, id.1),
            budget,
        };
        if only_flate(&stream.dict) {
            inflate_within(stream, left).ok_or_else(over)?;
        } else {
            if first_filter_is_flate(&stream.dict) && inflated_size(&stream.content, left) > left {
                return Err(over());
            }
            let _ = stream.decompress();
        }
        let size = stream.content.len() as u64;
        left = left.checked_sub(size).ok_or_else(over)?;
    }
    for id in programs {
        if let Some(Object::Stream(stream)) = doc.objects.get_mut(&id) {
            stream.set_plain_content(Vec::new());
        }
    }
    Ok(())
}

/// Whether FlateDecode alone, without parameters (no predictor), encodes the stream: then
/// inflating it is all there is to decoding it.
fn only_flate(dict: &pdf_extract::Dictionary) -> bool {
    let flate = |o: &Object| o.as_name().is_ok_and(|n| n == b"FlateDecode");
    let single = match dict.get(b"Filter") {
        Ok(Object::Array(filters)) => matches!(filters.as_slice(), [f] if flate(f)),
        Ok(name) => flate(name),
        Err(_) => false,
    };
    single && dict.get(b"DecodeParms").is_err()
}

/// Inflates a FlateDecode stream in place, in one pass, stopping just past `limit` bytes:
/// `None` when it would pass them. What a broken stream gave before it broke is kept, as
/// the PDF library keeps it; one that gives nothing is left to the library's own repairs.
fn inflate_within(stream: &mut pdf_extract::Stream, limit: u64) -> Option<()> {
    let mut out = Vec::new();
    let decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
    let read = decoder.take(limit.saturating_add(1)).read_to_end(&mut out);
    if out.len() as u64 > limit {
        return None;
    }
    match read {
        Err(_) if out.is_empty() => {
            let _ = stream.decompress();
        }
        _ => stream.set_plain_content(out),
    }
    Some(())
}

/// Measures every object stream (`/Type /ObjStm`, which the PDF library inflates as it
/// loads the file, before any budget could apply) in the raw bytes, within `budget` bytes
/// in all: a zlib stream ends itself, so no length need be trusted.
pub fn object_streams_within(bytes: &[u8], budget: u64) -> Result<(), TooLarge> {
    let mut spent = 0u64;
    let mut at = 0;
    while let Some(found) = find(bytes, b"/ObjStm", at) {
        let Some(keyword) = find(bytes, b"stream", found) else {
            break;
        };
        let mut data = keyword + b"stream".len();
        data += usize::from(bytes.get(data) == Some(&b'\r'));
        data += usize::from(bytes.get(data) == Some(&b'\n'));
        let left = budget.saturating_sub(spent);
        let size = inflated_size(bytes.get(data..).unwrap_or_default(), left);
        if size > left {
            let object = object_before(bytes, found).unwrap_or_else(|| format!("at byte {found}"));
            return Err(TooLarge { object, budget });
        }
        spent += size;
        at = data;
    }
    Ok(())
}

/// Where `needle` next occurs in `bytes` from `from` on.
fn find(bytes: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|i| from + i)
}

/// The object (`12 0 R`) whose header `N G obj` last precedes byte `at`.
fn object_before(bytes: &[u8], at: usize) -> Option<String> {
    static HEADER: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(r"(\d+)\s+(\d+)\s+obj\b").expect("a valid pattern")
    });
    let window = bytes.get(at.saturating_sub(256)..at)?;
    let c = HEADER.captures_iter(window).last()?;
    let number = |i| String::from_utf8_lossy(c.get(i).map_or(&b""[..], |m| m.as_bytes())).into_owned();
    Some(format!("{} {} R", number(1), number(2)))
}

/// What the pages reach through references.
struct Reachable {
    /// The streams, images and TrueType font programs left out.
    streams: BTreeSet<ObjectId>,
    /// The TrueType font programs (`FontFile2`) no other way reaches: pdf-extract decodes
    /// one on every page its font is used on and throws it away (it reads no glyph
    /// outlines), and nothing else reads them.
    programs: BTreeSet<ObjectId>,
}

/// The streams reachable from the pages through references, images left out, and the
/// TrueType font programs they name.
fn reachable(doc: &Document) -> Reachable {
    let mut seen: BTreeSet<ObjectId> = doc.get_pages().values().copied().collect();
    let mut queue: Vec<ObjectId> = seen.iter().copied().collect();
    let mut streams = BTreeSet::new();
    let mut programs = BTreeSet::new();
    while let Some(id) = queue.pop() {
        let Some(object) = doc.objects.get(&id) else {
            continue;
        };
        if let Object::Stream(stream) = object {
            if super::name_is(&stream.dict, b"Subtype", b"Image") {
                continue;
            }
            streams.insert(id);
        }
        let mut found = Vec::new();
        references(object, &mut found, &mut programs);
        for next in found {
            if seen.insert(next) {
                queue.push(next);
            }
        }
    }
    programs.retain(|id| !streams.contains(id));
    Reachable { streams, programs }
}

/// Every reference an object holds, at any depth, into `found`; a TrueType font program's
/// into `programs`.
fn references(object: &Object, found: &mut Vec<ObjectId>, programs: &mut BTreeSet<ObjectId>) {
    match object {
        Object::Reference(id) => found.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, found, programs)),
        Object::Dictionary(dict) => entries(dict, found, programs),
        Object::Stream(stream) => entries(&stream.dict, found, programs),
        _ => {}
    }
}

/// The references of a dictionary's entries, as [`references`] takes them.
fn entries(dict: &pdf_extract::Dictionary, found: &mut Vec<ObjectId>, programs: &mut BTreeSet<ObjectId>) {
    for (key, value) in dict.iter() {
        match value {
            Object::Reference(id) if key.as_slice() == b"FontFile2" => {
                programs.insert(*id);
            }
            _ => references(value, found, programs),
        }
    }
}

/// Whether the stream's first filter is FlateDecode (the one that can inflate a thousandfold).
fn first_filter_is_flate(dict: &pdf_extract::Dictionary) -> bool {
    let first = match dict.get(b"Filter") {
        Ok(Object::Array(filters)) => filters.first(),
        Ok(name) => Some(name),
        Err(_) => None,
    };
    first
        .and_then(|f| f.as_name().ok())
        .is_some_and(|n| n == b"FlateDecode" || n == b"Fl")
}

/// How many bytes `content` inflates to, counted up to just past `limit`; a stream that
/// breaks off counts what it gave before.
fn inflated_size(content: &[u8], limit: u64) -> u64 {
    let mut decoder = flate2::read::ZlibDecoder::new(content);
    let mut buffer = vec![0u8; 64 << 10];
    let mut size = 0u64;
    while size <= limit {
        match decoder.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => size += n as u64,
        }
    }
    size
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn deflate(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn a_stream_is_measured_only_up_to_just_past_the_limit() {
        let zeros = deflate(&vec![0u8; 8 << 20]);
        assert_eq!(inflated_size(&zeros, 100 << 20), 8 << 20);
        let measured = inflated_size(&zeros, 1 << 20);
        assert!(
            measured > 1 << 20 && measured <= (1 << 20) + (64 << 10),
            "{measured}"
        );
        assert_eq!(inflated_size(b"not deflate", 1 << 20), 0);
    }

    #[test]
    fn an_object_stream_past_the_budget_is_named_before_the_library_inflates_it() {
        let bomb = deflate(&vec![0u8; 4 << 20]);
        let mut pdf = b"%PDF-1.5\n7 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode>>stream\n".to_vec();
        pdf.extend(&bomb);
        pdf.extend(b"\nendstream\nendobj\n");
        let refused = object_streams_within(&pdf, 1 << 20).unwrap_err();
        assert_eq!(refused.object, "7 0 R");
        assert!(object_streams_within(&pdf, 8 << 20).is_ok());
        assert!(object_streams_within(b"%PDF-1.5 no object streams", 0).is_ok());
    }

    #[test]
    fn content_is_inflated_and_a_truetype_program_emptied() {
        use super::super::made::{dict, name, one_page, stream};
        let flate = || ("Filter", name("FlateDecode"));
        let mut doc = Document::with_version("1.5");
        let program = doc.add_object(stream(vec![flate()], &deflate(&[7u8; 50_000])));
        let descriptor = doc.add_object(dict(vec![
            ("Type", name("FontDescriptor")),
            ("FontFile2", Object::Reference(program)),
        ]));
        let font = doc.add_object(dict(vec![
            ("Type", name("Font")),
            ("Subtype", name("TrueType")),
            ("FontDescriptor", Object::Reference(descriptor)),
        ]));
        let fonts = dict(vec![("F1", Object::Reference(font))]);
        let text = b"BT /F1 12 Tf (Target 80) Tj ET";
        let resources = dict(vec![("Font", Object::Dictionary(fonts))]);
        let content = one_page(&mut doc, resources, stream(vec![flate()], &deflate(text)));
        inflate_read(&mut doc, 1 << 20).unwrap();
        let plain = |id| match doc.get_object(id) {
            Ok(Object::Stream(s)) if s.dict.get(b"Filter").is_err() => Some(s.content.clone()),
            _ => None,
        };
        assert_eq!(plain(content).as_deref(), Some(&text[..]));
        assert_eq!(plain(program), Some(Vec::new()));
    }

    #[test]
    fn the_budget_grows_with_the_file() {
        assert_eq!(budget(0), 64 << 20);
        assert_eq!(budget(1 << 20), (64 << 20) + (64 << 20));
        assert_eq!(budget(usize::MAX), u64::MAX);
    }
}
