#!/usr/bin/env python3
"""Check the generated samples: every JSON parses (BOM-aware), every PDF passes `qpdf --check`, stated MD5s
match their files, histograms sum to 母體人數, codes are 23 characters, 簡述 ≤ 100 characters — and that
each deliberate exception is there exactly once. Prints a summary; exits 1 on any surprise."""
import glob
import hashlib
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPECTED_MD5_MISMATCH = {"001012/01000102/files/variant-characters.pdf"}
EXPECTED_HIST_MISMATCH = 1
EXPECTED_LONG_SUMMARY = 1
problems = []
counts = {"json": 0, "pdf": 0, "md5_ok": 0, "md5_mismatch": [], "hist_bad": 0, "long": 0, "courses": 0}


def load(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xff\xfe"):
        return json.loads(raw[2:].decode("utf-16-le")), "utf-16-le+bom"
    if raw.startswith(b"\xef\xbb\xbf"):
        return json.loads(raw[3:].decode("utf-8")), "utf-8+bom"
    return json.loads(raw.decode("utf-8")), "utf-8"


def as_num(v):
    if v is None or v == "" or v == -1:
        return None
    return float(v)


def walk_links(folder, obj, rel):
    if isinstance(obj, dict):
        pairs = [("課程學習成果文件檔案連結", "文件檔案MD5"), ("課程學習成果影音檔案連結", "影音檔案MD5"),
                 ("證明文件連結", "證明文件MD5"), ("影音檔案連結", "影音檔案MD5")]
        for link, md5 in pairs:
            if obj.get(link):
                path = os.path.join(folder, obj[link])
                if not os.path.isfile(path):
                    problems.append("missing attachment %s" % path)
                    continue
                real = hashlib.md5(open(path, "rb").read()).hexdigest()
                stated = (obj.get(md5) or "").lower()
                key = os.path.relpath(path, ROOT)
                if stated == real:
                    counts["md5_ok"] += 1
                else:
                    counts["md5_mismatch"].append(key)
        summary = obj.get("課程學習成果簡述") or obj.get("內容簡述")
        if isinstance(summary, str) and len(summary) > 100:
            counts["long"] += 1
        for v in obj.values():
            walk_links(folder, v, rel)
    elif isinstance(obj, list):
        for v in obj:
            walk_links(folder, v, rel)


def check_hist(dist, population, where):
    if dist is None:
        return
    total = 0
    for key, value in dist.items():
        m = re.fullmatch(r"組距(\d+)_(\d+)的人數", key)
        if not m or int(m.group(2)) != int(m.group(1)) + 1 or not 0 <= int(m.group(1)) <= 99:
            problems.append("bad bin key %s in %s" % (key, where))
        total += int(value)
    if total != int(population):
        counts["hist_bad"] += 1
        print("  histogram sum %d != 母體人數 %s  (%s)" % (total, population, where))


for path in sorted(glob.glob(os.path.join(ROOT, "**", "*.json"), recursive=True)):
    data, enc = load(path)
    counts["json"] += 1
    rel = os.path.relpath(path, ROOT)
    folder = os.path.dirname(path)
    if path.endswith("_修課紀錄.json"):
        for sem in data["學期成績與學習相對表現資訊"]:
            for level in ("校", "群別", "科班學程別"):
                info = sem[level + "學習相對表現資訊"]
                check_hist(info["分數級距分布"], info["母體人數"], "%s %s-%s %s" % (rel, sem["學年度"], sem["學期"], level))
        for c in data["學習紀錄"]:
            counts["courses"] += 1
            code = c.get("課程代碼")
            if code and len(code) != 23:
                problems.append("code length %s in %s" % (code, rel))
            score = as_num(c["學業成績"]["分數"])
            dist = c["本科目分數級距分布"]
            if dist is not None and score is not None:
                k = min(int(score), 99)
                if dist.get("組距%d_%d的人數" % (k, k + 1), 0) < 1:
                    problems.append("own score not in histogram: %s %s" % (rel, c["科目名稱"]))
            check_hist(dist, c["母體人數"], "%s %s-%s %s" % (rel, c["實際修課學年度"], c["實際修課學期"], c["科目名稱"]))
    if path.endswith("_課程學習成果.json") or path.endswith("_多元表現.json"):
        walk_links(folder, data, rel)
    if enc != "utf-8":
        print("  %s: %s" % (rel, enc))

for path in sorted(glob.glob(os.path.join(ROOT, "**", "*.pdf"), recursive=True)):
    counts["pdf"] += 1
    r = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True)
    if r.returncode != 0 or "No syntax or stream encoding errors" not in r.stdout:
        problems.append("qpdf --check failed: %s\n%s%s" % (path, r.stdout, r.stderr))

for path in sorted(glob.glob(os.path.join(ROOT, "*", "*", "*.txt")) + glob.glob(os.path.join(ROOT, "*", "*", "*.md"))):
    text = open(path, encoding="utf-8").read()
    n = len(text.replace("\n", ""))
    if not 300 <= n <= 800:
        problems.append("essay length %d: %s" % (n, path))

if set(counts["md5_mismatch"]) != EXPECTED_MD5_MISMATCH:
    problems.append("MD5 mismatches %s, expected %s" % (counts["md5_mismatch"], EXPECTED_MD5_MISMATCH))
if counts["hist_bad"] != EXPECTED_HIST_MISMATCH:
    problems.append("%d histogram mismatches, expected %d" % (counts["hist_bad"], EXPECTED_HIST_MISMATCH))
if counts["long"] != EXPECTED_LONG_SUMMARY:
    problems.append("%d long summaries, expected %d" % (counts["long"], EXPECTED_LONG_SUMMARY))

print("json files: %(json)d, pdf files: %(pdf)d, course rows: %(courses)d, md5 ok: %(md5_ok)d" % counts)
print("md5 mismatches (deliberate): %s" % counts["md5_mismatch"])
for p in problems:
    print("PROBLEM:", p)
sys.exit(1 if problems else 0)
