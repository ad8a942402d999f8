//! Content streams decoded for the rules and the marked content, as lopdf decodes them, in
//! one pass that looks at each token's first byte (lopdf's grammar tries each kind of
//! operand in turn; its decoding was 14% of `extract`'s CPU over the wild PDFs).
//!
//! It reads the plain forms a content stream is written in (numbers, names without `#`
//! escapes, strings, arrays, dictionaries, operators between spaces). Whatever else it
//! meets — a comment, an inline image, a reference, a name escape, nesting deeper than
//! [`DEEP`], or a token lopdf would stop at — it leaves the whole stream to lopdf, so the
//! operations are always lopdf's.

use pdf_extract::content::{Content, Operation};
use pdf_extract::{Dictionary, Object, StringFormat};
use std::ops::Range;

/// Arrays, dictionaries or parentheses nested deeper than this are left to lopdf (which
/// refuses them past 100).
const DEEP: usize = 32;

/// The operations of a content stream, as lopdf's `Content::decode` gives them; `None`
/// where lopdf gives none.
pub fn decode(bytes: &[u8]) -> Option<Content> {
    match Reader::new(bytes, true).operations() {
        Some(operations) => Some(Content { operations }),
        None => Content::decode(bytes).ok(),
    }
}

/// Hands each operation of a content stream to `f` as it is decoded here (no list of them
/// is made); `false` where the stream is left to lopdf, part of it handed over already.
pub fn read_each(bytes: &[u8], f: impl FnMut(&str, &mut Vec<Object>)) -> bool {
    Reader::new(bytes, true).each(f).is_some()
}

/// The operations of a content stream as the rules and the marked content read them (no
/// text: a page's text is most of its strings), as lopdf would give them; `None` where
/// lopdf gives none.
pub fn marks(bytes: &[u8]) -> Option<Marks> {
    let mut marks = Marks::default();
    let read = Reader::new(bytes, false).each(|operator, operands| marks.push(operator, operands));
    match read {
        Some(()) => Some(marks),
        None => lopdf_marks(bytes),
    }
}

/// The marks of the operations lopdf reads in a content stream.
fn lopdf_marks(bytes: &[u8]) -> Option<Marks> {
    let mut marks = Marks::default();
    for op in &Content::decode(bytes).ok()?.operations {
        marks.push(&op.operator, &op.operands);
    }
    Some(marks)
}

/// A content stream's operations as the rules and the marked content read them, in one
/// flat list: a page draws thousands, and none takes room of its own.
#[derive(Debug, Default, PartialEq)]
pub struct Marks {
    ops: Vec<Mark>,
    operands: Vec<Operand>,
    /// The bytes of every name operand, one after another.
    names: Vec<u8>,
}

/// One operation of [`Marks`]: its operator (empty for one longer than [`OPERATOR`] bytes,
/// which nothing here reads) and where its operands are.
#[derive(Debug, PartialEq)]
struct Mark {
    operator: [u8; OPERATOR],
    length: u8,
    operands: Range<usize>,
}

/// The longest operator kept (`BDC`, `EMC`).
const OPERATOR: usize = 3;

/// An operand as the rules and the marked content read it.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A number, as lopdf gives it as a float.
    Number(f32),
    /// A name: where its bytes are among the names of its [`Marks`].
    Name(Range<usize>),
    /// An array, with how many strings it holds directly.
    Array(usize),
    /// A dictionary, with its `/MCID` when that is an integer.
    Dictionary(Option<i64>),
    /// Anything else: a string, a boolean, `null`.
    Other,
}

impl Marks {
    pub(super) fn push(&mut self, operator: &str, operands: &[Object]) {
        let mut kept = [0; OPERATOR];
        let length = match kept.get_mut(..operator.len()) {
            Some(room) => {
                room.copy_from_slice(operator.as_bytes());
                operator.len()
            }
            None => 0,
        };
        let start = self.operands.len();
        for object in operands {
            let operand = self.operand(object);
            self.operands.push(operand);
        }
        self.ops.push(Mark {
            operator: kept,
            length: length as u8,
            operands: start..self.operands.len(),
        });
    }

    fn operand(&mut self, object: &Object) -> Operand {
        match object {
            Object::Integer(_) | Object::Real(_) => object.as_float().map_or(Operand::Other, Operand::Number),
            Object::Name(name) => {
                let start = self.names.len();
                self.names.extend_from_slice(name);
                Operand::Name(start..self.names.len())
            }
            Object::Array(items) => {
                Operand::Array(items.iter().filter(|o| matches!(o, Object::String(..))).count())
            }
            Object::Dictionary(dict) => {
                Operand::Dictionary(dict.get(b"MCID").ok().and_then(|m| m.as_i64().ok()))
            }
            _ => Operand::Other,
        }
    }

    /// The operations, in stream order.
    pub fn iter(&self) -> impl Iterator<Item = Op<'_>> {
        self.ops.iter().map(|mark| Op {
            operator: mark
                .operator
                .get(..usize::from(mark.length))
                .and_then(|o| std::str::from_utf8(o).ok())
                .unwrap_or_default(),
            operands: self.operands.get(mark.operands.clone()).unwrap_or_default(),
            names: &self.names,
        })
    }
}

/// One operation of [`Marks`], as read.
#[derive(Debug, Clone, Copy)]
pub struct Op<'a> {
    /// Its operator (empty for one nothing here reads).
    pub operator: &'a str,
    operands: &'a [Operand],
    names: &'a [u8],
}

impl<'a> Op<'a> {
    /// Its numeric operands, in order, the others skipped.
    pub fn numbers(&self) -> impl Iterator<Item = f64> + 'a {
        self.operands.iter().filter_map(|o| match o {
            Operand::Number(n) => Some(f64::from(*n)),
            _ => None,
        })
    }

    /// Its operand `i`.
    pub fn operand(&self, i: usize) -> Option<&'a Operand> {
        self.operands.get(i)
    }

    /// Its operand `i`, when that is a name.
    pub fn name(&self, i: usize) -> Option<&'a [u8]> {
        match self.operand(i)? {
            Operand::Name(at) => self.names.get(at.clone()),
            _ => None,
        }
    }
}

/// Where the reading of a stream is.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Whether strings keep their bytes.
    text: bool,
}

/// Spaces between the operations and operands of a content stream.
fn is_content_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Spaces inside arrays and dictionaries.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\0' | b'\x0C')
}

/// The bytes that end a name or a number (a match, not a search: it runs for every byte).
pub(super) fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_operator(b: u8) -> bool {
    b.is_ascii_alphabetic() || matches!(b, b'*' | b'\'' | b'"')
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], text: bool) -> Self {
        Reader { bytes, at: 0, text }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.at..).unwrap_or_default()
    }

    fn skip(&mut self, space: fn(u8) -> bool) {
        while self.peek().is_some_and(space) {
            self.at += 1;
        }
    }

    /// Every operation, or `None` at anything left to lopdf.
    fn operations(self) -> Option<Vec<Operation>> {
        let mut operations = Vec::new();
        self.each(|operator, operands| {
            operations.push(Operation::new(operator, std::mem::take(operands)));
        })?;
        Some(operations)
    }

    /// Hands each operation to `f` as it is read (its operands in a room used again for the
    /// next, unless `f` takes them); `None` at anything left to lopdf, part of the stream
    /// handed over already.
    fn each(mut self, mut f: impl FnMut(&str, &mut Vec<Object>)) -> Option<()> {
        let mut operands = Vec::new();
        self.skip(is_content_space);
        while let Some(b) = self.peek() {
            if is_operator(b) && !self.keyword() {
                f(self.operator()?, &mut operands);
                operands.clear();
            } else {
                operands.push(self.object(0)?);
            }
            self.skip(is_content_space);
        }
        operands.is_empty().then_some(())
    }

    /// Whether `null`, `true` or `false` starts here, which lopdf takes for an operand.
    fn keyword(&self) -> bool {
        let rest = self.rest();
        [&b"null"[..], b"true", b"false"]
            .iter()
            .any(|k| rest.starts_with(k))
    }

    /// An operator standing alone (`BI` and what lopdf reads as an inline image are left to it).
    fn operator(&mut self) -> Option<&'a str> {
        let start = self.at;
        self.skip(is_operator);
        let word = self.bytes.get(start..self.at)?;
        if word.starts_with(b"BI") {
            return None;
        }
        std::str::from_utf8(word).ok()
    }

    /// One object: an operand, or an item of an array or dictionary.
    fn object(&mut self, depth: usize) -> Option<Object> {
        if depth > DEEP {
            return None;
        }
        let rest = self.rest();
        let keyword = |word: &[u8], object: Object| rest.starts_with(word).then_some((word.len(), object));
        if let Some((length, object)) = keyword(b"null", Object::Null)
            .or_else(|| keyword(b"true", Object::Boolean(true)))
            .or_else(|| keyword(b"false", Object::Boolean(false)))
        {
            self.at += length;
            return Some(object);
        }
        match self.peek()? {
            b'/' => self.name().map(Object::Name),
            b'(' => self.literal(),
            b'<' if rest.starts_with(b"<<") => self.dictionary(depth).map(Object::Dictionary),
            b'<' => self.hex(),
            b'[' => self.array(depth),
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// A number: a real (`-.5`, `12.`) as f32, an integer as i64, as lopdf reads them.
    fn number(&mut self) -> Option<Object> {
        let start = self.at;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.at += 1;
        }
        let digits = |r: &mut Self| {
            let from = r.at;
            r.skip(|b| b.is_ascii_digit());
            r.at - from
        };
        let whole = digits(self);
        let real = self.peek() == Some(b'.');
        if real {
            self.at += 1;
            let fraction = digits(self);
            if whole == 0 && fraction == 0 {
                return None;
            }
        } else if whole == 0 {
            return None;
        }
        let text = std::str::from_utf8(self.bytes.get(start..self.at)?).ok()?;
        match real {
            true => text.parse::<f32>().ok().map(Object::Real),
            false => text.parse::<i64>().ok().map(Object::Integer),
        }
    }

    /// A name without `#` escapes (one with them is left to lopdf).
    fn name(&mut self) -> Option<Vec<u8>> {
        self.at += 1;
        let start = self.at;
        self.skip(|b| !is_space(b) && !is_delimiter(b));
        let name = self.bytes.get(start..self.at)?;
        (!name.contains(&b'#')).then(|| name.to_vec())
    }

    /// A literal string, its escapes read as lopdf reads them.
    fn literal(&mut self) -> Option<Object> {
        self.at += 1;
        let mut out = Vec::new();
        let mut depth = 0usize;
        loop {
            let b = self.peek()?;
            self.at += 1;
            let byte = match b {
                b'\\' => self.escape()?,
                b'(' => {
                    depth += 1;
                    if depth > DEEP {
                        return None;
                    }
                    Some(b)
                }
                b')' if depth == 0 => return Some(Object::String(out, StringFormat::Literal)),
                b')' => {
                    depth -= 1;
                    Some(b)
                }
                _ => Some(b),
            };
            if let Some(byte) = byte.filter(|_| self.text) {
                out.push(byte);
            }
        }
    }

    /// The escape after a backslash: up to three octal digits, a line end (nothing), a
    /// letter for a control character, or the character itself; `None` at the end.
    fn escape(&mut self) -> Option<Option<u8>> {
        let b = self.peek()?;
        if (b'0'..=b'7').contains(&b) {
            let mut value = 0u16;
            for _ in 0..3 {
                match self.peek() {
                    Some(d @ b'0'..=b'7') => {
                        value = value * 8 + u16::from(d - b'0');
                        self.at += 1;
                    }
                    _ => break,
                }
            }
            return Some(Some(value as u8));
        }
        self.at += 1;
        let byte = match b {
            b'\r' => {
                if self.peek() == Some(b'\n') {
                    self.at += 1;
                }
                None
            }
            b'\n' => None,
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'b' => Some(b'\x08'),
            b'f' => Some(b'\x0C'),
            other => Some(other),
        };
        Some(byte)
    }

    /// A hex string: digit pairs, spaces between them skipped, an odd last digit the high
    /// half of its byte.
    fn hex(&mut self) -> Option<Object> {
        self.at += 1;
        let mut out: Vec<u8> = Vec::new();
        let mut high = true;
        loop {
            self.skip(is_space);
            let b = self.peek()?;
            self.at += 1;
            if b == b'>' {
                return Some(Object::String(out, StringFormat::Hexadecimal));
            }
            let digit = char::from(b).to_digit(16)? as u8;
            if !self.text {
                continue;
            }
            match (high, out.last_mut()) {
                (false, Some(last)) => *last |= digit,
                _ => out.push(digit << 4),
            }
            high = !high;
        }
    }

    /// An array, its items parted by spaces.
    fn array(&mut self, depth: usize) -> Option<Object> {
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.skip(is_space);
            if self.peek()? == b']' {
                self.at += 1;
                return Some(Object::Array(items));
            }
            items.push(self.object(depth + 1)?);
        }
    }

    /// A dictionary of names and objects.
    fn dictionary(&mut self, depth: usize) -> Option<Dictionary> {
        self.at += 2;
        let mut dict = Dictionary::new();
        loop {
            self.skip(is_space);
            if self.rest().starts_with(b">>") {
                self.at += 2;
                return Some(dict);
            }
            if self.peek()? != b'/' {
                return None;
            }
            let key = self.name()?;
            self.skip(is_space);
            let value = self.object(depth + 1)?;
            dict.set(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The operations read here, or `None` where the stream is left to lopdf.
    fn fast(bytes: &[u8]) -> Option<Vec<Operation>> {
        Reader::new(bytes, true).operations()
    }

    /// Every string of `object` emptied.
    fn without_text(object: &Object) -> Object {
        match object {
            Object::String(_, format) => Object::String(Vec::new(), *format),
            Object::Array(items) => Object::Array(items.iter().map(without_text).collect()),
            Object::Dictionary(dict) => {
                let mut emptied = Dictionary::new();
                for (key, value) in dict.iter() {
                    emptied.set(key.clone(), without_text(value));
                }
                Object::Dictionary(emptied)
            }
            other => other.clone(),
        }
    }

    fn same(ours: &[Operation], theirs: &[Operation], text: bool) -> bool {
        let operands = |ops: &Operation| -> Vec<Object> {
            match text {
                true => ops.operands.clone(),
                false => ops.operands.iter().map(without_text).collect(),
            }
        };
        ours.len() == theirs.len()
            && ours
                .iter()
                .zip(theirs)
                .all(|(a, b)| a.operator == b.operator && a.operands == operands(b))
    }

    /// Whether `bytes` read here give lopdf's operations, with their text and without
    /// (`false`: left to lopdf).
    fn agrees(bytes: &[u8]) -> Result<bool, String> {
        let Some(ours) = fast(bytes) else {
            return Ok(false);
        };
        let theirs = Content::decode(bytes).map_err(|e| format!("lopdf refused what was read: {e}"))?;
        let textless = Reader::new(bytes, false).operations().unwrap_or_default();
        match same(&ours, &theirs.operations, true) && same(&textless, &theirs.operations, false) {
            true => Ok(true),
            false => Err(format!("{ours:?} ≠ lopdf's {:?}", theirs.operations)),
        }
    }

    #[test]
    fn the_plain_forms_are_read_as_lopdf_reads_them() {
        let streams: [&[u8]; 8] = [
            b"q 0.5 0 0 .5 -12. +3 cm 1 0 0 RG 10 20 m 30 20 l S Q",
            b"BT /F1 12 Tf 72 700 Td [(Jum\\(lah\\)) -250 <0041 00 42> 3.5(\\101\\n\\\r\nx)]TJ ET",
            b"/P <</MCID 3 /Alt (a \\) b) /Sub [1 [2.5 /N] <<>>]>> BDC (x)Tj EMC",
            b"null true false 0 g nullx truefalse 5Tj 1.5.3 w",
            b"(a(b)c)' 1 2 (d)\" <4>Tj <a B c>Tj",
            b"  \r\n ",
            b"[(\\0053)\\] (\\\\)] TJ\n(unbalanced \\( ok) Tj",
            b"/Name#20x Do",
        ];
        for stream in streams {
            agrees(stream).unwrap_or_else(|e| panic!("{}: {e}", String::from_utf8_lossy(stream)));
        }
        assert_eq!(fast(streams[0]).map(|ops| ops.len()), Some(7));
        // a name escape is left to lopdf
        assert!(fast(streams[7]).is_none());
    }

    #[test]
    fn what_lopdf_stops_at_or_reads_otherwise_is_left_to_it() {
        let left: [&[u8]; 10] = [
            b"% a comment\n0 g",
            b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI",
            b"1 2",
            b"[1 0 R] TJ",
            b"<< /A >> BDC",
            b"(open Tj",
            b"<4g> Tj",
            b"0 g \x00 1 g",
            b"{ 1 } Tj",
            b"99999999999999999999 w",
        ];
        for stream in left {
            assert!(fast(stream).is_none(), "{}", String::from_utf8_lossy(stream));
        }
        let deep = format!("{}1{} TJ", "[".repeat(40), "]".repeat(40));
        assert!(fast(deep.as_bytes()).is_none());
    }

    /// Pieces content streams are made of: mostly plain ones, some odd.
    fn piece() -> impl Strategy<Value = &'static str> {
        let plain = prop::sample::select(vec![
            " ",
            " ",
            " ",
            "\n",
            "\r\n",
            "\t",
            "0",
            "-1",
            "+.5",
            "3.",
            "12.25",
            "/F1",
            "/",
            "(a)",
            "(x\\101\\n(y))",
            "<41 4>",
            "[",
            "]",
            "<<",
            ">>",
            "Tj",
            "TJ",
            "'",
            "\"",
            "BT",
            "ET",
            "null",
            "true",
            "false",
            "re",
            "cm",
            "m",
            "l",
            "S",
            "f*",
            "Do",
            "BDC",
            "EMC",
            "/MCID",
            "e3",
        ]);
        let odd = prop::sample::select(vec![
            "\0",
            "\x0C",
            "%c\n",
            ".",
            "1.2.3",
            "99999999999999999999",
            "/A#20B",
            "(\\",
            "\\(",
            ")",
            "\\\n",
            "<",
            ">",
            "{",
            "}",
            "R",
            "BI",
            "ID",
            "EI",
            "<4g>",
        ]);
        prop_oneof![9 => plain, 1 => odd]
    }

    /// An operation: a few operands, then an operator, in pieces of either kind.
    fn operation() -> impl Strategy<Value = String> {
        let operator = prop::sample::select(vec![
            "Tj", "TJ", "'", "cm", "re", "m", "l", "S", "BDC", "EMC", "Do", "g",
        ]);
        (prop::collection::vec(piece(), 0..6), operator)
            .prop_map(|(operands, operator)| format!("{} {operator}\n", operands.join(" ")))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn any_stream_read_here_is_read_as_lopdf_reads_it(pieces in prop::collection::vec(piece(), 0..40)) {
            let stream = pieces.concat();
            prop_assert!(agrees(stream.as_bytes()).is_ok(), "{:?}: {:?}", stream, agrees(stream.as_bytes()));
        }

        #[test]
        fn any_run_of_operations_read_here_is_read_as_lopdf_reads_it(ops in prop::collection::vec(operation(), 0..12)) {
            let stream = ops.concat();
            prop_assert!(agrees(stream.as_bytes()).is_ok(), "{:?}: {:?}", stream, agrees(stream.as_bytes()));
        }
    }

    /// The content of every page and form of the shared PDFs.
    fn shared_streams() -> Vec<(String, Vec<u8>)> {
        let mut streams = Vec::new();
        for path in super::super::shared_pdfs() {
            let Ok(doc) = pdf_extract::Document::load(&path) else {
                continue;
            };
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            for (page, id) in doc.get_pages() {
                if let Ok(bytes) = doc.get_page_content(id) {
                    streams.push((format!("{name} page {page}"), bytes));
                }
            }
            for (id, object) in &doc.objects {
                let Ok(stream) = object.as_stream() else { continue };
                if stream
                    .dict
                    .get(b"Subtype")
                    .and_then(Object::as_name)
                    .is_ok_and(|n| n == b"Form")
                {
                    let bytes = stream
                        .decompressed_content()
                        .unwrap_or_else(|_| stream.content.clone());
                    streams.push((format!("{name} form {} {}", id.0, id.1), bytes));
                }
            }
        }
        streams
    }

    #[test]
    fn marks_keep_what_the_rules_and_the_marked_content_read() {
        let stream = b"/P <</MCID 3 /Alt (x)>> BDC /Span <</MCID 1 0 R>> BDC [(a) -250 (b) [(c)]] TJ \
            EMC EMC /Im1 Do 1 2.5 /N (t) m 0.5 w /Sp BDC 1 0 0 1 0 0 Tmxy";
        let marks = marks(stream).expect("read");
        assert_eq!(Some(&marks), lopdf_marks(stream).as_ref());
        let ops: Vec<Op> = marks.iter().collect();
        let operators: Vec<&str> = ops.iter().map(|op| op.operator).collect();
        // an operator longer than any read here is kept as none
        assert_eq!(
            operators,
            ["BDC", "BDC", "TJ", "EMC", "EMC", "Do", "m", "w", "BDC", ""]
        );
        assert_eq!(ops[0].name(0), Some(&b"P"[..]));
        assert_eq!(ops[0].operand(1), Some(&Operand::Dictionary(Some(3))));
        // an MCID that is no integer is none
        assert_eq!(ops[1].operand(1), Some(&Operand::Dictionary(None)));
        // the strings directly in the array, not those nested deeper
        assert_eq!(ops[2].operand(0), Some(&Operand::Array(2)));
        assert_eq!(ops[5].name(0), Some(&b"Im1"[..]));
        assert_eq!(ops[6].numbers().collect::<Vec<_>>(), [1.0, 2.5]);
        assert_eq!(ops[6].operand(3), Some(&Operand::Other));
        assert_eq!(ops[8].operand(1), None);
    }

    #[test]
    fn every_page_of_the_shared_pdfs_is_read_as_lopdf_reads_it() {
        let streams = shared_streams();
        let mut read = 0;
        for (place, bytes) in &streams {
            read += usize::from(agrees(bytes).unwrap_or_else(|e| panic!("{place}: {e}")));
            assert!(
                marks(bytes) == lopdf_marks(bytes),
                "{place}: marks differ from lopdf's"
            );
        }
        // the plain forms are nearly all there is: of 1,857 streams 87 are left to lopdf, each
        // for a comment or an inline image (which `sanitize` removes before the pages are read)
        assert!(streams.len() > 1500, "{} streams", streams.len());
        assert!(
            read * 10 >= streams.len() * 9,
            "{read} of {} read here",
            streams.len()
        );
    }
}
