//! The grammar of one table cell: nil markers, quantities with units, SAKIP grades,
//! formula cells, and text.

use crate::amount::{interpret, Amount, Group};
use crate::formula::{formula, Formula};
use crate::markup::strip_markup;
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while};
use nom::character::complete::{char, digit1, one_of, satisfy, space0, space1};
use nom::combinator::{eof, map, map_opt, opt, recognize, success, value, verify};
use nom::multi::many0;
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};
use schemars::JsonSchema;
use serde::Serialize;

/// What a printed cell holds, once read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CellValue {
    /// No value: an empty cell or a lone dash. Nil is not zero.
    Nil(NilMarker),
    /// A number with its unit (`94,54%`, `Rp 20.000.000,-`, `70 perusahaan`).
    Quantity(Quantity),
    /// A SAKIP evaluation grade (`BB`).
    Grade(Grade),
    /// A LaTeX formula cell (`$\frac{780.417}{825.465} \times 100 = 94,54$`).
    Formula(Box<Formula>),
    /// Anything else, with markup removed (`J U M L A H` is text, not a number).
    Text(String),
}

/// How a cell says it has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NilMarker {
    /// Nothing printed (merged cells come out this way).
    Empty,
    /// A lone `-`, `–` or `—`.
    Dash,
}

/// A number with the unit printed beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Quantity {
    /// The number, with every plausible reading.
    #[serde(flatten)]
    pub amount: Amount,
    /// The unit printed with it.
    pub unit: Unit,
    /// A note in parentheses after it (`63,36 % (Sedang)` → `Sedang`).
    // rare, so behind one pointer (a String boxed): a quantity, and so every cell, stays small
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Box<String>>,
}

/// The unit printed with a quantity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A bare number.
    None,
    /// `%`, with or without a space before it.
    Percent,
    /// Rupiah: an `Rp`/`Rp.` prefix or a `,-` suffix.
    Rupiah,
    /// A counted unit in words: `perusahaan`, `Kasus`, `Perusahaan Kecil`.
    // behind one pointer, as a quantity's note is
    Word(Box<String>),
    /// A ratio to one, `1:284` (one sentra to 284 wajib pajak): the number is its second term.
    ToOne,
}

/// A SAKIP evaluation grade, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
pub enum Grade {
    /// Memuaskan.
    AA,
    /// Sangat baik.
    A,
    /// Sangat baik (one step below A).
    BB,
    /// Baik.
    B,
    /// Cukup.
    CC,
    /// Kurang.
    C,
    /// Sangat kurang.
    D,
}

impl Grade {
    fn from_text(s: &str) -> Option<Grade> {
        Some(match s {
            "AA" => Grade::AA,
            "A" => Grade::A,
            "BB" => Grade::BB,
            "B" => Grade::B,
            "CC" => Grade::CC,
            "C" => Grade::C,
            "D" => Grade::D,
            _ => return None,
        })
    }
}

/// Reads one printed cell. Never panics; whatever is not a number, grade, nil or formula
/// is returned as text.
pub fn parse_cell(raw: &str) -> CellValue {
    let text = strip_markup(raw);
    if text.is_empty() {
        return CellValue::Nil(NilMarker::Empty);
    }
    if matches!(text.as_ref(), "-" | "–" | "—" | "−") {
        return CellValue::Nil(NilMarker::Dash);
    }
    if let Some(grade) = Grade::from_text(&text) {
        return CellValue::Grade(grade);
    }
    if let Ok((_, f)) = (formula, eof).parse(text.as_ref()) {
        return CellValue::Formula(Box::new(f.0));
    }
    match parse_quantity(&text) {
        Some(q) => CellValue::Quantity(q),
        None => CellValue::Text(text.into_owned()),
    }
}

/// Reads a whole string as one quantity (`Rp. 4.753.553.212,-`, `104,7 5%`), or `None`.
pub fn parse_quantity(text: &str) -> Option<Quantity> {
    let whole = |s: &str| (quantity, space0, eof).parse(s).ok().map(|(_, (q, _, _))| q);
    whole(text).or_else(|| whole(&rejoin_split_fraction(text)?))
}

#[derive(Clone)]
enum Suffix<'a> {
    Bare,
    Percent,
    Rupiah,
    Word(&'a str),
}

fn quantity(input: &str) -> IResult<&str, Quantity> {
    let (i, rupiah_prefix) = opt(rupiah_prefix).parse(input)?;
    let (i, to_one) = opt((char('1'), space0, char(':'), space0)).parse(i)?;
    let (i, amount) = amount(i)?;
    let (i, suffix) = suffix(i)?;
    let (i, note) = opt(preceded(
        space0,
        delimited(char('('), take_while(|c: char| c != '(' && c != ')'), char(')')),
    ))
    .parse(i)?;
    let note = note.map(|n: &str| Box::new(n.trim().to_string()));
    let unit = unit(rupiah_prefix.is_some(), to_one.is_some(), suffix)
        .ok_or_else(|| nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify)))?;
    Ok((i, Quantity { amount, unit, note }))
}

/// The unit a prefix (`Rp`, `1:`) and a suffix give together; none when they clash.
fn unit(rupiah: bool, to_one: bool, suffix: Suffix<'_>) -> Option<Unit> {
    Some(match (rupiah, to_one, suffix) {
        (false, true, Suffix::Bare) => Unit::ToOne,
        (_, true, _) => return None,
        (true, false, Suffix::Bare | Suffix::Rupiah) | (false, false, Suffix::Rupiah) => Unit::Rupiah,
        (false, false, Suffix::Bare) => Unit::None,
        (false, false, Suffix::Percent) => Unit::Percent,
        (false, false, Suffix::Word(w)) => Unit::Word(Box::new(w.trim_end().to_string())),
        (true, false, _) => return None,
    })
}

/// A signed run of digit groups: `-1,046`, `9.801.822.500`, `0`.
pub(crate) fn amount(input: &str) -> IResult<&str, Amount> {
    let sign = opt(one_of("-−"));
    let tail = many0((one_of(".,"), digit1));
    map_opt(
        (sign, digit1, tail),
        |(sign, head, tail): (Option<char>, &str, Vec<(char, &str)>)| {
            let groups: Vec<Group<'_>> = std::iter::once((None, head))
                .chain(tail.into_iter().map(|(sep, digits)| (Some(sep), digits)))
                .collect();
            let amount = interpret(&groups)?;
            Some(if sign.is_some() { amount.negated() } else { amount })
        },
    )
    .parse(input)
}

fn rupiah_prefix(input: &str) -> IResult<&str, ()> {
    value((), (tag_no_case("rp"), opt(char('.')), space0)).parse(input)
}

fn suffix(input: &str) -> IResult<&str, Suffix<'_>> {
    alt((
        value(Suffix::Rupiah, (tag(",-"), many0(char('-')))),
        value(Suffix::Percent, (space0, char('%'))),
        map(preceded(space1, unit_words), Suffix::Word),
        // a unit glued to the number (`69.02poin`), two letters at least (`12a` is a code)
        map(
            verify(unit_words, |w: &str| {
                w.chars().take_while(|c| c.is_alphabetic()).count() >= 2
            }),
            Suffix::Word,
        ),
        success(Suffix::Bare),
    ))
    .parse(input)
}

/// Words naming a counted unit: letters first, then letters, spaces and `./()-'`.
fn unit_words(input: &str) -> IResult<&str, &str> {
    let more = take_while(|c: char| c.is_alphabetic() || " ./()-'".contains(c));
    recognize((satisfy(char::is_alphabetic), more)).parse(input)
}

/// Undoes a converter artefact that puts a space inside the decimals: `104,7 5%` → `104,75%`.
fn rejoin_split_fraction(text: &str) -> Option<String> {
    let (before, after) = text.rsplit_once(' ')?;
    let (int, frac) = before.rsplit_once(',')?;
    let rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    let more = after.len() - rest.len();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let int_ends_in_digit = int.bytes().last().is_some_and(|b| b.is_ascii_digit());
    let rest = rest.trim();
    (int_ends_in_digit && digits(frac) && more > 0 && (rest.is_empty() || rest == "%"))
        .then(|| format!("{before}{after}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ratio to one reads as its second term; any other colon, or a unit besides, is text.
    #[test]
    fn a_ratio_to_one_is_its_second_term() {
        let CellValue::Quantity(q) = parse_cell("1:284") else {
            panic!("1:284 is a ratio")
        };
        assert_eq!(
            (q.unit, q.amount.exact().map(|n| n.value)),
            (Unit::ToOne, Some(284.into()))
        );
        for text in ["12:30", "2:3", "Rp 1:200", "1:200%", "1:200 orang", "1:"] {
            assert!(matches!(parse_cell(text), CellValue::Text(_)), "{text}");
        }
    }
}
