//! Interval arithmetic on printed figures: a printed `94,54` stands for `[94.535, 94.545)`,
//! and a relation is broken only when no values the operands allow give the printed result,
//! rounded or truncated at its printed precision.

use crate::parsers::Number;
use crate::records::{Figure, FigureStatus};
use rust_decimal::Decimal;

/// A closed interval of exact values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Least value.
    pub lo: Decimal,
    /// Greatest value.
    pub hi: Decimal,
}

impl Span {
    /// The span of one exact value.
    pub fn exact(v: Decimal) -> Span {
        Span { lo: v, hi: v }
    }

    /// What a printed number may stand for: itself when `counted` (whole rupiah, people,
    /// companies are counted, not rounded), else its rounding interval.
    pub fn of(n: Number, counted: bool) -> Span {
        if counted && n.decimals == 0 {
            return Span::exact(n.value);
        }
        let r = n.rounding_interval();
        Span { lo: r.lo, hi: r.hi }
    }

    /// `self + other`.
    pub fn plus(self, other: Span) -> Span {
        Span {
            lo: self.lo + other.lo,
            hi: self.hi + other.hi,
        }
    }

    /// `self - other`.
    pub fn minus(self, other: Span) -> Span {
        Span {
            lo: self.lo - other.hi,
            hi: self.hi - other.lo,
        }
    }

    /// `self / other × 100`, when `other` does not straddle zero.
    pub fn percent_of(self, other: Span) -> Option<Span> {
        if other.lo <= Decimal::ZERO && other.hi >= Decimal::ZERO {
            return None;
        }
        let hundred = Decimal::ONE_HUNDRED;
        let q = [
            self.lo / other.lo,
            self.lo / other.hi,
            self.hi / other.lo,
            self.hi / other.hi,
        ];
        let lo = q.iter().copied().min()? * hundred;
        let hi = q.iter().copied().max()? * hundred;
        Some(Span { lo, hi })
    }

    /// The middle of the span.
    pub fn mid(self) -> Decimal {
        (self.lo + self.hi) / Decimal::TWO
    }
}

/// Whether `stated` can be the printed form of some value in `computed`, rounded or
/// truncated at its precision.
pub fn admits(stated: Number, computed: Span) -> bool {
    let t = stated.tolerance_interval();
    computed.lo < t.hi && computed.hi >= t.lo
}

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
            .as_deref()
            .and_then(parse)
            .map_or(Value::Unreadable, Value::Known),
        FigureStatus::Ambiguous | FigureStatus::Malformed => {
            Value::Choices(f.readings.iter().map(|r| r.number).collect())
        }
        FigureStatus::Grade | FigureStatus::Text => Value::Unreadable,
    }
}

/// A decimal string (`"94.54"`) as a number with its decimals.
pub fn parse(text: &str) -> Option<Number> {
    let value: Decimal = text.parse().ok()?;
    Some(Number {
        value,
        decimals: value.scale(),
    })
}

/// A value printed the Indonesian way at `decimals` places: `95.3704` → `95,37`.
pub fn id_format(value: Decimal, decimals: u32) -> String {
    let rounded =
        value.round_dp_with_strategy(decimals, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", decimals as usize, rounded);
    let (int, frac) = text.split_once('.').map_or((text.as_str(), ""), |(i, f)| (i, f));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    match frac.is_empty() {
        true => format!("{sign}{grouped}"),
        false => format!("{sign}{grouped},{frac}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn n(s: &str) -> Number {
        parse(s).unwrap()
    }

    #[test]
    fn rounding_is_no_error() {
        // lamongan line 671: 2,50 / 1,36 × 100 printed as 183,86 (2,50 is rounded from 676/27.035)
        let ratio = Span::of(n("2.50"), false)
            .percent_of(Span::of(n("1.36"), false))
            .unwrap();
        assert!(admits(n("183.86"), ratio));
        // lamongan line 1086: 238.425.900 / 250.000.000 × 100 is 95,37, not 95,93
        let hi = Span::of(n("238425900"), true)
            .percent_of(Span::of(n("250000000"), true))
            .unwrap();
        assert!(!admits(n("95.93"), hi));
        assert!(admits(n("95.37"), hi));
    }

    #[test]
    fn truncation_is_no_error() {
        // blitar line 625: 100 / 96 × 100 = 104,1666… printed 104,16
        let r = Span::of(n("100"), false)
            .percent_of(Span::of(n("96"), false))
            .unwrap();
        assert!(admits(n("104.16"), r));
    }

    #[test]
    fn formats_like_the_reports() {
        assert_eq!(id_format(Decimal::from_str("95.3704").unwrap(), 2), "95,37");
        assert_eq!(id_format(Decimal::from_str("86130228").unwrap(), 0), "86.130.228");
        assert_eq!(id_format(Decimal::from_str("-9.83").unwrap(), 2), "-9,83");
    }
}
