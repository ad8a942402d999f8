//! What the figures of records give to arithmetic (the interval arithmetic itself is the
//! parsers crate's [`Span`]), and how the reports print a value.

use crate::parsers::Number;
pub use crate::parsers::{admits, id_format, Span};
use crate::records::{Figure, FigureStatus, FigureValue};
use rust_decimal::Decimal;

/// What a figure gives to arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// One value.
    Known(Number),
    /// Printed as nil or not printed: nothing, which adds as zero.
    Nil,
    /// Two or more readings compete (ambiguous or malformed digits).
    Choices(Vec<Number>),
    /// Words or a grade: no arithmetic.
    Unreadable,
}

/// The value of a figure.
pub fn value(figure: Option<&Figure>) -> Value {
    let Some(f) = figure else { return Value::Nil };
    match f.status {
        FigureStatus::Nil => Value::Nil,
        FigureStatus::Exact | FigureStatus::Settled => f
            .value
            .and_then(FigureValue::number)
            .map_or(Value::Unreadable, Value::Known),
        FigureStatus::Ambiguous | FigureStatus::Malformed => {
            Value::Choices(f.readings.iter().map(|r| r.number).collect())
        }
        FigureStatus::Grade | FigureStatus::Text => Value::Unreadable,
    }
}

/// The one value of a figure, when it has one.
pub fn known(f: Option<&Figure>) -> Option<Number> {
    match value(f) {
        Value::Known(n) => Some(n),
        _ => None,
    }
}

/// The mean of printed values (none for none).
pub fn mean(parts: &[Number]) -> Option<Decimal> {
    let count = Decimal::from(parts.len());
    parts.iter().map(|n| n.value).sum::<Decimal>().checked_div(count)
}

/// A decimal string (`"94.54"`) as a number with its decimals.
pub fn parse(text: &str) -> Option<Number> {
    text.parse().ok().map(Number::of_decimal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn formats_like_the_reports() {
        assert_eq!(id_format(Decimal::from_str("95.3704").unwrap(), 2), "95,37");
        assert_eq!(id_format(Decimal::from_str("86130228").unwrap(), 0), "86.130.228");
        assert_eq!(id_format(Decimal::from_str("-9.83").unwrap(), 2), "-9,83");
    }
}
