//! The output directory of an import: CSV and JSON lines per record kind, the summary and
//! the HTML report, each written atomically (a temporary file, then a rename) and with
//! nothing in it that changes between two runs on the same input.

use super::inputs::Skipped;
use super::{FileEntry, ImportError};
use crate::source::FailureKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Version of the output layout.
pub const OUTPUT_VERSION: u32 = 5;

/// The data files, whose size and checksum the summary records.
pub const DATA_FILES: &[&str] = &[
    "indicators.csv",
    "indicators.jsonl",
    "budget_lines.csv",
    "budget_lines.jsonl",
    "discrepancies.csv",
    "discrepancies.jsonl",
    "table_cells.csv",
    "table_cells.jsonl",
];

/// The other names an output folder shows: the summary, the data package (the columns'
/// types), the page, the timings, the report documents and (features `parquet`, `xlsx`)
/// the Parquet tables and the workbook.
pub const OTHER_OUTPUTS: &[&str] = &[
    "summary.json",
    "datapackage.json",
    "report.html",
    "timings.json",
    "reports",
    #[cfg(feature = "parquet")]
    "parquet",
    #[cfg(feature = "xlsx")]
    "dataset.xlsx",
];

/// A column list: the report keys every row starts with, the row's own columns, then each
/// figure as value (a number, or empty), `_raw`, `_status` and `_text` (a grade or words).
macro_rules! columns {
    ($($own:literal),* ; figures: $($figure:literal),*) => {
        &[
            "report_id", "regency", "agency", "report_kind", "report_year", "source_file",
            $($own,)*
            $($figure, concat!($figure, "_raw"), concat!($figure, "_status"), concat!($figure, "_text"),)*
        ]
    };
}

/// Columns of `indicators.csv`, in order (the order of the JSON lines' keys too).
pub const INDICATOR_COLUMNS: &[&str] = columns!(
    "line", "table", "table_number", "sasaran", "indikator", "indikator_key",
    "indikator_canonical", "indikator_concept", "satuan", "year", "period";
    figures: "target", "realisasi", "capaian"
);

/// Columns of `budget_lines.csv`, in order.
pub const BUDGET_COLUMNS: &[&str] = columns!(
    "line", "table", "table_number", "code", "level", "name", "name_key", "name_canonical",
    "nomenclature_code", "parent_line", "year", "stage", "primary", "persen_fisik";
    figures: "anggaran", "anggaran_murni", "realisasi", "persen"
);

/// Columns of `table_cells.csv`, in order.
pub const TABLE_CELL_COLUMNS: &[&str] = columns!(
    "line", "page", "table", "table_number", "table_title", "row_label", "column", "header",
    "role", "value", "raw", "status", "unit";
    figures:
);

/// Columns of `discrepancies.csv`, in order (`locations` as a JSON array).
pub const DISCREPANCY_COLUMNS: &[&str] = columns!(
    "line", "page", "kind", "severity", "message", "expected", "found", "delta", "help",
    "across_reports", "locations";
    figures:
);

/// A text cell of a row: a string as it is, anything else (a JSON array) as its JSON.
#[cfg(any(feature = "parquet", feature = "xlsx"))]
pub fn cell_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `summary.json`: counts, findings per kind and severity, failures, and every file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Version of the output layout.
    pub output_version: u32,
    /// How many files, reports, records and findings.
    pub counts: Counts,
    /// Findings per kind, then per severity.
    pub findings_by_kind: BTreeMap<String, BTreeMap<String, usize>>,
    /// Findings per severity.
    pub findings_by_severity: BTreeMap<String, usize>,
    /// The files that could not be imported, with the reason.
    pub failures: Vec<Failure>,
    /// Every input file and what became of it.
    pub files: Vec<FileEntry>,
    /// Input entries not read (unreadable, not a regular file, met again through a link).
    #[serde(default)]
    pub skipped: Vec<Skipped>,
    /// Each data file as written: `merge` refuses an input whose files differ.
    #[serde(default)]
    pub data_files: BTreeMap<String, DataFile>,
}

/// A data file's size, lines and SHA-256 as the import wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataFile {
    /// Its size.
    pub bytes: u64,
    /// Its lines (a CSV's header included).
    pub lines: u64,
    /// Its SHA-256, in hex.
    pub sha256: String,
}

/// A SHA-256 in lower-case hex, as `summary.json` records it.
pub fn sha256_hex(sha256: sha2::Sha256) -> String {
    use sha2::Digest;
    sha256.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The totals of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Input files.
    pub files: usize,
    /// Reports in the dataset.
    pub reports: usize,
    /// Files whose report an earlier file already holds.
    pub duplicates: usize,
    /// Files that could not be imported.
    pub failed: usize,
    /// Indicator rows.
    pub indicators: usize,
    /// Budget rows.
    pub budget_lines: usize,
    /// Findings.
    pub findings: usize,
    /// Figures of tables no record carries (`table_cells`).
    #[serde(default)]
    pub table_cells: usize,
}

/// A file that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The file.
    pub source_file: String,
    /// The kind of failure (`encrypted`, `no_text_layer`, `broken`, `unsupported`,
    /// `empty`, `io`, `internal`).
    pub kind: FailureKind,
    /// Why.
    pub reason: String,
}

impl Summary {
    /// How many findings have error severity.
    pub fn errors(&self) -> usize {
        self.findings_by_severity.get("error").copied().unwrap_or(0)
    }
}

/// A CSV line: fields quoted when they hold a comma, a quote or a line break.
pub fn csv_line(fields: impl Iterator<Item = String>) -> String {
    let quoted: Vec<String> = fields
        .map(|f| match f.contains([',', '"', '\n', '\r']) {
            true => format!("\"{}\"", f.replace('"', "\"\"")),
            false => f,
        })
        .collect();
    quoted.join(",") + "\n"
}

/// A JSON value as a CSV field: empty for null, text as is, arrays and objects as JSON.
pub fn csv_cell(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Writes a file whole or not at all: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.lkjip-tmp"));
    std::fs::write(&temporary, bytes).map_err(|e| write_error(&temporary, e))?;
    std::fs::rename(&temporary, path).map_err(|e| write_error(path, e))
}

/// `timings.json`: the one output that changes between runs, kept out of the data files.
pub fn write_timings(dir: &Path, summary: &Summary, elapsed: std::time::Duration) -> Result<(), ImportError> {
    let bytes: u64 = summary.files.iter().map(|f| f.bytes).sum();
    let seconds = elapsed.as_secs_f64().max(1e-9);
    let timings = serde_json::json!({
        "seconds": (seconds * 1000.0).round() / 1000.0,
        "files": summary.files.len(),
        "bytes": bytes,
        "files_per_second": (summary.files.len() as f64 / seconds).round(),
        "megabytes_per_second": (bytes as f64 / 1e6 / seconds * 100.0).round() / 100.0,
    });
    let json = serde_json::to_string_pretty(&timings).map_err(|e| write_error(dir, e))? + "\n";
    write_atomic(&dir.join("timings.json"), json.as_bytes())
}

/// An output that cannot be written.
pub fn write_error(path: &Path, e: impl std::fmt::Display) -> ImportError {
    ImportError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{BudgetRow, DiscrepancyRow, IndicatorRow};

    /// Every field of a row type is a column, and every column a field, in the order the
    /// row serialises them (so its JSON line and its CSV line agree).
    fn covers<T: serde::de::DeserializeOwned + Serialize>(columns: &[&str], sample: serde_json::Value) {
        let row: T = serde_json::from_value(sample).unwrap();
        let value = serde_json::to_value(&row).unwrap();
        let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        let mut cols = columns.to_vec();
        keys.sort_unstable();
        cols.sort_unstable();
        assert_eq!(keys, cols);
        let json = serde_json::to_string(&row).unwrap();
        let at: Vec<usize> = columns
            .iter()
            .map(|c| json.find(&format!("\"{c}\":")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{json}");
    }

    fn sample(columns: &[&str]) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for c in columns {
            let v = match *c {
                "line" | "column" => serde_json::json!(1),
                "across_reports" | "primary" | "persen_fisik" => serde_json::json!(false),
                "locations" => serde_json::json!([]),
                "source_file"
                | "report_id"
                | "report_kind"
                | "table"
                | "indikator"
                | "indikator_key"
                | "indikator_canonical"
                | "period"
                | "level"
                | "name"
                | "name_key"
                | "name_canonical"
                | "stage"
                | "kind"
                | "severity"
                | "message"
                | "row_label"
                | "header"
                | "role"
                | "raw"
                | "status" => serde_json::json!("x"),
                _ => serde_json::Value::Null,
            };
            map.insert(c.to_string(), v);
        }
        serde_json::Value::Object(map)
    }

    #[test]
    fn the_csv_columns_are_exactly_the_row_fields() {
        covers::<IndicatorRow>(INDICATOR_COLUMNS, sample(INDICATOR_COLUMNS));
        covers::<BudgetRow>(BUDGET_COLUMNS, sample(BUDGET_COLUMNS));
        covers::<DiscrepancyRow>(DISCREPANCY_COLUMNS, sample(DISCREPANCY_COLUMNS));
        covers::<crate::dataset::TableCellRow>(TABLE_CELL_COLUMNS, sample(TABLE_CELL_COLUMNS));
    }

    #[test]
    fn a_location_prints_its_keys_in_alphabetical_order() {
        let place: crate::dataset::PlaceRow = serde_json::from_value(serde_json::json!({
            "source_file": "r.txt", "line": 1, "page": 3, "column": null, "length": null,
            "label": "x", "text": "y"
        }))
        .unwrap();
        let json = serde_json::to_string(&place).unwrap();
        let keys = ["column", "label", "length", "line", "page", "source_file", "text"];
        let at: Vec<usize> = keys
            .iter()
            .map(|k| json.find(&format!("\"{k}\":")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{json}");
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let line = csv_line(["a", "b,c", "say \"hi\"", ""].into_iter().map(String::from));
        assert_eq!(line, "a,\"b,c\",\"say \"\"hi\"\"\",\n");
    }
}
