//! The yardstick as a ratchet: `../shared/real-pdfs/score.py` (truth read by hand from the
//! page) run on the twelve real PDFs, each PDF's rows intact, values recalled and field
//! precision (right fields over fields carried) held at no less than the figures
//! `tests/ratchet/real-pdfs.tsv` records. A figure that rose is recorded with
//! `LKJIP_BLESS=1 cargo test --test real_pdfs`, so the floor only moves up.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use std::collections::BTreeMap;
use std::process::Command;

/// What score.py measures of one PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Figures {
    rows_intact: u32,
    values_recalled: u32,
    /// Fields of the matched records equal to the truth.
    right: u32,
    /// Fields the matched records carry.
    carried: u32,
}

impl Figures {
    /// The figures in score.py's order: rows intact, values recalled, right, carried.
    fn of([rows_intact, values_recalled, right, carried]: [u32; 4]) -> Figures {
        Figures {
            rows_intact,
            values_recalled,
            right,
            carried,
        }
    }

    /// Whether any figure is below `floor`'s (precision compared as a ratio).
    fn below(&self, floor: &Figures) -> bool {
        self.rows_intact < floor.rows_intact
            || self.values_recalled < floor.values_recalled
            || u64::from(self.right) * u64::from(floor.carried)
                < u64::from(floor.right) * u64::from(self.carried)
    }
}

/// `NAME … rows intact A/B, values recalled C/D (…), field precision E/F …` → NAME, figures.
fn parse(score: &str) -> BTreeMap<String, Figures> {
    let figure = regex::Regex::new(
        r"^(\S+)\s+rows intact (\d+)/\d+, values recalled (\d+)/\d+ \(\d+%\), field precision (\d+)/(\d+)",
    )
    .unwrap();
    score
        .lines()
        .filter_map(|l| figure.captures(l))
        .map(|c| {
            let n = |i: usize| c[i].parse().unwrap();
            (c[1].to_string(), Figures::of([2, 3, 4, 5].map(n)))
        })
        .collect()
}

#[test]
fn rows_intact_and_values_recalled_never_fall_on_the_real_pdfs() {
    let score = Command::new("python3")
        .arg(common::shared("real-pdfs/score.py"))
        .arg(env!("CARGO_BIN_EXE_lkjip"))
        .output()
        .expect("python3 runs score.py");
    let stdout = String::from_utf8_lossy(&score.stdout).into_owned();
    assert!(
        score.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&score.stderr)
    );
    assert!(stdout.contains("failed PDFs 0"), "{stdout}");
    let reached = parse(&stdout);
    assert_eq!(reached.len(), 12, "{stdout}");
    let path = common::root().join("tests/ratchet/real-pdfs.tsv");
    if std::env::var_os("LKJIP_BLESS").is_some() {
        let mut tsv = String::from("pdf\trows_intact\tvalues_recalled\tfields_right\tfields_carried\n");
        for (name, f) in &reached {
            tsv.push_str(&format!(
                "{name}\t{}\t{}\t{}\t{}\n",
                f.rows_intact, f.values_recalled, f.right, f.carried
            ));
        }
        std::fs::write(&path, tsv).unwrap();
    }
    let floors: BTreeMap<String, Figures> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let n = |i: usize| f[i].parse().unwrap();
            (f[0].to_string(), Figures::of([1, 2, 3, 4].map(n)))
        })
        .collect();
    let mut fell = Vec::new();
    let mut rose = Vec::new();
    for (name, floor) in &floors {
        let now = reached.get(name).copied().unwrap_or_default();
        if now.below(floor) {
            fell.push(format!(
                "{name}: rows intact {} (floor {}), values recalled {} (floor {}), field precision {}/{} (floor {}/{})",
                now.rows_intact, floor.rows_intact, now.values_recalled, floor.values_recalled,
                now.right, now.carried, floor.right, floor.carried
            ));
        } else if now != *floor {
            rose.push(format!("{name}: {now:?} over {floor:?}"));
        }
    }
    assert!(
        fell.is_empty(),
        "a figure fell below its floor:\n{}\n\n{stdout}",
        fell.join("\n")
    );
    assert!(
        rose.is_empty(),
        "a figure rose: record it with LKJIP_BLESS=1 cargo test --test real_pdfs\n{}",
        rose.join("\n")
    );
}
