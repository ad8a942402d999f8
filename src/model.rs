//! The document model: what the segmentation and table stages find in a report.
//! Plain data, passed from stage to stage and written out as part of the canonical JSON.

use crate::parsers::{parse_cell, CellValue, Number, Reading};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashMap;

/// A section heading or a table caption, with the lines it spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Heading {
    /// What kind of heading this is.
    pub kind: HeadingKind,
    /// Depth in the tree: `BAB` is 1, `A.`/`1.1` are 2, `A.1`/`3.1.2` are 3; captions sit below.
    pub level: u8,
    /// The printed number (`III`, `A`, `3.1.2`, `3.8`), when there is one.
    pub number: Option<String>,
    /// The heading text, without its number or markup.
    pub title: String,
    /// 1-based line of the heading.
    pub line: usize,
    /// Last line of the section (the line before the next heading of the same or a higher level).
    pub end_line: usize,
    /// Index of the enclosing heading in the document's heading list.
    pub parent: Option<usize>,
}

/// The kinds of heading a report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HeadingKind {
    /// A chapter: `BAB III AKUNTABILITAS KINERJA`.
    Bab,
    /// A section: `A. Capaian Kinerja Organisasi`, `1.1 LATAR BELAKANG`, `A.1 …`, `I. Tugas Pokok`.
    Section,
    /// A table caption: `Tabel 3.8 Data Realisasi Fisik dan Keuangan Tahun 2023`.
    Caption,
}

/// A table rebuilt from the report: its parts joined across page breaks, its columns named.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Table {
    /// Stable id within the report: `T1`, `T2`, … in reading order.
    pub id: String,
    /// The caption number (`3.8`), when the table has a `Tabel` caption.
    pub number: Option<String>,
    /// The caption or title printed above the table.
    pub title: Option<String>,
    /// Index of the heading of the section the table sits in.
    pub section: Option<usize>,
    /// First and last source line of the table (1-based, inclusive).
    pub lines: [usize; 2],
    /// How the table was recovered.
    pub layout: Layout,
    /// The columns, with their header text and role.
    pub columns: Vec<Column>,
    /// Every row, header and continuation rows included.
    pub rows: Vec<Row>,
}

/// How a table's cells were found in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Tab-separated cells, one row per line.
    Tabs,
    /// Slide text: cells separated by spaces and line breaks.
    Slides,
    /// A PDF's table cells from its structure tree (`Table`/`TR`/`TD` tags).
    PdfTags,
    /// A PDF's table cells between the vertical rules it draws.
    PdfRules,
    /// A PDF's table cells from the gaps and alignment of its text (no rules, no tags).
    PdfStream,
}

impl Layout {
    /// Whether each row is one line with its cells in tab-separated columns (a text dump's
    /// table, or a PDF's laid out so), as opposed to slide text.
    pub fn in_columns(self) -> bool {
        self != Layout::Slides
    }
}

/// How the cells of one table row of a PDF were found, the cells that span columns, and
/// where each is printed.
#[derive(Debug, Clone, PartialEq)]
pub struct RowGeometry {
    /// Tags, rules or text alignment.
    pub layout: Layout,
    /// The cells of the row that cover more than one column, as the page draws them.
    pub spans: Vec<Span>,
    /// Where each cell of the row (each tab field, in order) is printed, when known.
    pub boxes: Vec<Option<BBox>>,
}

/// Where a cell's text is printed on its page: points from the page's top left corner as
/// its text reads (a table set sideways: the page turned to read it), to a tenth of a point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct BBox {
    /// Left edge of its ink.
    pub x0: f64,
    /// Top of its first line.
    pub top: f64,
    /// Right edge of its ink.
    pub x1: f64,
    /// Bottom of its last line.
    pub bottom: f64,
}

impl BBox {
    /// The box of text from `x0` to `x1` on a line of font size `em` set on baseline `y`.
    pub fn of_line(x0: f64, x1: f64, y: f64, em: f64) -> BBox {
        let tenth = |v: f64| (v * 10.0).round() / 10.0;
        BBox {
            x0: tenth(x0),
            top: tenth(y - em * ASCENT),
            x1: tenth(x1),
            bottom: tenth(y + em * (1.0 - ASCENT)),
        }
    }

    /// The box of text from `x0` to `x1` over `lines` (each its baseline and font size);
    /// `None` without lines.
    pub fn over_lines(x0: f64, x1: f64, lines: impl IntoIterator<Item = (f64, f64)>) -> Option<BBox> {
        union_of(
            lines
                .into_iter()
                .map(|(y, em)| Some(BBox::of_line(x0, x1, y, em))),
        )
    }

    /// The smallest box holding both.
    pub fn union(self, other: BBox) -> BBox {
        BBox {
            x0: self.x0.min(other.x0),
            top: self.top.min(other.top),
            x1: self.x1.max(other.x1),
            bottom: self.bottom.max(other.bottom),
        }
    }
}

/// How much of a font's size lies above the baseline (the rest, below it).
const ASCENT: f64 = 0.8;

/// The union of the boxes given, if any.
pub fn union_of(boxes: impl IntoIterator<Item = Option<BBox>>) -> Option<BBox> {
    boxes.into_iter().flatten().reduce(BBox::union)
}

/// A cell covering columns `first..=last` (0-based) of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// The first column it covers.
    pub first: usize,
    /// The last column it covers.
    pub last: usize,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Column {
    /// 0-based position.
    pub index: usize,
    /// The header text of the column, spanning header rows joined (`Anggaran Realisasi (Rp)`).
    pub header: String,
    /// The header rows' labels over the column, top to bottom (`2016` › `Target`), a
    /// spanning label repeated over each column it spans; given when there are several.
    #[serde(skip_serializing_if = "one_label")]
    pub header_path: Vec<String>,
    /// What the column holds.
    pub role: Role,
    /// The year the column is about, when its header names one.
    pub year: Option<u16>,
    /// The part of the year the column is about (`S1`, `S2`, `Q2`), when its header names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// When the row arithmetic, not the header, named the column: the evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed: Option<Confirmed>,
}

/// The rows on which one column is the percent a second makes of a third: the evidence a
/// column the arithmetic named (the percent, or the figure it is a percent of) was read by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Confirmed {
    /// The column of the percent (capaian, percent spent).
    pub percent: usize,
    /// The column of the figure it is a percent of (realisasi).
    pub part: usize,
    /// The column of the figure that is 100% (target, anggaran).
    pub whole: usize,
    /// Rows on which the percent holds.
    pub holds: usize,
    /// Rows that print all three figures.
    pub rows: usize,
}

impl Confirmed {
    /// What a finding on column `column` (headed `header`), read this way, should say
    /// about how it was read.
    pub fn note(&self, header: &str, column: usize) -> String {
        let (holds, rows) = (self.holds, self.rows);
        match column == self.percent {
            true => format!(
                "the column headed `{header}` is read as this percent because its figures are the ratio on {holds} of {rows} rows; this row may print something else there"
            ),
            false => format!(
                "the column headed `{header}` is read as the figure this percent is of because the percent is its ratio on {holds} of {rows} rows; this row may print something else there"
            ),
        }
    }
}

/// Whether a header path is a single label (or none): the header says it all.
fn one_label(path: &[String]) -> bool {
    path.len() <= 1
}

/// What a column holds, in the reports' own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Row number or program/kegiatan code (`No`, `Kode`).
    No,
    /// Name of a program, kegiatan, sub kegiatan or other line (`Uraian`, `Program dan kegiatan`).
    Uraian,
    /// Strategic objective (`Sasaran Strategis`).
    Sasaran,
    /// Performance indicator (`Indikator Kinerja`).
    Indikator,
    /// Unit of an indicator (`Satuan`).
    Satuan,
    /// Performance target.
    Target,
    /// Performance achieved.
    Realisasi,
    /// Achievement percentage, realisasi against target.
    Capaian,
    /// Budget ceiling (`Anggaran`, `Pagu`, `Alokasi`).
    Anggaran,
    /// The anggaran as first enacted, beside the revised one the line counts (`Anggaran
    /// Murni | Anggaran Perubahan`).
    AnggaranMurni,
    /// Budget spent.
    RealisasiAnggaran,
    /// Budget spent as a percentage of the ceiling.
    PersenAnggaran,
    /// What is left of the budget, in rupiah or percent (`Sisa Anggaran`, `SILPA`).
    Sisa,
    /// Physical progress of the work, a percent (`Fisik`, `Realisasi Fisik (%)`).
    Fisik,
    /// Share of a total budget (`% Anggaran`).
    Proporsi,
    /// Efficiency: capaian kinerja minus capaian anggaran.
    Efisiensi,
    /// A difference between two other columns (`Selisih`).
    Selisih,
    /// A count or total without a more specific role (`Jumlah`).
    Jumlah,
    /// A baseline value (`Tahun Dasar`, `Kondisi Awal`).
    Baseline,
    /// A figure counted up to a year since the plan began (`Realisasi s.d Tahun 2016`), not
    /// that year's own.
    Kumulatif,
    /// A figure to compare with: another government's (`Standar Nasional`), or the year's
    /// against another year or the plan's end (`Realisasi 2016 Thdp Thn 2015`).
    Pembanding,
    /// Remarks, sources.
    Keterangan,
    /// Any other label or value.
    Other,
}

impl Role {
    /// Whether the column holds figures rather than names.
    pub fn is_value(self) -> bool {
        !matches!(
            self,
            Role::No
                | Role::Uraian
                | Role::Sasaran
                | Role::Indikator
                | Role::Satuan
                | Role::Keterangan
                | Role::Other
        )
    }

    /// Whether the column holds budget figures.
    pub fn is_budget(self) -> bool {
        matches!(
            self,
            Role::Anggaran | Role::AnggaranMurni | Role::RealisasiAnggaran | Role::PersenAnggaran
        )
    }
}

/// The years the anggaran columns name, each once, in column order (`None` for one naming
/// none).
pub fn anggaran_years(columns: &[Column]) -> Vec<Option<u16>> {
    let mut years: Vec<Option<u16>> = Vec::new();
    for c in columns.iter().filter(|c| c.role == Role::Anggaran) {
        if !years.contains(&c.year) {
            years.push(c.year);
        }
    }
    years
}

/// One printed row of a table.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Row {
    /// 1-based source line.
    pub line: usize,
    /// For a PDF, the page the row starts on, as a viewer counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// What the row is.
    pub kind: RowKind,
    /// The cells as printed, left to right.
    pub cells: Vec<Cell>,
    /// When the converter shifted the row's cells to the right: how it is read back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub realigned: Option<Realigned>,
}

/// A row whose cells from `from_column` on were printed `by` places too far right (an extra
/// empty cell before them); they are read `by` places to the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Realigned {
    /// First column read from a shifted cell.
    pub from_column: u32,
    /// How many places the cells were shifted.
    pub by: u32,
}

/// What a row of a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum RowKind {
    /// A one-cell banner above the header (`TUJUAN Menurunkan …`).
    Title,
    /// A header row.
    Header,
    /// A column-numbering row (`1 2 3 4`, `(1) (2) … (9)=(5)-(8)`).
    Numbering,
    /// The header printed again after a page break.
    RepeatedHeader,
    /// A row of data.
    Data,
    /// Text that spilled over from the row at `of_line`; its pieces are joined to that row.
    Continuation {
        /// Line of the row the text belongs to.
        of_line: usize,
    },
    /// Markdown residue or an empty row (`--  ---  ---`).
    Rule,
}

/// One printed cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The text exactly as printed.
    pub raw: Box<str>,
    /// What the cell was read as.
    pub value: CellValue,
    /// What only some cells have, kept apart: a report has millions of cells.
    more: Option<Box<CellMore>>,
}

/// What a cell may have beyond its text and reading.
#[derive(Debug, Clone, PartialEq, Default)]
struct CellMore {
    joined: Option<String>,
    bbox: Option<BBox>,
    merged_from: Option<usize>,
    settled: Option<Settled>,
}

// a cell as the canonical JSON writes it, its doc comment the schema's description
/// One printed cell.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Cell")]
struct CellView<'a> {
    /// The text exactly as printed.
    raw: &'a str,
    /// The text with continuation pieces joined, when it differs from `raw`.
    #[serde(skip_serializing_if = "Option::is_none")]
    joined: Option<&'a str>,
    /// What the cell was read as (absent for plain text and empty cells).
    #[serde(skip_serializing_if = "is_plain")]
    value: &'a CellValue,
    /// For a PDF, where the cell is printed on its row's page.
    #[serde(skip_serializing_if = "Option::is_none")]
    bbox: Option<BBox>,
    /// For an empty cell under a merged span: the line of the row whose value it shares.
    #[serde(skip_serializing_if = "Option::is_none")]
    merged_from: Option<usize>,
    /// For an ambiguous number: the reading its column settles, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    settled: Option<&'a Settled>,
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        CellView {
            raw: &self.raw,
            joined: self.joined(),
            value: &self.value,
            bbox: self.bbox(),
            merged_from: self.merged_from(),
            settled: self.settled(),
        }
        .serialize(serializer)
    }
}

impl JsonSchema for Cell {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        CellView::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        CellView::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        CellView::json_schema(generator)
    }
}

/// The reading chosen for an ambiguous number, and the evidence for it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Settled {
    /// The reading taken.
    pub reading: Reading,
    /// Why this reading: what the rest of the column prints.
    pub reason: String,
}

fn is_plain(v: &CellValue) -> bool {
    matches!(
        v,
        CellValue::Text(_) | CellValue::Nil(crate::parsers::NilMarker::Empty)
    )
}

impl Cell {
    /// A cell as printed, read by the grammar.
    pub fn read(raw: &str) -> Cell {
        Cell {
            raw: raw.into(),
            value: parse_cell(raw),
            more: None,
        }
    }

    /// The text with continuation pieces joined, when it differs from `raw`.
    pub fn joined(&self) -> Option<&str> {
        self.more.as_ref()?.joined.as_deref()
    }

    /// For a PDF, where the cell is printed on its row's page.
    pub fn bbox(&self) -> Option<BBox> {
        self.more.as_ref()?.bbox
    }

    /// For an empty cell under a merged span: the line of the row whose value it shares.
    pub fn merged_from(&self) -> Option<usize> {
        self.more.as_ref()?.merged_from
    }

    /// For an ambiguous number: the reading its column settles, and why.
    pub fn settled(&self) -> Option<&Settled> {
        self.more.as_ref()?.settled.as_ref()
    }

    /// Sets the text with continuation pieces joined.
    pub fn set_joined(&mut self, joined: String) {
        self.more().joined = Some(joined);
    }

    /// Sets where the cell is printed, when known.
    pub fn set_bbox(&mut self, bbox: Option<BBox>) {
        if bbox.is_some() || self.more.is_some() {
            self.more().bbox = bbox;
        }
    }

    /// Marks the cell as sharing the value of the row at `line`.
    pub fn set_merged_from(&mut self, line: usize) {
        self.more().merged_from = Some(line);
    }

    /// Sets the reading the cell's column settles, when there is one.
    pub fn set_settled(&mut self, settled: Option<Settled>) {
        if settled.is_some() || self.more.is_some() {
            self.more().settled = settled;
        }
    }

    fn more(&mut self) -> &mut CellMore {
        self.more.get_or_insert_with(Box::default)
    }

    /// The cell's text, continuation pieces included, markup removed.
    pub fn text(&self) -> String {
        crate::parsers::strip_markup(self.joined().unwrap_or(&self.raw)).into_owned()
    }

    /// The one number the cell reads as (exact, or the reading its column settled).
    pub fn number(&self) -> Option<Number> {
        match &self.value {
            CellValue::Quantity(q) => q
                .amount
                .exact()
                .or_else(|| self.settled().map(|s| s.reading.number)),
            _ => None,
        }
    }

    /// Whether nothing was printed in the cell.
    pub fn is_empty(&self) -> bool {
        self.raw.trim().is_empty()
    }

    /// Whether the cell prints an amount of rupiah (`Rp. 2.208.100.000,-`), which no header
    /// does.
    pub fn is_rupiah(&self) -> bool {
        matches!(&self.value, CellValue::Quantity(q) if q.unit == crate::parsers::Unit::Rupiah)
    }
}

impl Row {
    /// Where the cell of column `index` sits among the printed cells.
    fn position(&self, index: usize) -> usize {
        match self.realigned {
            Some(r) if index >= r.from_column as usize => index + r.by as usize,
            _ => index,
        }
    }

    /// The cell in column `index`, if the row printed that many cells.
    pub fn cell(&self, index: usize) -> Option<&Cell> {
        self.cells.get(self.position(index))
    }

    /// The cell in column `index`, for changing.
    pub fn cell_mut(&mut self, index: usize) -> Option<&mut Cell> {
        let at = self.position(index);
        self.cells.get_mut(at)
    }

    /// The text of column `index`, empty when absent.
    pub fn text(&self, index: usize) -> String {
        self.cell(index).map(Cell::text).unwrap_or_default()
    }

    /// The first non-empty cell's text: where a row prints its label or `Jumlah`.
    pub fn first_text(&self) -> String {
        self.cells
            .iter()
            .map(Cell::text)
            .find(|t| !t.is_empty())
            .unwrap_or_default()
    }
}

impl Table {
    /// The first column with `role`.
    pub fn column(&self, role: Role) -> Option<&Column> {
        self.columns.iter().find(|c| c.role == role)
    }

    /// The code each data row prints, by source line: the code column's text; for a code
    /// split over sub-columns of one header (`Kode Rekening` over `1 | 20 | 05 | 57 | 01`),
    /// the pieces joined with dots, a blank leading piece repeating the one printed above it
    /// (`84 | 01`, then ` | 02`: `84.02`), as a merged cell would.
    pub fn codes(&self) -> HashMap<usize, String> {
        let Some(first) = self.column(Role::No) else {
            return HashMap::new();
        };
        let subs: Vec<usize> = self
            .columns
            .iter()
            .skip(first.index)
            .take_while(|c| c.role == Role::No && c.header == first.header)
            .map(|c| c.index)
            .collect();
        let mut above: Vec<String> = vec![String::new(); subs.len()];
        let mut out = HashMap::new();
        for row in self.data_rows() {
            let printed: Vec<String> = subs
                .iter()
                .map(|&i| row.text(i).trim().trim_end_matches('.').to_string())
                .collect();
            let digits = printed.iter().all(|p| p.chars().all(|ch| ch.is_ascii_digit()));
            let code = match printed.iter().position(|p| !p.is_empty()) {
                Some(at) if subs.len() > 1 && digits => {
                    let pieces: Vec<String> = above
                        .iter()
                        .take(at)
                        .chain(printed.iter().skip(at))
                        .filter(|p| !p.is_empty())
                        .cloned()
                        .collect();
                    for (kept, now) in above.iter_mut().zip(&printed).skip(at) {
                        kept.clone_from(now);
                    }
                    pieces.join(".")
                }
                _ => row.text(first.index),
            };
            out.insert(row.line, code);
        }
        out
    }

    /// The role of the percent a budget line of this table prints: the percent spent,
    /// else (a table printing none) the physical progress.
    pub fn persen_role(&self) -> Role {
        match self.column(Role::PersenAnggaran) {
            Some(_) => Role::PersenAnggaran,
            None => Role::Fisik,
        }
    }

    /// The first column of `role` for `year`: one naming that year, else one naming none,
    /// else the first of the role.
    pub fn column_of(&self, role: Role, year: Option<u16>) -> Option<&Column> {
        let of_role = || self.columns.iter().filter(move |c| c.role == role);
        of_role()
            .find(|c| c.year.is_some() && c.year == year)
            .or_else(|| of_role().find(|c| c.year.is_none()))
            .or_else(|| self.column(role))
    }

    /// The data rows.
    pub fn data_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.kind == RowKind::Data)
    }
}

/// Whether a label names a row of totals (`Jumlah`, `J U M L A H`, `TOTAL`), case and spaces
/// aside.
pub fn is_total_label(label: &str) -> bool {
    let compact: String = label.to_lowercase().split_whitespace().collect();
    compact.starts_with("jumlah") || compact.starts_with("total")
}

/// Whether a label names a mean (`Rata-rata`, `RATA – RATA`, `Rerata`), case, spaces and
/// dashes aside.
pub fn is_mean_label(label: &str) -> bool {
    let letters: String = label
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(8)
        .collect();
    letters.starts_with("ratarata") || letters.starts_with("rerata")
}

/// What became of one page of a PDF: read, without text, or failed (and why).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
pub struct PageReport {
    /// 1-based page number, as a viewer counts.
    pub page: u32,
    /// Whether its text was read.
    pub status: PageStatus,
    /// For a page not read: why (`the PDF library failed on this page: …`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// First and last line of the page in the text lkjip reads (`lkjip text`), when read.
    pub lines: Option<[usize; 2]>,
    /// Characters (other than white space) its text layer draws, running lines included.
    pub chars: usize,
    /// Glyphs with no Unicode value (shown as U+FFFD in the text).
    pub unmapped: usize,
    /// For a page read by OCR (its image, not a text layer): how well it read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr: Option<PageOcr>,
}

/// How a page read by OCR read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
pub struct PageOcr {
    /// Words read.
    pub words: usize,
    /// Their mean confidence, 0 to 100.
    pub confidence: u8,
    /// Words read with a confidence below 80: a figure among them is `uncertain`.
    pub uncertain: usize,
}

impl PageOcr {
    /// What a page's OCR reading says of itself.
    pub fn of(scanned: &crate::pdf::ocr::Scanned) -> PageOcr {
        PageOcr {
            words: scanned.words.len(),
            confidence: scanned.confidence(),
            uncertain: scanned
                .words
                .iter()
                .filter(|w| w.1 < crate::pdf::ocr::UNCERTAIN_BELOW)
                .count(),
        }
    }
}

/// The page (as a viewer counts) whose text holds source line `line`, when the source is
/// a PDF that read it.
pub fn page_of(pages: &[PageReport], line: usize) -> Option<u32> {
    pages
        .iter()
        .find(|p| p.lines.is_some_and(|[first, last]| first <= line && line <= last))
        .map(|p| p.page)
}

impl PageReport {
    /// A page whose text was read: `chars` visible characters, `unmapped` glyphs without
    /// a character; its lines are filled in when the document's text is assembled.
    pub fn read(page: u32, chars: usize, unmapped: usize) -> PageReport {
        PageReport {
            page,
            status: PageStatus::Read,
            reason: None,
            lines: None,
            chars,
            unmapped,
            ocr: None,
        }
    }

    /// A page without text, or that failed, and why.
    pub fn not_read(page: u32, status: PageStatus, reason: String) -> PageReport {
        PageReport {
            reason: Some(reason),
            status,
            ..PageReport::read(page, 0, 0)
        }
    }
}

/// The status of a PDF page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PageStatus {
    /// Its text layer was read.
    Read,
    /// It draws no text (a scanned image, or a blank page).
    NoText,
    /// Reading it failed: see the reason; the other pages are read.
    Failed,
}
