//! Throughput of the cell grammar over every numeric cell of the corpus.
//!
//! Cells are the tab-separated cells of the text dumps and, for the slide deck (which has
//! no tabs), its space-separated tokens; a cell is numeric when it holds an ASCII digit.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lkjip::parsers::parse_cell;
use std::hint::black_box;
use std::path::Path;

fn numeric_cells() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut cells = Vec::new();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let text = std::fs::read_to_string(path).expect("corpus file");
        let deck = !text.contains('\t');
        for line in text.lines() {
            let pieces: Vec<&str> = match deck {
                true => line.split_whitespace().collect(),
                false if line.contains('\t') => line.split('\t').collect(),
                false => continue,
            };
            cells.extend(
                pieces
                    .into_iter()
                    .filter(|c| c.bytes().any(|b| b.is_ascii_digit()))
                    .map(String::from),
            );
        }
    }
    cells
}

fn bench(c: &mut Criterion) {
    let cells = numeric_cells();
    let mut group = c.benchmark_group("number_grammar");
    group.throughput(Throughput::Elements(cells.len() as u64));
    group.bench_function(format!("parse_cell x{}", cells.len()), |b| {
        b.iter(|| {
            for cell in &cells {
                black_box(parse_cell(black_box(cell)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
