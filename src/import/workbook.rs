//! `dataset.xlsx`: the four tables as sheets of one Excel workbook for analysts (behind the
//! `xlsx` feature): codes and table numbers as text (`39.10` stays so), figures, years and
//! lines as numbers, the header row frozen. Filled on a thread of its own from the JSON
//! lines the import writes, as it writes them (so the sheets are written while the next
//! reports are read, not after), a row at a time into sheets kept on disk
//! (rust_xlsxwriter's constant memory mode): memory stays flat however many rows. The CSV
//! and JSON lines stay the exact record (a sheet's numbers are Excel's doubles, and a cell
//! holds at most 32,767 characters).

use super::output::{cell_text, write_error};
use super::schema::{column_type, ColumnType, TABLES};
use super::ImportError;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;

/// Most rows of a sheet, its header included (Excel's limit); a longer table goes on in a
/// sheet `name 2`, `name 3` … (after the four tables' first sheets).
const SHEET_ROWS: usize = 1_048_576;

/// Most characters of a cell (Excel's limit).
const CELL_CHARS: usize = 32_767;

/// How many batches of rows (one table's rows of one report each) may wait for the
/// workbook's thread: bounds the memory they take.
const WAITING: usize = 64;

/// `out/dataset.xlsx`, being filled on its own thread.
pub struct Sheets {
    path: PathBuf,
    rows: Option<SyncSender<(usize, Vec<u8>)>>,
    thread: Option<JoinHandle<Result<(), ImportError>>>,
    /// Set when the import fails: the thread stops and writes nothing.
    abandoned: Arc<AtomicBool>,
}

impl Sheets {
    /// Starts the workbook of the outputs in `out`.
    pub fn start(out: &Path) -> Sheets {
        let (rows, waiting) = sync_channel(WAITING);
        let dir = out.to_path_buf();
        let abandoned = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&abandoned);
        Sheets {
            path: out.join("dataset.xlsx"),
            rows: Some(rows),
            thread: Some(std::thread::spawn(move || fill_from(&dir, waiting, &stop))),
            abandoned,
        }
    }

    /// Adds rows of the table `name`: lines of its JSON-lines file. A workbook that failed
    /// takes no more; [`Sheets::finish`] says why.
    pub fn add(&self, name: &str, jsonl: Vec<u8>) {
        let table = TABLES.iter().position(|(n, _)| *n == name);
        if let (Some(rows), Some(t)) = (&self.rows, table) {
            // a closed channel is a thread that stopped on an error: finish reports it
            let _ = rows.send((t, jsonl));
        }
    }

    /// Writes the workbook out, once every row is in.
    pub fn finish(mut self) -> Result<(), ImportError> {
        drop(self.rows.take());
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(written)) => written,
            Some(Err(_)) => Err(write_error(&self.path, "the thread writing the workbook stopped")),
            None => Ok(()),
        }
    }
}

impl Drop for Sheets {
    /// An import that failed before [`Sheets::finish`]: the workbook is not written, and its
    /// thread is done before the run's folder is removed.
    fn drop(&mut self) {
        self.abandoned.store(true, Ordering::Relaxed);
        drop(self.rows.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Fills the workbook from the rows sent, and saves it when no more come (unless the
/// import was `abandoned`).
fn fill_from(
    out: &Path,
    rows: Receiver<(usize, Vec<u8>)>,
    abandoned: &AtomicBool,
) -> Result<(), ImportError> {
    let path = out.join("dataset.xlsx");
    let fail = |e: &dyn std::fmt::Display| write_error(&path, e);
    let mut workbook = Workbook::new();
    // the sheets wait on disk beside the outputs, not in a temporary folder that may be memory
    workbook.set_tempdir(out).map_err(|e| fail(&e))?;
    // a fixed creation time, so the same input gives the same bytes
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(|e| fail(&e))?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    // a faster deflate than the default (6), the save being the one part left after the
    // reports are read: at 1,000 reports level 3 took the import from 7.7 s to 6.8 s for a
    // file 15% larger (level 1: 6.5 s, 55% larger)
    workbook.set_zip_compression_level(3);
    let mut sheets = Vec::new();
    for (name, columns) in TABLES {
        sheets.push(Sheet::start(&mut workbook, name, columns).map_err(|e| fail(&e))?);
    }
    for (t, lines) in rows {
        if abandoned.load(Ordering::Relaxed) {
            return Ok(());
        }
        let Some(sheet) = sheets.get_mut(t) else { continue };
        for line in lines.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            sheet.add(&mut workbook, line).map_err(|e| fail(&e))?;
        }
    }
    if abandoned.load(Ordering::Relaxed) {
        return Ok(());
    }
    workbook.save(&path).map_err(|e| fail(&e))
}

/// One table's sheet being filled: which sheet of the workbook, and its next row.
struct Sheet {
    name: &'static str,
    columns: &'static [&'static str],
    /// The sheet's place in the workbook.
    index: usize,
    /// 1 for the table's first sheet, 2 for `name 2` ….
    number: usize,
    next_row: u32,
}

impl Sheet {
    /// Adds the first sheet of table `name` to the workbook, its header written.
    fn start(
        workbook: &mut Workbook,
        name: &'static str,
        columns: &'static [&'static str],
    ) -> Result<Sheet, XlsxError> {
        let mut sheet = Sheet {
            name,
            columns,
            index: 0,
            number: 0,
            next_row: 0,
        };
        sheet.next_sheet(workbook)?;
        Ok(sheet)
    }

    /// Goes on in a new sheet (`name 2` …), its header written.
    fn next_sheet(&mut self, workbook: &mut Workbook) -> Result<(), XlsxError> {
        self.number += 1;
        self.index = workbook.worksheets().len();
        let title = match self.number {
            1 => self.name.to_string(),
            n => format!("{} {n}", self.name),
        };
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        header(sheet, &title, self.columns, &Format::new().set_bold())?;
        self.next_row = 1;
        Ok(())
    }

    /// Writes a row, one line of JSON, in the next row of the sheet.
    fn add(&mut self, workbook: &mut Workbook, line: &[u8]) -> Result<(), String> {
        if self.next_row as usize >= SHEET_ROWS {
            self.next_sheet(workbook).map_err(|e| e.to_string())?;
        }
        let sheet = workbook
            .worksheet_from_index(self.index)
            .map_err(|e| e.to_string())?;
        let mut json = serde_json::Deserializer::from_slice(line);
        let row = Row {
            sheet,
            row: self.next_row,
            columns: self.columns,
        };
        row.deserialize(&mut json)
            .and_then(|()| json.end())
            .map_err(|e| e.to_string())?;
        self.next_row += 1;
        Ok(())
    }
}

/// A row of JSON being written into its sheet as it is read, each field into its column
/// (building a JSON value of each row first was a fifth of the workbook thread's CPU).
struct Row<'s> {
    sheet: &'s mut Worksheet,
    row: u32,
    columns: &'static [&'static str],
}

impl<'de> DeserializeSeed<'de> for Row<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, json: D) -> Result<(), D::Error> {
        json.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Row<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a row: an object of its columns")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<(), A::Error> {
        while let Some(key) = fields.next_key::<Field<'de>>()? {
            let column = match key {
                Field::Text(key) => (0u16..).zip(self.columns).find(|(_, c)| **c == key),
                _ => None,
            };
            let Some((c, column)) = column else {
                fields.next_value::<IgnoredAny>()?;
                continue;
            };
            let field = fields.next_value::<Field<'de>>()?;
            write_field(self.sheet, self.row, c, column, field).map_err(A::Error::custom)?;
        }
        Ok(())
    }
}

/// A field of a row, or its key: nothing, a string (the most of them, borrowed where it
/// has no escapes), or another value.
enum Field<'de> {
    Null,
    Text(Cow<'de, str>),
    Other(Value),
}

impl<'de> Deserialize<'de> for Field<'de> {
    fn deserialize<D: Deserializer<'de>>(json: D) -> Result<Self, D::Error> {
        json.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a value")
    }

    fn visit_unit<E>(self) -> Result<Field<'de>, E> {
        Ok(Field::Null)
    }

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Field<'de>, E> {
        Ok(Field::Text(Cow::Borrowed(text)))
    }

    fn visit_str<E>(self, text: &str) -> Result<Field<'de>, E> {
        Ok(Field::Text(Cow::Owned(text.to_string())))
    }

    fn visit_bool<E>(self, b: bool) -> Result<Field<'de>, E> {
        Ok(Field::Other(Value::Bool(b)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Field<'de>, E> {
        Ok(Field::Other(Value::from(n)))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Field<'de>, E> {
        Ok(Field::Other(Value::from(n)))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Field<'de>, E> {
        Ok(Field::Other(Value::from(n)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<Field<'de>, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(items)).map(Field::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, entries: A) -> Result<Field<'de>, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(entries)).map(Field::Other)
    }
}

fn header(sheet: &mut Worksheet, title: &str, columns: &[&str], bold: &Format) -> Result<(), XlsxError> {
    sheet.set_name(title)?;
    for (c, column) in (0u16..).zip(columns) {
        sheet.write_string_with_format(0, c, *column, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A field in its cell: a figure of a decimal column, a number of an integer column and a
/// boolean of a boolean column as such, anything else as text.
fn write_field(sheet: &mut Worksheet, r: u32, c: u16, column: &str, field: Field) -> Result<(), XlsxError> {
    let number = match (column_type(column), &field) {
        (_, Field::Null) => return Ok(()),
        (ColumnType::Decimal, Field::Text(s)) => s.parse::<Decimal>().ok().and_then(|d| d.to_f64()),
        (ColumnType::Integer, Field::Other(Value::Number(n))) => n.as_f64(),
        (ColumnType::Boolean, Field::Other(Value::Bool(b))) => {
            sheet.write_boolean(r, c, *b)?;
            return Ok(());
        }
        _ => None,
    };
    let text = match (number, field) {
        (Some(n), _) => {
            sheet.write_number(r, c, n)?;
            return Ok(());
        }
        (None, Field::Text(s)) => cut(&s),
        (None, Field::Other(v)) => cut(&cell_text(&v)),
        (None, Field::Null) => return Ok(()),
    };
    sheet.write_string(r, c, text)?;
    Ok(())
}

/// A text cut to what a cell holds, ending in `…` when cut.
fn cut(text: &str) -> String {
    match text.char_indices().nth(CELL_CHARS - 1) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or_default()),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_read_as_a_json_value_would_be() {
        fn read(json: &str) -> Field<'_> {
            serde_json::from_str(json).unwrap()
        }
        let text = |field: Field| match field {
            Field::Text(t) => Some(t.into_owned()),
            _ => None,
        };
        assert_eq!(text(read(r#""Rp 1.000""#)), Some("Rp 1.000".into()));
        assert_eq!(text(read(r#""a \"kutip\" b""#)), Some("a \"kutip\" b".into()));
        assert!(matches!(read("null"), Field::Null));
        for json in ["12", "-3", "1.5", "true", r#"[1,"x",{"b":2,"a":null}]"#] {
            let expected: Value = serde_json::from_str(json).unwrap();
            assert!(matches!(read(json), Field::Other(v) if v == expected), "{json}");
        }
    }

    #[test]
    fn a_long_text_is_cut_to_a_cell() {
        assert_eq!(cut("abc"), "abc");
        let long = "é".repeat(CELL_CHARS + 5);
        assert_eq!(cut(&long).chars().count(), CELL_CHARS);
        assert!(cut(&long).ends_with('…'));
    }
}
