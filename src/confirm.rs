//! Column roles the row arithmetic confirms. A header can mislead (`% Realisasi` under
//! `Kinerja`, a `Fisik` column holding the percent spent); the figures cannot: a column
//! that is, row after row, the percent one column makes of another is that percent.

use crate::model::{Column, Confirmed, Role, Row, RowKind};
use crate::parsers::is_percent_of;

/// A percent, the figure it is a percent of, and the figure that is 100%: capaian of
/// realisasi and target, the percent spent of realisasi anggaran and anggaran.
const RATIOS: [Ratio; 2] = [
    (Role::Capaian, Role::Realisasi, Role::Target),
    (Role::PersenAnggaran, Role::RealisasiAnggaran, Role::Anggaran),
];

/// The fewest rows a ratio must hold on to name a column.
const MIN_ROWS: usize = 2;

/// Names as the percent a table lacks (no column has that role yet) the column whose
/// figures are that percent on at least two rows and on two rows in three of those that
/// print all three figures. Candidates are columns no header named, and a second column
/// of the part's own role (`Kinerja` over `Target | Realisasi | % Realisasi`).
pub fn confirm_ratio_columns(columns: &mut [Column], rows: &[Row]) {
    name_lacking(columns, rows, |(ratio, _, _)| ratio, best_ratio_column);
}

/// Names as the figure a percent is of (realisasi, realisasi anggaran) the column a table
/// lacks it for (no column has that role yet): the column no header named that the percent
/// column is, on at least two rows and on two rows in three of those that print all three,
/// the percent of the whole (a header no table has used yet, or one OCR misread).
pub fn confirm_part_columns(columns: &mut [Column], rows: &[Row]) {
    name_lacking(columns, rows, |(_, part, _)| part, best_part_column);
}

/// A percent, the figure it is of and the whole (see [`RATIOS`]).
type Ratio = (Role, Role, Role);

/// Finds, for a ratio, the column best confirmed in a role and the evidence.
type Best = fn(&[Column], &[Row], Ratio) -> Option<(usize, Confirmed)>;

/// For each ratio, names the column `best` finds as the role `lacking` picks of it, where
/// no column has that role yet, keeping the evidence.
fn name_lacking(columns: &mut [Column], rows: &[Row], lacking: fn(Ratio) -> Role, best: Best) {
    for ratio in RATIOS {
        let role = lacking(ratio);
        if columns.iter().any(|c| c.role == role) {
            continue;
        }
        let Some((at, evidence)) = best(columns, rows, ratio) else {
            continue;
        };
        if let Some(c) = columns.get_mut(at) {
            c.role = role;
            c.confirmed = Some(evidence);
        }
    }
}

/// Where a table prints two anggaran of one year (`Anggaran Murni | Anggaran Perubahan`),
/// the one its percent spent is the percent of is the anggaran a line counts; without a
/// percent to decide (or where both fit alike), the one whose header names the revision
/// (`perubahan`, `revisi`). Of the others, one named as enacted (`murni`, `awal`, `induk`)
/// is the anggaran before revision; any other is left to table_cells.
pub fn confirm_counted_anggaran(columns: &mut [Column], rows: &[Row]) {
    for year in crate::model::anggaran_years(columns) {
        let ceilings: Vec<usize> = columns
            .iter()
            .filter(|c| c.role == Role::Anggaran && c.year == year)
            .map(|c| c.index)
            .collect();
        if ceilings.len() < 2 {
            continue;
        }
        let Some(counted) = counted_ceiling(columns, rows, &ceilings, year) else {
            continue;
        };
        for c in columns
            .iter_mut()
            .filter(|c| c.index != counted && ceilings.contains(&c.index))
        {
            c.role = match says(&c.header, &["murni", "awal", "induk"]) {
                true => Role::AnggaranMurni,
                false => Role::Other,
            };
        }
    }
}

/// Of two anggaran columns or more of `year`, the one a line counts (see
/// [`confirm_counted_anggaran`]).
fn counted_ceiling(columns: &[Column], rows: &[Row], ceilings: &[usize], year: Option<u16>) -> Option<usize> {
    let of_year = |role: Role| {
        columns
            .iter()
            .find(|c| c.role == role && (c.year.is_none() || year.is_none() || c.year == year))
            .map(|c| c.index)
    };
    if let (Some(p), Some(r)) = (of_year(Role::PersenAnggaran), of_year(Role::RealisasiAnggaran)) {
        let tallies: Vec<(usize, Confirmed)> = ceilings
            .iter()
            .map(|&w| (w, tally(rows, [p, r, w], false)))
            .collect();
        let most = tallies.iter().map(|(_, e)| e.holds).max().unwrap_or(0);
        let best: Vec<&(usize, Confirmed)> = tallies.iter().filter(|(_, e)| e.holds == most).collect();
        if let [(at, e)] = best[..] {
            if e.holds >= MIN_ROWS && e.holds * 3 >= e.rows * 2 {
                return Some(*at);
            }
        }
    }
    ceilings.iter().copied().find(|&i| {
        columns
            .get(i)
            .is_some_and(|c| says(&c.header, &["perubahan", "revisi"]))
    })
}

/// Whether a header holds one of `words`.
fn says(header: &str, words: &[&str]) -> bool {
    let lower = header.to_lowercase();
    words.iter().any(|w| lower.contains(w))
}

/// The column best confirmed as `ratio` of `part` over `whole` (the first with the most
/// rows, among those confirmed), and the evidence.
fn best_ratio_column(
    columns: &[Column],
    rows: &[Row],
    (ratio, part, whole): Ratio,
) -> Option<(usize, Confirmed)> {
    let candidate = move |c: &Column, p: &Column| {
        c.index != p.index && (matches!(c.role, Role::Other | Role::Fisik) || c.role == part)
    };
    best_beside(columns, rows, ratio, (part, whole), candidate, |c, p, w| {
        [c, p, w]
    })
}

/// The column no header named best confirmed as the `part` the `ratio` column is a
/// percent of (the first with the most rows, among those confirmed), and the evidence.
fn best_part_column(
    columns: &[Column],
    rows: &[Row],
    (ratio, _, whole): Ratio,
) -> Option<(usize, Confirmed)> {
    let candidate = |c: &Column, _: &Column| c.role == Role::Other;
    best_beside(columns, rows, ratio, (ratio, whole), candidate, |c, r, w| {
        [r, c, w]
    })
}

/// Of the columns `candidate` admits beside each `known` column and a `whole` of its year,
/// the best confirmed as the one `ratio` lacks (see [`best`]); `place` puts a candidate,
/// the known column and the whole in [`tally`]'s order (percent, part, whole).
fn best_beside(
    columns: &[Column],
    rows: &[Row],
    ratio: Role,
    (known, whole): (Role, Role),
    candidate: impl Fn(&Column, &Column) -> bool + Copy,
    place: fn(usize, usize, usize) -> [usize; 3],
) -> Option<(usize, Confirmed)> {
    let with = |role: Role| columns.iter().filter(move |c| c.role == role);
    let inverse_too = ratio == Role::Capaian;
    let pairs = with(known).flat_map(|k| with(whole).filter(move |w| same_year(k, w)).map(move |w| (k, w)));
    best(pairs.flat_map(|(k, w)| {
        columns
            .iter()
            .filter(move |c| candidate(c, k) && same_year(c, k) && same_year(c, w))
            .map(move |c| {
                (
                    c.index,
                    tally(rows, place(c.index, k.index, w.index), inverse_too),
                )
            })
    }))
}

/// Of the candidate columns and their evidence, the first with the most rows among those
/// the ratio holds on for two rows at least and two in three of those that print it.
fn best(candidates: impl Iterator<Item = (usize, Confirmed)>) -> Option<(usize, Confirmed)> {
    candidates
        .filter(|(_, e)| e.holds >= MIN_ROWS && e.holds * 3 >= e.rows * 2)
        .reduce(|best, next| if next.1.holds > best.1.holds { next } else { best })
}

/// Whether two columns may be of one year: the same year, or one names none.
fn same_year(a: &Column, b: &Column) -> bool {
    a.year.is_none() || b.year.is_none() || a.year == b.year
}

/// On how many data rows column `c` is the percent `p` makes of `w` (or, for a capaian,
/// `w` of `p`: an indicator where less is better), of how many print all three.
fn tally(rows: &[Row], [c, p, w]: [usize; 3], inverse_too: bool) -> Confirmed {
    let mut evidence = Confirmed {
        percent: c,
        part: p,
        whole: w,
        holds: 0,
        rows: 0,
    };
    for row in rows.iter().filter(|r| r.kind == RowKind::Data) {
        let number = |i: usize| row.cell(i).and_then(|cell| cell.number());
        let (Some(stated), Some(part), Some(whole)) = (number(c), number(p), number(w)) else {
            continue;
        };
        evidence.rows += 1;
        if is_percent_of(stated, part, whole, true) || inverse_too && is_percent_of(stated, whole, part, true)
        {
            evidence.holds += 1;
        }
    }
    evidence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::name_columns;
    use crate::model::Cell;

    fn row(line: usize, cells: &[&str]) -> Row {
        Row {
            line,
            page: None,
            kind: RowKind::Data,
            cells: cells.iter().map(|c| Cell::read(c)).collect(),
            realigned: None,
        }
    }

    fn columns(headers: &[&str]) -> Vec<Column> {
        name_columns(headers.iter().map(|h| vec![h.to_string()]).collect())
    }

    /// Diskimrum's last column, headed `Fisik`, holds the percent spent on most rows of a
    /// page: it is that percent, with the evidence kept.
    #[test]
    fn a_column_that_is_the_percent_spent_on_most_rows_is_that_percent() {
        let mut cols = columns(&["Program", "Anggaran (9)", "Realisasi Keuangan (10)", "Fisik (11)"]);
        assert_eq!(cols[3].role, Role::Fisik);
        let rows = [
            row(
                1,
                &["Program A", "7.106.103.750,00", "6.598.512.733,00", "92,86%"],
            ),
            row(
                2,
                &["Kegiatan 1", "1.487.101.000,00", "1.484.721.000,00", "99.84%"],
            ),
            row(3, &["Kegiatan 2", "566.970.000,00", "316.170.733,00", "99.84%"]),
            row(4, &["Kegiatan 3", "43.853.750,00", "0", "0.00%"]),
        ];
        confirm_ratio_columns(&mut cols, &rows);
        assert_eq!(cols[3].role, Role::PersenAnggaran);
        let evidence = cols[3].confirmed.expect("the arithmetic named it");
        assert_eq!(
            (evidence.part, evidence.whole, evidence.holds, evidence.rows),
            (2, 1, 3, 4)
        );
    }

    /// Where the ratio holds on fewer than two rows in three, or on one row only, the
    /// column keeps its header's role; a table that has the percent keeps it.
    #[test]
    fn too_few_rows_or_a_percent_already_named_confirm_nothing() {
        let headers = ["Program", "Anggaran", "Realisasi", "Fisik"];
        let mut cols = columns(&headers);
        let rows = [
            row(1, &["A", "200", "100", "50"]),
            row(2, &["B", "200", "100", "80"]),
            row(3, &["C", "200", "100", "90"]),
        ];
        confirm_ratio_columns(&mut cols, &rows);
        assert_eq!(cols[3].role, Role::Fisik);
        let mut cols = columns(&headers);
        confirm_ratio_columns(&mut cols, &rows[..1]);
        assert_eq!(cols[3].role, Role::Fisik);
        let mut cols = columns(&["Program", "Anggaran", "Realisasi", "%", "Fisik"]);
        let rows = [
            row(1, &["A", "200", "100", "50", "50"]),
            row(2, &["B", "400", "100", "25", "25"]),
        ];
        confirm_ratio_columns(&mut cols, &rows);
        assert_eq!(cols[3].role, Role::PersenAnggaran);
        assert_eq!((cols[4].role, cols[4].confirmed), (Role::Fisik, None));
    }

    /// A capaian where less is better is target / realisasi: it confirms the column too.
    #[test]
    fn a_capaian_of_a_lower_is_better_indicator_confirms_its_column() {
        let mut cols = columns(&["Indikator", "Target", "Realisasi", "Nilai"]);
        let rows = [
            row(1, &["Angka kematian", "10", "8", "125"]),
            row(2, &["Persentase lulus", "80", "88", "110"]),
        ];
        confirm_ratio_columns(&mut cols, &rows);
        assert_eq!(cols[3].role, Role::Capaian);
    }

    /// A realisasi column whose header no table has used (OCR read `REALISASI (Rp.)` as
    /// `ia “anta`) is named by the percent spent the table prints of it, with the
    /// evidence; where the percent holds on one row only, nothing is named.
    #[test]
    fn a_column_the_percent_spent_is_of_is_the_realisasi_it_lacks() {
        let mut cols = columns(&["Uraian", "Anggaran (Rp)", "ia “anta", "Capaian"]);
        assert_eq!(cols[2].role, Role::Other);
        assert_eq!(cols[3].role, Role::PersenAnggaran);
        let rows = [
            row(
                1,
                &[
                    "Belanja Tidak Langsung",
                    "45.955.396.559",
                    "42.288.921.240",
                    "92,02",
                ],
            ),
            row(
                2,
                &["Belanja Pegawai", "18.996.298.100", "18.542.811.100", "97,61"],
            ),
            row(
                3,
                &["Belanja Modal", "174.093.522.100", "143.686.419.145", "8253"],
            ),
        ];
        let mut one_row = cols.clone();
        confirm_part_columns(&mut one_row, &rows[1..]);
        assert_eq!((one_row[2].role, one_row[2].confirmed), (Role::Other, None));
        confirm_part_columns(&mut cols, &rows);
        assert_eq!(cols[2].role, Role::RealisasiAnggaran);
        let evidence = cols[2].confirmed.expect("the arithmetic named it");
        assert_eq!(
            (
                evidence.percent,
                evidence.part,
                evidence.whole,
                evidence.holds,
                evidence.rows
            ),
            (3, 2, 1, 2, 3)
        );
        assert!(evidence
            .note("ia “anta", 2)
            .contains("read as the figure this percent is of"));
    }

    /// Dispenda's Tabel 3.5 prints `Anggaran Murni | Anggaran Perubahan | Realisasi | %`:
    /// the percent is of the revised anggaran, which the line counts; the enacted one is kept
    /// as such.
    #[test]
    fn the_anggaran_the_percent_is_of_counts_and_the_enacted_one_is_kept() {
        let headers = [
            "Program",
            "Anggaran Murni",
            "Anggaran Perubahan",
            "Realisasi",
            "%",
        ];
        let mut cols = columns(&headers);
        let rows = [
            row(1, &["A", "910.096.700", "528.001.700", "489.044.700", "92,62"]),
            row(2, &["B", "628.008.650", "414.893.650", "397.470.000", "95,80"]),
            row(3, &["C", "180.800.000", "180.800.000", "171.800.000", "95,02"]),
        ];
        confirm_counted_anggaran(&mut cols, &rows);
        let roles: Vec<Role> = cols.iter().map(|c| c.role).collect();
        assert_eq!(roles[1..3], [Role::AnggaranMurni, Role::Anggaran]);
        // where both fit alike, the header naming the revision decides; a third ceiling
        // named neither way is left to table_cells
        let mut cols = columns(&["Program", "Anggaran Awal", "Anggaran Revisi", "Anggaran APBN"]);
        confirm_counted_anggaran(&mut cols, &rows[2..]);
        let roles: Vec<Role> = cols.iter().map(|c| c.role).collect();
        assert_eq!(roles[1..], [Role::AnggaranMurni, Role::Anggaran, Role::Other]);
        // two ceilings nothing tells apart stay as printed
        let mut cols = columns(&["Program", "Anggaran", "Anggaran"]);
        confirm_counted_anggaran(&mut cols, &rows[2..]);
        assert!(cols[1..].iter().all(|c| c.role == Role::Anggaran));
    }
}
