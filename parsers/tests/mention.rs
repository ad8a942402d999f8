//! Mentions (and column numbers) found as the regular expressions they stand for find
//! them, over generated text made of their keywords, names, digits, the letters Unicode
//! folds to theirs, word characters that are not ASCII and every kind of space.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip_parsers::mention::{regions, years};
use proptest::prelude::*;
use regex::Regex;

const PIECES: &[&str] = &[
    "kabupaten",
    "KABUPATEN",
    "Kabupaten",
    "kota",
    "Kota",
    "\u{212A}ota",
    "kot",
    "provinsi",
    "Provinsi",
    "provin\u{17F}i",
    "tahun",
    "TAHUN",
    "Tahun",
    "se",
    " ",
    "  ",
    "\t",
    "\n",
    "\u{a0}",
    "\u{3000}",
    "Lamongan",
    "Jawa",
    "Timur",
    "Xy",
    "Ab",
    "batu",
    "2023",
    "1999",
    "20",
    "19",
    "2101",
    "\u{662}\u{663}",
    "e\u{301}",
    "é",
    "_",
    "–",
    ",",
    "/",
    "a",
    "5",
    "Z",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..14).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn regions_are_the_regular_expression_s_matches(t in text()) {
        let re = Regex::new(r"\b((?i:kabupaten|kota))\s+([A-Z][A-Za-z]{2,})|\b((?i:provinsi))\s+([A-Z][A-Za-z]+\s+[A-Z][A-Za-z]+)").unwrap();
        let expected: Vec<(&str, &str)> = re
            .captures_iter(&t)
            .map(|c| (c.get(1).or(c.get(3)).unwrap().as_str(), c.get(2).or(c.get(4)).unwrap().as_str()))
            .collect();
        let found: Vec<(&str, &str)> = regions(&t).map(|r| (r.kind, r.name)).collect();
        prop_assert_eq!(found, expected);
    }

    #[test]
    fn years_are_the_regular_expression_s_matches(t in text()) {
        let re = Regex::new(r"(?i)\btahun\s+((?:19|20)\d{2})").unwrap();
        let expected: Vec<(usize, u16)> = re
            .captures_iter(&t)
            .filter_map(|c| Some((c.get(0)?.start(), c[1].parse().ok()?)))
            .collect();
        let found: Vec<(usize, u16)> = years(&t).map(|y| (y.start, y.year)).collect();
        prop_assert_eq!(found, expected);
    }
}

const CELLS: &[&str] = &[
    "(", ")", "1", "2", "9", "0", "\u{662}", " ", "\t", "\n", "=", "-", "/", "x", ".",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn column_numbers_are_the_regular_expression_s(t in prop::collection::vec(prop::sample::select(CELLS), 0..8).prop_map(|p| p.concat())) {
        let re = Regex::new(r"^\(?(\d{1,2})\)?(?:\s*=.*)?$").unwrap();
        let expected: Option<u32> = re.captures(&t).and_then(|m| m[1].parse().ok());
        prop_assert_eq!(lkjip_parsers::column_number(&t), expected);
    }
}
