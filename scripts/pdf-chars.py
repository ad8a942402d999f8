#!/usr/bin/env python3
"""Characters read per PDF page by lkjip beside `pdftotext -layout` (poppler).

Usage: scripts/pdf-chars.py LKJIP PDF_OR_DIR... [--worst N]

For every page where pdftotext finds text, compares the non-white-space characters of
lkjip's text layer (`lkjip text --format json`, before running lines are dropped) with
pdftotext's, and prints how many pages are within 3% (the same tolerance as
tests/wild_pdfs.rs), the files lkjip refuses, and the pages furthest apart.
"""
import json, math, pathlib, subprocess, sys
from concurrent.futures import ThreadPoolExecutor


def pdftotext_pages(pdf):
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True).stdout
    pages = out.decode("utf-8", "replace").split("\f")
    return [sum(1 for c in p if not c.isspace()) for p in pages]


def lkjip_pages(lkjip, pdf):
    run = subprocess.run([lkjip, "text", "--format", "json", str(pdf)], capture_output=True, timeout=300)
    if run.returncode != 0:
        return None, run.stderr.decode("utf-8", "replace").strip()
    return {p["page"]: p for p in json.loads(run.stdout)["pages"]}, None


def measure(lkjip, pdf):
    theirs = pdftotext_pages(pdf)
    ours, error = lkjip_pages(lkjip, pdf)
    rows = []
    for n, count in enumerate(theirs, 1):
        if count == 0:
            continue
        page = (ours or {}).get(n, {})
        rows.append((pdf.name, n, count, page.get("chars", 0), page.get("status", "refused")))
    return pdf, rows, error


def main():
    args = sys.argv[1:]
    worst = 15
    if "--worst" in args:
        k = args.index("--worst")
        worst = int(args[k + 1])
        del args[k : k + 2]
    lkjip, inputs = args[0], args[1:]
    pdfs = []
    for i in map(pathlib.Path, inputs):
        pdfs += sorted(i.glob("*.pdf")) if i.is_dir() else [i]
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda p: measure(lkjip, p), pdfs))
    rows = [r for _, rs, _ in results for r in rs]
    close = [r for r in rows if abs(r[3] - r[2]) <= math.ceil(r[2] * 0.03)]
    print(f"{len(pdfs)} PDFs, {len(rows)} pages where pdftotext finds text")
    print(f"within 3% of pdftotext: {len(close)}/{len(rows)} ({100 * len(close) / max(1, len(rows)):.1f}%)")
    print(f"characters: lkjip {sum(r[3] for r in rows)}, pdftotext {sum(r[2] for r in rows)}")
    for pdf, rs, error in results:
        if error:
            print(f"refused: {error}")
    far = sorted(rows, key=lambda r: -abs(r[3] - r[2]) / r[2])[:worst]
    for name, page, theirs, ours, status in far:
        print(f"  {name} p{page}: lkjip {ours} ({status}), pdftotext {theirs}")


main()
