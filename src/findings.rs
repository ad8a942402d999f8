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
    /// For a cell of a PDF table, where its page prints it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<CellBox>,
    /// What is there: `anggaran of 1.1.2`, `prose`.
    pub label: String,
}

/// Where a cell is printed on its page, in tenths of a point from the page's left edge and
/// top, as a PDF viewer measures (`x0 = 4123` is 412,3 pt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize, JsonSchema)]
pub struct CellBox {
    /// Left edge.
    pub x0: i32,
    /// Top.
    pub top: i32,
    /// Right edge.
    pub x1: i32,
    /// Bottom.
    pub bottom: i32,
}

impl CellBox {
    /// The box of a cell as the page model keeps it.
    pub fn of(b: &crate::model::BBox) -> CellBox {
        // a page is a few thousand tenths of a point: the casts cannot truncate
        let tenths = |v: f64| (v * 10.0).round() as i32;
        CellBox {
            x0: tenths(b.x0),
            top: tenths(b.top),
            x1: tenths(b.x1),
            bottom: tenths(b.bottom),
        }
    }

    /// `412,3–470,1 × 233,0–241,0 pt`.
    pub fn describe(&self) -> String {
        let pt = |t: i32| format!("{},{}", t / 10, (t % 10).abs());
        format!(
            "{}–{} × {}–{} pt",
            pt(self.x0),
            pt(self.x1),
            pt(self.top),
            pt(self.bottom)
        )
    }
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
    /// Every kind, in the order `lkjip explain` lists them.
    pub const ALL: [Kind; 9] = [
        Kind::SumMismatch,
        Kind::RatioMismatch,
        Kind::MeanMismatch,
        Kind::DifferenceMismatch,
        Kind::ValueConflict,
        Kind::Polarity,
        Kind::MalformedNumber,
        Kind::MissingRow,
        Kind::DuplicateRow,
    ];

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
