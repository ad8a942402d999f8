#!/usr/bin/env python3
"""Load an lkjip import folder into DuckDB with the types its datapackage.json declares.

usage: python3 scripts/load-typed.py OUT [DB]

Each CSV becomes a table (indicators, budget_lines, discrepancies, table_cells) and each
JSON-lines file a table `<name>_jsonl`, with the same columns and types: codes and table
numbers as VARCHAR, figures as DECIMAL(38,12), years and lines as BIGINT. With DB, the
tables are written to that DuckDB file; the script prints every table's column types as
JSON ({table: [[column, type], ...]}).
"""
import json
import sys
from pathlib import Path

import duckdb

DUCK = {"string": "VARCHAR", "integer": "BIGINT", "number": "DECIMAL(38,12)",
        "boolean": "BOOLEAN", "array": "JSON"}


def load(out, db=":memory:"):
    out = Path(out)
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    con = duckdb.connect(db)
    for resource in package["resources"]:
        name = resource["name"]
        types = {f["name"]: DUCK[f["type"]] for f in resource["schema"]["fields"]}
        columns = "{" + ", ".join(f"'{c}': '{t}'" for c, t in types.items()) + "}"
        csv = (out / resource["path"]).as_posix()
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{csv}', header=true, "
                    f"columns={columns}, auto_detect=false, quote='\"', escape='\"')")
        jsonl = (out / f"{name}.jsonl").as_posix()
        con.execute(f"CREATE TABLE {name}_jsonl AS SELECT * FROM read_json('{jsonl}', "
                    f"format='newline_delimited', columns={columns})")
    return con


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    con = load(*sys.argv[1:])
    tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
    described = {t: [[c, ty] for c, ty, *_ in con.execute(f"DESCRIBE {t}").fetchall()] for t in tables}
    print(json.dumps(described, indent=1))


if __name__ == "__main__":
    main()
