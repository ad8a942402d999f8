//! Regular expressions built on first use, and only for text that could match them. Each
//! pattern carries a test every match passes (a part it always holds, the way it starts);
//! text that fails the test is not put to the pattern, so a report without such text never
//! builds it (building the patterns was a tenth of `extract` of a small PDF), and most
//! lines are not searched at all. The test must be a necessary condition: what matches is
//! then what the pattern alone matches.

use regex::{Captures, Match, Regex};
use std::borrow::Cow;
use std::sync::LazyLock;

/// A regular expression and a test every text it matches in passes.
pub struct Pattern {
    regex: LazyLock<Regex>,
    may_match: fn(&str) -> bool,
}

impl Pattern {
    /// The pattern `build` makes, tried only on text that passes `may_match`.
    pub const fn new(build: fn() -> Regex, may_match: fn(&str) -> bool) -> Pattern {
        Pattern {
            regex: LazyLock::new(build),
            may_match,
        }
    }

    /// The first match's groups.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        (self.may_match)(text)
            .then(|| self.regex.captures(text))
            .flatten()
    }

    /// The first match.
    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        (self.may_match)(text).then(|| self.regex.find(text)).flatten()
    }

    /// Whether it matches.
    pub fn is_match(&self, text: &str) -> bool {
        (self.may_match)(text) && self.regex.is_match(text)
    }

    /// The text with the first match replaced by `with`.
    pub fn replace<'t>(&self, text: &'t str, with: &str) -> Cow<'t, str> {
        match (self.may_match)(text) {
            true => self.regex.replace(text, with),
            false => Cow::Borrowed(text),
        }
    }
}

/// Whether a text starts with a numeric character: every text `^\d` (a Unicode digit)
/// matches does.
pub fn starts_numeric(text: &str) -> bool {
    text.starts_with(char::is_numeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    static TRIWULAN: Pattern = Pattern::new(
        || Regex::new(r"(?i)\btriwulan\s+(I+)").expect("a valid pattern"),
        |t| crate::parsers::text::holds_ascii(t, "ulan"),
    );

    #[test]
    fn text_that_passes_the_test_is_matched_as_by_the_pattern_alone() {
        assert_eq!(
            TRIWULAN.captures("Laporan TRIWULAN II").map(|c| c[1].to_string()),
            Some("II".into())
        );
        assert_eq!(TRIWULAN.find("x Triwulan I").map(|m| m.start()), Some(2));
        assert!(!TRIWULAN.is_match("Laporan Tahunan"));
        assert_eq!(TRIWULAN.replace("triwulan III selesai", ""), " selesai");
        assert!(matches!(
            TRIWULAN.replace("tahunan", ""),
            Cow::Borrowed("tahunan")
        ));
        assert!(starts_numeric("٣ Program") && !starts_numeric("Program 3"));
    }
}
