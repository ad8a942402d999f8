//! Findings: what the reconciliation stage reports, each pointing to the source.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

/// One discrepancy between figures a report prints, or a figure that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Finding {
    /// Which relation failed.
    pub kind: Kind,
    /// How sure the finding is: an error is a relation that cannot hold.
    pub severity: Severity,
    /// One line saying what is wrong, in the report's terms.
    pub message: String,
    /// The value the other figures imply (exact decimal), when one is implied.
    pub expected: Option<String>,
    /// The value printed.
    pub found: Option<String>,
    /// `found - expected`.
    pub delta: Option<String>,
    /// Where: the offending cell first, then the cells it was checked against.
    pub locations: Vec<Location>,
    /// The likely repair, when arithmetic points to one.
    pub help: Option<String>,
}

/// The relations checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A parent or total is not the sum of its parts.
    SumMismatch,
    /// A percentage or capaian is not the ratio of its figures.
    RatioMismatch,
    /// A mean row (`Rata-rata`) is not the mean of the rows above it.
    MeanMismatch,
    /// An efficiency, remainder or change is not the difference of its figures.
    DifferenceMismatch,
    /// One quantity printed with two values.
    ValueConflict,
    /// A lower-is-better indicator whose capaian was computed as realisasi / target.
    Polarity,
    /// A number that fits no format, or that two formats read differently.
    MalformedNumber,
    /// A line the totals (or the prose) show is missing from a table.
    MissingRow,
    /// A row printed twice, or two rows under one name.
    DuplicateRow,
}

/// How sure a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The figures cannot all be right.
    Error,
    /// Likely wrong, but a legitimate reason may exist (said in the message).
    Warning,
}

/// A place in the source.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
pub struct Location {
    /// 1-based line of the source file.
    pub line: usize,
    /// For a PDF, the page that line is on, as a viewer counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// 1-based character column where the cell or number starts, when known.
    pub column: Option<usize>,
    /// Length in characters of the cell text, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<usize>,
    /// Id of the table (`T17`), when the place is in one.
    pub table: Option<String>,
    /// What is there: `anggaran of 1.1.2`, `prose`.
    pub label: String,
}

impl Finding {
    /// A finding without values or help yet.
    pub fn new(kind: Kind, severity: Severity, message: String, locations: Vec<Location>) -> Finding {
        Finding {
            kind,
            severity,
            message,
            expected: None,
            found: None,
            delta: None,
            locations,
            help: None,
        }
    }

    /// Sets expected and found (exact decimals) and their difference, at `decimals` places.
    pub fn values(mut self, expected: Decimal, found: Decimal, decimals: u32) -> Finding {
        let fix = |d: Decimal| format!("{:.*}", decimals as usize, d.round_dp(decimals));
        self.delta = Some(fix(found - expected));
        (self.expected, self.found) = (Some(fix(expected)), Some(fix(found)));
        self
    }

    /// Sets the likely repair.
    pub fn help(mut self, help: Option<String>) -> Finding {
        self.help = help;
        self
    }
}

impl Kind {
    /// The name used in output (`sum_mismatch`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::SumMismatch => "sum_mismatch",
            Kind::RatioMismatch => "ratio_mismatch",
            Kind::MeanMismatch => "mean_mismatch",
            Kind::DifferenceMismatch => "difference_mismatch",
            Kind::ValueConflict => "value_conflict",
            Kind::Polarity => "polarity",
            Kind::MalformedNumber => "malformed_number",
            Kind::MissingRow => "missing_row",
            Kind::DuplicateRow => "duplicate_row",
        }
    }
}

impl Severity {
    /// The name used in output (`error`).
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}
