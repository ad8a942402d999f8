//! An import never loses, mixes or half-writes a dataset: killed at random points, run
//! twice at once, out of disk, fed link cycles, unreadable entries and decompression
//! bombs, or merged from a damaged output — the output folder always holds one whole
//! dataset, checked against its summary, and a user's files are never touched.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use common::{lkjip, root, run, scratch};

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// lkjip run by bash after `limits` (shell commands such as `ulimit -v 2097152`).
fn limited(limits: &str, args: &[&str]) -> Output {
    Command::new("bash")
        .arg("-c")
        .arg(format!("{limits}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_lkjip"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// 2,000 synthetic reports made from the two smallest corpus reports (the same seed, the
/// same reports), once per test binary.
fn synthetic(seed: u64) -> PathBuf {
    static OLD: OnceLock<PathBuf> = OnceLock::new();
    static NEW: OnceLock<PathBuf> = OnceLock::new();
    let cell = if seed == 7 { &OLD } else { &NEW };
    cell.get_or_init(|| {
        let dir = scratch(&format!("synth-{seed}")).keep();
        let made = run(&[
            "synth",
            "corpus/lumajang-disnaker-lkj-tw2-2023.txt",
            "corpus/lamongan-disnaker-sakip-2024.txt",
            "-n",
            "2000",
            "--faults",
            "2",
            "--seed",
            &seed.to_string(),
            "-o",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
        dir.join("reports")
    })
    .clone()
}

/// The dataset `out` holds, checked whole against its summary: `current` names one run,
/// every data file has the size, lines and SHA-256 the summary records and as many rows as
/// it counts, and every report kept has its document. Returns the summary.
fn whole(out: &Path) -> Value {
    let current = std::fs::read_link(out.join("current")).unwrap();
    assert!(current.starts_with(".lkjip/runs"), "{}", current.display());
    let summary = json(&out.join("summary.json"));
    let recorded = summary["data_files"].as_object().unwrap();
    assert_eq!(recorded.len(), 8, "{recorded:?}");
    for (name, file) in recorded {
        let bytes = std::fs::read(out.join(name)).unwrap();
        let sha: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        assert_eq!(
            (bytes.len() as u64, lines, sha.as_str()),
            (
                file["bytes"].as_u64().unwrap(),
                file["lines"].as_u64().unwrap(),
                file["sha256"].as_str().unwrap()
            ),
            "{name} is not what the summary records"
        );
    }
    let counts = &summary["counts"];
    for (name, count) in [
        ("indicators.jsonl", "indicators"),
        ("budget_lines.jsonl", "budget_lines"),
        ("discrepancies.jsonl", "findings"),
        ("table_cells.jsonl", "table_cells"),
    ] {
        assert_eq!(recorded[name]["lines"], counts[count], "{name}");
    }
    let documents = std::fs::read_dir(out.join("reports")).unwrap().count();
    assert_eq!(Some(documents as u64), counts["reports"].as_u64());
    for file in summary["files"].as_array().unwrap() {
        if file["status"] == "imported" {
            let id = file["report_id"].as_str().unwrap();
            assert!(out.join("reports").join(format!("{id}.json")).is_file(), "{id}");
        }
    }
    summary
}

/// The input files a summary lists, in order.
fn sources(summary: &Value) -> Vec<String> {
    summary["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["source_file"].as_str().unwrap().to_string())
        .collect()
}

/// The run directories a folder holds, and whether a temporary link is left.
fn runs_and_temporaries(out: &Path) -> (usize, bool) {
    let runs = std::fs::read_dir(out.join(".lkjip/runs")).unwrap().count();
    let tmp = std::fs::read_dir(out.join(".lkjip"))
        .unwrap()
        .any(|e| e.unwrap().path().extension().is_some_and(|x| x == "tmp"));
    (runs, tmp)
}

/// The next of a fixed sequence of pseudo-random fractions in [0, 1).
fn fraction(state: &mut u64) -> f64 {
    *state = state
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    (*state >> 11) as f64 / (1u64 << 53) as f64
}

#[test]
fn an_import_killed_at_any_point_leaves_the_old_dataset_or_the_new_one_whole() {
    let (old_inputs, new_inputs) = (synthetic(7), synthetic(8));
    let dir = scratch("kill");
    let out = dir.join("out");
    let o = out.to_str().unwrap();
    let started = Instant::now();
    let first = run(&["import", old_inputs.to_str().unwrap(), "-o", o, "-q"]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let full = started.elapsed();
    let old = whole(&out);
    assert_eq!(old["counts"]["files"], 2000);
    let mut state = 2026;
    let mut seen_new = false;
    for _ in 0..6 {
        let mut child: Child = lkjip()
            .args(["import", new_inputs.to_str().unwrap(), "-o", o, "-q"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(1.2 * fraction(&mut state)));
        let _ = child.kill();
        child.wait().unwrap();
        let now = whole(&out);
        let files = sources(&now);
        assert!(files == sources(&old) || files[0].contains(new_inputs.to_str().unwrap()));
        if files != sources(&old) {
            seen_new = true;
            assert_eq!(now["counts"]["files"], 2000);
        }
    }
    let last = run(&["import", new_inputs.to_str().unwrap(), "-o", o, "-q"]);
    assert_eq!(last.status.code(), Some(0), "{}", text(&last.stderr));
    let new = whole(&out);
    assert_ne!(sources(&new), sources(&old));
    assert_eq!(
        runs_and_temporaries(&out),
        (1, false),
        "what killed runs left is removed"
    );
    eprintln!("killed 6 times over {full:?}; a kill after the swap seen: {seen_new}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_second_import_into_a_folder_being_written_is_refused_naming_the_first() {
    let inputs = synthetic(7);
    let dir = scratch("concurrent");
    let out = dir.join("out");
    let o = out.to_str().unwrap();
    let mut first = lkjip()
        .args(["import", inputs.to_str().unwrap(), "-o", o, "-q"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let holder = format!("process {}", first.id());
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::read_to_string(out.join(".lkjip/lock")).map_or(true, |l| l.trim() != holder) {
        assert!(Instant::now() < deadline, "the first import never took the lock");
        std::thread::sleep(Duration::from_millis(5));
    }
    let second = run(&["import", "corpus/", "-o", o, "-q"]);
    assert_eq!(second.status.code(), Some(2));
    let message = text(&second.stderr);
    assert!(
        message.contains("another lkjip run is writing this folder") && message.contains(&holder),
        "{message}"
    );
    let merge = run(&["merge", o, "-o", o]);
    assert_eq!(merge.status.code(), Some(2), "{}", text(&merge.stderr));
    assert_eq!(first.wait().unwrap().code(), Some(0));
    let summary = whole(&out);
    assert_eq!(summary["counts"]["files"], 2000);
    assert!(sources(&summary).iter().all(|s| s.contains("synth-")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_write_error_fails_the_run_and_keeps_the_earlier_dataset() {
    let dir = scratch("write-error");
    let out = dir.join("out");
    let o = out.to_str().unwrap();
    let earlier = run(&["import", "corpus/*.txt", "-o", o, "-q"]);
    assert_eq!(earlier.status.code(), Some(0), "{}", text(&earlier.stderr));
    let before = whole(&out);
    // files may not grow past 150 KiB: indicators.jsonl (209 KiB) cannot be written
    let full = limited(
        "trap '' XFSZ; ulimit -f 150",
        &["import", "corpus/", "-o", o, "-q"],
    );
    assert_eq!(
        full.status.code(),
        Some(2),
        "a write error is an error of the run"
    );
    let message = text(&full.stderr);
    assert!(
        message.contains("cannot write") && message.contains("File too large"),
        "{message}"
    );
    assert_eq!(whole(&out), before, "the earlier dataset is intact");
    assert_eq!(
        runs_and_temporaries(&out),
        (1, false),
        "the failed run removed its files"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_folder_holding_a_users_files_is_refused_and_left_untouched() {
    let dir = scratch("foreign");
    std::fs::create_dir_all(dir.join("reports")).unwrap();
    std::fs::write(dir.join("reports/mine.json"), "{}\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "mine\n").unwrap();
    let refused = run(&["import", "corpus/*.txt", "-o", dir.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    let message = text(&refused.stderr);
    assert!(
        message.contains("holds files that are not an lkjip output (first: notes.txt)"),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("reports/mine.json")).unwrap(),
        "{}\n"
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs lkjip to completion within a minute, or fails.
fn within_a_minute(args: &[&str]) -> Output {
    let mut child = lkjip()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("lkjip {args:?} did not finish in a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn links_are_followed_once_and_unreadable_entries_named_and_skipped() {
    use std::os::unix::fs::symlink;
    let dir = scratch("walk");
    let inputs = dir.join("in");
    std::fs::create_dir_all(inputs.join("sub")).unwrap();
    for (from, to) in [
        ("lumajang-disnaker-lkj-tw2-2023.txt", "a.txt"),
        ("lamongan-disnaker-sakip-2024.txt", "sub/b.txt"),
    ] {
        std::fs::copy(root().join("corpus").join(from), inputs.join(to)).unwrap();
    }
    symlink(".", inputs.join("c1")).unwrap();
    symlink(".", inputs.join("c2")).unwrap();
    symlink("..", inputs.join("sub/up")).unwrap();
    symlink("a.txt", inputs.join("same.txt")).unwrap();
    let fifo = Command::new("mkfifo").arg(inputs.join("pipe")).status().unwrap();
    assert!(fifo.success());
    let out = dir.join("out");
    let (i, o) = (inputs.to_str().unwrap(), out.to_str().unwrap());
    let walked = within_a_minute(&["import", i, "-o", o, "--format", "json"]);
    assert_eq!(walked.status.code(), Some(0), "{}", text(&walked.stderr));
    let summary: Value = serde_json::from_slice(&walked.stdout).unwrap();
    assert_eq!(
        sources(&summary),
        [format!("{i}/a.txt"), format!("{i}/sub/b.txt")]
    );
    let skipped: Vec<(String, String)> = summary["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap().trim_start_matches(i).to_string();
            (path, s["kind"].as_str().unwrap().to_string())
        })
        .collect();
    let expected = [
        ("/c1", "repeated"),
        ("/c2", "repeated"),
        ("/pipe", "not_a_file"),
        ("/sub/up", "repeated"),
        ("/same.txt", "repeated"),
    ]
    .map(|(p, k)| (p.to_string(), k.to_string()));
    assert_eq!(skipped, expected);

    // a link to itself cannot be read; a directory without permission neither (unless
    // the tests run as root, who reads it): both named, the rest imported, exit 1
    symlink("loop", inputs.join("loop")).unwrap();
    let locked = inputs.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    std::fs::copy(
        root().join("corpus/sampang-disnaker-lkjip-2023.txt"),
        locked.join("c.txt"),
    )
    .unwrap();
    let mode = |m: u32| std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(m));
    mode(0o000).unwrap();
    let root_user = std::fs::read_dir(&locked).is_ok();
    let again = within_a_minute(&["import", i, "-o", o, "--format", "json"]);
    mode(0o755).unwrap();
    assert_eq!(again.status.code(), Some(1), "{}", text(&again.stderr));
    let message = text(&again.stderr);
    assert!(
        message.contains(&format!(
            "error: {i}/loop: not read: Too many levels of symbolic links"
        )),
        "{message}"
    );
    assert_eq!(
        message.contains(&format!("{i}/locked: not read: cannot read the directory")),
        !root_user
    );
    let summary = whole(&out);
    assert_eq!(summary["counts"]["reports"], if root_user { 3 } else { 2 });
    let _ = std::fs::remove_dir_all(&dir);
}

/// Deflates `size` zero bytes.
fn zeros_deflated(size: usize) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..size >> 20 {
        encoder.write_all(&chunk).unwrap();
    }
    encoder.finish().unwrap()
}

/// A PDF of `pages` pages that each draw a line of text, and a stream of 100 MB of zeros
/// (past the budget of a file this size) that every page draws too, or that nothing uses.
fn bomb_pdf(pages: usize, drawn: bool) -> Vec<u8> {
    let bomb_id = 5 + pages;
    let kids: Vec<String> = (0..pages).map(|p| format!("{} 0 R", 5 + p)).collect();
    let contents = match drawn {
        true => format!("[3 0 R {bomb_id} 0 R]"),
        false => "3 0 R".to_string(),
    };
    let text = b"BT /F1 12 Tf 72 720 Td (Realisasi anggaran 2023) Tj ET";
    let mut objects: Vec<Vec<u8>> = vec![
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        format!("<</Type/Pages/Kids[{}]/Count {pages}>>", kids.join(" ")).into_bytes(),
        [
            format!("<</Length {}>>stream\n", text.len()).as_bytes(),
            text,
            b"\nendstream\n",
        ]
        .concat(),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>".to_vec(),
    ];
    for _ in 0..pages {
        let page = format!(
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 4 0 R>>>>/Contents {contents}>>"
        );
        objects.push(page.into_bytes());
    }
    let bomb = zeros_deflated(100 << 20);
    let head = format!("<</Length {}/Filter/FlateDecode>>stream\n", bomb.len());
    objects.push([head.as_bytes(), &bomb, b"\nendstream\n"].concat());
    common::pdf_of_bytes(&objects)
}

/// A one-page PDF whose object stream (which the PDF library inflates as it loads any file)
/// holds 300 MB of zeros.
fn object_stream_bomb() -> Vec<u8> {
    let text = b"BT /F1 12 Tf 72 720 Td (Realisasi anggaran 2023) Tj ET";
    let bomb = zeros_deflated(300 << 20);
    let head = format!(
        "<</Type/ObjStm/N 1/First 4/Length {}/Filter/FlateDecode>>stream\n",
        bomb.len()
    );
    common::pdf_of_bytes(&[
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        b"<</Type/Pages/Kids[5 0 R]/Count 1>>".to_vec(),
        [
            format!("<</Length {}>>stream\n", text.len()).as_bytes(),
            text,
            b"\nendstream\n",
        ]
        .concat(),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>".to_vec(),
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 4 0 R>>>>/Contents 3 0 R>>"
            .to_vec(),
        [head.as_bytes(), &bomb, b"\nendstream\n"].concat(),
    ])
}

#[test]
fn a_decompression_bomb_fails_alone_within_a_memory_limit() {
    let dir = scratch("bomb");
    let bomb = common::shared("repros/bomb-content-1.1GB.pdf");
    let out = dir.join("out");
    let under_2_gib = "ulimit -v 2097152";
    let args = [
        "import",
        bomb.to_str().unwrap(),
        "corpus/lumajang-disnaker-lkj-tw2-2023.txt",
        "corpus/lumajang-disnaker-lkj-tw2-2023.pdf",
        "-o",
        out.to_str().unwrap(),
        "--format",
        "json",
    ];
    let imported = limited(under_2_gib, &args);
    assert_eq!(imported.status.code(), Some(1), "{}", text(&imported.stderr));
    let summary = whole(&out);
    assert_eq!(
        (
            summary["counts"]["reports"].as_u64(),
            summary["counts"]["failed"].as_u64()
        ),
        (Some(1), Some(1))
    );
    let failure = &summary["failures"][0];
    assert_eq!(failure["kind"], "too_large");
    assert!(
        failure["reason"]
            .as_str()
            .unwrap()
            .ends_with("bomb-content-1.1GB.pdf: too large: stream 4 0 R inflates past 140 MB, the most a PDF of this size may hold; refusing to read it"),
        "{failure}"
    );

    // in an object stream, which the PDF library inflates on loading: measured before
    let path = dir.join("object-stream.pdf");
    std::fs::write(&path, object_stream_bomb()).unwrap();
    let read = limited(under_2_gib, &["text", path.to_str().unwrap()]);
    let stderr = text(&read.stderr);
    assert_eq!(read.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("too large: stream 6 0 R inflates past"),
        "{stderr}"
    );

    // drawn by four pages: refused once, naming the stream; used by nothing: never inflated
    for (pages, drawn) in [(4, true), (1, false)] {
        let path = dir.join(format!("made-{pages}-{drawn}.pdf"));
        std::fs::write(&path, bomb_pdf(pages, drawn)).unwrap();
        let read = limited(under_2_gib, &["text", path.to_str().unwrap()]);
        let (stdout, stderr) = (text(&read.stdout), text(&read.stderr));
        if drawn {
            assert_eq!(read.status.code(), Some(2), "{stderr}");
            let object = format!("stream {} 0 R inflates past", 5 + pages);
            assert!(
                stderr.contains("too large") && stderr.contains(&object),
                "{stderr}"
            );
        } else {
            assert_eq!(read.status.code(), Some(0), "{stderr}");
            assert_eq!(stdout.trim(), "Realisasi anggaran 2023");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn merge_refuses_an_input_cut_or_changed_after_its_import() {
    let dir = scratch("merge-damaged");
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    for (k, name) in [("1/2", "s1"), ("2/2", "s2")] {
        let done = run(&["import", "corpus/", "-o", &path(name), "--shard", k, "-q"]);
        assert_eq!(done.status.code(), Some(0), "{}", text(&done.stderr));
    }
    let indicators = dir.join("s1/indicators.jsonl");
    let whole_file = std::fs::read_to_string(&indicators).unwrap();
    let lines: Vec<&str> = whole_file.lines().collect();
    let half: String = lines[..lines.len() / 2]
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&indicators, &half).unwrap();
    let merged = run(&["merge", &path("s1"), &path("s2"), "-o", &path("m")]);
    assert_eq!(merged.status.code(), Some(2));
    let message = text(&merged.stderr);
    assert!(
        message.contains(&format!(
            "{}: not an import output: indicators.jsonl is",
            path("s1")
        )) && message.contains("the file was cut or changed after the import"),
        "{message}"
    );
    assert!(!dir.join("m/current").exists(), "nothing published");

    // a summary without checksums (written by hand, or cut out): the counts still hold it
    let summary_path = dir.join("s1/summary.json");
    let mut summary = json(&summary_path);
    summary.as_object_mut().unwrap().remove("data_files");
    std::fs::write(&summary_path, serde_json::to_string(&summary).unwrap()).unwrap();
    let merged = run(&["merge", &path("s1"), &path("s2"), "-o", &path("m")]);
    assert_eq!(merged.status.code(), Some(2));
    let expected = format!(
        "indicators.jsonl holds {} rows where summary.json counts {}",
        lines.len() / 2,
        lines.len()
    );
    assert!(
        text(&merged.stderr).contains(&expected),
        "{}",
        text(&merged.stderr)
    );

    // an output of another lkjip, whose columns may differ, is refused, not half read
    summary["output_version"] = serde_json::json!(4);
    std::fs::write(&summary_path, serde_json::to_string(&summary).unwrap()).unwrap();
    let merged = run(&["merge", &path("s1"), &path("s2"), "-o", &path("m")]);
    assert_eq!(merged.status.code(), Some(2));
    assert!(
        text(&merged.stderr).contains("written by another lkjip (output version 4, this one writes 5)"),
        "{}",
        text(&merged.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
