//! A place or a year a report's text names: `Kabupaten Lamongan`, `KOTA Batu`, `Provinsi
//! Jawa Timur`, `Tahun 2023`. Each is a keyword starting a word (its letters compared as
//! Unicode folds them: the Kelvin sign `K` is a `k`, the long `ſ` an `s`), whitespace,
//! then the name or the year. Mentions are found left to right, each search going on
//! after the last mention, as a regular expression's matches are — and as
//! `(?i)\bkabupaten\s+…` would find them, without building one for each process.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::satisfy;
use nom::combinator::recognize;
use nom::{IResult, Parser};

/// A region a text names: its kind as printed (`Kabupaten`, `KOTA`, `Provinsi`) and its
/// name (`Lamongan`, `Jawa Timur`, whitespace as printed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region<'a> {
    /// `Kabupaten`, `Kota` or `Provinsi`, in the case printed.
    pub kind: &'a str,
    /// A capitalised word of three letters or more; for a province, two capitalised words.
    pub name: &'a str,
}

/// A year a text names as `Tahun 2023`: where `Tahun` starts (a byte offset) and the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NamedYear {
    /// Byte offset of the keyword.
    pub start: usize,
    /// The year, 1900–2099.
    pub year: u16,
}

/// The regions `text` names (`Kabupaten X`, `Kota X`, `Provinsi X Y`), in order.
pub fn regions(text: &str) -> impl Iterator<Item = Region<'_>> {
    let starts = |c: char| folds_to(c, 'k') || folds_to(c, 'p');
    mentions(text, starts, region).map(|(_, r)| r)
}

/// The years `text` names as `Tahun 2023` (whatever the case of `Tahun`), in order.
pub fn years(text: &str) -> impl Iterator<Item = NamedYear> + '_ {
    mentions(text, |c| folds_to(c, 't'), year).map(|(start, year)| NamedYear { start, year })
}

/// Each mention `grammar` reads at the start of a word of `text` (where a character
/// `starts` one), with its byte offset; the search goes on where the last mention ended.
fn mentions<'a, T>(
    text: &'a str,
    starts: impl Fn(char) -> bool + 'a,
    grammar: impl Fn(&'a str) -> IResult<&'a str, T> + 'a,
) -> impl Iterator<Item = (usize, T)> + 'a {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut before = text.get(..at)?.chars().next_back();
        for (offset, c) in text.get(at..)?.char_indices() {
            let start = at + offset;
            let found = match starts(c) && before.is_none_or(|b| !is_word(b)) {
                true => text.get(start..).map(&grammar).and_then(Result::ok),
                false => None,
            };
            if let Some((rest, mention)) = found {
                at = text.len() - rest.len();
                return Some((start, mention));
            }
            before = Some(c);
        }
        at = text.len();
        None
    })
}

/// A word character as a regular expression's `\b` sees it (Unicode's `\w`).
fn is_word(c: char) -> bool {
    regex_syntax::try_is_word_character(c).unwrap_or(c.is_alphanumeric() || c == '_')
}

/// `Kabupaten X`, `Kota X` (X a capitalised word of three letters or more) or `Provinsi X Y`.
fn region(input: &str) -> IResult<&str, Region<'_>> {
    let place = (
        recognize(alt((folded("kabupaten"), folded("kota")))),
        space,
        capitalised(2),
    );
    let province = (
        recognize(folded("provinsi")),
        space,
        recognize((capitalised(1), space, capitalised(1))),
    );
    alt((place, province))
        .map(|(kind, _, name)| Region { kind, name })
        .parse(input)
}

/// `Tahun 2023`: a year 1900–2099, its two last digits followed by anything.
fn year(input: &str) -> IResult<&str, u16> {
    let digits = recognize((
        alt((tag("19"), tag("20"))),
        take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
    ));
    (folded("tahun"), space, digits)
        .map_opt(|(_, _, year): (_, _, &str)| year.parse().ok())
        .parse(input)
}

/// Whitespace, as Unicode counts it.
fn space(input: &str) -> IResult<&str, &str> {
    take_while1(char::is_whitespace)(input)
}

/// An ASCII capital followed by at least `more` ASCII letters (as many as there are).
fn capitalised<'a>(
    more: usize,
) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>> {
    recognize((
        satisfy(|c| c.is_ascii_uppercase()),
        take_while_m_n(more, usize::MAX, |c: char| c.is_ascii_alphabetic()),
    ))
}

/// `word` (ASCII lowercase) in any case Unicode's simple case folding gives its letters.
fn folded<'a>(
    word: &'static str,
) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>> {
    move |input: &'a str| {
        let mut chars = input.char_indices();
        for expected in word.chars() {
            match chars.next() {
                Some((_, c)) if folds_to(c, expected) => {}
                _ => {
                    return Err(nom::Err::Error(nom::error::Error::new(
                        input,
                        nom::error::ErrorKind::Tag,
                    )))
                }
            }
        }
        let end = chars.next().map_or(input.len(), |(i, _)| i);
        Ok((
            input.get(end..).unwrap_or_default(),
            input.get(..end).unwrap_or_default(),
        ))
    }
}

/// Whether `c` is the ASCII lowercase letter `letter` under simple case folding: its two
/// ASCII cases, and for `k` the Kelvin sign, for `s` the long s (the only other letters
/// that fold to an ASCII one).
fn folds_to(c: char, letter: char) -> bool {
    c.to_ascii_lowercase() == letter
        || (letter == 'k' && c == '\u{212A}')
        || (letter == 's' && c == '\u{17F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_named_by_kind_and_capitalised_name() {
        let text =
            "Pemerintah KABUPATEN Lamongan dan Kota  Batu, provinsi Jawa\u{a0}Timur; kabupaten/kota yang";
        let found: Vec<(&str, &str)> = regions(text).map(|r| (r.kind, r.name)).collect();
        assert_eq!(
            found,
            [
                ("KABUPATEN", "Lamongan"),
                ("Kota", "Batu"),
                ("provinsi", "Jawa\u{a0}Timur")
            ]
        );
        // a keyword inside a word, a short or lowercase name, one word of a province
        assert_eq!(
            regions("sekabupaten Lamongan, Kota Xy, kota batu, Provinsi Jawa").count(),
            0
        );
        // folded letters: the Kelvin sign and the long s
        let folded: Vec<&str> = regions("\u{212A}ota Batu, provin\u{17F}i Jawa Barat")
            .map(|r| r.kind)
            .collect();
        assert_eq!(folded, ["\u{212A}ota", "provin\u{17F}i"]);
    }

    #[test]
    fn years_are_read_with_where_they_start() {
        let text = "Tahun 2023 dan TAHUN\t1999, tahun 2101, sejak tahun 20234, setahun 2020";
        let found: Vec<(usize, u16)> = years(text).map(|y| (y.start, y.year)).collect();
        assert_eq!(found, [(0, 2023), (15, 1999), (45, 2023)]);
    }

    #[test]
    fn a_word_boundary_is_unicode_s() {
        // a combining mark and a letter with an accent are word characters: no boundary
        assert_eq!(years("e\u{301}tahun 2023").count(), 0);
        assert_eq!(years("étahun 2023").count(), 0);
        assert_eq!(years("–tahun 2023").count(), 1);
    }
}
