//! What each kind of finding means, when it is an error and when a warning, what to do
//! about it, and a small report that shows it (`lkjip explain KIND` runs that report
//! through the checks, so the example is always what lkjip says today).

use crate::findings::Kind;

/// The explanation of one kind of finding.
#[derive(Debug, Clone, Copy)]
pub struct KindDoc {
    /// The kind.
    pub kind: Kind,
    /// What the check compares.
    pub checks: &'static str,
    /// When the finding is an error, and when only a warning.
    pub severity: &'static str,
    /// What a reviewer does about it.
    pub repair: &'static str,
    /// A small text dump that shows the finding.
    pub example: &'static str,
}

/// The explanation of `kind`.
pub fn doc(kind: Kind) -> KindDoc {
    let (checks, severity, repair, example) = match kind {
        Kind::SumMismatch => (
            "A parent row or a total (JUMLAH, a program over its kegiatan, a numbered parent over its sub-items) is compared with the sum of the rows under it, column by column, each printed figure standing for the interval its precision allows.",
            "An error when no reading of the figures makes the sum hold; a warning when the parts and the total are far apart (a different scope rather than a slip), or when the sum holds only with a reading lkjip had to choose.",
            "The help names the likely repair: one digit changed, two digits swapped, a row counted twice, or the row whose figure makes the sum hold.",
            include_str!("../data/kinds/sum_mismatch.txt"),
        ),
        Kind::RatioMismatch => (
            "A percentage or capaian is compared with the ratio of the figures it is printed beside (realisasi / target, realisasi / anggaran, and for lower-is-better indicators 2 − r/t or t/r when the report's own rows use that).",
            "An error when the printed percentage lies outside every value the ratio of the printed figures can take at their precision; rounding and truncation at the printed precision are never findings.",
            "Recompute the percentage from the figures, or find which figure was copied wrong (the help says when another figure in the table gives the printed ratio).",
            include_str!("../data/kinds/ratio_mismatch.txt"),
        ),
        Kind::MeanMismatch => (
            "A `Rata-rata` row that prints only what it averages is compared with the mean of the rows it closes, column by column; a parent indicator with sub-items, with the mean of its sub-items.",
            "An error when the printed mean lies outside the interval the rows' mean can take at their precision.",
            "Recompute the mean; the message gives the mean of the rows above it.",
            include_str!("../data/kinds/mean_mismatch.txt"),
        ),
        Kind::DifferenceMismatch => (
            "A difference the report prints — efisiensi (capaian kinerja − capaian anggaran), sisa anggaran (anggaran − realisasi), a kenaikan or penurunan stated in the prose — is compared with the difference of its figures.",
            "An error when no reading of the figures gives the printed difference; the help says when the figures were added instead of subtracted or the difference was copied from another line.",
            "Recompute the difference from the two figures it is stated for.",
            include_str!("../data/kinds/difference_mismatch.txt"),
        ),
        Kind::ValueConflict => (
            "One quantity — an indicator's target, realisasi or capaian for one year, a program's anggaran — printed in more than one place (two tables, a table and the prose) is compared across its printings.",
            "An error when the printings cannot all be the same figure and the rows are surely the same quantity; a warning when the rows may differ in scope (a revised target, another period) or the names only nearly agree.",
            "The value most printings (or the arithmetic of their tables) agree on is given as expected; correct the others.",
            include_str!("../data/kinds/value_conflict.txt"),
        ),
        Kind::Polarity => (
            "An indicator that is better when lower (unemployment, accidents, poverty) whose capaian is computed as realisasi / target, which rewards a miss.",
            "An error when the indicator's name says lower is better (a rate of unemployment, of accidents, of poverty) and its capaian is realisasi / target × 100, which rises as the indicator gets worse.",
            "Compute the capaian as (2 − realisasi / target) × 100, or as the report's own formula for lower-is-better indicators says.",
            include_str!("../data/kinds/polarity.txt"),
        ),
        Kind::MalformedNumber => (
            "A number that fits no printed format (`130.00.000`, `Rp 25.000.0000`), or that two conventions read differently (`10,730`) where its column does not settle which.",
            "An error when no reading of the number makes the arithmetic around it hold; a warning when one reading does (the number is read so, and said).",
            "Print the number in one convention: dots between thousands, a comma before decimals.",
            include_str!("../data/kinds/malformed_number.txt"),
        ),
        Kind::MissingRow => (
            "A total that exceeds the sum of its parts by exactly the amount of an item the report lists elsewhere (the prose's list of kegiatan) but the table does not print.",
            "An error: the total and the prose agree on a row the table leaves out.",
            "Add the row to the table (its name and amount are in the help), or remove it from the total.",
            include_str!("../data/kinds/missing_row.txt"),
        ),
        Kind::DuplicateRow => (
            "A row printed twice, cell for cell, or two rows under one name in one table.",
            "A warning: a repeated row may be a copy slip, or the report may list the same name under two parents.",
            "Remove the repeated row, or give the two rows names that tell them apart.",
            include_str!("../data/kinds/duplicate_row.txt"),
        ),
    };
    KindDoc {
        kind,
        checks,
        severity,
        repair,
        example,
    }
}

/// The kind named `name` (`sum_mismatch`; `sum-mismatch` too).
pub fn named(name: &str) -> Option<Kind> {
    let name = name.trim().replace('-', "_").to_ascii_lowercase();
    Kind::ALL.into_iter().find(|k| k.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{analyze, Through};

    #[test]
    fn every_example_shows_its_kind_as_check_reports_it() {
        for kind in Kind::ALL {
            let d = doc(kind);
            let source = crate::source::from_bytes(std::path::Path::new("example.txt"), d.example.as_bytes());
            let found = source
                .map(|s| analyze(&s, Through::Findings).findings)
                .unwrap_or_default();
            assert!(
                found.iter().any(|f| f.kind == kind),
                "the example of {} gives {:?}",
                kind.name(),
                found.iter().map(|f| f.kind.name()).collect::<Vec<_>>()
            );
        }
        assert_eq!(named("Sum-Mismatch"), Some(Kind::SumMismatch));
        assert_eq!(named("sum"), None);
    }
}
