//! Likely repairs: the shapes typing slips take (two digits swapped, one digit wrong).

#![allow(
    clippy::indexing_slicing,
    reason = "digit positions of one printed number compared with another of the same length; not yet rewritten to checked access"
)]

use rust_decimal::Decimal;

/// How a printed number differs from the intended one, when it looks like a typing slip.
pub fn typo(printed: Decimal, intended: Decimal) -> Option<String> {
    let (p, i) = (printed.normalize(), intended.normalize());
    let scale = p.scale().max(i.scale());
    let digits = |d: Decimal| format!("{:.*}", scale as usize, d).replace(['.', '-'], "");
    let (a, b): (Vec<char>, Vec<char>) = (digits(p).chars().collect(), digits(i).chars().collect());
    if a.len() != b.len() || a == b {
        return None;
    }
    let differ: Vec<usize> = (0..a.len()).filter(|&k| a[k] != b[k]).collect();
    match differ.as_slice() {
        [k] => Some(format!(
            "one digit differs ({} printed where {} fits)",
            a[*k], b[*k]
        )),
        [k, l] if *l == k + 1 && a[*k] == b[*l] && a[*l] == b[*k] => Some(format!(
            "two digits swapped ({}{} for {}{})",
            a[*k], a[*l], b[*k], b[*l]
        )),
        _ => None,
    }
}

/// How a printed number lost or gained digits against the intended one (`234.567` for
/// `1.234.567`, `1.0234` for `1.234`), when one number's digits are the other's with
/// leading digits or one digit left out.
pub fn digits_slip(printed: Decimal, intended: Decimal) -> Option<String> {
    let digits = |d: Decimal| d.normalize().abs().to_string().replace('.', "");
    let (p, i) = (digits(printed), digits(intended));
    let (short, long) = if p.len() < i.len() { (&p, &i) } else { (&i, &p) };
    if short.is_empty() || short.len() == long.len() {
        return None;
    }
    let lost = if p.len() < i.len() { "lost" } else { "an extra" };
    if long.ends_with(short.as_str()) {
        return Some(format!("leading digits {lost} ({} printed where {} fits)", p, i));
    }
    let one_out = short.len() + 1 == long.len()
        && long.char_indices().any(|(at, c)| {
            long.get(..at)
                .zip(long.get(at + c.len_utf8()..))
                .is_some_and(|(a, b)| format!("{a}{b}") == *short)
        });
    one_out.then(|| format!("one digit {lost} ({} printed where {} fits)", p, i))
}

/// Integers one adjacent-digit swap away from `value`.
pub fn swaps(value: Decimal) -> Vec<Decimal> {
    if value.scale() != 0 || value.is_sign_negative() {
        return Vec::new();
    }
    let digits: Vec<char> = value.to_string().chars().collect();
    (0..digits.len().saturating_sub(1))
        .filter(|&k| digits[k] != digits[k + 1] && !(k == 0 && digits[1] == '0'))
        .filter_map(|k| {
            let mut d = digits.clone();
            d.swap(k, k + 1);
            d.iter().collect::<String>().parse().ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn slips() {
        assert_eq!(
            typo(d("67440228"), d("67440282")),
            Some("two digits swapped (28 for 82)".into())
        );
        assert_eq!(
            typo(d("93.35"), d("99.35")),
            Some("one digit differs (3 printed where 9 fits)".into())
        );
        assert_eq!(typo(d("95.93"), d("95.37")), None);
        assert!(swaps(d("86130282")).contains(&d("86130228")));
        assert_eq!(
            digits_slip(d("234567"), d("1234567")),
            Some("leading digits lost (234567 printed where 1234567 fits)".into())
        );
        assert_eq!(
            digits_slip(d("12034"), d("1234")),
            Some("one digit an extra (12034 printed where 1234 fits)".into())
        );
        assert_eq!(digits_slip(d("45381466800"), d("23676572300")), None);
    }
}
