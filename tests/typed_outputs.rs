//! The outputs load typed in DuckDB (the Python `duckdb` package, which `.ci/run`
//! installs) through the `datapackage.json` an import writes: codes and table numbers stay
//! text, figures are exact decimals, years integers — and the same for every input.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests and benchmarks: a failed unwrap is the failure, with its message"
)]

mod common;

use common::{root, run as lkjip, scratch, shared};
use std::path::Path;
use std::process::Command;

/// Runs Python with `scripts/load-typed.py` loaded as `lt` and the folder `out` bound to
/// `out`; returns what `code` prints.
fn python(out: &Path, code: &str) -> String {
    let prelude =
        "import runpy, sys, json\nlt = runpy.run_path('scripts/load-typed.py')\nout = sys.argv[1]\n";
    let run = Command::new("python3")
        .current_dir(root())
        .arg("-c")
        .arg(format!("{prelude}{code}"))
        .arg(out)
        .output()
        .expect("python3 runs");
    assert!(
        run.status.success(),
        "python3 with duckdb (pip install duckdb) failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8(run.stdout).unwrap()
}

/// Every table's columns and their DuckDB types, as loaded through the data package.
fn schema(out: &Path) -> serde_json::Value {
    let code = "con = lt['load'](out)\ntables = [r[0] for r in con.execute('SELECT table_name FROM information_schema.tables ORDER BY 1').fetchall()]\nprint(json.dumps({t: [[c, ty] for c, ty, *_ in con.execute('DESCRIBE ' + t).fetchall()] for t in tables}))";
    serde_json::from_str(&python(out, code)).unwrap()
}

fn import(inputs: &[&str], name: &str) -> common::Scratch {
    let out = scratch(name);
    let mut args = vec!["import"];
    args.extend(inputs);
    args.extend(["-o", out.to_str().unwrap(), "--quiet"]);
    let run = lkjip(&args);
    assert!(
        run.status.code() == Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

#[test]
fn csv_and_json_lines_load_with_the_declared_types_whatever_the_input() {
    let corpus = import(&["corpus/"], "typed-corpus");
    let pdf = shared("real-pdfs/jabar-inspektorat-iku-2016.pdf");
    let real = import(&[pdf.to_str().unwrap()], "typed-real");
    let (a, b) = (schema(&corpus), schema(&real));
    assert_eq!(a, b, "the schema depends on the input");
    let type_of = |table: &str, column: &str| -> String {
        a[table]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c[0] == column)
            .unwrap_or_else(|| panic!("{table}.{column}"))[1]
            .as_str()
            .unwrap()
            .to_string()
    };
    for (table, column, expected) in [
        ("budget_lines", "code", "VARCHAR"),
        ("budget_lines", "nomenclature_code", "VARCHAR"),
        ("budget_lines", "table_number", "VARCHAR"),
        ("budget_lines", "anggaran", "DECIMAL(38,12)"),
        ("budget_lines", "primary", "BOOLEAN"),
        ("indicators", "target", "DECIMAL(38,12)"),
        ("indicators", "target_raw", "VARCHAR"),
        ("indicators", "year", "BIGINT"),
        ("indicators", "report_year", "BIGINT"),
        ("indicators_jsonl", "capaian", "DECIMAL(38,12)"),
        ("discrepancies", "locations", "JSON"),
        ("table_cells", "value", "DECIMAL(38,12)"),
    ] {
        assert_eq!(type_of(table, column), expected, "{table}.{column}");
    }
    // Lamongan Tabel 3.8 line 1076, 4.2.3 Job Fair: the same exact figures from the CSV and
    // the JSON lines, and its code as printed
    let code = "con = lt['load'](out)\nfor t in ['budget_lines', 'budget_lines_jsonl']:\n    print(con.execute(f\"SELECT code, anggaran, realisasi, persen FROM {t} WHERE line = 1076 AND source_file LIKE '%lamongan-disnaker-lkjip-2023.txt'\").fetchall())";
    let printed = python(&corpus, code);
    let rows: Vec<&str> = printed.lines().collect();
    assert_eq!(rows.len(), 2, "{printed}");
    assert_eq!(rows[0], rows[1]);
    assert_eq!(
        rows[0],
        "[('4.2.3', Decimal('250000000.000000000000'), Decimal('242958240.000000000000'), Decimal('97.180000000000'))]"
    );
    let _ = std::fs::remove_dir_all(&corpus);
    let _ = std::fs::remove_dir_all(&real);
}

/// With the `parquet` feature, `parquet/<table>/report_year=…/regency=…/part-0.parquet`
/// holds every table with the types the CSVs load with (DuckDB reads the Hive partitions),
/// and the Parquet of two shards read together is the whole import, without `merge`
/// (where no report is in both: `merge` drops a report two shards hold).
#[cfg(feature = "parquet")]
#[test]
fn parquet_partitions_load_with_the_declared_types_and_shards_read_as_one() {
    let whole = import(&["corpus/"], "parquet-whole");
    let code = "con = lt['load'](out)\nresult = {}\nfor t in ['indicators', 'budget_lines', 'discrepancies', 'table_cells']:\n    parquet = f\"read_parquet('{out}/current/parquet/{t}/**/*.parquet', hive_partitioning=true)\"\n    csv_types = [(c, ty) for c, ty, *_ in con.execute(f'DESCRIBE {t}').fetchall()]\n    pq_types = [(c, ty) for c, ty, *_ in con.execute(f'DESCRIBE SELECT * FROM {parquet}').fetchall()]\n    same = con.execute(f'SELECT count(*) FROM (SELECT * EXCLUDE (report_year, regency) FROM {t} EXCEPT ALL SELECT * EXCLUDE (report_year, regency) FROM {parquet})').fetchone()[0]\n    result[t] = [csv_types == pq_types, same, con.execute(f'SELECT count(*) FROM {parquet}').fetchone()[0], con.execute(f'SELECT count(*) FROM {t}').fetchone()[0]]\nprint(json.dumps(result))";
    let result: serde_json::Value = serde_json::from_str(&python(&whole, code)).unwrap();
    for table in ["indicators", "budget_lines", "discrepancies", "table_cells"] {
        let r = &result[table];
        assert_eq!(
            r[0], true,
            "{table}: Parquet types differ from the CSV's: {result}"
        );
        assert_eq!(r[1], 0, "{table}: rows differ: {result}");
        assert_eq!(r[2], r[3], "{table}: row counts: {result}");
    }
    // (text dumps only: a report and its PDF in two shards would be kept by both)
    let one = import(&["corpus/*.txt", "--shard", "1/2"], "parquet-shard-1");
    let two = import(&["corpus/*.txt", "--shard", "2/2"], "parquet-shard-2");
    let code = format!(
        "import duckdb\nprint(duckdb.sql(\"SELECT count(*), sum(anggaran) FROM read_parquet(['{}/current/parquet/budget_lines/**/*.parquet', '{}/current/parquet/budget_lines/**/*.parquet'], hive_partitioning=true)\").fetchall())\nprint(duckdb.sql(\"SELECT count(*), sum(anggaran) FROM read_parquet('{}/current/parquet/budget_lines/**/*.parquet', hive_partitioning=true)\").fetchall())",
        one.display(),
        two.display(),
        whole.display()
    );
    let printed = python(&whole, &code);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 2, "{printed}");
    assert_eq!(
        lines[0], lines[1],
        "two shards read together are the whole import"
    );
    for d in [whole, one, two] {
        let _ = std::fs::remove_dir_all(d);
    }
}

/// With the `xlsx` feature, `dataset.xlsx` opens in openpyxl (which `.ci/run` installs)
/// with a sheet per table, its header row frozen, and every cell the CSV's value: codes
/// and table numbers as text, figures, years and lines as numbers, booleans as booleans.
#[cfg(feature = "xlsx")]
#[test]
fn the_workbook_holds_every_csv_value_typed() {
    let out = import(&["corpus/"], "xlsx");
    let code = r#"
import csv, openpyxl
package = json.load(open(f'{out}/datapackage.json'))
book = openpyxl.load_workbook(f'{out}/dataset.xlsx')
report = {'sheets': book.sheetnames, 'differ': [], 'cells': 0}
for resource in package['resources']:
    sheet = book[resource['name']]
    report[resource['name'] + ' frozen'] = sheet.freeze_panes
    types = {f['name']: f['type'] for f in resource['schema']['fields']}
    with open(f"{out}/{resource['path']}", newline='', encoding='utf-8') as f:
        expected = list(csv.DictReader(f))
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert len(rows) - 1 == len(expected), (resource['name'], len(rows), len(expected))
    for want, got in zip(expected, rows[1:]):
        for column, value in zip(header, got):
            text, kind = want[column], types[column]
            report['cells'] += 1
            if text == '':
                ok = value is None
            elif kind == 'number':
                ok = isinstance(value, (int, float)) and abs(float(text) - value) <= 1e-9 * max(1.0, abs(value))
            elif kind == 'integer':
                ok = value == int(text)
            elif kind == 'boolean':
                ok = value == (text == 'true')
            else:
                ok = isinstance(value, str) and value == text
            if not ok and len(report['differ']) < 5:
                report['differ'].append([resource['name'], column, text, repr(value)])
print(json.dumps(report))
"#;
    let report: serde_json::Value = serde_json::from_str(&python(&out, code)).unwrap();
    assert_eq!(
        report["sheets"],
        serde_json::json!(["indicators", "budget_lines", "discrepancies", "table_cells"])
    );
    assert_eq!(report["differ"], serde_json::json!([]), "{report}");
    assert_eq!(report["budget_lines frozen"], "A2");
    assert!(report["cells"].as_u64().unwrap() > 20_000, "{report}");
    let _ = std::fs::remove_dir_all(&out);
}
