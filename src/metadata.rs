//! Report metadata: who reported (pemerintah, perangkat daerah), what kind of report, for
//! which fiscal year and period, and where and when it was signed.

use crate::parsers::mention;
use crate::parsers::text::holds_ascii;
use crate::pattern::Pattern;
use regex::Regex;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

static FISCAL_YEAR: Pattern = Pattern::new(
    || Regex::new(r"(?i)tahun\s+anggaran\s+((?:19|20)\d{2})").expect("a valid pattern"),
    |t| holds_ascii(t, "anggaran"),
);
/// Text right before a citation's year: `Nomor 41` (`Nomor 41 Tahun 2007`), a gazette
/// (`Lembaran Negara Republik Indonesia Tahun 2004`, `Berita Daerah … Tahun 2016`). The
/// number's and the gazette's characters are ASCII word characters: Unicode's `\w`, here
/// under `(?i)`, took a millisecond to compile, a tenth of `extract` of a small PDF. Every
/// citation holds `no`, `lembaran` or `berita` (no `k` or `s`: see `holds_ascii`).
static CITATION: Pattern = Pattern::new(
    || {
        Regex::new(r"(?i)(?:\bno(?:mor|\.)?\s*:?\s*(?-u:[\w./-])+|\b(?:lembaran|berita|tambahan\s+lembaran)\s+(?:negara|daerah)(?-u:[\w ])*)\s*$")
            .expect("a valid pattern")
    },
    |t| ["no", "lembaran", "berita"].iter().any(|p| holds_ascii(t, p)),
);
static QUARTER: Pattern = Pattern::new(
    || Regex::new(r"(?i)\btri[bw]ulan\s+(IV|III|II|I|[1-4])\b").expect("a valid pattern"),
    |t| holds_ascii(t, "ulan"),
);
/// A signature's place and date; every match names a month as [`MONTHS`] spells it.
static SIGNED: Pattern = Pattern::new(
    || {
        Regex::new(r"^\s*([A-Z][A-Za-z]+),\s+(?:(\d{1,2})\s+)?(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)\s+((?:19|20)\d{2})\s*$").expect("a valid pattern")
    },
    |t| MONTHS.iter().any(|m| t.contains(m)),
);

/// How many lines from the top hold the cover page.
const COVER_LINES: usize = 40;

/// Who reported what, for when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Metadata {
    /// The regional government: `Kabupaten Lamongan`.
    pub pemerintah: Option<String>,
    /// The reporting agency: `Dinas Tenaga Kerja`.
    pub perangkat_daerah: Option<String>,
    /// The kind of report.
    pub kind: ReportKind,
    /// The fiscal year reported on.
    pub fiscal_year: Option<u16>,
    /// The period within the year: `annual`, or a quarter `Q1`…`Q4`.
    pub period: String,
    /// Where and when the report was signed.
    pub signed: Option<Signed>,
}

/// The kinds of performance report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// Laporan Kinerja Instansi Pemerintah, the annual report.
    Lkjip,
    /// Laporan Kinerja of one quarter (triwulan / tribulan).
    LkjTriwulan,
    /// A SAKIP presentation deck.
    SakipDeck,
}

/// Place and date of signature: `Sampang, 29 Januari 2024`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Signed {
    /// The place.
    pub place: String,
    /// The date, ISO 8601: `2024-01-29`, or `2024-01` when no day is printed.
    pub date: String,
    /// 1-based line of the signature line.
    pub line: usize,
}

/// Reads the metadata of a report from its lines.
pub fn read_metadata(lines: &[&str]) -> Metadata {
    let cover = lines
        .iter()
        .take(COVER_LINES)
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    let kind = kind_of(lines, &cover);
    Metadata {
        pemerintah: regency(lines),
        perangkat_daerah: lines.iter().take(COVER_LINES).find_map(|l| agency(l)),
        kind,
        fiscal_year: fiscal_year(&cover, kind).or_else(|| most_named_year(lines)),
        period: match QUARTER.captures(&cover) {
            Some(c) if kind == ReportKind::LkjTriwulan => format!("Q{}", quarter_number(&c[1])),
            _ => "annual".to_string(),
        },
        signed: lines.iter().enumerate().find_map(|(i, l)| signed(l, i + 1)),
    }
}

/// `DINAS TENAGA KERJA KABUPATEN SAMPANG` → `Dinas Tenaga Kerja`: the agency word and the
/// words after it, up to the name of the region.
fn agency(line: &str) -> Option<String> {
    const AGENCY_WORDS: [&str; 5] = ["dinas", "badan", "kantor", "sekretariat", "inspektorat"];
    const REGION_WORDS: [&str; 4] = ["kabupaten", "kota", "kab.", "provinsi"];
    let text = crate::parsers::strip_markup(line);
    let words: Vec<&str> = text.split_whitespace().collect();
    let start = words
        .iter()
        .position(|w| AGENCY_WORDS.contains(&w.to_lowercase().as_str()))?;
    let name: Vec<&str> = words
        .iter()
        .skip(start)
        .take_while(|w| !REGION_WORDS.contains(&w.to_lowercase().as_str()))
        .take_while(|w| w.chars().all(|c| c.is_alphabetic() || c == '&'))
        .copied()
        .collect();
    (name.len() > 1).then(|| title_case(&name.join(" ")))
}

fn kind_of(lines: &[&str], cover: &str) -> ReportKind {
    let upper = cover.to_uppercase();
    if QUARTER.is_match(cover) {
        ReportKind::LkjTriwulan
    } else if !lines.iter().any(|l| l.contains('\t')) && upper.contains("SISTEM AKUNTABILITAS") {
        ReportKind::SakipDeck
    } else {
        ReportKind::Lkjip
    }
}

/// The most mentioned `Kabupaten X` / `Kota X`: a cover typo (`LAMONGGAN`) is outvoted by
/// the body.
fn regency(lines: &[&str]) -> Option<String> {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for line in lines {
        // a name is capitalised: `kabupaten/kota yang menangani` names none
        for r in mention::regions(line) {
            *counts
                .entry((title_case(r.kind), title_case(r.name)))
                .or_default() += 1;
        }
    }
    let best = counts
        .iter()
        .max_by_key(|(key, n)| (**n, std::cmp::Reverse((*key).clone())))?;
    Some(format!("{} {}", best.0 .0, best.0 .1))
}

/// The fiscal year the cover names: `Tahun Anggaran 2023`, else the first `Tahun 2023` that
/// is not a citation (for a deck, the latest).
fn fiscal_year(cover: &str, kind: ReportKind) -> Option<u16> {
    let year = |c: regex::Captures| c[1].parse().ok();
    match kind {
        ReportKind::SakipDeck => named_years(cover).max(),
        _ => FISCAL_YEAR
            .captures(cover)
            .and_then(year)
            .or_else(|| named_years(cover).next()),
    }
}

/// The years a text names as `Tahun 2023`, leaving out citations of regulations
/// (`Peraturan Pemerintah Nomor 41 Tahun 2007`): the year a law was enacted is not the year
/// a report is about.
fn named_years(text: &str) -> impl Iterator<Item = u16> + '_ {
    mention::years(text).filter_map(move |y| {
        let before = text.get(..y.start).unwrap_or_default();
        (!CITATION.is_match(before)).then_some(y.year)
    })
}

/// For a report without a cover (a chapter published alone), the year its text names most
/// often, citations left out.
fn most_named_year(lines: &[&str]) -> Option<u16> {
    let mut counts: BTreeMap<u16, usize> = BTreeMap::new();
    for line in lines {
        for year in named_years(line) {
            *counts.entry(year).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(year, n)| (n, year))
        .map(|(year, _)| year)
}

fn quarter_number(q: &str) -> u8 {
    match q.to_uppercase().as_str() {
        "I" | "1" => 1,
        "II" | "2" => 2,
        "III" | "3" => 3,
        _ => 4,
    }
}

/// The months, as a signature's date names them.
const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

fn signed(line: &str, number: usize) -> Option<Signed> {
    let c = SIGNED.captures(line)?;
    let month = MONTHS.iter().position(|m| *m == &c[3])? + 1;
    let date = match c.get(2) {
        Some(day) => format!("{}-{month:02}-{:02}", &c[4], day.as_str().parse::<u8>().ok()?),
        None => format!("{}-{month:02}", &c[4]),
    };
    Some(Signed {
        place: c[1].to_string(),
        date,
        line: number,
    })
}

/// `DINAS TENAGA KERJA` → `Dinas Tenaga Kerja`.
pub fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|f| f.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chapter published alone opens with the regulations it rests on: their years are
    /// citations, and the year the chapter names most is its fiscal year.
    #[test]
    fn a_cited_regulation_does_not_set_the_fiscal_year() {
        let lines = [
            "BAB I",
            "Dalam rangka pelaksanaan Peraturan Pemerintah Nomor 41 Tahun 2007 Tentang",
            "berdasarkan Peraturan Gubernur Jawa Barat Nomor 11 Tahun 2015",
            "Pengukuran Kinerja Tahun 2016",
            "target tahun 2016 tercapai; Undang-undang No. 23 Tahun 2014",
            "Daerah (Lembaran Negara Republik Indonesia Tahun 2004 Nomor 125,",
            "(Lembaran Negara Republik Indonesia Tahun 2004 Nomor 126, Tambahan Lembaran",
            "Negara Tahun 2004 Nomor 4437); Berita Daerah Provinsi Jawa Barat Tahun 2004",
        ];
        assert_eq!(read_metadata(&lines).fiscal_year, Some(2016));
        for cited in [lines[1], lines[5], lines[6]] {
            assert_eq!(named_years(cited).collect::<Vec<_>>(), Vec::<u16>::new());
        }
        assert_eq!(
            fiscal_year("LAPORAN KINERJA\nTahun 2016", ReportKind::Lkjip),
            Some(2016)
        );
    }

    /// Disnakertrans Jawa Barat LKIP 2016: the province is the government; `dinas
    /// kabupaten/kota yang menangani` in its definitions names no regency.
    #[test]
    fn a_regency_is_named_in_capitals_and_a_province_in_two_words() {
        let lines = [
            "dinas kabupaten/kota yang menangani bidang ketenagakerjaan;",
            "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat",
            "PEMERINTAH PROVINSI JAWA BARAT",
            "pelatihan di Kota Bandung",
        ];
        assert_eq!(regency(&lines).as_deref(), Some("Provinsi Jawa Barat"));
        assert_eq!(regency(&lines[..1]), None);
    }

    #[test]
    fn signature_lines() {
        let s = signed("Sampang, 29 Januari 2024", 25).unwrap();
        assert_eq!((s.place.as_str(), s.date.as_str()), ("Sampang", "2024-01-29"));
        assert_eq!(signed("Lamongan, Januari 2024", 30).unwrap().date, "2024-01");
        assert!(signed("Lamongan, yang lalu", 1).is_none());
    }
}
