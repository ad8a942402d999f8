#!/usr/bin/env python3
"""Instructions executed by one or more release binaries on the same inputs, side by side:
a yardstick for small changes that this machine's timings (drifting 10-20% between runs)
cannot show. Counted by valgrind (`--tool=cachegrind --cache-sim=no`), user space only:
page faults and the kernel are not in it, and SHA-256 runs in software under valgrind (the
CPU's own instructions are hidden from it), so an import's share of hashing is larger here
than natively.

  cargo build --release && cp target/release/lkjip /tmp/lkjip-before
  # ...change, rebuild...
  python3 benches/instructions.py --lkjip /tmp/lkjip-before target/release/lkjip

- extract: `lkjip extract --format json` of every ninth PDF of ../shared/wild-pdfs/ by size
  (11 files, 1-100 pages).
- import: `lkjip import` of 20 synthetic reports (`lkjip synth corpus/ --faults 3 --seed 7`,
  made by the first binary).

Needs valgrind (Debian: `apt-get install valgrind`); about two minutes a binary.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def instructions(cmd):
    """Instructions valgrind counts for cmd (its output discarded)."""
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if not found:
        sys.exit(f"valgrind gave no count for {cmd}: {done.stderr[-500:]}")
    return int(found.group(1).replace(",", ""))


def text_layer_only(binary):
    """The arguments that keep a binary to the PDFs' text layers: `--ocr never` for one
    that reads scans by OCR (its default), none for an older one."""
    usage = subprocess.run([binary, "extract", "--help"], capture_output=True, text=True).stdout
    return ["--ocr", "never"] if "--ocr" in usage else []


def sample(shared):
    pdfs = sorted((shared / "wild-pdfs").glob("*.pdf"), key=lambda p: (-p.stat().st_size, p.name))
    return [p for i, p in enumerate(pdfs) if i % 9 == 4]


def extract_rows(binaries, shared):
    rows = []
    for pdf in sample(shared):
        runs = [instructions([b, "extract", "--format", "json", *text_layer_only(b), str(pdf)]) for b in binaries]
        rows.append((f"extract `{pdf.name}`", runs))
    rows.append(("extract, all of them", [sum(r[1][i] for r in rows) for i in range(len(binaries))]))
    return rows


def import_rows(binaries, tmp):
    subprocess.run(
        [binaries[0], "synth", str(ROOT / "corpus"), "-n", "20", "--faults", "3", "--seed", "7", "-o", str(tmp / "synth")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    counts = []
    for i, b in enumerate(binaries):
        counts.append(instructions([b, "import", "-q", str(tmp / "synth" / "reports"), "-o", str(tmp / f"out{i}")]))
    return [("import of 20 synthetic reports", counts)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lkjip", nargs="+", default=[str(ROOT / "target/release/lkjip")], help="binaries, first the one compared with")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--only", choices=["extract", "import"])
    args = ap.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    binaries = [str(Path(b).resolve()) for b in args.lkjip]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "extract"):
            rows += extract_rows(binaries, Path(args.shared))
        if args.only in (None, "import"):
            rows += import_rows(binaries, Path(tmp))
    print("| what | " + " | ".join(f"`{b}`" for b in args.lkjip) + " |")
    print("|---|" + "---|" * len(binaries))
    for what, counts in rows:
        shown = [f"{counts[0] / 1e6:,.1f} M"] + [f"{c / 1e6:,.1f} M ({100 * (c - counts[0]) / counts[0]:+.1f}%)" for c in counts[1:]]
        print(f"| {what} | " + " | ".join(shown) + " |")


if __name__ == "__main__":
    main()
