//! Records: the indicators (target / realisasi / capaian) and budget lines (anggaran /
//! realisasi / %) of a report, read from its tables by column role.

#![allow(
    clippy::indexing_slicing,
    reason = "budget lines indexed by positions of the same vector; not yet rewritten to checked access"
)]

use crate::model::{is_total_label, Cell, Role, Row, Table};
use crate::nomenclature::{lookup, Level};
use crate::parsers::{Amount, CellValue, Grade, Number, Reading, Unit};
use crate::pattern::{starts_numeric, Pattern};
use crate::stage::{mark_primary, stage_of, Stage};
use regex::Regex;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

mod entries;
mod outline;

/// A list number: it starts with a numeric character or a letter a-z and a dot or bracket.
static LIST_PREFIX: Pattern = Pattern::new(
    || Regex::new(r"^(?:\d+(?:\.\d+)*[.)]?|[a-z][.)])\s+").expect("a valid pattern"),
    |t| starts_numeric(t) || matches!(t.as_bytes(), [b'a'..=b'z', b'.' | b')', ..]),
);
static CODE_PREFIX: Pattern = Pattern::new(
    || Regex::new(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$").expect("a valid pattern"),
    starts_numeric,
);

/// A printed figure, with its exact value when one reading is settled.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Figure {
    /// The exact value (`"9801822500"`, `"94.54"`) or grade (`"BB"`); `null` if readings compete.
    #[schemars(with = "Option<String>")]
    pub value: Option<FigureValue>,
    /// Decimals printed, for the value.
    pub decimals: Option<u32>,
    /// `percent`, `rupiah`, a counted unit (`perusahaan`), or `null` for a bare number.
    pub unit: Option<Cow<'static, str>>,
    /// How sure the value is.
    pub status: FigureStatus,
    /// Every reading, when the printed digits allow more than one.
    #[serde(skip_serializing_if = "<[Reading]>::is_empty")]
    pub readings: Box<[Reading]>,
    /// Why a reading was settled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Box<str>>,
    /// The text as printed.
    pub raw: Box<str>,
    /// 1-based source line where it is printed (for a merged cell, the row it is shared from).
    pub line: usize,
    /// Read by OCR: how sure the reading is, 0 to 100 (its least sure word).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<u8>,
    /// Read by OCR with a confidence below 80: check it against the page; a finding that
    /// rests on it is a warning.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
}

impl Figure {
    /// Notes how sure OCR is of the figure (0-100).
    pub fn read_by_ocr(&mut self, confidence: u8) {
        self.confidence = Some(confidence);
        self.uncertain = confidence < crate::pdf::ocr::UNCERTAIN_BELOW;
    }
}

/// A figure's value: an exact number or a SAKIP grade, written as text in the outputs.
#[derive(Debug, Clone, Copy)]
pub enum FigureValue {
    /// An exact number, its scale the decimals printed.
    Number(Decimal),
    /// A SAKIP grade (`BB`).
    Grade(Grade),
}

impl FigureValue {
    /// The number, for a figure that is one.
    pub fn number(self) -> Option<Number> {
        match self {
            FigureValue::Number(value) => Some(Number::of_decimal(value)),
            FigureValue::Grade(_) => None,
        }
    }
}

/// Two values are the same when they print the same: `1.50` is not `1.5`.
impl PartialEq for FigureValue {
    fn eq(&self, other: &FigureValue) -> bool {
        match (self, other) {
            (FigureValue::Number(a), FigureValue::Number(b)) => a.serialize() == b.serialize(),
            (FigureValue::Grade(a), FigureValue::Grade(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for FigureValue {}

impl std::fmt::Display for FigureValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FigureValue::Number(value) => value.fmt(f),
            FigureValue::Grade(grade) => write!(f, "{grade:?}"),
        }
    }
}

impl Serialize for FigureValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// How sure a figure's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FigureStatus {
    /// One reading.
    Exact,
    /// Two conventions read it; its column settled one (see `reason`).
    Settled,
    /// Two conventions read it and nothing settled which: see `readings`.
    Ambiguous,
    /// It fits no convention: see `readings` for the repairs.
    Malformed,
    /// Printed as nil (`-`): no value, not zero.
    Nil,
    /// A SAKIP grade (`BB`) in `value`.
    Grade,
    /// Words, not a number.
    Text,
}

/// One indicator of one table row, for one year (and period).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Indicator {
    /// Id of the table it comes from.
    pub table: String,
    /// Caption number of that table (`3.1`).
    pub table_number: Option<String>,
    /// 1-based source line of the row.
    pub line: usize,
    /// The strategic objective, as printed (merged cells resolved).
    pub sasaran: Option<String>,
    /// The indicator, as printed.
    pub indikator: String,
    /// Unit column, when the table has one.
    pub satuan: Option<String>,
    /// The year the figures are for.
    pub year: Option<u16>,
    /// `annual`, or a part of the year (`S1`, `S2`, `Q2`).
    pub period: String,
    /// Target.
    pub target: Option<Figure>,
    /// Realisasi (achieved).
    pub realisasi: Option<Figure>,
    /// Capaian (achievement, %).
    pub capaian: Option<Figure>,
}

impl Indicator {
    /// Its figures: target, realisasi, capaian.
    pub fn figures_mut(&mut self) -> [&mut Option<Figure>; 3] {
        [&mut self.target, &mut self.realisasi, &mut self.capaian]
    }
}

/// One line of a budget table.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct BudgetLine {
    /// Id of the table it comes from.
    pub table: String,
    /// Caption number of that table (`3.8`).
    pub table_number: Option<String>,
    /// 1-based source line of the row.
    pub line: usize,
    /// The code printed for the line (`4.2.3`, `A`), when there is one.
    pub code: Option<String>,
    /// Program, kegiatan, sub kegiatan, a total, or other.
    pub level: Level,
    /// The name, without its code or list prefix.
    pub name: String,
    /// The name cell as printed (continuation lines joined).
    pub raw_name: String,
    /// The year the figures are for: the column's (a Renja's plan year and its prakiraan
    /// maju are two lines), else the report's.
    pub year: Option<u16>,
    /// What the anggaran is: planned, enacted, revised, or realised.
    pub stage: Stage,
    /// Whether the line is of the one table per year whose figures count (see
    /// [`crate::stage::mark_primary`]): summing primary lines counts each program once.
    pub primary: bool,
    /// Line of the parent line (the program of a kegiatan, the total of a program).
    pub parent: Option<usize>,
    /// Budget ceiling (the revised one, where the table prints both).
    pub anggaran: Option<Figure>,
    /// The ceiling as first enacted, where the table prints it beside the revised one.
    pub anggaran_murni: Option<Figure>,
    /// Budget spent.
    pub realisasi: Option<Figure>,
    /// Spent as a percentage of the ceiling, as printed (or the physical progress, where
    /// `persen_fisik` says so).
    pub persen: Option<Figure>,
    /// Whether `persen` is the physical progress of the work (`Fisik`), which a table
    /// printing no percent spent prints in its place: not realisasi / anggaran.
    pub persen_fisik: bool,
    /// The national nomenclature entry the name matches.
    pub nomenclature: Option<crate::nomenclature::Entry>,
}

impl BudgetLine {
    /// Its figures: anggaran, anggaran murni, realisasi, persen.
    pub fn figures_mut(&mut self) -> [&mut Option<Figure>; 4] {
        [
            &mut self.anggaran,
            &mut self.anggaran_murni,
            &mut self.realisasi,
            &mut self.persen,
        ]
    }
}

/// The figure in column `col` of `row` (following a merged cell to the row it shares).
pub fn figure(table: &Table, row: &Row, col: usize) -> Option<Figure> {
    let cell = row.cell(col)?;
    match cell.merged_from() {
        Some(origin) => {
            let source = table.rows.iter().find(|r| r.line == origin)?;
            from_cell(source.cell(col)?, origin)
        }
        None => from_cell(cell, row.line),
    }
}

fn from_cell(cell: &Cell, line: usize) -> Option<Figure> {
    let mut f = Figure {
        value: None,
        decimals: None,
        unit: None,
        status: FigureStatus::Text,
        readings: Box::default(),
        reason: None,
        raw: cell.raw.trim().into(),
        line,
        confidence: None,
        uncertain: false,
    };
    match &cell.value {
        CellValue::Nil(crate::parsers::NilMarker::Empty) => return None,
        CellValue::Nil(_) => f.status = FigureStatus::Nil,
        CellValue::Grade(g) => (f.status, f.value) = (FigureStatus::Grade, Some(FigureValue::Grade(*g))),
        CellValue::Quantity(q) => {
            f.unit = unit_name(&q.unit);
            let chosen = match (&q.amount, cell.settled()) {
                (Amount::Exact(r), _) => Some((*r, FigureStatus::Exact)),
                (_, Some(s)) => Some((s.reading, FigureStatus::Settled)),
                (Amount::Ambiguous(_), None) => None,
                (Amount::Malformed(_), None) => None,
            };
            match chosen {
                Some((r, status)) => {
                    (f.value, f.decimals, f.status) = (
                        Some(FigureValue::Number(r.number.value)),
                        Some(r.number.decimals),
                        status,
                    );
                }
                None => {
                    f.status = if matches!(q.amount, Amount::Ambiguous(_)) {
                        FigureStatus::Ambiguous
                    } else {
                        FigureStatus::Malformed
                    }
                }
            }
            if !matches!(q.amount, Amount::Exact(_)) {
                f.readings = q.amount.readings().into();
                f.reason = cell.settled().map(|s| s.reason.as_str().into());
            }
        }
        CellValue::Formula(formula) => {
            if let Some(Amount::Exact(r)) = &formula.result {
                (f.value, f.decimals, f.status) = (
                    Some(FigureValue::Number(r.number.value)),
                    Some(r.number.decimals),
                    FigureStatus::Exact,
                );
            }
        }
        CellValue::Text(_) => {}
    }
    Some(f)
}

/// A unit's name: the fixed ones borrowed, not copied into every figure.
fn unit_name(unit: &Unit) -> Option<Cow<'static, str>> {
    match unit {
        Unit::None => None,
        Unit::Percent => Some(Cow::Borrowed("percent")),
        Unit::Rupiah => Some(Cow::Borrowed("rupiah")),
        Unit::Word(w) => Some(Cow::Owned(w.to_string())),
        Unit::ToOne => Some(Cow::Borrowed("1:n")),
    }
}

/// A name as printed, without a leading list number (`1. `, `1) `, `1.1. `, `a. `) and with
/// spaces tidied.
pub fn clean_name(text: &str) -> String {
    let tidy = text.split_whitespace().collect::<Vec<_>>().join(" ");
    LIST_PREFIX.replace(&tidy, "").into_owned()
}

/// The text of column `col`, following a merged cell to the row it shares.
pub fn shared_text(table: &Table, row: &Row, col: usize) -> String {
    match row.cell(col).and_then(Cell::merged_from) {
        Some(origin) => table
            .rows
            .iter()
            .find(|r| r.line == origin)
            .map(|r| r.text(col))
            .unwrap_or_default(),
        None => row.text(col),
    }
}

/// The indicators of every table that has an indicator column and performance figures.
pub fn indicators(tables: &[Table], default_year: Option<u16>, report_period: &str) -> Vec<Indicator> {
    let mut indicators: Vec<Indicator> = tables
        .iter()
        .flat_map(|t| table_indicators(t, default_year, report_period))
        .collect();
    // held for the whole report: no room left over from growing
    indicators.shrink_to_fit();
    indicators
}

/// A year and, when the column names one, the part of it (`S1`).
type When = (Option<u16>, Option<String>);

fn table_indicators(table: &Table, default_year: Option<u16>, report_period: &str) -> Vec<Indicator> {
    let Some(key) = indicator_column(table) else {
        return Vec::new();
    };
    let mut by_year: BTreeMap<When, [Option<usize>; 3]> = BTreeMap::new();
    for c in &table.columns {
        let slot = match c.role {
            Role::Target => 0,
            Role::Realisasi => 1,
            Role::Capaian => 2,
            _ => continue,
        };
        let end_of_period = c.header.to_lowercase().contains("akhir");
        let year = if end_of_period {
            c.year
        } else {
            c.year.or(default_year)
        };
        let entry = by_year.entry((year, c.period.clone())).or_default();
        entry[slot] = entry[slot].or(Some(c.index));
    }
    let sasaran = table.column(Role::Sasaran).map(|c| c.index).filter(|&c| c != key);
    let satuan = table.column(Role::Satuan).map(|c| c.index);
    // each named row with its figures for each year and period, read once
    let mut rows: Vec<(&Row, Vec<[Option<Figure>; 3]>)> = Vec::new();
    let mut texts: Vec<(String, bool)> = Vec::new();
    for row in table.data_rows() {
        let text = row.text(key);
        if text.is_empty() {
            continue;
        }
        let figures: Vec<[Option<Figure>; 3]> = by_year
            .values()
            .map(|cols| cols.map(|c| c.and_then(|i| figure(table, row, i))))
            .collect();
        texts.push((text, figures.iter().flatten().any(Option::is_some)));
        rows.push((row, figures));
    }
    let names = entries::entry_names(&texts);
    let mut out = Vec::new();
    for ((row, figures), name) in rows.into_iter().zip(names) {
        let Some(name) = name else { continue };
        for ((year, period), [target, realisasi, capaian]) in by_year.keys().zip(figures) {
            if target.is_none() && realisasi.is_none() && capaian.is_none() {
                continue;
            }
            out.push(Indicator {
                table: table.id.clone(),
                table_number: table.number.clone(),
                line: row.line,
                sasaran: sasaran
                    .map(|s| clean_name(&shared_text(table, row, s)))
                    .filter(|s| !s.is_empty()),
                indikator: name.clone(),
                satuan: satuan
                    .map(|s| row.text(s))
                    .filter(|s| !s.is_empty())
                    .or_else(|| printed_unit([&target, &realisasi])),
                year: *year,
                period: period.clone().unwrap_or_else(|| {
                    // a realisasi of the report's year measured in a quarterly report is
                    // the quarter's; a target alone (a Perjanjian Kinerja's), or an earlier
                    // year's figure, is a year's
                    let measured = (realisasi.is_some() || capaian.is_some()) && *year == default_year;
                    if measured {
                        report_period.to_string()
                    } else {
                        "annual".into()
                    }
                }),
                target,
                realisasi,
                capaian,
            });
        }
    }
    out
}

/// The unit the indicator's target or realisasi prints with its number (`73 poin`, `38
/// desa/kel`, `70 %`, `Rp 1.000`), where the table has no unit column.
fn printed_unit(figures: [&Option<Figure>; 2]) -> Option<String> {
    figures
        .into_iter()
        .flatten()
        .find_map(|f| match f.unit.as_deref()? {
            "percent" => Some("%".to_string()),
            "rupiah" => Some("Rp".to_string()),
            word => Some(word.to_string()),
        })
}

/// The fullest indicator column of a table with performance figures (else its sasaran
/// column).
fn indicator_column(table: &Table) -> Option<usize> {
    let performance = table
        .columns
        .iter()
        .any(|c| matches!(c.role, Role::Target | Role::Realisasi | Role::Capaian));
    let filled = |i: usize| table.data_rows().filter(|r| !r.text(i).is_empty()).count();
    let fullest = |role: Role| {
        table
            .columns
            .iter()
            .filter(|c| c.role == role)
            .max_by_key(|c| (filled(c.index), std::cmp::Reverse(c.index)))
    };
    // a table measuring its sasaran (or programs) with no indicator column names its rows
    // by them; beside a program or kegiatan column a sasaran is that kegiatan's output,
    // named alike under many kegiatan
    let by_sasaran = || fullest(Role::Sasaran).filter(|_| table.column(Role::Uraian).is_none());
    let best = fullest(Role::Indikator).or_else(by_sasaran);
    best.filter(|_| performance).map(|c| c.index)
}

/// The budget lines of every table with a name column and a budget column, for the year
/// each budget column names (else `default_year`, the report's).
pub fn budget_lines(tables: &[Table], default_year: Option<u16>) -> Vec<BudgetLine> {
    let mut lines: Vec<BudgetLine> = tables
        .iter()
        .flat_map(|t| {
            budget_years(t)
                .into_iter()
                .flat_map(move |(year, columns)| table_budget_lines(t, columns, year.or(default_year)))
        })
        .collect();
    mark_primary(&mut lines, tables);
    lines.shrink_to_fit();
    lines
}

/// The anggaran, realisasi and % columns of each year a table budgets: one set when its
/// anggaran columns name one year or none, else one per year they name (a Renja's `Rencana
/// Tahun 2016` and `Prakiraan Maju Rencana Tahun 2017`).
fn budget_years(table: &Table) -> Vec<(Option<u16>, [Option<usize>; 3])> {
    let roles = [Role::Anggaran, Role::RealisasiAnggaran, table.persen_role()];
    let years = crate::model::anggaran_years(&table.columns);
    if years.len() <= 1 {
        let first = roles.map(|r| table.column(r).map(|c| c.index));
        return years.into_iter().map(|y| (y, first)).collect();
    }
    let of_year = |r: Role, y: u16| table.columns.iter().find(|c| c.role == r && c.year == Some(y));
    years
        .into_iter()
        .flatten()
        .map(|y| (Some(y), roles.map(|r| of_year(r, y).map(|c| c.index))))
        .collect()
}

/// The budget lines of one table for one year, its figures from `columns` (anggaran,
/// realisasi, %).
/// A table with no program column budgets its sasaran or indicators: its lines are
/// allocations, named by the fullest indicator (else sasaran) column.
fn table_budget_lines(table: &Table, columns: [Option<usize>; 3], year: Option<u16>) -> Vec<BudgetLine> {
    let programs: Vec<usize> = table
        .columns
        .iter()
        .filter(|c| c.role == Role::Uraian)
        .map(|c| c.index)
        .collect();
    let allocated = || indicator_column(table).or_else(|| table.column(Role::Sasaran).map(|c| c.index));
    let (naming, allocation) = match programs.is_empty() {
        false => (programs, false),
        true => match allocated() {
            Some(c) => (vec![c], true),
            None => return Vec::new(),
        },
    };
    let stage = stage_of(table, columns);
    let murni = table.column_of(Role::AnggaranMurni, year).map(|c| c.index);
    let codes = table.codes();
    let fisik = columns[2]
        .and_then(|i| table.columns.get(i))
        .is_some_and(|c| c.role == Role::Fisik);
    let name_header = naming
        .first()
        .and_then(|&i| table.columns.get(i))
        .map(|c| c.header.clone())
        .unwrap_or_default();
    // a row is named by the most specific name column it prints (`Program | Kegiatan`: the
    // kegiatan beside its figures, the program a cell spanning them); a row number printed
    // in a name column before it (`1 | Pembangunan TPPAS …`) is its code
    let label = |row: &Row| {
        let printed: Vec<String> = naming
            .iter()
            .map(|&c| row.text(c))
            .filter(|t| !t.is_empty())
            .collect();
        let (name, before) = match printed.split_last() {
            Some((name, before)) => (name.clone(), before),
            None => (String::new(), &[][..]),
        };
        let numbered = before
            .iter()
            .rev()
            .find(|t| crate::parsers::is_code(t.trim()))
            .cloned();
        let code = codes
            .get(&row.line)
            .cloned()
            .filter(|t| !t.is_empty())
            .or(numbered)
            .unwrap_or_default();
        match name.is_empty() && !crate::parsers::is_code(code.trim()) {
            true => (String::new(), code),
            false => (code, name),
        }
    };
    let rows: Vec<&Row> = table.data_rows().filter(|r| !label(r).1.is_empty()).collect();
    let mut lines: Vec<BudgetLine> = rows
        .iter()
        .map(|row| {
            let (code_cell, raw_name) = label(row);
            let (code, name) = code_and_name(code_cell.trim(), &raw_name);
            let [anggaran, realisasi, persen] = columns.map(|c| c.and_then(|c| figure(table, row, c)));
            let anggaran_murni = murni.and_then(|c| figure(table, row, c));
            BudgetLine {
                table: table.id.clone(),
                table_number: table.number.clone(),
                line: row.line,
                nomenclature: lookup(&name).first().map(|e| (*e).clone()),
                code,
                level: Level::Other,
                name,
                raw_name,
                year,
                stage,
                primary: false,
                parent: None,
                anggaran,
                anggaran_murni,
                realisasi,
                persen_fisik: fisik && persen.is_some(),
                persen,
            }
        })
        .collect();
    if allocation {
        // no hierarchy to keep: a row without figures is a heading, not an allocation
        lines.retain(|l| l.anggaran.is_some() || l.realisasi.is_some() || l.persen.is_some());
        for l in &mut lines {
            (l.level, l.nomenclature) = (Level::Allocation, None);
        }
        return lines;
    }
    assign_levels(&mut lines, &name_header);
    assign_parents(&mut lines);
    outline_parents(&mut lines);
    levels_below_parents(&mut lines);
    national_codes(&mut lines);
    lines
}

/// The national entry of each line: its name's at its level, else the one its name is
/// near under its parent's entry; a code is given to one line of a table only (the first:
/// a later line of that name repeats it, as `duplicate_row` says).
fn national_codes(lines: &mut [BudgetLine]) {
    let mut taken: HashSet<String> = HashSet::new();
    for l in lines.iter_mut() {
        let same_level = lookup(&l.name).into_iter().find(|e| e.level == l.level).cloned();
        let entry = same_level.or_else(|| l.nomenclature.take());
        l.nomenclature = entry.filter(|e| taken.insert(e.code.clone()));
    }
    // each line's national code by its line, as assigned so far: a parent's is looked up,
    // not searched for through the table (a table of thousands of lines stays linear)
    let mut code_of: HashMap<usize, String> = lines
        .iter()
        .filter_map(|l| Some((l.line, l.nomenclature.as_ref()?.code.clone())))
        .collect();
    for l in lines
        .iter_mut()
        .filter(|l| l.nomenclature.is_none() && l.level < Level::Other)
    {
        let under = l.parent.and_then(|p| code_of.get(&p)).cloned();
        l.nomenclature = crate::nomenclature::near(&l.name, l.level, under.as_deref())
            .filter(|e| taken.insert(e.code.clone()))
            .cloned();
        if let Some(e) = &l.nomenclature {
            code_of.insert(l.line, e.code.clone());
        }
    }
}

/// The code of a line, from the code column or a number in front of its name.
fn code_and_name(code_cell: &str, name: &str) -> (Option<String>, String) {
    if crate::parsers::is_code(code_cell) {
        return (
            Some(code_cell.trim_end_matches('.').to_string()),
            clean_name(name),
        );
    }
    match CODE_PREFIX.captures(name.trim()) {
        Some(c) => (Some(c[1].to_string()), clean_name(&c[2])),
        None => (None, clean_name(name)),
    }
}

fn is_numeric_code(code: &Option<String>) -> bool {
    code.as_deref()
        .is_some_and(|c| c.starts_with(|ch: char| ch.is_ascii_digit()))
}

fn depth(code: &str) -> usize {
    code.split('.').count()
}

/// Levels: totals (`JUMLAH…`, `TOTAL…`, or an uncoded first line over coded ones), programs
/// by name, kegiatan and sub kegiatan by code depth under programs (or by what the name
/// column's header says), else by the national nomenclature.
fn assign_levels(lines: &mut [BudgetLine], name_header: &str) {
    let header = name_header.to_lowercase();
    let single_level = match (
        header.contains("program"),
        header.contains("sub kegiatan"),
        header.contains("kegiatan"),
    ) {
        (false, true, _) => Some(Level::SubKegiatan),
        (false, false, true) => Some(Level::Kegiatan),
        (true, false, false) => Some(Level::Program),
        _ => None,
    };
    let any_coded =
        lines.iter().any(|l| is_numeric_code(&l.code)) || lines.iter().skip(1).any(|l| is_program(&l.name));
    let programs_by_code = lines.iter().any(|l| {
        is_numeric_code(&l.code) && l.code.as_deref().is_some_and(|c| depth(c) == 1) && is_program(&l.name)
    });
    for (i, l) in lines.iter_mut().enumerate() {
        // a kegiatan first in a table (its program on the page before) is no total
        let first_over_coded = i == 0 && !is_numeric_code(&l.code) && any_coded && !is_kegiatan(&l.name);
        l.level = if is_total_label(&l.name) || first_over_coded {
            Level::Total
        } else if is_program(&l.name) {
            Level::Program
        } else if is_kegiatan(&l.name) && !(programs_by_code && is_numeric_code(&l.code)) {
            Level::Kegiatan
        } else if let (Some(code), true) = (
            l.code.as_deref().filter(|_| is_numeric_code(&l.code)),
            programs_by_code,
        ) {
            [Level::Program, Level::Kegiatan, Level::SubKegiatan]
                .get(depth(code) - 1)
                .copied()
                .unwrap_or(Level::Other)
        } else if let Some(level) = single_level.filter(|_| is_numeric_code(&l.code)) {
            level
        } else {
            l.nomenclature.as_ref().map_or(Level::Other, |e| e.level)
        };
    }
}

fn is_program(name: &str) -> bool {
    name.to_lowercase().starts_with("program")
}

fn is_kegiatan(name: &str) -> bool {
    name.to_lowercase().starts_with("kegiatan")
}

/// Parents: the line whose code is the longest prefix of this one's; for an uncoded line,
/// the last program (or coded line) above it; for top lines, the table's first total.
/// The coded heading in capitals that an uncoded heading in capitals `line` follows as its
/// sibling: the nearest line in capitals above it, when that one prints a code.
fn sibling_heading<'a>(above: &'a [BudgetLine], line: &BudgetLine) -> Option<&'a BudgetLine> {
    if line.code.is_some() || !capitals(&line.name) {
        return None;
    }
    above
        .iter()
        .rev()
        .find(|p| capitals(&p.name))
        .filter(|p| p.code.is_some() && p.level != Level::Total)
}

/// Whether a name is set in capitals (a heading of the table), not in title or sentence case.
fn capitals(name: &str) -> bool {
    name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase)
}

fn assign_parents(lines: &mut [BudgetLine]) {
    let total = lines.iter().find(|l| l.level == Level::Total).map(|l| l.line);
    // the last line above printing each numeric code (as its pieces read), and the last
    // uncoded heading in capitals: kept as the lines go, so no line looks back over all
    let mut coded: HashMap<Vec<String>, usize> = HashMap::new();
    let mut last_heading: Option<usize> = None;
    for i in 0..lines.len() {
        let pieces = lines[i]
            .code
            .as_deref()
            .filter(|_| is_numeric_code(&lines[i].code))
            .map(code_pieces);
        if lines[i].level != Level::Total {
            let parent = parent_of(lines, i, pieces.as_deref(), &coded);
            // a program under such a sibling heading (`BELANJA LANGSUNG`) is its part
            let heading = last_heading
                .filter(|&h| {
                    lines[i].level == Level::Program && sibling_heading(&lines[..h], &lines[h]).is_some()
                })
                .map(|h| lines[h].line);
            lines[i].parent = parent.or(heading).or(total.filter(|&t| t != lines[i].line));
        }
        if let Some(pieces) = pieces {
            coded.insert(pieces, i);
        }
        let l = &lines[i];
        if l.level != Level::Program && l.code.is_none() && capitals(&l.name) {
            last_heading = Some(i);
        }
    }
}

/// The pieces of a numeric code as they read (`1.20.05` and `1.20.5` are one code: a
/// leading zero is how a piece is printed, not which it is).
fn code_pieces(code: &str) -> Vec<String> {
    code.split('.')
        .map(|p| p.trim_start_matches('0').to_string())
        .collect()
}

/// The parent of line `i` (not a total): for a numeric code, the last line above whose code
/// its code extends, the deepest such; else by the headings and levels above.
fn parent_of(
    lines: &[BudgetLine],
    i: usize,
    pieces: Option<&[String]>,
    coded: &HashMap<Vec<String>, usize>,
) -> Option<usize> {
    let above = &lines[..i];
    let line = &lines[i];
    if let Some(pieces) = pieces {
        return (1..pieces.len())
            .rev()
            .find_map(|n| coded.get(&pieces[..n]))
            .map(|&p| lines[p].line);
    }
    if line.level == Level::Program {
        return None;
    }
    match sibling_heading(above, line) {
        // an uncoded heading in capitals right after a coded one's lines (`BELANJA
        // LANGSUNG` after `51 BELANJA TIDAK LANGSUNG`) is its sibling, not its part
        Some(sibling) => sibling.parent,
        // a line is never a part of one printing its own name (a second indicator's row
        // repeating its program): it is that line's sibling
        // nor a part of a line of its own level (kegiatan numbered 1, 2, 3 in a list)
        None => above
            .iter()
            .rev()
            .filter(|p| p.level != line.level || p.level == Level::Other)
            .find(|p| p.level == Level::Program || is_numeric_code(&p.code))
            .map(|p| match p.name.contains(line.name.as_str()) {
                true => p.parent,
                false => Some(p.line),
            })
            .unwrap_or_default(),
    }
}

/// Parents by outline numbering, where the codes are one (`I` over `A` over `1`; see
/// [`outline::outline_parents`]); an uncoded total keeps its parent.
fn outline_parents(lines: &mut [BudgetLine]) {
    let keep: Vec<bool> = lines
        .iter()
        .map(|l| l.level == Level::Total && l.code.is_none())
        .collect();
    let codes: Vec<Option<&str>> = lines.iter().map(|l| l.code.as_deref()).collect();
    let Some(parents) = outline::outline_parents(&codes, &keep) else {
        return;
    };
    let line_of: Vec<usize> = lines.iter().map(|l| l.line).collect();
    for ((l, parent), keep) in lines.iter_mut().zip(parents).zip(keep) {
        if !keep {
            l.parent = parent.and_then(|i| line_of.get(i).copied());
        }
    }
}

/// How many pieces `code` extends `parent` by (`1.20.5.59.02` extends `1.20.05.59` by one:
/// a leading zero is how a piece is printed, not which it is); `None` when it does not.
fn pieces_below(code: &str, parent: &str) -> Option<usize> {
    let (code, parent) = (code_pieces(code), code_pieces(parent));
    (code.len() > parent.len() && code.iter().zip(&parent).all(|(a, b)| a == b))
        .then(|| code.len() - parent.len())
}

/// A line of no known level whose code extends its parent's by one piece is the level
/// below the parent's: a kegiatan of a program (`1.20.05.57.01` under `1.20.05.57`), a sub
/// kegiatan of a kegiatan.
fn levels_below_parents(lines: &mut [BudgetLine]) {
    let at: HashMap<usize, usize> = lines.iter().enumerate().map(|(i, l)| (l.line, i)).collect();
    for i in 0..lines.len() {
        let (Level::Other, Some(parent), Some(code)) =
            (lines[i].level, lines[i].parent, lines[i].code.as_deref())
        else {
            continue;
        };
        let Some(above) = at.get(&parent).filter(|&&j| j < i).map(|&j| &lines[j]) else {
            continue;
        };
        let one_deeper = above.code.as_deref().and_then(|pc| pieces_below(code, pc)) == Some(1);
        let below = match above.level {
            Level::Program => Level::Kegiatan,
            Level::Kegiatan => Level::SubKegiatan,
            _ => continue,
        };
        if one_deeper {
            lines[i].level = below;
        }
    }
}
