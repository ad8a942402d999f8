//! The driver every command runs: a report read from its file ([`source`](crate::source))
//! goes through the stages in order — layout and tables, records ([`report::extract`]),
//! then, when asked, the checks ([`check::check`]) — and comes out as one [`Analysis`].
//! `extract`, `check`, `import` and `synth` all call [`analyze`]; no stage calls another
//! stage's driver.

use crate::check;
use crate::findings::Finding;
use crate::report::{self, ReportDocument};
use crate::source::Source;

/// How far a report goes through the stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Through {
    /// Tables and records: the canonical document.
    Records,
    /// Records, then every check on them.
    Findings,
}

/// A report after the stages: its canonical document and, when checked, its findings.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The canonical document: tables, indicators, budget lines, metadata.
    pub doc: ReportDocument,
    /// What the checks found (empty when not checked).
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// Why a text file is no report, when lkjip found in it no table, indicator, budget
    /// line or finding (a README beside the reports); a PDF is always taken as one.
    pub fn not_a_report(&self, source: &Source) -> Option<String> {
        let d = &self.doc;
        let empty = d.tables.is_empty()
            && d.indicators.is_empty()
            && d.budget_lines.is_empty()
            && self.findings.is_empty();
        (source.pages.is_empty() && empty)
            .then(|| "not a report: no table, indicator or budget line in its text".to_string())
    }
}

/// Runs a report read into memory through the stages, as far as `through` says.
pub fn analyze(source: &Source, through: Through) -> Analysis {
    // the check's reading of the prose needs the text alone: read first, its copy of the
    // text is let go before the tables are rebuilt (a large report holds them only once)
    let prose = (through == Through::Findings).then(|| check::read_prose(source));
    let doc = report::extract(source);
    let findings = match prose {
        None => Vec::new(),
        Some(prose) => check::check_with(&doc, source, &prose),
    };
    Analysis { doc, findings }
}
