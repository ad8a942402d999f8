//! Figures as an Indonesian reader writes them: `891642449.00` is `891.642.449,00`.

use crate::parsers::id_format;
use rust_decimal::Decimal;

/// A fixed-point decimal (`-891642449.00`, as findings carry it) in Indonesian notation
/// at its places; `signed` writes `+` before a positive figure (a delta). Text that is no
/// such decimal is returned as it is.
pub fn indonesian(fixed: &str, signed: bool) -> String {
    let places = fixed.split_once('.').map_or(0, |(_, p)| p.len());
    let plain = fixed.strip_prefix('-').unwrap_or(fixed);
    let Some(value) = plain
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.')
        .then(|| fixed.parse::<Decimal>().ok())
        .flatten()
    else {
        return fixed.to_string();
    };
    let sign = if signed && value > Decimal::ZERO { "+" } else { "" };
    format!("{sign}{}", id_format(value, u32::try_from(places).unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::indonesian;

    #[test]
    fn groups_thousands_with_dots_and_keeps_the_places_after_a_comma() {
        assert_eq!(indonesian("891642449.00", false), "891.642.449,00");
        assert_eq!(indonesian("-54", true), "-54");
        assert_eq!(indonesian("54", true), "+54");
        assert_eq!(indonesian("0.00", true), "0,00");
        assert_eq!(indonesian("1234.5", false), "1.234,5");
        assert_eq!(indonesian("100", false), "100");
        assert_eq!(indonesian("B", false), "B");
        assert_eq!(indonesian("1e5", false), "1e5");
        assert_eq!(indonesian("", false), "");
    }
}
