//! Findings for people, in the style of compiler diagnostics: severity and kind, the
//! message, each source line with the cell underlined, expected / found / delta, and help.

use crate::findings::{Finding, Location, Severity};

/// Widest stretch of a long line shown around the underlined cell.
const CONTEXT_CHARS: usize = 48;

/// Terminal colour for the parts of a diagnostic, or none (`Colour(false)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Colour(pub bool);

/// A part of a diagnostic that is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// `error`, and the culprit's underline: bold red.
    Error,
    /// `warning`: bold yellow.
    Warning,
    /// The place and the underlines of compared figures: blue.
    Place,
    /// `help:`: bold cyan.
    Help,
}

impl Colour {
    /// `text` in `tone`, when colour is on.
    pub fn paint(self, tone: Tone, text: &str) -> String {
        let code = match tone {
            Tone::Error => "1;31",
            Tone::Warning => "1;33",
            Tone::Place => "34",
            Tone::Help => "1;36",
        };
        match self.0 {
            true => format!("\x1b[{code}m{text}\x1b[0m"),
            false => text.to_string(),
        }
    }

    fn severity(self, severity: Severity) -> String {
        let tone = match severity {
            Severity::Error => Tone::Error,
            Severity::Warning => Tone::Warning,
        };
        self.paint(tone, severity.name())
    }
}

/// The findings of one report as text, closed by their count; `file` names the source
/// as the user gave it.
pub fn render(findings: &[Finding], file: &str, lines: &[&str], colour: Colour) -> String {
    diagnostics(findings, file, lines, colour) + &summary(findings, file)
}

/// The findings of one report as text, each followed by an empty line.
pub fn diagnostics(findings: &[Finding], file: &str, lines: &[&str], colour: Colour) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&finding(f, file, lines, colour));
        out.push('\n');
    }
    out
}

/// `file: 3 errors, 2 warnings` (or `no findings`).
pub fn summary(findings: &[Finding], file: &str) -> String {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = findings.len() - errors;
    match findings.is_empty() {
        true => format!("{file}: no findings\n"),
        false => format!(
            "{file}: {errors} error{}, {warnings} warning{}\n",
            plural(errors),
            plural(warnings)
        ),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn finding(f: &Finding, file: &str, lines: &[&str], colour: Colour) -> String {
    let mut out = format!(
        "{}[{}]: {}\n",
        colour.severity(f.severity),
        f.kind.name(),
        f.message
    );
    let width = f
        .locations
        .iter()
        .map(|l| l.line.to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(width);
    if let Some(first) = f.locations.first() {
        let col = first.column.map(|c| format!(":{c}")).unwrap_or_default();
        let place: Vec<String> = (first.table.iter().cloned())
            .chain(first.page.map(|p| format!("page {p}")))
            .chain(first.bbox.map(|b| format!("at {}", b.describe())))
            .collect();
        let place = match place.is_empty() {
            true => String::new(),
            false => format!(" ({})", place.join(", ")),
        };
        let arrow = colour.paint(Tone::Place, "-->");
        out.push_str(&format!("{pad}{arrow} {file}:{}{col}{place}\n", first.line));
    }
    out.push_str(&format!("{pad} |\n"));
    for (i, loc) in f.locations.iter().enumerate() {
        let mark = match i {
            0 => ('^', Tone::Error),
            _ => ('-', Tone::Place),
        };
        out.push_str(&snippet(loc, lines, width, mark, colour));
    }
    out.push_str(&format!("{pad} |\n"));
    if let (Some(e), Some(found)) = (&f.expected, &f.found) {
        let delta = f
            .delta
            .as_deref()
            .map(|d| format!("   delta: {d}"))
            .unwrap_or_default();
        out.push_str(&format!("{pad} = expected: {e}   found: {found}{delta}\n"));
    } else if let Some(found) = &f.found {
        out.push_str(&format!("{pad} = found: {found}\n"));
    }
    if let Some(help) = &f.help {
        out.push_str(&format!("{pad} = {} {help}\n", colour.paint(Tone::Help, "help:")));
    }
    out
}

/// One source line, tabs shown as ` │ `, with the located text underlined and labelled.
fn snippet(
    loc: &Location,
    lines: &[&str],
    width: usize,
    (mark, tone): (char, Tone),
    colour: Colour,
) -> String {
    let Some(text) = loc.line.checked_sub(1).and_then(|i| lines.get(i)) else {
        return String::new();
    };
    let chars: Vec<char> = text.chars().collect();
    let (start, len) = (loc.column.map_or(0, |c| c - 1), loc.length.unwrap_or(0));
    let from = start.saturating_sub(CONTEXT_CHARS);
    let to = (start + len + CONTEXT_CHARS).min(chars.len());
    let shown = |a: usize, b: usize| cells_shown(chars.get(a..b).unwrap_or_default());
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < chars.len() { "…" } else { "" };
    let body = format!("{lead}{}{tail}", shown(from, to));
    let mut out = format!("{:>width$} | {body}\n", loc.line);
    if loc.column.is_some() {
        let offset = lead.chars().count() + shown(from, start.min(to)).chars().count();
        let marks = format!("{} {}", mark.to_string().repeat(len.max(1)), loc.label);
        out.push_str(&format!(
            "{:width$} | {}{}\n",
            "",
            " ".repeat(offset),
            colour.paint(tone, &marks)
        ));
    } else {
        out.push_str(&format!("{:width$} | ({})\n", "", loc.label));
    }
    out
}

/// Characters of a source line with each tab (a cell boundary) shown as ` │ `.
pub fn cells_shown(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len());
    for &c in chars {
        match c {
            '\t' => out.push_str(" │ "),
            c => out.push(c),
        }
    }
    out
}

/// One warning (without its `warning:`) per PDF page that was not read (pages with no text layer as ranges),
/// and per page with glyphs that map to no character.
pub fn unread_pages(source: &crate::source::Source) -> Vec<String> {
    use crate::model::PageStatus;
    let file = source.path.display();
    // pages without text, by the reason they were not read (OCR off, unable, or blank)
    let mut blank: std::collections::BTreeMap<&str, Vec<u32>> = Default::default();
    for p in source.pages.iter().filter(|p| p.status == PageStatus::NoText) {
        blank
            .entry(p.reason.as_deref().unwrap_or(crate::pdf::NO_TEXT_LAYER))
            .or_default()
            .push(p.page);
    }
    let mut out = Vec::new();
    for (reason, pages) in blank {
        let hint = match reason == crate::pdf::NO_TEXT_LAYER {
            true => " (--ocr auto reads a scan)",
            false => "",
        };
        out.push(format!(
            "{file}: page{} {}: {reason} — not read{hint}",
            plural(pages.len()),
            crate::pdf::ranges(&pages)
        ));
    }
    for p in &source.pages {
        match (p.status, &p.reason) {
            (PageStatus::Failed, Some(reason)) => {
                out.push(format!("{file}: page {} not read: {reason}", p.page));
            }
            _ if p.unmapped > 0 => out.push(format!(
                "{file}: page {}: {} glyph{} with no Unicode value, shown as {}",
                p.page,
                p.unmapped,
                plural(p.unmapped),
                char::REPLACEMENT_CHARACTER
            )),
            _ => {}
        }
    }
    out
}

/// The text of a source with `\f-- page N --` before each PDF page's lines.
pub fn with_page_marks(source: &crate::source::Source) -> String {
    let lines = source.lines();
    let mut out = String::new();
    for page in &source.pages {
        let Some([first, last]) = page.lines else { continue };
        out.push_str(&format!("\u{c}-- page {} --\n", page.page));
        for line in lines.get(first.saturating_sub(1)..last).unwrap_or_default() {
            out.push_str(line);
            out.push('\n');
        }
    }
    if source.pages.is_empty() {
        out.push_str(&source.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Kind;

    #[test]
    fn underlines_the_cell() {
        let lines = ["5.\tPROGRAM HUBUNGAN INDUSTRI\t250.000.000\t238.425.900\t95,93"];
        let mut loc = Location {
            line: 1,
            page: None,
            column: Some(54),
            length: Some(5),
            table: Some("T17".into()),
            bbox: None,
            label: "% of 5".into(),
        };
        let f = Finding::new(
            Kind::RatioMismatch,
            Severity::Error,
            "m".into(),
            vec![loc.clone()],
        );
        let text = finding(&f, "r.txt", &lines, Colour(false));
        assert!(
            text.starts_with("error[ratio_mismatch]: m\n --> r.txt:1:54 (T17)\n"),
            "{text}"
        );
        // in a PDF, the page a reviewer turns to
        loc.page = Some(64);
        let on_page = Finding::new(Kind::RatioMismatch, Severity::Error, "m".into(), vec![loc]);
        assert!(
            finding(&on_page, "r.pdf", &lines, Colour(false)).contains(" --> r.pdf:1:54 (T17, page 64)\n")
        );
        let coloured = finding(&on_page, "r.pdf", &lines, Colour(true));
        assert!(
            coloured.starts_with("\x1b[1;31merror\x1b[0m[ratio_mismatch]: m\n"),
            "{coloured}"
        );
        assert!(coloured.contains("\x1b[1;31m^^^^^ % of 5\x1b[0m\n"), "{coloured}");
        let shown: Vec<&str> = text.lines().collect();
        let (source, marks) = (shown[3], shown[4]);
        let column = |line: &str, byte: usize| line.get(..byte).unwrap_or_default().chars().count();
        let at = column(source, source.find("95,93").unwrap());
        assert_eq!(column(marks, marks.find('^').unwrap()), at, "{text}");
        assert!(marks.ends_with("^^^^^ % of 5"));
    }
}
