#!/usr/bin/env python3
"""Regenerate the synthetic batch root in samples/ (profiles + six applicants).

    python3 samples/tools/make_samples.py          # rewrites samples/profiles, samples/001012, samples/2A0105

Deterministic: a fixed random seed, no timestamps. Needs only the Python standard library and poppler's
`pdftoppm` (for the two JPEG files). Every person, ID number, school and company here is invented.
See samples/README.md for what each applicant demonstrates.
"""
import json
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import essays  # noqa: E402
from synth_files import make_jpeg, make_mp3, make_mp4, make_pdf, make_png, make_scan_pdf, md5_hex  # noqa: E402

ROOT = os.path.dirname(HERE)  # samples/
SEED = 20260115

UNI = "001012"
TECH = "2A0105"

# ------------------------------------------------------------------------------------------ helpers


def to_json(value, indent=0, step=2):
    """Pretty JSON, but a score histogram (keys 組距…) stays on one line to keep files small."""
    pad = " " * indent
    inner = " " * (indent + step)
    if isinstance(value, dict):
        if not value:
            return "{}"
        if all(isinstance(k, str) and k.startswith("組距") for k in value):
            return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
        if all(not isinstance(v, (dict, list)) for v in value.values()) and len(value) <= 1:
            return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
        parts = ["%s%s: %s" % (inner, json.dumps(k, ensure_ascii=False), to_json(v, indent + step, step))
                 for k, v in value.items()]
        return "{\n" + ",\n".join(parts) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        if all(not isinstance(v, (dict, list)) for v in value):
            return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
        return "[\n" + ",\n".join(inner + to_json(v, indent + step, step) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


def write_json(path, value, encoding="utf-8", bom=False, compact=False):
    text = (json.dumps(value, ensure_ascii=False, separators=(",", ":")) if compact else to_json(value)) + "\n"
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    write_bytes(path, data)


def write_text(path, text):
    write_bytes(path, text.encode("utf-8"))


class Folder:
    """An applicant folder: writes attachments and returns their MD5."""

    def __init__(self, dept, number):
        self.number = number
        self.path = os.path.join(ROOT, dept, number)
        os.makedirs(self.path, exist_ok=True)

    def file(self, name):
        return os.path.join(self.path, name)

    def own(self, suffix):
        return self.file("%s_%s" % (self.number, suffix))

    def attach(self, rel, data):
        write_bytes(self.file(rel), data)
        return md5_hex(data)

    def pdf(self, rel, *lines, pages=None):
        body = pages if pages else [list(lines)]
        return self.attach(rel, make_pdf(body, title=body[0][0]))


def check_id(letter, digits8):
    """Append the check digit of a (fake) Taiwanese national ID: letter + 8 digits -> 10 characters."""
    codes = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36)))
    n = codes[letter]
    total = n // 10 + (n % 10) * 9 + sum(int(d) * w for d, w in zip(digits8, range(8, 0, -1)))
    return "%s%s%d" % (letter, digits8, (10 - total % 10) % 10)


def sample_scores(rng, count, mean, sd):
    return [min(100, max(0, int(round(rng.gauss(mean, sd))))) for _ in range(count)]


def histogram(scores, full=False):
    bins = [0] * 100
    for s in scores:
        bins[min(int(s), 99)] += 1
    return {"組距%d_%d的人數" % (k, k + 1): bins[k] for k in range(100) if bins[k] or full}


def num(x):
    """86.0 -> 86, 86.5 -> 86.5"""
    return int(x) if float(x).is_integer() else x


# ------------------------------------------------------------------------------------------ 修課紀錄

CATEGORY = {"1": "部定必修", "2": "校訂必修", "3": "加深加廣選修", "5": "多元選修", "7": "校訂選修"}
DOMAIN = {"00": None, "01": "語文", "02": "數學", "03": "社會", "04": "自然科學", "05": "藝術", "06": "綜合活動",
          "07": "科技", "08": "健康與體育", "09": "全民國防教育", "0D": "專題探究", "0E": "跨領域/科目統整",
          "0H": "第二外國語文"}

# (科目名稱, 學分數, 課程類別 code (pos 17), 科目屬性 code (pos 19), 領域 code (pos 20-21), population kind)
GENERAL_PLAN = {
    (112, 1): [("國語文", 4, "1", "1", "01", "grade"), ("英語文", 4, "1", "1", "01", "grade"),
               ("數學", 4, "1", "1", "02", "grade"), ("歷史", 2, "1", "1", "03", "grade"),
               ("地理", 2, "1", "1", "03", "grade"), ("物理", 2, "1", "1", "04", "grade"),
               ("生物", 2, "1", "1", "04", "grade"), ("音樂", 1, "1", "1", "05", "grade"),
               ("體育", 2, "1", "1", "08", "grade"), ("生活科技", 2, "1", "1", "07", "grade"),
               ("文字的魔幻旅程", 2, "5", "1", "0E", "small")],
    (112, 2): [("國語文", 4, "1", "1", "01", "grade"), ("英語文", 4, "1", "1", "01", "grade"),
               ("數學", 4, "1", "1", "02", "grade"), ("歷史", 2, "1", "1", "03", "grade"),
               ("地理", 2, "1", "1", "03", "grade"), ("公民與社會", 2, "1", "1", "03", "grade"),
               ("化學", 2, "1", "1", "04", "grade"), ("地球科學", 2, "1", "1", "04", "grade"),
               ("美術", 1, "1", "1", "05", "grade"), ("體育", 2, "1", "1", "08", "grade"),
               ("資訊科技", 2, "1", "1", "07", "grade"), ("健康與護理", 1, "1", "1", "08", "grade")],
    (113, 1): [("國語文", 4, "1", "1", "01", "grade"), ("英語文", 4, "1", "1", "01", "grade"),
               ("數學B", 4, "1", "1", "02", "grade"), ("公民與社會", 2, "1", "1", "03", "grade"),
               ("全民國防教育", 1, "1", "1", "09", "grade"), ("藝術生活", 1, "1", "1", "05", "grade"),
               ("家政", 1, "1", "1", "06", "grade"), ("體育", 2, "1", "1", "08", "grade"),
               ("自然科學探究與實作", 2, "1", "1", "04", "grade"),
               ("語文表達及傳播應用", 2, "3", "1", "01", "elective")],
    (113, 2): [("國語文", 4, "1", "1", "01", "grade"), ("英語文", 4, "1", "1", "01", "grade"),
               ("數學B", 4, "1", "1", "02", "grade"), ("各類文學選讀", 2, "3", "1", "01", "elective"),
               ("英文閱讀與寫作", 2, "3", "1", "01", "elective"),
               ("探究與實作：歷史學探究", 2, "3", "1", "03", "elective"),
               ("自然科學探究與實作", 2, "1", "1", "04", "grade"), ("生涯規劃", 1, "1", "1", "06", "grade"),
               ("體育", 2, "1", "1", "08", "grade"), ("專題寫作", 2, "2", "1", "0D", "grade")],
    (114, 1): [("國語文", 4, "1", "1", "01", "grade"), ("英語文", 4, "1", "1", "01", "grade"),
               ("體育", 2, "1", "1", "08", "grade"), ("專題閱讀與研究", 2, "3", "1", "01", "elective"),
               ("社會環境議題", 2, "3", "1", "03", "elective"),
               ("現代社會與經濟", 2, "3", "1", "03", "elective"), ("數學乙", 4, "3", "1", "02", "elective"),
               ("第二外國語文－日語", 2, "5", "1", "0H", "small"), ("臺灣文學散步", 2, "7", "1", "0E", "small"),
               ("影像敘事", 2, "5", "1", "05", "small")],
}

VOC_PLAN_INFO = {  # 電機與電子群 資訊科
    (112, 1): [("國語文", 3, "1", "1", "01", "dept"), ("英語文", 2, "1", "1", "01", "dept"),
               ("數學", 2, "1", "1", "02", "dept"), ("歷史", 2, "1", "1", "03", "dept"),
               ("物理", 2, "1", "1", "04", "dept"), ("體育", 2, "1", "1", "08", "dept"),
               ("全民國防教育", 1, "1", "1", "09", "dept"), ("基本電學", 3, "1", "2", "00", "group"),
               ("基本電學實習", 3, "1", "3", "00", "dept"), ("程式設計實習", 3, "7", "3", "00", "dept")],
    (112, 2): [("國語文", 3, "1", "1", "01", "dept"), ("英語文", 2, "1", "1", "01", "dept"),
               ("數學", 2, "1", "1", "02", "dept"), ("地理", 2, "1", "1", "03", "dept"),
               ("化學", 2, "1", "1", "04", "dept"), ("體育", 2, "1", "1", "08", "dept"),
               ("健康與護理", 2, "1", "1", "08", "dept"), ("基本電學", 3, "1", "2", "00", "group"),
               ("電子學實習", 3, "1", "3", "00", "dept"), ("數位邏輯設計", 3, "1", "2", "00", "group")],
    (113, 1): [("國語文", 3, "1", "1", "01", "dept"), ("英語文", 2, "1", "1", "01", "dept"),
               ("數學", 2, "1", "1", "02", "dept"), ("公民與社會", 2, "1", "1", "03", "dept"),
               ("音樂", 1, "1", "1", "05", "dept"), ("體育", 2, "1", "1", "08", "dept"),
               ("電子學", 3, "1", "2", "00", "group"), ("微處理機", 3, "1", "2", "00", "group"),
               ("程式設計實習", 3, "7", "3", "00", "dept"), ("數位邏輯設計實習", 3, "1", "3", "00", "dept")],
    (113, 2): [("國語文", 3, "1", "1", "01", "dept"), ("英語文", 2, "1", "1", "01", "dept"),
               ("數學", 2, "1", "1", "02", "dept"), ("美術", 1, "1", "1", "05", "dept"),
               ("體育", 2, "1", "1", "08", "dept"), ("電子學", 3, "1", "2", "00", "group"),
               ("微處理機實習", 3, "1", "3", "00", "dept"), ("介面電路控制實習", 3, "7", "3", "00", "dept"),
               ("網頁設計實習", 3, "7", "3", "00", "dept")],
    (114, 1): [("國語文", 3, "1", "1", "01", "dept"), ("英語文", 2, "1", "1", "01", "dept"),
               ("體育", 2, "1", "1", "08", "dept"), ("專題實作", 3, "1", "3", "00", "dept"),
               ("電腦網路實習", 3, "7", "3", "00", "dept"), ("物聯網應用實習", 3, "7", "3", "00", "dept"),
               ("數學", 2, "7", "1", "02", "dept"), ("生涯規劃", 1, "1", "1", "06", "dept")],
}

VOC_PLAN_ELEC = {  # 電機與電子群 電子科: 8 or 9 courses a semester
    (112, 1): [("國語文", 3, "1", "1", "01", "dept"), ("英語文", 2, "1", "1", "01", "dept"),
               ("數學", 2, "1", "1", "02", "dept"), ("歷史", 2, "1", "1", "03", "dept"),
               ("體育", 2, "1", "1", "08", "dept"), ("基本電學", 3, "1", "2", "00", "group"),
               ("基本電學實習", 3, "1", "3", "00", "dept"), ("電工實習", 3, "7", "3", "00", "dept")],
    (112, 2): [("國語文", 3, "1", "1", "01", "dept"), ("英語文", 2, "1", "1", "01", "dept"),
               ("數學", 2, "1", "1", "02", "dept"), ("化學", 2, "1", "1", "04", "dept"),
               ("體育", 2, "1", "1", "08", "dept"), ("基本電學", 3, "1", "2", "00", "group"),
               ("電子學實習", 3, "1", "3", "00", "dept"), ("數位邏輯設計", 3, "1", "2", "00", "group")],
    (113, 1): [("國語文", 3, "1", "1", "01", "dept"), ("英語文", 2, "1", "1", "01", "dept"),
               ("數學", 2, "1", "1", "02", "dept"), ("公民與社會", 2, "1", "1", "03", "dept"),
               ("體育", 2, "1", "1", "08", "dept"), ("電子學", 3, "1", "2", "00", "group"),
               ("微處理機", 3, "1", "2", "00", "group"), ("可程式邏輯設計實習", 3, "7", "3", "00", "dept"),
               ("藝術生活", 1, "1", "1", "05", "dept")],
    (113, 2): [("國語文", 3, "1", "1", "01", "dept"), ("英語文", 2, "1", "1", "01", "dept"),
               ("數學", 2, "1", "1", "02", "dept"), ("體育", 2, "1", "1", "08", "dept"),
               ("電子學", 3, "1", "2", "00", "group"), ("微處理機實習", 3, "1", "3", "00", "dept"),
               ("感測器應用實習", 3, "7", "3", "00", "dept"), ("健康與護理", 2, "1", "1", "08", "dept")],
    (114, 1): [("國語文", 3, "1", "1", "01", "dept"), ("英語文", 2, "1", "1", "01", "dept"),
               ("體育", 2, "1", "1", "08", "dept"), ("專題實作", 3, "1", "3", "00", "dept"),
               ("嵌入式系統實習", 3, "7", "3", "00", "dept"), ("電子電路實習", 3, "7", "3", "00", "dept"),
               ("數學", 2, "7", "1", "02", "dept"), ("生涯規劃", 1, "1", "1", "06", "dept")],
}


def plan_codes(entry, school, track, plan):
    """科目名稱 -> 23-character 課程代碼, numbered as course_record numbers them (first category seen)."""
    codes = {}
    for courses in plan.values():
        for name, _credits, cat, attr, dom, _kind in courses:
            if name not in codes:
                codes[name] = "%03d%s%s%s%s0%s%s%02d" % (entry, school, track, "A", cat, attr, dom, len(codes) + 1)
    return codes


def course_record(rng, *, entry, school, track, plan, ability, pops, sem_pops, overrides=None,
                  null_dist=(), null_domain=(), mismatch=None, missing_score=(), no_code=(),
                  full_bins=(), as_strings=False):
    """Build a `_修課紀錄.json` object. Keys in the special-case sets are (學年度, 學期, 科目名稱)."""
    overrides = overrides or {}
    codes = plan_codes(entry, school, track, plan)
    records = []
    semesters = []
    for (year, term), courses in plan.items():
        weighted, credit_sum = 0.0, 0
        for name, credits, cat, attr, dom, kind in courses:
            key = (year, term, name)
            if key in overrides:
                score = overrides[key]
            else:
                base = ability.get(dom, ability["*"])
                score = max(45.0, min(99.0, rng.gauss(base, 4)))
                score = round(score * 2) / 2 if rng.random() < 0.2 else float(round(score))
            pop = pops[kind] + (rng.randint(-3, 3) if kind in ("elective", "small") else 0)
            class_mean = rng.uniform(66, 78)
            scores = sample_scores(rng, pop - 1, class_mean, rng.uniform(9, 14)) + [score]
            dist = histogram(scores, full=key in full_bins)
            if key == mismatch:  # deliberately inconsistent: two students missing from the histogram
                for k in sorted(dist, key=lambda b: -dist[b])[:2]:
                    dist[k] -= 1
            code = codes[name]
            assert len(code) == 23, code
            shown_score = None if key in missing_score else num(score)
            rec = {
                "實際修課學年度": year, "實際修課學期": term, "科目名稱": name, "學分數": credits,
                "課程類別": CATEGORY[cat],
                "課程領域資訊": None if (DOMAIN[dom] is None or key in null_domain) else {"名稱": DOMAIN[dom]},
                "課程代碼": "" if key in no_code else code,
                "學業成績": {"分數": -1 if shown_score is None else shown_score},
                "母體人數": pop,
                "本科目分數級距分布": None if key in null_dist else dist,
            }
            if as_strings:
                rec["實際修課學年度"] = str(year)
                rec["實際修課學期"] = str(term)
                rec["學分數"] = "%.1f" % credits
                if shown_score is not None:
                    rec["學業成績"]["分數"] = str(shown_score)
                rec["母體人數"] = str(pop)
            records.append(rec)
            if shown_score is not None:
                weighted += score * credits
                credit_sum += credits
        average = round(weighted / credit_sum, 2)
        sem = {"學年度": year, "學期": term, "學生學期成績": average}
        sem_mean = rng.uniform(72, 77)
        for label, n in zip(("校", "群別", "科班學程別"), sem_pops):
            scores = sample_scores(rng, n - 1, sem_mean, 8) + [average]
            sem["%s學習相對表現資訊" % label] = {"母體人數": n, "分數級距分布": histogram(scores, full=as_strings)}
        if as_strings:
            sem["學年度"], sem["學期"], sem["學生學期成績"] = str(year), str(term), "%.2f" % average
        semesters.append(sem)
    return {"學期成績與學習相對表現資訊": semesters, "學習紀錄": records}


# ------------------------------------------------------------------------------------------ profiles

def write_profiles():
    write_json(os.path.join(ROOT, "profiles", UNI + ".json"), {
        "招生學年度": 115,
        "招生管道": "申請入學",
        "校系代碼": UNI,
        "校系名稱": "國立臺灣大學 中國文學系",
        "審查項目": ["A", "B", "C", "D", "F", "G", "H", "J", "K", "N", "O", "P", "Q", "R"],
        "上限": {"課程學習成果": 3, "多元表現": 10},
        "字數上限": {"N": 800, "P": 1500},
        "圖片上限": {"N": 3},
    })
    write_json(os.path.join(ROOT, "profiles", TECH + ".json"), {
        "招生學年度": 115,
        "招生管道": "四技二專甄選入學",
        "校系代碼": TECH,
        "校系名稱": "國立嵐峰科技大學 資訊工程系",
        "審查項目": ["A", "B-1", "B-2", "C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7", "C-8",
                   "D-1", "D-2", "D-3"],
        "上限": {"B-1": 3},
    })


# ------------------------------------------------------------------------------------------ U1

def applicant_u1(rng):
    """01000101 林𡘙安: the full record. Over both caps, media, uppercase MD5, cadre list in 基本資料."""
    f = Folder(UNI, "01000101")
    U1C = plan_codes(112, "363901", "H11101", GENERAL_PLAN)
    write_json(f.own("基本資料.json"), {
        "應試號碼": "01000101",
        "學生中文姓名": "林𡘙安",
        "國民身分證統一編號(或居留證統一證號)": "A123456789",
        "學生出生年月日": "0970315",
        "就讀學校代碼": "363901",
        "學校名稱": "臺北市立芸澤高級中學",
        "學校地區": "臺北市",
        "群別": "普通型",
        "科班學程別": "普通科",
        "班別": "一般班",
        "學習型態": "一般",
        "擔任學校幹部經歷紀錄": [
            {"學年度": 112, "學期": 1, "單位名稱": "班級", "開始日期": "2023/08/30", "結束日期": "2024/01/19",
             "擔任職務名稱": "學藝股長", "幹部等級代碼": 2},
            {"學年度": 113, "學期": 1, "單位名稱": "學生會", "開始日期": "2024-08-30", "結束日期": "2025-01-20",
             "擔任職務名稱": "文書部部長", "幹部等級代碼": 1},
        ],
    }, bom=True)

    write_json(f.own("修課紀錄.json"), course_record(
        rng, entry=112, school="363901", track="H11101", plan=GENERAL_PLAN,
        ability={"01": 92, "03": 85, "05": 86, "02": 72, "04": 78, "*": 83},
        pops={"grade": 412, "elective": 164, "small": 34},
        sem_pops=(428, 412, 398),
        overrides={(113, 2, "各類文學選讀"): 100.0, (112, 2, "國語文"): 93.5, (113, 1, "數學B"): 61.0,
                   (112, 1, "國語文"): 86.5},
        null_dist={(114, 1, "臺灣文學散步")},
        null_domain={(112, 1, "文字的魔幻旅程")},
        mismatch=(113, 1, "語文表達及傳播應用"),
    ))

    outcomes = [
        {"科目名稱": "國語文", "實際修課學年度": 112, "實際修課學期": 2,
         "課程代碼": U1C["國語文"],
         "課程學習成果簡述": "比較〈桃花源記〉與《烏托邦》的理想世界書寫，討論「避世」與「改革」兩種想像的差異。",
         "課程學習成果文件檔案連結": "files/taohua-report.pdf",
         "文件檔案MD5": f.pdf("files/taohua-report.pdf", "Chinese literature report (synthetic sample)",
                             "Peach Blossom Spring and Utopia: two ideal worlds", "Applicant 01000101"),
         "認證狀態": "已認證"},
        {"科目名稱": "各類文學選讀", "實際修課學年度": 113, "實際修課學期": 2,
         "課程代碼": U1C["各類文學選讀"],
         "課程學習成果簡述": "整理張愛玲三篇小說中的月亮意象，分析月色與人物心境的對照。",
         "課程學習成果文件檔案連結": "files/moon-imagery.pdf",
         "文件檔案MD5": f.pdf("files/moon-imagery.pdf", "Literature reading report (synthetic sample)",
                             "Moon imagery in three short stories", "Applicant 01000101").upper(),
         "認證狀態": "已認證"},
        {"科目名稱": "語文表達及傳播應用", "實際修課學年度": 113, "實際修課學期": 1,
         "課程代碼": U1C["語文表達及傳播應用"],
         "課程學習成果簡述": "小組製作12分鐘Podcast〈巷口的詩〉，負責腳本撰寫與剪輯。",
         "課程學習成果文件檔案連結": "files/podcast-script.pdf",
         "文件檔案MD5": f.pdf("files/podcast-script.pdf", "Podcast script (synthetic sample)",
                             "Episode: Poems at the street corner, 12 minutes"),
         "課程學習成果影音檔案連結": "files/podcast-episode.mp4",
         "影音檔案MD5": f.attach("files/podcast-episode.mp4", make_mp4("podcast episode 01000101")),
         "認證狀態": "已認證", "審查項目代碼": "C"},
        {"科目名稱": "自然科學探究與實作", "實際修課學年度": 113, "實際修課學期": 1,
         "課程代碼": U1C["自然科學探究與實作"],
         "課程學習成果簡述": "用Python分析2024年校園噪音量測資料，探討下課時間分貝值與樓層的關係。",
         "課程學習成果文件檔案連結": "files/noise-study.pdf",
         "文件檔案MD5": f.pdf("files/noise-study.pdf", "Inquiry report (synthetic sample)",
                             "Campus noise levels by floor, measured in 2024", "Analysis in Python"),
         "認證狀態": "已認證", "審查項目代碼": "D"},
        {"科目名稱": "化學", "實際修課學年度": 112, "實際修課學期": 2,
         "課程代碼": U1C["化學"],
         "課程學習成果簡述": "以紫高麗菜汁製作酸鹼指示劑，拍攝十種家用液體的顏色變化。",
         "課程學習成果文件檔案連結": "files/indicator-colours.png",
         "文件檔案MD5": f.attach("files/indicator-colours.png", make_png(160, 120, seed=1)),
         "認證狀態": "已認證", "審查項目代碼": "D"},
        {"科目名稱": "歷史", "實際修課學年度": 112, "實際修課學期": 1,
         "課程代碼": U1C["歷史"],
         "課程學習成果簡述": "訪問社區耆老，整理1960年代城南市場的變遷口述紀錄。",
         "課程學習成果文件檔案連結": "files/oral-history.pdf",
         "文件檔案MD5": f.pdf("files/oral-history.pdf", "Oral history notes (synthetic sample)",
                             "A market in the south of the city, 1960s"),
         "認證狀態": "已認證", "審查項目代碼": "E"},
    ]
    # Within the department's cap of 3: two outcomes filed under E, which 001012 does not take
    # (left out, and said so).
    outcomes[1]["審查項目代碼"] = "E"
    outcomes[3]["審查項目代碼"] = "E"
    write_json(f.own("課程學習成果.json"), outcomes)

    perf = {
        "幹部經歷暨事蹟紀錄": [
            {"單位名稱": "古典詩社", "開始日期": "2024/08/30", "結束日期": "2025/06/30", "擔任職務名稱": "社長",
             "幹部等級代碼": 3, "內容簡述": "規劃「選讀、仿作、互評」三階段社課，帶領社員完成兩本油印詩集。"},
            {"單位名稱": "校刊社", "開始日期": "2024-02-01", "結束日期": "2025-01-20", "擔任職務名稱": "主編",
             "幹部等級代碼": 3, "內容簡述": "主編校刊《芸聲》第12期，規劃「城南舊事」專題。",
             "證明文件連結": "files/zine-editor-letter.pdf",
             "證明文件MD5": f.pdf("files/zine-editor-letter.pdf", "Editor appointment letter (synthetic sample)",
                                  "School magazine, issue 12")},
        ],
        "競賽參與紀錄": [
            {"競賽名稱": "全國學生文學獎", "競賽等級代碼": 3, "競賽獎項": "佳作", "結果公布日期": "2024/11/22",
             "項目": "高中散文組", "團體或個人參與代碼": 1,
             "內容簡述": "散文〈外婆的醬菜罐〉，寫三代人與一罐醬菜的記憶。",
             "證明文件連結": "files/essay-award.pdf",
             "證明文件MD5": f.pdf("files/essay-award.pdf", "Certificate of merit (synthetic sample)",
                                  "National student literature award, prose")},
            {"競賽名稱": "臺北市學生語文競賽", "競賽等級代碼": 2, "競賽獎項": "第二名", "結果公布日期": "2024-03-15",
             "項目": "高中學生組作文", "團體或個人參與代碼": 1},
            {"競賽名稱": "芸澤高中校內詩詞創作比賽", "競賽等級代碼": 1, "競賽獎項": "第一名",
             "結果公布日期": "2023/12/08", "項目": "近體詩", "團體或個人參與代碼": 1,
             "內容簡述": "七言絕句〈冬至〉。"},
        ],
        "檢定證照紀錄": [
            {"證照資訊": {"證照區域": "國內", "證照類別": "語言能力", "證照名稱": "全民英語能力分級檢定測驗中級"},
             "取得證照日期": "2024/06/28", "分項結果": "初試：通過；複試：通過", "檢定證照結果分數": 172,
             "檢定證照字號": "SYN-2024-000101"},
        ],
        "服務學習紀錄": [
            {"服務名稱": "社區圖書室說故事志工", "服務單位名稱": "芸澤里活動中心", "開始日期": "2023/09/02",
             "結束日期": "2024/06/15", "服務學習時數": 24, "內容簡述": "每月兩次為國小學童導讀繪本。"},
        ],
        "彈性學習時間紀錄": [
            {"學年度": 113, "學期": 1, "彈性學習時間類別代碼": 1, "內容_開設名稱": "《全唐詩》植物詞頻分析",
             "開設單位": "芸澤高中教務處", "每週節數": 2, "開設週數": 18,
             "內容簡述": "用Python統計《全唐詩》植物名稱出現次數，並繪製前二十名長條圖。",
             "證明文件連結": "files/tang-plants.pdf",
             "證明文件MD5": f.pdf("files/tang-plants.pdf", "Self-directed learning report (synthetic sample)",
                                  "Plant names in Tang poetry: a word count in Python")},
            {"學年度": 112, "學期": 2, "彈性學習時間類別代碼": 1, "內容_開設名稱": "《詩經》植物圖鑑",
             "開設單位": "芸澤高中教務處", "每週節數": 2, "開設週數": 16,
             "內容簡述": "繪製《詩經》中三十種植物的圖鑑並附今名考證。"},
        ],
        "職場學習紀錄": [
            {"職場學習類別代碼": 1, "職場學習單位": "青雲文化出版有限公司", "職場學習職稱": "編輯部見習生",
             "開始日期": "2024/07/08", "結束日期": "2024/07/19", "時數": 40,
             "內容簡述": "協助校對兩本散文集書稿，學習出版流程。"},
        ],
        "作品成果紀錄": [
            {"名稱": "校刊《芸聲》第12期「城南舊事」專題", "作品日期": "2025/01/10",
             "作品成果連結": "https://zine.example.org/yunsheng/12",
             "內容簡述": "訪問三家在地老店，撰寫專題報導三篇。",
             "證明文件連結": "files/zine-cover.png",
             "證明文件MD5": f.attach("files/zine-cover.png", make_png(120, 160, seed=2))},
        ],
        "團體活動時間紀錄": [
            {"學年度": 112, "學期": 1, "團體活動時間類別代碼": 2, "辦理單位": "古典詩社",
             "團體活動內容名稱": "古典詩社社課：平仄與對仗", "節數或時數": 18},
            {"學年度": 112, "學期": 2, "團體活動時間類別代碼": 2, "辦理單位": "古典詩社",
             "團體活動內容名稱": "古典詩社社課：樂府詩選讀", "節數或時數": 18},
        ],
        "其他多元表現紀錄": [
            {"名稱": "城南地方文史田野調查小誌", "主辦單位": "芸澤高中圖書館", "開始日期": "2024/03/01",
             "結束日期": "2024/05/31", "時數": 30, "內容簡述": "與同學合編地方文史小誌，負責撰寫老店訪談。",
             "審查項目代碼": "K"},
        ],
    }
    # Within the cap of 10: two records filed under M, which 001012 does not take.
    perf["競賽參與紀錄"][2]["審查項目代碼"] = "M"
    perf["彈性學習時間紀錄"][1]["審查項目代碼"] = "M"
    write_json(f.own("多元表現.json"), perf)

    write_text(f.own("多元表現綜整心得.md"), essays.U1_N_MD)
    write_text(f.own("高中學習歷程反思.txt"), essays.U1_O_TXT)
    write_text(f.own("就讀動機.md"), essays.U1_P_MD)
    write_text(f.own("未來學習計畫與生涯規劃.txt"), essays.U1_Q_TXT)
    f.pdf("01000101_其他有利審查資料.pdf", pages=[
        ["Other supporting material (synthetic sample)", "Applicant 01000101", "Page 1 of 2: reading list"],
        ["Other supporting material (synthetic sample)", "Page 2 of 2: poetry club anthology, table of contents"]])
    f.pdf("01000101_第6學期成績單.pdf", "Semester 6 transcript (synthetic sample)",
          "Applicant 01000101, school year 114, term 2", "Sent by the school; not part of the central database")
    return f


# ------------------------------------------------------------------------------------------ U2

def applicant_u2(rng):
    """01000102 陳𠮷祥: UTF-16 LE 基本資料, strings for numbers, 修課紀錄 JSON + PDF, no 多元表現, no P."""
    f = Folder(UNI, "01000102")
    U2C = plan_codes(112, "014399", "H11101", GENERAL_PLAN)
    write_json(f.own("基本資料.json"), {
        "應試號碼": "01000102",
        "學生中文姓名": "陳𠮷祥",
        "國民身分證統一編號(或居留證統一證號)": check_id("F", "12345678"),
        "學生出生年月日": "0961122",
        "就讀學校代碼": "014399",
        "學校名稱": "新北市立雲岫高級中學",
        "學校地區": "新北市",
        "群別": "普通型",
        "科班學程別": "普通科",
        "班別": "一般班",
        "學習型態": "一般",
    }, encoding="utf-16-le")

    write_json(f.own("修課紀錄.json"), course_record(
        rng, entry=112, school="014399", track="H11101", plan=GENERAL_PLAN,
        ability={"03": 91, "01": 87, "02": 68, "*": 80},
        pops={"grade": 356, "elective": 128, "small": 30},
        sem_pops=(356, 356, 340),
        overrides={(113, 2, "探究與實作：歷史學探究"): 96.0},
        missing_score={(112, 1, "音樂")},
        no_code={(112, 1, "音樂")},
        full_bins={(112, 1, "國語文")},
        as_strings=True,
    ), compact=True)
    f.pdf("01000102_修課紀錄.pdf", pages=[
        ["Course record as sent by the school (synthetic sample)", "Applicant 01000102",
         "School years 112-114, terms 1-5", "This PDF accompanies the JSON record."],
        ["Course record (synthetic sample), page 2", "Signature block: registrar (invented)"]])

    outcomes = [
        {"科目名稱": "探究與實作：歷史學探究", "應修課學年度": "113", "應修課學期": "2",
         "課程代碼": U2C["探究與實作：歷史學探究"],
         "課程學習成果簡述": "以家族遷徙為題，訪問3位長輩並繪製從漳州到三峽的遷徙路線圖。",
         "課程學習成果文件檔案連結": "files/migration-map.pdf",
         "文件檔案MD5": f.pdf("files/migration-map.pdf", "History inquiry report (synthetic sample)",
                             "A family migration route, Zhangzhou to Sanxia"),
         "認證狀態": "已認證"},
        {"科目名稱": "國語文", "實際修課學年度": "112", "實際修課學期": "2",
         "課程代碼": U2C["國語文"],
         "課程學習成果簡述": "整理族譜中的二十個異體字，對照《說文解字》說明字形演變。",
         "課程學習成果文件檔案連結": "files/variant-characters.pdf",
         # deliberately wrong: the MD5 of an earlier draft, not of this file
         "文件檔案MD5": "0f3c9b2d6a8e41c7b5d2e9f8a1c3b7d4",
         "認證狀態": "已認證"},
        {"科目名稱": "公民與社會", "實際修課學年度": "112", "實際修課學期": "2",
         "課程代碼": U2C["公民與社會"],
         "課程學習成果簡述": "調查新北市三個里的垃圾分類執行情形，提出改善建議。",
         "課程學習成果文件檔案連結": "files/recycling-survey.pdf",
         "文件檔案MD5": f.pdf("files/recycling-survey.pdf", "Civics survey (synthetic sample)",
                             "Waste sorting in three neighbourhoods"),
         "認證狀態": "已認證"},
    ]
    f.pdf("files/variant-characters.pdf", "Variant characters in a family register (synthetic sample)",
          "Twenty variant forms compared with the Shuowen", "Applicant 01000102")
    write_json(f.own("課程學習成果.json"), outcomes)

    write_text(f.own("高中學習歷程反思.txt"), essays.U2_O_TXT)
    write_text(f.own("未來學習計畫與生涯規劃.md"), essays.U2_Q_MD)
    return f


# ------------------------------------------------------------------------------------------ U3

def applicant_u3(rng):
    """01000103 張語涵: cadre list in _多元表現.json, aliases, ROC dates, missing values, mp3, external link,
    an impossible date, a 簡述 over 100 characters, combined 學習歷程自述.pdf."""
    f = Folder(UNI, "01000103")
    U3C = plan_codes(112, "063998", "H11101", GENERAL_PLAN)
    write_json(f.own("基本資料.json"), {
        "應試號碼": "01000103",
        "學生中文姓名": "張語涵",
        "國民身分證統一編號(或居留證統一證號)": check_id("B", "22345678"),
        "學生出生年月日": "0970704",
        "就讀學校代碼": "063998",
        "學校名稱": "臺中市立翠峰高級中學",
        "學校地區": "臺中市",
        "群別": "普通型",
        "科班學程別": "普通科",
        "班別": "一般班",
        "學習型態": "一般",
    })

    write_json(f.own("修課紀錄.json"), course_record(
        rng, entry=112, school="063998", track="H11101", plan=GENERAL_PLAN,
        ability={"01": 88, "05": 90, "*": 80},
        pops={"grade": 520, "elective": 190, "small": 38},
        sem_pops=(540, 520, 520),
        null_dist={(112, 1, "文字的魔幻旅程")},
        null_domain={(114, 1, "臺灣文學散步")},
    ))

    long_summary = ("閱讀〈鄉愁〉與〈鄉愁四韻〉兩首詩，比較詩人如何以郵票、船票、墳墓與海峽四個意象層層推進，"
                    "將個人的離散經驗轉化為一代人的集體記憶；並嘗試仿作一首以「公車票」為意象的短詩，"
                    "記錄自己從山城搬到市區求學的心情，最後附上同學互評與自我修改紀錄。")
    outcomes = [
        {"科目名稱": "國語文", "實際修課學年度": 113, "實際修課學期": 1,
         "課程代碼": U3C["國語文"],
         "課程學習成果簡述": long_summary,
         "課程學習成果文件檔案連結": "files/nostalgia-poems.pdf",
         "文件檔案MD5": f.pdf("files/nostalgia-poems.pdf", "Poetry reading report (synthetic sample)",
                             "Four images of homesickness, and an imitation poem"),
         "認證狀態": "已認證"},
        {"科目名稱": "美術", "實際修課學年度": 112, "實際修課學期": 2,
         "課程代碼": U3C["美術"],
         "課程學習成果簡述": "臨摹老街招牌字三幅，並以楷書創作「翠峰」二字。",
         "課程學習成果文件檔案連結": "files/calligraphy.jpg",
         "文件檔案MD5": f.attach("files/calligraphy.jpg", make_jpeg(
             "Calligraphy (synthetic)", [(0.96, 0.93, 0.85), (0.55, 0.35, 0.25), (0.8, 0.1, 0.1), (0.1, 0.1, 0.1)])),
         "認證狀態": "已認證", "審查項目代碼": "C"},
    ]
    write_json(f.own("課程學習成果.json"), outcomes)

    perf = {
        "校方建立幹部經歷紀錄": [
            {"學年度": 112, "學期": 1, "單位名稱": "班級", "開始日期": "1120830", "結束日期": "1130119",
             "擔任職務名稱": "班長", "幹部等級代碼": 2},
            {"學年度": 113, "學期": 1, "單位名稱": "學生會", "開始日期": "113/08/30",
             "結束日期": "2025/02/30", "擔任職務名稱": "文書", "幹部等級代碼": 1},
        ],
        "競賽參與紀錄": [
            {"競賽名稱": "臺中市學生語文競賽", "競賽等級代碼": "2", "競賽獎項": "第三名", "結果公布日期": "113/11/20",
             "競賽項目組別": "高中學生組朗讀（國語）", "團體或個人參與代碼": "1",
             "內容簡述": "自選篇目〈鄉愁〉，附比賽錄音。",
             "影音檔案連結": "files/recital.mp3",
             "影音檔案MD5": f.attach("files/recital.mp3", make_mp3("Recital 01000103 (synthetic)")),
             "外部影音連結": "https://video.example.org/watch/syn-01000103-recital"},
        ],
        "彈性學習時間紀錄": [
            {"學年度": "113", "學期": "2", "彈性學習時間類別代碼": "1", "內容(開設名稱)": "臺中老街的招牌字",
             "開設單位": "翠峰高中教務處", "每週節數": "2", "開設週數": -1,
             "內容簡述": "走訪12條老街拍攝招牌，整理成字體圖鑑。",
             "證明文件連結": "files/signboards.pdf",
             "證明文件MD5": f.pdf("files/signboards.pdf", "Signboard lettering catalogue (synthetic sample)",
                                  "Twelve old streets, three hundred photographs")},
        ],
        "團體活動時間紀錄": [
            {"學年度": 112, "學期": 2, "團體活動時間類別代碼": 2, "辦理單位": "書法社",
             "團體活動內容名稱": "書法社社課", "節數": "18"},
            {"學年度": 113, "學期": 1, "團體活動時間類別代碼": 1, "辦理單位": "二年七班",
             "團體活動內容名稱": "班級活動：校慶園遊會籌備", "節數": ""},
        ],
        "大學及技專校院先修課程紀錄": [
            {"計畫專案": "大學先修課程", "開設單位": "國立翠湖大學", "課程名稱": "文字學入門", "開始日期": "1130701",
             "結束日期": "1130726", "學分數": 2, "總時數": 36, "內容簡述": None},
        ],
    }
    write_json(f.own("多元表現.json"), perf)

    write_text(f.own("多元表現綜整心得.txt"), essays.U3_N_TXT)
    f.pdf("01000103_學習歷程自述.pdf", pages=[
        ["Learning portfolio statement (synthetic sample)", "Applicant 01000103",
         "Part 1: reflection on senior-high learning"],
        ["Learning portfolio statement (synthetic sample)", "Part 2: motivation"],
        ["Learning portfolio statement (synthetic sample)", "Part 3: study plan and career plan"]])
    return f


# ------------------------------------------------------------------------------------------ U4

def applicant_u4(rng):
    """01000104 吳柏諺: sparse. 修課紀錄 only as PDF, one outcome, no 多元表現, only P."""
    f = Folder(UNI, "01000104")
    U4C = plan_codes(112, "523997", "H11101", GENERAL_PLAN)
    write_json(f.own("基本資料.json"), {
        "應試號碼": "01000104",
        "學生中文姓名": "吳柏諺",
        "國民身分證統一編號(或居留證統一證號)": check_id("E", "12345678"),
        "學生出生年月日": "0970109",
        "就讀學校代碼": "523997",
        "學校名稱": "高雄市立港灣高級中學",
        "學校地區": "高雄市",
        "群別": "普通型",
        "科班學程別": "普通科",
        "班別": "",
        "學習型態": None,
        "擔任學校幹部經歷紀錄": [],
    })
    # A scan: no text and no fonts, so this packet keeps its PDF/A claim (the other samples' PDFs
    # use Helvetica without embedding it, and so do not).
    f.attach("01000104_修課紀錄.pdf", make_scan_pdf())
    outcomes = [
        {"科目名稱": "國語文", "實際修課學年度": 113, "實際修課學期": 2,
         "課程代碼": U4C["國語文"],
         "課程學習成果簡述": "讀書會導讀〈孔乙己〉的講稿與討論紀錄。",
         "課程學習成果文件檔案連結": "files/reading-circle.jpg",
         "文件檔案MD5": f.attach("files/reading-circle.jpg", make_jpeg(
             "Reading circle (synthetic)", [(0.85, 0.92, 0.98), (0.2, 0.5, 0.3), (1.0, 0.8, 0.1), (0.3, 0.3, 0.6)])),
         "課程學習成果影音檔案連結": "", "影音檔案MD5": None,
         "認證狀態": "已認證"},
    ]
    write_json(f.own("課程學習成果.json"), outcomes)
    write_text(f.own("就讀動機.txt"), essays.U4_P_TXT)
    return f


# ------------------------------------------------------------------------------------------ T1

def applicant_t1(rng):
    """02050001 黃冠勳 (四技申請): B-1/B-2 by 成果類別, its own 審查項目代碼, C-1…C-8, combined D-2 PDF."""
    f = Folder(TECH, "02050001")
    T1C = plan_codes(112, "193995", "V30301", VOC_PLAN_INFO)
    write_json(f.own("基本資料.json"), {
        "應試號碼": "02050001",
        "學生中文姓名": "黃冠勳",
        "國民身分證統一編號(或居留證統一證號)": check_id("H", "12345678"),
        "學生出生年月日": "0961230",
        "就讀學校代碼": "193995",
        "學校名稱": "國立嵐山高級工業職業學校",
        "學校地區": "臺中市",
        "群別": "電機與電子群",
        "科班學程別": "資訊科",
        "班別": "一般班",
        "學習型態": "一般",
        "擔任學校幹部經歷紀錄": [
            {"學年度": 113, "學期": 1, "單位名稱": "電腦實習工場", "開始日期": "2024-08-30",
             "結束日期": "2025-01-20", "擔任職務名稱": "實習幹部", "幹部等級代碼": 4},
        ],
    })
    write_json(f.own("修課紀錄.json"), course_record(
        rng, entry=112, school="193995", track="V30301", plan=VOC_PLAN_INFO,
        ability={"00": 88, "01": 76, "02": 74, "*": 78},
        pops={"dept": 86, "group": 258},
        sem_pops=(640, 258, 86),
        overrides={(114, 1, "專題實作"): 97.0, (113, 1, "程式設計實習"): 95.5},
    ))
    outcomes = [
        {"科目名稱": "專題實作", "實際修課學年度": 114, "實際修課學期": 1,
         "課程代碼": T1C["專題實作"],
         "課程學習成果簡述": "以ESP32製作智慧盆栽監測系統，量測土壤濕度並推播通知。",
         "課程學習成果文件檔案連結": "files/smart-planter.pdf",
         "文件檔案MD5": f.pdf("files/smart-planter.pdf", "Capstone project report (synthetic sample)",
                             "A smart planter: soil moisture sensing with an ESP32"),
         "課程學習成果影音檔案連結": "files/smart-planter-demo.mp4",
         "影音檔案MD5": f.attach("files/smart-planter-demo.mp4", make_mp4("smart planter demo 02050001")),
         "認證狀態": "已認證", "成果類別": 1},
        {"科目名稱": "程式設計實習", "實際修課學年度": 113, "實際修課學期": 1,
         "課程代碼": T1C["程式設計實習"],
         "課程學習成果簡述": "用C語言實作圖書借閱管理程式，含排序與檔案存取。",
         "課程學習成果文件檔案連結": "files/library-app.pdf",
         "文件檔案MD5": f.pdf("files/library-app.pdf", "Programming lab report (synthetic sample)",
                             "A library loan manager in C"),
         "認證狀態": "已認證", "成果類別": "1"},
        {"科目名稱": "微處理機實習", "實際修課學年度": 113, "實際修課學期": 2,
         "課程代碼": T1C["微處理機實習"],
         "課程學習成果簡述": "以8051控制七段顯示器製作倒數計時器。",
         "課程學習成果文件檔案連結": "files/countdown-timer.pdf",
         "文件檔案MD5": f.pdf("files/countdown-timer.pdf", "Microprocessor lab report (synthetic sample)",
                             "A countdown timer on seven-segment displays"),
         "認證狀態": "已認證", "成果類別": 1, "審查項目代碼": "B-2"},
        {"科目名稱": "英語文", "實際修課學年度": 112, "實際修課學期": 2,
         "課程代碼": T1C["英語文"],
         "課程學習成果簡述": "英文簡報：介紹自己設計的校園導覽App。",
         "課程學習成果文件檔案連結": "files/english-slides.pdf",
         "文件檔案MD5": f.pdf("files/english-slides.pdf", "English presentation slides (synthetic sample)",
                             "A campus guide app"),
         "認證狀態": "已認證", "成果類別": 2},
    ]
    write_json(f.own("課程學習成果.json"), outcomes)
    perf = {
        "競賽參與紀錄": [
            {"競賽名稱": "全國高職資訊技藝競賽", "競賽等級代碼": 3, "競賽獎項": "第五名", "結果公布日期": "2024-12-06",
             "項目": "程式設計職類", "團體或個人參與代碼": 1,
             "內容簡述": "五小時內完成六道程式設計題。",
             "證明文件連結": "files/skills-contest.pdf",
             "證明文件MD5": f.pdf("files/skills-contest.pdf", "Skills contest certificate (synthetic sample)",
                                  "Programming, fifth place")},
        ],
        "檢定證照紀錄": [
            {"證照資訊": {"證照區域": "國內", "證照類別": "技術士證", "證照名稱": "電腦軟體應用丙級技術士"},
             "取得檢定證照日期": "2024-06-21", "分項結果": "學科：合格；術科：合格", "檢定證照結果分數": "",
             "檢定證照字號": "SYN-C-0001"},
            {"證照資訊": {"證照區域": "國內", "證照類別": "語言能力", "證照名稱": "全民英語能力分級檢定測驗初級"},
             "取得證照日期": "2023-12-15", "分項結果": "初試：通過", "檢定證照結果分數": "165",
             "檢定證照字號": "SYN-2023-000201"},
        ],
        "職場學習紀錄": [
            {"職場學習類別代碼": 1, "職場學習單位": "嵐山資訊股份有限公司", "職場學習職稱": "軟體測試實習生",
             "開始日期": "2024-07-01", "結束日期": "2024-07-26", "時數": 80,
             "內容簡述": "撰寫倉儲管理系統的測試案例，回報二十餘項缺陷。"},
        ],
        "彈性學習時間紀錄": [
            {"學年度": 113, "學期": 2, "彈性學習時間類別代碼": 2, "內容_開設名稱": "資訊技藝競賽選手培訓",
             "開設單位": "嵐山高工資訊科", "每週節數": 3, "開設週數": 18},
        ],
        "大學及技專校院先修課程紀錄": [
            {"計畫專案": "高中職生先修課程", "開設單位": "國立嵐峰科技大學", "課程名稱": "物聯網導論",
             "開始日期": "2024-09-07", "結束日期": "2025-01-11", "學分數": 2, "總時數": 36,
             "內容簡述": "以MQTT傳送感測資料至雲端並製作儀表板。"},
        ],
    }
    write_json(f.own("多元表現.json"), perf)
    write_text(f.own("多元表現綜整心得.md"), essays.T1_N_MD)
    f.pdf("02050001_學習歷程自述.pdf", pages=[
        ["Learning portfolio statement (synthetic sample)", "Applicant 02050001", "Reflection, motivation, plan"],
        ["Learning portfolio statement (synthetic sample)", "Page 2"]])
    f.pdf("02050001_其他有利審查資料.pdf", "Other supporting material (synthetic sample)",
          "Applicant 02050001", "Open-source contribution log")
    return f


# ------------------------------------------------------------------------------------------ T2

def applicant_t2(rng):
    """02050002 蔡佩蓉 (四技申請): O/P/Q files as D-2, no D-1 and D-3, ROC dates, numbers as strings."""
    f = Folder(TECH, "02050002")
    T2C = plan_codes(112, "033996", "V30201", VOC_PLAN_ELEC)
    write_json(f.own("基本資料.json"), {
        "應試號碼": "02050002",
        "學生中文姓名": "蔡佩\U000F0000",  # a Plane-15 character (CNS 11643 private use, TW-Sung-Plus)
        "國民身分證統一編號(或居留證統一證號)": check_id("H", "22345678"),
        "學生出生年月日": "0970521",
        "就讀學校代碼": "033996",
        "學校名稱": "桃園市立鶯湖高級中等學校",
        "學校地區": "桃園市",
        "群別": "電機與電子群",
        "科班學程別": "電子科",
        "班別": "一般班",
        "學習型態": "一般",
    })
    write_json(f.own("修課紀錄.json"), course_record(
        rng, entry=112, school="033996", track="V30201", plan=VOC_PLAN_ELEC,
        ability={"00": 85, "01": 82, "*": 79},
        pops={"dept": 78, "group": 190},
        sem_pops=(560, 190, 78),
    ))
    outcomes = [
        {"科目名稱": "專題實作", "實際修課學年度": "114", "實際修課學期": "1",
         "課程代碼": T2C["專題實作"],
         "課程學習成果簡述": "智慧藥盒：以Arduino控制蜂鳴器與LED提醒長者按時服藥。",
         "課程學習成果文件檔案連結": "files/pillbox.pdf",
         "文件檔案MD5": f.pdf("files/pillbox.pdf", "Capstone project report (synthetic sample)",
                             "A smart pill box with reminders"),
         "認證狀態": "已認證", "成果類別": "1"},
        {"科目名稱": "基本電學實習", "實際修課學年度": 112, "實際修課學期": 1,
         "課程代碼": T2C["基本電學實習"],
         "課程學習成果簡述": "驗證克希荷夫定律：理論值與三用電錶量測值比較。",
         "課程學習成果文件檔案連結": "files/kirchhoff-lab.pdf",
         "文件檔案MD5": f.pdf("files/kirchhoff-lab.pdf", "Circuit lab report (synthetic sample)",
                             "Kirchhoff's laws: computed and measured values"),
         "認證狀態": "已認證", "成果類別": 2},
    ]
    write_json(f.own("課程學習成果.json"), outcomes)
    perf = {
        "幹部經歷暨事蹟紀錄": [
            {"單位名稱": "鶯湖高中志工隊", "開始日期": "1130901", "結束日期": "1140630", "擔任職務名稱": "副隊長",
             "幹部等級代碼": 3, "內容簡述": "排定社區關懷據點的志工班表。"},
        ],
        "檢定證照紀錄": [
            {"證照資訊": {"證照區域": "國內", "證照類別": "技術士證", "證照名稱": "數位電子乙級技術士"},
             "取得證照日期": "114/03/28", "分項結果": "學科：合格；術科：合格", "檢定證照結果分數": None,
             "檢定證照字號": "SYN-B-0002"},
        ],
        "服務學習紀錄": [
            {"服務名稱": "長輩手機教學", "服務單位名稱": "鶯湖社區關懷據點", "開始日期": "113/03/02",
             "結束日期": "114/01/11", "服務學習時數": "62", "內容簡述": "教長輩使用視訊通話與行動支付。",
             "證明文件連結": "files/service-hours.pdf",
             "證明文件MD5": f.pdf("files/service-hours.pdf", "Service learning hours (synthetic sample)",
                                  "62 hours, community care centre")},
        ],
        "團體活動時間紀錄": [
            {"學年度": 112, "學期": 1, "團體活動時間類別代碼": 2, "辦理單位": "機器人研究社",
             "團體活動內容名稱": "機器人研究社社課", "節數或時數": 18},
            {"學年度": 113, "學期": 2, "團體活動時間類別代碼": 3, "辦理單位": "學生自治會",
             "團體活動內容名稱": "學生自治會幹部培訓", "節數或時數": "6"},
        ],
        "其他多元表現紀錄": [
            {"名稱": "校慶電子看板製作", "主辦單位": "鶯湖高中學務處", "開始日期": "1131001", "結束日期": "1131115",
             "時數": 20, "內容簡述": "以LED矩陣製作校慶倒數看板。"},
        ],
    }
    write_json(f.own("多元表現.json"), perf)
    write_text(f.own("高中學習歷程反思.txt"), essays.T2_O_TXT)
    write_text(f.own("就讀動機.md"), essays.T2_P_MD)
    write_text(f.own("未來學習計畫與生涯規劃.txt"), essays.T2_Q_TXT)
    return f


# ------------------------------------------------------------------------------------------ U5

def applicant_u5(rng):
    """01000105 周品妤: 自行上傳PDF檔 for B and J instead of ticking records; self-written N, P."""
    f = Folder(UNI, "01000105")
    write_json(f.own("基本資料.json"), {
        "應試號碼": "01000105",
        "學生中文姓名": "周品妤",
        "國民身分證統一編號(或居留證統一證號)": check_id("N", "22345678"),
        "學生出生年月日": "0970918",
        "就讀學校代碼": "133997",
        "學校名稱": "新竹市立竹風高級中學",
        "學校地區": "新竹市",
        "群別": "普通型",
        "科班學程別": "普通科",
        "班別": "一般班",
        "學習型態": "一般",
    })
    write_json(f.own("修課紀錄.json"), course_record(
        rng, entry=112, school="133997", track="H11101", plan=GENERAL_PLAN,
        ability={"01": 89, "03": 84, "*": 80},
        pops={"grade": 356, "elective": 142, "small": 30},
        sem_pops=(372, 356, 340),
    ))
    # No _課程學習成果.json and no _多元表現.json: this department receives the student's own PDFs.
    f.pdf("01000105_自行上傳_B.pdf", pages=[
        ["Uploaded course outcome (synthetic sample)", "Applicant 01000105", "Reading notes: essays of the Ming"],
        ["Uploaded course outcome (synthetic sample)", "Page 2: annotated bibliography"]])
    f.pdf("01000105_自行上傳_J.pdf", "Uploaded competition record (synthetic sample)",
          "Applicant 01000105", "City essay contest, second prize")
    write_text(f.own("多元表現綜整心得.md"), essays.U1_N_MD)
    write_text(f.own("就讀動機.txt"), essays.U4_P_TXT)
    return f


# ------------------------------------------------------------------------------------------ S1

STUDENT = "03000001"


def student_record(rng):
    """students/03000001 李宥辰: a 專業群 student's whole record (every certified item of six semesters),
    with one tick list per department: 勾選/001012.json (申請入學) and 勾選/2A0105.json (四技二專甄選入學)."""
    f = Folder("students", STUDENT)
    C = plan_codes(112, "083995", "V30301", VOC_PLAN_INFO)
    write_json(f.own("基本資料.json"), {
        "應試號碼": STUDENT,
        "學生中文姓名": "李宥辰",
        "國民身分證統一編號(或居留證統一證號)": check_id("K", "12345678"),
        "學生出生年月日": "0970812",
        "就讀學校代碼": "083995",
        "學校名稱": "國立松嶺高級工業職業學校",
        "學校地區": "南投縣",
        "群別": "電機與電子群",
        "科班學程別": "資訊科",
        "班別": "一般班",
        "學習型態": "一般",
        "擔任學校幹部經歷紀錄": [
            {"學年度": 112, "學期": 2, "單位名稱": "班級", "開始日期": "2024-02-15", "結束日期": "2024-06-30",
             "擔任職務名稱": "資訊股長", "幹部等級代碼": 2},
        ],
    })
    write_json(f.own("修課紀錄.json"), course_record(
        rng, entry=112, school="083995", track="V30301", plan=VOC_PLAN_INFO,
        ability={"00": 87, "01": 80, "02": 75, "*": 79},
        pops={"dept": 82, "group": 244},
        sem_pops=(610, 244, 82),
    ))

    def outcome(n, name, year, term, summary, category, lines):
        rel = "files/outcome-%d.pdf" % n
        return {"科目名稱": name, "實際修課學年度": year, "實際修課學期": term,
                "課程代碼": C.get(name, ""), "課程學習成果簡述": summary,
                "課程學習成果文件檔案連結": rel,
                "文件檔案MD5": f.pdf(rel, "Course outcome %d (synthetic sample)" % n, *lines),
                "認證狀態": "已認證", "成果類別": category}

    # Every outcome certified (only those are in a student's record to tick); semesters 1-6.
    outcomes = [
        outcome(1, "基本電學實習", 112, 1, "惠斯登電橋量測電阻，比較三種接法的誤差。", 1, ["Wheatstone bridge lab"]),
        outcome(2, "數位邏輯設計", 112, 2, "設計七段顯示解碼器並以麵包板驗證真值表。", 1, ["Seven-segment decoder"]),
        outcome(3, "國語文", 112, 2, "讀莫泊桑〈項鍊〉寫心得，並仿寫一篇校園版結局。", 2, ["Reading notes"]),
        outcome(4, "程式設計實習", 113, 1, "以Python撰寫班級點名系統，含座位表匯出。", 1, ["Roll-call program in Python"]),
        outcome(5, "英語文", 113, 1, "英文科技短文摘要：電動機車電池交換站。", 2, ["Summary of a technical article"]),
        outcome(6, "微處理機實習", 113, 2, "以8051控制步進馬達，製作自動窗簾模型。", 1, ["Stepper motor curtain"]),
        outcome(7, "網頁設計實習", 113, 2, "為資訊研究社設計響應式社團網站。", 1, ["Club website"]),
        outcome(8, "專題實作", 114, 1, "影像辨識垃圾分類機：以樹莓派分辨寶特瓶與鋁罐。", 1, ["Sorting machine"]),
        outcome(9, "物聯網應用實習", 114, 2, "溫室溫濕度監測與雲端警示儀表板。", 1, ["Greenhouse monitor"]),
    ]
    write_json(f.own("課程學習成果.json"), outcomes)

    perf = {
        "幹部經歷暨事蹟紀錄": [
            {"單位名稱": "資訊研究社", "開始日期": "2024-08-30", "結束日期": "2025-06-30", "擔任職務名稱": "社長",
             "幹部等級代碼": 3, "內容簡述": "規劃每週程式解題社課，帶領社員參加校際交流。"},
            {"單位名稱": "松嶺高工學生會", "開始日期": "2025-09-01", "結束日期": "2026-01-20", "擔任職務名稱": "資訊長",
             "幹部等級代碼": 1, "內容簡述": "維護學生會網站與線上投票系統。"},
        ],
        "競賽參與紀錄": [
            {"競賽名稱": "松嶺高工校內程式設計競賽", "競賽等級代碼": 1, "競賽獎項": "第一名", "結果公布日期": "2024-05-10",
             "項目": "程式設計", "團體或個人參與代碼": 1},
            {"競賽名稱": "全國高級中等學校工業類學生技藝競賽", "競賽等級代碼": 3, "競賽獎項": "第七名",
             "結果公布日期": "2025-03-21", "項目": "工業電子職類", "團體或個人參與代碼": 1,
             "內容簡述": "兩日內完成電路裝配與微控制器程式。",
             "證明文件連結": "files/skills-contest.pdf",
             "證明文件MD5": f.pdf("files/skills-contest.pdf", "Skills contest certificate (synthetic sample)",
                                  "Industrial electronics, seventh place")},
            {"競賽名稱": "南投縣中小學科學展覽會", "競賽等級代碼": 2, "競賽獎項": "佳作", "結果公布日期": "2025-11-14",
             "項目": "高級中等學校組 工程學", "團體或個人參與代碼": 2},
        ],
        "檢定證照紀錄": [
            {"證照資訊": {"證照區域": "國內", "證照類別": "技術士證", "證照名稱": "電腦軟體應用丙級技術士"},
             "取得證照日期": "2024-06-14", "分項結果": "學科：合格；術科：合格", "檢定證照結果分數": "",
             "檢定證照字號": "SYN-C-0311"},
            {"證照資訊": {"證照區域": "國內", "證照類別": "技術士證", "證照名稱": "工業電子丙級技術士"},
             "取得證照日期": "2025-01-10", "分項結果": "學科：合格；術科：合格", "檢定證照結果分數": "",
             "檢定證照字號": "SYN-C-0312"},
            {"證照資訊": {"證照區域": "國內", "證照類別": "技術士證", "證照名稱": "網頁設計乙級技術士"},
             "取得證照日期": "2026-03-20", "分項結果": "學科：合格；術科：合格", "檢定證照結果分數": "",
             "檢定證照字號": "SYN-B-0313"},
        ],
        "服務學習紀錄": [
            {"服務名稱": "社區長者電腦教學", "服務單位名稱": "松嶺社區發展協會", "開始日期": "2024-09-07",
             "結束日期": "2025-01-11", "服務學習時數": 24, "內容簡述": "教長者使用通訊軟體與線上掛號。"},
            {"服務名稱": "國小程式體驗營助教", "服務單位名稱": "松嶺國民小學", "開始日期": "2026-03-07",
             "結束日期": "2026-04-25", "服務學習時數": 16, "內容簡述": "帶國小學生以積木程式控制機器車。"},
        ],
        "彈性學習時間紀錄": [
            {"學年度": 113, "學期": 1, "彈性學習時間類別代碼": 1, "內容(開設名稱)": "自主學習：Arduino氣象站",
             "開設單位": "松嶺高工教務處", "每週節數": 2, "開設週數": 18,
             "內容簡述": "自組氣象站量測校園溫濕度與氣壓。"},
            {"學年度": 113, "學期": 2, "彈性學習時間類別代碼": 2, "內容(開設名稱)": "工業電子選手培訓",
             "開設單位": "松嶺高工資訊科", "每週節數": 3, "開設週數": 18},
        ],
        "團體活動時間紀錄": [
            {"學年度": 112, "學期": 1, "團體活動時間類別代碼": 2, "辦理單位": "資訊研究社",
             "團體活動內容名稱": "資訊研究社社課", "節數或時數": 18},
        ],
        "職場學習紀錄": [
            {"職場學習類別代碼": 1, "職場學習單位": "松嶺電子股份有限公司", "職場學習職稱": "產線測試實習生",
             "開始日期": "2024-07-08", "結束日期": "2024-07-26", "時數": 60,
             "內容簡述": "協助電路板功能測試並記錄不良品原因。"},
        ],
        "作品成果紀錄": [
            {"名稱": "校園失物招領網站", "內容簡述": "以Flask製作失物登錄與認領頁面，試用兩個月。",
             "作品日期": "2025-05-02", "作品成果連結": "https://portfolio.example.org/syn-03000001/lost-and-found"},
        ],
        "其他多元表現紀錄": [
            {"名稱": "校園網路佈線志工", "主辦單位": "松嶺高工圖書館", "開始日期": "2025-10-01", "結束日期": "2025-12-20",
             "時數": 30, "內容簡述": "協助圖書館重新佈線與交換器設定。"},
        ],
        "大學及技專校院先修課程紀錄": [
            {"計畫專案": "高中職生先修課程", "開設單位": "國立嵐峰科技大學", "課程名稱": "嵌入式系統導論",
             "開始日期": "2025-09-06", "結束日期": "2026-01-10", "學分數": 2, "總時數": 36,
             "內容簡述": "以STM32開發板實作中斷與計時器。"},
        ],
    }
    write_json(f.own("多元表現.json"), perf)
    write_text(f.own("多元表現綜整心得.md"), essays.T1_N_MD)
    f.pdf(STUDENT + "_學習歷程自述.pdf", pages=[
        ["Learning portfolio statement (synthetic sample)", "Record 03000001", "Reflection"],
        ["Learning portfolio statement (synthetic sample)", "Motivation and study plan"]])
    f.pdf(STUDENT + "_其他有利審查資料.pdf", "Other supporting material (synthetic sample)", "Record 03000001",
          "Open-source contribution log")

    # One tick list per department: within its caps and the 專業群 window (semesters 1-4).
    write_json(f.file("勾選/" + UNI + ".json"), {
        "校系代碼": UNI, "方式": "勾選",
        "課程學習成果": ["課程學習成果:3", "課程學習成果:5", "課程學習成果:4"],
        "多元表現": ["幹部經歷暨事蹟紀錄:1", "競賽參與紀錄:2", "彈性學習時間紀錄:1", "團體活動時間紀錄:1",
                 "作品成果紀錄:1"],
    })
    write_json(f.file("勾選/" + TECH + ".json"), {
        "校系代碼": TECH, "方式": "勾選",
        "課程學習成果": ["課程學習成果:1", "課程學習成果:4", "課程學習成果:6", "課程學習成果:5"],
        "多元表現": ["競賽參與紀錄:2", "檢定證照紀錄:1", "檢定證照紀錄:2", "服務學習紀錄:1", "職場學習紀錄:1",
                 "彈性學習時間紀錄:2", "幹部經歷暨事蹟紀錄:1"],
    })
    return f


def main():
    for sub in ("profiles", UNI, TECH, "students"):
        shutil.rmtree(os.path.join(ROOT, sub), ignore_errors=True)
    rng = random.Random(SEED)
    write_profiles()
    for build in (applicant_u1, applicant_u2, applicant_u3, applicant_u4, applicant_t1, applicant_t2,
                  applicant_u5, student_record):
        build(rng)
    print("samples written under", ROOT)


if __name__ == "__main__":
    main()
