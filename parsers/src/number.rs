//! An exact decimal together with the precision it was printed with.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// The most digits a printed number may have; longer digit runs are not read as numbers.
/// One below the 28 a `Decimal` holds, so the rounding interval's half-step digit still fits.
pub const MAX_DIGITS: usize = 27;
/// The most decimals a printed number may show.
pub const MAX_DECIMALS: u32 = 20;

/// An exact value as printed, with the number of decimals the report showed.
///
/// `94,54` is `Number { value: 94.54, decimals: 2 }` and stands for every value that
/// rounds to it: see [`Number::rounding_interval`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct Number {
    /// The printed value, exactly.
    #[serde(with = "rust_decimal::serde::str")]
    #[schemars(with = "String")]
    pub value: Decimal,
    /// How many decimals were printed (`94,54` → 2, `9.801.822.500` → 0).
    pub decimals: u32,
}

/// A half-open interval `[lo, hi)` of exact values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// Smallest value in the interval.
    pub lo: Decimal,
    /// First value past the interval.
    pub hi: Decimal,
}

impl Interval {
    /// Whether `x` lies in `[lo, hi)`.
    pub fn contains(&self, x: Decimal) -> bool {
        self.lo <= x && x < self.hi
    }
}

impl Number {
    /// The number `value` prints as, its decimals the value's scale (`94.540` → 3).
    pub fn of_decimal(value: Decimal) -> Number {
        Number {
            value,
            decimals: value.scale(),
        }
    }

    /// Builds a number from its digits (`int_digits` then `frac_digits`, ASCII digits only).
    ///
    /// Returns `None` when the digits are not all ASCII digits, when there are more than
    /// [`MAX_DIGITS`] of them, or more than [`MAX_DECIMALS`] decimals.
    pub fn from_digits(negative: bool, int_digits: &str, frac_digits: &str) -> Option<Number> {
        let decimals = u32::try_from(frac_digits.len()).ok()?;
        let all = int_digits.bytes().chain(frac_digits.bytes());
        if int_digits.len() + frac_digits.len() > MAX_DIGITS || decimals > MAX_DECIMALS {
            return None;
        }
        let mut mantissa: i128 = 0;
        for b in all {
            if !b.is_ascii_digit() {
                return None;
            }
            mantissa = mantissa * 10 + i128::from(b - b'0');
        }
        if negative {
            mantissa = -mantissa;
        }
        let value = Decimal::try_from_i128_with_scale(mantissa, decimals).ok()?;
        Some(Number { value, decimals })
    }

    /// One unit in the last printed place: `94,54` → 0.01.
    pub fn ulp(&self) -> Decimal {
        Decimal::new(1, self.decimals)
    }

    /// The values that print as this number when rounded half-up at its precision:
    /// `94,54` → `[94.535, 94.545)`.
    pub fn rounding_interval(&self) -> Interval {
        let half = Decimal::new(5, self.decimals + 1);
        Interval {
            lo: self.value - half,
            hi: self.value + half,
        }
    }

    /// The values that print as this number either rounded or truncated toward zero at
    /// its precision: `94,54` → `[94.535, 94.55)`, `-9,83` → `[-9.84, -9.825)`.
    /// (The far end of the truncation side is open in truth; the difference is one
    /// exact point and never decides a finding.)
    pub fn tolerance_interval(&self) -> Interval {
        let rounding = self.rounding_interval();
        if self.value.is_sign_negative() && !self.value.is_zero() {
            Interval {
                lo: self.value - self.ulp(),
                hi: rounding.hi,
            }
        } else {
            Interval {
                lo: rounding.lo,
                hi: self.value + self.ulp(),
            }
        }
    }

    /// The same number with its sign flipped.
    pub fn negated(&self) -> Number {
        Number {
            value: -self.value,
            decimals: self.decimals,
        }
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn keeps_printed_precision() {
        let n = Number::from_digits(false, "94", "50").unwrap();
        assert_eq!(n.value, dec("94.50"));
        assert_eq!(n.decimals, 2);
        assert_eq!(n.value.to_string(), "94.50");
    }

    #[test]
    fn rounding_interval_is_half_ulp_each_side() {
        let n = Number::from_digits(false, "94", "54").unwrap();
        let i = n.rounding_interval();
        assert_eq!((i.lo, i.hi), (dec("94.535"), dec("94.545")));
        assert!(i.contains(dec("94.535")));
        assert!(!i.contains(dec("94.545")));
    }

    #[test]
    fn tolerance_interval_accepts_rounding_and_truncation() {
        // blitar line 625: 100/96 = 104.1666… printed truncated as 104,16
        let n = Number::from_digits(false, "104", "16").unwrap();
        assert!(n.tolerance_interval().contains(dec("104.1666")));
        assert!(n.tolerance_interval().contains(dec("104.155")));
        assert!(!n.tolerance_interval().contains(dec("104.17")));
        let neg = Number::from_digits(true, "9", "83").unwrap();
        assert!(neg.tolerance_interval().contains(dec("-9.8372")));
        assert!(neg.tolerance_interval().contains(dec("-9.826")));
        assert!(!neg.tolerance_interval().contains(dec("-9.825")));
    }

    #[test]
    fn rejects_too_many_digits_without_panicking() {
        let long = "9".repeat(MAX_DIGITS + 1);
        assert_eq!(Number::from_digits(false, &long, ""), None);
        assert!(Number::from_digits(false, &"9".repeat(MAX_DIGITS), "").is_some());
        let many_decimals = "1".repeat(MAX_DECIMALS as usize + 1);
        assert_eq!(Number::from_digits(false, "0", &many_decimals), None);
    }
}
