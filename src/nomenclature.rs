//! The national nomenclature of programs, kegiatan and sub kegiatan (Permendagri 90/2019,
//! urusan tenaga kerja, transmigrasi and the shared support program), for canonical codes
//! and names. The table is `data/permendagri90-tenaga-kerja-transmigrasi-kabkota.csv`.

use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

const TABLE: &str = include_str!("../data/permendagri90-tenaga-kerja-transmigrasi-kabkota.csv");

/// Level of a line in the program hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A total over programs (`JUMLAH`, `BELANJA LANGSUNG`, the urusan `KETENAGAKERJAAN`).
    Total,
    /// A program.
    Program,
    /// A kegiatan (activity) under a program.
    Kegiatan,
    /// A sub kegiatan under a kegiatan.
    SubKegiatan,
    /// Any other line.
    Other,
    /// The budget of a sasaran or an indicator (a table with no program column): an
    /// allocation, outside the program hierarchy.
    Allocation,
}

/// One entry of the national nomenclature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Entry {
    /// Its level.
    pub level: Level,
    /// The national code: `2.07.04.2.02.0003`.
    pub code: String,
    /// The national name, as printed in the regulation.
    pub name: String,
}

static BY_NAME: LazyLock<HashMap<String, Vec<Entry>>> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<Entry>> = HashMap::new();
    for entry in entries() {
        map.entry(normalize(&entry.name)).or_default().push(entry);
    }
    map
});

/// Every entry of the table, in its order.
pub fn entries() -> impl Iterator<Item = Entry> {
    TABLE.lines().skip(1).filter_map(parse_line)
}

/// The nomenclature entries whose name matches `name` once both are normalized, deepest
/// level first.
pub fn lookup(name: &str) -> Vec<&'static Entry> {
    let mut found: Vec<&Entry> = BY_NAME
        .get(&normalize(name))
        .map(|v| v.iter().collect())
        .unwrap_or_default();
    found.sort_by_key(|e| std::cmp::Reverse(e.level));
    found
}

/// A name reduced for matching: its canonical words ([`crate::canonical::words`]) without
/// `kabupaten`, `kota` and `kab`, and the nomenclature's own spelling variants made one.
pub fn normalize(name: &str) -> String {
    crate::canonical::words(name)
        .iter()
        .filter(|w| !matches!(w.as_str(), "kabupaten" | "kota" | "kab"))
        .map(|w| match w.as_str() {
            "konsultansi" => "konsultasi",
            "antarkerja" => "antar kerja",
            "cetakan" => "cetak",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn parse_line(line: &str) -> Option<Entry> {
    let fields = csv_fields(line);
    let level = match fields.first()?.as_str() {
        "program" => Level::Program,
        "kegiatan" => Level::Kegiatan,
        "sub_kegiatan" => Level::SubKegiatan,
        _ => return None,
    };
    Some(Entry {
        level,
        code: fields.get(1)?.clone(),
        name: fields.get(2)?.clone(),
    })
}

/// The fields of one CSV line (double quotes around fields that hold commas).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match (c, quoted) {
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().expect("one field at least").push(c),
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_whole_table() {
        let entries: Vec<Entry> = entries().collect();
        let count = |l: Level| entries.iter().filter(|e| e.level == l).count();
        assert_eq!(
            (
                count(Level::Program),
                count(Level::Kegiatan),
                count(Level::SubKegiatan)
            ),
            (9, 32, 145)
        );
    }

    #[test]
    fn matches_report_spellings() {
        let hi = lookup("PROGRAM HUBUNGAN INDUSTRI");
        assert_eq!(hi[0].code, "2.07.05");
        let support = lookup("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA");
        assert_eq!(support[0].code, "X.XX.01");
        let both = lookup("Pembinaan Lembaga Pelatihan Kerja Swasta");
        assert_eq!(
            both.iter().map(|e| e.level).collect::<Vec<_>>(),
            vec![Level::SubKegiatan, Level::Kegiatan]
        );
    }
}
