//! A report made over as another regency's, another year's, with other amounts: the
//! regency's name replaced, every year shifted, and every grouped amount (`9.801.822.500`,
//! `17.062.035.864,00`, `10,730`, even a malformed `26.300,000`) multiplied by one whole
//! factor, printed in the same shape — so every sum and every ratio between amounts still
//! holds, and every error the source prints is still there, rescaled.

#![allow(
    clippy::indexing_slicing,
    reason = "characters of a line indexed by positions found in it; not yet rewritten to checked access"
)]

/// How a synthetic report differs from its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variation {
    /// The source's regency name (`Lamongan`).
    pub from: String,
    /// The name it gets (`Tuban`).
    pub to: String,
    /// Years added to every year printed.
    pub year_shift: u16,
    /// The whole factor every grouped amount is multiplied by.
    pub scale: u128,
}

/// The varied text: same lines, same layout, other name, years and amounts. A formula
/// cell (`$\frac{676}{27.035} …$`) is left as printed: its counts relate to each other, not
/// to the report's amounts.
pub fn vary(text: &str, v: &Variation) -> String {
    let renamed = rename(text, &v.from, &v.to);
    rewrite_numbers(&renamed, |token, line_before| {
        if line_before.matches('$').count() % 2 == 1 {
            return None;
        }
        if let Some(year) = year(token) {
            return Some((year + v.year_shift).to_string());
        }
        let rupiah = line_before.trim_end().trim_end_matches('.').ends_with("Rp");
        match token.parse::<u128>() {
            Ok(plain) if rupiah => scale_amount(&format!("0.{plain:03}"), v.scale)
                .map(|s| s.trim_start_matches(['0', '.']).to_string())
                .map(|s| if s.is_empty() { "0".to_string() } else { s }),
            _ => scale_amount(token, v.scale),
        }
    })
}

/// Replaces a name in its three spellings: `Lamongan`, `LAMONGAN`, `lamongan`.
fn rename(text: &str, from: &str, to: &str) -> String {
    [
        (from.to_string(), to.to_string()),
        (from.to_uppercase(), to.to_uppercase()),
        (from.to_lowercase(), to.to_lowercase()),
    ]
    .iter()
    .fold(text.to_string(), |t, (a, b)| t.replace(a.as_str(), b))
}

/// Calls `edit` on every number token (digits with `.` or `,` between digit groups), with
/// the text of its line before it, and puts back what it returns.
pub fn rewrite_numbers(text: &str, mut edit: impl FnMut(&str, &str) -> Option<String>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut i = 0;
    while i < chars.len() {
        let glued = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '.' || chars[i - 1] == ',');
        if !chars[i].is_ascii_digit() || glued {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len()
            && (chars[end].is_ascii_digit()
                || ((chars[end] == '.' || chars[end] == ',')
                    && chars.get(end + 1).is_some_and(char::is_ascii_digit)))
        {
            end += 1;
        }
        let token: String = chars[i..end].iter().collect();
        let alone = chars.get(end).is_none_or(|c| !c.is_alphanumeric());
        let line = out.rsplit('\n').next().unwrap_or_default();
        match edit(&token, line).filter(|_| alone) {
            Some(new) => out.push_str(&new),
            None => out.push_str(&token),
        }
        i = end;
    }
    out
}

/// A year: four digits from 2000 to 2039 standing alone.
fn year(token: &str) -> Option<u16> {
    let y: u16 = token.parse().ok().filter(|_| token.len() == 4)?;
    (2000..2040).contains(&y).then_some(y)
}

/// An amount grouped with dots multiplied by `scale`, its separators kept at the same places
/// from the right and new leading digits grouped in threes; `None` for what is not one (a
/// percent `94,54`, a code `1.1.2`, a date, a plain number, a comma-grouped count `10,730`).
pub fn scale_amount(token: &str, scale: u128) -> Option<String> {
    let groups: Vec<&str> = token.split(['.', ',']).collect();
    if groups.len() < 2 {
        return None;
    }
    let digits: String = groups.concat();
    let inner_thousands = groups[1..groups.len() - 1].iter().all(|g| g.len() == 3);
    let last = groups.last()?.len();
    let decimals_tail = groups.len() >= 3 && token.rfind(',') == Some(token.len() - last - 1) && last <= 2;
    // comma-grouped figures (`10,730`) are counts or ambiguous: left as printed
    let dotted = token.split(',').next().is_some_and(|head| head.contains('.'));
    let grouped = dotted && groups[0].len() <= 3 && inner_thousands && (last >= 3 || decimals_tail);
    if !grouped || digits.len() < 4 || digits.len() > 30 {
        return None;
    }
    let scaled = digits.parse::<u128>().ok()?.checked_mul(scale)?.to_string();
    // separators as (digits to their right, character), nearest the end first
    let mut seps: Vec<(usize, char)> = Vec::new();
    let mut right = 0;
    for c in token.chars().rev() {
        match c {
            '.' | ',' => seps.push((right, c)),
            _ => right += 1,
        }
    }
    let (&(outer, thousands), _) = seps.split_last()?;
    let mut out: Vec<char> = Vec::new();
    for (k, c) in scaled.chars().rev().enumerate() {
        let at = |n: usize| seps.iter().find(|(r, _)| *r == n).map(|(_, s)| *s);
        if k > 0 {
            if let Some(sep) = at(k) {
                out.push(sep);
            } else if k > outer && (k - outer) % 3 == 0 {
                out.push(thousands);
            }
        }
        out.push(c);
    }
    Some(out.into_iter().rev().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_scale_in_their_own_shape_and_the_rest_stays() {
        let s = |t: &str| scale_amount(t, 3);
        assert_eq!(s("9.801.822.500").as_deref(), Some("29.405.467.500"));
        assert_eq!(s("17.062.035.864,00").as_deref(), Some("51.186.107.592,00"));
        assert_eq!(s("900.000").as_deref(), Some("2.700.000"));
        assert_eq!(s("26.300,000").as_deref(), Some("78.900,000"));
        assert_eq!(s("25.000.0000").as_deref(), Some("75.000.0000"));
        for other in ["94,54", "1.1.2", "29.01.2024", "2,50", "100,02", "10,730"] {
            assert_eq!(s(other), None, "{other}");
        }
    }

    #[test]
    fn a_report_is_renamed_shifted_and_rescaled_line_for_line() {
        let v = Variation {
            from: "Lamongan".into(),
            to: "Tuban".into(),
            year_shift: 2,
            scale: 2,
        };
        let text = "DINAS TENAGA KERJA KABUPATEN LAMONGAN TAHUN 2023\n4.2.3\tJob Fair\t250.000.000\t242.958.240\t97,18\nRenstra 2021-2026, Kabupaten Lamongan";
        assert_eq!(
            vary(text, &v),
            "DINAS TENAGA KERJA KABUPATEN TUBAN TAHUN 2025\n4.2.3\tJob Fair\t500.000.000\t485.916.480\t97,18\nRenstra 2023-2028, Kabupaten Tuban"
        );
    }
}
