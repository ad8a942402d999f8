//! Char-safe windows into text at byte offsets that were computed (`at - 40`), not found:
//! a window is shrunk inward to character boundaries, so it never splits a character and
//! never panics, whatever the offsets.

/// The text between byte offsets `start` and `end` (clamped to the text), shrunk inward to
/// the nearest character boundaries.
pub fn window(text: &str, start: usize, end: usize) -> &str {
    let end = end.min(text.len());
    let start = (start.min(end)..=end)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(end);
    let end = (start..=end)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(start);
    text.get(start..end).unwrap_or("")
}

/// At most `len` bytes of the text just before byte offset `at`.
pub fn before(text: &str, at: usize, len: usize) -> &str {
    window(text, at.saturating_sub(len), at)
}

/// At most `len` bytes of the text from byte offset `at` on.
pub fn after(text: &str, at: usize, len: usize) -> &str {
    window(text, at, at.saturating_add(len))
}

/// Whether `text` holds `part` (ASCII), letters compared without case. A pattern under
/// `(?i)` whose every match holds such a part (a part with no `k` or `s`: the only ASCII
/// letters Unicode also folds from another, `K` and `ſ`) needs not be built for a text
/// without it.
pub fn holds_ascii(text: &str, part: &str) -> bool {
    let part = part.as_bytes();
    !part.is_empty()
        && text
            .as_bytes()
            .windows(part.len())
            .any(|w| w.eq_ignore_ascii_case(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_never_split_a_character() {
        let t = "a–b”c";
        // `–` is bytes 1..4, `”` bytes 5..8
        assert_eq!(window(t, 2, 6), "b");
        assert_eq!(window(t, 0, 100), t);
        assert_eq!(window(t, 9, 3), "");
        assert_eq!(before(t, 6, 4), "b");
        assert_eq!(before(t, 8, 100), "a–b”");
        assert_eq!(after(t, 2, 3), "b");
        assert_eq!(after(t, usize::MAX, 3), "");
    }

    #[test]
    fn a_part_is_found_without_case_and_only_whole() {
        assert!(holds_ascii("Laporan TRIWULAN III", "ulan"));
        assert!(holds_ascii("tribUlan", "ulan"));
        assert!(!holds_ascii("Laporan Tahunan", "ulan"));
        assert!(!holds_ascii("ula", "ulan"));
        assert!(!holds_ascii("anything", ""));
        // a non-ASCII letter is no ASCII one: `ú` is not `u`
        assert!(!holds_ascii("trimúlan", "ulan"));
    }
}
