//! `parquet/`: each table of the dataset as Parquet files with the declared types (figures
//! `DECIMAL(38,12)`, never floats), partitioned Hive-style by `report_year` and `regency`
//! (`parquet/indicators/report_year=2023/regency=Kabupaten Lamongan/part-0.parquet`), so
//! DuckDB, Spark or Trino read a directory of shards as one table without `merge`.
//! Written from the JSON lines the import has just written (behind the `parquet` feature),
//! one partition at a time and each in row groups of at most [`ROW_GROUP`] rows and about
//! [`GROUP_BYTES`] of JSON: memory holds one row group, however large a partition is.

use super::output::{cell_text, write_error};
use super::schema::{column_type, ColumnType, TABLES};
use super::ImportError;
use parquet::data_type::{
    BoolType, ByteArray, ByteArrayType, FixedLenByteArray, FixedLenByteArrayType, Int64Type,
};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::Arc;

/// Decimal places of every figure column.
const SCALE: u32 = 12;

/// Rows of a row group: read back as JSON values, about 30 MB (a partition of one large
/// report's table cells held whole took 400 MB).
const ROW_GROUP: usize = 16_384;

/// JSON of a row group, past which it is closed (at least one row): a finding may list
/// hundreds of places, a row of close to 1 MB, and 16,384 such rows would not fit.
const GROUP_BYTES: u64 = 8 << 20;

/// Writes `out/parquet/<table>/…` from `out/<table>.jsonl`.
pub fn write(out: &Path) -> Result<(), ImportError> {
    for (name, columns) in TABLES {
        let source = out.join(format!("{name}.jsonl"));
        let dir = out.join("parquet").join(name);
        std::fs::create_dir_all(&dir).map_err(|e| write_error(&dir, e))?;
        for ((year, regency), offsets) in partitions(&source)? {
            let folder = dir
                .join(format!("report_year={year}"))
                .join(format!("regency={regency}"));
            std::fs::create_dir_all(&folder).map_err(|e| write_error(&folder, e))?;
            let file = folder.join("part-0.parquet");
            write_file(&file, columns, (&source, &offsets)).map_err(|e| write_error(&file, e))?;
        }
    }
    Ok(())
}

/// The lines of a JSON-lines file by partition (report year and regency as the folder
/// names print them; a missing one as Hive's default partition), each line by its byte
/// offset, in file order.
fn partitions(source: &Path) -> Result<BTreeMap<(String, String), Vec<u64>>, ImportError> {
    let file = std::fs::File::open(source).map_err(|e| write_error(source, e))?;
    let mut reader = BufReader::new(file);
    let (mut out, mut line, mut at): (BTreeMap<(String, String), Vec<u64>>, String, u64) =
        (BTreeMap::new(), String::new(), 0);
    loop {
        line.clear();
        let read = reader.read_line(&mut line).map_err(|e| write_error(source, e))?;
        if read == 0 {
            return Ok(out);
        }
        let row: Value = serde_json::from_str(&line).map_err(|e| write_error(source, e))?;
        let key = |k: &str| match row.get(k) {
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::String(s)) => folder_safe(s),
            _ => "__HIVE_DEFAULT_PARTITION__".to_string(),
        };
        out.entry((key("report_year"), key("regency")))
            .or_default()
            .push(at);
        at += read as u64;
    }
}

/// The rows at the first of `offsets` of a JSON-lines file that make one row group (see
/// [`ROW_GROUP`] and [`GROUP_BYTES`]; at least one row), a seek only where they are not
/// contiguous.
fn read_rows(source: &Path, offsets: &[u64]) -> Result<Vec<Value>, ImportError> {
    let file = std::fs::File::open(source).map_err(|e| write_error(source, e))?;
    let mut reader = BufReader::new(file);
    let (mut rows, mut line, mut at) = (Vec::new(), String::new(), 0u64);
    let mut bytes = 0u64;
    for &offset in offsets.iter().take(ROW_GROUP) {
        if bytes >= GROUP_BYTES {
            break;
        }
        if offset != at {
            let ahead = i64::try_from(offset).unwrap_or(i64::MAX) - i64::try_from(at).unwrap_or(0);
            reader.seek_relative(ahead).map_err(|e| write_error(source, e))?;
        }
        line.clear();
        let read = reader.read_line(&mut line).map_err(|e| write_error(source, e))?;
        at = offset + read as u64;
        bytes += read as u64;
        rows.push(serde_json::from_str(&line).map_err(|e| write_error(source, e))?);
    }
    Ok(rows)
}

/// A value as a folder name: path separators and control characters become `_`.
fn folder_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// The Parquet schema of a table: each column optional, typed as declared.
fn message(columns: &[&str]) -> String {
    let fields: Vec<String> = columns
        .iter()
        .map(|c| match column_type(c) {
            ColumnType::Text => format!("OPTIONAL BYTE_ARRAY {c} (UTF8);"),
            ColumnType::JsonArray => format!("OPTIONAL BYTE_ARRAY {c} (JSON);"),
            ColumnType::Integer => format!("OPTIONAL INT64 {c};"),
            ColumnType::Boolean => format!("OPTIONAL BOOLEAN {c};"),
            ColumnType::Decimal => format!("OPTIONAL FIXED_LEN_BYTE_ARRAY (16) {c} (DECIMAL(38,{SCALE}));"),
        })
        .collect();
    format!("message row {{ {} }}", fields.join(" "))
}

/// Writes the rows of `source` at `offsets` into one Parquet file, a row group at a time.
fn write_file(
    path: &Path,
    columns: &[&str],
    (source, offsets): (&Path, &[u64]),
) -> Result<(), Box<dyn std::error::Error>> {
    let schema = Arc::new(parse_message_type(&message(columns))?);
    let file = std::fs::File::create(path)?;
    let mut writer = SerializedFileWriter::new(file, schema, Arc::new(WriterProperties::builder().build()))?;
    let mut rest = offsets;
    while !rest.is_empty() {
        let rows = read_rows(source, rest)?;
        rest = rest.get(rows.len()..).unwrap_or_default();
        write_group(&mut writer, columns, &rows)?;
    }
    writer.close()?;
    Ok(())
}

fn write_group(
    writer: &mut SerializedFileWriter<std::fs::File>,
    columns: &[&str],
    rows: &[Value],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut group = writer.next_row_group()?;
    for column in columns {
        let Some(mut writer) = group.next_column()? else {
            break;
        };
        // an empty text is missing, as in the CSV and its data package (`missingValues`)
        let given = |v: &&Value| !v.is_null() && v.as_str() != Some("");
        let cells: Vec<Option<&Value>> = rows.iter().map(|r| r.get(*column).filter(given)).collect();
        let levels: Vec<i16> = cells.iter().map(|c| i16::from(c.is_some())).collect();
        let present = cells.iter().flatten();
        match column_type(column) {
            ColumnType::Text | ColumnType::JsonArray => {
                let values: Vec<ByteArray> = present
                    .map(|v| ByteArray::from(cell_text(v).into_bytes()))
                    .collect();
                writer
                    .typed::<ByteArrayType>()
                    .write_batch(&values, Some(&levels), None)?;
            }
            ColumnType::Integer => {
                let values: Vec<i64> = present.map(|v| integer(v, column)).collect::<Result<_, _>>()?;
                writer
                    .typed::<Int64Type>()
                    .write_batch(&values, Some(&levels), None)?;
            }
            ColumnType::Boolean => {
                let values: Vec<bool> = present.map(|v| v.as_bool().unwrap_or(false)).collect();
                writer
                    .typed::<BoolType>()
                    .write_batch(&values, Some(&levels), None)?;
            }
            ColumnType::Decimal => {
                let values: Vec<FixedLenByteArray> =
                    present.map(|v| decimal(v, column)).collect::<Result<_, _>>()?;
                writer
                    .typed::<FixedLenByteArrayType>()
                    .write_batch(&values, Some(&levels), None)?;
            }
        }
        writer.close()?;
    }
    group.close()?;
    Ok(())
}

fn integer(v: &Value, column: &str) -> Result<i64, String> {
    v.as_i64()
        .ok_or_else(|| format!("{column}: {v} is not an integer"))
}

/// An exact decimal as Parquet's 16-byte two's complement at [`SCALE`] places; a value
/// with more places than that is refused, never rounded.
fn decimal(v: &Value, column: &str) -> Result<FixedLenByteArray, String> {
    let text = v
        .as_str()
        .ok_or_else(|| format!("{column}: {v} is not a decimal"))?;
    let mut d: Decimal = text.parse().map_err(|e| format!("{column}: {text}: {e}"))?;
    let printed = d;
    d.rescale(SCALE);
    if d != printed || d.scale() != SCALE {
        return Err(format!("{column}: {text} does not fit DECIMAL(38,{SCALE})"));
    }
    let bytes = d.mantissa().to_be_bytes().to_vec();
    Ok(FixedLenByteArray::from(ByteArray::from(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_exact_at_twelve_places() {
        let d = decimal(&Value::from("97.18"), "persen").unwrap();
        let expected = 97_180_000_000_000i128.to_be_bytes();
        assert_eq!(d.data(), &expected[..]);
        assert!(decimal(&Value::from("0.0000000000001"), "persen").is_err());
        assert!(message(&["code", "anggaran", "year"]).contains("OPTIONAL BYTE_ARRAY code (UTF8);"));
    }

    /// The rows of each row group of a Parquet file.
    fn row_groups(file: &Path) -> Vec<i64> {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let reader = SerializedFileReader::new(std::fs::File::open(file).unwrap()).unwrap();
        reader
            .metadata()
            .row_groups()
            .iter()
            .map(|g| g.num_rows())
            .collect()
    }

    #[test]
    fn a_partition_past_a_row_group_is_written_in_several() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        use parquet::record::RowAccessor;
        let dir = std::env::temp_dir().join(format!("lkjip-parquet-groups-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let source = dir.join("rows.jsonl");
        let lines: Vec<String> = (0..2 * ROW_GROUP + 10)
            .map(|i| format!("{{\"code\":\"{i}\",\"year\":2023}}\n"))
            .collect();
        std::fs::write(&source, lines.concat()).unwrap();
        // every other line: a partition's rows lie among other partitions' in the file
        let mut offsets = Vec::new();
        let mut at = 0u64;
        for (i, l) in lines.iter().enumerate() {
            if i % 2 == 0 {
                offsets.push(at);
            }
            at += l.len() as u64;
        }
        let file = dir.join("part-0.parquet");
        write_file(&file, &["code", "year"], (&source, &offsets)).unwrap();
        assert_eq!(row_groups(&file), vec![ROW_GROUP as i64, 5]);
        let reader = SerializedFileReader::new(std::fs::File::open(&file).unwrap()).unwrap();
        let last = reader.get_row_iter(None).unwrap().last().unwrap().unwrap();
        assert_eq!(last.get_string(0).unwrap(), &(2 * ROW_GROUP + 8).to_string());
        assert_eq!(last.get_long(1).unwrap(), 2023);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_row_group_is_closed_past_its_bytes() {
        let dir = std::env::temp_dir().join(format!("lkjip-parquet-bytes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let source = dir.join("rows.jsonl");
        // rows of 1 MiB each, newline included: eight fill a group
        let row = format!("{{\"code\":\"{}\"}}\n", "x".repeat((1 << 20) - 12));
        assert_eq!(row.len(), 1 << 20);
        std::fs::write(&source, row.repeat(20)).unwrap();
        let offsets: Vec<u64> = (0..20).map(|i| i << 20).collect();
        let file = dir.join("part-0.parquet");
        write_file(&file, &["code"], (&source, &offsets)).unwrap();
        assert_eq!(row_groups(&file), vec![8, 8, 4]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
