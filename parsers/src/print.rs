//! Numbers written back the way the reports print them (the inverse of the grammars).

use rust_decimal::Decimal;

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

    #[test]
    fn groups_thousands_with_dots_and_puts_a_comma_before_the_places() {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        assert_eq!(id_format(d("891642449"), 2), "891.642.449,00");
        assert_eq!(id_format(d("-8000000"), 0), "-8.000.000");
        assert_eq!(id_format(d("95.3704"), 2), "95,37");
        assert_eq!(id_format(d("0.005"), 2), "0,01");
    }
}
