//! Column roles: what each column of a table holds, read from its (joined) header text.

use crate::model::{Column, Role};
use regex::Regex;
use std::sync::LazyLock;

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(19|20)\d{2}\b").expect("a valid pattern"));
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(semester|triwulan|tribulan)\s+(IV|III|II|I|[1-4])\b").expect("a valid pattern")
});

/// Names the columns of a table from the header text of each.
pub fn name_columns(headers: Vec<String>) -> Vec<Column> {
    let mut columns: Vec<Column> = headers
        .into_iter()
        .enumerate()
        .map(|(index, header)| Column {
            index,
            role: role_of(&header),
            year: year_of(&header),
            period: period_of(&header),
            header,
        })
        .collect();
    budget_context(&mut columns);
    columns
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
    if has("fisik") {
        // physical progress, a percent of work done: not money, not an indicator's figure
        return Role::Other;
    }
    if matches!(
        compact.as_str(),
        "no" | "no." | "nomor" | "kode" | "rekening" | "koderekening"
    ) {
        return Role::No;
    }
    if has("dasar") || has("kondisiawal") {
        return Role::Baseline;
    }
    if has("anggaran") || has("pagu") || has("alokasibiaya") || has("keuangan") {
        return budget_role(&compact, last_word);
    }
    if has("rumus") || has("formula") || has("definisi") {
        return Role::Other;
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
    if has("target") || has("kondisiakhir") || last_word == "t" {
        return Role::Target;
    }
    if last_word == "%" {
        // a percent under a spanning label (`REALISASI` over `%`) is a ratio, not a figure
        return Role::Capaian;
    }
    if has("realisasi") || last_word == "r" {
        return Role::Realisasi;
    }
    if has("capaian") || has("capkin") || has("kemajuan") || has("penilaian") || last_word == "%" {
        return Role::Capaian;
    }
    if lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "selisih")
    {
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
    if compact.starts_with("%anggaran") {
        Role::Proporsi
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
        name_columns(headers.iter().map(|h| h.to_string()).collect())
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
                Role::Other
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
            "KINERJA TAR GET".into(),
            "Realisasi Th. 2021".into(),
            "U R A I A N".into(),
        ]);
        assert_eq!(cols[0].role, Role::Target);
        assert_eq!((cols[1].role, cols[1].year), (Role::Realisasi, Some(2021)));
        assert_eq!(cols[2].role, Role::Uraian);
    }

    /// `Capkin`, the reports' short form of capaian kinerja, under a year's spanning label.
    #[test]
    fn capkin_is_capaian() {
        let cols = name_columns(vec![
            "Tahun 2016 Capkin 2016 (%)".into(),
            "Tahun 2016 Kriteria".into(),
        ]);
        assert_eq!((cols[0].role, cols[0].year), (Role::Capaian, Some(2016)));
        assert_eq!(cols[1].role, Role::Other);
    }

    #[test]
    fn jumlah_is_the_ceiling_of_a_budget_table_without_anggaran() {
        assert_eq!(
            roles(&["NO.", "U R A I A N", "JUMLAH", "REALISASI"]),
            vec![Role::No, Role::Uraian, Role::Anggaran, Role::RealisasiAnggaran]
        );
    }
}
