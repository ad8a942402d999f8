//! The declared schema of the outputs: one type per column, the same whatever the input
//! (codes, table numbers and ids are text; amounts and percents exact decimals; years and
//! lines integers), published as a Frictionless data package, `datapackage.json`, beside
//! the CSVs so DuckDB, pandas or any Table Schema reader loads them typed.

use super::output::{BUDGET_COLUMNS, DISCREPANCY_COLUMNS, INDICATOR_COLUMNS, TABLE_CELL_COLUMNS};
use serde_json::{json, Value};

/// The type of an output column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text, whatever it looks like (`39.10`, `2.2`, `4.3.2` stay as printed).
    Text,
    /// A whole number.
    Integer,
    /// An exact decimal, `.` as the decimal point, never a float.
    Decimal,
    /// `true` or `false`.
    Boolean,
    /// A JSON array (in a CSV, its JSON text).
    JsonArray,
}

impl ColumnType {
    /// The Table Schema name of the type.
    pub fn frictionless(self) -> &'static str {
        match self {
            ColumnType::Text => "string",
            ColumnType::Integer => "integer",
            ColumnType::Decimal => "number",
            ColumnType::Boolean => "boolean",
            ColumnType::JsonArray => "array",
        }
    }
}

/// The type of an output column, by its name.
pub fn column_type(column: &str) -> ColumnType {
    match column {
        "line" | "parent_line" | "page" | "report_year" | "year" | "column" => ColumnType::Integer,
        "primary" | "persen_fisik" | "across_reports" => ColumnType::Boolean,
        "locations" => ColumnType::JsonArray,
        // a figure's exact value; `found` of a finding may be a malformed print, so text
        "target" | "realisasi" | "capaian" | "anggaran" | "anggaran_murni" | "persen" | "value"
        | "expected" | "delta" => ColumnType::Decimal,
        _ => ColumnType::Text,
    }
}

/// The CSV outputs with their columns, as the data package lists them.
pub const TABLES: [(&str, &[&str]); 4] = [
    ("indicators", INDICATOR_COLUMNS),
    ("budget_lines", BUDGET_COLUMNS),
    ("discrepancies", DISCREPANCY_COLUMNS),
    ("table_cells", TABLE_CELL_COLUMNS),
];

/// `datapackage.json`: a Frictionless data package of the four CSVs, each column typed.
pub fn datapackage() -> Value {
    let resources: Vec<Value> = TABLES
        .iter()
        .map(|(name, columns)| {
            let fields: Vec<Value> = columns
                .iter()
                .map(|c| {
                    let t = column_type(c);
                    match t {
                        ColumnType::Decimal => json!({
                            "name": c, "type": t.frictionless(), "decimalChar": ".", "groupChar": ""
                        }),
                        _ => json!({"name": c, "type": t.frictionless()}),
                    }
                })
                .collect();
            json!({
                "name": name,
                "path": format!("{name}.csv"),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "missingValues": [""]},
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "lkjip-dataset",
        "title": "Indicators, budget lines, findings and table cells of performance reports, as lkjip reads them",
        "resources": resources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_stay_text_figures_are_decimals_years_integers() {
        assert_eq!(column_type("code"), ColumnType::Text);
        assert_eq!(column_type("table_number"), ColumnType::Text);
        assert_eq!(column_type("nomenclature_code"), ColumnType::Text);
        assert_eq!(column_type("anggaran"), ColumnType::Decimal);
        assert_eq!(column_type("anggaran_raw"), ColumnType::Text);
        assert_eq!(column_type("report_year"), ColumnType::Integer);
        assert_eq!(column_type("primary"), ColumnType::Boolean);
        let package = datapackage();
        let fields = &package["resources"][1]["schema"]["fields"];
        let code = fields
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "code")
            .unwrap();
        assert_eq!(code["type"], "string");
    }
}
