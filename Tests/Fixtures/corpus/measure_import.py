#!/usr/bin/env python3
"""Import time and size per page over the corpus, for docs/performance.md (not run by the tests).

    measure_import.py PORTFOLIO_EXPORT CORPUS_FOLDER WORK_FOLDER [RUNS]

CORPUS_FOLDER is what make_corpus.py made. One applicant per corpus PDF (its one attachment) and
one applicant without attachments, all rendered by `batch --jobs 1` RUNS times (default 5); from
report.json, per corpus PDF: the median of the packet's milliseconds less the baseline's median,
and the packet's bytes less the baseline's, each divided by the PDF's page count. Prints a
Markdown table.
"""

import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

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
    runs = int(sys.argv[4]) if len(sys.argv) == 5 else 5
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    root = work / "applicants"
    shutil.rmtree(work, ignore_errors=True)
    (root / "profiles").mkdir(parents=True)
    (root / "profiles" / "001012.json").write_text(
        f'{{"招生學年度": 115, "招生管道": "申請入學", "校系代碼": "001012", "審查項目": [{ITEMS}], "上限": {{"課程學習成果": 100}}}}',
        encoding="utf-8")
    applicant(root, "08020000", None)
    numbers = {}
    for index, case in enumerate(manifest):
        number = f"0802{index + 1:04d}"
        numbers[number] = case
        applicant(root, number, corpus / case["file"])

    times = {}
    sizes = {}
    for run in range(runs):
        out = work / f"out{run}"
        subprocess.run([tool, "batch", str(root), "--out", str(out), "--jobs", "1"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        for entry in report["applicants"]:
            times.setdefault(entry["applicant"], []).append(entry["milliseconds"])
            sizes[entry["applicant"]] = entry["pdfBytes"]
        shutil.rmtree(out)
    base_time = statistics.median(times["08020000"])
    base_size = sizes["08020000"]
    print(f"baseline packet (no attachment): {base_time:.1f} ms, {base_size} bytes")
    print("| corpus PDF | producer | pages | PDF bytes | ms per page | packet bytes per page |")
    print("|---|---|---|---|---|---|")
    for number, case in numbers.items():
        pdf = corpus / case["file"]
        info = subprocess.run(["pdfinfo", str(pdf)], stdout=subprocess.PIPE, check=True).stdout.decode()
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        per_page_ms = (statistics.median(times[number]) - base_time) / pages
        per_page_bytes = (sizes[number] - base_size) / pages
        print(f"| {case['name']} | {case['producer']} | {pages} | {pdf.stat().st_size:,} | {per_page_ms:.1f} | {per_page_bytes:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
