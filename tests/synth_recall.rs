//! The ground-truth corpus (`lkjip synth`): synthetic reports made from the corpus, with
//! known faults. `check` must find the faults at their lines, and a synthetic report with
//! no fault must get exactly the findings of the report it was made from.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

use lkjip::check::check;
use lkjip::findings::Finding;
use lkjip::report::{extract, ReportDocument};
use lkjip::source::from_bytes;
use lkjip::synth::faults::FaultKind;
use lkjip::synth::{synthetic, SourceReport};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

const SEED: u64 = 20_261_123;

fn sources() -> Vec<SourceReport> {
    SourceReport::in_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")).unwrap()
}

fn read(name: &str, text: &str) -> (ReportDocument, Vec<Finding>) {
    let source = from_bytes(Path::new(name), text.as_bytes()).unwrap();
    let doc = extract(&source);
    let findings = check(&doc, &source);
    (doc, findings)
}

/// A finding as compared across a rescaling: kind, severity and every line it points to.
fn shape(f: &Finding) -> (String, String, Vec<usize>) {
    (
        f.kind.name().to_string(),
        format!("{:?}", f.severity),
        f.locations.iter().map(|l| l.line).collect(),
    )
}

#[test]
fn a_synthetic_report_without_faults_gets_exactly_the_findings_of_its_source() {
    let sources = sources();
    let originals: Vec<Vec<(String, String, Vec<usize>)>> = sources
        .iter()
        .map(|s| read(&s.name, &s.text).1.iter().map(shape).collect())
        .collect();
    let mut compared = 0;
    for index in 0..25 {
        let synth = synthetic(&sources, index, 0, SEED);
        let (_, findings) = read(&synth.name, &synth.text);
        let got: Vec<_> = findings.iter().map(shape).collect();
        let want = &originals[index % sources.len()];
        let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
        let lost: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
        assert!(
            extra.is_empty() && lost.is_empty() && got.len() == want.len(),
            "{} from {}: extra {extra:?}, lost {lost:?}",
            synth.name,
            synth.source
        );
        compared += findings.len();
    }
    assert_eq!(compared, 5 * 64, "every corpus finding, five rescalings each");
}

/// Budget figures by (code, name) on lines `from..=to`, to see that a rewritten table
/// reads the same.
type Figures = BTreeMap<(Option<String>, String), [Option<String>; 3]>;

fn figures(doc: &ReportDocument, from: usize, to: usize) -> Figures {
    let v = |f: &Option<lkjip::records::Figure>| f.as_ref().and_then(|f| f.value).map(|v| v.to_string());
    doc.budget_lines
        .iter()
        .filter(|b| (from..=to).contains(&b.line))
        .map(|b| {
            (
                (b.code.clone(), b.name.clone()),
                [v(&b.anggaran), v(&b.realisasi), v(&b.persen)],
            )
        })
        .collect()
}

#[test]
fn check_finds_the_injected_faults_at_their_lines() {
    let sources = sources();
    let (mut faults, mut found, mut same_values, mut rewritten) = (0, 0, 0, 0);
    let mut missed: Vec<String> = Vec::new();
    for index in 0..300 {
        let clean = synthetic(&sources, index, 0, SEED);
        let faulty = synthetic(&sources, index, 3, SEED);
        let (clean_doc, clean_findings) = read(&clean.name, &clean.text);
        let (doc, findings) = read(&faulty.name, &faulty.text);
        let before: HashSet<(String, String)> = clean_findings
            .iter()
            .map(|f| (f.kind.name().to_string(), f.message.clone()))
            .collect();
        for fault in &faulty.faults {
            if fault.fault == FaultKind::CommaThousands {
                rewritten += 1;
                let (a, b) = (
                    figures(&doc, fault.line, fault.last_line),
                    figures(&clean_doc, fault.line, fault.last_line),
                );
                same_values += usize::from(a == b && !a.is_empty());
                if a != b {
                    missed.push(format!("{} read otherwise: {a:?} vs {b:?}", fault.report));
                }
                continue;
            }
            faults += 1;
            let hit = findings.iter().any(|f| {
                !before.contains(&(f.kind.name().to_string(), f.message.clone()))
                    && f.locations.iter().any(|l| l.line == fault.line)
            });
            if hit {
                found += 1;
            } else {
                missed.push(format!("{} (from {}): {:?}", fault.report, faulty.source, fault));
            }
        }
    }
    let recall = found as f64 / faults as f64;
    eprintln!("faults {faults}, found {found} ({:.2}%); comma-thousands tables {rewritten}, read the same {same_values}", recall * 100.0);
    for m in missed.iter().take(20) {
        eprintln!("  missed {m}");
    }
    assert!(faults >= 300, "only {faults} faults placed");
    assert!(recall >= 0.99, "recall {recall:.4}: {} missed", missed.len());
    assert_eq!(
        same_values, rewritten,
        "a comma-thousands table read to other values"
    );
}
