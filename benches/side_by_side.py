#!/usr/bin/env python3
"""Speed and memory of the release binary beside the tools it is measured against, in one
run on one machine, printed as the README's table (markdown).

  cargo build --release
  python3 benches/side_by_side.py                 # everything (about 15 minutes on 2 cores)
  python3 benches/side_by_side.py --only import   # one part: import, pdf, scale, ocr

- import: `lkjip import` of synthetic reports (`lkjip synth corpus/ --faults 3 --seed 7`)
  beside `wc -w` over the same files: MB/s, the ratio of wall times, peak RSS at 10, 1,000
  and 10,000 reports.
- pdf: `lkjip extract --ocr never` of every PDF of ../shared/wild-pdfs/ beside `pdftotext
  -layout`: CPU seconds per page of each, the ratio per file (median) and over all files
  (total); text layers only, as pdftotext reads them.
- ocr: `lkjip extract` of the 142-page scan of ../shared/pdf-samples/: pages a second, CPU
  seconds a page (Tesseract's included: the children lkjip waits for count in its own),
  peak RSS.
- scale: one report far larger than any real one: a budget table of 200,000 lines
  (`check`), and the corpus concatenated into one 100 MB text dump (`check` and `import`).

Each command runs alone (nothing else of the bench beside it); CPU time and peak RSS are the
child's own (wait4). Temporary files go under $TMPDIR and are removed.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd, stdout=subprocess.DEVNULL, timeout=None):
    """Runs cmd; returns (wall s, cpu s, peak RSS MB, exit code)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    deadline = None if timeout is None else start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline and time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            return None
        time.sleep(0.005)
    wall = time.monotonic() - start
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def synth(lkjip, count, into):
    subprocess.run(
        [lkjip, "synth", str(ROOT / "corpus"), "-n", str(count), "--faults", "3", "--seed", "7", "-o", str(into)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return sorted((into / "reports").iterdir())


def import_rows(lkjip, tmp):
    files = synth(lkjip, 10000, tmp / "synth")
    rows = []
    for count in (10, 1000, 10000):
        chosen = files[:count]
        folder = tmp / f"in{count}"
        folder.mkdir()
        for f in chosen:
            (folder / f.name).symlink_to(f)
        size = sum(f.stat().st_size for f in chosen)
        wc = run(["wc", "-w", *map(str, chosen)])
        out = tmp / f"out{count}"
        im = run([lkjip, "import", "-q", str(folder), "-o", str(out)])
        counts = json.loads((out / "summary.json").read_text())["counts"]
        rows.append(
            f"| `lkjip import` beside `wc -w` | {count:,} synthetic reports ({size / 1e6:.1f} MB, "
            f"{counts['reports']:,} distinct) | {size / 1e6 / im[0]:.1f} MB/s ({im[0]:.2f} s wall, "
            f"{im[1]:.2f} s CPU); `wc -w` {wc[0]:.2f} s: {im[0] / wc[0]:.1f}× its time; peak RSS {im[2]:.0f} MB |"
        )
        shutil.rmtree(out)
    return rows


def pdf_rows(lkjip, shared):
    pdfs = sorted((shared / "wild-pdfs").glob("*.pdf"))
    ratios, ours, theirs, pages = [], 0.0, 0.0, 0
    slow = []
    for pdf in pdfs:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
        n = next((int(l.split()[1]) for l in info.stdout.splitlines() if l.startswith("Pages:")), 0)
        a = run([lkjip, "extract", "--format", "json", "--ocr", "never", str(pdf)], timeout=300)
        b = run(["pdftotext", "-layout", str(pdf), "-"], timeout=300)
        if not a or not b or n == 0:
            continue
        pages += n
        ours += a[1]
        theirs += b[1]
        if b[1] > 0.005:
            ratios.append(a[1] / b[1])
        slow.append((a[1], pdf.name))
    slow.sort(reverse=True)
    top = ", ".join(f"{name} {cpu:.1f} s" for cpu, name in slow[:3])
    return [
        f"| `lkjip extract` beside `pdftotext -layout`, CPU | {len(pdfs)} PDFs of `../shared/wild-pdfs/` "
        f"({pages:,} pages) | {ours / pages * 1000:.1f} ms a page against {theirs / pages * 1000:.1f} ms: "
        f"{ours / theirs:.2f}× in total, median {statistics.median(ratios):.2f}× per file; slowest: {top} |"
    ]


def ocr_rows(lkjip, shared, tmp):
    scan = shared / "pdf-samples" / "scanned-image-only-lkip-2016.pdf"
    out = tmp / "scan.json"
    with out.open("w") as f:
        wall, cpu, rss, _ = run([lkjip, "extract", "--format", "json", str(scan)], stdout=f)
    pages = [p for p in json.loads(out.read_text())["pages"] if p.get("ocr")]
    return [
        f"| `lkjip extract` of a scan, by OCR (pdftoppm and Tesseract, 300 dpi) | `{scan.name}` "
        f"({len(pages)} pages read by OCR) | {len(pages) / wall:.2f} pages a second, "
        f"{cpu / len(pages):.2f} CPU-s a page, peak RSS {rss:.0f} MB |"
    ]


def scale_rows(lkjip, tmp):
    rows = []
    table = tmp / "budget-200000.txt"
    lines = ["LAPORAN KINERJA", "DINAS CONTOH", "TAHUN 2023", "", "Tabel 3.8 Realisasi Anggaran", "",
             "No\tProgram/Kegiatan\tAnggaran\tRealisasi"]
    dotted = lambda n: f"{n:,}".replace(",", ".")
    for p in range(1, 20001):
        amount = lambda k: 1_000_000_000 + (p * 10 + k) * 1_000_003
        spent = lambda k: amount(k) - (p * 10 + k) * 7001
        lines.append(f"{p}\tProgram {p}\t{dotted(sum(map(amount, range(1, 10))))}\t{dotted(sum(map(spent, range(1, 10))))}")
        lines += [f"{p}.{k}\tKegiatan {p}.{k}\t{dotted(amount(k))}\t{dotted(spent(k))}" for k in range(1, 10)]
    table.write_text("\n".join(lines) + "\n")
    c = run([lkjip, "check", "-q", str(table)])
    rows.append(f"| `lkjip check` of one budget table | 200,000 lines ({table.stat().st_size / 1e6:.0f} MB) | "
                f"{c[0]:.1f} s, peak RSS {c[2]:.0f} MB |")
    dump = tmp / "dump" / "corpus-100mb.txt"
    dump.parent.mkdir()
    corpus = b"".join(p.read_bytes() for p in sorted((ROOT / "corpus").glob("*.txt")))
    with dump.open("wb") as f:
        written = 0
        while written < 100_000_000:
            f.write(corpus)
            written += len(corpus)
    c = run([lkjip, "check", "-q", str(dump)])
    i = run([lkjip, "import", "-q", str(dump.parent), "-o", str(tmp / "dump-out")])
    rows.append(f"| one text dump: the corpus concatenated | {written / 1e6:.0f} MB | `check` {c[0]:.1f} s, "
                f"peak RSS {c[2]:.0f} MB; `import` {i[0]:.1f} s, peak RSS {i[2]:.0f} MB |")
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lkjip", default=str(ROOT / "target/release/lkjip"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--only", choices=["import", "pdf", "scale", "ocr"])
    args = ap.parse_args()
    lkjip, shared = args.lkjip, Path(args.shared)
    for tool in ("wc", "pdftotext", "pdfinfo"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed (poppler-utils for pdftotext and pdfinfo)")
    print("| what | input | figure |\n|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-") as t:
        tmp = Path(t)
        parts = {"import": lambda: import_rows(lkjip, tmp), "pdf": lambda: pdf_rows(lkjip, shared),
                 "scale": lambda: scale_rows(lkjip, tmp), "ocr": lambda: ocr_rows(lkjip, shared, tmp)}
        for name, part in parts.items():
            if args.only in (None, name):
                for row in part():
                    print(row, flush=True)


if __name__ == "__main__":
    main()
