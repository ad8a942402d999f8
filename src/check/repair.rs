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
    }
}
