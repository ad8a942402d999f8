//! The yardstick as a ratchet: `../shared/real-pdfs/score.py` (truth read by hand from the
//! page) run on the twelve real PDFs, each PDF's rows intact and values recalled held at
//! no less than the figure `tests/ratchet/real-pdfs.tsv` records. A figure that rose is
//! recorded with `LKJIP_BLESS=1 cargo test --test real_pdfs`, so the floor only moves up.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use std::collections::BTreeMap;
use std::process::Command;

/// Rows intact and values recalled of one PDF.
type Figures = (u32, u32);

/// `NAME … rows intact A/B, values recalled C/D …` → NAME, (A, C).
fn parse(score: &str) -> BTreeMap<String, Figures> {
    let figure = regex::Regex::new(r"^(\S+)\s+rows intact (\d+)/\d+, values recalled (\d+)/").unwrap();
    score
        .lines()
        .filter_map(|l| figure.captures(l))
        .map(|c| (c[1].to_string(), (c[2].parse().unwrap(), c[3].parse().unwrap())))
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
        let mut tsv = String::from("pdf\trows_intact\tvalues_recalled\n");
        for (name, (rows, values)) in &reached {
            tsv.push_str(&format!("{name}\t{rows}\t{values}\n"));
        }
        std::fs::write(&path, tsv).unwrap();
    }
    let floors: BTreeMap<String, Figures> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_string(), (f[1].parse().unwrap(), f[2].parse().unwrap()))
        })
        .collect();
    let mut fell = Vec::new();
    let mut rose = Vec::new();
    for (name, floor) in &floors {
        let now = reached.get(name).copied().unwrap_or_default();
        if now.0 < floor.0 || now.1 < floor.1 {
            fell.push(format!(
                "{name}: rows intact {} (floor {}), values recalled {} (floor {})",
                now.0, floor.0, now.1, floor.1
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
