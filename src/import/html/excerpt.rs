//! The source lines of a finding: each line once, trimmed to the stretches around its
//! marked cells, the culprit (the finding's first place) marked apart from the figures it
//! was compared with.

use super::escape;
use crate::dataset::PlaceRow;

/// Characters of a line shown on each side of a marked cell.
const CONTEXT: usize = 40;

/// Compared figures named one by one under the lines; more are named when pointed at.
const LISTED: usize = 3;

/// How a place takes part in a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The figure the finding says is wrong (its first place).
    Culprit,
    /// A figure it was compared with.
    Compared,
}

impl Role {
    /// The role of a finding's `i`-th place.
    fn of(i: usize) -> Role {
        match i {
            0 => Role::Culprit,
            _ => Role::Compared,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Role::Culprit => "culprit",
            Role::Compared => "compared",
        }
    }
}

/// A cell of a line: first character (0-based), length, role, what it is.
#[derive(Debug, Clone, Copy)]
struct Mark<'a> {
    start: usize,
    len: usize,
    role: Role,
    label: &'a str,
}

/// One source line with every mark on it.
struct Line<'a> {
    place: &'a PlaceRow,
    marks: Vec<Mark<'a>>,
}

/// The `<pre>` of a finding's lines and the list saying what each mark is.
pub fn excerpt(places: &[PlaceRow]) -> String {
    let lines = group(places);
    let file = places.first().map(|p| p.source_file.as_str()).unwrap_or_default();
    let mut pre = String::from("<pre class=\"excerpt\">");
    for line in &lines {
        let p = line.place;
        let other = match p.source_file == file {
            true => String::new(),
            false => format!("{} ", escape(&p.source_file)),
        };
        let page = p.page.map_or(String::new(), |n| format!("p.{n} "));
        pre.push_str(&format!(
            "<span class=\"ln\">{other}{page}{}</span>{}\n",
            p.line,
            shown(&p.text, &line.marks)
        ));
    }
    pre.push_str("</pre>\n<ul class=\"marks\">");
    let listed = if places.len() > LISTED + 1 {
        1
    } else {
        places.len()
    };
    for (i, p) in places.iter().enumerate().take(listed) {
        let role = Role::of(i);
        let cell = cell_text(p);
        pre.push_str(&format!(
            "<li><span class=\"{}\">{}</span> {}</li>",
            role.class(),
            escape(if cell.is_empty() { "·" } else { &cell }),
            escape(&p.label)
        ));
    }
    if listed < places.len() {
        pre.push_str(&format!(
            "<li>compared with the {} figures marked <span class=\"compared\">so</span> (each says what it is when pointed at)</li>",
            places.len() - 1
        ));
    }
    pre.push_str("</ul>\n");
    pre
}

/// The places grouped by line (file and number), in the order each line first appears.
fn group(places: &[PlaceRow]) -> Vec<Line<'_>> {
    let mut lines: Vec<Line> = Vec::new();
    for (i, p) in places.iter().enumerate() {
        let role = Role::of(i);
        let mark = p.column.map(|c| Mark {
            start: c.saturating_sub(1),
            len: p.length.unwrap_or(1).max(1),
            role,
            label: &p.label,
        });
        let same = |l: &&mut Line| l.place.line == p.line && l.place.source_file == p.source_file;
        match lines.iter_mut().find(same) {
            Some(line) => line.marks.extend(mark),
            None => lines.push(Line {
                place: p,
                marks: mark.into_iter().collect(),
            }),
        }
    }
    lines
}

/// The text of the cell a place marks.
fn cell_text(p: &PlaceRow) -> String {
    let Some(start) = p.column.map(|c| c.saturating_sub(1)) else {
        return String::new();
    };
    p.text.chars().skip(start).take(p.length.unwrap_or(0)).collect()
}

/// A line trimmed to the stretches around its marks (`…` where text is left out), tabs
/// shown as ` │ `, each mark in a `<mark>` of its role; a mark overlapping an earlier
/// one is left to it.
fn shown(text: &str, marks: &[Mark]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut marks: Vec<Mark> = marks
        .iter()
        .filter(|m| m.start < chars.len())
        .map(|m| Mark {
            len: m.len.min(chars.len() - m.start),
            ..*m
        })
        .collect();
    marks.sort_by_key(|m| (m.start, m.role != Role::Culprit));
    let mut kept: Vec<Mark> = Vec::new();
    for m in marks {
        if kept.last().is_none_or(|k| m.start >= k.start + k.len) {
            kept.push(m);
        }
    }
    let windows = windows(&kept, chars.len());
    let mut out = String::new();
    let mut at = 0;
    for (from, to) in windows {
        if from > at {
            out.push('…');
        }
        let mut pos = from;
        for m in kept.iter().filter(|m| m.start >= from && m.start < to) {
            out.push_str(&plain(&chars, pos, m.start));
            let end = m.start + m.len;
            out.push_str(&format!(
                "<mark class=\"{}\" title=\"{}\">{}</mark>",
                m.role.class(),
                escape(m.label),
                plain(&chars, m.start, end)
            ));
            pos = end;
        }
        out.push_str(&plain(&chars, pos, to));
        at = to.max(pos);
    }
    if at < chars.len() {
        out.push('…');
    }
    out
}

/// The stretches of a line to show: the whole line when nothing is marked or it is
/// short, else each mark with its context, stretches that touch joined.
fn windows(marks: &[Mark], len: usize) -> Vec<(usize, usize)> {
    if marks.is_empty() || len <= 2 * CONTEXT + 20 {
        return vec![(0, len)];
    }
    let mut out: Vec<(usize, usize)> = Vec::new();
    for m in marks {
        let (from, to) = (
            m.start.saturating_sub(CONTEXT),
            (m.start + m.len + CONTEXT).min(len),
        );
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

/// Characters `a..b` of a line, escaped, tabs as ` │ `.
fn plain(chars: &[char], a: usize, b: usize) -> String {
    escape(&crate::render::cells_shown(
        chars.get(a..b.min(chars.len())).unwrap_or_default(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(line: usize, column: usize, length: usize, label: &str, text: &str) -> PlaceRow {
        PlaceRow {
            source_file: "r.txt".into(),
            line,
            page: None,
            bbox: None,
            column: Some(column),
            length: Some(length),
            label: label.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_line_with_two_marks_is_shown_once_the_culprit_marked_apart() {
        let text = "1.1\tBelanja\t86.130.282\t86.130.228";
        let places = [
            place(7, 13, 10, "realisasi of 1.1", text),
            place(7, 24, 10, "sum of its parts", text),
        ];
        let html = excerpt(&places);
        assert_eq!(html.matches("<span class=\"ln\">").count(), 1, "{html}");
        assert!(html.contains(
            "1.1 │ Belanja │ <mark class=\"culprit\" title=\"realisasi of 1.1\">86.130.282</mark> │ <mark class=\"compared\" title=\"sum of its parts\">86.130.228</mark>\n"
        ));
        assert!(html.contains("<li><span class=\"culprit\">86.130.282</span> realisasi of 1.1</li>"));
    }

    #[test]
    fn a_long_line_is_trimmed_around_its_marks() {
        let text = format!("{}\t95,93\t{}", "a".repeat(200), "b".repeat(200));
        let html = excerpt(&[place(3, 202, 5, "persen", &text)]);
        let line = html.lines().next().unwrap_or_default();
        assert!(
            line.contains(&format!(
                "…{} │ <mark class=\"culprit\" title=\"persen\">95,93</mark> │ {}…",
                "a".repeat(39),
                "b".repeat(39)
            )),
            "{line}"
        );
        assert!(!line.contains(&"a".repeat(40)) && !line.contains(&"b".repeat(40)));
    }

    #[test]
    fn marks_past_the_line_or_overlapping_never_break_it() {
        let text = "Jumlah\t1.000";
        let places = [
            place(1, 8, 5, "total", text),
            place(1, 8, 3, "again", text),
            place(1, 90, 5, "beyond", text),
        ];
        let html = excerpt(&places);
        assert!(
            html.contains("Jumlah │ <mark class=\"culprit\" title=\"total\">1.000</mark>\n"),
            "{html}"
        );
    }
}
