//! Throughput of the whole tool: extract + check of one report (MB/s), and an import of
//! 2,000 synthetic reports made by `lkjip::synth` with every output written (reports/s,
//! MB/s).

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lkjip::synth::{synthetic, SourceReport};
use std::path::{Path, PathBuf};

const REPORTS: usize = 2000;

fn corpus() -> Vec<SourceReport> {
    SourceReport::in_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")).expect("corpus/")
}

fn one_report(c: &mut Criterion) {
    let path = Path::new("lamongan-disnaker-lkjip-2023.txt");
    let text = corpus()
        .into_iter()
        .find(|s| s.name == path.to_string_lossy())
        .expect("lamongan")
        .text;
    let mut group = c.benchmark_group("extract_check");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("lamongan LKjIP 2023 (text)", |b| {
        b.iter(|| {
            let source = lkjip::source::from_bytes(path, text.as_bytes()).expect("text");
            std::hint::black_box(lkjip::analyze::analyze(
                &source,
                lkjip::analyze::Through::Findings,
            ))
        })
    });
    group.finish();
}

fn import(c: &mut Criterion) {
    let sources = corpus();
    let root = std::env::temp_dir().join(format!("lkjip-bench-import-{}", std::process::id()));
    let input = root.join("reports");
    std::fs::create_dir_all(&input).expect("temp dir");
    let mut files = Vec::new();
    let mut bytes = 0u64;
    for i in 0..REPORTS {
        let s = synthetic(&sources, i, 3, 7);
        let path = input.join(&s.name);
        std::fs::write(&path, &s.text).expect("write report");
        bytes += s.text.len() as u64;
        files.push(path);
    }
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function(format!("{REPORTS} synthetic reports, outputs written"), |b| {
        b.iter(|| {
            let inputs = lkjip::import::inputs::Inputs {
                files: files.clone(),
                skipped: Vec::new(),
                walked: Default::default(),
            };
            lkjip::import::run(
                inputs,
                &root.join("out"),
                (lkjip::concepts::Concepts::builtin(), lkjip::pdf::Ocr::Never),
                &|_| {},
            )
            .expect("import")
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&root);
}

criterion_group!(benches, one_report, import);
criterion_main!(benches);
