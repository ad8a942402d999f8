//! Repairs made to a loaded PDF before any page is read, for what the PDF libraries cannot
//! take but a viewer shows: comments and inline images in content streams (lopdf's content
//! parser stops at a comment before the first operator, as scanners' OCR layers write them,
//! and refuses a filtered inline image, losing the whole page), and font encodings that
//! are not one of the base encodings pdf-extract knows (it panics on the name).

use super::name_is;
use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeSet;

/// The base encodings pdf-extract reads by name.
const KNOWN_ENCODINGS: [&[u8]; 3] = [b"WinAnsiEncoding", b"MacRomanEncoding", b"MacExpertEncoding"];

/// Repairs the content streams of every page and form, and every simple font's encoding.
pub fn sanitize(doc: &mut Document) {
    let pages: BTreeSet<ObjectId> = doc
        .get_pages()
        .values()
        .flat_map(|&page| doc.get_page_contents(page))
        .collect();
    for (id, object) in doc.objects.iter_mut() {
        match object {
            Object::Dictionary(dict) => repair_encoding(dict),
            Object::Stream(stream) => {
                let content = pages.contains(id) || name_is(&stream.dict, b"Subtype", b"Form");
                // a stream left compressed (an unknown filter) is not content we can read
                if content && stream.dict.get(b"Filter").is_err() {
                    if let Some(clean) = clean_content(&stream.content) {
                        stream.set_content(clean);
                    }
                }
                repair_encoding(&mut stream.dict);
            }
            _ => {}
        }
    }
}

/// Drops an encoding name pdf-extract does not know from a simple font, or from an
/// encoding dictionary's `BaseEncoding`.
fn repair_encoding(dict: &mut Dictionary) {
    let known = |o: &Object| o.as_name().is_ok_and(|n| KNOWN_ENCODINGS.contains(&n));
    let key: &[u8] = if name_is(dict, b"Type", b"Font") && !name_is(dict, b"Subtype", b"Type0") {
        b"Encoding"
    } else if name_is(dict, b"Type", b"Encoding") || dict.has(b"Differences") {
        b"BaseEncoding"
    } else {
        return;
    };
    if dict
        .get(key)
        .is_ok_and(|o| matches!(o, Object::Name(_)) && !known(o))
    {
        dict.remove(key);
    }
}

/// A content stream without comments and inline images, or `None` when it has neither.
/// Strings are copied as they are (a `%` inside one is text).
pub fn clean_content(content: &[u8]) -> Option<Vec<u8>> {
    if !content.contains(&b'%') && !content.windows(2).any(|w| w == b"BI") {
        return None;
    }
    let mut out = Vec::with_capacity(content.len());
    let mut changed = false;
    let mut at = 0;
    while let Some(&b) = content.get(at) {
        let next = match b {
            b'(' => literal_end(content, at),
            b'<' if content.get(at + 1) != Some(&b'<') => hex_end(content, at),
            b'%' => {
                changed = true;
                out.push(b'\n');
                at = line_end(content, at);
                continue;
            }
            _ if starts_token(content, at, b"BI") => {
                changed = true;
                out.push(b' ');
                at = inline_image_end(content, at);
                continue;
            }
            _ => token_end(content, at),
        };
        out.extend_from_slice(content.get(at..next).unwrap_or_default());
        at = next;
    }
    changed.then_some(out)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    is_space(b) || super::content::is_delimiter(b)
}

/// Whether the operator `word` stands at `at` as a token of its own.
fn starts_token(content: &[u8], at: usize, word: &[u8]) -> bool {
    let before = at
        .checked_sub(1)
        .and_then(|p| content.get(p))
        .is_none_or(|&b| is_delimiter(b));
    let after = content.get(at + word.len()).is_none_or(|&b| is_delimiter(b));
    before && after && content.get(at..).is_some_and(|rest| rest.starts_with(word))
}

/// The end of a run of regular characters (a number, name or operator) starting at `at`;
/// a delimiter alone is a token of one byte.
fn token_end(content: &[u8], at: usize) -> usize {
    let regular = |b: &u8| !is_delimiter(*b);
    let run = content
        .get(at + 1..)
        .map_or(0, |rest| rest.iter().take_while(|b| regular(b)).count());
    match content.get(at) {
        Some(&b) if regular(&b) || b == b'/' => at + 1 + run,
        _ => at + 1,
    }
}

/// The end (exclusive) of the comment starting at `at`: its end of line stays.
fn line_end(content: &[u8], at: usize) -> usize {
    content
        .iter()
        .skip(at)
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(content.len(), |p| at + p)
}

/// The end (exclusive) of the literal string starting at `at`: balanced parentheses,
/// backslash escapes.
fn literal_end(content: &[u8], at: usize) -> usize {
    let mut depth = 0usize;
    let mut k = at;
    while let Some(&b) = content.get(k) {
        match b {
            b'\\' => k += 1,
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return k + 1;
                }
            }
            _ => {}
        }
        k += 1;
    }
    content.len()
}

/// The end (exclusive) of the hex string starting at `at`.
fn hex_end(content: &[u8], at: usize) -> usize {
    content
        .iter()
        .skip(at)
        .position(|&b| b == b'>')
        .map_or(content.len(), |p| at + p + 1)
}

/// The end (exclusive) of the inline image starting at `at` (`BI … ID data EI`): after an
/// `EI` that white space parts from the data, or the end of the stream.
fn inline_image_end(content: &[u8], at: usize) -> usize {
    let data = (at..content.len())
        .find(|&k| starts_token(content, k, b"ID"))
        .map_or(content.len(), |k| k + 3);
    (data..content.len())
        .find(|&k| {
            starts_token(content, k, b"EI")
                && k.checked_sub(1)
                    .and_then(|p| content.get(p))
                    .is_some_and(|&b| is_space(b))
        })
        .map_or(content.len(), |k| k + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        String::from_utf8(clean_content(s.as_bytes()).unwrap_or_else(|| s.as_bytes().to_vec())).unwrap()
    }

    #[test]
    fn comments_go_strings_stay() {
        assert_eq!(
            clean("% CANON_PFINF_TYPE2_TEXTON\nBT (50% done) Tj ET % end\n"),
            "\n\nBT (50% done) Tj ET \n\n"
        );
        assert_eq!(
            clean("BT <25> Tj (a\\) % b) Tj ET"),
            "BT <25> Tj (a\\) % b) Tj ET"
        );
        assert!(clean_content(b"BT /F1 12 Tf (x) Tj ET").is_none());
    }

    #[test]
    fn inline_images_go_names_and_operators_stay() {
        assert_eq!(
            clean("q BI /W 2 /H 1 /F /Fl ID \x01EI%\x02 EI Q BT /BI 1 Tf (B) Tj ET"),
            "q   Q BT /BI 1 Tf (B) Tj ET"
        );
        // a stream cut inside an image ends there
        assert_eq!(clean("BT ET BI /W 1 ID xyz"), "BT ET  ");
    }
}
