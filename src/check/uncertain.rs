//! Findings that rest on a figure OCR read with low confidence: warnings, not errors — the
//! figure may be misread, not misprinted.

use crate::findings::{Finding, Location, Severity};
use crate::pdf::ocr::UNCERTAIN_BELOW;
use crate::source::Source;

/// Makes each error finding one of whose places OCR read with low confidence a warning,
/// saying so in its message.
pub fn soften(findings: &mut [Finding], source: &Source, lines: &[&str]) {
    if !source.read_by_ocr() {
        return;
    }
    for f in findings.iter_mut().filter(|f| f.severity == Severity::Error) {
        let least = f
            .locations
            .iter()
            .filter_map(|l| confidence_at(source, lines, l))
            .min();
        if let Some(confidence) = least.filter(|&c| c < UNCERTAIN_BELOW) {
            f.severity = Severity::Warning;
            f.message.push_str(&format!(
                " (read by OCR with {confidence}% confidence: check the page)"
            ));
        }
    }
}

/// How sure OCR is of the text at a place: its cell or number, or its whole line.
fn confidence_at(source: &Source, lines: &[&str], at: &Location) -> Option<u8> {
    let line = lines.get(at.line.checked_sub(1)?)?;
    let text: String = match at.column {
        Some(column) => line
            .chars()
            .skip(column.saturating_sub(1))
            .take(at.length.unwrap_or(usize::MAX))
            .collect(),
        None => line.to_string(),
    };
    source.ocr_confidence(at.line, &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Kind;

    fn total(found: &str, column: usize) -> Finding {
        Finding {
            kind: Kind::SumMismatch,
            severity: Severity::Error,
            message: "the total is not the sum of its lines".into(),
            expected: Some("2190000000".into()),
            found: Some(found.into()),
            delta: None,
            locations: vec![Location {
                line: 2,
                page: Some(1),
                column: Some(column),
                length: Some(13),
                table: Some("T1".into()),
                bbox: None,
                label: "realisasi of Jumlah".into(),
            }],
            help: None,
        }
    }

    #[test]
    fn an_error_on_a_figure_read_unsurely_is_a_warning_that_says_so() {
        let text = "Program\tRealisasi\nJumlah\t2.290.000.000\t2.550.000.000\n";
        let mut source = crate::source::from_bytes(std::path::Path::new("s.txt"), text.as_bytes()).unwrap();
        let words = vec![
            ("Jumlah".into(), 96),
            ("2.290.000.000".into(), 41),
            ("2.550.000.000".into(), 93),
        ];
        source.ocr_words.insert(2, words);
        let ocr = crate::model::PageOcr {
            words: 3,
            confidence: 77,
            uncertain: 1,
        };
        source.pages.push(crate::model::PageReport {
            lines: Some([1, 2]),
            ocr: Some(ocr),
            ..crate::model::PageReport::read(1, 40, 0)
        });
        let lines = source.lines();
        // the unsure figure at column 8; the sure one at column 22; at column 1 a word OCR
        // did not read there (nothing vouches for it)
        let mut findings = vec![
            total("2290000000", 8),
            total("2550000000", 22),
            total("Program", 1),
        ];
        soften(&mut findings, &source, &lines);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert!(findings[0]
            .message
            .ends_with("(read by OCR with 41% confidence: check the page)"));
        assert_eq!(findings[1].severity, Severity::Error);
        assert_eq!(findings[2].severity, Severity::Warning);
    }
}
