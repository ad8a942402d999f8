//! Column roles: what each column of a table holds, read from its (joined) header text.

use crate::model::{Cell, Column, Role, Row, RowKind};
use crate::parsers::text::holds_ascii;
use crate::parsers::CellValue;
use crate::pattern::Pattern;
use regex::Regex;

static YEAR: Pattern = Pattern::new(
    || Regex::new(r"\b(19|20)\d{2}\b").expect("a valid pattern"),
    |t| t.contains("19") || t.contains("20"),
);
/// Every match holds `ulan`, or `semester` and so `eme` and `ter` (no `k` or `s`: see
/// `holds_ascii`).
static PERIOD: Pattern = Pattern::new(
    || Regex::new(r"(?i)\b(semester|triwulan|tribulan)\s+(IV|III|II|I|[1-4])\b").expect("a valid pattern"),
    |t| holds_ascii(t, "ulan") || holds_ascii(t, "eme") && holds_ascii(t, "ter"),
);

/// Names the columns of a table from the header path of each (its header rows' texts, top
/// to bottom).
pub fn name_columns(paths: Vec<Vec<String>>) -> Vec<Column> {
    let series = year_series(&paths);
    let mut columns: Vec<Column> = paths
        .into_iter()
        .enumerate()
        .map(|(index, path)| {
            let header = path.join(" ");
            Column {
                index,
                role: path_role(&path, &header),
                year: year_of(&header),
                period: period_of(&header),
                confirmed: None,
                header,
                header_path: path,
            }
        })
        .collect();
    if !columns.iter().any(|c| c.role == Role::Realisasi) {
        for c in columns
            .iter_mut()
            .filter(|c| c.role == Role::Capaian && series.contains(&c.index))
        {
            c.role = Role::Realisasi;
        }
    }
    budget_context(&mut columns);
    columns
}

/// The columns of year series: a label spanning two columns or more whose own labels are
/// years and nothing else (`Capaian Kinerja pada Tahun` over `2013 | 2014 | 2015 | 2016`).
/// Such a label names what each year measured — the level reached, a realisasi — not a
/// capaian percent of a target printed beside it.
fn year_series(paths: &[Vec<String>]) -> Vec<usize> {
    let bare_year = |t: &str| {
        let t = t.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace());
        t.len() == 4 && year_of(t).is_some()
    };
    let labels: Vec<Option<&[String]>> = paths
        .iter()
        .map(|p| match p.split_last() {
            Some((leaf, above)) if !above.is_empty() && bare_year(leaf) => Some(above),
            _ => None,
        })
        .collect();
    let members = |label: &[String]| labels.iter().filter(|l| **l == Some(label)).count();
    (0..paths.len())
        .filter(|&i| labels.get(i).copied().flatten().is_some_and(|l| members(l) >= 2))
        .collect()
}

/// Numbers the rows with the first of two columns under one spanning label
/// (`Dukungan program dan Kegiatan` over a kegiatan's number and its name) when it holds
/// nothing but row numbers (`1`, `2.`, `a)`): it is not a second name column. A column no
/// label names that holds nothing but outline numbers of three levels or more (`1.1.2.1`,
/// `1.2.2`: no number format reads them) numbers its rows too.
pub fn numbering_columns(columns: &mut [Column], rows: &[Row]) {
    // whether column `c` prints something in its data rows, and nothing that fails `test`
    let only = |c: usize, test: fn(&str) -> bool| {
        let mut printed = rows
            .iter()
            .filter(|r| r.kind == RowKind::Data)
            .map(|r| r.text(c))
            .filter(|t| !t.is_empty())
            .peekable();
        printed.peek().is_some() && printed.all(|t| test(&t))
    };
    for (c, column) in columns.iter_mut().enumerate() {
        if column.role == Role::Other && only(c, outline_number) {
            column.role = Role::No;
        }
    }
    for i in 1..columns.len() {
        let (Some(left), Some(right)) = (columns.get(i - 1), columns.get(i)) else {
            continue;
        };
        if left.header.is_empty() || left.header != right.header || !naming(left.role) {
            continue;
        }
        if only(i - 1, row_number) {
            if let Some(c) = columns.get_mut(i - 1) {
                c.role = Role::No;
            }
        }
    }
}

/// Names the columns of a list printed without a header (a Perjanjian Kinerja's programs,
/// each with its budget): when exactly one column prints amounts of rupiah — two or more,
/// and no other kind of figure — it is the anggaran, the column with the most text the
/// uraian, and a column of row numbers numbers the rows.
pub fn headerless_list(columns: &mut [Column], rows: &[Row]) {
    let headed = rows.iter().any(|r| r.kind == RowKind::Header);
    if headed || columns.iter().any(|c| c.role != Role::Other) {
        return;
    }
    let data = || rows.iter().filter(|r| r.kind == RowKind::Data);
    let rupiah_column = |c: usize| {
        let figures: Vec<&Cell> = data()
            .filter_map(|r| r.cell(c))
            .filter(|cell| !matches!(cell.value, CellValue::Nil(_) | CellValue::Text(_)))
            .collect();
        figures.len() >= 2 && figures.iter().all(|cell| cell.is_rupiah())
    };
    let amounts: Vec<usize> = (0..columns.len()).filter(|&c| rupiah_column(c)).collect();
    let [anggaran] = amounts[..] else { return };
    let text = |c: usize| -> usize { data().map(|r| r.text(c).chars().count()).sum() };
    let Some(uraian) = (0..columns.len())
        .filter(|&c| c != anggaran)
        .max_by_key(|&c| (text(c), std::cmp::Reverse(c)))
    else {
        return;
    };
    let numbers = |c: usize| {
        data()
            .map(|r| r.text(c))
            .filter(|t| !t.is_empty())
            .all(|t| row_number(&t))
    };
    for (c, column) in columns.iter_mut().enumerate() {
        column.role = match c {
            _ if c == anggaran => Role::Anggaran,
            _ if c == uraian => Role::Uraian,
            _ if c < uraian && numbers(c) => Role::No,
            _ => Role::Other,
        };
    }
}

/// An outline number of three levels or more: `1.1.2`, `1.3.1.2.1.` (groups of one or two
/// digits, which no thousands grouping prints).
fn outline_number(text: &str) -> bool {
    let parts: Vec<&str> = text.trim().trim_end_matches('.').split('.').collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
}

/// A row's number as lists print it: up to three digits or one letter, with an optional
/// `.` or `)` after.
fn row_number(text: &str) -> bool {
    let body = text.trim().trim_end_matches(['.', ')']);
    let digits = !body.is_empty() && body.len() <= 3 && body.chars().all(|c| c.is_ascii_digit());
    let letter = body.chars().count() == 1 && body.chars().all(|c| c.is_ascii_alphabetic());
    digits || letter
}

/// Whether a role names what a row is about (its indicator, sasaran or line), not a figure.
fn naming(role: Role) -> bool {
    matches!(role, Role::Indikator | Role::Sasaran | Role::Uraian)
}

/// The role of a column with header path `path` (joined: `header`). A label over several
/// columns that names what the row is about (`Indikator Sasaran` over `Uraian | Satuan |
/// Target | Realisasi`) names a group, not the columns under it: a column whose own label
/// names a figure takes that role. Under a label naming a figure or nothing in particular
/// (`Target` over `Target | Realisasi | % Realisasi`, `Kinerja` over `Target | %`), a
/// column's own label naming a performance figure decides; under a budget label (`Keuangan`
/// over `Target | Realisasi | %`) it names the budget's figure.
fn path_role(path: &[String], header: &str) -> Role {
    let whole = role_of(header);
    let Some((leaf, above)) = path.split_last().filter(|(_, above)| !above.is_empty()) else {
        return whole;
    };
    let own = role_of(leaf);
    let group = role_of(&above.join(" "));
    if naming(whole) {
        return if naming(own) || own == Role::Other {
            whole
        } else {
            own
        };
    }
    match (performance(own), group) {
        (true, g) if g.is_budget() => as_budget(own),
        (true, g) if performance(g) || g == Role::Other => own,
        _ => whole,
    }
}

/// Whether a role is a performance figure: target, realisasi or capaian.
fn performance(role: Role) -> bool {
    matches!(role, Role::Target | Role::Realisasi | Role::Capaian)
}

/// The budget figure a performance figure names under a budget label.
fn as_budget(role: Role) -> Role {
    match role {
        Role::Target => Role::Anggaran,
        Role::Realisasi => Role::RealisasiAnggaran,
        Role::Capaian => Role::PersenAnggaran,
        other => other,
    }
}

/// Whether a word is `terhadap` (against) or an abbreviation of it, letters left out in
/// order (`thdp`, `thd`, `thadap`).
fn against(word: &str) -> bool {
    let mut full = "terhadap".chars();
    let in_order = word.chars().all(|c| full.any(|f| f == c));
    word.starts_with('t') && word.contains('h') && word.contains('d') && in_order
}

/// Whether header words count up to a year (`s.d Tahun 2016`, `s/d 2016`, `sampai dengan
/// tahun 2018`): a running total over years. Up to a month or a quarter is the year's own.
fn running_total(words: &[&str]) -> bool {
    let words: Vec<&str> = words.iter().copied().filter(|w| !w.is_empty()).collect();
    let after_until = words.iter().enumerate().filter_map(|(i, w)| match *w {
        "sd" | "sampai" => Some(i + 1),
        "s" if words.get(i + 1) == Some(&"d") => Some(i + 2),
        _ => None,
    });
    let skip = ["dengan", "tahun", "thn", "th"];
    after_until
        .filter_map(|at| words.iter().skip(at).find(|w| !skip.contains(w)))
        .any(|w| YEAR.is_match(w) && w.len() == 4)
}

/// The year a header names: `Realisasi Th. 2021` → 2021.
pub fn year_of(header: &str) -> Option<u16> {
    YEAR.find(header).and_then(|m| m.as_str().parse().ok())
}

/// The part of the year a header names: `Semester II` → `S2`, `Triwulan 3` → `Q3`.
pub fn period_of(header: &str) -> Option<String> {
    let c = PERIOD.captures(header)?;
    let n = match c[2].to_uppercase().as_str() {
        "I" | "1" => 1,
        "II" | "2" => 2,
        "III" | "3" => 3,
        _ => 4,
    };
    let prefix = if c[1].eq_ignore_ascii_case("semester") {
        "S"
    } else {
        "Q"
    };
    Some(format!("{prefix}{n}"))
}

/// The role a header names on its own. Words are matched with spaces removed, so that
/// converter splits (`TAR GET`, `U R A I A N`) still match.
pub fn role_of(header: &str) -> Role {
    let lower = header.to_lowercase();
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    let last_word = lower.split_whitespace().last().unwrap_or("");
    let has = |w: &str| compact.contains(w);
    if has("efisien") {
        return Role::Efisiensi;
    }
    // what is left of the budget (`Sisa Anggaran`, `SILPA`: sisa lebih perhitungan anggaran)
    if has("sisa") || has("silpa") {
        return Role::Sisa;
    }
    if has("fisik") {
        // physical progress, a percent of work done: not money, not an indicator's figure
        return Role::Fisik;
    }
    if matches!(
        compact.as_str(),
        "no" | "no." | "nomor" | "kode" | "rekening" | "koderekening"
    ) {
        return Role::No;
    }
    // a baseline, or the year before the report's (`Capaian Thn Lalu`, `Tahun Sebelumnya`)
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    let earlier = words.iter().any(|w| *w == "lalu" || w.starts_with("sebelum"));
    // a running total since the plan began (`Realisasi s.d Tahun 2016 (2014+2015+2016)`) is
    // not that year's figure, nor is another government's figure printed for comparison
    // (`Capaian Kinerja dan Standar Nasional`)
    if running_total(&words) {
        return Role::Kumulatif;
    }
    if words.contains(&"nasional") {
        return Role::Pembanding;
    }
    // the level a year reached (`EKSISTING 2013`): that year's realisasi
    if has("eksisting") && year_of(header).is_some() {
        return Role::Realisasi;
    }
    if has("dasar") || has("kondisiawal") || has("eksisting") || earlier {
        return Role::Baseline;
    }
    if has("anggaran") || has("pagu") || has("alokasibiaya") || has("keuangan") {
        return budget_role(&compact, last_word);
    }
    if has("rumus") || has("formula") || has("definisi") {
        return Role::Other;
    }
    // a figure against the year's target (`Capaian terhadap Indikator Kinerja 2016`) is a
    // capaian; against another year or the plan's last target (`Realisasi 2016 Thdp Thn
    // 2015`, `… terhadap Target Akhir Renstra`) a comparison, not the year's capaian.
    // Otherwise the head word comes first: `Target Indikator` is a target; a percent of
    // something (`% Realisasi`) is a capaian
    if let Some(at) = words.iter().position(|w| against(w)) {
        let (before, against) = words.split_at(at);
        let years = |ws: &[&str]| ws.iter().filter_map(|w| year_of(w)).collect::<Vec<_>>();
        let (own, other) = (years(before), years(against));
        let other_period = against
            .iter()
            .any(|w| matches!(*w, "renstra" | "rpjmd" | "akhir" | "thn" | "tahun"))
            || other.iter().any(|y| !own.is_empty() && !own.contains(y));
        // against another figure (`… Thdp Capaian kinerja Nasional`), not the target
        let other_figure = against.iter().any(|w| matches!(*w, "capaian" | "realisasi"));
        return if other_period || other_figure {
            Role::Pembanding
        } else {
            Role::Capaian
        };
    }
    let head = lower.split_whitespace().next().unwrap_or("");
    match head {
        "capaian" | "capkin" => return Role::Capaian,
        "target" => return Role::Target,
        "realisasi" => return Role::Realisasi,
        _ if head.starts_with('%') => return Role::Capaian,
        _ => {}
    }
    if has("indikator") {
        return Role::Indikator;
    }
    if has("target") {
        return Role::Target;
    }
    if has("sasaran") {
        return Role::Sasaran;
    }
    if has("satuan") {
        return Role::Satuan;
    }
    if has("prosentase") || has("persentase") {
        return Role::Capaian;
    }
    if has("kondisiakhir") || last_word == "t" {
        return Role::Target;
    }
    if last_word == "%" {
        // a percent under a spanning label (`REALISASI` over `%`) is a ratio, not a figure
        return Role::Capaian;
    }
    if has("realisasi") || last_word == "r" {
        return Role::Realisasi;
    }
    if has("capaian") || has("capkin") || has("kemajuan") || has("penilaian") {
        return Role::Capaian;
    }
    if words.contains(&"selisih") {
        return Role::Selisih;
    }
    if has("uraian") || has("program") || has("kegiatan") || compact.starts_with("nama") {
        return Role::Uraian;
    }
    if has("jumlah") {
        return Role::Jumlah;
    }
    if compact.starts_with("ket") || has("sumber") {
        return Role::Keterangan;
    }
    Role::Other
}

fn budget_role(compact: &str, last_word: &str) -> Role {
    let pct = compact.contains('%') || compact.contains("persen") || compact.contains("prosentase");
    // a unit the header states last is what the column holds: `Realisasi Keuangan (%)`
    let in_percent = compact.ends_with("(%)") || last_word == "%";
    // where the budget comes from is not its ceiling
    if compact.contains("sumber") {
        Role::Other
    } else if compact.starts_with("%anggaran") {
        Role::Proporsi
    } else if in_percent || compact.starts_with('%') {
        Role::PersenAnggaran
    } else if compact.contains("realisasi") || last_word == "r" {
        Role::RealisasiAnggaran
    } else if compact.contains("capaian") || compact.contains("penyerapan") || pct {
        Role::PersenAnggaran
    } else {
        Role::Anggaran
    }
}

/// In a budget table, `Realisasi` and `%` right of `Anggaran` are budget figures, not
/// performance: until a target column starts the performance part again. A table with a
/// name column, `Jumlah` and `Realisasi` but no target is a budget table with `Jumlah` as
/// its ceiling (`U R A I A N | JUMLAH | REALISASI`).
fn budget_context(columns: &mut [Column]) {
    let has = |cs: &[Column], r: Role| cs.iter().any(|c| c.role == r);
    let spent_without_ceiling = has(columns, Role::Realisasi) && !has(columns, Role::Anggaran);
    if spent_without_ceiling && !has(columns, Role::Target) && has(columns, Role::Uraian) {
        if let Some(j) = columns.iter_mut().find(|c| c.role == Role::Jumlah) {
            j.role = Role::Anggaran;
        }
    }
    let mut in_budget = false;
    for c in columns.iter_mut() {
        match c.role {
            Role::Anggaran | Role::RealisasiAnggaran | Role::PersenAnggaran => in_budget = true,
            Role::Target => in_budget = false,
            Role::Realisasi if in_budget => c.role = Role::RealisasiAnggaran,
            Role::Capaian if in_budget => c.role = Role::PersenAnggaran,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(headers: &[&str]) -> Vec<Role> {
        name_columns(headers.iter().map(|h| vec![h.to_string()]).collect())
            .iter()
            .map(|c| c.role)
            .collect()
    }

    #[test]
    fn budget_table_of_lamongan_3_8() {
        assert_eq!(
            roles(&["No", "Program dan kegiatan", "Anggaran (Rp)", "Realisasi", "%"]),
            vec![
                Role::No,
                Role::Uraian,
                Role::Anggaran,
                Role::RealisasiAnggaran,
                Role::PersenAnggaran
            ]
        );
    }

    /// Disnakertrans Jawa Barat LKIP 2016, Tabel 3.6, its header parted in two rows.
    #[test]
    fn budget_table_of_disnakertrans_3_6() {
        assert_eq!(
            roles(&[
                "KODE REKE NING",
                "KODE PROGRAM/KEGIATAN",
                "KODE LOKASI",
                "KODE ANGGARAN",
                "REALISASI KEUANGAN (Rp)",
                "REALIS ASI %",
                "REALIS ASI FISIK (%)"
            ]),
            vec![
                Role::No,
                Role::Uraian,
                Role::Other,
                Role::Anggaran,
                Role::RealisasiAnggaran,
                Role::PersenAnggaran,
                Role::Fisik
            ]
        );
    }

    #[test]
    fn cost_per_outcome_of_lumajang() {
        let headers = [
            "No",
            "Sasaran/ Program/ Kegiatan*)",
            "Indikator Kinerja",
            "Anggaran P",
            "Anggaran R",
            "Anggaran C (%)",
            "Kinerja T",
            "Kinerja R",
            "Kinerja %",
            "Efisiensi (%)",
        ];
        assert_eq!(
            roles(&headers),
            vec![
                Role::No,
                Role::Sasaran,
                Role::Indikator,
                Role::Anggaran,
                Role::RealisasiAnggaran,
                Role::PersenAnggaran,
                Role::Target,
                Role::Realisasi,
                Role::Capaian,
                Role::Efisiensi
            ]
        );
    }

    #[test]
    fn converter_splits_and_years() {
        let cols = name_columns(vec![
            vec!["KINERJA TAR GET".into()],
            vec!["Realisasi Th. 2021".into()],
            vec!["U R A I A N".into()],
        ]);
        assert_eq!(cols[0].role, Role::Target);
        assert_eq!((cols[1].role, cols[1].year), (Role::Realisasi, Some(2021)));
        assert_eq!(cols[2].role, Role::Uraian);
    }

    /// `Capkin`, the reports' short form of capaian kinerja, under a year's spanning label.
    #[test]
    fn capkin_is_capaian() {
        let cols = name_columns(vec![
            vec!["Tahun 2016".into(), "Capkin 2016 (%)".into()],
            vec!["Tahun 2016".into(), "Kriteria".into()],
        ]);
        assert_eq!((cols[0].role, cols[0].year), (Role::Capaian, Some(2016)));
        assert_eq!(cols[1].role, Role::Other);
    }

    /// Binamarga's Tabel III.2: `Indikator Sasaran` spans the indicator's name, unit,
    /// target and realisasi; `Keuangan (Rp)` spans anggaran and realisasi.
    #[test]
    fn a_group_label_over_figures_leaves_each_its_own_role() {
        let path = |parts: &[&str]| parts.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        let cols = name_columns(vec![
            path(&["Indikator Sasaran", "Uraian"]),
            path(&["Indikator Sasaran", "Satuan"]),
            path(&["Indikator Sasaran", "Target"]),
            path(&["Indikator Sasaran", "Realisasi"]),
            path(&["% Capaian", "Kinerja"]),
            path(&["Keuangan (Rp)", "Anggaran"]),
            path(&["Keuangan (Rp)", "Realisasi"]),
        ]);
        let roles: Vec<Role> = cols.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            vec![
                Role::Indikator,
                Role::Satuan,
                Role::Target,
                Role::Realisasi,
                Role::Capaian,
                Role::Anggaran,
                Role::RealisasiAnggaran
            ]
        );
        assert_eq!(cols[2].header, "Indikator Sasaran Target");
    }

    /// The head word comes first: `Capaian terhadap Indikator` is a capaian (diskimrum's
    /// column 7), `Target Indikator Kinerja 2016` a target for 2016.
    #[test]
    fn the_head_word_names_a_column_that_mentions_the_indikator() {
        let cols = name_columns(vec![
            vec!["Capaian Terhadap Indikator Kinerja 2016 (7)".into()],
            vec!["Target Indikator Kinerja 2016".into()],
            vec!["Indikator Kinerja (3)".into()],
        ]);
        assert_eq!((cols[0].role, cols[0].year), (Role::Capaian, Some(2016)));
        assert_eq!((cols[1].role, cols[1].year), (Role::Target, Some(2016)));
        assert_eq!(cols[2].role, Role::Indikator);
    }

    fn row(line: usize, cells: &[&str]) -> Row {
        Row {
            line,
            page: None,
            kind: RowKind::Data,
            cells: cells.iter().map(|c| crate::model::Cell::read(c)).collect(),
            realigned: None,
        }
    }

    /// `Dukungan program dan Kegiatan` over a kegiatan's number and its name: the first
    /// column numbers the rows; a column printing a name is not a numbering column.
    #[test]
    fn a_number_column_under_a_spanning_name_label_numbers_the_rows() {
        let label = "Dukungan program dan Kegiatan (8)";
        let named = || {
            name_columns(vec![
                vec![label.into()],
                vec![label.into()],
                vec!["Anggaran (9)".into()],
            ])
        };
        let mut columns = named();
        let rows = vec![
            row(1, &["3", "METR Pengembangan SPAM", "19.450.610.000,00"]),
            row(2, &["", "Program Pembinaan", "7.106.103.750,00"]),
            row(3, &["1.", "METR-Penyusunan Review", "1.487.101.000,00"]),
        ];
        numbering_columns(&mut columns, &rows);
        let roles: Vec<Role> = columns.iter().map(|c| c.role).collect();
        assert_eq!(roles, vec![Role::No, Role::Uraian, Role::Anggaran]);
        let mut columns = named();
        numbering_columns(&mut columns, &[row(1, &["Program", "Pembinaan", "1"])]);
        assert_eq!(columns[0].role, Role::Uraian);
    }

    /// A Perjanjian Kinerja numbering its indicators `1.1.1.1` in a column no label names:
    /// no number format reads them, the column numbers the rows (and is never summed);
    /// a column where one cell is a figure is not.
    #[test]
    fn a_column_of_outline_numbers_numbers_the_rows() {
        let paths = || {
            vec![
                vec!["No".into()],
                vec![String::new()],
                vec!["Indikator Kinerja".into()],
                vec!["Target".into()],
            ]
        };
        let mut columns = name_columns(paths());
        let rows = [
            row(1, &["1.1", "", "Jumlah produksi peternakan", ""]),
            row(2, &["", "1.1.1.1", "Prosentase peningkatan NKT", "10.0"]),
            row(3, &["", "1.2.2.", "Jumlah unit usaha", "5"]),
        ];
        numbering_columns(&mut columns, &rows);
        let roles: Vec<Role> = columns.iter().map(|c| c.role).collect();
        assert_eq!(roles, [Role::No, Role::No, Role::Indikator, Role::Target]);
        let mut columns = name_columns(paths());
        numbering_columns(
            &mut columns,
            &[row(1, &["", "1.1.1", "x", "1"]), row(2, &["", "1.250", "y", "2"])],
        );
        assert_eq!(columns[1].role, Role::Other);
    }

    /// The unit a budget header states last is what its column holds: `Realisasi Keuangan
    /// (%)` beside `Realisasi Keuangan (Rp)` is the percent spent, not a second realisasi.
    #[test]
    fn a_budget_header_ending_in_percent_heads_the_percent() {
        assert_eq!(
            roles(&[
                "Pagu Anggaran (Rp)",
                "Realisasi Keuangan (Rp)",
                "Realisasi Keuangan (%)",
                "Realisasi Fisik (%)"
            ]),
            vec![
                Role::Anggaran,
                Role::RealisasiAnggaran,
                Role::PersenAnggaran,
                Role::Fisik
            ]
        );
    }

    /// bp3iptek's Tabel 3.1: `Target` printed over `Target | Realisasi | % Realisasi`, and
    /// the capaian of the year before and against the Renstra's last target beside them.
    /// Each column's own label names its figure; `% X` is a ratio, `X terhadap Y` a
    /// capaian only against the year's own target; `Thn Lalu` is the year before, a
    /// baseline.
    #[test]
    fn own_labels_under_a_figure_label_and_ratios_by_their_words() {
        let path = |parts: &[&str]| parts.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        let cols = name_columns(vec![
            path(&["Capaian Thn Lalu"]),
            path(&["Target", "Target"]),
            path(&["Target", "Realisasi"]),
            path(&["Target", "% Realisasi"]),
            path(&["Target Akhir Renstra"]),
            path(&["Capaian Thn 2016 terhadap Target Akhir Renstra"]),
            path(&["Realisasi 2016 Thdp Thn 2015 (5/4)*100"]),
            path(&["Capaian Terhadap Indikator Kinerja (7)"]),
            path(&["Keuangan", "Pagu"]),
            path(&["Keuangan", "Realisasi"]),
            path(&["Keuangan", "% Realisasi"]),
        ]);
        let roles: Vec<Role> = cols.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            vec![
                Role::Baseline,
                Role::Target,
                Role::Realisasi,
                Role::Capaian,
                Role::Target,
                Role::Pembanding,
                Role::Pembanding,
                Role::Capaian,
                Role::Anggaran,
                Role::RealisasiAnggaran,
                Role::PersenAnggaran
            ]
        );
        assert_eq!(role_of("Capaian Sasaran"), Role::Capaian);
        // inspektorat's Lampiran 1b: the level 2013 reached, before the plan's targets
        assert_eq!(role_of("EKSISTING 2013"), Role::Realisasi);
        assert_eq!(role_of("Kondisi Eksisting"), Role::Baseline);
    }

    #[test]
    fn jumlah_is_the_ceiling_of_a_budget_table_without_anggaran() {
        assert_eq!(
            roles(&["NO.", "U R A I A N", "JUMLAH", "REALISASI"]),
            vec![Role::No, Role::Uraian, Role::Anggaran, Role::RealisasiAnggaran]
        );
    }

    /// Disbun's Tabel 3.3 and 3.4: a total since the plan began, the plan's end target and a
    /// national figure printed for comparison are no year's realisasi, target or capaian;
    /// up to a quarter is the year's own.
    #[test]
    fn running_totals_and_national_figures_are_not_the_years_own() {
        // bp3akb's Tabel 3.1.5 abbreviates `terhadap` its own way
        assert_eq!(role_of("% Capaian Kinerja 2016 thadap RENSTRA"), Role::Pembanding);
        assert!(!against("tahap") && against("thd") && against("thdp") && against("terhadap"));
        assert_eq!(
            role_of("Realisasi s.d Tahun 2016 (2014+2015+ 2016)"),
            Role::Kumulatif
        );
        assert_eq!(role_of("REALISASI SD TAHUN 2016"), Role::Kumulatif);
        assert_eq!(
            role_of("Target Renstra sampai dengan Tahun 2018"),
            Role::Kumulatif
        );
        assert_eq!(role_of("Realisasi s/d Triwulan II"), Role::Realisasi);
        assert_eq!(role_of("Realisasi s.d. Desember 2016"), Role::Realisasi);
        assert_eq!(role_of("Capaian Kinerja dan Standar Nasional"), Role::Pembanding);
        assert_eq!(
            role_of("Realisasi 2016 Thdp Capaian kinerja Nasional (4/5)*100%"),
            Role::Pembanding
        );
        assert_eq!(
            role_of("Capaian Kinerja Tahun 2016 Thdp PK (4/5)*100%"),
            Role::Capaian
        );
    }

    /// What is left of the budget (disbun's `SILPA` over `Rp | %`) is neither spent nor its
    /// percent; where the money comes from is not a ceiling.
    #[test]
    fn what_is_left_of_the_budget_is_its_own_figure() {
        let columns = name_columns(vec![
            vec!["Sumber Anggaran".to_string()],
            vec!["Anggaran (Rp)".to_string()],
            vec!["Realisasi (Rp)".to_string()],
            vec!["SILPA*)".to_string(), "Rp".to_string()],
            vec!["SILPA*)".to_string(), "%".to_string()],
        ]);
        let roles: Vec<Role> = columns.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            [
                Role::Other,
                Role::Anggaran,
                Role::RealisasiAnggaran,
                Role::Sisa,
                Role::Sisa
            ]
        );
    }
}
