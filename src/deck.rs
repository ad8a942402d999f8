//! Slide decks (SAKIP presentations): text without tabs, where cells are separated by spaces
//! and line breaks. Slides are told apart by runs of blank lines and read, by the header
//! they print, into the same table model as tab-separated tables.
//!
//! Read so far: the program budget slide (`NO PROGRAM INDIKATOR PROGRAM ANGGARAN TAHUN …`),
//! the indicator target slides (`TARGET KINERJA` / `TAHUN 2023 TAHUN 2024`) and the
//! achievement slides (`CAPAIAN INDIKATOR KINERJA …`: target, realisasi, capaian of the
//! first year, then the second year's target and its two semesters of each).

#![allow(
    clippy::indexing_slicing,
    reason = "slide lines indexed by positions found in the same slide; not yet rewritten to checked access"
)]

use crate::columns::{period_of, role_of, year_of};
use crate::model::{Cell, Column, Layout, Row, RowKind, Table};
use crate::parsers::parse_quantity;
use regex::Regex;
use std::sync::LazyLock;

static YEARS_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:TAHUN\s+(?:19|20)\d{2}\s*)+$").expect("a valid pattern"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:19|20)\d{2}").expect("a valid pattern"));
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+)\.\s*(.*)$").expect("a valid pattern"));
static ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+)\.?\s+(\S.*)$").expect("a valid pattern"));
static PROGRAM_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+)\.\s+(Program\b.*)$").expect("a valid pattern"));
static INDICATOR_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(Persentase|Prosentase|Presentase|Nilai|Jumlah|Tingkat|Indeks)\b")
        .expect("a valid pattern")
});

/// Longest line that still continues an indicator name on a slide.
const NAME_LINE_CHARS: usize = 35;

/// The tables of a slide deck.
pub fn slide_tables(lines: &[&str]) -> Vec<Table> {
    let mut tables = Vec::new();
    for (start, end) in slides(lines) {
        let slide: Vec<(usize, &str)> = (start..=end)
            .map(|i| (i + 1, lines[i].trim()))
            .filter(|(_, l)| !l.is_empty())
            .collect();
        let id = format!("T{}", tables.len() + 1);
        if let Some(t) = budget_slide(&slide, &id)
            .or_else(|| target_slide(&slide, &id))
            .or_else(|| capaian_slide(&slide, &id))
        {
            tables.push(t);
        }
    }
    tables
}

/// Slides as 0-based inclusive line ranges: text separated by two or more blank lines.
fn slides(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut blanks = 2;
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            blanks += 1;
            continue;
        }
        match out.last_mut() {
            Some(last) if blanks < 2 => last.1 = i,
            _ => out.push((i, i)),
        }
        blanks = 0;
    }
    out
}

fn table(id: &str, slide: &[(usize, &str)], headers: &[&str], rows: Vec<Row>) -> Table {
    let columns = headers
        .iter()
        .enumerate()
        .map(|(index, h)| Column {
            index,
            header: h.to_string(),
            header_path: vec![h.to_string()],
            role: role_of(h),
            year: year_of(h),
            period: period_of(h),
            confirmed: None,
        })
        .collect();
    let lines = [slide[0].0, slide[slide.len() - 1].0];
    Table {
        id: id.to_string(),
        number: None,
        title: Some(slide[0].1.to_string()),
        section: None,
        lines,
        layout: Layout::Slides,
        columns,
        rows,
    }
}

fn row(line: usize, cells: &[&str]) -> Row {
    Row {
        page: None,
        line,
        kind: RowKind::Data,
        cells: cells.iter().map(|c| Cell::read(c)).collect(),
        realigned: None,
    }
}

/// `1. Program … <indicator> 5.794.074.990` entries up to `TOTAL 7.454.074.768`.
fn budget_slide(slide: &[(usize, &str)], id: &str) -> Option<Table> {
    slide
        .iter()
        .find(|(_, l)| l.starts_with("NO PROGRAM INDIKATOR PROGRAM"))?;
    let year = slide
        .iter()
        .find_map(|(_, l)| l.strip_prefix("TAHUN ").filter(|y| YEAR.is_match(y)))?;
    let anggaran = format!("ANGGARAN TAHUN {year}");
    let mut rows = Vec::new();
    let is_total = |l: &str| {
        l.strip_prefix("TOTAL ")
            .is_some_and(|n| parse_quantity(n.trim()).is_some())
    };
    let starts: Vec<usize> = (0..slide.len())
        .filter(|&k| PROGRAM_ENTRY.is_match(slide[k].1) || is_total(slide[k].1))
        .collect();
    for (n, &k) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(slide.len());
        let text = slide[k..end]
            .iter()
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join(" ");
        let (body, amount) = text.rsplit_once(' ')?;
        match PROGRAM_ENTRY.captures(body) {
            Some(c) => {
                let entry = &c[2];
                let split = INDICATOR_WORD
                    .find_at(entry, "Program".len())
                    .map_or(entry.len(), |m| m.start());
                let code = format!("{}.", &c[1]);
                let (name, indicator) = entry.split_at_checked(split).unwrap_or((entry, ""));
                rows.push(row(slide[k].0, &[&code, name.trim(), indicator.trim(), amount]));
            }
            None => rows.push(row(slide[k].0, &["", body, "", amount])),
        }
    }
    Some(table(
        id,
        slide,
        &["NO", "PROGRAM", "INDIKATOR PROGRAM", &anggaran],
        rows,
    ))
}

/// Indicator entries, each closed by a line ending in one target per year (`94,87% 95,23%`).
fn target_slide(slide: &[(usize, &str)], id: &str) -> Option<Table> {
    slide.iter().find(|(_, l)| l.starts_with("TARGET KINERJA"))?;
    let at = slide.iter().position(|(_, l)| YEARS_LINE.is_match(l))?;
    let years: Vec<&str> = YEAR.find_iter(slide[at].1).map(|m| m.as_str()).collect();
    let mut rows = Vec::new();
    let mut entry: Vec<(usize, &str)> = Vec::new();
    for &(line, text) in &slide[at + 1..] {
        if text.eq_ignore_ascii_case("X 100") {
            continue;
        }
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let split = tokens.len().saturating_sub(years.len());
        let values = &tokens[split..];
        let is_value_line =
            values.len() == years.len() && values.iter().all(|t| *t == "-" || parse_quantity(t).is_some());
        if !is_value_line {
            entry.push((line, text));
            continue;
        }
        let prefix = tokens[..split].join(" ");
        if let Some(r) = target_row(&entry, &prefix, values) {
            rows.push(r);
        }
        entry.clear();
    }
    let targets: Vec<String> = years
        .iter()
        .map(|y| format!("TARGET KINERJA TAHUN {y}"))
        .collect();
    let mut headers = vec!["NO", "INDIKATOR", "DEFINISI OPERASIONAL & FORMULA"];
    headers.extend(targets.iter().map(String::as_str));
    (!rows.is_empty()).then(|| table(id, slide, &headers, rows))
}

/// One indicator: its number and name (the first line and the short lines after it), its
/// definition (the rest), and its targets.
fn target_row(entry: &[(usize, &str)], value_prefix: &str, values: &[&str]) -> Option<Row> {
    let (first_line, first) = *entry.first()?;
    let (number, head) = match NUMBERED.captures(first) {
        Some(c) => (
            format!("{}.", &c[1]),
            c.get(2).map_or("", |m| m.as_str()).to_string(),
        ),
        None => (String::new(), first.to_string()),
    };
    let mut name = vec![head];
    let mut rest = entry[1..].iter().map(|(_, t)| *t).peekable();
    while let Some(t) = rest.next_if(|t| t.chars().count() <= NAME_LINE_CHARS) {
        name.push(t.to_string());
    }
    let mut definition: Vec<&str> = rest.collect();
    definition.push(value_prefix);
    let mut cells = vec![number, name.join(" "), definition.join(" ").trim().to_string()];
    cells.extend(values.iter().map(|v| v.to_string()));
    let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
    Some(row(first_line, &refs))
}

/// `CAPAIAN INDIKATOR KINERJA …` slides: each entry (a numbered sasaran or program and its
/// indicator, or a further indicator of the same program) closes with a line of ten figures.
fn capaian_slide(slide: &[(usize, &str)], id: &str) -> Option<Table> {
    slide
        .first()
        .filter(|(_, l)| l.starts_with("CAPAIAN INDIKATOR KINERJA"))?;
    slide
        .iter()
        .find(|(_, l)| l.starts_with("TARGET REALISASI CAPAIAN"))?;
    slide.iter().find(|(_, l)| *l == "Semester")?;
    let years: Vec<&str> = slide
        .iter()
        .find(|(_, l)| l.contains("TAHUN") && YEAR.find_iter(l).count() == 2)
        .map(|(_, l)| YEAR.find_iter(l).map(|m| m.as_str()).collect())?;
    let (y1, y2) = (years[0], years[1]);
    let first = slide.iter().position(|(_, l)| ENTRY.is_match(l))?;
    let mut rows: Vec<Row> = Vec::new();
    let mut entry: Vec<(usize, &str)> = Vec::new();
    for &(line, text) in &slide[first..] {
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let is_values = tokens.len() == 10 && tokens.iter().all(|t| *t == "-" || parse_quantity(t).is_some());
        if !is_values {
            entry.push((line, text));
            continue;
        }
        let Some(&(start, _)) = entry.first() else {
            continue;
        };
        let joined = entry.iter().map(|(_, t)| *t).collect::<Vec<_>>().join(" ");
        let (code, body) = ENTRY
            .captures(&joined)
            .map_or((String::new(), joined.clone()), |c| {
                (format!("{}.", &c[1]), c[2].to_string())
            });
        let numbered = !code.is_empty();
        let split = INDICATOR_WORD
            .find_iter(&body)
            .find(|m| m.start() > 0 && numbered)
            .map_or(0, |m| m.start());
        let (name, indicator) = body.split_at_checked(split).unwrap_or((&body, ""));
        let mut row = row(
            start,
            &[&[code.as_str(), name.trim(), indicator.trim()][..], &tokens[..]].concat(),
        );
        if split == 0 {
            if let Some(origin) = rows.last().map(|r| r.cells[1].merged_from().unwrap_or(r.line)) {
                row.cells[1].set_merged_from(origin);
            }
        }
        rows.push(row);
        entry.clear();
    }
    let headers = [
        "NO".to_string(),
        "SASARAN / PROGRAM".into(),
        "INDIKATOR".into(),
        format!("TARGET TAHUN {y1}"),
        format!("REALISASI TAHUN {y1}"),
        format!("CAPAIAN TAHUN {y1}"),
        format!("TARGET KINERJA TAHUN {y2}"),
        format!("TARGET SEMESTER I {y2}"),
        format!("TARGET SEMESTER II {y2}"),
        format!("REALISASI SEMESTER I {y2}"),
        format!("REALISASI SEMESTER II {y2}"),
        format!("CAPAIAN SEMESTER I {y2}"),
        format!("CAPAIAN SEMESTER II {y2}"),
    ];
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    (!rows.is_empty()).then(|| table(id, slide, &refs, rows))
}

/// Whether a report is a slide deck: it has no tab-separated rows at all.
pub fn is_deck(lines: &[&str]) -> bool {
    !lines.iter().any(|l| l.contains('\t'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    #[test]
    fn slides_split_on_blank_runs() {
        let lines = ["a", "", "b", "", "", "c"];
        assert_eq!(slides(&lines), vec![(0, 2), (5, 5)]);
    }

    #[test]
    fn role_names_of_slide_headers() {
        assert_eq!(role_of("ANGGARAN TAHUN 2024"), Role::Anggaran);
        assert_eq!(role_of("TARGET KINERJA TAHUN 2023"), Role::Target);
    }
}
