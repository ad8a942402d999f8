//! Segmentation: the heading tree of a report (BAB, sections, table captions) with line spans.
//!
//! A line is a heading candidate by its shape (`BAB III`, `A. …`, `3.1.2 …`, `A.1 …`,
//! `Tabel 3.8 …`). Table-of-contents entries are table rows (they carry a tab and a page
//! number) and never candidates. A chapter or section candidate is kept only when real
//! content — a prose line or a table — follows it before the next candidate of its level:
//! that drops the outlines some reports print ("BAB II. PERENCANAAN KINERJA", "3.1.6 …" in a
//! list of what each chapter holds).

#![allow(
    clippy::indexing_slicing,
    reason = "headings and candidates indexed by positions found in the same vectors; not yet rewritten to checked access"
)]

use crate::model::{Heading, HeadingKind};
use crate::parsers::strip_markup;
use crate::pattern::{starts_numeric, Pattern};
use regex::Regex;

// each pattern is tried only on a line that starts as every match of it does
static BAB: Pattern = Pattern::new(
    || Regex::new(r"^BAB\s+([IVX]+)\.?(?:\s+(.*))?$").expect("a valid pattern"),
    |t| t.starts_with("BAB"),
);
static LETTER: Pattern = Pattern::new(
    || Regex::new(r"^([A-H])\.\s+(\S.*)$").expect("a valid pattern"),
    lettered,
);
static ROMAN: Pattern = Pattern::new(
    || Regex::new(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)\.\s+(\S.*)$").expect("a valid pattern"),
    roman_dotted,
);
static LETTER_NUMBER: Pattern = Pattern::new(
    || Regex::new(r"^([A-H]\.\d+)\.?\s+(\S.*)$").expect("a valid pattern"),
    lettered,
);
static NUMBERED: Pattern = Pattern::new(
    || Regex::new(r"^(\d+(?:\.\d+)+)\.?\s+(\S.*)$").expect("a valid pattern"),
    starts_numeric,
);
/// `tabel` holds no `k` or `s` (see `holds_ascii`): its case is ASCII's.
static CAPTION: Pattern = Pattern::new(
    || Regex::new(r"^(?i:tabel)\s+(\d+(?:\.\s?\d+)*)\.?\s*(.*)$").expect("a valid pattern"),
    |t| {
        t.as_bytes()
            .get(..5)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"tabel"))
    },
);

/// Whether a line starts with one to four of the letters I, V and X and a dot.
fn roman_dotted(text: &str) -> bool {
    let letters = text.bytes().take_while(|b| b"IVX".contains(b)).count();
    (1..=4).contains(&letters) && text.as_bytes().get(letters) == Some(&b'.')
}

/// Whether a line starts with a letter A to H and a dot.
fn lettered(text: &str) -> bool {
    matches!(text.as_bytes(), [b'A'..=b'H', b'.', ..])
}

/// How deep a section is, from its printed number.
type LevelOf = fn(&str) -> u8;

/// Level given to table captions: below every section.
pub const CAPTION_LEVEL: u8 = 9;
/// Longest line taken for a heading.
const MAX_HEADING_CHARS: usize = 100;
/// Shortest line that counts as prose after a heading.
const MIN_PROSE_CHARS: usize = 60;

/// The headings of a report, in reading order, each with its parent and line span.
pub fn headings(lines: &[&str]) -> Vec<Heading> {
    let candidates: Vec<Heading> = (0..lines.len()).filter_map(|i| candidate(lines, i)).collect();
    let candidate_lines: Vec<usize> = candidates.iter().map(|h| h.line).collect();
    let kept: Vec<Heading> = candidates
        .iter()
        .enumerate()
        .filter(|(k, h)| {
            h.kind == HeadingKind::Caption || has_content(lines, &candidates, *k, &candidate_lines)
        })
        .map(|(_, h)| h.clone())
        .collect();
    link(kept, lines.len())
}

/// The heading that line `i` (0-based) would be, by its shape alone.
fn candidate(lines: &[&str], i: usize) -> Option<Heading> {
    let raw = lines[i];
    if raw.contains('\t') {
        return None;
    }
    let text = strip_markup(raw);
    if let Some(c) = CAPTION.captures(&text) {
        let number = c[1].split_whitespace().collect::<String>();
        let title = match c[2].trim() {
            "" => caption_title(lines, i),
            rest => strip_markup(rest).into_owned(),
        };
        return Some(heading(
            HeadingKind::Caption,
            CAPTION_LEVEL,
            Some(number),
            title,
            i,
        ));
    }
    if text.chars().count() > MAX_HEADING_CHARS || text.ends_with([':', ';', ',']) {
        return None;
    }
    if let Some(c) = BAB.captures(&text) {
        let title = c
            .get(2)
            .map(|m| m.as_str().trim().to_string())
            .filter(|t| !t.is_empty());
        let title = title.or_else(|| bab_title(lines, i)).unwrap_or_default();
        return Some(heading(HeadingKind::Bab, 1, Some(c[1].to_string()), title, i));
    }
    let sections: [(&Pattern, LevelOf); 4] = [
        (&LETTER_NUMBER, |_| 3),
        (&LETTER, |_| 2),
        (&ROMAN, |_| 3),
        (&NUMBERED, |n| (n.split('.').count() as u8).min(CAPTION_LEVEL - 1)),
    ];
    sections.iter().find_map(|(re, level)| {
        let c = re.captures(&text)?;
        let title = c[2].trim();
        title
            .starts_with(|ch: char| ch.is_uppercase() || ch.is_ascii_digit())
            .then(|| {
                heading(
                    HeadingKind::Section,
                    level(&c[1]),
                    Some(c[1].to_string()),
                    title.to_string(),
                    i,
                )
            })
    })
}

fn heading(kind: HeadingKind, level: u8, number: Option<String>, title: String, i: usize) -> Heading {
    Heading {
        kind,
        level,
        number,
        title,
        line: i + 1,
        end_line: i + 1,
        parent: None,
    }
}

/// The title printed on the line after a bare `BAB II`: short and in capitals.
fn bab_title(lines: &[&str], i: usize) -> Option<String> {
    let next = lines
        .iter()
        .skip(i + 1)
        .map(|l| strip_markup(l).into_owned())
        .find(|l| !l.is_empty())?;
    let is_caps = next.chars().any(char::is_alphabetic) && !next.chars().any(char::is_lowercase);
    (is_caps && next.chars().count() <= 60 && !next.contains('\t')).then(|| collapse_spaced_letters(&next))
}

/// `P E N U T U P` → `PENUTUP`; other text unchanged.
pub fn collapse_spaced_letters(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.len() > 2 && words.iter().all(|w| w.chars().count() == 1) {
        true => words.concat(),
        false => text.to_string(),
    }
}

/// The title under a bare `Tabel 3.1`: the paragraph of short lines before the table.
fn caption_title(lines: &[&str], i: usize) -> String {
    let mut parts = Vec::new();
    for raw in lines.iter().skip(i + 1) {
        let text = strip_markup(raw);
        if raw.contains('\t') || parts.len() == 3 || text.chars().count() > 150 {
            break;
        }
        match (text.is_empty(), parts.is_empty()) {
            (true, true) => continue,
            (true, false) => break,
            (false, _) => parts.push(text),
        }
    }
    parts.join(" ")
}

/// Whether prose or a table follows candidate `k` before the next candidate of its level.
fn has_content(lines: &[&str], candidates: &[Heading], k: usize, candidate_lines: &[usize]) -> bool {
    let h = &candidates[k];
    let end = candidates[k + 1..]
        .iter()
        .find(|n| n.kind != HeadingKind::Caption && n.level <= h.level)
        .map_or(lines.len(), |n| n.line - 1);
    (h.line..end).any(|i| {
        let line = lines[i];
        let trimmed = line.trim_start();
        let is_list =
            trimmed.starts_with(['-', '•', '▪']) || NUMBERED.is_match(trimmed) || BAB.is_match(trimmed);
        let is_candidate = candidate_lines.binary_search(&(i + 1)).is_ok();
        line.contains('\t') || (!is_list && !is_candidate && line.trim().chars().count() >= MIN_PROSE_CHARS)
    })
}

/// Sets each heading's parent and the last line of its section.
fn link(mut headings: Vec<Heading>, line_count: usize) -> Vec<Heading> {
    for k in 0..headings.len() {
        let level = headings[k].level;
        headings[k].parent = (0..k).rev().find(|&p| headings[p].level < level);
        let next = headings[k + 1..]
            .iter()
            .find(|n| n.level <= level)
            .map_or(line_count + 1, |n| n.line);
        headings[k].end_line = next - 1;
    }
    headings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_lists_are_not_headings() {
        let prose = "Kalimat yang cukup panjang untuk dihitung sebagai isi dari sebuah bagian laporan ini.";
        let lines = vec![
            "BAB I",
            "",
            "PENDAHULUAN",
            "",
            prose,
            "1.5 SISTEMATIKA",
            prose,
            "BAB II. PERENCANAAN",
            "- 2.1 Rencana",
            "BAB III. AKUNTABILITAS",
            "BAB II PERENCANAAN KINERJA",
            prose,
        ];
        let found: Vec<(String, usize)> = headings(&lines)
            .iter()
            .map(|h| (h.title.clone(), h.line))
            .collect();
        assert_eq!(
            found,
            vec![
                ("PENDAHULUAN".into(), 1),
                ("SISTEMATIKA".into(), 6),
                ("PERENCANAAN KINERJA".into(), 11)
            ]
        );
    }

    #[test]
    fn spaced_letters_collapse() {
        assert_eq!(collapse_spaced_letters("P E N U T U P"), "PENUTUP");
        assert_eq!(collapse_spaced_letters("A B"), "A B");
    }
}
