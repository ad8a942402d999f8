//! Whether a printed total is the sum of printed parts, trying every reading of an
//! ambiguous or malformed number among them.

#![allow(
    clippy::indexing_slicing,
    reason = "values indexed by positions of the same vector; not yet rewritten to checked access"
)]

use super::arith::{admits, Span, Value};
use crate::parsers::Number;
use rust_decimal::Decimal;

/// The outcome of checking `total = Σ parts`.
#[derive(Debug, Clone, PartialEq)]
pub enum Balance {
    /// The sum holds (within printed precision).
    Holds,
    /// It does not: the parts sum to `expected`, the total prints `found`.
    Broken {
        /// Sum of the parts (their printed values).
        expected: Decimal,
        /// The printed total.
        found: Number,
    },
    /// One participant had competing readings and exactly one makes the sum hold.
    Settled {
        /// Which participant: 0 the total, `i` the part `i - 1`.
        who: usize,
        /// The reading that balances.
        reading: Number,
    },
    /// One participant had competing readings and none makes the sum hold.
    NoReadingFits {
        /// Which participant: 0 the total, `i` the part `i - 1`.
        who: usize,
    },
    /// Nothing to check: the total is not printed, or figures are words or too unsure.
    Unknown,
}

/// Checks `total = Σ parts`; `counted` says whether whole numbers are exact counts.
pub fn balance(total: &Value, parts: &[Value], counted: bool) -> Balance {
    let all: Vec<&Value> = std::iter::once(total).chain(parts).collect();
    if matches!(total, Value::Nil) || all.iter().any(|v| matches!(v, Value::Unreadable)) {
        return Balance::Unknown;
    }
    let choices: Vec<usize> = (0..all.len())
        .filter(|&i| matches!(all[i], Value::Choices(_)))
        .collect();
    match choices.as_slice() {
        [] => balanced(&known(&all, None), counted),
        [who] => {
            let Value::Choices(readings) = all[*who] else {
                return Balance::Unknown;
            };
            let fits: Vec<Number> = readings
                .iter()
                .copied()
                .filter(|r| balanced(&known(&all, Some((*who, *r))), counted) == Balance::Holds)
                .collect();
            match fits.as_slice() {
                [reading] => Balance::Settled {
                    who: *who,
                    reading: *reading,
                },
                [] => Balance::NoReadingFits { who: *who },
                _ => Balance::Unknown,
            }
        }
        _ => Balance::Unknown,
    }
}

/// The participants as numbers (nil as zero), with one participant replaced.
fn known(all: &[&Value], replace: Option<(usize, Number)>) -> Vec<Number> {
    let zero = Number {
        value: Decimal::ZERO,
        decimals: 0,
    };
    (0..all.len())
        .map(|i| match (replace, all[i]) {
            (Some((at, n)), _) if at == i => n,
            (_, Value::Known(n)) => *n,
            _ => zero,
        })
        .collect()
}

fn balanced(numbers: &[Number], counted: bool) -> Balance {
    let (total, parts) = numbers.split_first().expect("a total");
    let sum = parts.iter().fold(Span::exact(Decimal::ZERO), |acc, n| {
        acc.plus(Span::of(*n, counted))
    });
    match admits(*total, sum) {
        true => Balance::Holds,
        false => Balance::Broken {
            expected: parts.iter().map(|n| n.value).sum(),
            found: *total,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::arith::parse;

    fn k(s: &str) -> Value {
        Value::Known(parse(s).unwrap())
    }

    #[test]
    fn malformed_total_is_settled_by_its_parts() {
        // lumajang line 55: Jumlah 26.300,000 over 20.000.000 and 6.300.000
        let total = Value::Choices(vec![parse("26300.000").unwrap(), parse("26300000").unwrap()]);
        let outcome = balance(&total, &[k("20000000"), k("6300000")], true);
        assert_eq!(
            outcome,
            Balance::Settled {
                who: 0,
                reading: parse("26300000").unwrap()
            }
        );
    }

    #[test]
    fn broken_sum_reports_the_parts_sum() {
        // lamongan line 1023: realisasi 86.130.282 over 18.690.000 and 67.440.228
        let outcome = balance(&k("86130282"), &[k("18690000"), k("67440228")], true);
        assert_eq!(
            outcome,
            Balance::Broken {
                expected: Decimal::from(86130228),
                found: parse("86130282").unwrap()
            }
        );
        assert_eq!(
            balance(&k("3"), &[k("1"), Value::Nil, k("2")], true),
            Balance::Holds
        );
    }
}
