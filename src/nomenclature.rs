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

static ENTRIES: LazyLock<Vec<(Entry, Vec<String>)>> = LazyLock::new(|| {
    entries()
        .map(|e| {
            let words = normalize(&e.name).split(' ').map(str::to_string).collect();
            (e, words)
        })
        .collect()
});

/// The one entry of `level` a name matches loosely, where it matches none exactly: its
/// words alike (`Pemerintah` / `Pemerintahan`, a one-letter slip) but for two words more or
/// less (`… serta Pengupahan`, `Penyuluhan Transmigrasi` for `… Transmigrasi Lokal`) when
/// its parent's code `under` heads the entry's, else none (`Program Pengembangan
/// Transmigrasi` is not `… Kawasan Transmigrasi`). None when two entries would do.
pub fn near(name: &str, level: Level, under: Option<&str>) -> Option<&'static Entry> {
    let words: Vec<String> = normalize(name).split(' ').map(str::to_string).collect();
    let slack = if under.is_some() { 2 } else { 0 };
    let head = under.map(|u| format!("{u}."));
    // the cheap tests first: level, parent, lengths (the words in common are at most the
    // shorter name's), then the words themselves
    let mut found = ENTRIES.iter().filter(|(e, theirs)| {
        e.level == level
            && head.as_deref().is_none_or(|h| e.code.starts_with(h))
            && words.len().abs_diff(theirs.len()) <= slack
            && {
                let common = common_words(&words, theirs);
                common >= 2 && words.len().max(theirs.len()) - common <= slack
            }
    });
    let first = found.next().map(|(e, _)| e);
    first.filter(|_| found.next().is_none())
}

/// How many words two names share in order (the longest common run of alike words).
fn common_words(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let here = if alike(x, y) {
                diagonal + 1
            } else {
                above.max(left)
            };
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = here;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// Two words that are one: equal, or in words of five letters or more one with a suffix
/// the other lacks (`-an`, `-kan`, `-nya`) or a letter slipped.
fn alike(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let suffixed = long
        .strip_prefix(short)
        .is_some_and(|rest| matches!(rest, "an" | "kan" | "nya"));
    a == b || (short.chars().count() >= 5 && (suffixed || crate::concepts::one_edit(a, b)))
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
    fn near_names_match_one_entry_only_with_evidence() {
        let code =
            |name: &str, level: Level, under: Option<&str>| near(name, level, under).map(|e| e.code.as_str());
        // a suffix the regulation has (Pemerintahan), all other words alike
        let support = "Program Penunjang Urusan Pemerintah Daerah Kabupaten/Kota";
        assert_eq!(code(support, Level::Program, None), Some("X.XX.01"));
        // words more or less only under the parent's entry
        assert_eq!(
            code(
                "Penyuluhan Transmigrasi",
                Level::SubKegiatan,
                Some("3.32.03.2.01")
            ),
            Some("3.32.03.2.01.0005")
        );
        assert_eq!(code("Penyuluhan Transmigrasi", Level::SubKegiatan, None), None);
        assert_eq!(
            code("Program Pengembangan Transmigrasi", Level::Program, None),
            None
        );
        assert_eq!(
            code("Pendataan Informasi Pasar Kerja", Level::Kegiatan, None),
            None
        );
        assert_eq!(
            common_words(&["a".into(), "b".into(), "c".into()], &["a".into(), "c".into()]),
            2
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
