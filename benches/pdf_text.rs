//! Pages per second of PDF text extraction (positioned glyphs, lines, table cells) on the
//! sample PDFs of `../shared/pdf-samples/`, beside poppler's `pdftotext -layout` on the same
//! files when it is installed.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use std::process::Command;

const SAMPLES: [(&str, u64); 3] = [
    ("jabar-disnakertrans-lkip-2016.pdf", 54),
    ("jabar-museum-perjanjian-kinerja-2016.pdf", 3),
    ("jabar-disnak-iku-2016.pdf", 2),
];

fn bench(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/pdf-samples");
    let files: Vec<(PathBuf, Vec<u8>)> = SAMPLES
        .iter()
        .map(|(n, _)| (dir.join(n), std::fs::read(dir.join(n)).expect("sample PDF")))
        .collect();
    let pages: u64 = SAMPLES.iter().map(|(_, p)| p).sum();
    let mut group = c.benchmark_group("pdf_text");
    group.throughput(Throughput::Elements(pages));
    group.sample_size(20);
    group.bench_function(format!("lkjip x{pages} pages"), |b| {
        b.iter(|| {
            for (path, bytes) in &files {
                std::hint::black_box(lkjip::pdf::read(path, bytes).expect("readable"));
            }
        })
    });
    if Command::new("pdftotext").arg("-v").output().is_ok() {
        group.bench_function(format!("pdftotext -layout x{pages} pages"), |b| {
            b.iter(|| {
                for (path, _) in &files {
                    let out = Command::new("pdftotext")
                        .arg("-layout")
                        .arg(path)
                        .arg("-")
                        .output()
                        .expect("pdftotext");
                    std::hint::black_box(out.stdout);
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
