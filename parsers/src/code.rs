//! Row keys the tables print before a name: budget codes (`1`, `1.01`, `2.05.01.`),
//! letters (`A`, `B.`) and roman numerals (`II.`), and whether a cell's text was cut off mid-way (a wrapped cell, a
//! page break): what every stage that joins or keys rows needs, from the page layout on.

use nom::branch::alt;
use nom::bytes::complete::take_while1;
use nom::character::complete::{char, digit1, satisfy};
use nom::combinator::{all_consuming, opt, recognize, verify};
use nom::multi::many0;
use nom::sequence::{pair, terminated};
use nom::{IResult, Parser};

/// Words that join the parts of a name: text ending on one stops mid-way.
pub const CONNECTIVES: [&str; 13] = [
    "dan", "atau", "serta", "yang", "di", "ke", "dari", "dalam", "pada", "untuk", "dengan", "melalui", "bagi",
];

/// Whether the text is a row code: dotted digits (`1`, `1.01`, `2.05.01.`), one capital
/// letter (`A`, `B.`) or a roman numeral up to 39 (`II`, `XIV.`), a trailing dot allowed.
pub fn is_code(text: &str) -> bool {
    all_consuming(terminated(alt((dotted, roman, letter)), opt(char('.'))))
        .parse(text)
        .is_ok()
}

fn roman(input: &str) -> IResult<&str, &str> {
    verify(take_while1(|c: char| "IVX".contains(c)), |s: &str| {
        (1..=39).any(|n| roman_numeral(n) == s)
    })
    .parse(input)
}

/// The roman numeral of `n` (1 to 39).
fn roman_numeral(n: u32) -> String {
    let ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    let tens = "X".repeat((n / 10) as usize);
    format!(
        "{tens}{}",
        ones.get((n % 10) as usize).copied().unwrap_or_default()
    )
}

fn dotted(input: &str) -> IResult<&str, &str> {
    recognize(pair(digit1, many0(pair(char('.'), digit1)))).parse(input)
}

fn letter(input: &str) -> IResult<&str, &str> {
    recognize(satisfy(|c| c.is_ascii_uppercase())).parse(input)
}

/// Text that stops mid-way, as a cell cut at a line or page break does: on a connective
/// (`… Ekonomi dan`), or inside an open formula (`$\frac{533,35}`).
pub fn cut_off(text: &str) -> bool {
    let last = text.rsplit(' ').next().unwrap_or("").to_lowercase();
    let open_formula =
        text.matches('$').count() % 2 == 1 || text.matches('{').count() > text.matches('}').count();
    CONNECTIVES.contains(&last.as_str()) || open_formula
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_are_dotted_digits_one_capital_or_a_roman_numeral() {
        for code in [
            "1", "1.01", "2.05.01.", "39.06", "A", "B.", "II.", "IV", "XIV", "XXXIX",
        ] {
            assert!(is_code(code), "{code}");
        }
        for text in [
            "",
            ".",
            "1..2",
            "1.a",
            "AB",
            "a",
            "1 2",
            "Rp",
            "1.01 Program",
            "IIII",
            "VX",
            "XL",
        ] {
            assert!(!is_code(text), "{text}");
        }
    }

    #[test]
    fn text_ending_on_a_connective_or_inside_a_formula_is_cut_off() {
        assert!(cut_off("Meningkatkan Taraf Ekonomi dan"));
        assert!(cut_off("$\\ frac{533,35}"));
        assert!(cut_off("$\\frac{\\ text{Realisasi"));
        assert!(!cut_off("Taraf Ekonomi dan Sosialnya"));
        assert!(!cut_off("$\\frac{676}{27.035} \\times 100 = 2,50$"));
        assert!(!cut_off("Jumlah Dana"));
    }

    proptest! {
        #[test]
        fn never_panics(text in ".{0,40}") {
            let _ = (is_code(&text), cut_off(&text));
        }
    }
}
