#!/usr/bin/env python3
"""Render each corpus text dump to a PDF with real tables, for the PDF parity tests.

Tab-separated rows become an HTML <table> with one top-aligned <td> per cell (figures
never wrapped); every other line becomes
a paragraph (blank lines too, so that slide and page structure survive). LibreOffice
(Debian package libreoffice-writer-nogui) turns the HTML into PDF with the StarWriter HTML
filter, which keeps headings and adds no blank page.

    python3 scripts/corpus-pdf.py            # corpus/*.txt -> corpus/*.pdf
    python3 scripts/corpus-pdf.py IN OUT     # IN/*.txt -> OUT/*.pdf
"""
import html
import pathlib
import shutil
import subprocess
import sys
import tempfile

STYLE = """
body { font-family: 'DejaVu Sans'; font-size: 7pt; }
p { margin: 0; }
table { border-collapse: collapse; margin: 2pt 0; }
td { border: 0.5pt solid #000; padding: 1pt 3pt; vertical-align: top; }
"""


def cell(text: str) -> str:
    """A table cell, top-aligned; a figure (digits and no space) is never wrapped."""
    figure = any(ch.isdigit() for ch in text) and " " not in text.strip()
    nowrap = " nowrap" if figure else ""
    return f"<td valign='top'{nowrap}>{html.escape(text)}</td>"


def to_html(text: str) -> str:
    out = ["<html><head><meta charset='utf-8'><style>", STYLE, "</style></head><body>"]
    in_table = False
    for line in text.split("\n"):
        if "\t" in line:
            if not in_table:
                out.append("<table border='1' cellspacing='0' cellpadding='1'>")
                in_table = True
            cells = "".join(cell(c) for c in line.split("\t"))
            out.append(f"<tr>{cells}</tr>")
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        out.append(f"<p>{html.escape(line) if line.strip() else '&nbsp;'}</p>")
    if in_table:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def main() -> None:
    root = pathlib.Path(__file__).resolve().parent.parent
    src = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root / "corpus"
    dst = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else root / "corpus"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("LibreOffice is needed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        for txt in sorted(src.glob("*.txt")):
            page = pathlib.Path(tmp) / f"{txt.stem}.html"
            page.write_text(to_html(txt.read_text(encoding="utf-8")), encoding="utf-8")
            subprocess.run(
                [soffice, "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
                 "--outdir", tmp, str(page)],
                check=True, stdout=subprocess.DEVNULL,
            )
            shutil.move(str(pathlib.Path(tmp) / f"{txt.stem}.pdf"), dst / f"{txt.stem}.pdf")
            print(f"{txt.name} -> {dst / (txt.stem + '.pdf')}")


if __name__ == "__main__":
    main()
