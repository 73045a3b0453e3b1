#!/usr/bin/env python3
"""Import time and size per page over the corpus, for docs/performance.md (not run by the tests).

    measure_import.py PORTFOLIO_EXPORT CORPUS_FOLDER WORK_FOLDER [RUNS]

CORPUS_FOLDER is what make_corpus.py made. One applicant per corpus PDF (its one attachment) and a
baseline applicant whose attachment is one blank A4 page (same item, same packet pages), all
rendered by `batch --jobs 1` RUNS times (after a first blank
packet that warms the caches and is not counted) (default 11); from report.json, per corpus PDF and per
page of it, above the baseline: the median milliseconds of the packet, of its `layout` phase
(attachments read, decoded and checked, fonts to replace found: the import) and of `subset` + `pdf`
(the pages written, replaced fonts subset), and the packet's bytes. Prints a Markdown table.
"""

import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import pikepdf

ITEMS = ", ".join(f'"{c}"' for c in "ABCDEFGHIJKLMNOPQR")


def applicant(root, number, attachment):
    folder = root / "001012" / number
    (folder / "files").mkdir(parents=True)
    (folder / f"{number}_基本資料.json").write_text(f'{{"應試號碼": "{number}", "學生中文姓名": "周小安"}}', encoding="utf-8")
    records = []
    if attachment is not None:
        shutil.copy(attachment, folder / "files" / attachment.name)
        records.append(f'{{"科目名稱": "國文", "認證狀態": "已認證", "課程學習成果文件檔案連結": "files/{attachment.name}"}}')
    (folder / f"{number}_課程學習成果.json").write_text("[" + ",".join(records) + "]", encoding="utf-8")


def main():
    if len(sys.argv) not in (4, 5):
        sys.stderr.write(__doc__)
        return 2
    tool, corpus, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    runs = int(sys.argv[4]) if len(sys.argv) == 5 else 11
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    root = work / "applicants"
    shutil.rmtree(work, ignore_errors=True)
    (root / "profiles").mkdir(parents=True)
    (root / "profiles" / "001012.json").write_text(
        f'{{"招生學年度": 115, "招生管道": "申請入學", "校系代碼": "001012", "審查項目": [{ITEMS}], "上限": {{"課程學習成果": 100}}}}',
        encoding="utf-8")
    blank = work / "blank.pdf"
    with pikepdf.new() as document:
        document.add_blank_page(page_size=(595.28, 841.89))
        document.save(blank)
    # The first packet of a run loads the fonts and warms the caches: a blank one, not counted.
    applicant(root, "08020000", blank)
    applicant(root, "08029999", blank)
    numbers = {}
    for index, case in enumerate(manifest):
        number = f"0802{index + 1:04d}"
        numbers[number] = case
        applicant(root, number, corpus / case["file"])

    times = {}
    phases = {}
    sizes = {}
    for run in range(runs):
        out = work / f"out{run}"
        subprocess.run([tool, "batch", str(root), "--out", str(out), "--jobs", "1"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        for entry in report["applicants"]:
            times.setdefault(entry["applicant"], []).append(entry["milliseconds"])
            timing = entry["timings"]
            phases.setdefault(entry["applicant"], []).append((timing["layout"], timing["subset"] + timing["pdf"]))
            sizes[entry["applicant"]] = entry["pdfBytes"]
        shutil.rmtree(out)
    def medians(number):
        return (statistics.median(times[number]), statistics.median(p[0] for p in phases[number]),
                statistics.median(p[1] for p in phases[number]))

    base = medians("08029999")
    base_size = sizes["08029999"]
    print(f"baseline packet (one blank page attached): {base[0]:.1f} ms (layout {base[1]:.1f}, subset+pdf {base[2]:.1f}), {base_size:,} bytes")
    print("| corpus PDF | producer | pages | file bytes | ms per page | of which layout (import) | subset + pdf | packet bytes per page |")
    print("|---|---|---|---|---|---|---|---|")
    for number, case in numbers.items():
        pdf = corpus / case["file"]
        info = subprocess.run(["pdfinfo", str(pdf)], stdout=subprocess.PIPE, check=True).stdout.decode()
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        total, layout, written = [(value - b) / pages for value, b in zip(medians(number), base)]
        per_page_bytes = (sizes[number] - base_size) / pages
        print(f"| {case['name']} | {case['producer']} | {pages} | {pdf.stat().st_size:,} | {total:.1f} | {layout:.1f} | {written:.1f} | {per_page_bytes:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
