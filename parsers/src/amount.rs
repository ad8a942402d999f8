//! Reading a run of digit groups (`9.801.822.500`, `10,730`, `25.000.0000`) as a number.
//!
//! Indonesian reports group thousands with `.` and mark decimals with `,`; some tables
//! are printed the English way (`10,730`, `82,745,870,475`) and some numbers are mistyped.
//! Where the digits allow more than one reading, every plausible reading is returned and
//! the amount is marked ambiguous or malformed: choosing is left to arithmetic.

use crate::number::Number;
use schemars::JsonSchema;
use serde::Serialize;

/// The convention (or repair) under which a digit string was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Convention {
    /// No separator at all: `1000`, `658`.
    Plain,
    /// Indonesian: `.` groups thousands, `,` marks decimals: `9.801.822.500`, `94,54`.
    IdId,
    /// English: `,` groups thousands, `.` marks decimals: `10,730`, `82,745,870,475`, `0.00`.
    EnUs,
    /// Repair: every separator dropped, the digits read as one integer (`25.000.0000` → 250000000).
    SeparatorsIgnored,
    /// Repair: one stray digit dropped from an over-long group (`25.000.0000` → 25000000).
    ExtraDigitDropped,
    /// Repair: a final `,` typed for a thousands `.` (`26.300,000` → 26300000).
    CommaForThousandsDot,
    /// Repair: the last `.` taken as a decimal point (`10.368.000.00` → 10368000.00).
    LastDotAsDecimal,
}

/// One way of reading a printed digit string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct Reading {
    /// The value under this reading.
    #[serde(flatten)]
    pub number: Number,
    /// The convention or repair that gives it.
    pub convention: Convention,
}

/// A printed amount with every plausible reading of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(into = "AmountRepr")]
#[schemars(with = "AmountRepr")]
pub enum Amount {
    /// One reading only.
    Exact(Reading),
    /// Valid under two conventions (`10,730`: 10.730 or 10730). The first reading is the
    /// Indonesian one.
    Ambiguous(Box<[Reading]>),
    /// Fits no convention, or only with a shape no report means (`26.300,000`, `25.000.0000`);
    /// the readings are the literal one where it exists, then the plausible repairs.
    Malformed(Box<[Reading]>),
}

impl Amount {
    /// Every reading, the preferred (as-printed Indonesian where possible) first.
    pub fn readings(&self) -> &[Reading] {
        match self {
            Amount::Exact(r) => std::slice::from_ref(r),
            Amount::Ambiguous(rs) | Amount::Malformed(rs) => rs,
        }
    }

    /// The single reading of an exact amount; `None` when arithmetic has to choose.
    pub fn exact(&self) -> Option<Number> {
        match self {
            Amount::Exact(r) => Some(r.number),
            _ => None,
        }
    }

    /// The same amount with every reading negated.
    pub(crate) fn negated(self) -> Amount {
        let flip = |r: Reading| Reading {
            number: r.number.negated(),
            convention: r.convention,
        };
        match self {
            Amount::Exact(r) => Amount::Exact(flip(r)),
            Amount::Ambiguous(rs) => Amount::Ambiguous(rs.iter().copied().map(flip).collect()),
            Amount::Malformed(rs) => Amount::Malformed(rs.iter().copied().map(flip).collect()),
        }
    }
}

/// How an amount is written out: its status and every reading.
#[derive(Serialize, JsonSchema)]
struct AmountRepr {
    status: Status,
    readings: Vec<Reading>,
}

/// Whether an amount has one reading, two valid ones, or only repairs.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
enum Status {
    Exact,
    Ambiguous,
    Malformed,
}

impl From<Amount> for AmountRepr {
    fn from(a: Amount) -> AmountRepr {
        match a {
            Amount::Exact(r) => AmountRepr {
                status: Status::Exact,
                readings: vec![r],
            },
            Amount::Ambiguous(readings) => AmountRepr {
                status: Status::Ambiguous,
                readings: readings.into_vec(),
            },
            Amount::Malformed(readings) => AmountRepr {
                status: Status::Malformed,
                readings: readings.into_vec(),
            },
        }
    }
}

/// A digit group and the separator printed before it (`None` for the first group).
pub(crate) type Group<'a> = (Option<char>, &'a str);

/// Reads digit groups as an amount; `None` when the digits are too many to be a number.
pub(crate) fn interpret(groups: &[Group<'_>]) -> Option<Amount> {
    let (first, tail) = groups.split_first()?;
    let head = first.1;
    let digits: Vec<&str> = tail.iter().map(|g| g.1).collect();
    let dots = tail.iter().filter(|g| g.0 == Some('.')).count();
    let commas = tail.len() - dots;
    let last_sep = tail.last().and_then(|g| g.0);
    match (dots, commas) {
        (0, 0) => exact(head, "", Convention::Plain),
        (_, 0) => dots_only(head, &digits),
        (0, 1) => single_comma(head, digits.first().copied().unwrap_or_default()),
        (0, _) => grouped_integer(head, &digits, Convention::EnUs),
        (_, 1) if last_sep == Some(',') => grouped_decimal(head, &digits),
        (1, _) if last_sep == Some('.') => en_decimal(head, &digits),
        _ => malformed(vec![separators_ignored(head, &digits)?]),
    }
}

fn reading(int: &str, frac: &str, convention: Convention) -> Option<Reading> {
    let number = Number::from_digits(false, int, frac)?;
    Some(Reading { number, convention })
}

fn exact(int: &str, frac: &str, convention: Convention) -> Option<Amount> {
    reading(int, frac, convention).map(Amount::Exact)
}

fn malformed(readings: Vec<Reading>) -> Option<Amount> {
    let mut unique: Vec<Reading> = Vec::with_capacity(readings.len());
    for r in readings {
        if !unique.iter().any(|u| u.number == r.number) {
            unique.push(r);
        }
    }
    Some(Amount::Malformed(unique.into_boxed_slice()))
}

fn is_head(group: &str) -> bool {
    (1..=3).contains(&group.len())
}

fn is_thousands(groups: &[&str]) -> bool {
    groups.iter().all(|g| g.len() == 3)
}

fn separators_ignored(head: &str, tail: &[&str]) -> Option<Reading> {
    reading(
        &[head].iter().chain(tail).copied().collect::<String>(),
        "",
        Convention::SeparatorsIgnored,
    )
}

/// `9.801.822.500` (Indonesian thousands), `0.00` (an English decimal), or a mistyped
/// grouping such as `25.000.0000`.
fn dots_only(head: &str, tail: &[&str]) -> Option<Amount> {
    if is_head(head) && is_thousands(tail) {
        return grouped_integer(head, tail, Convention::IdId);
    }
    if let [frac] = tail {
        return exact(head, frac, Convention::EnUs);
    }
    let mut readings = Vec::new();
    let (last, inner) = tail.split_last()?;
    if is_head(head) && is_thousands(inner) && last.len() < 3 {
        let int: String = [head].iter().chain(inner).copied().collect();
        readings.extend(reading(&int, last, Convention::LastDotAsDecimal));
    }
    readings.extend(extra_digit_dropped(head, tail));
    readings.push(separators_ignored(head, tail)?);
    malformed(readings)
}

/// Readings of a grouping with one four-digit group, each dropping one of its digits.
fn extra_digit_dropped(head: &str, tail: &[&str]) -> Vec<Reading> {
    let long: Vec<usize> = (0..tail.len())
        .filter(|&i| tail.get(i).is_some_and(|g| g.len() == 4))
        .collect();
    let others_grouped = tail.iter().all(|g| g.len() == 3 || g.len() == 4);
    let ([at], true) = (long.as_slice(), is_head(head) && others_grouped) else {
        return Vec::new();
    };
    let (before, rest) = tail.split_at(*at);
    let Some((group, after)) = rest.split_first() else {
        return Vec::new();
    };
    let (before, after) = (before.concat(), after.concat());
    // a group is ASCII digits, so each index is a character
    let digits: Vec<char> = group.chars().collect();
    (0..digits.len())
        .filter_map(|skip| {
            let kept: String = digits
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, c)| c)
                .collect();
            reading(
                &format!("{head}{before}{kept}{after}"),
                "",
                Convention::ExtraDigitDropped,
            )
        })
        .collect()
}

/// `94,54` (an Indonesian decimal) or `10,730` (Indonesian 10.73 or English 10730).
fn single_comma(head: &str, frac: &str) -> Option<Amount> {
    if frac.len() == 3 && is_head(head) {
        let id = reading(head, frac, Convention::IdId)?;
        let en = reading(&format!("{head}{frac}"), "", Convention::EnUs)?;
        return Some(Amount::Ambiguous(Box::new([id, en])));
    }
    exact(head, frac, Convention::IdId)
}

/// Thousands groups only, in either convention: `9.801.822.500`, `82,745,870,475`.
fn grouped_integer(head: &str, tail: &[&str], convention: Convention) -> Option<Amount> {
    if !(is_head(head) && is_thousands(tail)) {
        return malformed(vec![separators_ignored(head, tail)?]);
    }
    let int: String = [head].iter().chain(tail).copied().collect();
    exact(&int, "", convention)
}

/// Dot groups then a decimal comma: `17.062.035.864,00`, or the mistyped `26.300,000`.
fn grouped_decimal(head: &str, digits: &[&str]) -> Option<Amount> {
    let (frac, int_tail) = digits.split_last()?;
    let int: String = [head].iter().chain(int_tail).copied().collect();
    if !(is_head(head) && is_thousands(int_tail)) {
        let literal = reading(&int, frac, Convention::IdId)?;
        return malformed(vec![literal, separators_ignored(head, digits)?]);
    }
    if frac.len() == 3 {
        let literal = reading(&int, frac, Convention::IdId)?;
        let repaired = reading(&format!("{int}{frac}"), "", Convention::CommaForThousandsDot)?;
        return malformed(vec![literal, repaired]);
    }
    exact(&int, frac, Convention::IdId)
}

/// Comma groups then a decimal point: `82,745,870,475.50`.
fn en_decimal(head: &str, digits: &[&str]) -> Option<Amount> {
    let (frac, int_tail) = digits.split_last()?;
    let int: String = [head].iter().chain(int_tail).copied().collect();
    if is_head(head) && is_thousands(int_tail) {
        return exact(&int, frac, Convention::EnUs);
    }
    malformed(vec![separators_ignored(head, digits)?])
}
