//! Interval arithmetic on printed figures: a printed `94,54` stands for `[94.535, 94.545)`,
//! and a relation holds when some values the operands allow give the printed result,
//! rounded or truncated at its printed precision.

use crate::number::Number;
use rust_decimal::prelude::FromPrimitive;
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

    /// `self / other × 100`, when `other` does not straddle zero and the quotient fits a
    /// decimal.
    pub fn percent_of(self, other: Span) -> Option<Span> {
        if other.lo <= Decimal::ZERO && other.hi >= Decimal::ZERO {
            return None;
        }
        let hundred = Decimal::ONE_HUNDRED;
        let mut q = Vec::with_capacity(4);
        for (n, d) in [
            (self.lo, other.lo),
            (self.lo, other.hi),
            (self.hi, other.lo),
            (self.hi, other.hi),
        ] {
            q.push(n.checked_div(d)?.checked_mul(hundred)?);
        }
        Some(Span {
            lo: q.iter().copied().min()?,
            hi: q.iter().copied().max()?,
        })
    }

    /// The middle of the span.
    pub fn mid(self) -> Decimal {
        self.lo / Decimal::TWO + self.hi / Decimal::TWO
    }
}

/// Whether `stated` can be the printed form of some value in `computed`, rounded or
/// truncated at its precision.
pub fn admits(stated: Number, computed: Span) -> bool {
    let t = stated.tolerance_interval();
    computed.lo < t.hi && computed.hi >= t.lo
}

/// Whether `stated` is the mean of `parts` as printed (none: no mean).
pub fn is_mean_of(stated: Number, parts: &[Number]) -> bool {
    let Some(count) = Decimal::from_usize(parts.len()).filter(|c| !c.is_zero()) else {
        return false;
    };
    let sum = parts.iter().try_fold(Span::exact(Decimal::ZERO), |acc, n| {
        let s = Span::of(*n, false);
        Some(Span {
            lo: acc.lo.checked_add(s.lo)?,
            hi: acc.hi.checked_add(s.hi)?,
        })
    });
    let mean = sum.and_then(|s| {
        Some(Span {
            lo: s.lo.checked_div(count)?,
            hi: s.hi.checked_div(count)?,
        })
    });
    mean.is_some_and(|m| admits(stated, m))
}

/// Whether `stated` is `num / den × 100` as printed (figures with no decimals `counted`:
/// exact, not rounded).
pub fn is_percent_of(stated: Number, num: Number, den: Number, counted: bool) -> bool {
    Span::of(num, counted)
        .percent_of(Span::of(den, counted))
        .is_some_and(|s| admits(stated, s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn n(s: &str) -> Number {
        Number::of_decimal(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn rounding_is_no_error() {
        // lamongan line 671: 2,50 / 1,36 × 100 printed as 183,86 (2,50 is rounded from 676/27.035)
        assert!(is_percent_of(n("183.86"), n("2.50"), n("1.36"), false));
        // lamongan line 1086: 238.425.900 / 250.000.000 × 100 is 95,37, not 95,93
        assert!(!is_percent_of(n("95.93"), n("238425900"), n("250000000"), true));
        assert!(is_percent_of(n("95.37"), n("238425900"), n("250000000"), true));
    }

    #[test]
    fn truncation_is_no_error() {
        // blitar line 625: 100 / 96 × 100 = 104,1666… printed 104,16
        assert!(is_percent_of(n("104.16"), n("100"), n("96"), false));
    }

    #[test]
    fn means_hold_within_printed_precision() {
        // a mean row over three capaian: (106,66 + 149,64 + 100,00) / 3 = 118,7666…
        let parts = [n("106.66"), n("149.64"), n("100.00")];
        assert!(is_mean_of(n("118.77"), &parts));
        assert!(is_mean_of(n("118.76"), &parts));
        assert!(!is_mean_of(n("118.87"), &parts));
        assert!(!is_mean_of(n("1"), &[]));
        assert!(!is_mean_of(n("1"), &[n("999999999999999999999999999"); 3]));
    }

    /// A quotient past what a decimal holds is no ratio, not a panic.
    #[test]
    fn overflow_is_none() {
        let big = Span::exact(Decimal::MAX);
        assert_eq!(big.percent_of(Span::exact(Decimal::new(1, 20))), None);
        // the widest figure the grammar reads over the narrowest
        let widest = n("999999999999999999999999999");
        assert!(!is_percent_of(n("1"), widest, n("0.00000000000000000001"), true));
    }
}
