//! Properties of the grammar over generated input.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip_parsers::{parse_cell, parse_quantity, Amount, CellValue, Convention, Unit};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Formats a decimal the Indonesian way: `.` between thousands, `,` before the decimals,
/// as many decimals as its scale.
fn format_id(d: Decimal) -> String {
    let digits = d.mantissa().unsigned_abs().to_string();
    let scale = d.scale() as usize;
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if d.is_sign_negative() && !d.is_zero() {
        "-"
    } else {
        ""
    };
    match frac.is_empty() {
        true => format!("{sign}{grouped}"),
        false => format!("{sign}{grouped},{frac}"),
    }
}

/// Decimals of up to 28 digits and up to 6 decimals, as reports print them.
fn printed_decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=6, 0u32..=3).prop_map(|(m, scale, widen)| {
        let mut mantissa = i128::from(m) * 10i128.pow(widen * 3);
        while mantissa.unsigned_abs() >= 10u128.pow(lkjip_parsers::MAX_DIGITS as u32) {
            mantissa /= 10;
        }
        Decimal::from_i128_with_scale(mantissa, scale)
    })
}

/// How a printed form wraps the formatted number, and the unit it must read as.
fn decorations(scale: u32) -> Vec<(String, String, Unit)> {
    let mut forms = vec![
        (String::new(), String::new(), Unit::None),
        (String::new(), "%".into(), Unit::Percent),
        (String::new(), " %".into(), Unit::Percent),
        ("Rp ".into(), String::new(), Unit::Rupiah),
        ("Rp. ".into(), String::new(), Unit::Rupiah),
        (
            String::new(),
            " orang".into(),
            Unit::Word(Box::new("orang".to_string())),
        ),
        ("1:".into(), String::new(), Unit::ToOne),
        ("1 : ".into(), String::new(), Unit::ToOne),
    ];
    if scale == 0 {
        forms.push((String::new(), ",-".into(), Unit::Rupiah));
        forms.push(("Rp ".into(), ",-".into(), Unit::Rupiah));
    }
    forms
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Formatting a decimal the id-ID way and parsing it back gives the same value and
    /// precision. Three decimals are the one shape another convention also reads
    /// (`10,730`), so there the Indonesian reading must come first and be flagged.
    #[test]
    fn id_id_format_round_trips(d in printed_decimal()) {
        let text = format_id(d);
        for (prefix, suffix, unit) in decorations(d.scale()) {
            let printed = format!("{prefix}{text}{suffix}");
            let q = parse_quantity(&printed).unwrap_or_else(|| panic!("{printed:?} not read"));
            prop_assert_eq!(&q.unit, &unit, "{}", printed);
            let first = q.amount.readings()[0];
            prop_assert_eq!(first.number.value, d, "{}", printed);
            prop_assert_eq!(first.number.value.scale(), d.scale());
            prop_assert_eq!(first.number.decimals, d.scale(), "{}", printed);
            prop_assert!(matches!(first.convention, Convention::IdId | Convention::Plain));
            if d.scale() == 3 {
                prop_assert!(!matches!(q.amount, Amount::Exact(_)), "{} must not be exact", printed);
            } else {
                prop_assert!(matches!(q.amount, Amount::Exact(_)), "{} must be exact", printed);
            }
        }
    }

    /// No string at all makes the grammar panic.
    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let _ = parse_cell(&s);
        let _ = parse_quantity(&s);
    }

    /// Strings built from the grammar's own alphabet reach its deep paths without panicking,
    /// and every number read keeps within the digit limits.
    #[test]
    fn number_like_strings_never_panic(chars in prop::collection::vec(prop::sample::select(ALPHABET.to_vec()), 0..48)) {
        let s: String = chars.concat();
        if let CellValue::Quantity(q) = parse_cell(&s) {
            for r in q.amount.readings() {
                prop_assert!(r.number.decimals <= lkjip_parsers::MAX_DECIMALS);
                let interval = r.number.rounding_interval();
                prop_assert!(interval.contains(r.number.value));
            }
        }
    }
}

const ALPHABET: &[&str] = &[
    "0",
    "1",
    "9",
    "00",
    "000",
    "0000",
    ".",
    ",",
    ",-",
    "-",
    "–",
    "−",
    " ",
    "%",
    "Rp",
    "Rp.",
    "rp",
    "$",
    "\\frac",
    "{",
    "}",
    "\\text{",
    "\\times",
    "=",
    "<u>",
    "</u>",
    "**",
    "*",
    "<p",
    ">",
    "orang",
    "é",
    "\u{a0}",
    "99999999999999999999",
    "A",
    "BB",
];
