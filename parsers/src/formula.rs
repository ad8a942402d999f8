//! LaTeX formula cells: `$\frac{780.417}{825.465} \times 100 = 94,54$`.

use crate::amount::Amount;
use crate::cell::amount;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, space0};
use nom::combinator::{eof, opt};
use nom::error::{Error, ErrorKind};
use nom::sequence::preceded;
use nom::{IResult, Parser};
use schemars::JsonSchema;
use serde::Serialize;

/// A ratio formula as printed in a cell: numerator over denominator, times a factor,
/// with the result the report states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Formula {
    /// Above the fraction bar.
    pub numerator: Operand,
    /// Below the fraction bar.
    pub denominator: Operand,
    /// The `\times 100` factor, when printed.
    pub factor: Option<Amount>,
    /// The `= 94,54` result, when printed.
    pub result: Option<Amount>,
}

/// One side of a fraction: a number, or words naming the quantity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Operand {
    /// A printed number: `780.417`.
    Amount(Amount),
    /// A named quantity: `Jumlah Penduduk yang Bekerja`.
    Text(String),
}

/// Parses a whole `$…$` formula.
pub(crate) fn formula(input: &str) -> IResult<&str, Formula> {
    let (i, _) = (char('$'), space0, command("frac")).parse(input)?;
    let (i, numerator) = braced(i)?;
    let (i, denominator) = braced(i)?;
    let times = (
        space0,
        alt((command("times"), command("cdot"), tag("×"), tag("x"), tag("X"))),
        space0,
    );
    let (i, factor) = opt(preceded(times, amount)).parse(i)?;
    let (i, result) = opt(preceded((space0, char('='), space0), amount)).parse(i)?;
    let (i, _) = (space0, opt(alt((tag("\\%"), tag("%")))), space0, char('$')).parse(i)?;
    let formula = Formula {
        numerator: operand(numerator),
        denominator: operand(denominator),
        factor,
        result,
    };
    Ok((i, formula))
}

/// A LaTeX command such as `\frac`, also as a PDF's text layer spaces it: `\ frac`.
fn command<'a>(name: &'static str) -> impl Parser<&'a str, Output = &'a str, Error = Error<&'a str>> {
    preceded((char('\\'), space0), tag(name))
}

/// The text between a `{` and its matching `}`.
fn braced(input: &str) -> IResult<&str, &str> {
    let (rest, _) = preceded(space0, char('{')).parse(input)?;
    let mut depth = 1usize;
    for (at, c) in rest.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    let (inside, closing) = rest.split_at(at);
                    return Ok((closing.get(1..).unwrap_or_default(), inside));
                }
            }
            _ => {}
        }
    }
    Err(nom::Err::Error(Error::new(input, ErrorKind::Char)))
}

fn operand(text: &str) -> Operand {
    let trimmed = text.trim();
    if let Ok((_, (a, _, _))) = (amount, space0, eof).parse(trimmed) {
        return Operand::Amount(a);
    }
    let words = trimmed
        .replace("\\ text{", " ")
        .replace("\\text{", " ")
        .replace(['{', '}'], " ");
    Operand::Text(words.split_whitespace().collect::<Vec<_>>().join(" "))
}
