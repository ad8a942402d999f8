//! `lkjip import` and `lkjip merge` as a user runs them: the corpus in, the joined dataset
//! out, checked value by value against the source reports.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use common::{root, run as lkjip, scratch};
use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every output file of the dataset a folder publishes but timings.json, as (relative
/// path, bytes), sorted.
fn outputs(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let dir = &folder.join("current");
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if !path.ends_with("timings.json") {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                files.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

fn json_lines(path: &Path) -> Vec<serde_json::Value> {
    read(path)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_corpus_imports_into_every_output_and_a_rerun_is_byte_identical() {
    let out = scratch("corpus");
    let run = lkjip(&["import", "corpus/", "-o", out.to_str().unwrap()]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.starts_with("imported 5 reports from 10 files"), "{stdout}");
    // every corpus PDF holds the same report as its text dump: one report each
    let summary: serde_json::Value = serde_json::from_str(&read(&out.join("summary.json"))).unwrap();
    assert_eq!(summary["counts"]["duplicates"], 5);
    assert_eq!(summary["counts"]["findings"], 64);
    assert_eq!(summary["findings_by_kind"]["sum_mismatch"]["error"], 5);
    assert_eq!(std::fs::read_dir(out.join("reports")).unwrap().count(), 5);

    // Lamongan Tabel 3.8, line 1076: 4.2.3 Job Fair, as a CSV row with its report keys
    let csv = read(&out.join("budget_lines.csv"));
    assert!(csv.starts_with("report_id,regency,agency,report_kind,report_year,source_file,line,"));
    let job_fair = csv
        .lines()
        .find(|l| l.contains(",4.2.3,") && l.contains("lamongan-disnaker-lkjip-2023.txt"))
        .unwrap();
    assert!(job_fair.contains(
        ",Kabupaten Lamongan,Dinas Tenaga Kerja,lkjip,2023,corpus/lamongan-disnaker-lkjip-2023.txt,"
    ));
    assert!(
        // anggaran, anggaran_murni (not printed), realisasi, persen
        job_fair.contains(",250000000,250.000.000,exact,,,,,,242958240,242.958.240,exact,,97.18,"),
        "{job_fair}"
    );

    // national codes: a near name with its parent's evidence, one code per table
    let budget = json_lines(&out.join("budget_lines.jsonl"));
    let national = |file: &str, code: &str| -> Vec<Option<String>> {
        budget
            .iter()
            .filter(|r| r["code"] == code && r["level"] != "allocation")
            .filter(|r| r["source_file"].as_str().unwrap().ends_with(file))
            .map(|r| r["nomenclature_code"].as_str().map(str::to_string))
            .collect()
    };
    // Blitar's `Urusan Pemerintah Daerah` is the regulation's `Urusan Pemerintahan Daerah`
    let blitar = national("blitar-disnaker-lkjip-2022.txt", "1");
    assert!(
        !blitar.is_empty() && blitar.iter().all(|c| c.as_deref() == Some("X.XX.01")),
        "{blitar:?}"
    );
    // Lamongan prints `Penyuluhan Transmigrasi` under 6.1 (3.32.03.2.01)
    assert_eq!(
        national("lamongan-disnaker-lkjip-2023.txt", "6.1.2"),
        [Some("3.32.03.2.01.0005".to_string())]
    );
    // and one name on 4.3.2 and 4.3.3: the code goes to the first only
    assert_eq!(
        national("lamongan-disnaker-lkjip-2023.txt", "4.3.2"),
        [Some("2.07.04.2.04.0002".to_string())]
    );
    assert_eq!(national("lamongan-disnaker-lkjip-2023.txt", "4.3.3"), [None]);

    // the same indicator under one canonical key in two regencies' wording
    let indicators = json_lines(&out.join("indicators.jsonl"));
    let bekerja: Vec<&serde_json::Value> = indicators
        .iter()
        .filter(|r| r["indikator_key"] == "persentase penduduk yang bekerja" && r["year"] == 2023)
        .collect();
    assert!(bekerja
        .iter()
        .any(|r| r["report_kind"] == "lkjip" && r["realisasi"] == "94.54" && r["line"] == 669));
    assert!(bekerja
        .iter()
        .any(|r| r["report_kind"] == "sakip_deck" && r["realisasi"] == "94.54"));

    // a grade is text, never in the numeric column: Blitar's Nilai SAKIP target `BB`
    let sakip = indicators
        .iter()
        .find(|r| r["target_raw"] == "BB" && r["report_kind"] == "lkjip")
        .unwrap();
    assert_eq!(
        (&sakip["target"], &sakip["target_text"], &sakip["target_status"]),
        (
            &serde_json::Value::Null,
            &serde_json::json!("BB"),
            &serde_json::json!("grade")
        )
    );
    assert!(indicators
        .iter()
        .all(|r| r["target"].as_str().is_none_or(|v| v.parse::<f64>().is_ok())));

    // Lamongan line 1023: 1.1 realisasi is not the sum of its parts, with the source line
    let findings = json_lines(&out.join("discrepancies.jsonl"));
    let sum = findings
        .iter()
        .find(|f| f["kind"] == "sum_mismatch" && f["line"] == 1023)
        .unwrap();
    assert_eq!(
        (sum["expected"].as_str(), sum["found"].as_str()),
        (Some("86130228"), Some("86130282"))
    );
    assert!(sum["locations"][0]["text"]
        .as_str()
        .unwrap()
        .contains("86.130.282"));
    assert_eq!(findings.len(), 64);

    // figures no record carries are table cells: an asset, a country, an education level
    let cells = json_lines(&out.join("table_cells.jsonl"));
    let cell = |label: &str, header: &str| {
        cells
            .iter()
            .find(|c| c["row_label"] == label && c["header"] == header)
            .map(|c| {
                (
                    c["value"].as_str().unwrap().to_string(),
                    c["line"].as_u64().unwrap(),
                )
            })
            .unwrap_or_else(|| panic!("no cell {label} / {header}"))
    };
    assert_eq!(
        cell("Kendaraan Bermotor Beroda Dua", "Jumlah Barang Unit/Buah"),
        ("18".into(), 390)
    );
    assert_eq!(
        cell("Kendaraan Bermotor Beroda Dua", "Harga"),
        ("139923957.00".into(), 390)
    );
    assert_eq!(cell("Malaysia", "Jumlah PMI"), ("317".into(), 409));
    assert_eq!(cell("SLTP", "Tahun › 2021"), ("5601".into(), 644));
    assert_eq!(cell("SLTP", "Tahun › 2022"), ("14055".into(), 644));
    assert_eq!(cell("SLTP", "Selisih"), ("8454".into(), 644));
    assert_eq!(
        summary["counts"]["table_cells"].as_u64(),
        Some(cells.len() as u64)
    );

    let first = outputs(&out);
    let again = lkjip(&["import", "corpus/", "-o", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(outputs(&out), first, "a rerun changed an output");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn bad_files_are_named_with_their_reason_and_the_good_ones_imported() {
    let dir = scratch("bad-inputs");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    for good in [
        "lumajang-disnaker-lkj-tw2-2023.txt",
        "sampang-disnaker-lkjip-2023.txt",
    ] {
        std::fs::copy(root().join("corpus").join(good), inputs.join(good)).unwrap();
    }
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(
        inputs.join("binary.txt"),
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff],
    )
    .unwrap();
    let pdf = std::fs::read(root().join("corpus/blitar-disnaker-lkjip-2022.pdf")).unwrap();
    std::fs::write(inputs.join("truncated.pdf"), &pdf[..pdf.len() / 3]).unwrap();
    let out = dir.join("out");
    let run = lkjip(&["import", inputs.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let summary: serde_json::Value = serde_json::from_str(&read(&out.join("summary.json"))).unwrap();
    assert_eq!(summary["counts"]["reports"], 2);
    assert_eq!(summary["counts"]["failed"], 3);
    let reasons: Vec<String> = summary["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["reason"].as_str().unwrap().to_string())
        .collect();
    for (file, reason) in [
        ("binary.txt", "binary data"),
        ("empty.txt", "the file is empty"),
        ("truncated.pdf", "truncated.pdf: "),
    ] {
        let said = reasons
            .iter()
            .find(|r| r.contains(file))
            .unwrap_or_else(|| panic!("{file}: {reasons:?}"));
        assert!(said.contains(reason), "{said}");
        assert!(
            stderr.contains(said.as_str()),
            "stderr does not name {file}: {stderr}"
        );
    }
    let indicators = read(&out.join("indicators.csv"));
    assert!(
        indicators.contains("lumajang-disnaker-lkj-tw2-2023.txt")
            && indicators.contains("sampang-disnaker-lkjip-2023.txt")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn shards_merged_give_what_one_import_gives() {
    let dir = scratch("shards");
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    for (k, name) in [("1/3", "s1"), ("2/3", "s2"), ("3/3", "s3")] {
        let run = lkjip(&["import", "corpus/", "-o", &path(name), "--shard", k, "-q"]);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let merged = lkjip(&[
        "merge",
        &path("s1"),
        &path("s2"),
        &path("s3"),
        "-o",
        &path("merged"),
    ]);
    assert_eq!(
        merged.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert_eq!(
        lkjip(&["import", "corpus/", "-o", &path("whole"), "-q"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(outputs(&dir.join("merged")), outputs(&dir.join("whole")));
    assert_eq!(
        lkjip(&["import", "corpus/", "-o", &path("x"), "--shard", "4/3"])
            .status
            .code(),
        Some(2)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// One report of many megabytes prints more than an import holds in memory of one report:
/// its rows wait in files beside its staging document (`src/import/spill.rs`). Merging that
/// import, which prints the rows it reads back in memory, gives every output the same.
#[test]
fn a_report_too_large_to_print_in_memory_gives_what_printing_in_memory_gives() {
    let dir = scratch("large-report");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let mut reports: Vec<_> = std::fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    reports.sort();
    let corpus: String = reports.iter().map(|p| read(p) + "\n").collect();
    // the corpus twelve times over (3 MB): most outputs of the one report past 1 MB
    std::fs::write(inputs.join("dump.txt"), corpus.repeat(12)).unwrap();
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let import = lkjip(&["import", &path("in"), "-o", &path("imported"), "-q"]);
    assert_eq!(
        import.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let table_cells = dir.join("imported/current/table_cells.jsonl");
    assert!(std::fs::metadata(&table_cells).unwrap().len() > 2 << 20);
    assert!(!dir.join("imported/current/.staging").exists());
    let merge = lkjip(&["merge", &path("imported"), "-o", &path("merged")]);
    assert_eq!(
        merge.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    assert_eq!(outputs(&dir.join("merged")), outputs(&dir.join("imported")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_past_year_printed_again_differently_is_a_value_conflict_across_reports() {
    let dir = scratch("years");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let lkjip_2023 = "lamongan-disnaker-lkjip-2023.txt";
    std::fs::copy(root().join("corpus").join(lkjip_2023), inputs.join(lkjip_2023)).unwrap();
    // the 2024 deck prints the 2023 realisasi 94,54% at line 590; mistype it in a copy
    let deck = read(&root().join("corpus/lamongan-disnaker-sakip-2024.txt"));
    assert!(deck.contains("94,87% 94,54% 99,66%"));
    std::fs::write(
        inputs.join("deck-2024.txt"),
        deck.replace("94,87% 94,54% 99,66%", "94,87% 94,45% 99,66%"),
    )
    .unwrap();
    let out = dir.join("out");
    lkjip(&[
        "import",
        inputs.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
    ]);
    let across: Vec<serde_json::Value> = json_lines(&out.join("discrepancies.jsonl"))
        .into_iter()
        .filter(|f| f["across_reports"] == true)
        .collect();
    assert_eq!(across.len(), 1, "{across:?}");
    let f = &across[0];
    assert_eq!(
        (f["kind"].as_str(), f["expected"].as_str(), f["found"].as_str()),
        (Some("value_conflict"), Some("94.54"), Some("94.45"))
    );
    assert!(f["source_file"].as_str().unwrap().ends_with("deck-2024.txt"));
    assert!(f["locations"][1]["source_file"]
        .as_str()
        .unwrap()
        .ends_with(lkjip_2023));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn globs_strict_and_usage_errors_set_the_exit_code() {
    let dir = scratch("exit-codes");
    let out = dir.join("out").to_string_lossy().into_owned();
    // a quoted pattern is expanded by lkjip: the five text dumps, no PDF
    let strict = lkjip(&[
        "import",
        "corpus/*.txt",
        "-o",
        &out,
        "--strict",
        "--format",
        "json",
    ]);
    let summary: serde_json::Value = serde_json::from_slice(&strict.stdout).unwrap();
    assert_eq!(
        (
            summary["counts"]["files"].as_u64(),
            summary["counts"]["reports"].as_u64()
        ),
        (Some(5), Some(5))
    );
    assert_eq!(strict.status.code(), Some(1), "31 findings are errors");
    let missing = lkjip(&["import", "corpus/no-such-report.txt", "-o", &out]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr)
        .contains("corpus/no-such-report.txt: no such file or directory"));
    let nothing = lkjip(&["import", "corpus/*.docx", "-o", &out]);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("the pattern matches no file"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same indicator gets one `indikator_concept` whichever regency or report printed it:
/// Nilai SAKIP in Blitar (`… Perangkat Daerah`) and Lamongan (`… DISNAKER`, `… Dinas Tenaga
/// Kerja`, in the LKjIP and the 2024 deck); industrial disputes settled in Blitar (`kasus
/// perselisihan hubungan industrial …`) and Sampang (`sengketa pengusaha dan pekerja …`,
/// once misspelt `pengusahan`); productivity in Lamongan's LKjIP (`Tingkat Produktifitas`)
/// and deck (`Persentase Tingkat produktifitas`). An alias file names a region's own.
#[test]
fn one_concept_joins_an_indicator_across_regencies_and_an_alias_file_adds_ones_own() {
    let out = scratch("concepts");
    let aliases = out.with_extension("aliases.tsv");
    std::fs::write(
        &aliases,
        "# concept-id<TAB>printed name\npencari-kerja-difasilitasi\tPersentase Pencari Kerja yang di Fasilitasi\n",
    )
    .unwrap();
    let import = || {
        lkjip(&[
            "import",
            "corpus/",
            "-o",
            out.to_str().unwrap(),
            "--quiet",
            "--aliases",
            aliases.to_str().unwrap(),
        ])
    };
    let run = import();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let indicators = json_lines(&out.join("indicators.jsonl"));
    let of = |concept: &str| -> BTreeSet<(String, String, String)> {
        indicators
            .iter()
            .filter(|r| r["indikator_concept"] == concept)
            .map(|r| {
                let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
                (s("regency"), s("report_kind"), s("indikator"))
            })
            .collect()
    };
    let sakip = of("nilai-sakip");
    for (regency, kind, name) in [
        ("Kabupaten Blitar", "lkjip", "Nilai SAKIP Perangkat Daerah"),
        ("Kabupaten Lamongan", "lkjip", "Nilai SAKIP DISNAKER"),
        ("Kabupaten Lamongan", "lkjip", "Nilai SAKIP Dinas Tenaga Kerja"),
        (
            "Kabupaten Lamongan",
            "sakip_deck",
            "Nilai Sakip Dinas Tenaga Kerja",
        ),
    ] {
        assert!(
            sakip.contains(&(regency.into(), kind.into(), name.into())),
            "{name}: {sakip:?}"
        );
    }
    let disputes: BTreeSet<String> = of("perselisihan-hubungan-industrial")
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(
        disputes,
        BTreeSet::from(["Kabupaten Blitar".to_string(), "Kabupaten Sampang".to_string()])
    );
    assert!(of("perselisihan-hubungan-industrial")
        .iter()
        .any(|r| r.2 == "Persentase sengketa pengusahan dan pekerja yang diselesaikan"));
    let kinds: BTreeSet<String> = of("produktivitas-tenaga-kerja")
        .into_iter()
        .map(|r| r.1)
        .collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["lkjip".to_string(), "sakip_deck".to_string()])
    );
    // an internal survey is not the public IKM: a concept of its own, in both reports
    let internal = of("ikm-internal");
    assert_eq!(internal.len(), 2, "{internal:?}");
    assert!(of("ikm").is_empty());
    // Sampang's `di Fasilitasi` and `di fasiltasi` are the alias's name, its key aside
    let own = of("pencari-kerja-difasilitasi");
    assert!(
        own.len() >= 2 && own.iter().all(|r| r.0 == "Kabupaten Sampang"),
        "{own:?}"
    );
    // an alias line without its tab is an input error naming the file and line
    std::fs::write(&aliases, "# aliases\nnilai-sakip Nilai SAKIP Kantor\n").unwrap();
    let bad = import();
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains(".aliases.tsv:2: expected `concept-id<TAB>printed name`"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_file(&aliases);
}
